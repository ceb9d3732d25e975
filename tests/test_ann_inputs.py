"""Bad input: each error names the parameter, what was given and what was expected."""

import numpy as np
import pytest

from bioneuro.ann import MLP, Neuron, datasets, get_activation, perceptron


def test_neuron_wrong_shapes():
    n = Neuron([1.0, 2.0], 0.0, "relu")
    with pytest.raises(ValueError, match=r"x has 3 feature\(s\).*weights expect 2"):
        n([1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match=r"weights must be a 1-D array"):
        Neuron([[1.0, 2.0]], 0.0)
    with pytest.raises(TypeError, match=r"bias must be a plain number.*got 'a'"):
        Neuron([1.0], "a")


def test_nan_inputs():
    with pytest.raises(ValueError, match=r"x must be finite; got 1 NaN"):
        Neuron([1.0, 2.0])([np.nan, 1.0])
    with pytest.raises(ValueError, match=r"X must be finite"):
        MLP([2, 3, 1]).loss_and_gradients([[np.nan, 0.0]], [1])
    with pytest.raises(ValueError, match=r"weights must be finite"):
        Neuron([np.inf, 1.0])


def test_unknown_activation_and_loss():
    with pytest.raises(ValueError, match=r"activation must be one of .*'tanh'.*got 'sigmoidal'"):
        Neuron([1.0], 0.0, "sigmoidal")
    with pytest.raises(ValueError, match=r"activation must be one of.*got 'rely'"):
        MLP([2, 2, 1], activation="rely")
    with pytest.raises(ValueError, match=r"loss must be one of 'mse', 'cross_entropy'; got 'l2'"):
        MLP([2, 2, 1]).loss_and_gradients(*datasets.xor(), loss="l2")
    with pytest.raises(ValueError, match=r"cross_entropy' needs output_activation"):
        MLP([2, 2, 1], output_activation="linear").loss_and_gradients(
            *datasets.xor(), loss="cross_entropy"
        )


def test_labels_outside_the_classes():
    X, _ = datasets.xor()
    with pytest.raises(ValueError, match=r"y must contain only the classes \[0, 1\]; got \[2\]"):
        perceptron(X, [0, 1, 2, 0])
    net = MLP([2, 4, 3], output_activation="softmax")
    with pytest.raises(
        ValueError, match=r"y must contain only the classes \[0, 1, 2\]; got \[5\]"
    ):
        net.loss_and_gradients(X, [0, 1, 5, 2], loss="cross_entropy")
    with pytest.raises(ValueError, match=r"y must contain only the classes"):
        MLP([2, 2, 1]).fit(X, [0, 1, 1, -1], epochs=1, learning_rate=0.1, loss="cross_entropy")


@pytest.mark.parametrize("rate", [0, -0.1, float("nan")])
def test_learning_rate_must_be_positive(rate):
    X, y = datasets.xor()
    with pytest.raises(ValueError, match=r"learning_rate must be"):
        MLP([2, 2, 1]).fit(X, y, epochs=1, learning_rate=rate)
    with pytest.raises(ValueError, match=r"learning_rate must be"):
        perceptron(X, y, learning_rate=rate)


def test_other_bad_arguments():
    X, y = datasets.xor()
    net = MLP([2, 2, 1])
    with pytest.raises(TypeError, match=r"epochs must be a whole number.*got 2.5"):
        net.fit(X, y, epochs=2.5, learning_rate=0.1)
    with pytest.raises(ValueError, match=r"momentum must be in \[0, 1\).*got 1.5"):
        net.fit(X, y, epochs=1, learning_rate=0.1, momentum=1.5)
    with pytest.raises(ValueError, match=r"batch_size must be > 0.*got 0"):
        net.fit(X, y, epochs=1, learning_rate=0.1, batch_size=0)
    with pytest.raises(ValueError, match=r"X has 3 feature\(s\)"):
        net(np.ones((4, 3)))
    with pytest.raises(
        ValueError, match=r"y must have one row per sample \(4\); got shape \(3,\)"
    ):
        net.loss_and_gradients(X, y[:3])
    with pytest.raises(ValueError, match=r"sizes must list at least 2"):
        MLP([2])
    with pytest.raises(ValueError, match=r"sizes\[1\] must be > 0"):
        MLP([2, 0, 1])
    with pytest.raises(ValueError, match=r"noise must be >= 0.*got -1"):
        datasets.moons(100, noise=-1)
    with pytest.raises(TypeError, match=r"x must be an array of numbers"):
        Neuron([1.0])(["a"])
    assert get_activation("relu").name == "relu"


def test_softmax_is_refused_for_a_single_neuron():
    with pytest.raises(ValueError, match=r"activation 'softmax'.*one neuron"):
        Neuron([1.0, 2.0], 0.0, "softmax")


def test_digits_and_its_missing_dependency_message(monkeypatch):
    X, y = datasets.digits()
    assert X.shape == (1797, 64) and set(np.unique(y)) == set(range(10))
    assert X.min() == 0 and X.max() == 1  # 4-bit pixels scaled by 1/16
    import builtins

    real_import = builtins.__import__

    def no_sklearn(name, *args, **kwargs):
        if name.startswith("sklearn"):
            raise ImportError("No module named 'sklearn'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_sklearn)
    with pytest.raises(ImportError, match=r"pip install scikit-learn"):
        datasets.digits()
