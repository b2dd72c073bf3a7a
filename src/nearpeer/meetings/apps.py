from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "nearpeer.meetings"
    label = "meetings"
