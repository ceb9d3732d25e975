"""The Brian2 units bioneuro's API speaks, re-exported for convenience.

>>> from bioneuro.units import ms, mV, uA, cm
>>> 10 * uA / cm**2
10. * uamp / cmetre ** 2
"""

import brian2 as b2

Quantity = b2.Quantity

second, ms, us = b2.second, b2.ms, b2.us
volt, mV = b2.volt, b2.mV
amp, mA, uA, nA, pA = b2.amp, b2.mA, b2.uA, b2.nA, b2.pA
siemens, mS, uS, nS = b2.siemens, b2.msiemens, b2.usiemens, b2.nsiemens
farad, uF, nF, pF = b2.farad, b2.ufarad, b2.nfarad, b2.pfarad
ohm, kohm, Mohm = b2.ohm, b2.kohm, b2.Mohm
meter, cm, mm, um = b2.meter, b2.cm, b2.mm, b2.um
Hz, kHz = b2.Hz, b2.kHz
mM = b2.mM

__all__ = [
    "Hz",
    "Mohm",
    "Quantity",
    "amp",
    "cm",
    "farad",
    "kHz",
    "kohm",
    "mA",
    "mM",
    "mS",
    "mV",
    "meter",
    "mm",
    "ms",
    "nA",
    "nF",
    "nS",
    "ohm",
    "pA",
    "pF",
    "second",
    "siemens",
    "uA",
    "uF",
    "uS",
    "um",
    "us",
    "volt",
]
