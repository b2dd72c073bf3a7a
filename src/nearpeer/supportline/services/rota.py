"""Writes for the support line's on-call rota: lines and the training gate. Shifts, sign-ups and
swaps are in shifts.py.

Each service checks the policy itself (a page, the API and demo data get the same answer), runs
in one transaction and refuses bad input with a ValidationError naming what to fix.
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction

from nearpeer.accounts.models import User
from nearpeer.audit.models import AccessLog
from nearpeer.audit.services import access_record
from nearpeer.errors import field_error
from nearpeer.supportline.models import MentorTraining, SupportLine
from nearpeer.supportline.selectors import rota as rs
from nearpeer.supportline.services import submissions
from nearpeer.tenancy import policy

LINE_FIELDS = ("name", "description", "escalation_minutes", "retention_days_after_year_end")


# --- Lines -------------------------------------------------------------------------------------


def _given(**values) -> dict:
    """The fields a caller passed; one left out (None) keeps its value, or the model's default."""
    return {key: value for key, value in values.items() if value is not None}


def _check_line_fields(institution, fields: dict, programs) -> None:
    if not (fields.get("name") or "").strip():
        raise field_error("name", "Give the line a name.", "required")
    minutes = fields.get("escalation_minutes", 10)
    if not 1 <= int(minutes) <= 240:
        raise field_error("escalation_minutes", "Choose between 1 and 240 minutes.", "out_of_range")
    days = fields.get("retention_days_after_year_end", 30)
    if not 0 <= int(days) <= 3650:
        raise field_error(
            "retention_days_after_year_end", "Choose between 0 and 3650 days.", "out_of_range"
        )
    if any(p.institution_id != institution.pk for p in programs):
        raise field_error(
            "programs",
            "A line can only serve programs of its own institution.",
            "wrong_institution",
        )


@transaction.atomic
def support_line_create(
    *,
    by: User,
    institution,
    programs: Iterable = (),
    name: str | None = None,
    description: str | None = None,
    escalation_minutes: int | None = None,
    retention_days_after_year_end: int | None = None,
    submission_key: str | None = None,
) -> SupportLine:
    """The well-being office opens a support line serving some of its programs (once per form)."""
    fields = _given(
        name=name,
        description=description,
        escalation_minutes=escalation_minutes,
        retention_days_after_year_end=retention_days_after_year_end,
    )
    if not policy.can_administer_institution(by, institution):
        raise PermissionDenied("Only the institution's well-being office can open a support line.")
    key = submissions.clean_key(submission_key)
    earlier = submissions.earlier(SupportLine.objects.all(), key, institution_id=institution.pk)
    if earlier is not None:
        return earlier
    programs = list(programs)
    _check_line_fields(institution, fields, programs)
    line = SupportLine(institution=institution, submission_key=key, **fields)
    line.name = line.name.strip()
    line.full_clean()
    line.save()
    line.programs.set(programs)
    access_record(
        actor=by,
        institution=institution,
        action=AccessLog.Action.CREATE,
        record_type="support_line",
        record_id=line.pk,
        summary=line.name,
    )
    return line


@transaction.atomic
def support_line_update(
    *,
    by: User,
    line: SupportLine,
    programs: Iterable | None = None,
    name: str | None = None,
    description: str | None = None,
    escalation_minutes: int | None = None,
    retention_days_after_year_end: int | None = None,
):
    """The well-being office changes a line's name, programs, escalation time or retention."""
    fields = _given(
        name=name,
        description=description,
        escalation_minutes=escalation_minutes,
        retention_days_after_year_end=retention_days_after_year_end,
    )
    if not policy.can_administer_institution(by, line.institution):
        raise PermissionDenied("Only the institution's well-being office can change this line.")
    merged = {k: getattr(line, k) for k in LINE_FIELDS} | {
        k: v for k, v in fields.items() if k in LINE_FIELDS
    }
    program_list = list(programs) if programs is not None else list(line.programs.all())
    _check_line_fields(line.institution, merged, program_list)
    changed = [k for k in LINE_FIELDS if getattr(line, k) != merged[k]]
    for key in changed:
        setattr(line, key, merged[key])
    line.full_clean()
    if changed:
        line.save(update_fields=changed)
    if programs is not None:
        line.programs.set(program_list)
    return line


# --- The training gate -------------------------------------------------------------------------


@transaction.atomic
def mentor_training_record(*, by: User, line: SupportLine, user, completed_on: datetime.date):
    """A line professional or the office records that a peer mentor completed the training."""
    if not rs.can_record_training(by, line):
        raise PermissionDenied(
            "Only the line's faculty or wellness advisors, or the well-being office, can record "
            "training."
        )
    if not rs.line_mentors(line).filter(pk=user.pk).exists():
        raise field_error(
            "user", f"{user.display_name} isn't a peer mentor on {line.name}.", "not_a_mentor"
        )
    if completed_on > rs.line_today(line):
        raise field_error("completed_on", "The completion date can't be in the future.", "future")
    training, _ = MentorTraining.objects.update_or_create(
        user=user, line=line, defaults={"completed_on": completed_on, "recorded_by": by}
    )
    return training
