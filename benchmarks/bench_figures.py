"""How long `bioneuro figures` takes: cold (empty Brian2 cache), warm, and --quick warm.

Run from the repository: ``python benchmarks/bench_figures.py [--repeats 3] [--no-cold]``.

Every run is a fresh process running ``bioneuro.cli.main(["figures", ...])`` into a
temporary folder (the repository's figures/ are not touched), so it includes importing
Brian2 and everything a user's ``bioneuro figures`` does. The per-figure times are the
ones the command prints.

* **cold**: the process points Brian2's Cython cache at an empty temporary folder before
  anything is compiled (``brian2.prefs.codegen.runtime.cython.cache_dir``, and the
  ``CYTHON_CACHE_DIR`` environment variable Cython's own cache honours), as on a fresh
  install; the user's cache (``~/.cython/brian_extensions``) is neither read nor written.
* **warm**: the user's cache, as after a first run (median of ``--repeats`` runs; the
  first may still compile figures changed since the last run, the median ignores it).
* **--quick warm**: ``bioneuro figures --quick`` with the user's cache.

Goals (issue 7): warm < 60 s, cold < 3 min, --quick warm < 20 s on a 2-core machine.
Printed, never asserted.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOALS = {"cold": 180.0, "warm": 60.0, "quick warm": 20.0}

DRIVER = """
import sys
cache = sys.argv[1]
if cache:
    import brian2
    brian2.prefs.codegen.runtime.cython.cache_dir = cache
from bioneuro import cli
sys.exit(cli.main(["figures", "--out", sys.argv[2], *sys.argv[3:]]))
"""


def run_figures(*, quick=False, cold=False):
    """One fresh process drawing every figure; returns (wall s, {figure: s}, failures)."""
    with tempfile.TemporaryDirectory(prefix="bioneuro_bench_") as tmp:
        env = dict(os.environ, MPLBACKEND="Agg")
        cache = ""
        if cold:
            cache = str(Path(tmp) / "brian_extensions")
            env["CYTHON_CACHE_DIR"] = str(Path(tmp) / "cython")
        args = [sys.executable, "-c", DRIVER, cache, str(Path(tmp) / "figures")]
        if quick:
            args.append("--quick")
        t0 = time.perf_counter()
        proc = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, env=env)
        wall = time.perf_counter() - t0
    times = {
        m.group(1): float(m.group(2)) for m in re.finditer(r"\]\s+(\S+)\s+([\d.]+) s", proc.stdout)
    }
    failed = re.findall(r"\]\s+(\S+)\s+FAILED: (.*)", proc.stdout)
    if proc.returncode and not failed:
        failed = [("(process)", proc.stderr.strip().splitlines()[-1:] or "?")]
    return wall, times, failed


def slowest(times, k=5):
    return sorted(times.items(), key=lambda kv: -kv[1])[:k]


def _top(times):
    return ", ".join(f"{n} {t:.1f} s" for n, t in slowest(times))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="warm repeats (median)")
    parser.add_argument("--no-cold", action="store_true", help="skip the cold run")
    args = parser.parse_args(argv)
    print(
        f"bioneuro figures benchmark: python {sys.version.split()[0]}, "
        f"{os.cpu_count()} cores, repeats {args.repeats}",
        flush=True,
    )
    rows = {}
    per_figure = {}
    if not args.no_cold:
        wall, times, failed = run_figures(cold=True)
        rows["cold"] = ([wall], failed)
        per_figure["cold"] = times
        print(
            f"cold:        {wall:7.1f} s  ({len(times)} figures, {len(failed)} failed); "
            f"slowest: {_top(times)}",
            flush=True,
        )
    for label, quick in (("warm", False), ("quick warm", True)):
        walls, all_times, fails = [], [], []
        for r in range(args.repeats):
            wall, times, failed = run_figures(quick=quick)
            walls.append(wall)
            all_times.append(times)
            fails += failed
            print(
                f"{label:<12} run {r + 1}: {wall:7.1f} s ({len(times)} figures); "
                f"slowest: {_top(times)}",
                flush=True,
            )
        rows[label] = (walls, fails)
        names = set().union(*all_times)
        per_figure[label] = {
            n: statistics.median(t[n] for t in all_times if n in t) for n in names
        }

    print("\n| run | wall time (median) | runs | goal | ratio to goal | failed |")
    print("|---|---|---|---|---|---|")
    for label, (walls, failed) in rows.items():
        med = statistics.median(walls)
        print(
            f"| {label} | {med:.1f} s | {', '.join(f'{w:.1f}' for w in walls)} | "
            f"< {GOALS[label]:.0f} s | {med / GOALS[label]:.2f} | {len(failed)} |"
        )
    for label, times in per_figure.items():
        top = ", ".join(f"{n} {t:.1f} s" for n, t in slowest(times))
        share = sum(t for _, t in slowest(times)) / max(sum(times.values()), 1e-9)
        print(f"\nslowest five, {label}: {top}  ({100 * share:.0f}% of the figure time)")
    for label, (_, failed) in rows.items():
        for name, why in failed:
            print(f"FAILED ({label}): {name}: {why}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
