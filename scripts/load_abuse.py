#!/usr/bin/env python3
"""Abuse for `silkroute serve` on 127.0.0.1, run by scripts/load_abuse.sh while wrk loads it:
slow clients (slowloris), oversized headers, malformed requests, and all the while checks that
correct requests get the correct answer and that /health answers. Prints figures; exits 1 if
any correct request got a wrong or no answer, or an abusive one was not refused as documented.
Standard library only; connects to 127.0.0.1 and nowhere else."""
import argparse
import http.client
import os
import socket
import threading
import time

HOST = "127.0.0.1"
ROUTES = ["/route?from=Chongqing&to=Duisburg", "/route?from=Chongqing&to=Duisburg&alternatives=0"]

# (what, bytes sent, the status expected)
MALFORMED = [
    ("request line of 10 KB", b"GET /route?from=" + b"x" * 10000 + b" HTTP/1.1\r\nHost: t\r\n\r\n", 414),
    ("100 headers", b"GET /health HTTP/1.1\r\nHost: t\r\n" + b"".join(b"X-%d: v\r\n" % i for i in range(100)) + b"\r\n", 431),
    ("1 MB header", b"GET /health HTTP/1.1\r\nHost: t\r\nX-Big: " + b"x" * (1 << 20) + b"\r\n\r\n", 431),
    ("invalid UTF-8", b"GET /route?from=%FF%FE&to=Duisburg HTTP/1.1\r\nHost: t\r\n\r\n", 400),
    ("forged log line", b"GET /route?from=x%0A2026-01-01T00:00:00Z%20127.0.0.1%20GET%20/admin&to=y HTTP/1.1\r\nHost: t\r\n\r\n", 400),
    ("NUL and ESC", b"GET /route?from=a%00b%1B[2J&to=y HTTP/1.1\r\nHost: t\r\n\r\n", 400),
    ("bad percent-encoding", b"GET /route?from=%zz&to=y HTTP/1.1\r\nHost: t\r\n\r\n", 400),
    ("garbage", b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03garbage\r\n\r\n", 400),
    ("unknown version", b"GET /health HTTP/7.0\r\n\r\n", 400),
    ("body over the limit", b"POST /matrix HTTP/1.1\r\nHost: t\r\nContent-Length: 50000000\r\n\r\n", 413),
    ("negative length", b"POST /matrix HTTP/1.1\r\nHost: t\r\nContent-Length: -1\r\n\r\n", 400),
    ("bad chunk", b"POST /matrix HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400),
    ("1 MB place name", b"POST /matrix HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n"
     % (len(b'{"origins":["' + b"x" * 1000000 + b'"],"destinations":["duisburg"]}'))
     + b'{"origins":["' + b"x" * 1000000 + b'"],"destinations":["duisburg"]}', 400),
    ("deep JSON", b"POST /matrix HTTP/1.1\r\nHost: t\r\nContent-Length: 200000\r\n\r\n" + b"[" * 200000, 400),
]


class Figures:
    def __init__(self):
        self.lock = threading.Lock()
        self.n = {}
        self.latencies = {}
        self.problems = []

    def count(self, key, k=1):
        with self.lock:
            self.n[key] = self.n.get(key, 0) + k

    def latency(self, key, seconds):
        with self.lock:
            self.latencies.setdefault(key, []).append(seconds)

    def problem(self, text):
        with self.lock:
            if len(self.problems) < 20:
                self.problems.append(text)
            self.n["problems"] = self.n.get("problems", 0) + 1


def exchange(port, data, timeout=20):
    """Sends raw bytes; returns the status of the answer (0: none)."""
    with socket.create_connection((HOST, port), timeout=timeout) as s:
        try:
            s.sendall(data)
        except OSError:
            pass  # refused mid-way: the answer may still be there
        answer = b""
        try:
            while b"\r\n" not in answer:
                chunk = s.recv(4096)
                if not chunk:
                    break
                answer += chunk
        except OSError:
            pass
    if not answer.startswith(b"HTTP/1.1 "):
        return 0
    return int(answer[9:12])


def slow_clients(port, n, stop, fig):
    """Holds n connections that send a request a header line a second, never finishing it."""
    socks = []
    while not stop.is_set():
        while len(socks) < n and not stop.is_set():
            try:
                s = socket.create_connection((HOST, port), timeout=5)
                s.sendall(b"GET /health HTTP/1.1\r\nHost: t\r\n")
                socks.append(s)
                fig.count("slow connections opened")
            except OSError:
                fig.count("slow connections refused")
                time.sleep(0.05)
                break
        time.sleep(1)
        alive = []
        for s in socks:
            try:
                s.sendall(b"X-Slow: 1\r\n")
                s.setblocking(False)
                try:
                    if s.recv(1) == b"":
                        raise OSError("closed")
                except BlockingIOError:
                    pass
                s.setblocking(True)
                alive.append(s)
            except OSError:
                fig.count("slow connections dropped by the server")
                s.close()
        socks = alive
    for s in socks:
        s.close()


def abusive(port, stop, fig):
    while not stop.is_set():
        for what, data, expected in MALFORMED:
            if stop.is_set():
                break
            try:
                got = exchange(port, data)
            except OSError as e:
                got = 0
                fig.problem(f"{what}: {e}")
            fig.count("abusive requests")
            if got != expected:
                fig.problem(f"{what}: expected {expected}, got {got or 'no answer'}")


def correct(port, expected, stop, fig, key):
    """Keep-alive client asking the routes again and again; every answer must be the expected bytes."""
    conn = None
    i = 0
    while not stop.is_set():
        path = ROUTES[i % len(ROUTES)]
        i += 1
        t0 = time.monotonic()
        try:
            if conn is None:
                conn = http.client.HTTPConnection(HOST, port, timeout=20)
            conn.request("GET", path)
            r = conn.getresponse()
            body = r.read()
            fig.latency(key, time.monotonic() - t0)
            fig.count(key)
            if r.status != 200 or body != expected[path]:
                fig.problem(f"{path}: status {r.status}, {len(body)} bytes, not the expected answer")
        except (OSError, http.client.HTTPException) as e:
            fig.problem(f"{path}: {e!r}")
            conn = None


def health(port, stop, fig):
    """A new connection every 0.2 s, as a load balancer probes."""
    while not stop.is_set():
        t0 = time.monotonic()
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=5)
            conn.request("GET", "/health")
            r = conn.getresponse()
            r.read()
            conn.close()
            fig.count("health probes")
            fig.latency("health", time.monotonic() - t0)
            if r.status != 200:
                fig.problem(f"/health: status {r.status}")
        except (OSError, http.client.HTTPException) as e:
            fig.count("health probes")
            fig.problem(f"/health: {e!r}")
        stop.wait(0.2)


def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100 * len(values)))] if values else float("nan")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--pid", type=int)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--slow", type=int, default=200, help="slow clients held at once")
    ap.add_argument("--load-threads", type=int, default=0, help="extra keep-alive clients (when wrk is absent)")
    args = ap.parse_args()

    expected = {}
    for path in ROUTES:
        conn = http.client.HTTPConnection(HOST, args.port, timeout=20)
        conn.request("GET", path)
        r = conn.getresponse()
        expected[path] = r.read()
        assert r.status == 200, f"{path}: {r.status}"
    rss_before = rss_kb(args.pid) if args.pid else None

    fig = Figures()
    stop = threading.Event()
    threads = [threading.Thread(target=slow_clients, args=(args.port, args.slow, stop, fig)),
               threading.Thread(target=abusive, args=(args.port, stop, fig)),
               threading.Thread(target=correct, args=(args.port, expected, stop, fig, "correct requests")),
               threading.Thread(target=health, args=(args.port, stop, fig))]
    threads += [threading.Thread(target=correct, args=(args.port, expected, stop, fig, "load requests"))
                for _ in range(args.load_threads)]
    for t in threads:
        t.start()
    stop.wait(args.seconds)
    stop.set()
    for t in threads:
        t.join()
    rss_after = rss_kb(args.pid) if args.pid else None

    print(f"abuse for {args.seconds:g} s, {args.slow} slow clients held at once:")
    for key in sorted(fig.n):
        print(f"  {key}: {fig.n[key]}")
    for key, values in sorted(fig.latencies.items()):
        print(f"  {key} latency: p50 {percentile(values, 50) * 1e3:.2f} ms, p99 {percentile(values, 99) * 1e3:.2f} ms, "
              f"max {max(values) * 1e3:.2f} ms")
    if rss_before:
        print(f"  server memory (RSS): {rss_before / 1024:.1f} MB before, {rss_after / 1024:.1f} MB after"
              if rss_after else "  server memory: the server is gone")
    for p in fig.problems:
        print("  PROBLEM:", p)
    if args.pid and not os.path.exists(f"/proc/{args.pid}"):
        print("  PROBLEM: the server died")
        return 1
    if fig.n.get("health probes", 0) == 0 or fig.n.get("correct requests", 0) == 0:
        print("  PROBLEM: no health probe or correct request completed")
        return 1
    return 1 if fig.problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
