"""Signed-in sessions, second step passed, for a sample of each role of the bench data, with the ids
their pages need."""

import random
import sys
from pathlib import Path

from bench.population.scale import Population

ROOT = Path(__file__).resolve().parents[2]

ROLES = ("trainee", "facilitator", "mentor", "coordinator", "office")


def sign_in(user) -> str:
    """A session key for `user`, signed in as allauth does, second step passed."""
    from django.conf import settings
    from django.contrib.sessions.backends.db import SessionStore

    sys.path.insert(0, str(ROOT))  # tests.support, shared with the test suite
    from tests.support import mark_session_mfa_passed

    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = settings.AUTHENTICATION_BACKENDS[-1]
    session["_auth_user_hash"] = user.get_session_auth_hash()
    mark_session_mfa_passed(session, user)
    session.create()
    return session.session_key


def sign_in_sample(population: Population, per_role: int, *, seed: int = 1) -> dict:
    """Up to `per_role` signed-in people of each role, those of the biggest program first, each with
    the ids their pages need. JSON-ready: {"cookie_name", "big_program", "roles": {role: [...]}}."""
    from django.conf import settings

    from nearpeer.accounts.models import User

    rng = random.Random(f"nearpeer-bench-sample:{seed}")  # noqa: S311 (bench data, not security)
    roles = {}
    for role in ROLES:
        ids = list(dict.fromkeys(population.people.get(role, [])))
        first, rest = ids[:1], ids[1:]
        rng.shuffle(rest)
        chosen = (first + rest)[:per_role]
        users = User.objects.in_bulk(chosen)
        roles[role] = [
            {"user": uid, "cookie": sign_in(users[uid]), **_pages_of(role, users[uid])}
            for uid in chosen
        ]
    return {
        "cookie_name": settings.SESSION_COOKIE_NAME,
        "big_program": population.big_program,
        "roles": roles,
    }


def _pages_of(role: str, user) -> dict:
    """The ids in the URLs this person visits."""
    from django.db.models import Max
    from django.utils import timezone

    from nearpeer.meetings.models import Meeting
    from nearpeer.supportline.models import SupportLine, SupportRequest
    from nearpeer.tenancy.models import Membership, Role

    now = timezone.now()
    own = Membership.objects.filter(user=user)
    if role in ("trainee", "facilitator", "coordinator"):
        wanted = {"trainee": Role.TRAINEE, "facilitator": Role.PEER_FACILITATOR}
        program = own.filter(role=wanted.get(role, Role.COORDINATOR)).values_list(
            "program_id", flat=True
        )[0]
        upcoming = Meeting.objects.filter(program_id=program, starts_at__gt=now).order_by(
            "starts_at"
        )
        pages = {"program": program, "meetings": list(upcoming.values_list("pk", flat=True)[:3])}
        if role == "facilitator":
            led = Meeting.objects.filter(facilitations__user=user)
            pages["led"] = list(
                led.filter(starts_at__gt=now).order_by("starts_at").values_list("pk", flat=True)[:2]
            ) + list(
                led.filter(starts_at__lt=now)
                .order_by("-starts_at")
                .values_list("pk", flat=True)[:1]
            )
        return pages
    if role == "mentor":
        open_ = SupportRequest.objects.filter(
            mentor=user, status__in=[SupportRequest.Status.OFFERED, SupportRequest.Status.ACTIVE]
        ).annotate(last=Max("messages__pk"))
        return {"requests": [[r.pk, r.last or 0] for r in open_.order_by("pk")]}
    institution = own.filter(role=Role.OFFICE_ADMIN).values_list("institution_id", flat=True)[0]
    return {
        "institution": institution,
        "lines": list(
            SupportLine.objects.filter(institution_id=institution).values_list("pk", flat=True)
        ),
        "programs": list(
            Membership.objects.filter(institution_id=institution, program__isnull=False)
            .values_list("program_id", flat=True)
            .distinct()
            .order_by("program_id")[:5]
        ),
    }
