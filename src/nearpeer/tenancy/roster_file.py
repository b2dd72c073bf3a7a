"""Reading a roster file: program staff upload a CSV of people (name, email, program, cohort,
role). This module only reads the file and checks each row on its own (the header, the cells,
emails, repeated people); the checks that need the database and the writes are in roster.py.

One bad row rejects the whole file, and the person is told every row to fix. Line numbers are the
rows a spreadsheet shows: line 1 is the header, the first person is line 2.
"""

import csv
import io
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from nearpeer.tenancy.models import Role

COLUMNS = ("name", "email", "program", "cohort", "role")
FILE_LINE = 0  # RowError.line for a problem with the whole file rather than one line
_NAME_MAX, _EMAIL_MAX, _COHORT_MAX = 200, 254, 100
_EXPECTED = (
    f"Put the column names ({', '.join(COLUMNS)}) on the first line and one person per line below."
)


@dataclass(frozen=True)
class RowError:
    line: int
    reason: str


class RosterRejected(Exception):
    """Nothing was imported; ``errors`` lists every line to fix, in line order."""

    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__(f"{len(errors)} problem(s) in the roster file")


@dataclass(frozen=True)
class RosterRow:
    line: int
    name: str
    email: str  # lower-cased
    program: str
    cohort: str
    role: str
    email_ok: bool = True


@dataclass
class Problems:
    """The problems found so far, by line: the file's own here, the database's in roster.py."""

    by_line: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(self, line: int, reason: str) -> None:
        self.by_line[line].append(reason)

    def errors(self) -> list[RowError]:
        return [RowError(line, " ".join(r)) for line, r in sorted(self.by_line.items())]


def quoted(value: str, limit: int = 60) -> str:
    """A cell value quoted back to the person, cut short so a page stays readable."""
    return f"“{value if len(value) <= limit else value[: limit - 1] + '…'}”"


def plain_size(n: int) -> str:
    """2097152 -> '2 MB'; 1536 -> '1.5 KB': sizes as a person says them."""
    for unit, size in (("MB", 1024 * 1024), ("KB", 1024)):
        if n >= size:
            return f"{n / size:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"


def _decode(data: bytes, max_bytes: int) -> str:
    if len(data) > max_bytes:
        raise RosterRejected(
            [
                RowError(
                    FILE_LINE,
                    f"This file is too large: the most nearpeer accepts is {plain_size(max_bytes)} "
                    "(a few thousand people). Split it into smaller files and upload each one.",
                )
            ]
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise RosterRejected(
            [
                RowError(
                    line,
                    "This file isn't saved as UTF-8 text, so some letters can't be read "
                    "(the first one is on this line). In Excel choose “Save as” and then "
                    "“CSV UTF-8 (Comma delimited)”; in Google Sheets use “Download as CSV”.",
                )
            ]
        ) from None


def _delimiter(text: str) -> str:
    """Commas, or the semicolons or tabs some spreadsheet settings write instead."""
    first = text.split("\n", 1)[0]
    if "," not in first:
        for candidate in (";", "\t"):
            if candidate in first:
                return candidate
    return ","


def _records(text: str):
    """(line, cells) for each non-blank record; a CSV syntax error rejects the file."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    line = 0
    try:
        for line, cells in enumerate(reader, start=1):
            cells = [c.strip() for c in cells]
            if any(cells):
                yield line, cells
    except csv.Error:
        raise RosterRejected(
            [
                RowError(
                    line + 1,
                    "This line can't be read as CSV: check for a stray quotation mark or a very "
                    "long cell.",
                )
            ]
        ) from None


def _header(line: int, cells: list[str]) -> dict[str, int]:
    """Column name -> position; wrong columns reject the file, naming which."""
    names = [c.casefold() for c in cells]
    while names and not names[-1]:
        names.pop()
    missing = [c for c in COLUMNS if c not in names]
    unexpected = [c for c in cells[: len(names)] if c.casefold() not in COLUMNS]
    repeated = sorted({n for n in names if n in COLUMNS and names.count(n) > 1})
    reasons = []
    if missing:
        reasons.append(f"Missing column{'s' if len(missing) > 1 else ''}: {', '.join(missing)}.")
    if unexpected:
        shown = ", ".join(quoted(c, 30) if c else "(a column with no name)" for c in unexpected)
        reasons.append(f"Unexpected column{'s' if len(unexpected) > 1 else ''}: {shown}.")
    if repeated:
        reasons.append(
            f"Column{'s' if len(repeated) > 1 else ''} given twice: {', '.join(repeated)}."
        )
    if reasons:
        expected = ", ".join(COLUMNS)
        reasons.append(f"The first line must name these columns: {expected}.")
        raise RosterRejected([RowError(line, " ".join(reasons))])
    return {name: names.index(name) for name in COLUMNS}


def _has_control(value: str) -> bool:
    return any(unicodedata.category(ch) == "Cc" for ch in value)


def _row(line: int, cells: list[str], cols: dict[str, int], problems: Problems):
    """One data row, its own problems noted; the row is kept so later checks can add theirs."""
    if any(cells[len(cols) :]):
        problems.add(
            line,
            f"This line has more cells than the {len(cols)} columns: check for an extra comma.",
        )
    values = {name: (cells[i] if i < len(cells) else "") for name, i in cols.items()}
    if any(_has_control(v) for v in values.values()):
        problems.add(line, "A cell holds a line break or a hidden control character; remove it.")
    email, email_ok = values["email"].lower(), False
    if not email:
        problems.add(line, "The email address is missing.")
    else:
        try:
            validate_email(email)
            if len(email) > _EMAIL_MAX:
                raise ValidationError("too long")
            email_ok = True
        except ValidationError:
            problems.add(line, f"{quoted(values['email'])} is not a valid email address.")
    if len(values["name"]) > _NAME_MAX:
        problems.add(line, f"The name is longer than {_NAME_MAX} characters.")
    if len(values["cohort"]) > _COHORT_MAX:
        problems.add(line, f"The cohort is longer than {_COHORT_MAX} characters.")
    return RosterRow(
        line, values["name"], email, values["program"], values["cohort"], values["role"], email_ok
    )


def parse_roster(
    data: bytes, *, max_bytes: int | None = None, max_rows: int | None = None
) -> tuple[list[RosterRow], Problems]:
    """Read the file without touching the database. A problem with the whole file (too large,
    too many rows, not CSV) raises RosterRejected; problems with single rows come back
    alongside the good rows."""
    max_bytes = settings.NEARPEER_ROSTER_MAX_BYTES if max_bytes is None else max_bytes
    max_rows = settings.NEARPEER_ROSTER_MAX_ROWS if max_rows is None else max_rows
    return parse_roster_text(_decode(data, max_bytes), max_rows=max_rows)


def parse_roster_text(text: str, *, max_rows: int | None) -> tuple[list[RosterRow], Problems]:
    records = _records(text)
    first = next(records, None)
    if first is None:
        raise RosterRejected([RowError(FILE_LINE, "The file is empty. " + _EXPECTED)])
    cols = _header(*first)
    records = list(records)
    if max_rows is not None and len(records) > max_rows:
        raise RosterRejected(
            [
                RowError(
                    FILE_LINE,
                    f"This file has {len(records):,} rows; one import takes at most "
                    f"{max_rows:,}. Split it into smaller files.",
                )
            ]
        )
    rows, problems, seen = [], Problems(), {}
    for line, cells in records:
        row = _row(line, cells, cols, problems)
        if row.email in seen:
            problems.add(
                line, f"{row.email} is also on line {seen[row.email]}; list each person once."
            )
        elif row.email:
            seen[row.email] = line
        rows.append(row)
    if not rows:
        raise RosterRejected(
            [RowError(first[0], "The file has column names but no people. " + _EXPECTED)]
        )
    return rows, problems


def role_from_cell(value: str) -> str | None:
    """'Peer facilitator', 'peer_facilitator' or 'PEER-FACILITATOR' -> 'peer_facilitator';
    an empty cell means trainee; anything else is None."""
    if not value:
        return Role.TRAINEE.value
    key = " ".join(value.casefold().replace("_", " ").replace("-", " ").split())
    for role in Role:
        if key in (role.value.replace("_", " "), role.label.casefold()):
            return role.value
    return None
