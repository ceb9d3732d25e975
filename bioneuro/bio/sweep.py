"""Parameter sweeps on Dask: every grid point computed once, cached on disk, on any cluster.

A sweep runs ``function(**point)`` for every ``point`` of a grid (a list of dicts of
plain numbers) and returns the results (dicts of plain numbers, lists and strings) in
the grid's order. Where it runs is one argument, ``scheduler``:

=========================  ========================================================
``scheduler``              where the points run
=========================  ========================================================
``None`` (default)         ``$BIONEURO_SCHEDULER`` if set, else ``"local"``
``"local"``                a ``dask.distributed.LocalCluster`` started for this
                           sweep: ``workers`` processes (default: every core), one
                           thread each (Brian2's runtime device is per process)
``"tcp://host:8786"``      an existing Dask cluster (``dask scheduler`` and
                           ``dask worker`` on other machines): the same code, the
                           same results, more cores
``"serial"``               one after the other in this process (no Dask)
=========================  ========================================================

**Cache.** Each result is a JSON file ``<cache>/<key>.json``, ``key`` a hash of the sweep's
name, the model ``version`` and the point. The points already cached are read, not sent
to the cluster, so an interrupted sweep resumes where it stopped and nothing is
computed twice; a changed model (a new ``version``) never reads old results. The task
on the worker checks the cache first too and writes its result before it returns, so a
worker lost after computing a point costs nothing (Dask reruns the task, which finds
the file); a worker killed *while* computing loses only that computation, which Dask
then runs on another worker. Files are written atomically (a temporary file, then
``os.replace``). Workers on other machines write to the same path when they share the
file system; the client writes every result it receives as well.

**Bundled results.** A point missing from the cache is looked up next in the results
that come with bioneuro, ``bioneuro/data/sweeps/<name>/<key>.json``
(:func:`bundled_directory`): the points of the figures' sweeps (the Brunel phase diagram
and its four states, ~8 minutes of CPU on a first run). The key is the same, so a
bundled result is read only for the model version it was computed with; any other
version computes. The Brunel model's version holds Brian2's version (2.9.0 here) and a
hash of the code's AST, which Python 3.12 writes differently: the bundle serves Python
3.11, and 3.12 and 3.13 compute their own (the four points of Fig. 8 that
tests/test_brunel.py computes came out equal to the bundled ones with Brian2 2.10.1 and
2.11.0). ``bundled=False`` or ``$BIONEURO_BUNDLED=0`` (``bioneuro figures
--no-bundled``) ignores the bundle. Maintainers refresh it after a model change with
``$BIONEURO_BUNDLE=1``: every result a sweep returns is then also written there (see
docs/architecture.md); ``tests/test_sweep.py`` fails while a figure's point is missing
or a file is stale.

**Ledger.** ``<cache>/ledger.log`` gets one line per computation started and finished
(time, event, key, host:pid): the record that a point was computed once.

**Progress.** One line per point as it completes: its parameters, what it measured
(``summary``), whether it was computed or found cached by the worker, and the time since
the sweep started.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import sys
import time
from pathlib import Path

from bioneuro.cache import cache_folder, env_flag, write_atomic
from bioneuro.checks import check_number

#: Environment variable naming the default scheduler (a ``tcp://`` address).
SCHEDULER_ENV = "BIONEURO_SCHEDULER"
#: Environment variable: "0" ignores the bundled results (compute what is not cached).
BUNDLED_ENV = "BIONEURO_BUNDLED"
#: Environment variable: "1" writes every result a sweep returns into the bundle.
BUNDLE_ENV = "BIONEURO_BUNDLE"


def cache_directory(name):
    """Per-user cache folder of a sweep: ``$XDG_CACHE_HOME/bioneuro/sweeps/<name>``
    (default ``~/.cache/...``)."""
    return cache_folder("sweeps", name)


def bundled_directory(name):
    """Folder of the results bundled with bioneuro for sweep ``name``:
    ``bioneuro/data/sweeps/<name>`` (read-only for users)."""
    return Path(__file__).resolve().parents[1] / "data" / "sweeps" / name


def point_key(name, version, point):
    """The cache key of ``point``: a hash of the sweep name, model version and point."""
    text = json.dumps({"name": name, "version": version, "point": point}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def _write_json(path, record):
    """Write ``record`` to ``path`` atomically (never a half-written file)."""
    write_atomic(path, json.dumps(record).encode("utf-8"))


def _read(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):  # missing, or unreadable: compute again
        return None


def _log(ledger, event, key):
    """Append one line to the ledger (a single O_APPEND write: lines never interleave)."""
    line = f"{time.time():.3f} {event} {key} {socket.gethostname()}:{os.getpid()}\n"
    try:
        fd = os.open(ledger, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, line.encode())
        finally:
            os.close(fd)
    except OSError:  # a remote worker without the client's file system
        pass


def read_ledger(cache):
    """Ledger lines of a sweep's cache folder as (time, event, key, where) tuples."""
    path = Path(cache) / "ledger.log"
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        t, event, key, where = line.split(" ", 3)
        out.append((float(t), event, key, where))
    return out


def run_point(function, point, path, version):
    """Compute one point (on a worker): read its cache file if it exists, else compute,
    write the file, and return ``(result, how)`` with how "cached" or "computed"."""
    record = _read(path)
    if record is not None:
        return record["result"], "cached"
    key = Path(path).stem
    ledger = Path(path).parent / "ledger.log"
    _log(ledger, "start", key)
    t0 = time.perf_counter()
    result = function(**point)
    record = {
        "point": point,
        "version": version,
        "result": result,
        "seconds": time.perf_counter() - t0,
        "where": f"{socket.gethostname()}:{os.getpid()}",
    }
    try:
        _write_json(path, record)
    except OSError:  # a remote worker without the client's file system: the client writes
        pass
    _log(ledger, "done", key)
    return result, "computed"


def _describe(point):
    def text(v):
        if isinstance(v, float):
            return f"{v:g}"
        if isinstance(v, (list, tuple)) and len(v) > 4:
            return f"[{text(v[0])} .. {text(v[-1])}] ({len(v)} values)"
        return str(v)

    return " ".join(f"{k}={text(v)}" for k, v in point.items())


def _client(scheduler, workers):
    """A Dask client and the cluster it owns (None for an existing cluster)."""
    import logging

    from dask.distributed import Client, LocalCluster

    if scheduler == "local":
        cluster = LocalCluster(
            n_workers=workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        return Client(cluster), cluster
    return Client(scheduler), None


def resolve_scheduler(scheduler):
    """``scheduler`` itself, or ``$BIONEURO_SCHEDULER``, or ``"local"``; checked."""
    if scheduler is None:
        scheduler = os.environ.get(SCHEDULER_ENV) or "local"
    if not isinstance(scheduler, str) or not (
        scheduler in ("local", "serial") or "://" in scheduler
    ):
        raise ValueError(
            "scheduler must be 'local', 'serial' or a Dask scheduler address such as "
            f"'tcp://10.0.0.1:8786'; got {scheduler!r}"
        )
    return scheduler


def sweep(
    function,
    points,
    *,
    name,
    version="",
    scheduler=None,
    workers=None,
    cache=None,
    bundled=None,
    summary=None,
    report=None,
):
    """Run ``function(**point)`` for every point, each once, cached; results in order.

    Parameters
    ----------
    function : callable
        A module-level function (workers import it by name) taking the point's keys as
        keyword arguments and returning a JSON-serialisable dict.
    points : list of dict
        The grid: plain numbers, strings or lists (they make the cache key).
    name : str
        The sweep's name: its cache folder and part of every key.
    version : str
        The model version; results cached under another version are not read.
    scheduler : None, "local", "serial" or a scheduler address
        See the module docstring; None reads ``$BIONEURO_SCHEDULER``, else "local".
    workers : int, optional
        Worker processes of the local cluster (default: every core).
    cache : path, optional
        Cache folder (default :func:`cache_directory` of ``name``).
    bundled : bool, optional
        Read a point missing from the cache from the results bundled with bioneuro
        (:func:`bundled_directory`), if it is there under the same key. Default:
        ``$BIONEURO_BUNDLED`` ("0" or "1"), else True.
    summary : callable, optional
        result -> short text for the progress line.
    report : callable, optional
        Where progress lines go (default: print to stderr); ``False``: silent.

    Returns
    -------
    list of dict, one result per point, in the order of ``points``.
    """
    if not callable(function):
        raise TypeError(f"function must be callable, e.g. brunel_point; got {function!r}")
    if not isinstance(points, (list, tuple)) or not all(isinstance(p, dict) for p in points):
        raise TypeError(f"points must be a list of dicts of keyword arguments; got {points!r}")
    if not isinstance(name, str) or not name or "/" in name:
        raise ValueError(f"name must be a non-empty folder name, e.g. 'brunel'; got {name!r}")
    if workers is not None:
        check_number("workers", workers, example="2", positive=True, integer=True)
    if bundled is None:
        bundled = env_flag(BUNDLED_ENV, True)
    elif not isinstance(bundled, bool):
        raise TypeError(f"bundled must be True, False or None; got {bundled!r}")
    bundle = env_flag(BUNDLE_ENV, False)
    scheduler = resolve_scheduler(scheduler)
    for p in points:
        try:
            json.dumps(p)
        except TypeError as err:
            raise TypeError(
                f"points must hold plain numbers, strings or lists; {p!r}: {err}"
            ) from None
    cache = Path(cache) if cache is not None else cache_directory(name)
    cache.mkdir(parents=True, exist_ok=True)
    if report is None:

        def report(line):
            print(line, file=sys.stderr, flush=True)

    say = report or (lambda line: None)
    summary = summary or (lambda result: "")
    keys = [point_key(name, version, p) for p in points]
    paths = {k: cache / f"{k}.json" for k in keys}
    results, todo, from_bundle = {}, [], 0
    for key, point in zip(keys, points, strict=True):
        if key in results or any(key == k for k, _ in todo):
            continue
        record = _read(paths[key])
        if record is None and bundled:
            record = _read(bundled_directory(name) / f"{key}.json")
            from_bundle += record is not None
        if record is not None:
            results[key] = record["result"]
        else:
            todo.append((key, point))
    total, done = len(set(keys)), len(results)
    say(
        f"sweep {name}: {total} points, {done - from_bundle} cached in {cache}, "
        + (f"{from_bundle} bundled with bioneuro, " if from_bundle else "")
        + f"{len(todo)} to compute ({'in this process' if scheduler == 'serial' else scheduler})"
    )
    t_start = time.perf_counter()

    def finished(key, point, result, how):
        nonlocal done
        done += 1
        results[key] = result
        if how == "computed" and _read(paths[key]) is None:
            _write_json(paths[key], {"point": point, "version": version, "result": result})
        elapsed = time.perf_counter() - t_start
        say(
            f"[{done:>{len(str(total))}}/{total}] {_describe(point)}: {summary(result)} "
            f"({how}, {elapsed:.0f} s)"
        )

    if todo and scheduler == "serial":
        for key, point in todo:
            result, how = run_point(function, point, str(paths[key]), version)
            finished(key, point, result, how)
    elif todo:
        from dask.distributed import as_completed

        client, cluster = _client(scheduler, workers)
        try:
            futures = {}
            for key, point in todo:
                future = client.submit(
                    run_point,
                    function,
                    point,
                    str(paths[key]),
                    version,
                    key=f"bioneuro-{name}-{key}",
                )
                futures[future] = (key, point)
            for future, (result, how) in as_completed(futures, with_results=True):
                key, point = futures[future]
                finished(key, point, result, how)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    if bundle:
        for key, point in zip(keys, points, strict=True):
            record = {"point": point, "version": version, "result": results[key]}
            _write_json(bundled_directory(name) / f"{key}.json", record)
    return [results[k] for k in keys]


__all__ = [
    "BUNDLED_ENV",
    "BUNDLE_ENV",
    "SCHEDULER_ENV",
    "bundled_directory",
    "cache_directory",
    "point_key",
    "read_ledger",
    "resolve_scheduler",
    "run_point",
    "sweep",
]
