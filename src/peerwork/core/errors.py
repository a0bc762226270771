"""Errors a service raises for a page to explain, shared by every app."""


class EditConflict(Exception):
    """Someone else changed this record after this page was opened.

    The page says so in its own words and shows the person's input again, so nothing of
    theirs is lost and nothing of the other person's is overwritten.
    """
