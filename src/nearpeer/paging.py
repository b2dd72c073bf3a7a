"""Long lists shown a page at a time, so a page costs the same whatever the data's size.

A view calls ``page_of(request, queryset)`` and passes the page to its template, which shows its
rows and ``{% include "_pager.html" %}`` below them. A page number that is not a number or is past
the end shows the first or the last page: a stale link never fails. The pager's links keep every
other query parameter (filters, the year shown) and only change ``page``.
"""

from django import template
from django.core.paginator import Page, Paginator

PER_PAGE = 50

register = template.Library()


def page_of(request, items, per_page: int = PER_PAGE) -> Page:
    """The page of ``items`` (an ordered queryset or a list) that ``?page=`` asks for."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))


@register.simple_tag(takes_context=True)
def page_url(context, number: int) -> str:
    """This page's address with ``page`` set to ``number`` (other parameters kept)."""
    request = context["request"]
    query = request.GET.copy()
    if number == 1:
        query.pop("page", None)
    else:
        query["page"] = str(number)
    encoded = query.urlencode()
    return f"{request.path}?{encoded}" if encoded else request.path
