"""The portrait's pages, one module per subject: thin, over the selectors."""

from maillage.portrait.views.downloads import indicators_download, territory_download
from maillage.portrait.views.indicators import import_upload, index
from maillage.portrait.views.territories import territory

__all__ = ["import_upload", "index", "indicators_download", "territory", "territory_download"]
