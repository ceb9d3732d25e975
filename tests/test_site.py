"""The docs site builds with no warnings, and a real browser finds it whole.

The build is the documented command (``sphinx-build -W --keep-going -b html docs
docs/_build/html``): a warning, a broken cross-reference or a figure script that fails
fails it. Headless Chromium (Debian's ``chromium``, driven by Playwright) then opens
the landing page, the gallery, two figure pages and the gallery list on a localhost
server, and fails on an image that did not load (``naturalWidth == 0``), an internal
link (or its ``#anchor``) that leads nowhere, a docutils error box or a traceback on
the page, or a JavaScript error. Screenshots go to ``docs/_screenshots/``.

Runs in CI's own step (``.ci/run``; ``nox -s site``), with ``BIONEURO_REQUIRE_EXTRAS=1``:
without it the build and the browser tests skip (``extras_step`` in conftest.py), so the
README's ``pytest`` is the same suite in every environment. Needs the ``docs`` extras
(``pip install -e ".[docs]"``) and ``apt-get install -y chromium``; a missing tool fails
the step. Cost: a warm build (no figure script changed) takes ~15 s; the
first build runs every figure script in quick mode (several minutes on 2 cores).
"""

from __future__ import annotations

import functools
import http.server
import importlib
import os
import re
import subprocess
import sys
import threading
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlparse
from urllib.request import urlopen

import pytest

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "docs" / "_build" / "html"
SHOTS = ROOT / "docs" / "_screenshots"
CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: The pages the browser opens: the landing page, the gallery, two figure pages, and the
#: Markdown gallery list (its images come from ../figures/, rewritten for the site).
PAGES = {
    "landing": "index.html",
    "gallery": "figures/index.html",
    "fi_curves": "figures/plot_fi_curves.html",
    "two_neurons": "figures/plot_two_neurons.html",
    "gallery_list": "gallery.html",
}

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("site")]


def _require(module):
    if os.environ.get("BIONEURO_REQUIRE_EXTRAS") == "1":
        return importlib.import_module(module)
    return pytest.importorskip(module, reason='needs the docs extras: pip install -e ".[docs]"')


@pytest.fixture(scope="module")
def build(extras_step):
    """Build the site with the documented command; return (seconds, log)."""
    _require("sphinx_gallery")
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-b", "html", "docs", str(HTML)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    seconds = time.perf_counter() - start
    log = done.stdout + done.stderr
    assert done.returncode == 0, f"sphinx-build failed:\n{log[-6000:]}"
    return seconds, log


def test_site_builds_without_warnings(build):
    seconds, log = build
    assert "build succeeded" in log
    assert not re.search(r"\bWARNING:|\bERROR:", log)
    print(f"site build: {seconds:.1f} s")
    for page in PAGES.values():
        assert (HTML / page).is_file(), page


def test_every_figure_script_has_a_page_and_a_notebook(build):
    scripts = sorted((ROOT / "simulations").glob("plot_*.py"))
    assert scripts
    for script in scripts:
        assert (HTML / "figures" / f"{script.stem}.html").is_file(), script.name
        assert (ROOT / "docs" / "figures" / f"{script.stem}.ipynb").is_file(), script.name


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(build):
    """The built site on http://127.0.0.1:<free port>/ (stopped after the module)."""
    handler = functools.partial(_Quiet, directory=str(HTML))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser(extras_step, tmp_path_factory):
    """Headless Debian Chromium with a new empty profile, driven by Playwright."""
    sync_api = _require("playwright.sync_api")
    if not CHROMIUM.exists():
        if os.environ.get("BIONEURO_REQUIRE_EXTRAS") == "1":
            pytest.fail("no /usr/bin/chromium: apt-get install -y chromium")
        pytest.skip("no /usr/bin/chromium: apt-get install -y chromium")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(CHROMIUM),
            headless=True,
            args=FLAGS,
            viewport={"width": 1280, "height": 900},
        )
        yield context
        context.close()


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        for key, value in attrs:
            if key in ("id", "name") and value:
                self.ids.add(value)


@functools.cache
def _fetch(url):
    """(status, ids on the page) of an internal URL."""
    try:
        with urlopen(url, timeout=30) as response:
            body = response.read()
            status = response.status
    except OSError:
        return 404, frozenset()
    parser = _Ids()
    if url.endswith((".html", "/")):
        parser.feed(body.decode("utf-8", errors="replace"))
    return status, frozenset(parser.ids)


_LOAD_IMAGES = """async () => {
  const images = Array.from(document.images);
  for (const img of images) { img.loading = "eager"; }
  await Promise.all(images.map(img => img.complete ? null :
      new Promise(done => { img.onload = done; img.onerror = done; })));
  return images.map(img => [img.currentSrc || img.src, img.naturalWidth]);
}"""

_PAGE_PROBLEMS = """() => {
  const bad = Array.from(document.querySelectorAll(".system-message, .problematic"));
  return bad.map(el => el.textContent.trim().slice(0, 200));
}"""


def _broken_links(page, base):
    """Internal links of ``page`` whose target (or #anchor) is missing."""
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(a => a.href)")
    broken = []
    for href in sorted(set(hrefs)):
        if urlparse(href).netloc != urlparse(base).netloc:
            continue  # external: not this test's business (no network here)
        url, fragment = urldefrag(href)
        status, ids = _fetch(url)
        if status != 200:
            broken.append(f"{href} ({status})")
        elif fragment and url.endswith(".html") and fragment not in ids:
            broken.append(f"{href} (no #{fragment} on the page)")
    return broken


@pytest.mark.parametrize("name", list(PAGES))
def test_page_in_chromium(browser, server, name):
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    response = page.goto(urljoin(server, PAGES[name]), wait_until="load")
    assert response is not None and response.status == 200
    images = page.evaluate(_LOAD_IMAGES)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=name != "gallery_list")
    assert images, f"{name}: no image on the page"
    failed = [src for src, width in images if width == 0]
    assert not failed, f"{name}: images that did not load: {failed}"
    assert not _broken_links(page, server), f"{name}: broken internal links"
    assert not page.evaluate(_PAGE_PROBLEMS), f"{name}: docutils error boxes on the page"
    text = page.inner_text("body")
    assert "Traceback (most recent call last)" not in text, f"{name}: a traceback"
    assert not errors, f"{name}: JavaScript errors {errors}"
    if name == "landing":
        assert page.locator("img[src*='two_neurons']").count() >= 1
        thumbnails = page.locator(".sphx-glr-thumbcontainer")
        assert thumbnails.count() == len(list((ROOT / "simulations").glob("plot_*.py")))
    if name in ("fi_curves", "two_neurons"):
        assert page.locator("img.sphx-glr-single-img").count() >= 1  # the figure
        downloads = page.eval_on_selector_all("a.download", "els => els.map(a => a.href)")
        assert any(h.endswith(".py") for h in downloads), downloads
        assert any(h.endswith(".ipynb") for h in downloads), downloads
        assert "What to look at" in text
    page.close()


def test_broken_link_is_caught(browser, server, tmp_path):
    """The link check itself can fail: a page with a dead link and a dead anchor."""
    bad = HTML / "_test_broken_links.html"
    bad.write_text(
        '<html><body><a href="nowhere.html">x</a><a href="index.html#no-such-anchor">y</a>'
        '<img src="missing.png"></body></html>',
        encoding="utf-8",
    )
    try:
        page = browser.new_page()
        page.goto(urljoin(server, bad.name), wait_until="load")
        images = page.evaluate(_LOAD_IMAGES)
        assert [w for _, w in images] == [0]
        broken = _broken_links(page, server)
        assert any("nowhere.html" in b for b in broken)
        assert any("no-such-anchor" in b for b in broken)
        page.close()
    finally:
        bad.unlink()


def test_run_script_under_sphinx_gallery_only_draws(monkeypatch, tmp_path):
    """BIONEURO_GALLERY (set by docs/conf.py): draw, seeded, leave the figure open."""
    import matplotlib.pyplot as plt
    import numpy as np

    from bioneuro.figures.scripts import run_script

    calls = []

    def make_figure(quick=False):
        calls.append((quick, np.random.rand()))  # noqa: NPY002 - the seed under test
        return plt.figure()

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "argv", ["sphinx-build", "-W", "docs", "out"])  # not its args
    before = set(plt.get_fignums())
    for mode in ("quick", "full"):
        monkeypatch.setenv("BIONEURO_GALLERY", mode)
        run_script(make_figure, tmp_path / "plot_x.py")
    assert [quick for quick, _ in calls] == [True, False]
    assert calls[0][1] == calls[1][1]  # seeded
    assert len(set(plt.get_fignums()) - before) == 2  # left open for the scraper
    assert not list(tmp_path.iterdir())  # no files written
    monkeypatch.setenv("BIONEURO_GALLERY", "yes")
    with pytest.raises(ValueError, match="'quick' or 'full'"):
        run_script(make_figure, tmp_path / "plot_x.py")
    plt.close("all")


def test_a_downloaded_figure_notebook_runs(build):
    """sphinx-gallery's notebook of a figure script draws the figure in a plain kernel."""
    nbclient = _require("nbclient")
    nbformat = _require("nbformat")
    path = ROOT / "docs" / "figures" / "plot_activation_functions.ipynb"
    nb = nbformat.read(path, as_version=4)
    assert "BIONEURO_GALLERY" in nb.cells[0].source  # conf.py's first_notebook_cell
    nbclient.NotebookClient(nb, timeout=120, kernel_name="python3").execute()  # see test_notebooks
    pngs = [o for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    assert len(pngs) == 1
