"""The mapping table in code: a cell whose synapses are an artificial neuron's weights.

The course pairs the parts of the two neurons: dendrites <-> inputs x_i, synaptic
strength <-> weights w_i, soma (summation) <-> Σ, spike threshold <-> φ, axon <-> output
(:data:`bioneuro.figures.drawings.PAIRS`). :func:`cell_for_weights` and
:func:`neuron_for_cell` make a :class:`bioneuro.bio.Cell` and a
:class:`bioneuro.ann.Neuron` carry **the same
weights**: synapse k on dendrite k is an alpha conductance with peak ``|w_k| * g_unit``
(10 nS per unit weight by default), reversal 0 mV for w_k > 0 (receptor ``exc``) and
-80 mV for w_k < 0 (receptor ``inh``), and the Neuron's weights are read back from the
cell::

    w_k = sign_k * g_max,k / g_unit,   sign_k = +1 if E_rev,k > v_rest else -1

The drawing of the pair is :func:`bioneuro.figures.drawings.draw_two_neurons`.
"""

from __future__ import annotations

import numpy as np
from brian2 import ms, mV, nS, siemens, um

from bioneuro.checks import check_quantity

#: Peak synaptic conductance that stands for one unit of weight.
G_UNIT = 10 * nS
#: Reversal potentials of the excitatory and inhibitory synapses of :func:`cell_for_weights`.
E_EXC, E_INH = 0 * mV, -80 * mV


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


def _check_weights(weights):
    w = np.asarray(weights, dtype=float) if not isinstance(weights, str) else None
    if w is None or w.ndim != 1 or w.size == 0 or not np.all(np.isfinite(w)):
        raise ValueError(
            f"weights must be a non-empty 1-D sequence of finite numbers, e.g. "
            f"[1.5, -1.0, 0.5]; got {weights!r}"
        )
    return w


def cell_for_weights(
    weights, geometry=None, *, g_unit=G_UNIT, onset=2.0, position=0.9, **cell_options
):
    """A :class:`~bioneuro.bio.Cell` with one synapse per weight, one per dendrite.

    Synapse k sits at ``position`` (0-1) along the first daughter branch of primary
    dendrite k (``dend{k}a`` when it exists, else ``dend{k}``), with peak conductance
    ``|w_k| * g_unit``, reversal 0 mV (w_k >= 0) or -80 mV (w_k < 0), an alpha time
    course with tau 1 ms (receptor types ``exc`` and ``inh``, :func:`alpha_receptors`),
    opened by one presynaptic spike at ``onset`` ms.

    Parameters
    ----------
    weights : sequence of float
        One weight per input; needs as many primary dendrites in ``geometry``.
    geometry : Geometry, optional
        Default :func:`default_geometry` with ``len(weights)`` dendrites.
    g_unit : Quantity
        Conductance per unit weight (default 10 nS).
    """
    from bioneuro.bio import Cell

    w = _check_weights(weights)
    check_quantity("g_unit", g_unit, siemens, example="10*nS", positive=True)
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


def neuron_for_cell(cell, *, bias=-0.5, activation="relu", g_unit=G_UNIT):
    """The :class:`~bioneuro.ann.Neuron` with the cell's synaptic weights
    (:func:`synapse_weights`)."""
    from bioneuro.ann import Neuron

    return Neuron(synapse_weights(cell, g_unit), bias=bias, activation=activation)


# ------------------------------------------------------------------------ geometry
