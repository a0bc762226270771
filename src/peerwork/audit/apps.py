from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    """The audit log's page for administrators, and the trigger that keeps it append-only.

    Which models are logged is set in settings (AUDITLOG_*: every model unless left out,
    so a new one is logged without anyone remembering to); the helpers the apps call for
    bulk writes and reads are in `peerwork.core.audit`, below every app. This app sits at
    the top of the layers because its page names the records of every app.
    """

    name = "peerwork.audit"
    verbose_name = _("Audit log")

    def ready(self):
        from auditlog import get_logentry_model
        from django.db.models.signals import pre_save

        from peerwork.core import audit

        pre_save.connect(
            audit.note_what_runs, sender=get_logentry_model(), dispatch_uid="audit.running"
        )
