"""Bench data: each program's year of sessions, who leads them, who came and who is coming."""

import datetime
import hashlib
import zoneinfo

from bench.population.scale import BATCH


class Sessions:
    """The sessions part of the bench builder (bench.population.builder.Builder): series of
    meetings, two facilitators each, attendance and feedback for the past ones, RSVPs."""

    def sessions(self, program, plans, trainees, facilitators, coordinator) -> None:
        from nearpeer.meetings.models import Availability, FacilitatorProfile, Series, SeriesPlan

        zone = zoneinfo.ZoneInfo(program.time_zone)
        at = (
            datetime.time(12)
            if program.kind in ("residency", "fellowship")
            else datetime.time(17, 30)
        )
        cadences = ["monthly"] + (["biweekly"] if len(trainees) >= 400 else [])
        for n, cadence in enumerate(cadences):
            series = Series.objects.create(
                program=program,
                name=f"Well-being sessions {self.year}–{(self.year + 1) % 100:02d}"
                + (" (fortnightly)" if n else ""),
                cadence=cadence,
                weekday=1 + (program.pk + n) % 3,
                start_time=at,
                minutes=60,
                room=f"Wellness Room {100 + n}",
                starts_on=datetime.date(self.year, 7, 1),
                ends_on=datetime.date(self.year + 1, 6, 30),
                created_by_id=coordinator,
            )
            SeriesPlan.objects.bulk_create(
                SeriesPlan(series=series, plan=plan, position=p) for p, plan in enumerate(plans)
            )
            days = self.meeting_days(cadence, series.weekday)
            self.meetings(series, plans, days, zone, at, trainees, facilitators)
        FacilitatorProfile.objects.bulk_create(
            FacilitatorProfile(user_id=uid, monthly_cap=2, sessions_led=n)
            for n, uid in enumerate(facilitators)
        )
        Availability.objects.bulk_create(
            Availability(
                user_id=uid, weekday=d, start_time=datetime.time(11), end_time=datetime.time(19)
            )
            for uid in facilitators
            for d in range(5)
        )

    def meeting_days(self, cadence: str, weekday: int) -> list[datetime.date]:
        first = datetime.date(self.year, 7, 1)
        first += datetime.timedelta(days=(weekday - first.weekday()) % 7)
        if cadence == "biweekly":
            return [first + datetime.timedelta(weeks=2 * n) for n in range(26)]
        days = []
        for month in range(12):
            y, m = self.year + (month + 6) // 12, (month + 6) % 12 + 1
            start = datetime.date(y, m, 8)  # the second <weekday> of the month
            days.append(start + datetime.timedelta(days=(weekday - start.weekday()) % 7))
        return days

    def meetings(self, series, plans, days, zone, at, trainees, facilitators) -> None:
        from nearpeer.meetings.models import Facilitation, Meeting

        rows = []
        for n, day in enumerate(days):
            starts_at = datetime.datetime.combine(day, at, tzinfo=zone)
            rows.append(
                Meeting(
                    series=series,
                    program_id=series.program_id,
                    plan=plans[n % len(plans)] if plans else None,
                    starts_at=starts_at,
                    ends_at=starts_at + datetime.timedelta(minutes=60),
                    modality=series.modality,
                    room=series.room,
                    check_in_code=f"{self.rng.randrange(10**6):06d}",
                )
            )
        Meeting.objects.bulk_create(rows)
        meetings = list(series.meetings.order_by("starts_at"))
        Facilitation.objects.bulk_create(
            Facilitation(
                meeting=m,
                user_id=facilitators[(2 * n + k) % len(facilitators)],
                assigned_at=self.now - datetime.timedelta(days=30),
            )
            for n, m in enumerate(meetings)
            for k in range(2)
            if len(facilitators) > k
        )
        past = [m for m in meetings if m.ends_at < self.now]
        upcoming = [m for m in meetings if m.starts_at > self.now]
        self.attendance(past[-6:], trainees)
        self.rsvps(upcoming[:2], trainees)

    def attendance(self, meetings, trainees) -> None:
        from nearpeer.meetings.models import Attendance, Feedback, FeedbackInvite

        attendance, invites, feedback = [], [], []
        for meeting in meetings:
            came = self.rng.sample(trainees, min(len(trainees), max(6, len(trainees) // 10)))
            for n, uid in enumerate(came):
                attendance.append(
                    Attendance(meeting=meeting, user_id=uid, via="self" if n % 3 else "facilitator")
                )
                token = hashlib.sha256(f"{meeting.pk}:{uid}:{self.rng.random()}".encode())
                invites.append(
                    FeedbackInvite(
                        meeting=meeting, user_id=uid, token_hash=token.hexdigest(), used=n % 5 < 2
                    )
                )
            feedback += [
                Feedback(
                    meeting=meeting,
                    helpfulness=self.rng.choice([3, 4, 4, 5, 5]),
                    what_helped="The small groups.",
                )
                for _ in range(len(came) * 2 // 5)
            ]
        Attendance.objects.bulk_create(attendance, batch_size=BATCH)
        FeedbackInvite.objects.bulk_create(invites, batch_size=BATCH)
        Feedback.objects.bulk_create(feedback, batch_size=BATCH)

    def rsvps(self, meetings, trainees) -> None:
        from nearpeer.meetings.models import Rsvp

        Rsvp.objects.bulk_create(
            (
                Rsvp(meeting=m, user_id=uid)
                for m in meetings
                for uid in self.rng.sample(trainees, len(trainees) // 8)
            ),
            batch_size=BATCH,
        )
