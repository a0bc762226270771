"""``peerwork solve INSTANCE.json``: the solver from the command line, without Django.

Prints the result JSON on standard output. A file that cannot be read, is not
JSON, or breaks the instance format gets one line on standard error naming the
field, and exit status 2.

    peerwork solve instance.json --mode propose --time-limit 5 --alternates 3
    python -m peerwork.assembly.cli instance.json
"""

from __future__ import annotations

import argparse
import json
import sys

from peerwork.assembly.instance import InstanceError
from peerwork.assembly.modes import MODES, solve

INVALID = 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="peerwork solve",
        description="Propose peer teams for the engagements of a JSON instance.",
    )
    parser.add_argument("instance", help="the instance file (JSON), or - for standard input")
    parser.add_argument("--mode", choices=MODES, default="batch")
    parser.add_argument(
        "--time-limit", type=float, default=10.0, metavar="SECONDS", help="default 10"
    )
    parser.add_argument(
        "--alternates", type=int, default=0, metavar="N", help="next best N peers per place"
    )
    args = parser.parse_args(argv)
    if args.time_limit <= 0:
        parser.error("--time-limit must be more than 0")
    if args.alternates < 0:
        parser.error("--alternates must be 0 or more")

    try:
        if args.instance == "-":
            data = json.load(sys.stdin)
        else:
            with open(args.instance, encoding="utf-8") as file:
                data = json.load(file)
    except OSError as error:
        return _fail(f"cannot read {args.instance}: {error.strerror}")
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        return _fail(f"{args.instance} is not valid JSON: {error}")

    try:
        result = solve(data, mode=args.mode, time_limit=args.time_limit, alternates=args.alternates)
    except InstanceError as error:
        return _fail(f"{args.instance}: invalid instance: {error}")
    json.dump(result, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


def _fail(message: str) -> int:
    print(f"peerwork solve: error: {message}", file=sys.stderr)
    return INVALID


if __name__ == "__main__":
    sys.exit(main())
