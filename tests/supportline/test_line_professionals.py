"""Who the line's professionals are: one rule for a shift's backup, the crisis path and escalation.
Only active people count, and a role's days are counted on the line's local date."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from nearpeer.supportline.models import Notification, SupportRequest
from nearpeer.supportline.selectors import rota as rs
from nearpeer.supportline.services import escalation, shifts
from nearpeer.tenancy.models import Membership, membership_today
from tests.supportline.conftest import make_professional
from tests.supportline.fixtures_rota import at

pytestmark = pytest.mark.django_db


def _leave(person) -> None:
    person.is_active = False
    person.save(update_fields=["is_active"])


def test_an_inactive_professional_is_not_offered_as_a_shift_backup(line, professional, coordinator):
    # given Faye, a faculty advisor of the line, whose account was deactivated
    _leave(professional)

    # then she is not among the line's professionals, and a shift refuses her as its backup
    assert professional not in rs.line_professionals(line)
    day = rs.line_today(line) + datetime.timedelta(days=3)
    with pytest.raises(ValidationError) as exc_info:
        shifts.shift_create(
            by=coordinator,
            line=line,
            starts_at=at(line, day, 18),
            ends_at=at(line, day, 22),
            backup=professional,
            publish=True,
        )
    assert "not_a_professional" in str(exc_info.value.error_dict["backup"][0].code)


def test_an_inactive_professional_is_never_escalated_to(
    submit_request, professional, office_admin, django_capture_on_commit_callbacks
):
    # given a high-risk request nobody acknowledged, and Faye (the next backup) deactivated
    high = submit_request(self_harm_answer=True, danger_answer=False).request
    _leave(professional)
    past = timezone.now() - datetime.timedelta(minutes=11)
    SupportRequest.objects.filter(pk=high.pk).update(escalated_at=past, created_at=past)

    # when the tick runs
    with django_capture_on_commit_callbacks(execute=True):
        escalation.tick()

    # then the escalation skips her and reaches the well-being office
    told = set(Notification.objects.filter(request=high).values_list("user_id", flat=True))
    assert professional.pk not in told
    assert office_admin.pk in told


def test_a_role_counts_on_the_line_local_date_not_the_server_date(line, ridgeview):
    # given the line in a zone whose date is not the server's today (these two are 25 hours apart)
    server_day = membership_today()
    ridgeview.time_zone = next(
        zone
        for zone in ("Pacific/Kiritimati", "Pacific/Pago_Pago")
        if timezone.localdate(timezone=ZoneInfo(zone)) != server_day
    )
    ridgeview.save(update_fields=["time_zone"])
    local_day = rs.line_today(line)
    # and two advisors whose role lasts one day: the line's local today, and the server's today
    on_local_day = make_professional(ridgeview, full_name="Lou Local")
    on_server_day = make_professional(ridgeview, full_name="Sam Server")
    Membership.objects.filter(user=on_local_day).update(starts_on=local_day, ends_on=local_day)
    Membership.objects.filter(user=on_server_day).update(starts_on=server_day, ends_on=server_day)

    # then only the one in force on the line's local date is one of its professionals
    found = set(rs.line_professionals(line))
    assert on_local_day in found
    assert on_server_day not in found
