from django.apps import AppConfig


class CurriculumConfig(AppConfig):
    name = "nearpeer.curriculum"
    label = "curriculum"
