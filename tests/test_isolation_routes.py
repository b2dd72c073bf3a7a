"""Isolation tests generated from the URL patterns: every page and API route that takes an id is
tried by an outsider (Lakeshore's well-being office, also a coordinator there) and by a Ridgeview
person whose role must not reach it. A new route is tried without anyone remembering to add it:
its parameters must have a factory in tests/isolation_victims.py, or the route must be in
``NOT_TRIED`` below with the reason.
"""

import functools
import inspect
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLResolver, get_resolver

from tests.isolation_victims import PARAMETERS, Victim
from tests.support import api_token_for

PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>")

# Routes with an id that are deliberately not tried here, by path prefix, with the reason.
NOT_TRIED = {
    # Platform operators only (is_staff, not an institution role); Django's own permission checks.
    "admin/": "Django admin",
    # allauth's own routes: e-mail and password-reset keys, SSO provider slugs; no tenant data.
    "accounts/": "allauth",
    # Secret-token routes: the token is the credential (tests/meetings/test_feeds.py,
    # test_feedback.py, tests/tenancy/test_invitations.py, tests/supportline/test_requests_*.py).
    "sessions/feeds/<str:token>.ics": "iCalendar feed by secret token",
    "sessions/feedback/<str:token>/": "one-time anonymous feedback link",
    "invitations/accept/<str:token>/": "signed invitation link",
    "support/r/<str:token>/": "an anonymous requester's return link",
    # Anyone, even signed out, may reach out on a line: its public 'Talk to a peer' page.
    "support/talk/<int:line_id>/": "public page of a support line",
}

# Who in Ridgeview must not reach a route family (the longest matching path prefix wins).
# "trainee" is a plain trainee of the program; "coordinator" runs it (another person than the
# owner of personal things); "mentor" is a trained mentor of the line assigned to nothing here.
REFUSED_IN_HOUSE = {
    "me/tokens/": "coordinator",  # a token is its owner's
    "institutions/": "trainee",
    "programs/": "trainee",
    "memberships/": "trainee",
    "invitations/": "trainee",
    "calendars/": "trainee",
    "blackouts/": "trainee",
    "curriculum/": "trainee",
    "sessions/": "trainee",
    "sessions/availability/": "coordinator",  # a facilitator's own availability
    "sessions/feeds/": "coordinator",  # a person's own feed
    "support/rota/": "trainee",
    "support/requests/": "mentor",  # only the assigned mentor and the line's professionals
    "support/records/": "mentor",
    "api/v1/": "trainee",
    "api/v1/feeds/": "coordinator",
    "api/v1/support/requests/": "mentor",
    "api/v1/support/referrals/": "mentor",
    "api/v1/support/resources/": "mentor",
    "api/v1/support/lines/<line_id>/dashboard": "mentor",
}

# Reads (and the RSVP) that every member of the program may use, by design of tenancy/policy.py;
# their other methods are still refused. Route -> the methods open to the trainee. (A page that
# only reads answers a POST as it answers a GET.)
OPEN_IN_HOUSE = {
    "calendars/<int:calendar_id>/": {"get"},  # calendars_for: the institution's and program's
    "api/v1/calendars/<calendar_id>": {"get"},
    "api/v1/institutions/<institution_id>": {"get"},  # institutions_for
    "api/v1/programs/<program_id>": {"get"},  # programs_for
    "api/v1/programs/<program_id>/cohorts": {"get"},
    # session_plans_for: the institution's core plans
    "curriculum/plans/<int:plan_id>/": {"get", "post"},
    "api/v1/plans/<plan_id>": {"get"},
    "curriculum/programs/<int:program_id>/": {"get", "post"},  # program_plans_for
    "curriculum/program-plans/<int:plan_id>/": {"get", "post"},
    "curriculum/program-plans/<int:plan_id>/diff/": {"get", "post"},
    "api/v1/programs/<program_id>/plans": {"get"},
    "api/v1/program-plans/<plan_id>": {"get"},
    "sessions/meetings/<int:meeting_id>/": {"get", "post"},  # meetings_for: the program's sessions
    "sessions/meetings/<int:meeting_id>.ics": {"get"},
    "sessions/meetings/<int:meeting_id>/rsvp/": {"post"},
    "api/v1/meetings/<meeting_id>": {"get"},
    "api/v1/series/<series_id>": {"get"},  # series_for
}


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            joined = f"{namespace}:{inner}" if namespace and inner else namespace or inner
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), joined)
        else:
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            yield prefix + str(pattern.pattern), name, pattern.callback


def _parameters(route: str) -> list[str]:
    return [a or b for a, b in PARAMETER.findall(route)]


def _example(schema: dict, components: dict, ids):
    """A value the JSON schema accepts; a property named like a URL parameter (``resource_id``)
    gets Ridgeview's object from ``ids``."""
    if "$ref" in schema:
        return _example(components[schema["$ref"].rsplit("/", 1)[-1]], components, ids)
    for key in ("allOf", "anyOf", "oneOf"):
        if key in schema:
            typed = [s for s in schema[key] if s.get("type") != "null"]
            return _example(typed[0], components, ids)
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object":
        properties = schema.get("properties", {})
        return {
            k: ids(k) if k in PARAMETERS else _example(properties[k], components, ids)
            for k in schema.get("required", [])
        }
    if kind == "array":
        return [_example(schema["items"], components, ids)] * schema.get("minItems", 0)
    if kind in ("integer", "number"):
        return max(schema.get("minimum", 1), 1)
    if kind == "boolean":
        return True
    return EXAMPLE_STRINGS.get(schema.get("format"), "x" * max(schema.get("minLength", 1), 1))


EXAMPLE_STRINGS = {
    "date": "2026-09-01",
    "date-time": "2026-09-01T12:00:00+00:00",
    "time": "12:00:00",
    "email": "someone@example.edu",
    "uri": "https://example.edu/",
}


def _api_calls(view, route: str) -> dict | None:
    """Method -> a maker of the test client's body arguments, for each operation of a
    django-ninja path (its view closes over ninja's PathView); None for a page."""
    if not view.__module__.startswith("ninja."):
        return None
    operations = inspect.getclosurevars(view).nonlocals["self"].operations
    api_schema = _openapi(operations[0].api)
    path = api_schema["paths"]["/" + PARAMETER.sub(r"{\1}", route)]
    return {
        method.lower(): functools.partial(
            _body, path[method.lower()].get("requestBody"), api_schema
        )
        for op in operations
        for method in op.methods
    }


@functools.cache
def _openapi(api) -> dict:
    return api.get_openapi_schema()


def _body(request_body: dict | None, api_schema: dict, ids) -> dict:
    """Test-client arguments carrying a body the operation accepts, so a write reaches the id
    lookup instead of stopping at a 422."""
    if request_body is None:
        return {}
    components = api_schema["components"]["schemas"]
    content_type, content = next(iter(request_body["content"].items()))
    example = _example(content["schema"], components, ids)
    if content_type == "application/json":
        return {"data": json.dumps(example), "content_type": content_type}
    return {"data": {k: SimpleUploadedFile("x.csv", b"x\n") for k in example}}


def _routes_with_ids() -> dict[str, tuple[str, dict | None]]:
    """route -> (namespaced URL name, API calls or None for a page), for every route with a
    parameter. django-ninja lists a path once per operation; they share one view."""
    found = {}
    for route, name, view in _walk(get_resolver().url_patterns):
        if _parameters(route) and route not in found:
            found[route] = (name, _api_calls(view, route))
    return found


ROUTES = _routes_with_ids()


def _not_tried(route: str) -> str | None:
    return next((why for prefix, why in NOT_TRIED.items() if route.startswith(prefix)), None)


TRIED = sorted(route for route in ROUTES if _not_tried(route) is None)


def _in_house(route: str) -> str | None:
    prefixes = [p for p in REFUSED_IN_HOUSE if route.startswith(p)]
    return REFUSED_IN_HOUSE[max(prefixes, key=len)] if prefixes else None


def _url(route: str, victim: Victim) -> str:
    def value(match):
        name = match.group(1) or match.group(2)
        if name not in PARAMETERS:
            pytest.fail(
                f"add a factory for parameter {name} used by route {route} "
                f"({ROUTES[route][0]}) to PARAMETERS in tests/isolation_victims.py"
            )
        return str(PARAMETERS[name](victim, route))

    return "/" + PARAMETER.sub(value, route)


def _answers(client: Client, route: str, victim: Victim, api_token: str | None):
    """(method, response) for each method the route is tried with: GET and POST (empty) on a
    page; every method of an API path, writes with a body its schema accepts."""
    url = _url(route, victim)
    calls = ROUTES[route][1]
    if calls is None:
        return [("get", client.get(url)), ("post", client.post(url))]
    headers = {"Authorization": f"Bearer {api_token}"}

    def ids(name):
        return PARAMETERS[name](victim, route)

    return [
        (method, getattr(client, method)(url, headers=headers, **body(ids)))
        for method, body in sorted(calls.items())
    ]


def _refused(response) -> bool:
    """Not found, forbidden or not allowed; a redirect only to sign in."""
    if response.status_code in (403, 404, 405):
        return True
    return response.status_code == 302 and "/login/" in response.get("Location", "")


def _client_for(user, sign_in, route):
    if ROUTES[route][1] is None:
        return sign_in(user, Client()), None
    return Client(), api_token_for(user, name="isolation")


@pytest.fixture
def victim(ridgeview, program):
    return Victim(ridgeview, program)


@pytest.mark.parametrize("route", TRIED)
def test_an_outsider_is_refused_and_sees_nothing(route, victim, outsider, sign_in):
    url = _url(route, victim)
    client, token = _client_for(outsider, sign_in, route)

    for method, response in _answers(client, route, victim, token):
        assert _refused(response), f"{method.upper()} {url}: {response.status_code}"
        body = response.content.decode(errors="replace")
        seen = sorted(secret for secret in victim.secrets if secret in body)
        assert not seen, f"{method.upper()} {url} shows Ridgeview's {seen}"


@pytest.mark.parametrize("route", TRIED)
def test_a_ridgeview_role_that_must_not_reach_it_is_refused(
    route, victim, trainee, coordinator, sign_in
):
    if _in_house(route) is None:
        pytest.fail(f"add the family of route {route} to REFUSED_IN_HOUSE")
    url = _url(route, victim)
    persona = {
        "trainee": trainee,
        "coordinator": coordinator,
        "mentor": victim.bystander_mentor,
    }[_in_house(route)]
    client, token = _client_for(persona, sign_in, route)

    open_to_members = OPEN_IN_HOUSE.get(route, set())
    for method, response in _answers(client, route, victim, token):
        if method not in open_to_members:
            assert _refused(response), f"{method.upper()} {url}: {response.status_code}"


def test_every_parameter_of_every_route_has_a_factory():
    missing = [
        f"add a factory for parameter {name} used by route {route} ({ROUTES[route][0]})"
        for route in TRIED
        for name in _parameters(route)
        if name not in PARAMETERS
    ]
    assert not missing, "\n".join(missing)


def test_every_route_with_an_id_is_tried_or_excused():
    excused = [route for route in ROUTES if _not_tried(route)]
    print(f"\nroutes with an id: {len(ROUTES)}, tried: {len(TRIED)}, excused: {len(excused)}")
    assert len(TRIED) >= len(ROUTES) - len(excused)
    assert len(TRIED) > 100  # the walk found the project's routes, not an empty resolver


def test_every_route_has_a_ridgeview_role_that_must_not_reach_it():
    unruled = [route for route in TRIED if _in_house(route) is None]
    assert not unruled, f"add the route family to REFUSED_IN_HOUSE: {unruled}"


def test_every_excuse_still_names_a_route():
    unused = [prefix for prefix in NOT_TRIED if not any(r.startswith(prefix) for r in ROUTES)]
    assert not unused, f"NOT_TRIED names routes that are gone: {unused}"
    stale = [route for route in OPEN_IN_HOUSE if route not in ROUTES]
    assert not stale, f"OPEN_IN_HOUSE names routes that are gone: {stale}"


def _reached(response) -> bool:
    return response.status_code != 401 and not _refused(response)


@pytest.mark.parametrize("route", TRIED)
def test_someone_in_ridgeview_reaches_it(route, victim, office_admin, coordinator, sign_in):
    """The control: the objects exist and their own people reach them, so the refusals above
    come from the scope, not from a wrong or missing object."""
    url = _url(route, victim)
    people = [
        office_admin,
        coordinator,
        victim.person,
        victim.facilitator,
        victim.mentor,
        victim.advisor,
    ]
    for person in people:
        client, token = _client_for(person, sign_in, route)
        if any(_reached(response) for _, response in _answers(client, route, victim, token)):
            return
    pytest.fail(f"no one in Ridgeview reaches {url}: check its factory in PARAMETERS")
