"""Pages of the live peer rooms: the list, scheduling, the ground rules and the room itself (docs/rooms.md)."""
from datetime import timedelta
from datetime import timezone as dt_timezone

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from forum.permissions import readable_spaces
from forum.text import clean_text
from rooms import chat, permissions, schedule
from peers.models import Member
from rooms.models import RoomPresence

SLOW_MODE_CHOICES = [
    (0, "Off"), (10, "10 seconds"), (30, "30 seconds"), (60, "1 minute"), (120, "2 minutes"), (300, "5 minutes"),
]
DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


def _hosts_present_filter():
    """Annotates each room of a list with whether its host or co-host is connected, in the list's one query."""
    return Exists(
        RoomPresence.objects.live().filter(room=OuterRef("pk"))
        .filter(Q(member_id=OuterRef("host_id")) | Q(member_id=OuterRef("cohost_id")))
    )


class RoomForm(forms.Form):
    space = forms.ModelChoiceField(
        queryset=None, empty_label=None, help_text="The room is open to this space's audience only."
    )
    title = forms.CharField(max_length=schedule.TITLE_MAX)
    description = forms.CharField(
        required=False, max_length=schedule.DESCRIPTION_MAX, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What the room is for, in a sentence or two.",
    )
    extra_rules = forms.CharField(
        label="Extra ground rules (optional)", required=False, max_length=schedule.RULES_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Added after Lantern's ground rules, which everyone agrees to before entering.",
    )
    starts_at = forms.DateTimeField(
        label="Starts at (UTC)", input_formats=[DATETIME_LOCAL, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
        help_text="Date and time in UTC (Coordinated Universal Time), not your local time. "
                  "The room opens ten minutes before.",
    )
    length_minutes = forms.IntegerField(label="Length in minutes", min_value=15, max_value=240, initial=60)
    capacity = forms.IntegerField(
        min_value=2, max_value=50, initial=12,
        help_text="How many members may be in the room at once, hosts not counted.",
    )
    cohost = forms.CharField(
        label="Co-host (optional)", required=False, max_length=100,
        help_text="The pseudonym of another peer mentor who will help you run the room.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"}),
    )
    premoderated = forms.BooleanField(
        label="Hold every message until a host approves it", required=False,
    )

    def __init__(self, mentor, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["space"].queryset = readable_spaces(mentor).order_by("name")

    def clean_starts_at(self):
        # The form says UTC: read the wall time as UTC whatever zone is active.
        value = self.cleaned_data["starts_at"]
        return timezone.make_aware(timezone.make_naive(value), dt_timezone.utc)

    def clean_cohost(self):
        pseudonym = clean_text(self.cleaned_data["cohost"], multiline=False)
        if not pseudonym:
            return None
        cohost = Member.objects.find(pseudonym)
        if cohost is None:
            raise forms.ValidationError("No member has that pseudonym. Check the spelling, or leave it empty.")
        return cohost


def _next_quarter_hour(now):
    now = now.astimezone(dt_timezone.utc).replace(second=0, microsecond=0)
    return now + timedelta(minutes=15 - now.minute % 15)


@login_required
@require_GET
def room_list(request):
    member, now = request.user, timezone.now()
    listed = list(schedule.listed_rooms(member, now=now).annotate(hosts_present=_hosts_present_filter()))
    for room in listed:
        room.status = schedule.room_status(room, room.hosts_present, now=now)
    context = {"rooms": listed, "can_schedule": permissions.can_schedule_rooms(member)}
    return render(request, "rooms/rooms.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def room_new(request):
    mentor = request.user
    if not permissions.can_schedule_rooms(mentor):
        raise Http404
    form = RoomForm(mentor, request.POST or None, initial={"starts_at": _next_quarter_hour(timezone.now())})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            room = schedule.check_schedule_room(
                mentor, space=data["space"], title=data["title"], description=data["description"],
                extra_rules=data["extra_rules"], starts_at=data["starts_at"],
                ends_at=data["starts_at"] + timedelta(minutes=data["length_minutes"]),
                capacity=data["capacity"], cohost=data["cohost"], premoderated=data["premoderated"],
            )
        except schedule.RoomRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            return redirect("rooms:room", room_id=room.pk)
    return render(request, "rooms/room_new.html", {"form": form}, status=400 if form.errors else 200)


def _rule_lines(room):
    return [line for line in room.ground_rules.splitlines() if line.strip()]


def _rules_page(request, room, *, refusal=None):
    context = {"room": room, "rules": _rule_lines(room), "refusal": refusal}
    return render(request, "rooms/room_rules.html", context, status=400 if refusal else 200)


@login_required
@require_GET
def room_page(request, room_id):
    member, now = request.user, timezone.now()
    room = permissions.get_room_for_member(member, room_id)
    closed = room.is_closed(now)
    if not closed and not schedule.has_agreed(member, room):
        return _rules_page(request, room)
    is_host = permissions.can_host(member, room)
    context = {
        "room": room,
        "closed": closed,
        "is_host": is_host,
        "refusal": None if closed else permissions.entry_refusal(member, room, now=now),
        "status": schedule.room_status(room, not closed and chat.hosts_present(room), now=now),
        "rules": _rule_lines(room),
        "slow_mode_choices": SLOW_MODE_CHOICES,
    }
    return render(request, "rooms/room.html", context)


@login_required
@require_POST
def room_agree(request, room_id):
    room = permissions.get_room_for_member(request.user, room_id)
    try:
        schedule.check_agree_to_rules(request.user, room)
    except schedule.RoomRefused as refusal:
        return _rules_page(request, room, refusal=str(refusal))
    return redirect("rooms:room", room_id=room.pk)
