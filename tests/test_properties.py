"""Property-based tests (hypothesis) of the checks and the main entry points.

Three properties, for inputs drawn at random:

* a valid, finite input runs, and its result holds no NaN;
* an invalid input raises ``ValueError`` or ``TypeError`` whose message names the
  parameter;
* no result is ever NaN without an error.

Example counts: hypothesis's default of 100 per test for the numpy-only ones, fewer
for the simulations (each Brian2 run sets up a network): see ``max_examples``.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from brian2 import Hz, ms, mV, nA, second
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from bioneuro import ann, bio, checks, compare
from bioneuro.ann import MLP, Neuron, losses

finite = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)
positive = st.floats(1e-6, 1e6, allow_nan=False, allow_infinity=False)
not_finite = st.sampled_from([math.nan, math.inf, -math.inf])
not_a_number = st.one_of(st.text(max_size=5), st.none(), st.lists(st.integers(), max_size=2))


def names(error, name):
    """The message of ``error`` names ``name`` as a word."""
    return re.search(rf"(?<![\w.]){re.escape(name)}(?!\w)", str(error)) is not None


def no_nan(values):
    return not np.any(np.isnan(np.asarray(values, dtype=float)))


# ----------------------------------------------------------------------------- checks
@given(positive)
def test_check_quantity_accepts_a_positive_time(x):
    assert checks.check_quantity("dt", x * ms, ms, example="1*ms", positive=True) == x * ms


@given(st.one_of(finite, not_a_number))
def test_check_quantity_refuses_what_is_not_a_time(x):
    with pytest.raises(TypeError) as info:
        checks.check_quantity("dt", x, ms, example="1*ms")
    assert names(info.value, "dt")


@given(st.one_of(not_finite, st.floats(-1e6, 0, allow_nan=False)))
def test_check_quantity_refuses_a_time_not_finite_or_not_positive(x):
    with pytest.raises(ValueError) as info:
        checks.check_quantity("duration", x * ms, ms, example="10*ms", positive=True)
    assert names(info.value, "duration")


@given(st.one_of(st.integers(1, 10**12), st.floats(allow_nan=True), not_a_number))
def test_check_number_whole_positive(x):
    valid = (
        not isinstance(x, bool)
        and isinstance(x, int | float)
        and math.isfinite(x)
        and x > 0
        and x == int(x)
    )
    if valid:
        assert checks.check_number("n", x, example="3", positive=True, integer=True) == x
    else:
        with pytest.raises((ValueError, TypeError)) as info:
            checks.check_number("n", x, example="3", positive=True, integer=True)
        assert names(info.value, "n")


@given(st.floats(0, 1e13, allow_nan=False), st.floats(0, 1e13, allow_nan=False))
def test_check_budget_refuses_exactly_above_the_budget(nbytes, steps):
    over = nbytes > checks.MEMORY_BUDGET or steps > checks.STEP_BUDGET
    if over:
        with pytest.raises(ValueError) as info:
            checks.check_budget("n", 7, nbytes=nbytes, steps=steps)
        assert names(info.value, "n") and "bioneuro.checks." in str(info.value)
    else:
        assert checks.check_budget("n", 7, nbytes=nbytes, steps=steps) == 7


@given(st.floats(1e-4, 1e4), st.floats(1e-3, 1.0))
def test_check_steps_is_at_least_one_step(duration_ms, dt_ms):
    ratio = duration_ms / dt_ms
    assume(abs(ratio - 0.5) > 1e-6)  # round() at exactly half a step is a tie
    if round(ratio) >= 1:
        n = checks.check_steps(duration_ms * ms, dt_ms * ms)
        assert n == round(ratio) and n >= 1
    else:
        with pytest.raises(ValueError) as info:
            checks.check_steps(duration_ms * ms, dt_ms * ms)
        assert names(info.value, "duration")


@given(st.lists(st.integers(-5, 20), min_size=0, max_size=6))
def test_check_indices(idx):
    if idx and all(0 <= i < 10 for i in idx):
        np.testing.assert_array_equal(checks.check_indices("i", idx, 10), idx)
    else:
        with pytest.raises(ValueError) as info:
            checks.check_indices("i", idx, 10)
        assert names(info.value, "i")


# ----------------------------------------------------------------------------- ann
activation_names = st.sampled_from([a for a in ann.ACTIVATIONS if a != "softmax"])


@given(activation_names, hnp.arrays(float, st.integers(1, 20), elements=finite))
def test_activations_of_finite_inputs_are_finite(name, z):
    phi = ann.get_activation(name)
    assert np.all(np.isfinite(phi(z))) and np.all(np.isfinite(phi.derivative(z)))


@given(activation_names, st.lists(st.one_of(finite, not_finite), min_size=1, max_size=5))
def test_activations_refuse_nan_and_inf(name, z):
    assume(not all(math.isfinite(v) for v in z))
    with pytest.raises(ValueError) as info:
        ann.get_activation(name)(z)
    assert names(info.value, "z")


@given(
    st.integers(1, 6).flatmap(
        lambda n: st.tuples(
            hnp.arrays(float, n, elements=st.floats(-10, 10)),
            hnp.arrays(float, (5, n), elements=finite),
        )
    ),
    st.floats(-10, 10),
    activation_names,
)
def test_neuron_output_is_finite(arrays, bias, activation):
    weights, X = arrays
    out = Neuron(weights, bias, activation)(X)
    assert out.shape == (5,) and np.all(np.isfinite(out))


@given(st.lists(st.one_of(finite, not_finite), min_size=2, max_size=2))
def test_neuron_refuses_nan_inputs(x):
    assume(not all(math.isfinite(v) for v in x))
    with pytest.raises(ValueError) as info:
        Neuron([1.0, 2.0])(x)
    assert names(info.value, "x")


@given(
    st.lists(st.integers(1, 6), min_size=2, max_size=4),
    st.sampled_from(["relu", "tanh", "sigmoid"]),
    st.sampled_from(["sigmoid", "linear", "tanh"]),
    st.integers(0, 10),
)
def test_mlp_forward_is_finite(sizes, hidden, output, seed):
    X = np.random.default_rng(seed).normal(size=(7, sizes[0])) * 100
    out = MLP(sizes, activation=hidden, output_activation=output, seed=seed)(X)
    assert out.shape == (7, sizes[-1]) and np.all(np.isfinite(out))


@settings(deadline=None)
@given(
    hnp.arrays(float, st.tuples(st.integers(2, 30), st.just(2)), elements=st.floats(-10, 10)),
    st.integers(0, 1000),
    st.floats(1e-3, 1.0),
)
def test_fit_on_any_finite_data_gives_finite_losses_or_says_it_diverged(X, seed, rate):
    y = np.random.default_rng(seed).integers(0, 2, len(X))
    net = MLP([2, 4, 1], activation="tanh", seed=seed)
    try:
        history = net.fit(X, y, epochs=5, learning_rate=rate, loss="cross_entropy")
    except FloatingPointError as exc:  # an error, never a silent NaN
        assert "learning_rate" in str(exc)
        return
    assert all(math.isfinite(v) for v in history.loss + history.accuracy)
    assert all(0 <= a <= 1 for a in history.accuracy)


@given(st.integers(2, 5), st.integers(0, 10))
def test_labels_outside_one_sigmoid_output_are_refused(n_classes, seed):
    X = np.random.default_rng(seed).normal(size=(8, 2))
    y = np.arange(8) % n_classes
    if n_classes == 2:
        assert math.isfinite(MLP([2, 3, 1]).evaluate(X, y).loss)
    else:
        with pytest.raises(ValueError) as info:
            MLP([2, 3, 1]).fit(X, y, epochs=1, learning_rate=0.1)
        assert names(info.value, "y")


@given(
    hnp.array_shapes(min_dims=1, max_dims=2, max_side=5),
    hnp.array_shapes(min_dims=1, max_dims=2, max_side=5),
)
def test_mse_never_broadcasts(shape_a, shape_y):
    a, y = np.ones(shape_a), np.zeros(shape_y)
    if shape_a == shape_y:
        value, grad = losses.mse(a, y)
        assert value == 1.0 and grad.shape == shape_a
    else:
        with pytest.raises(ValueError) as info:
            losses.mse(a, y)
        assert names(info.value, "a") and names(info.value, "y")


@given(st.integers(2, 2000), st.floats(0, 1), st.integers(0, 2**31))
def test_datasets_are_finite_and_sized(n, noise, seed):
    for make in (ann.datasets.moons, ann.datasets.spirals):
        X, y = make(n, noise=noise, seed=seed)
        assert X.shape == (n, 2) and y.shape == (n,) and np.all(np.isfinite(X))
        assert set(np.unique(y)) <= {0, 1}


# ----------------------------------------------------------------------------- bio
@given(st.lists(st.floats(0, 10), max_size=30), st.floats(0, 5), st.floats(0, 10))
@example(times=[0.0, 5e-324], start=0.0, stop=1.0)  # found by hypothesis: 1 / 5e-324 = inf
def test_steady_rate(times, start, stop):
    times = np.sort(times) * second
    kept = np.asarray(times / second)
    kept = kept[(kept >= start) & (kept < stop)]
    with np.errstate(over="ignore", divide="ignore"):  # (two spikes at one time: 1 / 0)
        overflows = kept.size > 1 and not np.isfinite((kept.size - 1) / (kept[-1] - kept[0]))
    if np.any(np.diff(times) <= 0 * second):  # two spikes at one time: not a spike train
        with pytest.raises(ValueError) as info:
            bio.steady_rate(times, start * second, max(stop, start + 1) * second)
        assert names(info.value, "spike_times")
    elif start < stop and stop > 0 and overflows:  # spikes 1e-308 s apart: refused
        with pytest.raises(ValueError, match="overflows") as info:
            bio.steady_rate(times, start * second, stop * second)
        assert names(info.value, "spike_times")
    elif start < stop and stop > 0:
        rate = bio.steady_rate(times, start * second, stop * second)
        assert np.isfinite(float(rate / Hz)) and rate >= 0 * Hz
    else:
        with pytest.raises(ValueError) as info:
            bio.steady_rate(times, start * second, stop * second)
        assert names(info.value, "start") or names(info.value, "stop")


@given(hnp.arrays(float, st.integers(2, 50), elements=st.floats(-100, 100)), st.floats(-100, 100))
@example(v=np.array([-41.54598021, 0.0]), level=0.0)  # found by hypothesis: 1 ulp past t[-1]
def test_crossings_lie_between_samples(v, level):
    t = np.arange(v.size) * 0.1 * ms
    times = bio.crossings(t, v * mV, level * mV)
    assert no_nan(times / ms)
    assert np.all(times >= t[0]) and np.all(times <= t[-1])


@given(
    st.floats(-2, 2),
    st.floats(0, 50),
    st.floats(0.01, 50),
    hnp.arrays(float, 10, elements=st.floats(0, 200)),
)
def test_stimuli_are_finite(amplitude, start, width, t):
    s = bio.step(amplitude * nA, start * ms, (start + width) * ms) + bio.ramp(
        amplitude * nA, start * ms, (start + width) * ms
    )
    assert no_nan(s(t * ms) / nA)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.floats(0, 1.0), st.floats(2, 60))
def test_simulate_lif_scipy_is_finite(amplitude, duration):
    trace = bio.simulate(bio.LIF(), amplitude * nA, duration * ms, backend="scipy")
    assert no_nan(trace.v / mV) and len(trace.t) == round(duration / 0.01)
    assert np.all(trace.spike_times >= 0 * ms)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.floats(0, 1.0), min_size=1, max_size=4))
def test_fi_curve_on_brian2_is_finite(currents):
    curve = bio.fi_curve(bio.LIF(), currents * nA, duration=100 * ms)
    assert no_nan(curve.y / Hz) and np.all(curve.y >= 0 * Hz)


@given(st.one_of(finite, not_a_number))
def test_simulate_refuses_a_duration_without_unit(duration):
    with pytest.raises(TypeError) as info:
        bio.simulate(bio.LIF(), 0.5 * nA, duration)
    assert names(info.value, "duration")


@given(st.floats(-1e3, 1e3), st.floats(1e-3, 1e3))
def test_simulate_refuses_a_short_or_negative_duration(duration, dt):
    assume(duration <= 0 or duration < dt)
    with pytest.raises(ValueError) as info:
        bio.simulate(bio.LIF(), 0.5 * nA, duration * ms, dt=dt * ms, backend="scipy")
    assert names(info.value, "duration") or names(info.value, "dt")


# ----------------------------------------------------------------------------- compare
@given(hnp.arrays(float, st.integers(1, 10), elements=st.floats(-2, 2)), st.integers(1, 300))
def test_if_counts_follow_the_relu(z, T):
    counts = compare.if_counts(z, T)
    # reset by subtraction: floor(T z) spikes for 0 <= z <= 1, within one for rounding
    expected = np.floor(T * np.clip(z, 0, 1) * (1 + 1e-9))
    assert np.all(np.abs(counts - expected) <= 1)


@settings(deadline=None)
@given(st.floats(-1, 1), st.floats(0.5, 10))
def test_siegert_rate_is_finite_and_nonnegative(current, sigma):
    rate = compare.siegert_rate(bio.LIF(), current * nA, sigma * mV)
    assert no_nan(rate / Hz) and np.all(rate >= 0 * Hz)
