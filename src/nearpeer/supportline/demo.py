"""Demo support lines: per demo institution a line for students (medical school and graduate
program) and one for residents and fellows, trained mentors (the demo peer mentor among them), a
published rota for the next 4 weeks with professional backups, a resource directory of fictional
services (555 numbers), a year of de-identified weekly counts with peaks around finals, holidays
and board exams (seeded, so every run makes the same), and three open requests on the first
institution's student line so the board shows something. Safe to run again: rows are keyed on
natural keys and a line that already has history keeps it."""

import datetime
import hashlib
import math
import random
import zoneinfo
from collections import Counter

from django.utils import timezone

from nearpeer.supportline import triage
from nearpeer.supportline.models import (
    MentorProfile,
    MentorTraining,
    Message,
    Resource,
    RiskChange,
    Shift,
    SupportLine,
    SupportRequest,
    Topic,
    WeeklyCount,
)
from nearpeer.supportline.services.retention import ALL_REQUESTS, week_start
from nearpeer.tenancy.demo_specs import institution_blackouts, institution_specs
from nearpeer.tenancy.models import Membership, Program, Role

ROTA_DAYS = 28
SHIFT_HOURS = 12
DAY_STARTS = datetime.time(8, 0)
HISTORY_WEEKS = 52
STUDENT_KINDS = (Program.Kind.MEDICAL_SCHOOL, Program.Kind.GRADUATE)
RESIDENT_KINDS = (Program.Kind.RESIDENCY, Program.Kind.FELLOWSHIP)
# How a calendar event moves demand (the demo's made-up pattern, for the forecast to find).
EVENT_EFFECT = {"finals": 1.7, "board_exam": 1.5, "exam": 1.25, "holiday": 1.35}
EVENT_TOPICS = {
    "finals": (Topic.ACADEMIC_STRESS, Topic.IMPOSTER, Topic.DUCK_SYNDROME),
    "board_exam": (Topic.ACADEMIC_STRESS, Topic.IMPOSTER),
    "exam": (Topic.ACADEMIC_STRESS,),
    "holiday": (Topic.LONELINESS, Topic.HOMESICKNESS, Topic.RELATIONSHIPS),
}
USUAL_TOPICS = {
    Topic.ACADEMIC_STRESS: 30,
    Topic.RELATIONSHIPS: 12,
    Topic.IMPOSTER: 14,
    Topic.PARTNER_VIOLENCE: 3,
    Topic.DUCK_SYNDROME: 10,
    Topic.LONELINESS: 12,
    Topic.HOMESICKNESS: 6,
    Topic.SUICIDAL_THOUGHTS: 3,
    Topic.SOMETHING_ELSE: 10,
}


def supportline_build(demo) -> None:
    """Build the demo support lines (`demo` is nearpeer.demo.data.Demo)."""
    for slug, institution in demo.institutions.items():
        resources_build(institution)
        programs = {k: p for (s, k), p in demo.programs.items() if s == slug}
        backups = _backups(institution)
        for name, kinds, per_week in (
            ("Peer support line for students", STUDENT_KINDS, 9.0),
            ("Peer support line for residents and fellows", RESIDENT_KINDS, 6.0),
        ):
            served = [p for p in programs.values() if p.kind in kinds]
            line = _line(institution, name, served)
            mentors = _mentors(line, served, demo.year)
            _rota(line, mentors, backups, demo.today)
            _history(line, slug, served, demo, per_week)
    _open_requests(demo)


def _line(institution, name: str, programs) -> SupportLine:
    line, _ = SupportLine.objects.update_or_create(
        institution=institution,
        name=name,
        defaults={
            "description": (
                "Talk with a trained near-peer mentor, privately and, if you like, anonymously. "
                "A faculty or wellness advisor backs up every shift."
            ),
            "is_active": True,
        },
    )
    line.programs.set(programs)
    return line


def _mentors(line: SupportLine, programs, year: int) -> list:
    """The served programs' peer mentors, trained (the demo sign-in first)."""
    memberships = Membership.objects.filter(
        role=Role.PEER_MENTOR, program__in=programs
    ).select_related("user")
    people = {m.user_id: m.user for m in memberships}
    ordered = sorted(
        people.values(), key=lambda u: (not u.email.startswith("peer-mentor@"), u.email)
    )
    trained = set(MentorTraining.objects.filter(line=line).values_list("user_id", flat=True))
    MentorTraining.objects.bulk_create(
        MentorTraining(user=u, line=line, completed_on=datetime.date(year, 6, 20))
        for u in ordered
        if u.pk not in trained
    )
    profiled = set(MentorProfile.objects.filter(user__in=ordered).values_list("user_id", flat=True))
    MentorProfile.objects.bulk_create(
        MentorProfile(user=u, languages=["English", "Spanish"] if n % 3 == 0 else ["English"])
        for n, u in enumerate(ordered)
        if u.pk not in profiled
    )
    return ordered


def _backups(institution) -> list:
    """The institution's wellness and faculty advisors (the demo sign-ins first)."""
    memberships = Membership.objects.filter(
        institution=institution,
        program__isnull=True,
        role__in=[Role.WELLNESS_ADVISOR, Role.FACULTY_ADVISOR],
    ).select_related("user")
    people = {m.user_id: m.user for m in memberships}
    demo_locals = ("wellness-advisor@", "faculty-advisor@")
    return sorted(people.values(), key=lambda u: (not u.email.startswith(demo_locals), u.email))


def _rota(line: SupportLine, mentors: list, backups: list, today: datetime.date) -> None:
    """Two 12-hour shifts a day for 4 weeks from the current one, published, each backed up."""
    if not mentors or not backups:
        return
    tz = zoneinfo.ZoneInfo(line.institution.time_zone)
    start = datetime.datetime.combine(today, DAY_STARTS, tzinfo=tz)
    now = timezone.now()
    if today == timezone.localtime(now, tz).date() and now < start:
        start -= datetime.timedelta(hours=SHIFT_HOURS)
    taken = set(Shift.objects.filter(line=line).values_list("starts_at", flat=True))
    shifts = []
    for n in range(ROTA_DAYS * 24 // SHIFT_HOURS):
        starts_at = start + datetime.timedelta(hours=SHIFT_HOURS * n)
        if starts_at in taken:
            continue
        shifts.append(
            Shift(
                line=line,
                starts_at=starts_at,
                ends_at=starts_at + datetime.timedelta(hours=SHIFT_HOURS),
                mentor=mentors[n % len(mentors)],
                backup=backups[n % len(backups)],
                status=Shift.Status.PUBLISHED,
            )
        )
    Shift.objects.bulk_create(shifts)


# --- Resource directory -----------------------------------------------------------------------


def _resources(institution) -> list[dict]:
    area = institution.office_phone[:5] or "(555)"
    k = Resource.Kind
    return [
        {
            "name": "Counseling and Psychological Services",
            "kind": k.COUNSELING,
            "phone": f"{area} 555-0130",
            "hours": "Monday to Friday, 8:30 to 5:00",
            "how_to_reach": "Call to book a first appointment, usually within a week. Free for trainees.",
            "description": "Confidential counseling with psychologists and social workers.",
        },
        {
            "name": "After-hours counseling line",
            "kind": k.CRISIS_LINE,
            "phone": institution.after_hours_counseling_phone or f"{area} 555-0177",
            "hours": "Evenings, nights and weekends",
            "how_to_reach": "Call and a counselor answers. You don't need an appointment.",
            "is_crisis": True,
        },
        {
            "name": "Student Health Service",
            "kind": k.STUDENT_HEALTH,
            "phone": f"{area} 555-0150",
            "hours": "Monday to Friday, 8:00 to 6:00; Saturday 9:00 to 12:00",
            "how_to_reach": "Book online or walk in to the Health Sciences Building, first floor.",
        },
        {
            "name": "Resident and Fellow Assistance Program",
            "kind": k.COUNSELING,
            "phone": f"{area} 555-0136",
            "hours": "Appointments early mornings and evenings, around clinical schedules",
            "how_to_reach": "Call; nothing is shared with your program.",
        },
        {
            "name": "Safe Harbor relationship violence advocates",
            "kind": k.IPV_ADVOCATE,
            "phone": f"{area} 555-0160",
            "text_number": f"{area} 555-0161",
            "hours": "24 hours a day, every day",
            "how_to_reach": "Call or text. Advocates help with safety planning, housing and reporting if you want it.",
            "is_crisis": True,
        },
        {
            "name": "Academic Success Center",
            "kind": k.ACADEMIC,
            "phone": f"{area} 555-0145",
            "hours": "Monday to Friday, 9:00 to 5:00",
            "how_to_reach": "Book a study-skills or board-preparation session online.",
        },
        {
            "name": "Office of Financial Aid",
            "kind": k.FINANCIAL,
            "phone": f"{area} 555-0148",
            "hours": "Monday to Friday, 9:00 to 4:30",
            "how_to_reach": "Ask about emergency grants and short-term loans.",
        },
        {
            "name": "Office of the Ombuds",
            "kind": k.OMBUDS,
            "phone": f"{area} 555-0156",
            "hours": "Monday to Friday, 9:00 to 5:00",
            "how_to_reach": "Confidential, independent and informal help with a conflict or concern.",
        },
        {
            "name": "Campus Public Safety",
            "kind": k.EMERGENCY,
            "phone": institution.emergency_phone or f"{area} 555-0199",
            "hours": "24 hours a day, every day",
            "how_to_reach": "Call for an emergency on campus, or a safe walk to your car.",
            "is_crisis": True,
        },
    ]


def resources_build(institution) -> None:
    for entry in _resources(institution):
        name = entry.pop("name")
        entry.setdefault("is_crisis", False)
        Resource.objects.update_or_create(institution=institution, name=name, defaults=entry)


# --- A year of de-identified history ----------------------------------------------------------


def _event_weeks(slug: str, programs, demo) -> dict[datetime.date, set[str]]:
    """Calendar event kinds by week, for this year and last (from the demo's calendar specs)."""
    found: dict[datetime.date, set[str]] = {}
    keys = {p.name for p in programs}
    for year in (demo.year - 1, demo.year):
        spans = [(kind, s, e) for kind, _, s, e in institution_blackouts(year)]
        spec = next(s for s in institution_specs(year) if s.slug == slug)
        for p in spec.programs:
            if p.name not in keys:
                continue
            for b in p.blackouts:
                s = datetime.date(year + (b.month < 7), b.month, b.day)
                spans.append((b.kind, s, s + datetime.timedelta(days=b.days - 1)))
        for kind, starts_on, ends_on in spans:
            week = week_start(starts_on)
            while week <= ends_on:
                found.setdefault(week, set()).add(kind)
                week += datetime.timedelta(weeks=1)
    return found


def _history(line: SupportLine, slug: str, programs, demo, per_week: float) -> None:
    if WeeklyCount.objects.filter(line=line).exists():
        return
    rng = random.Random(f"nearpeer-demo-supportline:{slug}:{line.name}")  # noqa: S311 (not security)
    events = _event_weeks(slug, programs, demo)
    this_week = week_start(demo.today)
    counts: Counter = Counter()
    for n in range(HISTORY_WEEKS, 0, -1):
        week = this_week - datetime.timedelta(weeks=n)
        kinds = events.get(week, set())
        mean = per_week * math.prod(EVENT_EFFECT[k] for k in kinds)
        requests = max(0, round(rng.gauss(mean, math.sqrt(mean))))
        for _ in range(requests):
            risk = rng.choices(("low", "elevated", "high"), weights=(70, 25, 5))[0]
            for topic in _topics(rng, kinds):
                counts[week, topic, risk] += 1
            counts[week, ALL_REQUESTS, risk] += 1
    WeeklyCount.objects.bulk_create(
        WeeklyCount(line=line, week_start=w, topic=t, risk=r, count=c)
        for (w, t, r), c in sorted(counts.items())
    )


def _topics(rng: random.Random, kinds: set[str]) -> list[str]:
    weights = dict(USUAL_TOPICS)
    for kind in kinds:
        for topic in EVENT_TOPICS[kind]:
            weights[topic] += 15
    topics, chances = list(weights), list(weights.values())
    first = rng.choices(topics, weights=chances)[0]
    second = rng.choices(topics, weights=chances)[0] if rng.random() < 0.2 else first
    return list(dict.fromkeys([first, second]))


# --- Open requests on the board ---------------------------------------------------------------

OPEN_REQUESTS = (
    {
        "key": "low",
        "topics": [Topic.ACADEMIC_STRESS, Topic.IMPOSTER],
        "minutes_ago": 25,
        "answers": (False, False),
        "status": SupportRequest.Status.ACTIVE,
        "messages": (
            ("requester", "Step 1 is in six weeks and I'd love to hear how someone planned their "
             "dedicated period."),
            ("mentor", "Thank you for reaching out. I remember that stretch before Step 1 well. "
             "What has the last week looked like for you?"),
            ("requester", "Mostly UWorld until 1am and then not sleeping much."),
        ),
    },
    {
        "key": "elevated",
        "topics": [Topic.LONELINESS, Topic.HOMESICKNESS],
        "minutes_ago": 6,
        "answers": (False, False),
        "status": SupportRequest.Status.WAITING,
        "messages": (
            ("requester", "I haven't really talked to anyone in days since I moved here. "
             "I feel hopeless about making friends."),
        ),
    },
    {
        # "I'd rather not say" on the self-harm question: elevated, for a person to check gently
        "key": "rather-not-say",
        "topics": [Topic.DUCK_SYNDROME],
        "minutes_ago": 12,
        "answers": (None, False),
        "status": SupportRequest.Status.WAITING,
        "messages": (
            ("requester", "Nights have been a lot lately. Could I talk to someone this week?"),
        ),
    },
    {
        "key": "high",
        "topics": [Topic.SUICIDAL_THOUGHTS],
        "minutes_ago": 3,
        "answers": (True, False),
        "status": SupportRequest.Status.WAITING,
        "phone": "555-0123",
        "messages": (
            ("requester", "I keep having thoughts of ending my life and I don't know who to tell."),
        ),
    },
)  # fmt: skip


def _open_requests(demo) -> None:
    slug, institution = next(iter(demo.institutions.items()))
    line = SupportLine.objects.get(institution=institution, name="Peer support line for students")
    md = demo.programs.get((slug, "md"))
    mentor = (
        MentorTraining.objects.filter(line=line, user__email__startswith="peer-mentor@")
        .values_list("user", flat=True)
        .first()
    )
    now = timezone.now()
    for spec in OPEN_REQUESTS:
        token_hash = hashlib.sha256(f"nearpeer-demo:{slug}:{spec['key']}".encode()).hexdigest()
        if SupportRequest.objects.filter(return_token_hash=token_hash).exists():
            continue
        opening = spec["messages"][0][1]
        self_harm, danger = spec["answers"]
        screening = triage.assess(self_harm_answer=self_harm, danger_answer=danger, text=opening)
        created_at = now - datetime.timedelta(minutes=spec["minutes_ago"])
        active = spec["status"] == SupportRequest.Status.ACTIVE
        request = SupportRequest.objects.create(
            line=line,
            program=md,
            anonymous=True,
            return_token_hash=token_hash,
            topics=spec["topics"],
            channel=SupportRequest.Channel.CALL_BACK if "phone" in spec else "in_app",
            callback_phone=spec.get("phone", ""),
            opening_message=opening,
            self_harm_answer=self_harm,
            danger_answer=danger,
            risk=screening.risk,
            risk_reasons=list(screening.reasons),
            needs_human_review=screening.needs_human_review,
            status=spec["status"],
            mentor_id=mentor if active else None,
            offered_at=created_at if active else None,
            accepted_at=created_at + datetime.timedelta(minutes=2) if active else None,
            created_at=created_at,
        )
        RiskChange.objects.create(  # as intake records triage on arrival
            request=request,
            from_risk="low",
            to_risk=screening.risk,
            reason=(
                "triage on arrival: " + ("; ".join(screening.reasons) or "nothing of concern found")
            )[:300],
            at=created_at,
        )
        Message.objects.bulk_create(
            Message(
                request=request,
                sender=sender,
                author_id=mentor if sender == "mentor" else None,
                body=body,
                created_at=created_at + datetime.timedelta(minutes=3 * n),
            )
            # the first is the opening message, stored on the request: not a message again
            for n, (sender, body) in enumerate(spec["messages"][1:], start=1)
        )
