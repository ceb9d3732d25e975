"""Learning rules: perceptron on logic gates (and why XOR fails), delta, Hebb, Oja."""

import numpy as np
import pytest

from bioneuro.ann import datasets, delta_rule, hebb, oja, perceptron

GATES = {"AND": datasets.and_, "OR": datasets.or_, "NAND": datasets.nand}


@pytest.mark.parametrize("gate", GATES)
@pytest.mark.parametrize("seed", range(5))
def test_perceptron_converges_on_linearly_separable_gates(gate, seed):
    X, y = GATES[gate]()
    neuron, history = perceptron(X, y, epochs=50, learning_rate=1.0, seed=seed)
    assert history.converged_epoch is not None and history.converged_epoch < 20
    np.testing.assert_array_equal(neuron(X), y)
    assert len(history.weights) == history.converged_epoch + 1  # start + one per epoch


def test_perceptron_never_solves_xor():
    X, y = datasets.xor()
    for seed in range(5):
        _, history = perceptron(X, y, epochs=200, seed=seed)
        assert history.converged_epoch is None
        assert max(history.accuracy) <= 0.75  # at best 3 of 4 right
        assert min(history.loss) >= 1  # every epoch still makes a mistake
    # the reason: no line separates XOR. (1) A dense grid of lines w1 x1 + w2 x2 + b
    # classifies AND right many times and XOR right never.
    w = np.linspace(-2, 2, 41)
    W1, W2, B = np.meshgrid(w, w, w, indexing="ij")
    lines = np.c_[W1.ravel(), W2.ravel(), B.ravel()]
    outputs = (X @ lines[:, :2].T + lines[:, 2] >= 0).astype(int)  # (4, n_lines)
    assert np.sum(np.all(outputs.T == datasets.and_()[1], axis=1)) > 100
    assert np.sum(np.all(outputs.T == y, axis=1)) == 0
    # (2) the weights cycle: presented in a fixed order, the perceptron returns to
    # the same weights after a few epochs, so no amount of training helps.
    _, history = perceptron(X, y, epochs=50, shuffle=False)
    states = [(tuple(w), b) for w, b in zip(history.weights, history.biases, strict=True)]
    assert len(set(states[5:])) < len(states[5:])


def test_delta_rule_reaches_least_squares_weights():
    X, y = datasets.and_()
    neuron, history = delta_rule(X, y, epochs=400, learning_rate=0.02, seed=0)
    A = np.c_[X, np.ones(len(X))]
    w_ls = np.linalg.lstsq(A, y, rcond=None)[0]  # [0.5, 0.5, -0.25]
    # per-sample updates jitter around the optimum by O(learning rate): 0.02 tolerance
    np.testing.assert_allclose(np.r_[neuron.weights, neuron.bias], w_ls, atol=0.02)
    assert history.accuracy[-1] == 1.0
    assert history.loss[-1] < history.loss[0]


def _correlated_inputs(seed=0, n=500):
    rng = np.random.default_rng(seed)
    cov = np.array([[3.0, 1.0], [1.0, 1.0]])
    return rng.multivariate_normal([0, 0], cov, n)


def test_oja_finds_first_principal_component_and_hebb_grows():
    X = _correlated_inputs()
    pc1 = np.linalg.eigh(np.cov(X.T))[1][:, -1]
    w = oja(X, learning_rate=0.005, epochs=5, seed=0)
    assert w.shape == (5 * 500 + 1, 2)
    # |w| -> 1 and w ∥ PC1; the step size 0.005 leaves a jitter of a few percent
    assert np.linalg.norm(w[-1]) == pytest.approx(1.0, abs=0.05)
    assert abs(w[-1] @ pc1) / np.linalg.norm(w[-1]) > 0.99
    h = hebb(X, learning_rate=0.005, epochs=1, seed=0)
    norms = np.linalg.norm(h, axis=1)
    assert norms[-1] > 100 * norms[0]  # Hebb alone: unbounded growth
    assert abs(h[-1] @ pc1) / norms[-1] > 0.99  # ... along the same direction
