"""The gallery's own figures run in quick mode and show what their captions promise."""

from pathlib import Path

import matplotlib.pyplot as plt
import pytest

from bioneuro.figures import drawings
from bioneuro.figures.figure_cache import FigureCache
from bioneuro.figures.scripts import build_figure, describe_script, load_make_figure

SIMS = Path(__file__).resolve().parents[1] / "simulations"
MINE = ("plot_two_neurons.py", "plot_signal_flow.py", "plot_what_is_left_out.py")


@pytest.mark.parametrize("script", MINE)
def test_protocol(script):
    d = describe_script(SIMS / script)
    assert d.caption and d.title
    assert (d.section, d.order) in {
        ("Start here: two neurons", 1),
        ("Start here: two neurons", 2),
        ("What the abstraction leaves out", 90),
    }


def _figure(script):
    # as `bioneuro figures --quick` builds it (the same figure: from the figure cache when
    # test_legibility or the command built it before with the same code)
    path = SIMS / script
    return build_figure(load_make_figure(path), quick=True, cache=FigureCache(path, quick=True))


def test_two_neurons_quick_draws_both_neurons_and_every_pair():
    fig = _figure("plot_two_neurons.py")
    texts = " ".join(t.get_text() for t in fig.texts)
    for _, bio_text, ann_text in drawings.PAIRS:
        assert bio_text in texts and ann_text in texts
    titles = " ".join(ax.get_title(loc="left") for ax in fig.axes)
    assert "cortical pyramidal cell at 37 °C" in titles and "artificial neuron" in titles
    assert "bioneuro." not in titles  # notation for people, not code identifiers
    plt.close(fig)


def test_signal_flow_quick_has_five_stages_in_both_worlds():
    fig = _figure("plot_signal_flow.py")
    stages = [ax.get_title().split("\n")[0] for ax in fig.axes]
    assert stages == [
        "synapse",
        "dendrite",
        "soma",
        "axon",
        "next neuron",
        "inputs",
        "weights",
        "sum",
        "activation",
        "next layer",
    ]
    # the soma panel shows a spike (intact) above the summed inputs (Na+ blocked)
    soma = fig.axes[2]
    blocked, intact = (line.get_ydata() for line in soma.get_lines()[:2])
    assert intact.max() > 0 > blocked.max()
    # every top panel has the same time axis
    assert len({ax.get_xlim() for ax in fig.axes[:5]}) == 1
    plt.close(fig)


def test_what_is_left_out_quick_has_six_panels():
    fig = _figure("plot_what_is_left_out.py")
    assert len(fig.axes) == 6
    plt.close(fig)
