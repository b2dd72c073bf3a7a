"""Roster import: program staff upload a CSV of people (name, email, program, cohort, role).

Everything is checked before anything is written; one bad row rejects the whole file, and the
person is told every row to fix. Line numbers are the rows a spreadsheet shows: line 1 is the
header, the first person is line 2.
"""

import csv
import io
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone

from nearpeer.accounts.models import User
from nearpeer.audit.models import AccessLog
from nearpeer.audit.services import access_record
from nearpeer.tenancy import policy
from nearpeer.tenancy.invitations import invitations_create_many
from nearpeer.tenancy.models import Invitation, Membership, Program, Role, membership_today
from nearpeer.tenancy.services import cohort_get_or_create

COLUMNS = ("name", "email", "program", "cohort", "role")
FILE_LINE = 0  # RowError.line for a problem with the whole file rather than one line
_BATCH = 500  # rows per IN (...) lookup and per bulk insert: inside every database's limits
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


@dataclass
class RosterResult:
    invited: int
    roles_added: int
    unchanged: int
    rows: int
    cohorts_changed: int = 0
    ended_kept: int = 0


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
class _Problems:
    by_line: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(self, line: int, reason: str) -> None:
        self.by_line[line].append(reason)

    def errors(self) -> list[RowError]:
        return [RowError(line, " ".join(r)) for line, r in sorted(self.by_line.items())]


def _shown(value: str, limit: int = 60) -> str:
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
        shown = ", ".join(_shown(c, 30) if c else "(a column with no name)" for c in unexpected)
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


def _row(line: int, cells: list[str], cols: dict[str, int], problems: _Problems):
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
            problems.add(line, f"{_shown(values['email'])} is not a valid email address.")
    if len(values["name"]) > _NAME_MAX:
        problems.add(line, f"The name is longer than {_NAME_MAX} characters.")
    if len(values["cohort"]) > _COHORT_MAX:
        problems.add(line, f"The cohort is longer than {_COHORT_MAX} characters.")
    return RosterRow(
        line, values["name"], email, values["program"], values["cohort"], values["role"], email_ok
    )


def parse_roster(
    data: bytes, *, max_bytes: int | None = None, max_rows: int | None = None
) -> tuple[list[RosterRow], _Problems]:
    """Read the file without touching the database. A problem with the whole file (too large,
    too many rows, not CSV) raises RosterRejected; problems with single rows come back
    alongside the good rows."""
    max_bytes = settings.NEARPEER_ROSTER_MAX_BYTES if max_bytes is None else max_bytes
    max_rows = settings.NEARPEER_ROSTER_MAX_ROWS if max_rows is None else max_rows
    return parse_roster_text(_decode(data, max_bytes), max_rows=max_rows)


def parse_roster_text(text: str, *, max_rows: int | None) -> tuple[list[RosterRow], _Problems]:
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
    rows, problems, seen = [], _Problems(), {}
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


def _chunks(items: list, size: int = _BATCH):
    for i in range(0, len(items), size):
        yield items[i : i + size]


@dataclass
class _Plan:
    """What the checked file asks for, with everything the writes need already looked up."""

    by: object
    rows: list[RosterRow]
    programs: dict[int, Program]  # row line -> program
    roles: dict[int, str]  # row line -> role value
    users: dict[str, object]  # lower email -> a person the uploader can already see
    memberships: dict[tuple, Membership]  # (user pk, program pk, role) -> existing membership
    invited: set[tuple] = field(default_factory=set)  # (email, program pk, role) still waiting


def _check(*, by: User, program: Program, rows: list[RosterRow], problems: _Problems) -> _Plan:
    """The checks that need the database: program names, roles, and who is already here."""
    institution = program.institution
    managed = {
        p.name.casefold(): p
        for p in policy.programs_managed(by).filter(institution_id=institution.pk)
    }
    grantable: dict[int, set[str]] = {}
    plan = _Plan(by, rows, {}, {}, {}, {})
    # Only people the uploader can already see get a role at once; anyone else is invited, so
    # the import neither reveals nor uses accounts held elsewhere.
    visible = policy.people_for(by).annotate(email_lower=Lower("email"))
    for batch in _chunks([r.email for r in rows if r.email_ok]):
        plan.users.update({u.email_lower: u for u in visible.filter(email_lower__in=batch)})
    for row in rows:
        target = managed.get(row.program.casefold()) if row.program else program
        if target is None:
            problems.add(
                row.line,
                f"Unknown program {_shown(row.program)}. Use {_shown(program.name, 200)} or the "
                "name of another program you run here, or leave the cell empty.",
            )
            if role_from_cell(row.role) is None:
                problems.add(row.line, f"Unknown role {_shown(row.role)}.")
        else:
            plan.programs[row.line] = target
            _check_role(by, row, target, grantable, plan, problems)
        # Asked of every row, not only new people, so the answer never tells the uploader
        # whether an email already has an account somewhere else in nearpeer.
        if not row.name:
            problems.add(row.line, "The name is missing: give the person's full name.")
    user_pks = [u.pk for u in plan.users.values()]
    program_pks = {p.pk for p in plan.programs.values()}
    for batch in _chunks(user_pks):
        found = Membership.objects.filter(user_id__in=batch, program_id__in=program_pks)
        plan.memberships.update({(m.user_id, m.program_id, m.role): m for m in found})
    waiting = Invitation.objects.filter(
        program_id__in=program_pks,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    )
    for batch in _chunks([r.email for r in rows if r.email_ok and r.email not in plan.users]):
        found = waiting.filter(email__in=batch).values_list("email", "program_id", "role")
        plan.invited.update(found)
    return plan


def _check_role(by, row, target, grantable, plan, problems) -> None:
    if target.pk not in grantable:
        grantable[target.pk] = policy.grantable_roles(by, target, target.institution)
    allowed = grantable[target.pk]
    choices = ", ".join(r.label for r in Role if r.value in allowed)
    role = role_from_cell(row.role)
    if role is None:
        problems.add(
            row.line,
            f"Unknown role {_shown(row.role)}. Roles you can give in {target.name}: {choices}.",
        )
    elif role not in allowed:
        problems.add(
            row.line,
            f"You can't give the role {Role(role).label} in {target.name}. Roles you can give there: {choices}.",
        )
    else:
        plan.roles[row.line] = role


def _apply(*, plan: _Plan) -> RosterResult:
    """Write the checked plan: roles for people the uploader sees, invitations for everyone
    else, cohorts and cohort moves."""
    result = RosterResult(invited=0, roles_added=0, unchanged=0, rows=len(plan.rows))
    cohorts, new, moved, invites = {}, [], [], []
    today = membership_today()
    for row in plan.rows:
        target, role = plan.programs[row.line], plan.roles[row.line]
        cohort = None
        if row.cohort:
            key = (target.pk, row.cohort.casefold())
            if key not in cohorts:
                cohorts[key] = cohort_get_or_create(program=target, name=row.cohort)
            cohort = cohorts[key]
        user = plan.users.get(row.email)
        if user is None and (row.email, target.pk, role) in plan.invited:
            result.unchanged += 1  # already invited and the link still works: no second email
        elif user is None:
            invites.append(
                {"email": row.email, "full_name": row.name, "role": role}
                | {"program": target, "cohort": cohort}
            )
        else:
            existing = plan.memberships.get((user.pk, target.pk, role))
            change = _change_for_known(existing, cohort, today)
            if change == "new":
                new.append(
                    Membership(
                        user=user,
                        institution_id=target.institution_id,
                        program=target,
                        cohort=cohort,
                        role=role,
                        starts_on=today,
                    )
                )
            elif change == "move":
                existing.cohort = cohort
                moved.append(existing)
            else:
                setattr(result, change, getattr(result, change) + 1)
    Membership.objects.bulk_create(new, batch_size=_BATCH)
    Membership.objects.bulk_update(moved, ["cohort"], batch_size=_BATCH)
    result.invited = invitations_create_many(by=plan.by, invites=invites)
    result.roles_added, result.cohorts_changed = len(new), len(moved)
    return result


def _change_for_known(existing, cohort, today) -> str:
    """For a person the uploader sees: "new" role, cohort "move", "ended_kept" or "unchanged"."""
    if existing is None:
        return "new"
    if existing.ended_at is not None or (existing.ends_on and existing.ends_on < today):
        return "ended_kept"  # a role someone ended is not restarted by a file
    if cohort is not None and existing.cohort_id != cohort.pk:
        return "move"
    return "unchanged"


_CHANGED_MEANWHILE = RowError(
    FILE_LINE,
    "Someone changed this program's people while the file was being imported, "
    "so nothing was imported. Please upload the file again.",
)


def roster_check(*, by: User, program: Program, rows: list[RosterRow], problems: _Problems) -> None:
    """The database checks alone, writing nothing; raises RosterRejected listing every problem."""
    _check(by=by, program=program, rows=rows, problems=problems)
    if problems.by_line:
        raise RosterRejected(problems.errors())


def require_manager(by, program: Program) -> None:
    if not policy.can_manage_program(by, program):
        raise PermissionDenied("You don't run this program.")


def _check_and_apply(*, by: User, program, rows, problems, filename, request) -> RosterResult:
    """Check against the database and write, all inside the caller's transaction."""
    plan = _check(by=by, program=program, rows=rows, problems=problems)
    if problems.by_line:
        raise RosterRejected(problems.errors())
    result = _apply(plan=plan)
    access_record(
        actor=by,
        institution=program.institution,
        action=AccessLog.Action.IMPORT,
        record_type="roster",
        record_id=program.pk,
        summary=(
            f"{filename or 'Roster'} into {program.name}: {result.rows} rows, "
            f"{result.invited} invited, {result.roles_added} roles added, "
            f"{result.unchanged} unchanged, {result.cohorts_changed} cohorts changed"
        ),
        request=request,
    )
    return result


def roster_import(
    *, by: User, program: Program, data: bytes, filename: str = "", request=None
) -> RosterResult:
    """Import a roster into ``program`` (and other programs the uploader runs in the same
    institution, named in the program column), all or nothing, straight away.

    - People are matched by email, ignoring case; a new person gets an account with no password
      and needs a name. An existing person's name is never changed by an import.
    - A role the person already holds in that program is left as it is ("unchanged"), except that
      a non-empty cohort cell moves them to that cohort (counted in ``cohorts_changed``): a
      roster is the coordinator's current truth, e.g. PGY-1 becoming PGY-2 each July. An empty
      cohort cell never clears one. A role that has ended is not restarted (``ended_kept``);
      ending it was a deliberate act. So importing the same file twice changes nothing.
    - An empty program cell means ``program``; an empty role cell means trainee.
    - One access-log entry per successful import; none for a rejected file.
    Raises PermissionDenied if ``by`` doesn't run ``program``, RosterRejected if nothing was imported.
    """
    require_manager(by, program)
    rows, problems = parse_roster(data)
    return roster_apply_checked(
        by=by, program=program, rows=rows, problems=problems, filename=filename, request=request
    )


def roster_apply_checked(*, by: User, program, rows, problems, filename, request) -> RosterResult:
    """Check the parsed rows against the database and write them, all or nothing (a savepoint
    when the caller already holds a transaction). Raises RosterRejected if nothing was imported."""
    try:
        with transaction.atomic():
            return _check_and_apply(
                by=by,
                program=program,
                rows=rows,
                problems=problems,
                filename=filename,
                request=request,
            )
    except IntegrityError:
        raise RosterRejected([_CHANGED_MEANWHILE]) from None
