"""Shared fixtures: expensive simulations run once per test session."""

import matplotlib
import pytest

matplotlib.use("Agg")


@pytest.fixture(scope="session")
def hh():
    from bioneuro import bio

    return bio.HodgkinHuxley()


@pytest.fixture(scope="session")
def lif():
    from bioneuro import bio

    return bio.LIF()
