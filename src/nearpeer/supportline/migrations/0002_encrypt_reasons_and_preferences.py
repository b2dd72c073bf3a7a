"""Encrypt at rest what still described a person's state in plain text (issue #7, defect 8): the
reason typed for each risk change, the screening reasons, the answers to the two safety questions
and the stated preferences. This step makes the five columns text; 0003 encrypts the values already there. They are two migrations because
PostgreSQL refuses to alter a table in the transaction that just updated its rows (on the way back).
"""

import nearpeer.fields
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('supportline', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='riskchange',
            name='reason',
            field=nearpeer.fields.EncryptedTextField(help_text='Up to 300 characters (checked by the services).'),
        ),
        migrations.AlterField(
            model_name='supportrequest',
            name='danger_answer',
            field=nearpeer.fields.EncryptedJSONField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name='supportrequest',
            name='self_harm_answer',
            field=nearpeer.fields.EncryptedJSONField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name='supportrequest',
            name='preferences',
            field=nearpeer.fields.EncryptedJSONField(blank=True, default=dict),
        ),
        migrations.AlterField(
            model_name='supportrequest',
            name='risk_reasons',
            field=nearpeer.fields.EncryptedJSONField(blank=True, default=list),
        ),
    ]
