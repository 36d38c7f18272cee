"""What members do with moderation: report a post, read care messages, appeal a penalty."""
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from forum.permissions import get_post_for_member
from moderation import care, escalations, penalties
from moderation.crisis_help import crisis_reply, staff_on_duty
from moderation.forms import AppealForm, ReportForm
from moderation.models import Penalty
from moderation.reports import ReportRefused, check_report


@login_required
@require_http_methods(["GET", "POST"])
def report_post(request, post_id):
    post = get_post_for_member(request.user, post_id)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            check_report(request.user, post, form.cleaned_data["reason"], form.cleaned_data["note"])
        except ReportRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Thank you. A moderator will look at it. Reports are never shown to the person you reported.")
            return redirect("forum:thread", thread_id=post.thread_id)
    return render(request, "moderation/report.html", {"post": post, "form": form}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def report_room_message(request, message_id):
    from rooms.permissions import get_room_message_for_member

    message = get_room_message_for_member(request.user, message_id)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            check_report(request.user, message, form.cleaned_data["reason"], form.cleaned_data["note"])
        except ReportRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Thank you. A moderator will look at it. Reports are never shown to the person you reported.")
            return redirect("rooms:room", room_id=message.room_id)
    context = {"room_message": message, "form": form}
    return render(request, "moderation/report.html", context, status=400 if form.errors else 200)


@login_required
@require_GET
def care_messages(request):
    """The care banner alone, for live refresh: a fragment of a page, not a page."""
    response = render(request, "moderation/care_banner.html", {"care_next": _same_site_path(request.headers.get("Referer"), request)})
    response["X-Lantern-Fragment"] = "1"
    return response


@login_required
@require_GET
def care_conversation(request, escalation_id):
    """The member's private conversation with crisis staff; ?fragment=1 is its messages alone, for live refresh."""
    escalation = care.get_escalation_for_member(request.user, escalation_id)
    context = {"escalation": escalation, "conversation": care.conversation(escalation)}
    if request.GET.get("fragment"):
        response = render(request, "moderation/care_thread.html", context)
        response["X-Lantern-Fragment"] = "1"
        return response
    kind = request.session.pop(f"care_help_{escalation.pk}", "")
    context["crisis_help"] = crisis_reply(kind) if kind else None
    return render(request, "moderation/care_conversation.html", context)


@login_required
@require_POST
def care_answer(request, escalation_id):
    """Words written back, or a one-tap answer (`answer`: safe or need_help), from the banner or the conversation."""
    escalation = care.get_escalation_for_member(request.user, escalation_id)
    answer = request.POST.get("answer", "")
    try:
        _, needs_help = care.check_answer_care(request.user, escalation, request.POST.get("text", ""), answer)
    except escalations.EscalationRefused as error:
        messages.error(request, str(error))
        return redirect("moderation:care_conversation", escalation_id=escalation.pk)
    if needs_help:
        request.session[f"care_help_{escalation.pk}"] = needs_help  # help shows on the next page, once
    messages.success(request, _answer_heard(answer))
    return redirect("moderation:care_conversation", escalation_id=escalation.pk)


def _answer_heard(answer):
    """True at the moment it is said: who will read the answer, and when."""
    thanks = "Thank you for letting us know." if answer == "safe" else "Sent."
    if staff_on_duty():
        return f"{thanks} Our crisis team is on duty and can see it now."
    return f"{thanks} No one from our crisis team is on duty right now; they will see it when they next come on duty."


@login_required
@require_POST
def care_seen(request, message_id):
    escalations.do_mark_care_seen(request.user, message_id)
    return redirect(_same_site_path(request.POST.get("next"), request) or "home")


def _same_site_path(url, request):
    """`url` as a path on this site, or None (never a way off Lantern)."""
    if not url or not url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return None
    path = urlsplit(url).path
    return path if path.startswith("/") and not path.startswith("//") else None


@login_required
@require_POST
def appeal(request, penalty_id):
    penalty = get_object_or_404(Penalty, pk=penalty_id, member=request.user)
    form = AppealForm(request.POST)
    try:
        if not form.is_valid():
            raise penalties.PenaltyRefused("Please explain in 1 to 3,000 characters.")
        penalties.check_appeal(request.user, penalty, form.cleaned_data["text"])
    except penalties.PenaltyRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Your appeal is sent. A moderator who did not make the decision will look at it.")
    return redirect("peers:account")
