import subprocess
import sys

from eval.common import REPO


def test_tree_is_ruff_clean():
    """ruff comes with the dev extra; run through this interpreter so a missing PATH never skips it."""
    result = subprocess.run([sys.executable, "-m", "ruff", "check", str(REPO)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
