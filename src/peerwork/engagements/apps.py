from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementsConfig(AppConfig):
    name = "peerwork.engagements"
    verbose_name = _("Engagements")

    def ready(self):
        from peerwork.councils import extensions as councils
        from peerwork.engagements.selectors import council_support_history

        councils.support_history.fill(council_support_history)
