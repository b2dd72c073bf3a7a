"""Sessions already scheduled on days off, for the calendar page and API.

Sessions belong to the meetings app, which the spine does not import; meetings fills this in when
it starts (`MeetingsConfig.ready`). Until then no blackout has sessions on it.
"""

from collections.abc import Callable, Iterable

Finder = Callable[..., dict[int, list]]
_finder: Finder | None = None


def register(finder: Finder) -> None:
    """Name the function that answers ``sessions_on_blackouts`` (meetings does, at start-up)."""
    global _finder  # one answer for the process, set once at start-up
    _finder = finder


def sessions_on_blackouts(user, blackouts: Iterable) -> dict[int, list]:
    """Blackout id -> the scheduled upcoming sessions the user runs that fall on its days."""
    blackouts = list(blackouts)
    if _finder is None:
        return {b.pk: [] for b in blackouts}
    return _finder(user, blackouts)
