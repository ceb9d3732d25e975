"""Results of Brian2 simulations stay valid after their network is gone.

Brian2 >= 2.10 keeps monitor arrays in C++ dynamic arrays; ``mon.i[:]`` or ``mon.t[:]`` is
a numpy view that does not keep that memory alive. A function that returned such a view
handed back memory that was freed when the garbage collector took the monitor, and was
then overwritten by whatever came next: on Python 3.12 (Brian2 2.10.1) ``bioneuro figures
relay_chain cuba_network`` failed on negative spike indices in ``np.bincount``. Here:
several simulations in one process, then a network whose results must be those of a
fresh process, and no result may view memory that nothing owns.
"""

import dataclasses
import gc
import json
import subprocess
import sys

import numpy as np
import pytest
from brian2 import ms, nA, second

from bioneuro import bio

N, DURATION = 1000, 0.2 * second
FRESH = """
import json, numpy as np
from brian2 import second
from bioneuro import bio
out = bio.benchmark_network("cuba", {n}, {seconds} * second, seed=0, record_v=True)
print(json.dumps({{"i": np.asarray(out.i).tolist(),
                  "t": np.asarray(out.t / second).tolist(),
                  "rate_exc": float(out.rate_exc), "rate_inh": float(out.rate_inh)}}))
"""


def _arrays(x, path="out"):
    """Every ndarray in a result (dicts, lists, dataclasses), with where it sits."""
    if isinstance(x, np.ndarray):
        yield path, x
    elif isinstance(x, dict):
        for k, v in x.items():
            yield from _arrays(v, f"{path}[{k!r}]")
    elif isinstance(x, (list, tuple)):
        for k, v in enumerate(x):
            yield from _arrays(v, f"{path}[{k}]")
    elif dataclasses.is_dataclass(x) and not isinstance(x, type):
        for f in dataclasses.fields(x):
            yield from _arrays(getattr(x, f.name), f"{path}.{f.name}")


def _orphan(a):
    """True if ``a`` views memory that no Python object keeps alive."""
    while not a.flags.owndata:
        if a.base is None:
            return True
        if not isinstance(a.base, np.ndarray):
            return False  # another owner (bytes, mmap, a C object holding the memory)
        a = a.base
    return False


def _churn():
    """Free what is unreachable, then reuse the freed memory."""
    gc.collect()
    return [np.full(4096, -7, dtype=np.int64) for _ in range(2000)]


def _simulations():
    lif = bio.LIF()
    ampa = bio.AMPA()
    events = [(0, ampa.name, 5 * ms, ampa.weight)]
    return {
        "simulate": bio.simulate(lif, bio.step(1 * nA), 50 * ms),
        "relay_chain": bio.relay_chain(3, weight=1 * nA, dt=0.025 * ms, target="numpy"),
        "spike_responses": bio.spike_responses(lif, [ampa], events, 20 * ms),
        "stdp_window": bio.stdp_window(bio.STDP.song(), np.arange(-20, 21, 10) * ms),
        "cell_chain": bio.cell_chain(2),
        "brunel_network": bio.brunel_network(
            5, 2, n=500, epsilon=0.1, duration=100 * ms, transient=0 * ms, seed=0
        ),
    }


def test_results_survive_other_simulations_and_match_a_fresh_process():
    gc.disable()  # snapshots taken before any collection can free a monitor
    try:
        earlier = _simulations()
        snapshots = {p: a.copy() for p, a in _arrays(earlier)}
        out = bio.benchmark_network("cuba", N, DURATION, seed=0, record_v=True)
        i, t = out.i, out.t
        i0, t0 = i.copy(), t.copy()
    finally:
        gc.enable()
    junk = _churn()

    # nothing returned views freed memory (deterministic: does not depend on reuse)
    orphans = [p for p, a in _arrays({"earlier": earlier, "cuba": out}) if _orphan(a)]
    assert not orphans, f"views on memory nobody owns: {orphans}"
    # and the values did not change when the monitors were collected and memory reused
    changed = [p for p, a in _arrays(earlier) if not np.array_equal(a, snapshots[p], True)]
    assert not changed, f"results changed after garbage collection: {changed}"
    assert np.array_equal(i, i0) and np.array_equal(t, t0)

    assert np.issubdtype(i.dtype, np.integer)
    assert len(i) == len(t) > 0
    assert i.min() >= 0 and i.max() < N
    ts = np.asarray(t / second)
    assert ts.min() >= 0 and ts.max() < float(DURATION / second) and np.all(np.diff(ts) >= 0)
    n_exc = out.n_exc
    rates = np.bincount(i, minlength=N) / float(DURATION / second)
    assert np.mean(rates[:n_exc]) == pytest.approx(float(out.rate_exc), rel=1e-12)  # = counts
    del junk

    code = FRESH.format(n=N, seconds=float(DURATION / second))
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=600
    )
    fresh = json.loads(proc.stdout.strip().splitlines()[-1])
    assert np.array_equal(i, fresh["i"])
    assert np.array_equal(ts, fresh["t"])
    assert float(out.rate_exc) == fresh["rate_exc"]
    assert float(out.rate_inh) == fresh["rate_inh"]
