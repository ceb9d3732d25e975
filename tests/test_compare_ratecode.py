"""Rate coding with integrate-and-fire neurons, and one set of weights driving two neurons."""

import numpy as np
import pytest
from brian2 import Hz, ms, second

from bioneuro.ann import Neuron
from bioneuro.compare import (
    if_counts,
    if_counts_brian2,
    if_rate,
    if_rate_predicted,
    same_weights,
)

Z = np.linspace(-0.3, 1.4, 341)


@pytest.mark.parametrize("T", [10, 100, 1000])
@pytest.mark.parametrize("theta", [1.0, 0.7])
def test_reset_by_subtraction_rate_is_clipped_relu_within_one_over_T(T, theta):
    # exact property: count = floor(T z / theta) for 0 <= z <= theta, so the error of
    # count / T against clip(z / theta, 0, 1) lies in [0, 1/T)
    rate = if_rate(Z, T, theta=theta, reset="subtract")
    error = np.clip(Z / theta, 0, 1) - rate
    assert np.all(error <= 1 / T + 1e-12)
    assert np.all(error >= -1e-12)  # the count never runs ahead of the input


@pytest.mark.parametrize("T", [10, 100, 1000])
def test_reset_to_zero_gives_the_staircase(T):
    z = Z[Z > 0]
    k = np.ceil(1 / z * (1 - 1e-9))  # steps per spike when the excess is thrown away
    np.testing.assert_array_equal(if_counts(z, T, reset="zero"), np.floor(T / k))
    staircase = if_rate_predicted(z, reset="zero")
    assert np.max(np.abs(if_rate(z, T, reset="zero") - staircase)) <= 1 / T
    # the staircase's bias does not shrink with T: z = 0.99 still fires every 2nd step
    assert np.max(np.clip(z, 0, 1) - if_rate(z, T, reset="zero")) > 0.45


@pytest.mark.parametrize("reset", ["subtract", "zero"])
def test_brian2_if_neuron_matches_the_numpy_one(reset):
    # the IF group the conversion is built from gives the same spike counts, spike for spike
    z = np.linspace(-0.2, 1.2, 57)
    np.testing.assert_array_equal(
        if_counts_brian2(z, 200, reset=reset), if_counts(z, 200, reset=reset)
    )


def test_an_if_group_keeps_its_clock_name_while_an_older_one_lives():
    # the clock's name is in the generated code: a numbered one (<name>_clock_1, as
    # Brian2 gives a group made with dt= while an older group of that name is alive)
    # compiles the group's code again (the conversion figure's Poisson run did)
    from bioneuro.compare.ratecode import if_group

    first = if_group(3, "bioneuro_test_if", dt=1 * ms)
    second = if_group(3, "bioneuro_test_if", dt=1 * ms)
    assert first.clock.name == second.clock.name == "bioneuro_test_if_clock"
    assert second.clock.dt == 1 * ms


@pytest.fixture(scope="module")
def pair():
    rng = np.random.default_rng(0)
    neuron = Neuron(rng.normal(0, 0.6, 10), bias=0.1, activation="relu")
    X = rng.uniform(0, 1, (100, 10))
    return same_weights(neuron, X, duration=4 * second, max_rate=100 * Hz, fibres=4, seed=0)


def test_same_weights_two_neurons_agree(pair):
    # 100 random patterns, counted over the first 1 s. Poisson counting noise, relative
    # to the activations' spread, is about sqrt(6 / (fibres * max_rate * 1 s)) = 0.12,
    # so the correlation should be about 0.99; 0.98 is the bar.
    assert pair.correlation(1 * second) > 0.98
    # the spiking rate is an unbiased estimate: mean difference within 3 standard errors
    diff = pair.rates(1 * second) - pair.activation
    assert abs(diff.mean()) < 3 * diff.std() / np.sqrt(diff.size) + 0.01


def test_same_weights_error_shrinks_with_the_window(pair):
    errors = [pair.error(w * second) for w in (0.25, 1, 4)]
    assert errors[0] > errors[1] > errors[2]
    # Poisson noise: the error halves when the window is 4 x longer (within 30 %)
    assert errors[0] / errors[2] == pytest.approx(4, rel=0.3)


def test_rate_code_errors():
    with pytest.raises(ValueError, match="reset must be one of"):
        if_rate(Z, 10, reset="half")
    with pytest.raises(TypeError, match="T must be a whole number"):
        if_rate(Z, 10.5)
    with pytest.raises(ValueError, match="theta must be > 0"):
        if_rate(Z, 10, theta=0)
    relu = Neuron([1.0, -1.0], activation="relu")
    with pytest.raises(ValueError, match="activation must be 'relu'"):
        same_weights(Neuron([1.0, 1.0], activation="sigmoid"), [[0.5, 0.5]])
    with pytest.raises(ValueError, match=r"X must hold input rates .* in \[0, 1\]"):
        same_weights(relu, [[2.0, 0.5]])
    with pytest.raises(ValueError, match="X must have shape"):
        same_weights(relu, [[0.5, 0.5, 0.5]])
    with pytest.raises(ValueError, match="max_rate \\* dt must be < 1"):
        same_weights(relu, [[0.5, 0.5]], max_rate=20000 * Hz, dt=0.1 * ms)
    with pytest.raises(TypeError, match="duration must be a time"):
        same_weights(relu, [[0.5, 0.5]], duration=1)
