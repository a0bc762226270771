"""Wait until the database in DATABASE_URL answers (exit 1 if it never does)."""

import os
import sys
import time

import psycopg


def main() -> int:
    url = os.environ["DATABASE_URL"]
    attempts = 1 if "--quick" in sys.argv else 30
    for _ in range(attempts):
        try:
            with psycopg.connect(url, connect_timeout=3):
                return 0
        except psycopg.OperationalError:
            time.sleep(1)
    return 1


if __name__ == "__main__":
    sys.exit(main())
