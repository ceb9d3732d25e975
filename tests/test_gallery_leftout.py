"""What the abstraction leaves out: the two-layer branch model (the adaptive LIF is
bio.AdEx.from_lif, tested in tests/test_point_adex.py)."""

import pytest

from bioneuro.compare.leftout import branch_neuron, branch_sigmoid


def test_branches_make_clustered_input_count_more_than_spread_input():
    assert branch_sigmoid(4.0) == pytest.approx(0.5)  # s(theta) = 1/2
    clustered = branch_neuron([[8, 0, 0, 0]])
    spread = branch_neuron([[2, 2, 2, 2]])
    # same Σ w x = 8 for a point neuron; here s(8) + 3 s(0) vs 4 s(2):
    expected_cl = branch_sigmoid(8) + 3 * branch_sigmoid(0)
    expected_sp = 4 * branch_sigmoid(2)
    assert clustered[0] == pytest.approx(expected_cl, rel=1e-12)
    assert spread[0] == pytest.approx(expected_sp, rel=1e-12)
    assert clustered[0] > 3 * spread[0]
    # all branches saturated: the output approaches the number of branches
    assert branch_neuron([50, 50, 50]) == pytest.approx(3, rel=1e-12)


def test_leftout_bad_input():
    with pytest.raises(ValueError, match="active_per_branch must hold counts >= 0"):
        branch_neuron([[-1, 2]])
    with pytest.raises(ValueError, match="k must be > 0"):
        branch_sigmoid(1.0, k=0)
