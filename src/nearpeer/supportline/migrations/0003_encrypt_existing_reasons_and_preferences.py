"""Encrypt the risk-change reasons, screening reasons, safety answers and preferences written
before 0002 made their columns encrypted (issue #7, defect 8).

Every existing value is encrypted in place under the first key of NEARPEER_FIELD_KEYS, in batches,
with plain SQL (the model's field would try to decrypt the plain values). Values already encrypted
are left alone, so a run that stopped half-way can be repeated. Reversible: going back decrypts the
values (it needs the same keys), then 0002's reverse gives the columns their old types again.
"""

import json

from django.db import migrations

from nearpeer import fields

BATCH = 500
COLUMNS = [  # (model, column, what it holds)
    ("riskchange", "reason", "text"),
    ("supportrequest", "preferences", "json"),
    ("supportrequest", "risk_reasons", "json"),
    ("supportrequest", "self_harm_answer", "yes_no"),
    ("supportrequest", "danger_answer", "yes_no"),
]
# A boolean turned into text reads 'true'/'false' on PostgreSQL and '1'/'0' on SQLite.
YES_NO = {"true": True, "t": True, "1": True, "false": False, "f": False, "0": False}


def encrypt_plain(value, kind: str) -> str | None:
    """The stored form of a plain value, or None when it needs no change."""
    value = str(value)
    if value.startswith(fields.PREFIX) or (value == "" and kind == "text"):
        return None
    if kind == "yes_no":
        value = json.dumps(YES_NO[value.lower()])
    elif kind == "json":  # normalised the way EncryptedJSONField writes it
        value = json.dumps(json.loads(value), ensure_ascii=False, separators=(",", ":"))
    return fields.encrypt(value)


def decrypt_stored(value, kind: str) -> str | None:
    """The plain form of an encrypted value, or None when it needs no change."""
    value = str(value)
    if not value.startswith(fields.PREFIX):
        return None
    plain = fields.decrypt(value)
    if kind == "yes_no":  # both databases read '1' and '0' back into a boolean column
        return "1" if json.loads(plain) else "0"
    return plain if kind == "json" else plain[:300]  # the old column is varchar(300)


def _rewrite(apps, schema_editor, change) -> None:
    connection = schema_editor.connection
    quote = connection.ops.quote_name
    for model_name, column, kind in COLUMNS:
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
            changed = [(new, pk) for pk, old in rows if (new := change(old, kind)) is not None]
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
