"""StreamField blocks of the public site: editorial blocks and the live blocks of platform data.

A live block names an entry of the registry in `maillage.site.live` (its choices are read when the
form is built, so an app that registers a new one needs no migration here).
"""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from maillage.site import live

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]

LANGUAGE_CHOICES = [("", _("Language of the page")), ("fr-CA", "Français"), ("en", "English")]


def optional_line(label: Promise, *, max_length: int = 200, **options: Any) -> blocks.CharBlock:
    """A line of text the editor may leave empty."""
    return blocks.CharBlock(label=label, required=False, max_length=max_length, **options)


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("Section heading")), ("h3", _("Subsection heading"))],
        default="h2",
    )
    anchor = optional_line(
        _("anchor"),
        max_length=60,
        help_text=_("Optional: a short identifier (letters, digits, hyphens) to link to."),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "site/blocks/heading.html"


class CalloutBlock(blocks.StructBlock):
    title = optional_line(_("title"))
    text = blocks.RichTextBlock(label=_("text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "info-circle"
        label = _("Highlighted box")
        template = "site/blocks/callout.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("quotation"))
    attribution = optional_line(_("source"))
    language = blocks.ChoiceBlock(
        label=_("language of the quotation"),
        choices=LANGUAGE_CHOICES,
        required=False,
        help_text=_("Set it when the quotation is not in the language of the page."),
    )

    class Meta:
        icon = "openquote"
        label = _("Quotation")
        template = "site/blocks/quote.html"


class GlossaryTermsBlock(blocks.StructBlock):
    """Terms of the glossary, with their definitions and a link to the glossary."""

    heading = optional_line(_("heading"))
    terms = blocks.ListBlock(SnippetChooserBlock("site.GlossaryTerm"), label=_("terms"))

    class Meta:
        icon = "help"
        label = _("Glossary terms")
        template = "site/blocks/glossary_terms.html"


class LiveDataBlock(blocks.StructBlock):
    """Platform data, read when the page is shown (territory, partners, circles, …)."""

    source = blocks.ChoiceBlock(label=_("data shown"), choices=live.choices)
    heading = optional_line(
        _("heading"), help_text=_("Leave empty for the default heading of this data.")
    )

    class Meta:
        icon = "table"
        label = _("Live platform data")

    def render(self, value: Any, context: dict[str, Any] | None = None) -> SafeString:
        return live.render(value["source"], heading=value["heading"], context=context or {})


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Text"), features=RICH_TEXT_FEATURES, template="site/blocks/paragraph.html"
    )
    callout = CalloutBlock()
    quote = QuoteBlock()
    terms = GlossaryTermsBlock()
    live = LiveDataBlock()

    class Meta:
        label = _("content")
