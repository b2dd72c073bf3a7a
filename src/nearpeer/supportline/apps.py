from django.apps import AppConfig


class SupportlineConfig(AppConfig):
    name = "nearpeer.supportline"
    label = "supportline"
    verbose_name = "Peer-support line"
