"""Chains: a signal handed from neuron to neuron.

* :func:`relay_chain`: point neurons in a row, each driving the next through one
  current-based synapse; the hop latency is predicted by the closed-form PSP.
* :func:`cell_chain`: compartmental cells in a row: a spike leaves cell k along its axon
  and opens a synapse on cell k+1's dendrite.
"""

from __future__ import annotations

from dataclasses import dataclass

import brian2 as b2
import numpy as np
from brian2 import ms, mV, nA, nS, pA

from bioneuro.bio.analysis import crossings
from bioneuro.bio.backends.readout import owned
from bioneuro.bio.cell import Cell
from bioneuro.bio.inputs import spike_input
from bioneuro.bio.models.morphology import branched_cell
from bioneuro.bio.models.point import LIF
from bioneuro.bio.models.synapses import Synapse
from bioneuro.bio.network import Population, connect, record
from bioneuro.checks import check_budget, check_number, check_quantity, check_steps, progress
from bioneuro.theory.psp import threshold_latency


@dataclass
class RelayChain:
    """What :func:`relay_chain` measured.

    Attributes
    ----------
    spike_times : list of Quantity
        One array of spike times per neuron.
    t : Quantity, shape (n_samples,)
    v : Quantity, shape (n, n_samples)
    hop_latency : Quantity or None
        Predicted time from one neuron's spike to the next one's: the synaptic delay plus
        the time the closed-form PSP needs to climb V_th - E_L (None: it never does).
    t_stim : Quantity
        When the input spike reached neuron 0.
    """

    spike_times: list
    t: b2.Quantity
    v: b2.Quantity
    hop_latency: b2.Quantity | None
    t_stim: b2.Quantity


@dataclass
class CellChain:
    """What :func:`cell_chain` measured, one entry per cell.

    Attributes
    ----------
    traces : list of dict
        Per cell: ``t`` and the voltage at ``soma``, ``synapse`` and ``axon_end``.
    soma_spikes, axon_spikes : list of Quantity or None
        First upward crossing of 0 mV at the soma and at the end of the axon.
    synapse_onsets : list of Quantity or None
        When the synapse on each cell opened (None for cell 0, started by a pulse).
    sites : dict
        Compartment index of ``soma``, ``synapse`` and ``axon_end``.
    """

    traces: list
    soma_spikes: list
    axon_spikes: list
    synapse_onsets: list
    sites: dict


def relay_chain(
    n=3,
    *,
    synapse=None,
    weight=None,
    model=None,
    t_stim=5 * ms,
    duration=60 * ms,
    dt=0.01 * ms,
    target="auto",
):
    """A chain of ``n`` point neurons, each driving the next through one synapse.

    A spike generator (the 'axon' of an upstream cell) fires once at ``t_stim`` into
    neuron 0; each neuron's spike reaches the next after the synapse's delay and the
    rise of the PSP to threshold. Point neurons: the synapse sits at the soma.

    Returns
    -------
    RelayChain
    """
    check_number("n", n, example="3", positive=True, integer=True)
    check_quantity("t_stim", t_stim, ms, example="5*ms", nonnegative=True)
    check_quantity("duration", duration, ms, example="60*ms", positive=True)
    check_quantity("dt", dt, ms, example="0.01*ms", positive=True)
    if not t_stim < duration:
        raise ValueError(
            f"t_stim must come before the end of the run; got t_stim={t_stim}, duration={duration}"
        )
    steps = check_steps(duration, dt, n=n)
    check_budget(
        "n", n, nbytes=8.0 * n * (steps * 3 + 40), what=f"v of {n} neurons x {steps} steps"
    )
    if model is not None and not isinstance(model, LIF):
        raise TypeError(f"model must be a bioneuro.bio.LIF (or None); got {model!r}")
    if synapse is not None and not isinstance(synapse, Synapse):
        raise TypeError(f"synapse must be a Synapse (or None); got {synapse!r}")
    model = model or LIF()
    synapse = synapse or Synapse(
        "relay", kinetics="alpha", mode="current", tau_decay=1 * ms, weight=400 * pA, delay=2 * ms
    )
    if synapse.mode != "current":
        raise ValueError(
            "relay_chain predicts latencies from the current-based closed form; "
            "give a synapse with mode='current'"
        )
    weight = synapse.weight if weight is None else synapse.check_weight(weight)
    pop = Population(model, n, receptors=[synapse], name="chain", dt=dt, target=target)
    gen = spike_input([0], b2.Quantity([t_stim]), 1, name="chain_input", dt=dt, target=target)
    into = connect(gen, pop, synapse.name, weight=weight, i=[0], j=[0], name="chain_in")
    objects = [pop.group, gen, into]
    if n > 1:
        links = connect(
            pop,
            pop,
            synapse.name,
            weight=weight,
            i=np.arange(n - 1),
            j=np.arange(1, n),
            name="chain_links",
        )
        objects.append(links)
    mons = record(pop, ["v"])
    net = b2.Network(*objects, *mons, name="bioneuro_chain_network")
    net.run(duration, namespace={}, **progress(steps, steps * n))
    trains = mons[0].spike_trains()
    p = model.parameters()
    rise = threshold_latency(
        synapse, R=p["R"], tau_m=p["tau_m"], gap=p["V_th"] - p["E_L"], weight=weight
    )
    hop = None if rise is None else synapse.delay + rise
    return RelayChain(
        spike_times=[owned(trains[k][:]) for k in range(n)],
        t=owned(mons[1].t[:]),
        v=owned(mons[1].v[:]),
        hop_latency=hop,
        t_stim=t_stim,
    )


def cell_chain(
    n=3,
    *,
    cell=None,
    section="dend0a",
    position=0.5,
    g_max=20 * nS,
    tau=1 * ms,
    delay=1 * ms,
    stimulus=1 * nA,
    t_stim=2 * ms,
    window=12 * ms,
):
    """A chain of compartmental cells: a spike in cell k's axon drives cell k+1 through a
    synapse on its dendrite.

    Cell 0 is started by a 1 ms current pulse into its soma. When a spike reaches the
    end of cell k's axon (upward crossing of 0 mV), a synapse on cell k+1's dendrite
    (an alpha conductance peaking at ``g_max`` a time ``tau`` after onset, E = 0 mV,
    :meth:`bioneuro.bio.cell.Cell.add_synapse`) opens ``delay`` later. The chain is
    feed-forward, so the cells are simulated one after the other with the same
    :class:`~bioneuro.bio.cell.Cell` (one compiled model); this is exact because no
    cell feeds back on an earlier one.

    Parameters
    ----------
    n : int
    cell : Cell or None
        Default: ``Cell(branched_cell(n_dendrites=2))`` (HH soma, initial segment and
        1 mm axon; passive branched dendrites).
    section, position : where the synapse sits on each receiving cell.
    g_max, tau, delay : synaptic peak conductance, time to peak, axonal + synaptic delay.
    stimulus, t_stim : the pulse that starts cell 0.
    window : Quantity
        Each cell is simulated until ``window`` after its input starts.

    Returns
    -------
    CellChain
    """
    check_number("n", n, example="3", positive=True, integer=True)
    check_budget("n", n, steps=float(n) * 1e4, what=f"{n} cell runs")
    check_number("position", position, example="0.5", nonnegative=True)
    for key, value, ex in (
        ("g_max", g_max, "20*nS"),
        ("tau", tau, "1*ms"),
        ("delay", delay, "1*ms"),
        ("t_stim", t_stim, "2*ms"),
        ("window", window, "12*ms"),
    ):
        unit = nS if key == "g_max" else ms
        check_quantity(
            key,
            value,
            unit,
            example=ex,
            nonnegative=key in ("delay", "t_stim"),
            positive=key not in ("delay", "t_stim"),
        )
    check_quantity("stimulus", stimulus, nA, example="1*nA")
    if cell is not None and not isinstance(cell, Cell):
        raise TypeError(f"cell must be a bioneuro.bio.Cell (or None); got {cell!r}")
    cell = cell if cell is not None else Cell(branched_cell(n_dendrites=2))
    if section not in cell.geometry.sections:
        raise ValueError(
            f"location {section!r} is unknown on this cell; its sections are "
            f"{', '.join(cell.geometry.sections)}"
        )
    axon = [s for s, g in cell.geometry.sections.items() if g.region in ("axon", "node")]
    if not axon:
        raise ValueError("the cell has no axon: a chain needs one to carry the spike on")
    sites = {
        "soma": cell.compartment("soma"),
        "synapse": cell.compartment(section, position),
        "axon_end": cell.compartment(axon[-1], 1.0),
    }
    record_at = list(sites.values())
    out = CellChain(traces=[], soma_spikes=[], axon_spikes=[], synapse_onsets=[], sites=sites)
    onset = None
    for k in range(int(n)):
        cell.clear_inputs()
        if k == 0:
            cell.inject("soma", 0.5, stimulus, start=t_stim, stop=t_stim + 1 * ms)
        elif onset is not None:
            cell.add_synapse(section, position, g_max, onset=onset, tau=tau)
        start = t_stim if k == 0 else onset
        if k and onset is None:  # the previous cell did not fire: nothing arrives
            start = 0 * ms
        trace = cell.run(start + window, record=record_at)
        rows = dict(zip(sites, trace.v, strict=True))
        rows["t"] = trace.t
        out.traces.append(rows)
        out.synapse_onsets.append(onset if k else None)
        firsts = []
        for where in ("soma", "axon_end"):
            c = crossings(trace.t, rows[where], 0 * mV)
            firsts.append(c[0] if len(c) else None)
        out.soma_spikes.append(firsts[0])
        out.axon_spikes.append(firsts[1])
        onset = None if firsts[1] is None else firsts[1] + delay
    return out


__all__ = ["CellChain", "RelayChain", "cell_chain", "relay_chain"]
