"""Page-numbered lists for every API list: ``?page=2&page_size=20``, answering ``{items, count}``."""

from collections.abc import Callable

from django.conf import settings
from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

MAX_PAGE_SIZE = 100
# Far beyond any real list; it keeps the offset inside what every database accepts.
MAX_PAGE = 100_000


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int | None = Field(None, ge=1, le=MAX_PAGE_SIZE)


class Pages(PageNumberPagination):
    """ninja's page numbers, bounded so no page number makes the database fail. ``on_page``,
    if given, is called with the request and the rows about to be returned."""

    Input = PageQuery

    def __init__(self, *, on_page: Callable | None = None, **kwargs):
        kwargs.setdefault("page_size", settings.NINJA_PAGINATION_PER_PAGE)
        kwargs.setdefault("max_page_size", MAX_PAGE_SIZE)
        super().__init__(**kwargs)
        self.on_page = on_page

    def paginate_queryset(self, queryset, pagination, request, **params):
        page = super().paginate_queryset(queryset, pagination, request, **params)
        if self.on_page is not None:
            page[self.items_attribute] = list(page[self.items_attribute])
            self.on_page(request, page[self.items_attribute])
        return page
