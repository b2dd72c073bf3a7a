from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "nearpeer.meetings"
    label = "meetings"

    def ready(self):
        # The calendar pages (tenancy) list sessions still scheduled on days off; the spine does
        # not import meetings, so meetings tells it how to find them.
        from nearpeer.meetings import access
        from nearpeer.tenancy import blackout_sessions

        blackout_sessions.register(access.sessions_on_blackouts)
