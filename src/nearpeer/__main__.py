"""The `nearpeer` command: Django's manage.py under our own name (`nearpeer migrate`, `nearpeer demo`)."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nearpeer.settings")
    from django.conf import settings
    from django.core.management import execute_from_command_line

    # The default SQLite file and collected static files live here; a fresh clone has no folder.
    settings.DATA_DIR.mkdir(parents=True, exist_ok=True)

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
