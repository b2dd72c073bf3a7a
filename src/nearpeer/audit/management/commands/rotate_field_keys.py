from django.core.management.base import BaseCommand

from nearpeer.fields import rotate_all


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted field under the first key of NEARPEER_FIELD_KEYS. Run it after "
        "putting a new key first; then the old keys can be removed."
    )

    def handle(self, *args, **options):
        changed = rotate_all()
        self.stdout.write(f"Re-encrypted {changed} values under the first key.")
