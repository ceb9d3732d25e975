"""What both backends need from a model's equations, written once.

A point model (:mod:`bioneuro.bio.models.point`) is a set of Brian2 equation strings with
units plus a few declarations (its states and their units, its spike rule). This module
turns that description into what a simulator takes:

* :func:`unit_string`: a quantity's unit as Brian2 equations spell it (``metre ** -2 * amp``);
* :func:`parameter_declarations`: one ``name : unit (constant, shared)`` line per parameter,
  so parameters are group variables: a new value reuses the compiled code;
* :func:`model_equations`: the model's equations, its parameters declared, plus one line
  saying where the input ``I_stim`` comes from;
* :func:`without_refractoriness`: the same equations with every ``(unless refractory)``
  flag dropped (a passive membrane, e.g. for postsynaptic potentials);
* :func:`spike_rule`: ``threshold``/``reset``/``refractory`` for a Brian2 ``NeuronGroup``;
* :class:`BackendRun`: what a backend returns (times, states, spikes), with units.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import brian2 as b2
from brian2.equations.equations import SingleEquation
from brian2.units.fundamentalunits import DIMENSIONLESS

_BASE_UNITS = ("metre", "kilogram", "second", "amp", "kelvin", "mole", "candela")


def unit_string(quantity) -> str:
    """The unit of ``quantity`` as Brian2 equations accept it, e.g. ``metre ** -2 * amp``."""
    dim = b2.get_dimensions(quantity)
    if dim is DIMENSIONLESS:
        return "1"
    return " * ".join(f"{u} ** {int(e)}" for u, e in zip(_BASE_UNITS, dim._dims, strict=True) if e)


def parameter_declarations(params, flags="constant, shared") -> str:
    """``name : unit (flags)`` for every entry of ``params`` (name -> quantity or number)."""
    return "".join(f"{key} : {unit_string(value)} ({flags})\n" for key, value in params.items())


def model_equations(model, input_line, *, spiking=True) -> b2.Equations:
    """The model's equations, its parameters as shared constants, and ``input_line``.

    ``input_line`` defines the input, e.g. ``I_stim : amp (constant)`` (one constant
    current per neuron) or ``I_stim = stimulus(t) : amp`` (a time-varying one).
    ``spiking=False`` drops refractoriness (see :func:`without_refractoriness`).
    """
    text = model.equations + "\n" + parameter_declarations(model.parameters()) + input_line
    equations = b2.Equations(text)
    return equations if spiking else without_refractoriness(equations)


def without_refractoriness(equations) -> b2.Equations:
    """``equations`` with the ``(unless refractory)`` flag removed from every equation."""
    return b2.Equations(
        [
            SingleEquation(
                eq.type,
                eq.varname,
                eq.dim,
                eq.var_type,
                eq.expr,
                flags=[f for f in eq.flags if f != "unless refractory"],
            )
            for eq in equations.values()
        ]
    )


def spike_rule(model) -> dict:
    """``threshold`` / ``reset`` / ``refractory`` keyword arguments for ``b2.NeuronGroup``.

    A spike is an upward crossing of the parameter named by ``model.threshold``. Models
    with a reset run their reset statements (``model.reset``, e.g. ``v = V_reset``) and
    stay refractory for the parameter named by ``model.refractory``; models that make
    their own spike (Hodgkin-Huxley) have no reset and count each crossing once
    (refractory while ``v`` stays above the level).
    """
    rule = {"threshold": f"v > {model.threshold}"}
    if model.reset is not None:
        rule["reset"] = model.reset
        rule["refractory"] = model.refractory or False
    else:
        rule["refractory"] = f"v > {model.threshold}"
    return rule


@dataclass
class BackendRun:
    """What a backend returns for ``n`` neurons.

    Attributes
    ----------
    t : Quantity, shape (n_samples,)
        Sample times k dt.
    spikes : list of Quantity
        One array of spike times per neuron.
    states : dict
        State name -> Quantity (or array, for dimensionless states) of shape
        (n, n_samples); empty when nothing was recorded.
    """

    t: b2.Quantity
    spikes: list
    states: dict = field(default_factory=dict)
