from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "nearpeer.home"
    label = "home"
