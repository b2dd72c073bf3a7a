"""Forms for the sessions pages. They parse; the services validate the rules."""

import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.contrib.auth import get_user_model

from nearpeer.curriculum.models import ProgramPlan
from nearpeer.forms import DateInput
from nearpeer.meetings.feedback import TEXT_MAX
from nearpeer.meetings.models import Modality, Series
from nearpeer.meetings.services.availability import WEEKDAYS
from nearpeer.weblinks import WebAddressField

WEEKDAY_CHOICES = list(enumerate(WEEKDAYS))


class TimeInput(forms.TimeInput):
    input_type = "time"


class SeriesForm(forms.Form):
    name = forms.CharField(
        max_length=200, help_text="For example: Noon well-being sessions 2026–27."
    )
    cadence = forms.ChoiceField(choices=Series.Cadence.choices, label="How often")
    weekday = forms.TypedChoiceField(
        choices=WEEKDAY_CHOICES, coerce=int, initial=2, label="Preferred weekday"
    )
    start_time = forms.TimeField(widget=TimeInput, help_text="In the program's time zone.")
    minutes = forms.IntegerField(initial=60, help_text="60 to 90 minutes.")
    modality = forms.ChoiceField(choices=Modality.choices, label="Format")
    room = forms.CharField(max_length=200, required=False, help_text="Needed in person or hybrid.")
    video_link = WebAddressField(required=False, help_text="Needed for virtual or hybrid sessions.")
    starts_on = forms.DateField(widget=DateInput, label="First day")
    ends_on = forms.DateField(widget=DateInput, label="Last day")
    plan_ids = forms.ModelMultipleChoiceField(
        queryset=ProgramPlan.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Session plans",
        help_text="Sessions use these plans in the order listed, then start again.",
    )
    custom_dates = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Dates (custom only)",
        help_text="One date a line, such as 2026-09-16.",
    )

    def __init__(self, *args, plans=None, **kwargs):
        super().__init__(*args, **kwargs)
        if plans is not None:
            self.fields["plan_ids"].queryset = plans

    def clean_custom_dates(self) -> list[datetime.date]:
        dates = []
        for line in self.cleaned_data["custom_dates"].split():
            try:
                dates.append(datetime.date.fromisoformat(line.strip().rstrip(",")))
            except ValueError:
                raise forms.ValidationError(
                    f"“{line}” isn't a date: write it as YYYY-MM-DD, such as 2026-09-16."
                ) from None
        return dates

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["plan_ids"] = [p.pk for p in data["plan_ids"]]
        return data


class MoveForm(forms.Form):
    on = forms.DateField(widget=DateInput, label="New date")
    at = forms.TimeField(widget=TimeInput, label="New start time")
    reason = forms.CharField(max_length=300, required=False, label="Why (sent to attendees)")

    def starts_at(self, zone: str) -> datetime.datetime:
        return datetime.datetime.combine(
            self.cleaned_data["on"], self.cleaned_data["at"], tzinfo=ZoneInfo(zone)
        )


class CancelForm(forms.Form):
    reason = forms.CharField(
        max_length=300, label="Why is it cancelled?", help_text="Sent to everyone coming."
    )


class MeetingEditForm(forms.Form):
    modality = forms.ChoiceField(choices=Modality.choices, label="Format")
    room = forms.CharField(max_length=200, required=False)
    video_link = WebAddressField(required=False)
    plan = forms.ModelChoiceField(queryset=ProgramPlan.objects.none(), required=False)

    def __init__(self, *args, plans=None, **kwargs):
        super().__init__(*args, **kwargs)
        if plans is not None:
            self.fields["plan"].queryset = plans


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.display_name


class PinForm(forms.Form):
    user = PersonChoiceField(queryset=get_user_model().objects.none(), label="Facilitator")

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        if candidates is not None:
            self.fields["user"].queryset = candidates


class SwapForm(forms.Form):
    remove_user = PersonChoiceField(queryset=get_user_model().objects.none(), label="Take off")
    add_user = PersonChoiceField(queryset=get_user_model().objects.none(), label="Put on")

    def __init__(self, *args, current=None, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        if current is not None:
            self.fields["remove_user"].queryset = current
        if candidates is not None:
            self.fields["add_user"].queryset = candidates


class WindowForm(forms.Form):
    weekday = forms.TypedChoiceField(choices=WEEKDAY_CHOICES, coerce=int, label="Day")
    start_time = forms.TimeField(widget=TimeInput, label="From")
    end_time = forms.TimeField(widget=TimeInput, label="Until")


class ExceptionForm(forms.Form):
    on = forms.DateField(widget=DateInput, label="Date")
    available = forms.TypedChoiceField(
        choices=[("0", "I'm away that day"), ("1", "I'm free that day")],
        coerce=lambda v: v == "1",
        label="That day",
    )


class CapForm(forms.Form):
    monthly_cap = forms.IntegerField(
        min_value=1, max_value=4, label="Sessions a month, at most", help_text="1 to 4."
    )


# --- Attendance, check-in, feedback and calendar links -----------------------------------------

HELPFULNESS = [
    ("1", "1 · Not helpful"),
    ("2", "2"),
    ("3", "3 · Somewhat helpful"),
    ("4", "4"),
    ("5", "5 · Very helpful"),
]


class ToggleForm(forms.Form):
    present = forms.TypedChoiceField(
        choices=[("1", "Present"), ("0", "Not here")],
        coerce=lambda v: v == "1",
        error_messages={"required": "Say whether the person is present.",
                        "invalid_choice": "Say whether the person is present."},
    )  # fmt: skip


class CheckInForm(forms.Form):
    code = forms.CharField(
        label="Session code",
        max_length=20,
        help_text="Your facilitator shows it at the start: six letters and numbers.",
        error_messages={"required": "Type the code your facilitator shows."},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "aria-describedby": "code-help",
            }
        ),
    )


class FeedbackForm(forms.Form):
    helpfulness = forms.TypedChoiceField(
        label="How helpful was this session for you?",
        choices=HELPFULNESS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how helpful the session was, from 1 to 5."},
    )
    what_helped = forms.CharField(
        label="What helped? (optional)",
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    what_to_change = forms.CharField(
        label="What would you change? (optional)",
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class FeedCreateForm(forms.Form):
    program = forms.ModelChoiceField(
        label="Calendar for",
        queryset=None,
        required=False,
        empty_label="Me: sessions I lead or said I'd come to",
    )

    def __init__(self, *args, programs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = programs
        self.fields["program"].label_from_instance = lambda p: f"All sessions of {p.name}"
