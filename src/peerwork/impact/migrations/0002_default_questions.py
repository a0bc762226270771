from django.db import migrations


def add_questions(apps, schema_editor):
    from peerwork.impact.defaults import install_defaults

    install_defaults(apps.get_model("impact", "Question"))


class Migration(migrations.Migration):
    dependencies = [("impact", "0001_initial")]
    operations = [migrations.RunPython(add_questions, migrations.RunPython.noop)]
