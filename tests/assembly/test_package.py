"""The solver is plain Python: importing it loads no Django."""

import subprocess
import sys


def test_importing_the_solver_does_not_import_django():
    code = "import peerwork.assembly, sys; assert 'django' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
