"""Synapses on a passive membrane: PSP closed forms, NMDA block, summation, bad input.

Every simulation here is small (a few passive LIF membranes, < 100 ms) and runs on
Brian2's numpy target: no compile wait, a few seconds each.
"""

import numpy as np
import pytest
from brian2 import Mohm, mM, ms, mV, nA, nS, pA

from bioneuro.bio import (
    AMPA,
    LIF,
    NMDA,
    Population,
    Synapse,
    connect,
    nmda_block,
    nmda_clamp,
    spike_input,
    spike_responses,
)
from bioneuro.theory.psp import kernel, psp_current

MODEL = LIF(tau_m=10 * ms, R=100 * Mohm, E_L=-65 * mV)
DT = 0.025 * ms
T_SPIKE = 5 * ms
DELAY = 1 * ms
# A spike delivered in the step at time t is added after that step's state update, so
# the membrane first feels it during the next step: the effective onset is t + dt.
ONSET = T_SPIKE + DELAY + DT

CURRENT = [
    Synapse("exp", kinetics="exponential", mode="current", tau_decay=3 * ms, delay=DELAY),
    Synapse("alpha", kinetics="alpha", mode="current", tau_decay=2 * ms, delay=DELAY),
    Synapse(
        "biexp",
        kinetics="biexponential",
        mode="current",
        tau_rise=0.5 * ms,
        tau_decay=4 * ms,
        delay=DELAY,
    ),
]
W = 50 * pA


@pytest.fixture(scope="module")
def current_run():
    """Neurons 0-2: one PSP of each kinetics; 3: exp + alpha together (spatial sum);
    4: two exp spikes 4 ms apart (temporal sum)."""
    events = [
        (0, "exp", T_SPIKE, W),
        (1, "alpha", T_SPIKE, W),
        (2, "biexp", T_SPIKE, W),
        (3, "exp", T_SPIKE, W),
        (3, "alpha", T_SPIKE, W),
        (4, "exp", T_SPIKE, W),
        (4, "exp", T_SPIKE + 4 * ms, W),
    ]
    out = spike_responses(
        MODEL, CURRENT, events, 60 * ms, dt=DT, target="numpy", name="test_psp_current"
    )
    return {"t": out.t, "v": out.v, "dv": np.asarray((out.v - MODEL.E_L) / mV)}


@pytest.mark.parametrize("k, syn", list(enumerate(CURRENT)), ids=[s.kinetics for s in CURRENT])
def test_current_psp_matches_closed_form(current_run, k, syn):
    t = current_run["t"]
    ref = np.asarray(psp_current(syn, t - ONSET, R=MODEL.R, tau_m=MODEL.tau_m, weight=W) / mV)
    err = np.max(np.abs(current_run["dv"][k] - ref))
    # The membrane is linear and integrated exactly (Brian2 "exact"), so only rounding
    # separates them; the issue asks for 1 % of the peak.
    assert err < 0.01 * np.max(ref), (syn.kinetics, err, np.max(ref))
    assert np.max(ref) > 0.3  # a PSP big enough to mean something (mV)


def test_kernels_peak_at_one():
    t = np.linspace(0, 50, 50001) * ms
    for syn in CURRENT:
        # 1 µs grid: the sampled peak is within 1e-6 of the analytic one
        assert abs(np.max(kernel(syn, t)) - 1) < 1e-6


def test_current_synapses_sum_linearly(current_run):
    dv = current_run["dv"]
    # spatial: two different synapses at once give exactly the sum (linear system)
    assert np.max(np.abs(dv[3] - (dv[0] + dv[1]))) < 1e-6 * np.max(dv[3])
    # temporal: the second PSP adds to the tail of the first
    t = current_run["t"]
    shifted = np.asarray(
        psp_current(CURRENT[0], t - ONSET - 4 * ms, R=MODEL.R, tau_m=MODEL.tau_m, weight=W) / mV
    )
    assert np.max(np.abs(dv[4] - (dv[0] + shifted))) < 1e-6 * np.max(dv[4])


@pytest.fixture(scope="module")
def conductance_run():
    """AMPA conductance synapses: 0: one, 1: two at once (spatial), 2: one small,
    3: two small at once, 4: two spikes 4 ms apart (temporal)."""
    big, small = 10 * nS, 0.05 * nS
    ampa = AMPA(weight=big, delay=DELAY)
    events = [
        (0, "ampa", T_SPIKE, big),
        (1, "ampa", T_SPIKE, big),
        (1, "ampa", T_SPIKE, big),
        (2, "ampa", T_SPIKE, small),
        (3, "ampa", T_SPIKE, small),
        (3, "ampa", T_SPIKE, small),
        (4, "ampa", T_SPIKE, big),
        (4, "ampa", T_SPIKE + 4 * ms, big),
    ]
    out = spike_responses(
        MODEL, [ampa], events, 40 * ms, dt=DT, target="numpy", name="test_psp_conductance"
    )
    return {"t": out.t, "v": out.v, "dv": np.asarray((out.v - MODEL.E_L) / mV)}


def test_conductance_synapses_sum_sublinearly(conductance_run):
    dv = conductance_run["dv"]
    one, two = dv[0].max(), dv[1].max()
    # 10 nS on a 100 MOhm membrane: the PSP is ~10 mV, which shrinks the driving force
    # (E_AMPA - v) by ~15 %, so the pair falls clearly (> 5 %) short of twice one PSP.
    assert one > 5
    assert two < 0.95 * 2 * one
    # tiny conductances barely move v: the same pair is linear within 0.1 %
    assert dv[3].max() == pytest.approx(2 * dv[2].max(), rel=1e-3)
    # temporal: the second PSP of a pair 4 ms apart adds less than a first one
    t = np.asarray(conductance_run["t"] / ms)
    linear = dv[0] + np.interp(t - 4, t, dv[0], left=0)
    assert dv[4].max() < 0.97 * linear.max()


def test_nmda_conductance_follows_mg_block():
    v = np.arange(-100, 41, 7) * mV  # -100..40 mV, avoiding E_rev = 0 mV (no current)
    g = nmda_clamp(NMDA(), v, target="numpy")
    b = 1 / (1 + 1 / 3.57 * np.exp(-0.062 * np.asarray(v / mV)))  # Jahr & Stevens 1990
    assert np.max(np.abs(g / b - 1)) < 0.01  # issue: within 1 % over -100..+40 mV
    assert np.allclose(nmda_block(v), b, rtol=1e-12)
    # more magnesium, more block; none without magnesium
    assert np.all(nmda_block(v, mg=2 * mM) < nmda_block(v))
    assert np.allclose(nmda_block(v, mg=0 * mM), 1)


# ----------------------------------------------------------------------- bad input


def test_bad_time_constants_and_delays():
    with pytest.raises(ValueError, match="tau_decay must be > 0"):
        Synapse("x", tau_decay=-5 * ms)
    with pytest.raises(ValueError, match="delay must be >= 0"):
        Synapse("x", delay=-1 * ms)
    with pytest.raises(ValueError, match="tau_rise must be < tau_decay"):
        Synapse("x", kinetics="biexponential", tau_rise=5 * ms, tau_decay=2 * ms)
    with pytest.raises(TypeError, match="tau_decay must be a time"):
        Synapse("x", tau_decay=5)
    with pytest.raises(ValueError, match="kinetics must be one of"):
        Synapse("x", kinetics="gaussian")


def test_weights_of_the_wrong_unit():
    with pytest.raises(TypeError, match=r"weight must be a conductance, e.g. 1\*nS"):
        AMPA(weight=1 * nA)
    with pytest.raises(TypeError, match=r"weight must be a current, e.g. 10\*pA"):
        Synapse("x", mode="current", weight=1 * nS)
    with pytest.raises(TypeError, match=r"weight must be a conductance.*plain number"):
        AMPA(weight=0.5)
    with pytest.raises(ValueError, match="weight must be >= 0"):
        AMPA(weight=-1 * nS)


def test_connect_checks_location_receptor_weight_and_delay():
    pop = Population(MODEL, 2, receptors=[AMPA()], name="test_bad_input", target="numpy")
    src = spike_input([0], [1] * ms, name="test_bad_input_src")
    with pytest.raises(ValueError, match="location 'apical_dendrite' is unknown"):
        connect(src, pop, "ampa", location="apical_dendrite")
    with pytest.raises(ValueError, match="receptor 'gaba_a' is not on 'test_bad_input'"):
        connect(src, pop, "gaba_a")
    with pytest.raises(TypeError, match="weight must be a conductance"):
        connect(src, pop, "ampa", weight=2 * pA)
    with pytest.raises(ValueError, match="delay must be >= 0"):
        connect(src, pop, "ampa", delay=-2 * ms)
