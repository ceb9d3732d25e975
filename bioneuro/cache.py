"""Where bioneuro keeps what it computed once: ``$XDG_CACHE_HOME/bioneuro``.

Brian2's integration code (bio.backends.brian.Integrator), the C++ standalone build
folders, the sweep results (bio.sweep) and the figure times of the last run
(figures.scripts) all live under this one folder, ``~/.cache/bioneuro`` when
``XDG_CACHE_HOME`` is unset or empty (as the XDG specification says).
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_folder(*parts) -> Path:
    """``$XDG_CACHE_HOME/bioneuro/<parts...>`` (not created)."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base.joinpath("bioneuro", *parts)
