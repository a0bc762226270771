"""The association's own survey questions, asked unless an offer has its own.

Loaded once by a data migration; after that they are records staff may change.
"""

DEFAULT_QUESTIONS = [
    # (audience, kind, key, text)
    (
        "council",
        "yes_no",
        "positive_impact",
        "Has the support had a positive impact on your authority?",
    ),
    ("council", "scale5", "satisfaction", "How satisfied are you with the support?"),
    (
        "council",
        "yes_no",
        "more_confident",
        "Are you more confident of delivering your priorities?",
    ),
    ("council", "yes_no", "would_recommend", "Would you recommend it to other councils?"),
    ("council", "text", "comments", "Anything else you would like to tell us?"),
    (
        "peer",
        "yes_no",
        "own_development",
        "Has taking part had a positive impact on your own learning and development?",
    ),
    ("peer", "scale5", "satisfaction", "How satisfied are you with taking part?"),
    ("peer", "text", "comments", "Anything else you would like to tell us?"),
]


def install_defaults(Question) -> None:
    """Create any default question that does not exist yet; never change an existing one."""
    for order, (audience, kind, key, text) in enumerate(DEFAULT_QUESTIONS):
        Question.objects.get_or_create(
            offer=None,
            audience=audience,
            key=key,
            defaults={"kind": kind, "text": text, "order": order},
        )
