#!/usr/bin/env bash
# The load benchmark (bench/load.py) in one command:
#   bench/load.sh [--sizes 1,2] [--duration 20] [--warmup 5] [--serve="--threads=8"] ...
# Installs locust (requirements-bench.lock) into var/bench-venv, apart from the app's
# .venv, then runs bench/load.py with the app's Python (PEERWORK_PYTHON, default
# .venv/bin/python). Needs the local PostgreSQL and a built stylesheet (scripts/setup).
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PEERWORK_PYTHON:-.venv/bin/python}"
venv=var/bench-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
if [ ! -f "$venv/.installed" ] || [ requirements-bench.lock -nt "$venv/.installed" ]; then
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements-bench.lock
  touch "$venv/.installed"
fi
exec "$python" bench/load.py "$@"
