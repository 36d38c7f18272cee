"""Lantern takes no files: any request with a file part gets a clear 400 and stores nothing."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from forum.models import Post, Thread
from moderation.models import Report
from peers.models import Member
from tests.helpers import text_of

FILES = [
    ("photo.jpg", b"\xff\xd8\xff\xe0" + b"x" * 100),
    ("notes.txt", b"a"),
    ("\u0444\u043e\u0442\u043e.png", b"\x89PNG" + b"0" * 10_000_000),  # 10 MB, a non-Latin name
]


def counts():
    return Thread.objects.count(), Post.objects.count(), Member.objects.count(), Report.objects.count()


@pytest.mark.django_db
@pytest.mark.parametrize("name, content", FILES, ids=["jpeg", "one-byte", "10MB"])
@pytest.mark.parametrize("field", ["attachment", "body"])
def test_a_file_part_on_any_form_is_refused_with_a_clear_400(member_client, commons_board, make_thread, name, content, field):
    thread = make_thread(commons_board)
    posts = {
        reverse("forum:new_thread", args=[commons_board.space.slug, commons_board.slug]): {"title": "Hello there", "body": "words"},
        reverse("forum:reply", args=[thread.pk]): {"body": "a reply"},
    }
    before = counts()
    for url, fields in posts.items():
        response = member_client.post(url, {**fields, field: SimpleUploadedFile(name, content)})
        assert response.status_code == 400, url
        assert "doesn't take files" in text_of(response) and "nothing you sent was saved" in text_of(response)
    anonymous = Client()
    data = {"pseudonym": "NewPerson5", "passphrase": "a long enough phrase", "passphrase_again": "a long enough phrase",
            "agree": "on", field: SimpleUploadedFile(name, content)}
    assert anonymous.post(reverse("peers:join"), data).status_code == 400
    assert counts() == before


@pytest.mark.django_db
def test_a_multipart_form_without_files_still_works(member_client, commons_board, make_thread, make_member):
    from django.test.client import MULTIPART_CONTENT

    thread = make_thread(commons_board, author=make_member("Starter1"))
    response = member_client.post(reverse("forum:reply", args=[thread.pk]), {"body": "plain words"}, content_type=MULTIPART_CONTENT)
    assert response.status_code == 302 and Post.objects.filter(body="plain words").exists()
