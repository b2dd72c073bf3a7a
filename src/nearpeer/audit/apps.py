from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "nearpeer.audit"
    label = "audit"
