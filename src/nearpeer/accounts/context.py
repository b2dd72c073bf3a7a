"""Template context for the navigation: what this person may reach."""

from nearpeer.tenancy import policy


def nav(request) -> dict:
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}

    def compute() -> dict:
        roles = getattr(request, "nearpeer_roles", None)
        if roles is None:
            roles = policy.roles_of(user)
        return {
            "roles": roles,
            "is_office_admin": "office_admin" in roles,
            "manages_programs": bool(
                roles & {"office_admin", "champion", "program_director", "coordinator"}
            ),
            "support_link": _support_link(roles),
        }

    return {"nav": compute()}


def _support_link(roles: set[str]) -> str | None:
    """The support-line page each role starts from: backups' board, mentors' queue, staff's rota."""
    if roles & {"faculty_advisor", "wellness_advisor"}:
        return "support_board"
    if "peer_mentor" in roles:
        return "support_queue"
    if roles & {"office_admin", "champion", "program_director", "coordinator"}:
        return "support_rota_lines"
    return None
