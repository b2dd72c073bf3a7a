"""Encrypted model fields for sensitive content (support-line notes, call-back numbers, risk
reasons, stated preferences).

Values are encrypted with Fernet (AES-128-CBC + HMAC-SHA256) under the keys in
settings.NEARPEER_FIELD_KEYS: the first key encrypts, every key decrypts, so a new key is rotated in
by putting it first and running `nearpeer rotate_field_keys`. The database never sees plain text.
"""

import json
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django import forms
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

PREFIX = "enc1:"


@cache
def _fernet_for(keys: tuple[str, ...]) -> MultiFernet:
    try:
        return MultiFernet([Fernet(key.encode("ascii")) for key in keys])
    except (ValueError, TypeError) as exc:
        raise ImproperlyConfigured(
            "NEARPEER_FIELD_KEYS holds a value that is not a Fernet key. "
            "Generate one with `nearpeer generate_field_key`."
        ) from exc


def fernet() -> MultiFernet:
    return _fernet_for(tuple(settings.NEARPEER_FIELD_KEYS))


def encrypt(text: str) -> str:
    return PREFIX + fernet().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(stored: str) -> str:
    if not stored.startswith(PREFIX):
        raise ValueError("This value was not written by nearpeer's field encryption.")
    try:
        return fernet().decrypt(stored[len(PREFIX) :].encode("ascii")).decode("utf-8")
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            "An encrypted value can't be read with any key in NEARPEER_FIELD_KEYS. "
            "Was a key removed before `nearpeer rotate_field_keys` ran?"
        ) from exc


def rotate(stored: str) -> str:
    """Re-encrypt a stored value under the newest key."""
    return PREFIX + fernet().rotate(stored[len(PREFIX) :].encode("ascii")).decode("ascii")


class EncryptedTextField(models.TextField):
    """A text field stored encrypted. It can't be searched or ordered by its content."""

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(value)

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt(value)


class EncryptedJSONField(models.TextField):
    """A JSON value (a list, a dict, a yes/no) stored encrypted as one text value, empty ones
    included; None is stored as NULL only when the field is null=True. It can't be searched,
    ordered or queried by key: keep what counts need in plain columns."""

    def get_prep_value(self, value):
        if value is None and self.null:
            return None
        return encrypt(json.dumps(value, ensure_ascii=False, separators=(",", ":")))

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        return json.loads(decrypt(value))

    def to_python(self, value):
        return value

    def value_to_string(self, obj):
        return self.value_from_object(obj)  # as JSONField: serializers write it as JSON

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": forms.JSONField, **kwargs})


def encrypted_columns() -> list[tuple[type[models.Model], models.Field]]:
    """Every encrypted field of every installed model."""
    from django.apps import apps

    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, EncryptedTextField | EncryptedJSONField)
    ]


def rotate_all(batch: int = 500) -> int:
    """Re-encrypt every stored value under the first key (plain SQL, batch by batch, each batch in
    its own transaction, so a run can stop and start again); returns how many values changed."""
    from django.db import connection, transaction

    quote, changed = connection.ops.quote_name, 0
    for model, field in encrypted_columns():
        table, column, pk = (
            quote(model._meta.db_table),
            quote(field.column),
            quote(model._meta.pk.column),
        )
        select = (
            f"SELECT {pk}, {column} FROM {table} WHERE {pk} > %s "  # noqa: S608
            f"AND {column} LIKE %s ORDER BY {pk} LIMIT {int(batch)}"
        )
        update = f"UPDATE {table} SET {column} = %s WHERE {pk} = %s"  # noqa: S608
        last = 0
        while True:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(select, [last, PREFIX + "%"])
                rows = cursor.fetchall()
                if not rows:
                    break
                last = rows[-1][0]
                cursor.executemany(update, [(rotate(value), key) for key, value in rows])
                changed += len(rows)
    return changed
