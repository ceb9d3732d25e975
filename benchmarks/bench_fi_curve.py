"""HH f-I sweep, 200 currents x 1 s: bioneuro, hand-written Brian2, NEURON, at matched accuracy.

Run:  python benchmarks/bench_fi_curve.py [--currents 200] [--repeats 3] [--slow]

Every measurement runs in a fresh Python process, warm (one untimed run first: Brian2's
compiled code cached, bioneuro's C++ sweep program built), and reports the median wall
time of ``--repeats`` runs of the whole sweep: building the model, simulating, reading
the spikes and computing the rates (imports excluded). NEURON needs the ``bench`` extra
(``pip install -e .[bench]``).

**Accuracy.** Every variant returns the 200 rates, (n - 1)/(t_last - t_first) over the
spikes after 200 ms (the same estimator everywhere), and is compared with a tight
reference: Brian2 rk4 at dt = 0.005 ms (bioneuro ``fi_curve``, cpp_standalone). The
reference's own error is bounded by comparing it with rk4 at 0.01 ms (printed), and it
is cross-checked against NEURON's variable-step solver at a tight tolerance (rate
tables off). Each tool runs on a ladder of step sizes (or tolerances); **time to
accuracy** is the time of the cheapest setting whose rates are all within 0.05 Hz (and
0.01 Hz) of the reference.

**Settings.** HH 6.3 °C, E_L = -54.387 mV, threshold 0 mV, currents 0-40 µA/cm². NEURON:
one section per current in one run (``hh`` with ``el_hh`` set). "NEURON defaults" is what
a user gets (dt 0.025 ms, implicit Euler, the ``hh`` rate tables on): the goal's
comparison. The tables interpolate the rates linearly on a 1 mV grid, which moves some
rates by up to ~0.7 Hz at any dt, so the accuracy ladders turn them off
(``usetable_hh = 0``): implicit Euler and Crank-Nicolson (``secondorder = 2``) at fixed
dt, and the local variable time step (``cvode.use_local_dt``: each cell its own step).

Prints the table, the load average before and after, the time-to-accuracy summary and
the ratios the goals table needs; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import textwrap
import time

REFERENCE_DT = 0.005  # ms
TOLERANCES = (0.05, 0.01)  # Hz

# Each variant script prints one JSON line: {"seconds": [...], "rates": [...]}.
COMMON = """
import json, time, warnings
import numpy as np
warnings.filterwarnings("ignore")
N, REPEATS, DT_MS, TOL = {n}, {repeats}, {dt}, {tol}
currents = np.linspace(0, 40, N)  # µA/cm²
def steady(trains_s):
    rates = []
    for s in trains_s:
        s = np.asarray(s)
        s = s[s >= 0.2]
        rates.append((len(s) - 1) / (s[-1] - s[0]) if len(s) > 1 else 0.0)
    return np.array(rates)
def report(run):
    t0 = time.perf_counter(); rates = run(); first = time.perf_counter() - t0  # warm-up
    times = []
    for _ in range(REPEATS if first < 20 else 1):
        t0 = time.perf_counter(); rates = run(); times.append(time.perf_counter() - t0)
    print(json.dumps({{"seconds": times, "first": first, "rates": list(map(float, rates))}}))
"""

BIONEURO = """
from brian2 import Hz, cm, ms, second, uA
from bioneuro import bio
hh = bio.HodgkinHuxley()
def run():
    curve = bio.fi_curve(hh, currents * uA / cm**2, duration=1 * second, dt=DT_MS * ms,
                         method="rk4", device="{device}")
    return np.asarray(curve.y / Hz)
report(run)
"""

HAND_EQS = """
dv/dt = (I - gNa*m**3*h*(v - ENa) - gK*n**4*(v - EK) - gL*(v - EL)) / Cm : volt
dm/dt = alpham*(1 - m) - betam*m : 1
dh/dt = alphah*(1 - h) - betah*h : 1
dn/dt = alphan*(1 - n) - betan*n : 1
alpham = (0.1/mV) * 10*mV / exprel(-(v + 40*mV)/(10*mV)) / ms : Hz
betam = 4 * exp(-(v + 65*mV)/(18*mV)) / ms : Hz
alphah = 0.07 * exp(-(v + 65*mV)/(20*mV)) / ms : Hz
betah = 1 / (1 + exp(-(v + 35*mV)/(10*mV))) / ms : Hz
alphan = (0.01/mV) * 10*mV / exprel(-(v + 55*mV)/(10*mV)) / ms : Hz
betan = 0.125 * exp(-(v + 65*mV)/(80*mV)) / ms : Hz
I : amp/meter**2 (constant)
"""

HAND_BRIAN2 = """
import brian2 as b2
from brian2 import ms, mV, cm, uA, mS, uF, second, Hz
b2.prefs.codegen.target = "cython"
eqs = '''{eqs}'''
ns = dict(gNa=120*mS/cm**2, gK=36*mS/cm**2, gL=0.3*mS/cm**2, ENa=50*mV, EK=-77*mV,
          EL=-54.387*mV, Cm=1*uF/cm**2)
def run():
    g = b2.NeuronGroup(N, eqs, threshold="v > 0*mV", refractory="v > 0*mV",
                       method="rk4", dt=DT_MS*ms, namespace=ns, name="hand_hh")
    g.v, g.m, g.h, g.n = -65*mV, 0.0529551, 0.5959941, 0.3177324
    g.I = currents * uA/cm**2
    mon = b2.SpikeMonitor(g, name="hand_hh_spikes")
    net = b2.Network(g, mon)
    net.run(1*second, namespace={{}})
    trains = mon.spike_trains()
    return steady([trains[i] / second for i in range(N)])
report(run)
"""

HAND_STANDALONE = """
import pathlib
import brian2 as b2
from brian2 import ms, mV, cm, uA, mS, uF, second
folder = pathlib.Path.home() / ".cache" / "bioneuro" / "bench_standalone_hh_{tag}"
b2.set_device("cpp_standalone", build_on_run=False, directory=str(folder))
eqs = '''{eqs}'''
ns = dict(gNa=120*mS/cm**2, gK=36*mS/cm**2, gL=0.3*mS/cm**2, ENa=50*mV, EK=-77*mV,
          EL=-54.387*mV, Cm=1*uF/cm**2)
g = b2.NeuronGroup(N, eqs, threshold="v > 0*mV", refractory="v > 0*mV",
                   method="rk4", dt=DT_MS*ms, namespace=ns, name="hand_hh")
g.v, g.m, g.h, g.n = -65*mV, 0.0529551, 0.5959941, 0.3177324
mon = b2.SpikeMonitor(g, name="hand_hh_spikes")
net = b2.Network(g, mon)
net.run(1*second, namespace={{}})
b2.device.build(run=False, directory=str(folder))
def run():  # the program is built once per process; each run passes new currents
    b2.device.run(run_args={{g.I: currents * uA/cm**2}})
    trains = mon.spike_trains()
    return steady([trains[i] / second for i in range(N)])
report(run)
"""

NEURON = """
from neuron import h
h.load_file("stdrun.hoc")
h.celsius = 6.3
MODE = "{mode}"
def run():
    cells, stims, recs, vecs = [], [], [], []
    for amp in currents:
        s = h.Section()
        s.L = s.diam = 10 / np.pi ** 0.5 * 10  # area 1e4 um2 (densities matter)
        s.insert("hh")
        s.el_hh = -54.387
        st = h.IClamp(s(0.5)); st.delay = 0; st.dur = 1e9
        st.amp = amp * s(0.5).area() * 1e-5  # µA/cm² x µm² = 1e-5 nA
        nc = h.NetCon(s(0.5)._ref_v, None, sec=s); nc.threshold = 0
        vec = h.Vector(); nc.record(vec)
        cells.append(s); stims.append(st); recs.append(nc); vecs.append(vec)
    h.usetable_hh = 1 if MODE == "default" else 0
    cv = h.CVode()
    if MODE in ("lvardt", "exact"):
        cv.active(1); cv.use_local_dt(1); cv.atol(TOL); cv.rtol(0 if MODE == "lvardt" else TOL)
    else:
        cv.active(0); h.secondorder = 2 if MODE == "cn" else 0; h.dt = DT_MS
    h.finitialize(-65); h.continuerun(1000)
    return steady([np.array(v.to_python()) / 1000 for v in vecs])
report(run)
"""

NEURON_LOOP = """
from neuron import h
h.load_file("stdrun.hoc")
h.celsius = 6.3
def run():
    s = h.Section()
    s.L = s.diam = 10 / np.pi ** 0.5 * 10
    s.insert("hh"); s.el_hh = -54.387
    st = h.IClamp(s(0.5)); st.delay = 0; st.dur = 1e9
    nc = h.NetCon(s(0.5)._ref_v, None, sec=s); nc.threshold = 0
    vec = h.Vector(); nc.record(vec)
    h.dt = DT_MS
    trains = []
    for amp in currents:
        st.amp = amp * s(0.5).area() * 1e-5
        h.finitialize(-65); h.continuerun(1000)
        trains.append(np.array(vec.to_python()) / 1000)
    return steady(trains)
report(run)
"""

NUMPY_TARGET = """
import brian2 as b2
from brian2 import Hz, cm, ms, second, uA
from bioneuro import bio
b2.prefs.codegen.runtime.numpy.discard_units = True
hh = bio.HodgkinHuxley()
def run():
    curve = bio.fi_curve(hh, currents * uA / cm**2, duration=1 * second, dt=DT_MS * ms,
                         method="rk4", target="numpy")
    return np.asarray(curve.y / Hz)
report(run)
"""


def ladder(args):
    """(tool, setting, script, dt or tolerance) for every measurement, cheapest first."""
    eqs = HAND_EQS
    out = []
    for dt in (0.05, 0.025):
        out.append(("bioneuro fi_curve, cpp_standalone", f"rk4 dt {dt}", BIONEURO, dt, 0, "cpp"))
    for dt in (0.05, 0.025):
        out.append(("bioneuro fi_curve, runtime (cython)", f"rk4 dt {dt}", BIONEURO, dt, 0, "rt"))
    for dt in (0.05, 0.025):
        out.append(("hand-written Brian2, cython", f"rk4 dt {dt}", HAND_BRIAN2, dt, 0, eqs))
    out.append(
        ("hand-written Brian2, cpp_standalone", "rk4 dt 0.05", HAND_STANDALONE, 0.05, 0, eqs)
    )
    out.append(("NEURON defaults, one run", "dt 0.025, tables", NEURON, 0.025, 0, "default"))
    for dt in (0.025, 0.01, 0.005, 0.0025):
        out.append(("NEURON, one run, implicit Euler", f"dt {dt}", NEURON, dt, 0, "euler"))
    for dt in (0.05, 0.025, 0.01):
        out.append(("NEURON, one run, Crank-Nicolson", f"dt {dt}", NEURON, dt, 0, "cn"))
    for tol in (1e-3, 1e-4, 1e-5):
        out.append(
            ("NEURON, one run, local variable step", f"atol {tol:g}", NEURON, 0, tol, "lvardt")
        )
    if args.slow:
        out.append(("NEURON, one run per current", "dt 0.025", NEURON_LOOP, 0.025, 0, ""))
        out.append(
            ("bioneuro fi_curve, numpy (discard_units)", "rk4 dt 0.05", NUMPY_TARGET, 0.05, 0, "")
        )
    return out


def measure(script, n, repeats, dt, tol):
    code = COMMON.format(n=n, repeats=repeats, dt=dt, tol=tol) + textwrap.dedent(script)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode or not lines:
        return None, proc.stderr[-1500:]
    return json.loads(lines[-1]), ""


def script_for(template, extra):
    if template is BIONEURO:
        return BIONEURO.format(device="cpp_standalone" if extra == "cpp" else "runtime")
    if template in (HAND_BRIAN2,):
        return template.format(eqs=extra)
    if template is HAND_STANDALONE:
        return template.format(eqs=extra, tag="bench")
    if template is NEURON:
        return NEURON.format(mode=extra)
    return template


def load():
    try:
        return "load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    except OSError:
        return "load average unknown"


def main(argv=None):
    import numpy as np

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--currents", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--slow", action="store_true", help="also NEURON one run per current, numpy target"
    )
    parser.add_argument("--only", default="", help="substring filter on tool names")
    args = parser.parse_args(argv)
    print(
        f"HH f-I sweep, {args.currents} currents x 1 s, {os.cpu_count()} cores, "
        f"python {sys.version.split()[0]}; {load()}",
        flush=True,
    )
    t_start = time.perf_counter()
    ref, err = measure(script_for(BIONEURO, "cpp"), args.currents, 1, REFERENCE_DT, 0)
    if ref is None:
        print(f"reference failed:\n{err}", file=sys.stderr)
        return 1
    reference = np.array(ref["rates"])
    check, _ = measure(script_for(BIONEURO, "cpp"), args.currents, 1, 2 * REFERENCE_DT, 0)
    exact, _ = measure(NEURON.format(mode="exact"), args.currents, 1, 0, 1e-7)
    i10 = int(np.argmin(np.abs(np.linspace(0, 40, args.currents) - 10)))
    print(
        f"reference: Brian2 rk4 dt {REFERENCE_DT} ms (cpp_standalone), rate at "
        f"{np.linspace(0, 40, args.currents)[i10]:.2f} µA/cm²: {reference[i10]:.4f} Hz"
    )
    if check:
        d = np.max(np.abs(np.array(check["rates"]) - reference))
        print(f"  rk4 dt {2 * REFERENCE_DT} ms differs from it by at most {d:.2g} Hz")
    if exact:
        d = np.abs(np.array(exact["rates"]) - reference)
        print(
            f"  NEURON local variable step, atol = rtol = 1e-7, rate tables off: max "
            f"difference {d.max():.3g} Hz (median {np.median(d):.2g} Hz)"
        )
    print(flush=True)
    rows = []
    header = "| tool | setting | time (median) | max rate error (Hz) | rate at 10 µA/cm² (Hz) |"
    print(header + "\n|---|---|---|---|---|", flush=True)
    for tool, setting, template, dt, tol, extra in ladder(args):
        if args.only and args.only not in tool:
            continue
        n = args.currents
        out, err = measure(script_for(template, extra), n, args.repeats, dt, tol)
        if out is None:
            print(f"| {tool} | {setting} | failed | | |  {err.strip().splitlines()[-1:]}")
            continue
        seconds = statistics.median(out["seconds"])
        error = float(np.max(np.abs(np.array(out["rates"]) - reference)))
        rows.append((tool, setting, seconds, error, out["rates"][i10]))
        print(
            f"| {tool} | {setting} | {seconds:.2f} s | {error:.3g} | {out['rates'][i10]:.3f} |",
            flush=True,
        )

    print(f"\n{load()}; benchmark took {time.perf_counter() - t_start:.0f} s")
    for tol in TOLERANCES:
        print(f"\ntime to accuracy: cheapest setting within {tol} Hz of the reference")
        best = {}
        for tool, setting, seconds, error, _ in rows:
            if error <= tol and (tool not in best or seconds < best[tool][1]):
                best[tool] = (setting, seconds)
        ours = best.get("bioneuro fi_curve, cpp_standalone")
        for tool in dict.fromkeys(r[0] for r in rows):
            if tool in best:
                setting, seconds = best[tool]
                ratio = f"  x{seconds / ours[1]:.2f} of bioneuro" if ours else ""
                print(f"  {tool:<40} {setting:<12} {seconds:7.2f} s{ratio}")
            else:
                print(f"  {tool:<40} not reached on its ladder")

    goal = {(r[0], r[1]): r for r in rows}
    ours = goal.get(("bioneuro fi_curve, cpp_standalone", "rk4 dt 0.05"))
    neuron = goal.get(("NEURON defaults, one run", "dt 0.025, tables"))
    if ours and neuron:
        print(
            f"\ngoal: bioneuro fi_curve (cpp_standalone, its default dt 0.05 ms) {ours[2]:.2f} s, "
            f"max error {ours[3]:.3g} Hz; NEURON's one-run sweep with its defaults (dt 0.025 ms) "
            f"{neuron[2]:.2f} s, max error {neuron[3]:.3g} Hz; ratio bioneuro / NEURON "
            f"{ours[2] / neuron[2]:.2f}"
        )
    runtime = goal.get(("bioneuro fi_curve, runtime (cython)", "rk4 dt 0.05"))
    hand = goal.get(("hand-written Brian2, cython", "rk4 dt 0.05"))
    if ours and runtime and hand:
        print(
            f"bioneuro cpp_standalone / bioneuro runtime {ours[2] / runtime[2]:.2f}; "
            f"bioneuro runtime / hand-written Brian2 cython {runtime[2] / hand[2]:.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
