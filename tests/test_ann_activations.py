"""Activations: derivatives against finite differences, known values, response curves."""

import numpy as np
import pytest

from bioneuro.ann import ACTIVATIONS, get_activation
from bioneuro.ann.activations import GAMMA, TAU_RC, TAU_REF
from bioneuro.curves import ResponseCurve

ELEMENTWISE = [name for name in ACTIVATIONS if name != "softmax"]
H = 1e-5  # central-difference step: truncation error ~ H² |φ'''| ~ 1e-10


def _points(name):
    """Test points away from the kinks (z = 0; j = 1 for the LIF rate)."""
    if name in ("lif_rate", "soft_lif"):
        z = np.linspace(-2.0, 6.0, 161)
        return z[np.abs(z - 1.0) > 0.05]
    z = np.linspace(-6.0, 6.0, 241)
    return z[np.abs(z) > 0.05]


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_derivative_matches_central_difference(name):
    act = get_activation(name)
    z = _points(name)
    numeric = (act(z + H) - act(z - H)) / (2 * H)
    # 1e-6, relative to max(1, |φ'|): the LIF rates are in Hz, their slopes reach
    # ~100 Hz per unit input, so an absolute 1e-6 would test float rounding instead.
    error = np.abs(act.derivative(z) - numeric) / np.maximum(1.0, np.abs(numeric))
    assert np.max(error) < 1e-6


def test_known_values():
    z = np.array([-2.0, 0.0, 2.0])
    np.testing.assert_array_equal(get_activation("step")(z), [0, 1, 1])  # H(0) = 1
    np.testing.assert_array_equal(get_activation("sign")(z), [-1, 1, 1])
    np.testing.assert_array_equal(get_activation("relu")(z), [0, 0, 2])
    np.testing.assert_allclose(get_activation("leaky_relu")(z), [-0.02, 0, 2])
    np.testing.assert_allclose(get_activation("sigmoid")(z), 1 / (1 + np.exp(-z)), rtol=1e-14)
    np.testing.assert_allclose(get_activation("softplus")(z), np.log1p(np.exp(z)), rtol=1e-14)
    # no overflow (and no RuntimeWarning, which pytest turns into an error) far out
    big = np.array([-1000.0, 1000.0])
    np.testing.assert_allclose(get_activation("sigmoid")(big), [0, 1])
    np.testing.assert_allclose(get_activation("softplus")(big), [0, 1000])


def test_lif_rate_closed_form_and_soft_lif_limit():
    j = np.array([0.5, 1.0, 1.5, 2.0, 4.0])
    lif = get_activation("lif_rate")(j)
    expected = np.where(j > 1, 1 / (TAU_REF + TAU_RC * np.log1p(1 / np.maximum(j - 1, 1e-300))), 0)
    np.testing.assert_allclose(lif, expected, rtol=1e-12)
    assert lif[0] == lif[1] == 0  # silent at and below threshold
    assert get_activation("lif_rate")(np.array([1e6]))[0] == pytest.approx(1 / TAU_REF, rel=1e-3)
    # soft-LIF -> LIF well above threshold (smoothing γ log(1 + e^{(j-1)/γ}) -> j - 1)
    soft = get_activation("soft_lif")(np.array([2.0, 4.0]))
    np.testing.assert_allclose(soft, lif[3:], rtol=1e-6)
    # and is positive, smooth and increasing through the threshold
    js = np.linspace(0.5, 1.5, 101)
    soft = get_activation("soft_lif")(js)
    assert np.all(soft > 0) and np.all(np.diff(soft) > 0)
    assert GAMMA > 0


def test_softmax_rows_sum_to_one_and_resist_overflow():
    z = np.array([[1.0, 2.0, 3.0], [1000.0, 1000.0, 0.0]])
    s = get_activation("softmax")(z)
    np.testing.assert_allclose(s.sum(axis=1), 1.0)
    np.testing.assert_allclose(s[1], [0.5, 0.5, 0.0], atol=1e-300)


def test_activation_gives_response_curve():
    curve = get_activation("relu").curve(z=np.linspace(-5, 5, 201))
    assert isinstance(curve, ResponseCurve)
    assert len(curve) == 201
    assert curve.x_label == "weighted input z = w·x + b"
    assert curve.y_label == "output φ(z)"
    x, y = curve.arrays()
    np.testing.assert_array_equal(y, np.maximum(x, 0))
    assert "ReLU" in repr(get_activation("relu")) or "relu" in repr(get_activation("relu"))


def test_unknown_activation_lists_known_names():
    with pytest.raises(ValueError, match=r"activation must be one of .*'relu'.*got 'rleu'"):
        get_activation("rleu")
    with pytest.raises(TypeError, match="activation must be a name"):
        get_activation(3)


def test_lif_activations_are_the_one_closed_form():
    from bioneuro.theory.lif import rate_of_excess

    j = np.linspace(-1.0, 5.0, 61)
    np.testing.assert_array_equal(
        get_activation("lif_rate")(j), rate_of_excess(j - 1.0, TAU_RC, TAU_REF)
    )
    p = GAMMA * np.logaddexp(0.0, (j - 1.0) / GAMMA)
    np.testing.assert_allclose(
        get_activation("soft_lif")(j), rate_of_excess(p, TAU_RC, TAU_REF), rtol=1e-15
    )
    # no warning, finite slope far below and far above threshold
    far = np.array([-1e6, -50.0, 1.0, 1e6])
    assert np.all(np.isfinite(get_activation("soft_lif").derivative(far)))
    assert np.all(get_activation("soft_lif").derivative(far) > 0)


def test_labels_is_the_one_rule():
    from bioneuro.ann import labels

    np.testing.assert_array_equal(labels([[0.1, 0.7, 0.2], [3.0, -1.0, 0.0]]), [1, 0])
    one = np.array([[-0.2], [0.0], [0.49], [0.5], [0.9]])
    np.testing.assert_array_equal(labels(one, "sigmoid"), [0, 0, 0, 1, 1])
    np.testing.assert_array_equal(labels(one, "linear"), [0, 0, 0, 1, 1])
    np.testing.assert_array_equal(labels(one, "tanh"), [0, 1, 1, 1, 1])  # middle of [-1, 1]
    np.testing.assert_array_equal(labels(one, "sign"), [0, 1, 1, 1, 1])
    with pytest.raises(ValueError, match=r"outputs must have shape \(n_samples, n_outputs\)"):
        labels([0.2, 0.8])
