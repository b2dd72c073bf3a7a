"""Template context for the navigation: what this person may reach.

The main menu is built here, and only here, from the roles the person holds today (read once per
request by ``tenancy.policy``): a link is shown only to the roles whose pages answer it. The
account menu holds what is about the person rather than their work.
"""

import functools
from dataclasses import dataclass

from django.urls import get_script_prefix, reverse

from nearpeer.tenancy import policy
from nearpeer.tenancy.models import PROGRAM_STAFF_ROLES, Role

# Roles of people who take part in a program as trainees: they come to sessions and may reach out.
MEMBER_ROLES = frozenset(
    {Role.TRAINEE, Role.PEER_FACILITATOR, Role.PEER_MENTOR, Role.GROUP_FACILITATOR}
)
RUNS_PROGRAMS = PROGRAM_STAFF_ROLES | {Role.OFFICE_ADMIN}
# The same roles as meetings.access.FACILITATOR_ROLES (the spine does not import meetings; a test
# in tests/accounts keeps the two equal).
LEADS_SESSIONS = frozenset({Role.PEER_FACILITATOR, Role.WELLNESS_ADVISOR})
SUPERVISES = frozenset({Role.FACULTY_ADVISOR, Role.WELLNESS_ADVISOR})
MENTORS = frozenset({Role.PEER_MENTOR})


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset  # shown to anyone holding one of these roles


# The main menu, in the order it is shown. Each role's own pages:
#   trainee: Home, Sessions, Check in, Talk to a peer (and My conversations), Curriculum
#   peer facilitator / wellness advisor: sessions they lead, availability, attendance, curriculum
#   peer mentor: their shifts and queue;  wellness / faculty advisor: the backup board
#   program staff and the office: programs, attendance, calendars, curriculum, the support-line rota
#   the office: the access log
MAIN_MENU = (
    NavItem(
        "Sessions",
        "meetings:upcoming",
        frozenset({Role.TRAINEE, Role.PEER_MENTOR, Role.GROUP_FACILITATOR}),
    ),
    NavItem("Sessions you lead", "meetings:mine", LEADS_SESSIONS),
    NavItem("Check in", "meetings:check_in", frozenset({Role.TRAINEE})),
    NavItem("Talk to a peer", "supportline:support_talk", MEMBER_ROLES),
    # A requester's own conversations ("My conversations") are linked from home and from
    # "Talk to a peer", where they matter, rather than from every page.
    NavItem("Your shifts", "supportline:support_rota_mine", MENTORS),
    NavItem("Availability", "meetings:availability", LEADS_SESSIONS),
    NavItem("Programs", "program_list", RUNS_PROGRAMS),
    NavItem("Attendance", "meetings:attendance_overview", LEADS_SESSIONS | PROGRAM_STAFF_ROLES),
    NavItem("Calendars", "calendar_list", RUNS_PROGRAMS),
    # Every role may browse the session plans (a trainee too, to see what sessions cover).
    NavItem("Curriculum", "curriculum:core_plan_list", frozenset(Role)),
    # Where this person starts on the support line; see _support_link.
    NavItem("Support line", "", MENTORS | SUPERVISES | RUNS_PROGRAMS),
    NavItem("Access log", "access_log", frozenset({Role.OFFICE_ADMIN})),
)

# The account menu, under the person's name: the same for every role.
ACCOUNT_MENU = (
    NavItem("Time zone", "my_settings", frozenset()),
    NavItem("Calendar links", "meetings:feeds", frozenset()),
    NavItem("Password", "account_change_password", frozenset()),
    NavItem("Sign-in security", "mfa_index", frozenset()),
    NavItem("API tokens", "token_list", frozenset()),
)


def nav(request) -> dict:
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    roles = getattr(request, "nearpeer_roles", None)
    if roles is None:
        roles = policy.roles_of(user)
    current = getattr(getattr(request, "resolver_match", None), "view_name", None)
    return {
        "nav": {
            "roles": roles,
            "is_office_admin": Role.OFFICE_ADMIN in roles,
            "manages_programs": bool(roles & RUNS_PROGRAMS),
            "support_link": _support_link(roles),
            "main": _links(main_menu(roles), current),
            "account": _links(ACCOUNT_MENU, current),
            "name": user.display_name,
        }
    }


def main_menu(roles: set[str]) -> list[NavItem]:
    """The main menu for someone holding these roles: Home, then each page their roles use."""
    items = [NavItem("Home", "home", frozenset())]
    for item in MAIN_MENU:
        if item.roles & roles:
            url_name = item.url_name or _support_link(roles)
            items.append(NavItem(item.label, url_name, item.roles))
    return items


def _links(items, current) -> list[dict]:
    prefix = get_script_prefix()
    return [
        {
            "label": item.label,
            "url": _address(item.url_name, prefix),
            "current": item.url_name == current,
        }
        for item in items
    ]


@functools.lru_cache(maxsize=128)
def _address(url_name: str, prefix: str) -> str:
    """A menu page's address: the same on every request, so worked out once per process."""
    return reverse(url_name)


def _support_link(roles: set[str]) -> str | None:
    """The support-line page each role starts from: backups' board, mentors' queue, staff's rota."""
    if roles & SUPERVISES:
        return "supportline:support_board"
    if roles & MENTORS:
        return "supportline:support_queue"
    if roles & RUNS_PROGRAMS:
        return "supportline:support_rota_lines"
    return None
