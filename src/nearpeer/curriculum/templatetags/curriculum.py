"""Words for stored curriculum values: ``{{ value|technique_label }}``, ``{{ value|kind_label }}``."""

from django import template

from nearpeer.curriculum.models import Technique
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
