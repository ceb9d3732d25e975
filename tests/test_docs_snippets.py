"""The docs keep their promises: every figure is documented, and every snippet runs.

(a) Every ``simulations/plot_*.py`` has a section in docs/gallery.md (whose generated
    block must be up to date) and is explained on an area page ``docs/<area>.md`` or in
    the hand-written part of docs/gallery.md.
(b) Every ```python block of ``docs/*.md`` runs: all blocks run in ONE subprocess
    (headless, with a timeout; a fresh namespace per block, so each block must import
    what it uses), to pay Brian2's import once. A block whose first line is
    ``# docs-test: skip (<why>)`` is skipped, and only with a reason saying it is too slow
    (the word "slow" or its run time, e.g. "40 s to compile cold").
"""

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bioneuro.figures import gallery
from bioneuro.figures.scripts import figure_scripts

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SKIP = re.compile(r"#\s*docs-test:\s*skip\s*\((.+)\)")
# "# docs-test: runs in tests/x.py (why)": the snippet's calls are run, verbatim, by that
# test (checked below), instead of once more here.
ELSEWHERE = re.compile(r"#\s*docs-test:\s*runs in (tests/\S+\.py)")
TIMEOUT = 600  # s, all pages; a cold Brian2 cache compiles each new code (15-40 s)

RUNNER = textwrap.dedent(
    """
    import json, sys, time, traceback
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from bioneuro.bio.backends.brian import freeze_survivors, frozen_heap
    blocks = json.load(sys.stdin)
    # as between the suite's tests (conftest.py): each block's garbage is collected and
    # what survived is frozen, so Brian2's gc.collect() at every run walks only the
    # objects the running block made (26-28 s -> 19-22 s for all blocks)
    with frozen_heap(collect=True):
        for i, code in enumerate(blocks):
            t0 = time.perf_counter()
            try:
                exec(compile(code, f"<block {i}>", "exec"), {"__name__": "__docs__"})
                error = None
            except BaseException:
                error = traceback.format_exc(limit=6)
            plt.close("all")
            freeze_survivors()
            print("@@" + json.dumps({"block": i, "error": error,
                                     "seconds": time.perf_counter() - t0}), flush=True)
    """
)


def python_blocks(text):
    return re.findall(r"^```python\n(.*?)^```", text, flags=re.S | re.M)


def pages():
    return sorted(p for p in DOCS.glob("*.md") if python_blocks(p.read_text(encoding="utf-8")))


def blocks_of(page):
    return python_blocks(page.read_text(encoding="utf-8"))


CASES = [(p.name, i) for p in pages() for i in range(len(blocks_of(p)))]


# ------------------------------------------------------------------ (a) documented


def test_gallery_block_is_up_to_date():
    text = (DOCS / "gallery.md").read_text(encoding="utf-8")
    block = text.split(gallery.START, 1)[1].split(gallery.END, 1)[0]
    assert block.strip() == gallery.gallery_block(ROOT).strip(), (
        "docs/gallery.md is stale: run `bioneuro list --update-readme`"
    )


@pytest.mark.parametrize("script", [s.name for s in figure_scripts(ROOT)])
def test_every_figure_has_a_docs_section(script):
    text = (DOCS / "gallery.md").read_text(encoding="utf-8")
    listed, own = text.split(gallery.END, 1)
    assert f"(`{script}`)" in listed, f"{script} is not in the gallery block of docs/gallery.md"
    page = gallery.area_page(script, DOCS)
    assert page or gallery._mentions(own, script), (
        f"simulations/plot_{script}.py has no section on an area page docs/<area>.md "
        f"(a heading or bold lead naming `{script}` or plot_{script}.py), nor in the "
        "hand-written part of docs/gallery.md"
    )


# ------------------------------------------------------------------ (b) snippets run


@pytest.fixture(scope="session")
def snippet_results(tmp_path_factory):
    """Run every block of every page once, all in ONE subprocess (Brian2 imported once),
    each block in a fresh namespace; return ({(page, block): result}, stderr tail)."""
    keys, codes = [], []
    for page in pages():
        for i, code in enumerate(blocks_of(page)):
            first = code.splitlines()[0] if code else ""
            keys.append((page.name, i))
            codes.append("pass" if SKIP.search(first) or ELSEWHERE.search(first) else code)
    env = {**os.environ, "MPLBACKEND": "Agg"}
    proc = subprocess.run(
        [sys.executable, "-c", RUNNER],
        input=json.dumps(codes),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        cwd=tmp_path_factory.mktemp("docs"),
        env=env,
    )
    results = {}
    for line in proc.stdout.splitlines():
        if line.startswith("@@"):
            r = json.loads(line[2:])
            results[keys[r["block"]]] = r
    return results, proc.stderr[-3000:]


@pytest.mark.parametrize(("page", "block"), CASES, ids=[f"{p}-{i}" for p, i in CASES])
@pytest.mark.slow  # the first case runs every snippet: ~40-60 s warm (see the module notes)
@pytest.mark.xdist_group("docs_snippets")  # one worker runs the shared subprocess, once
def test_docs_snippet_runs(page, block, snippet_results):
    code = blocks_of(DOCS / page)[block]
    first = code.splitlines()[0] if code else ""
    elsewhere = ELSEWHERE.search(first)
    if elsewhere:
        test_code = (DOCS.parent / elsewhere.group(1)).read_text(encoding="utf-8")
        calls = [ln.split("#")[0].strip() for ln in code.splitlines()[1:]]
        calls = [c for c in calls if c and not c.startswith(("from ", "import ", "print("))]
        missing = [c for c in calls if c not in test_code]
        assert calls and not missing, (
            f"{page} block {block}: {elsewhere.group(1)} must run these lines verbatim: {missing}"
        )
        return
    skip = SKIP.search(first)
    if skip:
        reason = skip.group(1)
        assert re.search(r"slow|\d+\s*(s|min)\b", reason), (
            f"{page} block {block}: a snippet may be skipped only for being too slow, and "
            f"the reason must say so (the word 'slow' or its time); got ({reason})"
        )
        pytest.skip(f"{page} block {block}: {reason}")
    results, stderr = snippet_results
    assert (page, block) in results, f"{page} block {block} never finished:\n{stderr}"
    result = results[(page, block)]
    assert result["error"] is None, f"{page} block {block} failed:\n{code}\n{result['error']}"
