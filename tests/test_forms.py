"""form_submit: a view's "post, call a service, show its errors" step."""

from django import forms
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from nearpeer.forms import Saved, form_submit


class NameForm(forms.Form):
    name = forms.CharField()


def _post(data):
    return RequestFactory().post("/", data), NameForm(data)


class Recorder:
    """A stand-in service that remembers what it was called with."""

    def __init__(self, result=None, error=None):
        self.calls, self.result, self.error = [], result, error

    def __call__(self, data):
        self.calls.append(dict(data))
        if self.error is not None:
            raise self.error
        return self.result


def test_a_get_is_not_saved():
    save = Recorder()
    request = RequestFactory().get("/")
    assert form_submit(request, NameForm(None), save) is None
    assert save.calls == []


def test_an_invalid_form_is_not_saved():
    request, form = _post({"name": ""})
    save = Recorder()
    assert form_submit(request, form, save) is None
    assert save.calls == []
    assert "name" in form.errors


def test_a_service_error_on_a_field_shows_on_that_field():
    request, form = _post({"name": "Ada"})
    save = Recorder(error=ValidationError({"name": "That name is taken."}))
    assert form_submit(request, form, save) is None
    assert form.errors["name"] == ["That name is taken."]
    assert form.non_field_errors() == []


def test_a_service_error_on_no_field_of_the_form_shows_on_top():
    request, form = _post({"name": "Ada"})
    save = Recorder(error=ValidationError({"program": "Pick a program."}))
    assert form_submit(request, form, save) is None
    assert form.non_field_errors() == ["Pick a program."]


def test_a_service_error_without_a_field_shows_on_top():
    request, form = _post({"name": "Ada"})
    save = Recorder(error=ValidationError("The line is closed."))
    assert form_submit(request, form, save) is None
    assert form.non_field_errors() == ["The line is closed."]
    assert "name" not in form.errors


def test_a_save_that_goes_through_returns_what_the_service_returned():
    request, form = _post({"name": "Ada"})
    save = Recorder(result=42)
    assert form_submit(request, form, save) == Saved(42)
    assert save.calls == [{"name": "Ada"}]


def test_a_service_that_returns_nothing_still_counts_as_saved():
    request, form = _post({"name": "Ada"})
    assert form_submit(request, form, Recorder(result=None))
