"""What a first run compiles: every new Cython module, by figure, and the ones that are
the same code under other object names.

Run from the repository (a few minutes per figure on an empty cache)::

    python benchmarks/compile_log.py alone_vs_network conversion     # some figures
    python benchmarks/compile_log.py                                 # all of them

Each figure is drawn in this one process (quick=False, into a temporary folder) with
Brian2's Cython cache, Cython's own cache and ``XDG_CACHE_HOME`` (bioneuro's integrator
and sweep caches) pointed at empty temporary folders, so everything compiles as on a new
machine; the user's caches are neither read nor written. Brian2 writes object names into
the code it generates (``_array_bioneuro_lif_v``), so one model under two names compiles
twice: modules whose code is equal once the ``bioneuro_*`` names are blanked out are
listed as duplicates, with the seconds they cost. Brunel's sweeps are skipped unless
named (they simulate 39 networks). Asserts nothing.
"""

from __future__ import annotations

import collections
import os
import re
import sys
import tempfile
import time

NAME = re.compile(r"bioneuro_\w+?(?=_[a-z0-9]+\b|\b)")


def main(names):
    with tempfile.TemporaryDirectory(prefix="bioneuro_compile_log_") as tmp:
        compiled = run(names, tmp)
    report(compiled)


def run(names, tmp):
    """Draw the figures ``names`` (all but Brunel's if empty) on empty caches under
    ``tmp``; return [(figure, seconds, code)] for every module compiled."""
    os.environ["CYTHON_CACHE_DIR"] = os.path.join(tmp, "cython")
    os.environ["XDG_CACHE_HOME"] = os.path.join(tmp, "xdg")
    os.environ.setdefault("MPLBACKEND", "Agg")
    import brian2

    brian2.prefs.codegen.runtime.cython.cache_dir = os.path.join(tmp, "brian_extensions")
    from brian2.codegen.runtime.cython_rt import extension_manager as em

    from bioneuro.bio.backends.brian import frozen_heap
    from bioneuro.figures.scripts import figure_scripts, load_make_figure, render

    compiled = []  # (figure, seconds, code)
    current = [None]
    load = em.CythonExtensionManager._load_module

    def logged(self, module_path, *args, **kwargs):
        new = not os.path.isfile(module_path)
        t0 = time.perf_counter()
        try:
            return load(self, module_path, *args, **kwargs)
        finally:
            if new:
                code = kwargs.get("code", args[6] if len(args) > 6 else "")
                compiled.append((current[0], time.perf_counter() - t0, code))

    em.CythonExtensionManager._load_module = logged
    scripts = [s for s in figure_scripts() if s.name in names or not names]
    if not names:
        scripts = [s for s in scripts if not s.name.startswith("brunel")]
    with frozen_heap(collect=True):
        for s in scripts:
            current[0] = s.name
            t0 = time.perf_counter()
            render(load_make_figure(s.path), s.name, os.path.join(tmp, "figures"))
            mine = [c for c in compiled if c[0] == s.name]
            print(
                f"{s.name:<24} {time.perf_counter() - t0:6.1f} s, {len(mine):3d} modules "
                f"compiled in {sum(c[1] for c in mine):6.1f} s",
                flush=True,
            )
    return compiled


def report(compiled):
    """Modules by figure, and those equal once the ``bioneuro_*`` names are blanked."""
    same = collections.defaultdict(list)
    for figure, seconds, code in compiled:
        same[NAME.sub("N", code)].append((figure, seconds, sorted(set(NAME.findall(code)))))
    dups = [v for v in same.values() if len(v) > 1]
    print(
        f"\n{len(compiled)} modules in {sum(c[1] for c in compiled):.1f} s; "
        f"{len(same)} distinct once names are blanked out; the duplicates cost "
        f"{sum(s for v in dups for _, s, _ in v[1:]):.1f} s:"
    )
    for v in sorted(dups, key=lambda v: -sum(s for _, s, _ in v[1:])):
        names_used = ", ".join(f"{f} ({n[0] if n else '-'})" for f, _, n in v)
        print(f"  {len(v)} x, {sum(s for _, s, _ in v[1:]):5.1f} s extra: {names_used}")


if __name__ == "__main__":
    main(sys.argv[1:])
