"""Each space reaches exactly its audience, through every view that shows forum content."""
import pytest
from django.test import Client
from django.urls import URLPattern, get_resolver, reverse

from forum.models import Post, Reaction, ThreadReadState
from peers.models import Role
from tests.helpers import text_of

MARK_TITLE = "Zephyrmark evening thoughts"
MARK_BODY = "Quillfeather is the word I keep coming back to."


def forum_routes():
    resolver = get_resolver()
    forum = resolver.namespace_dict["forum"][1]
    return [entry.name for entry in forum.url_patterns if isinstance(entry, URLPattern)]


def kwargs_for(name, thread, post):
    space, board = thread.board.space, thread.board
    wanted = get_resolver().namespace_dict["forum"][1].reverse_dict.getlist(name)[0][0][0][1]
    values = {"space_slug": space.slug, "board_slug": board.slug, "thread_id": thread.pk, "post_id": post.pk}
    return {key: values[key] for key in wanted}


def browse_everything(client, thread, post):
    """GET every forum page, reaching the hidden thread where the URL allows; returns {name: response}."""
    responses = {}
    for name in forum_routes():
        url = reverse(f"forum:{name}", kwargs=kwargs_for(name, thread, post))
        if name == "search":
            url += "?q=Quillfeather"
        responses[name] = client.get(url)
    responses["home"] = client.get("/")
    return responses


@pytest.fixture
def hidden_thread(make_thread, make_post, mens_member, mens_board):
    thread = make_thread(mens_board, author=mens_member, title=MARK_TITLE, body=MARK_BODY)
    ThreadReadState.objects.create(thread=thread, member=mens_member, following=True)
    return thread


def login(member):
    client = Client()
    client.force_login(member)
    return client


CONTENT_ROUTES = {"board", "new_thread", "thread", "edit_post", "post_history"}


@pytest.mark.django_db
def test_outsider_sees_only_the_door_of_an_opt_in_space(outsider, hidden_thread):
    post = hidden_thread.posts.get()
    responses = browse_everything(login(outsider), hidden_thread, post)
    for name, response in responses.items():
        page = text_of(response)
        assert MARK_TITLE not in page and "Quillfeather" not in page.replace("?q=Quillfeather", "").replace(
            'value="Quillfeather"', ""
        ), name
        if name in CONTENT_ROUTES:
            assert response.status_code == 404, name
    door = responses["space"]
    assert door.status_code == 200 and "Join this space" in text_of(door)
    assert "happen to men and boys too" in text_of(door) and "not weakness" in text_of(door)
    assert "Men's talk" not in text_of(responses["index"])  # boards of the space are not listed


@pytest.mark.django_db
def test_outsider_cannot_write_react_or_follow_in_an_opt_in_space(outsider, hidden_thread):
    post = hidden_thread.posts.get()
    client = login(outsider)
    attempts = [
        (reverse("forum:reply", args=[hidden_thread.pk]), {"body": "hello there"}),
        (reverse("forum:react", args=[post.pk]), {"kind": "hear"}),
        (reverse("forum:follow", args=[hidden_thread.pk]), {"following": "1"}),
        (reverse("forum:delete_post", args=[post.pk]), {}),
        (reverse("forum:edit_post", args=[post.pk]), {"body": "changed"}),
        (reverse("forum:new_thread", args=["mens-space", "mens-talk"]), {"title": "t", "body": "b"}),
    ]
    for url, data in attempts:
        assert client.post(url, data).status_code == 404, url
    assert Post.objects.count() == 1 and not Reaction.objects.exists()
    assert not ThreadReadState.objects.filter(member=outsider).exists()
    post.refresh_from_db()
    assert post.body == MARK_BODY and post.deleted_at is None


@pytest.mark.django_db
def test_member_of_the_space_reads_everything(mens_member, hidden_thread):
    post = hidden_thread.posts.get()
    responses = browse_everything(login(mens_member), hidden_thread, post)
    assert MARK_TITLE in text_of(responses["board"]) and MARK_BODY in text_of(responses["thread"])
    assert MARK_TITLE in text_of(responses["search"]) and MARK_TITLE in text_of(responses["following"])
    assert "Men's talk" in text_of(responses["index"])


@pytest.mark.django_db
def test_joining_from_the_door_opens_the_space_and_leaving_closes_it(outsider, hidden_thread):
    client = login(outsider)
    client.post(reverse("forum:join_space", args=["mens-space"]))
    assert MARK_TITLE in text_of(client.get(reverse("forum:board", args=["mens-space", "mens-talk"])))
    client.post(reverse("forum:leave_space", args=["mens-space"]))
    assert client.get(reverse("forum:board", args=["mens-space", "mens-talk"])).status_code == 404


@pytest.mark.django_db
def test_staff_space_does_not_exist_for_members(member, mentor, make_thread, staff_board):
    thread = make_thread(staff_board, author=mentor, title=MARK_TITLE, body=MARK_BODY)
    post = thread.posts.get()
    responses = browse_everything(login(member), thread, post)
    assert responses["space"].status_code == 404
    assert "Mentor Lounge" not in text_of(responses["index"])
    for name, response in responses.items():
        assert MARK_TITLE not in text_of(response), name
    assert MARK_BODY in text_of(login(mentor).get(reverse("forum:thread", args=[thread.pk])))


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.MODERATOR, Role.CRISIS_STAFF, Role.ADMIN])
def test_moderating_roles_read_every_space(make_member, hidden_thread, role):
    staff = make_member(role=role)
    assert MARK_BODY in text_of(login(staff).get(reverse("forum:thread", args=[hidden_thread.pk])))


@pytest.mark.django_db
def test_forum_pages_need_sign_in(client, hidden_thread):
    post = hidden_thread.posts.get()
    for name, response in browse_everything(client, hidden_thread, post).items():
        if name in ("home", "leaving"):
            continue
        assert response.status_code == 302 and "/login/" in response["Location"], name
