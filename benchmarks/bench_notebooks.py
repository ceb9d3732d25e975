"""Notebook sliders: what a warm update costs, against the notebook's first run.

Each notebook in notebooks/ runs top to bottom in a headless Jupyter kernel (what Run
All does), then every slider is moved once, as tests/test_notebooks.py does (its ``_run``
and probe, imported from the tests folder: one way of driving a notebook). For each
notebook: the first run's wall time, then per slider the update's wall time, the model's
part of it and the kernel's processor time, and the median update against the first
run as a ratio. The notebooks' promise is an update well under half a second; that is
measured here, never asserted (a shared core inflates processor time as well as wall
time: on this 2-vCPU machine ~1.8x when the other vCPU is busy). Quote the load average.

    pip install -e ".[test,notebooks]"   # the driver is the tests' (pytest)
    python benchmarks/bench_notebooks.py [--repeats 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="kernels per notebook")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "tests"))
    import test_notebooks as driver  # the tests' notebook driver

    print(f"load average {os.getloadavg()[0]:.2f} (1 min), {args.repeats} kernels per notebook")
    print(f"{'notebook':24s} {'run all':>8s} {'update (median)':>16s} {'CPU':>7s} {'ratio':>7s}")
    for path in driver.NOTEBOOKS:
        runs, walls, cpus = [], [], []
        for _ in range(args.repeats):
            seconds, probe, _ = driver._run(path)
            runs.append(seconds)
            for wall, compiled, _, cpu in probe["moves"].values():
                if compiled:
                    print(f"  {path.stem}: a slider compiled or loaded code ({compiled})")
                walls.append(wall)
                cpus.append(cpu)
        run_all, wall, cpu = (statistics.median(v) for v in (runs, walls, cpus))
        print(
            f"{path.stem:24s} {run_all:7.2f}s {wall:15.3f}s {cpu:6.3f}s {wall / run_all:7.3f}"
            f"   (updates {min(walls):.3f}-{max(walls):.3f} s)"
        )
    print(f"load average {os.getloadavg()[0]:.2f} (1 min)")


if __name__ == "__main__":
    main()
