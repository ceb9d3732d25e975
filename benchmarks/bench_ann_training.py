"""Training the same MLP in bioneuro (numpy) and PyTorch (CPU): time and final loss.

Same architecture, initial weights, mini-batch order, epochs, batch size, learning
rate and momentum on both sides; prints the median time of a few repeats, the ratio
bioneuro / torch and both final losses. Never asserts a time.

    python benchmarks/bench_ann_training.py [--repeats 3]

Needs ``pip install torch`` (the ``bench`` extra); torch is imported only here.
Both sides run on one thread (OMP/OpenBLAS/MKL threads = 1, ``torch.set_num_threads(1)``)
so the comparison is not about who grabs more cores on a shared machine.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

from bioneuro.ann import MLP, datasets  # noqa: E402

CASES = {
    # name: (data, sizes, hidden, output, epochs, batch, lr, momentum)
    "digits 64-32-10": ("digits", [64, 32, 10], "relu", "softmax", 20, 32, 0.1, 0.9),
    "moons 2-16-16-1": ("moons", [2, 16, 16, 1], "relu", "sigmoid", 50, 32, 0.1, 0.9),
}


def load(name):
    if name == "digits":
        return datasets.digits()
    return datasets.moons(1000, noise=0.15, seed=0)


def train_bioneuro(X, y, sizes, hidden, output, epochs, batch, lr, mu, dtype):
    net = MLP(sizes, activation=hidden, output_activation=output, seed=0, dtype=dtype)
    t0 = time.perf_counter()
    history = net.fit(
        X, y, epochs=epochs, learning_rate=lr, batch_size=batch, loss="cross_entropy", momentum=mu
    )
    return time.perf_counter() - t0, history.loss[-1]


def train_torch(X, y, sizes, hidden, output, epochs, batch, lr, mu):
    import torch

    torch.set_num_threads(1)
    start = MLP(sizes, activation=hidden, output_activation=output, seed=0)  # same init
    layers = []
    for i, layer in enumerate(start.layers):
        lin = torch.nn.Linear(*layer.W.shape)
        with torch.no_grad():
            lin.weight.copy_(torch.from_numpy(layer.W.T.astype(np.float32)))
            lin.bias.copy_(torch.from_numpy(layer.b.astype(np.float32)))
        layers.append(lin)
        if i < len(start.layers) - 1:
            layers.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*layers)
    opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=mu)
    Xt = torch.from_numpy(X.astype(np.float32))
    if output == "softmax":
        yt, loss_fn = torch.from_numpy(y.astype(np.int64)), torch.nn.CrossEntropyLoss()
    else:
        yt = torch.from_numpy(y.astype(np.float32)).reshape(-1, 1)
        loss_fn = torch.nn.BCEWithLogitsLoss()
    rng = np.random.default_rng(1)  # the batch order bioneuro's MLP(seed=0) uses
    n = len(X)
    t0 = time.perf_counter()
    for _ in range(epochs):
        order = torch.from_numpy(rng.permutation(n))
        total, correct = 0.0, 0
        for s in range(0, n, batch):
            idx = order[s : s + batch]
            logits = model(Xt[idx])
            loss = loss_fn(logits, yt[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)  # what bioneuro's History records, too
            with torch.no_grad():
                pred = logits.argmax(1) if output == "softmax" else (logits[:, 0] >= 0).long()
                correct += int((pred == yt[idx].reshape(-1).long()).sum())
        epoch_loss = total / n
    return time.perf_counter() - t0, epoch_loss


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    import torch

    print(
        f"torch {torch.__version__}, numpy {np.__version__}, one thread each, "
        f"median of {args.repeats}"
    )
    header = (
        f"{'network':<17} {'epochs':>6} {'batch':>5} {'bioneuro f64':>12} "
        f"{'bioneuro f32':>12} {'torch':>8} {'f64/torch':>9} {'f32/torch':>9}  "
        "final loss f64 / f32 / torch"
    )
    print(header)
    print("-" * len(header))
    for name, (data, sizes, hidden, output, epochs, batch, lr, mu) in CASES.items():
        X, y = load(data)
        args_ = (X, y, sizes, hidden, output, epochs, batch, lr, mu)
        runs = {"f64": [], "f32": [], "torch": []}
        for _ in range(args.repeats):
            runs["f64"].append(train_bioneuro(*args_, dtype=np.float64))
            runs["f32"].append(train_bioneuro(*args_, dtype=np.float32))
            runs["torch"].append(train_torch(*args_))
        t = {k: statistics.median(r[0] for r in v) for k, v in runs.items()}
        loss = {k: v[-1][1] for k, v in runs.items()}
        print(
            f"{name:<17} {epochs:>6} {batch:>5} {t['f64']:>10.3f} s {t['f32']:>10.3f} s "
            f"{t['torch']:>6.3f} s {t['f64'] / t['torch']:>9.2f} {t['f32'] / t['torch']:>9.2f}  "
            f"{loss['f64']:.4f} / {loss['f32']:.4f} / {loss['torch']:.4f}"
        )


if __name__ == "__main__":
    main()
