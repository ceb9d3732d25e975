"""The drawings follow the model: they return the geometry and colours they drew."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pytest
from brian2 import ms, mV, nA, um

from bioneuro import bio
from bioneuro.bio import draw, morphology


def test_drawing_follows_the_morphology():
    short = draw.draw_cell(morphology.ball_and_stick(dendrite_length=200 * um))
    long = draw.draw_cell(morphology.ball_and_stick(dendrite_length=600 * um))
    extent = [np.ptp(d["segments"][:, :, 1]) for d in (short, long)]
    assert extent[1] == pytest.approx(3 * extent[0])  # 3x longer dendrite, 3x taller
    branched = draw.draw_cell(morphology.branched_cell(n_dendrites=4))
    assert len(branched["segments"]) == 4 * 3 + 2  # 4 dendrites x (stem + 2 branches) + ais, axon
    assert {"dendrites", "soma", "axon initial segment", "axon"} <= set(branched["labels"])
    plt.close("all")


def test_colours_follow_the_voltage():
    cell = bio.Cell(morphology.ball_and_stick(), n_compartments=10)
    rest = np.full(cell.n_compartments, -65.0) * mV
    depolarised = np.linspace(-65, 20, cell.n_compartments) * mV
    a = draw.draw_cell(cell, values=rest)
    b = draw.draw_cell(cell, values=depolarised)
    assert len(a["segments"]) == 10  # one line per dendritic compartment (soma is a disc)
    assert np.allclose(a["colors"], a["colors"][0])  # uniform voltage, uniform colour
    assert not np.allclose(b["colors"], a["colors"])
    with pytest.raises(ValueError, match="one entry per compartment"):
        draw.draw_cell(cell, values=rest[:3])
    plt.close("all")


def test_kymograph_shows_the_travelling_spike():
    cell = bio.axon(2 * um, 5000 * um, n_compartments=50)
    cell.inject("axon", 0.0, 1 * nA, stop=0.5 * ms)
    trace = cell.run(8 * ms, record_dt=0.05 * ms)
    out = draw.kymograph(trace)
    assert out["image"].shape == (50, len(out["t"]))
    # the peak arrives later the farther along the axon: a slanted stripe
    peak_times = out["t"][np.argmax(out["image"], axis=1)]
    assert np.all(np.diff(peak_times[5:-5]) >= 0) and peak_times[-5] > peak_times[5]
    plt.close("all")
