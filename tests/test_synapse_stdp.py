"""STDP: the window measured from simulated spike pairs against the exponential formula."""

import numpy as np
import pytest
from brian2 import ms, nS

from bioneuro.bio import STDP, stdp_window
from bioneuro.theory.stdp import stdp_formula

DELTAS = np.concatenate([-np.arange(2, 81, 2), np.arange(2, 81, 2)]) * ms  # |Δt| 2..80 ms


@pytest.mark.parametrize("preset", ["bi_poo", "song"])
def test_window_matches_exponentials(preset):
    rule = getattr(STDP, preset)()
    curve = stdp_window(rule, DELTAS, dt=0.1 * ms)  # every Δt is on the 0.1 ms grid
    measured = np.asarray(curve.y)
    expected = stdp_formula(rule, curve.x)
    # Issue: within 5 %. The traces are event-driven (integrated exactly between
    # spikes) and the Δt are on the dt grid, so the error should be rounding only.
    rel = np.abs(measured - expected) / np.abs(expected)
    assert np.max(rel) < 0.05, np.max(rel)
    assert np.all(measured[curve.x > 0] > 0) and np.all(measured[curve.x < 0] < 0)


def test_bi_poo_and_song_parameters():
    bp = STDP.bi_poo()
    assert (float(bp.tau_plus / ms), float(bp.tau_minus / ms)) == (16.8, 33.7)
    song = STDP.song()
    assert song.A_minus / song.A_plus == pytest.approx(1.05)


def test_song_depression_dominates_the_integral():
    rule = STDP.song()
    # midpoints of 0.5 ms bins on both sides of Δt = 0, out to ±200 ms (10 tau: the
    # tails beyond hold e^-10 of the area); the window jumps at 0, so no bin straddles it
    half = np.arange(0.25, 200, 0.5)
    curve = stdp_window(rule, np.concatenate([-half[::-1], half]) * ms, dt=0.05 * ms)
    area = float(np.sum(curve.y)) * 0.5  # ms
    expected = float(rule.integral() / ms)  # A+ tau+ - A- tau- = -0.005 ms
    assert area < 0
    # midpoint-rule error ~ h²/24 · Σ|f''| h ~ 1e-5 ms; 4 % of the expected area allowed
    assert area == pytest.approx(expected, abs=2e-4)


def test_bounds_clip_the_weight():
    rule = STDP(A_plus=0.8, A_minus=0.8, w_max=2 * nS)
    curve = stdp_window(rule, [5, -5] * ms, w_start=1.5 * nS)
    # +0.8 w_max from 0.75 w_max is clipped at w_max; -0.8 w_max stays inside
    assert curve.y[0] == pytest.approx(0.25)
    assert curve.y[1] == pytest.approx(-0.8 * np.exp(-5 / 33.7))


def test_bad_input():
    with pytest.raises(ValueError, match="tau_plus must be > 0"):
        STDP(tau_plus=-1 * ms)
    with pytest.raises(TypeError, match="tau_minus must be a time"):
        STDP(tau_minus=20)
    with pytest.raises(ValueError, match="A_minus must be >= 0"):
        STDP(A_minus=-0.1)
    with pytest.raises(TypeError, match="delta_t must be a time"):
        stdp_window(STDP.song(), np.array([1.0, 2.0]))
    with pytest.raises(TypeError, match="rule must be an STDP rule"):
        stdp_window("song", [1] * ms)
