"""The privacy notice's promises kept: a copy of a person's data, erasure by an
administrator, and the retention periods (`peerwork retention`).

It sits in `home`, the top of the layers below the demo, because a person's records
live in every app."""
