"""Board and thread pages under load, on 100,000 posts, against a bare Django page of the same size.

Run from the repository root (PostgreSQL and Redis running, `wrk` installed:
`apt-get install -y wrk`):

    .venv/bin/python bench/pages.py                       # 100,000 posts, 16 clients, 30 s
    .venv/bin/python bench/pages.py --posts 20000 --duration 5

On the production topology (bench/topology.py: two Daphne processes, a
fresh PostgreSQL database `lantern_bench_pages`, Redis) it
1. seeds `--posts` posts (bench/seed_posts.py) and prints how long that took;
2. fetches every benchmark URL once on each process as a signed-in member
   and checks it is a 200 page holding threads or posts (not a sign-in
   redirect or an error page);
3. per page kind, in `manage.py shell` on the same database: the SQL
   queries one view makes, where its time goes (connection, database,
   template, other Python) and EXPLAIN ANALYZE of its list query;
4. runs wrk: `--clients` keep-alive connections, one signed-in ordinary
   member each, half on each process, for `--duration` seconds, fetching a
   fixed mix of board first and deep (keyset) pages, first, middle and
   last pages of the longest threads, and short threads; then the same on
   /bench/bare/<mean size of the Lantern pages>/ on the same processes;
5. prints requests/s, p50, p90, p99 and max latency, errors and non-200
   answers, latency per page kind, the Lantern/baseline ratios, and the CPU
   each Daphne process, PostgreSQL (all its processes), Redis and wrk used.

`--server-env NAME=VALUE` passes a variable to the servers and the shells
(e.g. FORUM_PAGE_SIZE=50), to compare a setting on the same data.

The clients wait for nothing between requests unless `--think` is given,
so by Little's law the mean latency is `clients / throughput`: the latency
figures are a throughput figure in another unit. Each run makes its
database afresh (production_topology drops it), so there is no --reuse;
seeding 100,000 posts takes about 20 s.
"""
import argparse
import http.client
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.topology import production_topology  # noqa: E402

DATABASE = "lantern_bench_pages"
TARGET_P50_MS, TARGET_P99_MS = 25, 150
MIX = {  # share of requests per page kind
    "board first page": 15, "board deep page": 15, "long thread first page": 10,
    "long thread middle page": 15, "long thread last page": 15, "short thread": 30,
}
MARKERS = {"board": '<li class="thread', "thread": '<article class="post'}
TICKS = os.sysconf("SC_CLK_TCK")

WRK_SCRIPT = r"""
-- Written and run by bench/pages.py. One keep-alive connection per thread,
-- one signed-in member per connection, threads alternating between the ports.
local ffi = require("ffi")
ffi.cdef[[ typedef struct { long tv_sec; long tv_nsec; } pages_timespec;
           int clock_gettime(int, pages_timespec *); ]]
local clock = ffi.new("pages_timespec")
local function now_us()
  ffi.C.clock_gettime(1, clock)  -- CLOCK_MONOTONIC
  return tonumber(clock.tv_sec) * 1e6 + tonumber(clock.tv_nsec) / 1e3
end
local function lines(path)
  local found = {}
  for line in io.lines(path) do found[#found + 1] = line end
  return found
end

local threads, made = {}, 0
function setup(thread)
  local ports = lines(os.getenv("PAGES_PORTS"))
  made = made + 1
  local port = ports[(made - 1) % #ports + 1]
  thread.addr = wrk.lookup("127.0.0.1", port)[1]
  thread:set("id", made)
  thread:set("host", "127.0.0.1:" .. port)
  threads[#threads + 1] = thread
end

local prepared, kinds, following, sent_at, current = {}, {}, 1, 0, 1
latencies, kind_of, status_of, size_of = {}, {}, {}, {}  -- read by done() through thread:get
function init(args)
  local cookies = lines(os.getenv("PAGES_COOKIES"))
  local cookie = "sid=" .. cookies[(id - 1) % #cookies + 1]
  for _, line in ipairs(lines(os.getenv("PAGES_PATHS"))) do
    local kind, path = line:match("^(%d+)\t(.+)$")
    kinds[#kinds + 1] = tonumber(kind)
    prepared[#prepared + 1] = wrk.format("GET", path, {Host = host, Cookie = cookie})
  end
  following = (id - 1) * math.floor(#prepared / tonumber(os.getenv("PAGES_CLIENTS"))) % #prepared + 1
end

local think = tonumber(os.getenv("PAGES_THINK_MS") or "0")
if think > 0 then
  function delay() return think end
end

function request()
  current, following = following, following % #prepared + 1
  sent_at = now_us()
  return prepared[current]
end

function response(status, headers, body)
  local n = #latencies + 1
  latencies[n], kind_of[n], status_of[n], size_of[n] = now_us() - sent_at, kinds[current], status, #body
end

function done(summary, latency, requests)
  local out, e = io.open(os.getenv("PAGES_OUT"), "w"), summary.errors
  out:write(string.format('{"requests": %d, "duration_us": %d, "errors": {"connect": %d, "read": %d, ' ..
    '"write": %d, "status": %d, "timeout": %d}, "p50": %d, "p90": %d, "p99": %d, "max": %d}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
  for _, thread in ipairs(threads) do
    local l, k, s, b = thread:get("latencies"), thread:get("kind_of"), thread:get("status_of"), thread:get("size_of")
    for i = 1, #l do out:write(string.format("%d %d %d %d\n", k[i], s[i], b[i], math.floor(l[i]))) end
  end
  out:close()
end
"""


# --- Inside `manage.py shell`: what one page view costs ---------------------------------


def inspect_pages(urls_json, repeats=20):
    """Per page kind: queries, where the time goes, EXPLAIN ANALYZE of each URL's list query; prints one JSON line.

    Runs in `manage.py shell` on the benchmark database, as an ordinary
    member who is not one of the load clients.
    """
    from django.db import connection, connections
    from django.template.backends.django import Template
    from django.test import Client

    from peers.models import Member, Role, TrustLevel

    spent = {"connect": 0.0, "db": 0.0, "template": 0.0, "db in template": 0.0, "in template": False}
    _time_calls(type(connections["default"]), "connect", spent, "connect")
    _time_calls(Template, "render", spent, "template", flag="in template")

    def timed_execute(execute, sql, params, many, context):
        begin = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            elapsed = time.perf_counter() - begin
            spent["db"] += elapsed
            spent["db in template"] += elapsed if spent["in template"] else 0

    member = Member.objects.filter(role=Role.MEMBER, trust_level=TrustLevel.MEMBER).order_by("-pk").first()
    client = Client()
    client.force_login(member)
    report = {}
    with connection.execute_wrapper(timed_execute):
        for kind, paths in json.loads(urls_json).items():
            statements = {path: _statements(client, connection, path) for path in paths}
            splits = [_one_view(client, paths[i % len(paths)], spent, connections) for i in range(repeats)]
            report[kind] = {"queries": sorted({len(found) for found in statements.values()}), "statements": statements,
                            **{part: statistics.median(s[part] for s in splits) for part in splits[0]}}
    for kind, found in report.items():
        found.update(_explain_list_queries(connection, kind, found.pop("statements")))
    print(json.dumps(report))


def _statements(client, connection, path):
    """The SQL one view of `path` runs, in the steady state (templates loaded, read state already moved)."""
    from django.test.utils import CaptureQueriesContext

    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    return [query["sql"] for query in captured.captured_queries]


def _time_calls(cls, name, spent, key, flag=None):
    """Add the time spent in cls.name to spent[key]; nested calls (a form widget's template) count once."""
    original, depth = getattr(cls, name), [0]

    def timed(*args, **kwargs):
        if depth[0]:
            return original(*args, **kwargs)
        begin, depth[0] = time.perf_counter(), 1
        if flag:
            spent[flag] = True
        try:
            return original(*args, **kwargs)
        finally:
            spent[key] += time.perf_counter() - begin
            depth[0] = 0
            if flag:
                spent[flag] = False

    setattr(cls, name, timed)


def _one_view(client, url, spent, connections):
    for key in ("connect", "db", "template", "db in template"):
        spent[key] = 0.0
    # Daphne takes connections from its pool (DATABASE_POOL); the test Client keeps its own open.
    connections.close_all()
    begin = time.perf_counter()
    client.get(url)
    total = time.perf_counter() - begin
    template = spent["template"] - spent["db in template"]
    ms = {"total": total, "connect": spent["connect"], "database": spent["db"], "template": template,
          "other Python": total - spent["connect"] - spent["db"] - template}
    return {part: round(seconds * 1000, 2) for part, seconds in ms.items()}


def _explain_list_queries(connection, kind, statements):
    """EXPLAIN ANALYZE (warm: the second of two) of the thread or post list query of each URL; the slowest's plan."""
    table = '"forum_thread"' if kind.startswith("board") else '"forum_post"'
    timings, worst = [], None
    with connection.cursor() as cursor:
        for path, found in statements.items():
            sql = next(q for q in found if q.startswith("SELECT") and f"FROM {table}" in q and "ORDER BY" in q)
            for _ in range(2):
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                plan = [row[0] for row in cursor.fetchall()]
            milliseconds = float(plan[-1].split(":")[1].split()[0])
            timings.append(milliseconds)
            if worst is None or milliseconds > worst["ms"]:
                worst = {"ms": milliseconds, "url": path, "sql": sql, "plan": plan}
    return {"list query ms": timings, "worst": worst}


# --- The driver -------------------------------------------------------------------------


def verify(servers, urls, sessions, pseudonyms, page_size):
    """Every URL on every process is a 200 page of threads or posts; each session is signed in. Sizes by kind."""
    sizes = {kind: [] for kind in urls}
    for server in servers:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        for index, (session, pseudonym) in enumerate(zip(sessions, pseudonyms)):
            status, body = _get(connection, "/boards/", session)
            if status != 200 or pseudonym not in body:
                raise SystemExit(f"session {index} is not signed in on {server.name}: {status}")
        for kind, paths in urls.items():
            marker = MARKERS["board" if kind.startswith("board") else "thread"]
            for index, path in enumerate(paths):
                status, body = _get(connection, path, sessions[index % len(sessions)])
                items = body.count(marker)
                full = kind in ("long thread first page", "long thread middle page")
                if status != 200 or "Log out" not in body or not items or (full and items != page_size):
                    raise SystemExit(f"{server.name} {path}: status {status}, {items} items: not a page of {kind}")
                sizes[kind].append(len(body.encode()))
        connection.close()
    return {kind: statistics.mean(found) for kind, found in sizes.items()}


def _get(connection, path, session):
    connection.request("GET", path, headers={"Cookie": f"sid={session}"})
    response = connection.getresponse()
    return response.status, response.read().decode()


def schedule(urls, rng, length=2000):
    """A fixed sequence of (kind, path) in the proportions of MIX."""
    kinds = [kind for kind in MIX if urls.get(kind)]
    picks = rng.choices(kinds, weights=[MIX[kind] for kind in kinds], k=length)
    return [(kind, rng.choice(urls[kind])) for kind in picks]


def cpu_seconds(servers):
    """CPU seconds used so far by each Daphne process, PostgreSQL (all of it), Redis, and the machine."""
    used = {f"Daphne {s.name}": _process_ticks(s.process.pid) / TICKS for s in servers}
    postgres = redis = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            name = (entry / "comm").read_text().strip()
            if name == "postgres":
                postgres += _process_ticks(entry.name, children=True)
            elif name == "redis-server":
                redis += _process_ticks(entry.name)
        except OSError:
            continue  # a backend that ended meanwhile: its time is in the postmaster's children
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    used.update({"PostgreSQL": postgres / TICKS, "Redis": redis / TICKS,
                 "machine": (sum(fields) - fields[3] - fields[4]) / TICKS})
    used["wrk"] = sum(getattr(resource.getrusage(resource.RUSAGE_CHILDREN), f) for f in ("ru_utime", "ru_stime"))
    return used


def _process_ticks(pid, children=False):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    # utime, stime (and the reaped children's cutime, cstime): fields 14 to 17 of stat(5).
    return sum(int(v) for v in fields[11:15 if children else 13])


def run_wrk(servers, plan, sessions, args, workdir, name, duration):
    kinds = sorted({kind for kind, _ in plan})
    files = {"PAGES_PATHS": "\n".join(f"{kinds.index(k)}\t{p}" for k, p in plan),
             "PAGES_COOKIES": "\n".join(sessions), "PAGES_PORTS": "\n".join(str(s.port) for s in servers)}
    env = {**os.environ, "PAGES_OUT": str(workdir / f"{name}.out"), "PAGES_CLIENTS": str(args.clients),
           "PAGES_THINK_MS": str(args.think)}
    for variable, text in files.items():
        (workdir / f"{name}.{variable}").write_text(text + "\n")
        env[variable] = str(workdir / f"{name}.{variable}")
    (workdir / "pages.lua").write_text(WRK_SCRIPT)
    command = ["wrk", f"-t{args.clients}", f"-c{args.clients}", f"-d{duration}s", "--timeout", "10s",
               "-s", str(workdir / "pages.lua"), f"http://127.0.0.1:{servers[0].port}/"]
    before = cpu_seconds(servers)
    subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    after = cpu_seconds(servers)
    lines = Path(env["PAGES_OUT"]).read_text().splitlines()
    summary = json.loads(lines[0])
    summary["samples"] = [(kinds[int(k)], int(s), int(b), int(us) / 1000) for k, s, b, us in (x.split() for x in lines[1:])]
    seconds = summary["duration_us"] / 1e6
    summary["cpu"] = {part: (after[part] - before[part]) / seconds for part in after}
    return summary


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def print_load(lantern, baseline, size, args):
    print(f"\n## Under load: {args.clients} clients, {args.duration} s, think time {args.think} ms\n")
    print("| pages | requests | req/s | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) | errors | non-200 |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, run in ((f"Lantern mix (mean {size:,} B)", lantern), (f"bare /bench/bare/{size}/", baseline)):
        errors = sum(run["errors"].values())
        non_200 = sum(1 for sample in run["samples"] if sample[1] != 200)
        rate = _rate(run)
        print(f"| {label} | {run['requests']:,} | {rate:,.0f} | {run['p50'] / 1000:.1f} | {run['p90'] / 1000:.1f} "
              f"| {run['p99'] / 1000:.1f} | {run['max'] / 1000:.1f} | {errors} {_error_detail(run)}| {non_200} |")
    print(f"\nLantern/baseline: p50 {lantern['p50'] / baseline['p50']:.1f}x, p99 {lantern['p99'] / baseline['p99']:.1f}x; "
          f"requests/s {_rate(lantern):,.0f} against {_rate(baseline):,.0f}.")
    if not args.think:
        little = args.clients / _rate(lantern) * 1000
        print(f"No think time, so by Little's law mean latency = {args.clients} clients / throughput = {little:.1f} ms.")
    print("\n| page kind | requests | mean bytes | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for kind in MIX:
        found = [s for s in lantern["samples"] if s[0] == kind]
        if found:
            ms = [s[3] for s in found]
            print(f"| {kind} | {len(found):,} | {statistics.mean(s[2] for s in found):,.0f} | {percentile(ms, .5):.1f} "
                  f"| {percentile(ms, .9):.1f} | {percentile(ms, .99):.1f} | {max(ms):.1f} |")
    print("\nCPU used, in cores (CPU seconds per second of the run; the machine has "
          f"{os.cpu_count()}):\n\n| run | " + " | ".join(lantern["cpu"]) + " |")
    print("| --- |" + " ---: |" * len(lantern["cpu"]))
    for label, run in (("Lantern", lantern), ("baseline", baseline)):
        print(f"| {label} | " + " | ".join(f"{v:.2f}" for v in run["cpu"].values()) + " |")
    for label, run in (("Lantern", lantern), ("baseline", baseline)):
        daphne = sum(v for part, v in run["cpu"].items() if part.startswith("Daphne"))
        print(f"\n{label}: {daphne / _rate(run) * 1000:.1f} ms of Daphne CPU and "
              f"{run['cpu']['PostgreSQL'] / _rate(run) * 1000:.1f} ms of PostgreSQL CPU per request.", end="")
    print("\n(PostgreSQL and machine count every process on the machine: other work shows there too.)")
    met = lantern["p50"] / 1000 <= TARGET_P50_MS and lantern["p99"] / 1000 <= TARGET_P99_MS
    clean = not sum(lantern["errors"].values()) and all(s[1] == 200 for s in lantern["samples"])
    print(f"\nTargets p50 <= {TARGET_P50_MS} ms, p99 <= {TARGET_P99_MS} ms, no errors: "
          f"{'met' if met and clean else 'NOT met'}.")


def _rate(run):
    return run["requests"] / (run["duration_us"] / 1e6)


def _error_detail(run):
    found = {kind: count for kind, count in run["errors"].items() if count}
    return f"({', '.join(f'{k} {v}' for k, v in found.items())}) " if found else ""


def print_inspection(found, sizes):
    print("\n## One view, alone (manage.py shell, test Client, medians of 20 over the kind's URLs; ms)\n")
    print("| page kind | bytes | queries | total | connect | database | template | other Python "
          "| list query EXPLAIN median / worst |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for kind, page in found.items():
        queries = "–".join(str(n) for n in page["queries"])
        print(f"| {kind} | {sizes[kind]:,.0f} | {queries} | {page['total']:.1f} | {page['connect']:.1f} "
              f"| {page['database']:.1f} | {page['template']:.1f} | {page['other Python']:.1f} "
              f"| {statistics.median(page['list query ms']):.2f} / {page['worst']['ms']:.2f} |")
    for kind, page in found.items():
        worst = page["worst"]
        print(f"\nSlowest list query of {kind}: {worst['url']}\n\n```\n{worst['sql']}\n\n" + "\n".join(worst["plan"]) + "\n```")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=30, help="seconds of each timed run")
    parser.add_argument("--clients", type=int, default=16, help="concurrent keep-alive clients (wrk threads)")
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--think", type=int, default=0, help="milliseconds each client waits between requests")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of load before each timed run")
    parser.add_argument("--seed", type=int, default=20260101)
    parser.add_argument("--server-env", action="append", default=[], metavar="NAME=VALUE",
                        help="a variable for the servers, e.g. DATABASE_POOL=0 (repeatable)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install -y wrk")
    extra_env = dict(item.split("=", 1) for item in args.server_env)
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    with production_topology(DATABASE, extra_env=extra_env) as topology:
        started = time.perf_counter()
        seeded = topology.shell(f"from bench.seed_posts import seed; seed(posts={args.posts}, clients={args.clients}, "
                                f"rng_seed={args.seed})")
        print(f"# Board and thread pages, {args.posts:,} posts\n")
        print(f"Python {platform.python_version()}, {os.cpu_count()} CPUs, load average before the run {load}"
              + (f", server variables {extra_env}" if extra_env else ""))
        print(f"Seeded in {time.perf_counter() - started:.1f} s (manage.py shell included): "
              + ", ".join(f"{part} {seconds} s" for part, seconds in seeded["timings"].items()))
        print(f"Made: {json.dumps(seeded['made'])}")
        urls, sessions = seeded["urls"], seeded["sessions"]
        page_size = int(topology.env.get("FORUM_PAGE_SIZE", 20))
        sizes = verify(topology.servers, urls, sessions, seeded["pseudonyms"], page_size)
        print(f"Checked {sum(map(len, urls.values()))} URLs on both processes and {len(sessions)} sessions: all 200 pages.")
        found = topology.shell(f"from bench.pages import inspect_pages; inspect_pages({json.dumps(urls)!r})")
        print_inspection(found, sizes)
        plan = schedule(urls, random.Random(args.seed))
        if args.warmup:
            run_wrk(topology.servers, plan, sessions, args, topology.workdir, "warmup", args.warmup)
        lantern = run_wrk(topology.servers, plan, sessions, args, topology.workdir, "lantern", args.duration)
        size = round(statistics.mean(s[2] for s in lantern["samples"]))
        bare = [("bare", f"/bench/bare/{size}/")]
        if args.warmup:
            run_wrk(topology.servers, bare, sessions, args, topology.workdir, "bare-warmup", args.warmup)
        baseline = run_wrk(topology.servers, bare, sessions, args, topology.workdir, "bare", args.duration)
        print_load(lantern, baseline, size, args)


if __name__ == "__main__":
    main()
