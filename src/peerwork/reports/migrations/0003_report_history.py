"""Reports keep an append-only history of their moves (who, when, from, to).

Reports written before it get no history written for them: when they were sent and
published stays where it was kept (sent_for_check_at, published_at).
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0002_versioned'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ReportStatusChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ('reason', models.TextField(blank=True)),
                ('from_status', models.CharField(blank=True, choices=[('draft', 'Draft'), ('accuracy_check', 'With the council for a factual-accuracy check'), ('published', 'Published')], max_length=20)),
                ('to_status', models.CharField(choices=[('draft', 'Draft'), ('accuracy_check', 'With the council for a factual-accuracy check'), ('published', 'Published')], max_length=20)),
                ('by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('report', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='history', to='reports.report')),
            ],
            options={
                'ordering': ['at', 'pk'],
                'abstract': False,
            },
        ),
    ]
