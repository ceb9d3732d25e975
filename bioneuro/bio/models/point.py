"""Point neuron models: parameters with units and equations, each written once.

A model is a description, not a simulation: its parameters (Brian2 quantities), its
equations (Brian2 syntax, with units; ``I_stim`` is the injected input, supplied by the
backend), its states and their units, its spike rule and a guess of its resting state.
:func:`bioneuro.bio.simulate` runs the same description on scipy
(:mod:`bioneuro.bio.backends.ode`) or on Brian2 (:mod:`bioneuro.bio.backends.brian`);
neither backend knows any model by name, so a new model is one new class here.
"""

from __future__ import annotations

import brian2 as b2
from brian2 import Mohm, amp, cm, mS, ms, mV, nA, nS, pF, uA, uF, um

from bioneuro.bio.models import channels
from bioneuro.checks import check_number, check_quantity


class PointModel:
    """Base class of point models. Subclasses set the class attributes below.

    Attributes
    ----------
    equations : str
        Brian2 equations with units, written in terms of the parameters and ``I_stim``.
    defaults : dict
        Parameter name -> (default value, example quoted in error messages).
    state_units : dict
        The integrated variables (``v`` first) -> their unit (``mV``, or 1 for a gate).
    currents : tuple of str
        The equations' membrane currents (subexpressions), e.g. ``("I_Na", "I_K", "I_L")``.
    resting_guess : dict
        A starting point for the resting state (every state with its unit); the rest is
        found as the zero of the right-hand side
        (:func:`~bioneuro.bio.backends.ode.resting_state`).
    threshold, reset, refractory : str or None
        Spike rule: a spike when ``v`` crosses the parameter named by ``threshold``
        upwards; then the Brian2 statements ``reset`` run (e.g. ``"v = V_reset"``; None:
        no reset, the model makes its own spike) and the ``(unless refractory)``
        equations are held for the time named by ``refractory``.
    input_unit, input_example, input_label : Unit, str, str
        What ``I_stim`` is (HH: a current density; LIF: a current).
    brian2_method, default_dt : str, Quantity
        Brian2 integration method and default time step for this model.
    rate_dt : Quantity
        Default time step of :func:`~bioneuro.bio.fi_curve`, which needs firing rates,
        not spike shapes.
    """

    equations = ""
    defaults: dict = {}
    state_units: dict = {"v": mV}
    currents: tuple = ()
    resting_guess: dict = {}
    threshold = "V_th"
    reset: str | None = None
    refractory: str | None = None
    input_unit = amp
    input_example = "0.5*nA"
    input_label = "I (nA)"
    brian2_method = "exact"
    default_dt = 0.01 * ms
    rate_dt = 0.01 * ms
    max_dt: dict = {}  # Brian2 method -> largest dt accepted (measured), if any
    name = "model"

    def __init__(self, **params):
        unknown = sorted(set(params) - set(self.defaults))
        if unknown:
            raise TypeError(
                f"{type(self).__name__} got unexpected parameter(s) {', '.join(unknown)}; "
                f"its parameters are {', '.join(self.defaults)}"
            )
        self.params = {}
        for key, (default, example) in self.defaults.items():
            value = params.get(key, default)
            self.params[key] = check_quantity(
                key, value, default, example=example, positive=self._positive(key)
            )
        self._check()

    def _positive(self, key) -> bool:
        return False

    def _check(self):
        """Relations between parameters; overridden by subclasses."""

    def __getattr__(self, key):
        params = self.__dict__.get("params", {})
        if key in params:
            return params[key]
        raise AttributeError(f"{type(self).__name__} has no attribute {key!r}")

    @property
    def state_variables(self) -> tuple:
        """The integrated variables, ``v`` first."""
        return tuple(self.state_units)

    def parameters(self) -> dict:
        """Every parameter as a Brian2 quantity (a plain number for dimensionless ones)."""
        return dict(self.params)

    def initial_state(self) -> dict:
        """The resting state: every derivative zero with no input, found from
        ``resting_guess`` (so it follows changed parameters)."""
        from bioneuro.bio.backends.ode import resting_state

        return resting_state(self)

    def replace(self, **changes):
        """A copy of the model with some parameters changed."""
        return type(self)(**{**self.params, **changes})

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v!s}" for k, v in self.params.items())
        return f"{type(self).__name__}({inner})"


class HodgkinHuxley(PointModel):
    """The Hodgkin-Huxley (1952) squid axon membrane, modern voltage convention.

    Membrane equation (per unit area; outward currents positive)::

        C_m dv/dt = I_stim - g_Na m³ h (v - E_Na) - g_K n⁴ (v - E_K) - g_L (v - E_L)
        dx/dt = phi (alpha_x(v) (1 - x) - beta_x(v) x),   x = m, h, n
        phi = 3 ** ((celsius - 6.3) / 10)

    with the rates of :data:`bioneuro.bio.channels.HH_RATES`. Defaults are the
    classic squid parameters: g_Na 120, g_K 36, g_L 0.3 mS/cm²; E_Na 50, E_K -77,
    E_L -54.387 mV (rest at -65.0 mV); C_m 1 µF/cm².

    Parameters
    ----------
    celsius : float
        Temperature in °C (default 6.3, HH's own); rates scale with Q10 = 3.
    V_spike : Quantity
        Level whose upward crossing counts as a spike (default 0 mV; detection only).
    **params : Quantity
        Any of g_Na, g_K, g_L, E_Na, E_K, E_L, C_m.

    Notes
    -----
    The input ``I_stim`` is a current *density* (e.g. ``10*uA/cm**2``).
    """

    name = "hh"
    defaults = {
        "g_Na": (120 * mS / cm**2, "120*mS/cm**2"),
        "g_K": (36 * mS / cm**2, "36*mS/cm**2"),
        "g_L": (0.3 * mS / cm**2, "0.3*mS/cm**2"),
        "E_Na": (50 * mV, "50*mV"),
        "E_K": (-77 * mV, "-77*mV"),
        "E_L": (-54.387 * mV, "-54.387*mV"),
        "C_m": (1 * uF / cm**2, "1*uF/cm**2"),
        "V_spike": (0 * mV, "0*mV"),
    }
    state_units = {"v": mV, "m": 1, "h": 1, "n": 1}
    currents = ("I_Na", "I_K", "I_L")
    resting_guess = {"v": -65 * mV, "m": 0.05, "h": 0.6, "n": 0.32}
    threshold = "V_spike"
    reset = None
    refractory = None
    input_unit = uA / cm**2
    input_example = "10*uA/cm**2"
    input_label = "I (µA/cm²)"
    # Measured (docs/architecture.md): rk4 at 0.025 ms puts f-I rates within 0.003 Hz and
    # spike times within ~0.03 ms of an rtol 1e-9 reference, at 2.5x fewer steps than
    # 0.01 ms; it stays accurate to 0.08 ms and divides by zero at 0.1 ms. Exponential
    # Euler is first order: at 0.025 ms its rates are already 1.7 Hz low. For f-I curves
    # (rates only) rk4 at 0.05 ms is still within 0.005 Hz, at half the cost.
    brian2_method = "rk4"
    default_dt = 0.025 * ms
    rate_dt = 0.05 * ms
    # Largest dt accepted per Brian2 method, measured on the f-I curve 0-40 µA/cm² against
    # rk4 at 0.01 ms (docs/architecture.md): rk4 is within 0.01 Hz up to 0.08 ms and fails
    # (division by zero) at 0.1 ms; exponential Euler is stable to 0.5 ms but first order,
    # its rates 3.4 Hz (3 %) low at 0.05 ms and 6.7 Hz low at 0.1 ms; forward Euler gives
    # NaN after a few spikes at 0.1 ms.
    max_dt = {
        "rk4": 0.05 * ms,
        "exponential_euler": 0.05 * ms,
        "rk2": 0.02 * ms,
        "euler": 0.01 * ms,
    }
    equations = (
        "dv/dt = (I_stim - I_Na - I_K - I_L) / C_m : volt\n"
        + channels.HH_CURRENTS
        + channels.hh_gate_equations("phi")
    )

    def __init__(self, celsius=channels.REFERENCE_CELSIUS, **params):
        self.celsius = check_number("celsius", celsius, example="6.3", finite=True)
        if not -5 <= celsius <= 45:
            raise ValueError(
                f"celsius must be a temperature in °C between -5 and 45 (the squid axon "
                f"works at 6.3-18.5 °C), e.g. 6.3; got {celsius!r}"
            )
        super().__init__(**params)
        self.params["phi"] = channels.q10_factor(self.celsius)

    def _positive(self, key):
        return key in ("g_Na", "g_K", "g_L", "C_m")

    def replace(self, **changes):
        params = {k: v for k, v in self.params.items() if k != "phi"}
        celsius = changes.pop("celsius", self.celsius)
        return type(self)(celsius=celsius, **{**params, **changes})

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v!s}" for k, v in self.params.items() if k != "phi")
        return f"HodgkinHuxley(celsius={self.celsius}, {inner})"


class LIF(PointModel):
    """Leaky integrate-and-fire neuron.

    ::

        tau_m dv/dt = E_L - v + R I_stim        (held at V_reset for t_ref after a spike)
        v > V_th  ->  spike, v = V_reset

    Parameters
    ----------
    tau_m : Quantity
        Membrane time constant (default 10 ms).
    R : Quantity
        Membrane resistance (default 100 MΩ, so C = tau_m/R = 100 pF).
    E_L, V_th, V_reset : Quantity
        Resting, threshold and reset potentials (defaults -65, -50, -65 mV).
    t_ref : Quantity
        Absolute refractory period (default 2 ms).

    Notes
    -----
    The input ``I_stim`` is an absolute current (e.g. ``0.5*nA``). Rheobase is
    (V_th - E_L)/R = 0.15 nA for the defaults.
    """

    name = "lif"
    defaults = {
        "tau_m": (10 * ms, "10*ms"),
        "R": (100 * Mohm, "100*Mohm"),
        "E_L": (-65 * mV, "-65*mV"),
        "V_th": (-50 * mV, "-50*mV"),
        "V_reset": (-65 * mV, "-65*mV"),
        "t_ref": (2 * ms, "2*ms"),
    }
    state_units = {"v": mV}
    threshold = "V_th"
    reset = "v = V_reset"
    refractory = "t_ref"
    input_unit = b2.nA
    input_example = "0.5*nA"
    input_label = "I (nA)"
    brian2_method = "exact"  # the membrane equation is linear: integrated exactly
    default_dt = 0.01 * ms
    equations = "dv/dt = (E_L - v + R * I_stim) / tau_m : volt (unless refractory)\n"

    def _positive(self, key):
        return key in ("tau_m", "R")

    def _check(self):
        if self.params["t_ref"] < 0 * ms:
            raise ValueError(f"t_ref must be >= 0, e.g. 2*ms; got {self.params['t_ref']}")
        if not self.params["V_reset"] < self.params["V_th"]:
            raise ValueError(
                f"V_reset must be below V_th; got V_reset={self.params['V_reset']}, "
                f"V_th={self.params['V_th']}"
            )

    @property
    def rheobase(self):
        """Smallest constant current that makes the neuron fire: (V_th - E_L) / R."""
        return (self.params["V_th"] - self.params["E_L"]) / self.params["R"]

    def initial_state(self) -> dict:
        return {"v": self.params["E_L"]}


class AdEx(PointModel):
    """Adaptive exponential integrate-and-fire neuron (Brette & Gerstner 2005).

    ::

        C dv/dt = g_L (E_L - v) + g_L Δ_T exp((v - V_T)/Δ_T) - w + I_stim
        tau_w dw/dt = a (v - E_L) - w
        v > V_peak  ->  spike, v = V_reset, w = w + b     (v held for t_ref)

    The exponential term is the sodium current's upswing: below V_T it barely acts, above
    it v runs away; the run-away is cut at V_peak and counted as a spike. ``w`` is an
    adaptation current: ``a`` couples it to the voltage (subthreshold adaptation), ``b``
    adds a jump at each spike (spike-triggered adaptation), and it decays in ``tau_w``.

    With ``delta_T = 0`` the exponential becomes a hard threshold at V_T (its limit as
    Δ_T -> 0): the *adaptive LIF*, ``C dv/dt = g_L (E_L - v) - w + I_stim``, a spike when
    v crosses V_T (V_peak is then ignored). With ``a = b = 0`` as well it is
    :class:`LIF` with tau_m = C / g_L and R = 1 / g_L.

    Parameters
    ----------
    C, g_L, E_L : Quantity
        Capacitance, leak conductance and reversal (defaults 281 pF, 30 nS, -70.6 mV).
    V_T, delta_T : Quantity
        Threshold and slope factor of the exponential (defaults -50.4 mV, 2 mV).
    tau_w, a, b : Quantity
        Adaptation time constant, coupling and spike-triggered jump (defaults 144 ms,
        4 nS, 0.0805 nA).
    V_reset : Quantity
        Reset potential (default -70.6 mV, E_L).
    V_peak : Quantity
        Where the run-away is cut and counted as a spike (default V_T + 5 Δ_T = -40.4 mV,
        as in Brian2's AdEx examples; exp(5) keeps the step-wise integration accurate).
    t_ref : Quantity
        Refractory period (default 0 ms: the model has none of its own).

    Notes
    -----
    Defaults are the tonic-spiking cortical pyramidal cell fitted by Brette & Gerstner
    (2005), J. Neurophysiol. 94:3637, Table 1. The input ``I_stim`` is an absolute current.
    """

    name = "adex"
    defaults = {
        "C": (281 * pF, "281*pF"),
        "g_L": (30 * nS, "30*nS"),
        "E_L": (-70.6 * mV, "-70.6*mV"),
        "V_T": (-50.4 * mV, "-50.4*mV"),
        "delta_T": (2 * mV, "2*mV"),
        "tau_w": (144 * ms, "144*ms"),
        "a": (4 * nS, "4*nS"),
        "b": (0.0805 * nA, "0.0805*nA"),
        "V_reset": (-70.6 * mV, "-70.6*mV"),
        "V_peak": (-40.4 * mV, "-40.4*mV"),
        "t_ref": (0 * ms, "0*ms"),
    }
    state_units = {"v": mV, "w": nA}
    resting_guess = {"v": -70 * mV, "w": 0 * nA}
    reset = "v = V_reset\nw += b"
    refractory = "t_ref"
    input_unit = b2.nA
    input_example = "0.5*nA"
    input_label = "I (nA)"
    default_dt = 0.01 * ms
    rate_dt = 0.01 * ms
    EXPONENTIAL = (
        "dv/dt = (g_L * (E_L - v) + g_L * delta_T * exp((v - V_T) / delta_T) - w + I_stim)"
        " / C : volt (unless refractory)\n"
        "dw/dt = (a * (v - E_L) - w) / tau_w : amp\n"
    )
    HARD_THRESHOLD = (
        "dv/dt = (g_L * (E_L - v) - w + I_stim) / C : volt (unless refractory)\n"
        "dw/dt = (a * (v - E_L) - w) / tau_w : amp\n"
    )

    def _positive(self, key):
        return key in ("C", "g_L", "tau_w")

    def _check(self):
        p = self.params
        for key in ("delta_T", "t_ref", "a", "b"):
            if p[key] < 0 * p[key]:
                raise ValueError(f"{key} must be >= 0, e.g. {self.defaults[key][1]}; got {p[key]}")
        top = p["V_T"] if p["delta_T"] == 0 * mV else p["V_peak"]
        if not p["V_reset"] < top:
            name = "V_T" if p["delta_T"] == 0 * mV else "V_peak"
            raise ValueError(
                f"V_reset must be below {name}; got V_reset={p['V_reset']}, {name}={top}"
            )
        if p["delta_T"] > 0 * mV and not p["V_peak"] > p["V_T"]:
            raise ValueError(f"V_peak must be above V_T; got V_peak={p['V_peak']}, V_T={p['V_T']}")

    @classmethod
    def from_lif(cls, lif, *, tau_w=100 * ms, a=0 * nS, b=0.1 * nA):
        """The adaptive LIF built on ``lif`` (a :class:`LIF`): its membrane (C = tau_m/R,
        g_L = 1/R, E_L, threshold V_th, V_reset, t_ref) plus the adaptation current w
        (``tau_w``, ``a``, ``b``), with delta_T = 0. With a = b = 0 it fires exactly as
        ``lif`` does."""
        if not isinstance(lif, LIF):
            raise TypeError(f"lif must be a bioneuro.bio.LIF, e.g. bio.LIF(); got {lif!r}")
        p = lif.parameters()
        return cls(
            C=p["tau_m"] / p["R"],
            g_L=1 / p["R"],
            E_L=p["E_L"],
            V_T=p["V_th"],
            delta_T=0 * mV,
            V_reset=p["V_reset"],
            V_peak=p["V_th"],
            t_ref=p["t_ref"],
            tau_w=tau_w,
            a=a,
            b=b,
        )

    @property
    def adaptive_lif(self) -> bool:
        """True when delta_T = 0: the hard-threshold (adaptive LIF) limit."""
        return self.params["delta_T"] == 0 * mV

    @property
    def equations(self):
        return self.HARD_THRESHOLD if self.adaptive_lif else self.EXPONENTIAL

    @property
    def threshold(self):
        return "V_T" if self.adaptive_lif else "V_peak"

    @property
    def brian2_method(self):
        # linear in v (hard threshold): exponential Euler integrates v exactly for the w
        # of each step; the exponential term is not linear in v: rk4
        return "exponential_euler" if self.adaptive_lif else "rk4"

    @property
    def rheobase(self):
        """Smallest constant current that makes the neuron fire when a = 0:
        g_L (V_T - E_L - Δ_T), where the resting state meets the saddle of the I-V curve
        (Touboul & Brette 2008); for the adaptive LIF (Δ_T = 0) g_L (V_T - E_L)."""
        p = self.params
        if p["a"] != 0 * nS:
            raise ValueError(f"rheobase has this closed form for a = 0 only; got a={p['a']}")
        return p["g_L"] * (p["V_T"] - p["E_L"] - p["delta_T"])


class CorticalPyramidal(PointModel):
    """A regular-spiking pyramidal cell of the neocortex at body temperature.

    The minimal model of Pospischil et al. (2008), Biol. Cybern. 99:427, Table 1 ("RS"),
    fitted to a rat somatosensory layer-5 cell recorded in vitro: a single compartment
    (L = d = 61.4 µm) with Traub-Miles sodium and delayed-rectifier potassium currents
    and the slow, non-inactivating M-current that makes it adapt::

        C_m dv/dt = I_stim / area - I_Na - I_K - I_M - I_L
        I_Na = g_Na m³ h (v - E_Na),  I_K = g_K n⁴ (v - E_K),
        I_M = g_M p (v - E_K),        I_L = g_L (v - E_L)
        dx/dt = phi (alpha_x(v) (1 - x) - beta_x(v) x),   x = m, h, n
        dp/dt = phi (p_inf(v) - p) / tau_p(v)
        tau_p = tau_max / (3.3 exp((v + 35)/20) + exp(-(v + 35)/20))
        phi = 3 ** ((celsius - 36) / 10)

    with the rate strings of :data:`bioneuro.bio.models.channels.CORTICAL_RATES` and
    :data:`~bioneuro.bio.models.channels.CORTICAL_SLOW_GATE` (shifted by V_T). Defaults:
    g_Na 56, g_K 6, g_M 0.075, g_L 0.0205 mS/cm²; E_Na 50, E_K -90, E_L -70.3 mV;
    V_T -56.2 mV; tau_max 608 ms; C_m 1 µF/cm²; area 11 844 µm². It rests near -72 mV,
    fires spikes under 1 ms wide at half height and lengthens its inter-spike intervals
    under a constant current (tests/test_point_cortical.py).

    Parameters
    ----------
    celsius : float
        Temperature in °C (default 37); the rates were fitted at 36 °C and scale with
        Q10 = 3 (phi = 1.12 at 37 °C). The steady states, hence the resting potential,
        do not depend on temperature.
    V_spike : Quantity
        Level whose upward crossing counts as a spike (default 0 mV; detection only).
    **params : Quantity
        Any of g_Na, g_K, g_M, g_L, E_Na, E_K, E_L, V_T, tau_max, C_m, area.

    Notes
    -----
    The input ``I_stim`` is an absolute current (e.g. ``0.2*nA``), spread over ``area``.
    """

    name = "cortical"
    defaults = {
        "g_Na": (56 * mS / cm**2, "56*mS/cm**2"),
        "g_K": (6 * mS / cm**2, "6*mS/cm**2"),
        "g_M": (0.075 * mS / cm**2, "0.075*mS/cm**2"),
        "g_L": (0.0205 * mS / cm**2, "0.0205*mS/cm**2"),
        "E_Na": (50 * mV, "50*mV"),
        "E_K": (-90 * mV, "-90*mV"),
        "E_L": (-70.3 * mV, "-70.3*mV"),
        "V_T": (-56.2 * mV, "-56.2*mV"),
        "shift_h": (0 * mV, "-10*mV"),
        "tau_max": (608 * ms, "608*ms"),
        "C_m": (1 * uF / cm**2, "1*uF/cm**2"),
        "area": (11844 * um**2, "11844*um**2"),
        "V_spike": (0 * mV, "0*mV"),
    }
    state_units = {"v": mV, "m": 1, "h": 1, "n": 1, "p": 1}
    currents = channels.CORTICAL.current_names
    resting_guess = {"v": -72 * mV, "m": 0.001, "h": 1.0, "n": 0.003, "p": 0.03}
    threshold = "V_spike"
    reset = None
    refractory = None
    input_unit = b2.nA
    input_example = "0.2*nA"
    input_label = "I (nA)"
    # Measured on the f-I curve 0-1 nA (1 s) against rk4 at 0.005 ms: rk4 is within
    # 0.002 Hz at 0.025 ms and 0.009 Hz at 0.05 ms (0.16 Hz at 0.08 ms); spike times at
    # 0.025 ms are within 0.025 ms of an rtol 1e-9 scipy reference. Exponential Euler is
    # first order: 3.3 Hz (2 %) low at 0.01 ms, 8.1 Hz at 0.025 ms.
    brian2_method = "rk4"
    default_dt = 0.025 * ms
    rate_dt = 0.05 * ms
    max_dt = {"rk4": 0.05 * ms, "exponential_euler": 0.01 * ms}
    equations = (
        "dv/dt = (I_stim / area - I_Na - I_K - I_M - I_L) / C_m : volt\n"
        + channels.CORTICAL_CURRENTS
        + channels.cortical_gate_equations("phi")
    )

    def __init__(self, celsius=channels.BODY_CELSIUS, **params):
        self.celsius = check_number("celsius", celsius, example="37", finite=True)
        if not 20 <= celsius <= 42:
            raise ValueError(
                f"celsius must be a temperature in °C between 20 and 42 (a mammalian cell "
                f"lives at 37), e.g. 37; got {celsius!r}"
            )
        super().__init__(**params)
        self.params["phi"] = channels.CORTICAL.phi(self.celsius)

    def _positive(self, key):
        return key in ("C_m", "tau_max", "area")

    def _check(self):
        p = self.params
        for key in ("g_Na", "g_K", "g_M", "g_L"):
            if p[key] < 0 * p[key]:
                raise ValueError(f"{key} must be >= 0, e.g. {self.defaults[key][1]}; got {p[key]}")

    def replace(self, **changes):
        params = {k: v for k, v in self.params.items() if k != "phi"}
        celsius = changes.pop("celsius", self.celsius)
        return type(self)(celsius=celsius, **{**params, **changes})

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v!s}" for k, v in self.params.items() if k != "phi")
        return f"CorticalPyramidal(celsius={self.celsius}, {inner})"
