from django import forms

from nearpeer.forms import DateInput
from nearpeer.tenancy import zones
from nearpeer.tenancy.models import AcademicCalendar, Blackout, Cohort, Institution, Program, Role


class ZoneSelect(forms.Select):
    """A list of real zone names, grouped by region, in place of free text."""

    def __init__(self, attrs=None):
        super().__init__(attrs, choices=zones.zone_choices())


class InstitutionForm(forms.ModelForm):
    class Meta:
        model = Institution
        fields = [
            "office_name",
            "office_email",
            "office_phone",
            "emergency_phone",
            "after_hours_counseling_phone",
            "time_zone",
        ]
        help_texts = {
            "emergency_phone": "Shown beside 988 and emergency services whenever someone may be in crisis.",
            "after_hours_counseling_phone": "Counseling that answers outside office hours.",
            "time_zone": "Session times and emails use it unless a program or person chooses another.",
        }
        widgets = {"time_zone": ZoneSelect}


class ProgramForm(forms.ModelForm):
    class Meta:
        model = Program
        fields = ["name", "kind", "headcount", "time_zone", "session_cadence", "is_active"]
        help_texts = {"time_zone": "The program's sessions are scheduled and shown in this zone."}
        widgets = {"time_zone": ZoneSelect}


class ProgramCreateForm(ProgramForm):
    institution = forms.ModelChoiceField(queryset=Institution.objects.none())

    class Meta(ProgramForm.Meta):
        fields = ["institution", *ProgramForm.Meta.fields]

    def __init__(self, *args, institutions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = institutions
        if institutions is not None and institutions.count() == 1:
            self.fields["institution"].initial = institutions.first()


class MembershipAddForm(forms.Form):
    email = forms.EmailField(label="Email address")
    full_name = forms.CharField(
        label="Name",
        max_length=200,
        required=False,
        help_text="Optional. Used to greet them if they are invited by email.",
    )
    role = forms.ChoiceField(choices=())
    cohort = forms.ModelChoiceField(queryset=Cohort.objects.none(), required=False)
    starts_on = forms.DateField(
        widget=DateInput, required=False, help_text="Leave empty to start today."
    )
    ends_on = forms.DateField(
        widget=DateInput, required=False, help_text="For example, expected graduation."
    )

    def __init__(self, *args, roles=(), program=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(r.value, r.label) for r in Role if r.value in roles]
        if program is not None:
            self.fields["cohort"].queryset = program.cohorts.all()
        else:
            del self.fields["cohort"]

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        data = super().clean()
        data.setdefault("cohort", None)
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", "A role can't end before it starts.")
        return data


class CalendarForm(forms.ModelForm):
    scope = forms.ChoiceField(label="Applies to", choices=())

    class Meta:
        model = AcademicCalendar
        fields = ["scope", "name", "starts_on", "ends_on"]
        widgets = {"starts_on": DateInput, "ends_on": DateInput}

    def __init__(self, *args, scopes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"].choices = scopes

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] <= data["starts_on"]:
            self.add_error("ends_on", "The year must end after it starts.")
        return data


class BlackoutForm(forms.ModelForm):
    class Meta:
        model = Blackout
        fields = ["kind", "name", "starts_on", "ends_on"]
        labels = {"starts_on": "First day", "ends_on": "Last day"}
        widgets = {"starts_on": DateInput, "ends_on": DateInput}


class InvitationAcceptForm(forms.Form):
    """Someone new sets their name and a password while accepting an invitation."""

    full_name = forms.CharField(label="Your name", max_length=200)
    password1 = forms.CharField(
        label="Choose a password",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 10 characters; not a common password.",
    )
    password2 = forms.CharField(
        label="Type the password again",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("password1")
            and data.get("password2")
            and data["password1"] != data["password2"]
        ):
            self.add_error("password2", "The two passwords don't match. Please type them again.")
        return data
