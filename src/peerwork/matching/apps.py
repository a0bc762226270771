from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "peerwork.matching"
    verbose_name = _("Team assembly")

    def ready(self) -> None:
        from peerwork.core.workers import housekeeping

        housekeeping.connect(_take_up_batch_runs, dispatch_uid="matching-batch-runs")


def _take_up_batch_runs(sender, stale, **kwargs) -> None:
    from peerwork.matching.services import batch_take_up

    batch_take_up(stale)
