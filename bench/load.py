"""A whole university's people on the site at once: locust against gunicorn on PostgreSQL.

    make bench-load          (or .venv/bin/python bench/load.py --help for the knobs)

Needs PostgreSQL: DATABASE_URL names the server (default postgres://postgres@127.0.0.1:5432/nearpeer);
the bench makes its own database there (nearpeer_load_<random>) and drops it at the end, leaving
the named database alone. It migrates, builds data scaled to 100 programs and 20,000 trainees in
five institutions (bench/population/), signs in a sample of each role, starts gunicorn (2 sync
workers per CPU) with NEARPEER_BENCH=true, and runs locust headless twice with bench/locustfile.py's
mix of trainees, facilitators, peer mentors, coordinators, the well-being office and visitors:

1. At saturation: 16 people clicking with no pause (with 4 workers, requests always wait).
   Per page: requests/s, p50/p95/p99 and errors, and each as a ratio of the anonymous bare view
   measured in the same run (one extra person opens it over and over). Throughput per page is read
   from gunicorn's own time per request (its access log), since in a mix each page's requests/s
   is set by how often people open it.
2. Paced: 200 people each clicking every 5 s (constant pacing): p50/p95/p99 and errors per page
   and overall, against the target (p95 under 150 ms, no errors).

Each run also reports the CPU used by gunicorn's workers, the PostgreSQL backends and locust,
which shares the machine's CPUs with the server. Nothing leaves 127.0.0.1.
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs

sys.path[:0] = [str(Path(__file__).resolve().parent.parent)]
from bench import harness  # noqa: E402 (run as a script: the repository root first)

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/nearpeer"
BARE = "/bench/bare/ (anonymous)"
PACED_P95_MS = 150.0
BUSY = 0.2  # cores used by other work on the machine above which the figures are called low


@dataclass
class Page:
    name: str
    latencies: list[float] = field(default_factory=list)  # ms, as locust saw them
    errors: dict[str, int] = field(default_factory=dict)
    server_us: list[int] = field(default_factory=list)  # gunicorn's time in the worker

    @property
    def count(self) -> int:
        return len(self.latencies) + sum(self.errors.values())

    def percentile(self, fraction: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]

    @property
    def server_ms(self) -> float:
        return statistics.fmean(self.server_us) / 1000 if self.server_us else float("nan")


@dataclass
class Run:
    title: str
    users: int
    seconds: float  # the measured window
    pages: dict[str, Page]
    cpu: harness.CpuSpent
    locust_cpu: float

    @property
    def total(self) -> Page:
        everything = Page("all pages")
        for page in self.pages.values():
            everything.latencies += page.latencies
            for error, n in page.errors.items():
                everything.errors[error] = everything.errors.get(error, 0) + n
            everything.server_us += page.server_us
        return everything


def page_name(method: str, path: str, query: str) -> str:
    """The locustfile's name for a request gunicorn logged (ids become [id])."""
    name = re.sub(r"/\d+", "/[id]", path)
    params = parse_qs(query.lstrip("?"))
    if path == "/bench/bare/":
        return f"{name} ({'anonymous' if params.get('as') == ['anonymous'] else 'signed in'})"
    if method == "POST":
        return f"{name} (POST)"
    if "after" in params:
        return f"{name} (poll)"
    if params.get("view") == ["calendar"]:
        return f"{name}?view=calendar"
    return name


def server_times(access_log: Path, start: int, end: int) -> dict[str, list[int]]:
    """Microseconds in the worker per page, from the access log between two byte offsets."""
    times: dict[str, list[int]] = {}
    with access_log.open("rb") as log:
        log.seek(start)
        text = log.read(end - start).decode(errors="replace")
    for line in text.splitlines():
        parts = line.split(" ")
        if len(parts) == 5 and parts[4].isdigit():
            method, path, query, _status, micros = parts
            times.setdefault(page_name(method, path, query), []).append(int(micros))
    return times


def locust(
    server: harness.Gunicorn,
    env: dict[str, str],
    workdir: Path,
    backends: harness.PostgresBackends,
    *,
    title: str,
    users: int,
    spawn_rate: float,
    pacing: float,
    settle: float,
    seconds: float,
) -> Run:
    """Run locust headless; measure from `settle` seconds after every user has started, for
    `seconds`: the requests that ended in that window, and CPU over it."""
    out = workdir / f"requests-{users}-{pacing:g}.json"
    ramp = users / spawn_rate
    run_time = ramp + settle + seconds + 2
    locust_env = env | {
        "NEARPEER_LOAD_SAMPLE": str(workdir / "sample.json"),
        "NEARPEER_LOAD_PACING": str(pacing),
        "NEARPEER_LOAD_OUT": str(out),
    }
    command = [str(harness.BIN / "locust"), "-f", str(harness.ROOT / "bench" / "locustfile.py")]
    command += ["--headless", "--only-summary", "--loglevel", "WARNING", "-H", server.base]
    command += ["-u", str(users), "-r", f"{spawn_rate:g}", "-t", f"{run_time:.0f}s"]
    with (workdir / "locust.log").open("a") as log:
        process = subprocess.Popen(command, env=locust_env, stdout=log, stderr=subprocess.STDOUT)
        began = _wait_for(Path(f"{out}.started"), process, workdir)
        time.sleep(max(0.0, began + ramp + settle - time.time()))
        window_start, offset = time.time(), server.access_log_size()
        cpu_before = harness.cpu_sample(server, backends)
        locust_before = harness.cpu_seconds([process.pid])
        time.sleep(seconds)
        window_end, offset_end = time.time(), server.access_log_size()
        cpu_after = harness.cpu_sample(server, backends)
        locust_after = harness.cpu_seconds([process.pid])
        process.wait(timeout=run_time + 120)
    if not out.exists():
        sys.exit(f"locust wrote no results:\n{(workdir / 'locust.log').read_text()[-3000:]}")
    spent = harness.cpu_spent(cpu_before, cpu_after)
    pages: dict[str, Page] = {}
    for at, name, ms, error in json.loads(out.read_text()):
        if window_start <= at < window_end:
            page = pages.setdefault(name, Page(name))
            if error:
                page.errors[error] = page.errors.get(error, 0) + 1
            else:
                page.latencies.append(ms)
    for name, micros in server_times(server.access_log, offset, offset_end).items():
        pages.setdefault(name, Page(name)).server_us = micros
    locust_cpu = locust_after - locust_before
    return Run(title, users, window_end - window_start, pages, spent, locust_cpu)


def _wait_for(flag: Path, process: subprocess.Popen, workdir: Path) -> float:
    deadline = time.monotonic() + 60
    while not flag.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            sys.exit(f"locust did not start:\n{(workdir / 'locust.log').read_text()[-3000:]}")
        time.sleep(0.1)
    return float(flag.read_text())


def cpu_line(run: Run) -> str:
    cores = os.cpu_count() or 1
    share = {
        "gunicorn workers": run.cpu.workers / run.cpu.seconds,
        "PostgreSQL backends": run.cpu.db / run.cpu.seconds,
        "locust": run.locust_cpu / run.cpu.seconds,
        "everything else on the machine": run.cpu.others(run.locust_cpu),
    }
    used = ", ".join(f"{name} {value:.2f}" for name, value in share.items())
    line = (
        f"CPU in use (cores, of {cores}): {used}. locust runs on the same CPUs as the server, "
        "and so does other work on a shared machine: the server had less than the whole of it."
    )
    if share["everything else on the machine"] > BUSY:
        line += " The machine was busy with other work: these figures understate the server."
    return line


def fmt(value: float, width: int, digits: int = 0) -> str:
    return f"{value:>{width}.{digits}f}" if value == value else f"{'–':>{width}}"  # NaN: –


def report_saturation(run: Run, workers: int) -> None:
    bare = run.pages.get(BARE)
    total = run.total
    print(
        f"\n1. Saturation: {run.users} people clicking with no pause, {run.seconds:.0f} s measured, "
        f"{workers} gunicorn workers"
    )
    print(
        f"   {total.count / run.seconds:.0f} requests/s in all, p50 {total.percentile(0.5):.0f} ms, "
        f"p95 {total.percentile(0.95):.0f} ms, p99 {total.percentile(0.99):.0f} ms, "
        f"{sum(total.errors.values())} errors"
    )
    head = f"{'page':<44}{'req':>6}{'req/s':>7}{'p50':>6}{'p95':>6}{'p99':>6}{'err':>5}"
    head += f"{'srv ms':>8}   {'× bare: thru':>12}{'p50':>6}{'p95':>6}{'p99':>6}"
    print(head)
    for page in sorted(run.pages.values(), key=lambda p: p.name):
        line = f"{page.name[:43]:<44}{page.count:>6}{page.count / run.seconds:>7.1f}"
        line += "".join(fmt(page.percentile(f), 6) for f in (0.5, 0.95, 0.99))
        line += f"{sum(page.errors.values()):>5}{fmt(page.server_ms, 8, 2)}   "
        if bare and bare.latencies:
            line += fmt(bare.server_ms / page.server_ms, 12, 2)
            line += "".join(
                fmt(page.percentile(f) / bare.percentile(f), 6, 1) for f in (0.5, 0.95, 0.99)
            )
        print(line)
    print(
        "   ms are milliseconds as locust saw them; srv ms: mean time in the gunicorn worker (its "
        "access log). × bare: thru is the page's throughput as a share of the anonymous bare "
        "view's (bare view's srv ms / the page's), p50/p95/p99 are the page's over the bare view's."
    )
    _errors(run)
    print("   " + cpu_line(run))


def report_paced(run: Run, pacing: float) -> bool:
    total = run.total
    errors = sum(total.errors.values())
    p95 = total.percentile(0.95)
    print(
        f"\n2. Paced: {run.users} people each clicking every {pacing:g} s, {run.seconds:.0f} s measured"
    )
    print(
        f"   {total.count / run.seconds:.1f} requests/s in all, p50 {total.percentile(0.5):.0f} ms, "
        f"p95 {p95:.0f} ms, p99 {total.percentile(0.99):.0f} ms, {errors} errors"
    )
    print(f"{'page':<44}{'req':>6}{'p50':>6}{'p95':>6}{'p99':>6}{'err':>5}{'srv ms':>8}")
    for page in sorted(run.pages.values(), key=lambda p: p.name):
        line = f"{page.name[:43]:<44}{page.count:>6}"
        line += "".join(fmt(page.percentile(f), 6) for f in (0.5, 0.95, 0.99))
        line += f"{sum(page.errors.values()):>5}{fmt(page.server_ms, 8, 2)}"
        print(line)
    _errors(run)
    print("   " + cpu_line(run))
    met = p95 < PACED_P95_MS and errors == 0
    print(
        f"   target: p95 < {PACED_P95_MS:.0f} ms and no errors: p95 {p95:.0f} ms, {errors} errors: "
        + ("met" if met else "NOT met")
    )
    return met


def _errors(run: Run) -> None:
    for page in sorted(run.pages.values(), key=lambda p: p.name):
        for error, n in page.errors.items():
            print(f"   error: {page.name}: {error} ×{n}")


def main() -> None:
    cores = os.cpu_count() or 1
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--institutions", type=int, default=5)
    parser.add_argument("--programs", type=int, default=100)
    parser.add_argument("--trainees", type=int, default=20_000)
    parser.add_argument("--sample", type=int, default=40, help="signed-in people per role")
    parser.add_argument("--workers", type=int, default=2 * cores, help="gunicorn sync workers")
    parser.add_argument(
        "--saturation-users",
        type=int,
        default=None,
        help="default: 16 (the fewest that give every kind of person one at least), or two per "
        "gunicorn worker if that is more",
    )
    parser.add_argument("--saturation-seconds", type=float, default=60)
    parser.add_argument("--users", type=int, default=200, help="people in the paced run")
    parser.add_argument("--pacing", type=float, default=5.0, help="seconds between clicks")
    parser.add_argument("--spawn-rate", type=float, default=20, help="people started per second")
    parser.add_argument("--paced-seconds", type=float, default=60)
    parser.add_argument("--warm-up", type=float, default=10, help="seconds before measuring")
    parser.add_argument(
        "--keep", action="store_true", help="keep the work directory (logs, every request)"
    )
    args = parser.parse_args()
    args.saturation_users = args.saturation_users or max(16, 2 * args.workers)

    url = os.environ.get("DATABASE_URL") or DEFAULT_URL
    if not harness.is_postgres_url(url):
        sys.exit(
            "make bench-load needs PostgreSQL: set DATABASE_URL=postgres://user@host:5432/name"
        )
    workdir = harness.workdir("nearpeer-load-")
    server = backends = None
    try:
        with harness.throwaway_database(url, workdir, "nearpeer_load") as database:
            env = harness.bench_env(workdir, database)
            print(f"Setting up a throwaway {database.label} database ({database.name})")
            harness.prepare(env)
            made = json.loads(
                harness.run(
                    [sys.executable, "-m", "bench.population"]
                    + ["--institutions", str(args.institutions), "--programs", str(args.programs)]
                    + ["--trainees", str(args.trainees), "--sample", str(args.sample)]
                    + ["--out", str(workdir / "sample.json")],
                    env,
                )
            )
            counts = made["counts"]
            print(
                f"Built in {made['seconds']:.0f} s: "
                + ", ".join(f"{value:,} {name}" for name, value in counts.items())
            )
            server = harness.Gunicorn(
                env, args.workers, workdir / "gunicorn.log", access_log=workdir / "access.log"
            )
            server.wait_until_serving()
            backends = harness.PostgresBackends(database)
            print(
                f"\nnearpeer load on {database.label}: gunicorn {args.workers} sync workers, "
                f"{cores} CPUs; locust's mix: bench/locustfile.py"
            )
            saturation = locust(
                server, env, workdir, backends, title="saturation",
                users=args.saturation_users, spawn_rate=args.saturation_users, pacing=0,
                settle=args.warm_up, seconds=args.saturation_seconds,
            )  # fmt: skip
            report_saturation(saturation, args.workers)
            paced = locust(
                server, env, workdir, backends, title="paced",
                users=args.users, spawn_rate=args.spawn_rate, pacing=args.pacing,
                settle=args.warm_up, seconds=args.paced_seconds,
            )  # fmt: skip
            report_paced(paced, args.pacing)
            backends.close()
            server.stop()
    finally:
        if server is not None:
            server.stop()
        if args.keep:
            print(f"The logs and every request are kept in {workdir}")
        else:
            harness.remove(workdir)


if __name__ == "__main__":
    main()
