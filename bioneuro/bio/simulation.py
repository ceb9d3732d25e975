"""Run a point model: :func:`simulate` (one neuron, any stimulus) and :func:`fi_curve`.

Both check all their input before anything is built, then hand the model to the
scipy backend (:mod:`bioneuro.bio.backends.ode`) or the Brian2 backend
(:mod:`bioneuro.bio.backends.brian`).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import brian2 as b2
import numpy as np
from brian2 import Hz, ms, second

from bioneuro.bio.backends import brian, ode
from bioneuro.bio.inputs import Stimulus, constant
from bioneuro.bio.models.point import PointModel
from bioneuro.checks import (
    announce,
    check_budget,
    check_choice,
    check_number,
    check_quantity,
    check_steps,
    dimension_name,
)
from bioneuro.curves import ResponseCurve

BACKENDS = ("brian2", "scipy")
#: Brian2 integration methods a caller may ask for (the deterministic, built-in ones).
BRIAN2_METHODS = ("exact", "euler", "rk2", "rk4", "heun", "exponential_euler")
#: scipy ``solve_ivp`` methods; the implicit ones keep a dense Jacobian.
SCIPY_METHODS = ("LSODA", "RK45", "RK23", "DOP853", "Radau", "BDF")
_IMPLICIT = ("LSODA", "Radau", "BDF")
#: Smallest relative tolerance solve_ivp honours (below it scipy silently uses this).
MIN_RTOL = 100 * np.finfo(float).eps


@dataclass
class Trace:
    """The result of :func:`simulate`.

    Attributes
    ----------
    t : Quantity, shape (n,)
        Sample times k dt.
    v : Quantity, shape (n,)
        Membrane potential.
    spike_times : Quantity
        Times of the spikes.
    states : dict
        Every state variable (``v`` and, for HH, ``m``, ``h``, ``n``), also readable as
        attributes: ``trace.m``.
    stimulus : Quantity, shape (n,)
        The injected input at each sample.
    model, backend, dt :
        What produced the trace.
    """

    t: b2.Quantity
    states: dict
    spike_times: b2.Quantity
    stimulus: b2.Quantity
    model: PointModel
    backend: str
    dt: b2.Quantity
    meta: dict = field(default_factory=dict)

    @property
    def v(self):
        return self.states["v"]

    def __getattr__(self, key):
        states = self.__dict__.get("states", {})
        if key in states:
            return states[key]
        raise AttributeError(f"Trace has no attribute {key!r}; states: {', '.join(states)}")

    def currents(self) -> dict:
        """The model's membrane currents (``model.currents``, e.g. I_Na, I_K, I_L) along
        the trace, evaluated from its equations at the recorded states."""
        comp = ode.CompiledModel(self.model)
        y = np.array([np.asarray(ode.natural(self.states[s]))[None, :] for s in comp.states])
        ns = comp.subexpressions(0.0, y, np.asarray(ode.natural(self.stimulus)))
        dim = b2.get_dimensions(self.model.input_unit)
        unit = b2.Quantity(ode.scale(dim), dim=dim)
        return {k: ns[k][0] * unit for k in self.model.currents}

    def __repr__(self):
        return (
            f"Trace({type(self.model).__name__}, {self.backend}, {len(self.t)} samples "
            f"of dt={self.dt}, {len(self.spike_times)} spikes)"
        )


def _check_common(
    model, duration, dt, backend, method, default_dt=None, *, target="auto", rtol=None
):
    if not isinstance(model, PointModel):
        raise TypeError(
            f"model must be a point model such as HodgkinHuxley() or LIF(); got {model!r}"
        )
    check_quantity("duration", duration, ms, example="100*ms", positive=True)
    check_choice("backend", backend, BACKENDS)
    check_choice("target", target, brian.TARGETS)
    if dt is None:
        dt = default_dt if default_dt is not None else model.default_dt
    check_quantity("dt", dt, ms, example="0.01*ms", positive=True)
    if dt > duration:
        raise ValueError(f"dt must be smaller than duration; got dt={dt}, duration={duration}")
    if backend == "scipy":
        if method is not None:
            check_choice("method", method, SCIPY_METHODS)
        if target != "auto":
            raise ValueError(
                f"target applies to backend='brian2' only (Brian2's code generation); "
                f"got target={target!r} with backend='scipy'"
            )
        if rtol is not None:
            check_number("rtol", rtol, example="1e-6", positive=True)
            if not MIN_RTOL <= rtol < 1:
                raise ValueError(
                    f"rtol must be in [{MIN_RTOL:.3g}, 1) (a relative tolerance solve_ivp "
                    f"honours), e.g. 1e-6; got {rtol!r}"
                )
    if backend == "brian2":
        if rtol is not None:
            raise ValueError(
                f"rtol applies to backend='scipy' only (Brian2 integrates with a fixed "
                f"step: choose dt instead); got rtol={rtol!r} with backend='brian2'"
            )
        if method is not None:
            check_choice("method", method, BRIAN2_METHODS)
            if method == "exact" and model.brian2_method != "exact":
                raise ValueError(
                    f"method='exact' integrates linear equations only; "
                    f"{type(model).__name__}'s are not linear: use e.g. "
                    f"method={model.brian2_method!r}; got method='exact'"
                )
        method = method or model.brian2_method
        limit = _max_dt(model, method)
        if limit is not None and dt > limit:
            raise ValueError(
                f"dt={dt} is too large for {type(model).__name__} with Brian2's {method!r} "
                f"method: above {limit} its firing rates are off by more than 3 % or the "
                f"integration diverges (NaN). Use dt <= {limit}."
            )
    return dt


#: Bytes per neuron of a Brian2 group (its variables) plus the Python objects a result
#: keeps per neuron (spike train arrays, dictionary entries): an estimate.
_NEURON_BYTES = 24 * 8 + 400
#: Spike trains are estimated at this rate (a neuron's refractory ceiling).
_MAX_RATE = 500.0


def _check_size(model, n, duration, dt, backend, method, *, record, name, value):
    """The size guard of one run: n neurons for duration at dt (module checks)."""
    steps = check_steps(duration, dt, n=n)
    n_states = len(model.state_variables)
    nbytes = n * _NEURON_BYTES
    spikes = n * float(duration / second) * _MAX_RATE
    nbytes += spikes * 16 * 2  # spike times and indices, monitor and result
    what = f"{n} neuron(s), up to {spikes:.3g} spikes at {_MAX_RATE:g} Hz"
    if record:  # every state at every step: monitor (growing), result copies, stimulus
        nbytes += 8.0 * n * steps * (3 * n_states + 4)
        what += f" x {steps} steps x {n_states} recorded state(s)"
    if backend == "scipy" and (method or "LSODA") in _IMPLICIT:
        nbytes += 8.0 * (n * n_states) ** 2 * 2  # the solver's dense Jacobian (and LU)
        what += f"; solve_ivp {method or 'LSODA'}'s dense Jacobian of {n * n_states} states"
    check_budget(name, value, nbytes=nbytes, what=what)
    announce(f"{type(model).__name__} on {backend}, {n} neuron(s)", steps, steps * n)
    return steps


def _max_dt(model, method):
    """Largest dt the model accepts with Brian2 ``method`` (None: no known limit)."""
    return model.max_dt.get(method)


def _as_stimulus(model, stimulus):
    if isinstance(stimulus, b2.Quantity) and np.ndim(stimulus) == 0:
        stimulus = constant(stimulus)
    if not isinstance(stimulus, Stimulus):
        raise TypeError(
            f"stimulus must be a Stimulus (e.g. step({model.input_example})) or "
            f"a constant {model.input_example}; got {stimulus!r}"
        )
    expected = b2.get_dimensions(model.input_unit)
    if stimulus.dim != expected:
        kind = dimension_name(model.input_unit)
        raise TypeError(
            f"stimulus for {type(model).__name__} must be {kind}, e.g. "
            f"step({model.input_example}); got {stimulus} in {b2.get_unit(stimulus.dim)!r}"
        )
    return stimulus


def simulate(
    model, stimulus, duration, *, dt=None, backend="brian2", method=None, rtol=None, target="auto"
):
    """Simulate one neuron driven by ``stimulus`` for ``duration``.

    Parameters
    ----------
    model : PointModel
        ``HodgkinHuxley()``, ``LIF()``, ...
    stimulus : Stimulus, Quantity, or list of them
        The injected input; a bare quantity means a constant input from t = 0. A current
        density for HodgkinHuxley, a current for LIF. A list runs one neuron per
        stimulus (on Brian2, all in one group) and returns a list of traces.
    duration : Quantity
    dt : Quantity, optional
        Time step (Brian2) or output sampling step (scipy); default ``model.default_dt``.
    backend : {"brian2", "scipy"}
    method : str, optional
        Brian2 integration method (default ``model.brian2_method``; exponential Euler is
        refused above its stable dt for HH), or solve_ivp method for scipy (default LSODA).
    rtol : float, optional
        Relative tolerance of the scipy backend (default 1e-6); refused with Brian2,
        which integrates with a fixed step.
    target : {"auto", "cython", "numpy"}
        Brian2 code generation target (the scipy backend takes only "auto").

    Returns
    -------
    Trace, or list of Trace if ``stimulus`` is a list
    """
    dt = _check_common(model, duration, dt, backend, method, target=target, rtol=rtol)
    batch = isinstance(stimulus, (list, tuple))
    if batch and not stimulus:
        raise ValueError("stimulus must not be an empty list; got []")
    stimuli = [_as_stimulus(model, s) for s in (stimulus if batch else [stimulus])]
    _check_size(
        model,
        len(stimuli),
        duration,
        dt,
        backend,
        method,
        record=True,
        name="duration",
        value=duration,
    )
    rtol = 1e-6 if rtol is None else rtol
    if backend == "scipy":  # the reference: one neuron at a time
        runs = [
            ode.run(
                model, s, float(duration / ms), float(dt / ms), method=method or "LSODA", rtol=rtol
            )
            for s in stimuli
        ]
    else:  # one Brian2 group, one neuron per stimulus
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", category=DeprecationWarning)
            runs = [
                brian.run(
                    model,
                    stimuli if batch else stimuli[0],
                    duration,
                    dt,
                    method=method,
                    target=target,
                )
            ]
    t = runs[0].t
    states = [
        {k: r.states[k][i] for k in model.state_variables}
        for r in runs
        for i in range(len(r.spikes))
    ]
    spikes = [train for r in runs for train in r.spikes]
    traces = []
    for stim, st, sp in zip(stimuli, states, spikes, strict=True):
        for name, values in st.items():
            if not np.all(np.isfinite(np.asarray(values))):
                raise FloatingPointError(
                    f"the {backend} integration of {name} produced NaN/inf; reduce dt (got {dt})"
                )
        injected = b2.Quantity(stim.values(np.asarray(t / second)), dim=stim.dim)
        traces.append(
            Trace(
                t=t,
                states=st,
                spike_times=sp,
                stimulus=injected,
                model=model,
                backend=backend,
                dt=dt,
            )
        )
    return traces if batch else traces[0]


def fi_curve(
    model,
    currents,
    *,
    duration=1 * second,
    transient=None,
    dt=None,
    backend="brian2",
    method=None,
    target="auto",
    device="runtime",
):
    """Firing rate against constant injected current: the neuron's f-I curve.

    All currents run at once: one Brian2 ``NeuronGroup`` with one neuron per current,
    or one vector ODE for scipy. The rate is the steady-state rate after the onset
    transient: (n - 1)/(t_last - t_first) over the spikes in [transient, duration)
    (see :func:`~bioneuro.bio.analysis.steady_rate`).

    Parameters
    ----------
    model : PointModel
    currents : Quantity array
        Input currents (densities for HH), one neuron each.
    duration : Quantity
        Simulated time per current (default 1 s).
    transient : Quantity, optional
        Start of the counting window (default: a quarter of ``duration``, at most 200 ms).
    dt : Quantity, optional
        Time step; default ``model.rate_dt`` (HH: 0.05 ms with rk4, whose rates agree
        with 0.01 ms to 0.005 Hz; LIF: 0.01 ms).
    backend, method, target :
        As in :func:`simulate`.
    device : {"runtime", "cpp_standalone"}
        Brian2 device. ``cpp_standalone`` compiles the sweep once into a C++ program
        kept in ``~/.cache/bioneuro/standalone`` (one per model, number of currents,
        duration, dt and method) and passes the currents and parameters to it when it
        runs: a new sweep of the same shape starts at once, and the spike trains are
        identical to runtime's (see :func:`bioneuro.bio.backends.brian.sweep`).

    Returns
    -------
    ResponseCurve
        ``x``: the currents, ``y``: rates in Hz.
    """
    dt = _check_common(
        model, duration, dt, backend, method, default_dt=model.rate_dt, target=target
    )
    unit_text = model.input_example.split("*", 1)[1]
    check_quantity(
        "currents", currents, model.input_unit, example=f"[0, 5, 10]*{unit_text}", allow_array=True
    )
    currents = b2.Quantity(np.atleast_1d(np.asarray(currents)), dim=b2.get_dimensions(currents))
    if currents.size == 0:
        raise ValueError("currents must hold at least one value; got an empty array")
    if currents.ndim != 1:
        raise ValueError(f"currents must be a 1-D array; got shape {currents.shape}")
    _check_size(
        model,
        currents.size,
        duration,
        dt,
        backend,
        method,
        record=False,
        name="currents",
        value=f"{currents.size} values",
    )
    check_choice("device", device, brian.DEVICES)
    if device != "runtime" and (backend != "brian2" or target != "auto"):
        raise ValueError(
            f"device={device!r} runs Brian2's C++ code: it needs backend='brian2' and "
            f"target='auto'; got backend={backend!r}, target={target!r}"
        )
    if transient is None:
        transient = min(duration / 4, 200 * ms)
    check_quantity("transient", transient, ms, example="200*ms", nonnegative=True)
    if transient >= duration:  # an empty counting window
        raise ValueError(
            f"transient must be shorter than duration; got transient={transient}, "
            f"duration={duration}"
        )
    if backend == "scipy":
        out = ode.run(
            model,
            np.asarray(currents, dtype=float),
            float(duration / ms),
            float(dt / ms),
            record=False,
            method=method or "LSODA",
        )
    else:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", category=DeprecationWarning)
            out = brian.sweep(
                model, currents, duration, dt, method=method, device=device, target=target
            )
    trains = out.spikes
    # steady_rate's formula on every train, without its input checks (600 unit checks for
    # 200 currents cost more than a compiled sweep): the same numbers
    window = float(transient / second), float(duration / second)
    rates = np.zeros(len(trains))
    for k, train in enumerate(trains):
        s = np.asarray(train / second, dtype=float)
        s = s[(s >= window[0]) & (s < window[1])]
        if s.size >= 2:
            rates[k] = (s.size - 1) / (s[-1] - s[0])
    rates = rates * Hz
    return ResponseCurve(
        x=currents,
        y=rates,
        x_label=model.input_label,
        y_label="firing rate (Hz)",
        label=f"{type(model).__name__} ({backend})",
        meta={
            "model": model,
            "duration": duration,
            "transient": transient,
            "dt": dt,
            "backend": backend,
            "spike_trains": trains,
        },
    )
