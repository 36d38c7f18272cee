"""The review queue and the audit log: moderators only, 404 for everyone else."""
from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from moderation import penalties, queue, trust
from moderation.forms import DecideAppealForm, PenaltyForm, ReasonForm, RedactForm, ResolveForm
from moderation.highlight import highlight
from moderation.models import Appeal, AuditEntry, Flag, FlagStatus, Penalty, Report
from moderation.permissions import moderators_only
from peers.models import Member, TrustLevel


QUEUE_PAGE_SIZE = 50  # the most urgent first; resolving one brings the next in live


def _queue_items():
    flags = list(queue.open_flags().select_related("post__thread__board__space", "author", "claimed_by")[:QUEUE_PAGE_SIZE])
    history = _author_history({flag.author_id for flag in flags} - {None})
    reports = _open_reports(flags)
    for flag in flags:
        flag.author_flags, flag.author_penalties = history.get(flag.author_id, (0, 0))
        flag.reports = reports.get(("post", flag.post_id) if flag.post_id else ("message", flag.room_message_id), [])
        flag.highlighted = highlight(flag.text or (flag.post.body if flag.post else ""), flag.spans)
        flag.redactable = _redactable(flag)
    return flags


def _author_history(author_ids):
    """{author id: (resolved flags, penalties)}, one grouped query for each count.

    Counted apart from the queue's rows: joining both to the flags multiplied
    every row by flags x penalties, so one author with a long history
    stalled the page for everyone, the crisis lane included.
    """
    flags = dict(
        Flag.objects.filter(author__in=author_ids, status=FlagStatus.RESOLVED)
        .order_by().values_list("author").annotate(n=Count("pk"))
    )
    penalties_ = dict(Penalty.objects.filter(member__in=author_ids).order_by().values_list("member").annotate(n=Count("pk")))
    return {pk: (flags.get(pk, 0), penalties_.get(pk, 0)) for pk in author_ids}


def _open_reports(flags):
    """Members' reports not yet decided on the flagged items, with their notes, in one query."""
    posts = [flag.post_id for flag in flags if flag.post_id]
    messages_ = [flag.room_message_id for flag in flags if flag.room_message_id]
    found = {}
    rows = Report.objects.filter(Q(post__in=posts) | Q(room_message__in=messages_), upheld__isnull=True).order_by("created_at", "id")
    for report in rows:
        key = ("post", report.post_id) if report.post_id else ("message", report.room_message_id)
        found.setdefault(key, []).append(report)
    return found


def _redactable(flag):
    """Each distinct matched phrase once, longest first, as (start, end, words)."""
    seen, spans = set(), []
    for start, end, *_ in sorted(flag.spans, key=lambda span: span[0] - span[1]):
        words = flag.text[start:end]
        if words and words not in seen:
            seen.add(words)
            spans.append((start, end, words))
    return spans


@moderators_only
@require_GET
def queue_page(request):
    flags = _queue_items()
    waiting = len(flags) if len(flags) < QUEUE_PAGE_SIZE else queue.open_flags().count()
    context = {
        "flags": flags, "waiting": waiting, "resolve_form": ResolveForm(),
        "appeals_waiting": Appeal.objects.filter(decided_at__isnull=True).count(),
    }
    template = "moderation/queue_list.html" if request.GET.get("fragment") else "moderation/queue.html"
    return render(request, template, context)


def _flag_for(request, flag_id):
    """Call only from a view guarded by @moderators_only."""
    return get_object_or_404(Flag.objects.select_related("post__thread"), pk=flag_id)


def _refused(request, error):
    messages.error(request, str(error))
    return redirect("moderation:queue")


@moderators_only
@require_POST
def claim(request, flag_id):
    flag = _flag_for(request, flag_id)
    try:
        queue.check_claim(request.user, flag)
    except queue.QueueRefused as error:
        return _refused(request, error)
    return redirect(f"/moderation/#flag-{flag.pk}")


@moderators_only
@require_POST
def release(request, flag_id):
    queue.check_release(request.user, _flag_for(request, flag_id))
    return redirect("moderation:queue")


@moderators_only
@require_POST
def resolve(request, flag_id):
    flag = _flag_for(request, flag_id)
    form = ResolveForm(request.POST)
    if not form.is_valid():
        return _refused(request, " ".join(form.errors.get("__all__", ["Choose a decision and a reason."])))
    try:
        queue.check_resolve(request.user, flag, form.cleaned_data["decision"], form.cleaned_data["text"])
    except queue.QueueRefused as error:
        return _refused(request, error)
    messages.success(request, f"Done: {form.cleaned_data['decision']}.")
    return redirect("moderation:queue")


@moderators_only
@require_POST
def redact(request, flag_id):
    from forum.actions import Refused

    flag = _flag_for(request, flag_id)
    form = RedactForm(request.POST)
    if not form.is_valid():
        return _refused(request, "Choose the part to redact and a reason.")
    data = form.cleaned_data
    try:
        queue.check_redact(request.user, flag, data["start"], data["end"], data["text"])
    except (queue.QueueRefused, Refused) as error:
        return _refused(request, error)
    return redirect("moderation:queue")


@moderators_only
@require_POST
def bulk(request):
    form = ResolveForm(request.POST)
    ids = [int(pk) for pk in request.POST.getlist("flags") if pk.isdigit()][:200]
    if not form.is_valid() or not ids:
        return _refused(request, "Choose items, a decision and a reason.")
    flags = Flag.objects.filter(pk__in=ids, status=FlagStatus.OPEN).select_related("post__thread")
    done, skipped = queue.check_bulk_resolve(request.user, flags, form.cleaned_data["decision"], form.cleaned_data["text"])
    messages.success(request, f"{done} done" + (f", {skipped} skipped (claimed by someone else)" if skipped else "") + ".")
    return redirect("moderation:queue")


@moderators_only
@require_GET
def member_page(request, member_id):
    subject = get_object_or_404(Member, pk=member_id)
    context = {
        "subject": subject,
        "penalties": Penalty.objects.filter(member=subject).select_related("issued_by"),
        "flags": Flag.objects.filter(author=subject).select_related("post__thread").order_by("-created_at")[:20],
        "penalty_form": PenaltyForm(),
        "trust_levels": TrustLevel.choices,
    }
    return render(request, "moderation/member.html", context)


@moderators_only
@require_POST
def penalise(request, member_id):
    subject = get_object_or_404(Member, pk=member_id)
    form = PenaltyForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a penalty and a reason.")
        return redirect("moderation:member", member_id=subject.pk)
    data = form.cleaned_data
    try:
        penalties.check_issue_penalty(request.user, subject, data["kind"], data["text"], duration=data.get("duration"), days=data.get("days"))
    except penalties.PenaltyRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{subject.pseudonym}: {data['kind']} recorded.")
    return redirect("moderation:member", member_id=subject.pk)


@moderators_only
@require_POST
def set_trust(request, member_id):
    subject = get_object_or_404(Member, pk=member_id)
    form = ReasonForm(request.POST)
    level = request.POST.get("level", "")
    if not form.is_valid() or not level.isdigit() or int(level) not in TrustLevel.values:
        messages.error(request, "Choose a trust level and a reason.")
    else:
        trust.check_set_trust(request.user, subject, int(level), form.cleaned_data["text"])
    return redirect("moderation:member", member_id=subject.pk)


@moderators_only
@require_GET
def appeals(request):
    waiting = Appeal.objects.filter(decided_at__isnull=True).select_related("penalty__member", "penalty__issued_by")
    return render(request, "moderation/appeals.html", {"appeals": waiting, "form": DecideAppealForm()})


@moderators_only
@require_POST
def decide_appeal(request, appeal_id):
    appeal = get_object_or_404(Appeal.objects.select_related("penalty__member"), pk=appeal_id)
    form = DecideAppealForm(request.POST)
    try:
        if not form.is_valid():
            raise penalties.PenaltyRefused("Choose a decision and give a reason.")
        penalties.check_decide_appeal(request.user, appeal, form.cleaned_data["decision"], form.cleaned_data["note"])
    except penalties.PenaltyRefused as error:
        messages.error(request, str(error))
    else:
        appeal.refresh_from_db()
        member = appeal.penalty.member.pseudonym if appeal.penalty.member_id else "a former member"
        messages.success(request, f"Decided: {appeal.get_decision_display().lower()} for {member}. "
                                  "They see it on their account page.")
    return redirect("moderation:appeals")


@moderators_only
@require_GET
def audit_log(request):
    entries = AuditEntry.objects.all()
    filters = {key: request.GET.get(key, "").strip()[:100] for key in ("actor", "action", "target")}
    if filters["actor"]:
        entries = entries.filter(actor_label__iexact=filters["actor"])
    if filters["action"]:
        entries = entries.filter(action__startswith=filters["action"])
    if filters["target"]:
        entries = entries.filter(Q(target_label__icontains=filters["target"]) | Q(target_id=filters["target"]))
    return render(request, "moderation/audit.html", {"entries": entries[:200], "filters": filters})
