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


def test_decision_regions_shade_the_extent_they_are_given():
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    from bioneuro.ann.draw import decision_regions

    X = np.array([[-1.0, 0.0], [1.0, 0.5]])
    y = np.array([0, 1])
    fig, ax = plt.subplots()
    # the answer is 1 right of x1 = 0.5: the class-1 region must span [0.5, 3] exactly
    # (to one grid step, 5 / 100) over the whole extent, not the data's range + margin
    decision_regions(
        ax, lambda p: (p[:, 0] > 0.5).astype(float), X, y, resolution=101, extent=(-2, 3, -1, 2)
    )
    assert ax.get_xlim() == (-2, 3) and ax.get_ylim() == (-1, 2)
    regions = ax.collections[0].get_paths()
    one = regions[1].vertices
    assert one[:, 0].min() == pytest.approx(0.5, abs=0.05) and one[:, 0].max() == 3
    assert one[:, 1].min() == -1 and one[:, 1].max() == 2

    # bad input is refused, naming the argument, before the plane is computed
    def never(points):
        pytest.fail("predict was called before the arguments were checked")

    for bad in [(1, 0, 0, 1), (0, 1, 1, 1), (0, 1, 0), ("a", 1, 0, 1), 3]:
        with pytest.raises(ValueError, match=r"extent must be four numbers \(x_min, x_max"):
            decision_regions(ax, never, X, y, extent=bad)
    bad_calls = [
        ({"predict": None}, TypeError, "predict must be a function"),
        ({"X": [[0.0, 1.0, 2.0]]}, ValueError, r"X has 3 feature\(s\)"),
        ({"y": [0, 1, 1]}, ValueError, r"y must have one row per sample \(2\)"),
        ({"resolution": 1}, ValueError, "resolution must be at least 2 grid points"),
        ({"resolution": 2.5}, TypeError, "resolution must be a whole number"),
        ({"margin": -0.1}, ValueError, "margin must be >= 0"),
    ]
    for change, error, message in bad_calls:
        args = {"predict": never, "X": X, "y": y, **change}
        with pytest.raises(error, match=message):
            decision_regions(ax, args.pop("predict"), args.pop("X"), args.pop("y"), **args)
    plt.close(fig)


def test_ann_imports_numpy_only():
    import subprocess
    import sys

    code = (
        "import sys, bioneuro.ann; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'brian2', 'scipy', 'sklearn', "
        "'matplotlib', 'torch'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_layer_is_neurons_side_by_side():
    from bioneuro.ann import Dense

    layer = Dense(3, 4, "sigmoid", rng=np.random.default_rng(5))
    layer.b[:] = [0.1, -0.2, 0.3, 0.0]
    X = np.random.default_rng(6).normal(size=(7, 3))
    # z = X @ W + b is each neuron's w·x + b, side by side (column k = neuron k)
    assert len(layer) == 4 and len(layer.neurons) == 4
    for k, neuron in enumerate(layer.neurons):
        np.testing.assert_allclose(neuron.weighted_sum(X), layer.forward(X).z[:, k], atol=1e-15)
        np.testing.assert_allclose(neuron(X), layer(X)[:, k], atol=1e-15)
    # the neurons are views: changing one changes the layer, and back
    layer[1].weights[2] = 7.0
    layer[-1].bias = 0.25
    assert layer.W[2, 1] == 7.0 and layer.b[3] == 0.25
    layer.W[0, 2] = -3.0
    layer.b[2] = 1.5
    assert layer[2].weights[0] == -3.0 and layer[2].bias == 1.5
    with pytest.raises(IndexError):
        layer[4]
    # and a layer can be made of neurons (copied into the columns of W)
    rebuilt = Dense.from_neurons(layer.neurons)
    np.testing.assert_array_equal(rebuilt.W, layer.W)
    np.testing.assert_array_equal(rebuilt.b, layer.b)


def test_a_neuron_and_a_one_output_layer_give_identical_outputs():
    from bioneuro.ann import Dense

    neuron = Neuron([0.5, -1.25, 2.0], 0.75, "tanh")
    layer = Dense.from_neurons([neuron])
    X = np.array([[1.0, 2.0, -1.0], [0.5, 0.0, 3.0], [-2.0, 4.0, 0.25]])  # exact sums
    np.testing.assert_array_equal(layer(X)[:, 0], neuron(X))
    np.testing.assert_array_equal(layer.forward(X).z[:, 0], neuron.weighted_sum(X))
    X = np.random.default_rng(0).normal(size=(50, 3))  # any inputs: to rounding
    np.testing.assert_allclose(layer(X)[:, 0], neuron(X), rtol=1e-14, atol=1e-15)


def test_ann_imports_no_bio_compare_or_figure_tooling():
    # also the imports inside functions (draw imports matplotlib there): the layering
    # is theory/checks/curves/style < ann < compare, and ann never reaches up
    import ast
    from pathlib import Path

    import bioneuro.ann

    forbidden = ("bioneuro.bio", "bioneuro.compare", "bioneuro.plotting", "bioneuro.cli")
    for path in Path(bioneuro.ann.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                assert not name.startswith(forbidden), f"{path.name} imports {name}"
