from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _send_surveys_when_due(sender, engagement, **kwargs):
    from peerwork.impact.surveys.services import surveys_send_when_due

    surveys_send_when_due(engagement)


class ImpactConfig(AppConfig):
    name = "peerwork.impact"
    verbose_name = _("Impact")

    def ready(self):
        from peerwork.engagements.signals import engagement_moved

        # The move that ends an engagement (a remote panel's feedback) sends its surveys.
        engagement_moved.connect(_send_surveys_when_due, dispatch_uid="impact.surveys")
        # The annual report's kept figures are computed again after a change behind them.
        from peerwork.impact.annual import kept

        kept.watch()
