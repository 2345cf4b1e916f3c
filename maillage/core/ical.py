"""iCalendar (RFC 5545) content lines written as plain text.

A feed of a thousand events built with the `icalendar` package spends most of its time in that
package's generic machinery (a component, a typed value and a folded line per property). The feeds
write their few kinds of lines themselves with these helpers, which give the same text the package
gives: the same escaping of TEXT values, the same folding.
"""

from __future__ import annotations

import datetime as dt

FOLD_LIMIT = 75  # octets, the line break excluded


def text(value: str) -> str:
    """A TEXT value escaped (RFC 5545 3.3.11), in the order the `icalendar` package uses: a
    literal "\\N" is first a line break, every line break becomes "\\n"."""
    return (
        value.replace(r"\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", r"\;")
        .replace(",", r"\,")
        .replace("\r\n", r"\n")
        .replace("\n", r"\n")
        .replace("\r", r"\n")
    )


def utc(moment: dt.datetime) -> str:
    """A DATE-TIME in UTC: 20260304T151617Z."""
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def date(day: dt.date) -> str:
    return day.strftime("%Y%m%d")


def fold(line: str) -> str:
    """A content line folded under 75 octets, as the `icalendar` package folds it: each piece
    the longest that fits, but an escape's backslash (or "^") never ends a piece, it starts the
    next one."""
    if len(line.encode()) < FOLD_LIMIT:
        return line
    budget = FOLD_LIMIT - 1
    parts: list[str] = []
    start, end = 0, len(line)
    while start < end:
        size = min(budget, end - start)
        # The longest piece within the budget: a character takes 1 to 4 octets, so dropping
        # the excess divided by 4 (rounded up) never drops one that fits.
        while (excess := len(line[start : start + size].encode()) - budget) > 0:
            size -= -(-excess // 4)
        if start + size < end and size > 1 and line[start + size - 1] in "\\^":
            size -= 1
        parts.append(line[start : start + size])
        start += size
    return "\r\n ".join(parts)


def lines(content: list[str]) -> bytes:
    """The content lines folded, each ended by CRLF, in UTF-8."""
    return "".join(fold(line) + "\r\n" for line in content).encode()
