from django import forms


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        max_length=100,
        label="Token name",
        help_text="Something that tells you where it is used, such as “monthly report script”.",
    )
