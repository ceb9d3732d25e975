"""One neuron: the weighted sum, McCulloch-Pitts logic, and the diagram's geometry."""

import numpy as np
import pytest

from bioneuro.ann import Neuron, datasets
from bioneuro.ann.draw import neuron_geometry


def test_mcculloch_pitts_and_or_not_exactly():
    X, y_and = datasets.and_()
    np.testing.assert_array_equal(Neuron([1, 1], -1.5, "step")(X), y_and)
    np.testing.assert_array_equal(Neuron([1, 1], -0.5, "step")(X), datasets.or_()[1])
    np.testing.assert_array_equal(Neuron([-1, -1], 1.5, "step")(X), datasets.nand()[1])
    np.testing.assert_array_equal(Neuron([-1], 0.5, "step")([[0], [1]]), [1, 0])  # NOT


def test_weighted_sum_and_output_single_and_batch():
    n = Neuron([0.5, -2.0, 1.0], 0.25, "sigmoid")
    x = np.array([1.0, 0.5, 2.0])
    z = n.weighted_sum(x)
    assert z == pytest.approx(0.5 - 1.0 + 2.0 + 0.25, abs=1e-15)
    assert n(x) == pytest.approx(1 / (1 + np.exp(-z)), rel=1e-14)
    batch = np.stack([x, 2 * x])
    np.testing.assert_allclose(n.weighted_sum(batch), batch @ n.weights + 0.25)
    assert n(batch).shape == (2,)
    assert "Neuron(weights=" in repr(n) and "sigmoid" in repr(n)


def test_diagram_geometry_follows_the_weights():
    a = neuron_geometry(Neuron([1.0, -2.0, 0.5], 0.0, "relu"))
    b = neuron_geometry(Neuron([2.0, -2.0, -0.5], 0.0, "relu"))
    assert a.inputs.shape == (3, 2)
    # width proportional to |w| (2.5 pt per unit, inside the clip range)
    np.testing.assert_allclose(a.line_widths, [2.5, 5.0, 1.25])
    np.testing.assert_allclose(b.line_widths, [5.0, 5.0, 1.25])
    np.testing.assert_array_equal(a.signs, [1, -1, 1])
    np.testing.assert_array_equal(b.signs, [1, -1, -1])  # a sign flip flips the colour


def test_draw_neuron_returns_axes():
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    from bioneuro.ann.draw import draw_neuron

    fig, ax = plt.subplots()
    assert draw_neuron(Neuron([1, -1], 0.5, "step"), ax, x=[1, 0]) is ax
    texts = " ".join(t.get_text() for t in ax.texts)
    assert "output φ(z) = 1" in texts and "z = 1.5" in texts
    plt.close(fig)


def test_ann_imports_numpy_only():
    import subprocess
    import sys

    code = ("import sys, bioneuro.ann; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'brian2', 'scipy', 'sklearn', "
            "'matplotlib', 'torch'}))")  # fmt: skip
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
