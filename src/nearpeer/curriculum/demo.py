"""Demo curriculum: the core plans at each demo institution, a few programs' own copies (one
with a newer core version waiting), and proposals in each state. Safe to run again."""

from django.db.models import Q

from nearpeer.curriculum import services
from nearpeer.curriculum.models import ProgramPlan, Proposal, SessionPlan
from nearpeer.tenancy.models import Membership, Program, Role

# (core plan key, what the program changes in its copy)
CUSTOMIZATIONS = (
    ("exams-and-pressure", {"title": "Board exam season: pressure and rest"}),
    ("gratitude", {"materials": "Thank-you cards from the student shop, pens, tea."}),
    ("feedback", {"title": "Feedback on the wards"}),
)
NEWER_KEY = "exams-and-pressure"  # the office improves this plan after programs copied it

PROPOSALS = (
    (
        "Moving through the match",
        Proposal.Status.SUBMITTED,
        "Waiting for the match, interviews and rank lists: naming the worry and the hope.",
    ),
    (
        "Money worries in training",
        Proposal.Status.CHANGES_REQUESTED,
        "Debt, low pay and family expectations: a gentle space to talk about money stress.",
    ),
    (
        "Parenting during training",
        Proposal.Status.APPROVED,
        "For trainees who are parents or carers: guilt, logistics and what helps.",
    ),
    (
        "Competitive study tips",
        Proposal.Status.DECLINED,
        "Sharing study tricks to get the highest scores.",
    ),
)
REVIEW_COMMENTS = {
    Proposal.Status.CHANGES_REQUESTED: (
        "A lovely idea. Please add a segment on where to find financial advising, and make "
        "the closing mention the support line."
    ),
    Proposal.Status.DECLINED: (
        "Thank you. This fits academic support better than a well-being session; the learning "
        "specialists would love to hear from you."
    ),
    Proposal.Status.APPROVED: "",
}


def curriculum_build(institutions) -> None:
    """Add the demo curriculum to ``institutions`` (a dict by slug, or any iterable)."""
    values = institutions.values() if hasattr(institutions, "values") else institutions
    for institution in values:
        services.core_curriculum_install(institution=institution)
        office = _person(institution, Q(role=Role.OFFICE_ADMIN, program__isnull=True))
        _customize(institution, office)
        _newer_version(institution, office)
        _proposals(institution, office)


def _person(institution, condition):
    found = (
        Membership.objects.filter(condition, institution=institution)
        .select_related("user")
        .order_by("-pk")  # the demo sign-ins were added last
        .first()
    )
    return found.user if found else None


def _program(institution) -> Program | None:
    return Program.objects.filter(institution=institution).order_by("pk").first()


def _customize(institution, office) -> None:
    program = _program(institution)
    if program is None or office is None:
        return
    for key, changes in CUSTOMIZATIONS:
        core = SessionPlan.objects.filter(institution=institution, key=key, version=1).first()
        if core is None or ProgramPlan.objects.filter(program=program, based_on__key=key).exists():
            continue
        copy = services.program_plan_customize(by=office, program=program, session_plan=core)
        services.program_plan_update(by=office, plan=copy, **changes)


def _newer_version(institution, office) -> None:
    core = SessionPlan.objects.filter(institution=institution, key=NEWER_KEY, version=1).first()
    if core is None or office is None:
        return
    if SessionPlan.objects.filter(institution=institution, key=NEWER_KEY, version=2).exists():
        return
    content = services.plan_content(core)
    content["goals"] = [*content["goals"][:3], "Know where academic and well-being support is"]
    content["materials"] = f"{content['materials']} A card listing academic support and counseling."
    services.session_plan_publish(by=office, institution=institution, key=NEWER_KEY, **content)


def _proposals(institution, office) -> None:
    program = _program(institution)
    proposer = _person(institution, Q(role=Role.PEER_FACILITATOR, program=program))
    if program is None or proposer is None or office is None:
        return
    for title, status, summary in PROPOSALS:
        if Proposal.objects.filter(institution=institution, title=title).exists():
            continue
        proposal = services.proposal_submit(
            by=proposer, program=program, **_proposal_content(title, summary)
        )
        if status != Proposal.Status.SUBMITTED:
            services.proposal_review(
                by=office, proposal=proposal, decision=status, comment=REVIEW_COMMENTS[status]
            )


def _proposal_content(title: str, summary: str) -> dict:
    return {
        "title": title,
        "summary": summary,
        "goals": ["Name what is hard", "Hear how others cope", "Leave with one kind next step"],
        "techniques": ["positive_psychology", "cognitive_behavioural"],
        "minutes": 60,
        "outline": [
            {"title": "Welcome and group agreement", "minutes": 5, "detail": ""},
            {"title": "Check-in", "minutes": 10, "detail": "How are you arriving today?"},
            {"title": "Sharing in pairs", "minutes": 20, "detail": "What is hard, what helps."},
            {"title": "Group reflection", "minutes": 15, "detail": "Common threads."},
            {"title": "Closing", "minutes": 10, "detail": "One next step; where support is."},
        ],
        "facilitator_guide": "Open with the group agreement. End by naming the support line, "
        "counseling, and 988.",
        "materials": "Paper and pens.",
    }
