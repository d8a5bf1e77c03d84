"""Benchmark: what `omslag run` costs on top of its own work, with and without a Prefect server.

Not a test. Run: `.venv/bin/python bench/cli_overhead.py [--port 4213] [--repeat 3]`.
Starts its own long-lived Prefect server (`omslag server --port PORT`, stopped at the end) and
prints, side by side, wall-clock seconds and CPU seconds (median of --repeat runs) of whole
commands (CPU seconds: the command's own and its child processes', plus the long-lived server's
while it runs; on a busy shared machine they show what the wall clock would be on an idle one):

1. the fully cached demo corpus (8 plans, nothing new): `omslag run` with the server, without
   one (OMSLAG_PREFECT_SERVER=temporary), and the work itself (the same planning and output
   assembly in a plain Python process, no Prefect);
2. a fresh single-plan run (an empty cache each time): `omslag run` with the server, without
   one, and the work itself (`batch.runner.run_locally`: the same child process, extraction,
   rules and outputs, no Prefect); the difference is Prefect's share.

The issue's bounds: with a server, cached ≤ 3 s and a fresh plan ≤ 3 s over its work; without
one, cached ≤ 5 s. Record the output in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "corpus" / "demo"
ONE_PLAN = DEMO / "kempenoord_2023_regionaal_actieplan.pdf"

WORK_ONLY = """
import sys, time
from omslag.batch.assemble import assemble_run
from omslag.batch.runner import prepare_run, run_locally
started = time.perf_counter()
plan, rubric = prepare_run(sys.argv[1], sys.argv[2])
assemble_run(plan, run_locally(plan, workers=2), rubric, started=started)
"""


SERVER_PIDS: list[int] = []  # the long-lived server's processes: their CPU counts too


def _server_cpu() -> float:
    import psutil

    total = 0.0
    for pid in SERVER_PIDS:
        try:
            times = psutil.Process(pid).cpu_times()
            total += times.user + times.system
        except psutil.Error:
            pass
    return total


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def wall(command: list[str], env: dict) -> tuple[float, float]:
    """Wall-clock seconds of a whole command, and the CPU seconds it cost: its own, its child
    processes' (document workers, a temporary server) and the long-lived server's meanwhile."""
    cpu_before = _children_cpu() + _server_cpu()
    started = time.perf_counter()
    done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"bench: {' '.join(command)} failed ({done.returncode}): {done.stderr[-500:]}")
    return seconds, _children_cpu() + _server_cpu() - cpu_before


def median_of(repeat: int, measure) -> tuple[float, float]:
    runs = [measure() for _ in range(repeat)]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def start_server(port: int, env: dict) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "-m", "omslag.cli", "server", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    from omslag.prefect_server import api_url, healthy

    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if healthy(api_url("127.0.0.1", port)):
            import psutil

            SERVER_PIDS[:] = [server.pid] + [p.pid for p in psutil.Process(server.pid).children(recursive=True)]
            return server
        time.sleep(0.5)
    os.killpg(server.pid, signal.SIGTERM)
    raise SystemExit(f"bench: the Prefect server on port {port} did not start within 180 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=4213, help="port for the benchmark's own Prefect server")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (the median is printed)")
    args = parser.parse_args()
    env = dict(os.environ)
    env.pop("PREFECT_API_URL", None)
    without = dict(env, OMSLAG_PREFECT_SERVER="temporary")
    omslag = [sys.executable, "-m", "omslag.cli", "run"]
    load = os.getloadavg()[0]
    print(
        f"omslag command-line overhead — {time.strftime('%Y-%m-%d')} — {os.cpu_count()} cores, "
        f"load average {load:.1f} at start, median of {args.repeat}"
    )
    with tempfile.TemporaryDirectory(prefix="omslag-bench-cli-") as tmp:
        out = Path(tmp)
        server = start_server(args.port, env)
        with_server = dict(env, PREFECT_API_URL=f"http://127.0.0.1:{args.port}/api")
        try:
            cached_out = out / "cached"
            wall([*omslag, str(DEMO), "--out", str(cached_out)], with_server)  # fill the cache
            cached = {
                "with server": median_of(
                    args.repeat, lambda: wall([*omslag, str(DEMO), "--out", str(cached_out)], with_server)
                ),
                "without server": median_of(
                    args.repeat, lambda: wall([*omslag, str(DEMO), "--out", str(cached_out)], without)
                ),
                "the work itself": median_of(
                    args.repeat, lambda: wall([sys.executable, "-c", WORK_ONLY, str(DEMO), str(cached_out)], env)
                ),
            }
            corpus = out / "one-plan"
            corpus.mkdir()
            shutil.copy(ONE_PLAN, corpus)

            def fresh(command_env: dict | None, script: bool = False) -> float:
                target = out / "fresh"
                shutil.rmtree(target, ignore_errors=True)
                if script:
                    return wall([sys.executable, "-c", WORK_ONLY, str(corpus), str(target)], env)
                return wall([*omslag, str(corpus), "--out", str(target)], command_env)

            single = {
                "with server": median_of(args.repeat, lambda: fresh(with_server)),
                "without server": median_of(args.repeat, lambda: fresh(without)),
                "the work itself": median_of(args.repeat, lambda: fresh(None, script=True)),
            }
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    for unit, index in (("wall-clock seconds", 0), ("CPU seconds (all processes involved)", 1)):
        work_cached, work_single = cached["the work itself"][index], single["the work itself"][index]
        print(f"\n  {unit + ', whole command':<42} {'with server':>12} {'without server':>15} {'the work itself':>16}")
        print(
            f"  {'fully cached demo (8 plans)':<42} {cached['with server'][index]:>12.2f} "
            f"{cached['without server'][index]:>15.2f} {work_cached:>16.2f}"
        )
        print(
            f"  {'fresh run, one plan (5 pages)':<42} {single['with server'][index]:>12.2f} "
            f"{single['without server'][index]:>15.2f} {work_single:>16.2f}"
        )
        print(
            f"  {'  over its own work':<42} {single['with server'][index] - work_single:>+12.2f} "
            f"{single['without server'][index] - work_single:>+15.2f}"
        )
    print(f"\n  load average at the end: {os.getloadavg()[0]:.1f} (on {os.cpu_count()} cores)")
    print("  bounds (issue 13): with a server cached ≤ 3 s, fresh plan ≤ +3 s over its work; without one cached ≤ 5 s")


if __name__ == "__main__":
    main()
