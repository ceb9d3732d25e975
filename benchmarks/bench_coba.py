"""COBA network (Brette et al. 2007, benchmark 1): firing rates and time, bioneuro vs
hand-written Brian2.

The hand-written version is written the way Brian2's examples are (``examples/CUBA.py``
for the network, ``examples/COBAHH.py`` for the conductance synapses and the random
start): 4000 LIF neurons, 80 % excitatory, p = 0.02, C 200 pF, g_L 10 nS
(tau_m 20 ms), E_L -60 mV, V_t -50 mV, V_r -60 mV, refractory 5 ms, E_e 0 mV,
E_i -80 mV, tau_e 5 ms, tau_i 10 ms, jumps we = 6 nS, wi = 67 nS, forward Euler at
dt 0.1 ms, and COBAHH's initial state v = E_L + (randn*5 - 5) mV,
g_e = (randn*1.5 + 4)*10 nS, g_i = (randn*12 + 20)*10 nS (drawn by Brian2's own random
generator). bioneuro's is :func:`bioneuro.bio.benchmark_network` ("coba"), which draws
the same distributions with numpy from its seed.

Each measurement runs in a fresh Python process on the C++ standalone device.

Usage::

    python benchmarks/bench_coba.py --rates 5 --duration 0.5   # rates over 5 seeds
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

PY = sys.executable


def handwritten(n, duration_s, device, seed, directory):
    """The COBA network as a Brian2 user writes it (explicit Network)."""
    import brian2 as b2
    import numpy as np
    from brian2 import NeuronGroup, SpikeMonitor, Synapses, ms, mV, nS, pF, second

    if device == "cpp_standalone":
        b2.set_device("cpp_standalone", directory=directory, build_on_run=True)
    b2.seed(seed)
    t0 = time.perf_counter()
    Cm, gl = 200 * pF, 10 * nS
    taue, taui = 5 * ms, 10 * ms
    Vt, Vr, El, Ee, Ei = -50 * mV, -60 * mV, -60 * mV, 0 * mV, -80 * mV
    we, wi = 6 * nS, 67 * nS
    eqs = """
    dv/dt = (gl*(El-v) + ge*(Ee-v) + gi*(Ei-v))/Cm : volt (unless refractory)
    dge/dt = -ge/taue : siemens
    dgi/dt = -gi/taui : siemens
    """
    P = NeuronGroup(n, eqs, threshold="v>Vt", reset="v = Vr", refractory=5 * ms,
                    method="euler", dt=0.1 * ms)  # fmt: skip
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
    net.run(duration_s * second, namespace={"Cm": Cm, "gl": gl, "taue": taue, "taui": taui,
                                             "Vt": Vt, "Vr": Vr, "El": El, "Ee": Ee,
                                             "Ei": Ei, "we": we, "wi": wi})  # fmt: skip
    seconds = time.perf_counter() - t0
    counts = np.asarray(s_mon.count[:])
    return seconds, float(counts[:n_exc].mean() / duration_s)


def bioneuro_run(n, duration_s, device, seed):
    from brian2 import second

    from bioneuro.bio import benchmark_network

    out = benchmark_network("coba", n, duration_s * second, device=device, seed=seed)
    return out["seconds"], float(out["rate_exc"])


def one(args):
    """Child process: one measurement, printed as JSON."""
    directory = str(Path.home() / ".cache" / "bioneuro" / "standalone" / f"coba_hand_{args.n}")
    if args.impl == "handwritten":
        seconds, rate = handwritten(args.n, args.duration, args.device, args.seed, directory)
    else:
        seconds, rate = bioneuro_run(args.n, args.duration, args.device, args.seed)
    print(json.dumps({"seconds": seconds, "rate_exc": rate}))


def measure(impl, device, n, *, seed=0, duration=1.0):
    cmd = [PY, __file__, "--one", impl, "--device", device, "--n", str(n), "--seed",
           str(seed), "--duration", str(duration)]  # fmt: skip
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    res = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


def rates(n_seeds, duration, device="cpp_standalone"):
    out = {}
    print(f"COBA 4000 neurons, {duration} s, {device}, seeds 0..{n_seeds - 1}")
    for impl in ("handwritten", "bioneuro"):
        runs = [measure(impl, device, 4000, seed=s, duration=duration) for s in range(n_seeds)]
        r = [x["rate_exc"] for x in runs]
        out[impl] = r
        print(f"{impl:>12}: mean excitatory rate {statistics.mean(r):.2f} Hz "
              f"(sd over {n_seeds} seeds {statistics.stdev(r):.2f} Hz): "
              f"{', '.join(f'{x:.2f}' for x in r)}; median time "
              f"{statistics.median(x['seconds'] for x in runs):.2f} s")  # fmt: skip
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--one", choices=("handwritten", "bioneuro"), dest="impl")
    parser.add_argument("--device", default="cpp_standalone")
    parser.add_argument("--n", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--duration", type=float, default=0.5)
    parser.add_argument("--rates", type=int, default=5, help="measure rates over N seeds")
    args = parser.parse_args()
    if args.impl:
        one(args)
    else:
        rates(args.rates, args.duration, args.device)


if __name__ == "__main__":
    main()
