"""Networks of biological neurons on Brian2: populations, synaptic connections, recording.

Experiments built from these (postsynaptic potentials, relay chains, the Brette et al.
2007 benchmark networks) live in :mod:`bioneuro.bio.experiments`; spike inputs
(Poisson trains, spikes at given times) in :mod:`bioneuro.bio.inputs`.

The point neuron is the model of :mod:`bioneuro.bio.models` (its equations written
once); a population adds each synapse type's postsynaptic variables and feeds the
model's input with their sum::

    I_stim = I_ext + I_<syn 1> + I_<syn 2> + ... : amp

so ``tau_m dv/dt = E_L - v + R I_stim`` (LIF) is never retyped. Every Brian2 object has
a fixed name (``bioneuro_<name>``) and the parameters are group variables, so a second
run with other weights or time constants reuses the compiled code.
"""

from __future__ import annotations

import brian2 as b2
import numpy as np
from brian2 import ms

from bioneuro.bio.backends.brian import TARGETS, Integrator, codeobj_class, fixed_clock
from bioneuro.bio.backends.equations import model_equations, spike_rule, unit_string
from bioneuro.bio.inputs import spike_source
from bioneuro.bio.models.point import PointModel
from bioneuro.bio.models.synapses import Synapse
from bioneuro.checks import (
    check_budget,
    check_choice,
    check_indices,
    check_number,
    check_quantity,
    describe,
)

#: Brian2 integration methods a population may ask for.
METHODS = ("exact", "euler", "rk2", "rk4", "heun", "exponential_euler")
#: Bytes per neuron of a population (its Brian2 variables): an estimate.
NEURON_BYTES = 24 * 8
#: Bytes per synapse (i, j, w, delay, Brian2's index arrays, per-synapse traces).
SYNAPSE_BYTES = 12 * 8


def _check_name(name):
    if not isinstance(name, str) or not name.isidentifier():
        raise ValueError(f"name must be a Python identifier, e.g. 'pop'; got {name!r}")
    return name


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

    def __init__(
        self,
        model,
        n,
        *,
        receptors=(),
        name="pop",
        dt=0.1 * ms,
        spiking=True,
        method=None,
        target="auto",
    ):
        if not isinstance(model, PointModel):
            raise TypeError(f"model must be a point model, e.g. LIF(); got {model!r}")
        if not b2.have_same_dimensions(model.input_unit, b2.amp):
            raise ValueError(
                f"model must take a current as input (like LIF); {type(model).__name__} "
                f"takes {model.input_unit!r} (a current density): use a cell for it; got "
                f"{type(model).__name__}()"
            )
        check_number("n", n, example="100", positive=True, integer=True)
        check_quantity("dt", dt, ms, example="0.1*ms", positive=True)
        check_choice("target", target, TARGETS)
        _check_name(name)
        if not isinstance(spiking, bool):
            raise TypeError(f"spiking must be True or False; got {spiking!r}")
        if method is not None:
            check_choice("method", method, METHODS)
        if isinstance(receptors, (Synapse, str)):
            raise TypeError(
                f"receptors must be a list of Synapse objects, e.g. [AMPA()]; got {receptors!r}"
            )
        n_vars = len(model.parameters()) + len(model.state_variables) + 8
        check_budget(
            "n",
            n,
            nbytes=float(n) * (n_vars + 4 * len(receptors)) * 8,
            what=f"{n} neurons x {n_vars + 4 * len(receptors)} variables x 8 bytes",
        )
        self.receptors = {}
        for r in receptors:
            if not isinstance(r, Synapse):
                raise TypeError(f"receptors must be Synapse objects, e.g. AMPA(); got {r!r}")
            if r.name in self.receptors:
                raise ValueError(f"two receptors named {r.name!r}; give each a distinct name=")
            self.receptors[r.name] = r
        self.model, self.n, self.name, self.dt, self.target = model, int(n), name, dt, target
        currents = " + ".join(["I_ext"] + [r.current for r in receptors])
        unit = unit_string(model.input_unit)
        equations = model_equations(
            model, f"I_stim = {currents} : {unit}", spiking=spiking
        ) + b2.Equations(f"I_ext : {unit}\n" + "".join(r.neuron_equations() for r in receptors))
        self.method = method or _method(model, receptors)
        rule = spike_rule(model) if spiking else {}
        self.group = b2.NeuronGroup(
            self.n,
            equations,
            method=Integrator(self.method),
            clock=fixed_clock(f"bioneuro_{name}", dt),  # a fixed name: no recompiles
            name=f"bioneuro_{name}",
            namespace={},
            codeobj_class=codeobj_class(target),
            **rule,
        )
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
        return (
            f"Population({self.name!r}, {self.n} x {type(self.model).__name__}, "
            f"receptors={list(self.receptors)})"
        )


def connect(
    pre,
    post,
    receptor,
    *,
    weight=None,
    delay=None,
    p=None,
    i=None,
    j=None,
    location=None,
    plasticity=None,
    name=None,
):
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
    source = spike_source(pre)
    if name is not None:
        _check_name(name)
    if not isinstance(post, Population):
        if hasattr(post, "attach"):  # a compartmental Cell
            raise TypeError(
                "post is a compartmental Cell: put the synapse at a location with "
                "cell.attach(AMPA(), 'dend0', 0.5, source=pre) instead of connect(); got "
                f"{type(post).__name__}"
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
    delay = (
        syn.delay
        if delay is None
        else check_quantity("delay", delay, ms, example="1*ms", nonnegative=True)
    )
    n_pre, n_post = len(source), post.n
    if p is not None:
        if i is not None or j is not None:
            raise ValueError(f"give either p or i and j, not both; got p={p!r} with i/j")
        check_probability("p", p, example="0.02")
        n_syn = p * n_pre * n_post
        what = f"p x {n_pre} x {n_post} = {n_syn:.3g} synapses"
        check_budget("p", p, nbytes=n_syn * SYNAPSE_BYTES * 2, what=what)
    elif i is not None or j is not None:
        if i is None or j is None:
            raise ValueError(
                f"give both i and j (presynaptic and postsynaptic indices); got "
                f"i={describe(i)}, j={describe(j)}"
            )
        i = check_indices("i", i, n_pre, owner="pre neuron", allow_empty=True)
        j = check_indices("j", j, n_post, owner="post neuron", allow_empty=True)
        if i.size != j.size:
            raise ValueError(
                f"i and j must have the same length (one pair per synapse); got "
                f"{i.size} and {j.size}"
            )
        n_syn = i.size
    else:
        if n_pre != n_post:
            raise ValueError(
                f"one-to-one connection (no p, i, j) needs pre and post of equal size; got "
                f"{n_pre} and {n_post}: give p= or i= and j="
            )
        n_syn = n_pre
    if np.ndim(weight) > 0 and p is None and np.size(weight) != n_syn:
        raise ValueError(
            f"weight must be one value or one per synapse ({n_syn}); got {np.size(weight)}"
        )
    if np.ndim(weight) > 0 and p is not None:
        raise ValueError(
            "weight must be one value with p= (the number of synapses is random); got "
            f"{np.size(weight)} values"
        )
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
            f"w : {unit_string(syn.weight_unit)} {flag}",
            syn.on_pre("w"),
            None,
        )
    pre_name = pre.name if isinstance(pre, Population) else source.name.removeprefix("bioneuro_")
    name = name or f"{pre_name}_to_{post.name}_{key}"
    kwargs = {"on_post": on_post} if on_post else {}
    if float(delay / ms) > 0:
        kwargs["delay"] = delay
    synapses = b2.Synapses(
        source,
        post.group,
        model=model,
        on_pre=on_pre,
        clock=post.group.clock,
        name=f"bioneuro_{name}",
        namespace={},
        codeobj_class=codeobj_class(post.target),
        **kwargs,
    )
    if p is not None:
        synapses.connect(p=p)
    elif i is not None or j is not None:
        synapses.connect(i=i, j=j)
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
    check_number("n_pre", n_pre, example="4000", nonnegative=True, integer=True)
    check_number("n_post", n_post, example="4000", nonnegative=True, integer=True)
    check_probability("p", p, example="0.02")
    total = n_pre * n_post
    check_budget("p", p, nbytes=total * p * 8 * 4, what=f"p x {n_pre} x {n_post} pairs")
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


def record(population, variables=(), *, spikes=True, neurons=True, name=None):
    """Monitors for a population: spikes (``SpikeMonitor``) and variables (``StateMonitor``).

    Returns a list of monitors (spikes first) to add to the network. Read what they
    recorded while the network is alive, or copy it (``np.array(mon.t[:])``, or
    :func:`bioneuro.bio.backends.readout.owned`): on Brian2 >= 2.10 ``mon.t[:]`` is a
    view on memory that is freed with the monitor.

    Parameters
    ----------
    population : Population or Brian2 group
    variables : sequence of str
        Names of the group's variables to record every step (e.g. ``["v"]``).
    spikes : bool
    neurons : True or int array
        Which neurons' variables are recorded (True: all).
    name : str, optional
    """
    group = population.group if isinstance(population, Population) else population
    if not isinstance(group, b2.Group):
        raise TypeError(
            f"population must be a Population or a Brian2 group; got {describe(population)}"
        )
    default = population.name if isinstance(population, Population) else group.name
    name = _check_name(name or default.removeprefix("bioneuro_"))
    if not isinstance(spikes, bool):
        raise TypeError(f"spikes must be True or False; got {spikes!r}")
    variables = [variables] if isinstance(variables, str) else list(variables)
    known = sorted(k for k in group.variables if not k.startswith("_"))
    for v in variables:
        if not isinstance(v, str) or v.startswith("_") or v not in group.variables:
            raise ValueError(
                f"variables must name variables of the group, e.g. ['v']; got {v!r} "
                f"(known: {', '.join(known[:20])})"
            )
    if spikes and not hasattr(group, "_spikespace"):
        raise ValueError(
            f"spikes=True needs a group that spikes; got {group.name}, which does not"
        )
    if neurons is not True:
        neurons = check_indices("neurons", neurons, len(group), owner="neuron")
    codeobj = codeobj_class(population.target) if isinstance(population, Population) else None
    out = []
    if spikes:
        out.append(b2.SpikeMonitor(group, name=f"bioneuro_{name}_spikes", codeobj_class=codeobj))
    if variables:
        states_name = f"bioneuro_{name}_states"
        out.append(
            b2.StateMonitor(
                group, list(variables), record=neurons, name=states_name, codeobj_class=codeobj
            )
        )
    return out


def check_probability(name, value, *, example):
    """A probability: a plain number in [0, 1]."""
    check_number(name, value, example=example, nonnegative=True)
    if value > 1:
        raise ValueError(f"{name} must be a probability in [0, 1], e.g. {example}; got {value!r}")
    return value


__all__ = ["Population", "check_probability", "connect", "random_pairs", "record"]
