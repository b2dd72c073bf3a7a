"""{% load support_reasons %}: ``plain_reason`` shows a triage reason in plain words."""

from django import template

from nearpeer.supportline.rules import reasons

register = template.Library()
register.filter("plain_reason", reasons.plain_reason)
