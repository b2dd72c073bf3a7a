"""A person's calendar feed holds their sessions (meetings) and their support-line shifts; the
feed itself lives in meetings, and this is where the two features meet."""

from nearpeer.meetings import feeds
from nearpeer.supportline.selectors.rota import shift_events_for


def person_feed_compose() -> None:
    """Add support-line shifts to every personal calendar feed (once, at start-up)."""
    feeds.person_events_add(shift_events_for)
