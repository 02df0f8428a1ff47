#!/usr/bin/env python3
"""A user of the server, for bench/busy.sh: signs in (GET and POST /masuk, a session row and an audit row written)
and opens an indicator page (signed in with that session), one request every INTERVAL seconds, alternately, until
SECONDS have passed or the file STOP exists. Prints one line per request kind: count, errors, p50/p95/p99/max in ms.

    busy-probe.py BASE USERNAME PASSWORD PAGE LABEL (--seconds N | --stop FILE) [--interval S]
"""
import argparse
import http.client
import os
import re
import time
import urllib.parse


def request(base, method, path, headers=None, body=None):
    url = urllib.parse.urlparse(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, response.getheaders(), data


def cookie(headers, name):
    for key, value in headers:
        if key.lower() == "set-cookie" and value.startswith(name + "="):
            return value[len(name) + 1:].split(";", 1)[0]
    return None


def sign_in(base, username, password):
    """Returns (seconds of the POST, status, session cookie)."""
    status, headers, body = request(base, "GET", "/masuk")
    token = re.search(rb"csrf=([0-9a-f]{64})", body)
    form_cookie = cookie(headers, "lumbung_masuk")
    if status != 200 or not token or not form_cookie:
        return None, status, None
    form = urllib.parse.urlencode({"username": username, "password": password, "lanjut": "/"})
    started = time.monotonic()
    status, headers, _ = request(base, "POST", "/masuk?csrf=" + token.group(1).decode(), {
        "Cookie": "lumbung_masuk=" + form_cookie, "Content-Type": "application/x-www-form-urlencoded"}, form)
    return time.monotonic() - started, status, cookie(headers, "lumbung_sesi")


def percentile(values, share):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, int(round(share * len(ordered) + 0.5)) - 1))
    return ordered[index]


def main():
    parser = argparse.ArgumentParser()
    for name in ["base", "username", "password", "page", "label"]:
        parser.add_argument(name)
    parser.add_argument("--seconds", type=float)
    parser.add_argument("--stop")
    parser.add_argument("--interval", type=float, default=0.25)
    args = parser.parse_args()

    times = {"sign-in": [], "indicator page": []}
    errors = {"sign-in": 0, "indicator page": 0}
    statuses = {"sign-in": {}, "indicator page": {}}
    session = None
    started = time.monotonic()
    turn = 0
    while True:
        if args.seconds is not None and time.monotonic() - started >= args.seconds:
            break
        if args.stop and os.path.exists(args.stop):
            break
        tick = time.monotonic()
        if turn % 2 == 0 or session is None:
            seconds, status, fresh = sign_in(args.base, args.username, args.password)
            if seconds is None or status != 303 or not fresh:
                errors["sign-in"] += 1
                statuses["sign-in"][status] = statuses["sign-in"].get(status, 0) + 1
            else:
                times["sign-in"].append(seconds)
                session = fresh
        else:
            begun = time.monotonic()
            status, _, _ = request(args.base, "GET", args.page, {"Cookie": "lumbung_sesi=" + session})
            elapsed = time.monotonic() - begun
            if status == 200:
                times["indicator page"].append(elapsed)
            else:
                errors["indicator page"] += 1
                statuses["indicator page"][status] = statuses["indicator page"].get(status, 0) + 1
        turn += 1
        time.sleep(max(0.0, args.interval - (time.monotonic() - tick)))

    for kind, values in times.items():
        ms = [v * 1000 for v in values]
        print(f"{args.label:<26}{kind:<16}{len(ms):>6}{errors[kind]:>7}{percentile(ms, 0.5):>9.0f}{percentile(ms, 0.95):>9.0f}"
              f"{percentile(ms, 0.99):>9.0f}{max(ms) if ms else float('nan'):>9.0f}"
              + ("   errors by status: " + ", ".join(f"{code}×{n}" for code, n in sorted(statuses[kind].items())) if statuses[kind] else ""),
              flush=True)


if __name__ == "__main__":
    main()
