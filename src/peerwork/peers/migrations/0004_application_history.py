"""Applications to become a peer keep an append-only history of their moves.

Applications made before it get no history written for them: their last decision
stays where it was kept (reviewed_by, reviewed_at, decision_note).
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('peers', '0003_versioned'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ApplicationStatusChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ('reason', models.TextField(blank=True)),
                ('from_status', models.CharField(blank=True, choices=[('submitted', 'Waiting for review'), ('more_information', 'More information asked for'), ('approved', 'Approved'), ('rejected', 'Not accepted')], max_length=20)),
                ('to_status', models.CharField(choices=[('submitted', 'Waiting for review'), ('more_information', 'More information asked for'), ('approved', 'Approved'), ('rejected', 'Not accepted')], max_length=20)),
                ('application', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='history', to='peers.peerapplication')),
                ('by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['at', 'pk'],
                'abstract': False,
            },
        ),
    ]
