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
        }

    return {"nav": compute()}
