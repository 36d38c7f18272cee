import pytest


@pytest.mark.django_db
def test_health_reports_database_on_the_embedded_default(client, settings):
    settings.REDIS_URL = None
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "redis": "not configured", "status": "ok"}


@pytest.mark.django_db
def test_health_reports_redis_when_configured(client, settings, redis_url):
    settings.REDIS_URL = redis_url
    assert client.get("/health/").json()["redis"] == "ok"


@pytest.mark.django_db
def test_health_says_degraded_when_redis_is_down(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["status"] == "degraded" and response.json()["redis"].startswith("down")
