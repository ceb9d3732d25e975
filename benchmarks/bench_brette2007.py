"""CUBA and COBA networks (Brette et al. 2007): bioneuro vs hand-written Brian2.

The hand-written CUBA is Brian2's own ``examples/CUBA.py`` (4000 LIF neurons, 80 %
excitatory, p = 0.02, taum 20 ms, taue 5 ms, taui 10 ms, Vt -50 mV, Vr -60 mV,
El -49 mV, we = 1.62 mV, wi = -9 mV, refractory 5 ms, exact integration, dt 0.1 ms).
The hand-written COBA is the same network with conductance synapses (200 pF, 10 nS
leak, El -60 mV, jumps 6 nS / 67 nS to 0 / -80 mV, forward Euler at 0.1 ms) started
from the random state of Brian2's ``examples/COBAHH.py``. bioneuro's is
:func:`bioneuro.bio.benchmark_network`.

Each measurement runs in a fresh Python process and times build + run (the same
span for both: from creating the first group to the end of ``run``; imports
excluded). Devices: runtime (cython) and cpp_standalone. "cold" empties the code
cache first (a private cython cache folder / a fresh standalone build folder);
"warm" is the median of >= 3 runs after one warm-up.

Usage::

    python benchmarks/bench_brette2007.py cuba             # cold/warm times and ratios
    python benchmarks/bench_brette2007.py cuba --sizes     # cost vs size, 1000-16000
    python benchmarks/bench_brette2007.py coba --rates 10 --duration 0.5
                                                           # mean rates, 10 seeds each
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PY = sys.executable
BENCH_CACHE = Path(tempfile.gettempdir()) / "bioneuro_bench_cython_cold"
STANDALONE = Path.home() / ".cache" / "bioneuro" / "standalone"

CUBA_EQS = """
dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
dge/dt = -ge/taue : volt
dgi/dt = -gi/taui : volt
"""
COBA_EQS = """
dv/dt = (gl*(El-v) + ge*(Ee-v) + gi*(Ei-v))/Cm : volt (unless refractory)
dge/dt = -ge/taue : siemens
dgi/dt = -gi/taui : siemens
"""


def handwritten(kind, n, duration_s, device, seed, directory):
    """The network as a Brian2 user writes it (explicit Network); (seconds, rate)."""
    import brian2 as b2
    import numpy as np
    from brian2 import NeuronGroup, SpikeMonitor, Synapses, ms, mV, nS, pF, second

    if device == "cpp_standalone":
        b2.set_device("cpp_standalone", directory=directory, build_on_run=True)
    b2.seed(seed)
    t0 = time.perf_counter()
    ns = {"taue": 5 * ms, "taui": 10 * ms, "Vt": -50 * mV, "Vr": -60 * mV}
    if kind == "cuba":
        ns.update(taum=20 * ms, El=-49 * mV, we=(60 * 0.27 / 10) * mV, wi=(-20 * 4.5 / 10) * mV)
        P = NeuronGroup(
            n,
            CUBA_EQS,
            threshold="v>Vt",
            reset="v = Vr",
            refractory=5 * ms,
            method="exact",
            dt=0.1 * ms,
        )
        P.v = "Vr + rand() * (Vt - Vr)"
    else:
        ns.update(
            Cm=200 * pF, gl=10 * nS, El=-60 * mV, Ee=0 * mV, Ei=-80 * mV, we=6 * nS, wi=67 * nS
        )
        P = NeuronGroup(
            n,
            COBA_EQS,
            threshold="v>Vt",
            reset="v = Vr",
            refractory=5 * ms,
            method="euler",
            dt=0.1 * ms,
        )
        P.v = "El + (randn() * 5 - 5)*mV"
        P.ge = "(randn() * 1.5 + 4) * 10.*nS"
        P.gi = "(randn() * 12 + 20) * 10.*nS"
    n_exc = int(0.8 * n)
    Ce = Synapses(P, P, on_pre="ge += we", dt=0.1 * ms)
    Ci = Synapses(P, P, on_pre="gi += wi", dt=0.1 * ms)
    Ce.connect(f"i<{n_exc}", p=0.02)
    Ci.connect(f"i>={n_exc}", p=0.02)
    s_mon = SpikeMonitor(P)
    net = b2.Network(P, Ce, Ci, s_mon)
    net.run(duration_s * second, namespace=ns)
    seconds = time.perf_counter() - t0
    counts = np.asarray(s_mon.count[:])
    return seconds, float(counts[:n_exc].mean() / duration_s)


def bioneuro_run(kind, n, duration_s, device, seed):
    from brian2 import second

    from bioneuro.bio import benchmark_network

    out = benchmark_network(kind, n, duration_s * second, device=device, seed=seed)
    return out.seconds, float(out.rate_exc)


def one(args):
    """Child process: one measurement, printed as JSON."""
    import brian2 as b2

    if args.cache:
        b2.prefs.codegen.runtime.cython.cache_dir = args.cache
    if args.impl == "handwritten":
        directory = str(STANDALONE / f"{args.kind}_hand_{args.n}")
        seconds, rate = handwritten(
            args.kind, args.n, args.duration, args.device, args.seed, directory
        )
    else:
        seconds, rate = bioneuro_run(args.kind, args.n, args.duration, args.device, args.seed)
    print(json.dumps({"seconds": seconds, "rate_exc": rate}))


def measure(kind, impl, device, n, *, cold=False, seed=0, duration=1.0):
    cmd = [
        PY,
        __file__,
        kind,
        "--one",
        impl,
        "--device",
        device,
        "--n",
        str(n),
        "--seed",
        str(seed),
        "--duration",
        str(duration),
    ]
    if cold:
        if device == "runtime":
            shutil.rmtree(BENCH_CACHE, ignore_errors=True)
            cmd += ["--cache", str(BENCH_CACHE)]
        else:
            name = f"{kind}_hand_{n}" if impl == "handwritten" else f"{kind}_{n}"
            shutil.rmtree(STANDALONE / name, ignore_errors=True)
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    res = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


def table(kind, sizes, repeats, with_cold, devices, duration):
    rows = []
    for n in sizes:
        for device in devices:
            for impl in ("handwritten", "bioneuro"):
                cold = None
                if with_cold:
                    cold = measure(kind, impl, device, n, cold=True, duration=duration)
                    cold = cold["seconds"]
                measure(kind, impl, device, n, duration=duration)  # warm-up
                warm = [
                    measure(kind, impl, device, n, duration=duration)["seconds"]
                    for _ in range(repeats)
                ]
                rows.append((n, device, impl, cold, statistics.median(warm)))
                print(
                    f"  measured n={n} {device} {impl}: cold {cold}, warm {warm}", file=sys.stderr
                )
    print(
        f"\n{kind.upper()}, {duration} s biological time, median of {repeats} warm runs "
        f"(fresh processes); load average {os.getloadavg()[0]:.2f}"
    )
    print(
        f"{'n':>6} {'device':>15} {'impl':>12} {'cold (s)':>9} {'warm (s)':>9} "
        f"{'ratio warm':>11} {'ratio cold':>11}"
    )
    for n, device, impl, cold, warm in rows:
        ref = next(r for r in rows if r[:2] == (n, device) and r[2] == "handwritten")
        ratio_w = warm / ref[4]
        ratio_c = cold / ref[3] if (cold and ref[3]) else float("nan")
        cold_s = f"{cold:9.2f}" if cold is not None else f"{'-':>9}"
        print(
            f"{n:>6} {device:>15} {impl:>12} {cold_s} {warm:9.2f} {ratio_w:11.2f} {ratio_c:11.2f}"
        )


def rates(kind, n_seeds, duration, device):
    out = {}
    print(f"{kind.upper()} 4000 neurons, {duration} s, {device}, seeds 0..{n_seeds - 1}")
    for impl in ("handwritten", "bioneuro"):
        runs = [
            measure(kind, impl, device, 4000, seed=s, duration=duration) for s in range(n_seeds)
        ]
        r = [x["rate_exc"] for x in runs]
        out[impl] = r
        print(
            f"{impl:>12}: mean excitatory rate {statistics.mean(r):.2f} Hz "
            f"(sd over {n_seeds} seeds {statistics.stdev(r):.2f} Hz): "
            f"{', '.join(f'{x:.2f}' for x in r)}; median time "
            f"{statistics.median(x['seconds'] for x in runs):.2f} s"
        )
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=("cuba", "coba"))
    parser.add_argument("--one", choices=("handwritten", "bioneuro"), dest="impl")
    parser.add_argument("--device", default="runtime")
    parser.add_argument("--n", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--duration", type=float, default=1.0)
    parser.add_argument("--cache", default=None)
    parser.add_argument("--sizes", action="store_true", help="1000/4000/16000 neurons")
    parser.add_argument("--rates", type=int, default=0, help="measure rates over N seeds")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--devices",
        default="runtime,cpp_standalone",
        help="comma-separated devices for the tables",
    )
    args = parser.parse_args()
    devices = tuple(args.devices.split(","))
    if args.impl:
        one(args)
    elif args.rates:
        rates(args.kind, args.rates, args.duration, args.device)
    elif args.sizes:
        table(args.kind, (1000, 4000, 16000), args.repeats, False, devices, args.duration)
    else:
        table(args.kind, (4000,), args.repeats, True, devices, args.duration)


if __name__ == "__main__":
    main()
