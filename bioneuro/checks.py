"""Input checks shared by the whole package.

Every public function checks its input here before any simulation starts, and
raises ``TypeError`` (wrong kind or unit) or ``ValueError`` (wrong value) naming
the parameter, what was given and what was expected. Never ``assert``.
"""

from __future__ import annotations

import numbers

import numpy as np


def describe(value) -> str:
    text = str(value) if hasattr(value, "dim") else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def check_quantity(
    name,
    value,
    unit,
    *,
    example,
    positive=False,
    nonnegative=False,
    finite=True,
    allow_array=False,
):
    """Check that ``value`` is a Brian2 quantity with the dimensions of ``unit``.

    Parameters
    ----------
    name : str
        The parameter's name, as the user wrote it.
    value : object
        What the user gave.
    unit : brian2 Unit
        Any unit of the expected dimension (``ms`` for a time).
    example : str
        A correct value to quote in the message, e.g. ``"10*ms"``.
    positive, nonnegative, finite : bool
        Value constraints (checked element-wise for arrays).
    allow_array : bool
        Accept an array quantity as well as a scalar.

    Returns
    -------
    Quantity
        ``value`` unchanged.
    """
    import brian2 as b2
    from brian2.units.fundamentalunits import DIMENSIONLESS

    dim_name = dimension_name(unit)
    if isinstance(value, bool) or not (
        isinstance(value, (b2.Quantity, numbers.Number)) or isinstance(value, np.ndarray)
    ):
        raise TypeError(
            f"{name} must be {dim_name}, e.g. {example}; got {describe(value)} "
            f"({type(value).__name__})"
        )
    if not b2.have_same_dimensions(value, unit):
        given = b2.get_dimensions(value)
        what = (
            "a plain number (no unit)"
            if given is DIMENSIONLESS
            else (f"a quantity in {b2.get_unit(given)!r}")
        )
        raise TypeError(
            f"{name} must be {dim_name}, e.g. {example}; got {describe(value)}, {what}"
        )
    arr = np.asarray(value)
    if arr.ndim and not allow_array:
        raise TypeError(
            f"{name} must be a single value, e.g. {example}; got an array of shape {arr.shape}"
        )
    if finite and not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite, e.g. {example}; got {describe(value)}")
    if positive and not np.all(arr > 0):
        raise ValueError(f"{name} must be > 0, e.g. {example}; got {describe(value)}")
    if nonnegative and not np.all(arr >= 0):
        raise ValueError(f"{name} must be >= 0, e.g. {example}; got {describe(value)}")
    return value


def dimension_name(unit) -> str:
    import brian2 as b2
    from brian2.units.fundamentalunits import DIMENSIONLESS

    names = {
        b2.second.dim: "a time",
        b2.volt.dim: "a voltage",
        b2.amp.dim: "a current",
        (b2.amp / b2.meter**2).dim: "a current density",
        (b2.siemens / b2.meter**2).dim: "a conductance density",
        (b2.farad / b2.meter**2).dim: "a capacitance density",
        b2.siemens.dim: "a conductance",
        b2.farad.dim: "a capacitance",
        b2.ohm.dim: "a resistance",
        (b2.ohm * b2.meter).dim: "a resistivity",
        (b2.ohm * b2.meter**2).dim: "a specific resistance",
        b2.meter.dim: "a length",
        b2.Hz.dim: "a rate",
        b2.mmolar.dim: "a concentration",
        DIMENSIONLESS: "a plain number",
    }
    dim = b2.get_dimensions(unit)
    return names.get(dim, f"a quantity in {b2.get_unit(dim)!r}")


def check_number(
    name, value, *, example, positive=False, nonnegative=False, integer=False, finite=True
):
    """Check a plain (dimensionless) number, e.g. a count or a temperature in °C."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or hasattr(value, "dim"):
        raise TypeError(
            f"{name} must be a plain number, e.g. {example}; got "
            f"{describe(value)} ({type(value).__name__})"
        )
    if integer and int(value) != value:
        raise TypeError(f"{name} must be a whole number, e.g. {example}; got {value!r}")
    if finite and not np.isfinite(value):
        raise ValueError(f"{name} must be finite, e.g. {example}; got {value!r}")
    if positive and not value > 0:
        raise ValueError(f"{name} must be > 0, e.g. {example}; got {value!r}")
    if nonnegative and not value >= 0:
        raise ValueError(f"{name} must be >= 0, e.g. {example}; got {value!r}")
    return value


def check_choice(name, value, choices):
    """Check that ``value`` is one of ``choices``."""
    if value not in choices:
        options = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{name} must be one of {options}; got {describe(value)}")
    return value
