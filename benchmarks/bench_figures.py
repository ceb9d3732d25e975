"""How long `bioneuro figures` takes: serial vs parallel, cold vs warm, quick, before vs after.

Run from the repository::

    python benchmarks/bench_figures.py [--jobs N] [--repeats 3] [--no-cold] [--unbundled]
                                       [--before REV]
    python benchmarks/bench_figures.py --profile cable_attenuation   # one warm figure's split
    python benchmarks/bench_figures.py --phases [--quick]   # every figure: build / draw

Every run is a fresh process running ``bioneuro.cli.main(["figures", ...])`` into a
temporary folder (the repository's figures/ are not touched), so it includes importing
Brian2 and everything a user's ``bioneuro figures`` does. Per-figure times (wall and
CPU) are the ones the command prints.

* **cold**: ``-j N`` with every cache empty, as on a fresh install: Brian2's Cython cache
  (``prefs.codegen.runtime.cython.cache_dir``) and Cython's own (``CYTHON_CACHE_DIR``)
  point at an empty temporary folder, and so does ``XDG_CACHE_HOME`` (bioneuro's C++
  programs, the figure-time history). The user's caches are neither read nor written.
  The time spent compiling (Cython + C++ of each new module, summed over the worker
  processes) is measured inside the run: the first-run split compile / the rest. The
  sweep results bundled with bioneuro (the Brunel figures' points, for Brian2 2.9.0:
  Python 3.11) are read, as on a fresh clone; ``--unbundled`` adds a second cold run
  with ``--no-bundled``, which simulates them too.
* **warm**: the user's caches, after one untimed warm-up run per mode, so every figure
  is drawn from the figure cache (``bioneuro.figures.figure_cache``); median of
  ``--repeats`` runs, ``-j N``.
* **warm, built again**: the same with ``--rebuild``: every figure built (simulated)
  again, as when its code changed; ``-j N`` (parallel) and ``-j 1`` (serial, one
  process), median of ``--repeats`` runs each.
* **quick warm** and **quick warm, built again**: the same with ``--quick``.
* **before** (``--before REV``): the repository at commit REV (``git archive``), warm,
  serial (``-j 1`` where REV has ``-j``), for the per-figure before/after table.
  Figures whose script changed since REV are marked: their times compare different
  figures.

Printed: every run with the load average, the goals table (warm < 25 s, cold < 2 min,
quick warm < 10 s on 2 cores) with ratios, serial/parallel and cold/warm ratios, the
cold compile split and the per-figure before/after table. Asserts nothing.

``--phases`` draws every figure, warm, in one fresh process as a serial ``bioneuro
figures`` does, and splits each figure's CPU time into building it (the script:
simulating, analysing, creating the artists), laying it out (``tight_box``: the layout
and the tight bounding box, no draw) and writing each file (one draw each): where
drawing stops and simulation starts, for every figure at once.
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
GOALS = {"cold": 120.0, "cold, nothing bundled": 120.0, "warm": 25.0, "quick warm": 10.0}
GOALS |= {"warm, built again": 25.0, "quick warm, built again": 10.0}

DRIVER = """
import os, sys, time
cache = sys.argv[1]
import brian2
if cache:
    brian2.prefs.codegen.runtime.cython.cache_dir = cache
log = os.environ.get("BIONEURO_BENCH_COMPILE_LOG")
if log:  # time every module compiled (not loaded from the cache), in every worker
    from brian2.codegen.runtime.cython_rt import extension_manager as em
    from brian2.devices.cpp_standalone import device as sd

    def timed(original, compiling):
        def wrapper(*args, **kwargs):
            new = compiling(*args)
            t0 = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                if new:
                    with open(log, "a") as f:
                        f.write(f"{time.perf_counter() - t0}\\n")
        return wrapper

    em.CythonExtensionManager._load_module = timed(
        em.CythonExtensionManager._load_module, lambda self, path, *a: not os.path.isfile(path)
    )
    sd.CPPStandaloneDevice.compile_source = timed(
        sd.CPPStandaloneDevice.compile_source, lambda *a: True
    )
from bioneuro import cli
sys.exit(cli.main(["figures", "--out", sys.argv[2], *sys.argv[3:]]))
"""

LINE = re.compile(r"\]\s+(\S+)\s+([\d.]+) s(?:\s+\(CPU\s+([\d.]+) s)?")


def load():
    try:
        return "load {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())
    except OSError:
        return "load ?"


def run_figures(args, *, cold=False, tree=ROOT, label=""):
    """One fresh process drawing every figure.

    Returns (wall s, {figure: s}, {figure: CPU s}, failures, compile s or None).
    """
    with tempfile.TemporaryDirectory(prefix="bioneuro_bench_") as tmp:
        env = dict(os.environ, MPLBACKEND="Agg")
        env.pop("BIONEURO_JOBS", None)
        cache, compile_log = "", Path(tmp) / "compile.log"
        if cold:
            cache = str(Path(tmp) / "brian_extensions")
            env["CYTHON_CACHE_DIR"] = str(Path(tmp) / "cython")
            env["XDG_CACHE_HOME"] = str(Path(tmp) / "xdg")
            env["BIONEURO_BENCH_COMPILE_LOG"] = str(compile_log)
        if tree != ROOT:
            env["PYTHONPATH"] = os.pathsep.join([str(tree), env.get("PYTHONPATH", "")])
        cmd = [sys.executable, "-c", DRIVER, cache, str(Path(tmp) / "figures"), *args]
        before = load()
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=tree, env=env)
        wall = time.perf_counter() - t0
        compiled = None
        if compile_log.exists():
            compiled = sum(float(x) for x in compile_log.read_text().split())
        elif cold:
            compiled = 0.0
    times, cpus = {}, {}
    for m in LINE.finditer(proc.stdout):
        times[m.group(1)] = float(m.group(2))
        if m.group(3):
            cpus[m.group(1)] = float(m.group(3))
    failed = re.findall(r"\]\s+(\S+)\s+FAILED: (.*)", proc.stdout)
    if proc.returncode and not failed:
        failed = [("(process)", (proc.stderr.strip().splitlines() or ["?"])[-1])]
    top = ", ".join(f"{n} {t:.1f}" for n, t in slowest(times, 3))
    cpu = f", figures' CPU {sum(cpus.values()):.0f} s" if cpus else ""
    extra = f", compiling {compiled:.0f} s" if compiled is not None else ""
    print(
        f"  {label:<24} {wall:7.1f} s  ({len(times)} figures, {len(failed)} failed{cpu}"
        f"{extra}; {before} -> {load()}; slowest {top})",
        flush=True,
    )
    return wall, times, cpus, failed, compiled


def slowest(times, k=5):
    return sorted(times.items(), key=lambda kv: -kv[1])[:k]


def repeated(args, n, label, **kw):
    runs = [run_figures(args, label=f"{label} {r + 1}/{n}", **kw) for r in range(n)]
    walls = [r[0] for r in runs]
    names = set().union(*(r[1] for r in runs))
    per = {k: statistics.median(r[1][k] for r in runs if k in r[1]) for k in names}
    failed = [f for r in runs for f in r[3]]
    return statistics.median(walls), walls, per, failed


def archive(rev, dest):
    """The repository at ``rev`` (its files only) in ``dest``."""
    data = subprocess.run(["git", "archive", rev], cwd=ROOT, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(dest)], input=data.stdout, check=True)


def changed_scripts(rev):
    out = subprocess.run(
        ["git", "diff", "--name-only", rev, "--", "simulations"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.split()
    return {Path(p).stem.removeprefix("plot_") for p in out}


def profile(name, quick=False):
    """Where one warm figure's time goes (wall and CPU seconds): drawn once in a fresh
    process after the imports, as a ``bioneuro figures`` worker draws it, after one
    untimed run in another process (so nothing is compiled)."""
    return _second_run(PROFILE.format(name=name, quick=quick))


def _second_run(code):
    """Run ``code`` in a fresh Python process twice (the first compiles what is missing,
    untimed) and print what the second printed; return its exit code."""
    for _ in range(2):
        proc = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, text=True, capture_output=True
        )
    print(proc.stdout, end="")
    if proc.returncode:
        print(proc.stderr[-2000:], file=sys.stderr)
    return proc.returncode


PROFILE = """
import collections, functools, gc, os, time
T0 = time.perf_counter()
import brian2 as b2, matplotlib
import brian2.core.network as bn
from bioneuro import bio, compare
from bioneuro.figures import scripts
IMPORTS = time.perf_counter() - T0
acc = {{"wall": collections.Counter(), "cpu": collections.Counter()}}
stack = []
def timed(cat, f):
    @functools.wraps(f)
    def w(*a, **k):
        t, c = time.perf_counter(), time.process_time()
        stack.append(cat)
        try:
            return f(*a, **k)
        finally:
            dt, dc = time.perf_counter() - t, time.process_time() - c
            stack.pop()
            acc["wall"][cat] += dt; acc["cpu"][cat] += dc
            if stack:
                acc["wall"][stack[-1]] -= dt; acc["cpu"][stack[-1]] -= dc
    return w
class GC:
    collect = staticmethod(timed("gc.collect in Network.run", gc.collect))
    def __getattr__(self, k):
        return getattr(gc, k)
bn.gc = GC()
bn.Network.run = timed("simulation loop (Network.run)", bn.Network.run)
bn.Network.before_run = timed("code generation, cache look-up", bn.Network.before_run)
from brian2.codegen.runtime.cython_rt import extension_manager as em
em.CythonExtensionManager._load_module = timed(
    "Cython compile or module load", em.CythonExtensionManager._load_module)
for cls in (b2.NeuronGroup, b2.SpatialNeuron, b2.Synapses, b2.StateMonitor, b2.SpikeMonitor,
            b2.PoissonGroup, b2.SpikeGeneratorGroup):
    cls.__init__ = timed("building Brian2 objects (equations, units)", cls.__init__)
b2.Synapses.connect = timed("building Brian2 objects (equations, units)", b2.Synapses.connect)
from scipy.integrate import solve_ivp
import bioneuro.bio.backends.ode as ode
ode.solve_ivp = timed("scipy backend (solve_ivp)", solve_ivp)
import matplotlib.figure as mf
mf.Figure.savefig = timed("writing files (savefig)", mf.Figure.savefig)
scripts.write_png = timed("writing files (savefig)", scripts.write_png)  # render looks it up
path = [s for s in scripts.figure_scripts() if s.name == "{name}"][0].path
gc.collect()
gc.freeze()  # as in a bioneuro figures worker
t, c = time.perf_counter(), time.process_time()
scripts.render(scripts.load_make_figure(path), "{name}", "/tmp/bioneuro_profile", quick={quick})
total, cpu = time.perf_counter() - t, time.process_time() - c
print(f"{name} (quick={quick}), warm, drawn in a fresh process: wall {{total:.2f}} s, "
      f"CPU {{cpu:.2f}} s; imports before it {{IMPORTS:.1f}} s; load "
      + "{{:.1f}} {{:.1f}} {{:.1f}}".format(*os.getloadavg()))
print(f"| part | wall s | share | CPU s |")
print("|---|---|---|---|")
for k, v in acc["wall"].most_common():
    print(f"| {{k}} | {{v:.2f}} | {{100 * v / total:.0f}} % | {{acc['cpu'][k]:.2f}} |")
rest, rest_cpu = total - sum(acc["wall"].values()), cpu - sum(acc["cpu"].values())
print(f"| the script itself (numpy, matplotlib drawing, analysis) | {{rest:.2f}} | "
      f"{{100 * rest / total:.0f}} % | {{rest_cpu:.2f}} |")
"""


def phases(quick=False):
    """Every figure's CPU split build / layout / PNG / SVG, warm, in one process (the
    second of two runs, so nothing is compiled)."""
    return _second_run(PHASES.format(quick=quick))


PHASES = """
import collections, os, tempfile, time
import matplotlib.figure as mf
from bioneuro.figures import scripts
scripts._preload()
from bioneuro.bio.backends.brian import frozen_heap
cpu = collections.Counter()
def timed(part, f):
    def w(*a, **k):
        c = time.process_time()
        try:
            return f(*a, **k)
        finally:
            cpu[part(k)] += time.process_time() - c
    return w
scripts.tight_box = timed(lambda k: "layout", scripts.tight_box)  # render looks them up
scripts.write_png = timed(lambda k: "png", scripts.write_png)
mf.Figure.savefig = timed(lambda k: k.get("format", "?"), mf.Figure.savefig)  # svg
print(f"every figure (quick={quick}), warm, one process; load "
      + "{{:.1f}} {{:.1f}} {{:.1f}}".format(*os.getloadavg()))
print("| figure | build s | layout s | png s | svg s | CPU s |")
print("|---|---|---|---|---|---|")
sums = collections.Counter()
with tempfile.TemporaryDirectory() as out, frozen_heap(collect=True):
    for s in scripts.figure_scripts():
        cpu.clear()
        c = time.process_time()
        scripts.render(scripts.load_make_figure(s.path), s.name, out, quick={quick})
        row = {{"CPU": time.process_time() - c, "layout": cpu["layout"], "png": cpu["png"],
               "svg": cpu["svg"]}}
        row["build"] = row["CPU"] - cpu["layout"] - cpu["png"] - cpu["svg"]
        sums.update(row)
        print(f"| {{s.name}} | " + " | ".join(
            f"{{row[k]:.2f}}" for k in ("build", "layout", "png", "svg", "CPU")) + " |")
print("| **all** | " + " | ".join(
    f"{{sums[k]:.1f}}" for k in ("build", "layout", "png", "svg", "CPU")) + " |")
"""


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count(), help="-j of the parallel runs")
    parser.add_argument("--repeats", type=int, default=3, help="warm repeats (median)")
    parser.add_argument("--no-cold", action="store_true", help="skip the cold run")
    parser.add_argument("--no-serial", action="store_true", help="skip the -j 1 runs")
    parser.add_argument(
        "--unbundled",
        action="store_true",
        help="also a cold run that ignores the bundled sweep results (--no-bundled)",
    )
    parser.add_argument("--before", metavar="REV", help="also time the repository at REV")
    parser.add_argument("--profile", metavar="NAME", help="only: one warm figure's split")
    parser.add_argument(
        "--phases", action="store_true", help="only: every figure's build / draw split"
    )
    parser.add_argument(
        "--quick", action="store_true", help="with --profile or --phases: quick mode"
    )
    parser.add_argument("--figures", nargs="*", default=[], help="only these (a smoke test)")
    args = parser.parse_args(argv)
    if args.profile:
        return profile(args.profile, args.quick)
    if args.phases:
        return phases(args.quick)
    jobs = ["-j", str(args.jobs), *args.figures]
    print(
        f"bioneuro figures benchmark: python {sys.version.split()[0]}, {os.cpu_count()} "
        f"cores, -j {args.jobs}, repeats {args.repeats}; {load()}",
        flush=True,
    )
    t_start = time.perf_counter()
    rows, per = {}, {}
    cold = None
    if not args.no_cold:
        cold = run_figures(jobs, cold=True, label="cold -j N")
        rows["cold"] = ([cold[0]], cold[3])
        per["cold"] = cold[1]
    if args.unbundled:
        label = "cold, nothing bundled"
        unbundled = run_figures([*jobs, "--no-bundled"], cold=True, label=label)
        rows[label] = ([unbundled[0]], unbundled[3])
        per[label] = unbundled[1]
    for label, extra in (("warm", []), ("quick warm", ["--quick"])):
        run_figures(jobs + extra, label=f"{label}-up (untimed)")
        med, walls, times, failed = repeated(jobs + extra, args.repeats, label)
        rows[label], per[label] = (walls, failed), times
        label, extra = f"{label}, built again", [*extra, "--rebuild"]
        med, walls, times, failed = repeated(jobs + extra, args.repeats, label)
        rows[label], per[label] = (walls, failed), times
        if not args.no_serial:
            serial = ["-j", "1", *args.figures, *extra]
            med, walls, times, failed = repeated(serial, args.repeats, label + " -j 1")
            rows[label + " serial"], per[label + " serial"] = (walls, failed), times
    before = None
    if args.before:
        with tempfile.TemporaryDirectory(prefix="bioneuro_before_") as tree:
            archive(args.before, tree)
            # serial: a revision with -j draws in parallel by default, and per-figure times
            # under two workers' contention are not comparable with serial ones
            has_jobs = "--jobs" in (Path(tree) / "bioneuro" / "cli.py").read_text()
            serial = ["-j", "1", *args.figures] if has_jobs else list(args.figures)
            run_figures(serial, tree=Path(tree), label="before warm-up")
            med, walls, times, failed = repeated(serial, args.repeats, "before", tree=Path(tree))
            rows["before (serial)"], per["before"] = (walls, failed), times
            before = times

    print(f"\n{load()}; the benchmark took {time.perf_counter() - t_start:.0f} s")
    print("\n| run | wall time (median) | runs | goal | ratio to goal | failed |")
    print("|---|---|---|---|---|---|")
    for label, (walls, failed) in rows.items():
        med = statistics.median(walls)
        goal = GOALS.get(label)
        goal_text = f"< {goal:.0f} s | {med / goal:.2f}" if goal else "| "
        print(
            f"| {label} | {med:.1f} s | {', '.join(f'{w:.1f}' for w in walls)} | "
            f"{goal_text} | {len(failed)} |"
        )
    med = {k: statistics.median(v[0]) for k, v in rows.items()}
    print()
    for mode in ("warm", "quick warm"):
        built = f"{mode}, built again"
        print(
            f"built again / from the figure cache ({mode}): {med[built]:.1f} s / "
            f"{med[mode]:.1f} s = {med[built] / med[mode]:.2f}"
        )
        if built + " serial" in med:
            print(
                f"serial / parallel ({built}): {med[built + ' serial']:.1f} s / "
                f"{med[built]:.1f} s = {med[built + ' serial'] / med[built]:.2f}"
            )
    if cold and args.unbundled:
        print(
            f"cold, nothing bundled / bundled: {unbundled[0]:.1f} s / {cold[0]:.1f} s = "
            f"{unbundled[0] / cold[0]:.2f}"
        )
    if cold:
        built = med["warm, built again"]
        print(
            f"cold / warm, built again (-j {args.jobs}): {med['cold']:.1f} s / {built:.1f} s "
            f"= {med['cold'] / built:.2f}; cold / warm from the figure cache: "
            f"{med['cold'] / med['warm']:.2f}"
        )
        figures = sum(cold[1].values())
        print(
            f"first run: {cold[0]:.1f} s wall; summed over the figures {figures:.0f} s, of "
            f"which compiling new modules {cold[4]:.0f} s "
            f"({100 * cold[4] / max(figures, 1e-9):.0f} %) and simulating, drawing, "
            f"loading {figures - cold[4]:.0f} s"
        )
    after_serial = "warm, built again serial"
    if "before (serial)" in med and after_serial in med:
        print(
            f"before / after, serial warm, built: {med['before (serial)']:.1f} s / "
            f"{med[after_serial]:.1f} s = {med['before (serial)'] / med[after_serial]:.2f}; "
            f"before serial / after parallel: "
            f"{med['before (serial)'] / med['warm, built again']:.2f}"
        )
    if before:
        after = per.get(after_serial, per["warm, built again"])
        changed = changed_scripts(args.before)
        print(f"\nper figure, warm, serial: before ({args.before}) vs after (median of runs)")
        print("| figure | before | after | before / after |")
        print("|---|---|---|---|")
        for name, t in slowest(before, len(before)):
            mark = " (script changed)" if name in changed else ""
            a = after.get(name)
            ratio = f"{t / a:.2f}" if a else "-"
            a_text = f"{a:.1f} s" if a else "-"
            print(f"| {name}{mark} | {t:.1f} s | {a_text} | {ratio} |")
    for label, times in per.items():
        top = ", ".join(f"{n} {t:.1f} s" for n, t in slowest(times))
        print(f"slowest five, {label}: {top}")
    for label, (_, failed) in rows.items():
        for name, why in failed:
            print(f"FAILED ({label}): {name}: {why}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
