"""The spine's JSON API (mounted at /api/v1/ by `nearpeer.api.api`): one router composed of
institutions and programs, roster imports, memberships and calendars, in the order the schema
lists them.

The operation ids stay what they were when this was one module, `nearpeer_tenancy_api_<view>`
(ninja would otherwise name them after each submodule), so clients generated from the schema keep
their method names.
"""

from ninja import Router

from nearpeer.tenancy.api import calendars, memberships, programs, roster_imports

PARTS = (programs, roster_imports, memberships, calendars)

router = Router()
for part in PARTS:
    for path_view in part.router.path_operations.values():
        for operation in path_view.operations:
            operation.operation_id = f"nearpeer_tenancy_api_{operation.view_func.__name__}"
    router.add_router("/", part.router)
