"""The records the data migrations install (parties, the offers catalogue, skills, the
default survey questions), put back after a test that flushes the database: a browser
test's live server, or a test that needs real transactions (`transaction=True`)."""

import importlib

DATA_MIGRATIONS = (
    "peerwork.councils.migrations.0002_parties",
    "peerwork.offers.migrations.0002_default_catalogue",
    "peerwork.peers.migrations.0002_skills",
    "peerwork.impact.migrations.0002_default_questions",
)


def reference_data_reinstall() -> None:
    from django.apps import apps

    for module in DATA_MIGRATIONS:
        migration = importlib.import_module(module)
        for operation in migration.Migration.operations:
            operation.code(apps, None)
