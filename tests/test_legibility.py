"""Every figure is legible on a slide: no text on text, no legend on data, no tiny text.

Each figure is drawn (headless, styled, seeded, as `bioneuro figures` draws it) and then
measured with the renderer's bounding boxes, not pixels:

* **text on text**: every pair of texts that were drawn (titles, labels, tick labels,
  legends, annotations) must not overlap by more than :data:`TOLERANCE_PX` in both
  directions;
* **legend on data**: no line, marker or line collection of an axes may pass through
  the box of a legend drawn on that axes;
* **text on data**: no line, marker or line collection of an axes may cross a text
  written inside that axes (labels, annotations, the conditions in a corner), unless
  the text sits on its own background box; the text's box is first trimmed by
  :data:`TOLERANCE_PX` at the sides and :data:`EMPTY_LINE_SPACE` of its height at the
  top and bottom, where a glyph box holds only the line's ascent and descent;
* **collapsed traces** (not legibility, but found by the same drawing): a line of three
  or more points whose x values are all equal while its y values differ (a trace whose
  time axis collapsed, as relay_chain's did when a Brian2 monitor was rewound), or whose
  values are all NaN (a trace that draws nothing);
* **small text**: when the figure (its tight bounding box, as saved) fills a
  1920-pixel-wide slide, no text may be smaller than 14 pixels
  (:func:`bioneuro.style.min_fontsize`).

Quick mode runs in the default suite, one test per figure, on the figure that
``bioneuro figures --quick NAME`` draws and writes (the same test checks the files).
Full mode draws the figures as `bioneuro figures` does (minutes); run it with::

    BIONEURO_LEGIBILITY=full pytest -n 2 tests/test_legibility.py

Exceptions are listed in :data:`EXCEPTIONS`, each with its reason; a failure names the
figure, the kind of problem and the texts involved.
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass, field

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from bioneuro import cli
from bioneuro.figures import scripts as figure_tools
from bioneuro.figures.scripts import figure_scripts, load_make_figure
from bioneuro.style import MIN_TEXT_PX, SLIDE_WIDTH_PX, style

#: Two texts may touch by this much (figure pixels at 100 dpi) before they overlap:
#: a glyph box includes its line's ascent and descent, so stacked lines touch.
TOLERANCE_PX = 1.5

#: The share of a text's box height, at its top and at its bottom, that a line may cross
#: ("text on data"): the room above capitals and below the baseline that most glyphs leave
#: empty, so a reference line drawn just under its own label does not count.
EMPTY_LINE_SPACE = 0.15

#: (figure, kind, text) -> why it is allowed. ``kind`` is "overlap", "legend", "on data"
#: or "small"; ``text`` is the start of the text involved ("" matches every text).
EXCEPTIONS: dict = {
    ("network_layers", "on data", ""): "a diagram: each weight is written on its own "
    "connection and Σ φ inside its neuron, as the course's figure of a network draws them",
}

SCRIPTS = {s.name: s for s in figure_scripts()}


@dataclass
class Report:
    """What :func:`measure` found in one figure."""

    width_in: float
    overlaps: list = field(default_factory=list)  # (text a, text b)
    legends: list = field(default_factory=list)  # (legend's first label, artist label)
    on_data: list = field(default_factory=list)  # (text, artist label)
    collapsed: list = field(default_factory=list)  # (artist label, what is wrong)
    small: list = field(default_factory=list)  # (text, size in slide pixels)

    def problems(self, name):
        """Every finding not excused in :data:`EXCEPTIONS`, as readable lines."""
        out = []
        for kind, items in (
            ("overlap", self.overlaps),
            ("legend", self.legends),
            ("on data", self.on_data),
            ("collapsed", self.collapsed),
            ("small", self.small),
        ):
            for item in items:
                text = str(item[0])
                if any(
                    k[0] == name and k[1] == kind and text.startswith(k[2]) for k in EXCEPTIONS
                ):
                    continue
                out.append(f"{kind}: {item!r}")
        return out


def _drawn_texts(fig):
    """Draw ``fig`` and return the Text artists that were actually drawn.

    The draw makes no pixels (``draw_without_rendering``: the layout, the positions and
    the text extents of a draw, without painting them): the 35 quick figures' reports
    equal those of a full Agg draw, at 60 % of its CPU time (3.9 against 6.6 s).
    """
    drawn = []
    original = Text.draw

    def spy(self, renderer):
        if self.get_visible() and self.get_text().strip():
            drawn.append(self)
        return original(self, renderer)

    Text.draw = spy
    try:
        fig.draw_without_rendering()
    finally:
        Text.draw = original
    return drawn


def _label(text):
    return " ".join(text.get_text().split())[:60]


def _data_artists(ax):
    """Lines, markers and line collections drawn in ``ax`` (not the legend's own)."""
    for artist in [*ax.lines, *ax.collections]:
        if artist.get_visible() and isinstance(artist, (Line2D, PathCollection, LineCollection)):
            yield artist


def _inside(box, points):
    """Does any of ``points`` (n, 2), display coordinates, lie inside ``box``?"""
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    x, y = points[:, 0], points[:, 1]
    return bool(np.any((x >= box.x0) & (x <= box.x1) & (y >= box.y0) & (y <= box.y1)))


def _covers(box, artist):
    """Does ``artist`` (a line, marker set or line collection) enter ``box`` (display)?"""
    if isinstance(artist, Line2D):
        xy = artist.get_xydata()
        if not len(xy):
            return False
        path = artist.get_transform().transform_path(artist.get_path())
        if artist.get_linestyle() not in ("None", "none", "", " ") and len(xy) > 1:
            return path.intersects_bbox(box, filled=False)
        grow = artist.get_markersize() * artist.figure.dpi / 72 / 2
        return _inside(box.padded(grow), path.vertices)
    if isinstance(artist, PathCollection):
        offsets = artist.get_offset_transform().transform(artist.get_offsets())
        return _inside(box, offsets)
    transform = artist.get_transform()
    return any(
        transform.transform_path(p).intersects_bbox(box, filled=False) for p in artist.get_paths()
    )


def measure(fig) -> Report:
    """Draw ``fig`` and measure overlaps, legends on data and text size on a slide."""
    texts = _drawn_texts(fig)
    renderer = fig.canvas.get_renderer()
    tight = fig.get_tightbbox(renderer)  # inches
    report = Report(width_in=float(tight.width))
    px_per_pt = SLIDE_WIDTH_PX / (report.width_in * 72.0)
    # the text's own box: an annotation's window extent would include its arrow
    boxes = [Text.get_window_extent(t, renderer) for t in texts]
    for t in texts:
        size = t.get_fontsize() * px_per_pt
        if size < MIN_TEXT_PX - 1e-9:
            report.small.append((_label(t), round(size, 1)))
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            a, b = boxes[i], boxes[j]
            w = min(a.x1, b.x1) - max(a.x0, b.x0)
            h = min(a.y1, b.y1) - max(a.y0, b.y0)
            if w > TOLERANCE_PX and h > TOLERANCE_PX:
                report.overlaps.append((_label(texts[i]), _label(texts[j])))
    for legend in fig.findobj(Legend):
        ax = legend.axes
        if ax is None or not legend.get_visible():
            continue
        box = Bbox.intersection(legend.get_window_extent(renderer), ax.get_window_extent(renderer))
        if box is None:
            continue
        for artist in _data_artists(ax):
            if _covers(box, artist):
                first = legend.get_texts()[0].get_text() if legend.get_texts() else ""
                report.legends.append((first[:40], str(artist.get_label())[:40]))
    for t, box in zip(texts, boxes, strict=True):
        ax = t.axes
        if ax is None or t not in ax.texts or t.get_bbox_patch() is not None:
            continue  # an axes' title or tick label, or a text on its own background
        dy = EMPTY_LINE_SPACE * box.height
        inner = Bbox.from_extents(
            box.x0 + TOLERANCE_PX, box.y0 + dy, box.x1 - TOLERANCE_PX, box.y1 - dy
        )
        for artist in _data_artists(ax):
            if _covers(inner, artist):
                report.on_data.append((_label(t), str(artist.get_label())[:40]))
    for ax in fig.axes:
        for line in ax.lines:
            problem = _collapsed(line)
            if problem:
                report.collapsed.append((str(line.get_label())[:40], problem))
    return report


def _collapsed(line):
    """What is wrong with a data line's numbers, or None (see the module docstring)."""
    x = np.asarray(line.get_xdata(), dtype=float)
    y = np.asarray(line.get_ydata(), dtype=float)
    if x.size and np.all(np.isnan(x) | np.isnan(y)):
        return "all NaN"
    if x.size >= 3 and np.ptp(x) == 0 and np.ptp(y) > 0:
        return f"all {x.size} points at x = {x[0]:g}"
    return None


def draw(name, quick):
    """Draw figure ``name`` as `bioneuro figures` does: headless, styled, seeded."""
    np.random.seed(0)  # noqa: NPY002 - the same guard as bioneuro.figures.scripts.render
    random.seed(0)
    with style():
        fig = load_make_figure(SCRIPTS[name].path)(quick=quick)
        report = measure(fig)
    plt.close(fig)
    return report


@pytest.mark.slow
@pytest.mark.parametrize("name", list(SCRIPTS))
def test_bioneuro_figures_quick_writes_a_legible_figure(name, tmp_path, monkeypatch, capsys):
    # One drawing, two checks: `bioneuro figures --quick NAME` writes the PNG and the SVG,
    # and the figure is measured on its way to them, as make_figure returned it (before
    # render() lays it out for the files), exactly what draw() measures.
    reports = []
    tight_box = figure_tools.tight_box

    def measure_then_lay_out(fig):
        reports.append(measure(fig))
        return tight_box(fig)

    monkeypatch.setattr(figure_tools, "tight_box", measure_then_lay_out)
    status = cli.main(["figures", "--quick", "-j", "1", "--out", str(tmp_path), name])
    out = capsys.readouterr().out
    assert status == 0, out
    for ext in ("png", "svg"):
        path = tmp_path / f"{name}.{ext}"
        assert path.exists() and path.stat().st_size > 5000, f"{path.name} missing or empty"
    assert len(reports) == 1, f"{name}: measured {len(reports)} times"
    problems = reports[0].problems(name)
    assert not problems, f"{name} (quick):\n" + "\n".join(problems)


@pytest.mark.slow
@pytest.mark.skipif(
    os.environ.get("BIONEURO_LEGIBILITY") != "full",
    reason="full mode: set BIONEURO_LEGIBILITY=full (draws full figures)",
)
@pytest.mark.parametrize("name", list(SCRIPTS))
def test_figure_is_legible_on_a_slide_full(name):
    problems = draw(name, quick=False).problems(name)
    assert not problems, f"{name} (full):\n" + "\n".join(problems)


# ------------------------------------------------------------ the check can fail


def test_the_checks_find_what_they_look_for():
    with style():
        fig, ax = plt.subplots(figsize=(8, 4))
        ax.plot([0, 1], [0, 1], label="diagonal")
        ax.legend(loc="center")  # on the line
        ax.text(0.2, 0.8, "one text")
        ax.text(0.2, 0.8, "on another")
        ax.text(0.9, 0.1, "tiny", fontsize=3)
        ax.text(0.5, 0.5, "crossed", ha="center", va="center")  # the diagonal runs through
        ax.text(0.5, 0.5, "boxed", bbox={"facecolor": "white"})  # on its own background
        ax.plot([0, 0, 0], [0.1, 0.5, 0.9], label="rewound")  # a time axis gone to zero
        ax.plot([0.2, 0.4], [np.nan, np.nan], label="empty")
        report = measure(fig)
    plt.close(fig)
    assert ("one text", "on another") in report.overlaps
    assert report.legends == [("diagonal", "diagonal")]
    assert ("crossed", "diagonal") in report.on_data
    assert report.collapsed == [("rewound", "all 3 points at x = 0"), ("empty", "all NaN")]
    assert [s[0] for s in report.small] == ["tiny"]
    # 3 pt on a figure ~8 inches wide across 1920 px: 3 * 1920 / (8 * 72) = 10 px
    assert report.small[0][1] == pytest.approx(3 * SLIDE_WIDTH_PX / (report.width_in * 72), 0.01)


def test_a_clean_figure_passes():
    with style():
        fig, ax = plt.subplots(figsize=(8, 4))
        ax.plot([0, 1], [0, 1], label="diagonal")
        ax.legend(loc="lower right")
        ax.set_title("A clean figure")
        ax.text(0.05, 0.9, "a label clear of the line")
        report = measure(fig)
    plt.close(fig)
    assert not report.problems("clean")


def test_the_style_page_lists_every_concept_colour():
    # docs/style.md is the visual language for people, bioneuro/style.py for the code:
    # every concept colour of the code appears in the page's table
    from pathlib import Path

    from bioneuro.style import CONCEPTS, PALETTE

    page = (Path(__file__).resolve().parents[1] / "docs" / "style.md").read_text("utf-8")
    for concept, (colour, _) in CONCEPTS.items():
        if colour in PALETTE.values():
            assert colour in page, f"{concept} ({colour}) missing from docs/style.md"


@pytest.mark.parametrize("limits", [(0.03, 40), (0.02, 0.5), (5, 40), (1e-3, 3)])
def test_log_axis_writes_plain_numbers_where_matplotlib_writes_powers(limits):
    # the same ticks labelled as on matplotlib's own log axis (every decade; minor ticks
    # too when the axis spans about a decade or less), each reading its position
    from bioneuro.style import log_axis

    fig, (plain, default) = plt.subplots(1, 2)
    assert log_axis(plain, "both") is plain
    default.set_xscale("log")
    for ax in (plain, default):
        ax.set_xlim(limits)
    fig.canvas.draw()
    for minor in (False, True):
        ours = [(t.get_position()[0], t.get_text()) for t in plain.get_xticklabels(minor=minor)]
        theirs = [t.get_text() for t in default.get_xticklabels(minor=minor)]
        assert [bool(text) for _, text in ours] == [bool(text) for text in theirs]
        for x, text in ours:
            assert "$" not in text
            if text:
                assert float(text) == pytest.approx(x, rel=1e-6)
    assert plain.get_yscale() == "log"
    plt.close(fig)
    with pytest.raises(ValueError, match=r"which must be 'x', 'y' or 'both'; got 'z'"):
        log_axis(default, "z")
