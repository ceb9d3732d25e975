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
        Wall time of build + run.
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


def _benchmark_network(kind, n, duration, exc_fraction, p, seed, dt, target, record_v):
    """Build and run one CUBA/COBA network on the current device; return raw results."""
    rng = np.random.default_rng(seed)
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
        n,
        receptors=[exc, inh],
        name=kind,
        dt=dt,
        target=target,
        method="exact" if kind == "cuba" else "euler",
    )
    n_exc = int(round(exc_fraction * n))
    i, j = random_pairs(n, n, p, rng)
    is_exc = i < n_exc
    ce = connect(pop, pop, "exc", i=i[is_exc], j=j[is_exc], name=f"{kind}_exc")
    ci = connect(pop, pop, "inh", i=i[~is_exc], j=j[~is_exc], name=f"{kind}_inh")
    if kind == "cuba":
        pop.group.v = q["V_reset"] + rng.random(n) * (q["V_th"] - q["V_reset"])
    else:  # Brian2's COBAHH example start, drawn with numpy: the conductances kick it
        pop.group.v = q["E_L"] + (rng.standard_normal(n) * 5 - 5) * mV
        pop.group.s_exc = (rng.standard_normal(n) * 1.5 + 4) * 10 * nS
        pop.group.s_inh = (rng.standard_normal(n) * 12 + 20) * 10 * nS
    mons = record(pop, ["v"] if record_v else (), neurons=list(range(min(n, 5))))
    net = b2.Network(pop.group, ce, ci, *mons, name=f"bioneuro_{kind}_network")
    steps = int(round(float(duration / dt)))
    net.run(duration, namespace={}, **progress(steps, steps * n * (1 + p * n)))
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
    n, duration, exc_fraction, p, seed, dt
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
    NetworkRun
    """
    check_choice("kind", kind, ("cuba", "coba"))
    check_number("n", n, example="4000", positive=True, integer=True)
    check_quantity("duration", duration, ms, example="1*second", positive=True)
    check_choice("device", device, DEVICES)
    check_choice("target", target, TARGETS)
    check_number("threads", threads, example="2", nonnegative=True, integer=True)
    check_probability("exc_fraction", exc_fraction, example="0.8")
    check_probability("p", p, example="0.02")
    check_number("seed", seed, example="0", nonnegative=True, integer=True)
    check_quantity("dt", dt, ms, example="0.1*ms", positive=True)
    if not isinstance(record_v, bool):
        raise TypeError(f"record_v must be True or False; got {record_v!r}")
    n_syn = p * n * n
    check_budget(
        "n",
        n,
        nbytes=n * NEURON_BYTES + n_syn * SYNAPSE_BYTES * 3,
        what=f"{n} neurons, p x n x n = {n_syn:.3g} synapses",
    )
    check_steps(duration, dt, n=n + n_syn)
    if device == "runtime":
        _, mons, n_exc, seconds = _benchmark_network(
            kind, n, duration, exc_fraction, p, seed, dt, target, record_v
        )
        out = _collect(mons, n, n_exc, duration, record_v)
    else:
        with standalone(standalone_directory(f"{kind}_{n}"), threads):
            _, mons, n_exc, seconds = _benchmark_network(
                kind, n, duration, exc_fraction, p, seed, dt, "auto", record_v
            )
            out = _collect(mons, n, n_exc, duration, record_v)
    out.seconds = seconds
    return out


def _collect(mons, n, n_exc, duration, record_v):
    spikes = mons[0]
    out = NetworkRun(
        i=owned(np.asarray(spikes.i[:])),
        t=owned(spikes.t[:]),
        n_exc=n_exc,
        rate_exc=mean_rate(spikes, duration, np.arange(n_exc)),
        rate_inh=mean_rate(spikes, duration, np.arange(n_exc, n)) if n > n_exc else 0 * Hz,
    )
    if record_v:
        out.v, out.t_v = owned(mons[1].v[:]), owned(mons[1].t[:])
    return out


__all__ = ["COBA", "CUBA", "NetworkRun", "benchmark_network"]
