"""peerwork: sector-led improvement for associations of councils."""
