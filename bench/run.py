"""`make bench`: the portal under a bounded load, on PostgreSQL with ten years of data.

Builds a fresh PostgreSQL database with `seed_demo --scale large`, serves the portal with
gunicorn (2 workers, production settings), drives 16 concurrent connections with wrk for a
fixed time per page (BENCH_SECONDS, default 10) against 127.0.0.1 only, and writes
requests per second, p50/p95/p99 and each page's throughput as a share of a bare reference
page to docs/benchmarks.md, with the machine, date and commit. The logged-in pages are
measured twice: as reloads (from the per-session page cache) and rendered fresh for every
request (the cache off). It also times the 2025 jaarverslag against WeasyPrint alone on the
same HTML (and the whole report with no figure cached), and reads the workers' peak memory.
"""

import json
import os
import platform
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
DB = os.environ.get("BENCH_DATABASE", "ingrado_bench")
PG = os.environ.get("BENCH_PG", "postgresql://postgres@127.0.0.1:5432")
PORT = int(os.environ.get("BENCH_PORT", "8799"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = 16
TARGET_P95_MS, TARGET_RPS, TARGET_PDF_RATIO, TARGET_MB, TARGET_SEED_S = 100, 150, 1.2, 250, 600
TARGET_REPORT_S = 10
QUERIES = [
    "vrijstelling",
    "verzuim",
    "thuiszitter",
    "leerplicht",
    "kwalificatieplicht",
    "verlof",
    "gegevensdeling",
    "doorstroompunt",
    "vrijstellingen buitenland",
    "wet politiegegevens",
]


def run(args, env, **kwargs):
    return subprocess.run(args, cwd=ROOT, env=env, check=True, **kwargs)


def environment():
    return {
        **os.environ,
        "DATABASE_URL": f"{PG}/{DB}",
        "REDIS_URL": os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/14"),
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "DJANGO_SETTINGS_MODULE": "ingrado.settings.production",
    }


def build_database(env):
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", DB], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DB], check=True)
    run([PY, "manage.py", "migrate", "-v0"], env)
    started = time.monotonic()
    run(
        [PY, "manage.py", "seed_demo", "--scale", "large", "--force"],
        env,
        stdout=subprocess.DEVNULL,
    )
    seed_seconds = time.monotonic() - started
    # Vacuumed, as autovacuum keeps a live database after a bulk load (it can be off, as on
    # the machine of these runs): its visibility map lets PostgreSQL read counts and other
    # index-only scans from the indexes. seed_demo has analysed the tables already.
    subprocess.run(["vacuumdb", "-q", f"--dbname={PG}/{DB}"], check=True)
    run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], env)
    return seed_seconds


def prepare(env):
    out = run(
        [PY, "manage.py", "shell", "-c", Path(ROOT / "bench/prepare.py").read_text()],
        env,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def start_server(env):
    server = subprocess.Popen(
        [
            PY,
            "-m",
            "gunicorn",
            "ingrado.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/gezond/", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def worker_pids(master):
    children = Path(f"/proc/{master}/task/{master}/children")
    return [int(p) for p in children.read_text().split()] if children.exists() else []


def peak_mb(pid):
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024


def load(paths, cookie=""):
    env = {**os.environ, "BENCH_PATHS": "|".join(paths), "BENCH_COOKIE": cookie}
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{SECONDS}s",
            "--timeout",
            "5s",
            "-s",
            str(ROOT / "bench/latency.lua"),
            f"http://127.0.0.1:{PORT}",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    values = dict(re.findall(r"(\w+)=([\d.]+)", out.split("RESULT", 1)[1]))
    requests, seconds = int(values["requests"]), float(values["seconds"])
    return {
        "rps": requests / seconds,
        "p50": float(values["p50"]),
        "p95": float(values["p95"]),
        "p99": float(values["p99"]),
        "errors": int(values["errors"]),
    }


def pages(ids):
    member, staff = ids["member"], ids["staff"]
    search = [f"/kennisbank/?q={q.replace(' ', '+')}" for q in QUERIES]
    return [
        ("reference (bare page)", ["/bench/referentie/"], ""),
        ("kennisbank search (varied Dutch queries)", search, ""),
        ("kennisbank item", [f"/kennisbank/{ids['item']}/"], ""),
        (
            "question queue with filters (staff)",
            [
                "/vragen/?status=assigned",
                "/vragen/?overdue=true",
                "/vragen/?topic=1&rayon=3",
                "/vragen/",
            ],
            staff,
        ),
        ("Mijn Ingrado (member)", ["/mijn/"], member),
        (
            "academy catalogue with filters",
            [
                "/academie/",
                "/academie/?kind=training",
                "/academie/?places_left=on&audience=everyone",
            ],
            "",
        ),
        (
            "participant list of an edition (staff)",
            [f"/academie/editie/{ids['edition']}/deelnemers/"],
            staff,
        ),
        ("programme page", [f"/programmas/{ids['programme']}/"], ""),
        ("online jaarverslag 2025 (member)", ["/jaarverslag/2025/"], member),
        ("member directory (staff)", ["/leden/personen/?krsd_registered=true"], staff),
    ]


def machine():
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    return f"{os.cpu_count()} cores ({cpu}), {memory / 1024 / 1024:.0f} GiB, {platform.platform()}"


def table(results, reference):
    lines = [
        "| page | req/s | p50 ms | p95 ms | p99 ms | errors | share of reference | target |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name, result in results:
        ok = (
            result["p95"] <= TARGET_P95_MS
            and result["rps"] >= TARGET_RPS
            and not (result["errors"])
        )
        lines.append(
            f"| {name} | {result['rps']:.0f} | {result['p50']:.1f} | {result['p95']:.1f} | "
            f"{result['p99']:.1f} | {result['errors']} | {result['rps'] / reference:.0%} | "
            f"{'PASS' if ok else 'FAIL'} |"
        )
    return lines


def report(results, fresh, reference, seed_seconds, pdf, memory):
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    lines = [
        "# Benchmarks",
        "",
        f"`make bench` on {datetime.now():%Y-%m-%d %H:%M}, commit `{commit}`.",
        "",
        f"Machine: {machine()}; the load generator (wrk, {CONNECTIONS} connections, 2 threads, "
        f"{SECONDS} s per page) runs on the same machine. Server: gunicorn, 2 workers, "
        "production settings, PostgreSQL with `seed_demo --scale large`. Each page is loaded",
        "again and again by the same 16 sessions, so the logged-in pages come from the",
        "per-session page cache (`ingrado/page_cache.py`) until their data changes.",
        "",
        *table(results, reference),
        "",
        "The logged-in pages rendered fresh for every request (`PAGE_CACHE_SECONDS=0`): what a",
        "first view, or the first view after the data changed, costs.",
        "",
        *table(fresh, reference),
        "",
        "| measure | value | target | |",
        "|---|---:|---:|---|",
        f"| `seed_demo --scale large` | {seed_seconds:.0f} s | ≤ {TARGET_SEED_S} s | "
        f"{'PASS' if seed_seconds <= TARGET_SEED_S else 'FAIL'} |",
        f"| jaarverslag 2025 PDF ({pdf['pages']} pages, tagged PDF/UA-1), portal path | "
        f"{pdf['portal']:.2f} s | | |",
        f"| same HTML, WeasyPrint alone | {pdf['weasyprint']:.2f} s | | |",
        f"| ratio | {pdf['ratio']:.2f}× | ≤ {TARGET_PDF_RATIO}× | "
        f"{'PASS' if pdf['ratio'] <= TARGET_PDF_RATIO else 'FAIL'} |",
        f"| whole report, data + render, no figure cached | {pdf['cold']:.2f} s | "
        f"≤ {TARGET_REPORT_S} s | {'PASS' if pdf['cold'] <= TARGET_REPORT_S else 'FAIL'} |",
        f"| peak memory of a gunicorn worker | {memory:.0f} MB | ≤ {TARGET_MB} MB | "
        f"{'PASS' if memory <= TARGET_MB else 'FAIL'} |",
        "",
    ]
    text = "\n".join(lines)
    (ROOT / "docs").mkdir(exist_ok=True)
    target = ROOT / "docs/benchmarks.md"
    # Notes written by people (before/after, analysis) below the marker are kept.
    marker = "<!-- notes: kept by make bench -->"
    if target.exists() and marker in target.read_text(encoding="utf-8"):
        text += "\n" + marker + target.read_text(encoding="utf-8").split(marker, 1)[1]
    target.write_text(text, encoding="utf-8")
    print(text)


def main():
    if not shutil.which("wrk"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)
    env = environment()
    seed_seconds = build_database(env)
    ids = prepare(env)
    pdf = json.loads(
        run(
            [PY, "manage.py", "shell", "-c", Path(ROOT / "bench/pdf_timing.py").read_text()],
            env,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    results, memory = measure(env, pages(ids))
    # The same logged-in pages rendered for every request, as on a first view or the first
    # view after the data changed: the per-session page cache switched off.
    logged_in = [page for page in pages(ids) if page[2]]
    fresh, fresh_memory = measure({**env, "PAGE_CACHE_SECONDS": "0"}, logged_in)
    report(results, fresh, results[0][1]["rps"], seed_seconds, pdf, max(memory, fresh_memory))


def measure(env, pages):
    """Serve the portal, load each page (after a warm-up run); results and peak memory."""
    server = start_server(env)
    try:
        results = []
        for name, paths, cookie in pages:
            load(paths, cookie)  # warm-up run, not reported
            results.append((name, load(paths, cookie)))
            print(name, results[-1], flush=True)
        memory = max(peak_mb(pid) for pid in worker_pids(server.pid))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    return results, memory


if __name__ == "__main__":
    main()
