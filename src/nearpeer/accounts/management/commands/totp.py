"""`nearpeer totp EMAIL`: the current authenticator code of a demo or development account."""

import time

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from nearpeer.accounts.models import User

DEMO_SUFFIX = ".example"


class Command(BaseCommand):
    help = (
        "Print the current 6-digit authenticator code of an account. Works only for addresses "
        "ending in .example (the demo accounts), or for any account when DEBUG=true."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="The account's email, such as office@elmstead.example.")

    def handle(self, *args, **options):
        email = options["email"].strip().lower()
        # Checked before any lookup, so the command never says whether a real account exists.
        if not (settings.DEBUG or email.endswith(DEMO_SUFFIX)):
            raise CommandError(
                f"Refusing to show a code for {email}: this works only for demo addresses ending "
                f"in {DEMO_SUFFIX}, or on a development setup with DEBUG=true."
            )
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"No account has the email {email}. Run `nearpeer demo` first?")
        authenticator = Authenticator.objects.filter(
            user=user, type=Authenticator.Type.TOTP
        ).first()
        if authenticator is None:
            raise CommandError(f"{email} has no authenticator app set up, so it has no code.")
        secret = decrypt(authenticator.data["secret"])
        now = int(time.time())
        period = mfa_settings.TOTP_PERIOD
        self.stdout.write(format_hotp_value(hotp_value(secret, now // period)))
        self.stderr.write(f"(valid for about {period - now % period} more seconds)")
