"""What drives a neuron: injected currents and presynaptic spikes.

**Injected currents** as functions of time: step, pulse(s), ramp, noise, and their sums.

A :class:`Stimulus` knows its value at any time and the times where it jumps
(``breakpoints``), so the scipy backend integrates each smooth piece separately and
never steps over a short pulse; the Brian2 backend samples it on its time grid.
Amplitudes carry units: a current density (``uA/cm**2``) for HodgkinHuxley, a current
(``nA``) for LIF. Stimuli add: ``step(0.2*nA) + noisy(0*nA, 0.05*nA, seed=1)``.

**Presynaptic spikes** for networks and cells: :func:`poisson_input` (independent Poisson
trains) and :func:`spike_input` (spikes at given times), both Brian2 groups;
:func:`spike_source` is the group behind anything that emits spikes.
"""

from __future__ import annotations

import brian2 as b2
import numpy as np
from brian2 import Hz, ms

from bioneuro.bio.backends.brian import TARGETS, codeobj_class
from bioneuro.checks import (
    check_budget,
    check_choice,
    check_indices,
    check_number,
    check_quantity,
    describe,
)

_EPS = 1e-12  # s; times closer than this to a breakpoint count as on it


class Stimulus:
    """A current I(t). Build with :func:`step`, :func:`pulse`, :func:`pulses`,
    :func:`ramp`, :func:`noisy`, or add two stimuli of the same unit.

    Parameters
    ----------
    function : callable
        Maps times in seconds (ndarray) to values in SI units (ndarray).
    dim : brian2 Dimension
        Dimension of the values (current or current density).
    breakpoints : array of float
        Times (s) where the function may jump or change slope.
    description : str or callable
        What it is, for ``repr``; a callable returning the text is called only when the
        text is read (formatting Brian2 quantities costs ~0.2 ms each, and a search over
        pulse amplitudes builds hundreds of stimuli that are never printed).
    """

    def __init__(self, function, dim, breakpoints=(), description="stimulus"):
        self._function = function
        self.dim = dim
        self.breakpoints = np.unique(np.asarray(breakpoints, dtype=float))
        self._description = description

    @property
    def description(self) -> str:
        """What the stimulus is, e.g. ``"step 10. uA/(cm^2) from 5. ms"``."""
        if callable(self._description):
            self._description = self._description()
        return self._description

    def values(self, t_seconds) -> np.ndarray:
        """Values in SI units at times ``t_seconds`` (plain floats, seconds)."""
        t = np.asarray(t_seconds, dtype=float)
        return np.broadcast_to(self._function(t), t.shape).astype(float)

    def __call__(self, t):
        """Value at time(s) ``t`` (a Brian2 time quantity), with units."""
        check_quantity("t", t, ms, example="5*ms", allow_array=True)
        return b2.Quantity(self.values(np.asarray(t / b2.second)), dim=self.dim)

    def sample(self, dt, n_steps) -> np.ndarray:
        """SI values at t = k dt, k = 0..n_steps-1 (what a clock-driven simulator sees)."""
        return self.values(np.arange(n_steps) * float(dt / b2.second))

    def __add__(self, other):
        if not isinstance(other, Stimulus):
            return NotImplemented
        if other.dim != self.dim:
            raise TypeError(
                f"cannot add stimuli of different units: {b2.get_unit(self.dim)!r} and "
                f"{b2.get_unit(other.dim)!r}"
            )
        f, g = self._function, other._function
        return Stimulus(
            lambda t: f(t) + g(t),
            self.dim,
            np.concatenate([self.breakpoints, other.breakpoints]),
            lambda: f"{self.description} + {other.description}",
        )

    def __repr__(self) -> str:
        return f"Stimulus({self.description})"


def _amplitude(name, value):
    # A current or a current density, checked by the model when simulated.
    if not isinstance(value, b2.Quantity) or b2.get_dimensions(value) not in (
        b2.amp.dim,
        (b2.amp / b2.meter**2).dim,
    ):
        raise TypeError(
            f"{name} must be a current (e.g. 0.5*nA, for LIF) or a current density "
            f"(e.g. 10*uA/cm**2, for HodgkinHuxley); got {value!r}"
        )
    check_quantity(name, value, value, example="10*uA/cm**2")
    return float(np.asarray(value)), b2.get_dimensions(value)


def _time(name, value, example="10*ms", allow_none=False):
    if value is None and allow_none:
        return None
    check_quantity(name, value, ms, example=example, nonnegative=True)
    return float(value / b2.second)


def step(amplitude, start=0 * ms, stop=None):
    """Constant current ``amplitude`` from ``start`` until ``stop`` (None: forever).

    I(t) = amplitude for start <= t < stop, 0 otherwise.
    """
    a, dim = _amplitude("amplitude", amplitude)
    t0 = _time("start", start)
    t1 = _time("stop", stop, allow_none=True)
    if t1 is not None and t1 <= t0:
        raise ValueError(f"stop must be after start; got start={start}, stop={stop}")
    t1v = np.inf if t1 is None else t1

    def function(t):
        return np.where((t >= t0 - _EPS) & (t < t1v - _EPS), a, 0.0)

    bps = [t0] if t1 is None else [t0, t1]
    return Stimulus(
        function,
        dim,
        bps,
        lambda: f"step {amplitude} from {start}" + ("" if stop is None else f" to {stop}"),
    )


def pulse(amplitude, start, width):
    """One rectangular pulse: ``amplitude`` for start <= t < start + width."""
    check_quantity("width", width, ms, example="1*ms", positive=True)
    return step(amplitude, start, start + width)


def pulses(amplitude, times, width):
    """Rectangular pulses of equal ``amplitude`` and ``width`` starting at ``times``.

    Parameters
    ----------
    amplitude : Quantity
    times : Quantity array
        Start times, increasing, at least ``width`` apart.
    width : Quantity
    """
    check_quantity("times", times, ms, example="[10, 30]*ms", nonnegative=True, allow_array=True)
    check_quantity("width", width, ms, example="1*ms", positive=True)
    starts = np.atleast_1d(np.asarray(times / b2.second, dtype=float))
    if starts.size == 0:
        raise ValueError("times must hold at least one pulse start; got an empty array")
    if np.any(np.diff(starts) < float(width / b2.second)):
        raise ValueError(
            f"pulses must not overlap: times must increase by at least "
            f"width={width}; got times={times}"
        )
    a, dim = _amplitude("amplitude", amplitude)
    h = float(width / b2.second)

    def function(t):  # one pulse per start: the latest start at or before t
        k = np.searchsorted(starts, t + _EPS, side="right") - 1
        inside = (k >= 0) & (t < starts[np.maximum(k, 0)] + h - _EPS)
        return np.where(inside, a, 0.0)

    edges = np.concatenate([starts, starts + h])
    return Stimulus(
        function, dim, edges, lambda: f"{starts.size} pulses of {amplitude}, {width} wide"
    )


def ramp(amplitude, start, stop, *, hold=False):
    """Current rising linearly from 0 at ``start`` to ``amplitude`` at ``stop``.

    I(t) = amplitude (t - start)/(stop - start) for start <= t < stop; after ``stop``
    the current is ``amplitude`` if ``hold`` else 0.
    """
    a, dim = _amplitude("amplitude", amplitude)
    t0, t1 = _time("start", start), _time("stop", stop)
    if t1 <= t0:
        raise ValueError(f"stop must be after start; got start={start}, stop={stop}")

    def function(t):
        rising = np.where((t >= t0) & (t < t1), a * (t - t0) / (t1 - t0), 0.0)
        return rising + (np.where(t >= t1, a, 0.0) if hold else 0.0)

    return Stimulus(function, dim, [t0, t1], lambda: f"ramp to {amplitude} from {start} to {stop}")


def noisy(mean, std, *, start=0 * ms, stop=None, dt=0.1 * ms, seed=0):
    """Gaussian noise current: a new value drawn every ``dt`` and held (sample-and-hold).

    I(t) = mean + std * xi_k for k dt <= t - start < (k+1) dt, xi_k ~ N(0, 1) i.i.d.,
    between ``start`` and ``stop`` (None: 10 s); the same ``seed`` gives the same current.
    """
    a, dim = _amplitude("mean", mean)
    if b2.get_dimensions(std) != dim:
        raise TypeError(f"std must have the unit of mean ({b2.get_unit(dim)!r}); got {std!r}")
    check_quantity("std", std, std, example="0.1*nA", nonnegative=True)
    check_number("seed", seed, example="0", integer=True, nonnegative=True)
    t0 = _time("start", start)
    t1 = 10.0 if stop is None else _time("stop", stop)
    h = _time("dt", dt, example="0.1*ms")
    if h <= 0:
        raise ValueError(f"dt must be > 0, e.g. 0.1*ms; got {dt}")
    if t1 <= t0:
        raise ValueError(f"stop must be after start; got start={start}, stop={stop}")
    draws = (t1 - t0) / h
    check_budget(
        "dt", dt, nbytes=draws * 8 * 4, what=f"(stop - start)/dt = {draws:.3g} noise values"
    )
    n = int(np.ceil((t1 - t0) / h - 1e-9))
    draws = a + float(np.asarray(std)) * np.random.default_rng(seed).standard_normal(n)

    def function(t):
        k = np.floor((t - t0) / h + 1e-9).astype(int)
        inside = (k >= 0) & (k < n)
        return np.where(inside, draws[np.clip(k, 0, n - 1)], 0.0)

    return Stimulus(
        function, dim, t0 + h * np.arange(n + 1), lambda: f"noise {mean} ± {std} (seed {seed})"
    )


def constant(amplitude):
    """A constant current from t = 0 (what a bare quantity passed as stimulus means)."""
    return step(amplitude)


# --------------------------------------------------------------------------- spikes


def spike_source(pre, name="pre"):
    """The Brian2 group behind ``pre``: a Population's group, or a Brian2 group itself."""
    group = pre if isinstance(pre, b2.Group) else getattr(pre, "group", None)
    if not isinstance(group, b2.Group):
        raise TypeError(f"{name} must be a Population or a Brian2 group; got {pre!r}")
    return group


#: Bytes per neuron of a spike source (Brian2 variables and spike space): an estimate.
_SOURCE_BYTES = 10 * 8


def _check_source_options(name, dt, target):
    check_quantity("dt", dt, ms, example="0.1*ms", positive=True)
    check_choice("target", target, TARGETS)
    if not isinstance(name, str) or not name.isidentifier():
        raise ValueError(f"name must be a Python identifier, e.g. 'poisson'; got {name!r}")


def poisson_input(n, rate, *, name="poisson", dt=0.1 * ms, target="auto"):
    """``n`` independent Poisson spike trains at ``rate`` (a ``b2.PoissonGroup``).

    ``rate * dt`` is the probability of a spike per step, so it must be below 1.
    """
    check_number("n", n, example="100", positive=True, integer=True)
    check_quantity("rate", rate, Hz, example="10*Hz", nonnegative=True)
    _check_source_options(name, dt, target)
    if float(rate * dt) >= 1:
        raise ValueError(
            f"rate * dt must be < 1 (the probability of a spike per step); got "
            f"rate={rate}, dt={dt}: {float(rate * dt):g}"
        )
    check_budget("n", n, nbytes=float(n) * _SOURCE_BYTES, what=f"{n} neurons x 80 bytes")
    return b2.PoissonGroup(
        int(n), rates=rate, dt=dt, name=f"bioneuro_{name}", codeobj_class=codeobj_class(target)
    )


def spike_input(indices, times, n=None, *, name="spikes", dt=0.1 * ms, target="auto"):
    """Spikes at given times (a ``b2.SpikeGeneratorGroup``).

    Parameters
    ----------
    indices : int array
        The neuron of each spike, in 0..n-1.
    times : time Quantity array
        When each spike happens (>= 0), one per index; rounded to the ``dt`` grid
        (two spikes of one neuron must stay at least one step apart).
    n : int, optional
        Number of neurons (default: the largest index + 1).
    """
    check_quantity("times", times, ms, example="[5, 10]*ms", allow_array=True, nonnegative=True)
    _check_source_options(name, dt, target)
    times = np.atleast_1d(np.asarray(times / b2.second, dtype=float))
    if times.ndim != 1:
        raise ValueError(f"times must be a 1-D array; got shape {times.shape}")
    if n is not None:
        check_number("n", n, example="10", positive=True, integer=True)
    raw = np.asarray(indices)
    if raw.ndim > 1 or raw.size != times.size:
        raise ValueError(
            f"indices must hold one neuron index per spike time ({times.size}); got "
            f"{describe(indices)} of shape {raw.shape}"
        )
    size = int(n) if n is not None else (int(np.max(raw)) + 1 if raw.size else 1)
    check_budget(
        "n" if n is not None else "indices",
        n if n is not None else indices,
        nbytes=float(size) * _SOURCE_BYTES + times.size * 8 * 6,
        what=f"{size} neurons, {times.size} spikes",
    )
    indices = check_indices("indices", raw, size, owner="neuron")
    if times.size == 0:
        raise ValueError("times must hold at least one spike time; got none")
    steps = np.round(times / float(dt / b2.second))
    order = np.lexsort((steps, indices))
    same = (np.diff(indices[order]) == 0) & (np.diff(steps[order]) == 0)
    if np.any(same):
        k = order[1:][same][0]
        raise ValueError(
            f"times must keep each neuron's spikes at least one step of dt={dt} apart; "
            f"got two spikes of neuron {indices[k]} at {times[k] * b2.second}"
        )
    return b2.SpikeGeneratorGroup(
        size,
        indices,
        steps * dt,
        dt=dt,
        name=f"bioneuro_{name}",
        codeobj_class=codeobj_class(target),
    )
