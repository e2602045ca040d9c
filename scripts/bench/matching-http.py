#!/usr/bin/env python3
"""Matching over HTTP, end to end: GET /api/v1/jobs/{id}/candidates and
GET /api/v1/members/me/recommended-jobs against a running server.

    scripts/bench/matching-http.py [BASE] [ROUNDS] [COMPANY] [SERVER_PID]

BASE defaults to http://127.0.0.1:8091, ROUNDS to 5, COMPANY (the recruiter's
company's internal id) to 2002. The server's data directory
needs a recruiter account talent-bench@example.org (password "bench-password") of a
company with open postings, and members with CVs behind fresh1…fresh6@example.org
(password "fresh-password"), made once with `passerelle accounts create` (see
scripts/bench/graph-freshness.py). The candidates of each of the company's open
postings (up to 50) and the recommended jobs of each member are asked ROUNDS times
after one warm-up pass; prints p50, p95 and p99 of the wall-clock time of each and,
given the server's process id on this machine, of the CPU time the server spent on
each request (all its threads, from /proc/PID/task/*/schedstat): what a busy machine
does not inflate.
"""
import glob
import math
import json
import sys
import time
import urllib.parse
import urllib.request

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8091"
ROUNDS = int(sys.argv[2]) if len(sys.argv) > 2 else 5
SERVER = sys.argv[4] if len(sys.argv) > 4 else None


def server_cpu_ms():
    """The server's CPU time so far, all threads, in milliseconds (0 without a pid)."""
    if SERVER is None:
        return 0.0
    total = 0
    for path in glob.glob(f"/proc/{SERVER}/task/*/schedstat"):
        try:
            with open(path) as file:
                total += int(file.read().split()[0])
        except OSError:
            pass  # a thread that ended
    return total / 1e6


def call(method, path, token=None, body=None):
    headers = {"content-type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(BASE + path, method=method, data=data, headers=headers)
    with urllib.request.urlopen(request) as answer:
        return json.loads(answer.read() or b"null")


def login(email, password):
    return call("POST", "/api/v1/auth/login", body={"email": email, "password": password})["token"]


def percentile(times, fraction):
    ordered = sorted(times)
    rank = max(0, min(len(ordered) - 1, math.ceil(fraction * len(ordered)) - 1))
    return ordered[rank]


def measure(name, requests):
    """`requests`: (path, token) pairs."""
    for path, token in requests:  # warm-up
        call("GET", path, token)
    times, cpu = [], []
    for _ in range(ROUNDS):
        for path, token in requests:
            started, started_cpu = time.perf_counter(), server_cpu_ms()
            call("GET", path, token)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append(server_cpu_ms() - started_cpu)
    print(
        f"{name}: {len(times)} requests, p50 {percentile(times, 0.5):.1f} ms, "
        f"p95 {percentile(times, 0.95):.1f} ms, p99 {percentile(times, 0.99):.1f} ms, max {max(times):.1f} ms"
        + (f"; server CPU p50 {percentile(cpu, 0.5):.1f} ms, p99 {percentile(cpu, 0.99):.1f} ms" if SERVER else "")
    )


recruiter = login("talent-bench@example.org", "bench-password")
# The recruiter's company (its internal id, third argument) and its open postings, by a job search.
company_id = sys.argv[3] if len(sys.argv) > 3 else "2002"
found = call("GET", "/api/v1/jobs/search?" + urllib.parse.urlencode({"company": company_id, "per_page": 50}))
postings = [result["id"] for result in found["results"]]
if not postings:
    sys.exit(f"company {company_id} has no open postings in the index")
measure(
    f"candidates of {len(postings)} postings of company {company_id}, top 20",
    [(f"/api/v1/jobs/{posting}/candidates?per_page=20", recruiter) for posting in postings],
)
members = [login(f"fresh{i}@example.org", "fresh-password") for i in range(1, 7)]
measure("recommended jobs of 6 members, top 20", [("/api/v1/members/me/recommended-jobs?per_page=20", token) for token in members])
