"""Plan outlines as text and back, and the plan-to-plan comparison. Pure: no Django import.

An outline is a list of timed segments ``{"title": str, "minutes": int, "detail": str}``. On
forms it is written one segment per line: ``Title | minutes | detail``.
"""

import difflib
import itertools
from dataclasses import dataclass, field

MAX_SEGMENT_MINUTES = 90


def outline_format(segments: list[dict]) -> str:
    """The outline as form text, one ``Title | minutes | detail`` line per segment."""
    lines = []
    for segment in segments:
        detail = str(segment.get("detail", "")).strip()
        line = f"{segment.get('title', '')} | {segment.get('minutes', '')}"
        lines.append(f"{line} | {detail}" if detail else line)
    return "\n".join(lines)


def outline_parse(text: str) -> tuple[list[dict], list[str]]:
    """Segments from form text, and one plain error per line that can't be read (with its
    line number). Blank lines are skipped."""
    segments: list[dict] = []
    errors: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        parts = [part.strip() for part in raw.split("|", 2)]
        if len(parts) < 2:
            errors.append(
                f"Line {number}: write the segment as “Title | minutes | detail”, for example "
                "“Check-in | 10 | One word for your week”."
            )
            continue
        title, minutes, detail = (*parts, "")[:3]
        if not title:
            errors.append(f"Line {number}: the segment needs a title before the first “|”.")
            continue
        if not minutes.isdigit() or not 1 <= int(minutes) <= MAX_SEGMENT_MINUTES:
            errors.append(
                f"Line {number}: the minutes must be a whole number from 1 to "
                f"{MAX_SEGMENT_MINUTES}, not “{minutes}”."
            )
            continue
        segments.append({"title": title, "minutes": int(minutes), "detail": detail})
    return segments, errors


def outline_total(segments: list[dict]) -> int:
    return sum(int(s.get("minutes", 0)) for s in segments)


def segment_line(segment: dict) -> str:
    """One segment as a line for reading and comparing."""
    detail = str(segment.get("detail", "")).strip()
    head = f"{segment.get('title', '')} ({segment.get('minutes', '?')} min)"
    return f"{head}: {detail}" if detail else head


@dataclass
class DiffRow:
    """One row of a two-column comparison. ``kind``: same, changed, removed (left only) or
    added (right only)."""

    left: str
    right: str
    kind: str


@dataclass
class FieldDiff:
    name: str
    label: str
    rows: list[DiffRow] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(row.kind != "same" for row in self.rows)

    @property
    def status(self) -> str:
        """same, reordered (the same lines in another order) or changed."""
        if not self.changed:
            return "same"
        return "reordered" if all(row.kind in ("moved", "same") for row in self.rows) else "changed"


def lines_diff(left: list[str], right: list[str]) -> list[DiffRow]:
    """Align two lists of lines side by side with difflib; the same lines in another order are
    "moved" rows (the field was reordered, nothing in it changed)."""
    if left != right and sorted(left) == sorted(right):
        return [
            DiffRow(a, b, "same" if a == b else "moved") for a, b in zip(left, right, strict=True)
        ]
    rows: list[DiffRow] = []
    matcher = difflib.SequenceMatcher(a=left, b=right, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows += [DiffRow(a, a, "same") for a in left[i1:i2]]
            continue
        for a, b in itertools.zip_longest(left[i1:i2], right[j1:j2]):
            if a is None:
                rows.append(DiffRow("", b, "added"))
            elif b is None:
                rows.append(DiffRow(a, "", "removed"))
            else:
                rows.append(DiffRow(a, b, "changed"))
    return rows


# (field, label, how to turn the value into lines). Techniques and audience are sets: their order
# means nothing, so they are compared sorted and a new order is no change at all.
DIFF_FIELDS = (
    ("title", "Title", lambda v: [v]),
    ("summary", "Summary", lambda v: v.splitlines()),
    ("goals", "Goals", list),
    ("techniques", "Techniques", sorted),
    ("outline", "Outline", lambda v: [segment_line(s) for s in v]),
    ("minutes", "Minutes", lambda v: [str(v)]),
    ("facilitator_guide", "Facilitator guide", lambda v: v.splitlines()),
    ("materials", "Materials", lambda v: v.splitlines()),
    ("audience", "Suits", sorted),
)


def plan_diff(left: dict, right: dict, labels: dict[str, dict[str, str]] | None = None):
    """Field-by-field comparison of two plans given as dicts of their content. ``labels`` maps a
    field's stored values to the words shown (for techniques and audience)."""
    labels = labels or {}
    diffs = []
    for name, label, as_lines in DIFF_FIELDS:
        names = labels.get(name, {})
        a = [names.get(x, x) for x in as_lines(left.get(name, ""))]
        b = [names.get(x, x) for x in as_lines(right.get(name, ""))]
        diffs.append(FieldDiff(name=name, label=label, rows=lines_diff(a, b)))
    return diffs
