"""Reading a simulation: threshold crossings and firing rates.

* :func:`crossings`: every upward crossing of a level, linearly interpolated between
  samples. The one crossing detector of the package: it counts Hodgkin-Huxley spikes on
  the scipy backend, times action potentials along axons and in chains of cells, and
  draws arrival times.
* :func:`arrival_times`: when a spike reaches each compartment of a cell.
* :func:`steady_rate`: the firing rate of one spike train after its onset transient.
* :func:`mean_rate`: the mean rate of a recorded population.
"""

from __future__ import annotations

import brian2 as b2
import numpy as np
from brian2 import Hz, mV, second, volt

from bioneuro.checks import check_indices, check_quantity, describe


def _values(name, x):
    """(finite float array, Brian2 dimensions or None) of ``x``."""
    dim = getattr(x, "dim", None)
    try:
        arr = np.asarray(x, dtype=float)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be numbers or a Brian2 quantity; got {describe(x)}") from exc
    return arr, dim


def _check_window(start, stop):
    check_quantity("start", start, second, example="200*ms", nonnegative=True)
    check_quantity("stop", stop, second, example="1*second", positive=True)
    if not start < stop:
        raise ValueError(
            f"start must come before stop (an empty window has no rate); got "
            f"start={start}, stop={stop}"
        )


def crossings(t, v, level):
    """Times at which ``v`` crosses ``level`` upwards.

    For every sample k with v[k] < level <= v[k+1] the crossing time is interpolated
    linearly between the two samples::

        t_c = t[k] + (level - v[k]) (t[k+1] - t[k]) / (v[k+1] - v[k])

    (held in [t[k], t[k+1]]: in floating point the formula can land one rounding step
    past t[k+1] when v[k+1] equals the level).

    Parameters
    ----------
    t : time Quantity or plain array, shape (n,)
        Sample times, increasing. Plain numbers are read in no unit at all: then ``v``
        and ``level`` must be plain numbers too, and the result is plain.
    v : array or Quantity, shape (n,)
        The signal (e.g. a membrane potential), in the unit of ``level``.
    level : float or Quantity

    Returns
    -------
    array or Quantity (the unit of ``t``)
        Every crossing time, in increasing order (empty if ``v`` never crosses).
    """
    ts, t_dim = _values("t", t)
    vs, v_dim = _values("v", v)
    lv, l_dim = _values("level", level)
    if t_dim is not None and not b2.have_same_dimensions(t, second):
        raise TypeError(f"t must be times, e.g. trace.t; got {describe(t)}")
    if (t_dim is None) != (v_dim is None) and not (v_dim is not None and v_dim.is_dimensionless):
        raise TypeError(
            f"t and v must both carry units or both be plain numbers; got t={describe(t)}, "
            f"v={describe(v)}"
        )
    if (v_dim is None) != (l_dim is None) or (v_dim is not None and v_dim != l_dim):
        raise TypeError(f"level must have the unit of v; got level={level!r}")
    if ts.ndim != 1 or vs.shape != ts.shape:
        raise ValueError(
            f"t and v must be 1-D of equal length; got shapes t={ts.shape}, v={vs.shape}"
        )
    if lv.ndim != 0 or not np.isfinite(lv):
        raise ValueError(f"level must be one finite value; got {describe(level)}")
    if not np.all(np.isfinite(ts)) or np.any(np.diff(ts) < 0):
        raise ValueError(f"t must be finite and increasing; got {describe(t)}")
    k = np.flatnonzero((vs[:-1] < lv) & (vs[1:] >= lv))
    times = ts[k] + (lv - vs[k]) * (ts[k + 1] - ts[k]) / (vs[k + 1] - vs[k])
    # rounding can put t_c one ulp past t[k+1] when v[k+1] == level: keep it in its step
    times = np.clip(times, ts[k], ts[k + 1])
    if t_dim is None:
        return times
    return b2.Quantity(times, dim=t_dim)


def arrival_times(trace, compartments, threshold=-20 * mV):
    """First upward ``threshold`` crossing of each compartment of a cell trace
    (a :class:`~bioneuro.bio.CellTrace`): when the spike arrives there.

    Parameters
    ----------
    trace : CellTrace
    compartments : sequence of int
        Compartment indices; each must be among ``trace.indices`` (recorded).
    threshold : Quantity (voltage)

    Returns
    -------
    Quantity (time), one entry per compartment (nan where the voltage never crosses).
    """
    if not all(hasattr(trace, a) for a in ("t", "v", "indices")):
        raise TypeError(f"trace must be a CellTrace (from cell.run()); got {describe(trace)}")
    check_quantity("threshold", threshold, mV, example="-20*mV")
    rec = np.asarray(trace.indices)
    wanted = np.atleast_1d(np.asarray(compartments))
    if wanted.size == 0 or wanted.dtype.kind not in "iu":
        raise ValueError(
            f"compartments must list recorded compartment indices; got {describe(compartments)}"
        )
    missing = np.setdiff1d(wanted, rec)
    if missing.size:
        raise ValueError(
            f"compartments must be recorded in trace (record= of cell.run); got "
            f"{missing[:5].tolist()}, not among the {rec.size} recorded"
        )
    t = np.asarray(trace.t / second)
    out = []
    for i in wanted:
        row = np.flatnonzero(rec == i)[0]
        times = crossings(t, np.asarray(trace.v[row] / volt), float(threshold / volt))
        out.append(times[0] if times.size else np.nan)
    return np.array(out) * second


def steady_rate(spike_times, start, stop):
    """Firing rate from the spikes in [start, stop): (n - 1) / (t_last - t_first).

    The mean inter-spike interval ignores where the window edges fall relative to the
    spikes; with fewer than two spikes in the window the rate is 0 Hz (the neuron has
    stopped firing: the type II HH axon fires once and falls silent below 6.2 µA/cm²).

    Parameters
    ----------
    spike_times : time Quantity array
        One neuron's spike times, strictly increasing.
    start, stop : Quantity (times), start < stop

    Raises
    ------
    ValueError
        If the times are not strictly increasing, or so close together (~1e-308 s) that
        the rate overflows.
    """
    check_quantity(
        "spike_times", spike_times, second, example="trace.spike_times", allow_array=True
    )
    _check_window(start, stop)
    s = np.atleast_1d(np.asarray(spike_times / second, dtype=float))
    if s.ndim != 1 or np.any(np.diff(s) <= 0):
        raise ValueError(
            f"spike_times must be one train of strictly increasing times (two spikes at "
            f"one time would make the rate infinite); got {describe(spike_times)}"
        )
    s = s[(s >= float(start / second)) & (s < float(stop / second))]
    if s.size < 2:
        return 0.0 * Hz
    span = s[-1] - s[0]
    with np.errstate(over="ignore"):
        rate = (s.size - 1) / span
    if not np.isfinite(rate):
        raise ValueError(
            f"spike_times has {s.size} spikes within {span:g} s in [start, stop), so the "
            f"rate (n - 1) / {span:g} s overflows; expected spike trains whose spikes are "
            "further apart (a neuron's are at least ~1 ms apart)"
        )
    return rate * Hz


def mean_rate(spike_monitor, duration, neurons=None):
    """Mean firing rate over ``neurons`` during ``duration``: the mean spike count
    divided by ``duration``.

    Parameters
    ----------
    spike_monitor : brian2 SpikeMonitor
    duration : Quantity (time) > 0
        The time the monitor recorded for (at most the simulated time).
    neurons : int array, optional
        Indices of the monitored group (default all).
    """
    if not hasattr(spike_monitor, "count") or not hasattr(spike_monitor, "source"):
        raise TypeError(
            f"spike_monitor must be a Brian2 SpikeMonitor, e.g. the first of record(pop); "
            f"got {describe(spike_monitor)}"
        )
    check_quantity("duration", duration, second, example="1*second", positive=True)
    counts = np.asarray(spike_monitor.count[:])
    if neurons is not None:
        neurons = check_indices("neurons", neurons, counts.size, owner="monitored neuron")
        counts = counts[neurons]
    elapsed = _elapsed(spike_monitor)
    if elapsed and float(duration / second) > elapsed * (1 + 1e-9) + 1e-12:
        raise ValueError(
            f"duration must be at most the time the monitor recorded ({elapsed * second}); "
            f"got duration={duration}"
        )
    return float(np.mean(counts) / float(duration / second)) * Hz


def _elapsed(spike_monitor):
    """Simulated time of the monitor's clock in seconds (None or 0 if it cannot be read,
    e.g. before a run or on a standalone device: then duration is not compared)."""
    try:
        return float(spike_monitor.clock.t_)
    except Exception:  # e.g. a standalone device before its run
        return None
