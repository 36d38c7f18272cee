"""Every aria-describedby and aria-labelledby on every page names an id that exists on that page.

A hint a screen reader never reads is as good as no hint: Django names a
field's help text `<id>_helptext` in aria-describedby, and a template that
gave the hint another id left every form hint unread.
"""
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from peers.models import Role
from tests.config.test_pages import sample_kwargs, site_paths  # noqa: F401  (a fixture, used by name)

REFERENCES = ("aria-describedby", "aria-labelledby", "aria-controls", "for")


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.references = set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        for name in REFERENCES:
            if attrs.get(name) and not (name == "for" and tag != "label"):
                self.references += [(tag, name, target) for target in attrs[name].split()]


def dangling(html):
    parser = _Ids()
    parser.feed(html)
    return [f"<{tag} {name}={target!r}>" for tag, name, target in parser.references if target not in parser.ids]


def test_dangling_finds_a_reference_to_a_missing_id():
    assert dangling('<input aria-describedby="id_x-hint"><p id="id_x_helptext">hint</p>') == [
        "<input aria-describedby='id_x-hint'>"
    ]
    assert dangling('<label for="a">A</label><input id="a" aria-describedby="h"><p id="h"></p>') == []


@pytest.mark.django_db
@pytest.mark.parametrize("role", [None, Role.MEMBER, Role.MENTOR, Role.MODERATOR, Role.CRISIS_STAFF, Role.ADMIN])
def test_every_page_refers_only_to_ids_it_has(client, make_member, sample_kwargs, role):  # noqa: F811
    if role is not None:
        client.force_login(make_member(role=role))
    checked, problems = 0, {}
    # Django's own admin names help texts it does not show in list_editable columns; it is not ours to fix.
    for path in [path for path in site_paths(sample_kwargs) if not path.startswith("/admin/")]:
        response = client.get(path)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            checked += 1
            if found := dangling(response.content.decode()):
                problems[path] = found
    assert problems == {}
    assert checked >= 4


FORMS_WITH_ERRORS = [
    ("peers:join", {"pseudonym": "a", "passphrase": "short", "passphrase_again": "other"}),
    ("peers:login", {"pseudonym": "", "passphrase": ""}),
    ("peers:recover", {"pseudonym": "", "code": "", "passphrase": "", "passphrase_again": ""}),
]


@pytest.mark.django_db
@pytest.mark.parametrize("name, data", FORMS_WITH_ERRORS)
def test_forms_shown_again_with_errors_refer_only_to_ids_they_have(client, name, data):
    response = client.post(reverse(name), data)
    assert response.status_code in (200, 400)
    assert "error" in response.content.decode()
    assert dangling(response.content.decode()) == []


@pytest.mark.django_db
def test_reply_and_new_thread_with_errors_refer_only_to_ids_they_have(member_client, make_thread, commons_board):
    thread = make_thread(commons_board)
    for url in (reverse("forum:reply", args=[thread.pk]),
                reverse("forum:new_thread", args=[commons_board.space.slug, commons_board.slug])):
        response = member_client.post(url, {"title": "", "body": ""})
        assert response.status_code == 400
        assert dangling(response.content.decode()) == []


@pytest.mark.django_db
def test_report_and_delete_account_with_errors_refer_only_to_ids_they_have(member_client, make_thread, make_member,
                                                                          commons_board):
    post = make_thread(commons_board, author=make_member("Author7")).posts.get()
    report = member_client.post(reverse("moderation:report_post", args=[post.pk]), {"reason": "", "note": ""})
    delete = member_client.post(reverse("peers:delete_account"), {"delete-content": "", "delete-confirm": ""})
    for response in (report, delete):
        assert response.status_code == 400 and 'class="error"' in response.content.decode()
        assert dangling(response.content.decode()) == []
