"""`nearpeer demo`: load (or refresh) the demo institutions, programs, people and sign-ins."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from nearpeer.accounts.models import User
from nearpeer.demo import data as demo_data
from nearpeer.tenancy.models import Blackout, Membership, Program, Role


class Command(BaseCommand):
    help = (
        "Load demo data: two fictional institutions, their programs, people and calendars, "
        "and one sign-in per role. Safe to run again."
    )

    def handle(self, *args, **options):
        if not (settings.DEBUG or settings.TESTING):
            raise CommandError(
                "The demo creates accounts with a published password and authenticator secrets, "
                "so it runs only with DEBUG=true (never on a live site)."
            )
        demo = demo_data.build()
        self.stdout.write(self.style.SUCCESS(self._summary(demo)))
        self.stdout.write(self._table(demo))

    @staticmethod
    def _summary(demo) -> str:
        return (
            f"Demo data ready for the {demo.year}–{(demo.year + 1) % 100:02d} academic year: "
            f"{len(demo.institutions)} institutions, "
            f"{Program.objects.filter(institution__in=demo.institutions.values()).count()} programs, "
            f"{User.objects.filter(memberships__institution__in=demo.institutions.values()).distinct().count()} people, "
            f"{Membership.objects.filter(institution__in=demo.institutions.values()).count()} roles, "
            f"{Blackout.objects.filter(calendar__institution__in=demo.institutions.values()).count()} "
            "blackout periods."
        )

    @staticmethod
    def _table(demo) -> str:
        header = ("Role", "Email", "Password", "Second step", "Recovery code")
        rows = [
            (
                Role(s.role).label,
                s.email,
                demo_data.DEMO_PASSWORD,
                "nearpeer totp" if s.needs_mfa else "none",
                s.recovery_code or "",
            )
            for s in demo.sign_ins
        ]
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
        sign_in = settings.SITE_URL.rstrip("/") + reverse("account_login")
        lines = ["", f"Demo sign-ins (sign in at {sign_in}):"]
        for row in [header, tuple("-" * w for w in widths), *rows]:
            lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))
        lines += [
            "",
            "Second step: run `nearpeer totp EMAIL` for the current 6-digit code, or use the",
            "recovery code shown (each recovery code works once).",
            "",
            "A waiting invitation (open it signed out to accept as someone new):",
            f"  {demo.invitation_link}",
        ]
        return "\n".join(line.rstrip() for line in lines)
