"""Rate coding: how a spiking neuron turns a number into spikes, and back.

Three lessons, each a function:

1. :func:`if_rate` -- the integrate-and-fire (IF) neuron in discrete time. Each step it
   adds its input z to its membrane potential v; when v reaches the threshold θ it
   spikes and resets, either **by subtraction** (v <- v - θ: the excess is kept) or
   **to zero** (v <- 0: the excess is thrown away)::

       v[t] = v[t-1] + z;   if v[t] >= θ:  spike,  v[t] <- v[t] - θ   (or 0)

   With subtraction, after T steps the spike count is floor(T z / θ) for 0 <= z <= θ,
   so the rate (spikes per step) is clip(z/θ, 0, 1) within 1/T: exactly the ReLU,
   capped at one spike per step (:func:`if_rate_predicted`). Reset to zero needs
   k = ceil(θ/z) steps per spike whatever the excess, so the rate is a staircase,
   1/ceil(θ/z), whose error does not shrink with T.

2. :func:`if_group` -- the same IF neuron as a Brian2 ``NeuronGroup`` (one step = one
   ``dt``); :mod:`bioneuro.compare.conversion` builds its spiking networks from it.

3. :func:`same_weights` -- one artificial ReLU neuron and one spiking IF neuron, with
   the same weights, fed the same inputs: the inputs as Poisson spike trains at rates
   x_i * max_rate, each spike of input i adding w_i to v. The IF neuron's output rate,
   divided by max_rate, estimates relu(w·x + b); the estimate's error shrinks as the
   counting window grows (like 1/sqrt(window), Poisson counting noise).

Floating point: repeated sums of z drift by an ulp or so (ten additions of 0.1 give
0.9999999999999999), so the threshold test is v >= θ (1 - 1e-9), in numpy and in Brian2.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import brian2 as b2
import numpy as np
from brian2 import Hz, ms, second

from bioneuro.bio.backends.brian import fixed_clock
from bioneuro.checks import (
    check_budget,
    check_choice,
    check_number,
    check_quantity,
    check_steps,
    describe,
    progress,
)

RESETS = ("subtract", "zero")
TOLERANCE = 1e-9  # relative slack of the threshold test (see module notes)


# --------------------------------------------------------------------------- numpy IF
def _as_inputs(name, z):
    """``z`` as a non-empty 1-D float array of finite numbers."""
    try:
        arr = np.atleast_1d(np.asarray(z, dtype=float))
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be numbers (inputs per step); got {describe(z)}") from exc
    if hasattr(z, "dim"):
        raise TypeError(f"{name} must be plain numbers (inputs per step); got {describe(z)}")
    if arr.size == 0 or arr.ndim != 1:
        raise ValueError(f"{name} must be a non-empty 1-D array; got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite numbers; got {describe(z)}")
    return arr


def if_threshold(v, theta=1.0):
    """Which IF neurons spike: v >= θ (1 - 1e-9) (the Brian2 rule :data:`IF_THRESHOLD`)."""
    return v >= theta * (1 - TOLERANCE)


def if_reset(v, fired, theta=1.0, reset="subtract"):
    """The IF reset where ``fired``: v - θ (by subtraction) or 0 (to zero); :data:`IF_RESET`."""
    return np.where(fired, v - theta if reset == "subtract" else 0.0, v)


def if_counts(z, T, *, theta=1.0, reset="subtract"):
    """Spike counts of discrete-time IF neurons with constant input z per step, T steps.

    Each step: v <- v + z; spike where :func:`if_threshold`; then :func:`if_reset`.

    Parameters
    ----------
    z : float or array
        Input per step (one neuron per value).
    T : int
        Number of steps.
    theta : float > 0
        Threshold.
    reset : {"subtract", "zero"}

    Returns
    -------
    array of int, the shape of ``np.atleast_1d(z)``.
    """
    z = _as_inputs("z", z)
    check_number("T", T, example="100", positive=True, integer=True)
    check_number("theta", theta, example="1.0", positive=True)
    check_choice("reset", reset, RESETS)
    check_budget("T", T, steps=float(T), work=float(T) * z.size, what=f"T x {z.size} neurons")
    v = np.zeros_like(z)
    counts = np.zeros(z.shape, dtype=int)
    for _ in range(int(T)):
        v = v + z
        fired = if_threshold(v, theta)
        counts += fired
        v = if_reset(v, fired, theta, reset)
    return counts


def if_rate(z, T, *, theta=1.0, reset="subtract"):
    """Spikes per step of discrete-time IF neurons: :func:`if_counts` / T."""
    return if_counts(z, T, theta=theta, reset=reset) / int(T)


def if_rate_predicted(z, *, theta=1.0, reset="subtract"):
    """The long-run rate: clip(z/θ, 0, 1) (subtract) or 1/ceil(θ/z) for z > 0 (zero).

    Both are capped at one spike per step (z >= θ gives rate 1) and are 0 for z <= 0.
    """
    z = _as_inputs("z", z)
    check_number("theta", theta, example="1.0", positive=True)
    check_choice("reset", reset, RESETS)
    if reset == "subtract":
        return np.clip(z / theta, 0.0, 1.0)
    rate = np.zeros_like(z)
    pos = z > 0
    rate[pos] = 1.0 / np.ceil(theta / z[pos] * (1 - TOLERANCE))
    return rate


# --------------------------------------------------------------------------- Brian2 IF
#: The IF neuron on Brian2. With ``leak = 1`` it is the LIF of :class:`bioneuro.bio.LIF`
#: written in threshold units (v' = (v - E_L)/(V_th - E_L), input per step
#: bias = R I dt / (tau_m (V_th - E_L))) and integrated by forward Euler at one step per
#: dt, as the ANN-to-SNN conversion literature does; ``leak = 0`` drops the leak.
IF_EQUATIONS = """
dv/dt = bias / dt_step - leak * v / tau_m : 1
bias : 1
dt_step : second (constant, shared)
tau_m : second (constant, shared)
leak : 1 (constant, shared)
theta : 1 (constant)
subtract : 1 (constant, shared)
"""
IF_THRESHOLD = f"v >= theta * (1 - {TOLERANCE!r})"
IF_RESET = "v = (v - theta) * subtract"  # subtract = 1: v - θ;  subtract = 0: v = 0


def if_group(n, name, *, dt=1 * ms, theta=1.0, reset="subtract", tau_m=None):
    """``n`` IF neurons as a Brian2 ``NeuronGroup``: one time step of the IF = one ``dt``.

    Equations (forward Euler at step dt = dt_step, so v gains exactly ``bias`` per step)::

        dv/dt = bias / dt_step - leak v / tau_m        (leak = 0: IF; 1: leaky IF)
        v >= θ  ->  spike;  v <- (v - θ) * subtract     (subtract 1: by subtraction, 0: to zero)

    Synapses onto the group add their weight to v (``on_pre="v_post += w"``). Every
    parameter is a group variable, so IF, leaky IF and both resets share one compiled code;
    ``theta`` is per neuron (a converted network's output block never fires: infinite).
    """
    check_number("n", n, example="10", positive=True, integer=True)
    check_budget("n", n, nbytes=float(n) * 15 * 8, what=f"{n} neurons x 15 variables")
    if not isinstance(name, str) or not name.isidentifier():
        raise ValueError(f"name must be a Python identifier, e.g. 'bioneuro_if'; got {name!r}")
    check_quantity("dt", dt, ms, example="1*ms", positive=True)
    check_number("theta", theta, example="1.0", positive=True)
    check_choice("reset", reset, RESETS)
    if tau_m is not None:
        check_quantity("tau_m", tau_m, ms, example="20*ms", positive=True)
    group = b2.NeuronGroup(
        int(n),
        IF_EQUATIONS,
        threshold=IF_THRESHOLD,
        reset=IF_RESET,
        method="euler",
        clock=fixed_clock(name, dt),  # <name>_clock even while an older group lives
        name=name,
        namespace={},
    )
    group.dt_step = dt
    group.tau_m = tau_m if tau_m is not None else 1 * second
    group.leak = 0.0 if tau_m is None else 1.0
    group.theta = theta
    group.subtract = 1.0 if reset == "subtract" else 0.0
    return group


def if_counts_brian2(z, T, *, theta=1.0, reset="subtract", dt=1 * ms):
    """:func:`if_counts` run on Brian2 with :func:`if_group`; returns the same counts."""
    z = _as_inputs("z", z)
    check_number("T", T, example="100", positive=True, integer=True)
    check_budget("T", T, steps=float(T), work=float(T) * z.size, what=f"T x {z.size} neurons")
    group = if_group(len(z), "bioneuro_ratecode_if", dt=dt, theta=theta, reset=reset)
    group.bias = z
    spikes = b2.SpikeMonitor(group, name="bioneuro_ratecode_if_spikes")
    net = b2.Network(group, spikes, name="bioneuro_ratecode_network")
    net.run(int(T) * dt, namespace={}, **progress(int(T), int(T) * z.size))
    return np.asarray(spikes.count[:], dtype=int)


# --------------------------------------------------------------------------- same weights
def poisson_trains(rates, duration, dt, rng):
    """Bernoulli-per-step spike trains (what ``b2.PoissonGroup`` draws), seeded by ``rng``.

    Input k spikes in each step of length dt with probability rates[k] * dt (< 1).

    Returns
    -------
    indices, times : arrays for ``b2.SpikeGeneratorGroup`` (times in seconds), sorted by
        time, then index, as ``SpikeGeneratorGroup(..., sorted=True)`` takes them (its
        own sort of a million spikes costs 0.3 s).
    """
    n_steps = int(round(duration / dt))
    p = np.asarray(rates, dtype=float) * dt
    counts = rng.binomial(n_steps, p)
    idx, steps = [], []
    for k, c in enumerate(counts):
        if c:
            steps.append(rng.choice(n_steps, size=c, replace=False))
            idx.append(np.full(c, k))
    if not idx:
        return np.zeros(0, dtype=int), np.zeros(0)
    # one key per spike, unique (no input spikes twice in a step): sorting the keys sorts
    # by step, then input (1.5 million spikes: 0.28 s, against 0.38 s with an argsort)
    keys = np.sort(np.concatenate(steps).astype(np.int64) * len(counts) + np.concatenate(idx))
    return keys % len(counts), (keys // len(counts)) * dt


@dataclass(frozen=True)
class SameWeights:
    """Result of :func:`same_weights`.

    Attributes
    ----------
    X : array (n_patterns, n_inputs)
        Input patterns (rates as fractions of ``max_rate``).
    activation : array (n_patterns,)
        The artificial neuron's output relu(w·x + b).
    spike_times : list of arrays (seconds)
        The spiking neuron's output spikes, one array per pattern.
    duration, max_rate : Quantity
    """

    X: np.ndarray
    activation: np.ndarray
    spike_times: list
    duration: object
    max_rate: object
    meta: dict = field(default_factory=dict)

    def rates(self, window=None):
        """Output rate / max_rate from the spikes in [0, window) (default: the whole run)."""
        window = self.duration if window is None else window
        check_quantity("window", window, second, example="1*second", positive=True)
        if window > self.duration * (1 + 1e-9):
            raise ValueError(f"window must be <= duration ({self.duration}); got {window}")
        w = float(window / second)
        counts = np.array([np.sum(t < w) for t in self.spike_times])
        return counts / (w * float(self.max_rate / Hz))

    def error(self, window=None):
        """Root-mean-square difference between :meth:`rates` and the activation."""
        return float(np.sqrt(np.mean((self.rates(window) - self.activation) ** 2)))

    def correlation(self, window=None):
        """Pearson correlation of :meth:`rates` and the activation."""
        return float(np.corrcoef(self.rates(window), self.activation)[0, 1])


def same_weights(
    neuron, X, *, duration=1 * second, max_rate=100 * Hz, fibres=4, dt=0.1 * ms, seed=0, tau_m=None
):
    """Drive an artificial neuron and a spiking neuron with the same weights and inputs.

    The artificial neuron computes a = relu(w·x + b). The spiking neuron is an IF neuron
    (:func:`if_group`, threshold 1, reset by subtraction) in continuous time: input i
    arrives on ``fibres`` axons, each an independent Poisson spike train at rate
    x_i * max_rate, and each spike adds w_i / fibres to v (one input, many axons: a
    bundle, as a real input pathway is); the bias is a constant drift b * max_rate per
    second. Its mean input is then (w·x + b) * max_rate per second, so its
    rate / max_rate estimates relu(w·x + b). The Poisson counting noise of that estimate,
    relative to its range, is about sqrt(6 / (fibres * max_rate * window)).

    All patterns run in ONE Brian2 network: output neuron p reads its own block of
    inputs (inputs p*n_in ... (p+1)*n_in - 1), so the patterns cannot interact.

    Parameters
    ----------
    neuron : bioneuro.ann.Neuron
        Its weights and bias are used; its activation must be ``"relu"``.
    X : array (n_patterns, n_inputs)
        Inputs in [0, 1] (rates as fractions of ``max_rate``).
    duration : Quantity
        Simulated time (the longest counting window).
    max_rate : Quantity
        Rate of an input axon with x = 1 (and the output scale).
    fibres : int
        Poisson axons per input (more axons, less counting noise).
    dt : Quantity
        Simulation step (each input spikes at most once per step).
    seed : int
        Seeds the input spike trains (numpy; Brian2's global seed is left alone).
    tau_m : Quantity, optional
        Give a membrane time constant for a leaky IF neuron (default: no leak).

    Returns
    -------
    SameWeights
    """
    from bioneuro.ann import Neuron

    if not isinstance(neuron, Neuron):
        raise TypeError(f"neuron must be a bioneuro.ann.Neuron; got {type(neuron).__name__}")
    if neuron.activation.name != "relu":
        raise ValueError(
            f"neuron's activation must be 'relu' (what an IF neuron's rate "
            f"computes); got {neuron.activation.name!r}"
        )
    try:
        X = np.asarray(X, dtype=float)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"X must be an array of numbers; got {describe(X)}") from exc
    if X.ndim != 2 or X.shape[1] != neuron.n_inputs or X.shape[0] == 0:
        raise ValueError(f"X must have shape (n_patterns, {neuron.n_inputs}); got {X.shape}")
    if not (np.all(np.isfinite(X)) and X.min() >= 0 and X.max() <= 1):
        raise ValueError(
            f"X must hold input rates as fractions of max_rate, in [0, 1]; got values in "
            f"[{np.nanmin(X):g}, {np.nanmax(X):g}]"
        )
    check_quantity("duration", duration, second, example="1*second", positive=True)
    check_quantity("max_rate", max_rate, Hz, example="100*Hz", positive=True)
    check_quantity("dt", dt, ms, example="0.1*ms", positive=True)
    check_number("fibres", fibres, example="4", positive=True, integer=True)
    check_number("seed", seed, example="0", integer=True, nonnegative=True)
    if float(max_rate * dt) >= 1:
        raise ValueError(
            f"max_rate * dt must be < 1 (at most one spike per step); got {float(max_rate * dt):g}"
        )
    n_pat, n_in = X.shape
    k = int(fibres)
    n_axons = n_pat * n_in * k  # axon (p * n_in + i) * k + f: pattern p, input i, fibre f
    steps = check_steps(duration, dt, n=n_axons + n_pat)
    n_spikes = float(np.sum(X)) * k * float(max_rate * duration)
    check_budget(
        "duration",
        duration,
        nbytes=(n_axons * 12 * 8 + n_spikes * 16 * 3),
        what=f"{n_axons} input axons, about {n_spikes:.3g} input spikes",
    )
    rng = np.random.default_rng(seed)
    idx, times = poisson_trains(
        np.repeat(X.ravel(), k) * float(max_rate / Hz),
        float(duration / second),
        float(dt / second),
        rng,
    )
    inputs = b2.SpikeGeneratorGroup(
        n_axons, idx, times * second, dt=dt, sorted=True, name="bioneuro_same_inputs"
    )
    out = if_group(n_pat, "bioneuro_same_output", dt=dt, tau_m=tau_m)
    out.dt_step = 1 * second  # continuous time: bias is a drift per second
    out.bias = neuron.bias * float(max_rate / Hz)
    syn = b2.Synapses(
        inputs, out, "w : 1", on_pre="v_post += w", dt=dt, name="bioneuro_same_synapses"
    )
    pre = np.arange(n_axons)
    syn.connect(i=pre, j=pre // (n_in * k))
    syn.w = np.repeat(np.tile(neuron.weights, n_pat), k) / k
    spikes = b2.SpikeMonitor(out, name="bioneuro_same_spikes")
    net = b2.Network(inputs, out, syn, spikes, name="bioneuro_same_network")
    net.run(duration, namespace={}, **progress(steps, steps * (n_axons + n_pat)))
    trains = spikes.spike_trains()
    spike_times = [np.asarray(trains[p] / second) for p in range(n_pat)]
    return SameWeights(
        X=X,
        activation=np.asarray(neuron(X), dtype=float),
        spike_times=spike_times,
        duration=duration,
        max_rate=max_rate,
        meta={
            "seed": seed,
            "dt": dt,
            "tau_m": tau_m,
            "fibres": k,
            "weights": neuron.weights.copy(),
            "bias": neuron.bias,
        },
    )


__all__ = [
    "IF_EQUATIONS",
    "RESETS",
    "SameWeights",
    "if_counts",
    "if_counts_brian2",
    "if_group",
    "if_rate",
    "if_rate_predicted",
    "if_reset",
    "if_threshold",
    "poisson_trains",
    "same_weights",
]
