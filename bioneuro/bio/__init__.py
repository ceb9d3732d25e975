"""Biological neurons: point models on two backends (scipy, Brian2), stimuli, analysis.

>>> from bioneuro import bio
>>> from bioneuro.units import ms, uA, cm
>>> trace = bio.simulate(bio.HodgkinHuxley(), bio.step(10 * uA / cm**2), 100 * ms)
"""

from bioneuro.bio import analytic, channels
from bioneuro.bio.models import LIF, HodgkinHuxley, PointModel
from bioneuro.bio.simulation import Trace, fi_curve, simulate, steady_rate
from bioneuro.bio.stimuli import Stimulus, noisy, pulse, pulses, ramp, step

__all__ = [
    "LIF",
    "HodgkinHuxley",
    "PointModel",
    "Stimulus",
    "Trace",
    "analytic",
    "channels",
    "fi_curve",
    "noisy",
    "pulse",
    "pulses",
    "ramp",
    "simulate",
    "steady_rate",
    "step",
]
