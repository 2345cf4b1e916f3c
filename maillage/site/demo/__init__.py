"""Demo content of the public site, in French with a short English version of each page.

Written for Maillage from the collective's public facts (its history from the regional committee
of the Alliances pour la solidarité to the collective, its territory, its collaboration model, its
strategies); the news article and the event are fictional. Called by `manage.py load_demo` after
the other apps; a second run creates nothing new and changes nothing an editor changed.
"""

from maillage.site.demo.loader import load

__all__ = ["load"]
