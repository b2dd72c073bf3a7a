"""`nearpeer install_core_curriculum [--institution SLUG]`: add nearpeer's core session plans."""

from django.core.management.base import BaseCommand, CommandError

from nearpeer.curriculum.services import core_curriculum_install
from nearpeer.tenancy.models import Institution


class Command(BaseCommand):
    help = (
        "Install version 1 of nearpeer's core session plans at one institution (or all). "
        "Plans the institution already has (by key) are left as they are. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--institution", metavar="SLUG", help="Only this institution.")

    def handle(self, *args, institution=None, **options):
        institutions = Institution.objects.order_by("name")
        if institution:
            institutions = institutions.filter(slug=institution)
            if not institutions.exists():
                raise CommandError(f"No institution has the slug “{institution}”.")
        for inst in institutions:
            added = core_curriculum_install(institution=inst)
            self.stdout.write(f"{inst.name}: {added} core plan(s) added.")
