"""Forms for attendance, check-in, anonymous feedback and calendar links."""

from django import forms

from nearpeer.meetings.feedback import TEXT_MAX

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
