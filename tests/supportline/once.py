"""Helpers for "a creating form sent twice makes one record"."""

import re


def form_key(client, url: str) -> str:
    """The hidden one-time key of the form on the page at `url`."""
    html = client.get(url).content.decode()
    return re.search(r'name="submission_key" value="([^"]+)"', html).group(1)


def send_twice(client, page_url: str, data: dict, post_url: str | None = None):
    """Post the same filled-in form twice (a double click, or a reload after posting)."""
    data = data | {"submission_key": form_key(client, page_url)}
    first = client.post(post_url or page_url, data)
    second = client.post(post_url or page_url, data)
    return first, second
