"""The public site holds no personal information of its own: its pages are written by staff
for the public. Wagtail remembers who created a page (its owner): "my data" shows it."""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from maillage.core.models import User
from maillage.core.personal import Row, Section, exempt, register_export

PAGES_PURPOSE = _("To know who created each page of the public site.")

for page_model in (
    "HomePage",
    "StandardPage",
    "SectionIndexPage",
    "NewsIndexPage",
    "NewsArticlePage",
    "EventIndexPage",
    "EventPage",
    "GlossaryPage",
):
    exempt(
        f"site.{page_model}",
        fields=["intro"],
        reason=_("The lead of a public page, written by staff for the public."),
    )
exempt(
    "site.GlossaryTerm",
    fields=["definition"],
    reason=_("The public definition of a term, written by staff."),
)


def export_site(account: User) -> list[Section]:
    pages = (
        Page.objects.filter(owner=account)
        .order_by("first_published_at", "pk")
        .values_list("title", "url_path", "first_published_at", "live")
    )
    return [
        Section(
            key="site.pages",
            title=_("Pages of the public site you created"),
            purpose=PAGES_PURPOSE,
            rows=[
                Row(
                    {
                        gettext("Title"): title,
                        gettext("Path"): path,
                        gettext("First published"): published,
                        gettext("Published"): live,
                    }
                )
                for title, path, published, live in pages
            ],
        )
    ]


register_export("site", export_site)
exempt(
    "site.Newsletter",
    fields=["body"],
    reason=_("A newsletter, written by staff for the people who asked to receive it."),
)
