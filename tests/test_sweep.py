"""Sweeps on Dask (bioneuro.bio.sweep): the same numbers anywhere, each point once.

* A LocalCluster with 2 workers gives exactly the numbers of a serial run of the same
  grid (each point seeds its own random numbers; the cluster only decides where it runs).
* A worker killed (SIGKILL, by its process id) while it computes a point loses no point
  and computes none twice: Dask reruns the lost task on the other worker, and the ledger
  shows every point finished exactly once.
* An interrupted sweep resumes from its cache: the points already computed are read,
  not recomputed; a new model version computes afresh.

The grid points are small Brunel networks (1000 neurons, C_E = 80: not the paper's
regime, only a workload of 1-3 s per point whose numbers depend on every random draw).
Both cluster tests use one LocalCluster (a module fixture: its workers import Brian2
once; the worker the second test kills is restarted by its nanny, a new process).
Cost: ~15-30 s warm.
"""

import logging
import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest

from bioneuro.bio.experiments.brunel2000 import brunel_point, model_version
from bioneuro.bio.sweep import point_key, read_ledger, resolve_scheduler, sweep

POINTS = [
    {"g": g, "nu_ratio": 2.0, "n": 1000, "epsilon": 0.1, "duration": 0.4, "seed": 0}
    for g in (3.0, 4.0, 5.0, 6.0)
]


def _numbers(results):
    # everything a point measured, without its wall time
    return [{k: v for k, v in r.items() if k != "seconds"} for r in results]


@pytest.fixture(scope="module")
def cluster():
    """A LocalCluster of 2 single-threaded worker processes, shared by this module's
    cluster tests."""
    from dask.distributed import LocalCluster

    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    ) as local:
        yield local


@pytest.mark.slow
def test_local_cluster_gives_the_numbers_of_a_serial_run(cluster, tmp_path):
    version = model_version()
    serial = sweep(
        brunel_point,
        POINTS,
        name="t",
        version=version,
        scheduler="serial",
        cache=tmp_path / "serial",
        report=False,
    )
    parallel = sweep(
        brunel_point,
        POINTS,
        name="t",
        version=version,
        scheduler=cluster.scheduler_address,
        cache=tmp_path / "cluster",
        report=False,
    )
    assert _numbers(parallel) == _numbers(serial)  # exactly: same floats, same states
    where = {line[3] for line in read_ledger(tmp_path / "cluster") if line[1] == "done"}
    assert len(where) == 2  # both workers computed points
    assert f"{os.getpid()}" not in {w.split(":")[1] for w in where}


@pytest.mark.slow
def test_a_killed_worker_loses_no_point_and_computes_none_twice(cluster, tmp_path):
    from dask.distributed import Client

    points = [{**p, "duration": 1.0} for p in POINTS] + [
        {**POINTS[0], "g": g, "duration": 1.0} for g in (3.5, 4.5)
    ]
    cache = tmp_path / "cache"
    version = model_version()
    keys = {point_key("t", version, p) for p in points}
    out, lines = [], []
    with Client(cluster) as client:
        pids = set(client.run(os.getpid).values())
        runner = threading.Thread(
            target=lambda: out.append(
                sweep(
                    brunel_point,
                    points,
                    name="t",
                    version=version,
                    scheduler=cluster.scheduler_address,
                    cache=cache,
                    report=lines.append,
                )
            )
        )
        runner.start()
        killed = None
        deadline = time.time() + 300
        while killed is None and time.time() < deadline:
            ledger = read_ledger(cache)
            done = {k for _, e, k, _ in ledger if e == "done"}
            running = [(t, k, w) for t, e, k, w in ledger if e == "start" and k not in done]
            if done and running:  # the workers are warm; kill one in the middle of a point
                _, key, where = max(running)
                pid = int(where.split(":")[1])
                assert pid in pids  # a worker of this test's own cluster
                os.kill(pid, signal.SIGKILL)
                killed = key
            time.sleep(0.05)
        runner.join(timeout=600)
    assert killed is not None, "no point was seen running"
    assert out and len(out[0]) == len(points), lines
    ledger = read_ledger(cache)
    starts = {k: sum(1 for _, e, kk, _ in ledger if e == "start" and kk == k) for k in keys}
    dones = {k: sum(1 for _, e, kk, _ in ledger if e == "done" and kk == k) for k in keys}
    assert dones == dict.fromkeys(keys, 1)  # every point finished, none twice
    assert starts[killed] == 2  # the killed computation was started again, elsewhere
    assert all(starts[k] == 1 for k in keys - {killed})
    # the rerun point gives what a serial run gives
    index = next(i for i, p in enumerate(points) if point_key("t", version, p) == killed)
    serial = sweep(
        brunel_point,
        [points[index]],
        name="t",
        version=version,
        scheduler="serial",
        cache=tmp_path / "serial",
        report=False,
    )
    assert _numbers([out[0][index]]) == _numbers(serial)


def _square(x):
    return {"y": x * x}


class Interrupt(Exception):
    pass


def test_an_interrupted_sweep_resumes_from_its_cache(tmp_path):
    points = [{"x": x} for x in range(5)]
    seen = []

    def stop_after_two(line):
        seen.append(line)
        if sum(line.startswith("[") for line in seen) == 2:
            raise Interrupt  # Ctrl-C after two points

    with pytest.raises(Interrupt):
        sweep(
            _square,
            points,
            name="sq",
            version="1",
            scheduler="serial",
            cache=tmp_path,
            report=stop_after_two,
        )
    assert len(list(tmp_path.glob("*.json"))) == 2
    lines = []
    results = sweep(
        _square,
        points,
        name="sq",
        version="1",
        scheduler="serial",
        cache=tmp_path,
        report=lines.append,
    )
    assert results == [{"y": x * x} for x in range(5)]
    assert "5 points, 2 cached" in lines[0] and "3 to compute" in lines[0]
    assert sum("(cached" in line for line in lines) == 0  # cached points are not rerun
    ledger = read_ledger(tmp_path)
    assert sum(e == "done" for _, e, _, _ in ledger) == 5  # 2 + 3: nothing twice
    # a third run computes nothing at all
    lines = []
    assert (
        sweep(
            _square,
            points,
            name="sq",
            version="1",
            scheduler="serial",
            cache=tmp_path,
            report=lines.append,
        )
        == results
    )
    assert "5 cached" in lines[0] and "0 to compute" in lines[0] and len(lines) == 1
    # a new model version does not read the old results
    sweep(
        _square,
        points[:1],
        name="sq",
        version="2",
        scheduler="serial",
        cache=tmp_path,
        report=False,
    )
    assert sum(e == "done" for _, e, _, _ in read_ledger(tmp_path)) == 6


def test_scheduler_from_the_environment_and_bad_arguments(monkeypatch, tmp_path):
    monkeypatch.delenv("BIONEURO_SCHEDULER", raising=False)
    assert resolve_scheduler(None) == "local"
    monkeypatch.setenv("BIONEURO_SCHEDULER", "tcp://10.0.0.1:8786")
    assert resolve_scheduler(None) == "tcp://10.0.0.1:8786"
    with pytest.raises(ValueError, match="scheduler must be 'local', 'serial' or a Dask"):
        sweep(_square, [{"x": 1}], name="sq", scheduler="cluster", cache=tmp_path)
    with pytest.raises(TypeError, match="points must be a list of dicts"):
        sweep(_square, [1, 2], name="sq", scheduler="serial", cache=tmp_path)
    with pytest.raises(TypeError, match="points must hold plain numbers"):
        sweep(_square, [{"x": object()}], name="sq", scheduler="serial", cache=tmp_path)
    with pytest.raises(ValueError, match="name must be a non-empty folder name"):
        sweep(_square, [{"x": 1}], name="a/b", scheduler="serial", cache=tmp_path)
    with pytest.raises(ValueError, match="workers must be > 0"):
        sweep(_square, [{"x": 1}], name="sq", workers=0, cache=tmp_path)


def test_bioneuro_figures_scheduler_option(monkeypatch, capsys, tmp_path):
    from bioneuro import cli
    from bioneuro.figures import scripts as figure_tools

    # setenv records the variable's state, so the one cli.main sets is undone afterwards
    monkeypatch.setenv("BIONEURO_SCHEDULER", "local")
    assert cli.main(["figures", "--scheduler", "nowhere", "brunel_phase_diagram"]) == 2
    assert "--scheduler takes 'local', 'serial' or a Dask scheduler address" in (
        capsys.readouterr().err
    )
    seen = []
    monkeypatch.setattr(cli, "draw_figures", lambda *a, **k: seen.append(os.environ.copy()))
    monkeypatch.setattr(figure_tools, "render", lambda *a, **k: None)
    address = "tcp://10.0.0.1:8786"
    args = ["figures", "--scheduler", address, "--out", str(tmp_path), "brunel_phase_diagram"]
    assert cli.main(args) == 0
    # the figure's sweep reads it: the same code runs on that cluster
    assert seen[0]["BIONEURO_SCHEDULER"] == address
    assert resolve_scheduler(None) == address


def test_bundled_results_fill_what_the_cache_lacks(monkeypatch, tmp_path):
    from bioneuro.bio import sweep as sweep_module

    monkeypatch.setattr(sweep_module, "bundled_directory", lambda name: tmp_path / "bundle" / name)
    monkeypatch.delenv("BIONEURO_BUNDLED", raising=False)
    points = [{"x": x} for x in range(3)]
    common = {"name": "sq", "scheduler": "serial"}
    # a maintainer bundles: with $BIONEURO_BUNDLE=1 every result returned is written there
    monkeypatch.setenv("BIONEURO_BUNDLE", "1")
    sweep(_square, points, version="1", cache=tmp_path / "maintainer", report=False, **common)
    monkeypatch.delenv("BIONEURO_BUNDLE")
    bundle = tmp_path / "bundle" / "sq"
    assert sorted(p.stem for p in bundle.glob("*.json")) == sorted(
        point_key("sq", "1", p) for p in points
    )
    # a bundled result is read as it is, not recomputed: make one recognisable
    marked = bundle / f"{point_key('sq', '1', points[2])}.json"
    marked.write_text('{"point": {"x": 2}, "version": "1", "result": {"y": -4}}')
    lines = []
    user = tmp_path / "user"
    results = sweep(
        _square, [*points, {"x": 3}], version="1", cache=user, report=lines.append, **common
    )
    assert results == [{"y": 0}, {"y": 1}, {"y": -4}, {"y": 9}]
    assert "4 points, 0 cached in" in lines[0]
    assert "3 bundled with bioneuro, 1 to compute" in lines[0]
    assert [e for _, e, _, _ in read_ledger(user)] == ["start", "done"]  # x = 3 only
    assert not (user / marked.name).exists()  # the user's cache holds what it computed
    # another model version, bundled=False or $BIONEURO_BUNDLED=0: computed
    for version, bundled, env in (("2", None, ""), ("1", False, ""), ("1", None, "0")):
        monkeypatch.setenv("BIONEURO_BUNDLED", env)
        lines = []
        fresh = tmp_path / f"user-{version}-{bundled}-{env}"
        out = sweep(
            _square,
            points,
            version=version,
            cache=fresh,
            bundled=bundled,
            report=lines.append,
            **common,
        )
        assert out == [{"y": 0}, {"y": 1}, {"y": 4}]
        assert "bundled with" not in lines[0] and "3 to compute" in lines[0]
    monkeypatch.setenv("BIONEURO_BUNDLED", "yes")
    with pytest.raises(ValueError, match=r"\$BIONEURO_BUNDLED must be 0 or 1; got 'yes'"):
        sweep(_square, points, version="1", cache=user, **common)
    monkeypatch.delenv("BIONEURO_BUNDLED")
    with pytest.raises(TypeError, match="bundled must be True, False or None; got 'no'"):
        sweep(_square, points, version="1", cache=user, bundled="no", **common)


def test_the_bundle_is_what_the_brunel_figures_read(monkeypatch, tmp_path):
    # a first run with Python 3.11 (an empty cache: $XDG_CACHE_HOME here) computes no
    # Brunel point: every point either figure reads, in either mode, is bundled under its
    # current key, and the bundle holds nothing else (no results of an older model)
    if sys.version_info[:2] != (3, 11):
        pytest.skip(
            "the bundle serves Python 3.11 (CI's): its keys hash the code's AST, which "
            "Python 3.12 writes differently, so other Pythons compute their own points"
        )
    import matplotlib.pyplot as plt

    from bioneuro.bio import sweep as sweep_module
    from bioneuro.bio.experiments import brunel2000
    from bioneuro.figures.scripts import figure_scripts, load_make_figure

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("BIONEURO_SCHEDULER", "serial")
    monkeypatch.delenv("BIONEURO_BUNDLED", raising=False)
    monkeypatch.setattr(brunel2000.b2, "__version__", brunel2000.BUNDLED_BRIAN2)
    root = sweep_module.bundled_directory("x").parent
    read, original = set(), sweep_module._read

    def spy(path):
        record = original(path)
        if record is not None and Path(path).is_relative_to(root):
            read.add(Path(path).relative_to(root).as_posix())
        return record

    def not_bundled(function, point, path, version):
        raise AssertionError(
            f"a Brunel figure reads a point that is not bundled: {point} (version {version}). "
            "After a change of the model, refresh the bundle with Python 3.11 "
            "(docs/architecture.md, 'Refreshing the bundle')"
        )

    monkeypatch.setattr(sweep_module, "_read", spy)
    monkeypatch.setattr(sweep_module, "run_point", not_bundled)
    scripts = {s.name: s.path for s in figure_scripts()}
    for figure in ("brunel_states", "brunel_phase_diagram"):
        for quick in (False, True):
            plt.close(load_make_figure(scripts[figure])(quick=quick))
    bundled = {p.relative_to(root).as_posix() for p in root.glob("*/*.json")}
    assert read == bundled, f"bundled but read by no figure: {sorted(bundled - read)}"
