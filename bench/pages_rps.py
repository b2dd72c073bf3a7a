"""Requests per second of the key pages, each beside the anonymous bare view, on gunicorn.

Run it with `make bench` (or `.venv/bin/python bench/pages_rps.py --help` for the knobs). It makes a
throwaway database: a new database on the PostgreSQL server when DATABASE_URL names one
(nearpeer_bench_<random>, dropped at the end), else SQLite in a temporary directory. It migrates,
builds bench data (bench/population/: two institutions, ten programs, the first one big) and
signs in a coordinator and a trainee of the big program, a peer mentor with open conversations and
the well-being office. It starts gunicorn on a free 127.0.0.1 port with NEARPEER_BENCH=true (which
mounts the bare view at /bench/bare/), checks every page answers 200, then runs several rounds: in
each, every target is driven from client threads for a few seconds, in an order rotated from round
to round so that a noisy moment does not fall on one target only. It prints per target the
requests/s, p50/p99 latency, the CPU time gunicorn's workers spent per request (and PostgreSQL's,
on PostgreSQL), the share of the anonymous bare view's requests/s, and the targets met or not.
Nothing leaves 127.0.0.1.
"""

import argparse
import http.client
import json
import os
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent.parent)]
from bench import harness  # noqa: E402 (run as a script: the repository root first)

BARE = "anonymous bare view"
SIGNED_IN_BARE = "signed-in bare view"
# Requests/s as a share of the anonymous bare view's, on SQLite and on PostgreSQL (issue 11).
TARGETS = {SIGNED_IN_BARE: 0.70, "*": 0.35}


@dataclass
class Target:
    name: str
    path: str
    role: str | None  # whose session; None: anonymous
    must_show: bytes = b""


@dataclass
class Result:
    target: Target
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    rounds: list[float] = field(default_factory=list)  # requests/s of each round
    cpu: float = 0.0  # gunicorn workers' CPU seconds
    db: float = 0.0  # PostgreSQL backends' CPU seconds
    client: float = 0.0  # the client threads' CPU seconds
    others: float = 0.0  # CPU seconds of every other process on the machine

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def percentile_ms(self, fraction: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] * 1000

    def per_request_ms(self, seconds: float) -> float:
        return 1000 * seconds / len(self.latencies) if self.latencies else float("nan")

    @property
    def server_ms(self) -> float:
        """Server CPU per request: gunicorn's workers and, on PostgreSQL, its backends."""
        return self.per_request_ms(self.cpu + self.db)


def targets(sample: dict, members: int) -> list[Target]:
    big = sample["big_program"]
    return [
        Target(BARE, "/bench/bare/", None),
        Target(SIGNED_IN_BARE, "/bench/bare/", "coordinator"),
        Target("coordinator home", "/home/", "coordinator", b"Programs you run"),
        Target("trainee home", "/home/", "trainee"),
        Target("trainee's sessions", "/sessions/upcoming/", "trainee"),
        Target("season page", f"/sessions/programs/{big}/", "coordinator"),
        Target(f"member list ({members} trainees)", f"/programs/{big}/", "coordinator"),
        Target("mentor's queue", "/support/queue/", "mentor"),
        Target("office's access log", "/audit/", "office"),
    ]


def load(port: int, path: str, cookie: str | None, clients: int, seconds: float) -> Result:
    """Hammer one path from `clients` threads for `seconds`; every answer must be a 200."""
    result = Result(target=Target("", path, None), seconds=seconds)
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def client() -> None:
        conn = http.client.HTTPConnection(harness.HOST, port, timeout=30)
        mine, bad = [], []
        while time.perf_counter() < stop_at:
            started = time.perf_counter()
            try:
                status, _ = harness.get(conn, path, cookie)
            except (OSError, http.client.HTTPException) as exc:
                bad.append(repr(exc))
                conn.close()
                continue
            if status == 200:
                mine.append(time.perf_counter() - started)
            else:
                bad.append(f"HTTP {status}")
        conn.close()
        with lock:
            result.latencies.extend(mine)
            result.failures.extend(bad)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return result


def check_pages(server: harness.Gunicorn, plan: list[Target], cookies: dict) -> None:
    """Every target answers 200 (not a sign-in redirect), showing what it must."""
    for t in plan:
        conn = http.client.HTTPConnection(harness.HOST, server.port, timeout=30)
        status, body = harness.get(conn, t.path, cookies.get(t.role))
        if status != 200 or t.must_show not in body:
            sys.exit(f"{t.name}: GET {t.path} answered HTTP {status}.\n{server.tail()}")


def rounds(
    server: harness.Gunicorn,
    plan: list[Target],
    cookies: dict,
    backends: harness.PostgresBackends | None,
    args: argparse.Namespace,
) -> list[Result]:
    """Warm up once, then `args.rounds` rounds over every target in rotated order."""
    for t in plan:  # warm-up: every worker imports and caches what the page needs; not counted
        load(server.port, t.path, cookies.get(t.role), args.clients, 1.0)
    results = {t.name: Result(target=t) for t in plan}
    for r in range(args.rounds):
        shift = r * len(plan) // args.rounds
        for t in plan[shift:] + plan[:shift]:
            before = harness.cpu_sample(server, backends)
            done = load(server.port, t.path, cookies.get(t.role), args.clients, args.seconds)
            spent = harness.cpu_spent(before, harness.cpu_sample(server, backends))
            total = results[t.name]
            total.seconds += done.seconds
            total.latencies += done.latencies
            total.failures += done.failures
            total.rounds.append(done.rps)
            total.cpu, total.db = total.cpu + spent.workers, total.db + spent.db
            total.client += spent.me
            total.others += spent.others() * spent.seconds
    return list(results.values())


def report(results: list[Result], database: harness.Database, args, counts: dict) -> bool:
    """Print the table and the targets; True when every target is met."""
    on_pg = database.is_postgres
    print(
        f"\nnearpeer bench on {database.label}: gunicorn {args.workers} sync workers, "
        f"{args.clients} client threads, {args.rounds} rounds × {args.seconds:g} s per target, "
        f"{os.cpu_count()} CPUs"
    )
    print(
        f"data: {counts['institutions']} institutions, {counts['programs']} programs, "
        f"{counts['trainees']:,} trainees (the big program: {args.members}), "
        f"{counts['meetings']:,} sessions, {counts['support requests']:,} support requests, "
        f"{counts['access log']:,} access-log entries"
    )
    header = f"{'target':<30}{'requests':>9}{'req/s':>7}{'rounds':>11}{'p50 ms':>8}{'p99 ms':>8}"
    header += f"{'cpu ms':>8}" + (f"{'db ms':>7}" if on_pg else "") + f"{'× bare':>8}{'(cpu)':>7}"
    print(header)
    bare = next(r for r in results if r.target.name == BARE)
    for r in results:
        spread = f"{min(r.rounds):.0f}–{max(r.rounds):.0f}"
        line = f"{r.target.name:<30}{len(r.latencies):>9}{r.rps:>7.0f}{spread:>11}"
        line += f"{r.percentile_ms(0.50):>8.1f}{r.percentile_ms(0.99):>8.1f}"
        line += f"{r.per_request_ms(r.cpu):>8.2f}"
        line += f"{r.per_request_ms(r.db):>7.2f}" if on_pg else ""
        line += f"{r.rps / bare.rps:>8.2f}{bare.server_ms / r.server_ms:>7.2f}"
        print(line)
    print(
        "rounds: the lowest and highest requests/s of one round. cpu ms: gunicorn's workers' "
        "user+system CPU per request"
        + ("; db ms: the PostgreSQL backends' of the bench database" if on_pg else "")
        + ". × bare: requests/s as a share of the anonymous bare view's; (cpu): the same from "
        "server CPU per request, which other work on the machine disturbs less. The client "
        f"threads ran on the same CPUs: {bare.client / bare.seconds:.0%} of one during the bare "
        "view, the busiest target."
    )
    others = sum(r.others for r in results) / sum(r.seconds for r in results)
    print(
        f"Other processes on the machine used {others:.2f} CPUs on average while measuring"
        + (": the machine was busy, and these figures are low." if others > 0.2 else ".")
    )
    print("\ntargets (requests/s as a share of the anonymous bare view):")
    met = True
    for r in results[1:]:
        goal = TARGETS.get(r.target.name, TARGETS["*"])
        ratio = r.rps / bare.rps
        met &= ratio >= goal
        verdict = "met" if ratio >= goal else "NOT met"
        print(f"  {r.target.name:<30} ≥ {goal:.2f}: {ratio:.2f}  {verdict}")
    spreads = [statistics.pstdev(r.rounds) / statistics.mean(r.rounds) for r in results if r.rps]
    print(f"round-to-round spread (stdev / mean of requests/s), worst target: {max(spreads):.0%}")
    return met


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="load time per target per round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds over all targets")
    parser.add_argument("--clients", type=int, default=4, help="concurrent client threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--members", type=int, default=500, help="trainees in the big program")
    args = parser.parse_args()

    workdir = harness.workdir("nearpeer-bench-")
    server = backends = None
    url = os.environ.get("DATABASE_URL")
    try:
        with harness.throwaway_database(url, workdir, "nearpeer_bench") as database:
            env = harness.bench_env(workdir, database)
            print(f"Setting up a throwaway {database.label} database ({database.name})")
            harness.prepare(env)
            sample_file = workdir / "sample.json"
            harness.run(
                [sys.executable, "-m", "bench.population"]
                + ["--institutions", "2", "--programs", "10", "--big-program", str(args.members)]
                + [
                    "--trainees",
                    str(args.members + 1500),
                    "--sample",
                    "1",
                    "--out",
                    str(sample_file),
                ],
                env,
            )
            sample = json.loads(sample_file.read_text())
            cookies = {
                role: f"{sample['cookie_name']}={people[0]['cookie']}"
                for role, people in sample["roles"].items()
            }
            server = harness.Gunicorn(env, args.workers, workdir / "gunicorn.log")
            server.wait_until_serving()
            plan = targets(sample, args.members)
            check_pages(server, plan, cookies)
            backends = harness.PostgresBackends(database) if database.is_postgres else None
            results = rounds(server, plan, cookies, backends, args)
            met = report(results, database, args, sample["counts"])
            failed = [r for r in results if r.failures]
            for r in failed:
                print(f"{r.target.name}: {len(r.failures)} failed requests, e.g. {r.failures[:3]}")
            if failed:
                print(server.tail(30))
            if backends:
                backends.close()
            server.stop()
    finally:
        if server is not None:
            server.stop()
        harness.remove(workdir)
    if failed:
        sys.exit(1)
    if not met:
        print("(some targets are not met: the bench reports them; it does not fail on them)")


if __name__ == "__main__":
    main()
