"""Every figure script runs (quick mode) through the `bioneuro figures` command."""

import pytest

from bioneuro import cli


@pytest.mark.slow
def test_bioneuro_figures_quick_writes_every_figure(tmp_path, capsys):
    # The whole gallery in --quick mode into a temporary folder: every figure that
    # `bioneuro list` names must come out as PNG and SVG, and the command must succeed.
    status = cli.main(["figures", "--quick", "--out", str(tmp_path)])
    out = capsys.readouterr().out
    assert status == 0, out
    for script in cli.figure_scripts():
        for ext in ("png", "svg"):
            path = tmp_path / f"{script.name}.{ext}"
            assert path.exists() and path.stat().st_size > 5000, f"{path.name} missing"
