import pytest

from forum.models import PostState
from moderation import queue
from moderation.models import AuditEntry, Flag, FlagStatus, Lane


@pytest.fixture
def held_post(make_thread, make_post, commons_board, member):
    thread = make_thread(commons_board)
    return make_post(thread, author=member, body="call me 416 555 0143", state=PostState.HELD)


@pytest.fixture
def flag(held_post):
    return queue.open_flag(held_post, Lane.DANGER_CONTACT, reasons=["contact"], text=held_post.body, spans=[(8, 20, "contact", "phone")])


@pytest.mark.django_db
def test_second_reason_joins_the_open_flag_in_the_more_urgent_lane(flag, held_post):
    again = queue.open_flag(held_post, Lane.CRISIS_CONCERN, reasons=["self_harm"])
    assert again.pk == flag.pk and Flag.objects.count() == 1
    flag.refresh_from_db()
    assert flag.lane == Lane.CRISIS_CONCERN and set(flag.reasons) == {"contact", "self_harm"}


@pytest.mark.django_db
def test_claim_is_exclusive_and_release_frees_it(flag, moderator, make_member):
    other = make_member(role="moderator")
    assert queue.check_claim(moderator, flag) is True
    with pytest.raises(queue.QueueRefused, match="Someone else"):
        queue.check_claim(other, flag)
    assert queue.check_release(other, flag) is False
    assert queue.check_release(moderator, flag) is True
    assert queue.check_claim(other, flag) is True
    assert list(AuditEntry.objects.values_list("action", flat=True).order_by("id")) == ["flag.claim", "flag.release", "flag.claim"]


@pytest.mark.django_db
@pytest.mark.parametrize("decision, state", [("approve", "visible"), ("hide", "hidden"), ("remove", "removed")])
def test_resolve_sets_post_state_and_logs_the_reason(flag, moderator, held_post, decision, state):
    queue.check_resolve(moderator, flag, decision, "reviewed")
    held_post.refresh_from_db()
    flag.refresh_from_db()
    assert held_post.state == state and flag.status == FlagStatus.RESOLVED and flag.resolution == decision
    entry = AuditEntry.objects.get(action=f"post.{decision}")
    assert entry.actor_id == moderator.pk and entry.reason == "reviewed" and entry.target_id == str(held_post.pk)


@pytest.mark.django_db
def test_resolve_without_reason_or_on_someone_elses_claim_is_refused(flag, moderator, make_member, held_post):
    with pytest.raises(queue.QueueRefused, match="reason"):
        queue.check_resolve(moderator, flag, "approve", "  ")
    other = make_member(role="moderator")
    queue.check_claim(other, flag)
    with pytest.raises(queue.QueueRefused, match="Someone else"):
        queue.check_resolve(moderator, flag, "approve", "fine")
    held_post.refresh_from_db()
    assert held_post.state == PostState.HELD


@pytest.mark.django_db
def test_redact_replaces_the_span_and_keeps_a_revision(flag, moderator, held_post):
    queue.check_redact(moderator, flag, 8, 20, "phone number")
    held_post.refresh_from_db()
    assert held_post.body == "call me [removed by a moderator]" and "416" not in held_post.body_html
    assert held_post.revisions.get().body == "call me 416 555 0143"


@pytest.mark.django_db
def test_bulk_resolve_skips_items_claimed_by_others(moderator, make_member, make_thread, make_post, commons_board):
    thread = make_thread(commons_board)
    flags = [queue.open_flag(make_post(thread, state="held"), Lane.WATCHED, reasons=["watched"]) for _ in range(3)]
    queue.check_claim(make_member(role="moderator"), flags[0])
    assert queue.check_bulk_resolve(moderator, flags, "remove", "spam wave") == (2, 1)


@pytest.mark.django_db
def test_queue_orders_by_lane_then_weight_then_age(make_thread, make_post, commons_board):
    thread = make_thread(commons_board)
    watched = queue.open_flag(make_post(thread), Lane.WATCHED, reasons=["watched"])
    light = queue.open_flag(make_post(thread), Lane.REPORTED, reasons=["report:spam"], weight=1)
    heavy = queue.open_flag(make_post(thread), Lane.REPORTED, reasons=["report:spam"], weight=5)
    crisis = queue.open_flag(make_post(thread), Lane.CRISIS_IMMINENT, reasons=["self_harm"])
    assert list(queue.open_flags()) == [crisis, heavy, light, watched]
