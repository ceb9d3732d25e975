"""The suite's own promise: tests in one ``xdist_group`` run on one worker.

tests/conftest.py groups the tests of a module-scoped fixture (and of one figure) so the
fixture is built once. The site tests depend on it for correctness, not just speed: two
workers building the Sphinx site in the same docs/ tree at once read each other's
half-written images (CI failed that way with pytest 9.2 and pytest-xdist 3.8, whose
``--dist loadgroup`` silently stopped grouping, pytest-xdist#1386; pyproject.toml pins
pytest < 9.2). Here a throw-away project with four grouped and four ungrouped tests runs
under the installed pytest and pytest-xdist on two workers: every grouped test must report
the same worker.
"""

import os
import subprocess
import sys

GROUPED = """
import os
import pytest

@pytest.mark.xdist_group("together")
@pytest.mark.parametrize("k", range(4))
def test_grouped(k):
    with open(os.environ["WORKERS_FILE"], "a") as f:
        f.write(os.environ["PYTEST_XDIST_WORKER"] + "\\n")

@pytest.mark.parametrize("k", range(4))
def test_free(k):
    pass
"""


def test_grouped_tests_share_one_worker(tmp_path):
    (tmp_path / "test_grouped.py").write_text(GROUPED, encoding="utf-8")
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")  # not our config
    workers_file = tmp_path / "workers.txt"
    args = ["-n", "2", "--dist", "loadgroup", "-p", "no:cacheprovider", "test_grouped.py"]
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", *args, f"--basetemp={tmp_path / 'base'}"],
        cwd=tmp_path,
        env={**os.environ, "WORKERS_FILE": str(workers_file)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "8 passed" in proc.stdout, proc.stdout
    workers = workers_file.read_text().split()
    assert len(workers) == 4, workers
    assert len(set(workers)) == 1, f"the grouped tests ran on {sorted(set(workers))}"
