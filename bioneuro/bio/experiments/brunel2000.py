"""The Brunel (2000) network: one sparse E-I network, four states.

N. Brunel (2000), "Dynamics of sparsely connected networks of excitatory and inhibitory
spiking neurons", J. Comput. Neurosci. 8:183-208, model A. N_E excitatory and
N_I = N_E / 4 inhibitory LIF neurons (``bioneuro.bio.LIF``: the one LIF definition)::

    tau dV/dt = -V + R I_ext                  (I_ext = 0 here; E_L = 0 mV)
    V > theta  ->  spike, V = V_r, V held at V_r for tau_rp

with tau = 20 ms, theta = 20 mV, V_r = 10 mV, tau_rp = 2 ms. Synapses are *delta*
synapses: a presynaptic spike of neuron j makes V of neuron i jump, after a delay D,
by J_ij::

    V_i -> V_i + J_ij     at t_j + D,   unless i is refractory (then it is ignored)

J_ij = J = 0.1 mV (excitatory) or -g J (inhibitory), D = 1.5 ms for every synapse. Each
neuron receives exactly C_E = eps N_E excitatory and C_I = eps N_I inhibitory
connections (a *fixed in-degree*, as in the paper, eps = 0.1), and C_ext = C_E
excitatory inputs from outside, each an independent Poisson train of rate nu_ext, with
the same jump J. The external rate is given relative to

    nu_thr = theta / (J C_E tau)                 (10 Hz for the paper's numbers)

the rate at which the external input alone would hold the mean potential at threshold.
Two numbers then choose the state: g (inhibition relative to excitation) and
eta = nu_ext / nu_thr. Fig. 8 of the paper shows four points (:data:`FIG8`): SR
(synchronous regular), SI fast, AI (asynchronous irregular) and SI slow.

Choices, and why:

* **Fixed in-degree**, not Bernoulli connections: Brunel's mean-field theory gives every
  neuron the same C_E and C_I inputs, and the paper's simulations do the same. Bernoulli
  connections (Brian2's example uses ``p=epsilon``) add an in-degree spread of
  +-sqrt(C) (3 % at C_E = 1000) and so a spread of rates the theory does not have. The
  pairs are drawn by Brian2 in compiled code (``i='k for k in sample(N_pre,
  size=C)'``), which at N = 100,000 builds 10^8 synapses without a Python array, and
  then numbered source by source (``_order_by_source``: the same network, 1.9x faster).
* **Delta synapses and Poisson input are not** :func:`~bioneuro.bio.connect` **and**
  :func:`~bioneuro.bio.poisson_input`: the library's synapses have kinetics (a current
  or conductance that decays), Brunel's make V jump; and ``poisson_input`` makes spiking
  source neurons, while here every neuron needs its own C_ext = 1000 independent trains
  (12.5 million sources). Brian2's ``PoissonInput`` draws, each step, the number of
  external spikes, Binomial(C_ext, nu_ext dt), which is the same process. The neuron is
  ``Population(LIF(...))``; its equations are not written here again.
* **Refractoriness as in the paper**: inputs that arrive while a neuron is refractory are
  ignored. Nothing to write for it: Brian2 writes to a variable flagged
  ``(unless refractory)`` (the LIF's v) only while the neuron is not refractory, also
  from synapses and ``PoissonInput`` (its "conditional write"; checked in the tests).
* **Initial state**: V uniform in [0, theta), drawn with numpy from ``seed``; Brian2's
  random numbers (connections, Poisson input) are seeded with ``seed`` too, and numpy's
  global random state is restored afterwards.

The indicators (:meth:`BrunelRun.indicators`) and the state they imply are computed from
the spikes after a transient. The phase diagram over (g, eta) is a sweep
(:func:`phase_diagram`, :mod:`bioneuro.bio.sweep`).
"""

from __future__ import annotations

import hashlib
import inspect
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import brian2 as b2
import numpy as np
from brian2 import Hz, Mohm, ms, mV, second
from brian2.devices.device import RuntimeDevice

from bioneuro.bio.backends.brian import TARGETS, standalone, standalone_directory
from bioneuro.bio.backends.readout import owned
from bioneuro.bio.models.point import LIF
from bioneuro.bio.network import Population, record
from bioneuro.checks import check_choice, check_number, check_quantity
from bioneuro.theory import brunel as brunel_theory

#: The paper's parameters (Brunel 2000, model A, as in its Fig. 8).
PAPER = {
    "tau": 20 * ms,
    "theta": 20 * mV,
    "V_r": 10 * mV,
    "tau_rp": 2 * ms,
    "J": 0.1 * mV,
    "D": 1.5 * ms,
    "gamma": 0.25,  # N_I / N_E = C_I / C_E
    "epsilon": 0.1,
    "N_E": 10000,
}

#: The four parameter points of Brunel (2000), Fig. 8 (and of Brian2's
#: examples/frompapers/Brunel_2000.py), with the state the paper shows at each.
FIG8 = {
    "SR": {"g": 3.0, "nu_ratio": 2.0, "panel": "A"},
    "SI fast": {"g": 6.0, "nu_ratio": 4.0, "panel": "B"},
    "AI": {"g": 5.0, "nu_ratio": 2.0, "panel": "C"},
    "SI slow": {"g": 4.5, "nu_ratio": 0.9, "panel": "D"},
}

#: The states, in the order figures list them (AR, asynchronous regular, and Q,
#: quiescent, complete the classification; none of Fig. 8's points is either).
STATES = ("SR", "SI fast", "AI", "SI slow", "AR", "Q")

#: Bump when the model or the indicators change: cached sweep results are keyed on it
#: (together with a hash of this module's source, see :func:`model_version`).
MODEL_VERSION = "1"

#: Classification thresholds (see :func:`classify`; docs/networks.md gives the measured
#: values they separate).
THRESHOLDS = {
    "quiet_rate": 0.5,  # Hz: below this mean rate the network is quiescent (Q)
    "chi": 0.2,  # synchrony chi above this: synchronous
    "cv": 0.2,  # CV of the ISIs below this: regular
    "fast": 80.0,  # Hz: a population rhythm above this is fast (theory: BANDS)
}

#: Bin widths of the synchrony measure: 1 ms for a fast population rhythm (a 180 Hz
#: cycle lasts 5.5 ms), 10 ms for a slow one (a 20 Hz cycle lasts 50 ms).
CHI_BINS = {"fast": 1 * ms, "slow": 10 * ms}

#: Peak memory per synapse, bytes, measured (docs/networks.md): 15.4 B on cpp_standalone
#: (N = 12500-100,000) and 15.2 B on the runtime device (N = 12500-25000): the pre- and
#: post-synaptic index (int32 each), the spike queue's entry (int32) and the slack of
#: arrays that grow while the synapses are made.
BYTES_PER_SYNAPSE = 16.0
#: Bytes per neuron, per recorded spike (index int32 + time float64), and the fixed cost
#: of Python, Brian2 and the compiled code (~400 MB measured on the runtime device).
BYTES_PER_NEURON = 200.0
BYTES_PER_SPIKE = 12.0
BYTES_FIXED = 400e6


@dataclass
class Indicators:
    """What the spikes of a Brunel network say about its state.

    Attributes
    ----------
    rate : float
        Mean firing rate over all neurons, Hz.
    cv : float
        Mean coefficient of variation of the inter-spike intervals, over the neurons with
        at least 3 spikes in the window (nan if none).
    chi : float
        Synchrony (Golomb & Hansel 2000): sqrt(Var_t[r] / mean_i Var_t[s_i]), s_i the spike
        count of neuron i and r = mean_i s_i the population's, in bins of ``chi_bin``. 1
        when all neurons fire together; ~1/sqrt(N) for independent neurons.
    chi_bin : float
        The bin width used for chi, ms: 1 ms when the population rhythm is fast, 10 ms
        when it is slow (:data:`CHI_BINS`).
    frequency : float
        Peak of the population rate's power spectrum above 3 Hz (Welch, 256 ms Hann
        windows of 1 ms bins), Hz: the frequency of the population rhythm.
    state : str
        :func:`classify` of the above: one of :data:`STATES`.
    """

    rate: float
    cv: float
    chi: float
    chi_bin: float
    frequency: float
    state: str

    def as_dict(self):
        return {
            "rate": self.rate,
            "cv": self.cv,
            "chi": self.chi,
            "chi_bin": self.chi_bin,
            "frequency": self.frequency,
            "state": self.state,
        }


def classify(rate, cv, chi, frequency, thresholds=None):
    """The state of a Brunel network from its indicators (Brunel 2000, sect. 4-5).

    * Q (quiescent) when the mean rate is below 0.5 Hz;
    * synchronous when chi > 0.2 (the population rate swings by much more than the
      independent neurons' noise), else asynchronous;
    * regular when the neurons' CV < 0.2, else irregular;
    * a synchronous irregular state is "fast" when its population rhythm is above 80 Hz
      (the paper's fast oscillations are set by the delay, ~180 Hz at D = 1.5 ms) and
      "slow" below (set by the membrane time constant, ~20 Hz).

    So SR, AR, AI, SI fast or SI slow (or Q). The thresholds (:data:`THRESHOLDS`) sit
    between the values measured at the four points of Fig. 8 at N = 5000 and 12500
    (docs/networks.md); chi of an asynchronous network falls as 1/sqrt(N), so below
    N ~ 5000 (at C_E = 1000) the threshold 0.2 no longer separates AI from SI.
    """
    t = {**THRESHOLDS, **(thresholds or {})}
    if not rate >= t["quiet_rate"]:
        return "Q"
    regular = cv < t["cv"]
    if not chi > t["chi"]:
        return "AR" if regular else "AI"
    if regular:
        return "SR"
    return "SI fast" if frequency > t["fast"] else "SI slow"


def _chi(i, b, n, n_bins):
    """Golomb's chi from spike indices ``i`` and their bin numbers ``b``."""
    population = np.bincount(b, minlength=n_bins).astype(float) / n
    pairs, per_pair = np.unique(i * n_bins + b, return_counts=True)
    owner = pairs // n_bins
    mean_single = np.bincount(owner, per_pair, minlength=n) / n_bins
    sq_single = np.bincount(owner, per_pair.astype(float) ** 2, minlength=n) / n_bins
    var_single = float(np.mean(sq_single - mean_single**2))
    return float(np.sqrt(np.var(population) / var_single)) if var_single > 0 else float("nan")


def _peak_frequency(counts, width):
    """Peak (above 3 Hz) of the Welch power spectrum of a binned population rate."""
    n = counts.size
    seg = min(n, 256)
    if seg < 8:
        return float("nan")
    window = np.hanning(seg)
    power = np.zeros(seg // 2 + 1)
    for start in range(0, n - seg + 1, max(seg // 2, 1)):
        x = counts[start : start + seg] - counts[start : start + seg].mean()
        power += np.abs(np.fft.rfft(x * window)) ** 2
    freqs = np.fft.rfftfreq(seg, width)
    band = freqs > 3.0
    if not band.any() or not power[band].any():
        return float("nan")
    return float(freqs[band][np.argmax(power[band])])


def indicators(i, t, n, start, stop, *, thresholds=None):
    """Rate, CV, synchrony and population frequency of the spikes (i, t) in [start, stop).

    Parameters
    ----------
    i : int array
        Neuron index of every spike.
    t : Quantity array
        Time of every spike.
    n : int
        Number of neurons.
    start, stop : Quantity
        The window (the transient before ``start`` is left out).
    thresholds : dict, optional
        Overrides of :data:`THRESHOLDS` for the classification.

    Returns
    -------
    Indicators
    """
    check_quantity("start", start, ms, example="0.1*second", nonnegative=True)
    check_quantity("stop", stop, ms, example="0.5*second", positive=True)
    check_number("n", n, example="12500", positive=True, integer=True)
    if not stop > start:
        raise ValueError(f"stop must be after start; got start={start}, stop={stop}")
    i = np.asarray(i, dtype=np.int64)
    ts = np.asarray(t / second, dtype=float)
    t0, t1 = float(start / second), float(stop / second)
    keep = (ts >= t0) & (ts < t1)
    i, ts = i[keep], ts[keep] - t0
    span = t1 - t0
    rate = i.size / (n * span)
    # CV of the inter-spike intervals, neuron by neuron
    order = np.lexsort((ts, i))
    i_s, t_s = i[order], ts[order]
    same = i_s[1:] == i_s[:-1]
    isi, owner = np.diff(t_s)[same], i_s[1:][same]
    counts = np.bincount(owner, minlength=n)
    ok = counts >= 2
    cv = float("nan")
    if ok.any():
        mean = np.bincount(owner, isi, minlength=n)[ok] / counts[ok]
        square = np.bincount(owner, isi**2, minlength=n)[ok] / counts[ok]
        cv = float(np.mean(np.sqrt(np.maximum(square - mean**2, 0.0)) / mean))
    # the population rhythm: fast or slow? Then chi in bins that resolve it.
    width = 1e-3
    n_fine = max(int(span / width), 1)
    fine = np.minimum((ts / width).astype(np.int64), n_fine - 1)
    frequency = _peak_frequency(np.bincount(fine, minlength=n_fine).astype(float), width)
    t_ = {**THRESHOLDS, **(thresholds or {})}
    kind = "fast" if not frequency <= t_["fast"] else "slow"
    bin_s = float(CHI_BINS[kind] / second)
    n_bins = max(int(span / bin_s), 1)
    chi = _chi(i, np.minimum((ts / bin_s).astype(np.int64), n_bins - 1), n, n_bins)
    state = classify(rate, cv, chi, frequency, thresholds)
    return Indicators(
        rate=rate, cv=cv, chi=chi, chi_bin=bin_s * 1e3, frequency=frequency, state=state
    )


@dataclass
class BrunelRun:
    """What :func:`brunel_network` recorded.

    Attributes
    ----------
    i, t : ndarray, Quantity
        Index and time of every spike (neurons 0 .. n_exc - 1 are excitatory).
    n, n_exc, c_e, c_i : int
        Neurons, excitatory neurons, excitatory and inhibitory in-degree.
    g, nu_ratio : float
        Relative inhibition and nu_ext / nu_thr.
    nu_ext, nu_thr : Quantity
        External rate per input and the threshold rate theta / (J C_E tau).
    duration, transient : Quantity
        Simulated time, and the start of the window the indicators use.
    seconds : float
        Wall time of build + run.
    timings : dict
        ``device="cpp_standalone"``: ``compile`` (code generation and C++ build, s),
        ``program`` (the compiled program: set-up, synapse creation and the run, s),
        ``run`` (its simulation loop alone, s, as Brian2 measures it).
    in_degree : dict
        Runtime device: ``{"exc": (min, max), "inh": (min, max)}`` of the number of
        recurrent inputs per neuron, counted from the built synapses (C_E and C_I each).
    """

    i: np.ndarray
    t: b2.Quantity
    n: int
    n_exc: int
    c_e: int
    c_i: int
    g: float
    nu_ratio: float
    nu_ext: b2.Quantity
    nu_thr: b2.Quantity
    duration: b2.Quantity
    transient: b2.Quantity
    seconds: float = 0.0
    timings: dict = field(default_factory=dict)
    in_degree: dict = field(default_factory=dict)

    def indicators(self, *, thresholds=None) -> Indicators:
        """:func:`indicators` of this run, after its transient."""
        return indicators(
            self.i, self.t, self.n, self.transient, self.duration, thresholds=thresholds
        )

    def population_rate(self, bin=1 * ms):
        """(bin centres, population rate in Hz) over the whole run."""
        width = float(bin / second)
        edges = np.arange(0, float(self.duration / second) + width / 2, width)
        counts, _ = np.histogram(np.asarray(self.t / second), edges)
        return (edges[:-1] + width / 2) * second, counts / (self.n * width) * Hz


def threshold_rate(J=PAPER["J"], c_e=1000, tau=PAPER["tau"], theta=PAPER["theta"]):
    """nu_thr = theta / (J C_E tau): the external rate that alone holds the mean
    potential at threshold (10 Hz for J = 0.1 mV, C_E = 1000, tau = 20 ms, theta = 20 mV)."""
    return theta / (J * c_e * tau)


def in_degrees(n, epsilon):
    """(N_E, N_I, C_E, C_I) for ``n`` neurons: N_E = round(0.8 n), C = round(eps N)."""
    n_exc = int(round(n / (1 + PAPER["gamma"])))
    n_inh = n - n_exc
    return n_exc, n_inh, int(round(epsilon * n_exc)), int(round(epsilon * n_inh))


def memory_estimate(n, epsilon=PAPER["epsilon"], duration=1 * second, *, rate=50 * Hz):
    """Bytes a Brunel network of ``n`` neurons needs at its peak::

        400 MB + 16 B n (C_E + C_I) + 200 B n + 12 B n rate duration

    (:data:`BYTES_PER_SYNAPSE` and the others, measured on both devices), the last term
    for the spikes recorded at ``rate``.
    """
    _, _, c_e, c_i = in_degrees(n, epsilon)
    synapses = n * (c_e + c_i)
    spikes = n * float(rate * duration)
    return (
        BYTES_FIXED
        + synapses * BYTES_PER_SYNAPSE
        + n * BYTES_PER_NEURON
        + spikes * BYTES_PER_SPIKE
    )


def available_memory():
    """Bytes of memory available now (``MemAvailable`` of /proc/meminfo, else all RAM)."""
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")


def check_fits(n, epsilon, duration, *, fraction=0.8):
    """Refuse, before anything is built, a network that will not fit in memory.

    Raises MemoryError naming ``n``, ``epsilon``, the estimate (:func:`memory_estimate`)
    and the memory available when the estimate exceeds ``fraction`` of
    :func:`available_memory`; returns the estimate (bytes) otherwise.
    """
    need, have = memory_estimate(n, epsilon, duration), available_memory()
    if need > fraction * have:
        n_exc, _, c_e, c_i = in_degrees(n, epsilon)
        raise MemoryError(
            f"n={n} with epsilon={epsilon} needs about {need / 1e9:.1f} GB "
            f"({n * (c_e + c_i):.2e} synapses x {BYTES_PER_SYNAPSE:.0f} B, "
            f"C_E={c_e}), expected at most {fraction:.0%} of the {have / 1e9:.1f} GB "
            "available: use a smaller n or epsilon. The state depends on C_E and J, not "
            f"on N: epsilon={1000 / n_exc:.3g} keeps the paper's C_E = 1000 at n={n}"
        )
    return need


def _check(g, nu_ratio, n, epsilon, J, delay, duration, transient, dt, seed, device, threads):
    check_number("g", g, example="5.0", nonnegative=True)
    check_number("nu_ratio", nu_ratio, example="2.0", nonnegative=True)
    check_number("n", n, example="12500", positive=True, integer=True)
    check_number("epsilon", epsilon, example="0.1", positive=True)
    if epsilon > 1:
        raise ValueError(f"epsilon must be a probability in (0, 1], e.g. 0.1; got {epsilon!r}")
    if n < 5:
        raise ValueError(f"n must be >= 5 (N_E = 4 N_I), e.g. 12500; got {n!r}")
    _, _, c_e, c_i = in_degrees(n, epsilon)
    if c_e < 1 or c_i < 1:
        raise ValueError(
            f"epsilon={epsilon!r} with n={n!r} gives in-degrees C_E={c_e}, C_I={c_i}; "
            "both must be >= 1 (raise n or epsilon)"
        )
    check_quantity("J", J, mV, example="0.1*mV", positive=True)
    check_quantity("delay", delay, ms, example="1.5*ms", positive=True)
    check_quantity("duration", duration, ms, example="0.5*second", positive=True)
    check_quantity("transient", transient, ms, example="0.1*second", nonnegative=True)
    check_quantity("dt", dt, ms, example="0.1*ms", positive=True)
    if not transient < duration:
        raise ValueError(
            f"transient must be shorter than duration; got transient={transient}, "
            f"duration={duration}"
        )
    if delay < dt:
        raise ValueError(f"delay must be at least one step dt={dt}; got delay={delay}")
    check_number("seed", seed, example="0", nonnegative=True, integer=True)
    check_choice("device", device, ("runtime", "cpp_standalone"))
    check_number("threads", threads, example="2", nonnegative=True, integer=True)


def _order_by_source(synapses):
    """Renumber ``synapses`` so that each source neuron's synapses are contiguous (in
    the order they had among themselves).

    Brian2 makes a fixed in-degree target by target, so the ~1000 synapses a spike
    reaches lie all over a 60 MB index array, and reading them was 56 % of a run (20 ns
    per synapse, AI point at N = 12500). Contiguous, a spike's synapses are read in one
    sweep: synaptic propagation 4.1x faster, the AI point's run 1.8x (measured
    2026-12-01). The spikes are the same, float for float: within a time step each
    target still adds its inputs in the order of the spiking sources, and then of the
    synapses' own order (tests/test_brunel.py compares them with the bundled results,
    computed before, exactly). It needs 12 bytes per synapse while it sorts (the order,
    int64, and a copy of an index array), less than ``connect`` needed just before: the
    peak memory at N = 25,000 was 1.46 and 1.67 GB in two runs, 1.50 GB without it.
    """
    pre = synapses.variables["_synaptic_pre"]
    post = synapses.variables["_synaptic_post"]
    order = np.argsort(pre.get_value(), kind="stable")
    pre.set_value(pre.get_value()[order])
    post.set_value(post.get_value()[order])


def _build_and_run(g, nu_ratio, n, epsilon, J, delay, duration, dt, seed, target):
    """Build the network on the current device and run it; return (monitor, n_exc, ...)."""
    n_exc, _, c_e, c_i = in_degrees(n, epsilon)
    rng = np.random.default_rng(seed)
    p = PAPER
    model = LIF(
        tau_m=p["tau"],
        R=100 * Mohm,  # unused: no injected current (I_ext = 0)
        E_L=0 * mV,
        V_th=p["theta"],
        V_reset=p["V_r"],
        t_ref=p["tau_rp"],
    )
    pop = Population(model, n, name="brunel", dt=dt, target=target)
    group = pop.group
    jump = "v_post += w"  # ignored while refractory: Brian2's conditional write on v
    synapses = []
    for kind, source, size, weight in (
        ("exc", group[:n_exc], c_e, J),
        ("inh", group[n_exc:], c_i, -g * J),
    ):
        s = b2.Synapses(
            source,
            group,
            model="w : volt (constant, shared)",
            on_pre=jump,
            delay=delay,
            dt=dt,
            name=f"bioneuro_brunel_{kind}",
            namespace={},
            codeobj_class=group.codeobj_class,
        )
        s.connect(i=f"k for k in sample(N_pre, size={size})")
        if isinstance(b2.get_device(), RuntimeDevice):  # C++ standalone: no arrays yet
            _order_by_source(s)
        s.w = weight
        synapses.append(s)
    nu_thr = threshold_rate(J, c_e)
    external = b2.PoissonInput(group, "v", c_e, nu_ratio * nu_thr, weight=J)
    group.v = rng.uniform(0, float(p["theta"] / mV), n) * mV
    monitors = record(pop)
    net = b2.Network(group, *synapses, external, *monitors, name="bioneuro_brunel_network")
    net.run(duration, namespace={})
    return monitors[0], synapses, n_exc, c_e, c_i, nu_thr


def brunel_network(
    g=5.0,
    nu_ratio=2.0,
    *,
    n=12500,
    epsilon=0.1,
    J=0.1 * mV,
    delay=1.5 * ms,
    duration=0.5 * second,
    transient=0.1 * second,
    dt=0.1 * ms,
    seed=0,
    device="runtime",
    threads=0,
    target="auto",
    directory=None,
):
    """Simulate the Brunel (2000) network (model A) at (g, nu_ext / nu_thr).

    ``n`` neurons, N_E = 4 N_I; each receives C_E = eps N_E excitatory and C_I = eps N_I
    inhibitory recurrent inputs (fixed in-degree) and C_E external Poisson inputs at
    nu_ext = ``nu_ratio`` nu_thr, nu_thr = theta / (J C_E tau). Every neuron is
    ``bio.LIF(tau_m=20 ms, E_L=0 mV, V_th=20 mV, V_reset=10 mV, t_ref=2 ms)``; a spike
    moves the target's V by J (excitatory) or -g J (inhibitory) after ``delay``.
    See the module docstring for the equations and the choices.

    Parameters
    ----------
    g : float
        Relative strength of inhibition (J_I = -g J).
    nu_ratio : float
        eta = nu_ext / nu_thr.
    n : int
        Number of neurons (12500 in the paper).
    epsilon : float
        Connection probability: the in-degrees are C = eps N (fixed). The states depend on
        C_E and J (Brunel 2000, sect. 3): to scale n at the paper's C_E = 1000 use
        epsilon = 1000 / N_E.
    J, delay : Quantity
        Excitatory jump (0.1 mV) and synaptic delay (1.5 ms).
    duration, transient : Quantity
        Simulated time; the indicators use the spikes after ``transient``.
    dt : Quantity
        Time step (0.1 ms; the LIF is integrated exactly between steps).
    seed : int
        Seeds the initial potentials (numpy) and Brian2's random numbers (connections,
        Poisson input); numpy's global random state is restored afterwards.
    device : {"runtime", "cpp_standalone"}
        ``cpp_standalone`` builds a C++ program in ``directory`` (default
        ``~/.cache/bioneuro/standalone/brunel_<n>-<key>``) and runs it with ``threads`` OpenMP
        threads; the runtime device is restored afterwards.
    threads : int
        OpenMP threads (cpp_standalone; 0: no OpenMP).
    target : {"auto", "cython", "numpy"}
        Runtime code generation target.

    Returns
    -------
    BrunelRun

    Raises
    ------
    MemoryError
        Before anything is built, when :func:`memory_estimate` exceeds 80 % of the
        memory available.
    """
    _check(g, nu_ratio, n, epsilon, J, delay, duration, transient, dt, seed, device, threads)
    check_choice("target", target, TARGETS)
    check_fits(n, epsilon, duration)
    # Brian2's runtime random numbers come from numpy's global generator: b2.seed sets
    # it, and it is put back as it was afterwards.
    state = np.random.get_state()  # noqa: NPY002 - Brian2's generator, restored below
    t0 = time.perf_counter()
    timings, in_degree = {}, {}
    try:
        if device == "runtime":
            b2.seed(int(seed))
            spikes, synapses, n_exc, c_e, c_i, nu_thr = _build_and_run(
                g, nu_ratio, n, epsilon, J, delay, duration, dt, seed, target
            )
            i, t = owned(spikes.i[:]), owned(spikes.t[:])  # copies: see readout.owned
            for kind, s in zip(("exc", "inh"), synapses, strict=True):
                counts = np.bincount(np.asarray(s.j[:]), minlength=n)
                in_degree[kind] = (int(counts.min()), int(counts.max()))
        else:
            folder = Path(directory) if directory else standalone_directory(f"brunel_{n}")
            with standalone(folder, threads):
                b2.get_device().build_on_run = False
                b2.seed(int(seed))
                spikes, _, n_exc, c_e, c_i, nu_thr = _build_and_run(
                    g, nu_ratio, n, epsilon, J, delay, duration, dt, seed, "auto"
                )
                t1 = time.perf_counter()
                b2.device.build(directory=str(folder), compile=True, run=False)
                t2 = time.perf_counter()
                b2.device.run(directory=str(folder), with_output=False)
                t3 = time.perf_counter()
                timings = {
                    "compile": t2 - t1,
                    "program": t3 - t2,
                    "run": float(b2.device._last_run_time),
                }
                i, t = owned(spikes.i[:]), owned(spikes.t[:])  # copies: see readout.owned
    finally:
        np.random.set_state(state)  # noqa: NPY002 - restore the caller's global state
    return BrunelRun(
        i=i,
        t=t,
        n=int(n),
        n_exc=n_exc,
        c_e=c_e,
        c_i=c_i,
        g=float(g),
        nu_ratio=float(nu_ratio),
        nu_ext=nu_ratio * nu_thr,
        nu_thr=nu_thr,
        duration=duration,
        transient=transient,
        seconds=time.perf_counter() - t0,
        timings=timings,
        in_degree=in_degree,
    )


# --------------------------------------------------------------------------- sweeps


#: The Brian2 version of the results bundled with bioneuro (``bioneuro/data/sweeps``, see
#: :mod:`bioneuro.bio.sweep`), computed with Python 3.11: the newest release for it. Their
#: keys hold it (:func:`model_version`), so other Brian2 versions compute their own.
BUNDLED_BRIAN2 = "2.9.0"


def model_version():
    """The version cached results are keyed on: :data:`MODEL_VERSION`, Brian2's version,
    and a hash of what makes the numbers: the code (not the docstrings) of the functions
    that build, run and measure the network and of the theory, the constants they read,
    and the LIF equations. A change there makes new keys, so stale results are never
    read; an edit of the documentation keeps the cache. (How long each point runs is part
    of the point, so :func:`window_for` is not in the hash.)"""
    import ast

    functions = (
        _build_and_run,
        _order_by_source,
        brunel_network,
        brunel_point,
        in_degrees,
        threshold_rate,
        indicators,
        classify,
        _chi,
        _peak_frequency,
        instability_grid,
    )
    parts = [LIF.equations, repr(PAPER), repr(THRESHOLDS), repr(CHI_BINS)]
    for module_or_function in (*functions, brunel_theory):
        tree = ast.parse(inspect.getsource(module_or_function).strip() + "\n")
        for node in ast.walk(tree):  # drop docstrings: they do not change the numbers
            body = getattr(node, "body", None)
            if (
                isinstance(body, list)
                and body
                and isinstance(body[0], ast.Expr)
                and isinstance(getattr(body[0], "value", None), ast.Constant)
                and isinstance(body[0].value.value, str)
            ):
                node.body = body[1:] or [ast.Pass()]
        parts.append(ast.dump(tree))
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:12]
    return f"{MODEL_VERSION}-brian2_{b2.__version__}-{digest}"


def brunel_point(
    g,
    nu_ratio,
    *,
    n=12500,
    epsilon=0.1,
    duration=0.5,
    transient=0.1,
    seed=0,
    raster=0,
):
    """One point of a sweep: simulate, measure, return plain numbers (JSON-ready).

    Parameters are plain numbers (``duration``, ``transient`` in seconds) so that they
    make a cache key. ``raster`` > 0 also returns the spikes of that many neurons (the
    first 4/5 of them excitatory, the rest inhibitory, renumbered 0 .. raster - 1) and
    the population rate of the whole network in 1 ms bins.

    Returns
    -------
    dict with ``rate``, ``cv``, ``chi``, ``chi_bin``, ``frequency``, ``state``, ``seconds``
    and, when asked, ``raster_i``, ``raster_t`` (s), ``rate_t`` (s), ``rate_hz``.
    """
    run = brunel_network(
        g,
        nu_ratio,
        n=n,
        epsilon=epsilon,
        duration=duration * second,
        transient=transient * second,
        seed=seed,
    )
    out = run.indicators().as_dict()
    out["seconds"] = run.seconds
    if raster:
        n_e = int(round(raster * 0.8))
        i, t = run.i, np.asarray(run.t / second)
        exc = i < n_e
        inh = (i >= run.n_exc) & (i < run.n_exc + raster - n_e)
        out["raster_i"] = np.concatenate([i[exc], i[inh] - run.n_exc + n_e]).tolist()
        out["raster_t"] = np.concatenate([t[exc], t[inh]]).tolist()
        centres, rate = run.population_rate(1 * ms)
        out["rate_t"] = np.round(np.asarray(centres / second), 6).tolist()
        out["rate_hz"] = np.asarray(rate / Hz).tolist()
    return out


def window_for(g, nu_ratio, *, spikes=25, shortest=0.3, longest=2.0):
    """Seconds of simulation after the transient that give each neuron about ``spikes``
    spikes at the mean-field rate nu_0(g, eta) (:mod:`bioneuro.theory.brunel`), within
    [``shortest``, ``longest``], rounded to 0.1 s: slow states need long runs to show
    their few-Hz rhythm, fast ones do not. Where the theory says the network is silent
    (nu_0 < 0.5 Hz) 0.5 s tells whether it is."""
    nu0 = brunel_theory.stationary_rate(g, nu_ratio)
    if nu0 < THRESHOLDS["quiet_rate"]:
        return 0.5
    return round(min(max(spikes / nu0, shortest), longest), 1)


def instability_grid(g, nu_ratio, steps=1000):
    """Brunel's theoretical boundaries on a grid: for each frequency band of
    :data:`bioneuro.theory.brunel.BANDS`, the largest real part of the loop gain where it
    crosses the real axis, shape (len(nu_ratio), len(g)), as nested lists (JSON-ready, for
    a cached sweep). The level-1 contours are the Hopf bifurcation lines. ``rate``: the
    mean-field rate nu_0 on the same grid."""
    gg, ee = np.meshgrid(np.asarray(g, float), np.asarray(nu_ratio, float))
    bands = brunel_theory.instability(gg.ravel(), ee.ravel(), steps=steps)
    out = {band: values.reshape(gg.shape).tolist() for band, values in bands.items()}
    pairs = zip(gg.ravel(), ee.ravel(), strict=True)
    rates = [brunel_theory.stationary_rate(a, b) for a, b in pairs]
    out["rate"] = np.reshape(rates, gg.shape).tolist()
    return out


@dataclass
class PhaseDiagram:
    """The measured states over a (g, eta) grid (:func:`phase_diagram`).

    Attributes
    ----------
    g, nu_ratio : ndarray
        The grid's axes.
    state : ndarray of str, shape (len(nu_ratio), len(g))
    rate, cv, chi, frequency : ndarray, same shape
    n, epsilon : int, float
    """

    g: np.ndarray
    nu_ratio: np.ndarray
    state: np.ndarray
    rate: np.ndarray
    cv: np.ndarray
    chi: np.ndarray
    frequency: np.ndarray
    n: int
    epsilon: float


def phase_diagram_points(g, nu_ratio, *, n=5000, epsilon=0.25, seed=0, transient=0.1):
    """The sweep's points (dicts for :func:`brunel_point`), eta-major, with durations
    from :func:`window_for`."""
    points = []
    for eta in nu_ratio:
        for gi in g:
            points.append(
                {
                    "g": float(gi),
                    "nu_ratio": float(eta),
                    "n": int(n),
                    "epsilon": float(epsilon),
                    "duration": round(transient + window_for(gi, eta), 3),
                    "transient": float(transient),
                    "seed": int(seed),
                }
            )
    return points


def phase_diagram(
    g=(3, 4, 4.5, 5, 5.5, 6, 7, 8),
    nu_ratio=(0.9, 1.5, 2, 3, 4),
    *,
    n=5000,
    epsilon=0.25,
    seed=0,
    scheduler=None,
    workers=None,
    cache=None,
    bundled=None,
    report=None,
):
    """Brunel's phase diagram measured: a :func:`~bioneuro.bio.sweep.sweep` of
    :func:`brunel_point` over the (g, eta) grid, each point classified.

    Defaults: N = 5000 with epsilon = 0.25 keeps the paper's C_E = 1000 inputs per neuron
    (the mean-field state depends on C_E and J, not on N) at 2.5x less cost than N =
    12500; the classification thresholds hold from N = 5000 up (see :func:`classify`).
    Each point runs 0.1 s of transient plus :func:`window_for` (0.5-2 s).

    ``scheduler``, ``workers``, ``cache``, ``bundled``, ``report``: see
    :func:`bioneuro.bio.sweep.sweep` (default: ``$BIONEURO_SCHEDULER``, else a local
    cluster on every core; results cached in ``~/.cache/bioneuro/sweeps/brunel``; the
    points of the ``brunel_phase_diagram`` figure are bundled with bioneuro for the Brian2
    version of Python 3.11).

    Returns
    -------
    PhaseDiagram
    """
    from bioneuro.bio.sweep import sweep

    g = np.asarray(g, dtype=float)
    nu_ratio = np.asarray(nu_ratio, dtype=float)
    for name, values in (("g", g), ("nu_ratio", nu_ratio)):
        if values.ndim != 1 or values.size == 0 or not np.all(np.isfinite(values)):
            raise ValueError(f"{name} must be a non-empty list of numbers; got {values!r}")
        if np.any(values < 0):
            raise ValueError(f"{name} must be >= 0, e.g. [3, 5, 7]; got {values.tolist()}")
    _check(
        1.0,
        1.0,
        n,
        epsilon,
        PAPER["J"],
        PAPER["D"],
        1 * second,
        0.1 * second,
        0.1 * ms,
        seed,
        "runtime",
        0,
    )
    points = phase_diagram_points(g, nu_ratio, n=n, epsilon=epsilon, seed=seed)
    results = sweep(
        brunel_point,
        points,
        name="brunel",
        version=model_version(),
        scheduler=scheduler,
        workers=workers,
        cache=cache,
        bundled=bundled,
        summary=lambda r: (
            f"{r['state']:<7} {r['rate']:6.1f} Hz, CV {r['cv']:.2f}, chi {r['chi']:.2f}"
        ),
        report=report,
    )
    shape = (nu_ratio.size, g.size)

    def field(key, dtype=float):
        return np.array([r[key] for r in results], dtype=dtype).reshape(shape)

    return PhaseDiagram(
        g=g,
        nu_ratio=nu_ratio,
        state=field("state", object),
        rate=field("rate"),
        cv=field("cv"),
        chi=field("chi"),
        frequency=field("frequency"),
        n=int(n),
        epsilon=float(epsilon),
    )


__all__ = [
    "FIG8",
    "PAPER",
    "STATES",
    "THRESHOLDS",
    "BrunelRun",
    "Indicators",
    "PhaseDiagram",
    "brunel_network",
    "brunel_point",
    "check_fits",
    "classify",
    "in_degrees",
    "indicators",
    "instability_grid",
    "memory_estimate",
    "model_version",
    "phase_diagram",
    "phase_diagram_points",
    "threshold_rate",
    "window_for",
]
