from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "nearpeer.accounts"
    label = "accounts"

    def ready(self) -> None:
        from nearpeer.accounts import receivers  # noqa: F401  (marks sessions that just enrolled in MFA)
