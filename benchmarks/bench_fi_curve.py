"""HH f-I sweep, 200 currents x 1 s: bioneuro vs hand-written Brian2 vs NEURON.

Run:  python benchmarks/bench_fi_curve.py [--currents 200] [--repeats 3]

Every variant runs in a fresh Python process (Brian2's code-generation preferences
are per process), warm (its compiled code already cached: one untimed run first),
and reports the median wall time of ``--repeats`` runs, including building the
network but not importing Python modules. NEURON needs the ``bench`` extra
(``pip install -e .[bench]``). Prints a table and the ratios; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import textwrap

# Each variant is a script that prints one JSON line: {"seconds": [...], "rate10": Hz}.
COMMON = """
import json, time, warnings
import numpy as np
warnings.filterwarnings("ignore")
N, REPEATS, DT_MS, NEURON_DT_MS = {n}, {repeats}, {dt}, {neuron_dt}
currents = np.linspace(0, 40, N)  # µA/cm²
def report(run):
    run()  # warm-up: compile or load from cache
    times = []
    for _ in range(REPEATS):
        t0 = time.perf_counter(); rates = run(); times.append(time.perf_counter() - t0)
    print(json.dumps({{"seconds": times, "rate10": float(np.interp(10, currents, rates))}}))
"""

BIONEURO = """
from brian2 import Hz, cm, ms, second, uA
from bioneuro import bio
hh = bio.HodgkinHuxley()
def run():
    curve = bio.fi_curve(hh, currents * uA / cm**2, duration=1 * second, dt=DT_MS * ms,
                         method="{method}", target="{target}")
    return np.asarray(curve.y / Hz)
report(run)
"""

NUMPY_PREFS = """
import brian2 as b2
b2.prefs.codegen.runtime.numpy.discard_units = True
"""

HAND_BRIAN2 = """
import brian2 as b2
from brian2 import ms, mV, cm, uA, mS, uF, second, Hz
b2.prefs.codegen.target = "{target}"
eqs = '''
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
'''
ns = dict(gNa=120*mS/cm**2, gK=36*mS/cm**2, gL=0.3*mS/cm**2, ENa=50*mV, EK=-77*mV,
          EL=-54.387*mV, Cm=1*uF/cm**2)
def run():
    g = b2.NeuronGroup(N, eqs, threshold="v > 0*mV", refractory="v > 0*mV",
                       method="{method}", dt=DT_MS*ms, namespace=ns, name="hand_hh")
    g.v, g.m, g.h, g.n = -65*mV, 0.0529551, 0.5959941, 0.3177324
    g.I = currents * uA/cm**2
    mon = b2.SpikeMonitor(g, name="hand_hh_spikes")
    net = b2.Network(g, mon)
    net.run(1*second, namespace={{}})
    rates = []
    for i in range(N):
        s = np.asarray(mon.spike_trains()[i] / second)
        s = s[s >= 0.2]
        rates.append((len(s) - 1) / (s[-1] - s[0]) if len(s) > 1 else 0.0)
    return np.array(rates)
report(run)
"""

HAND_STANDALONE = """
import os, tempfile, pathlib
import brian2 as b2
from brian2 import ms, mV, cm, uA, mS, uF, second
folder = pathlib.Path.home() / ".cache" / "bioneuro" / "bench_standalone_hh"
b2.set_device("cpp_standalone", build_on_run=False, directory=str(folder))
eqs = '''{eqs}'''
ns = dict(gNa=120*mS/cm**2, gK=36*mS/cm**2, gL=0.3*mS/cm**2, ENa=50*mV, EK=-77*mV,
          EL=-54.387*mV, Cm=1*uF/cm**2)
g = b2.NeuronGroup(N, eqs, threshold="v > 0*mV", refractory="v > 0*mV",
                   method="{method}", dt=DT_MS*ms, namespace=ns, name="hand_hh")
g.v, g.m, g.h, g.n = -65*mV, 0.0529551, 0.5959941, 0.3177324
mon = b2.SpikeMonitor(g, name="hand_hh_spikes")
net = b2.Network(g, mon)
net.run(1*second, namespace={{}})
b2.device.build(run=False, directory=str(folder))
def run():
    b2.device.run(run_args={{g.I: currents * uA/cm**2}})
    rates = []
    trains = mon.spike_trains()
    for i in range(N):
        s = np.asarray(trains[i] / second)
        s = s[s >= 0.2]
        rates.append((len(s) - 1) / (s[-1] - s[0]) if len(s) > 1 else 0.0)
    return np.array(rates)
report(run)
"""

NEURON = """
from neuron import h
h.load_file("stdrun.hoc")
h.celsius = 6.3
def make():
    s = h.Section()
    s.L = s.diam = 10 / np.pi ** 0.5 * 10  # area 1e4 um2 (any area: densities matter)
    s.insert("hh")
    s.el_hh = -54.387
    return s
def run_{mode}():
    h.dt = NEURON_DT_MS
    if "{mode}" == "together":
        cells = [make() for _ in range(N)]
        stims, recs, vecs = [], [], []
        for s, amp in zip(cells, currents):
            st = h.IClamp(s(0.5)); st.delay = 0; st.dur = 1e9
            st.amp = amp * s(0.5).area() * 1e-5  # µA/cm² x µm² = 1e-5 nA
            nc = h.NetCon(s(0.5)._ref_v, None, sec=s); nc.threshold = 0
            vec = h.Vector(); nc.record(vec)
            stims.append(st); recs.append(nc); vecs.append(vec)
        h.finitialize(-65); h.continuerun(1000)
        trains = [np.array(v.to_python()) for v in vecs]
    else:
        trains = []
        s = make()
        st = h.IClamp(s(0.5)); st.delay = 0; st.dur = 1e9
        nc = h.NetCon(s(0.5)._ref_v, None, sec=s); nc.threshold = 0
        vec = h.Vector(); nc.record(vec)
        for amp in currents:
            st.amp = amp * s(0.5).area() * 1e-5
            h.finitialize(-65); h.continuerun(1000)
            trains.append(np.array(vec.to_python()))
    rates = []
    for s_ in trains:
        s_ = s_[s_ >= 200]
        rates.append((len(s_) - 1) / (s_[-1] - s_[0]) * 1000 if len(s_) > 1 else 0.0)
    return np.array(rates)
report(run_{mode})
"""

SCIPY = """
from brian2 import Hz, cm, second, uA
from bioneuro import bio
hh = bio.HodgkinHuxley()
def run():
    curve = bio.fi_curve(hh, currents * uA / cm**2, duration=1 * second, backend="scipy",
                         method="LSODA")
    return np.asarray(curve.y / Hz)
report(run)
"""


def variants(n, dt, method):
    hand_eqs = HAND_BRIAN2.split("eqs = '''")[1].split("'''")[0]
    return {
        f"bioneuro fi_curve, cython, {method}": BIONEURO.format(method=method, target="cython"),
        f"hand-written Brian2, cython, {method}": HAND_BRIAN2.format(
            method=method, target="cython"
        ),
        f"bioneuro fi_curve, numpy (discard_units), {method}": NUMPY_PREFS
        + BIONEURO.format(method=method, target="numpy"),
        f"hand-written Brian2, cpp_standalone, {method}": HAND_STANDALONE.format(
            method=method, eqs=hand_eqs
        ),
        f"NEURON hh, {n} cells in one run": NEURON.format(mode="together"),
        "NEURON hh, one run per current": NEURON.format(mode="loop"),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--currents", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--dt", type=float, default=0.05, help="ms, Brian2 (bioneuro's fi_curve default for HH)"
    )
    parser.add_argument(
        "--neuron-dt", type=float, default=0.025, help="ms, NEURON (its own default)"
    )
    parser.add_argument("--method", default="rk4", help="Brian2 method (bioneuro's HH default)")
    parser.add_argument(
        "--scipy-currents",
        type=int,
        default=20,
        help="the scipy vector path is slow: fewer currents",
    )
    parser.add_argument("--only", default="", help="substring filter on variant names")
    args = parser.parse_args()
    results = {}
    todo = variants(args.currents, args.dt, args.method)
    todo[f"bioneuro fi_curve, scipy LSODA vector ({args.scipy_currents} currents)"] = SCIPY
    for name, body in todo.items():
        if args.only and args.only not in name:
            continue
        n = args.scipy_currents if "scipy" in name else args.currents
        repeats = 1 if "scipy" in name or "per current" in name else args.repeats
        code = COMMON.format(n=n, repeats=repeats, dt=args.dt, neuron_dt=args.neuron_dt)
        code += textwrap.dedent(body)
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
        if proc.returncode or not lines:
            print(f"{name}: failed\n{proc.stderr[-1500:]}", file=sys.stderr)
            continue
        out = json.loads(lines[-1])
        results[name] = (sorted(out["seconds"])[len(out["seconds"]) // 2], out["rate10"])
        print(
            f"  {name:<58} {results[name][0]:8.2f} s   rate at 10 µA/cm²: "
            f"{results[name][1]:6.2f} Hz",
            flush=True,
        )
    ours = results.get(f"bioneuro fi_curve, cython, {args.method}")
    if not ours:
        return
    print(
        f"\nHH f-I, {args.currents} currents x 1 s, dt = {args.dt} ms, median of "
        f"{args.repeats}; ratio = time / bioneuro fi_curve (cython, {args.method})"
    )
    for name, (sec, _) in results.items():
        print(f"  {name:<58} {sec:8.2f} s   x{sec / ours[0]:6.2f}")


if __name__ == "__main__":
    main()
