"""`bioneuro figures` draws what `bioneuro list` lists, and every script is documented.

The drawing itself, one test per figure (`bioneuro figures --quick NAME` into a temporary
folder, each figure's PNG and SVG written), is in tests/test_legibility.py: the figure
it writes is the one measured there, so each figure is drawn once in the suite.
"""

from bioneuro import cli
from bioneuro.figures import scripts as figure_tools

SCRIPTS = figure_tools.figure_scripts()


def test_figures_without_names_draws_every_listed_figure(tmp_path, monkeypatch, capsys):
    # `bioneuro figures` with no names must draw exactly what `bioneuro list` lists;
    # the drawing itself is the per-figure test above, here it is recorded only.
    drawn = []

    def fake_render(make_figure, name, out_dir, *, quick=False, formats=("png", "svg")):
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
