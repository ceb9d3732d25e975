"""The integration code kept on disk (bio.backends.brian.Integrator) is Brian2's own.

Each model's update code, derived by Brian2 with the method's name, must equal the code
the Integrator returns, both when it derives it (an empty cache) and when it reads it
back from the file; and the key must change with anything the code depends on, so a
changed model never reads another model's code.
"""

import brian2 as b2
import numpy as np
import pytest
from brian2 import ms, mV

from bioneuro import bio
from bioneuro.bio.backends.brian import Integrator
from bioneuro.bio.backends.equations import model_equations, unit_string

pytestmark = pytest.mark.xdist_group("integrator_cache")

MODELS = {
    "hh": bio.HodgkinHuxley(),
    "lif": bio.LIF(),
    "adex": bio.AdEx(),
    "cortical": bio.CorticalPyramidal(),
}


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """An empty integrator cache on disk and in this process: whatever simulated the same
    model earlier in this worker (any test, in any order) must not answer for it."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    _forget_in_process(monkeypatch)
    return tmp_path / "bioneuro" / "integrators"


def _update_code(equations, method, parameters=None):
    """The state updater's abstract code of a one-neuron group of ``equations``."""
    group = b2.NeuronGroup(1, equations, method=method, namespace={}, dt=0.01 * ms)
    for key, value in (parameters or {}).items():
        setattr(group, key, value)
    group.state_updater.update_abstract_code(run_namespace={})
    return group.state_updater.abstract_code


def _forget_in_process(monkeypatch):
    """Empty what Brian2 itself remembers in this process (its @cached decorator)."""
    from brian2.stateupdaters.base import StateUpdateMethod

    monkeypatch.setattr(StateUpdateMethod.apply_stateupdater.__wrapped__, "_cache", {})


@pytest.mark.parametrize("name", sorted(MODELS))
def test_cached_code_is_brian2s_code(name, cache, monkeypatch):
    model = MODELS[name]
    eqs = model_equations(model, f"I_stim : {unit_string(model.input_unit)}")
    params = model.parameters()
    brian2_code = _update_code(eqs, model.brian2_method, params)
    derived = _update_code(eqs, Integrator(model.brian2_method), params)
    assert derived == brian2_code
    assert len(list(cache.glob("*.txt"))) == 1

    # read back: the stored code, without deriving anything
    from brian2.stateupdaters.base import StateUpdateMethod

    def refuse(*args, **kwargs):
        raise AssertionError("the integration code was derived again")

    monkeypatch.setitem(StateUpdateMethod.stateupdaters, model.brian2_method, refuse)
    _forget_in_process(monkeypatch)
    with pytest.raises(AssertionError, match="derived again"):  # the guard works
        _update_code(eqs, model.brian2_method, params)
    assert _update_code(eqs, Integrator(model.brian2_method), params) == brian2_code


def test_a_simulation_from_the_cache_is_the_same(cache, monkeypatch):
    lif = bio.LIF()
    first = bio.simulate(lif, 2 * lif.rheobase, 50 * ms)  # derives and stores
    assert list(cache.glob("*.txt"))
    _forget_in_process(monkeypatch)  # so the second run reads the file
    second = bio.simulate(lif, 2 * lif.rheobase, 50 * ms)
    assert len(first.spike_times) > 2
    np.testing.assert_array_equal(first.spike_times / ms, second.spike_times / ms)
    np.testing.assert_array_equal(first.v / mV, second.v / mV)


def _key(equations, method="exact", **constants):
    group = b2.NeuronGroup(1, equations, method=method, namespace=constants, dt=0.1 * ms)
    variables = group.resolve_all(
        group.equations.identifiers | set(group.equations.names) | {"dt", "t"},
        constants,
        user_identifiers=set(),
    )
    return Integrator(method).key(group.equations, variables)


def test_the_key_changes_with_what_the_code_depends_on():
    base = "dv/dt = (E - v) / tau : volt\nE : volt\ntau : second (constant)"
    keys = {
        "base": _key(base),
        "expression": _key(base.replace("(E - v)", "(E - 2*v)")),
        "flag": _key(base + "\n" + "dw/dt = -w / tau : 1 (unless refractory)"),
        "method": _key(base, method="euler"),
        "kind of a name": _key(base.replace("tau : second (constant)", ""), tau=10 * ms),
        "a constant's value": _key(base.replace("tau : second (constant)", ""), tau=20 * ms),
        "dimensions": _key(base.replace("volt", "amp")),
    }
    assert keys["base"] == _key(base)  # the same model, the same key
    assert len(set(keys.values())) == len(keys), keys


def test_a_time_dependent_input_keys_on_whether_it_is_constant_over_a_step():
    eqs = "dv/dt = (stim(t) - v) / (10*ms) : volt"
    coarse = b2.TimedArray([0, 1, 0] * mV, dt=0.1 * ms, name="stim")
    fine = b2.TimedArray([0, 1, 0] * mV, dt=0.05 * ms, name="stim")
    # dt of the group 0.1 ms: constant over a step for the first, not for the second
    assert _key(eqs, method="euler", stim=coarse) != _key(eqs, method="euler", stim=fine)


def test_an_unknown_kind_of_name_makes_no_key():
    class Odd:
        pass

    eqs = b2.Equations("dv/dt = -v / (10*ms) : volt")
    variables = {"v": Odd(), "t": Odd()}
    assert Integrator("exact").key(eqs, variables) is None


def test_a_list_of_methods_is_tried_in_turn(cache):
    nonlinear = "dv/dt = -v**2 / (10*ms * mV) : volt"
    code = _update_code(nonlinear, Integrator(["exact", "euler"]))
    assert code == _update_code(nonlinear, "euler")
