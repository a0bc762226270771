"""What the engagement page shows from apps above engagements (see peerwork.core.extensions)."""

from peerwork.core.extensions import ExtensionPoint

deadlines = ExtensionPoint(
    "engagements.deadlines",
    """deadlines(engagement) -> [Deadline]: every deadline the offer's rules give the
    engagement (its report, action plan and progress review). Filled by reports.""",
)

report_links = ExtensionPoint(
    "engagements.report_links",
    """report_links(user, engagement) -> [{"label", "url", "status"}]: the report pages
    this person can open from the engagement page. Filled by reports.""",
)
