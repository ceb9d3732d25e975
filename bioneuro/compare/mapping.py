"""The mapping table in code: a cell whose synapses are an artificial neuron's weights.

The course pairs the parts of the two neurons: dendrites <-> inputs x_i, synaptic
strength <-> weights w_i, soma (summation) <-> Σ, spike threshold <-> φ, axon <-> output
(:data:`bioneuro.figures.drawings.PAIRS`). :func:`cell_for_weights` and
:func:`neuron_for_cell` make a :class:`bioneuro.bio.Cell` and a
:class:`bioneuro.ann.Neuron` carry **the same weights**.

**The brain neuron.** The cell is a cortical pyramidal cell at 37 °C
(:func:`teaching_cell`): the channels of Pospischil et al.'s (2008) regular-spiking cell
(:data:`bioneuro.bio.models.channels.CORTICAL`, with the adjustments Destexhe & Paré
(1999) made to put them in a compartmental cell, and an in-vivo leak: R_m 10 kOhm cm²)
in soma, axon initial segment and axon; passive dendrites whose membrane is doubled for
their spines; an initial segment whose sodium and potassium channels are packed 10 times
more densely than the soma's and open 10 mV lower, so the spike starts there; an axon
with twice the soma's densities.

**Weights as synapses, at physiological strength.** A unitary cortical synapse is an
AMPA-like conductance of about 0.5 nS (:data:`G_SYNAPSE`), and it makes an EPSP of about
0.6 mV at this cell's soma (0.2-1 mV in cortex; :func:`unitary_epsp`). One unit of weight
is :data:`SYNAPSES_PER_UNIT` = 40 such synapses active together, so the cell fires only
when tens of inputs coincide, as cortical cells do. Input k is the group of synapses on
dendrite k: an alpha conductance with peak ``|w_k| * g_unit`` (:data:`G_UNIT` = 40 x
0.5 nS = 20 nS per unit weight), reversal 0 mV for w_k > 0 (receptor ``exc``) and
-80 mV for w_k < 0 (receptor ``inh``). The Neuron's weights are read back from the cell::

    w_k = sign_k * g_max,k / g_unit,   sign_k = +1 if E_rev,k > v_rest else -1

**One example neuron** for the opening figures (:func:`example_neuron`): weights
(1.5, -1, 0.8), bias -0.5, ReLU, every input x_i = 1 (one volley on each group).

:func:`input_contributions` runs the cell once per input, alone and with its sodium
channels blocked, to show what each input itself does where it lands, along its
dendrite and at the soma. The drawing of the pair is
:func:`bioneuro.figures.drawings.draw_two_neurons`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from brian2 import Quantity, cm, ms, mV, nS, siemens, uF, um

from bioneuro.checks import check_choice, check_number, check_quantity

#: The peak conductance of one cortical synapse (AMPA-like, unitary).
G_SYNAPSE = 0.5 * nS
#: How many coincident unitary synapses one unit of weight stands for.
SYNAPSES_PER_UNIT = 40
#: Peak synaptic conductance that stands for one unit of weight: 40 x 0.5 nS.
G_UNIT = SYNAPSES_PER_UNIT * G_SYNAPSE
#: Reversal potentials of the excitatory and inhibitory synapses of :func:`cell_for_weights`.
E_EXC, E_INH = 0 * mV, -80 * mV

#: The example neuron shared by the opening figures.
EXAMPLE_WEIGHTS = (1.5, -1.0, 0.8)
EXAMPLE_BIAS = -0.5
EXAMPLE_ACTIVATION = "relu"
EXAMPLE_INPUT = (1.0, 1.0, 1.0)

#: The teaching cell's membrane beyond Pospischil's soma (see the module docstring).
SPINE_FACTOR = 2.0  # dendritic membrane area (C_m and leak) doubled by spines
AIS_NA_FACTOR = 10.0  # initial-segment Na (and K) density / soma's
AIS_V_T_SHIFT = -10 * mV  # initial-segment channels open this much lower
AXON_NA_FACTOR = 2.0  # axonal Na (and K) density / soma's


def default_geometry(n_dendrites=3):
    """The teaching cell: ``branched_cell`` with ``n_dendrites`` dendrites (150 µm, each
    splitting into two 120 µm branches), a 40 µm axon initial segment and a 400 µm axon,
    turned so that dendrites point left and the axon right."""
    from bioneuro.bio import morphology

    g = morphology.branched_cell(
        n_dendrites=n_dendrites,
        dendrite_length=150 * um,
        branch_length=120 * um,
        axon_length=400 * um,
    )
    return g.rotated(90)


def teaching_cell(geometry=None, *, receptors=(), **cell_options):
    """The brain neuron of the opening figures: a cortical pyramidal cell at 37 °C.

    A :class:`~bioneuro.bio.Cell` with ``channels="cortical"`` (Pospischil et al. 2008,
    regular spiking, as a cell: rest -70.7 mV) in soma, initial segment and axon,
    passive dendrites, and the adjustments of the module docstring: dendritic C_m and
    leak x :data:`SPINE_FACTOR`, initial-segment sodium and potassium x
    :data:`AIS_NA_FACTOR` opening :data:`AIS_V_T_SHIFT` lower, axonal sodium and
    potassium x :data:`AXON_NA_FACTOR`.

    Parameters
    ----------
    geometry : Geometry, optional
        Default :func:`default_geometry`.
    receptors : sequence of Synapse
    **cell_options :
        Passed to :class:`~bioneuro.bio.Cell` (e.g. ``dt``, ``celsius``).
    """
    from bioneuro.bio import Cell
    from bioneuro.bio.models.channels import CORTICAL

    geometry = default_geometry() if geometry is None else geometry
    cell = Cell(geometry, channels="cortical", receptors=receptors, **cell_options)
    p = {**CORTICAL.defaults, **CORTICAL.cell_defaults}
    cell.set("Cm", SPINE_FACTOR * 1 * uF / cm**2, regions="dendrite")
    cell.set("g_L", SPINE_FACTOR * p["g_pas"], regions="dendrite")
    if "ais" in set(cell.region_of):
        cell.set("g_Na", AIS_NA_FACTOR * p["g_Na"], regions="ais")
        cell.set("g_K", AIS_NA_FACTOR * p["g_K"], regions="ais")
        cell.set("V_T", p["V_T"] + AIS_V_T_SHIFT, regions="ais")
    if "axon" in set(cell.region_of):
        cell.set("g_Na", AXON_NA_FACTOR * p["g_Na"], regions="axon")
        cell.set("g_K", AXON_NA_FACTOR * p["g_K"], regions="axon")
    return cell


def teaching_point_model():
    """The teaching cell's soma as a point model: :class:`~bioneuro.bio.CorticalPyramidal`
    with the membrane the cell's soma has (Pospischil's channels with the cell defaults
    of :data:`~bioneuro.bio.models.channels.CORTICAL`: g_K 10 mS/cm², leak 0.1025
    mS/cm², inactivation 10 mV lower). Its f-I curve is the cell's φ."""
    from bioneuro.bio import CorticalPyramidal
    from bioneuro.bio.models.channels import CORTICAL

    cell_only = ("g_K", "g_L", "shift_h")
    return CorticalPyramidal(**{k: CORTICAL.cell_defaults[k] for k in cell_only})


def _check_weights(weights):
    w = np.asarray(weights, dtype=float) if not isinstance(weights, str) else None
    if w is None or w.ndim != 1 or w.size == 0 or not np.all(np.isfinite(w)):
        raise ValueError(
            f"weights must be a non-empty 1-D sequence of finite numbers, e.g. "
            f"[1.5, -1.0, 0.5]; got {weights!r}"
        )
    return w


def cell_for_weights(
    weights,
    geometry=None,
    *,
    channels="cortical",
    g_unit=G_UNIT,
    onset=2.0,
    position=0.9,
    **cell_options,
):
    """A :class:`~bioneuro.bio.Cell` with one group of synapses per weight, one per dendrite.

    Group k sits at ``position`` (0-1) along the first daughter branch of primary
    dendrite k (``dend{k}a`` when it exists, else ``dend{k}``), with peak conductance
    ``|w_k| * g_unit``, reversal 0 mV (w_k >= 0) or -80 mV (w_k < 0), an alpha time
    course with tau 1 ms (receptor types ``exc`` and ``inh``, :func:`alpha_receptors`),
    opened by one presynaptic volley at ``onset`` ms.

    Parameters
    ----------
    weights : sequence of float
        One weight per input; needs as many primary dendrites in ``geometry``.
    geometry : Geometry, optional
        Default :func:`default_geometry` with ``len(weights)`` dendrites.
    channels : {"cortical", "hh"}
        ``"cortical"`` (default): :func:`teaching_cell`, the brain neuron at 37 °C;
        ``"hh"``: Hodgkin-Huxley squid channels at 6.3 °C in soma, initial segment, axon.
    g_unit : Quantity
        Conductance per unit weight (default 20 nS: 40 unitary synapses of 0.5 nS).
    onset : float
        When the presynaptic volley arrives, in ms.
    position : float
        Where on the branch the group sits (0-1).
    """
    from bioneuro.bio import Cell

    w = _check_weights(weights)
    check_quantity("g_unit", g_unit, siemens, example="10*nS", positive=True)
    check_choice("channels", channels, ("cortical", "hh"))
    check_number("onset", onset, example="2.0", nonnegative=True)
    geometry = default_geometry(len(w)) if geometry is None else geometry
    targets = []
    for k in range(len(w)):
        names = [f"dend{k}a", f"dend{k}"]
        found = [n for n in names if n in geometry.sections]
        if not found:
            raise ValueError(
                f"weights has {len(w)} entries but the geometry has no dendrite "
                f"'dend{k}' for input {k + 1}; sections: "
                f"{', '.join(geometry.sections)}"
            )
        targets.append(found[0])
    exc, inh = alpha_receptors()
    if channels == "cortical":
        cell = teaching_cell(geometry, receptors=[exc, inh], **cell_options)
    else:
        cell = Cell(geometry, receptors=[exc, inh], **cell_options)
    for wk, sec in zip(w, targets, strict=True):
        cell.attach(
            exc if wk >= 0 else inh, sec, position, times=[onset] * ms, weight=abs(wk) * g_unit
        )
    return cell


def alpha_receptors(tau=1 * ms):
    """The excitatory and inhibitory synapse types of :func:`cell_for_weights`: alpha
    conductances peaking ``tau`` after a spike, reversal :data:`E_EXC` and :data:`E_INH`."""
    from bioneuro.bio import Synapse

    return (
        Synapse("exc", kinetics="alpha", mode="conductance", tau_decay=tau, E_rev=E_EXC),
        Synapse("inh", kinetics="alpha", mode="conductance", tau_decay=tau, E_rev=E_INH),
    )


def synapse_weights(cell, g_unit=G_UNIT):
    """The weights a cell's synapses stand for: ``sign * g_max / g_unit`` (in the order
    the synapses were attached; sign -1 when the reversal is below rest)."""
    from bioneuro.bio import Cell

    if not isinstance(cell, Cell):
        raise TypeError(f"cell must be a bioneuro.bio.Cell; got {type(cell).__name__}")
    check_quantity("g_unit", g_unit, siemens, example="10*nS", positive=True)
    if not cell.synapses:
        raise ValueError(
            "cell has no synapses: add some with cell.attach(...) or build "
            "it with cell_for_weights(...)"
        )
    for site in cell.synapses:
        if site.receptor.mode != "conductance":
            raise ValueError(
                f"synapse_weights reads conductance synapses; receptor "
                f"{site.receptor.name!r} is current-based"
            )
    g = np.array([float(site.weight / g_unit) for site in cell.synapses])
    sign = np.array([1.0 if site.receptor.E_rev > cell.v_init else -1.0 for site in cell.synapses])
    return sign * g


def neuron_for_cell(cell, *, bias=EXAMPLE_BIAS, activation=EXAMPLE_ACTIVATION, g_unit=G_UNIT):
    """The :class:`~bioneuro.ann.Neuron` with the cell's synaptic weights
    (:func:`synapse_weights`)."""
    from bioneuro.ann import Neuron

    return Neuron(synapse_weights(cell, g_unit), bias=bias, activation=activation)


def example_neuron():
    """The artificial neuron of the opening figures: weights (1.5, -1, 0.8), bias -0.5,
    ReLU (feed it :data:`EXAMPLE_INPUT`)."""
    from bioneuro.ann import Neuron

    return Neuron(list(EXAMPLE_WEIGHTS), bias=EXAMPLE_BIAS, activation=EXAMPLE_ACTIVATION)


# --------------------------------------------------------------- each input alone


@dataclass
class InputContributions:
    """What each input of a cell does on its own (from :func:`input_contributions`).

    Attributes
    ----------
    t : Quantity, shape (n_t,)
    local, dendrite, soma : Quantity, shape (n_inputs, n_t)
        Membrane potential with only input k active and sodium channels blocked: at the
        synapse, at the middle of the primary dendrite that carries it, and at the soma.
    rest : Quantity
        The membrane potential before any input (the cell's v_init).
    weights : ndarray
        The weights the inputs stand for (:func:`synapse_weights`).
    """

    t: object
    local: object
    dendrite: object
    soma: object
    rest: object
    weights: np.ndarray

    def amplitudes(self, where="local"):
        """Signed peak deviation from rest of each input's response at ``where``
        (``"local"``, ``"dendrite"`` or ``"soma"``), in mV: positive for a
        depolarisation, negative for a hyperpolarisation."""
        check_choice("where", where, ("local", "dendrite", "soma"))
        dv = np.asarray((getattr(self, where) - self.rest) / mV)
        k = np.argmax(np.abs(dv), axis=1)
        return dv[np.arange(len(dv)), k]


def input_contributions(cell, duration=16 * ms, *, record_dt=0.025 * ms):
    """Run ``cell`` once per synapse, that synapse alone, with sodium channels blocked
    (as by tetrodotoxin), and record its own response at the synapse, along the dendrite
    and at the soma.

    The weights of the other synapses are set to zero for each run and restored after,
    as is the sodium density.

    Parameters
    ----------
    cell : Cell
        With synapses (e.g. from :func:`cell_for_weights`).
    duration, record_dt : Quantity

    Returns
    -------
    InputContributions
    """
    weights = synapse_weights(cell)
    check_quantity("duration", duration, ms, example="16*ms", positive=True)
    check_quantity("record_dt", record_dt, ms, example="0.025*ms", positive=True)
    sites = list(cell.synapse_sites)
    primaries = []
    for i in sites:
        sec = str(cell.section_of[i])
        parent = cell.geometry.sections[sec].parent
        primaries.append(parent if parent not in (None, "soma") else sec)
    dend = [cell.compartment(p, 0.5) for p in primaries]
    soma = cell.indices(regions="soma")[0]
    record = sorted({*sites, *dend, soma})
    saved_w = [s.weight for s in cell.synapses]
    saved_na = cell.values["g_Na"].copy()
    cell.values["g_Na"][:] = 0.0
    local, along, at_soma = [], [], []
    try:
        for k in range(len(sites)):
            for j, s in enumerate(cell.synapses):
                s.weight = saved_w[j] if j == k else 0 * nS
            trace = cell.run(duration, record=record, record_dt=record_dt)
            row = {c: r for r, c in enumerate(trace.indices)}
            local.append(trace.v[row[sites[k]]])
            along.append(trace.v[row[dend[k]]])
            at_soma.append(trace.v[row[soma]])
    finally:
        for s, w in zip(cell.synapses, saved_w, strict=True):
            s.weight = w
        cell.values["g_Na"][:] = saved_na
    return InputContributions(
        t=np.array(trace.t / ms) * ms,  # a copy: the cell's next run reuses its monitor
        local=Quantity(np.asarray([np.asarray(v / mV) for v in local])) * mV,
        dendrite=Quantity(np.asarray([np.asarray(v / mV) for v in along])) * mV,
        soma=Quantity(np.asarray([np.asarray(v / mV) for v in at_soma])) * mV,
        rest=cell.v_init,
        weights=weights,
    )


def unitary_epsp(cell, k=0, duration=40 * ms):
    """Peak EPSP (mV, at the soma) of one unitary synapse (:data:`G_SYNAPSE`) at the site
    of the cell's synapse ``k``, alone and with sodium channels blocked.

    The weights and the sodium density are restored afterwards.
    """
    synapse_weights(cell)  # checks the cell
    check_number("k", k, example="0", nonnegative=True, integer=True)
    if k >= len(cell.synapses):
        raise ValueError(f"k must name one of the cell's {len(cell.synapses)} synapses; got {k}")
    if cell.synapses[k].receptor.E_rev < cell.v_init:
        raise ValueError(f"synapse {k} is inhibitory; an EPSP needs an excitatory one")
    saved_w = [s.weight for s in cell.synapses]
    saved_na = cell.values["g_Na"].copy()
    cell.values["g_Na"][:] = 0.0
    soma = cell.indices(regions="soma")[0]
    try:
        for j, s in enumerate(cell.synapses):
            s.weight = G_SYNAPSE if j == k else 0 * nS
        trace = cell.run(duration, record=[soma], record_dt=0.05 * ms)
    finally:
        for s, w in zip(cell.synapses, saved_w, strict=True):
            s.weight = w
        cell.values["g_Na"][:] = saved_na
    v = np.asarray(trace.v[0] / mV)
    return float(v.max() - float(cell.v_init / mV))


__all__ = [
    "EXAMPLE_ACTIVATION",
    "EXAMPLE_BIAS",
    "EXAMPLE_INPUT",
    "EXAMPLE_WEIGHTS",
    "G_SYNAPSE",
    "G_UNIT",
    "SYNAPSES_PER_UNIT",
    "InputContributions",
    "alpha_receptors",
    "cell_for_weights",
    "default_geometry",
    "example_neuron",
    "input_contributions",
    "neuron_for_cell",
    "synapse_weights",
    "teaching_cell",
    "teaching_point_model",
    "unitary_epsp",
]
