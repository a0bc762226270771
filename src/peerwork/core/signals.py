"""Signals any app may send or listen to.

`bulk_written` is sent, with the model as sender, after a bulk write (bulk_create,
bulk_update, QuerySet.update) to a model whose changes others follow: Django sends
post_save for none of those rows. Kept figures (`peerwork.impact.annual.kept`)
listen to it.
"""

from django.dispatch import Signal

bulk_written = Signal()
