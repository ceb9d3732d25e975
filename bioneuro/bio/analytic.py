"""Closed forms, shared by tests and figures.

Each function returns what a textbook derivation gives, with units in and out.
"""

from __future__ import annotations

import brian2 as b2
import numpy as np
from brian2 import Hz, second


def lif_rate(model, current):
    """Firing rate of a LIF neuron driven by a constant current.

    f = 1 / (t_ref + tau_m ln((R I + E_L - V_reset) / (R I + E_L - V_th)))   if R I > V_th - E_L
    f = 0                                                                      otherwise

    Parameters
    ----------
    model : LIF
    current : Quantity (scalar or array), a current.

    Returns
    -------
    Quantity in Hz, the shape of ``current``.
    """
    p = model.parameters()
    drive = np.asarray((p["R"] * current + p["E_L"]) / b2.volt, dtype=float)
    v_th, v_reset = float(p["V_th"] / b2.volt), float(p["V_reset"] / b2.volt)
    tau, t_ref = float(p["tau_m"] / second), float(p["t_ref"] / second)
    above = drive > v_th
    with np.errstate(divide="ignore", invalid="ignore"):
        isi = t_ref + tau * np.log((drive - v_reset) / (drive - v_th))
        rate = np.where(above, 1.0 / isi, 0.0)
    return rate * Hz
