"""Encrypted fields: nothing readable reaches the database, and keys can be rotated."""

from io import StringIO

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from hypothesis import given
from hypothesis import strategies as st

from nearpeer import fields


@given(st.text())
def test_any_text_survives_a_round_trip(text):
    assert fields.decrypt(fields.encrypt(text)) == text


def test_stored_form_does_not_contain_the_text():
    stored = fields.encrypt("I feel alone since moving here")
    assert "alone" not in stored
    assert stored.startswith(fields.PREFIX)


def test_old_values_still_read_after_a_new_key_is_put_first(settings):
    old = fields.encrypt("call me at 555-0134")
    settings.NEARPEER_FIELD_KEYS = [Fernet.generate_key().decode(), *settings.NEARPEER_FIELD_KEYS]
    assert fields.decrypt(old) == "call me at 555-0134"
    rotated = fields.rotate(old)
    settings.NEARPEER_FIELD_KEYS = settings.NEARPEER_FIELD_KEYS[:1]
    assert fields.decrypt(rotated) == "call me at 555-0134"


def test_value_under_an_unknown_key_says_what_to_check(settings):
    stored = fields.encrypt("private")
    settings.NEARPEER_FIELD_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(ImproperlyConfigured, match="can't be read with any key"):
        fields.decrypt(stored)


def test_malformed_key_is_reported_by_name(settings):
    settings.NEARPEER_FIELD_KEYS = ["not-a-key"]
    with pytest.raises(ImproperlyConfigured, match="NEARPEER_FIELD_KEYS"):
        fields.encrypt("x")


def test_generated_key_is_a_working_fernet_key(capsys):
    call_command("generate_field_key")
    key = capsys.readouterr().out.strip()
    assert Fernet(key.encode()).decrypt(Fernet(key.encode()).encrypt(b"ok")) == b"ok"


# --- EncryptedJSONField ------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
    max_leaves=10,
)


@given(st.lists(json_values) | st.dictionaries(st.text(), json_values))
def test_any_list_or_dict_survives_a_round_trip_through_the_json_field(value):
    field = fields.EncryptedJSONField()
    assert field.from_db_value(field.get_prep_value(value), None, None) == value


def test_json_field_stores_neither_keys_nor_values_in_plain_text():
    stored = fields.EncryptedJSONField().get_prep_value(
        {"gender": "nonbinary", "reasons": ["expresses hopelessness"]}
    )
    assert stored.startswith(fields.PREFIX)
    assert "gender" not in stored and "nonbinary" not in stored and "hopeless" not in stored


def test_json_field_encrypts_empty_values_too():
    field = fields.EncryptedJSONField()
    assert field.get_prep_value([]).startswith(fields.PREFIX)
    assert field.from_db_value(field.get_prep_value({}), None, None) == {}
    assert field.from_db_value(field.get_prep_value(None), None, None) is None


def test_nullable_json_field_keeps_none_as_null():
    field = fields.EncryptedJSONField(null=True)
    assert field.get_prep_value(None) is None and field.from_db_value(None, None, None) is None
    assert field.from_db_value(field.get_prep_value(False), None, None) is False


def test_json_field_reads_values_under_an_old_key_after_rotation(settings):
    field = fields.EncryptedJSONField()
    old = field.get_prep_value(["answered yes: in danger from someone now"])
    settings.NEARPEER_FIELD_KEYS = [Fernet.generate_key().decode(), *settings.NEARPEER_FIELD_KEYS]
    assert field.from_db_value(old, None, None) == ["answered yes: in danger from someone now"]
    rotated = fields.rotate(old)
    settings.NEARPEER_FIELD_KEYS = settings.NEARPEER_FIELD_KEYS[:1]
    assert field.from_db_value(rotated, None, None) == ["answered yes: in danger from someone now"]


def test_json_field_refuses_a_plain_value_instead_of_showing_it():
    with pytest.raises(ValueError, match="not written by nearpeer"):
        fields.EncryptedJSONField().from_db_value('["expresses hopelessness"]', None, None)


@pytest.mark.django_db
def test_rotate_field_keys_lets_the_old_key_be_removed(settings, ridgeview):
    # given a request written under the old key
    from nearpeer.supportline.models import RiskChange, SupportLine, SupportRequest

    line = SupportLine.objects.create(institution=ridgeview, name="Line")
    request = SupportRequest.objects.create(
        line=line, risk_reasons=["expresses hopelessness"], preferences={"language": "Tagalog"}
    )
    RiskChange.objects.create(request=request, from_risk="low", to_risk="low", reason="calm")
    old_key = settings.NEARPEER_FIELD_KEYS[0]
    # when a new key is put first and the command runs
    settings.NEARPEER_FIELD_KEYS = [Fernet.generate_key().decode(), old_key]
    call_command("rotate_field_keys", stdout=StringIO())
    # then the old key can go and everything still reads
    settings.NEARPEER_FIELD_KEYS = settings.NEARPEER_FIELD_KEYS[:1]
    request = SupportRequest.objects.get(pk=request.pk)
    assert request.risk_reasons == ["expresses hopelessness"]
    assert request.preferences == {"language": "Tagalog"}
    assert request.risk_changes.get().reason == "calm"
