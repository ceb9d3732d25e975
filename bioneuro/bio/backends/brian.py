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
* The integration method is the model's (``rk4`` for HH, ``exact`` for the linear
  LIF); the code generation target is Brian2's default (``auto``: cython when a
  compiler is available, numpy otherwise) unless ``target=`` says otherwise.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import brian2 as b2
import numpy as np

from bioneuro.bio.backends.equations import BackendRun, model_equations, spike_rule, unit_string
from bioneuro.bio.backends.readout import owned
from bioneuro.checks import check_choice

#: Code generation targets a caller may ask for (``auto``: Brian2's own choice).
TARGETS = ("auto", "cython", "numpy")


def codeobj_class(target):
    """Brian2's code object class for ``target`` (None for ``auto``: Brian2 decides)."""
    check_choice("target", target, TARGETS)
    if target == "auto":
        return None
    if target == "cython":
        from brian2.codegen.runtime.cython_rt import CythonCodeObject

        return CythonCodeObject
    from brian2.codegen.runtime.numpy_rt import NumpyCodeObject

    return NumpyCodeObject


def standalone_directory(name):
    """Persistent per-user build folder for the C++ standalone device:
    ``$XDG_CACHE_HOME/bioneuro/standalone/<name>`` (default ``~/.cache/...``)."""
    base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return base / "bioneuro" / "standalone" / name


@contextlib.contextmanager
def standalone(directory, threads=0):
    """Run Brian2's C++ standalone device inside the ``with`` block, then restore runtime.

    The whole simulation is written out as a C++ program, compiled in ``directory`` (a
    persistent folder: an unchanged program is not rebuilt) and run when the network runs
    (``build_on_run``). ``threads`` > 0 uses that many OpenMP threads.
    """
    old_threads = b2.prefs.devices.cpp_standalone.openmp_threads
    try:
        b2.prefs.devices.cpp_standalone.openmp_threads = int(threads)
        b2.set_device("cpp_standalone", directory=str(directory), build_on_run=True)
        yield
    finally:
        b2.prefs.devices.cpp_standalone.openmp_threads = old_threads
        b2.device.reinit()
        b2.set_device("runtime")


def _padded(values):
    size = 1 << max(int(np.ceil(np.log2(max(len(values), 2)))), 4)
    return np.concatenate([values, np.full(size - len(values), values[-1])])


def run(
    model, drive, duration, dt, *, record=True, method=None, target="auto", initial_state=None
) -> BackendRun:
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
    BackendRun
    """
    codeobj = codeobj_class(target)
    unit = unit_string(model.input_unit)
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
    group = b2.NeuronGroup(
        n,
        eqs,
        method=method or model.brian2_method,
        dt=dt,
        namespace=namespace,
        name=prefix,
        codeobj_class=codeobj,
        **spike_rule(model),
    )
    for key, value in model.parameters().items():
        setattr(group, key, value)
    for key, value in (initial_state or model.initial_state()).items():
        setattr(group, key, value)
    if input_line.endswith("(constant)"):
        group.I_stim = drive
    spikes = b2.SpikeMonitor(group, record=True, name=f"{prefix}_spikes", codeobj_class=codeobj)
    objects = [group, spikes]
    if record:
        monitor = b2.StateMonitor(
            group,
            list(model.state_variables),
            record=True,
            name=f"{prefix}_states",
            codeobj_class=codeobj,
        )
        objects.append(monitor)
    net = b2.Network(*objects, name=f"{prefix}_network")
    net.run(duration, namespace={})
    trains = spikes.spike_trains()
    states = {}
    if record:
        states = {s: owned(getattr(monitor, s)[:, :n_steps]) for s in model.state_variables}
    return BackendRun(
        t=np.arange(n_steps) * dt, spikes=[owned(trains[i][:]) for i in range(n)], states=states
    )
