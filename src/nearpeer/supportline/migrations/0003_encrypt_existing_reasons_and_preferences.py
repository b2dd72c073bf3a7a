"""Encrypt the risk-change reasons, screening reasons and preferences written before 0002 made
their columns encrypted (issue #7, defect 8).

Every existing value is encrypted in place under the first key of NEARPEER_FIELD_KEYS, in batches,
with plain SQL (the model's field would try to decrypt the plain values). Values already encrypted
are left alone, so a run that stopped half-way can be repeated. Reversible: going back decrypts the
values (it needs the same keys), then 0002's reverse makes the columns JSON and varchar(300) again.
"""

import json

from django.db import migrations

from nearpeer import fields

BATCH = 500
# (model, column, holds JSON)
COLUMNS = [
    ("riskchange", "reason", False),
    ("supportrequest", "preferences", True),
    ("supportrequest", "risk_reasons", True),
]


def encrypt_plain(value: str, is_json: bool) -> str | None:
    """The stored form of a plain value, or None when it needs no change."""
    if value.startswith(fields.PREFIX) or (value == "" and not is_json):
        return None
    if is_json:  # normalised the way EncryptedJSONField writes it
        value = json.dumps(json.loads(value), ensure_ascii=False, separators=(",", ":"))
    return fields.encrypt(value)


def decrypt_stored(value: str, is_json: bool) -> str | None:
    """The plain form of an encrypted value, or None when it needs no change."""
    if not value.startswith(fields.PREFIX):
        return None
    plain = fields.decrypt(value)
    return plain if is_json else plain[:300]  # the old column is varchar(300), as the services are


def _rewrite(apps, schema_editor, change) -> None:
    connection = schema_editor.connection
    quote = connection.ops.quote_name
    for model_name, column, is_json in COLUMNS:
        table = quote(apps.get_model("supportline", model_name)._meta.db_table)
        select = (
            f"SELECT id, {quote(column)} FROM {table} "  # noqa: S608
            f"WHERE id > %s AND {quote(column)} IS NOT NULL ORDER BY id LIMIT {BATCH}"
        )
        update = f"UPDATE {table} SET {quote(column)} = %s WHERE id = %s"  # noqa: S608
        last = 0
        while True:
            with connection.cursor() as cursor:
                cursor.execute(select, [last])
                rows = cursor.fetchall()
            if not rows:
                break
            last = rows[-1][0]
            changed = [(new, pk) for pk, old in rows if (new := change(old, is_json)) is not None]
            if changed:
                with connection.cursor() as cursor:
                    cursor.executemany(update, changed)


def encrypt_existing(apps, schema_editor):
    _rewrite(apps, schema_editor, encrypt_plain)


def decrypt_existing(apps, schema_editor):
    _rewrite(apps, schema_editor, decrypt_stored)


class Migration(migrations.Migration):

    dependencies = [
        ('supportline', '0002_encrypt_reasons_and_preferences'),
    ]

    operations = [
        migrations.RunPython(encrypt_existing, decrypt_existing, elidable=False),
    ]
