from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "nearpeer.api"
    label = "api"
