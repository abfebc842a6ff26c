import shutil
import subprocess

import pytest

from eval.common import REPO


@pytest.mark.skipif(shutil.which("ruff") is None, reason="ruff is installed by the dev extra")
def test_tree_is_ruff_clean():
    result = subprocess.run(["ruff", "check", str(REPO)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
