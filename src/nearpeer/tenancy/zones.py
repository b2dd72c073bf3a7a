"""Which time zone a person's times are shown in: one rule for pages, emails and feeds.

The rule: the person's own choice (User.time_zone) if they made one; else the zone of their
earliest-started program membership in force; else the zone of the institution of their
earliest-started institution-wide membership in force; else settings.TIME_ZONE.
Pages about one program's sessions show that program's zone instead, and name it.
"""

import zoneinfo
from collections import defaultdict
from functools import cache

from django.conf import settings

from nearpeer.tenancy import policy


@cache
def zone_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


@cache
def zone_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Zone names grouped by region (America, Europe, ...) and sorted, for a <select>."""
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for name in sorted(zone_names()):
        region = name.split("/", 1)[0] if "/" in name else "Other"
        groups[region].append((name, name.replace("_", " ")))
    return sorted(groups.items())


def zone_name_for(user) -> str:
    """The zone this person's own pages and emails use (see the module's rule)."""
    own = getattr(user, "time_zone", "") if user is not None else ""
    if own and own in zone_names():
        return own
    return policy.membership_zone(user) or settings.TIME_ZONE


def zone_for(user) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(zone_name_for(user))
