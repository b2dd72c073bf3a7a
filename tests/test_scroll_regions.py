"""A table too wide for a phone scrolls in its own box; keyboard users must be able to scroll it
too (axe: scrollable-region-focusable), so every such box is a named, focusable region."""

import re
from pathlib import Path

import nearpeer

TEMPLATES = Path(nearpeer.__file__).parent
SCROLL_BOX = re.compile(r"<div class=\"table-scroll\"[^>]*>")


def test_every_scrolling_table_box_can_be_reached_and_named_by_keyboard_users():
    boxes = {
        f"{path.relative_to(TEMPLATES)}: {tag}"
        for path in TEMPLATES.rglob("*.html")
        for tag in SCROLL_BOX.findall(path.read_text())
    }
    assert boxes, "no template uses .table-scroll any more: remove this test"
    unreachable = sorted(
        box
        for box in boxes
        if not (
            'tabindex="0"' in box
            and 'role="region"' in box
            and ('aria-label="' in box or 'aria-labelledby="' in box)
        )
    )
    assert not unreachable, "scroll boxes keyboard users can't reach:\n" + "\n".join(unreachable)
