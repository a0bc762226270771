"""What the council pages show from apps above councils (see peerwork.core.extensions)."""

from peerwork.core.extensions import ExtensionPoint

support_history = ExtensionPoint(
    "councils.support_history",
    """support_history(council) -> [{"engagement", "first_time"}], oldest first: the
    council page's history of support. Filled by engagements.""",
)
