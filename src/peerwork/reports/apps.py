from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "peerwork.reports"
    verbose_name = _("Reports and action plans")

    def ready(self):
        from peerwork.engagements import extensions as engagements
        from peerwork.reports.deadlines.selectors import deadlines_for
        from peerwork.reports.selectors import report_links_for

        engagements.deadlines.fill(deadlines_for)
        engagements.report_links.fill(report_links_for)
