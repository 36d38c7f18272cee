from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from moderation.permissions import moderators_only
from peers import mentoring
from peers.models import ApplicationStatus, MentorApplication, Member, Role


@login_required
@require_http_methods(["GET", "POST"])
def apply(request):
    statement = request.POST.get("statement", "")
    if request.method == "POST":
        try:
            mentoring.check_apply(request.user, statement)
        except mentoring.MentoringRefused as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Thank you. Staff will read your application and answer here.")
            return redirect("peers:mentor_apply")
    context = {
        "problem": mentoring.eligibility_problem(request.user),
        "applications": request.user.mentor_applications.order_by("-created_at"),
        "statement": statement,
        "statement_max": mentoring.STATEMENT_MAX,
    }
    return render(request, "peers/mentor_apply.html", context, status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def step_down(request):
    if mentoring.check_step_down(request.user):
        messages.info(request, "You have stepped down as a peer mentor. Thank you for everything you gave.")
    return redirect("peers:account")


@moderators_only
@require_GET
def applications(request):
    context = {
        "pending": MentorApplication.objects.filter(status=ApplicationStatus.PENDING).select_related("member"),
        "mentors": Member.objects.filter(role=Role.MENTOR).order_by("pseudonym"),
    }
    return render(request, "peers/mentor_applications.html", context)


@moderators_only
@require_POST
def decide(request, application_id):
    application = get_object_or_404(MentorApplication.objects.select_related("member"), pk=application_id)
    try:
        mentoring.check_decide(
            request.user, application, approve=request.POST.get("decision") == "approve", note=request.POST.get("note", "")
        )
    except mentoring.MentoringRefused as error:
        messages.error(request, str(error))
    return redirect("peers:mentor_applications")


@moderators_only
@require_POST
def revoke(request, member_id):
    mentor = get_object_or_404(Member, pk=member_id)
    try:
        mentoring.check_revoke(request.user, mentor, request.POST.get("reason", ""))
    except mentoring.MentoringRefused as error:
        messages.error(request, str(error))
    return redirect("peers:mentor_applications")
