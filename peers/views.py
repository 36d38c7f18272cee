import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peers import actions
from peers.export import export_member_data
from peers.forms import (
    ChangePassphraseForm,
    CurrentPassphraseForm,
    DeleteAccountForm,
    DiscreetModeForm,
    JoinForm,
    LoginForm,
    RecoverForm,
)
from peers.models import Member
from peers.pseudonyms import suggest_pseudonym
from peers import ratelimits
from peers.ratelimits import count_join, limit_by_ip, limit_by_member, limit_by_pseudonym_and_ip, refuse_if_joins_used_up


def _is_taken(pseudonym):
    return Member.objects.find(pseudonym) is not None


def _safe_next(request):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return None


def _show_codes(request, codes, *, first_time):
    return render(request, "peers/recovery_codes.html", {"codes": codes, "first_time": first_time})


@require_http_methods(["GET", "POST"])
def join(request):
    if request.user.is_authenticated:
        return redirect("home")
    if request.method == "POST":
        refuse_if_joins_used_up(request)  # only accounts made count (peers/ratelimits.py)
    form = JoinForm(request.POST or None, initial={"pseudonym": suggest_pseudonym(_is_taken)})
    if request.method == "POST" and form.is_valid():
        joined = actions.do_join_member(form.cleaned_data["pseudonym"], form.cleaned_data["passphrase"])
        count_join(request)
        login(request, joined.member, backend="peers.backends.MemberBackend")
        return _show_codes(request, joined.recovery_codes, first_time=True)
    return render(request, "peers/join.html", {"form": form})


@require_http_methods(["GET", "POST"])
def login_view(request):
    if request.method != "POST":
        return render(request, "peers/login.html", {"form": LoginForm(request)})
    attempt = ratelimits.login_attempt(request)
    wait = ratelimits.wait_before(attempt)
    if wait:
        return _login_paused(request, wait)
    form = LoginForm(request, request.POST)
    if not form.is_valid():
        if form.has_error(NON_FIELD_ERRORS, "invalid_login"):
            ratelimits.record_failure(attempt)
        return render(request, "peers/login.html", {"form": form})
    login(request, form.member)  # rotates the session key
    if form.cleaned_data["remember"]:
        request.session.set_expiry(settings.LANTERN_REMEMBER_ME_SECONDS)
    else:
        request.session.set_expiry(0)  # until the browser closes
    response = redirect(_safe_next(request) or "home")
    ratelimits.remember_device(request, response, form.member)
    return response


def _login_paused(request, wait):
    """The same answer whether or not the pseudonym is anyone's; nothing was checked."""
    minutes = max(1, round(wait / 60))
    paused = (f"There have been many wrong passphrases from here or for this pseudonym, so log-in is paused for "
              f"about {minutes} minute{'s' if minutes != 1 else ''}. If the account is yours, a recovery code works "
              f"at once, and the device you usually sign in on is not held up by anyone else's attempts.")
    form = LoginForm(request, initial={"pseudonym": request.POST.get("pseudonym", "")[:100]})
    return render(request, "peers/login.html", {"form": form, "paused": paused}, status=429)


@require_POST
def logout_view(request):
    logout(request)
    messages.info(request, "You are signed out.")
    return redirect("home")


@require_http_methods(["GET", "POST"])
@limit_by_ip("recover_ip")
@limit_by_pseudonym_and_ip("recover_pseudonym")
def recover(request):
    form = RecoverForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        member = actions.do_recover_member(data["pseudonym"], data["code"], data["passphrase"])
        if member is not None:
            logout(request)
            login(request, member, backend="peers.backends.MemberBackend")
            request.session.set_expiry(0)
            left = member.recovery_codes.count()
            messages.success(
                request,
                f"Your new passphrase is set and every other device was signed out. "
                f"You have {left} recovery code{'s' if left != 1 else ''} left.",
            )
            response = redirect("peers:account")
            ratelimits.remember_device(request, response, member)
            return response
        form.add_error(None, "That pseudonym and recovery code don't match. Check both and try again.")
    return render(request, "peers/recover.html", {"form": form})


def _account_forms(request, **bound):
    member = request.user
    forms = {
        "passphrase_form": ChangePassphraseForm(member),
        "codes_form": CurrentPassphraseForm(member, prefix="codes"),
        "delete_form": DeleteAccountForm(member, prefix="delete"),
        "discreet_form": DiscreetModeForm(initial={"discreet_mode": member.discreet_mode}),
    }
    forms.update(bound)
    return forms


def _account_page(request, *, status=200, **bound):
    """The account page; `bound` replaces a blank form with one that failed, shown with status 400."""
    context = _account_forms(request, **bound)
    context["codes_left"] = request.user.recovery_codes.count()
    context["penalties"] = request.user.penalties.select_related("appeal")
    return render(request, "peers/account.html", context, status=status)


@login_required
@require_GET
def account(request):
    return _account_page(request)


@login_required
@require_POST
@limit_by_member("passphrase_member")
def change_passphrase(request):
    form = ChangePassphraseForm(request.user, request.POST)
    if not form.is_valid():
        return _account_page(request, status=400, passphrase_form=form)
    member = request.user
    actions.do_change_passphrase(member, form.cleaned_data["passphrase"], keep_session_key=request.session.session_key)
    update_session_auth_hash(request, member)  # keeps this device signed in, under a new session key
    messages.success(request, "Your passphrase is changed. Any other device you used is signed out.")
    return redirect("peers:account")


@login_required
@require_POST
@limit_by_member("passphrase_member")
def new_recovery_codes(request):
    form = CurrentPassphraseForm(request.user, request.POST, prefix="codes")
    if not form.is_valid():
        return _account_page(request, status=400, codes_form=form)
    return _show_codes(request, actions.do_issue_recovery_codes(request.user), first_time=False)


@login_required
@require_POST
def logout_everywhere(request):
    actions.do_end_sessions(request.user)
    logout(request)
    messages.info(request, "You are signed out on every device.")
    return redirect("home")


@login_required
@require_POST
def set_discreet_mode(request):
    form = DiscreetModeForm(request.POST)
    form.is_valid()  # a lone optional checkbox cannot be invalid
    enabled = form.cleaned_data.get("discreet_mode", False)
    actions.do_set_discreet_mode(request.user, enabled)
    messages.success(request, "Discreet mode is on." if enabled else "Discreet mode is off.")
    return redirect("peers:account")


@login_required
@require_GET
def download_data(request):
    data = export_member_data(request.user)
    if request.GET.get("summary"):
        lines = ["What Lantern holds about you, by kind (the full file has every item):", ""] + data["summary"]
        return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    body = json.dumps(data, indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


@login_required
@require_POST
@limit_by_member("passphrase_member")
def delete_account(request):
    form = DeleteAccountForm(request.user, request.POST, prefix="delete")
    if not form.is_valid():
        return _account_page(request, status=400, delete_form=form)
    member = request.user
    logout(request)
    actions.do_delete_member(member, erase_content=form.cleaned_data["content"] == DeleteAccountForm.ERASE)
    return render(request, "peers/deleted.html")
