from django import forms

from moderation.models import AppealDecision, EscalationOutcome, PenaltyKind, ReportReason
from moderation.penalties import SILENCE_DURATIONS

REASONS = [
    ("Breaks the community guidelines", "Breaks the community guidelines"),
    ("Contact details or moving off Lantern", "Contact details or moving off Lantern"),
    ("Recruitment or grooming", "Recruitment or grooming"),
    ("Harassment", "Harassment"),
    ("Victim-blaming", "Victim-blaming"),
    ("Spam", "Spam"),
    ("Crisis handled with crisis staff", "Crisis handled with crisis staff"),
    ("Looks fine", "Looks fine"),
    ("Other", "Other (write a note)"),
]


class ReasonForm(forms.Form):
    """Every moderator action carries a reason: one from the short list, a note, or both."""

    reason = forms.ChoiceField(choices=[("", "Choose a reason")] + REASONS, required=False)
    note = forms.CharField(required=False, max_length=1000, widget=forms.TextInput)

    def clean(self):
        cleaned = super().clean()
        reason, note = cleaned.get("reason", ""), (cleaned.get("note") or "").strip()
        if not reason and not note:
            raise forms.ValidationError("Every action needs a reason: choose one or write a note.")
        if reason == "Other" and not note:
            raise forms.ValidationError("Please write a note for \"Other\".")
        cleaned["text"] = ": ".join(part for part in (reason, note) if part)
        return cleaned


class ResolveForm(ReasonForm):
    decision = forms.ChoiceField(choices=[("approve", "Approve"), ("hide", "Hide"), ("remove", "Remove")])


class RedactForm(ReasonForm):
    start = forms.IntegerField(min_value=0)
    end = forms.IntegerField(min_value=1)


class PenaltyForm(ReasonForm):
    kind = forms.ChoiceField(choices=PenaltyKind.choices)
    duration = forms.ChoiceField(choices=[(k, k) for k in SILENCE_DURATIONS], required=False)
    days = forms.IntegerField(min_value=1, max_value=365, required=False)


class ReportForm(forms.Form):
    reason = forms.ChoiceField(choices=ReportReason.choices, widget=forms.RadioSelect, label="What worries you?")
    note = forms.CharField(
        required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 3}), label="Anything moderators should know (optional)"
    )


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(choices=EscalationOutcome.choices)
    note = forms.CharField(required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))


class TextForm(forms.Form):
    text = forms.CharField(max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class AppealForm(forms.Form):
    text = forms.CharField(max_length=3000, widget=forms.Textarea(attrs={"rows": 4}), label="Why should this be looked at again?")


class DecideAppealForm(forms.Form):
    decision = forms.ChoiceField(choices=AppealDecision.choices)
    note = forms.CharField(max_length=2000, widget=forms.TextInput)
