"""Forms for contact records, referrals and the resource directory. They parse; the services in
nearpeer.supportline.services.records check the rules."""

import datetime

from django import forms
from django.utils import timezone

from nearpeer.forms import DateInput
from nearpeer.supportline.models import Contact, Referral, Resource, Topic
from nearpeer.supportline.services.records import (
    FOLLOW_UP_DAYS,
    MAX_MINUTES,
    NOTES_MAX,
)
from nearpeer.supportline.services.resources import RESOURCE_FIELDS
from nearpeer.supportline.services.submissions import SubmissionKeyField
from nearpeer.weblinks import WebAddressField


class ContactForm(forms.Form):
    topics = forms.MultipleChoiceField(
        choices=Topic.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="What you talked about",
    )
    minutes = forms.IntegerField(
        min_value=0, max_value=MAX_MINUTES, initial=0, label="Minutes spent"
    )
    outcome = forms.ChoiceField(choices=Contact.Outcome.choices, label="How it ended")
    follow_up_wanted = forms.BooleanField(
        required=False, label="They would like someone to check in again"
    )
    notes = forms.CharField(
        required=False,
        max_length=NOTES_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        label="Private notes",
        help_text=(
            "Only you, the line's faculty and wellness advisors can read these, and every read is "
            "logged. Keep them short: what would help the next person support them."
        ),
    )


class ReferralForm(forms.Form):
    resource = forms.ModelChoiceField(queryset=Resource.objects.none(), label="Service")
    consent = forms.BooleanField(
        required=True,
        label="They agreed to this referral",
        error_messages={"required": "Record a referral only when the person agreed to it."},
    )
    follow_up_on = forms.DateField(
        widget=DateInput, label="Check in with them on", help_text="A week from today by default."
    )
    submission_key = SubmissionKeyField()

    def __init__(self, *args, resources=None, **kwargs):
        super().__init__(*args, **kwargs)
        if resources is not None:
            self.fields["resource"].queryset = resources
        self.fields["follow_up_on"].initial = timezone.localdate() + datetime.timedelta(
            days=FOLLOW_UP_DAYS
        )


class ReferralOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(choices=Referral.Outcome.choices, label="What came of it")


class ResourceForm(forms.ModelForm):
    url = WebAddressField(required=False, label="Web address")

    class Meta:
        model = Resource
        fields = list(RESOURCE_FIELDS)
        labels = {
            "kind": "Kind of service",
            "text_number": "Text number",
            "url": "Web address",
            "how_to_reach": "How to reach them",
            "is_crisis": "Show it at once to someone who may be in crisis",
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class ResourceCreateForm(ResourceForm):
    institution = forms.ModelChoiceField(queryset=None, label="Institution")
    submission_key = SubmissionKeyField()

    class Meta(ResourceForm.Meta):
        fields = ["institution", *ResourceForm.Meta.fields]

    def __init__(self, *args, institutions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = institutions
        if institutions is not None and len(institutions) == 1:
            self.fields["institution"].initial = institutions.first().pk
