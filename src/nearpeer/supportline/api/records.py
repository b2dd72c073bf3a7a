"""JSON endpoints for contact records, referrals, the resource directory and the demand dashboard
(mounted at /api/v1/). The same policy as the pages: an id the caller may not see is a 404, notes
go only to the request's mentor and the line's professionals, and every read of notes is logged."""

import datetime
from typing import Annotated

from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import StringConstraints

from nearpeer.api.pagination import Pages
from nearpeer.api.schemas import FilterId, In, WebAddress, named_choices
from nearpeer.supportline.models import Contact, Referral, Resource, Topic
from nearpeer.supportline.selectors import dashboard
from nearpeer.supportline.selectors import records as records_selectors
from nearpeer.supportline.selectors import requests as selectors
from nearpeer.supportline.services import records, resources
from nearpeer.tenancy import selectors as tenancy_selectors

router = Router(tags=["support line records"])

Text40 = Annotated[str, StringConstraints(strip_whitespace=True, max_length=40)]
Text200 = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
Text300 = Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
ContactOutcome = named_choices(Contact.Outcome, "ContactOutcome")
ReferralOutcome = named_choices(Referral.Outcome, "ReferralOutcome")
ResourceKind = named_choices(Resource.Kind, "ResourceKind")


# --- What the API answers ---------------------------------------------------------------------


class ContactOut(Schema):
    request_id: int
    topics: list[str]
    minutes: int
    outcome: ContactOutcome
    follow_up_wanted: bool
    notes: str
    created_at: datetime.datetime


class ResourceOut(Schema):
    id: int
    institution_id: int
    kind: ResourceKind
    name: str
    description: str
    phone: str
    text_number: str
    url: str
    hours: str
    how_to_reach: str
    is_crisis: bool


class ReferralOut(Schema):
    id: int
    request_id: int
    resource_id: int
    resource_name: str
    consent: bool
    follow_up_on: datetime.date
    outcome: ReferralOutcome
    outcome_noted_at: datetime.datetime | None
    created_at: datetime.datetime

    @staticmethod
    def resolve_resource_name(referral):
        return referral.resource.name


class WeekOut(Schema):
    week_start: datetime.date
    events: list[str]
    requests: int | None = Field(..., description="null when hidden to protect small groups")
    topics: dict[str, int | None]
    topics_named: int | None


class ForecastWeekOut(Schema):
    week_start: datetime.date
    events: list[str]
    expected: float
    low: float
    high: float
    mentors_on_call: int


class BacktestOut(Schema):
    holdout_weeks: int
    mae: float
    mape: float | None
    naive_mae: float
    naive_mape: float | None


class DashboardOut(Schema):
    line_id: int
    threshold: int
    weeks: list[WeekOut]
    forecast: list[ForecastWeekOut]
    backtest: BacktestOut | None
    history_weeks: int


# --- What the API accepts ---------------------------------------------------------------------


class ContactIn(In):
    topics: list[Topic] = Field(default_factory=list, max_length=len(Topic.values))
    minutes: int = Field(0, ge=0, le=records.MAX_MINUTES)
    outcome: ContactOutcome
    follow_up_wanted: bool = False
    notes: Annotated[str, StringConstraints(max_length=records.NOTES_MAX)] = ""


class ResourceFields(In):
    description: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] = ""
    phone: Text40 = ""
    text_number: Text40 = ""
    url: WebAddress | None = None
    hours: Text200 = ""
    how_to_reach: Text300 = ""
    is_crisis: bool = False


class ResourceCreateIn(ResourceFields):
    institution_id: int
    kind: ResourceKind
    name: Name


class ResourceUpdateIn(In):
    kind: ResourceKind | None = None
    name: Name | None = None
    description: (
        Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] | None
    ) = None
    phone: Text40 | None = None
    text_number: Text40 | None = None
    url: WebAddress | None = None
    hours: Text200 | None = None
    how_to_reach: Text300 | None = None
    is_crisis: bool | None = None


class ReferralIn(In):
    resource_id: int
    consent: bool = Field(..., description="Must be true: the person agreed to the referral.")
    follow_up_on: datetime.date | None = Field(None, description="Default: a week from today.")


class ReferralUpdateIn(In):
    outcome: ReferralOutcome


class ResourceFilter(Schema):
    institution_id: FilterId | None = None
    is_crisis: bool | None = None


def _resource_values(payload: In, *, partial: bool) -> dict:
    data = payload.model_dump(exclude_unset=partial)
    if "url" in data:
        data["url"] = str(data["url"]) if data["url"] else ""
    return {k: v for k, v in data.items() if not partial or v is not None or k == "url"}


# --- Contact records --------------------------------------------------------------------------


@router.get("/support/requests/{request_id}/contact", response=ContactOut)
def contact_detail(request, request_id: int):
    """The contact record with its private notes (for the mentor and the line's professionals;
    every read is logged)."""
    support_request = selectors.request_readable(request.user, request_id)
    contact = records.contact_notes_read(
        by=request.user, request=support_request, http_request=request
    )
    if contact is None:
        raise Http404
    return contact


@router.post("/support/requests/{request_id}/contact", response={200: ContactOut, 201: ContactOut})
def contact_save(request, request_id: int, payload: ContactIn):
    """Record (201) or update (200) the contact of a request you took or back up."""
    support_request = selectors.request_readable(request.user, request_id)
    existed = records_selectors.contact_of(support_request) is not None
    contact = records.contact_record(
        by=request.user, request=support_request, http_request=request, **payload.model_dump()
    )
    return Status(200 if existed else 201, contact)


# --- Resource directory -----------------------------------------------------------------------


@router.get("/support/resources", response=list[ResourceOut])
@paginate(Pages)
def resource_list(request, filters: Query[ResourceFilter]):
    found = records_selectors.resources_for(request.user)
    if filters.institution_id is not None:
        found = found.filter(institution_id=filters.institution_id)
    if filters.is_crisis is not None:
        found = found.filter(is_crisis=filters.is_crisis)
    return found.order_by("institution_id", "-is_crisis", "kind", "name", "pk")


@router.post("/support/resources", response={201: ResourceOut})
def resource_create(request, payload: ResourceCreateIn):
    """Add a service to your institution's directory (well-being office only)."""
    data = _resource_values(payload, partial=False)
    institution = tenancy_selectors.institution_for_user(request.user, data.pop("institution_id"))
    return Status(201, resources.resource_create(by=request.user, institution=institution, **data))


@router.patch("/support/resources/{resource_id}", response=ResourceOut)
def resource_update(request, resource_id: int, payload: ResourceUpdateIn):
    resource = records_selectors.resource_managed_by_user(request.user, resource_id)
    data = _resource_values(payload, partial=True)
    return resources.resource_update(by=request.user, resource=resource, **data)


@router.delete("/support/resources/{resource_id}", response={204: None})
def resource_delete(request, resource_id: int):
    """Remove a service nobody has been referred to."""
    resource = records_selectors.resource_managed_by_user(request.user, resource_id)
    resources.resource_delete(by=request.user, resource=resource)
    return Status(204, None)


# --- Referrals --------------------------------------------------------------------------------


@router.post("/support/requests/{request_id}/referrals", response={201: ReferralOut})
def referral_create(request, request_id: int, payload: ReferralIn):
    """Refer the person to a service of your institution: only with their consent."""
    support_request = selectors.request_readable(request.user, request_id)
    resource = (
        records_selectors.referral_resources(support_request).filter(pk=payload.resource_id).first()
    )
    if resource is None:
        raise Http404
    referral = records.referral_create(
        by=request.user,
        request=support_request,
        resource=resource,
        consent=payload.consent,
        follow_up_on=payload.follow_up_on,
        http_request=request,
    )
    return Status(201, referral)


@router.patch("/support/referrals/{referral_id}", response=ReferralOut)
def referral_update(request, referral_id: int, payload: ReferralUpdateIn):
    """Note what came of a referral."""
    referral = records_selectors.referral_for_user(request.user, referral_id)
    return records.referral_outcome_set(by=request.user, referral=referral, outcome=payload.outcome)


# --- Demand dashboard -------------------------------------------------------------------------


def _backtest(report) -> dict | None:
    """Only the summary errors: the held-out weeks' own counts are not small-cell protected."""
    if report is None:
        return None
    names = ("holdout_weeks", "mae", "mape", "naive_mae", "naive_mape")
    return {name: getattr(report, name) for name in names}


@router.get("/support/lines/{line_id}/dashboard", response=DashboardOut)
def line_dashboard(request, line_id: int):
    """Requests by week and topic (small cells hidden as null) and the forecast of the next
    weeks, with its backtest error. Counts only, never content."""
    line = dashboard.line_for_dashboard(request.user, line_id)
    board = dashboard.line_dashboard(line)
    keys = [k for k, _ in board.topics]
    return {
        "line_id": line.pk,
        "threshold": board.threshold,
        "weeks": [
            {
                "week_start": w.week_start,
                "events": [name for _, name in w.events],
                "requests": w.requests,
                "topics": dict(zip(keys, w.cells, strict=True)),
                "topics_named": w.topic_total,
            }
            for w in board.weeks
        ],
        "forecast": [vars(f) for f in board.forecast.weeks],
        "backtest": _backtest(board.backtest),
        "history_weeks": board.history_weeks,
    }
