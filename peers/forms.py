from django import forms
from django.contrib.auth import authenticate, password_validation

from peers.models import Member
from peers.pseudonyms import display_pseudonym
from peers.validators import PASSPHRASE_MAX, PSEUDONYM_MAX, validate_pseudonym

SAME_ANSWER = "That pseudonym and passphrase don't match an account. Check both and try again."


class PassphrasePairMixin:
    """Two passphrase fields that must match and pass the validators."""

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("passphrase"), cleaned.get("passphrase_again")
        if first and second and first != second:
            self.add_error("passphrase_again", "The two passphrases are different. Type the same one twice.")
        elif first:
            try:
                password_validation.validate_password(first, self.passphrase_owner())
            except forms.ValidationError as error:
                self.add_error("passphrase", error)
        return cleaned

    def passphrase_owner(self):
        return None


def passphrase_field(label, **kwargs):
    return forms.CharField(
        label=label,
        strip=False,
        max_length=PASSPHRASE_MAX,
        widget=forms.PasswordInput(attrs={"autocomplete": kwargs.pop("autocomplete", "new-password")}),
        **kwargs,
    )


class JoinForm(PassphrasePairMixin, forms.Form):
    pseudonym = forms.CharField(
        max_length=PSEUDONYM_MAX * 4,  # the validator gives the kind message; this only bounds the input
        help_text="3 to 24 letters, digits, _ or -. Not your real name, email or phone number.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"}),
    )
    passphrase = passphrase_field(
        "Passphrase", help_text="At least 10 characters. A few unrelated words are easy to remember and hard to guess."
    )
    passphrase_again = passphrase_field("Passphrase again")
    agree = forms.BooleanField(label="I have read and agree to the community guidelines.")

    def clean_pseudonym(self):
        pseudonym = display_pseudonym(self.cleaned_data["pseudonym"])
        validate_pseudonym(pseudonym)
        if Member.objects.find(pseudonym) is not None:
            raise forms.ValidationError("Someone already uses that pseudonym. Try another, or take the suggestion.")
        return pseudonym

    def passphrase_owner(self):
        return Member(pseudonym=self.cleaned_data.get("pseudonym", ""))


class LoginForm(forms.Form):
    pseudonym = forms.CharField(max_length=100, widget=forms.TextInput(attrs={"autocomplete": "username"}))
    passphrase = passphrase_field("Passphrase", autocomplete="current-password")
    remember = forms.BooleanField(
        label="Keep me signed in on this device",
        required=False,
        help_text="Only on a device nobody else uses. Otherwise you are signed out when the browser closes.",
    )

    def __init__(self, request, *args, **kwargs):
        self.request = request
        self.member = None
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        pseudonym, passphrase = cleaned.get("pseudonym"), cleaned.get("passphrase")
        if pseudonym and passphrase:
            self.member = authenticate(self.request, pseudonym=pseudonym, password=passphrase)
            if self.member is None:
                raise forms.ValidationError(SAME_ANSWER, code="invalid_login")
        return cleaned


class RecoverForm(PassphrasePairMixin, forms.Form):
    pseudonym = forms.CharField(max_length=100, widget=forms.TextInput(attrs={"autocomplete": "username"}))
    code = forms.CharField(
        label="One recovery code",
        max_length=64,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"}),
    )
    passphrase = passphrase_field("New passphrase")
    passphrase_again = passphrase_field("New passphrase again")

    def clean_pseudonym(self):
        return display_pseudonym(self.cleaned_data["pseudonym"])

    def passphrase_owner(self):
        return Member(pseudonym=self.cleaned_data.get("pseudonym", ""))


class CurrentPassphraseForm(forms.Form):
    """A form that asks for the current passphrase before doing something weighty."""

    current = passphrase_field("Your current passphrase", autocomplete="current-password")

    def __init__(self, member, *args, **kwargs):
        self.member = member
        super().__init__(*args, **kwargs)

    def clean_current(self):
        current = self.cleaned_data["current"]
        if not self.member.check_password(current):
            raise forms.ValidationError("That is not your current passphrase.")
        return current


class ChangePassphraseForm(PassphrasePairMixin, CurrentPassphraseForm):
    passphrase = passphrase_field("New passphrase")
    passphrase_again = passphrase_field("New passphrase again")

    def passphrase_owner(self):
        return self.member


class DeleteAccountForm(CurrentPassphraseForm):
    ERASE, KEEP = "erase", "keep"
    content = forms.ChoiceField(
        label="What you wrote",
        choices=[
            (ERASE, "Erase everything I wrote"),
            (KEEP, 'Keep my posts, shown under "former member", so replies still make sense'),
        ],
        widget=forms.RadioSelect,
    )
    confirm = forms.BooleanField(label="I understand this cannot be undone.")


class DiscreetModeForm(forms.Form):
    discreet_mode = forms.BooleanField(
        required=False,
        label="Discreet mode",
        help_text='Pages are titled "Notes" and use a plain icon, so a glance at tabs or history says little.',
    )
