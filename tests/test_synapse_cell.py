"""Synapse presets (AMPA, NMDA) on compartmental cells: ``Cell.attach``.

Every cell here is passive (``hh_regions=()``) and carries the same receptors
``[AMPA(), NMDA()]``, so Brian2 compiles one cell model for the whole file (53 s cold,
measured with an empty cython cache on a lightly loaded machine; 21 s warm for the file
in one process); the spike inputs run on the numpy target (no compile).
"""

import numpy as np
import pytest
from brian2 import mm, ms, mV, nS, pA, second, um
from scipy.integrate import solve_ivp

from bioneuro import bio
from bioneuro.bio import morphology, spike_input
from bioneuro.theory.psp import biexp_peak_time

DT = 0.025 * ms
RECEPTORS = [bio.AMPA(), bio.NMDA()]
G_PAS = 0.5  # S/m2: the Cell default 0.05 mS/cm2 (R_m 20 kohm cm2, tau_m 20 ms)
C_M = 1e-2  # F/m2: 1 uF/cm2


def passive_cell(length, diameter):
    geometry = morphology.ball_and_stick(dendrite_length=length, dendrite_diameter=diameter)
    return bio.Cell(geometry, hh_regions=(), receptors=RECEPTORS, dt=DT)


def point_membrane_epsp(t, area_m2, weight_S, t_on, v_rest=-0.065):
    """Passive point membrane with one AMPA conductance (the closed-form kernel of
    synapses.py: w f (exp(-t/2 ms) - exp(-t/0.2 ms))), integrated with scipy."""
    tau_r, tau_d = 0.2e-3, 2e-3
    tp = float(biexp_peak_time(0.2 * ms, 2 * ms) / second)
    f = 1 / (np.exp(-tp / tau_d) - np.exp(-tp / tau_r))
    C, gL = C_M * area_m2, G_PAS * area_m2

    def rhs(tt, y):
        s = weight_S * f * (np.exp(-(tt - t_on) / tau_d) - np.exp(-(tt - t_on) / tau_r))
        return [(gL * (v_rest - y[0]) + (s if tt > t_on else 0.0) * (0.0 - y[0])) / C]

    sol = solve_ivp(rhs, (0, t[-1]), [v_rest], t_eval=t, max_step=1e-5, rtol=1e-10, atol=1e-13)
    return sol.y[0]


@pytest.fixture(scope="module")
def compact():
    """A 20 um soma and a 30 um x 3 um dendrite: L/lambda = 0.03 at DC, 0.2 at 1 kHz."""
    cell = passive_cell(30 * um, 3 * um)
    site = cell.attach(bio.AMPA(weight=0.5 * nS, delay=1 * ms), "dend0", 1.0, times=[2] * ms)
    soma = cell.compartment("soma")
    trace = cell.run(30 * ms, record=[soma, site])
    return cell, soma, site, trace


@pytest.mark.slow  # the module fixtures take 15-25 s warm on this machine
def test_ampa_on_compact_cell_is_the_point_membrane(compact):
    cell, _, _, trace = compact
    t = np.asarray(trace.t / second)
    v_site = np.asarray(trace.v[1] / mV)
    v_soma = np.asarray(trace.v[0] / mV)
    area = float(np.sum(cell.neuron.area) / um**2) * 1e-12
    ref = point_membrane_epsp(t, area, 0.5e-9, t_on=3e-3) * 1e3  # spike 2 ms + delay 1 ms
    peak = ref.max() + 65
    assert peak == pytest.approx(4.067, abs=0.01)  # sanity: a 4 mV EPSP, not a flat line
    # Compact dendrite: site and soma differ by (L/lambda)^2-order terms (measured 0.14 %).
    # Site vs the point membrane: measured peak 0.02 %, whole trace 0.44 % of the peak
    # (the cable solver's first-order time stepping at dt = 0.025 ms); allow 1 %.
    assert v_site.max() + 65 == pytest.approx(peak, rel=0.01)
    assert v_soma.max() + 65 == pytest.approx(v_site.max() + 65, rel=0.01)
    assert np.max(np.abs(v_site - ref)) < 0.01 * peak
    assert t[np.argmax(v_site)] == pytest.approx(t[np.argmax(ref)], abs=0.1e-3)


@pytest.mark.slow  # the module fixtures take 15-25 s warm on this machine
def test_spikes_from_a_source_group_equal_spike_times(compact):
    cell, soma, site, trace = compact
    gen = spike_input([0], [2] * ms, 1, name="cell_test_source", dt=DT, target="numpy")
    cell.clear_inputs()
    again = cell.add_synapse(bio.AMPA(weight=0.5 * nS, delay=1 * ms), "dend0", 1.0, source=gen)
    driven = cell.run(30 * ms, record=[soma, site])
    assert again == site
    # same spikes, same synapse, same code: identical up to rounding
    np.testing.assert_allclose(np.asarray(driven.v / mV), np.asarray(trace.v / mV), atol=1e-9)


@pytest.mark.slow  # builds its own compact cell (the fixture's is changed by the test above)
def test_a_new_weight_or_delay_reuses_the_built_network():
    # weights and delays are set at every run: changing them rebuilds nothing (the same
    # Brian2 objects run again), and the response follows them
    cell = passive_cell(30 * um, 3 * um)
    site = cell.attach(bio.AMPA(weight=0.5 * nS, delay=1 * ms), "dend0", 1.0, times=[2] * ms)
    full = cell.run(30 * ms, record=[site])
    built = (cell._net, list(cell._extra))
    cell.synapses[0].weight = 0.25 * nS
    half = cell.run(30 * ms, record=[site])
    cell.synapses[0].delay = 3 * ms
    later = cell.run(30 * ms, record=[site])
    assert cell._net is built[0]
    assert all(a is b for a, b in zip(cell._extra, built[1], strict=True))
    full, half, later = (np.asarray(tr.v[0] / mV) + 65 for tr in (full, half, later))
    # half the conductance, a little more than half the peak: the driving force is 65 mV
    # minus the EPSP, so a 4 mV EPSP is sublinear (measured 1.019; the steady state of
    # g/(g_L + g) would give 1.032, the brief EPSP less); a run that kept the old weight
    # would give 2.0, a linear membrane 1.0
    assert 1.005 < half.max() / (full.max() / 2) < 1.04
    # 2 ms more delay: the same EPSP 80 steps (of 0.025 ms) later, flat until then (the
    # membrane starts 2e-6 mV off its rest and drifts that little in 2 ms; the EPSP is
    # 2 mV, so 1e-4 mV tells a shifted EPSP from any other)
    np.testing.assert_allclose(later[80:], half[:-80], rtol=0, atol=1e-4)
    assert np.abs(later[:200]).max() < 1e-4 and half[150] > 0.1


@pytest.fixture(scope="module")
def long_cell_peaks():
    """Peak PSPs (site, soma) of small AMPA and NMDA synapses at 90 % of a 600 um x 1 um
    dendrite (lambda_DC 0.71 mm), with the whole cell resting at -70 or -30 mV."""
    cell = passive_cell(600 * um, 1 * um)
    soma = cell.compartment("soma")
    peaks = {}
    for name, syn in (("ampa", bio.AMPA(weight=0.05 * nS)), ("nmda", bio.NMDA(weight=0.05 * nS))):
        for hold in (-70, -30):
            cell.clear_inputs()
            cell.set("E_L", hold * mV)
            cell.v_init = hold * mV
            site = cell.attach(syn, "dend0", 0.9, times=[2] * ms)
            trace = cell.run(60 * ms if name == "nmda" else 30 * ms, record=[site, soma])
            v = np.asarray(trace.v / mV) - hold
            t = np.asarray(trace.t / ms)
            peaks[name, hold] = {
                "site": v[0].max(),
                "soma": v[1].max(),
                "t_site": t[np.argmax(v[0])],
                "t_soma": t[np.argmax(v[1])],
            }
    return peaks


@pytest.mark.slow  # the module fixtures take 15-25 s warm on this machine
def test_ampa_epsp_is_smaller_and_later_at_the_soma(long_cell_peaks):
    p = long_cell_peaks["ampa", -70]
    # measured: 0.60 mV at the site, 0.16 mV at the soma, peak 2.6 ms later
    assert 0 < p["soma"] < p["site"]
    assert p["t_soma"] > p["t_site"] + 0.5


@pytest.mark.slow  # the module fixtures take 15-25 s warm on this machine
def test_nmda_on_a_cell_shows_the_magnesium_block(long_cell_peaks):
    p = long_cell_peaks
    # NMDA grows with depolarisation although the driving force shrinks; AMPA shrinks
    assert p["nmda", -30]["site"] > 3 * p["nmda", -70]["site"]  # measured 3.43x
    assert p["ampa", -30]["site"] < p["ampa", -70]["site"]
    # Small synapses (PSP < 0.4 mV): the PSP is proportional to g B(V_hold) (E - V_hold),
    # so NMDA/AMPA ratios between the holding potentials give B(-30 mV)/B(-70 mV) = 8.03.
    # Neglected: the PSP's own change of B and of the driving force, at most
    # 0.4 mV x 0.05/mV ~ 2 %; measured -0.23 % at the site and at the soma.
    expected = float(bio.nmda_block(-30 * mV) / bio.nmda_block(-70 * mV))
    for where in ("site", "soma"):
        r_nmda = p["nmda", -30][where] / p["nmda", -70][where]
        r_ampa = p["ampa", -30][where] / p["ampa", -70][where]
        assert r_nmda / r_ampa == pytest.approx(expected, rel=0.02)


def test_attach_checks_location_and_synapse():
    cell = passive_cell(100 * um, 1 * um)
    ampa = bio.AMPA()
    with pytest.raises(ValueError, match="section must be one of 'soma', 'dend0'; got 'apical'"):
        cell.attach(ampa, "apical", 0.5, times=[1] * ms)
    with pytest.raises(ValueError, match="position must be between 0 and 1"):
        cell.attach(ampa, "dend0", 1.5, times=[1] * ms)
    with pytest.raises(ValueError, match=r"distance 2\. \* mmetre is not on section 'dend0'"):
        cell.attach(ampa, "dend0", distance=2 * mm, times=[1] * ms)
    with pytest.raises(ValueError, match="exactly one of times="):
        cell.attach(ampa, "dend0", 0.5)
    with pytest.raises(TypeError, match="weight"):
        cell.attach(ampa, "dend0", 0.5, times=[1] * ms, weight=10 * pA)
    with pytest.raises(ValueError, match="delay must be >= 0"):
        cell.attach(ampa, "dend0", 0.5, times=[1] * ms, delay=-1 * ms)
    # a receptor whose variables would overwrite the cell's own (I_inj: the injected
    # current) is refused by name
    with pytest.raises(ValueError, match="would define I_inj"):
        cell.attach(bio.Synapse("inj"), "dend0", 0.5, times=[1] * ms)
    with pytest.raises(ValueError, match="receptor 'ampa' has other kinetics"):
        cell.attach(bio.Synapse("ampa", tau_decay=9 * ms), "dend0", 0.5, times=[1] * ms)
    slow = spike_input([0], [1] * ms, 1, name="cell_test_slow", dt=0.1 * ms, target="numpy")
    with pytest.raises(ValueError, match="source dt"):
        cell.attach(ampa, "dend0", 0.5, source=slow)
    with pytest.raises(TypeError, match="need a Synapse first"):
        cell.add_synapse("dend0", 0.5, 1 * nS, times=[1] * ms)
    with pytest.raises(TypeError, match=r"cell.attach\(AMPA\(\), 'dend0', 0.5, source=pre\)"):
        bio.connect(slow, cell, "ampa")
    assert cell.synapses == []  # nothing was attached by the failed calls
    # by path distance from the soma: 60 um along the 100 um dendrite is 0.6 of it
    assert cell.attach(ampa, "dend0", distance=60 * um, times=[1] * ms) == cell.compartment(
        "dend0", 0.6
    )


def test_a_cell_builds_its_brian2_neuron_once_and_only_to_run(monkeypatch):
    # A synapse with a new receptor changes the cell's equations. The SpatialNeuron is
    # built when the cell first runs, so a cell given its synapses after it was made
    # builds one neuron (it used to build one at the start and one per new receptor, and
    # Brian2 warned at garbage collection that 'bioneuro_cell' "is getting deleted, but
    # was never included in a network"), and a cell that is only drawn builds none.
    import gc

    import brian2 as b2
    from brian2.utils.logger import catch_logs

    built = []

    class Counted(b2.SpatialNeuron):
        def __init__(self, *args, **kwargs):
            built.append(kwargs.get("name"))
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(b2, "SpatialNeuron", Counted)
    geometry = morphology.ball_and_stick(dendrite_length=200 * um, dendrite_diameter=1 * um)
    with catch_logs() as logs:
        drawn = bio.Cell(geometry, hh_regions=(), dt=DT)
        assert drawn.compartments.distance_um.max() > 150  # its geometry needs no neuron
        del drawn
        cell = bio.Cell(geometry, hh_regions=(), dt=DT)
        # AMPA, then NMDA: the equations of passive_cell's RECEPTORS (its compiled code)
        cell.add_synapse(bio.AMPA(weight=1 * nS), "dend0", 0.5, times=[1] * ms)
        cell.add_synapse(bio.NMDA(weight=1 * nS), "dend0", 0.9, times=[2] * ms)
        assert built == []
        trace = cell.run(5 * ms)
        assert built == ["bioneuro_cell"]
        assert float(np.max(trace.v) / mV) > -64  # the two synapses depolarised it
        del cell, trace
        gc.collect()
    assert [m for m in logs if "unused_brian_object" in m[1]] == []
