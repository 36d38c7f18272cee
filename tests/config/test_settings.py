import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_rate

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "LANTERN_ENV": "production",
    "SECRET_KEY": "k" * 20 + "Zq8#tY2!vP0@wR5$uN3^sL7&" + "x" * 20,
    "ALLOWED_HOSTS": "lantern.example.org",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test",
}


def run_django(code, **env):
    """Run `code` in a fresh interpreter with only these Lantern variables set."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("LANTERN_", "DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS"))}
    clean.update(DJANGO_SETTINGS_MODULE="config.settings", LANTERN_VAR_DIR=env.pop("var_dir", "/tmp/lantern-settings-test"), **env)
    script = "import django, json; django.setup(); from django.conf import settings as s; " + code
    return subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("value, expected", [("1", True), ("yes", True), ("off", False), ("", False)])
def test_env_bool_reads_common_spellings(monkeypatch, value, expected):
    monkeypatch.setenv("X_FLAG", value)
    assert env_bool("X_FLAG") is expected


@pytest.mark.parametrize(
    "reader, value",
    [(lambda: env_bool("X_VALUE"), "maybe"), (lambda: env_int("X_VALUE", 1), "ten"),
     (lambda: env_int("X_VALUE", 1, minimum=0, maximum=5), "6"), (lambda: env_rate("X_VALUE", "1/m"), "five per minute")],
)
def test_env_helpers_refuse_bad_values_loudly(monkeypatch, reader, value):
    monkeypatch.setenv("X_VALUE", value)
    with pytest.raises(ImproperlyConfigured, match="X_VALUE"):
        reader()


def test_embedded_default_needs_no_variables(tmp_path):
    result = run_django(
        "print(json.dumps([s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND'], "
        "s.CHANNEL_LAYERS['default']['BACKEND'], s.DEBUG, s.DATABASES['default']['OPTIONS']['init_command']]))",
        var_dir=str(tmp_path),
    )
    engine, cache, layer, debug, init = json.loads(result.stdout)
    assert engine == "django.db.backends.sqlite3" and "LocMemCache" in cache and "InMemoryChannelLayer" in layer
    assert debug is False and "journal_mode=WAL" in init


def test_database_and_redis_urls_switch_to_postgres_and_redis(tmp_path):
    result = run_django(
        "print(json.dumps([s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND'], "
        "s.CHANNEL_LAYERS['default']['BACKEND'], s.CHANNEL_LAYERS['default']['CONFIG']['hosts'], "
        "s.CHANNEL_LAYERS['default']['CONFIG']['capacity']]))",
        var_dir=str(tmp_path), DATABASE_URL="postgres://postgres@127.0.0.1:5432/test", REDIS_URL="redis://127.0.0.1:6379/3",
    )
    engine, cache, layer, hosts, capacity = json.loads(result.stdout)
    assert engine == "django.db.backends.postgresql" and cache == "config.cache.ResilientRedisCache"
    assert layer == "channels_redis.core.RedisChannelLayer"
    assert hosts == [{"address": "redis://127.0.0.1:6379/3", "socket_timeout": 30, "max_connections": 1000}]
    assert capacity == 1000


@pytest.mark.parametrize("pool_env, expected", [
    ({}, {"min_size": 2, "max_size": 20, "timeout": 10}),
    ({"DATABASE_POOL_MAX_SIZE": "8"}, {"min_size": 2, "max_size": 8, "timeout": 10}),
    ({"DATABASE_POOL": "0"}, None),
])
def test_postgres_connections_come_from_a_bounded_pool(tmp_path, pool_env, expected):
    result = run_django(
        "print(json.dumps([s.DATABASES['default'].get('OPTIONS', {}).get('pool'), s.DATABASES['default']['CONN_MAX_AGE']]))",
        var_dir=str(tmp_path), DATABASE_URL="postgres://postgres@127.0.0.1:5432/test", **pool_env,
    )
    pool, max_age = json.loads(result.stdout)
    assert pool == expected and max_age == 0


def test_a_bad_pool_size_is_refused_with_its_name(tmp_path):
    result = run_django("", var_dir=str(tmp_path), DATABASE_URL="postgres://postgres@127.0.0.1:5432/test",
                        DATABASE_POOL_MAX_SIZE="lots")
    assert result.returncode != 0 and "DATABASE_POOL_MAX_SIZE" in result.stderr


def test_production_refuses_to_start_without_secret_key(tmp_path):
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = run_django("print('started')", var_dir=str(tmp_path), **env)
    assert result.returncode != 0 and "Set the environment variable SECRET_KEY" in result.stderr


def test_bad_variable_stops_start_with_its_name(tmp_path):
    result = run_django("print('started')", var_dir=str(tmp_path), DEBUG="perhaps")
    assert result.returncode != 0 and "DEBUG must be a boolean" in result.stderr


def test_check_deploy_is_clean_with_production_variables(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LANTERN_", "DATABASE_URL", "REDIS_URL", "DEBUG"))}
    env.update(PRODUCTION_ENV, LANTERN_VAR_DIR=str(tmp_path), REDIS_URL="redis://127.0.0.1:6379/0")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
