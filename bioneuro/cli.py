"""The ``bioneuro`` command: list and regenerate the teaching figures.

This module parses arguments and reports; the work is in :mod:`bioneuro.figures`.

bioneuro list [--markdown | --update-readme]
bioneuro figures [--quick] [--out DIR] [--format png,svg] [-j N] [--scheduler ADDR]
                 [--no-bundled] [--rebuild] [--target T] [NAME ...]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from bioneuro.figures.figure_cache import REBUILD_ENV, rebuild_requested
from bioneuro.figures.scripts import (
    FORMATS,
    draw_figures,
    figure_scripts,
    jobs_argument,
    repo_root,
    use_brian2_target,
)


def _cmd_list(args) -> int:
    from bioneuro.figures import gallery

    scripts = figure_scripts()
    if args.update_readme:
        changed = gallery.update_readme()
        print(f"README.md: gallery {'updated' if changed else 'already up to date'}")
        changed = gallery.update()
        print(f"docs/gallery.md: {'updated' if changed else 'already up to date'}")
    elif args.markdown:
        print(gallery.readme_block(scripts), end="")
    else:
        width = max(len(s.name) for s in scripts)
        for s in scripts:
            print(f"{s.name:<{width}}  {s.caption}")
    return 0


def _unwritable(folder) -> str:
    """Why files cannot be written into ``folder`` (made if missing), or "" if they can."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder):
            pass
    except OSError as exc:
        return exc.strerror or str(exc)
    return ""


def _cmd_figures(args) -> int:
    scripts = figure_scripts()
    known = {s.name: s for s in scripts}
    unknown = [n for n in args.names if n not in known]
    if unknown:
        print(
            f"bioneuro: unknown figure(s) {', '.join(unknown)}; "
            f"`bioneuro list` shows the {len(known)} known ones",
            file=sys.stderr,
        )
        return 2
    formats = tuple(f.strip() for f in args.format.split(",") if f.strip())
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        print(
            f"bioneuro: --format takes png, svg and/or pdf; got {args.format!r}", file=sys.stderr
        )
        return 2
    out = Path(args.out) if args.out else repo_root() / "figures"
    problem = _unwritable(out)
    if problem:
        print(f"bioneuro: --out {str(out)!r} is not a writable folder: {problem}", file=sys.stderr)
        return 2
    if args.scheduler:
        if args.scheduler not in ("local", "serial") and "://" not in args.scheduler:
            print(
                "bioneuro: --scheduler takes 'local', 'serial' or a Dask scheduler address "
                f"such as tcp://10.0.0.1:8786; got {args.scheduler!r}",
                file=sys.stderr,
            )
            return 2
        os.environ["BIONEURO_SCHEDULER"] = args.scheduler  # read by bioneuro.bio.sweep
    if args.no_bundled:
        os.environ["BIONEURO_BUNDLED"] = "0"  # read by bioneuro.bio.sweep
    if args.rebuild:
        os.environ[REBUILD_ENV] = "1"  # read by bioneuro.figures.figure_cache, in every worker
    try:
        rebuild_requested()
    except ValueError as exc:
        print(f"bioneuro: {exc}", file=sys.stderr)
        return 2
    chosen = [known[n] for n in args.names] if args.names else scripts
    use_brian2_target(args.target)
    failed = draw_figures(chosen, out, quick=args.quick, formats=formats, jobs=args.jobs)
    return 1 if failed else 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="bioneuro", description="Teaching figures: the biological and the artificial neuron."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p_list = sub.add_parser("list", help="every figure script with its one-line description")
    p_list.add_argument("--markdown", action="store_true", help="print the README gallery")
    p_list.add_argument(
        "--update-readme",
        action="store_true",
        help="rewrite the gallery of README.md and docs/gallery.md",
    )
    p_list.set_defaults(func=_cmd_list)
    p_fig = sub.add_parser("figures", help="regenerate figures (all by default)")
    p_fig.add_argument("names", nargs="*", help="figure names (see `bioneuro list`)")
    p_fig.add_argument("--quick", action="store_true", help="shorter, coarser simulations")
    p_fig.add_argument("--out", help="output folder (default: the repository's figures/)")
    p_fig.add_argument("--format", default="png,svg", help="comma-separated: png,svg,pdf")
    p_fig.add_argument(
        "-j",
        "--jobs",
        type=jobs_argument,
        default=None,
        help="worker processes drawing figures in parallel (default: every core, or "
        "$BIONEURO_JOBS); the files are the same for any N",
    )
    p_fig.add_argument(
        "--scheduler",
        default=None,
        help="where parameter sweeps (the Brunel phase diagram) run: 'local' (default: a "
        "Dask cluster on every core), 'serial', or the address of an existing Dask "
        "scheduler, e.g. tcp://10.0.0.1:8786 (sets $BIONEURO_SCHEDULER)",
    )
    p_fig.add_argument(
        "--no-bundled",
        action="store_true",
        help="simulate every sweep point not in your own cache, ignoring the results "
        "bundled with bioneuro (the Brunel figures: ~8 min of CPU; sets $BIONEURO_BUNDLED=0)",
    )
    p_fig.add_argument(
        "--rebuild",
        action="store_true",
        help="build every figure again, running its simulations, instead of drawing the "
        "unchanged ones from the figure cache (sets $BIONEURO_REBUILD=1; see "
        "docs/architecture.md)",
    )
    p_fig.add_argument(
        "--target",
        choices=("auto", "cython", "numpy"),
        default="auto",
        help="Brian2 code generation target (default: Brian2's auto = cython "
        "when a compiler works; see docs/architecture.md)",
    )
    p_fig.set_defaults(func=_cmd_figures)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
