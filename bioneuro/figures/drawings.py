"""The two diagrams the course promises, drawn from the models themselves.

The course text says "here is a diagram of the anatomy of a brain neuron" and "here is
a diagram of the functionality of a neuron in a deep learning neural net". Here both
are drawn from objects that run:

* the biological neuron is a :class:`bioneuro.bio.Cell` (compartments of a
  :mod:`~bioneuro.bio.models.morphology` geometry, Hodgkin-Huxley soma and axon, passive
  dendrites), drawn by :func:`bioneuro.bio.draw.draw_cell`, with its synapses marked:
  marker area grows with the synapse's peak conductance, colour gives its sign
  (excitatory vermillion, inhibitory blue);
* the artificial neuron is a :class:`bioneuro.ann.Neuron`, drawn by
  :func:`bioneuro.ann.draw.draw_neuron` (weight line width ∝ |w_i|, same sign colours).

The pair carries the same weights (:mod:`bioneuro.compare.mapping`).
:func:`draw_two_neurons` puts the cell above the artificial neuron, both flowing left to
right (input -> output), and joins the parts the mapping pairs (:data:`PAIRS`):
dendrites <-> inputs x_i, synapse strength <-> weights w_i, soma (summation) <-> Σ,
spike threshold at the axon initial segment (the f-I curve) <-> φ, axon <-> output.
:func:`two_neuron_geometry` returns every number the drawing uses (compartment
segments, synapse positions and sizes, the artificial neuron's layout, the end points
of the correspondence arrows), so a test can check that changing the morphology or
the weights changes the drawing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from brian2 import mV, nS

from bioneuro.compare.mapping import synapse_weights

#: The correspondences drawn as arrows (key, biological part, artificial part).
PAIRS = (
    ("dendrites", "dendrites\nreceive input", "inputs xᵢ"),
    ("synapse", "synaptic strength\n(conductance)", "weights wᵢ"),
    ("soma", "soma sums\nin space and time", "weighted sum Σ"),
    ("threshold", "spike threshold\n(f-I curve)", "activation φ"),
    ("axon", "axon carries\nthe spike on", "output to the\nnext layer"),
)

#: Where the names of the pairs sit, as fractions of the figure (x of each, shared y).
LABEL_X, LABEL_Y = (0.10, 0.29, 0.48, 0.67, 0.86), 0.435


@dataclass(frozen=True)
class TwoNeuronGeometry:
    """What :func:`draw_two_neurons` draws (cell in µm, artificial neuron in its own units).

    Attributes
    ----------
    segments : (n, 2, 2) array
        Start and end (x, y) of every non-soma compartment, µm.
    diameters : (n,) array, µm
    regions : (n,) array of str
    soma : ((x, y), radius) in µm
    synapses : (k, 2) array
        Synapse positions, µm (compartment middles).
    synapse_sizes : (k,) array
        Marker size (points) of each synapse, ∝ sqrt(conductance).
    synapse_signs : (k,) array of +1 / -1
    ann : bioneuro.ann.draw.NeuronGeometry
    pairs : dict
        {key of :data:`PAIRS`: (point on the cell in µm, point on the artificial neuron)}.
    """

    segments: np.ndarray
    diameters: np.ndarray
    regions: np.ndarray
    soma: tuple
    synapses: np.ndarray
    synapse_sizes: np.ndarray
    synapse_signs: np.ndarray
    ann: object
    pairs: dict


def _check_pair(cell, neuron):
    from bioneuro.ann import Neuron
    from bioneuro.bio import Cell

    if not isinstance(cell, Cell):
        raise TypeError(
            f"cell must be a bioneuro.bio.Cell (e.g. cell_for_weights([1, -1])); "
            f"got {type(cell).__name__}"
        )
    if not isinstance(neuron, Neuron):
        raise TypeError(f"neuron must be a bioneuro.ann.Neuron; got {type(neuron).__name__}")
    if len(cell.synapse_sites) != neuron.n_inputs:
        raise ValueError(
            f"the cell has {len(cell.synapse_sites)} synapses but the neuron has "
            f"{neuron.n_inputs} inputs; they must match one to one"
        )


def two_neuron_geometry(cell, neuron) -> TwoNeuronGeometry:
    """Every number :func:`draw_two_neurons` draws, computed from ``cell`` and ``neuron``.

    Synapse marker size = 9 + 9 * sqrt(g_max / g_unit) points (area ∝ conductance,
    as the artificial neuron's line width ∝ |w|).
    """
    from bioneuro.ann.draw import neuron_geometry

    _check_pair(cell, neuron)
    keep = cell.region_of != "soma"
    segments = np.stack([cell.start[keep, :2], cell.end[keep, :2]], axis=1)
    soma_idx = np.flatnonzero(~keep)
    soma = (cell.start[soma_idx[0], :2].copy(), float(cell.diameter_um[soma_idx[0]]) / 2)
    mids = cell.midpoints()[:, :2]
    sites = np.asarray(cell.synapse_sites, dtype=int)
    w = synapse_weights(cell)
    sizes = 9.0 + 9.0 * np.sqrt(np.abs(w))
    signs = np.sign(w)
    ann = neuron_geometry(neuron)

    def centre(region, frac):
        idx = cell.indices(regions=region) if region in set(cell.region_of) else soma_idx
        order = np.argsort(cell.distance_um[idx])
        return mids[idx[order[min(int(frac * len(idx)), len(idx) - 1)]]]

    first = str(cell.section_of[sites[0]])
    parent = cell.geometry.sections[first].parent
    dend_sec = parent if parent in cell.geometry.sections and parent != "soma" else first
    dend_idx = cell.indices(sections=dend_sec)
    sx, sy = ann.summation
    ix, iy = ann.inputs[0]
    pairs = {  # the artificial ends sit on the edge of each symbol (Σ radius 0.3, φ box)
        "dendrites": (mids[dend_idx[len(dend_idx) // 2]], (ix - 0.1, iy + 0.15)),
        "synapse": (mids[sites[0]], (ix + 0.4 * (sx - ix), iy + 0.4 * (sy - iy))),
        "soma": (soma[0], (sx + 0.21, sy + 0.21)),
        "threshold": (centre("ais", 0.5), (ann.activation[0], ann.activation[1] + 0.36)),
        "axon": (centre("axon", 0.8), (ann.output[0] + 0.3, ann.output[1] + 0.15)),
    }
    return TwoNeuronGeometry(
        segments=segments,
        diameters=cell.diameter_um[keep].copy(),
        regions=cell.region_of[keep].astype(str),
        soma=soma,
        synapses=mids[sites].copy(),
        synapse_sizes=sizes,
        synapse_signs=signs,
        ann=ann,
        pairs=pairs,
    )


# ------------------------------------------------------------------------- drawing


def draw_two_neurons(cell, neuron, fig=None, *, x=None, fi_curve=None, trace=None, arrows=True):
    """Draw the cell (top) and the artificial neuron (bottom) with the mapping arrows.

    Parameters
    ----------
    cell : bioneuro.bio.Cell
        With one synapse per input of ``neuron`` (e.g. from :func:`cell_for_weights`).
    neuron : bioneuro.ann.Neuron
    fig : matplotlib Figure, optional
    x : array, optional
        An input vector written on the artificial neuron (passed to ``draw_neuron``).
    fi_curve : ResponseCurve, optional
        A firing-rate curve drawn as an inset next to the axon initial segment (the
        biological φ), e.g. ``bio.fi_curve(bio.HodgkinHuxley(), currents)``.
    trace : CellTrace, optional
        A run of ``cell`` (``cell.run(...)``): the voltage at the soma and near the end
        of the axon is drawn as an inset below the axon (the cell's output).
    arrows : bool
        Draw the correspondence arrows.

    Returns
    -------
    dict with ``figure``, ``ax_cell``, ``ax_ann``, ``geometry`` (TwoNeuronGeometry),
    ``cell_drawing`` (what ``draw_cell`` returned), ``arrows`` (the ConnectionPatches).
    """
    import matplotlib.pyplot as plt

    from bioneuro.ann.draw import draw_neuron
    from bioneuro.bio.draw import REGION_COLORS, draw_cell
    from bioneuro.style import COLORS, sign_color

    geo = two_neuron_geometry(cell, neuron)
    if fig is None:
        fig = plt.figure(figsize=(14, 13))
    ax_cell = fig.add_axes([0.02, 0.52, 0.96, 0.41])
    ax_ann = fig.add_axes([0.02, 0.0, 0.96, 0.33])
    drawn = draw_cell(cell, ax_cell, labels=False, width=(1.5, 9.0), scalebar=None)
    from bioneuro.compare.mapping import G_SYNAPSE

    for k, ((px, py), size, sign) in enumerate(
        zip(geo.synapses, geo.synapse_sizes, geo.synapse_signs, strict=True)
    ):
        colour = sign_color(sign)
        ax_cell.plot(px, py, marker="o", ms=size, color=colour, mec="black", mew=1.2, zorder=6)
        g = float(cell.synapses[k].weight / nS)
        n = int(round(float(cell.synapses[k].weight / G_SYNAPSE)))
        kind = "excitatory" if sign > 0 else "inhibitory"
        ax_cell.annotate(
            f"{n} synapses, {kind}\n{n} × {float(G_SYNAPSE / nS):g} nS = {g:.0f} nS",
            (px, py),
            xytext=(-14 - size / 2, 0),
            textcoords="offset points",
            ha="right",
            va="center",
            fontsize=14,
            color=colour,
            zorder=7,
        )
    box = {"boxstyle": "round,pad=0.25", "fc": "white", "ec": "none", "alpha": 0.9}
    (cx, cy), _ = geo.soma
    span = float(np.ptp(geo.segments.reshape(-1, 2), axis=0).max())
    line = {"arrowstyle": "-", "color": "0.3"}
    ax_cell.annotate(
        "soma",
        (cx, cy),
        xytext=(cx + 0.07 * span, cy + 0.1 * span),
        fontsize=16,
        fontweight="bold",
        color=REGION_COLORS["soma"],
        bbox=box,
        ha="left",
        arrowprops=line,
        zorder=7,
    )
    dx, dy = geo.pairs["dendrites"][0]
    ax_cell.annotate(
        "dendrites",
        (dx, dy),
        xytext=(cx + 0.03 * span, cy + 0.28 * span),
        fontsize=16,
        fontweight="bold",
        color=REGION_COLORS["dendrite"],
        bbox=box,
        ha="left",
        arrowprops=line,
        zorder=7,
    )
    if "ais" in set(geo.regions):
        ax, ay = geo.pairs["threshold"][0]
        ax_cell.annotate(
            "initial segment:\nthe spike starts here",
            (ax, ay),
            xytext=(ax - 0.05 * span, ay - 0.2 * span),
            fontsize=14,
            color=REGION_COLORS["ais"],
            fontweight="bold",
            bbox=box,
            ha="left",
            va="top",
            arrowprops=line,
            zorder=7,
        )
    axx, axy = geo.pairs["axon"][0]
    ax_cell.annotate(
        "axon → next neuron",
        (axx, axy),
        xytext=(axx - 0.1 * span, axy + 0.05 * span),
        ha="center",
        va="bottom",
        fontsize=16,
        fontweight="bold",
        color=REGION_COLORS["axon"],
        bbox=box,
        zorder=7,
    )
    end = geo.segments[geo.regions == "axon"][:, 1] if "axon" in set(geo.regions) else None
    if end is not None and len(end):
        tip = end[np.argmax(end[:, 0])]
        ax_cell.annotate(
            "",
            xy=(tip[0] + 0.05 * span, tip[1]),
            xytext=tuple(tip),
            arrowprops={
                "arrowstyle": "-|>",
                "color": REGION_COLORS["axon"],
                "lw": 2.5,
                "mutation_scale": 20,
            },
        )
        x0, x1 = ax_cell.get_xlim()
        ax_cell.set_xlim(x0 - 0.16 * span, max(x1, tip[0] + 0.08 * span))
        x0, y0 = cx + 0.04 * span, ax_cell.get_ylim()[0] + 0.03 * span
        ax_cell.plot([x0, x0 + 100], [y0, y0], color="0.2", lw=3, solid_capstyle="butt")
        ax_cell.text(x0 + 50, y0 + 0.012 * span, "100 µm", ha="center", va="bottom", fontsize=14)
    if trace is not None:
        from brian2 import ms

        inset = ax_cell.inset_axes([0.82, 0.04, 0.16, 0.26])
        t = np.asarray(trace.t / ms)
        axon_secs = [n for n, g in cell.geometry.sections.items() if g.region == "axon"]
        where = [("soma", 0.5, REGION_COLORS["soma"], "soma")]
        if axon_secs:
            where.append((axon_secs[-1], 0.9, REGION_COLORS["axon"], "axon end"))
        peaks = []
        for sec, pos, colour, _ in where:
            v = np.asarray(trace.at(sec, pos) / mV)
            inset.plot(t, v, color=colour, lw=2.5)
            peaks.append(t[int(np.argmax(v))])
        # the names stacked just right of the later spike, where both traces are at rest
        right = max(peaks) + 0.06 * (t[-1] - t[0])
        for row, (_, _, colour, name) in enumerate(where):
            inset.text(right, 45 - 30 * row, name, color=colour, fontsize=13, va="center")
        inset.set_xlabel("time (ms)", fontsize=13)
        inset.set_ylabel("v (mV)", fontsize=13)
        inset.set_ylim(-85, 70)
        inset.set_xlim(t[0], t[-1] + 0.45 * (t[-1] - t[0]))
        inset.tick_params(labelsize=12)
        inset.set_title("output: one spike", fontsize=14, color=REGION_COLORS["axon"])
    if fi_curve is not None:
        inset = ax_cell.inset_axes([0.76, 0.7, 0.16, 0.25])
        import brian2 as b2
        from brian2 import cm, nA, uA

        density = b2.get_dimensions(fi_curve.x) == b2.get_dimensions(uA / cm**2)
        x_unit = (
            uA / cm**2
            if density
            else nA
            if b2.get_dimensions(fi_curve.x) == (b2.get_dimensions(nA))
            else None
        )
        xs, ys = fi_curve.arrays(x_unit)
        inset.plot(xs, ys, color=COLORS["activation"], lw=3)
        inset.set_xlabel(fi_curve.x_label, fontsize=13)
        inset.set_ylabel("rate (Hz)", fontsize=13)
        inset.tick_params(labelsize=12)
        inset.set_title("the cell's φ: its f-I curve", fontsize=14, color=COLORS["activation"])
    ax_cell.set_title(
        "A brain neuron: a cortical pyramidal cell at 37 °C, simulated",
        fontsize=19,
        loc="left",
        fontweight="bold",
    )

    draw_neuron(neuron, ax_ann, x=x)
    ax_ann.set_title(
        "The artificial neuron of deep learning: the same weights, as numbers",
        fontsize=19,
        loc="left",
        fontweight="bold",
    )
    patches = []
    if arrows:
        patches = _correspondence_arrows(fig, ax_cell, ax_ann, geo)
    return {
        "figure": fig,
        "ax_cell": ax_cell,
        "ax_ann": ax_ann,
        "geometry": geo,
        "cell_drawing": drawn,
        "arrows": patches,
    }


def _correspondence_arrows(fig, ax_cell, ax_ann, geo):
    """Each pair of :data:`PAIRS`: a box with both names in the band between the two
    diagrams, an arrow from the box up to the cell part and one down to the artificial
    part. Returns the arrows (ConnectionPatch)."""
    from matplotlib.patches import ConnectionPatch

    from bioneuro.style import COLORS

    colours = {
        "dendrites": COLORS["dendrite"],
        "synapse": COLORS["synapse"],
        "soma": COLORS["soma"],
        "threshold": COLORS["activation"],
        "axon": COLORS["axon"],
    }
    patches = []
    for (key, bio_text, ann_text), lx in zip(PAIRS, LABEL_X, strict=True):
        bio_xy, ann_xy = geo.pairs[key]
        colour = colours[key]
        fig.text(
            lx,
            LABEL_Y,
            f"{bio_text}\n↕\n{ann_text}",
            ha="center",
            va="center",
            fontsize=14,
            color=colour,
            fontweight="bold",
            linespacing=1.1,
            bbox={"boxstyle": "round,pad=0.35", "fc": "white", "ec": colour, "lw": 1.5},
            zorder=8,
        )
        style = {
            "arrowstyle": "-|>",
            "mutation_scale": 18,
            "lw": 2,
            "ls": (0, (5, 3)),
            "color": colour,
            "alpha": 0.8,
            "zorder": 0,
        }
        for xy, ax, off, shrink in ((bio_xy, ax_cell, 0.055, 9), (ann_xy, ax_ann, -0.055, 3)):
            con = ConnectionPatch(
                xyA=(lx, LABEL_Y + off),
                coordsA=fig.transFigure,
                xyB=tuple(xy),
                coordsB=ax.transData,
                shrinkB=shrink,
                **style,
            )
            fig.add_artist(con)
            patches.append(con)
    return patches


# ------------------------------------------------------------------- two cells


@dataclass(frozen=True)
class TwoCellsGeometry:
    """What :func:`draw_two_cells` draws, each cell in its own µm coordinates.

    Attributes
    ----------
    segments : (n, 2, 2) array
        Every non-soma compartment of the cell (drawn twice: cell 1 and cell 2).
    axon_tip : (2,) array
        The end of cell 1's axon, where its synapse on cell 2 starts (µm).
    synapse : (2,) array
        The compartment of cell 2 that receives it (µm).
    soma : (2,) array
    """

    segments: np.ndarray
    axon_tip: np.ndarray
    synapse: np.ndarray
    soma: np.ndarray


def two_cells_geometry(cell, section, position) -> TwoCellsGeometry:
    """Every number :func:`draw_two_cells` draws for ``cell`` (a :class:`bioneuro.bio.Cell`)
    with the synapse at ``position`` along ``section`` of the second copy."""
    from bioneuro.bio import Cell

    if not isinstance(cell, Cell):
        raise TypeError(f"cell must be a bioneuro.bio.Cell; got {type(cell).__name__}")
    keep = cell.region_of != "soma"
    segments = np.stack([cell.start[keep, :2], cell.end[keep, :2]], axis=1)
    axon = np.flatnonzero(np.isin(cell.region_of.astype(str), ("axon", "node")))
    if not axon.size:
        raise ValueError("cell has no axon: the spike needs one to reach the next cell")
    tip = cell.end[axon[np.argmax(cell.distance_um[axon])], :2].copy()
    site = cell.midpoints()[cell.compartment(section, position), :2].copy()
    soma = cell.start[np.flatnonzero(~keep)[0], :2].copy()
    return TwoCellsGeometry(segments=segments, axon_tip=tip, synapse=site, soma=soma)


def draw_two_cells(cell, chain, fig, *, section, position, rect=(0.02, 0.52, 0.96, 0.38)):
    """Draw two copies of ``cell`` side by side, cell 1's axon ending on cell 2's dendrite.

    Parameters
    ----------
    cell : Cell
        The cell both are (as :func:`bioneuro.bio.cell_chain` simulates them).
    chain : CellChain
        What :func:`bioneuro.bio.cell_chain` measured (used for the labels).
    fig : matplotlib Figure
    section, position :
        Where the synapse sits on cell 2 (as passed to ``cell_chain``).
    rect : (left, bottom, width, height)
        The figure area of the two drawings.

    Returns
    -------
    dict with ``axes`` (two Axes), ``geometry`` (:class:`TwoCellsGeometry`) and
    ``contact`` (the ConnectionPatch from cell 1's axon tip to cell 2's synapse).
    """
    from matplotlib.patches import ConnectionPatch

    from bioneuro.bio.draw import REGION_COLORS, draw_cell
    from bioneuro.style import COLORS

    geo = two_cells_geometry(cell, section, position)
    left, bottom, width, height = rect
    gap = 0.06 * width
    w = (width - gap) / 2
    axes = [
        fig.add_axes([left, bottom, w, height]),
        fig.add_axes([left + w + gap, bottom, w, height]),
    ]
    for k, ax in enumerate(axes):
        draw_cell(cell, ax, labels=False, width=(1.5, 8.0), scalebar=100 if k == 0 else None)
        ax.set_title(f"cell {k + 1}", fontsize=17, fontweight="bold", loc="left")
    for ax in axes:
        ax.set_xlim(axes[0].get_xlim())
        ax.set_ylim(axes[0].get_ylim())
    sx, sy = geo.synapse
    axes[1].plot(sx, sy, marker="o", ms=13, color=COLORS["synapse"], mec="black", zorder=7)
    axes[0].plot(*geo.axon_tip, marker=">", ms=13, color=REGION_COLORS["axon"], zorder=7)
    contact = ConnectionPatch(
        xyA=tuple(geo.axon_tip),
        coordsA=axes[0].transData,
        xyB=(sx, sy),
        coordsB=axes[1].transData,
        arrowstyle="-|>",
        mutation_scale=22,
        lw=3,
        color=REGION_COLORS["axon"],
        connectionstyle="arc3,rad=-0.25",
        zorder=6,
    )
    fig.add_artist(contact)
    axes[1].annotate(
        "synapse",
        (sx, sy),
        xytext=(0, -28),
        textcoords="offset points",
        ha="center",
        va="top",
        fontsize=15,
        fontweight="bold",
        color=COLORS["synapse"],
    )
    cx, cy = geo.soma
    for ax in axes:
        ax.annotate(
            "soma",
            (cx, cy),
            xytext=(22, 30),
            textcoords="offset points",
            fontsize=14,
            arrowprops={"arrowstyle": "-", "color": "0.3"},
        )
    axes[0].annotate(
        "axon",
        tuple(0.5 * (geo.soma + geo.axon_tip)),
        xytext=(0, 10),
        textcoords="offset points",
        ha="center",
        va="bottom",
        fontsize=15,
        fontweight="bold",
        color=REGION_COLORS["axon"],
    )
    axes[1].annotate(
        "dendrites",
        (sx, sy),
        xytext=(-10, 52),  # above the tip of the upper branch
        textcoords="offset points",
        ha="center",
        va="bottom",
        fontsize=15,
        fontweight="bold",
        color=REGION_COLORS["dendrite"],
    )
    return {"axes": axes, "geometry": geo, "contact": contact}
