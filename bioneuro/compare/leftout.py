"""What the artificial neuron leaves out: dendrites that compute (for the gallery).

(Adaptation, the other thing it leaves out, is a biological model of its own:
:class:`bioneuro.bio.AdEx`, whose hard-threshold limit ``AdEx.from_lif`` is the LIF
with a spike-triggered adaptation current.)

* :func:`branch_neuron` — the two-layer model of a pyramidal cell of Poirazi, Brannon
  & Mel (2003): every dendritic branch sums its own synapses and passes the sum through
  a sigmoid, and the soma adds the branch outputs::

      output = Σ_b s(Σ_{i on b} w_i x_i),   s(u) = 1 / (1 + exp(-(u - theta) / k))

  The branches are the hidden units of a small network inside one neuron. The default
  theta = 4, k = 0.7 (in units of one synapse's weight) are illustrative, not fitted:
  a branch stays nearly silent with one or two active synapses and saturates with six.
"""

from __future__ import annotations

import numpy as np

from bioneuro.checks import check_number


def branch_sigmoid(u, *, theta=4.0, k=0.7):
    """s(u) = 1 / (1 + exp(-(u - theta) / k)): a branch's output for summed input ``u``."""
    check_number("theta", theta, example="4.0")
    check_number("k", k, example="0.7", positive=True)
    return 1.0 / (1.0 + np.exp(-(np.asarray(u, dtype=float) - theta) / k))


def branch_neuron(active_per_branch, *, weight=1.0, theta=4.0, k=0.7):
    """Output of the two-layer cell: Σ_b s(weight * n_b) for n_b active synapses on branch b.

    Parameters
    ----------
    active_per_branch : array_like, shape (..., n_branches)
        Number of active synapses on each branch (last axis); leading axes are cases.
    weight : float
        Weight of every synapse (the same for all).

    Returns
    -------
    ndarray, shape (...): the summed branch outputs.
    """
    n = np.asarray(active_per_branch, dtype=float)
    if n.ndim == 0 or n.shape[-1] == 0 or np.any(n < 0) or not np.all(np.isfinite(n)):
        raise ValueError(
            f"active_per_branch must hold counts >= 0 with one entry per branch "
            f"on its last axis, e.g. [[6, 0, 0], [2, 2, 2]]; got "
            f"{active_per_branch!r}"
        )
    check_number("weight", weight, example="1.0")
    return branch_sigmoid(weight * n, theta=theta, k=k).sum(axis=-1)
