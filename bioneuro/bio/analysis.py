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

import numpy as np
from brian2 import Hz, mV, second, volt


def _values(x):
    """(plain float array, Brian2 dimensions or None) of ``x``."""
    dim = getattr(x, "dim", None)
    return np.asarray(x, dtype=float), dim


def crossings(t, v, level):
    """Times at which ``v`` crosses ``level`` upwards.

    For every sample k with v[k] < level <= v[k+1] the crossing time is interpolated
    linearly between the two samples::

        t_c = t[k] + (level - v[k]) (t[k+1] - t[k]) / (v[k+1] - v[k])

    Parameters
    ----------
    t : array or Quantity, shape (n,)
        Sample times.
    v : array or Quantity, shape (n,)
        The signal (e.g. a membrane potential), in the unit of ``level``.
    level : float or Quantity

    Returns
    -------
    array or Quantity (the unit of ``t``)
        Every crossing time, in increasing order (empty if ``v`` never crosses).
    """
    ts, t_dim = _values(t)
    vs, v_dim = _values(v)
    lv, l_dim = _values(level)
    if (v_dim is None) != (l_dim is None) or (v_dim is not None and v_dim != l_dim):
        raise TypeError(f"level must have the unit of v; got level={level!r}")
    k = np.flatnonzero((vs[:-1] < lv) & (vs[1:] >= lv))
    times = ts[k] + (lv - vs[k]) * (ts[k + 1] - ts[k]) / (vs[k + 1] - vs[k])
    if t_dim is None:
        return times
    import brian2 as b2

    return b2.Quantity(times, dim=t_dim)


def arrival_times(trace, compartments, threshold=-20 * mV):
    """First upward ``threshold`` crossing of each compartment of a cell trace
    (a :class:`~bioneuro.bio.CellTrace`): when the spike arrives there.

    Returns a time Quantity, one entry per compartment (nan where the voltage never
    crosses).
    """
    t = np.asarray(trace.t / second)
    rec = np.asarray(trace.indices)
    out = []
    for i in compartments:
        row = np.flatnonzero(rec == i)[0]
        times = crossings(t, np.asarray(trace.v[row] / volt), float(threshold / volt))
        out.append(times[0] if times.size else np.nan)
    return np.array(out) * second


def steady_rate(spike_times, start, stop):
    """Firing rate from the spikes in [start, stop): (n - 1) / (t_last - t_first).

    The mean inter-spike interval ignores where the window edges fall relative to the
    spikes; with fewer than two spikes in the window the rate is 0 Hz (the neuron has
    stopped firing: the type II HH axon fires once and falls silent below 6.2 µA/cm²).
    """
    s = np.asarray(spike_times / second)
    s = s[(s >= float(start / second)) & (s < float(stop / second))]
    if s.size < 2:
        return 0.0 * Hz
    return (s.size - 1) / ((s[-1] - s[0]) * second)


def mean_rate(spike_monitor, duration, neurons=None):
    """Mean firing rate (Hz) over ``neurons`` (indices; default all) during ``duration``:
    the mean spike count divided by ``duration``."""
    counts = np.asarray(spike_monitor.count[:])
    counts = counts if neurons is None else counts[np.asarray(neurons)]
    return float(np.mean(counts) / float(duration / second)) * Hz
