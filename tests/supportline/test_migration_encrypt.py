"""The migration that encrypts risk-change reasons, screening reasons and preferences converts the
rows written before it (and going back decrypts them again), on SQLite and PostgreSQL alike."""

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from nearpeer import fields
from nearpeer.supportline.models import RiskChange, SupportRequest

BEFORE = [("supportline", "0001_initial")]
migration = importlib.import_module(
    "nearpeer.supportline.migrations.0003_encrypt_existing_reasons_and_preferences"
)


def migrate(targets):
    """Migrate to targets; returns the historical apps there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def stored():
    with connection.cursor() as cursor:
        cursor.execute(
            "select risk_reasons, preferences, self_harm_answer, danger_answer "
            "from supportline_supportrequest"
        )
        request = [str(value) for value in cursor.fetchone()]
        cursor.execute("select reason from supportline_riskchange order by id")
        return request, [str(row[0]) for row in cursor.fetchall()]


@pytest.fixture
def before_migration(transactional_db, ridgeview):
    """Rows written while the columns were plain: a request and two risk changes."""
    old = migrate(BEFORE)
    line = old.get_model("supportline", "SupportLine").objects.create(
        institution_id=ridgeview.pk, name="Old line"
    )
    request = old.get_model("supportline", "SupportRequest").objects.create(
        line=line,
        risk="elevated",
        risk_reasons=["expresses hopelessness"],
        preferences={"gender": "nonbinary", "language": "Tagalog"},
        self_harm_answer=True,
        danger_answer=False,
    )
    changes = old.get_model("supportline", "RiskChange").objects
    changes.create(request=request, from_risk="low", to_risk="elevated", reason="hopeless")
    changes.create(request=request, from_risk="elevated", to_risk="elevated", reason="")
    yield request.pk
    migrate(latest())


def test_migration_encrypts_the_rows_written_before_it(before_migration):
    # when
    migrate(latest())
    # then nothing plain is left in the five columns
    request_columns, change_reasons = stored()
    assert all(value.startswith(fields.PREFIX) for value in request_columns)
    assert not any("hopeless" in value or "Tagalog" in value for value in request_columns)
    assert change_reasons[0].startswith(fields.PREFIX) and "hopeless" not in change_reasons[0]
    assert change_reasons[1] == ""  # an emptied (purged) reason stays empty
    # and the app reads them as before
    request = SupportRequest.objects.get(pk=before_migration)
    assert request.risk_reasons == ["expresses hopelessness"]
    assert request.preferences == {"gender": "nonbinary", "language": "Tagalog"}
    assert (request.self_harm_answer, request.danger_answer) == (True, False)
    assert [c.reason for c in RiskChange.objects.order_by("pk")] == ["hopeless", ""]


def test_going_back_decrypts_them_again(before_migration):
    migrate(latest())
    old = migrate(BEFORE)
    (reasons, preferences, *_), change_reasons = stored()
    assert "expresses hopelessness" in reasons and "Tagalog" in preferences
    assert change_reasons == ["hopeless", ""]
    request = old.get_model("supportline", "SupportRequest").objects.get(pk=before_migration)
    assert (request.self_harm_answer, request.danger_answer) == (True, False)


def test_a_value_already_encrypted_is_left_alone():
    # so a run that stopped half-way can simply be repeated
    done = fields.encrypt('["expresses hopelessness"]')
    assert migration.encrypt_plain(done, "json") is None
    assert migration.encrypt_plain("", "text") is None
    assert fields.decrypt(migration.encrypt_plain('["a", "b"]', "json")) == '["a","b"]'
    assert migration.decrypt_stored('{"gender":"woman"}', "json") is None


@pytest.mark.parametrize(("plain", "answer"), [("true", "true"), ("1", "true"), (0, "false")])
def test_a_yes_no_answer_becomes_encrypted_json_on_either_database(plain, answer):
    assert fields.decrypt(migration.encrypt_plain(plain, "yes_no")) == answer
