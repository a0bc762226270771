"""`python -m peerwork …`: the same as the `peerwork` command."""

from peerwork.cli import main

main()
