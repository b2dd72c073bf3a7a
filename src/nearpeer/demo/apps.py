from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "nearpeer.demo"
    label = "demo"
