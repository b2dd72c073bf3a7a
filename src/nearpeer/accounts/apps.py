from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "nearpeer.accounts"
    label = "accounts"
