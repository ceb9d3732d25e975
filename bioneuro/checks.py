"""Input checks shared by the whole package.

Every public function checks its input here before any simulation starts, and
raises ``TypeError`` (wrong kind or unit) or ``ValueError`` (wrong value) naming
the parameter, what was given and what was expected. Never ``assert``.

**One size guard.** Before anything is allocated or simulated, the callers estimate
what a request costs from its sizes, durations and dt, and :func:`check_budget` refuses
one that cannot fit this machine, naming the parameter and giving the estimate:

* memory: at most :data:`MEMORY_BUDGET` bytes;
* sequential steps (time steps of a simulation, iterations of a Python loop): at most
  :data:`STEP_BUDGET`;
* work (neuron-steps, compartment-steps, multiply-adds): at most :data:`WORK_BUDGET`.

:func:`check_steps` applies the one rule for every duration (it covers at least one
step of dt) and the step budget; :func:`progress` says whether a run is long enough to
report its progress.
"""

from __future__ import annotations

import functools
import numbers
import sys

import numpy as np

#: Memory one call may allocate (bytes). The machine bioneuro is developed and tested on
#: has 24 GiB shared by everything running on it (the test suite runs one process per
#: core, beside editors and figure builds); a third of it leaves room for the copies
#: numpy and Brian2 make when results are returned, and for a second such call.
MEMORY_BUDGET = 8 * 2**30
#: Sequential steps one call may take: time steps of a simulation or iterations of a
#: Python loop. Measured here, one Brian2 step of a one-neuron network costs ~12 µs, so
#: 10⁹ steps would run for about 3 hours.
STEP_BUDGET = 10**9
#: Work one call may do: neurons (compartments, synapses, samples x weights) times steps.
#: Measured here, one LIF neuron-step on Brian2 costs ~5 ns, so 10¹² would run ~1.5 hours.
WORK_BUDGET = 10**12
#: Estimated cost of one step (s) and of one unit of work (s), for :func:`progress`.
SECONDS_PER_STEP, SECONDS_PER_WORK = 12e-6, 5e-9
#: Runs estimated to take longer than this (s) report their progress.
PROGRESS_SECONDS = 30.0


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

    if isinstance(value, bool) or not (
        isinstance(value, (b2.Quantity, numbers.Number)) or isinstance(value, np.ndarray)
    ):
        raise TypeError(
            f"{name} must be {dimension_name(unit)}, e.g. {example}; got {describe(value)} "
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
            f"{name} must be {dimension_name(unit)}, e.g. {example}; got {describe(value)}, {what}"
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
    """What a quantity of ``unit``'s dimensions is called in a message ("a time")."""
    import brian2 as b2

    dim = b2.get_dimensions(unit)
    return _dimension_names().get(dim, f"a quantity in {b2.get_unit(dim)!r}")


@functools.cache
def _dimension_names() -> dict:
    """The named dimensions, built once (unit arithmetic is slow in a hot check)."""
    import brian2 as b2
    from brian2.units.fundamentalunits import DIMENSIONLESS

    return {
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


def check_number(
    name, value, *, example, positive=False, nonnegative=False, integer=False, finite=True
):
    """Check a plain (dimensionless) number, e.g. a count or a temperature in °C."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or hasattr(value, "dim"):
        raise TypeError(
            f"{name} must be a plain number, e.g. {example}; got "
            f"{describe(value)} ({type(value).__name__})"
        )
    finite_value = isinstance(value, numbers.Integral) or bool(np.isfinite(float(value)))
    if (finite or integer) and not finite_value:
        raise ValueError(f"{name} must be finite, e.g. {example}; got {value!r}")
    if integer and int(value) != value:
        raise TypeError(f"{name} must be a whole number, e.g. {example}; got {value!r}")
    if positive and not value > 0:
        raise ValueError(f"{name} must be > 0, e.g. {example}; got {value!r}")
    if nonnegative and not value >= 0:
        raise ValueError(f"{name} must be >= 0, e.g. {example}; got {value!r}")
    return value


def check_choice(name, value, choices):
    """Check that ``value`` is one of ``choices``."""
    try:
        known = any(value is c or (isinstance(value, type(c)) and value == c) for c in choices)
    except (TypeError, ValueError):  # e.g. an array compared with a string
        known = False
    if not known:
        options = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{name} must be one of {options}; got {describe(value)}")
    return value


def _amount(value, unit="") -> str:
    """1234567 -> '1.2e+06' (readable large counts); bytes as KiB ... TiB."""
    if unit == "B":
        for prefix, size in (("TiB", 2**40), ("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
            if value >= size:
                return f"{value / size:.3g} {prefix}"
        return f"{value:.0f} bytes"
    return f"{value:.3g}" if value >= 1e5 else f"{value:.0f}"


def check_budget(name, value, *, nbytes=0, steps=0, work=0, what="", hint=None):
    """Refuse a request that cannot fit this machine, before anything is allocated.

    Parameters
    ----------
    name : str
        The parameter that makes the request large, as the user wrote it.
    value : object
        What the user gave for it (quoted in the message).
    nbytes, steps, work : float
        The estimated memory (bytes), sequential steps and work of the request.
    what : str
        How the estimate was made, e.g. ``"10**9 neurons x 12 variables x 8 bytes"``.
    hint : str, optional
        What to do instead (default: "Reduce <name>").

    Raises
    ------
    ValueError
        Naming ``name``, the value, the estimate and the budget it exceeds.
    """
    how = f" ({what})" if what else ""
    for amount, budget, unit, label, const in (
        (nbytes, MEMORY_BUDGET, "B", "memory", "MEMORY_BUDGET"),
        (steps, STEP_BUDGET, "", "steps", "STEP_BUDGET"),
        (work, WORK_BUDGET, "", "work", "WORK_BUDGET"),
    ):
        if not np.isfinite(amount) or amount > budget:
            kind = {"memory": "of memory", "steps": "steps", "work": "units of work"}[label]
            raise ValueError(
                f"{name}={describe(value)} is too large for this machine: it needs about "
                f"{_amount(float(amount), unit)} {kind}{how}; at most "
                f"{_amount(float(budget), unit)} are allowed (bioneuro.checks.{const}). "
                f"{hint or 'Reduce ' + name}"
            )
    return value


def check_steps(duration, dt, *, name="duration", n=1, dt_name="dt"):
    """Number of time steps of ``duration`` at ``dt``: the one rule for every duration.

    A duration must cover at least one step (``round(duration/dt) >= 1``); the steps,
    and the work ``n`` x steps for ``n`` neurons (or compartments, synapses), must fit
    :data:`STEP_BUDGET` and :data:`WORK_BUDGET`. Both are checked quantities (times).

    Returns
    -------
    int
    """
    ratio = float(duration / dt)
    if not np.isfinite(ratio) or round(ratio) < 1:
        raise ValueError(
            f"{name} must cover at least one time step of {dt_name}={dt}; got "
            f"{name}={describe(duration)}"
        )
    check_budget(
        name,
        duration,
        steps=ratio,
        work=ratio * n,
        what=f"{name}/{dt_name} = {_amount(ratio)} steps x {_amount(n)} neuron(s)",
    )
    return int(round(ratio))


def estimated_seconds(steps, work=0.0) -> float:
    """Rough wall time of a run: steps x :data:`SECONDS_PER_STEP` + work x
    :data:`SECONDS_PER_WORK` (the costs measured on the development machine)."""
    return steps * SECONDS_PER_STEP + work * SECONDS_PER_WORK


def progress(steps, work=0.0) -> dict:
    """Keyword arguments for Brian2's ``Network.run``: a progress report on stderr every
    10 s for a run estimated to take longer than :data:`PROGRESS_SECONDS`, else none."""
    if estimated_seconds(steps, work) < PROGRESS_SECONDS:
        return {}
    import brian2 as b2

    return {"report": "stderr", "report_period": 10 * b2.second}


def announce(what, steps, work=0.0, stream=None):
    """Print one line before a long run that cannot report its own progress."""
    seconds = estimated_seconds(steps, work)
    if seconds >= PROGRESS_SECONDS:
        print(
            f"bioneuro: {what}: {_amount(steps)} steps, about {seconds / 60:.1f} min",
            file=stream or sys.stderr,
            flush=True,
        )


def check_indices(name, value, size, *, owner="neuron", allow_empty=False):
    """``value`` as an int array of ``owner`` indices in 0..size-1 (whole numbers, not bool).

    The message reads e.g. "record must list compartment indices in 0..5; got [99]".
    """
    arr = np.asarray(value)
    expected = f"{name} must list {owner} indices in 0..{size - 1}"
    whole = arr.dtype.kind in "iu" or (
        arr.dtype.kind == "f" and np.all(np.isfinite(arr)) and np.all(arr == np.round(arr))
    )
    if arr.size and (arr.dtype.kind == "b" or not whole):
        raise TypeError(f"{expected} (whole numbers); got {describe(value)}")
    arr = arr.astype(np.int64).reshape(-1)
    if arr.size == 0 and not allow_empty:
        raise ValueError(f"{expected}; got none")
    if arr.size and (arr.min() < 0 or arr.max() >= size):
        bad = arr[(arr < 0) | (arr >= size)]
        raise ValueError(f"{expected}; got {bad[:5].tolist()}")
    return arr
