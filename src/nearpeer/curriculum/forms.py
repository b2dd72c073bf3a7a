from django import forms
from django.core.exceptions import ValidationError

from nearpeer.curriculum.models import Proposal, Technique
from nearpeer.curriculum.rules.outline import outline_format, outline_parse
from nearpeer.tenancy.models import Institution, Program


class PlanContentForm(forms.Form):
    """A session plan's content. Goals are one per line; the outline is one segment per line:
    ``Title | minutes | detail``."""

    title = forms.CharField(max_length=200)
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)
    minutes = forms.IntegerField(
        min_value=60, max_value=90, initial=60, help_text="From 60 to 90 minutes."
    )
    goals = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One goal per line; three or four is best.",
    )
    techniques = forms.MultipleChoiceField(
        choices=Technique.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    outline = forms.CharField(
        label="Outline",
        widget=forms.Textarea(attrs={"rows": 9}),
        help_text=(
            "One segment per line: Title | minutes | what happens. For example: "
            "“Check-in | 10 | One word for how your week has been”. "
            "The minutes must add up to the session's length."
        ),
    )
    facilitator_guide = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
        max_length=20000,
        help_text="How to open, hold the space, respond to strong feelings, and when to refer.",
    )
    materials = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=4000
    )
    audience = forms.MultipleChoiceField(
        label="Suits",
        choices=Program.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Leave all unticked if it suits every kind of program.",
    )

    @classmethod
    def initial_from(cls, plan) -> dict:
        return {
            "title": plan.title,
            "summary": plan.summary,
            "minutes": plan.minutes,
            "goals": "\n".join(plan.goals),
            "techniques": plan.techniques,
            "outline": outline_format(plan.outline),
            "facilitator_guide": plan.facilitator_guide,
            "materials": plan.materials,
            "audience": plan.audience,
        }

    def clean_goals(self):
        return [line.strip() for line in self.cleaned_data["goals"].splitlines() if line.strip()]

    def clean_outline(self):
        segments, errors = outline_parse(self.cleaned_data["outline"])
        if errors:
            raise ValidationError(errors, code="bad_outline")
        return segments


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[
            (Proposal.Status.APPROVED, "Approve: add it to the core curriculum"),
            (Proposal.Status.CHANGES_REQUESTED, "Ask for changes"),
            (Proposal.Status.DECLINED, "Decline"),
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=4000,
        help_text="Needed when you ask for changes or decline: the proposer reads it.",
    )


class ProgramChoiceForm(forms.Form):
    program = forms.ModelChoiceField(queryset=Program.objects.none(), empty_label=None)

    def __init__(self, *args, programs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = programs


class ProposalForm(PlanContentForm):
    program = forms.ModelChoiceField(
        queryset=Program.objects.none(),
        help_text="The program you facilitate for.",
    )
    field_order = ["program"]

    def __init__(self, *args, programs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = programs
        if programs.count() == 1:
            self.fields["program"].initial = programs.first()


class PublishForm(PlanContentForm):
    """A new core plan; the institution is asked only of people in more than one office."""

    institution = forms.ModelChoiceField(queryset=Institution.objects.none(), empty_label=None)
    field_order = ["institution"]

    def __init__(self, *args, institutions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = institutions
        self.only_institution = institutions.first() if institutions.count() == 1 else None
        if self.only_institution is not None:
            del self.fields["institution"]

    def clean(self):
        data = super().clean()
        if self.only_institution is not None:
            data["institution"] = self.only_institution
        return data
