"""Tokens that existed before scopes and expiry keep working as they did, for 90 days."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("accounts", "0001_initial")]
AFTER = [("accounts", "0002_token_scope_expiry_mfa")]


@pytest.mark.django_db(transaction=True)
def test_existing_tokens_get_90_days_read_write_and_no_mfa_confirmation():
    # given a token made before the migration
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    user = old.get_model("accounts", "User").objects.create(email="old@ridgeview.example")
    made = datetime.datetime(2026, 5, 4, 9, 30, tzinfo=datetime.UTC)
    old.get_model("accounts", "ApiToken").objects.create(
        user=user, name="old script", prefix="np_abc", hashed="0" * 64, created_at=made
    )
    # when the migration runs
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    token = new.get_model("accounts", "ApiToken").objects.get(name="old script")
    # then it expires 90 days after it was made, may still write, and is not MFA-confirmed
    assert token.expires_at == made + datetime.timedelta(days=90)
    assert token.scope == "read_write"
    assert token.mfa_confirmed_at is None
    # (and the rest of the suite finds the schema at the latest migration)
    MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
