"""The glue between bioneuro's own files and the docs site (a Sphinx extension).

Small on purpose: everything else is sphinx-gallery, myst-parser, autosummary and numpydoc.

* :class:`ScriptOrder` / :func:`minigallery_order`: the gallery in the scripts' own
  ``ORDER`` (what ``bioneuro list`` and the README use), not alphabetically;
* :func:`tight_matplotlib_scraper`: save each figure as ``bioneuro figures`` does (tight
  bounding box, the style's resolution);
* :func:`absolute_value_substitutions`: ``|w|`` in docstrings printed as written;
* ``source-read`` handlers, which change what Sphinx reads, never the files:
  the landing page's gallery is generated from the scripts, grouped by ``SECTION`` like the
  README, and its table of contents lists every docs/*.md page;
  ``<img src="../figures/x.png">`` tags of the Markdown pages (written for a code host)
  become image directives, so Sphinx copies the images into the site; each figure page
  drawn in quick mode says so under its title.
"""

from __future__ import annotations

import builtins
import os
import re
from pathlib import Path

from bioneuro.figures.scripts import describe_script, figure_scripts

ROOT = Path(__file__).resolve().parents[2]
#: Where sphinx-gallery writes the figure pages (``gallery_dirs`` in conf.py).
GALLERY_DIR = "figures"
#: The marker in docs/index.md replaced by the gallery, section by section.
LANDING_MARKER = "<!-- landing-gallery -->"
#: The marker in docs/index.md's last toctree replaced by the docs/*.md pages.
PAGES_MARKER = "<!-- pages -->"
#: The order of the pages that explain the parts; any other docs/*.md page is listed
#: before the last one (a new page needs no change here).
PAGE_ORDER = ("cells", "synapses", "networks", "ann", "compare", "architecture")
#: Pages listed elsewhere in docs/index.md.
OWN_PAGES = ("index", "gallery", "notebooks")
_ABS = re.compile(r"(?<![\w|])\|([^\s|`]{1,10})\|(?![\w|])")

_IMG_LINK = re.compile(
    r'^<a href="(?P<href>\.\./figures/[\w.-]+)">'
    r'<img src="(?P<src>\.\./figures/[\w.-]+)"(?: width="(?P<width>\d+)")?'
    r'(?: alt="(?P<alt>[^"]*)")?></a>\s*$',
    re.MULTILINE,
)


class ScriptOrder:
    """sphinx-gallery's ``within_subsection_order``: sort scripts by ``ORDER``, then name."""

    def __init__(self, src_dir):
        self.src_dir = Path(src_dir)

    def __call__(self, filename):
        script = describe_script(self.src_dir / filename)
        return (script.order, script.name)


def minigallery_order(path):
    """sphinx-gallery's ``minigallery_sort_order``: the scripts' ``ORDER``, then name."""
    try:
        script = describe_script(path)
    except (OSError, SyntaxError, ValueError):
        return (10_000, str(path))
    return (script.order, script.name)


def tight_matplotlib_scraper(block, block_vars, gallery_conf):
    """sphinx-gallery's matplotlib scraper, saving as ``bioneuro figures`` does."""
    from sphinx_gallery.scrapers import matplotlib_scraper

    return matplotlib_scraper(block, block_vars, gallery_conf, bbox_inches="tight")


def script_file(gallery_conf, fname, when):
    """sphinx-gallery's ``reset_modules`` hook: a ``__file__`` for the script about to run.

    Each figure script ends with ``run_script(make_figure, __file__)``; sphinx-gallery
    deliberately defines no ``__file__``, so the name is given as a builtin while the
    script runs (a module's own ``__file__`` still wins) and removed after it.
    """
    if when == "before" and fname is not None:
        builtins.__file__ = str(fname)
    elif hasattr(builtins, "__file__"):
        del builtins.__file__


def landing_gallery(root=ROOT):
    """The landing page's gallery: per ``SECTION`` a heading and a minigallery (MyST)."""
    lines, section = [], None
    groups = []
    for script in figure_scripts(root):
        if script.section != section:
            section = script.section
            groups.append((section, []))
        groups[-1][1].append(f"../simulations/{script.path.name}")
    for section, paths in groups:
        lines += [f"### {section}", "", "```{eval-rst}", ".. minigallery::", ""]
        lines += [f"   {path}" for path in paths] + ["```", ""]
    return "\n".join(lines)


def explained_pages(docs=ROOT / "docs"):
    """The docs/*.md pages that explain the parts, in :data:`PAGE_ORDER`, others before
    the last."""
    names = sorted(p.stem for p in Path(docs).glob("*.md") if p.stem not in OWN_PAGES)
    known = [n for n in PAGE_ORDER if n in names]
    others = [n for n in names if n not in PAGE_ORDER]
    return known[:-1] + others + known[-1:]


def absolute_value_substitutions(root=ROOT):
    """reST substitution definitions that print ``|w|``, ``|Δt|``... as written.

    Docstrings write absolute values as ``|w|``, which reST reads as a substitution
    reference (an error under -W). Every such token in the package's and the figure
    scripts' sources is defined as itself (for ``rst_prolog``).
    """
    tokens = set()
    for folder in ("bioneuro", "simulations"):
        for path in sorted((Path(root) / folder).rglob("*.py")):
            tokens.update(_ABS.findall(path.read_text(encoding="utf-8")))
    tokens = sorted(t for t in tokens if any(c.isalnum() for c in t))
    return "\n".join(f".. |{t}| replace:: \\|{t}\\|" for t in tokens) + "\n"


def markdown_images(text):
    """``<a href><img src="../figures/x.png" width alt></a>`` lines -> MyST image directives.

    Sphinx copies an image it knows about into the site; raw HTML it passes through,
    and ``../figures/`` would point outside the site.
    """

    def replace(match):
        options = [f":target: {match['href']}"] if match["href"] != match["src"] else []
        if match["width"]:
            options.append(f":width: {match['width']}px")
        if match["alt"]:
            options.append(f":alt: {match['alt']}")
        return "\n".join([f"```{{image}} {match['src']}", *options, "```"])

    return _IMG_LINK.sub(replace, text)


def quick_note(text, name):
    """Put a note under the title of a figure page drawn in quick mode."""
    note = (
        ".. note::\n\n"
        "   This page's figure was drawn in quick mode (shorter, coarser simulations) to "
        "keep the site's build short; ``bioneuro figures " + name + "`` draws the full "
        "figure, which the download links below also draw when run.\n\n"
    )
    # the title is the first line followed by a line of '='
    match = re.search(r"^(?P<title>[^\n]+)\n=+\n", text, flags=re.MULTILINE)
    if not match:
        return text
    return text[: match.end()] + "\n" + note + text[match.end() :]


def drop_stale_autosummary_pages(folder):
    """Delete generated API pages whose dotted name no longer imports; return their names.

    Each page ``bioneuro.bio.cell.Cell.rst`` is named after the object it documents.
    """
    import importlib

    stale = []
    for page in Path(folder).glob("bioneuro.*.rst"):
        parts = page.stem.split(".")
        for cut in range(len(parts), 0, -1):  # the longest importable module prefix
            try:
                obj = importlib.import_module(".".join(parts[:cut]))
            except ImportError:
                continue
            try:
                for attribute in parts[cut:]:
                    obj = getattr(obj, attribute)
            except AttributeError:
                stale.append(page.stem)
                page.unlink()
            break
    return stale


def _source_read(app, docname, source):
    text = source[0]
    if docname == "index":
        if LANDING_MARKER not in text:
            raise ValueError(f"docs/index.md must hold the marker {LANDING_MARKER}")
        text = text.replace(LANDING_MARKER, landing_gallery())
        if PAGES_MARKER not in text:
            raise ValueError(f"docs/index.md must hold the marker {PAGES_MARKER}")
        text = text.replace(PAGES_MARKER, "\n".join(explained_pages()))
    elif docname.startswith(f"{GALLERY_DIR}/plot_"):
        if os.environ.get("BIONEURO_GALLERY") == "quick":
            text = quick_note(text, docname.removeprefix(f"{GALLERY_DIR}/plot_"))
    text = markdown_images(text)
    source[0] = text


def setup(app):
    """Register the ``source-read`` handlers."""
    app.connect("source-read", _source_read)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
