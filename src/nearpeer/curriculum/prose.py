"""Plain text that people write (a facilitator guide) shown as formatted, safe HTML: blank lines
split paragraphs; lines starting "- ", "* " or "• " are a bulleted list, lines starting "1. " or
"1) " a numbered list. Every piece of text is escaped: no HTML from the data reaches the page."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_BULLET = re.compile(r"^\s*[-*•]\s+(.*)$")
_NUMBER = re.compile(r"^\s*\d+[.)]\s+(.*)$")


def _kind(line: str) -> tuple[str, str]:
    if match := _BULLET.match(line):
        return "ul", match.group(1)
    if match := _NUMBER.match(line):
        return "ol", match.group(1)
    return "p", line.strip()


def formatted(text: str) -> SafeString:
    """Paragraphs and lists from plain text, every bit of text escaped."""
    out: list[str] = []
    block: str | None = None
    lines: list[str] = []

    def close():
        if block == "p":
            out.append("<p>" + "<br>".join(escape(line) for line in lines) + "</p>")
        elif block:
            items = "".join(f"<li>{escape(line)}</li>" for line in lines)
            out.append(f"<{block}>{items}</{block}>")

    for raw in (text or "").replace("\r\n", "\n").split("\n"):
        if not raw.strip():
            close()
            block, lines = None, []
            continue
        kind, content = _kind(raw)
        if kind != block:
            close()
            block, lines = kind, []
        lines.append(content)
    close()
    return mark_safe("\n".join(out))  # noqa: S308 - every piece of text above is escaped
