"""Measurements on cells: conduction velocity, length constant, input resistance.

Each function runs the cell (:meth:`bioneuro.bio.Cell.run`) with a stimulus of its own
and returns a Brian2 quantity. The cell's inputs are restored afterwards.

* :func:`conduction_velocity`: stimulate the start of the axon, record the voltage at
  two points (1/4 and 3/4 of the axon's length by default), find the time each crosses
  ``threshold`` upwards (linear interpolation between samples), and divide the path
  distance by the time difference.
* :func:`length_constant`: inject a constant current at the start of a section, run to
  steady state, and fit ``V(x) = V0 cosh((L - x)/lambda) / cosh(L/lambda)`` (sealed end)
  to the depolarisation along the section.
* :func:`input_resistance`: ΔV / I at the injection site at steady state.
"""

from __future__ import annotations

import contextlib

import numpy as np
from brian2 import Quantity, amp, meter, mV, ohm, second, siemens, volt

from bioneuro.bio.analysis import crossings
from bioneuro.bio.cell import Cell
from bioneuro.checks import check_number, check_quantity
from bioneuro.theory.cable import semi_infinite_resistance

AXON_REGIONS = ("ais", "axon", "node", "internode")


def _check_cell(cell):
    if not isinstance(cell, Cell):
        raise TypeError(f"cell must be a bioneuro.bio.Cell; got {type(cell).__name__}")


@contextlib.contextmanager
def _own_inputs(cell):
    saved = (
        {k: v.copy() for k, v in cell.inputs.items()},
        list(cell.synapses),
        list(cell.injection_sites),
    )
    cell.clear_inputs()
    try:
        yield
    finally:
        cell.inputs, cell.synapses, cell.injection_sites = saved


def _first_crossing(t, v, threshold):
    """First upward crossing of ``threshold`` by ``v`` (plain numbers), or nan."""
    times = crossings(t, v, threshold)
    return times[0] if times.size else np.nan


def _semi_infinite_resistance(cell, i):
    """R_inf of a cable with compartment ``i``'s diameter and membrane (in ohm)."""
    g_m = (cell.values["g_L"][i] + 1e-12) * siemens / meter**2
    r_inf = semi_infinite_resistance(
        cell.diameter_um[i] * 1e-6 * meter, 1 / g_m, cell.shared["Ra"]
    )
    return float(r_inf / ohm)


def conduction_velocity(
    cell,
    *,
    start=0.25,
    stop=0.75,
    threshold=-20 * mV,
    amplitude=None,
    pulse=0.5e-3 * second,
    duration=None,
    return_details=False,
):
    """Conduction velocity of an action potential along the axon of ``cell``.

    The axon is every compartment of the regions ais, axon, node and internode (for
    a cell without them, the whole cell). A current pulse at the start of the axon
    (``amplitude``, default 5x the current that depolarises a semi-infinite passive
    cable of that diameter by 15 mV, for ``pulse``) starts an action potential; the
    velocity is the path distance between the excitable compartments nearest the
    fractions ``start`` and ``stop`` of the axon's length, divided by the difference
    of their ``threshold`` crossing times.

    Returns
    -------
    Quantity (m/s), or (Quantity, dict) with times, positions and the trace when
    ``return_details`` is True. Raises ``RuntimeError`` if no spike reaches both points.
    """
    _check_cell(cell)
    for name, value in (("start", start), ("stop", stop)):
        check_number(name, value, example="0.25", nonnegative=True)
    if not 0 <= start < stop <= 1:
        raise ValueError(
            f"start and stop must satisfy 0 <= start < stop <= 1, e.g. 0.25 and "
            f"0.75; got {start!r} and {stop!r}"
        )
    check_quantity("threshold", threshold, mV, example="-20*mV")
    check_quantity("pulse", pulse, second, example="0.5*ms", positive=True)
    axon = np.flatnonzero(np.isin(cell.region_of.astype(str), AXON_REGIONS))
    if not axon.size:
        axon = np.arange(cell.n_compartments)
    dist = cell.distance_um[axon]
    excitable = axon[cell.values["g_Na"][axon] > 0]
    if not excitable.size:  # no sodium channels: measure anyway (nothing will propagate)
        excitable = axon
    d0, d1 = dist.min(), dist.max()
    first = axon[np.argmin(dist)]
    picks = []
    for f in (start, stop):
        target = d0 + f * (d1 - d0)
        picks.append(int(excitable[np.argmin(np.abs(cell.distance_um[excitable] - target))]))
    if picks[0] == picks[1]:
        raise ValueError("start and stop fall on the same compartment; use more compartments")
    if amplitude is None:
        amplitude = 5 * 15e-3 / _semi_infinite_resistance(cell, first) * amp
    check_quantity("amplitude", amplitude, amp, example="1*uA")
    if duration is None:
        # a generous guess: 0.5 m/s scaled with sqrt(d / 1 um), 3x margin, plus 3 ms
        d = float(np.median(cell.diameter_um[axon]))
        slow = 0.5 * np.sqrt(d) * 3 ** ((cell.celsius - 6.3) / 20)
        duration = (3e-3 + 3 * (d1 - d0) * 1e-6 / slow) * second
    check_quantity("duration", duration, second, example="20*ms", positive=True)
    with _own_inputs(cell):
        section = cell.section_of[first]
        position = float(cell.compartments.position[first])
        cell.inject(section, position, amplitude, start=0 * second, stop=pulse)
        trace = cell.run(duration, record=picks)
    t = np.asarray(trace.t / second)
    times = [
        _first_crossing(t, np.asarray(row / volt), float(threshold / volt)) for row in trace.v
    ]
    if not np.all(np.isfinite(times)) or times[1] <= times[0]:
        raise RuntimeError(
            f"no action potential travelled from {start} to {stop} of the axon "
            f"within {duration!r} (crossing times {times}); raise amplitude "
            "or duration"
        )
    distance = (cell.distance_um[picks[1]] - cell.distance_um[picks[0]]) * 1e-6
    velocity = distance / (times[1] - times[0]) * meter / second
    if return_details:
        return velocity, {
            "times": Quantity(times, dim=second.dim),
            "distance": distance * meter,
            "compartments": picks,
            "trace": trace,
        }
    return velocity


def _steady_injection(cell, section, position, amplitude, duration, record="all"):
    """Steady change of v at ``record`` when ``amplitude`` enters ``section`` at ``position``.

    One run of 2 ``duration``: the current is switched on half-way, and the change is
    v(7/4 duration) - v(3/4 duration), each read 3/4 of ``duration`` into its half (the
    cell first settles at rest, then at rest plus the current). One run, not two: each
    run regenerates the cell's code.
    """
    check_quantity("amplitude", amplitude, amp, example="0.1*nA")
    check_quantity("duration", duration, second, example="200*ms", positive=True)
    with _own_inputs(cell):
        cell.inject(section, position, amplitude, start=duration)
        trace = cell.run(2 * duration, record=record, record_dt=duration / 4)
    return trace.v[:, 7] - trace.v[:, 3]


def length_constant(cell, section, *, amplitude=0.1e-9 * amp, duration=None, return_details=False):
    """Length constant of ``section`` fitted to the steady depolarisation it carries.

    Inject ``amplitude`` at the start of the section until steady state (``duration``,
    default 15 membrane time constants), subtract the resting voltage, and fit
    ``V0 cosh((L - x)/lambda) / cosh(L/lambda)`` by least squares (sealed end at
    ``x = L``). Only meaningful for a passive, unbranched section with a sealed end.

    Returns
    -------
    Quantity (length), or (Quantity, dict with x, dv, V0, fitted profile).
    """
    from scipy.optimize import least_squares

    _check_cell(cell)
    idx = cell.indices(sections=section)
    if duration is None:
        g = cell.values["g_L"][idx].min()
        duration = 15 * cell.values["Cm"][idx].max() / g * second
    dv = np.asarray(_steady_injection(cell, section, 0.0, amplitude, duration)[idx] / volt)
    start = cell.cuts[section][0, :3]
    x = (cell.distance_um[idx] - cell.distance_um[idx[0]]) * 1e-6
    x += (
        np.linalg.norm(cell.start[idx[0]] - start) * 1e-6
        + 0.5 * np.linalg.norm(cell.end[idx[0]] - cell.start[idx[0]]) * 1e-6
    )
    length = cell.geometry.sections[section].length_um * 1e-6

    def profile(p):
        v0, lam = p
        return v0 * np.cosh((length - x) / lam) / np.cosh(length / lam)

    fit = least_squares(
        lambda p: (profile(p) - dv) / dv.max(),
        x0=[dv[0], length / 2],
        bounds=([0, 1e-9], [np.inf, np.inf]),
    )
    lam = fit.x[1] * meter
    if return_details:
        return lam, {
            "x": x * meter,
            "dv": dv * volt,
            "V0": fit.x[0] * volt,
            "fit": profile(fit.x) * volt,
        }
    return lam


def input_resistance(cell, section, position=0.0, *, amplitude=0.01e-9 * amp, duration=None):
    """Steady-state input resistance ΔV/I at ``position`` along ``section`` (small current)."""
    _check_cell(cell)
    check_quantity("amplitude", amplitude, amp, example="0.01*nA")
    if float(amplitude / amp) == 0:
        raise ValueError("amplitude must not be 0, e.g. 0.01*nA")
    i = cell.compartment(section, position)
    if duration is None:
        duration = 15 * cell.values["Cm"].max() / cell.values["g_L"].min() * second
    return _steady_injection(cell, section, position, amplitude, duration, [i])[0] / amplitude
