"""Drawing cells: the morphology in 2-D coloured by voltage, and the kymograph.

Both functions draw on a matplotlib ``ax`` and *return what they drew* (segments,
colours, image), so a test can check that the drawing follows the model: change the
morphology or the voltage and the returned geometry or colours change.

* :func:`draw_cell` projects every compartment (or, for a bare geometry, every section
  piece) onto the x-y plane as a line whose width grows with its diameter, the soma as
  a disc; colours are the membrane potential (a :class:`~bioneuro.bio.Cell` and a
  voltage per compartment) or the region (:data:`REGION_COLORS`: dendrite green, soma
  black, initial segment purple, axon sky blue, myelin yellow: the concept colours of
  :mod:`bioneuro.style`). Synapse and electrode sites are marked;
  ``labels=True`` names dendrites, soma, axon initial segment, axon and synapses.
* :func:`kymograph` shows voltage against time and distance along a path of
  compartments (default: the axon): a travelling spike is a slanted stripe whose
  slope is the conduction velocity.
"""

from __future__ import annotations

import numpy as np
from brian2 import ms, mV

from bioneuro.bio.analysis import arrival_times
from bioneuro.bio.cell import Cell, CellTrace
from bioneuro.bio.models.morphology import Geometry
from bioneuro.style import COLORS, PALETTE

#: The colour of each region: the concept colours of :mod:`bioneuro.style` (dendrite
#: green, soma black, initial segment purple, axon sky blue, myelin yellow).
REGION_COLORS = {
    "soma": COLORS["soma"],
    "dendrite": COLORS["dendrite"],
    "ais": COLORS["ais"],
    "axon": COLORS["axon"],
    "node": COLORS["axon"],
    "internode": COLORS["myelin"],
}
LABELS = {
    "dendrite": "dendrites",
    "soma": "soma",
    "ais": "axon initial segment",
    "axon": "axon",
    "internode": "myelinated axon",
    "node": "axon",
}


def _pieces(shape):
    """(segments (n, 2, 2) µm, diameters, regions, soma rows) of a Cell or a Geometry."""
    if isinstance(shape, Cell):
        keep = shape.region_of != "soma"
        segs = np.stack([shape.start[:, :2], shape.end[:, :2]], axis=1)[keep]
        diam = shape.diameter_um[keep]
        regions = shape.region_of[keep].astype(str)
        somas = [(shape.start[i, :2], shape.diameter_um[i] / 2, i) for i in np.flatnonzero(~keep)]
        return segs, diam, regions, somas, np.flatnonzero(keep)
    if not isinstance(shape, Geometry):
        raise TypeError(f"draw_cell needs a Cell or a Geometry; got {type(shape).__name__}")
    segs, diam, regions, somas = [], [], [], []
    for s in shape.sections.values():
        if s.region == "soma":
            somas.append((s.points[0, :2], s.points[0, 3] / 2, None))
            continue
        for a, b in zip(s.points[:-1], s.points[1:], strict=True):
            segs.append([a[:2], b[:2]])
            diam.append(0.5 * (a[3] + b[3]))
            regions.append(s.region)
    return (np.array(segs).reshape(-1, 2, 2), np.array(diam), np.array(regions), somas, None)


def draw_cell(
    shape,
    ax=None,
    *,
    values=None,
    cmap="viridis",
    vmin=-70 * mV,
    vmax=30 * mV,
    labels=True,
    colorbar=True,
    width=(0.8, 7.0),
    scalebar=100,
):
    """Draw a cell or a geometry in 2-D (x-y projection, µm).

    Parameters
    ----------
    shape : Cell or Geometry
    ax : matplotlib Axes or None
    values : Quantity (voltage), shape (n_compartments,), or None
        Membrane potential per compartment (e.g. ``trace.snapshot(5*ms)``); None colours
        by region.
    cmap, vmin, vmax :
        Colour map and the voltage range it spans.
    labels : bool
        Name the parts (dendrites, soma, axon, synapse/electrode sites of a Cell).
    colorbar : bool
        Add a voltage colour bar (only with ``values``).
    width : (float, float)
        Smallest and largest line width in points (diameter mapped linearly, clipped).
    scalebar : float or None
        Length in µm of a scale bar (None: no bar).

    Returns
    -------
    dict with ``ax``, ``segments`` (n, 2, 2) µm, ``colors`` (n, 4) RGBA, ``widths``,
    ``soma`` [(centre, radius, colour)], ``labels`` [text drawn].
    """
    import matplotlib.pyplot as plt
    from matplotlib.collections import LineCollection
    from matplotlib.colors import Normalize, to_rgba

    if ax is None:
        _, ax = plt.subplots(figsize=(6, 6))
    segs, diam, regions, somas, comp = _pieces(shape)
    norm = Normalize(float(vmin / mV), float(vmax / mV))
    colormap = plt.get_cmap(cmap)
    if values is not None:
        if not isinstance(shape, Cell):
            raise TypeError("values need a Cell (one value per compartment), not a Geometry")
        v = np.asarray(values / mV, dtype=float)
        if v.shape != (shape.n_compartments,):
            raise ValueError(
                f"values must have one entry per compartment "
                f"({shape.n_compartments}); got shape {v.shape}"
            )
        colors = colormap(norm(v[comp])) if len(comp) else np.zeros((0, 4))
        soma_colors = [colormap(norm(v[i])) for (_, _, i) in somas]
    else:
        colors = np.array([to_rgba(REGION_COLORS[r]) for r in regions]).reshape(-1, 4)
        soma_colors = [to_rgba(REGION_COLORS["soma"]) for _ in somas]
    lo, hi = width
    dmax = max(float(diam.max()) if len(diam) else 1.0, 1e-9)
    widths = np.clip(lo + (hi - lo) * diam / dmax, lo, hi)
    lines = LineCollection(segs, colors=colors, linewidths=widths, capstyle="round", zorder=2)
    ax.add_collection(lines)
    soma_out = []
    pts = segs.reshape(-1, 2) if len(segs) else np.zeros((0, 2))
    for centre, radius, _ in somas:
        pts = np.vstack([pts, centre - radius, centre + radius])
    span = np.ptp(pts, axis=0).max() if len(pts) else 1.0
    for (centre, radius, _), color in zip(somas, soma_colors, strict=True):
        # drawn at least 1.2 % of the drawing wide so that a small soma stays visible
        ax.add_patch(plt.Circle(centre, max(radius, 0.012 * span), color=color, zorder=3))
        soma_out.append((np.asarray(centre), float(radius), color))
    lo_xy, hi_xy = pts.min(axis=0) - 0.06 * span, pts.max(axis=0) + 0.06 * span
    ax.set_xlim(lo_xy[0], hi_xy[0])
    ax.set_ylim(lo_xy[1], hi_xy[1])
    ax.set_aspect("equal")
    ax.set_axis_off()
    texts = []
    if labels:
        texts = _label_parts(ax, shape, segs, regions, soma_out, span)
    if scalebar:
        x0, y0 = lo_xy[0] + 0.02 * span, lo_xy[1] + 0.02 * span
        ax.plot([x0, x0 + scalebar], [y0, y0], color="0.2", lw=3, solid_capstyle="butt")
        ax.text(
            x0 + scalebar / 2,
            y0 + 0.015 * span,
            f"{scalebar:g} µm",
            ha="center",
            va="bottom",
            fontsize=11,
        )
    if values is not None and colorbar:
        sm = plt.cm.ScalarMappable(norm=norm, cmap=colormap)
        cb = ax.figure.colorbar(sm, ax=ax, shrink=0.7, pad=0.02)
        cb.set_label("membrane potential (mV)")
    return {
        "ax": ax,
        "segments": segs,
        "colors": np.asarray(colors),
        "widths": widths,
        "soma": soma_out,
        "labels": texts,
    }


def _label_parts(ax, shape, segs, regions, somas, span):
    texts = []
    box = {"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.8}
    done = set()
    for region in ("dendrite", "ais", "axon", "internode"):
        rows = np.flatnonzero(regions == region)
        label = LABELS[region]
        if not rows.size or label in done:
            continue
        done.add(label)
        ends = segs[rows, 1]
        centre = np.mean([s[0] for s in somas], axis=0) if somas else ends.mean(axis=0)
        far = np.linalg.norm(ends - centre, axis=1)
        if isinstance(shape, Cell) and shape.synapse_sites:  # keep clear of synapse marks
            marks = shape.midpoints()[shape.synapse_sites, :2]
            gap = np.min(np.linalg.norm(ends[:, None] - marks[None], axis=2), axis=1)
            far = np.where(gap > 0.15 * span, far, -1.0)
        tip = ends[np.argmax(far)]
        if region == "ais":  # short and next to the soma: point at it from the side
            anchor, offset = segs[rows[len(rows) // 2]].mean(axis=0), (45, -25)
        else:
            anchor, offset = tip, (8, 4)
        arrow = {"arrowstyle": "-", "color": "0.4"} if region == "ais" else None
        ax.annotate(
            label,
            anchor,
            xytext=offset,
            textcoords="offset points",
            fontsize=14,
            color=REGION_COLORS[region],
            bbox=box,
            zorder=5,
            va="center",
            arrowprops=arrow,
        )
        texts.append(label)
    for centre, _, _ in somas:
        ax.annotate(
            "soma",
            centre,
            xytext=(-75, -35),
            textcoords="offset points",
            fontsize=14,
            va="center",
            bbox=box,
            zorder=5,
            arrowprops={"arrowstyle": "-", "color": "0.3"},
        )
        texts.append("soma")
    if isinstance(shape, Cell):
        mids = shape.midpoints()[:, :2]
        for k, i in enumerate(shape.synapse_sites):
            ax.plot(*mids[i], marker="v", ms=13, color=COLORS["synapse"], mec="k", zorder=6)
            if k == 0:
                ax.annotate(
                    "synapse",
                    mids[i],
                    xytext=(10, -4),
                    textcoords="offset points",
                    color=COLORS["synapse"],
                    fontsize=14,
                    fontweight="bold",
                    bbox=box,
                    zorder=6,
                )
                texts.append("synapse")
        for k, i in enumerate(shape.injection_sites):
            ax.plot(*mids[i], marker="*", ms=15, color=PALETTE["yellow"], mec="k", zorder=6)
            if k == 0:
                ax.annotate(
                    "electrode",
                    mids[i],
                    xytext=(10, 4),
                    textcoords="offset points",
                    fontsize=14,
                    bbox=box,
                    zorder=6,
                )
                texts.append("electrode")
    return texts


def kymograph(
    trace,
    ax=None,
    *,
    compartments=None,
    cmap="viridis",
    vmin=-70 * mV,
    vmax=30 * mV,
    colorbar=True,
    distance_unit="mm",
):
    """Voltage against time (x) and distance (y) along ``compartments`` of a trace.

    Parameters
    ----------
    trace : CellTrace
    compartments : sequence of int or None
        The path to show, ordered by distance (default: every recorded compartment of
        the axon regions, or all recorded compartments).
    distance_unit : {"mm", "um", "cm"}

    Returns
    -------
    dict with ``ax``, ``image`` (n_distance, n_t) in mV, ``distance`` (same unit as the
    axis), ``t`` (ms), ``compartments``.
    """
    import matplotlib.pyplot as plt

    if not isinstance(trace, CellTrace):
        raise TypeError(f"trace must be a CellTrace (from Cell.run); got {type(trace).__name__}")
    scale = {"mm": 1e-3, "um": 1.0, "cm": 1e-4}[distance_unit]
    cell = trace.cell
    rec = np.asarray(trace.indices)
    if compartments is None:
        axonal = np.isin(cell.region_of[rec].astype(str), ("ais", "axon", "node", "internode"))
        compartments = rec[axonal] if axonal.any() else rec
    compartments = np.asarray(compartments, dtype=int)
    compartments = compartments[np.argsort(cell.distance_um[compartments])]
    rows = np.array([np.flatnonzero(rec == i)[0] for i in compartments])
    image = np.asarray(trace.v[rows] / mV)
    dist = cell.distance_um[compartments] * scale
    t = np.asarray(trace.t / ms)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4))
    im = ax.pcolormesh(
        t,
        dist,
        image,
        cmap=cmap,
        vmin=float(vmin / mV),
        vmax=float(vmax / mV),
        shading="nearest",
        rasterized=True,
    )
    ax.set_xlabel("time (ms)")
    ax.set_ylabel(f"distance along axon ({'µm' if distance_unit == 'um' else distance_unit})")
    if colorbar:
        ax.figure.colorbar(im, ax=ax, pad=0.02).set_label("membrane potential (mV)")
    return {"ax": ax, "image": image, "distance": dist, "t": t, "compartments": compartments}


__all__ = ["arrival_times", "draw_cell", "kymograph"]
