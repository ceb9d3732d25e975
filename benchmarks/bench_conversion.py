"""The converted digits network: time per test image on Brian2, against the same
discrete-time network in plain numpy and against the ANN's forward pass.

All 449 test images of the 8x8 digits run in ONE Brian2 network (a block of
64 + 32 + 10 IF neurons per image, block-diagonal synapses, 1.06 M of them), for
``--duration`` of simulated time (one step = 1 ms). Each row is the median wall time of
``--repeats`` warm runs (the first, untimed run compiles or loads the cython code);
the time includes building the network. Prints the time per image, the ratios and the
accuracy of each. Never asserts a time.

    python benchmarks/bench_conversion.py [--repeats 3] [--duration 100]
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
from brian2 import ms

from bioneuro.ann import MLP, datasets
from bioneuro.compare import to_spiking


def timed(fn, repeats):
    fn()  # warm: compile / load the code, fill caches
    times, result = [], None
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--duration", type=float, default=100.0, help="simulated ms")
    args = parser.parse_args()
    X, y = datasets.digits()
    Xtr, Xte, ytr, yte = datasets.train_test_split(X, y, test_fraction=0.25, seed=0)
    net = MLP([64, 32, 10], activation="relu", output_activation="softmax", seed=0)
    net.fit(
        Xtr, ytr, epochs=60, learning_rate=0.1, batch_size=32, loss="cross_entropy", momentum=0.9
    )
    snn = to_spiking(net, data=Xtr)
    duration = args.duration * ms
    n = len(yte)
    rows = {}
    rows["bioneuro SNN, Brian2 (cython)"] = timed(
        lambda: snn.run(Xte, duration).labels(), args.repeats
    )
    rows["same SNN, plain numpy loop"] = timed(
        lambda: snn.run_numpy(Xte, duration).labels(), args.repeats
    )
    rows["ANN forward pass (numpy)"] = timed(lambda: net.predict(Xte), args.repeats)
    base = rows["bioneuro SNN, Brian2 (cython)"][0]
    print(
        f"digits test set: {n} images, {snn}, {args.duration:g} ms simulated, "
        f"median of {args.repeats}"
    )
    print(
        f"{'':34s} {'total (s)':>10s} {'per image (ms)':>15s} {'Brian2 / this':>14s} "
        f"{'accuracy':>9s}"
    )
    for name, (t, labels) in rows.items():
        acc = np.mean(labels == yte)
        print(f"{name:34s} {t:10.3f} {1000 * t / n:15.3f} {base / t:14.2f} {acc:9.3f}")


if __name__ == "__main__":
    main()
