from django.db import migrations


def add_catalogue(apps, schema_editor):
    from peerwork.offers.defaults import install_defaults

    install_defaults(apps.get_model("offers", "Offer"), apps.get_model("offers", "TeamPlace"))


class Migration(migrations.Migration):
    dependencies = [("offers", "0001_initial")]
    operations = [migrations.RunPython(add_catalogue, migrations.RunPython.noop)]
