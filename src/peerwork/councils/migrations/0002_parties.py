from django.db import migrations

# The parties councils are most often controlled or led by; staff can add others.
PARTIES = [
    ("Conservative", "Con", "conservative"),
    ("Labour", "Lab", "labour"),
    ("Liberal Democrats", "LD", "liberal_democrat"),
    ("Green Party", "Green", "green"),
    ("Reform UK", "Reform", "reform_uk"),
    ("Independent", "Ind", "independent"),
    ("Plaid Cymru", "PC", "other"),
    ("Scottish National Party", "SNP", "other"),
    ("Residents' association", "Res", "independent"),
    ("Democratic Unionist Party", "DUP", "other"),
    ("Sinn Féin", "SF", "other"),
]


def add_parties(apps, schema_editor):
    Party = apps.get_model("councils", "Party")
    for name, short_name, group in PARTIES:
        Party.objects.get_or_create(
            short_name=short_name, defaults={"name": name, "political_group": group}
        )


class Migration(migrations.Migration):
    dependencies = [("councils", "0001_initial")]
    operations = [migrations.RunPython(add_parties, migrations.RunPython.noop)]
