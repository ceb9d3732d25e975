"""Postsynaptic potentials: given presynaptic spikes, the membrane's response.

* :func:`spike_responses`: neurons (passive by default) receive presynaptic spikes at
  given times through given receptors; returns their membrane potential.
* :func:`nmda_clamp`: the effective NMDA conductance per unit weight with the membrane
  clamped at each of several voltages: the magnesium block B(v), measured.
"""

from __future__ import annotations

from dataclasses import dataclass

import brian2 as b2
import numpy as np
from brian2 import ms, mV

from bioneuro.bio.backends.brian import Integrator, codeobj_class
from bioneuro.bio.backends.readout import owned
from bioneuro.bio.inputs import spike_input
from bioneuro.bio.models.synapses import Synapse
from bioneuro.bio.network import Population, connect
from bioneuro.checks import check_budget, check_number, check_quantity, check_steps, progress
from bioneuro.theory.psp import biexp_peak_time


@dataclass
class SpikeResponses:
    """The membrane potential of neurons driven by given presynaptic spikes.

    Attributes
    ----------
    t : Quantity, shape (n_samples,)
    v : Quantity, shape (n_neurons, n_samples)
    population : Population
        The simulated neurons (their Brian2 group and receptors).
    """

    t: b2.Quantity
    v: b2.Quantity
    population: Population


def spike_responses(
    model,
    receptors,
    events,
    duration,
    *,
    dt=0.025 * ms,
    spiking=False,
    I_ext=None,
    target="auto",
    name="psp",
):
    """Membrane potential of neurons driven by given presynaptic spikes.

    Parameters
    ----------
    model : PointModel
    receptors : sequence of Synapse
    events : sequence of (neuron, receptor name, time, weight)
        One presynaptic spike each: neuron index (0..), which receptor, arrival time
        at the synapse (before the receptor's delay), and its weight.
    duration, dt : Quantity
    spiking : bool (default False: passive membranes, for PSPs)
    I_ext : Quantity (scalar or one per neuron), optional
        A constant current holding each neuron away from E_L; v starts at the new rest
        E_L + R I_ext (LIF).

    Returns
    -------
    SpikeResponses
        ``t``, ``v`` (shape (n_neurons, n_samples)) and the ``population``.
    """
    check_quantity("duration", duration, ms, example="100*ms", positive=True)
    check_quantity("dt", dt, ms, example="0.025*ms", positive=True)
    if isinstance(events, tuple) and len(events) == 4 and isinstance(events[1], str):
        events = [events]  # one event given bare
    if not isinstance(events, (list, tuple)) or not events:
        raise ValueError(
            f"events must list at least one (neuron, receptor, time, weight); got {events!r}"
        )
    for k, e in enumerate(events):
        if not isinstance(e, (list, tuple)) or len(e) != 4:
            raise ValueError(
                f"events[{k}] must be (neuron, receptor name, time, weight); got {e!r}"
            )
        check_number(f"events[{k}] neuron", e[0], example="0", nonnegative=True, integer=True)
        check_quantity(f"events[{k}] time", e[2], ms, example="5*ms", nonnegative=True)
    n = int(max(e[0] for e in events)) + 1
    check_budget("events", f"{len(events)} events up to neuron {n - 1}", nbytes=n * 8 * 40)
    steps = check_steps(duration, dt, n=n)
    check_budget(
        "duration", duration, nbytes=8.0 * n * steps * 3, what=f"v of {n} neurons x {steps} steps"
    )
    pop = Population(
        model, n, receptors=receptors, name=name, dt=dt, spiking=spiking, target=target
    )
    if I_ext is not None:
        check_quantity("I_ext", I_ext, b2.amp, example="100*pA", allow_array=True)
        pop.group.I_ext = I_ext
        p = model.parameters()
        if "R" in p and "E_L" in p:
            pop.group.v = p["E_L"] + p["R"] * I_ext
    objects = [pop.group]
    for r in pop.receptors:
        mine = [e for e in events if e[1] == r]
        if not mine:
            continue
        gen = spike_input(
            np.arange(len(mine)),
            b2.Quantity([e[2] for e in mine]),
            len(mine),
            name=f"{name}_{r}_input",
            dt=dt,
            target=target,
        )
        weights = b2.Quantity([e[3] for e in mine])
        syn = connect(
            gen,
            pop,
            r,
            weight=weights,
            i=np.arange(len(mine)),
            j=np.array([e[0] for e in mine]),
            name=f"{name}_{r}",
        )
        objects += [gen, syn]
    unknown = {e[1] for e in events} - set(pop.receptors)
    if unknown:
        raise ValueError(
            f"events name unknown receptor(s) {sorted(unknown)}; receptors are "
            f"{list(pop.receptors)}"
        )
    states = b2.StateMonitor(
        pop.group,
        "v",
        record=True,
        name=f"bioneuro_{name}_states",
        codeobj_class=codeobj_class(target),
    )
    net = b2.Network(*objects, states, name=f"bioneuro_{name}_network")
    net.run(duration, namespace={}, **progress(steps, steps * n))
    return SpikeResponses(t=owned(states.t[:]), v=owned(states.v[:]), population=pop)


def nmda_clamp(synapse, voltages, *, target="auto"):
    """Effective NMDA conductance per unit weight, g(v)/w, with v clamped.

    Each neuron is held at one voltage (``v`` a constant), receives one spike, and the
    synaptic current is read at the conductance peak: g_eff = I / (E_rev - v), divided
    by the peak of s (the weight). For a synapse with ``mg`` this is B(v).

    Returns an ndarray, one value per voltage (voltages equal to E_rev are NaN).
    """
    if not isinstance(synapse, Synapse) or synapse.mode != "conductance":
        raise TypeError(f"synapse must be a conductance Synapse, e.g. NMDA(); got {synapse!r}")
    check_quantity(
        "voltages", voltages, mV, example="np.arange(-100, 41, 10)*mV", allow_array=True
    )
    voltages = b2.Quantity(np.atleast_1d(np.asarray(voltages)), dim=b2.get_dimensions(voltages))
    if voltages.ndim != 1 or voltages.size == 0:
        raise ValueError(f"voltages must be a 1-D array of at least one voltage; got {voltages}")
    check_budget("voltages", voltages, nbytes=voltages.size * 8 * 400.0)
    n, dt = len(voltages), 0.025 * ms
    text = "v : volt (constant)\n" + synapse.neuron_equations()
    group = b2.NeuronGroup(
        n,
        text,
        method=Integrator("exact"),
        dt=dt,
        name="bioneuro_clamp",
        codeobj_class=codeobj_class(target),
        namespace={},
    )
    for key, value in synapse.neuron_parameters().items():
        setattr(group, key, value)
    group.v = voltages
    gen = spike_input(np.zeros(1, int), [0] * ms, 1, name="clamp_input", dt=dt, target=target)
    syn = b2.Synapses(
        gen,
        group,
        "w : siemens (constant, shared)",
        on_pre=synapse.on_pre(),
        dt=dt,
        name="bioneuro_clamp_synapse",
        namespace={},
        codeobj_class=codeobj_class(target),
    )
    syn.connect()
    syn.w = synapse.weight
    current = synapse.current
    states = b2.StateMonitor(
        group,
        [current, f"s_{synapse.name}"],
        record=True,
        name="bioneuro_clamp_states",
        codeobj_class=codeobj_class(target),
    )
    peak = (
        synapse.tau_decay
        if synapse.kinetics == "alpha"
        else (
            biexp_peak_time(synapse.tau_rise, synapse.tau_decay)
            if synapse.kinetics == "biexponential"
            else 0 * ms
        )
    )
    net = b2.Network(group, gen, syn, states, name="bioneuro_clamp_network")
    net.run(peak + 2 * dt, namespace={})
    k = int(np.argmax(np.asarray(getattr(states, f"s_{synapse.name}")[0])))
    s = np.asarray(getattr(states, f"s_{synapse.name}")[:, k] / b2.siemens, dtype=float)
    i = np.asarray(getattr(states, current)[:, k] / b2.amp, dtype=float)
    drive = np.asarray((synapse.E_rev - voltages) / b2.volt, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        g = np.where(drive != 0, i / drive, np.nan)
    return g / s


__all__ = ["SpikeResponses", "nmda_clamp", "spike_responses"]
