"""The two course diagrams are drawn from model objects: change them, the drawing changes."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from brian2 import nS, siemens, um

from bioneuro.ann import Neuron
from bioneuro.ann.draw import WIDTH_PER_UNIT_WEIGHT
from bioneuro.bio import morphology
from bioneuro.compare.mapping import (
    G_UNIT,
    cell_for_weights,
    default_geometry,
    neuron_for_cell,
    synapse_weights,
)
from bioneuro.figures import drawings
from bioneuro.figures.drawings import draw_two_neurons, two_neuron_geometry


def rotate(geometry, degrees):
    return geometry.rotated(degrees)


WEIGHTS = [1.5, -1.0, 0.8]


@pytest.fixture(scope="module")
def base():
    cell = cell_for_weights(WEIGHTS)
    return cell, neuron_for_cell(cell)


def test_weights_round_trip_through_the_cell(base):
    cell, neuron = base
    # w -> conductance |w| * 20 nS (40 synapses of 0.5 nS) and reversal by sign -> w:
    # exact up to float rounding
    assert G_UNIT == 20 * nS
    np.testing.assert_allclose(neuron.weights, WEIGHTS, rtol=1e-12)
    np.testing.assert_allclose(
        [float(site.weight / siemens) for site in cell.synapses],
        np.abs(WEIGHTS) * 20e-9,
        rtol=1e-12,
    )
    # a different conductance unit rescales the weights exactly
    np.testing.assert_allclose(
        synapse_weights(cell, g_unit=10 * nS), 2 * np.array(WEIGHTS), rtol=1e-12
    )


def test_changing_the_weights_changes_both_drawings_but_not_the_morphology(base):
    cell, neuron = base
    doubled = [2 * w for w in WEIGHTS]
    cell2 = cell_for_weights(doubled)
    g1 = two_neuron_geometry(cell, neuron)
    g2 = two_neuron_geometry(cell2, neuron_for_cell(cell2))
    np.testing.assert_array_equal(g1.segments, g2.segments)  # same morphology
    np.testing.assert_array_equal(g1.synapses, g2.synapses)  # same sites
    # synapse marker: size = 9 + 9 sqrt(g / g_unit): (size - 9)^2 doubles with the weight
    np.testing.assert_allclose(
        (g2.synapse_sizes - 9) ** 2, 2 * (g1.synapse_sizes - 9) ** 2, rtol=1e-12
    )
    # weight lines: width = |w| * 2.5 pt (below the 14 pt cap) doubles too
    np.testing.assert_allclose(g1.ann.line_widths, np.abs(WEIGHTS) * WIDTH_PER_UNIT_WEIGHT)
    np.testing.assert_allclose(g2.ann.line_widths, 2 * g1.ann.line_widths)
    np.testing.assert_array_equal(g1.synapse_signs, np.sign(WEIGHTS))
    np.testing.assert_array_equal(g1.synapse_signs, g1.ann.signs)  # colours match sides


def test_changing_the_morphology_changes_the_cell_drawing(base):
    cell, neuron = base
    longer = rotate(
        morphology.branched_cell(
            n_dendrites=3, dendrite_length=250 * um, branch_length=120 * um, axon_length=400 * um
        ),
        90,
    )
    cell2 = cell_for_weights(WEIGHTS, longer)
    g1 = two_neuron_geometry(cell, neuron)
    g2 = two_neuron_geometry(cell2, neuron_for_cell(cell2))
    # the dendrite tips move 100 µm further from the soma; the artificial side is unchanged
    tip1 = np.linalg.norm(g1.synapses - g1.soma[0], axis=1)
    tip2 = np.linalg.norm(g2.synapses - g2.soma[0], axis=1)
    np.testing.assert_allclose(tip2 - tip1, 100, atol=15)  # 15 µm: compartment centres move
    assert g1.segments.shape != g2.segments.shape or not np.allclose(g1.segments, g2.segments)
    np.testing.assert_array_equal(g1.ann.inputs, g2.ann.inputs)


def test_correspondence_points_sit_on_the_right_parts(base):
    cell, neuron = base
    geo = two_neuron_geometry(cell, neuron)
    np.testing.assert_array_equal(geo.pairs["soma"][0], geo.soma[0])
    assert set(geo.pairs) == {key for key, *_ in drawings.PAIRS}
    # turned by 90°: dendrites left of the soma, axon right of it (as inputs -> output)
    assert geo.pairs["dendrites"][0][0] < geo.soma[0][0] < geo.pairs["axon"][0][0]
    assert np.all(geo.synapses[:, 0] < geo.soma[0][0])
    assert geo.pairs["axon"][1][0] > geo.pairs["threshold"][1][0] > geo.pairs["soma"][1][0]


def test_rotate_keeps_lengths_and_turns_anticlockwise():
    g = morphology.ball_and_stick(dendrite_length=300 * um)  # dendrite along +y
    r = rotate(g, 90)
    np.testing.assert_allclose(r.sections["dend0"].points[-1, :2], [-310, 0], atol=1e-9)
    assert r.sections["dend0"].length_um == pytest.approx(g.sections["dend0"].length_um)
    back = rotate(rotate(g, 90), 270)
    np.testing.assert_allclose(
        back.sections["dend0"].points, g.sections["dend0"].points, atol=1e-9
    )


def test_draw_two_neurons_draws_every_pair(base):
    cell, neuron = base
    fig = plt.figure(figsize=(8, 7))
    out = draw_two_neurons(cell, neuron, fig, x=[1.0, 0.5, 1.0])
    assert len(out["arrows"]) == 2 * len(drawings.PAIRS)
    texts = " ".join(t.get_text() for t in fig.texts)
    for _, bio_text, ann_text in drawings.PAIRS:
        assert bio_text in texts and ann_text in texts
    plt.close(fig)


def test_bad_input_is_refused_before_anything_is_built(base):
    cell, neuron = base
    with pytest.raises(ValueError, match="weights must be a non-empty 1-D sequence"):
        cell_for_weights([])
    with pytest.raises(ValueError, match="no dendrite 'dend3' for input 4"):
        cell_for_weights([1, 1, 1, 1], default_geometry(3))
    with pytest.raises(TypeError, match="g_unit must be"):
        cell_for_weights([1.0], g_unit=10)
    with pytest.raises(ValueError, match="3 synapses but the neuron has 2 inputs"):
        two_neuron_geometry(cell, Neuron([1.0, 2.0]))
    with pytest.raises(TypeError, match=r"cell must be a bioneuro\.bio\.Cell"):
        two_neuron_geometry("cell", neuron)
    with pytest.raises(TypeError, match="degrees must be a number"):
        rotate(default_geometry(1), "90")
