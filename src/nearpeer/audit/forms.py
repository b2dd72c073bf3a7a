"""Filters for the access log: by person, kind of record, action and dates."""

from django import forms
from django.core.exceptions import ValidationError

from nearpeer.audit.labels import kind_choices
from nearpeer.audit.models import AccessLog
from nearpeer.forms import DateInput


class LogFilterForm(forms.Form):
    person = forms.CharField(
        label="Person's email contains", required=False, max_length=254, strip=True
    )
    kind = forms.ChoiceField(label="Kind of record", required=False)
    action = forms.ChoiceField(
        label="What they did",
        required=False,
        choices=[("", "Anything")] + list(AccessLog.Action.choices),
    )
    date_from = forms.DateField(label="From", required=False, widget=DateInput)
    date_to = forms.DateField(label="To", required=False, widget=DateInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "Any kind"), *kind_choices()]

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            raise ValidationError(
                {"date_to": "Choose a date on or after the “From” date."}, code="dates"
            )
        return data
