"""The Brian2 backend: the same model equations, compiled and run by Brian2.

Choices made here, deliberately (measured numbers in docs/architecture.md):

* One explicit ``b2.Network`` per simulation; nothing global is changed, not even
  ``defaultclock``: the group carries its own ``dt``.
* Every object has a fixed name (``bioneuro_hh``, ``bioneuro_hh_spikes``, ...). Brian2's
  code cache is keyed by the generated code, which contains object names: fixed names
  and model parameters stored as group variables (not constants baked into the code)
  mean a second simulation with other parameters, currents or temperature reuses the
  compiled code instead of compiling again.
* A time-varying stimulus is a ``TimedArray`` sampled on the simulation grid. Brian2
  writes the array length into the generated code, so the array is padded (holding its
  last value) to the next power of two: a handful of lengths cover every duration.
* The integration method is the model's (``rk4`` for HH at dt = 0.01 ms, ``exact`` for
  LIF); the code generation target is Brian2's default (``auto``: cython when a
  compiler is available, numpy otherwise) unless ``target=`` says otherwise.
"""

from __future__ import annotations

import brian2 as b2
import numpy as np
from brian2.units.fundamentalunits import DIMENSIONLESS

_TARGETS = ("auto", "cython", "numpy")


def _codeobj_class(target):
    if target == "auto":
        return None
    if target == "cython":
        from brian2.codegen.runtime.cython_rt import CythonCodeObject

        return CythonCodeObject
    from brian2.codegen.runtime.numpy_rt import NumpyCodeObject

    return NumpyCodeObject


_BASE_UNITS = ("metre", "kilogram", "second", "amp", "kelvin", "mole", "candela")


def _unit_string(quantity) -> str:
    """The unit of ``quantity`` as Brian2 equations accept it, e.g. ``metre ** -2 * amp``."""
    dim = b2.get_dimensions(quantity)
    if dim is DIMENSIONLESS:
        return "1"
    return " * ".join(f"{u} ** {int(e)}" for u, e in zip(_BASE_UNITS, dim._dims, strict=True) if e)


def model_equations(model, input_line) -> b2.Equations:
    """The model's equations, its parameters declared as shared constants, and ``input_line``."""
    params = "\n".join(
        f"{key} : {_unit_string(value)} (constant, shared)"
        for key, value in model.parameters().items()
    )
    return b2.Equations(model.equations + "\n" + params + "\n" + input_line)


def spike_rule(model) -> dict:
    """threshold / reset / refractory keyword arguments for ``b2.NeuronGroup``."""
    rule = {"threshold": f"v > {model.threshold}"}
    if model.reset is not None:
        rule["reset"] = f"v = {model.reset}"
        rule["refractory"] = model.refractory
    else:  # the model makes its own spike: count each upward crossing once
        rule["refractory"] = f"v > {model.threshold}"
    return rule


def _padded(values):
    size = 1 << max(int(np.ceil(np.log2(max(len(values), 2)))), 4)
    return np.concatenate([values, np.full(size - len(values), values[-1])])


def run(model, drive, duration, dt, *, record=True, method=None, target="auto",
        initial_state=None):  # fmt: skip
    """Run ``model`` on Brian2.

    Parameters
    ----------
    model : PointModel
    drive : Stimulus, list of Stimulus, or Quantity array
        One time-varying stimulus (a single neuron), one stimulus per neuron, or
        constant inputs, one neuron each.
    duration, dt : Quantity
    record : bool
        Record every state variable at every step (else only spikes).
    method : str or None
        Brian2 integration method (default: the model's ``brian2_method``).
    target : {"auto", "cython", "numpy"}
        Code generation target for this network's objects.
    initial_state : dict or None

    Returns
    -------
    dict with ``t`` (Quantity), ``states`` {name: Quantity or array (n, n_samples)} if
    recorded, ``spikes`` (list of Quantity arrays, one per neuron).
    """
    codeobj = _codeobj_class(target)
    unit = _unit_string(model.input_unit)
    namespace = {}
    n_steps = int(round(float(duration / dt)))
    if isinstance(drive, b2.Quantity) and np.ndim(drive) == 1:  # constant inputs
        n = len(drive)
        input_line = f"I_stim : {unit} (constant)"
    elif isinstance(drive, (list, tuple)):  # one stimulus per neuron: a 2-D TimedArray
        n = len(drive)
        samples = np.stack([_padded(s.sample(dt, n_steps + 1)) for s in drive], axis=1)
        namespace["bioneuro_stimuli"] = b2.TimedArray(
            b2.Quantity(samples, dim=drive[0].dim), dt=dt, name="bioneuro_stimuli"
        )
        input_line = f"I_stim = bioneuro_stimuli(t, i) : {unit}"
    else:  # one stimulus, one neuron
        n = 1
        samples = drive.sample(dt, n_steps + 1)
        namespace["bioneuro_stimulus"] = b2.TimedArray(
            b2.Quantity(_padded(samples), dim=drive.dim), dt=dt, name="bioneuro_stimulus"
        )
        input_line = f"I_stim = bioneuro_stimulus(t) : {unit}"
    eqs = model_equations(model, input_line)
    prefix = f"bioneuro_{model.name}"
    group = b2.NeuronGroup(n, eqs, method=method or model.brian2_method, dt=dt,
                           namespace=namespace, name=prefix, codeobj_class=codeobj,
                           **spike_rule(model))  # fmt: skip
    for key, value in model.parameters().items():
        setattr(group, key, value)
    for key, value in (initial_state or model.initial_state()).items():
        setattr(group, key, value)
    if input_line.endswith("(constant)"):
        group.I_stim = drive
    spikes = b2.SpikeMonitor(group, record=True, name=f"{prefix}_spikes", codeobj_class=codeobj)
    objects = [group, spikes]
    if record:
        states = b2.StateMonitor(group, list(model.state_variables), record=True,
                                 name=f"{prefix}_states", codeobj_class=codeobj)  # fmt: skip
        objects.append(states)
    net = b2.Network(*objects, name=f"{prefix}_network")
    net.run(duration, namespace={})
    trains = spikes.spike_trains()
    out = {"spikes": [trains[i][:] for i in range(n)]}
    out["t"] = np.arange(n_steps) * dt
    if record:
        out["states"] = {s: getattr(states, s)[:, :n_steps] for s in model.state_variables}
    return out
