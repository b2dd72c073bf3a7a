"""Words for stored curriculum values: ``{{ value|technique_label }}``, ``{{ value|kind_label }}``,
``{{ guide|prose }}``."""

from django import template

from nearpeer.curriculum.models import Technique
from nearpeer.curriculum.prose import formatted
from nearpeer.tenancy.models import Program

register = template.Library()
_TECHNIQUES = dict(Technique.choices)
_KINDS = dict(Program.Kind.choices)


@register.filter
def technique_label(value: str) -> str:
    return _TECHNIQUES.get(value, value)


@register.filter
def kind_label(value: str) -> str:
    return _KINDS.get(value, value)


@register.filter
def prose(value: str) -> str:
    """A facilitator guide's plain text as paragraphs and lists, escaped (see curriculum.prose)."""
    return formatted(value)
