"""Bench data: support lines with trained mentors, a rota, past and open conversations, counts."""

import datetime

from bench.population.scale import BATCH, SHIFT_HOURS, STUDENT_KINDS


class SupportLines:
    """The support-line part of the bench builder (bench.population.builder.Builder)."""

    def support_line(self, institution, programs, backups: list[int]) -> None:
        from nearpeer.supportline.models import MentorProfile, MentorTraining, SupportLine

        students = programs[0].kind in STUDENT_KINDS
        line = SupportLine.objects.create(
            institution=institution,
            name="Peer support line for " + ("students" if students else "residents and fellows"),
            description="Talk with a trained near-peer mentor, privately and, if you like, anonymously.",
        )
        line.programs.set(programs)
        mentors = [uid for p in programs for uid in p.mentor_ids]
        MentorTraining.objects.bulk_create(
            MentorTraining(user_id=uid, line=line, completed_on=datetime.date(self.year, 6, 20))
            for uid in mentors
        )
        MentorProfile.objects.bulk_create(
            MentorProfile(user_id=uid, languages=["English", "Spanish"] if n % 3 else ["English"])
            for n, uid in enumerate(mentors)
        )
        self.shifts(line, mentors, backups)
        requesters = [uid for p in programs for uid in p.trainee_ids[-50:]]
        busy = mentors[: max(1, min(len(mentors), 6))]
        self.sample("mentor", busy)
        self.requests(line, programs, requesters, mentors, busy, backups)
        self.weekly_counts(line)

    def shifts(self, line, mentors: list[int], backups: list[int]) -> None:
        from nearpeer.supportline.models import Shift

        if not mentors or not backups:
            return
        start = self.now.replace(minute=0, second=0, microsecond=0) - datetime.timedelta(
            days=7, hours=6
        )
        Shift.objects.bulk_create(
            Shift(
                line=line,
                starts_at=start + datetime.timedelta(hours=SHIFT_HOURS * n),
                ends_at=start + datetime.timedelta(hours=SHIFT_HOURS * (n + 1)),
                mentor_id=mentors[n % len(mentors)],
                backup_id=backups[n % len(backups)],
                status=Shift.Status.PUBLISHED,
            )
            for n in range(35 * 24 // SHIFT_HOURS)
        )

    def requests(self, line, programs, requesters, mentors, busy, backups) -> None:
        from nearpeer.supportline.models import Contact, Message, SupportRequest

        by_user = {uid: p for p in programs for uid in p.trainee_ids[-50:]}
        rows = []
        closed = 10 * 12  # about ten a week for twelve weeks
        for n in range(closed):
            uid = requesters[n % len(requesters)]
            created = self.now - datetime.timedelta(hours=self.rng.uniform(24, 24 * 84))
            risk = self.rng.choices(("low", "elevated", "high"), weights=(70, 25, 5))[0]
            rows.append(
                SupportRequest(
                    line=line,
                    program=by_user[uid],
                    requester_id=None if n % 4 == 0 else uid,
                    anonymous=n % 4 == 0,
                    topics=[
                        self.rng.choice(
                            ["academic_stress", "loneliness", "imposter", "relationships"]
                        )
                    ],
                    opening_message="Exams are piling up and I can't sleep.",
                    risk=risk,
                    status=SupportRequest.Status.CLOSED,
                    mentor_id=mentors[n % len(mentors)],
                    offered_at=created,
                    accepted_at=created + datetime.timedelta(minutes=3),
                    acknowledged_by_id=backups[0] if risk == "high" else None,
                    acknowledged_at=created + datetime.timedelta(minutes=8)
                    if risk == "high"
                    else None,
                    acknowledgement="Called them; they are safe." if risk == "high" else "",
                    created_at=created,
                    closed_at=created + datetime.timedelta(minutes=40),
                    closed_by_id=mentors[n % len(mentors)],
                )
            )
        for n, mentor in enumerate(busy * 3):  # three open conversations per busy mentor
            uid = requesters[(closed + n) % len(requesters)]
            created = self.now - datetime.timedelta(minutes=5 + 7 * n)
            rows.append(
                SupportRequest(
                    line=line,
                    program=by_user[uid],
                    requester_id=uid,
                    topics=["academic_stress", "imposter"],
                    opening_message="Step 1 is in six weeks and I'd love to hear how someone planned.",
                    risk="elevated" if n % 5 == 0 else "low",
                    status=SupportRequest.Status.OFFERED
                    if n % 3 == 2
                    else SupportRequest.Status.ACTIVE,
                    mentor_id=mentor,
                    offered_at=created,
                    accepted_at=None if n % 3 == 2 else created + datetime.timedelta(minutes=2),
                    created_at=created,
                )
            )
        SupportRequest.objects.bulk_create(rows, batch_size=500)
        saved = list(SupportRequest.objects.filter(line=line).order_by("pk"))
        Contact.objects.bulk_create(
            Contact(
                request=r,
                mentor_id=r.mentor_id,
                topics=r.topics,
                minutes=30,
                outcome="supported",
                notes="Talked through a study plan.",
            )
            for r in saved
            if r.status == SupportRequest.Status.CLOSED
        )
        texts = (
            ("requester", "Mostly studying until 1am and then not sleeping much."),
            ("mentor", "Thank you for reaching out. What has the last week looked like for you?"),
        )
        Message.objects.bulk_create(
            (
                Message(
                    request=r,
                    sender=texts[k % 2][0],
                    author_id=(r.requester_id if k % 2 == 0 else r.mentor_id),
                    body=texts[k % 2][1],
                    created_at=r.created_at + datetime.timedelta(minutes=k),
                )
                for r in saved
                for k in range(6 if r.status != SupportRequest.Status.CLOSED else 2)
            ),
            batch_size=BATCH,
        )

    def weekly_counts(self, line) -> None:
        from nearpeer.supportline.models import WeeklyCount
        from nearpeer.supportline.services.retention import ALL_REQUESTS, week_start

        this_week = week_start(self.today)
        WeeklyCount.objects.bulk_create(
            WeeklyCount(
                line=line,
                week_start=this_week - datetime.timedelta(weeks=n),
                topic=topic,
                risk=risk,
                count=self.rng.randint(1, 6),
            )
            for n in range(1, 53)
            for topic in (ALL_REQUESTS, "academic_stress", "loneliness")
            for risk in ("low", "elevated")
        )
