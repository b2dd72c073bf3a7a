"""Forms for the on-call rota pages. Choices come from the policy-scoped selectors, so a form never
offers (or accepts) a person or program the user may not pick."""

import datetime

from django import forms

from nearpeer.supportline.selectors import rota as rs
from nearpeer.supportline.services.shifts import WEEKDAY_NAMES
from nearpeer.supportline.services.submissions import SubmissionKeyField

DATE = forms.DateInput(attrs={"type": "date"})
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class LineForm(forms.Form):
    institution = forms.ModelChoiceField(queryset=None, empty_label=None)
    name = forms.CharField(max_length=200, label="Name of the line")
    description = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), label="What the line is for"
    )
    programs = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Programs it serves",
        help_text="Trainees of these programs can reach the line.",
    )
    escalation_minutes = forms.IntegerField(
        min_value=1,
        max_value=240,
        initial=10,
        label="Minutes before an unacknowledged high-risk request goes to the next backup",
    )
    retention_days_after_year_end = forms.IntegerField(
        min_value=0,
        max_value=3650,
        initial=30,
        label="Days to keep conversations after the academic year ends",
    )
    submission_key = SubmissionKeyField()

    def __init__(self, *args, institutions, programs, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = institutions
        self.fields["programs"].queryset = programs
        if editing:
            del self.fields["institution"]
            del self.fields["submission_key"]


class AssignForm(forms.Form):
    """Who is on call and who backs them up: only the line's trained mentors and professionals."""

    mentor = PersonChoice(
        queryset=None,
        required=False,
        empty_label="Open: a trained mentor can sign up",
        label="Peer mentor on call",
    )
    backup = PersonChoice(
        queryset=None,
        required=False,
        empty_label="Not chosen yet",
        label="Professional backup (faculty or wellness advisor)",
    )

    def __init__(self, *args, line, **kwargs):
        super().__init__(*args, **kwargs)
        self.line = line
        self.fields["mentor"].queryset = rs.line_trained_mentors(line)
        self.fields["backup"].queryset = rs.line_professionals(line)


END_TIME_HELP = "An end at or before the start runs past midnight."


class ShiftForm(AssignForm):
    on = forms.DateField(widget=DATE, label="Date")
    start_time = forms.TimeField(widget=TIME, label="Starts at")
    end_time = forms.TimeField(widget=TIME, label="Ends at", help_text=END_TIME_HELP)
    publish = forms.BooleanField(required=False, label="Publish now (needs a backup)", initial=True)
    submission_key = SubmissionKeyField()
    field_order = ["on", "start_time", "end_time", "mentor", "backup", "publish"]

    def service_kwargs(self) -> dict:
        data, zone = self.cleaned_data, rs.line_zone(self.line)
        start = datetime.datetime.combine(data["on"], data["start_time"], tzinfo=zone)
        end_day = data["on"] + datetime.timedelta(days=data["end_time"] <= data["start_time"])
        end = datetime.datetime.combine(end_day, data["end_time"], tzinfo=zone)
        return {
            "starts_at": start,
            "ends_at": end,
            "mentor": data["mentor"],
            "backup": data["backup"],
            "publish": data["publish"],
            "submission_key": data.get("submission_key"),
        }


class WeeklyForm(AssignForm):
    weekdays = forms.TypedMultipleChoiceField(
        choices=list(enumerate(WEEKDAY_NAMES)),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        label="Days of the week",
    )
    start_time = forms.TimeField(widget=TIME, label="Starts at")
    end_time = forms.TimeField(widget=TIME, label="Ends at", help_text=END_TIME_HELP)
    first_date = forms.DateField(widget=DATE, label="From")
    last_date = forms.DateField(widget=DATE, label="Until (inclusive)")
    publish = forms.BooleanField(required=False, label="Publish now (needs a backup)", initial=True)
    submission_key = SubmissionKeyField()
    field_order = [
        "weekdays", "start_time", "end_time", "first_date", "last_date", "mentor", "backup", "publish",
    ]  # fmt: skip


class TrainingForm(forms.Form):
    user = PersonChoice(queryset=None, label="Peer mentor")
    completed_on = forms.DateField(widget=DATE, label="Completed the training on")

    def __init__(self, *args, line, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = rs.line_mentors(line)


class SwapForm(forms.Form):
    to_user = PersonChoice(
        queryset=None,
        label="Who would take it",
        help_text="Only mentors who completed this line's training are listed.",
    )
    submission_key = SubmissionKeyField()

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_user"].queryset = partners
