"""MLP: hand-written backprop against finite differences; XOR and moons are learned."""

import itertools

import numpy as np
import pytest

from bioneuro.ann import MLP, datasets

H = 1e-6  # central-difference step in float64


def numerical_gradients(net, X, y, loss):
    """dL/dp for every parameter entry by central differences (L evaluated twice each)."""
    grads = []
    for p in net.parameters():
        g = np.zeros_like(p)
        for i in np.ndindex(p.shape):
            old = p[i]
            p[i] = old + H
            up, _ = net.loss_and_gradients(X, y, loss)
            p[i] = old - H
            down, _ = net.loss_and_gradients(X, y, loss)
            p[i] = old
            g[i] = (up - down) / (2 * H)
        grads.append(g)
    return grads


CASES = [
    # sizes, hidden, output, loss, n_samples
    ([3, 5, 1], "tanh", "sigmoid", "mse", 7),
    ([3, 5, 1], "tanh", "sigmoid", "cross_entropy", 7),
    ([2, 4, 3, 2], "sigmoid", "linear", "mse", 5),
    ([4, 6, 3], "softplus", "softmax", "cross_entropy", 9),
    ([4, 6, 3], "leaky_relu", "softmax", "mse", 9),
    ([5, 8, 6, 4], "soft_lif", "sigmoid", "cross_entropy", 4),
    ([1, 3, 1], "tanh", "tanh", "mse", 1),
]


@pytest.mark.parametrize(("sizes", "hidden", "output", "loss", "n"), CASES)
def test_backprop_matches_finite_differences(sizes, hidden, output, loss, n):
    rng = np.random.default_rng(sum(sizes) + n)
    net = MLP(sizes, activation=hidden, output_activation=output, seed=n)
    for p in net.parameters():  # non-zero biases too, so their gradients are tested
        p += rng.normal(0, 0.3, p.shape) * (p.ndim == 1)
    if hidden == "soft_lif":  # rates in Hz: scale inputs to the threshold region and
        net.layers[0].W *= 0.5  # the next weights down, so outputs are not saturated
        net.layers[0].b += 1.0
        for layer in net.layers[1:]:
            layer.W *= 0.01
    X = rng.normal(0, 1, (n, sizes[0]))
    if output == "softmax":
        y = rng.integers(0, sizes[-1], n)
    elif loss == "cross_entropy" or output == "sigmoid":
        y = rng.integers(0, 2, (n, sizes[-1])).astype(float)
    else:
        y = rng.normal(0, 1, (n, sizes[-1]))
        if output == "tanh":  # a target outside tanh's range [-1, 1] is refused
            y = np.tanh(y)
    value, grads = net.loss_and_gradients(X, y, loss)
    assert np.isfinite(value)
    assert [g.shape for g in grads] == [p.shape for p in net.parameters()]
    numeric = numerical_gradients(net, X, y, loss)
    for g, g_num in zip(grads, numeric, strict=True):
        # relative error ||g - g_num|| / max(||g||, ||g_num||); float64 central
        # differences with H = 1e-6 are good to ~1e-9 here, the issue asks 1e-6.
        scale = max(np.linalg.norm(g), np.linalg.norm(g_num), 1e-12)
        assert np.linalg.norm(g - g_num) / scale < 1e-6


def test_mse_is_mean_over_samples_and_outputs():
    net = MLP([2, 3, 2], activation="tanh", output_activation="linear", seed=1)
    X = np.array([[0.1, 0.2], [0.3, -0.4], [1.0, 0.5]])
    y = np.array([[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]])
    value, _ = net.loss_and_gradients(X, y, "mse")
    assert value == pytest.approx(np.mean((net(X) - y) ** 2), rel=1e-14)


def test_loss_and_gradients_changes_nothing():
    net = MLP([2, 3, 1], seed=3)
    before = [p.copy() for p in net.parameters()]
    net.loss_and_gradients(*datasets.xor())
    for p, q in zip(net.parameters(), before, strict=True):
        np.testing.assert_array_equal(p, q)


def test_parameters_layout_and_repr():
    net = MLP([2, 4, 1], seed=0)
    shapes = [p.shape for p in net.parameters()]
    assert shapes == [(2, 4), (4,), (4, 1), (1,)]
    X = np.array([[1.0, 2.0]])
    W1, b1, W2, b2 = net.parameters()
    hidden = np.maximum(X @ W1 + b1, 0)
    np.testing.assert_allclose(net(X), 1 / (1 + np.exp(-(hidden @ W2 + b2))), rtol=1e-13)
    assert repr(net) == "MLP(2 -> 4 -> 1: [Dense(2 -> 4, relu), Dense(4 -> 1, sigmoid)])"


def _solves_xor(sizes, seed):
    X, y = datasets.xor()
    net = MLP(sizes, activation="sigmoid", seed=seed)
    net.fit(X, y, epochs=300, learning_rate=0.5, loss="cross_entropy", momentum=0.9)
    return bool(np.all(net.predict(X) == y))


def test_2_4_1_solves_xor_for_at_least_9_of_10_seeds():
    solved = sum(_solves_xor([2, 4, 1], seed) for seed in range(10))
    assert solved >= 9  # measured: 10 of 10 (300 full-batch epochs, momentum 0.9)


def test_moons_test_accuracy_at_least_97_percent():
    # noise 0.15: an RBF SVM gets ~99 % on this split; at noise 0.2 the classes overlap
    # so much that even it stays near 96-97 %, so 97 % would test luck, not learning.
    X, y = datasets.moons(1000, noise=0.15, seed=0)
    X_train, X_test, y_train, y_test = datasets.train_test_split(X, y, 0.3, seed=0)
    net = MLP([2, 16, 16, 1], activation="relu", seed=0)
    history = net.fit(
        X_train,
        y_train,
        epochs=60,
        learning_rate=0.1,
        batch_size=32,
        loss="cross_entropy",
        momentum=0.9,
    )
    assert history.loss[-1] < history.loss[0] / 5
    assert np.mean(net.predict(X_test) == y_test) >= 0.97


def test_softmax_network_learns_three_classes_and_fit_is_seeded():
    rng = np.random.default_rng(0)
    centres = np.array([[0, 0], [3, 0], [0, 3]])
    y = rng.integers(0, 3, 300)
    X = centres[y] + rng.normal(0, 0.5, (300, 2))
    runs = []
    for _ in range(2):
        net = MLP([2, 8, 3], activation="tanh", output_activation="softmax", seed=4)
        h = net.fit(X, y, epochs=30, learning_rate=0.1, batch_size=16, loss="cross_entropy")
        runs.append(h.loss)
    assert runs[0] == runs[1]  # same seed, same batches, same losses
    assert h.accuracy[-1] > 0.95  # blobs 6 σ apart: nearly separable


def test_2_2_1_solves_xor_for_most_seeds():
    # two hidden units is the minimum: some seeds start in a local minimum (measured:
    # 8 of 10 in 300 epochs), the textbook "most seeds" of the design notes
    solved = sum(_solves_xor([2, 2, 1], seed) for seed in range(10))
    assert solved >= 6


def test_forward_records_what_each_layer_did():
    from bioneuro.ann import LayerRecord

    net = MLP([3, 5, 4, 2], activation="tanh", output_activation="softmax", seed=2)
    X = np.random.default_rng(1).normal(size=(6, 3))
    records = net.forward(X)
    assert len(records) == 3 and all(isinstance(r, LayerRecord) for r in records)
    np.testing.assert_array_equal(records[0].x, X)
    for layer, record in zip(net.layers, records, strict=True):
        np.testing.assert_array_equal(record.z, record.x @ layer.W + layer.b)
        np.testing.assert_array_equal(record.a, layer.activation(record.z))
    for below, above in itertools.pairwise(records):
        assert above.x is below.a  # a layer's output is the next one's input
    np.testing.assert_array_equal(records[-1].a, net(X))
    # backward from the records = loss_and_gradients
    y = np.array([0, 1, 1, 0, 1, 0])
    _, grads = net.loss_and_gradients(X, y, "cross_entropy")
    onehot = np.eye(2)[y]
    grads_again = net.backward(records, grad_z=(records[-1].a - onehot) / len(X))
    for g, h in zip(grads, grads_again, strict=True):
        np.testing.assert_allclose(g, h, rtol=1e-12, atol=1e-15)


def test_predict_fit_and_evaluate_share_one_label_rule():
    from bioneuro.ann import labels

    X, y = datasets.xor()
    net = MLP([2, 3, 1], activation="tanh", output_activation="tanh", seed=0)
    history = net.fit(X, y, epochs=3, learning_rate=0.1)
    np.testing.assert_array_equal(net.predict(X), labels(net(X), "tanh"))
    loss, accuracy = net.evaluate(X, y)  # an Evaluation unpacks as (loss, accuracy)
    assert accuracy == np.mean(net.predict(X) == y)
    assert net.evaluate(X, y).loss == loss == pytest.approx(np.mean((net(X)[:, 0] - y) ** 2))
    assert net.predict(X[0]) == net.predict(X)[0]  # one vector -> one label
    assert history.epochs == 3


def test_fit_function_is_mlp_fit_and_train_is_an_alias():
    import bioneuro.ann.train as train_module

    from bioneuro.ann import History, fit, perceptron, rules, train

    X, y = datasets.moons(64, noise=0.1, seed=0)
    a, b = MLP([2, 5, 1], seed=3), MLP([2, 5, 1], seed=3)
    h1 = a.fit(X, y, epochs=4, learning_rate=0.2, batch_size=16, momentum=0.5)
    h2 = fit.fit(b, X, y, epochs=4, learning_rate=0.2, batch_size=16, momentum=0.5)
    assert h1.loss == h2.loss and h1.accuracy == h2.accuracy
    assert train is rules is train_module
    assert train.perceptron is perceptron and train.History is History is fit.History
