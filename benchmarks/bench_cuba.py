"""CUBA network (Brette et al. 2007), 1 s of biological time: bioneuro vs hand-written Brian2.

The hand-written version is Brian2's own ``examples/CUBA.py`` (4000 LIF neurons, 80 %
excitatory, p = 0.02, taum 20 ms, taue 5 ms, taui 10 ms, Vt -50 mV, Vr -60 mV,
El -49 mV, we = 1.62 mV, wi = -9 mV, refractory 5 ms, exact integration, dt 0.1 ms),
with an explicit Network. bioneuro's is :func:`bioneuro.bio.benchmark_network`.

Each measurement runs in a fresh Python process and times build + run (the same
span for both: from creating the first group to the end of ``run``; imports
excluded). Devices: runtime (cython) and cpp_standalone. "cold" empties the code
cache first (a private cython cache folder / a fresh standalone build folder);
"warm" is the median of >= 3 runs after one warm-up.

Usage::

    python benchmarks/bench_cuba.py            # table of cold/warm times and ratios
    python benchmarks/bench_cuba.py --sizes    # cost vs size, 1000/4000/16000 neurons
    python benchmarks/bench_cuba.py --rates 5  # mean excitatory rates, 5 seeds each
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


def handwritten(n, duration_s, device, seed, directory):
    """Brian2's examples/CUBA.py, as a user writes it (explicit Network)."""
    import brian2 as b2
    from brian2 import NeuronGroup, SpikeMonitor, Synapses, ms, mV, second

    if device == "cpp_standalone":
        b2.set_device("cpp_standalone", directory=directory, build_on_run=True)
    b2.seed(seed)
    t0 = time.perf_counter()
    taum, taue, taui = 20 * ms, 5 * ms, 10 * ms
    Vt, Vr, El = -50 * mV, -60 * mV, -49 * mV
    eqs = """
    dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
    dge/dt = -ge/taue : volt
    dgi/dt = -gi/taui : volt
    """
    P = NeuronGroup(n, eqs, threshold="v>Vt", reset="v = Vr", refractory=5 * ms,
                    method="exact", dt=0.1 * ms)  # fmt: skip
    P.v = "Vr + rand() * (Vt - Vr)"
    P.ge = 0 * mV
    P.gi = 0 * mV
    we = (60 * 0.27 / 10) * mV  # excitatory synaptic weight (voltage)
    wi = (-20 * 4.5 / 10) * mV  # inhibitory synaptic weight
    Ce = Synapses(P, P, on_pre="ge += we", dt=0.1 * ms)
    Ci = Synapses(P, P, on_pre="gi += wi", dt=0.1 * ms)
    n_exc = int(0.8 * n)
    Ce.connect(f"i<{n_exc}", p=0.02)
    Ci.connect(f"i>={n_exc}", p=0.02)
    s_mon = SpikeMonitor(P)
    net = b2.Network(P, Ce, Ci, s_mon)
    net.run(duration_s * second, namespace={"taum": taum, "taue": taue, "taui": taui,
                                             "Vt": Vt, "Vr": Vr, "El": El, "we": we,
                                             "wi": wi})  # fmt: skip
    seconds = time.perf_counter() - t0
    import numpy as np

    counts = np.asarray(s_mon.count[:])
    return seconds, float(counts[:n_exc].mean() / duration_s)


def bioneuro_run(n, duration_s, device, seed):
    from brian2 import second

    from bioneuro.bio import benchmark_network

    out = benchmark_network("cuba", n, duration_s * second, device=device, seed=seed)
    return out["seconds"], float(out["rate_exc"])


def one(args):
    """Child process: one measurement, printed as JSON."""
    import brian2 as b2

    if args.cache:
        b2.prefs.codegen.runtime.cython.cache_dir = args.cache
    directory = str(Path.home() / ".cache" / "bioneuro" / "standalone" / f"handwritten_{args.n}")
    if args.impl == "handwritten":
        seconds, rate = handwritten(args.n, args.duration, args.device, args.seed, directory)
    else:
        seconds, rate = bioneuro_run(args.n, args.duration, args.device, args.seed)
    print(json.dumps({"seconds": seconds, "rate_exc": rate}))


def measure(impl, device, n, *, cold=False, seed=0, duration=1.0):
    cmd = [PY, __file__, "--one", impl, "--device", device, "--n", str(n), "--seed",
           str(seed), "--duration", str(duration)]  # fmt: skip
    if cold:
        if device == "runtime":
            shutil.rmtree(BENCH_CACHE, ignore_errors=True)
            cmd += ["--cache", str(BENCH_CACHE)]
        else:
            name = f"handwritten_{n}" if impl == "handwritten" else f"cuba_{n}"
            shutil.rmtree(Path.home() / ".cache" / "bioneuro" / "standalone" / name,
                          ignore_errors=True)  # fmt: skip
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    res = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


def table(sizes, repeats, with_cold, devices=("runtime", "cpp_standalone")):
    rows = []
    for n in sizes:
        for device in devices:
            for impl in ("handwritten", "bioneuro"):
                cold = measure(impl, device, n, cold=True)["seconds"] if with_cold else None
                measure(impl, device, n)  # warm-up: fills the shared cache / build folder
                warm = [measure(impl, device, n)["seconds"] for _ in range(repeats)]
                rows.append((n, device, impl, cold, statistics.median(warm)))
                print(f"  measured n={n} {device} {impl}: cold {cold}, warm {warm}",
                      file=sys.stderr)  # fmt: skip
    print(f"\nCUBA, 1 s biological time, median of {repeats} warm runs (fresh processes)")
    print(f"{'n':>6} {'device':>15} {'impl':>12} {'cold (s)':>9} {'warm (s)':>9} "
          f"{'ratio warm':>11} {'ratio cold':>11}")  # fmt: skip
    for n, device, impl, cold, warm in rows:
        ref = next(r for r in rows if r[:2] == (n, device) and r[2] == "handwritten")
        ratio_w = warm / ref[4]
        ratio_c = cold / ref[3] if (cold and ref[3]) else float("nan")
        cold_s = f"{cold:9.2f}" if cold is not None else f"{'-':>9}"
        print(f"{n:>6} {device:>15} {impl:>12} {cold_s} {warm:9.2f} {ratio_w:11.2f} "
              f"{ratio_c:11.2f}")  # fmt: skip


def rates(n_seeds, duration):
    out = {}
    print(f"CUBA 4000 neurons, {duration} s, runtime device, seeds 0..{n_seeds - 1}")
    for impl in ("handwritten", "bioneuro"):
        r = [measure(impl, "runtime", 4000, seed=s, duration=duration)["rate_exc"]
             for s in range(n_seeds)]  # fmt: skip
        out[impl] = r
        print(f"{impl:>12}: mean excitatory rate {statistics.mean(r):.2f} Hz "
              f"(sd over {n_seeds} seeds {statistics.stdev(r):.2f} Hz): "
              f"{', '.join(f'{x:.2f}' for x in r)}")  # fmt: skip
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--one", choices=("handwritten", "bioneuro"), dest="impl")
    parser.add_argument("--device", default="runtime")
    parser.add_argument("--n", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--duration", type=float, default=1.0)
    parser.add_argument("--cache", default=None)
    parser.add_argument("--sizes", action="store_true", help="1000/4000/16000 neurons")
    parser.add_argument("--rates", type=int, default=0, help="measure rates over N seeds")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--devices", default="runtime,cpp_standalone",
                        help="comma-separated devices for the tables")  # fmt: skip
    args = parser.parse_args()
    if args.impl:
        one(args)
    elif args.rates:
        rates(args.rates, args.duration)
    elif args.sizes:
        table((1000, 4000, 16000), args.repeats, with_cold=False,
              devices=tuple(args.devices.split(",")))  # fmt: skip
    else:
        table((4000,), args.repeats, with_cold=True, devices=tuple(args.devices.split(",")))


if __name__ == "__main__":
    main()
