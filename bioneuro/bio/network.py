"""Networks of biological neurons on Brian2: populations, synaptic connections, input,
recording, a relay chain, and the Brette et al. (2007) CUBA and COBA benchmarks.

The point neuron is the model of :mod:`bioneuro.bio.models` (its equations written
once); a population adds each synapse type's postsynaptic variables and feeds the
model's input with their sum::

    I_stim = I_ext + I_<syn 1> + I_<syn 2> + ... : amp

so ``tau_m dv/dt = E_L - v + R I_stim`` (LIF) is never retyped. Every Brian2 object has
a fixed name (``bioneuro_<name>``) and the parameters are group variables, so a second
run with other weights or time constants reuses the compiled code.
"""

from __future__ import annotations

import copy
import os
import time
from pathlib import Path

import brian2 as b2
import numpy as np
from brian2 import Hz, Mohm, ms, mV, nA, nS, pA, second

from bioneuro._checks import check_choice, check_number, check_quantity
from bioneuro.bio.brian import _codeobj_class, _unit_string, model_equations, spike_rule
from bioneuro.bio.models import LIF, PointModel
from bioneuro.bio.synapses import Synapse

_TARGETS = ("auto", "cython", "numpy")


def _method(model, receptors):
    """Integration method for a model with synapses.

    * ``exact`` for a linear system with at most two exponential synapses (as in CUBA).
      Brian2 solves linear systems symbolically with sympy; measured here, six coupled
      variables took ~70 s per build and one alpha synapse (v, s, x) ~20 s, so any
      other linear system uses rk4 (error ~1e-9 of the PSP peak at dt = 0.025 ms,
      measured against the closed form);
    * ``exponential_euler`` for conductance synapses (linear in v given s);
    * ``rk4`` with the NMDA block (B(v) makes dv/dt non-linear in v).
    """
    if any(r.mg is not None for r in receptors):
        return "rk4"
    if any(r.mode == "conductance" for r in receptors):
        return "exponential_euler"
    simple = all(r.kinetics == "exponential" for r in receptors) and len(receptors) <= 2
    if model.brian2_method == "exact" and not simple:
        return "rk4"
    return model.brian2_method


class Population:
    """A group of identical point neurons with synaptic receptors.

    Parameters
    ----------
    model : PointModel
        e.g. ``LIF()``; its input must be a current (``amp``).
    n : int
        Number of neurons.
    receptors : sequence of Synapse
        The synapse types this population can receive (each with a distinct name).
    name : str
        Brian2 name suffix: the group is ``bioneuro_<name>`` (fixed names keep the
        compiled-code cache warm).
    dt : Quantity
        Time step (default 0.1 ms, the CUBA/COBA step; use 0.01-0.025 ms for PSPs).
    spiking : bool
        False: a passive membrane (no threshold, no reset).
    method : str or None
        Brian2 integration method (default: ``exact`` for linear systems, exponential
        Euler with conductance synapses, rk4 with the NMDA block).
    target : {"auto", "cython", "numpy"}

    Attributes
    ----------
    group : b2.NeuronGroup
    receptors : dict name -> Synapse
    """

    locations = ("soma",)

    def __init__(self, model, n, *, receptors=(), name="pop", dt=0.1 * ms, spiking=True,
                 method=None, target="auto"):  # fmt: skip
        if not isinstance(model, PointModel):
            raise TypeError(f"model must be a point model, e.g. LIF(); got {model!r}")
        if not b2.have_same_dimensions(model.input_unit, b2.amp):
            raise ValueError(
                f"model must take a current as input (like LIF); {type(model).__name__} "
                f"takes {model.input_unit!r} (a current density): use a cell for it"
            )
        check_number("n", n, example="100", positive=True, integer=True)
        check_quantity("dt", dt, ms, example="0.1*ms", positive=True)
        check_choice("target", target, _TARGETS)
        self.receptors = {}
        for r in receptors:
            if not isinstance(r, Synapse):
                raise TypeError(f"receptors must be Synapse objects, e.g. AMPA(); got {r!r}")
            if r.name in self.receptors:
                raise ValueError(f"two receptors named {r.name!r}; give each a distinct name=")
            self.receptors[r.name] = r
        self.model, self.n, self.name, self.dt, self.target = model, int(n), name, dt, target
        currents = " + ".join(["I_ext"] + [r.current for r in receptors])
        eqs = model.equations if spiking else model.equations.replace("(unless refractory)", "")
        base = copy.copy(model)  # the model's own equations, minus refractoriness if passive
        base.equations = eqs
        unit = _unit_string(model.input_unit)
        equations = model_equations(base, f"I_stim = {currents} : {unit}") + b2.Equations(
            f"I_ext : {unit}\n" + "".join(r.neuron_equations() for r in receptors)
        )
        self.method = method or _method(model, receptors)
        rule = spike_rule(model) if spiking else {}
        self.group = b2.NeuronGroup(self.n, equations, method=self.method, dt=dt,
                                    name=f"bioneuro_{name}", namespace={},
                                    codeobj_class=_codeobj_class(target), **rule)  # fmt: skip
        for key, value in model.parameters().items():
            setattr(self.group, key, value)
        for r in receptors:
            for key, value in r.neuron_parameters().items():
                setattr(self.group, key, value)
        for key, value in model.initial_state().items():
            setattr(self.group, key, value)

    def check_location(self, location):
        """A point neuron has one location, its soma."""
        if location not in (None, *self.locations):
            raise ValueError(
                f"location {location!r} is unknown for point neurons ({self.name!r}); a point "
                f"neuron has only 'soma' (use a compartmental cell for dendritic locations)"
            )
        return "soma"

    def __repr__(self) -> str:
        return (f"Population({self.name!r}, {self.n} x {type(self.model).__name__}, "
                f"receptors={list(self.receptors)})")  # fmt: skip


def _source_group(pre):
    if isinstance(pre, Population):
        return pre.group
    if isinstance(pre, b2.Group):
        return pre
    raise TypeError(f"pre must be a Population or a Brian2 group; got {pre!r}")


def connect(pre, post, receptor, *, weight=None, delay=None, p=None, i=None, j=None,
            location=None, plasticity=None, name=None):  # fmt: skip
    """Connect ``pre`` to ``post`` through synapses of type ``receptor``.

    Parameters
    ----------
    pre : Population or Brian2 group (e.g. a PoissonGroup, SpikeGeneratorGroup)
    post : Population
    receptor : str or Synapse
        One of ``post``'s receptors (by name or the object).
    weight : Quantity (scalar or one per synapse), optional
        Peak conductance (siemens) or current (amp); default ``receptor.weight``.
    delay : Quantity, optional
        Default ``receptor.delay``; >= 0.
    p : float, optional
        Connection probability (each pair independently); or give ``i``/``j``.
    i, j : int arrays, optional
        Explicit presynaptic and postsynaptic indices (default: one-to-one).
    location : str or None
        Where on ``post`` (point neurons: None or "soma").
    plasticity : STDP or None
        Makes the weight plastic (per-synapse ``w`` bounded by the rule's ``w_max``).
    name : str, optional
        Brian2 name suffix (default ``<pre>_to_<post>_<receptor>``).

    Returns
    -------
    b2.Synapses (weight in ``.w``).
    """
    source = _source_group(pre)
    if not isinstance(post, Population):
        from bioneuro.bio.cell import Cell

        if isinstance(post, Cell):
            raise TypeError(
                "post is a compartmental Cell: put the synapse at a location with "
                "cell.attach(AMPA(), 'dend0', 0.5, source=pre) instead of connect()"
            )
        raise TypeError(f"post must be a Population; got {post!r}")
    key = receptor.name if isinstance(receptor, Synapse) else receptor
    if key not in post.receptors:
        raise ValueError(
            f"receptor {key!r} is not on {post.name!r}; its receptors are "
            f"{list(post.receptors) or 'none'} (give Population(..., receptors=[...]))"
        )
    syn = post.receptors[key]
    post.check_location(location)
    weight = syn.weight if weight is None else syn.check_weight(weight)
    delay = syn.delay if delay is None else check_quantity(
        "delay", delay, ms, example="1*ms", nonnegative=True)  # fmt: skip
    if p is not None:
        check_number("p", p, example="0.02", nonnegative=True)
        if p > 1:
            raise ValueError(f"p must be a probability in [0, 1], e.g. 0.02; got {p!r}")
    per_synapse = plasticity is not None or np.ndim(weight) > 0
    if plasticity is not None:
        if not b2.have_same_dimensions(plasticity.w_max, syn.weight_unit):
            raise TypeError(
                f"plasticity.w_max must have the weight's unit ({syn.weight_unit!r}), e.g. "
                f"STDP.song(w_max=2*nS); got w_max={plasticity.w_max!r}"
            )
        model, on_post = plasticity.synapse_model(), plasticity.on_post()
        on_pre = syn.on_pre("w") + "\n" + plasticity.on_pre()
    else:
        flag = "(constant)" if per_synapse else "(constant, shared)"
        model, on_pre, on_post = (
            f"w : {_unit_string(syn.weight_unit)} {flag}",
            syn.on_pre("w"),
            None,
        )
    pre_name = pre.name if isinstance(pre, Population) else source.name.removeprefix("bioneuro_")
    name = name or f"{pre_name}_to_{post.name}_{key}"
    kwargs = {"on_post": on_post} if on_post else {}
    if float(delay / ms) > 0:
        kwargs["delay"] = delay
    synapses = b2.Synapses(source, post.group, model=model, on_pre=on_pre, dt=post.dt,
                           name=f"bioneuro_{name}", namespace={},
                           codeobj_class=_codeobj_class(post.target), **kwargs)  # fmt: skip
    if p is not None:
        synapses.connect(p=p)
    elif i is not None or j is not None:
        synapses.connect(i=np.asarray(i), j=np.asarray(j))
    else:
        synapses.connect(j="i")
    if plasticity is not None:
        plasticity.set_parameters(synapses)
    synapses.w = weight
    return synapses


def random_pairs(n_pre, n_post, p, rng):
    """Indices (i, j) of independent Bernoulli(p) connections, drawn with numpy.

    Geometric gaps between successive connected pairs in the flattened n_pre x n_post
    matrix: exact Bernoulli sampling without a dense random matrix.
    """
    total = n_pre * n_post
    if p <= 0 or total == 0:
        return np.zeros(0, int), np.zeros(0, int)
    chunks, position = [], -1
    while position < total:
        size = int(total * p + 6 * np.sqrt(total * p) + 100)
        idx = position + np.cumsum(rng.geometric(p, size=size))
        chunks.append(idx[idx < total])
        position = idx[-1]
    flat = np.concatenate(chunks)
    return flat // n_post, flat % n_post


def poisson_input(n, rate, *, name="poisson", dt=0.1 * ms, target="auto"):
    """``n`` independent Poisson spike trains at ``rate`` (a ``b2.PoissonGroup``)."""
    check_number("n", n, example="100", positive=True, integer=True)
    check_quantity("rate", rate, Hz, example="10*Hz", nonnegative=True)
    return b2.PoissonGroup(int(n), rates=rate, dt=dt, name=f"bioneuro_{name}",
                           codeobj_class=_codeobj_class(target))  # fmt: skip


def spike_input(indices, times, n=None, *, name="spikes", dt=0.1 * ms, target="auto"):
    """Spikes at given times (a ``b2.SpikeGeneratorGroup``); times rounded to ``dt``."""
    check_quantity("times", times, ms, example="[5, 10]*ms", allow_array=True, nonnegative=True)
    indices = np.asarray(indices, dtype=int)
    n = int(indices.max()) + 1 if n is None else n
    steps = np.round(np.asarray(times / dt, dtype=float))
    return b2.SpikeGeneratorGroup(n, indices, steps * dt, dt=dt, name=f"bioneuro_{name}",
                                  codeobj_class=_codeobj_class(target))  # fmt: skip


def record(population, variables=(), *, spikes=True, neurons=True, name=None):
    """Monitors for a population: spikes (``SpikeMonitor``) and variables (``StateMonitor``).

    Returns a list of monitors (spikes first) to add to the network.
    """
    name = name or population.name
    group = population.group if isinstance(population, Population) else population
    codeobj = _codeobj_class(population.target) if isinstance(population, Population) else None
    out = []
    if spikes:
        out.append(b2.SpikeMonitor(group, name=f"bioneuro_{name}_spikes", codeobj_class=codeobj))
    if variables:
        states_name = f"bioneuro_{name}_states"
        out.append(b2.StateMonitor(group, list(variables), record=neurons, name=states_name,
                                   codeobj_class=codeobj))  # fmt: skip
    return out


def mean_rate(spike_monitor, duration, neurons=None):
    """Mean firing rate (Hz) over ``neurons`` (indices; default all) during ``duration``."""
    counts = np.asarray(spike_monitor.count[:])
    counts = counts if neurons is None else counts[np.asarray(neurons)]
    return float(np.mean(counts) / float(duration / second)) * Hz


# ------------------------------------------------------------------- experiments


def spike_responses(model, receptors, events, duration, *, dt=0.025 * ms, spiking=False,
                    I_ext=None, target="auto", name="psp"):  # fmt: skip
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
    dict with ``t`` (Quantity), ``v`` (Quantity, shape (n_neurons, n_samples)),
    ``population``.
    """
    check_quantity("duration", duration, ms, example="100*ms", positive=True)
    if not events:
        raise ValueError("events must list at least one (neuron, receptor, time, weight)")
    n = int(max(e[0] for e in events)) + 1
    pop = Population(model, n, receptors=receptors, name=name, dt=dt, spiking=spiking,
                     target=target)  # fmt: skip
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
        gen = spike_input(np.arange(len(mine)), b2.Quantity([e[2] for e in mine]),
                          len(mine), name=f"{name}_{r}_input", dt=dt, target=target)  # fmt: skip
        weights = b2.Quantity([e[3] for e in mine])
        syn = connect(gen, pop, r, weight=weights, i=np.arange(len(mine)),
                      j=np.array([e[0] for e in mine]), name=f"{name}_{r}")  # fmt: skip
        objects += [gen, syn]
    unknown = {e[1] for e in events} - set(pop.receptors)
    if unknown:
        raise ValueError(f"events name unknown receptor(s) {sorted(unknown)}; receptors are "
                         f"{list(pop.receptors)}")  # fmt: skip
    states = b2.StateMonitor(pop.group, "v", record=True, name=f"bioneuro_{name}_states",
                             codeobj_class=_codeobj_class(target))  # fmt: skip
    net = b2.Network(*objects, states, name=f"bioneuro_{name}_network")
    net.run(duration, namespace={})
    return {"t": states.t[:], "v": states.v[:], "population": pop}


def nmda_clamp(synapse, voltages, *, target="auto"):
    """Effective NMDA conductance per unit weight, g(v)/w, with v clamped.

    Each neuron is held at one voltage (``v`` a constant), receives one spike, and the
    synaptic current is read at the conductance peak: g_eff = I / (E_rev - v), divided
    by the peak of s (the weight). For a synapse with ``mg`` this is B(v).

    Returns an ndarray, one value per voltage (voltages equal to E_rev are NaN).
    """
    if not isinstance(synapse, Synapse) or synapse.mode != "conductance":
        raise TypeError(f"synapse must be a conductance Synapse, e.g. NMDA(); got {synapse!r}")
    check_quantity("voltages", voltages, mV, example="np.arange(-100, 41, 10)*mV",
                   allow_array=True)  # fmt: skip
    n, dt = len(voltages), 0.025 * ms
    text = "v : volt (constant)\n" + synapse.neuron_equations()
    group = b2.NeuronGroup(n, text, method="exact", dt=dt, name="bioneuro_clamp",
                           codeobj_class=_codeobj_class(target), namespace={})  # fmt: skip
    for key, value in synapse.neuron_parameters().items():
        setattr(group, key, value)
    group.v = voltages
    gen = spike_input(np.zeros(1, int), [0] * ms, 1, name="clamp_input", dt=dt, target=target)
    syn = b2.Synapses(gen, group, "w : siemens (constant, shared)", on_pre=synapse.on_pre(),
                      dt=dt, name="bioneuro_clamp_synapse", namespace={},
                      codeobj_class=_codeobj_class(target))  # fmt: skip
    syn.connect()
    syn.w = synapse.weight
    current = synapse.current
    states = b2.StateMonitor(group, [current, f"s_{synapse.name}"], record=True,
                             name="bioneuro_clamp_states",
                             codeobj_class=_codeobj_class(target))  # fmt: skip
    from bioneuro.bio.synapses import biexp_peak_time

    peak = synapse.tau_decay if synapse.kinetics == "alpha" else (
        biexp_peak_time(synapse.tau_rise, synapse.tau_decay)
        if synapse.kinetics == "biexponential" else 0 * ms)  # fmt: skip
    net = b2.Network(group, gen, syn, states, name="bioneuro_clamp_network")
    net.run(peak + 2 * dt, namespace={})
    k = int(np.argmax(np.asarray(getattr(states, f"s_{synapse.name}")[0])))
    s = np.asarray(getattr(states, f"s_{synapse.name}")[:, k] / b2.siemens, dtype=float)
    i = np.asarray(getattr(states, current)[:, k] / b2.amp, dtype=float)
    drive = np.asarray((synapse.E_rev - voltages) / b2.volt, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        g = np.where(drive != 0, i / drive, np.nan)
    return g / s


def relay_chain(n=3, *, synapse=None, weight=None, model=None, t_stim=5 * ms,
                duration=60 * ms, dt=0.01 * ms, target="auto"):  # fmt: skip
    """A chain of ``n`` point neurons, each driving the next through one synapse.

    A spike generator (the 'axon' of an upstream cell) fires once at ``t_stim`` into
    neuron 0; each neuron's spike reaches the next after the synapse's delay and the
    rise of the PSP to threshold. Point neurons: the synapse sits at the soma.

    Returns
    -------
    dict: ``spike_times`` (list of Quantity arrays, one per neuron), ``t``, ``v``
    (Quantity, shape (n, samples)), ``hop_latency`` predicted by the closed-form PSP
    (delay + time for the PSP to climb V_th - E_L), ``t_stim``.
    """
    from bioneuro.bio.psp_analytic import threshold_latency
    from bioneuro.bio.synapses import Synapse as _Syn

    check_number("n", n, example="3", positive=True, integer=True)
    model = model or LIF()
    synapse = synapse or _Syn("relay", kinetics="alpha", mode="current", tau_decay=1 * ms,
                              weight=400 * pA, delay=2 * ms)  # fmt: skip
    if synapse.mode != "current":
        raise ValueError("relay_chain predicts latencies from the current-based closed form; "
                         "give a synapse with mode='current'")  # fmt: skip
    weight = synapse.weight if weight is None else synapse.check_weight(weight)
    pop = Population(model, n, receptors=[synapse], name="chain", dt=dt, target=target)
    gen = spike_input([0], b2.Quantity([t_stim]), 1, name="chain_input", dt=dt, target=target)
    into = connect(gen, pop, synapse.name, weight=weight, i=[0], j=[0], name="chain_in")
    objects = [pop.group, gen, into]
    if n > 1:
        links = connect(pop, pop, synapse.name, weight=weight, i=np.arange(n - 1),
                        j=np.arange(1, n), name="chain_links")  # fmt: skip
        objects.append(links)
    mons = record(pop, ["v"])
    net = b2.Network(*objects, *mons, name="bioneuro_chain_network")
    net.run(duration, namespace={})
    trains = mons[0].spike_trains()
    p = model.parameters()
    rise = threshold_latency(synapse, R=p["R"], tau_m=p["tau_m"], gap=p["V_th"] - p["E_L"],
                             weight=weight)  # fmt: skip
    hop = None if rise is None else synapse.delay + rise
    return {"spike_times": [trains[k][:] for k in range(n)], "t": mons[1].t[:],
            "v": mons[1].v[:], "hop_latency": hop, "t_stim": t_stim}  # fmt: skip


def _crossings(t, v, level=0 * mV):
    """Times where ``v`` crosses ``level`` upwards (linear interpolation between samples)."""
    x = np.asarray((v - level) / mV, dtype=float)
    k = np.flatnonzero((x[:-1] < 0) & (x[1:] >= 0))
    ts = np.asarray(t / ms, dtype=float)
    return (ts[k] + (ts[k + 1] - ts[k]) * (-x[k]) / (x[k + 1] - x[k])) * ms


def cell_chain(n=3, *, cell=None, section="dend0a", position=0.5, g_max=20 * nS,
               tau=1 * ms, delay=1 * ms, stimulus=1 * nA, t_stim=2 * ms,
               window=12 * ms):  # fmt: skip
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
    dict: ``traces`` (one dict per cell: ``t`` and the ``soma``, ``synapse``,
    ``axon_end`` voltage traces); ``soma_spikes``, ``axon_spikes`` (first spike time per cell, or
    None); ``synapse_onsets``; ``sites`` (compartment indices).
    """
    from bioneuro.bio.cell import Cell
    from bioneuro.bio.morphology import branched_cell

    check_number("n", n, example="3", positive=True, integer=True)
    for key, value, ex in (("g_max", g_max, "20*nS"), ("tau", tau, "1*ms"),
                           ("delay", delay, "1*ms"), ("t_stim", t_stim, "2*ms"),
                           ("window", window, "12*ms")):  # fmt: skip
        unit = nS if key == "g_max" else ms
        check_quantity(key, value, unit, example=ex, nonnegative=key in ("delay", "t_stim"),
                       positive=key not in ("delay", "t_stim"))  # fmt: skip
    check_quantity("stimulus", stimulus, nA, example="1*nA")
    cell = cell if cell is not None else Cell(branched_cell(n_dendrites=2))
    if section not in cell.geometry.sections:
        raise ValueError(
            f"location {section!r} is unknown on this cell; its sections are "
            f"{', '.join(cell.geometry.sections)}"
        )
    axon = [s for s, g in cell.geometry.sections.items() if g.region in ("axon", "node")]
    if not axon:
        raise ValueError("the cell has no axon: a chain needs one to carry the spike on")
    sites = {"soma": cell.compartment("soma"), "synapse": cell.compartment(section, position),
             "axon_end": cell.compartment(axon[-1], 1.0)}  # fmt: skip
    record_at = list(sites.values())
    out = {"traces": [], "soma_spikes": [], "axon_spikes": [], "synapse_onsets": [],
           "sites": sites}  # fmt: skip
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
        out["traces"].append(rows)
        out["synapse_onsets"].append(onset if k else None)
        firsts = []
        for where in ("soma", "axon_end"):
            c = _crossings(trace.t, rows[where])
            firsts.append(c[0] if len(c) else None)
        out["soma_spikes"].append(firsts[0])
        out["axon_spikes"].append(firsts[1])
        onset = None if firsts[1] is None else firsts[1] + delay
    return out


# ------------------------------------------------------------------- CUBA / COBA

#: Brette et al. (2007) benchmark parameters, as in Brian2's examples/CUBA.py.
CUBA = {"tau_m": 20 * ms, "E_L": -49 * mV, "V_th": -50 * mV, "V_reset": -60 * mV,
        "t_ref": 5 * ms, "tau_e": 5 * ms, "tau_i": 10 * ms, "we": 60 * 0.27 / 10 * mV,
        "wi": -20 * 4.5 / 10 * mV}  # fmt: skip
#: Brette et al. (2007) benchmark 1 (COBA): 200 pF, 10 nS leak, jumps 6 nS and 67 nS.
COBA = {"tau_m": 20 * ms, "E_L": -60 * mV, "V_th": -50 * mV, "V_reset": -60 * mV,
        "t_ref": 5 * ms, "tau_e": 5 * ms, "tau_i": 10 * ms, "E_e": 0 * mV, "E_i": -80 * mV,
        "g_L": 10 * nS, "we": 6 * nS, "wi": 67 * nS}  # fmt: skip

DEVICES = ("runtime", "cpp_standalone")


def standalone_directory(name):
    """Persistent per-user build folder for the C++ standalone device."""
    base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return base / "bioneuro" / "standalone" / name


def _benchmark_network(kind, n, duration, exc_fraction, p, seed, dt, target, record_v):
    """Build and run one CUBA/COBA network on the current device; return raw results."""
    rng = np.random.default_rng(seed)
    R = 100 * Mohm  # any R: weights are voltage jumps / R (CUBA) or conductances (COBA)
    if kind == "cuba":
        q = CUBA
        exc = Synapse("exc", kinetics="exponential", mode="current", tau_decay=q["tau_e"],
                      weight=q["we"] / R)  # fmt: skip
        inh = Synapse("inh", kinetics="exponential", mode="current", tau_decay=q["tau_i"],
                      weight=q["wi"] / R)  # fmt: skip
    else:
        q = COBA
        R = 1 / q["g_L"]
        exc = Synapse("exc", kinetics="exponential", mode="conductance", tau_decay=q["tau_e"],
                      E_rev=q["E_e"], weight=q["we"])  # fmt: skip
        inh = Synapse("inh", kinetics="exponential", mode="conductance", tau_decay=q["tau_i"],
                      E_rev=q["E_i"], weight=q["wi"])  # fmt: skip
    model = LIF(tau_m=q["tau_m"], R=R, E_L=q["E_L"], V_th=q["V_th"], V_reset=q["V_reset"],
                t_ref=q["t_ref"])  # fmt: skip
    t0 = time.perf_counter()
    pop = Population(model, n, receptors=[exc, inh], name=kind, dt=dt, target=target,
                     method="exact" if kind == "cuba" else "euler")  # fmt: skip
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
    net.run(duration, namespace={})
    return pop, mons, n_exc, time.perf_counter() - t0


def benchmark_network(kind="cuba", n=4000, duration=1 * second, *, device="runtime",
                      exc_fraction=0.8, p=0.02, seed=0, dt=0.1 * ms, target="auto",
                      threads=0, record_v=False):  # fmt: skip
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
    hand-written Brian2 version: ``benchmarks/bench_coba.py``).

    Parameters
    ----------
    kind : {"cuba", "coba"}
    n, duration, exc_fraction, p, seed, dt
    device : {"runtime", "cpp_standalone"}
        ``cpp_standalone`` compiles the whole simulation into a C++ program built in
        :func:`standalone_directory` (``~/.cache/bioneuro/standalone/<kind>_<n>``); the
        device is selected inside this call and restored to runtime afterwards.
    target : {"auto", "cython", "numpy"}
        Runtime code generation target (ignored by cpp_standalone).
    threads : int
        OpenMP threads for cpp_standalone (0: single-threaded, no OpenMP).

    Returns
    -------
    dict: ``i``, ``t`` (spike indices and times), ``n_exc``, ``rate_exc``, ``rate_inh``
    (Quantity Hz), ``seconds`` (wall time of build + run), ``v`` and ``t_v`` if
    ``record_v``.
    """
    check_choice("kind", kind, ("cuba", "coba"))
    check_number("n", n, example="4000", positive=True, integer=True)
    check_quantity("duration", duration, ms, example="1*second", positive=True)
    check_choice("device", device, DEVICES)
    check_choice("target", target, _TARGETS)
    check_number("threads", threads, example="2", nonnegative=True, integer=True)
    check_number("exc_fraction", exc_fraction, example="0.8", nonnegative=True)
    if device == "runtime":
        _, mons, n_exc, seconds = _benchmark_network(kind, n, duration, exc_fraction, p,
                                                     seed, dt, target, record_v)  # fmt: skip
        out = _collect(mons, n, n_exc, duration, record_v)
    else:
        directory = standalone_directory(f"{kind}_{n}")
        old_threads = b2.prefs.devices.cpp_standalone.openmp_threads
        try:
            b2.prefs.devices.cpp_standalone.openmp_threads = int(threads)
            b2.set_device("cpp_standalone", directory=str(directory), build_on_run=True)
            _, mons, n_exc, seconds = _benchmark_network(kind, n, duration, exc_fraction, p,
                                                         seed, dt, "auto", record_v)  # fmt: skip
            out = _collect(mons, n, n_exc, duration, record_v)
        finally:
            b2.prefs.devices.cpp_standalone.openmp_threads = old_threads
            b2.device.reinit()
            b2.set_device("runtime")
    out["seconds"] = seconds
    return out


def _collect(mons, n, n_exc, duration, record_v):
    spikes = mons[0]
    out = {
        "i": np.asarray(spikes.i[:]),
        "t": spikes.t[:],
        "n_exc": n_exc,
        "rate_exc": mean_rate(spikes, duration, np.arange(n_exc)),
        "rate_inh": mean_rate(spikes, duration, np.arange(n_exc, n)) if n > n_exc else 0 * Hz,
    }
    if record_v:
        out["v"], out["t_v"] = mons[1].v[:], mons[1].t[:]
    return out  # fmt: skip


__all__ = ["COBA", "CUBA", "Population", "benchmark_network", "cell_chain", "connect", "mean_rate",
           "nmda_clamp", "poisson_input", "random_pairs", "record", "relay_chain",
           "spike_input", "spike_responses", "standalone_directory"]  # fmt: skip
