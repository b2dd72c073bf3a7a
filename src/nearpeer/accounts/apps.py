from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate


def create_cache_table(sender, using="default", verbosity=1, **kwargs) -> None:
    """`nearpeer migrate` also makes the database cache's table (a no-op when it exists, or when
    the cache is Redis), so a fresh install needs no extra step."""
    call_command("createcachetable", database=using, verbosity=max(0, verbosity - 1))


class AccountsConfig(AppConfig):
    name = "nearpeer.accounts"
    label = "accounts"

    def ready(self) -> None:
        post_migrate.connect(create_cache_table, sender=self, dispatch_uid="nearpeer_cache_table")
