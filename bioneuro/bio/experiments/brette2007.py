"""The Brette et al. (2007) benchmark networks, CUBA and COBA.

4000 LIF neurons (80 % excitatory) with random connections, current-based (CUBA) or
conductance-based (COBA) exponential synapses; the reference networks of the simulator
comparison of R. Brette et al. (2007), "Simulation of networks of spiking neurons: a
review of tools and strategies", J. Comput. Neurosci. 23:349-398, as written in Brian2's
``examples/CUBA.py`` and ``examples/COBAHH.py`` start.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import brian2 as b2
import numpy as np
from brian2 import Hz, Mohm, ms, mV, nS, second

from bioneuro.bio.analysis import mean_rate
from bioneuro.bio.backends.brian import TARGETS, standalone, standalone_directory
from bioneuro.bio.backends.readout import owned
from bioneuro.bio.models.point import LIF
from bioneuro.bio.models.synapses import Synapse
from bioneuro.bio.network import (
    NEURON_BYTES,
    SYNAPSE_BYTES,
    Population,
    check_probability,
    connect,
    random_pairs,
    record,
)
from bioneuro.checks import (
    check_budget,
    check_choice,
    check_number,
    check_quantity,
    check_steps,
    progress,
)


@dataclass
class NetworkRun:
    """What :func:`benchmark_network` recorded.

    Attributes
    ----------
    i, t : ndarray, Quantity
        Index and time of every spike.
    n_exc : int
        Neurons 0 .. n_exc - 1 are excitatory.
    rate_exc, rate_inh : Quantity
        Mean rates of the excitatory and inhibitory neurons.
    seconds : float
        Wall time of build + run (of all the networks, when several seeds ran at once).
    v, t_v : Quantity or None
        Membrane potential of the first neurons and its times (``record_v=True``).
    """

    i: np.ndarray
    t: b2.Quantity
    n_exc: int
    rate_exc: b2.Quantity
    rate_inh: b2.Quantity
    seconds: float = 0.0
    v: b2.Quantity | None = None
    t_v: b2.Quantity | None = None


#: Brette et al. (2007) benchmark parameters, as in Brian2's examples/CUBA.py.
CUBA = {
    "tau_m": 20 * ms,
    "E_L": -49 * mV,
    "V_th": -50 * mV,
    "V_reset": -60 * mV,
    "t_ref": 5 * ms,
    "tau_e": 5 * ms,
    "tau_i": 10 * ms,
    "we": 60 * 0.27 / 10 * mV,
    "wi": -20 * 4.5 / 10 * mV,
}


#: Brette et al. (2007) benchmark 1 (COBA): 200 pF, 10 nS leak, jumps 6 nS and 67 nS.
COBA = {
    "tau_m": 20 * ms,
    "E_L": -60 * mV,
    "V_th": -50 * mV,
    "V_reset": -60 * mV,
    "t_ref": 5 * ms,
    "tau_e": 5 * ms,
    "tau_i": 10 * ms,
    "E_e": 0 * mV,
    "E_i": -80 * mV,
    "g_L": 10 * nS,
    "we": 6 * nS,
    "wi": 67 * nS,
}


DEVICES = ("runtime", "cpp_standalone")


def _benchmark_network(kind, n, duration, exc_fraction, p, seeds, dt, target, record_v):
    """Build and run one CUBA/COBA network per seed on the current device; return raw
    results. The networks are blocks of one group (block b: neurons b n .. (b+1) n - 1),
    each wired and started from its own ``default_rng(seed)`` in the order one network
    alone draws them, with no connection between blocks: each block is that network."""
    R = 100 * Mohm  # any R: weights are voltage jumps / R (CUBA) or conductances (COBA)
    if kind == "cuba":
        q = CUBA
        exc = Synapse(
            "exc", kinetics="exponential", mode="current", tau_decay=q["tau_e"], weight=q["we"] / R
        )
        inh = Synapse(
            "inh", kinetics="exponential", mode="current", tau_decay=q["tau_i"], weight=q["wi"] / R
        )
    else:
        q = COBA
        R = 1 / q["g_L"]
        exc = Synapse(
            "exc",
            kinetics="exponential",
            mode="conductance",
            tau_decay=q["tau_e"],
            E_rev=q["E_e"],
            weight=q["we"],
        )
        inh = Synapse(
            "inh",
            kinetics="exponential",
            mode="conductance",
            tau_decay=q["tau_i"],
            E_rev=q["E_i"],
            weight=q["wi"],
        )
    model = LIF(
        tau_m=q["tau_m"], R=R, E_L=q["E_L"], V_th=q["V_th"], V_reset=q["V_reset"], t_ref=q["t_ref"]
    )
    t0 = time.perf_counter()
    pop = Population(
        model,
        n * len(seeds),
        receptors=[exc, inh],
        name=kind,
        dt=dt,
        target=target,
        method="exact" if kind == "cuba" else "euler",
    )
    n_exc = int(round(exc_fraction * n))
    pairs = {"exc": ([], []), "inh": ([], [])}
    start = {"v": [], "s_exc": [], "s_inh": []}  # each block's initial values, SI
    for block, seed in enumerate(seeds):
        rng = np.random.default_rng(seed)
        i, j = random_pairs(n, n, p, rng)
        is_exc = i < n_exc
        for name, mask in (("exc", is_exc), ("inh", ~is_exc)):
            pairs[name][0].append(i[mask] + block * n)
            pairs[name][1].append(j[mask] + block * n)
        if kind == "cuba":
            start["v"].append(q["V_reset"] + rng.random(n) * (q["V_th"] - q["V_reset"]))
        else:  # Brian2's COBAHH example start, drawn with numpy: the conductances kick it
            start["v"].append(q["E_L"] + (rng.standard_normal(n) * 5 - 5) * mV)
            start["s_exc"].append((rng.standard_normal(n) * 1.5 + 4) * 10 * nS)
            start["s_inh"].append((rng.standard_normal(n) * 12 + 20) * 10 * nS)
    ce, ci = (
        connect(pop, pop, name, i=np.concatenate(i), j=np.concatenate(j), name=f"{kind}_{name}")
        for name, (i, j) in pairs.items()
    )
    for var, blocks in start.items():
        if blocks:
            values = np.concatenate([np.asarray(b) for b in blocks])
            setattr(pop.group, var, b2.Quantity(values, dim=b2.get_dimensions(blocks[0])))
    first = [b * n + k for b in range(len(seeds)) for k in range(min(n, 5))]
    mons = record(pop, ["v"] if record_v else (), neurons=first)
    net = b2.Network(pop.group, ce, ci, *mons, name=f"bioneuro_{kind}_network")
    steps = int(round(float(duration / dt)))
    size = n * len(seeds)
    # a step touches every neuron, and the p n synapses of each neuron that spikes: at
    # most ~50 Hz x dt of them per step (CUBA fires at 6 Hz, COBA at ~19 Hz)
    events = p * n * float(50 * Hz * dt)
    net.run(duration, namespace={}, **progress(steps, steps * size * (1 + events)))
    return pop, mons, n_exc, time.perf_counter() - t0


def benchmark_network(
    kind="cuba",
    n=4000,
    duration=1 * second,
    *,
    device="runtime",
    exc_fraction=0.8,
    p=0.02,
    seed=0,
    dt=0.1 * ms,
    target="auto",
    threads=0,
    record_v=False,
):
    """The Brette et al. (2007) CUBA or COBA network of LIF neurons.

    4000 neurons (80 % excitatory), random connections with probability 2 %,
    exponential synapses (tau_e 5 ms, tau_i 10 ms), initial v uniform in
    [V_reset, V_th]. CUBA: current jumps of 1.62 mV (exc) and -9 mV (inh) per spike,
    E_L = -49 mV (the drive is the resting potential above threshold), exact
    integration. COBA: conductance jumps 6 nS / 67 nS, E_e 0 mV, E_i -80 mV, forward
    Euler at dt = 0.1 ms as in the benchmark paper. Started from v uniform in
    [E_L, E_L + 10 mV] with closed synapses COBA stays silent (measured); it starts
    instead from the random state of Brian2's COBAHH example, drawn with numpy from
    ``seed``: v = E_L + (5 N(0,1) - 5) mV, g_e = (1.5 N(0,1) + 4) x 10 nS,
    g_i = (12 N(0,1) + 20) x 10 nS; the open excitatory conductances kick it into
    self-sustained activity (mean excitatory rate ~19 Hz over the first 0.5 s, as a
    hand-written Brian2 version: ``benchmarks/bench_brette2007.py coba``).

    Parameters
    ----------
    kind : {"cuba", "coba"}
    n, duration, exc_fraction, p, dt
    seed : int or sequence of int
        Seeds the wiring and the start (numpy). A sequence runs one network per seed
        and returns one ``NetworkRun`` each: the networks are blocks of one Brian2
        group, unconnected to each other, simulated together (Brian2's runtime pays its
        per-step cost once, not once per network), and each is spike for spike the
        network of that seed run alone.
    device : {"runtime", "cpp_standalone"}
        ``cpp_standalone`` compiles the whole simulation into a C++ program built in
        :func:`standalone_directory` (``~/.cache/bioneuro/standalone/<kind>_<n>-<key>``); the
        device is selected inside this call and restored to runtime afterwards.
    target : {"auto", "cython", "numpy"}
        Runtime code generation target (ignored by cpp_standalone).
    threads : int
        OpenMP threads for cpp_standalone (0: single-threaded, no OpenMP).

    Returns
    -------
    NetworkRun, or a list of them (one per seed) if ``seed`` is a sequence
    """
    check_choice("kind", kind, ("cuba", "coba"))
    check_number("n", n, example="4000", positive=True, integer=True)
    check_quantity("duration", duration, ms, example="1*second", positive=True)
    check_choice("device", device, DEVICES)
    check_choice("target", target, TARGETS)
    check_number("threads", threads, example="2", nonnegative=True, integer=True)
    check_probability("exc_fraction", exc_fraction, example="0.8")
    check_probability("p", p, example="0.02")
    several = isinstance(seed, (list, tuple, range, np.ndarray))
    seeds = list(seed) if several else [seed]
    if not seeds:
        raise ValueError(
            f"seed must be a whole number >= 0 or a non-empty list of them; got {seed!r}"
        )
    for value in seeds:
        check_number("seed", value, example="0", nonnegative=True, integer=True)
    check_quantity("dt", dt, ms, example="0.1*ms", positive=True)
    if not isinstance(record_v, bool):
        raise TypeError(f"record_v must be True or False; got {record_v!r}")
    m = len(seeds)
    n_syn = p * n * n * m
    check_budget(
        "n",
        n,
        nbytes=n * m * NEURON_BYTES + n_syn * SYNAPSE_BYTES * 3,
        what=f"{n} neurons, p x n x n = {p * n * n:.3g} synapses"
        + (f", x {m} networks" if several else ""),
    )
    check_steps(duration, dt, n=n * m + n_syn)
    args = (kind, n, duration, exc_fraction, p, seeds, dt)
    if device == "runtime":
        _, mons, n_exc, seconds = _benchmark_network(*args, target, record_v)
        runs = _collect(mons, n, m, n_exc, duration, record_v)
    else:
        folder = standalone_directory(f"{kind}_{n}" + (f"x{m}" if several else ""))
        with standalone(folder, threads):
            _, mons, n_exc, seconds = _benchmark_network(*args, "auto", record_v)
            runs = _collect(mons, n, m, n_exc, duration, record_v)
    for out in runs:
        out.seconds = seconds
    return runs if several else runs[0]


def _collect(mons, n, m, n_exc, duration, record_v):
    """One NetworkRun per block b (neurons b n .. b n + n - 1) of the monitored group."""
    spikes = mons[0]
    i, t = np.asarray(spikes.i[:]), spikes.t[:]
    block_of = i // n
    runs = []
    for block in range(m):
        start, mine = block * n, block_of == block
        out = NetworkRun(
            i=owned(i[mine] - start),
            t=owned(t[mine]),
            n_exc=n_exc,
            rate_exc=mean_rate(spikes, duration, np.arange(start, start + n_exc)),
            rate_inh=(
                mean_rate(spikes, duration, np.arange(start + n_exc, start + n))
                if n > n_exc
                else 0 * Hz
            ),
        )
        if record_v:  # the first min(n, 5) neurons of each block, in block order
            rows = min(n, 5)
            out.v = owned(mons[1].v[block * rows : block * rows + rows])
            out.t_v = owned(mons[1].t[:])
        runs.append(out)
    return runs


__all__ = ["COBA", "CUBA", "NetworkRun", "benchmark_network"]
