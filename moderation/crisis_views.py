"""The crisis dashboard: crisis staff and admins only, 404 for everyone else."""
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.views.decorators.http import require_GET, require_POST

from moderation import care, escalations
from moderation.forms import CloseForm, TextForm
from moderation.models import CrisisDuty, Escalation, EscalationStatus
from moderation.permissions import crisis_staff_only


def _dashboard_context(request):
    escalations.mark_overdue()
    duty = CrisisDuty.objects.filter(member=request.user, on_duty=True).exists()
    return {"escalations": escalations.urgent_first(), "stats": escalations.dashboard_stats(), "on_duty": duty}


@crisis_staff_only
@require_GET
def dashboard(request):
    template = "moderation/crisis_list.html" if request.GET.get("fragment") else "moderation/crisis.html"
    return render(request, template, _dashboard_context(request))


@crisis_staff_only
@require_POST
def set_duty(request):
    on_duty = request.POST.get("on_duty") == "1"
    escalations.do_set_duty(request.user, on_duty)
    if not on_duty:
        messages.info(request, "You are off duty.")
        return redirect("moderation:crisis")
    # Members who wrote while no one was on duty were told staff would see it when they next came on duty.
    waiting = Escalation.objects.filter(status=EscalationStatus.OPEN).count()
    told = "You are on duty: new escalations alert you live."
    if waiting:
        told += (f" {waiting} escalation{pluralize(waiting)} {pluralize(waiting, 'is,are')} waiting for someone to "
                 "acknowledge them; the most urgent are at the top.")
    messages.info(request, told)
    return redirect("moderation:crisis")


def _escalation_for(request, escalation_id):
    """Call only from a view guarded by @crisis_staff_only."""
    return get_object_or_404(Escalation.objects.select_related("member", "post__thread"), pk=escalation_id)


@crisis_staff_only
@require_GET
def detail(request, escalation_id):
    escalation = _escalation_for(request, escalation_id)
    context = {
        "escalation": escalation,
        "notes": escalation.notes.select_related("author"),
        # Not "care_messages": base.html shows the signed-in person's own care messages under that name.
        "conversation": care.conversation(escalation),
        "note_form": TextForm(),
        "care_form": TextForm(),
        "close_form": CloseForm(),
    }
    return render(request, "moderation/escalation.html", context)


@crisis_staff_only
@require_GET
def conversation(request, escalation_id):
    """The care conversation alone, for live refresh on the escalation page."""
    escalation = _escalation_for(request, escalation_id)
    response = render(request, "moderation/escalation_conversation.html",
                      {"escalation": escalation, "conversation": care.conversation(escalation)})
    response["X-Lantern-Fragment"] = "1"
    return response


@crisis_staff_only
@require_POST
def acknowledge(request, escalation_id):
    escalations.check_acknowledge(request.user, _escalation_for(request, escalation_id))
    return redirect("moderation:escalation", escalation_id=escalation_id)


def _with_text(request, escalation_id, action, done=""):
    escalation = _escalation_for(request, escalation_id)
    form = TextForm(request.POST)
    try:
        if not form.is_valid():
            raise escalations.EscalationRefused("Please write something (at most 5,000 characters).")
        action(request.user, escalation, form.cleaned_data["text"])
    except escalations.EscalationRefused as error:
        messages.error(request, str(error))
    else:
        if done:
            messages.success(request, done)
    return redirect("moderation:escalation", escalation_id=escalation.pk)


@crisis_staff_only
@require_POST
def add_note(request, escalation_id):
    return _with_text(request, escalation_id, escalations.check_add_note)


@crisis_staff_only
@require_POST
def send_care(request, escalation_id):
    return _with_text(request, escalation_id, escalations.check_send_care_message,
                      "Sent. The member sees it at the top of their next page, at once if they are online.")


@crisis_staff_only
@require_POST
def close(request, escalation_id):
    escalation = _escalation_for(request, escalation_id)
    form = CloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose an outcome.")
        return redirect("moderation:escalation", escalation_id=escalation.pk)
    escalations.check_close(request.user, escalation, form.cleaned_data["outcome"], form.cleaned_data["note"])
    messages.success(request, "Escalation closed.")
    return redirect("moderation:crisis")


@crisis_staff_only
@require_POST
def release_post(request, escalation_id):
    if escalations.check_release_post(request.user, _escalation_for(request, escalation_id)):
        messages.success(request, "The post is visible to others now.")
    return redirect("moderation:escalation", escalation_id=escalation_id)
