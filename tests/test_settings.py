"""Production settings refuse insecure defaults, and the documented ones pass Django's deploy check."""

import os
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from nearpeer.env import env_bool, env_int, parse_database_url


def run_nearpeer(*args, **env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(
            ("DEBUG", "SECRET_KEY", "NEARPEER_", "DATABASE_URL", "DJANGO_ALLOW_ASYNC")
        )
    }
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-m", "nearpeer", *args],
        capture_output=True,
        text=True,
        env=clean,
        timeout=120,
        check=False,
    )


PRODUCTION = {
    "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
    "NEARPEER_FIELD_KEYS": Fernet.generate_key().decode(),
    "ALLOWED_HOSTS": "nearpeer.ridgeview.example",
    "DATABASE_URL": "sqlite:////tmp/nearpeer-deploy-check.sqlite3",
}


def test_production_refuses_the_built_in_secret_key():
    result = run_nearpeer("check", **{**PRODUCTION, "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY is the built-in development key" in result.stderr


def test_production_refuses_to_start_without_field_keys():
    result = run_nearpeer("check", **{**PRODUCTION, "NEARPEER_FIELD_KEYS": ""})
    assert result.returncode != 0
    assert "NEARPEER_FIELD_KEYS is not set" in result.stderr


def test_documented_production_settings_pass_the_deploy_check():
    result = run_nearpeer("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_secret_can_come_from_a_file(tmp_path):
    secret_file = tmp_path / "secret"
    secret_file.write_text(PRODUCTION["SECRET_KEY"] + "\n")
    env = {**PRODUCTION, "SECRET_KEY": "", "SECRET_KEY_FILE": str(secret_file)}
    assert run_nearpeer("check", **env).returncode == 0


@pytest.mark.parametrize("value", ["maybe", "2", "yes please"])
def test_bad_boolean_is_refused_with_its_name(monkeypatch, value):
    monkeypatch.setenv("DEBUG", value)
    with pytest.raises(ImproperlyConfigured, match="DEBUG must be true or false"):
        env_bool("DEBUG", False)


def test_bad_number_is_refused_with_its_name(monkeypatch):
    monkeypatch.setenv("AXES_FAILURE_LIMIT", "five")
    with pytest.raises(ImproperlyConfigured, match="AXES_FAILURE_LIMIT must be a whole number"):
        env_int("AXES_FAILURE_LIMIT", 5)


def test_database_urls_are_parsed():
    pg = parse_database_url("postgres://np:s%40cret@db.example:6543/nearpeer?sslmode=require")
    assert pg["ENGINE"] == "django.db.backends.postgresql"
    assert (pg["USER"], pg["PASSWORD"], pg["HOST"], pg["PORT"], pg["NAME"]) == (
        "np",
        "s@cret",
        "db.example",
        "6543",
        "nearpeer",
    )
    assert pg["OPTIONS"] == {"sslmode": "require"}
    assert (
        parse_database_url("sqlite:////var/lib/nearpeer/db.sqlite3")["NAME"]
        == "/var/lib/nearpeer/db.sqlite3"
    )


def test_unknown_database_scheme_is_refused():
    with pytest.raises(ImproperlyConfigured, match="must start with sqlite:// or postgres://"):
        parse_database_url("mysql://root@localhost/nearpeer")


def test_roster_row_limit_below_one_is_refused():
    result = run_nearpeer("check", NEARPEER_TESTING="true", NEARPEER_ROSTER_MAX_ROWS="0")
    assert result.returncode != 0
    assert "NEARPEER_ROSTER_MAX_ROWS must be 1 or more (got 0)" in result.stderr


def test_the_nearpeer_command_makes_its_data_folder_on_a_fresh_clone(tmp_path):
    import os
    import subprocess
    import sys

    folder = tmp_path / "var" / "nested"
    env = os.environ | {"NEARPEER_DATA_DIR": str(folder), "DEBUG": "true"}
    env.pop("DATABASE_URL", None)
    env.pop("NEARPEER_TESTING", None)
    done = subprocess.run(
        [sys.executable, "-m", "nearpeer", "migrate", "--noinput", "-v", "0"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert (folder / "nearpeer.sqlite3").exists()
