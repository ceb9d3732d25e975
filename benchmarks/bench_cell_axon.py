"""Squid giant axon: bioneuro vs hand-written Brian2 vs NEURON, side by side.

The same cable in all three: diameter 476 µm, length 10 cm, R_a 35.4 ohm cm,
C_m 1 µF/cm², HH membrane (E_L -54.387 mV), 18.5 °C (Q10 3), dt 0.01 ms, 20 ms, a
0.5 ms current pulse of 5 µA at one end, n compartments of equal length; fixed time
step in NEURON (``hh`` mechanism, rate tables off), exponential Euler for the gates in
Brian2 (its cable solver is implicit). Each tool records the voltage at 1/4 and 3/4 of
the length only, and the velocity between them is printed as a cross-check.

Timed: building the model and running it (median of ``--repeats`` runs, warm caches,
each repeat a fresh model), and for bioneuro also a *second run of the same cell with
changed parameters* (g_Na and temperature): that run reuses the built network and the
compiled code, so it shows that changing parameters never recompiles.

    python benchmarks/bench_cell_axon.py [--sizes 100 1000 10000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import statistics
import time

import brian2 as b2
import numpy as np
from brian2 import cm, mS, ms, mV, ohm, uA, uF, um

DIAMETER, LENGTH, RA = 476 * um, 10 * cm, 35.4 * ohm * cm
CELSIUS, DT, DURATION = 18.5, 0.01 * ms, 20 * ms
PULSE, AMPLITUDE = 0.5 * ms, 5 * uA


def _velocity(t_ms, v1, v2, n):
    from bioneuro.bio.analysis import crossings

    t1, t2 = (crossings(t_ms, v, -20.0)[0] for v in (v1, v2))
    distance_mm = float(LENGTH / b2.mm) * ((3 * n // 4) - (n // 4)) / n
    return distance_mm / (t2 - t1)  # mm/ms = m/s


def run_bioneuro(n, cell=None):
    from bioneuro import bio

    if cell is None:
        cell = bio.axon(DIAMETER, LENGTH, celsius=CELSIUS, Ra=RA, n_compartments=n, dt=DT)
        cell.inject("axon", 0.0, AMPLITUDE, stop=PULSE)
    trace = cell.run(DURATION, record=[n // 4, 3 * n // 4])
    v = np.asarray(trace.v / mV)
    return cell, _velocity(np.asarray(trace.t / ms), v[0], v[1], n)


def run_brian2(n):
    """The Brian2 example way (docs' hodgkin_huxley_1952.py), fixed names."""
    morpho = b2.Cylinder(length=LENGTH, diameter=DIAMETER, n=n)
    eqs = """
    Im = gNa * m**3 * h * (ENa - v) + gK * n**4 * (EK - v) + gL * (EL - v) : amp/meter**2
    I : amp (point current)
    dm/dt = phi * (alpham * (1 - m) - betam * m) : 1
    dh/dt = phi * (alphah * (1 - h) - betah * h) : 1
    dn/dt = phi * (alphan * (1 - n) - betan * n) : 1
    alpham = (1/ms) / exprel(-(v/mV + 40)/10) : Hz
    betam = (4/ms) * exp(-(v/mV + 65)/18) : Hz
    alphah = (0.07/ms) * exp(-(v/mV + 65)/20) : Hz
    betah = (1/ms) / (1 + exp(-(v/mV + 35)/10)) : Hz
    alphan = (0.1/ms) / exprel(-(v/mV + 55)/10) : Hz
    betan = (0.125/ms) * exp(-(v/mV + 65)/80) : Hz
    gNa : siemens/meter**2 (constant, shared)
    gK : siemens/meter**2 (constant, shared)
    gL : siemens/meter**2 (constant, shared)
    ENa : volt (constant, shared)
    EK : volt (constant, shared)
    EL : volt (constant, shared)
    phi : 1 (constant, shared)
    """
    neuron = b2.SpatialNeuron(
        morpho,
        eqs,
        Cm=1 * uF / cm**2,
        Ri=RA,
        method="exponential_euler",
        dt=DT,
        namespace={},
        name="bench_axon",
    )
    neuron.gNa, neuron.gK, neuron.gL = 120 * mS / cm**2, 36 * mS / cm**2, 0.3 * mS / cm**2
    neuron.ENa, neuron.EK, neuron.EL = 50 * mV, -77 * mV, -54.387 * mV
    neuron.phi = 3 ** ((CELSIUS - 6.3) / 10)
    neuron.v = -65 * mV
    neuron.m, neuron.h, neuron.n = 0.0529, 0.5961, 0.3177
    mon = b2.StateMonitor(neuron, "v", record=[n // 4, 3 * n // 4], name="bench_axon_v")
    net = b2.Network(neuron, mon, name="bench_axon_net")
    neuron.I[0] = AMPLITUDE
    net.run(PULSE, namespace={})
    neuron.I[0] = 0 * uA
    net.run(DURATION - PULSE, namespace={})
    v = np.asarray(mon.v / mV)
    return _velocity(np.asarray(mon.t / ms), v[0], v[1], n)


def run_neuron(n):
    from neuron import h

    h.load_file("stdrun.hoc")
    axon = h.Section(name="axon")
    axon.L, axon.diam, axon.nseg, axon.Ra, axon.cm = float(LENGTH / um), 476.0, n, 35.4, 1.0
    axon.insert("hh")
    for seg in axon:
        seg.hh.el = -54.387
    h.usetable_hh = 0
    h.celsius = CELSIUS
    stim = h.IClamp(axon(0.5 / n))
    stim.delay, stim.dur, stim.amp = 0, float(PULSE / ms), float(AMPLITUDE / b2.nA)
    rec = [h.Vector().record(axon((k + 0.5) / n)._ref_v) for k in (n // 4, 3 * n // 4)]
    t = h.Vector().record(h._ref_t)
    h.dt = float(DT / ms)
    h.steps_per_ms = 1 / h.dt
    h.cvode_active(0)
    h.finitialize(-65)
    h.continuerun(float(DURATION / ms))
    return _velocity(np.array(t), np.array(rec[0]), np.array(rec[1]), n)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    # warm-up: compile (or load from the cache) every code object once
    run_bioneuro(100)
    run_brian2(100)
    rows = []
    for n in args.sizes:
        # the tools take turns, repeat after repeat, so that a busy moment of the
        # machine does not fall on one tool only
        times = {"bio": [], "rerun": [], "b2": [], "nrn": []}
        for _ in range(args.repeats):
            t0 = time.perf_counter()
            cell, v_bio = run_bioneuro(n)
            t1 = time.perf_counter()
            cell.set("g_Na", 110 * mS / cm**2, regions="axon")
            cell.set("celsius", 16.0)
            v_re = run_bioneuro(n, cell)[1]
            t2 = time.perf_counter()
            v_b2 = run_brian2(n)
            t3 = time.perf_counter()
            v_nrn = run_neuron(n)
            t4 = time.perf_counter()
            for key, dt in zip(times, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
                times[key].append(dt)
            del cell
        t_bio, t_re, t_b2, t_nrn = (statistics.median(v) for v in times.values())
        rows.append((n, t_bio, t_re, t_b2, t_nrn, v_bio, v_re, v_b2, v_nrn))
    print(
        f"squid axon 476 um x 10 cm, {CELSIUS} C, dt {DT}, {DURATION}, median of "
        f"{args.repeats} (build + run)\n"
    )
    print(
        "| compartments | bioneuro (s) | bioneuro rerun, new params (s) | hand Brian2 (s) "
        "| NEURON (s) | bioneuro / Brian2 | bioneuro / NEURON | v bioneuro / Brian2 / "
        "NEURON (m/s) | v rerun 110 mS/cm², 16 °C |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for n, t_bio, t_re, t_b2, t_nrn, v_bio, v_re, v_b2, v_nrn in rows:
        print(
            f"| {n} | {t_bio:.3f} | {t_re:.3f} | {t_b2:.3f} | {t_nrn:.3f} | "
            f"{t_bio / t_b2:.2f} | {t_bio / t_nrn:.2f} | {v_bio:.2f} / {v_b2:.2f} / "
            f"{v_nrn:.2f} | {v_re:.2f} |"
        )


if __name__ == "__main__":
    main()
