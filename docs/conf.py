"""Sphinx configuration of the bioneuro site.

Build it (warnings are errors, so a broken cross-reference fails the build)::

    pip install -e ".[docs]"
    sphinx-build -W --keep-going -b html docs docs/_build/html

The figure pages are made by sphinx-gallery from ``simulations/plot_*.py``: each script
runs once (``BIONEURO_GALLERY=quick``, its quick mode, unless the environment says
``full``) and is skipped on later builds while it is unchanged. The Markdown pages in
``docs/`` are read by myst-parser; the API reference is generated from the docstrings
(autosummary + numpydoc).
"""

import os
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS / "_ext"))
import bioneuro_sphinx  # noqa: E402 - found through the line above

# Each figure script draws its figure and leaves it open for sphinx-gallery's scraper
# (bioneuro.figures.scripts.run_script); quick mode unless asked for the full figures.
os.environ.setdefault("BIONEURO_GALLERY", "quick")
FULL = os.environ["BIONEURO_GALLERY"] == "full"

project = "bioneuro"
author = "the bioneuro authors"
copyright = "bioneuro authors, BSD-3-Clause"

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.mathjax",
    "numpydoc",
    "myst_parser",
    "sphinx_gallery.gen_gallery",
    "bioneuro_sphinx",
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build", "_screenshots", "**.ipynb_checkpoints", "figures/*.ipynb"]
templates_path = ["_templates"]
root_doc = "index"

# --- MyST: the docs/*.md pages as written for a code host
myst_enable_extensions = ["colon_fence", "dollarmath"]
myst_heading_anchors = 4  # [below](#the-calls-behind-the-figures) links to headings

# --- sphinx-gallery: one page per figure script
sphinx_gallery_conf = {
    "examples_dirs": "../simulations",
    "gallery_dirs": "figures",
    "filename_pattern": r"/plot_",
    "within_subsection_order": "bioneuro_sphinx.ScriptOrder",
    "minigallery_sort_order": "bioneuro_sphinx.minigallery_order",
    "image_scrapers": ("bioneuro_sphinx.tight_matplotlib_scraper",),
    "reset_modules": ("matplotlib", "bioneuro_sphinx.script_file"),
    "reset_modules_order": "both",
    "backreferences_dir": "api/backrefs",
    "doc_module": ("bioneuro",),
    "run_stale_examples": False,  # an unchanged script is not run again
    "abort_on_example_error": False,  # report every failing script, then fail the build
    "capture_repr": (),
    "remove_config_comments": True,
    "download_all_examples": True,
    "show_memory": False,
    "show_api_usage": False,
    "show_signature": False,
    "min_reported_time": 1,
    "write_computation_times": True,
    "first_notebook_cell": (
        "# Run as a script, a figure script writes files; here it just draws the figure\n"
        "# ('quick': shorter, coarser simulations). Its last line names its own file,\n"
        "# which a notebook does not have.\n"
        "import os\n\n"
        "os.environ['BIONEURO_GALLERY'] = 'full'\n"
        "__file__ = 'figure script'\n"
        "%matplotlib inline"
    ),
}

# --- API reference: autosummary pages, numpydoc sections
# A page generated on an earlier build for a name that has since moved or gone would fail
# the -W build ("failed to import"); autosummary writes the pages again, so drop those.
bioneuro_sphinx.drop_stale_autosummary_pages(DOCS / "api" / "generated")
autosummary_generate = True
autosummary_imported_members = False
autodoc_default_options = {"members": True, "inherited-members": False}
autodoc_typehints = "none"
numpydoc_show_class_members = False
numpydoc_xref_param_type = False

# --- HTML
html_theme = "pydata_sphinx_theme"
html_title = "bioneuro"
html_theme_options = {
    "navigation_with_keys": False,
    "show_toc_level": 2,
    "secondary_sidebar_items": ["page-toc", "sourcelink"],
}
html_show_sourcelink = False

# MyST's header-level note (H1 then H3) is about the Markdown pages' style, written for a
# code host; links, references and images still fail the build.
suppress_warnings = ["myst.header"]

# Docstrings write absolute values as |w|, |Δt|: to reST a substitution reference.
rst_prolog = bioneuro_sphinx.absolute_value_substitutions()
