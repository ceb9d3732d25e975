"""The Brian2 backend: the same model equations, compiled and run by Brian2.

Choices made here, deliberately (measured numbers in docs/architecture.md):

* One explicit ``b2.Network`` per simulation; nothing global is changed, not even
  ``defaultclock``: the group carries its own ``dt``.
* Every object has a fixed name (``bioneuro_hh``, ``bioneuro_hh_spikes``, ...). Brian2's
  code cache is keyed by the generated code, which contains object names: fixed names
  and model parameters stored as group variables (not constants baked into the code)
  mean a second simulation with other parameters, currents or temperature reuses the
  compiled code instead of compiling again.
* A time-varying stimulus is a ``TimedArray`` sampled on the simulation grid. Brian2's
  own Cython code for it holds the array's length, its dt and (2-D) its number of
  neurons, so every new duration, dt or number of stimuli compiled the whole state
  updater again (HH rk4: 10-30 s each on a first run). :func:`stimulus_array` gives it
  code that reads those numbers at run time instead: one compiled module serves them
  all, with the same index arithmetic, so the values are the same.
* The integration method is the model's (``rk4`` for HH, ``exact`` for the linear
  LIF); the code generation target is Brian2's default (``auto``: cython when a
  compiler is available, numpy otherwise) unless ``target=`` says otherwise.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import os
import subprocess
import tempfile
from pathlib import Path

import brian2 as b2
import numpy as np

from bioneuro.bio.backends.equations import (
    BackendRun,
    model_equations,
    parameter_declarations,
    spike_rule,
    unit_string,
)
from bioneuro.bio.backends.readout import owned
from bioneuro.cache import cache_folder
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
    ``$XDG_CACHE_HOME/bioneuro/standalone/<name>-<key>`` (default ``~/.cache/...``).

    ``key`` is a hash of Brian2's version and the C++ compiler and flags, so two
    environments (Python 3.11 with Brian2 2.9, Python 3.13 with Brian2 2.11) never build
    in the same folder.
    """
    from brian2.codegen.cpp_prefs import get_compiler_and_args

    key = repr((b2.__version__, get_compiler_and_args()))
    return cache_folder("standalone", f"{name}-{hashlib.sha256(key.encode()).hexdigest()[:8]}")


@contextlib.contextmanager
def standalone(directory, threads=0, *, build_on_run=True):
    """Run Brian2's C++ standalone device inside the ``with`` block, then restore the
    device (and build options) in use before it.

    The whole simulation is written out as a C++ program, compiled in ``directory`` (a
    persistent folder: an unchanged program is not rebuilt) and run when the network runs
    (``build_on_run``; with ``build_on_run=False`` call ``b2.device.build(...)``
    yourself: setting ``b2.device.build_on_run`` afterwards has no effect, ``b2.device``
    is a proxy). ``threads`` > 0 uses that many OpenMP threads.

    One process at a time works in ``directory``: the block holds a file lock there
    (``bioneuro_device.lock``), since two processes building the same program at once
    overwrite each other's sources and objects ("Project compilation failed").
    """
    from brian2.devices.device import reset_device
    from brian2.utils.filelock import FileLock

    Path(directory).mkdir(parents=True, exist_ok=True)
    old_threads = b2.prefs.devices.cpp_standalone.openmp_threads
    with FileLock(str(Path(directory) / "bioneuro_device.lock")):
        try:
            b2.prefs.devices.cpp_standalone.openmp_threads = int(threads)
            b2.set_device("cpp_standalone", directory=str(directory), build_on_run=build_on_run)
            yield
        finally:
            b2.prefs.devices.cpp_standalone.openmp_threads = old_threads
            b2.get_device().reinit()
            reset_device()


_frozen = False  # inside a frozen_heap block (gc.get_freeze_count() walks the heap: slow)


@contextlib.contextmanager
def frozen_heap(*, collect=False):
    """Inside the block, garbage collections skip every object that existed before it.

    Brian2 2.9 calls ``gc.collect()`` at the start of every ``Network.run`` (to warn
    about objects never added to a network). With Brian2, sympy, scipy and matplotlib
    loaded that walks 150,000+ objects, 0.1-0.4 s per run: more than a short simulation
    costs. ``gc.freeze`` moves the objects alive now out of the collector's sight;
    ``gc.unfreeze`` at the end hands them back (nothing leaks; the collection is only
    deferred). Objects made inside the block are collected as usual. A nested block
    without ``collect`` changes nothing, nor does forking a process inside one (each
    ``bioneuro figures`` worker starts frozen).

    ``collect=True`` collects first, so no garbage is frozen: an unreachable older cell
    kept until the block ends would keep its Brian2 names taken, and a new cell would get
    numbered names, i.e. new code to compile. Use it around work that builds objects;
    without it (around one ``Network.run``) the block costs nothing.

    A nested block with ``collect=True`` (each figure of ``bioneuro figures -j 1``, each
    test of the suite) collects the garbage made since the last freeze and freezes what
    survived (caches, fixtures), so a later ``Network.run`` walks only the objects made
    since: without it every run walked everything the earlier figures or tests had left
    (0.1-0.16 s per run late in a test session, 38 s of the suite's CPU time). A frozen
    object that becomes garbage later waits for the outer block's end, or for
    :func:`release_name`, which collects the whole heap when a Brian2 name is held.
    """
    global _frozen
    if _frozen:
        if collect:
            freeze_survivors()
        yield
        return
    if collect:
        gc.collect()
    gc.freeze()
    _frozen = True
    try:
        yield
    finally:
        _frozen = False
        gc.unfreeze()


#: gcc's optimisation level inside :func:`quick_compile` (Brian2's own: ``-O3``), and the
#: folder of Brian2's Cython cache its modules go to.
QUICK_COMPILE_LEVEL = "-O1"


@contextlib.contextmanager
def quick_compile():
    """Inside the block, new Cython code compiles at ``-O1`` instead of Brian2's ``-O3``.

    For work made of many short simulations, as the figures are (:func:`render
    <bioneuro.figures.scripts.render>` draws every figure inside it). A first run spends
    most of its time compiling: Cython writes C++ and gcc optimises it, and at ``-O1``
    gcc takes about 30 % less time. Measured on 2026-11-30 (2 cores): the first run of
    the 29 figures compiled for 209 s at ``-O3`` and 142 s at ``-O1`` (141 s -> 106 s of
    wall time), while the figures run as fast once compiled (warm, alternating:
    24.3, 24.2 s at ``-O3``; 23.8, 24.8 s at ``-O1``): their simulations are short and their
    time goes to Brian2's Python calls at every step, not to the compiled loops. A large
    network's compiled loops do run slower at ``-O1`` (the 5000-neuron Brunel network:
    9.2-9.7 s at ``-O3``, 9.8-11.9 s at ``-O1``), which is why this is not the default
    everywhere: the Brunel sweeps run in Dask worker processes, with Brian2's own flags.

    The modules go to the folder ``O1`` inside Brian2's Cython cache. Brian2 keys a
    compiled module on its code, not on the flags it was compiled with, and ``-O1`` code
    can differ from ``-O3`` code in the last bits of a float (a figure's SVG coordinates
    in the sixth decimal), so the two never mix and a figure's files do not depend on
    which process compiled its code first. ``brian2.clear_cache("cython")`` clears both.

    Flags a user chose are kept: the block changes nothing when Brian2's compiler
    arguments are not its defaults (``codegen.cpp.extra_compile_args`` set, or
    ``extra_compile_args_gcc`` changed), on Windows (MSVC has its own flags) or without
    Cython. Both preferences are restored at the end.
    """
    from brian2.codegen.cpp_prefs import default_buildopts
    from brian2.codegen.runtime.cython_rt.extension_manager import get_cython_cache_dir

    cache = get_cython_cache_dir()
    flags = list(b2.prefs["codegen.cpp.extra_compile_args_gcc"])
    chosen = b2.prefs["codegen.cpp.extra_compile_args"] is not None or flags != list(
        default_buildopts
    )
    if os.name == "nt" or cache is None or chosen or "-O3" not in flags:
        yield
        return
    old_cache = b2.prefs["codegen.runtime.cython.cache_dir"]
    b2.prefs["codegen.cpp.extra_compile_args_gcc"] = [
        QUICK_COMPILE_LEVEL if flag == "-O3" else flag for flag in flags
    ]
    b2.prefs["codegen.runtime.cython.cache_dir"] = os.path.join(
        cache, QUICK_COMPILE_LEVEL.lstrip("-")
    )
    try:
        yield
    finally:
        b2.prefs["codegen.cpp.extra_compile_args_gcc"] = flags
        b2.prefs["codegen.runtime.cython.cache_dir"] = old_cache


def fixed_clock(owner_name, dt) -> b2.Clock:
    """A clock named ``<owner_name>_clock``, whatever else is alive.

    A group given ``dt=`` makes its own clock named ``<name>_clock*``: Brian2 numbers it
    (``_clock_1``, ...) while an older group of that name is still alive (not yet
    garbage-collected), and the clock's name is in the generated code, so the code
    compiles again. Pass ``clock=fixed_clock(name, dt)`` instead of ``dt=dt``.
    """
    return b2.Clock(dt=dt, name=f"{owner_name}_clock")


class Integrator:
    """Brian2's integration ``method`` with the update code it derives kept on disk.

    Pass it where Brian2 takes ``method=`` (a callable is part of Brian2's API)::

        b2.NeuronGroup(n, eqs, method=Integrator("rk4"), ...)

    Turning equations into update code is sympy algebra, 0.1-1.3 s per model (the
    linear solution of ``exact``, the stages of ``rk4``) in every new process: each
    ``bioneuro figures`` worker, every test worker and notebook kernel starts empty.
    Brian2 remembers the code only inside one process. The code depends on the method,
    the equations and what kind of thing each name in them is (a parameter stored in the
    group is read by name when the code runs, its value is not in the code), so it is
    written to
    ``$XDG_CACHE_HOME/bioneuro/integrators/<key>.txt`` and read back next time.

    The key (:meth:`key`) holds what Brian2's own in-memory cache of these results
    holds, spelled out: the Brian2 and sympy versions (sympy writes the code), the
    method and its options, every equation
    (name, kind, dimensions, type, flags, expression as written), the time step, and for
    each name the equations use a description of its variable (class, dimensions,
    dtype, scalar/constant/read-only; a constant's value; a function's name, whether it
    is stateless and whether it is constant over a step). A name of any other kind makes
    no key, and the code is derived as usual and not stored.

    Parameters
    ----------
    method : str or list of str
        A Brian2 integration method ("exact", "rk4", "euler", ...) or a list of them
        tried in turn, as Brian2's own ``method=`` takes it.
    """

    def __init__(self, method):
        self.method = method
        self.__name__ = method if isinstance(method, str) else "/".join(method)

    def __repr__(self):
        return f"Integrator({self.method!r})"

    # equal for equal methods, so Brian2's in-process cache still finds a repeat
    def __eq__(self, other):
        return isinstance(other, Integrator) and self._name() == other._name()

    def __hash__(self):
        return hash(self._name())

    def _name(self):
        return (self.method,) if isinstance(self.method, str) else tuple(self.method)

    def __call__(self, equations, variables, method_options=None):
        from brian2.stateupdaters.base import StateUpdateMethod

        key = self.key(equations, variables, method_options)
        path = None if key is None else cache_folder("integrators", f"{key}.txt")
        if path is not None and path.is_file():
            return path.read_text(encoding="utf-8")
        code = StateUpdateMethod.apply_stateupdater(
            equations, variables, self.method, method_options=method_options
        )
        if path is not None and isinstance(code, str):
            _write_atomic(path, code)
        return code

    def key(self, equations, variables, method_options=None):
        """The cache key of this method for these equations and variables.

        Parameters
        ----------
        equations : brian2 Equations
        variables : dict
            Brian2's variables of the group (name -> Variable or Function).
        method_options : dict or None

        Returns
        -------
        str or None
            A hex digest, or None when a variable is of a kind the key cannot describe.
        """
        from importlib.metadata import version

        from brian2.core.functions import Function
        from brian2.core.variables import Constant, Variable

        dt = variables["dt"].get_value().item() if "dt" in variables else None
        # sympy (Brian2's dependency, not ours) writes the code: its version, not an import
        parts = [b2.__version__, version("sympy"), repr(self.method)]
        parts += [repr(sorted((method_options or {}).items()))]
        parts += [repr(dt)]
        for eq in equations.ordered:
            expr = None if eq.expr is None else eq.expr.code
            parts.append((eq.varname, eq.type, repr(eq.dim), eq.var_type, sorted(eq.flags), expr))
        for name in sorted(
            (equations.identifiers | set(equations.names) | {"t"}) & set(variables)
        ):
            var = variables[name]
            if isinstance(var, Function):
                sympy_func = getattr(var, "sympy_func", None)
                parts.append(
                    (
                        name,
                        type(var).__name__,
                        var.stateless,
                        dt is not None and bool(var.is_locally_constant(dt)),
                        None if sympy_func is None else str(sympy_func),
                    )
                )
            elif isinstance(var, Variable):
                parts.append(
                    (
                        name,
                        type(var).__name__,
                        repr(var.dim),
                        str(np.dtype(var.dtype)),
                        var.scalar,
                        var.constant,
                        var.read_only,
                        repr(np.asarray(var.value).tolist())
                        if isinstance(var, Constant)
                        else None,
                    )
                )
            else:
                return None
        return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def _write_atomic(path, text):
    """Write ``text`` to ``path`` through a temporary file (a reader never sees half a
    file); an unwritable cache is only a lost optimisation."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass


def freeze_survivors():
    """Inside a :func:`frozen_heap` block: collect the garbage made since the last freeze,
    then freeze what survived. Outside one: nothing (the whole heap is in gc's sight)."""
    if _frozen:
        gc.collect()
        gc.freeze()


def release_name(name):
    """Collect garbage if an unreachable Brian2 object still holds ``name``.

    Objects Brian2 names itself (``<group>_spatialstateupdater*``, ...) get ``_1``,
    ``_2`` while an older object of that name is alive, and those names are in the
    generated code: a new cell built while the last one waits for the garbage collector
    compiles its code again. Only collects when the name is taken (cheap inside
    :func:`frozen_heap`); if the holder was frozen by a nested block before it became
    garbage, the frozen objects are collected too (the whole heap: rare and slower).
    An object still in use keeps its name (and the new one is numbered, as before).
    """
    from brian2.core.names import Nameable

    def taken():
        return any(getattr(ref(), "name", None) == name for ref in Nameable.__instances__())

    if taken():
        gc.collect()
    if _frozen and taken():
        gc.unfreeze()
        gc.collect()
        gc.freeze()


def _group(model, n, input_line, namespace, method, dt, codeobj):
    """The model's ``NeuronGroup`` (``n`` neurons, parameters set) and its SpikeMonitor."""
    prefix = f"bioneuro_{model.name}"
    group = b2.NeuronGroup(
        n,
        model_equations(model, input_line),
        method=Integrator(method or model.brian2_method),
        clock=fixed_clock(prefix, dt),
        namespace=namespace,
        name=prefix,
        codeobj_class=codeobj,
        **spike_rule(model),
    )
    for key, value in model.parameters().items():
        setattr(group, key, value)
    spikes = b2.SpikeMonitor(group, record=True, name=f"{prefix}_spikes", codeobj_class=codeobj)
    return group, spikes


_STIMULUS_CODE = {
    1: """
cdef double {name}(const double t):
    global _namespace{name}_values, _namespace{name}_grid
    cdef double K = _namespace{name}_grid[1]
    cdef double epsilon = _namespace{name}_grid[0] / K
    cdef int rows = <int>_namespace{name}_grid[2]
    cdef int i = (int)((t/epsilon + 0.5)/K)
    if i < 0:
        i = 0
    if i >= rows:
        i = rows - 1
    return _namespace{name}_values[i]
""",
    2: """
cdef double {name}(const double t, const int i):
    global _namespace{name}_values, _namespace{name}_grid
    cdef double K = _namespace{name}_grid[1]
    cdef double epsilon = _namespace{name}_grid[0] / K
    cdef int rows = <int>_namespace{name}_grid[2]
    cdef int cols = <int>_namespace{name}_grid[3]
    if i < 0 or i >= cols:
        return _numpy.nan
    cdef int timestep = (int)((t/epsilon + 0.5)/K)
    if timestep < 0:
        timestep = 0
    elif timestep >= rows:
        timestep = rows - 1
    return _namespace{name}_values[timestep*cols + i]
""",
}


def stimulus_array(values, dt, name) -> b2.TimedArray:
    """``b2.TimedArray(values, dt, name)`` whose Cython code holds no number of its own.

    Brian2's Cython implementation writes the array's dt, length and (2-D) width into
    the generated code, so each new duration or dt compiles the code using it again. Here
    those numbers (dt as Brian2 writes it, Brian2's upsampling factor K, rows, columns)
    travel in a small array next to the values, read when the code runs; the index
    arithmetic is Brian2's, so every value read is the same. The numpy implementation
    is Brian2's own.
    """
    from brian2.input.timedarray import _find_K

    array = b2.TimedArray(values, dt=dt, name=name)
    flat = np.ascontiguousarray(array.values, dtype=np.float64).ravel()
    rows = array.values.shape[0]
    cols = array.values.shape[1] if array.values.ndim == 2 else 1

    def namespace(owner):
        grid = [float(f"{array.dt:.18f}"), _find_K(owner.clock.dt_, array.dt), rows, cols]
        return {f"{name}_values": flat, f"{name}_grid": np.array(grid, dtype=np.float64)}

    code = _STIMULUS_CODE[array.values.ndim].format(name=name)
    array.implementations.add_dynamic_implementation(
        "cython", lambda owner: code, namespace=namespace, name=name
    )
    return array


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
        samples = np.stack([s.sample(dt, n_steps + 1) for s in drive], axis=1)
        namespace["bioneuro_stimuli"] = stimulus_array(
            b2.Quantity(samples, dim=drive[0].dim), dt, "bioneuro_stimuli"
        )
        input_line = f"I_stim = bioneuro_stimuli(t, i) : {unit}"
    else:  # one stimulus, one neuron
        n = 1
        samples = drive.sample(dt, n_steps + 1)
        namespace["bioneuro_stimulus"] = stimulus_array(
            b2.Quantity(samples, dim=drive.dim), dt, "bioneuro_stimulus"
        )
        input_line = f"I_stim = bioneuro_stimulus(t) : {unit}"
    group, spikes = _group(model, n, input_line, namespace, method, dt, codeobj)
    prefix = group.name
    for key, value in (initial_state or model.initial_state()).items():
        setattr(group, key, value)
    if input_line.endswith("(constant)"):
        group.I_stim = drive
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
    with frozen_heap():
        net.run(duration, namespace={})
    trains = spikes.spike_trains()
    states = {}
    if record:
        states = {s: owned(getattr(monitor, s)[:, :n_steps]) for s in model.state_variables}
    return BackendRun(
        t=np.arange(n_steps) * dt, spikes=[owned(trains[i][:]) for i in range(n)], states=states
    )


#: Devices :func:`sweep` runs on.
DEVICES = ("runtime", "cpp_standalone")

_MANIFEST = "bioneuro_sweep.json"


def _sweep_key(model, n, duration, dt, method, threads) -> str:
    """What a compiled sweep program depends on (not the currents, parameters or
    initial state: those are passed to the program when it runs)."""
    # the equations as given (str(Equations) spells units differently once Brian2 has seen
    # other units in this process: it cannot be a key)
    text = model.equations + parameter_declarations(model.parameters())
    parts = (
        text,
        sorted(spike_rule(model).items()),
        method,
        int(n),
        repr(float(dt)),
        repr(float(duration)),
        int(threads),
    )  # Brian2's version and the compiler: in standalone_directory's own key
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def _build_sweep(folder, model, n, duration, dt, method, threads):
    """Generate and compile the C++ program of an f-I sweep in ``folder``; write its
    manifest (how to call it and where it writes the spikes)."""
    from brian2.devices.device import get_device

    with standalone(folder, threads, build_on_run=False):
        group, spikes = _group(
            model, n, f"I_stim : {unit_string(model.input_unit)} (constant)", {}, method, dt, None
        )
        net = b2.Network(group, spikes, name=f"{group.name}_network")
        net.run(duration, namespace={})
        device = get_device()
        device.build(directory=str(folder), compile=True, run=False, with_output=False)
        manifest = {
            "group": group.name,
            "i": device.get_array_filename(spikes.variables["i"]),
            "t": device.get_array_filename(spikes.variables["t"]),
            "dtypes": [str(np.dtype(spikes.variables[k].dtype)) for k in ("i", "t")],
            "run_cmd": list(b2.prefs.devices.cpp_standalone.run_cmd_unix)
            if not isinstance(b2.prefs.devices.cpp_standalone.run_cmd_unix, str)
            else [b2.prefs.devices.cpp_standalone.run_cmd_unix],
        }
    (folder / _MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    return manifest


def _si(value) -> str:
    """A value as the standalone program reads it on its command line (SI, full precision)."""
    return repr(float(np.asarray(value)))


def sweep(
    model, currents, duration, dt, *, method=None, device="runtime", threads=0, target="auto"
):
    """All ``currents`` at once, one neuron each, spikes only: the f-I sweep.

    Parameters
    ----------
    model : PointModel
    currents : Quantity array
        One constant input per neuron.
    duration, dt : Quantity
    method : str or None
        Brian2 integration method (default: the model's).
    device : {"runtime", "cpp_standalone"}
        ``runtime``: :func:`run` (``target`` chooses cython or numpy). ``cpp_standalone``:
        the sweep is compiled once into a C++ program in a persistent folder per model,
        number of neurons, duration, dt and method
        (:func:`standalone_directory` ``/fi_<model>_<key>``); currents, parameters and
        initial state are passed to the program when it runs, so a new sweep of the
        same shape runs the compiled program at once, with no code generation and no
        Brian2 objects. The same generated code as on runtime, compiled by the same
        compiler with the same flags: rates agree with runtime to rounding.
    threads : int
        OpenMP threads of the C++ program (0: none).

    Returns
    -------
    BackendRun
        Spike trains only (``states`` empty).
    """
    check_choice("device", device, DEVICES)
    if device == "runtime":
        return run(model, currents, duration, dt, record=False, method=method, target=target)
    from brian2.utils.filelock import FileLock

    method = method or model.brian2_method
    n = len(currents)
    folder = standalone_directory(
        f"fi_{model.name}_{_sweep_key(model, n, duration, dt, method, threads)}"
    )
    folder.mkdir(parents=True, exist_ok=True)
    with FileLock(str(folder / "bioneuro_build.lock")):  # one build, however many callers
        try:
            manifest = json.loads((folder / _MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            manifest = _build_sweep(folder, model, n, duration, dt, method, threads)
    name = manifest["group"]
    values = {**model.parameters(), **model.initial_state()}
    with tempfile.TemporaryDirectory(prefix="run_", dir=folder) as tmp:
        tmp = Path(tmp)
        currents_file = tmp / "I_stim.dat"
        np.asarray(currents, dtype=np.float64).tofile(currents_file)
        args = [f"{name}.{key}={_si(value)}" for key, value in values.items()]
        args.append(f"{name}.I_stim={currents_file}")
        results = tmp / "results"
        results.mkdir()
        proc = subprocess.run(
            [*manifest["run_cmd"], "--results_dir", f"{results}{os.sep}", *args],
            cwd=folder,
            capture_output=True,
            text=True,
        )
        if proc.returncode:
            raise RuntimeError(
                f"the compiled sweep in {folder} failed (exit code {proc.returncode}): "
                f"{(proc.stderr or proc.stdout).strip()[-2000:]}; delete the folder to "
                "rebuild it"
            )
        i_dtype, t_dtype = manifest["dtypes"]
        i = np.fromfile(results / manifest["i"], dtype=i_dtype)
        t = np.fromfile(results / manifest["t"], dtype=t_dtype)
    order = np.argsort(i, kind="stable")  # spikes of each neuron, in time order
    bounds = np.searchsorted(i[order], np.arange(n + 1))
    t = t[order]
    trains = [b2.Quantity(t[bounds[k] : bounds[k + 1]], dim=b2.second.dim) for k in range(n)]
    n_steps = int(round(float(duration / dt)))
    return BackendRun(t=np.arange(n_steps) * dt, spikes=trains)
