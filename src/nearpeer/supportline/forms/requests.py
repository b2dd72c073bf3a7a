"""Forms for reaching out and for the conversation. Services do the real checks; these parse."""

from django import forms
from django.core.exceptions import ValidationError

from nearpeer.supportline.models import Risk, SupportRequest, Topic
from nearpeer.supportline.services import handling, intake
from nearpeer.supportline.services.submissions import SubmissionKeyField

ANSWERS = [("yes", "Yes"), ("no", "No"), ("prefer_not", "I'd rather not say")]
_ANSWER_VALUES = {"yes": True, "no": False, "prefer_not": None, "": None}


class TalkForm(forms.Form):
    """Reaching out: everything optional except what makes it safe to answer.

    "Stay anonymous" is on by default: stigma is the main reason trainees don't reach out, and
    safety does not depend on a name, because the two questions and the text are triaged the same
    way, crisis resources are shown at once, and a professional is alerted either way. Someone
    who wants to be known (or called back) unticks it or gives a number.
    """

    line = forms.ModelChoiceField(
        queryset=None, label="Which support line", required=True, empty_label=None
    )
    topics = forms.MultipleChoiceField(
        choices=Topic.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "chip-input"}),
        required=False,
        label="What's it about? (optional, choose any)",
    )
    self_harm = forms.ChoiceField(
        choices=ANSWERS,
        widget=forms.RadioSelect,
        required=False,
        label="Are you having thoughts of harming yourself or ending your life?",
    )
    danger = forms.ChoiceField(
        choices=ANSWERS,
        widget=forms.RadioSelect,
        required=False,
        label="Are you in danger from someone right now?",
    )
    message = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=intake.MAX_OPENING,
        label="Anything you'd like to say first (optional)",
        help_text="A few words are enough. A peer mentor reads this, nobody else.",
    )
    channel = forms.ChoiceField(
        choices=SupportRequest.Channel.choices,
        widget=forms.RadioSelect,
        initial=SupportRequest.Channel.IN_APP,
        label="How would you like to talk?",
    )
    callback_phone = forms.CharField(
        required=False,
        max_length=40,
        label="Number to call you back on",
        help_text="Only if you chose a call back. It is deleted when the conversation ends.",
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    anonymous = forms.BooleanField(
        required=False,
        initial=True,
        label="Stay anonymous",
        help_text="Your mentor won't see your name. You'll get a private link and a code to come "
        "back to the conversation.",
    )
    pref_gender = forms.CharField(
        required=False, max_length=60, label="A mentor of a certain gender (optional)"
    )
    pref_language = forms.CharField(
        required=False, max_length=40, label="A mentor who speaks a certain language (optional)"
    )
    not_my_program = forms.BooleanField(required=False, label="Someone not from my own program")
    not_my_cohort = forms.BooleanField(required=False, label="Someone not from my class or cohort")
    submission_key = SubmissionKeyField()

    def __init__(self, *args, lines=None, public: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        lines = lines or []
        if len(lines) > 1:
            self.fields["line"].queryset = type(lines[0]).objects.filter(
                pk__in=[x.pk for x in lines]
            )
        else:
            del self.fields["line"]
        if public:  # a visitor without an account is anonymous by necessity
            for name in ("anonymous", "not_my_program", "not_my_cohort"):
                del self.fields[name]

    def clean(self):
        data = super().clean()
        if data.get("channel") == SupportRequest.Channel.CALL_BACK:
            try:
                data["callback_phone"] = intake.clean_phone(data.get("callback_phone", ""))
            except ValidationError as exc:
                self.add_error("callback_phone", exc.message_dict["callback_phone"])
        return data

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "topics": data.get("topics") or [],
            "self_harm_answer": _ANSWER_VALUES[data.get("self_harm") or ""],
            "danger_answer": _ANSWER_VALUES[data.get("danger") or ""],
            "message": data.get("message", ""),
            "channel": data["channel"],
            "callback_phone": data.get("callback_phone", ""),
            "anonymous": data.get("anonymous", True),
            "submission_key": data.get("submission_key") or None,
            "preferences": {
                "gender": data.get("pref_gender", ""),
                "language": data.get("pref_language", ""),
                "not_my_program": data.get("not_my_program", False),
                "not_my_cohort": data.get("not_my_cohort", False),
            },
        }


class ReturnCodeForm(forms.Form):
    code = forms.CharField(
        max_length=20,
        label="Your code",
        help_text="The code you were given when you reached out, like ABCD-EFGH.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class MessageForm(forms.Form):
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=handling.MAX_MESSAGE, label="Message"
    )


class PassForm(forms.Form):
    reason = forms.ChoiceField(
        choices=[("", "No reason given"), *handling.PASS_REASONS.items()],
        required=False,
        label="Why are you passing it on? (optional)",
    )


class AcknowledgeForm(forms.Form):
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=handling.MAX_NOTE,
        label="What did you do?",
        help_text="For example: called the person, confirmed they are safe, referred to "
        "counseling.",
    )


class RiskForm(forms.Form):
    risk = forms.ChoiceField(choices=Risk.choices, label="Risk level")
    reason = forms.CharField(max_length=300, label="Why")
