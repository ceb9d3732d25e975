"""Every bad geometry or input is refused before Brian2 sees it, with the line or
section at fault named (no simulation runs in this file)."""

import pytest
from brian2 import cm, mm, ms, mV, nA, ohm, um

from bioneuro import bio
from bioneuro.bio import morphology

GOOD = """# a tiny valid cell
1 1 0 0 0 5 -1
2 3 0 10 0 1 1
3 3 0 20 0 0.8 2
4 3 5 30 0 0.5 3
5 3 -5 30 0 0.5 3
"""


def write(tmp_path, text):
    path = tmp_path / "cell.swc"
    path.write_text(text)
    return path


def test_valid_swc_loads_into_sections(tmp_path):
    g = morphology.load_swc(write(tmp_path, GOOD))
    # the unbranched run 2-3 is one section, the branch point splits 4 and 5 off
    assert list(g.sections) == ["soma", "dend0", "dend1", "dend2"]
    assert g.sections["dend1"].parent == "dend0"
    assert g.sections["dend0"].points.shape == (3, 4)  # soma centre + points 2, 3


def test_brian2_swc_loads():
    g = morphology.load_swc(morphology.brian2_swc_path())
    assert len(g.sections) == 29  # Brian2's own reader also makes 29 sections
    assert {s.region for s in g.sections.values()} == {"soma", "dendrite"}


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("3 3 0 20 zero 0.8 2", r"line 4: field 'z' must be a number; got 'zero'"),
        ("3 3 0 20 0 0 2", r"line 4: radius must be > 0"),
        ("3 3 0 20 0 -0.8 2", r"line 4: radius must be > 0"),
        ("3 3 0 20 0 0.8 9", r"line 4: parent id 9 of point 3 is not defined"),
        ("3 3 0 10 0 0.8 2", r"line 4: point 3 coincides with its parent 2 \(zero length\)"),
        ("2 3 0 20 0 0.8 2", r"line 4: id 2 already defined on line 3"),
        ("3 3 0 20 0.8 2", r"line 4: expected 7 fields"),
        ("3 3 0 20 0 0.8 -1", r"line 4: second root"),
    ],
)
def test_bad_swc_line_is_named(tmp_path, line, message):
    lines = GOOD.splitlines()
    lines[3] = line
    with pytest.raises(ValueError, match=message):
        morphology.load_swc(write(tmp_path, "\n".join(lines)))


def test_missing_swc_file(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"SWC file not found: .*nothing\.swc"):
        morphology.load_swc(tmp_path / "nothing.swc")
    with pytest.raises(TypeError, match="path must be a file path"):
        morphology.load_swc(42)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"dendrite_length": -5 * um}, ValueError, r"dendrite_length must be > 0"),
        ({"dendrite_length": 0 * um}, ValueError, r"dendrite_length must be > 0"),
        ({"dendrite_diameter": -1 * um}, ValueError, r"dendrite_diameter must be > 0"),
        ({"soma_diameter": 0 * um}, ValueError, r"soma_diameter must be > 0"),
        ({"dendrite_length": 5}, TypeError, r"must be a length, e.g. 10\*um; got 5"),
    ],
)
def test_bad_builder_geometry(kwargs, error, message):
    with pytest.raises(error, match=message):
        morphology.ball_and_stick(**kwargs)


def test_bad_geometry_sections():
    g = morphology.Geometry().add_soma("soma", 10 * um)
    with pytest.raises(ValueError, match=r"section 'd': parent 'nope' does not exist"):
        g.add_cylinder("d", "dendrite", "nope", 10 * um, 1 * um, (0, 1))
    with pytest.raises(ValueError, match=r"section 'soma' already exists"):
        g.add_cylinder("soma", "dendrite", "soma", 10 * um, 1 * um, (0, 1))
    with pytest.raises(ValueError, match=r"region must be one of"):
        g.add_cylinder("d", "spine", "soma", 10 * um, 1 * um, (0, 1))
    with pytest.raises(ValueError, match=r"section 'd': diameter must be > 0"):
        g.add_cylinder("d", "dendrite", "soma", 10 * um, -1 * um, (0, 1))
    with pytest.raises(ValueError, match=r"section 'd': length must be > 0"):
        g.add_cylinder("d", "dendrite", "soma", -10 * um, 1 * um, (0, 1))
    with pytest.raises(ValueError, match=r"section 'd': every segment must have a length > 0"):
        g.add("d", "dendrite", "soma", [[0, 0, 0, 1], [0, 0, 0, 1]])
    with pytest.raises(ValueError, match=r"section name must be a Python identifier"):
        g.add_cylinder("my dend", "dendrite", "soma", 10 * um, 1 * um, (0, 1))
    with pytest.raises(ValueError, match=r"diameter must be > 0"):
        morphology.axon_geometry(-1 * um, 1 * cm)
    with pytest.raises(ValueError, match=r"length must be > 0"):
        morphology.axon_geometry(1 * um, 0 * cm)


def test_bad_cell_parameters():
    g = morphology.ball_and_stick()
    with pytest.raises(TypeError, match=r"morphology must be a bioneuro.bio.morphology"):
        bio.Cell("ball")
    with pytest.raises(TypeError, match=r"Ra must be a resistivity"):
        bio.Cell(g, Ra=100 * ohm)
    with pytest.raises(ValueError, match=r"celsius must be between -5 and 45"):
        bio.Cell(g, celsius=300)
    with pytest.raises(ValueError, match=r"hh_regions entry must be one of"):
        bio.Cell(g, hh_regions=("spine",))
    with pytest.raises(ValueError, match=r"dt must be <= 0.1 ms"):
        bio.Cell(g, dt=1 * ms)
    with pytest.raises(TypeError, match=r"n_compartments must be a whole number"):
        bio.Cell(g, n_compartments=2.5)
    with pytest.raises(ValueError, match=r"d_lambda must be > 0"):
        bio.Cell(g, d_lambda=0)


def test_bad_inputs_and_measurements():
    cell = bio.Cell(morphology.ball_and_stick(), n_compartments=5)
    with pytest.raises(ValueError, match=r"section must be one of 'soma', 'dend0'; got 'dend9'"):
        cell.inject("dend9", 0.5, 1 * nA)
    with pytest.raises(ValueError, match=r"position must be between 0 and 1"):
        cell.inject("dend0", 1.5, 1 * nA)
    with pytest.raises(TypeError, match=r"amplitude must be a current"):
        cell.inject("dend0", 0.5, 1 * mV)
    with pytest.raises(ValueError, match=r"stop must be after start"):
        cell.inject("dend0", 0.5, 1 * nA, start=5 * ms, stop=1 * ms)
    with pytest.raises(ValueError, match=r"duration must be > 0"):
        cell.run(-1 * ms)
    with pytest.raises(ValueError, match=r"record must list compartment indices in 0..5"):
        cell.run(1 * ms, record=[99])
    with pytest.raises(ValueError, match=r"start and stop must satisfy"):
        bio.conduction_velocity(cell, start=0.8, stop=0.2)
    with pytest.raises(TypeError, match=r"cell must be a bioneuro.bio.Cell"):
        bio.conduction_velocity("axon")
    with pytest.raises(ValueError, match=r"name must be one of"):
        cell.set("g_Ca", 1 * mm)


def test_too_many_internodes_is_refused_clearly():
    with pytest.raises(ValueError, match=r"holds 99 internodes; at most 40 are supported"):
        morphology.axon_geometry(1 * um, 99 * 101 * um, myelinated=True)
