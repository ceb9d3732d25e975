"""Where bioneuro keeps what it computed once: ``$XDG_CACHE_HOME/bioneuro``.

Brian2's integration code (bio.backends.brian.Integrator), the C++ standalone build
folders, the sweep results (bio.sweep), the built figures (figures.figure_cache) and the
figure times of the last run (figures.scripts) all live under this one folder,
``~/.cache/bioneuro`` when ``XDG_CACHE_HOME`` is unset or empty (as the XDG
specification says). The switches that turn these caches on and off are boolean
environment variables (:func:`env_flag`), and every file goes in whole
(:func:`write_atomic`).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def cache_folder(*parts) -> Path:
    """``$XDG_CACHE_HOME/bioneuro/<parts...>`` (not created)."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base.joinpath("bioneuro", *parts)


def env_flag(variable, default):
    """The boolean environment variable ``variable`` ("0" or "1"); ``default`` if unset
    or empty. Any other value raises ValueError naming the variable and the value."""
    value = os.environ.get(variable, "")
    if value not in ("", "0", "1"):
        raise ValueError(f"${variable} must be 0 or 1; got {value!r}")
    return default if value == "" else value == "1"


def write_atomic(path, data: bytes):
    """Write ``data`` to ``path`` through a temporary file in the same folder (made if
    missing), renamed over it: a reader sees the old file or the new one, never half of
    one, and a failed write leaves no temporary file behind."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
