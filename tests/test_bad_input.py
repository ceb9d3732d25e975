"""The bad-input table: mistakes a student would make, across bio, ann, compare and the CLI.

Every case must be refused with ``ValueError`` or ``TypeError`` (the one named in the
table) whose message names the parameter at fault and what was given (``got ...``, or
``name=value`` for a request too large for the machine). Nothing is silently accepted.

Each case runs with a time limit (``CASE_SECONDS``: SIGALRM, and faulthandler's watchdog
ending the process at three times that if a call is stuck in compiled code) and under
tracemalloc, which sees every numpy array: a case may not allocate more than
``CASE_BYTES`` before it is refused. The size cases (requests the machine cannot hold)
run once more together in a subprocess whose address space is capped with
``resource.setrlimit`` (``SIZE_LIMIT``): there a request that started allocating
gigabytes would die with ``MemoryError``.

The objects the cases need (a LIF model, a small cell, a population, a trained network)
are built once, before any case is measured.
"""

from __future__ import annotations

import contextlib
import faulthandler
import io
import json
import re
import signal
import subprocess
import sys
import threading
import tracemalloc
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from brian2 import Hz, cm, kHz, meter, mS, ms, mV, nA, nS, ohm, second, uA, um

from bioneuro import ann, bio, compare
from bioneuro.ann import MLP, Dense, Neuron, datasets, losses
from bioneuro.bio import morphology

pytestmark = pytest.mark.xdist_group("bad_input")  # one worker builds the objects once

CASE_SECONDS = 20  # a refusal takes milliseconds; anything near this hangs
CASE_BYTES = 64 * 2**20  # traced allocations of one refused call
SIZE_LIMIT = 3 * 2**30  # address space of the size subprocess (bioneuro imported: ~0.4 GiB)

HH_I = 10 * uA / cm**2


def _objects():
    """Everything the cases call methods on, built once (nothing here is measured)."""
    from brian2 import PoissonGroup, SpikeMonitor

    X, y = datasets.xor()
    relu_net = MLP([2, 4, 1], activation="relu", output_activation="linear", seed=0)
    cell = bio.Cell(morphology.ball_and_stick(), n_compartments=3)
    t = np.arange(10) * 0.1 * ms
    v = np.linspace(-70, 20, 10) * mV
    return SimpleNamespace(
        lif=bio.LIF(),
        hh=bio.HodgkinHuxley(),
        cell=cell,
        trace=bio.CellTrace(t=t, v=np.vstack([v, v]), indices=np.array([0, 1]), cell=cell),
        pop=bio.Population(
            bio.LIF(), 3, receptors=[bio.AMPA()], name="bad_input_pop", target="numpy"
        ),
        big_pop=bio.Population(
            bio.LIF(), 10**5, receptors=[bio.AMPA()], name="bad_input_big", target="numpy"
        ),
        src=bio.spike_input([0], [1] * ms, name="bad_input_src", target="numpy"),
        mon=SpikeMonitor(PoissonGroup(4, 5 * Hz, name="bad_input_pg"), name="bad_input_mon"),
        t=t,
        v=v,
        X=X,
        y=y,
        net=MLP([2, 4, 1], seed=0),
        relu_net=relu_net,
        snn=compare.to_spiking(relu_net, data=X),
        big_currents=np.linspace(0, 1, 10**7) * nA,
        relu=Neuron([0.5, 0.5], 0.0, "relu"),
    )


# (id, call, error, parameter the message names, a size case?)
BIO = [
    # ---------------------------------------------------------------- simulate
    (
        "simulate-duration-plain",
        lambda o: bio.simulate(o.lif, 0.5 * nA, 20),
        TypeError,
        "duration",
    ),
    (
        "simulate-duration-volt",
        lambda o: bio.simulate(o.lif, 0.5 * nA, 5 * mV),
        TypeError,
        "duration",
    ),
    (
        "simulate-duration-neg",
        lambda o: bio.simulate(o.lif, 0.5 * nA, -5 * ms),
        ValueError,
        "duration",
    ),
    (
        "simulate-duration-nan",
        lambda o: bio.simulate(o.lif, 0.5 * nA, np.nan * ms),
        ValueError,
        "duration",
    ),
    (
        "simulate-duration-huge",
        lambda o: bio.simulate(o.lif, 0.5 * nA, 1e9 * second),
        ValueError,
        "duration",
        True,
    ),
    (
        "simulate-dt-plain",
        lambda o: bio.simulate(o.lif, 0.5 * nA, 20 * ms, dt=0.01),
        TypeError,
        "dt",
    ),
    (
        "simulate-dt-zero",
        lambda o: bio.simulate(o.lif, 0.5 * nA, 20 * ms, dt=0 * ms),
        ValueError,
        "dt",
    ),
    (
        "simulate-dt-above-duration",
        lambda o: bio.simulate(o.lif, 0.5 * nA, 1 * ms, dt=2 * ms),
        ValueError,
        "dt",
    ),
    (
        "simulate-backend",
        lambda o: bio.simulate(o.lif, 0.5 * nA, 20 * ms, backend="neuron"),
        ValueError,
        "backend",
    ),
    (
        "simulate-target",
        lambda o: bio.simulate(o.lif, 0.5 * nA, 20 * ms, target="cuda"),
        ValueError,
        "target",
    ),
    (
        "simulate-method-rk5",
        lambda o: bio.simulate(o.lif, 0.5 * nA, 20 * ms, method="rk5"),
        ValueError,
        "method",
    ),
    (
        "simulate-method-exact-hh",
        lambda o: bio.simulate(o.hh, HH_I, 20 * ms, method="exact"),
        ValueError,
        "method",
    ),
    (
        "simulate-method-scipy-name",
        lambda o: bio.simulate(o.lif, 0.5 * nA, 20 * ms, method="RK45"),
        ValueError,
        "method",
    ),
    (
        "simulate-method-brian-name",
        lambda o: bio.simulate(o.lif, 0.5 * nA, 20 * ms, backend="scipy", method="rk4"),
        ValueError,
        "method",
    ),
    (
        "simulate-rtol-negative",
        lambda o: bio.simulate(o.lif, 0.5 * nA, 20 * ms, backend="scipy", rtol=-1),
        ValueError,
        "rtol",
    ),
    (
        "simulate-rtol-zero",
        lambda o: bio.simulate(o.lif, 0.5 * nA, 20 * ms, backend="scipy", rtol=0),
        ValueError,
        "rtol",
    ),
    (
        "simulate-rtol-tiny",
        lambda o: bio.simulate(o.lif, 0.5 * nA, 20 * ms, backend="scipy", rtol=1e-20),
        ValueError,
        "rtol",
    ),
    (
        "simulate-rtol-brian2",
        lambda o: bio.simulate(o.lif, 0.5 * nA, 20 * ms, rtol=1e-9),
        ValueError,
        "rtol",
    ),
    (
        "simulate-target-scipy",
        lambda o: bio.simulate(o.lif, 0.5 * nA, 20 * ms, backend="scipy", target="cython"),
        ValueError,
        "target",
    ),
    (
        "simulate-stimulus-empty",
        lambda o: bio.simulate(o.lif, [], 20 * ms),
        ValueError,
        "stimulus",
    ),
    ("simulate-stimulus-plain", lambda o: bio.simulate(o.lif, 10, 20 * ms), TypeError, "stimulus"),
    (
        "simulate-stimulus-unit",
        lambda o: bio.simulate(o.hh, 1 * nA, 20 * ms),
        TypeError,
        "stimulus",
    ),
    ("simulate-model", lambda o: bio.simulate("lif", 0.5 * nA, 20 * ms), TypeError, "model"),
    ("simulate-hh-dt", lambda o: bio.simulate(o.hh, HH_I, 20 * ms, dt=0.1 * ms), ValueError, "dt"),
    # ---------------------------------------------------------------- fi_curve
    (
        "fi-currents-huge",
        lambda o: bio.fi_curve(o.lif, o.big_currents),
        ValueError,
        "currents",
        True,
    ),
    ("fi-currents-plain", lambda o: bio.fi_curve(o.lif, [0.1, 0.2]), TypeError, "currents"),
    ("fi-currents-empty", lambda o: bio.fi_curve(o.lif, [] * nA), ValueError, "currents"),
    (
        "fi-currents-2d",
        lambda o: bio.fi_curve(o.lif, np.ones((2, 2)) * nA),
        ValueError,
        "currents",
    ),
    ("fi-currents-nan", lambda o: bio.fi_curve(o.lif, [0.1, np.nan] * nA), ValueError, "currents"),
    (
        "fi-transient-long",
        lambda o: bio.fi_curve(o.lif, [0.2] * nA, duration=100 * ms, transient=100 * ms),
        ValueError,
        "transient",
    ),
    (
        "fi-transient-plain",
        lambda o: bio.fi_curve(o.lif, [0.2] * nA, transient=5),
        TypeError,
        "transient",
    ),
    (
        "fi-duration-huge",
        lambda o: bio.fi_curve(o.lif, [0.2] * nA, duration=1e9 * second),
        ValueError,
        "duration",
        True,
    ),
    (
        "fi-target-scipy",
        lambda o: bio.fi_curve(o.lif, [0.2] * nA, backend="scipy", target="numpy"),
        ValueError,
        "target",
    ),
    # ---------------------------------------------------------------- stimuli
    ("step-amplitude", lambda o: bio.step(10), TypeError, "amplitude"),
    ("step-start-negative", lambda o: bio.step(1 * nA, start=-1 * ms), ValueError, "start"),
    (
        "step-stop-before",
        lambda o: bio.step(1 * nA, start=5 * ms, stop=2 * ms),
        ValueError,
        "stop",
    ),
    ("pulse-width", lambda o: bio.pulse(1 * nA, 1 * ms, 0 * ms), ValueError, "width"),
    ("pulses-overlap", lambda o: bio.pulses(1 * nA, [1, 1.5] * ms, 1 * ms), ValueError, "times"),
    ("pulses-empty", lambda o: bio.pulses(1 * nA, [] * ms, 1 * ms), ValueError, "times"),
    ("ramp-stop", lambda o: bio.ramp(1 * nA, 5 * ms, 1 * ms), ValueError, "stop"),
    ("noisy-std-unit", lambda o: bio.noisy(0 * nA, 1 * mV), TypeError, "std"),
    ("noisy-seed-negative", lambda o: bio.noisy(0 * nA, 0.1 * nA, seed=-1), ValueError, "seed"),
    ("noisy-seed-float", lambda o: bio.noisy(0 * nA, 0.1 * nA, seed=1.5), TypeError, "seed"),
    ("noisy-dt-zero", lambda o: bio.noisy(0 * nA, 0.1 * nA, dt=0 * ms), ValueError, "dt"),
    (
        "noisy-huge",
        lambda o: bio.noisy(0 * nA, 0.1 * nA, stop=1e9 * second),
        ValueError,
        "dt",
        True,
    ),
    ("stimulus-call-plain", lambda o: bio.step(1 * nA)(5), TypeError, "t"),
    # ---------------------------------------------------------------- spike sources
    ("poisson-n-zero", lambda o: bio.poisson_input(0, 5 * Hz), ValueError, "n"),
    ("poisson-n-float", lambda o: bio.poisson_input(2.5, 5 * Hz), TypeError, "n"),
    ("poisson-n-huge", lambda o: bio.poisson_input(10**12, 5 * Hz), ValueError, "n", True),
    ("poisson-rate-plain", lambda o: bio.poisson_input(10, 5), TypeError, "rate"),
    ("poisson-rate-negative", lambda o: bio.poisson_input(10, -5 * Hz), ValueError, "rate"),
    (
        "poisson-dt-negative",
        lambda o: bio.poisson_input(10, 5 * Hz, dt=-0.1 * ms),
        ValueError,
        "dt",
    ),
    ("poisson-dt-plain", lambda o: bio.poisson_input(10, 5 * Hz, dt=0.1), TypeError, "dt"),
    ("poisson-rate-dt", lambda o: bio.poisson_input(10, 20 * kHz), ValueError, "rate"),
    (
        "poisson-target",
        lambda o: bio.poisson_input(10, 5 * Hz, target="cuda"),
        ValueError,
        "target",
    ),
    ("poisson-name", lambda o: bio.poisson_input(10, 5 * Hz, name="my group"), ValueError, "name"),
    (
        "spikes-index-range",
        lambda o: bio.spike_input([0, 5], [1, 2] * ms, n=3),
        ValueError,
        "indices",
    ),
    ("spikes-index-negative", lambda o: bio.spike_input([-1], [1] * ms), ValueError, "indices"),
    ("spikes-index-float", lambda o: bio.spike_input([1.5], [1] * ms, n=3), TypeError, "indices"),
    ("spikes-length", lambda o: bio.spike_input([0, 1], [1] * ms), ValueError, "indices"),
    ("spikes-times-plain", lambda o: bio.spike_input([0], [1]), TypeError, "times"),
    ("spikes-times-negative", lambda o: bio.spike_input([0], [-1] * ms), ValueError, "times"),
    ("spikes-n-zero", lambda o: bio.spike_input([0], [1] * ms, n=0), ValueError, "n"),
    (
        "spikes-index-huge",
        lambda o: bio.spike_input([10**10], [1] * ms),
        ValueError,
        "indices",
        True,
    ),
    ("spikes-same-step", lambda o: bio.spike_input([0, 0], [1, 1.01] * ms), ValueError, "times"),
    ("spikes-dt-zero", lambda o: bio.spike_input([0], [1] * ms, dt=0 * ms), ValueError, "dt"),
    # ---------------------------------------------------------------- analysis
    ("mean-rate-plain", lambda o: bio.mean_rate(o.mon, 20), TypeError, "duration"),
    ("mean-rate-zero", lambda o: bio.mean_rate(o.mon, 0 * ms), ValueError, "duration"),
    ("mean-rate-monitor", lambda o: bio.mean_rate(None, 20 * ms), TypeError, "spike_monitor"),
    ("mean-rate-neurons", lambda o: bio.mean_rate(o.mon, 1 * ms, [99]), ValueError, "neurons"),
    ("steady-rate-order", lambda o: bio.steady_rate(o.t, 100 * ms, 50 * ms), ValueError, "start"),
    ("steady-rate-empty", lambda o: bio.steady_rate(o.t, 5 * ms, 5 * ms), ValueError, "start"),
    ("steady-rate-plain-start", lambda o: bio.steady_rate(o.t, 0, 100 * ms), TypeError, "start"),
    ("steady-rate-plain-stop", lambda o: bio.steady_rate(o.t, 0 * ms, 100), TypeError, "stop"),
    (
        "steady-rate-plain-times",
        lambda o: bio.steady_rate([1, 2], 0 * ms, 1 * second),
        TypeError,
        "spike_times",
    ),
    ("crossings-level-unit", lambda o: bio.crossings(o.t, o.v, 0), TypeError, "level"),
    ("crossings-shapes", lambda o: bio.crossings(o.t, o.v[:5], -20 * mV), ValueError, "v"),
    ("crossings-t-unit", lambda o: bio.crossings(o.v, o.v, -20 * mV), TypeError, "t"),
    ("crossings-t-order", lambda o: bio.crossings(o.t[::-1], o.v, -20 * mV), ValueError, "t"),
    (
        "arrival-compartments",
        lambda o: bio.arrival_times(o.trace, [99]),
        ValueError,
        "compartments",
    ),
    ("arrival-trace", lambda o: bio.arrival_times("trace", [0]), TypeError, "trace"),
    (
        "arrival-threshold",
        lambda o: bio.arrival_times(o.trace, [0], threshold=-20),
        TypeError,
        "threshold",
    ),
    # ---------------------------------------------------------------- networks
    ("population-n-huge", lambda o: bio.Population(o.lif, 10**9), ValueError, "n", True),
    ("population-n-zero", lambda o: bio.Population(o.lif, 0), ValueError, "n"),
    ("population-hh", lambda o: bio.Population(o.hh, 3), ValueError, "model"),
    ("population-model", lambda o: bio.Population("lif", 3), TypeError, "model"),
    ("population-method", lambda o: bio.Population(o.lif, 3, method="rk5"), ValueError, "method"),
    ("population-target", lambda o: bio.Population(o.lif, 3, target="cuda"), ValueError, "target"),
    ("population-dt", lambda o: bio.Population(o.lif, 3, dt=-1 * ms), ValueError, "dt"),
    ("population-name", lambda o: bio.Population(o.lif, 3, name="a b"), ValueError, "name"),
    (
        "population-receptors",
        lambda o: bio.Population(o.lif, 3, receptors=bio.AMPA()),
        TypeError,
        "receptors",
    ),
    ("connect-p-above-1", lambda o: bio.connect(o.src, o.pop, "ampa", p=5), ValueError, "p"),
    ("connect-p-negative", lambda o: bio.connect(o.src, o.pop, "ampa", p=-0.1), ValueError, "p"),
    ("connect-p-text", lambda o: bio.connect(o.src, o.pop, "ampa", p="half"), TypeError, "p"),
    (
        "connect-j-range",
        lambda o: bio.connect(o.src, o.pop, "ampa", i=[0], j=[7]),
        ValueError,
        "j",
    ),
    (
        "connect-i-range",
        lambda o: bio.connect(o.src, o.pop, "ampa", i=[5], j=[0]),
        ValueError,
        "i",
    ),
    (
        "connect-i-j-length",
        lambda o: bio.connect(o.src, o.pop, "ampa", i=[0, 0], j=[0]),
        ValueError,
        "i",
    ),
    ("connect-i-only", lambda o: bio.connect(o.src, o.pop, "ampa", i=[0]), ValueError, "i"),
    ("connect-one-to-one", lambda o: bio.connect(o.src, o.pop, "ampa"), ValueError, "p"),
    (
        "connect-receptor",
        lambda o: bio.connect(o.src, o.pop, "nmda", p=0.5),
        ValueError,
        "receptor",
    ),
    (
        "connect-weight-unit",
        lambda o: bio.connect(o.src, o.pop, "ampa", p=0.5, weight=2 * mV),
        TypeError,
        "weight",
    ),
    (
        "connect-weight-length",
        lambda o: bio.connect(o.src, o.pop, "ampa", i=[0], j=[0], weight=[1, 2] * nS),
        ValueError,
        "weight",
    ),
    (
        "connect-delay",
        lambda o: bio.connect(o.src, o.pop, "ampa", p=0.5, delay=-1 * ms),
        ValueError,
        "delay",
    ),
    ("connect-post-cell", lambda o: bio.connect(o.src, o.cell, "ampa"), TypeError, "post"),
    ("connect-pre", lambda o: bio.connect("x", o.pop, "ampa"), TypeError, "pre"),
    (
        "connect-synapses-huge",
        lambda o: bio.connect(o.big_pop, o.big_pop, "ampa", p=1.0),
        ValueError,
        "p",
        True,
    ),
    ("record-variable", lambda o: bio.record(o.pop, ["vv"]), ValueError, "variables"),
    ("record-neurons", lambda o: bio.record(o.pop, ["v"], neurons=[10]), ValueError, "neurons"),
    ("record-spikes", lambda o: bio.record(o.pop, spikes="yes"), TypeError, "spikes"),
    ("record-population", lambda o: bio.record("pop"), TypeError, "population"),
    # ---------------------------------------------------------------- cells
    ("axon-huge", lambda o: bio.axon(1 * um, 1000 * meter), ValueError, "morphology", True),
    (
        "cell-compartments-huge",
        lambda o: bio.Cell(morphology.ball_and_stick(), n_compartments=10**9),
        ValueError,
        "n_compartments",
        True,
    ),
    (
        "cell-d-lambda-tiny",
        lambda o: bio.Cell(morphology.ball_and_stick(), d_lambda=1e-9),
        ValueError,
        "morphology",
        True,
    ),
    ("cell-run-below-step", lambda o: o.cell.run(0.001 * ms), ValueError, "duration"),
    ("cell-run-huge", lambda o: o.cell.run(1e9 * second), ValueError, "duration", True),
    ("cell-record-float", lambda o: o.cell.run(1 * ms, record=[1.5]), TypeError, "record"),
    ("cell-record-range", lambda o: o.cell.run(1 * ms, record=[99]), ValueError, "record"),
    (
        "cell-record-dt",
        lambda o: o.cell.run(1 * ms, record_dt=0.001 * ms),
        ValueError,
        "record_dt",
    ),
    ("cell-record-word", lambda o: o.cell.run(1 * ms, record="some"), ValueError, "record"),
    ("cell-set-celsius", lambda o: o.cell.set("celsius", 100), ValueError, "celsius"),
    ("cell-set-g-negative", lambda o: o.cell.set("g_Na", -1 * mS / cm**2), ValueError, "g_Na"),
    ("cell-set-ra-zero", lambda o: o.cell.set("Ra", 0 * ohm * cm), ValueError, "Ra"),
    ("cell-set-length", lambda o: o.cell.set("g_Na", [1, 2] * mS / cm**2), ValueError, "g_Na"),
    ("cell-set-plain", lambda o: o.cell.set("E_Na", 50), TypeError, "E_Na"),
    ("cell-set-name", lambda o: o.cell.set("g_Ca", 1 * mS / cm**2), ValueError, "name"),
    (
        "cell-inject-position",
        lambda o: o.cell.inject("dend0", 1.5, 1 * nA),
        ValueError,
        "position",
    ),
    (
        "cell-inject-amplitude",
        lambda o: o.cell.inject("soma", 0.5, 1 * mV),
        TypeError,
        "amplitude",
    ),
    (
        "cell-celsius",
        lambda o: bio.Cell(morphology.ball_and_stick(), celsius=100),
        ValueError,
        "celsius",
    ),
    ("cell-dt", lambda o: bio.Cell(morphology.ball_and_stick(), dt=1 * ms), ValueError, "dt"),
    (
        "cell-ra-unit",
        lambda o: bio.Cell(morphology.ball_and_stick(), Ra=100 * ohm),
        TypeError,
        "Ra",
    ),
    (
        "cell-attach-both",
        lambda o: o.cell.attach(bio.AMPA(), "soma", times=[1] * ms, source=o.src),
        ValueError,
        "times",
    ),
    (
        "cell-attach-times",
        lambda o: o.cell.attach(bio.AMPA(), "soma", times=[-1] * ms),
        ValueError,
        "times",
    ),
    ("cell-add-synapse-g", lambda o: o.cell.add_synapse("soma", 0.5, 1 * mV), TypeError, "g_max"),
    # ---------------------------------------------------------------- experiments
    (
        "stdp-below-step",
        lambda o: bio.stdp_window(bio.STDP.song(), [0.001, 10] * ms),
        ValueError,
        "delta_t",
    ),
    (
        "stdp-huge",
        lambda o: bio.stdp_window(bio.STDP.song(), [1e9] * ms),
        ValueError,
        "delta_t",
        True,
    ),
    ("stdp-empty", lambda o: bio.stdp_window(bio.STDP.song(), [] * ms), ValueError, "delta_t"),
    ("stdp-rule", lambda o: bio.stdp_window("song", [1] * ms), TypeError, "rule"),
    (
        "stdp-target",
        lambda o: bio.stdp_window(bio.STDP.song(), [1] * ms, target="cuda"),
        ValueError,
        "target",
    ),
    (
        "stdp-w-start",
        lambda o: bio.stdp_window(bio.STDP.song(), [1] * ms, w_start=5),
        ValueError,
        "w_start",
    ),
    (
        "benchmark-p",
        lambda o: bio.benchmark_network(n=100, p=5, duration=10 * ms),
        ValueError,
        "p",
    ),
    ("benchmark-n-huge", lambda o: bio.benchmark_network(n=10**7), ValueError, "n", True),
    (
        "benchmark-exc-fraction",
        lambda o: bio.benchmark_network(n=100, exc_fraction=1.5),
        ValueError,
        "exc_fraction",
    ),
    ("benchmark-kind", lambda o: bio.benchmark_network("hh"), ValueError, "kind"),
    (
        "benchmark-below-step",
        lambda o: bio.benchmark_network(n=100, duration=0.01 * ms),
        ValueError,
        "duration",
    ),
    ("benchmark-seed", lambda o: bio.benchmark_network(n=100, seed=-1), ValueError, "seed"),
    (
        "psp-events-empty",
        lambda o: bio.spike_responses(o.lif, [bio.AMPA()], [], 10 * ms),
        ValueError,
        "events",
    ),
    (
        "psp-event-short",
        lambda o: bio.spike_responses(o.lif, [bio.AMPA()], [(0, "ampa", 5 * ms)], 10 * ms),
        ValueError,
        "events[0]",
    ),
    (
        "psp-event-time",
        lambda o: bio.spike_responses(
            o.lif, [bio.AMPA()], [(0, "ampa", -5 * ms, 1 * nS)], 10 * ms
        ),
        ValueError,
        "events[0] time",
    ),
    (
        "psp-duration-huge",
        lambda o: bio.spike_responses(
            o.lif, [bio.AMPA()], [(0, "ampa", 5 * ms, 1 * nS)], 1e9 * second
        ),
        ValueError,
        "duration",
        True,
    ),
    ("nmda-clamp-empty", lambda o: bio.nmda_clamp(bio.NMDA(), [] * mV), ValueError, "voltages"),
    ("relay-n", lambda o: bio.relay_chain(0), ValueError, "n"),
    (
        "relay-t-stim",
        lambda o: bio.relay_chain(3, t_stim=100 * ms, duration=60 * ms),
        ValueError,
        "t_stim",
    ),
    ("relay-n-huge", lambda o: bio.relay_chain(10**8), ValueError, "n", True),
    ("cell-chain-n", lambda o: bio.cell_chain(0), ValueError, "n"),
    (
        "velocity-start-stop",
        lambda o: bio.conduction_velocity(o.cell, start=0.8, stop=0.2),
        ValueError,
        "start",
    ),
    ("stdp-tau", lambda o: bio.STDP(tau_plus=-1 * ms), ValueError, "tau_plus"),
    ("lif-tau", lambda o: bio.LIF(tau_m=0 * ms), ValueError, "tau_m"),
    ("hh-celsius", lambda o: bio.HodgkinHuxley(celsius=100), ValueError, "celsius"),
    ("synapse-kinetics", lambda o: bio.Synapse("x", kinetics="gamma"), ValueError, "kinetics"),
]

ANN = [
    ("mlp-sizes-huge", lambda o: MLP([2, 10**9, 1]), ValueError, "sizes", True),
    ("mlp-sizes-short", lambda o: MLP([2]), ValueError, "sizes"),
    ("mlp-sizes-zero", lambda o: MLP([2, 0, 1]), ValueError, "sizes[1]"),
    ("mlp-sizes-float", lambda o: MLP([2, 2.5, 1]), TypeError, "sizes[1]"),
    ("mlp-activation", lambda o: MLP([2, 4, 1], activation="rely"), ValueError, "activation"),
    (
        "mlp-softmax-one",
        lambda o: MLP([2, 4, 1], output_activation="softmax"),
        ValueError,
        "output_activation",
    ),
    ("mlp-dtype", lambda o: MLP([2, 4, 1], dtype=int), TypeError, "dtype"),
    ("mlp-seed", lambda o: MLP([2, 4, 1], seed=-1), ValueError, "seed"),
    (
        "fit-labels-0-4-sigmoid",
        lambda o: o.net.fit(
            np.random.default_rng(0).random((8, 2)), np.arange(8) % 5, epochs=20, learning_rate=0.1
        ),
        ValueError,
        "y",
    ),
    (
        "fit-empty",
        lambda o: o.net.fit(np.zeros((0, 2)), np.zeros(0), epochs=20, learning_rate=0.1),
        ValueError,
        "X",
    ),
    (
        "fit-epochs-zero",
        lambda o: o.net.fit(o.X, o.y, epochs=0, learning_rate=0.1),
        ValueError,
        "epochs",
    ),
    (
        "fit-epochs-float",
        lambda o: o.net.fit(o.X, o.y, epochs=2.5, learning_rate=0.1),
        TypeError,
        "epochs",
    ),
    (
        "fit-epochs-huge",
        lambda o: o.net.fit(o.X, o.y, epochs=10**12, learning_rate=0.1),
        ValueError,
        "epochs",
        True,
    ),
    (
        "fit-rate-zero",
        lambda o: o.net.fit(o.X, o.y, epochs=1, learning_rate=0),
        ValueError,
        "learning_rate",
    ),
    (
        "fit-rate-nan",
        lambda o: o.net.fit(o.X, o.y, epochs=1, learning_rate=np.nan),
        ValueError,
        "learning_rate",
    ),
    (
        "fit-momentum",
        lambda o: o.net.fit(o.X, o.y, epochs=1, learning_rate=0.1, momentum=1),
        ValueError,
        "momentum",
    ),
    (
        "fit-batch-zero",
        lambda o: o.net.fit(o.X, o.y, epochs=1, learning_rate=0.1, batch_size=0),
        ValueError,
        "batch_size",
    ),
    (
        "fit-batch-above-n",
        lambda o: o.net.fit(o.X, o.y, epochs=1, learning_rate=0.1, batch_size=100),
        ValueError,
        "batch_size",
    ),
    (
        "fit-loss",
        lambda o: o.net.fit(o.X, o.y, epochs=1, learning_rate=0.1, loss="l2"),
        ValueError,
        "loss",
    ),
    (
        "fit-loss-output",
        lambda o: o.relu_net.fit(o.X, o.y, epochs=1, learning_rate=0.1, loss="cross_entropy"),
        ValueError,
        "loss",
    ),
    (
        "fit-validation-shape",
        lambda o: o.net.fit(
            o.X, o.y, epochs=1, learning_rate=0.1, validation=(np.ones((4, 3)), o.y)
        ),
        ValueError,
        "validation[0]",
    ),
    (
        "fit-validation-pair",
        lambda o: o.net.fit(o.X, o.y, epochs=1, learning_rate=0.1, validation=o.X),
        TypeError,
        "validation",
    ),
    (
        "fit-validation-labels",
        lambda o: o.net.fit(o.X, o.y, epochs=1, learning_rate=0.1, validation=(o.X, [0, 1, 2, 3])),
        ValueError,
        "validation[1]",
    ),
    (
        "fit-x-nan",
        lambda o: o.net.fit([[np.nan, 0.0]], [1], epochs=1, learning_rate=0.1),
        ValueError,
        "X",
    ),
    (
        "fit-x-features",
        lambda o: o.net.fit(np.ones((4, 3)), o.y, epochs=1, learning_rate=0.1),
        ValueError,
        "X",
    ),
    (
        "fit-y-length",
        lambda o: o.net.fit(o.X, o.y[:3], epochs=1, learning_rate=0.1),
        ValueError,
        "y",
    ),
    (
        "fit-y-1d-many-outputs",
        lambda o: MLP([2, 3, 2], output_activation="linear").fit(
            o.X, o.y, epochs=1, learning_rate=0.1
        ),
        ValueError,
        "y",
    ),
    (
        "fit-softmax-label",
        lambda o: MLP([2, 3, 3], output_activation="softmax").fit(
            o.X, [0, 1, 5, 2], epochs=1, learning_rate=0.1
        ),
        ValueError,
        "y",
    ),
    ("evaluate-y", lambda o: o.net.evaluate(o.X, [0, 1, 2, 0]), ValueError, "y"),
    ("predict-features", lambda o: o.net.predict(np.ones((4, 3))), ValueError, "X"),
    ("mse-broadcast", lambda o: losses.mse(np.ones((4, 1)), np.ones(4)), ValueError, "a"),
    ("mse-empty", lambda o: losses.mse([], []), ValueError, "a"),
    (
        "bce-broadcast",
        lambda o: losses.binary_cross_entropy(np.ones((4, 1)), np.ones(4)),
        ValueError,
        "z",
    ),
    (
        "bce-targets",
        lambda o: losses.binary_cross_entropy(np.ones(4), np.full(4, 3.0)),
        ValueError,
        "y",
    ),
    (
        "softmax-ce-rows",
        lambda o: losses.softmax_cross_entropy(np.ones((2, 3)), np.ones((2, 3))),
        ValueError,
        "y_onehot",
    ),
    ("neuron-x-features", lambda o: Neuron([1.0, 2.0])([1.0, 2.0, 3.0]), ValueError, "x"),
    ("neuron-weights-empty", lambda o: Neuron([]), ValueError, "weights"),
    ("neuron-bias-text", lambda o: Neuron([1.0], "a"), TypeError, "bias"),
    ("neuron-softmax", lambda o: Neuron([1.0], 0.0, "softmax"), ValueError, "activation"),
    ("neuron-bias-nan", lambda o: setattr(Neuron([1.0]), "bias", np.nan), ValueError, "bias"),
    ("dense-x", lambda o: Dense(2, 3)([1.0, 2.0, 3.0]), ValueError, "x"),
    ("dense-huge", lambda o: Dense(2, 10**10), ValueError, "n_out", True),
    ("activation-name-type", lambda o: ann.get_activation(5), TypeError, "activation"),
    ("activation-nan", lambda o: ann.get_activation("relu")([np.nan]), ValueError, "z"),
    ("activation-text", lambda o: ann.get_activation("relu")(["a"]), TypeError, "z"),
    ("labels-empty", lambda o: ann.labels(np.zeros((0, 1))), ValueError, "outputs"),
    ("moons-huge", lambda o: datasets.moons(n=10**9), ValueError, "n", True),
    ("moons-one", lambda o: datasets.moons(n=1), ValueError, "n"),
    ("spirals-turns", lambda o: datasets.spirals(turns=0), ValueError, "turns"),
    ("split-lengths", lambda o: datasets.train_test_split(o.X, o.y[:3]), ValueError, "X"),
    (
        "split-fraction",
        lambda o: datasets.train_test_split(o.X, o.y, 1.5),
        ValueError,
        "test_fraction",
    ),
    ("perceptron-labels", lambda o: ann.perceptron(o.X, [0, 1, 2, 0]), ValueError, "y"),
    (
        "perceptron-epochs-huge",
        lambda o: ann.perceptron(o.X, o.y, epochs=10**10),
        ValueError,
        "epochs",
        True,
    ),
    (
        "perceptron-weights0",
        lambda o: ann.perceptron(o.X, o.y, weights0=[1.0, 2.0, 3.0]),
        ValueError,
        "weights0",
    ),
    ("hebb-rate", lambda o: ann.hebb(o.X, learning_rate=-1), ValueError, "learning_rate"),
    ("oja-epochs-huge", lambda o: ann.oja(o.X, epochs=10**9), ValueError, "epochs", True),
    ("delta-empty", lambda o: ann.delta_rule(np.zeros((0, 2)), []), ValueError, "X"),
]

COMPARE = [
    ("to-spiking-type", lambda o: compare.to_spiking("net"), TypeError, "mlp"),
    (
        "to-spiking-neuron",
        lambda o: compare.to_spiking(o.relu_net, neuron="hh"),
        ValueError,
        "neuron",
    ),
    (
        "to-spiking-hidden",
        lambda o: compare.to_spiking(MLP([2, 3, 1], activation="tanh")),
        ValueError,
        "activation",
    ),
    (
        "to-spiking-output-step",
        lambda o: compare.to_spiking(MLP([2, 3, 1], activation="relu", output_activation="step")),
        ValueError,
        "output activation",
    ),
    (
        "to-spiking-sigmoid-spikes",
        lambda o: compare.to_spiking(MLP([2, 3, 1], activation="relu"), output="spikes"),
        ValueError,
        "output",
    ),
    (
        "to-spiking-output-word",
        lambda o: compare.to_spiking(o.relu_net, output="both"),
        ValueError,
        "output",
    ),
    (
        "to-spiking-percentile",
        lambda o: compare.to_spiking(o.relu_net, percentile=150),
        ValueError,
        "percentile",
    ),
    (
        "to-spiking-normalize",
        lambda o: compare.to_spiking(o.relu_net, normalize="data"),
        TypeError,
        "normalize",
    ),
    (
        "to-spiking-data",
        lambda o: compare.to_spiking(o.relu_net, data=o.X * 3),
        ValueError,
        "data",
    ),
    ("to-spiking-dt", lambda o: compare.to_spiking(o.relu_net, dt=1), TypeError, "dt"),
    ("snn-x-range", lambda o: o.snn.predict(o.X * 3, 10 * ms), ValueError, "X"),
    ("snn-x-text", lambda o: o.snn.predict([["a", "b"]], 10 * ms), TypeError, "X"),
    ("snn-duration-plain", lambda o: o.snn.predict(o.X, 10), TypeError, "duration"),
    ("snn-duration-below-step", lambda o: o.snn.predict(o.X, 0.1 * ms), ValueError, "duration"),
    ("snn-duration-huge", lambda o: o.snn.run(o.X, 1e9 * second), ValueError, "duration", True),
    (
        "snn-checkpoints",
        lambda o: o.snn.run(o.X, 10 * ms, checkpoints=[5, 20] * ms),
        ValueError,
        "checkpoints",
    ),
    (
        "snn-accuracy-labels",
        lambda o: o.snn.accuracy(o.X, [0, 1, 2, 0], [10] * ms),
        ValueError,
        "y",
    ),
    ("snn-accuracy-times", lambda o: o.snn.accuracy(o.X, o.y, [] * ms), ValueError, "times"),
    ("if-counts-huge", lambda o: compare.if_counts([0.5], 10**12), ValueError, "T", True),
    ("if-counts-empty", lambda o: compare.if_counts([], 10), ValueError, "z"),
    ("if-counts-nan", lambda o: compare.if_counts([np.nan], 10), ValueError, "z"),
    ("if-counts-reset", lambda o: compare.if_counts([0.5], 10, reset="half"), ValueError, "reset"),
    ("if-counts-theta", lambda o: compare.if_counts([0.5], 10, theta=0), ValueError, "theta"),
    ("if-group-huge", lambda o: compare.if_group(10**12, "bioneuro_x"), ValueError, "n", True),
    ("if-group-name", lambda o: compare.if_group(3, "a b"), ValueError, "name"),
    (
        "same-weights-empty",
        lambda o: compare.same_weights(o.relu, np.zeros((0, 2))),
        ValueError,
        "X",
    ),
    (
        "same-weights-activation",
        lambda o: compare.same_weights(Neuron([1.0, 1.0], 0.0, "sigmoid"), o.X),
        ValueError,
        "neuron",
    ),
    (
        "same-weights-rate",
        lambda o: compare.same_weights(o.relu, o.X, max_rate=20 * kHz),
        ValueError,
        "max_rate",
    ),
    (
        "same-weights-below-step",
        lambda o: compare.same_weights(o.relu, o.X, duration=0.01 * ms),
        ValueError,
        "duration",
    ),
    (
        "siegert-empty",
        lambda o: compare.siegert_rate(o.lif, [] * nA, 2 * mV),
        ValueError,
        "current",
    ),
    (
        "siegert-sigma",
        lambda o: compare.siegert_rate(o.lif, 0.2 * nA, 0 * mV),
        ValueError,
        "sigma",
    ),
    ("siegert-model", lambda o: compare.siegert_rate("lif", 0.2 * nA, 2 * mV), TypeError, "model"),
    (
        "noisy-lif-short",
        lambda o: compare.noisy_lif_rates(o.lif, [0.2] * nA, 2 * mV, duration=0.015 * ms),
        ValueError,
        "duration",
    ),
    (
        "noisy-lif-dt",
        lambda o: compare.noisy_lif_rates(o.lif, [0.2] * nA, 2 * mV, dt=0 * ms),
        ValueError,
        "dt",
    ),
    (
        "noisy-lif-trials",
        lambda o: compare.noisy_lif_rates(o.lif, [0.2] * nA, 2 * mV, trials=0),
        ValueError,
        "trials",
    ),
    (
        "noisy-lif-trials-float",
        lambda o: compare.noisy_lif_rates(o.lif, [0.2] * nA, 2 * mV, trials=2.5),
        TypeError,
        "trials",
    ),
    (
        "noisy-lif-settle",
        lambda o: compare.noisy_lif_rates(o.lif, [0.2] * nA, 2 * mV, settle=-1 * ms),
        ValueError,
        "settle",
    ),
    (
        "noisy-lif-settle-unit",
        lambda o: compare.noisy_lif_rates(o.lif, [0.2] * nA, 2 * mV, settle=50),
        TypeError,
        "settle",
    ),
    (
        "fit-activation-kind",
        lambda o: compare.fit_activation(ann.get_activation("relu").curve(), "cubic"),
        ValueError,
        "kind",
    ),
    ("fit-activation-curve", lambda o: compare.fit_activation("curve"), TypeError, "curve"),
]


def _cli(*argv):
    """Run the command in-process; return (exit code, stderr)."""
    from bioneuro.cli import main

    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = main(list(argv))
        except SystemExit as exc:  # argparse
            code = exc.code
    return code, err.getvalue()


CLI = [
    ("figures-out-under-file", ("figures", "--out", "{file}/sub"), "--out"),
    ("figures-out-file", ("figures", "--out", "{file}"), "--out"),
    ("figures-out-proc", ("figures", "--out", "/proc/bioneuro/figures"), "--out"),
    ("figures-format", ("figures", "--format", "jpg"), "--format"),
    ("figures-format-empty", ("figures", "--format", ","), "--format"),
    ("figures-format-case", ("figures", "--format", "PNG"), "--format"),
    ("figures-name", ("figures", "no_such_figure"), "figure"),
    ("figures-target", ("figures", "--target", "cuda"), "--target"),
    ("list-flag", ("list", "--bogus"), "--bogus"),
    ("no-command", (), "command"),
    ("unknown-command", ("draw",), "command"),
]


def _case_params(table):
    return [
        pytest.param(call, error, name, id=case_id) for case_id, call, error, name, *_ in table
    ]


SIZE_CASES = [c for c in BIO + ANN + COMPARE if len(c) == 5 and c[4]]


@pytest.fixture(scope="module")
def o():
    from brian2 import BrianLogger

    # the objects are built to be refused, never run: no warning that they were unused
    BrianLogger.suppress_name("unused_brian_object")
    return _objects()


def check_message(message, name):
    """The message names the parameter, and what was given."""
    assert re.search(rf"(?<![\w.]){re.escape(name)}(?![\w])", message), message
    given = rf"{re.escape(name)}(=| '| \[)"  # name=value, name 'value', name [values]
    assert "got" in message or re.search(given, message), message


@contextlib.contextmanager
def time_limit(seconds):
    """Fail a case that runs longer than ``seconds``.

    SIGALRM raises in Python code; a call stuck in compiled code (a Brian2 or numpy
    loop) does not return to Python, so faulthandler's watchdog thread ends the process
    at 3 x ``seconds`` as well, printing where it was: a crash, never a hang.
    """
    faulthandler.dump_traceback_later(3 * seconds, exit=True)
    if threading.current_thread() is not threading.main_thread():
        try:  # SIGALRM works in the main thread only (xdist runs tests there)
            yield
        finally:
            faulthandler.cancel_dump_traceback_later()
        return

    def fail(signum, frame):
        raise TimeoutError(f"the case did not return within {seconds} s")

    old = signal.signal(signal.SIGALRM, fail)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
        faulthandler.cancel_dump_traceback_later()


def refuse(call, o, error, name):
    """Run one case under the limits; return its message."""
    tracemalloc.start()
    try:
        with time_limit(CASE_SECONDS), pytest.raises((ValueError, TypeError)) as info:
            call(o)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert info.type is error, f"{info.type.__name__}: {info.value}"
    assert peak < CASE_BYTES, f"allocated {peak / 2**20:.0f} MiB before refusing"
    check_message(str(info.value), name)
    return str(info.value)


@pytest.mark.parametrize(("call", "error", "name"), _case_params(BIO))
def test_bio_refuses(o, call, error, name):
    refuse(call, o, error, name)


@pytest.mark.parametrize(("call", "error", "name"), _case_params(ANN))
def test_ann_refuses(o, call, error, name):
    refuse(call, o, error, name)


@pytest.mark.parametrize(("call", "error", "name"), _case_params(COMPARE))
def test_compare_refuses(o, call, error, name):
    refuse(call, o, error, name)


@pytest.mark.parametrize(
    ("argv", "name"), [pytest.param(argv, name, id=i) for i, argv, name in CLI]
)
def test_cli_refuses(tmp_path, argv, name):
    a_file = tmp_path / "a_file"
    a_file.write_text("not a folder")
    argv = [a.format(file=a_file) for a in argv]
    with time_limit(CASE_SECONDS):
        code, err = _cli(*argv)
    assert code == 2, (code, err)
    assert name in err, err
    assert not list(tmp_path.glob("**/*.png")), "nothing is drawn"


def test_the_table_is_large_and_covers_every_area():
    sizes = {"bio": len(BIO), "ann": len(ANN), "compare": len(COMPARE), "cli": len(CLI)}
    assert sum(sizes.values()) >= 150, sizes
    assert min(sizes.values()) >= 10, sizes
    ids = [c[0] for c in BIO + ANN + COMPARE] + [c[0] for c in CLI]
    assert len(ids) == len(set(ids)), "case ids are unique"
    assert len(SIZE_CASES) >= 20


_SIZE_SCRIPT = """
import json, resource, sys, warnings
resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
warnings.filterwarnings("ignore")
sys.path.insert(0, {tests!r})
import test_bad_input as t


class Lazy:  # build only what the size cases touch, inside the limit
    def __getattr__(self, key):
        value = getattr(t._objects_for_size(), key)
        setattr(self, key, value)
        return value


o = Lazy()
out = {{}}
for case_id, call, error, name, _ in t.SIZE_CASES:
    try:
        call(o)
        out[case_id] = "accepted"
    except (ValueError, TypeError) as exc:
        out[case_id] = type(exc).__name__ + ": " + str(exc)
    except MemoryError as exc:
        out[case_id] = "MemoryError: " + str(exc)
print(json.dumps(out))
"""


def _objects_for_size():
    """The few objects the size cases need (the cell is not among them)."""
    from brian2 import ms as _ms

    return SimpleNamespace(
        lif=bio.LIF(),
        X=datasets.xor()[0],
        y=datasets.xor()[1],
        net=MLP([2, 4, 1], seed=0),
        snn=compare.to_spiking(
            MLP([2, 4, 1], activation="relu", output_activation="linear", seed=0),
            data=datasets.xor()[0],
            dt=1 * _ms,
        ),
        big_currents=np.linspace(0, 1, 10**7) * nA,
        big_pop=bio.Population(
            bio.LIF(), 10**5, receptors=[bio.AMPA()], name="bad_input_big", target="numpy"
        ),
        cell=bio.Cell(morphology.ball_and_stick(), n_compartments=3),
    )


@pytest.mark.slow
def test_size_cases_are_refused_under_a_memory_limit():
    script = _SIZE_SCRIPT.format(limit=SIZE_LIMIT, tests=str(Path(__file__).parent))
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=600
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    results = json.loads(proc.stdout.strip().splitlines()[-1])
    for case_id, _call, error, name, _ in SIZE_CASES:
        outcome = results[case_id]
        assert outcome.startswith(error.__name__ + ": "), (case_id, outcome)
        check_message(outcome, name)
        assert "bioneuro.checks." in outcome, (case_id, outcome)  # the budget is named
