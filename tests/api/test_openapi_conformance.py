"""The API does what /api/v1/openapi.json says, for every operation it lists.

The operations are read from the schema itself, so a new endpoint is covered without anyone
remembering to add it here (a new path parameter or request body fails loudly until this file
knows how to fill it). Each operation is called on the demo data as the office, a coordinator,
the support-line people, a trainee and an outsider from another institution: no answer is a 5xx,
and every JSON answer matches the schema declared for its status (errors: ``{"detail": ...}``).
Then each write is sent broken bodies: each must be a 4xx with a ``detail``.
"""

import datetime
import enum
import json
import re
import typing
from collections import defaultdict

import jsonschema
import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone
from ninja.schema import NinjaGenerateJsonSchema
from pydantic import BaseModel

from nearpeer.accounts.models import User
from nearpeer.api.api import api
from nearpeer.curriculum.models import ProgramPlan, Proposal, SessionPlan
from nearpeer.demo import data as demo
from nearpeer.meetings import feeds
from nearpeer.meetings.models import Facilitation, Meeting, Series
from nearpeer.supportline.models import Referral, Resource, Shift, SupportLine, SupportRequest
from nearpeer.supportline.services import records, shifts
from nearpeer.tenancy import roster_jobs
from nearpeer.tenancy.models import AcademicCalendar, Institution, Invitation, Membership, Role
from tests.meetings.factories import MeetingFactory
from tests.support import api_token_for
from tests.supportline.fixtures_records import make_request

PREFIX = "/api/v1"
SCHEMA = json.loads(json.dumps(api.get_openapi_schema(), default=str))  # as served
OPERATIONS = sorted(
    (method, path)
    for path, ops in SCHEMA["paths"].items()
    for method in ops
    if method != "parameters"
)
WRITES = [(m, p) for m, p in OPERATIONS if m in ("post", "put", "patch")]
PERSONAS = ("office", "coordinator", "mentor", "advisor", "trainee", "outsider")
ROSTER = b"name,email,program,cohort,role\nNew Person,conformance.new@example.edu,,,trainee\n"

# Operations no persona here completes on the demo data, and why. Everything else must answer a
# 2xx to someone, so its success schema is checked too.
NO_SUCCESS: dict[tuple[str, str], str] = {}
# What the outsider may do here: their own things, which take no id of the other institution.
# Reaching out goes to the requester's own institution's line (the body names none), so the
# outsider succeeds whenever their own line has a mentor on call: that depends on the hour.
OUTSIDER_MAY = {("post", "/api/v1/feeds"), ("post", "/api/v1/support/requests")}


# --- Names in the schema -------------------------------------------------------------------


def _types_in(annotation):
    """Every class an annotation names (through Optional, list, dict, Annotated ...)."""
    if isinstance(annotation, type):
        yield annotation
    for arg in typing.get_args(annotation):
        yield from _types_in(arg)


def _named_classes(model, found: dict[str, set]) -> None:
    for annotation in [f.annotation for f in model.model_fields.values()]:
        for cls in _types_in(annotation):
            if issubclass(cls, BaseModel | enum.Enum) and cls not in found[cls.__name__]:
                found[cls.__name__].add(cls)
                if issubclass(cls, BaseModel):
                    _named_classes(cls, found)


def _operation_models():
    for router_prefix, router in api._routers:  # noqa: B007 (the prefix is not needed)
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                yield from operation.models
                for model in operation.response_models.values():
                    if isinstance(model, type) and issubclass(model, BaseModel):
                        yield model


def _shape(cls):
    if issubclass(cls, enum.Enum):
        return sorted(str(m.value) for m in cls)
    return cls.model_json_schema(mode="serialization")


def test_every_schema_name_in_the_api_belongs_to_one_class():
    # ninja keeps one component per name: a second class of the same name silently replaces the
    # first, and the schema then lies about one of them (three `PersonOut`s, four `Status`es).
    # (ninja makes a `Paged...` class per list endpoint: copies of one shape are no lie.)
    found: dict[str, set] = defaultdict(set)
    for model in _operation_models():
        _named_classes(model, found)  # ninja's per-operation wrappers are not components
    shared = {
        name: sorted(f"{c.__module__}.{c.__qualname__}" for c in classes)
        for name, classes in found.items()
        if len({json.dumps(_shape(c), sort_keys=True) for c in classes}) > 1
    }
    assert not shared


def test_every_component_is_the_schema_of_its_one_class():
    # The same check on the output: generating each model alone gives the component as published.
    components = SCHEMA["components"]["schemas"]
    for model in _operation_models():
        for mode in ("validation", "serialization"):
            alone = model.model_json_schema(
                ref_template="#/components/schemas/{model}",
                by_alias=True,
                mode=mode,
                schema_generator=NinjaGenerateJsonSchema,
            )
            for name, definition in alone.get("$defs", {}).items():
                assert components.get(name) == definition, name


# --- Validating answers --------------------------------------------------------------------

FORMATS = jsonschema.FormatChecker()


@FORMATS.checks("date-time", raises=ValueError)
def _date_time(value) -> bool:
    return not isinstance(value, str) or datetime.datetime.fromisoformat(value).tzinfo is not None


@FORMATS.checks("time", raises=ValueError)
def _time(value) -> bool:
    # RFC 3339 full-time, which JSON Schema's "time" means: with its offset.
    return not isinstance(value, str) or datetime.time.fromisoformat(value).tzinfo is not None


def _validate(body, schema, where) -> None:
    root = {**schema, "components": SCHEMA["components"]}
    validator = jsonschema.Draft202012Validator(root, format_checker=FORMATS)
    errors = sorted(validator.iter_errors(body), key=str)
    assert not errors, f"{where}: {errors[0].message} at {list(errors[0].absolute_path)}"


def _check_answer(method, path, response) -> None:
    where = f"{method.upper()} {path} -> {response.status_code}"
    assert response.status_code < 500, f"{where}: {response.content[:500]!r}"
    declared = SCHEMA["paths"][path][method]["responses"].get(str(response.status_code))
    if response.status_code == 204:
        assert not response.content, where
        return
    assert response["Content-Type"].startswith("application/json"), where
    body = response.json()
    if declared is not None and "content" in declared:
        _validate(body, declared["content"]["application/json"]["schema"], where)
    else:
        assert response.status_code >= 400, f"{where}: a success the schema doesn't declare"
        assert isinstance(body.get("detail"), str) and body["detail"], where


# --- Demo data and who calls ---------------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The demo, built once for the module (it takes seconds) and rolled back afterwards, with a
    few rows the demo doesn't have and a token for each persona."""
    with django_db_blocker.unblock(), transaction.atomic():
        demo.build()
        yield _world()
        transaction.set_rollback(True)


def _person(local: str, institution) -> User:
    found = User.objects.filter(memberships__institution=institution, email__startswith=f"{local}@")
    return found.distinct().get()


def _world() -> dict:
    elm, other = Institution.objects.order_by("pk")[:2]
    people = {
        "office": _person("office", elm),
        "coordinator": _person("coordinator", elm),
        "mentor": _person("peer-mentor", elm),
        "advisor": _person("wellness-advisor", elm),
        "trainee": _person("trainee", elm),
        "outsider": _person("office", other),
        "facilitator": _person("peer-facilitator", elm),
    }
    program = Membership.objects.filter(user=people["coordinator"], role=Role.COORDINATOR)[
        0
    ].program
    now = timezone.now()
    series = Series.objects.filter(program=program).order_by("pk")[0]
    meeting = Meeting.objects.filter(series=series, starts_at__gt=now).order_by("starts_at")[0]
    on_meeting = Facilitation.objects.filter(meeting__series=series, meeting__starts_at__gt=now)
    staffed = on_meeting.order_by("meeting__starts_at")[0]
    line = SupportLine.objects.filter(programs=program).order_by("pk")[0]
    on_call = Shift.objects.filter(line=line, starts_at__gt=now, mentor=people["mentor"])
    shift, swap_shift = on_call.order_by("starts_at")[:2]
    unstaffed = Meeting.objects.filter(series=series, starts_at__gt=now).order_by("-starts_at")[0]
    Facilitation.objects.filter(meeting=unstaffed).delete()
    live = MeetingFactory(series=series, starts_at=now - datetime.timedelta(minutes=5),
                          ends_at=now + datetime.timedelta(minutes=55))  # fmt: skip
    talking = make_request(line, mentor=people["mentor"])
    records.contact_record(by=people["mentor"], request=talking, topics=[], minutes=10,
                           outcome="supported")  # fmt: skip
    offered = make_request(line, mentor=people["mentor"], status=SupportRequest.Status.OFFERED)
    request = SupportRequest.objects.filter(line=line).order_by("pk")[0]
    calendar = AcademicCalendar.objects.filter(program=program).order_by("-starts_on")[0]
    resource = Resource.objects.filter(institution=elm).order_by("pk")[0]
    spare = Resource.objects.create(
        institution=elm, kind="academic", name="Spare", phone="555-0188"
    )
    referral = Referral.objects.create(
        request=request, resource=resource, consent=True, follow_up_on=now.date()
    )
    open_shift = Shift.objects.create(
        line=line, starts_at=now + datetime.timedelta(days=40),
        ends_at=now + datetime.timedelta(days=40, hours=3), status=Shift.Status.PUBLISHED,
        backup=people["advisor"],
    )  # fmt: skip
    other_mentor = (
        User.objects.filter(mentor_trainings__line=line).exclude(pk=people["mentor"].pk).first()
    )
    swap = None
    if other_mentor is not None:
        swap = shifts.shift_swap_request(by=people["mentor"], shift=shift, to_user=other_mentor)
    tokens = {name: api_token_for(user, name="conformance") for name, user in people.items()}
    roster_import = roster_jobs.roster_upload(
        by=people["coordinator"],
        program=program,
        data=b"name,email,program,cohort,role\nNew Person,new.person@conformance.example,,,\n",
    )
    ids = {
        "institution_id": elm.pk,
        "program_id": program.pk,
        "membership_id": Membership.objects.filter(user=people["trainee"])[0].pk,
        "calendar_id": calendar.pk,
        "blackout_id": calendar.blackouts.order_by("pk")[0].pk,
        "core_plan_id": SessionPlan.objects.filter(institution=elm).order_by("pk")[0].pk,
        "program_plan_id": ProgramPlan.objects.filter(program=program).order_by("pk")[0].pk,
        "proposal_id": Proposal.objects.filter(institution=elm, status="submitted")[0].pk,
        "series_id": series.pk,
        "meeting_id": meeting.pk,
        "staffed_meeting_id": staffed.meeting_id,
        "user_id": staffed.user_id,
        "feed_id": feeds.feed_create(by=people["office"], program=None)[0].pk,
        "line_id": line.pk,
        "shift_id": shift.pk,
        "swap_shift_id": swap_shift.pk,
        "unstaffed_meeting_id": unstaffed.pk,
        "live_meeting_id": live.pk,
        "talking_request_id": talking.pk,
        "offered_request_id": offered.pk,
        "open_shift_id": open_shift.pk,
        "swap_id": swap.pk if swap else 0,
        "request_id": request.pk,
        "referral_id": referral.pk,
        "resource_id": resource.pk,
        "spare_resource_id": spare.pk,
        "import_id": roster_import.pk,
        "invitation_id": Invitation.objects.filter(program=program).order_by("-pk")[0].pk,
    }
    return {"ids": ids, "people": people, "tokens": tokens, "meeting": meeting, "live": live,
            "calendar": calendar, "other_mentor": other_mentor}  # fmt: skip


# Path parameters whose meaning depends on the path.
BY_PATH = {
    ("/api/v1/program-plans/{plan_id}", "plan_id"): "program_plan_id",
    ("/api/v1/program-plans/{plan_id}/take-newer", "plan_id"): "program_plan_id",
    ("/api/v1/plans/{plan_id}", "plan_id"): "core_plan_id",
    ("/api/v1/support/shifts/{shift_id}/sign-up", "shift_id"): "open_shift_id",
    ("/api/v1/support/shifts/{shift_id}/swaps", "shift_id"): "swap_shift_id",
    ("/api/v1/support/resources/{resource_id}", "resource_id"): "spare_resource_id",
    ("/api/v1/meetings/{meeting_id}/facilitators/{user_id}", "meeting_id"): "staffed_meeting_id",
    ("/api/v1/meetings/{meeting_id}/facilitators", "meeting_id"): "unstaffed_meeting_id",
    ("/api/v1/meetings/{meeting_id}/attendance", "meeting_id"): "live_meeting_id",
    ("/api/v1/support/requests/{request_id}/contact", "request_id"): "talking_request_id",
    ("/api/v1/support/requests/{request_id}/accept", "request_id"): "offered_request_id",
}


def _fill(path: str, world) -> str:
    def value(match):
        name = match.group(1)
        if (path, name) in BY_PATH:
            return str(world["ids"][BY_PATH[path, name]])
        assert name in world["ids"], f"Say in _world() which id fills {{{name}}} of {path}"
        return str(world["ids"][name])

    return re.sub(r"{(\w+)}", value, path)


def _valid_bodies(world) -> dict:
    ids, meeting, calendar = world["ids"], world["meeting"], world["calendar"]
    today = timezone.localdate()
    later = timezone.now() + datetime.timedelta(days=30)
    in_year = calendar.starts_on + datetime.timedelta(days=20)
    content = {
        "title": "Conformance plan", "summary": "A plan.", "goals": ["Rest"], "techniques": [],
        "outline": [{"title": "Talk", "minutes": 60}], "minutes": 60,
    }  # fmt: skip
    return {
        "/programs": {"institution_id": ids["institution_id"], "name": "New", "kind": "residency"},
        "/programs/{program_id}": {"headcount": 40},
        "/invitations/{invitation_id}/withdraw": None,  # takes no body
        "/memberships": {
            "email": "conformance.person@example.edu",
            "full_name": "Con Formance",
            "role": "trainee",
            "program_id": ids["program_id"],
        },  # fmt: skip
        "/memberships/{membership_id}/end": {},
        "/calendars": {
            "program_id": ids["program_id"],
            "name": "Next year",
            "starts_on": f"{today.year + 2}-07-01",
            "ends_on": f"{today.year + 3}-06-30",
        },  # fmt: skip
        "/blackouts": {
            "calendar_id": ids["calendar_id"],
            "kind": "exam",
            "name": "Boards",
            "starts_on": str(in_year),
            "ends_on": str(in_year),
        },  # fmt: skip
        "/programs/{program_id}/plans": {"plan_id": ids["core_plan_id"]},
        "/program-plans/{plan_id}": {"materials": "Paper and pens."},
        "/program-plans/{plan_id}/take-newer": None,
        "/proposals": {"program_id": ids["program_id"], **content},
        "/proposals/{proposal_id}/review": {"decision": "changes_requested", "comment": "Timings?"},
        "/series": {
            "program_id": ids["program_id"],
            "name": "Conformance series",
            "weekday": 2,
            "start_time": "17:00",
            "room": "Room 1",
            "starts_on": str(today),
            "ends_on": str(today + datetime.timedelta(days=60)),
        },  # fmt: skip
        "/series/{series_id}/schedule": None,
        "/meetings/{meeting_id}/move": {
            "starts_at": (meeting.starts_at + datetime.timedelta(days=1)).isoformat(),
            "reason": "Room clash",
        },
        "/meetings/{meeting_id}/cancel": {"reason": "Exam week"},
        "/meetings/{meeting_id}/facilitators": {"user_id": world["people"]["facilitator"].pk},
        "/meetings/{meeting_id}/attendance": {
            "user_id": world["people"]["trainee"].pk,
            "present": True,
        },  # fmt: skip
        "/check-in": {"code": world["live"].check_in_code},
        "/feeds": {},
        "/support/lines/{line_id}/shifts": {
            "starts_at": later.isoformat(),
            "ends_at": (later + datetime.timedelta(hours=3)).isoformat(),
        },  # fmt: skip
        "/support/shifts/{shift_id}/publish": None,
        "/support/shifts/{shift_id}/cancel": None,
        "/support/shifts/{shift_id}/sign-up": None,
        "/support/shifts/{shift_id}/swaps": {"to_user_id": getattr(world["other_mentor"], "pk", 1)},
        "/support/swaps/{swap_id}/decide": {"approve": True},
        "/support/requests/{request_id}/contact": {"outcome": "supported", "minutes": 20},
        "/support/resources": {
            "institution_id": ids["institution_id"],
            "kind": "counseling",
            "name": "Counseling",
            "phone": "555-0101",
            "url": "https://counseling.example.edu",
        },  # fmt: skip
        "/support/resources/{resource_id}": {"hours": "9–5", "url": "https://help.example.edu"},
        "/support/requests/{request_id}/referrals": {
            "resource_id": ids["resource_id"],
            "consent": True,
        },  # fmt: skip
        "/support/referrals/{referral_id}": {"outcome": "connected"},
        "/support/requests": {"message": "I could use someone to talk to."},
        "/support/requests/{request_id}/accept": None,
        "/support/requests/{request_id}/pass": {"reason": "not_available"},
        "/support/requests/{request_id}/acknowledge": {"note": "Called them."},
        "/support/requests/{request_id}/close": None,
        "/support/requests/{request_id}/risk": {"risk": "high", "reason": "Said so."},
        "/support/requests/{request_id}/messages": {"body": "I'm here."},
    }


class Caller:
    def __init__(self, token: str):
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {token}"}

    def send(self, method, url, body=None, *, raw: bytes | None = None, content_type=None):
        if method == "get":
            return self.client.get(url, headers=self.headers)
        if raw is not None:
            return getattr(self.client, method)(
                url, raw, content_type=content_type, headers=self.headers
            )
        if content_type == "multipart":
            from django.core.files.uploadedfile import SimpleUploadedFile

            file = SimpleUploadedFile("roster.csv", ROSTER, content_type="text/csv")
            return self.client.post(url, {"file": file}, headers=self.headers)
        data = "" if body is None else json.dumps(body)
        return getattr(self.client, method)(
            url, data, content_type="application/json", headers=self.headers
        )


def _body_for(method, path, world):
    short = path.removeprefix(PREFIX)
    if method in ("get", "delete"):
        return None
    op = SCHEMA["paths"][path][method]
    bodies = _valid_bodies(world)
    if "multipart/form-data" in op.get("requestBody", {}).get("content", {}):
        return "multipart"
    assert short in bodies, f"Give a valid body for {method.upper()} {path} in _valid_bodies()"
    return bodies[short]


# --- Every operation, every persona --------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_every_answer_matches_the_published_schema(world, method, path):
    url = _fill(path, world)
    body = _body_for(method, path, world)
    answered, succeeded = [], []
    for persona in PERSONAS:
        caller = Caller(world["tokens"][persona])
        with transaction.atomic():  # each persona meets the same data
            if body == "multipart":
                response = caller.send(method, url, content_type="multipart")
            else:
                response = caller.send(method, url, body)
            _check_answer(method, path, response)
            transaction.set_rollback(True)
        if str(response.status_code) in SCHEMA["paths"][path][method]["responses"]:
            answered.append(persona)  # a declared answer, success or not, so its schema is tried
        if response.status_code < 300:
            succeeded.append(persona)
    if (method, path) not in NO_SUCCESS:
        assert answered, f"{method.upper()} {path}: no declared answer, so its schema is untried"
    if "outsider" in succeeded and (method, path) not in OUTSIDER_MAY:
        assert method == "get" and "{" not in path, f"the outsider reached {method.upper()} {path}"


# --- Broken bodies -------------------------------------------------------------------------

WRONG_TYPE = {"wrong": ["type"]}
LIMIT = 10_000
LONG = "x" * LIMIT


def _properties(method, path) -> dict:
    content = SCHEMA["paths"][path][method].get("requestBody", {}).get("content", {})
    schema = content.get("application/json", {}).get("schema")
    if schema is None:
        return {}
    if "$ref" in schema:
        schema = SCHEMA["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _string_is_bounded(prop) -> bool:
    options = prop.get("anyOf", [prop])
    return any(
        o.get("maxLength", LIMIT) < LIMIT or "enum" in o or "pattern" in o or "$ref" in o or o.get("type") in
        ("integer", "number", "boolean", "array", "object")
        for o in options
    )  # fmt: skip


def _broken_bodies(method, path, world):
    schema = _properties(method, path)
    valid = _body_for(method, path, world)
    if not isinstance(valid, dict):
        return []
    props = schema.get("properties", {})
    broken = [("not an object", ["a", "list"]), ("a string", "text")]
    broken += [(f"{name} of the wrong type", valid | {name: WRONG_TYPE}) for name in props]
    broken += [
        (f"{name} missing", {k: v for k, v in valid.items() if k != name})
        for name in schema.get("required", [])
    ]
    broken += [
        (f"{name} 10k long", valid | {name: LONG})
        for name, prop in props.items()
        if _string_is_bounded(prop)
    ]
    broken += [(f"{name} with an offset", valid | {name: "17:00:00+00:00"})
               for name in props if name.endswith("_time")]  # fmt: skip
    broken += [
        (f"{name} not a web address", valid | {name: bad})
        for name in props
        if name in ("url", "video_link") or name.endswith(("_url", "_link"))
        for bad in ("javascript:alert(1)", "ftp://files.example.edu/a", "data:text/html,x")
    ]
    return broken


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "path"), WRITES, ids=[f"{m} {p}" for m, p in WRITES])
def test_broken_bodies_are_a_clear_client_error(world, method, path):
    caller = Caller(world["tokens"]["office"])
    url = _fill(path, world)
    if _body_for(method, path, world) == "multipart":
        response = caller.send(method, url, raw=b"xx", content_type="multipart/form-data")
        assert response.status_code == 400, response.content
        assert "boundary" in response.json()["detail"]
        return
    for what, body in _broken_bodies(method, path, world):
        with transaction.atomic():
            response = caller.send(method, url, body)
            transaction.set_rollback(True)
        assert 400 <= response.status_code < 500, (what, response.status_code, response.content)
        assert response.json()["detail"], what
