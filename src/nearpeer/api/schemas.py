"""Building blocks every app's API input schemas share."""

import datetime
import enum
import re
import unicodedata
from typing import Annotated

from django.db import models
from ninja import Field, Schema
from pydantic import (
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    PlainSerializer,
    StringConstraints,
    WithJsonSchema,
    field_validator,
)

from nearpeer.weblinks import NOT_A_WEB_ADDRESS, is_web_address

# An id to filter a list by: bounded so that no number makes the database fail (a 422 instead).
FilterId = Annotated[int, Field(ge=1, le=2**63 - 1)]

LOCAL_TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"
TIME_WITH_OFFSET = (
    "Give the local time in the program's time zone, without an offset, such as 17:00."
)
NOT_A_TIME = "Give the time as HH:MM on a 24-hour clock, such as 17:00."


def _local_time(value):
    if isinstance(value, datetime.time):
        if value.tzinfo is not None:
            raise ValueError(TIME_WITH_OFFSET)
        return value
    if not isinstance(value, str):
        raise ValueError(NOT_A_TIME)
    text = value.strip()
    if re.fullmatch(LOCAL_TIME_PATTERN, text):
        return datetime.time.fromisoformat(text)
    if re.fullmatch(r"\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}(:?\d{2})?)", text, re.I):
        raise ValueError(TIME_WITH_OFFSET)
    raise ValueError(NOT_A_TIME)


# A wall-clock time in the program's own time zone: "17:00" or "17:00:00", never with an offset
# (a session at 17:00 stays at 17:00 when the clocks change).
LocalTime = Annotated[
    datetime.time,
    BeforeValidator(_local_time),
    PlainSerializer(lambda t: t.isoformat(timespec="seconds"), return_type=str, when_used="json"),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": LOCAL_TIME_PATTERN,
            "description": "Local time in the program's time zone, HH:MM or HH:MM:SS, "
            "without a UTC offset.",
            "examples": ["17:00"],
        }
    ),
]


def _web_address(value: str) -> str:
    if value and not is_web_address(value):
        raise ValueError(NOT_A_WEB_ADDRESS)
    return value


# An http(s) address, or "" for none.
WebAddress = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=200),
    AfterValidator(_web_address),
    WithJsonSchema(
        {
            "type": "string",
            "maxLength": 200,
            "description": "A web address starting with https:// or http://, or empty.",
            "examples": ["https://meet.example.edu/wellbeing"],
        }
    ),
]


_NAMED: dict[str, tuple[type[models.TextChoices], type[enum.StrEnum]]] = {}


def named_choices(choices: type[models.TextChoices], name: str) -> type[enum.StrEnum]:
    """A model's choices under a name of their own in the API schema. ninja keeps one schema per
    name, so ``Program.Kind`` and ``Blackout.Kind`` would otherwise both be shown as ``Kind``.
    Asking again for the same choices and name gives the same class."""
    if name in _NAMED:
        known, named = _NAMED[name]
        if known is not choices:
            raise ValueError(
                f"The API schema name {name} is already used for {known.__qualname__}."
            )
        return named
    members = {member.name: member.value for member in choices}
    named = enum.StrEnum(name, members, module=__name__)
    named.__doc__ = " · ".join(f"{m.value}: {m.label}" for m in choices)
    _NAMED[name] = (choices, named)
    return named


class In(Schema):
    """Input of one operation. A field the operation doesn't take is refused (422 naming it),
    never silently ignored, so no one can set what they may not (mass assignment)."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="before")
    @classmethod
    def _no_control_characters(cls, value):
        # A NUL byte would fail in PostgreSQL; any control character is a paste accident.
        if isinstance(value, str) and any(unicodedata.category(ch) == "Cc" for ch in value):
            raise ValueError("Remove the line break or hidden control character from this text.")
        return value
