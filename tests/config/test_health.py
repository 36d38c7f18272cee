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
def test_health_says_degraded_but_serving_when_redis_is_down(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/health/")
    assert response.status_code == 200  # pages and writes still work: a balancer keeps the process
    assert response.json()["status"] == "degraded" and response.json()["redis"].startswith("down")
    assert response.json()["database"] == "ok"


@pytest.mark.django_db
def test_health_says_down_when_the_database_is_down(client, settings, monkeypatch):
    from django.db import OperationalError, connection

    settings.REDIS_URL = None

    def refused():
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refused)
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {"database": "down: OperationalError", "redis": "not configured", "status": "down"}
