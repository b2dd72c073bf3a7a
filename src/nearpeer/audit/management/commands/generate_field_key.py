from cryptography.fernet import Fernet
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Print a new key for NEARPEER_FIELD_KEYS (keep it secret, and back it up apart from the database)."

    def handle(self, *args, **options):
        self.stdout.write(Fernet.generate_key().decode("ascii"))
