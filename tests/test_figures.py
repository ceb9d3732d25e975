"""`bioneuro figures` draws what `bioneuro list` lists, and every script is documented.

The drawing itself, one test per figure (`bioneuro figures --quick NAME` into a temporary
folder, each figure's PNG and SVG written), is in tests/test_legibility.py: the figure
it writes is the one measured there, so each figure is drawn once in the suite.
"""

import pytest

from bioneuro import cli
from bioneuro.figures import scripts as figure_tools

SCRIPTS = figure_tools.figure_scripts()


def test_figures_without_names_draws_every_listed_figure(tmp_path, monkeypatch, capsys):
    # `bioneuro figures` with no names must draw exactly what `bioneuro list` lists;
    # the drawing itself is the per-figure test above, here it is recorded only.
    drawn = []

    def fake_render(
        make_figure, name, out_dir, *, quick=False, formats=("png", "svg"), cache=None
    ):
        drawn.append((name, quick, tuple(formats)))

    monkeypatch.setattr(figure_tools, "render", fake_render)
    monkeypatch.setattr(figure_tools, "load_make_figure", lambda path: None)
    assert cli.main(["figures", "--quick", "--out", str(tmp_path)]) == 0
    assert [d[0] for d in drawn] == [s.name for s in SCRIPTS]
    assert all(d[1] and d[2] == ("png", "svg") for d in drawn)
    cli.main(["list"])
    listed = [line.split()[0] for line in capsys.readouterr().out.splitlines()[-len(SCRIPTS) :]]
    assert listed == [s.name for s in SCRIPTS]


def test_every_script_has_a_proper_docstring():
    # title, '=' underline, one-sentence caption, then "What to look at"
    for script in SCRIPTS:
        text = script.path.read_text(encoding="utf-8")
        assert "What to look at" in text, script.path.name
        assert script.caption.endswith("."), script.path.name
        assert figure_tools.describe_script(script.path).name == script.name


def test_png_files_hold_matplotlibs_pixels_without_an_empty_alpha_channel(tmp_path):
    # write_png writes what savefig(format="png", bbox_inches=box) draws, pixel for pixel;
    # RGB when every pixel is opaque, RGBA kept when one is not (nothing silently lost)
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np
    from PIL import Image

    from bioneuro.style import style

    with style():
        for transparent in (False, True):
            fig, ax = plt.subplots(figsize=(4, 3))
            ax.plot([0, 1, 2], [0, 1, 0.5], label="a line")
            ax.set_title("a title")
            ax.legend()
            if transparent:
                fig.patch.set_alpha(0.0)
                ax.patch.set_alpha(0.0)
            box = figure_tools.tight_box(fig)
            fig.savefig(tmp_path / "matplotlib.png", bbox_inches=box)
            figure_tools.write_png(fig, tmp_path / "ours.png", box)
            plt.close(fig)
            theirs = Image.open(tmp_path / "matplotlib.png")
            ours = Image.open(tmp_path / "ours.png")
            assert theirs.mode == "RGBA"
            assert ours.mode == ("RGBA" if transparent else "RGB")
            assert ours.size == theirs.size
            assert np.array_equal(np.asarray(ours), np.asarray(theirs.convert(ours.mode)))
            assert ours.info["Software"] == "bioneuro"
            assert ours.info["dpi"] == pytest.approx((150, 150), abs=0.02)  # pixels per metre


def test_each_file_is_one_draw_once_the_layout_is_done(tmp_path, monkeypatch):
    # tight_box runs the layout once, without drawing, and leaves no layout engine:
    # savefig would otherwise draw a figure with one (even the "none" placeholder)
    # twice per file
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.figure
    import matplotlib.pyplot as plt

    from bioneuro.style import style

    draws = []
    draw = matplotlib.figure.Figure.draw
    monkeypatch.setattr(
        matplotlib.figure.Figure, "draw", lambda fig, r: draws.append(1) or draw(fig, r)
    )

    def figure():
        fig, ax = plt.subplots(figsize=(4, 3), layout="constrained")
        ax.plot([0, 1], [0, 1])
        ax.set_title("a title")
        ax.set_ylabel("a label")
        return fig, ax

    with style():
        # the layout and the box a draw at the saving resolution gives, without a draw
        drawn, drawn_ax = figure()
        drawn.set_dpi(matplotlib.rcParams["savefig.dpi"])
        drawn.draw_without_rendering()
        drawn_box = drawn.get_tightbbox(drawn.canvas.get_renderer())
        drawn_position = drawn_ax.get_position().bounds
        plt.close(drawn)
        fig, ax = figure()
        draws.clear()
        box = figure_tools.tight_box(fig)
        assert not draws
        assert fig.get_layout_engine() is None
        laid_out = ax.get_position().bounds
        assert laid_out == drawn_position
        padded = drawn_box.padded(matplotlib.rcParams["savefig.pad_inches"])
        assert box.bounds == pytest.approx(padded.bounds, abs=1e-9)
        draws.clear()
        figure_tools.write_png(fig, tmp_path / "a.png", box)
        fig.savefig(tmp_path / "a.svg", bbox_inches=box)
        assert len(draws) == 2
        assert ax.get_position().bounds == laid_out  # the layout stays as it was solved
        plt.close(fig)
