"""Run a trained artificial network as a spiking network on Brian2.

The recipe of Diehl et al. (2015) and Rueckauer et al. (2017):

1. **Neurons**: every ReLU unit becomes an integrate-and-fire (IF) neuron with
   threshold 1 and reset by subtraction (:func:`bioneuro.compare.ratecode.if_group`),
   one time step = ``dt`` (default 1 ms, so one spike per step = 1000 Hz). Over T steps
   its rate (spikes per step) is clip(z/1, 0, 1) of its mean input z per step, within
   1/T: a ReLU capped at 1.
2. **Weights**: the ANN's weights become synaptic weights (a spike of neuron a in layer
   l-1 adds W[a, b] to neuron b's v); the bias becomes a constant input per step.
3. **Normalisation** (``normalize=True``), layer by layer, so that no neuron needs more
   than one spike per step: with λ_l the largest ReLU activation of layer l (over the
   ``data`` given, or its ``percentile``; Diehl et al.'s data-based normalisation),
   or, without data, the largest activation the weights allow for inputs in [0, 1]
   (their model-based normalisation),

       W_l <- W_l λ_{l-1} / λ_l,     b_l <- b_l / λ_l,     (λ_0 = 1: inputs in [0, 1])

   so that the spiking rate of a unit estimates its activation / λ_l.
4. **Inputs**, in [0, 1], are rate-coded: ``input="constant"`` feeds each pixel to an
   IF neuron as a constant current x per step (rate x exactly, within 1/T);
   ``input="poisson"`` makes each pixel a Poisson spike train with probability x of a
   spike per step (seeded numpy draws fed to a ``SpikeGeneratorGroup``).
5. **Read-out**, by the output layer's activation:

   * ``linear`` or ``relu``: the output neurons spike; the class is the output neuron
     with the most spikes (a tie, e.g. before any output spike, goes to the lowest index;
     ``readout="spikes+v"`` breaks ties with the membrane potential instead); a single
     output gives class 1 when its rate * λ_L >= 0.5 (the ANN's threshold).
   * ``sigmoid``, ``tanh`` or ``softmax``: an IF neuron cannot output these, but they are
     monotonic in z, so the class is decided by z itself. The output neurons do not
     spike (no threshold) and integrate their input: after T steps their membrane
     potential is the sum of T steps of W_L (spikes of layer L-1) + b_L, so v / T
     estimates z_L (Rueckauer et al. 2017, section 2.2.1, for softmax). The class is the
     largest v (softmax), or, for one output, class 1 when v / T >= 0 (sigmoid(z) >= 0.5
     and tanh(z) >= 0 are both z >= 0). The output layer is not normalised (λ_L = 1).

All images run in ONE Brian2 network: each layer is one ``NeuronGroup`` holding a block
of neurons per image, and each ``Synapses`` connects block k of one layer only to block
k of the next (block-diagonal connectivity): one build and one compiled code for the
whole test set, no simulation per image.

References: P. U. Diehl, D. Neil, J. Binas, M. Cook, S.-C. Liu & M. Pfeiffer (2015),
"Fast-classifying, high-accuracy spiking deep networks through weight and threshold
balancing", IJCNN; B. Rueckauer, I.-A. Lungu, Y. Hu, M. Pfeiffer & S.-C. Liu (2017),
"Conversion of continuous-valued deep networks to efficient event-driven networks for
image classification", Front. Neurosci. 11:682.
"""

from __future__ import annotations

from dataclasses import dataclass

import brian2 as b2
import numpy as np
from brian2 import ms, second

from bioneuro.ann import labels
from bioneuro.checks import (
    check_budget,
    check_choice,
    check_number,
    check_quantity,
    describe,
    progress,
)
from bioneuro.compare.ratecode import RESETS, if_group, if_reset, if_threshold, poisson_trains

NEURONS = ("if", "lif")
INPUTS = ("constant", "poisson")
#: Output activations read from the output neurons' spikes.
SPIKING_OUTPUTS = ("linear", "relu")
#: Output activations read from the output neurons' membrane potential (no spikes).
MEMBRANE_OUTPUTS = ("sigmoid", "tanh", "softmax")
OUTPUTS = ("spikes", "membrane")
READOUTS = ("spikes", "spikes+v")


def _check_X(X, n_in, name="X"):
    try:
        X = np.asarray(X, dtype=float)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be an array of numbers; got {describe(X)}") from exc
    if X.ndim == 1:
        X = X[None, :]
    if X.ndim != 2 or X.shape[1] != n_in:
        raise ValueError(f"{name} must have shape (n_samples, {n_in}); got {np.shape(X)}")
    if X.shape[0] == 0:
        raise ValueError(f"{name} must hold at least one sample; got none")
    if not (np.all(np.isfinite(X)) and X.min() >= 0 and X.max() <= 1):
        raise ValueError(
            f"{name} must hold inputs in [0, 1] (rates as spikes per step); got "
            f"values in [{np.nanmin(X):g}, {np.nanmax(X):g}]"
        )
    return X


def _check_duration(duration, dt):
    check_quantity("duration", duration, second, example="200*ms", positive=True)
    steps = int(round(float(duration / dt)))
    if steps < 1:
        raise ValueError(f"duration must be at least one step ({dt}); got {duration}")
    return steps


def _relu_activations(mlp, X):
    """The ANN's activations layer by layer (last one before any output nonlinearity)."""
    records = mlp.forward(X)  # hidden layers are ReLU: their a; the output layer: its z
    return [record.a for record in records[:-1]] + [records[-1].z]


@dataclass
class SpikingRun:
    """Output spike counts and membrane potentials of a :class:`SpikingNetwork` run.

    Attributes
    ----------
    steps : array of int
        The checkpoints (in steps of dt) at which ``counts`` and ``v`` were read.
    counts : array (n_checkpoints, n_samples, n_outputs)
        Output spikes counted from the start to each checkpoint.
    v : array (n_checkpoints, n_samples, n_outputs)
        Output membrane potentials at each checkpoint.
    dt : Quantity
    """

    steps: np.ndarray
    counts: np.ndarray
    v: np.ndarray
    dt: object
    output_scale: float
    output: str = "spikes"

    @property
    def times(self):
        return self.steps * self.dt

    def labels(self, k=-1, readout="spikes"):
        """Class labels at checkpoint ``k`` (default: the end of the run).

        ``readout="spikes"``: the output neuron with the most spikes (a tie, e.g. no
        spike yet, goes to the lowest class index); ``"spikes+v"``: ties go to the
        largest membrane potential, the input not yet spent on spikes (a non-spiking
        read-out, accurate much earlier).
        """
        check_choice("readout", readout, READOUTS)
        if self.output == "membrane":  # z_L estimated by v / T: its sign or its argmax
            return _decode_membrane(self.v[k])
        return _decode(self.counts[k], self.v[k], self.steps[k], self.output_scale, readout)

    def rates(self, k=-1):
        """Output spikes per step at checkpoint ``k``."""
        if self.output == "membrane":
            raise ValueError(
                "rates: the output neurons of this network do not spike (output='membrane', "
                "for a sigmoid, tanh or softmax output); read run.v / run.steps instead"
            )
        return self.counts[k] / self.steps[k]


def _decode_membrane(v):
    if v.shape[1] == 1:  # sigmoid(z) >= 0.5 and tanh(z) >= 0 are both z >= 0
        return (v[:, 0] >= 0).astype(int)
    return np.argmax(v, axis=1)


def _decode(counts, v, steps, output_scale, readout="spikes"):
    if counts.shape[1] == 1:  # the ANN's rule on its (rescaled) output
        return labels(counts / steps * output_scale, "linear")
    if readout == "spikes":  # most spikes wins; a tie goes to the lowest class index
        return np.argmax(counts, axis=1)
    # "spikes+v": ties go to the larger membrane potential (arctan maps v into (0, 1))
    return np.argmax(counts + np.arctan(v) / np.pi + 0.5, axis=1)


class SpikingNetwork:
    """A converted ANN: IF neurons, normalised weights, rate-coded inputs (see module notes).

    Built by :func:`to_spiking`; not usually created directly.

    Attributes
    ----------
    weights, biases : lists of arrays
        The spiking network's synaptic weights W_l (n_{l-1}, n_l) and bias inputs per step.
    scales : list of float
        λ_1 ... λ_L, the normalisation factors (1 if ``normalize=False``).
    """

    def __init__(
        self,
        weights,
        biases,
        scales,
        *,
        neuron="if",
        reset="subtract",
        input="constant",
        dt=1 * ms,
        tau_m=20 * ms,
        output="spikes",
    ):
        self.output = output
        self.weights = weights
        self.biases = biases
        self.scales = scales
        self.neuron = neuron
        self.reset = reset
        self.input = input
        self.dt = dt
        self.tau_m = tau_m
        self.sizes = [weights[0].shape[0]] + [w.shape[1] for w in weights]

    def __repr__(self) -> str:
        return (
            f"SpikingNetwork({' -> '.join(map(str, self.sizes))}, {self.neuron.upper()} "
            f"neurons, reset by {self.reset}, {self.input} input, output read from "
            f"{self.output}, dt={self.dt})"
        )

    # ------------------------------------------------------------------ Brian2
    def run(self, X, duration, *, checkpoints=None, seed=0) -> SpikingRun:
        """Simulate all samples of X at once (one Brian2 network) for ``duration``.

        Parameters
        ----------
        X : array (n_samples, n_inputs), values in [0, 1]
        duration : Quantity
            Simulated time; duration / dt steps.
        checkpoints : Quantity array, optional
            Times (<= duration) at which to read the outputs (default: the end only),
            from the recorded output spikes and membrane potentials: one run gives
            accuracy against simulated time.
        seed : int
            Seeds the Poisson inputs (``input="poisson"``).

        Returns
        -------
        SpikingRun
        """
        X = _check_X(X, self.sizes[0])
        n_steps = _check_duration(duration, self.dt)
        check_number("seed", seed, example="0", integer=True, nonnegative=True)
        steps = self._checkpoint_steps(checkpoints, n_steps)
        n = X.shape[0]
        self._check_size(n, n_steps)
        tau = self.tau_m if self.neuron == "lif" else None
        # every IF layer is a block of ONE group (block m of a layer is image m), and every
        # projection between the group's layers is in ONE Synapses object: the same model
        # and the same synapse compile once, not once per layer (names are in the code)
        first = 0 if self.input == "constant" else 1  # the layers the group holds
        sizes = [n * size for size in self.sizes[first:]]
        start = np.concatenate([[0], np.cumsum(sizes)])  # where each layer begins
        group = if_group(
            int(start[-1]), "bioneuro_snn_layers", dt=self.dt, reset=self.reset, tau_m=tau
        )
        bias = [X.ravel()] if self.input == "constant" else []
        group.bias = np.concatenate(bias + [np.tile(b, n) for b in self.biases])
        if self.output == "membrane":  # the output layer integrates and never spikes
            group.theta[start[-2] :] = np.inf
        objects = [group]

        def projection(source, name, i, j, w):  # synapses onto the group: v_post += w
            syn = b2.Synapses(source, group, "w : 1", on_pre="v_post += w", dt=self.dt, name=name)
            syn.connect(i=i, j=j)
            syn.w = w
            return syn

        pre, post, w = [], [], []  # the projections from the group's own layers
        for k, W in enumerate(self.weights, start=1):
            n_prev, n_next = W.shape
            a, c = np.nonzero(W)  # block-diagonal: image m's block to image m's block
            blocks = np.arange(n)[:, None]
            i, j = (blocks * n_prev + a).ravel(), (blocks * n_next + c).ravel()
            if k == 1 and self.input != "constant":
                rng = np.random.default_rng(seed)
                h = float(self.dt / second)
                idx, times = poisson_trains(X.ravel() / h, n_steps * h, h, rng)
                inp = b2.SpikeGeneratorGroup(
                    n * self.sizes[0],
                    idx,
                    times * second,
                    dt=self.dt,
                    sorted=True,  # poisson_trains sorts by time, then index
                    name="bioneuro_snn_poisson",
                )
                j = start[k - first] + j  # layer 1 begins the group
                syn = projection(inp, "bioneuro_snn_input_synapses", i, j, np.tile(W[a, c], n))
                objects += [inp, syn]
                continue
            pre.append(start[k - 1 - first] + i)
            post.append(start[k - first] + j)
            w.append(np.tile(W[a, c], n))
        if pre:
            syn = projection(
                group,
                "bioneuro_snn_synapses",
                np.concatenate(pre),
                np.concatenate(post),
                np.concatenate(w),
            )
            objects.append(syn)
        out = group[start[-2] :]  # the output layer
        spikes = b2.SpikeMonitor(out, record=True, name="bioneuro_snn_output_spikes")
        # v after each step (when="end": after thresholds, synapses and resets)
        states = b2.StateMonitor(out, "v", record=True, when="end", name="bioneuro_snn_output_v")
        objects += [spikes, states]
        net = b2.Network(*objects, name="bioneuro_snn_network")
        # ONE run (each Brian2 run costs ~0.5 s of set-up), read at every checkpoint after
        work = n_steps * n * (sum(self.sizes) + sum(np.count_nonzero(W) for W in self.weights))
        net.run(n_steps * self.dt, namespace={}, **progress(n_steps, work))
        n_out = self.sizes[-1]
        step_of_spike = np.round(np.asarray(spikes.t / self.dt)).astype(int)  # step index
        neuron_of_spike = np.asarray(spikes.i[:])
        v_all = np.asarray(states.v[:])  # (n * n_out, steps)
        counts, vs = [], []
        for s in steps:
            done = step_of_spike < s  # spikes in steps 0 .. s-1
            count = np.bincount(neuron_of_spike[done], minlength=n * n_out)
            counts.append(count.reshape(n, n_out))
            vs.append(v_all[:, s - 1].reshape(n, n_out))
        return SpikingRun(
            steps, np.array(counts), np.array(vs), self.dt, self.scales[-1], self.output
        )

    def _check_size(self, n, n_steps):
        """The size guard of a run of ``n`` samples for ``n_steps`` steps."""
        neurons = n * sum(self.sizes)
        synapses = n * sum(np.count_nonzero(W) for W in self.weights)
        recorded = n * self.sizes[-1] * n_steps
        check_budget(
            "duration",
            n_steps * self.dt,
            steps=n_steps,
            work=n_steps * (neurons + synapses),
            what=f"{n_steps} steps x {neurons + synapses} neurons and synapses",
        )
        check_budget(
            "X",
            f"{n} samples",
            nbytes=neurons * 15 * 8 + synapses * 12 * 8,
            what=f"{neurons} neurons, {synapses} synapses",
        )
        check_budget(
            "duration",
            n_steps * self.dt,
            nbytes=recorded * 8 * 3,
            what=f"{recorded} recorded output potentials",
        )

    def _checkpoint_steps(self, checkpoints, n_steps):
        if checkpoints is None:
            return np.array([n_steps])
        check_quantity(
            "checkpoints",
            checkpoints,
            second,
            example="[50, 100, 200]*ms",
            allow_array=True,
            positive=True,
        )
        steps = np.unique(np.round(np.atleast_1d(np.asarray(checkpoints / self.dt))).astype(int))
        if steps[0] < 1 or steps[-1] > n_steps:
            raise ValueError(f"checkpoints must lie in (0, duration]; got {checkpoints}")
        return steps

    def predict(self, X, duration, *, seed=0):
        """Class labels from the output spike counts after ``duration`` (one Brian2 run)."""
        return self.run(X, duration, seed=seed).labels()

    def accuracy(self, X, y, times, *, seed=0, readout="spikes"):
        """Accuracy at each of ``times`` (Quantity array), from one run to the longest."""
        check_choice("readout", readout, READOUTS)
        check_quantity(
            "times", times, second, example="[50, 100, 200]*ms", allow_array=True, positive=True
        )
        times = np.atleast_1d(times)
        if times.size == 0:
            raise ValueError("times must hold at least one time, e.g. [100]*ms; got none")
        X = _check_X(X, self.sizes[0])
        y = np.asarray(y)
        classes = max(self.sizes[-1], 2)
        if y.shape != (len(X),) or y.dtype.kind not in "iu" or y.min() < 0 or y.max() >= classes:
            raise ValueError(
                f"y must hold one class label in 0..{classes - 1} per sample, shape "
                f"({len(X)},); got {describe(y)} of shape {y.shape}"
            )
        run = self.run(X, np.max(times), checkpoints=times, seed=seed)
        return np.array([np.mean(run.labels(k, readout) == y) for k in range(len(run.steps))])

    # ------------------------------------------------------------------ numpy reference
    def run_numpy(self, X, duration, *, checkpoints=None) -> SpikingRun:
        """The same discrete-time network in plain numpy (constant input only).

        Each step, in Brian2's order: every layer's v gains its bias (state update),
        spikes where v >= 1 (thresholds), each spike adds its weights to the next layer
        (synapses), spiking neurons reset (v <- v - 1, or 0). With constant input this
        gives the same spike counts as :meth:`run` (a test holds them together).
        """
        if self.input != "constant":
            raise ValueError("run_numpy simulates constant input only; got input='poisson'")
        X = _check_X(X, self.sizes[0])
        n_steps = _check_duration(duration, self.dt)
        steps = set(self._checkpoint_steps(checkpoints, n_steps).tolist())
        self._check_size(X.shape[0], n_steps)
        thetas = [1.0] * len(self.sizes)
        if self.output == "membrane":
            thetas[-1] = np.inf  # the output layer integrates and never spikes
        biases = [X] + [np.broadcast_to(b, (X.shape[0], b.size)) for b in self.biases]
        v = [np.zeros_like(b, dtype=float) for b in biases]
        count = np.zeros((X.shape[0], self.sizes[-1]))
        leak = float(self.dt / self.tau_m) if self.neuron == "lif" else 0.0
        counts, vs = [], []
        for t in range(1, n_steps + 1):
            v = [vl + (bl - leak * vl) for vl, bl in zip(v, biases, strict=True)]
            fired = [if_threshold(vl, th) for vl, th in zip(v, thetas, strict=True)]
            for k, W in enumerate(self.weights, start=1):
                v[k] = v[k] + fired[k - 1].astype(float) @ W
            v = [if_reset(vl, f, 1.0, self.reset) for vl, f in zip(v, fired, strict=True)]
            count += fired[-1]
            if t in steps:
                counts.append(count.copy())
                vs.append(v[-1].copy())
        return SpikingRun(
            np.array(sorted(steps)),
            np.array(counts),
            np.array(vs),
            self.dt,
            self.scales[-1],
            self.output,
        )


def to_spiking(
    mlp,
    *,
    neuron="if",
    normalize=True,
    data=None,
    percentile=100.0,
    reset="subtract",
    input="constant",
    dt=1 * ms,
    tau_m=20 * ms,
    output=None,
):
    """Convert a trained ReLU :class:`bioneuro.ann.MLP` into a :class:`SpikingNetwork`.

    Parameters
    ----------
    mlp : bioneuro.ann.MLP
        Hidden layers ReLU; the output layer ``"linear"`` or ``"relu"`` (read from
        spikes), or ``"sigmoid"``, ``"tanh"`` or ``"softmax"`` (read from the output
        neurons' membrane potential: see the module notes).
    neuron : {"if", "lif"}
        Integrate-and-fire (no leak; rates match the ReLU) or leaky IF with ``tau_m``
        (the leak loses input: rates fall below the ReLU, accuracy suffers).
    normalize : bool
        Scale weights and biases layer by layer (Diehl et al. 2015; module notes).
    data : array (n_samples, n_inputs), optional
        Inputs (e.g. the training set) for data-based normalisation; without it the
        model-based bound is used.
    percentile : float in (0, 100]
        λ_l = this percentile of layer l's activations (100: the maximum, Diehl et al.;
        99.9: Rueckauer et al., robust to outliers).
    reset : {"subtract", "zero"}
    input : {"constant", "poisson"}
    dt : Quantity
        One time step (default 1 ms).
    tau_m : Quantity
        Leak time constant, used when ``neuron="lif"``.
    output : {"spikes", "membrane"}, optional
        How the output layer is read; default: spikes for a linear or ReLU output,
        the membrane potential for sigmoid, tanh and softmax. A linear or ReLU output
        may be read from the membrane too, and a softmax from spikes (the most spikes is
        the largest positive logit: Diehl et al.'s read-out, slower and blind to
        negative logits); one sigmoid or tanh output needs the membrane.

    Returns
    -------
    SpikingNetwork
    """
    from bioneuro.ann import MLP

    if not isinstance(mlp, MLP):
        raise TypeError(f"mlp must be a bioneuro.ann.MLP; got {type(mlp).__name__}")
    check_choice("neuron", neuron, NEURONS)
    if not isinstance(normalize, bool):
        raise TypeError(f"normalize must be True or False; got {normalize!r}")
    check_number("percentile", percentile, example="99.9", positive=True)
    if percentile > 100:
        raise ValueError(f"percentile must be in (0, 100]; got {percentile!r}")
    check_choice("reset", reset, RESETS)
    check_choice("input", input, INPUTS)
    check_quantity("dt", dt, ms, example="1*ms", positive=True)
    check_quantity("tau_m", tau_m, ms, example="20*ms", positive=True)
    for k, layer in enumerate(mlp.layers[:-1], start=1):
        if layer.activation.name != "relu":
            raise ValueError(
                f"hidden layer {k} has activation {layer.activation.name!r}; an IF "
                "neuron's rate is a ReLU: train with activation='relu'"
            )
    out_name = mlp.output_activation.name
    known = SPIKING_OUTPUTS + MEMBRANE_OUTPUTS
    if out_name not in known:
        raise ValueError(
            f"output activation must be one of {', '.join(map(repr, known))} (monotonic, "
            f"so that z decides the class); got {out_name!r}: train with "
            "output_activation='sigmoid', 'softmax' or 'linear'"
        )
    if output is None:
        output = "membrane" if out_name in MEMBRANE_OUTPUTS else "spikes"
    check_choice("output", output, OUTPUTS)
    if output == "spikes" and out_name in ("sigmoid", "tanh"):
        raise ValueError(
            f"output='spikes' cannot give {out_name!r} (an IF neuron's rate is a capped "
            f"ReLU, and one {out_name} output's class is the sign of z); got "
            f"output='spikes' for a {out_name} output layer: use 'membrane'"
        )
    if data is not None:
        data = _check_X(data, mlp.sizes[0], "data")
    Ws = [np.asarray(layer.W, dtype=float) for layer in mlp.layers]
    bs = [np.asarray(layer.b, dtype=float) for layer in mlp.layers]
    if not normalize:
        scales = [1.0] * len(Ws)
    elif data is not None:
        acts = _relu_activations(mlp, data)
        scales = [float(np.percentile(np.maximum(a, 0.0), percentile)) for a in acts]
    else:  # model-based: the largest activation the weights allow for inputs in [0, 1]
        scales, bound = [], np.ones(mlp.sizes[0])
        for W, b in zip(Ws, bs, strict=True):
            bound = np.maximum(bound @ np.maximum(W, 0.0) + b, 0.0)
            scales.append(float(bound.max()))
    scales = [s if s > 0 else 1.0 for s in scales]  # a silent layer: leave it unscaled
    if output == "membrane":
        scales[-1] = 1.0  # v / T estimates z_L itself: no spike rate to keep below 1
    weights, biases, prev = [], [], 1.0
    for W, b, lam in zip(Ws, bs, scales, strict=True):
        weights.append(W * prev / lam)
        biases.append(b / lam)
        prev = lam
    return SpikingNetwork(
        weights,
        biases,
        scales,
        neuron=neuron,
        reset=reset,
        input=input,
        dt=dt,
        tau_m=tau_m,
        output=output,
    )


__all__ = [
    "INPUTS",
    "MEMBRANE_OUTPUTS",
    "NEURONS",
    "OUTPUTS",
    "READOUTS",
    "SPIKING_OUTPUTS",
    "SpikingNetwork",
    "SpikingRun",
    "to_spiking",
]
