"""The scipy backend: the readable reference.

The model's Brian2 equation strings are evaluated with numpy in a coherent unit
system in which mV = 1, ms = 1 and nA = 1 (so µA/cm² / (µF/cm²) = mV/ms holds): every
parameter and every unit named in the equations is converted once to that system
(:func:`natural`), and the same strings the Brian2 backend compiles become one
right-hand side ``dy/dt = f(t, y)`` for ``scipy.integrate.solve_ivp``.

Integration runs piece by piece between the stimulus breakpoints (a 1 ms pulse is
never stepped over). Spikes:

* models with a reset (LIF, AdEx): a terminal ``solve_ivp`` event at v = threshold; the
  model's reset statements (``v = V_reset``, ``w += b``) run on the spiking neuron and
  its ``(unless refractory)`` equations are frozen for the refractory period, as in Brian2;
* models that make their own spikes (HH): upward crossings of the threshold level,
  linearly interpolated between output samples (:func:`bioneuro.bio.analysis.crossings`).

Many neurons (one per constant input, as in :func:`bioneuro.bio.fi_curve`) are one
vector ODE: one ``solve_ivp`` call integrates all of them together.
"""

from __future__ import annotations

import math

import brian2 as b2
import numpy as np
import scipy.optimize
import scipy.special
from scipy.integrate import solve_ivp

from bioneuro.bio.analysis import crossings
from bioneuro.bio.backends.equations import BackendRun

# Decimal exponent of each SI base dimension (m, kg, s, A, K, mol, cd) in the natural
# system: cm, 1e-17 kg, ms, nA  =>  volt unit = 1e-4 * 1e-17 * 1e9 * 1e9 V = 1 mV.
_EXPONENTS = np.array([-2.0, -17.0, -3.0, -9.0, 0.0, 0.0, 0.0])

_FUNCTIONS = {
    "exp": np.exp,
    "exprel": scipy.special.exprel,
    "log": np.log,
    "sqrt": np.sqrt,
    "abs": np.abs,
    "clip": np.clip,
    "tanh": np.tanh,
}


def _exprel(x):
    """scipy.special.exprel for one float: (exp(x) - 1) / x, 1 at 0."""
    if abs(x) < 1e-16:
        return 1.0
    return math.expm1(x) / x


def _clip(x, lo, hi):
    return min(max(x, lo), hi)


#: The same functions for one neuron at a time: Python floats, no array overhead.
_SCALAR_FUNCTIONS = {
    "exp": math.exp,
    "exprel": _exprel,
    "log": math.log,
    "sqrt": math.sqrt,
    "abs": abs,
    "clip": _clip,
    "tanh": math.tanh,
}

#: Up to this many neurons, derivatives are evaluated neuron by neuron with Python floats
#: (numpy's per-call cost on tiny arrays is larger than the arithmetic).
SCALAR_MAX_NEURONS = 8


def scale(dim) -> float:
    """SI value of one natural unit of dimension ``dim`` (e.g. 1e-3 for volt)."""
    return 10.0 ** float(np.dot(_EXPONENTS, np.asarray(dim._dims, dtype=float)))


def natural(q):
    """Value of a Brian2 quantity (or plain number) in the natural unit system."""
    dim = b2.get_dimensions(q)
    return np.asarray(q, dtype=float) / scale(dim)


class CompiledModel:
    """A model's equations compiled to numpy functions for ``n`` neurons at once.

    ``source`` is the Python text that is run: ``derivatives`` (the right-hand side),
    ``subexpressions`` (named currents, rates, ...) and, for models with a reset,
    ``reset`` (the model's reset statements, e.g. ``v = V_reset``). For a few neurons
    :meth:`evaluate` runs the same right-hand side on Python floats, one neuron at a time
    (``scalar_source``: ``math`` functions, ``0.0 if frozen else ...``), several times
    faster than numpy on arrays of one to eight values; on an overflow or a division by
    zero it falls back to numpy, whose inf and nan the integrator handles as before.
    """

    def __init__(self, model):
        self.model = model
        eqs = b2.Equations(model.equations)
        self.states = list(model.state_variables)
        if set(self.states) != set(eqs.diff_eq_names):
            raise ValueError(
                f"{type(model).__name__}.state_units {self.states} do not match the "
                f"equations' {sorted(eqs.diff_eq_names)}"
            )
        self.namespace = dict(_FUNCTIONS)
        for key, value in model.parameters().items():
            self.namespace[key] = float(natural(value))
        known = set(self.namespace) | set(eqs.names) | {"t", "I_stim"}
        subexpressions, derivatives = [], {}
        for eq in eqs.ordered:
            if eq.expr is None:
                continue
            self._bind_units(eq.expr.identifiers - known)
            if eq.type == b2.equations.equations.SUBEXPRESSION:
                subexpressions.append(f"    {eq.varname} = {eq.expr.code}")
            else:
                derivatives[eq.varname] = eq.expr.code
                if "unless refractory" in eq.flags:
                    derivatives[eq.varname] = f"where(frozen, 0.0, {eq.expr.code})"
        self.subexpression_names = [line.split("=")[0].strip() for line in subexpressions]
        scalar = {
            v: f"(0.0 if frozen else {code.removeprefix('where(frozen, 0.0, ')[:-1]})"
            if code.startswith("where(frozen, 0.0, ")
            else code
            for v, code in derivatives.items()
        }
        args = ", ".join(["t", *self.states, "I_stim", "frozen"])
        body = "\n".join(subexpressions)
        self.source = (
            f"def derivatives({args}):\n{body}\n"
            + "".join(f"    d{s}_dt = {derivatives[s]}\n" for s in self.states)
            + f"    return ({', '.join(f'd{s}_dt' for s in self.states)},)\n\n"
            + f"def subexpressions({args}):\n{body}\n"
            + f"    return {{{', '.join(f'{k!r}: {k}' for k in self.subexpression_names)}}}\n"
        )
        if model.reset is not None:
            statements = [line.strip() for line in model.reset.splitlines() if line.strip()]
            for line in statements:
                target = line.split("=")[0].rstrip("+-*/ ")
                if target not in self.states:
                    raise ValueError(
                        f"{type(model).__name__}.reset assigns {target!r}, which "
                        f"is not a state variable ({', '.join(self.states)})"
                    )
                self._bind_units(b2.Expression(line.split("=", 1)[1]).identifiers - known)
            self.source += (
                f"\ndef reset({', '.join(self.states)}):\n"
                + "".join(f"    {line}\n" for line in statements)
                + f"    return ({', '.join(self.states)},)\n"
            )
        self.namespace["where"] = np.where
        exec(compile(self.source, f"<bioneuro {model.name} equations>", "exec"), self.namespace)
        self.scalar_source = (
            f"def derivatives({args}):\n{body}\n"
            + "".join(f"    d{s}_dt = {scalar[s]}\n" for s in self.states)
            + f"    return ({', '.join(f'd{s}_dt' for s in self.states)},)\n"
        )
        self._scalar_namespace = {**self.namespace, **_SCALAR_FUNCTIONS}
        exec(
            compile(self.scalar_source, f"<bioneuro {model.name} scalar>", "exec"),
            self._scalar_namespace,
        )

    def _bind_units(self, names):
        for name in names:
            unit = getattr(b2, name, None)
            if not isinstance(unit, b2.Quantity):
                raise ValueError(f"unknown name {name!r} in {type(self.model).__name__} equations")
            self.namespace[name] = float(natural(unit))

    def evaluate(self, t, y, I_stim, frozen=False):
        """Derivatives, shape (n_states, n), at time ``t`` (ms) for states ``y``."""
        y = np.asarray(y, dtype=float)
        if y.ndim == 2 and y.shape[1] <= SCALAR_MAX_NEURONS:
            n = y.shape[1]
            currents = np.broadcast_to(np.asarray(I_stim, dtype=float), (n,)).tolist()
            flags = np.broadcast_to(np.asarray(frozen, dtype=bool), (n,)).tolist()
            f = self._scalar_namespace["derivatives"]
            try:
                columns = [
                    f(t, *state, current, flag)
                    for state, current, flag in zip(y.T.tolist(), currents, flags, strict=True)
                ]
            except (OverflowError, ZeroDivisionError, ValueError):
                pass  # numpy's inf/nan below, as the integrator expects
            else:
                return np.array(columns, dtype=float).T
        return np.array(self.namespace["derivatives"](t, *y, I_stim, frozen))

    def subexpressions(self, t, y, I_stim, frozen=False) -> dict:
        """The named subexpressions (e.g. currents, rates) at ``t`` for states ``y``."""
        return self.namespace["subexpressions"](t, *y, I_stim, frozen)

    def reset(self, y):
        """The model's reset statements applied to states ``y`` (n_states, k); a new array."""
        y = np.array(y, dtype=float)
        return np.array(np.broadcast_arrays(*self.namespace["reset"](*y), y[0]))[:-1]

    def with_units(self, name, values):
        """Natural-unit ``values`` of state ``name`` as a Brian2 quantity (or plain array)."""
        unit = self.model.state_units[name]
        if not isinstance(unit, b2.Quantity) or b2.get_dimensions(unit).is_dimensionless:
            return np.asarray(values, dtype=float)
        dim = b2.get_dimensions(unit)
        return b2.Quantity(np.asarray(values, dtype=float) * scale(dim), dim=dim)


def resting_state(model) -> dict:
    """The steady state with no input: all derivatives zero (``fsolve`` from the model's
    ``resting_guess``), each state with its unit."""
    comp = CompiledModel(model)
    guess = model.resting_guess
    y0 = np.array([float(natural(guess[s])) for s in comp.states], dtype=float)

    def f(y):
        return comp.evaluate(0.0, y[:, None], 0.0)[:, 0]

    y, _, ok, msg = scipy.optimize.fsolve(f, y0, full_output=True, xtol=1e-13)
    if ok != 1:
        raise RuntimeError(f"no resting state found for {model!r}: {msg}")
    return {s: _scalar(comp.with_units(s, y[i])) for i, s in enumerate(comp.states)}


def _scalar(value):
    return value if isinstance(value, b2.Quantity) else float(value)


def run(
    model,
    drive,
    duration,
    dt,
    *,
    record=True,
    method="LSODA",
    rtol=1e-6,
    atol=1e-8,
    initial_state=None,
    chunk=100.0,
) -> BackendRun:
    """Integrate ``model`` with scipy.

    Parameters
    ----------
    model : PointModel
    drive : Stimulus or ndarray
        One stimulus shared by a single neuron, or an array of constant inputs (SI
        values), one neuron each.
    duration, dt : float
        In ms (natural units). Output is sampled at t = k dt, k = 0..round(duration/dt)-1.
    record : bool
        Keep the sampled state traces (else only the spikes).
    method, rtol, atol : solve_ivp settings.
    initial_state : dict or None
        Initial values (quantities); the model's own by default.
    chunk : float
        Longest piece integrated in one ``solve_ivp`` call (ms); bounds memory.

    Returns
    -------
    BackendRun
        Times, spike times and (if recorded) states, with units.
    """
    comp = CompiledModel(model)
    if isinstance(drive, np.ndarray):
        n = drive.size
        input_scale = scale(b2.get_dimensions(model.input_unit))
        currents = drive.astype(float) / input_scale

        def stim(t):
            return currents

        breakpoints = np.array([])
    else:
        n = 1
        input_scale = scale(drive.dim)

        def stim(t):
            return drive.values(t * 1e-3) / input_scale

        breakpoints = drive.breakpoints * 1e3

    init = initial_state or model.initial_state()
    y0 = np.array([[float(natural(init[s]))] * n for s in comp.states])
    n_samples = int(round(duration / dt))
    grid = np.arange(n_samples) * dt
    th = comp.namespace[model.threshold]
    has_reset = model.reset is not None
    t_ref = comp.namespace[model.refractory] if model.refractory else 0.0
    ref_until = np.full(n, -np.inf)
    spikes = [[] for _ in range(n)]
    traces = [] if record else None
    last_v, last_t = None, None  # last sample of v, for crossings between pieces

    fixed = np.concatenate([breakpoints, np.arange(chunk, duration, chunk), [duration]])
    fixed = np.unique(fixed[(fixed > 0) & (fixed <= duration)])
    t, y = 0.0, y0
    while t < duration - 1e-12:
        frozen = ref_until > t + 1e-12
        t_next = min(fixed[fixed > t + 1e-12][0], *(ref_until[frozen]), duration)
        k0, k1 = np.searchsorted(grid, [t - 1e-9, t_next - 1e-9])
        t_eval = np.append(grid[k0:k1], t_next)

        def rhs(tt, yy, frozen=frozen):
            return comp.evaluate(tt, yy.reshape(len(comp.states), n), stim(tt), frozen).ravel()

        events = None
        if has_reset:
            active = ~frozen

            def crossing(tt, yy, active=active):
                v = yy[:n][active]
                return float(np.max(v - th)) if v.size else -1.0

            crossing.terminal, crossing.direction = True, 1.0
            events = crossing
        sol = solve_ivp(
            rhs,
            (t, t_next),
            y.ravel(),
            method=method,
            t_eval=t_eval,
            rtol=rtol,
            atol=atol,
            events=events,
        )
        if not sol.success:
            raise RuntimeError(f"scipy {method} failed at t = {t:.3f} ms: {sol.message}")
        ts = np.asarray(sol.t, dtype=float)  # scipy returns [] when no t_eval was reached
        ys = np.asarray(sol.y, dtype=float).reshape(len(comp.states), n, ts.size)
        keep = ts < t_next - 1e-9 if sol.status == 0 else np.ones(ts.size, bool)
        samples_t, samples = ts[keep], ys[:, :, keep]
        if record:
            traces.append(samples)
        if not has_reset and samples_t.size:
            v = samples[0]
            vs = v if last_v is None else np.concatenate([last_v, v], axis=1)
            ts_all = samples_t if last_v is None else np.concatenate([[last_t], samples_t])
            for i in range(n):
                spikes[i].extend(crossings(ts_all, vs[i], th))
            last_v, last_t = v[:, -1:], samples_t[-1]
        if sol.status == 1:  # threshold event: spike, reset, refractory
            te = sol.t_events[0][0]
            ye = sol.y_events[0][0].reshape(len(comp.states), n)
            fired = ~frozen & (ye[0] >= th - 1e-6)
            for i in np.nonzero(fired)[0]:
                spikes[i].append(te)
            ye[:, fired] = comp.reset(ye[:, fired])
            ref_until[fired] = te + t_ref
            t, y = te, ye
        else:
            t, y = t_next, ys[:, :, -1]
    states = {}
    if record:
        recorded = np.concatenate(traces, axis=2)[:, :, :n_samples]
        states = {s: comp.with_units(s, recorded[i]) for i, s in enumerate(comp.states)}
    return BackendRun(t=grid * b2.ms, spikes=[np.array(s) * b2.ms for s in spikes], states=states)
