"""Ridgeview's objects for the route isolation tests (tests/test_isolation_routes.py).

``Victim`` makes, on first use, one object of each kind in Ridgeview (the victim's institution)
with the data it needs, and remembers the names that only that object carries (``secrets``), so a
test can check that none of them reaches an outsider. ``PARAMETERS`` maps every URL parameter
name used by the project's routes to the function that answers the value to put in the URL.
"""

import datetime
import hashlib
from functools import cached_property

from django.utils import timezone

from nearpeer.accounts.models import ApiToken
from nearpeer.curriculum.models import Proposal, SessionPlan
from nearpeer.meetings.models import Availability, AvailabilityException, CalendarFeed
from nearpeer.supportline.models import (
    MentorTraining,
    Referral,
    Resource,
    Shift,
    ShiftSwap,
    SupportLine,
    SupportRequest,
)
from nearpeer.tenancy.models import Invitation, Membership, Role, RosterImport
from tests.conftest import _member
from tests.factories import BlackoutFactory, CalendarFactory
from tests.meetings.factories import (
    FacilitationFactory,
    MeetingFactory,
    ProgramPlanFactory,
    SeriesFactory,
)

LATER = datetime.timedelta(days=10)


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


class Victim:
    """Ridgeview's people and objects, each made once per test when a route first needs it."""

    def __init__(self, institution, program):
        self.institution = institution
        self.program = program
        self.secrets = {institution.name, program.name}

    def _keep(self, *names):
        self.secrets.update(n for n in names if n)

    # -- people --------------------------------------------------------------------------------
    @cached_property
    def person(self):
        """A Ridgeview trainee whose own things (tokens, feeds, requests) are on the line."""
        user = _member(
            Role.TRAINEE, self.program, full_name="Vera Victim", email="vera.victim@ridgeview.edu"
        )
        self._keep(user.full_name, user.email)
        return user

    @cached_property
    def facilitator(self):
        user = _member(
            Role.PEER_FACILITATOR,
            self.program,
            full_name="Felix Facilitates",
            email="felix.facilitates@ridgeview.edu",
        )
        self._keep(user.full_name, user.email)
        return user

    @cached_property
    def advisor(self):
        user = _member(
            Role.WELLNESS_ADVISOR,
            institution=self.institution,
            full_name="Winona Advises",
            email="winona.advises@ridgeview.edu",
        )
        self._keep(user.full_name, user.email)
        return user

    def _mentor(self, full_name, email):
        user = _member(Role.PEER_MENTOR, self.program, full_name=full_name, email=email)
        MentorTraining.objects.create(
            user=user, line=self.line, completed_on=datetime.date(2025, 8, 1)
        )
        return user

    @cached_property
    def mentor(self):
        """The mentor the request and the shift belong to."""
        user = self._mentor("Marisol Mentors", "marisol.mentors@ridgeview.edu")
        self._keep(user.full_name, user.email)
        return user

    @cached_property
    def bystander_mentor(self):
        """A trained mentor of the same line who is not assigned to anything here."""
        return self._mentor("Bo Bystander", "bo.bystander@ridgeview.edu")

    # -- tenancy -------------------------------------------------------------------------------
    @cached_property
    def membership(self):
        return Membership.objects.get(user=self.person)

    @cached_property
    def roster_import(self):
        found = RosterImport.objects.create(
            program=self.program, row_count=1, filename="ridgeview-hidden-roster.csv"
        )
        self._keep(found.filename)
        return found

    @cached_property
    def invitation(self):
        found = Invitation.objects.create(
            institution=self.institution,
            program=self.program,
            role=Role.TRAINEE,
            email="ivy.invited@ridgeview.edu",
            full_name="Ivy Invited",
            nonce="isolation-nonce-ridgeview",
            expires_at=timezone.now() + LATER,
        )
        self._keep(found.email, found.full_name)
        return found

    @cached_property
    def calendar(self):
        found = CalendarFactory(institution=self.institution, name="Ridgeview Hidden Year")
        self._keep(found.name)
        return found

    @cached_property
    def blackout(self):
        found = BlackoutFactory(calendar=self.calendar, name="Ridgeview Hidden Boards")
        self._keep(found.name)
        return found

    @cached_property
    def api_token(self):
        found = ApiToken.objects.create(
            user=self.person,
            name="Ridgeview hidden script",
            prefix="np_hidden",
            hashed=_hash("ridgeview hidden token"),
        )
        self._keep(found.name)
        return found

    # -- curriculum ----------------------------------------------------------------------------
    @cached_property
    def core_plan(self):
        found = SessionPlan.objects.create(
            institution=self.institution,
            key="ridgeview-hidden",
            title="Ridgeview Hidden Core Plan",
            summary="Only Ridgeview's office sees this.",
        )
        self._keep(found.title)
        return found

    @cached_property
    def program_plan(self):
        found = ProgramPlanFactory(program=self.program, title="Ridgeview Hidden Program Plan")
        self._keep(found.title)
        return found

    @cached_property
    def proposal(self):
        found = Proposal.objects.create(
            institution=self.institution,
            program=self.program,
            proposed_by=self.facilitator,
            title="Ridgeview Hidden Proposal",
            summary="A plan only Ridgeview reviews.",
        )
        self._keep(found.title)
        return found

    # -- meetings ------------------------------------------------------------------------------
    @cached_property
    def series(self):
        found = SeriesFactory(program=self.program, name="Ridgeview Hidden Series")
        self._keep(found.name)
        return found

    @cached_property
    def meeting(self):
        found = MeetingFactory(series=self.series, room="Ridgeview Hidden Room")
        FacilitationFactory(meeting=found, user=self.facilitator)
        self._keep(found.room)
        return found

    @cached_property
    def availability_window(self):
        return Availability.objects.create(
            user=self.facilitator,
            weekday=1,
            start_time=datetime.time(8),
            end_time=datetime.time(20),
        )

    @cached_property
    def availability_exception(self):
        return AvailabilityException.objects.create(
            user=self.facilitator, on=timezone.localdate() + LATER
        )

    @cached_property
    def feed(self):
        return CalendarFeed.objects.create(
            user=self.person, created_by=self.person, token_hash=_hash("ridgeview hidden feed")
        )

    # -- support line --------------------------------------------------------------------------
    @cached_property
    def line(self):
        found = SupportLine.objects.create(
            institution=self.institution, name="Ridgeview Hidden Line"
        )
        found.programs.set([self.program])
        self._keep(found.name)
        return found

    @cached_property
    def request(self):
        """An active, named request that ``mentor`` accepted."""
        found = SupportRequest.objects.create(
            line=self.line,
            program=self.program,
            requester=self.person,
            topics=["academic_stress"],
            opening_message="Ridgeview hidden words: I cannot keep up on nights.",
            mentor=self.mentor,
            accepted_at=timezone.now(),
            status=SupportRequest.Status.ACTIVE,
        )
        self._keep(found.opening_message)
        return found

    @cached_property
    def shift(self):
        starts = timezone.now() + LATER
        return Shift.objects.create(
            line=self.line,
            mentor=self.mentor,
            backup=self.advisor,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=4),
            status=Shift.Status.PUBLISHED,
        )

    @cached_property
    def swap(self):
        return ShiftSwap.objects.create(
            shift=self.shift, from_user=self.mentor, to_user=self.bystander_mentor
        )

    @cached_property
    def resource(self):
        found = Resource.objects.create(
            institution=self.institution,
            kind=Resource.Kind.COUNSELING,
            name="Ridgeview Hidden Counseling",
            phone="555-0177",
        )
        self._keep(found.name)
        return found

    @cached_property
    def referral(self):
        return Referral.objects.create(
            request=self.request,
            resource=self.resource,
            consent=True,
            made_by=self.mentor,
            follow_up_on=timezone.localdate() + LATER,
        )


def _plan(victim: Victim, route: str) -> int:
    """``plan_id`` names a core plan under /plans/ and a program's own plan under /program-plans/."""
    return (victim.program_plan if "program-plans/" in route else victim.core_plan).pk


def _person_at_meeting(victim: Victim, route: str) -> int:
    """``user_id`` beside a meeting: a trainee on its attendance, else one of its facilitators."""
    return (victim.person if "attendance" in route else victim.facilitator).pk


# URL parameter name -> the value, in Ridgeview, to put in a route that takes it.
PARAMETERS = {
    "institution_id": lambda v, route: v.institution.pk,
    "program_id": lambda v, route: v.program.pk,
    "import_id": lambda v, route: v.roster_import.pk,
    "membership_id": lambda v, route: v.membership.pk,
    "invitation_id": lambda v, route: v.invitation.pk,
    "calendar_id": lambda v, route: v.calendar.pk,
    "blackout_id": lambda v, route: v.blackout.pk,
    "token_id": lambda v, route: v.api_token.pk,
    "plan_id": _plan,
    "proposal_id": lambda v, route: v.proposal.pk,
    "series_id": lambda v, route: v.series.pk,
    "meeting_id": lambda v, route: v.meeting.pk,
    "user_id": _person_at_meeting,
    "window_id": lambda v, route: v.availability_window.pk,
    "exception_id": lambda v, route: v.availability_exception.pk,
    "feed_id": lambda v, route: v.feed.pk,
    "line_id": lambda v, route: v.line.pk,
    "request_id": lambda v, route: v.request.pk,
    "shift_id": lambda v, route: v.shift.pk,
    "swap_id": lambda v, route: v.swap.pk,
    "referral_id": lambda v, route: v.referral.pk,
    "resource_id": lambda v, route: v.resource.pk,
}
