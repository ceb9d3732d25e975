"""C++ standalone build folders: one per environment, one process at a time.

Two test sessions on one machine (CI beside nox's Python 3.12 and 3.13 runs) built the
Brette (2007) networks in the same ``~/.cache/bioneuro/standalone/<kind>_<n>`` folder at
once and failed with "Project compilation failed": each overwrote the other's sources
and objects, and the two Brian2 versions generated different programs into one folder.
"""

import subprocess
import sys

import brian2 as b2

from bioneuro.bio.backends import brian

TRY_LOCK = """
import sys
from brian2.utils.filelock import FileLock, Timeout
try:
    FileLock(sys.argv[1], timeout=0.5).acquire()
except Timeout:
    sys.exit(3)
"""


def _other_process_gets_the_lock(folder):
    lock = folder / "bioneuro_device.lock"
    code = subprocess.run([sys.executable, "-c", TRY_LOCK, str(lock)], timeout=60).returncode
    assert code in (0, 3), f"the lock probe failed (exit code {code})"
    return code == 0


def test_each_brian2_version_builds_in_its_own_folder(monkeypatch):
    folder = brian.standalone_directory("cuba_4000")
    assert folder.name.startswith("cuba_4000-")
    assert brian.standalone_directory("cuba_4000") == folder  # stable: a warm folder
    monkeypatch.setattr(b2, "__version__", "0.0.0")
    assert brian.standalone_directory("cuba_4000") != folder


def test_one_process_at_a_time_builds_in_a_folder(tmp_path):
    with brian.standalone(tmp_path):
        assert not _other_process_gets_the_lock(tmp_path)
    assert _other_process_gets_the_lock(tmp_path)
    assert type(b2.get_device()).__name__ == "RuntimeDevice"  # the device restored
