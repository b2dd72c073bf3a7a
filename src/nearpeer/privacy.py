"""Small-cell suppression for reports, so no count can point at a few identifiable people.

Rules (also in the docstrings below):
- A count from 1 to threshold - 1 is hidden (None). Zero is shown: it says nobody is in the cell,
  which needs no protection, and hiding zeros would hide most of a sparse table for nothing.
- When totals are shown, a hidden count must not be recoverable by subtraction: no row or column
  (its total included) may have exactly one hidden entry. While one does, the smallest other
  visible entry of that line is hidden too (a non-zero cell first, then a zero, then the line's
  total), until nothing changes.
- Averages of anonymous answers are shown only when at least threshold people answered.
This checks each row and column on its own, the common rule for published tables; it does not
solve for every combination of lines at once.
No Django import.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from statistics import fmean
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
R = TypeVar("R", bound=Hashable)
C = TypeVar("C", bound=Hashable)

TOTAL = object()  # the key of a row's or column's total inside the working grid


def _check(value: object, where: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"the count for {where!r} must be a whole number of 0 or more")
    return value


def _check_threshold(threshold: int) -> None:
    if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < 1:
        raise ValueError("threshold must be a whole number of 1 or more")


def is_small(count: int, threshold: int) -> bool:
    """True for a count that would point at fewer than threshold people (1..threshold-1)."""
    return 0 < count < threshold


def suppress(cells: Mapping[K, int], *, threshold: int = 5) -> dict[K, int | None]:
    """Hide (None) every count from 1 to threshold - 1; zeros and larger counts are shown."""
    _check_threshold(threshold)
    return {
        key: None if is_small(_check(value, key), threshold) else value
        for key, value in cells.items()
    }


@dataclass(frozen=True)
class SuppressedTable(Generic[R, C]):
    cells: dict[R, dict[C, int | None]]
    row_totals: dict[R, int | None]
    column_totals: dict[C, int | None]
    total: int | None


def suppress_table(
    rows: Mapping[R, Mapping[C, int]], threshold: int = 5, with_totals: bool = True
) -> SuppressedTable[R, C]:
    """Hide small counts and, when totals are shown, enough others that none can be worked out.

    A column missing from a row counts as 0. Without totals only small counts are hidden (and the
    totals come back as None)."""
    _check_threshold(threshold)
    columns: list[C] = list(dict.fromkeys(c for row in rows.values() for c in row))
    grid: dict[tuple[object, object], int] = {}
    for r, row in rows.items():
        for c in columns:
            grid[r, c] = _check(row.get(c, 0), (r, c))
    for r in rows:
        grid[r, TOTAL] = sum(grid[r, c] for c in columns)
    for c in columns:
        grid[TOTAL, c] = sum(grid[r, c] for r in rows)
    grid[TOTAL, TOTAL] = sum(grid[r, TOTAL] for r in rows)
    hidden = {key for key, value in grid.items() if is_small(value, threshold)}
    if with_totals:
        lines = [[(r, c) for c in [*columns, TOTAL]] for r in [*rows, TOTAL]]
        lines += [[(r, c) for r in [*rows, TOTAL]] for c in [*columns, TOTAL]]
        _protect(grid, hidden, lines)

    def shown(key: tuple[object, object]) -> int | None:
        return None if key in hidden else grid[key]

    return SuppressedTable(
        cells={r: {c: shown((r, c)) for c in columns} for r in rows},
        row_totals={r: shown((r, TOTAL)) if with_totals else None for r in rows},
        column_totals={c: shown((TOTAL, c)) if with_totals else None for c in columns},
        total=shown((TOTAL, TOTAL)) if with_totals else None,
    )


def _protect(
    grid: dict[tuple[object, object], int],
    hidden: set[tuple[object, object]],
    lines: list[list[tuple[object, object]]],
) -> None:
    """Complementary suppression: repeat until no line has exactly one hidden entry."""
    lines_of: dict[tuple[object, object], list[list[tuple[object, object]]]] = {}
    for line in lines:
        for key in line:
            lines_of.setdefault(key, []).append(line)

    def cost(key: tuple[object, object], line: list[tuple[object, object]]) -> tuple:
        # Give up a total last and a zero late (hiding a zero protects little); prefer a cell whose
        # other line already hides something, so the hiding does not spread; then the smallest.
        other = [x for x in lines_of[key] if x is not line]
        spreads = any(not any(k in hidden for k in x) for x in other)
        return (TOTAL in key, grid[key] == 0, spreads, grid[key], line.index(key))

    changed = True
    while changed:
        changed = False
        for line in lines:
            if len(line) < 2 or sum(key in hidden for key in line) != 1:
                continue
            hidden.add(min((k for k in line if k not in hidden), key=lambda k: cost(k, line)))
            changed = True


def mean_if_enough(values: Iterable[float], threshold: int = 5) -> float | None:
    """The mean of anonymous answers, or None when fewer than threshold people answered."""
    _check_threshold(threshold)
    answers = list(values)
    return fmean(answers) if len(answers) >= threshold else None
