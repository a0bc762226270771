"""What engagements tells the apps above it (see peerwork.core.extensions)."""

from django.dispatch import Signal

# Sent by engagement_move once the new status and its history row are saved, inside the
# move's transaction, so a receiver's writes commit or roll back with the move and its
# errors refuse the move. Arguments: engagement (the moved row), from_status, to_status, by.
engagement_moved = Signal()
