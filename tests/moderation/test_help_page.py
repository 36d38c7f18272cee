import pytest

from moderation.models import HelpResource
from tests.helpers import text_of


@pytest.mark.django_db
def test_help_page_lists_the_seeded_hotlines_plainly(client):
    page = text_of(client.get("/help/"))
    assert "1-888-373-7888" in page and "Text 233733" in page
    assert "1-833-900-1010" in page and "24/7" in page
    assert "988 Suicide and Crisis Lifeline" in page and "Confidential, not anonymous" in page
    assert page.index("Emergency services (911)") < page.index("National Human Trafficking Hotline")
    assert 'href="tel:18883737888"' in page


@pytest.mark.django_db
def test_help_page_shows_admin_edits_and_hides_inactive(client):
    HelpResource.objects.create(region="United Kingdom", name="Modern Slavery Helpline", phone="08000 121 700",
                                what_it_does="Confidential advice.", position=1)
    HelpResource.objects.filter(name__startswith="Canadian").update(is_active=False)
    page = text_of(client.get("/help/"))
    assert "Modern Slavery Helpline" in page and "United Kingdom" in page
    assert "Canadian Human Trafficking Hotline" not in page


@pytest.mark.django_db
def test_help_page_is_open_to_everyone_without_signing_in(client):
    assert client.get("/help/").status_code == 200
