"""The registry of live blocks: platform data shown on any page of the public site.

A live block is a key, a label for editors, a default heading, a template and a function that
reads its data. Editors add a "Live platform data" block to a page and choose one by its label;
the page reads the data when it is shown, so it is always current.

    live.register(
        "decisions",
        label=_("Public decisions (latest)"),
        heading=_("Our latest decisions"),
        template="site/live/decisions.html",
        data=lambda request: {"decisions": decisions.selectors.public_register(limit=10)},
    )

`data(request)` returns the template's context, or None to show nothing. It must run a fixed
number of queries, whatever the amount of data (the page's query count is tested at two sizes).
A block of public data that changes rarely names a `core.cache` namespace (`cache=`): its HTML
is then kept until a write bumps that namespace (per language, heading and block id). Only for
blocks that show every visitor the same thing.
The site sits above every other app, so the blocks are registered here (`live_blocks.py`), each
reading the selectors of its app. See docs/apps/site.md.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe

from maillage.core import cache

DataFunction = Callable[[HttpRequest | None], Mapping[str, Any] | None]


@dataclass(frozen=True)
class LiveBlock:
    key: str
    label: Promise | str
    heading: Promise | str
    template: str
    data: DataFunction
    cache: str | None = None


_REGISTRY: dict[str, LiveBlock] = {}


def register(
    key: str,
    *,
    label: Promise | str,
    heading: Promise | str,
    template: str,
    data: DataFunction,
    cache: str | None = None,
) -> LiveBlock:
    """Add (or replace) the live block `key`."""
    block = LiveBlock(
        key=key, label=label, heading=heading, template=template, data=data, cache=cache
    )
    _REGISTRY[key] = block
    return block


def unregister(key: str) -> None:
    _REGISTRY.pop(key, None)


def get(key: str) -> LiveBlock | None:
    return _REGISTRY.get(key)


def registered() -> tuple[LiveBlock, ...]:
    return tuple(_REGISTRY.values())


def choices() -> list[tuple[str, str]]:
    """The blocks editors may choose, in registration order (read when a form is built)."""
    return [(block.key, str(block.label)) for block in _REGISTRY.values()]


def render(key: str, *, heading: str = "", context: Mapping[str, Any]) -> SafeString:
    """The HTML of the live block `key`, or nothing when it is unknown or has no data."""
    block = _REGISTRY.get(key)
    if block is None:
        return mark_safe("")  # a block whose app was removed shows nothing
    request = context.get("request")
    heading = heading or str(block.heading)
    block_id = f"live-{key}-{context.get('block_id') or 'block'}"
    page = context.get("page")

    def html() -> SafeString:
        data = block.data(request)
        if data is None:
            return mark_safe("")
        rendered = render_to_string(
            block.template,
            {**data, "heading": heading, "block_id": block_id, "page": page},
            request=request,
        )
        # Templates escape their variables: the rendered HTML is safe to insert as is.
        return mark_safe(rendered)

    if block.cache is None:
        return html()
    return cache.fragment(
        block.cache, visibility="public", filters=[key, heading, block_id], render=html
    )


def register_builtin() -> None:
    from maillage.site import live_blocks

    live_blocks.register_all()
