"""Load test of the HTTP API with the real engine, on loopback only.

Starts the server the way ``consistency serve`` does (``api.serve.serve``: gunicorn, models
preloaded), waits for ``/v1/health``, builds one typical ``/v1/checks`` request -- one call of
``--turns`` turns (default 300) against ``--claims`` claims (default 40), from ``corpora/demo/``
(falling back to ``corpora/labeled/`` and then to synthetic text) -- sends it ``--requests`` times
from ``--concurrency`` client threads, and reports requests/s, p50/p95 latency and the server's
memory (RSS, and PSS which counts the preloaded models shared by workers once) with the models
loaded. Then stops the server. Each request's turn texts get a few different filler words so the
engine's text caches do not flatter the numbers (``--same-request`` to measure the cached path).

    python benchmarks/api_load.py                          # 20 requests, concurrency 2, 1 worker
    python benchmarks/api_load.py -n 50 -c 4 --workers 2 --config consistency.yaml --json out.json
    python benchmarks/api_load.py --url http://127.0.0.1:8000 -n 10   # an already running server
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "corpora" / "demo"
LABELED = ROOT / "corpora" / "labeled" / "cases"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


# ---------------------------------------------------------------- HTTP
class Client:
    """A keep-alive JSON client for one thread."""

    def __init__(self, base: str, timeout: float, api_key: str | None = None):
        parts = urlsplit(base)
        if parts.hostname not in LOOPBACK:
            raise SystemExit(
                f"refusing non-loopback host {parts.hostname!r}: this benchmark is loopback only"
            )
        self.host, self.port, self.timeout = parts.hostname, parts.port or 80, timeout
        self.headers = {"Content-Type": "application/json"}
        if api_key:
            self.headers["Authorization"] = f"Bearer {api_key}"
        self.conn: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, body: bytes | None = None) -> tuple[int, bytes]:
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                self.conn.request(method, path, body=body, headers=self.headers if body is not None else {})
                resp = self.conn.getresponse()
                return resp.status, resp.read()
            except (ConnectionError, http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def post_json(self, path: str, payload: Any) -> tuple[int, Any]:
        status, data = self.request("POST", path, json.dumps(payload).encode())
        return status, json.loads(data or b"null")


def wait_healthy(base: str, timeout: float, proc: subprocess.Popen | None) -> float:
    t0 = time.perf_counter()
    client = Client(base, timeout=10)
    last = None
    while time.perf_counter() - t0 < timeout:
        if proc is not None and proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode} before becoming healthy")
        try:
            status, body = client.request("GET", "/v1/health")
            if status == 200:
                return time.perf_counter() - t0
            last = f"{status} {body[:300]!r}"
            if status == 503 and b"models_loading" not in body:
                raise SystemExit(f"server cannot load its models: {body.decode(errors='replace')}")
        except OSError as exc:
            last = repr(exc)
        time.sleep(0.5)
    raise SystemExit(f"server not healthy after {timeout:.0f}s (last: {last})")


# ---------------------------------------------------------------- server
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, workers: int, config: str | None, log_path: Path) -> subprocess.Popen:
    cmd = [
        sys.executable,
        "-m",
        "api.serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
    ]
    if config:
        cmd += ["--config", config]
    log = open(log_path, "w")  # noqa: SIM115 - closed with the process
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    return subprocess.Popen(
        cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True
    )


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return out


def _mem_kib(pid: int) -> dict[str, int]:
    mem = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(("VmRSS:", "VmHWM:")):
                mem[line.split(":")[0]] = int(line.split()[1])
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                mem["Pss"] = int(line.split()[1])
    except OSError:
        pass
    return mem


def server_memory(pid: int) -> dict[str, Any]:
    """RSS (and PSS, which counts pages shared copy-on-write once) of the server's processes."""
    procs = [pid, *_children(pid)]
    per = {p: _mem_kib(p) for p in procs}
    mib = lambda kib: round(kib / 1024, 1)  # noqa: E731
    return {
        "processes": len(procs),
        "rss_mib": {str(p): mib(m.get("VmRSS", 0)) for p, m in per.items()},
        "rss_total_mib": mib(sum(m.get("VmRSS", 0) for m in per.values())),
        "pss_total_mib": mib(sum(m.get("Pss", 0) for m in per.values()))
        if all("Pss" in m for m in per.values())
        else None,
        "peak_rss_max_mib": mib(max((m.get("VmHWM", 0) for m in per.values()), default=0)),
    }


# ---------------------------------------------------------------- the request
def _demo_reps() -> tuple[list[str], list[str]]:
    cfg = DEMO / "consistency.yaml"
    if not cfg.exists():
        return [], []
    try:
        import yaml

        data = yaml.safe_load(cfg.read_text()) or {}
        return list(data.get("rep_names") or []), list(data.get("rep_domains") or [])
    except Exception:
        return [], []


def _source_copies() -> list[dict[str, str]]:
    copies = []
    fmt = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
    for path in sorted((DEMO / "copy").glob("*")) if (DEMO / "copy").is_dir() else []:
        if path.suffix in fmt:
            copies.append(
                {"id": path.stem, "text": path.read_text(encoding="utf-8"), "format": fmt[path.suffix]}
            )
    for path in sorted(LABELED.glob("*.json")) if LABELED.is_dir() else []:
        case = json.loads(path.read_text(encoding="utf-8"))
        for c in case.get("copy", []):
            copies.append(
                {"id": f"{case['id']}-{c['id']}", "text": c["text"], "format": c.get("format", "text")}
            )
    return copies


def _source_turns() -> list[dict[str, Any]]:
    turns: list[dict[str, Any]] = []
    reps, domains = _demo_reps()
    try:
        from consistency.io import load_conversation_file
    except ImportError:
        load_conversation_file = None
    if load_conversation_file is not None and (DEMO / "calls").is_dir():
        for path in sorted((DEMO / "calls").glob("*")):
            try:
                conv = load_conversation_file(path, rep_speakers=reps, rep_domains=domains)
            except Exception:
                continue
            turns += [{"speaker": t.speaker, "role": t.role.value, "text": t.text} for t in conv.turns]
    for path in sorted(LABELED.glob("*.json")) if LABELED.is_dir() else []:
        for conv in json.loads(path.read_text(encoding="utf-8")).get("conversations", []):
            for t in conv.get("turns", []):
                turns.append({"speaker": t["speaker"], "role": t.get("role", "unknown"), "text": t["text"]})
    return turns


def _synthetic_turns(n: int) -> list[dict[str, Any]]:
    rng = random.Random(0)
    rep_lines = [
        "Our Pro plan is ${p} a month per location.",
        "You get a {d}-day free trial, no card needed.",
        "There's no contract, you can cancel anytime.",
        "Support is available {h}.",
        "Hardware ships free on orders over ${s}.",
        "We integrate with QuickBooks and Shopify.",
    ]
    cust_lines = [
        "How much is it?",
        "Is there a trial?",
        "Can we cancel later?",
        "What about support?",
        "Okay, thanks.",
    ]
    out = []
    for i in range(n):
        if i % 2 == 0:
            text = rng.choice(rep_lines).format(
                p=rng.choice([49, 89, 99]), d=rng.choice([14, 30]), h="24/7", s=299
            )
            out.append({"speaker": "Dana", "role": "rep", "text": text})
        else:
            out.append({"speaker": "Sam", "role": "customer", "text": rng.choice(cust_lines)})
    return out


def build_request(client: Client, n_turns: int, n_claims: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """Copy with ``n_claims`` claims (as the server extracts them) and one call of ``n_turns``."""
    copies, total = [], 0
    for c in _source_copies():
        if total >= n_claims:
            break
        status, body = client.post_json("/v1/claims", {"copy": c})
        if status != 200 or not body["claims"]:
            continue
        claims = body["claims"]
        if total + len(claims) > n_claims:  # cut this copy after the claim that reaches n_claims
            keep = claims[n_claims - total - 1]
            plain = body["copy"]["text"]
            cut = plain.find("\n", keep["end"])
            c = {"id": c["id"], "text": plain[: cut if cut != -1 else len(plain)], "format": "text"}
            status, body = client.post_json("/v1/claims", {"copy": c})
            claims = body["claims"] if status == 200 else []
        copies.append(c)
        total += len(claims)
    if total == 0:  # no corpora: synthetic copy, one claim per sentence
        lines = [
            f"Plan {i} costs ${10 + i} per month and includes a {7 + i % 30}-day free trial."
            for i in range(n_claims)
        ]
        copies = [{"id": "synthetic", "text": "\n".join(lines), "format": "text"}]
        total = len(client.post_json("/v1/claims", {"copy": copies[0]})[1].get("claims", []))
    turns = _source_turns() or _synthetic_turns(n_turns)
    turns = [turns[i % len(turns)] for i in range(n_turns)]
    for i, t in enumerate(turns):  # plausible timestamps: 6 s a turn
        t.update(start=6.0 * i, end=6.0 * i + 5.5)
    request = {
        "copy": copies,
        "conversations": [{"id": "typical-call", "channel": "call", "turns": turns}],
        "options": {"include_unbacked": True},
    }
    info = {
        "copies": len(copies),
        "claims": total,
        "turns": len(turns),
        "rep_turns": sum(t["role"] == "rep" for t in turns),
        "body_bytes": len(json.dumps(request).encode()),
    }
    return request, info


_FILLERS = ("Right,", "So,", "Well,", "Okay,", "Alright,", "Look,", "Yeah,", "Sure,", "Honestly,", "Anyway,")


def variants(request: dict[str, Any], n: int, seed: int = 0) -> list[bytes]:
    """``n`` bodies of the same shape whose turn texts differ (a few filler words in front), so
    the engine's text caches do not turn the benchmark into a cache benchmark."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        req = json.loads(json.dumps(request))
        conv = req["conversations"][0]
        conv["id"] = f"typical-call-{i}"
        for t in conv["turns"]:
            t["text"] = " ".join(rng.choice(_FILLERS) for _ in range(3)) + " " + t["text"]
        out.append(json.dumps(req).encode())
    return out


# ---------------------------------------------------------------- the run
def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def run_load(
    base: str, payloads: list[bytes], concurrency: int, timeout: float, api_key: str | None
) -> dict[str, Any]:
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    lock = threading.Lock()
    n = len(payloads)
    remaining = iter(payloads)

    def worker() -> None:
        client = Client(base, timeout=timeout, api_key=api_key)
        while True:
            with lock:
                payload = next(remaining, None)
            if payload is None:
                return
            t0 = time.perf_counter()
            try:
                status, _ = client.request("POST", "/v1/checks", payload)
                key = str(status)
            except Exception as exc:  # a timeout or reset is a result too
                key = type(exc).__name__
            dt = time.perf_counter() - t0
            with lock:
                statuses[key] = statuses.get(key, 0) + 1
                if key == "200":
                    latencies.append(dt)

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    return {
        "requests": n,
        "concurrency": concurrency,
        "ok": len(latencies),
        "statuses": statuses,
        "wall_s": round(wall, 3),
        "requests_per_s": round(len(latencies) / wall, 3) if wall else None,
        "latency_s": {
            "p50": round(percentile(latencies, 0.50), 3),
            "p95": round(percentile(latencies, 0.95), 3),
            "mean": round(statistics.fmean(latencies), 3) if latencies else None,
            "max": round(max(latencies), 3) if latencies else None,
        },
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("-n", "--requests", type=int, default=20, help="timed /v1/checks requests (default 20)")
    p.add_argument("-c", "--concurrency", type=int, default=2, help="client threads (default 2)")
    p.add_argument("--workers", type=int, default=1, help="server worker processes (default 1)")
    p.add_argument("--turns", type=int, default=300)
    p.add_argument("--claims", type=int, default=40)
    p.add_argument("--config", help="engine config file (YAML/TOML) for the server")
    p.add_argument("--url", help="use this running server (loopback) instead of starting one")
    p.add_argument("--api-key", default=os.environ.get("CONSISTENCY_BENCH_API_KEY"))
    p.add_argument(
        "--same-request",
        action="store_true",
        help="send one identical body every time (measures the engine's caches); default: turn texts vary",
    )
    p.add_argument("--warmup", type=int, default=1, help="untimed requests first (default 1)")
    p.add_argument("--timeout", type=float, default=600, help="per-request timeout, s")
    p.add_argument("--startup-timeout", type=float, default=600, help="seconds to wait for /v1/health")
    p.add_argument("--json", dest="json_out", help="also write the report here")
    args = p.parse_args(argv)
    if args.requests < 1 or args.concurrency < 1 or args.workers < 1:
        p.error("--requests, --concurrency and --workers must be >= 1")

    proc = None
    log_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"api_load_server_{os.getpid()}.log"
    if args.url:
        base = args.url.rstrip("/")
        Client(base, 1)  # loopback check
    else:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        t0 = time.perf_counter()
        proc = start_server(port, args.workers, args.config, log_path)
        print(f"server pid {proc.pid} on {base}; log {log_path}", file=sys.stderr)
    try:
        startup = wait_healthy(base, args.startup_timeout, proc)
        if proc is not None:
            startup = time.perf_counter() - t0
        client = Client(base, timeout=args.timeout, api_key=args.api_key)
        status, raw = client.request("GET", "/v1/health")
        health = json.loads(raw)
        request, info = build_request(client, args.turns, args.claims)
        if args.same_request:
            payloads = [json.dumps(request).encode()] * args.requests
        else:
            payloads = variants(request, args.requests)
        for _ in range(args.warmup):
            status, body = client.post_json("/v1/checks", request)
            if status != 200:
                raise SystemExit(f"warm-up request failed: {status} {json.dumps(body)[:500]}")
            info["findings"] = len(body["findings"])
            info["unbacked"] = len(body["unbacked"])
        mem_before = server_memory(proc.pid) if proc is not None else None
        result = run_load(base, payloads, args.concurrency, args.timeout, args.api_key)
        result["same_request"] = args.same_request
        report = {
            "server": {
                "url": base,
                "workers": args.workers if proc is not None else None,
                "startup_to_healthy_s": round(startup, 2),
                "engine": health.get("engine"),
                "memory_models_loaded": mem_before,
                "memory_after_run": server_memory(proc.pid) if proc is not None else None,
            },
            "request": info,
            "result": result,
        }
    finally:
        if proc is not None:
            stop_server(proc)
    text = json.dumps(report, indent=2)
    print(text)
    if args.json_out:
        Path(args.json_out).write_text(text + "\n")
    r = report["result"]
    print(
        f"\n{r['ok']}/{r['requests']} ok at concurrency {r['concurrency']}: {r['requests_per_s']} req/s, "
        f"p50 {r['latency_s']['p50']} s, p95 {r['latency_s']['p95']} s; "
        f"server RSS {report['server']['memory_models_loaded'] and report['server']['memory_models_loaded']['rss_total_mib']} MiB",
        file=sys.stderr,
    )
    return 0 if r["ok"] == r["requests"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
