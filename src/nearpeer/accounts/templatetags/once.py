"""``{% once_field %}``: the hidden one-time key of a creating form (see `nearpeer.once`)."""

from django import template
from django.utils.html import format_html

from nearpeer.once import FIELD, new_key

register = template.Library()


@register.simple_tag
def once_field():
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_key())
