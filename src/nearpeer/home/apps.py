from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "nearpeer.home"
    label = "home"

    def ready(self):
        from nearpeer.home.feeds import person_feed_compose  # models are loaded only now

        person_feed_compose()
