"""
Conduction velocity: thicker is faster, myelin is much faster
=============================================================

Measured velocity vs diameter, bare and myelinated axons, with the square-root law.

What to look at: on log-log axes the bare (unmyelinated) axons lie on a line of slope
1/2: velocity grows only as the square root of the diameter, so doubling the speed
costs four times the diameter (the squid's answer: a giant axon). Myelinated axons of
the same diameter conduct many times faster, because the spike jumps from node to
node (saltatory conduction) while the insulated internodes charge little membrane.
Made with ``bio.axon(d, length, myelinated=...)`` and ``bio.conduction_velocity(cell)``.
"""

import matplotlib.pyplot as plt
import numpy as np
from brian2 import mm, ms, um

from bioneuro import bio
from bioneuro.figures.scripts import run_script
from bioneuro.style import COLORS, conventions

SECTION = "Cells: dendrites, soma, axon"
ORDER = 23


def velocity(d_um, myelinated):
    lam_mm = 10.6 * np.sqrt(d_um / 476)  # DC length constant of the HH membrane, R_a 35.4
    # bare: 14 length constants; myelinated: 30 internodes of 100 d (Brian2 nests sections)
    length = (30 * 0.1 * d_um if myelinated else 14 * lam_mm) * mm
    cell = bio.axon(d_um * um, length, myelinated=myelinated)
    return float(bio.conduction_velocity(cell) / (mm / ms))


def make_figure(quick=False):
    diameters = np.array([1, 2, 4]) if quick else np.array([0.5, 1, 2, 4, 8, 16])
    bare = np.array([velocity(d, False) for d in diameters])
    myelin = np.array([velocity(d, True) for d in diameters])
    fig, ax = plt.subplots(figsize=(8.5, 6.5))
    ax.loglog(
        diameters,
        myelin,
        "s-",
        color=COLORS["dendrite"],
        ms=9,
        label="myelinated (nodes every 100 d)",
    )
    ax.loglog(diameters, bare, "o", color=COLORS["axon"], ms=9, label="unmyelinated (measured)")
    k = np.exp(np.mean(np.log(bare) - 0.5 * np.log(diameters)))
    fine = np.geomspace(diameters[0], diameters[-1], 50)
    ax.loglog(
        fine,
        k * np.sqrt(fine),
        color=COLORS["analytic"],
        lw=1.5,
        label=f"{k:.2f} m/s × √(d / 1 µm)",
    )
    slope = np.polyfit(np.log(diameters), np.log(bare), 1)[0]
    d_ref = diameters[len(diameters) // 2]
    i = int(np.flatnonzero(diameters == d_ref)[0])
    middle = np.sqrt(myelin[i] * bare[i])
    ax.text(d_ref * 1.15, middle, f"{myelin[i] / bare[i]:.0f}× faster", fontsize=12, va="center")
    ax.vlines(d_ref, bare[i], myelin[i], color="0.5", lw=1, ls=":")
    ax.set_xlabel("axon diameter d (µm)")
    ax.set_ylabel("conduction velocity (m/s)")
    ax.set_title(f"Velocity vs diameter (fitted slope {slope:.2f}; theory 0.5)")
    ax.legend(frameon=False, loc="upper left")
    conventions(
        ax,
        "HH membrane, 6.3 °C, R_a 35.4 Ω·cm\nmyelin: C_m 0.01 µF/cm², nodes 1 µm, "
        "10× channel density",
        loc="lower right",
    )
    return fig


if __name__ == "__main__":
    run_script(make_figure, __file__)
