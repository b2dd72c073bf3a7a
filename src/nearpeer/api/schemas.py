"""Building blocks every app's API input schemas share."""

import unicodedata
from typing import Annotated

from ninja import Field, Schema
from pydantic import ConfigDict, field_validator

# An id to filter a list by: bounded so that no number makes the database fail (a 422 instead).
FilterId = Annotated[int, Field(ge=1, le=2**63 - 1)]


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
