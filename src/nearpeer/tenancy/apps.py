from django.apps import AppConfig


class TenancyConfig(AppConfig):
    name = "nearpeer.tenancy"
    label = "tenancy"
    verbose_name = "Institutions and programs"
