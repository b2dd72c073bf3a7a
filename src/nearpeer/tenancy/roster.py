"""Roster import: program staff upload a CSV of people (name, email, program, cohort, role).

Everything is checked before anything is written; one bad row rejects the whole file, and the
person is told every row to fix. Reading the file and checking each row on its own is
roster_file.py; here are the checks that need the database (programs, roles, who is already
here) and the writes.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone

from nearpeer.accounts.models import User
from nearpeer.audit.models import AccessLog
from nearpeer.audit.services import access_record
from nearpeer.tenancy import policy
from nearpeer.tenancy.invitations import invitations_create_many
from nearpeer.tenancy.models import Invitation, Membership, Program, Role, membership_today
from nearpeer.tenancy.roster_file import (
    FILE_LINE,
    Problems,
    RosterRejected,
    RosterRow,
    RowError,
    parse_roster,
    quoted,
    role_from_cell,
)
from nearpeer.tenancy.services import cohort_get_or_create

_BATCH = 500  # rows per IN (...) lookup and per bulk insert: inside every database's limits


@dataclass
class RosterResult:
    invited: int
    roles_added: int
    unchanged: int
    rows: int
    cohorts_changed: int = 0
    ended_kept: int = 0


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


def _check(*, by: User, program: Program, rows: list[RosterRow], problems: Problems) -> _Plan:
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
                f"Unknown program {quoted(row.program)}. Use {quoted(program.name, 200)} or the "
                "name of another program you run here, or leave the cell empty.",
            )
            if role_from_cell(row.role) is None:
                problems.add(row.line, f"Unknown role {quoted(row.role)}.")
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
            f"Unknown role {quoted(row.role)}. Roles you can give in {target.name}: {choices}.",
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


def roster_check(*, by: User, program: Program, rows: list[RosterRow], problems: Problems) -> None:
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
