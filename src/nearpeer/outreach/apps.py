from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "nearpeer.outreach"
    label = "outreach"
