"""The fast paths give the same results as the plain ones (nothing here is timed).

* ``bioneuro figures -j N`` writes the same bytes as ``-j 1``, reports a failing or
  crashing figure without losing the others, refuses a bad ``-j``, and stops its
  workers and what they started when it is killed;
* ``fi_curve(device="cpp_standalone")`` (a compiled program run with new currents)
  gives the spike trains of the runtime device;
* the stimulus arrays whose compiled code holds no length or dt of their own
  (``stimulus_array``) read the values Brian2's TimedArray reads;
* the scipy backend's float path evaluates the derivatives numpy evaluates (to
  rounding: ``math.exp`` and numpy's ``exp`` may differ in the last bit);
* a figure's Brian2 code compiles at -O1 into its own cache folder, only where the
  flags are Brian2's defaults, and Brian2's preferences are restored afterwards
  (``quick_compile``; that -O1 changes no figure beyond the last bits of a float was
  measured once: docs/architecture.md).
"""

import os
import signal
import subprocess
import sys
import time

import numpy as np
import pytest
from brian2 import Hz, cm, ms, nA, second, uA

from bioneuro import bio, cli
from bioneuro.bio.backends import brian, ode
from bioneuro.figures import scripts as figure_tools

FAKE = {
    "good": "import matplotlib.pyplot as plt\n"
    "def make_figure(quick=False):\n"
    "    fig, ax = plt.subplots()\n"
    "    ax.plot([1, 3, 2], label='µA/cm²')\n"
    "    ax.legend()\n"
    "    return fig\n",
    "bad": "def make_figure(quick=False):\n    raise ValueError('broken on purpose')\n",
    "crash": "import os\ndef make_figure(quick=False):\n    os._exit(3)\n",
}


def _fake_scripts(root):
    (root / "simulations").mkdir()
    for name, body in FAKE.items():
        doc = f'"""\n{name.title()}\n{"=" * len(name)}\n\nA {name} figure.\n"""\n'
        (root / "simulations" / f"plot_{name}.py").write_text(doc + body, encoding="utf-8")
    return figure_tools.figure_scripts(root)


def _run(code, *args, env=None):
    """Python ``code`` in a fresh process (forking inside a pytest-xdist worker, which
    runs threads, is not safe); its stdout."""
    proc = subprocess.run(
        [sys.executable, "-c", code, *map(str, args)],
        capture_output=True,
        text=True,
        env={**os.environ, "BIONEURO_JOBS": "2", **(env or {})},
        timeout=600,
    )
    return proc.returncode, proc.stdout + proc.stderr


def test_parallel_workers_report_every_failure_and_draw_the_rest(tmp_path):
    _fake_scripts(tmp_path)
    code = (
        "import sys\n"
        "from bioneuro.figures import scripts\n"
        "failed = scripts.draw_figures(scripts.figure_scripts(sys.argv[1]), sys.argv[2], jobs=2)\n"
        "print('FAILED LIST', failed)\n"
    )
    status, out = _run(code, tmp_path, tmp_path / "out", env={"XDG_CACHE_HOME": str(tmp_path)})
    assert status == 0, out
    assert "FAILED LIST ['bad', 'crash']" in out
    assert "FAILED: ValueError: broken on purpose" in out
    assert "worker process died (exit code 3)" in out
    assert (tmp_path / "out" / "good.png").stat().st_size > 1000


def test_parallel_files_are_byte_identical_to_serial(tmp_path):
    names = ["artificial_neuron", "psp_kinetics"]
    code = "import sys\nfrom bioneuro import cli\nsys.exit(cli.main(sys.argv[1:]))\n"
    for jobs in ("1", "2"):  # both built (--rebuild), not drawn from the figure cache
        status, out = _run(
            code, "figures", "--quick", "--rebuild", "-j", jobs, "--out", tmp_path / jobs, *names
        )
        assert "from the figure cache" not in out
        assert status == 0, out
    for name in names:
        for ext in ("png", "svg"):
            one = (tmp_path / "1" / f"{name}.{ext}").read_bytes()
            assert one == (tmp_path / "2" / f"{name}.{ext}").read_bytes(), f"{name}.{ext}"


#: A figure that starts a process of its own (as a Brian sweep starts a Dask cluster),
#: writes down its pids, and stops that process in a ``finally`` when it is interrupted.
SLOW = '''"""
Slow
====

A figure that waits.
"""
import os, subprocess, sys, time
def make_figure(quick=False):
    here = os.environ["BIONEURO_TEST_DIR"]
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    with open(os.path.join(here, "pids.tmp"), "w") as f:
        f.write(f"{os.getpid()} {child.pid}")
    os.replace(os.path.join(here, "pids.tmp"), os.path.join(here, "pids"))
    try:
        time.sleep(600)
    finally:
        child.kill()
        child.wait()
        open(os.path.join(here, "cleaned"), "w").close()
'''


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_killed_command_stops_its_workers_and_what_they_started(tmp_path, jobs):
    (tmp_path / "simulations").mkdir()
    doc = '"""\nGood\n====\n\nA good figure.\n"""\n'  # with -j 2 the other worker draws it
    (tmp_path / "simulations" / "plot_good.py").write_text(doc + FAKE["good"], encoding="utf-8")
    (tmp_path / "simulations" / "plot_slow.py").write_text(SLOW, encoding="utf-8")
    code = (
        "import sys\n"
        "from bioneuro.figures import scripts\n"
        "scripts.draw_figures(scripts.figure_scripts(sys.argv[1]), sys.argv[2], "
        "jobs=int(sys.argv[3]))\n"
    )
    env = {**os.environ, "BIONEURO_TEST_DIR": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path)}
    log = tmp_path / "log"
    with open(log, "w") as output:  # a file: the figure's own process holds no pipe open
        proc = subprocess.Popen(
            [sys.executable, "-c", code, str(tmp_path), str(tmp_path / "out"), jobs],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    pids = []
    try:
        deadline = time.monotonic() + 120
        while not (tmp_path / "pids").exists():
            assert proc.poll() is None, log.read_text()
            assert time.monotonic() < deadline, "the figure never started"
            time.sleep(0.05)
        pids = [int(p) for p in (tmp_path / "pids").read_text().split()]
        assert (pids[0] == proc.pid) == (jobs == "1"), "drawn in a worker process with -j 2"
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
        # 143 = 128 + SIGTERM: the command exited through Python, not killed outright
        assert proc.returncode == 143, log.read_text()
        assert (tmp_path / "cleaned").exists(), "the figure's finally block did not run"
        # the worker (jobs=2) and the figure's own process are gone, not left running
        assert not [p for p in pids if p != proc.pid and _alive(p)], log.read_text()
    finally:
        for pid in [proc.pid, *pids]:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        proc.wait()


@pytest.mark.parametrize("value", ["0", "-2", "1.5", "two"])
def test_bad_jobs_are_refused_naming_the_option(value, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["figures", "-j", value, "--quick"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "-j/--jobs" in err and "at least 1" in err and repr(value) in err


def test_bad_jobs_environment_is_refused_naming_it(monkeypatch):
    monkeypatch.setenv("BIONEURO_JOBS", "0")
    with pytest.raises(SystemExit, match="BIONEURO_JOBS must be a whole number"):
        figure_tools.default_jobs()
    with pytest.raises(ValueError, match="jobs must be a whole number"):
        figure_tools.draw_figures([], ".", jobs=0)


@pytest.mark.slow  # the first run compiles the C++ program (10-30 s); then it is reused
def test_fi_curve_on_cpp_standalone_matches_runtime(hh):
    currents = [0, 5, 6.5, 10, 30] * uA / cm**2
    runtime = bio.fi_curve(hh, currents, duration=300 * ms)
    compiled = bio.fi_curve(hh, currents, duration=300 * ms, device="cpp_standalone")
    again = bio.fi_curve(hh, currents[::-1], duration=300 * ms, device="cpp_standalone")
    assert np.array_equal(np.asarray(runtime.y / Hz), np.asarray(compiled.y / Hz))
    for a, b in zip(runtime.meta["spike_trains"], compiled.meta["spike_trains"], strict=True):
        assert np.array_equal(np.asarray(a / second), np.asarray(b / second))
    assert np.array_equal(np.asarray(again.y / Hz), np.asarray(compiled.y / Hz)[::-1])
    with pytest.raises(ValueError, match="device must be one of"):
        bio.fi_curve(hh, currents, device="gpu")
    with pytest.raises(ValueError, match="needs backend='brian2'"):
        bio.fi_curve(hh, currents, device="cpp_standalone", backend="scipy")


def test_stimulus_array_reads_what_timedarray_reads():
    import brian2 as b2

    rng = np.random.default_rng(1)
    for shape, dt in (((37,), 0.025 * ms), ((23, 3), 0.01 * ms)):
        values = rng.normal(size=shape) * nA
        ours = brian.stimulus_array(values, dt, "bioneuro_test_stimulus")
        ref = b2.TimedArray(values, dt=dt, name="bioneuro_test_reference")
        call = "(t, i % 3)" if len(shape) == 2 else "(t)"
        group = b2.NeuronGroup(
            3,
            f"a = bioneuro_test_stimulus{call} : amp\nb = bioneuro_test_reference{call} : amp",
            dt=dt,
            namespace={"bioneuro_test_stimulus": ours, "bioneuro_test_reference": ref},
            name="bioneuro_test_group",
        )
        mon = b2.StateMonitor(group, ["a", "b"], record=True, name="bioneuro_test_mon")
        net = b2.Network(group, mon)
        net.run(shape[0] * dt * 1.5, namespace={})  # past the end: both hold the last value
        assert np.array_equal(np.asarray(mon.a), np.asarray(mon.b)), (shape, dt)


def test_float_path_evaluates_what_numpy_evaluates():
    rng = np.random.default_rng(2)
    for model in (bio.HodgkinHuxley(), bio.LIF(), bio.AdEx()):
        comp = ode.CompiledModel(model)
        y0 = np.array([float(ode.natural(model.initial_state()[s])) for s in comp.states])
        y = y0[:, None] * (1 + 0.1 * rng.normal(size=(len(comp.states), 5)))
        currents, frozen = rng.normal(size=5), np.array([False, True, False, False, True])
        fast = comp.evaluate(3.0, y, currents, frozen)
        slow = np.array(comp.namespace["derivatives"](3.0, *y, currents, frozen))
        # math.exp and numpy's exp may differ in the last bit: agreement to rounding
        np.testing.assert_allclose(fast, slow, rtol=1e-13, atol=0, err_msg=type(model).__name__)


def _compiling():
    """What Brian2 compiles with now: (flags, Cython cache folder), read the way Brian2
    reads them when it builds a code object."""
    from brian2.codegen.cpp_prefs import get_compiler_and_args
    from brian2.codegen.runtime.cython_rt.extension_manager import get_cython_cache_dir

    return list(get_compiler_and_args()[1]), get_cython_cache_dir()


def test_quick_compile_lowers_brian2s_default_flags_only_and_restores_them():
    import brian2 as b2

    flags, folder = _compiling()
    preference = b2.prefs["codegen.runtime.cython.cache_dir"]  # None: Brian2's default
    assert "-O3" in flags  # Brian2's default on this machine
    with brian.quick_compile():
        inside, inside_folder = _compiling()
    assert inside == [brian.QUICK_COMPILE_LEVEL if f == "-O3" else f for f in flags]
    assert inside_folder == os.path.join(folder, "O1")  # never mixed with -O3 modules
    assert _compiling() == (flags, folder)
    assert b2.prefs["codegen.runtime.cython.cache_dir"] == preference
    with pytest.raises(RuntimeError), brian.quick_compile():
        raise RuntimeError  # restored on the way out of an error too
    assert _compiling() == (flags, folder)
    # flags a user chose are kept, in both of Brian2's places for them
    own = [f for f in b2.prefs["codegen.cpp.extra_compile_args_gcc"] if f != "-O3"] + ["-O2"]
    for pref, value in (
        ("codegen.cpp.extra_compile_args_gcc", own),
        ("codegen.cpp.extra_compile_args", own),
    ):
        old = b2.prefs[pref]
        b2.prefs[pref] = value
        try:
            before = _compiling()
            with brian.quick_compile():
                assert _compiling() == before
        finally:
            b2.prefs[pref] = old
    assert _compiling() == (flags, folder)


def test_render_draws_a_figure_inside_quick_compile(tmp_path):
    seen = []

    def make_figure(quick=False):
        import matplotlib.pyplot as plt

        seen.append(_compiling())
        return plt.figure(figsize=(2, 2))

    flags, folder = _compiling()
    figure_tools.render(make_figure, "probe", tmp_path, formats=("png",))
    assert seen == [
        (
            [brian.QUICK_COMPILE_LEVEL if f == "-O3" else f for f in flags],
            os.path.join(folder, "O1"),
        )
    ]
    assert _compiling() == (flags, folder)


def test_a_first_parallel_run_starts_the_slowest_figures_first(monkeypatch, tmp_path):
    # with no times of its own (an empty cache) the queue follows FIRST_RUN_SECONDS, the
    # largest first, so the workers finish together
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    queued = []
    monkeypatch.setattr(figure_tools, "_run_workers", lambda ctx, queue, *a: queued.extend(queue))
    monkeypatch.setattr(figure_tools, "_start_method", lambda: "spawn")  # nothing preloaded
    scripts = figure_tools.figure_scripts()
    figure_tools._draw_parallel(scripts, tmp_path, False, ("png",), 2, "full", None)
    seconds = [figure_tools.FIRST_RUN_SECONDS[s.name] for s in queued]
    assert sorted(s.name for s in queued) == sorted(s.name for s in scripts)
    assert seconds == sorted(seconds, reverse=True)
    assert queued[0].name == "alone_vs_network"
    # every figure has its number, and the table names no figure that is gone: a new
    # figure's is its time in `python benchmarks/compile_log.py NAME`
    assert set(figure_tools.FIRST_RUN_SECONDS) == {s.name for s in scripts}
