"""API test helpers: a client that carries a persona's personal API token."""

import json

import pytest
from django.test import Client

from tests.support import api_token_for

API = "/api/v1"


class ApiClient:
    """Django's test client, talking JSON to /api/v1/ with a bearer token."""

    def __init__(self, raw_token: str):
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {raw_token}"}

    def get(self, path, **params):
        return self.client.get(API + path, params, headers=self.headers)

    def post(self, path, body=None):
        data = "" if body is None else json.dumps(body)
        return self.client.post(
            API + path, data, content_type="application/json", headers=self.headers
        )

    def patch(self, path, body):
        return self.client.patch(
            API + path, json.dumps(body), content_type="application/json", headers=self.headers
        )

    def delete(self, path):
        return self.client.delete(API + path, headers=self.headers)

    def upload(self, path, name, content: bytes):
        from django.core.files.uploadedfile import SimpleUploadedFile

        file = SimpleUploadedFile(name, content, content_type="text/csv")
        return self.client.post(API + path, {"file": file}, headers=self.headers)


@pytest.fixture
def api_as():
    """``api_as(user)``: an API client authenticated with a fresh token of that user."""

    def _api_as(user) -> ApiClient:
        raw = api_token_for(user, name="test script")
        return ApiClient(raw)

    return _api_as


def ids(response) -> set[int]:
    """The ids in a paged list answer."""
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}
