#!/usr/bin/env python3
"""Tokens per second of the Python package against the packages it replaces, in one process.

  seed API (006):  agora_token.RtcTokenBuilder.buildTokenWithUid  vs  agora-token-builder 1.0.0
  007:             agora_token.RtcTokenBuilder2.build_token_with_uid  vs  agoraiotools 0.3.4
  also:            agora_token.build_rtc_token (007), RtmTokenBuilder.buildToken vs the seed's

Each contender runs in timed slices (about --slice-ms each), alternating within each of --rounds
rounds after a warm-up; the figure is the median over rounds, and each ratio is the median of
the per-round ratios, so that load on this shared machine hits both sides alike.

--threads also measures our 006 and 007 builders from 1 and 2 Python threads at once (the
GIL question: with the GIL held, 2 threads cannot beat 1; see docs/python.md).

Usage: python3 benches/python/bench.py [--rounds 7] [--slice-ms 300] [--threads] [--json]
"""

import argparse
import json
import statistics
import sys
import threading
import time

import agora_token
import agora_token_builder
import agoraiotools

APP_ID = "970CA35de60c44645bbae8a215061b33"
CERT = "5CFd2fd1755d40ecb72977518be15d3b"
CHANNEL = "7d72365eb983485397e3e3f9d460bdda"
UID = 2882341273
EXPIRE_TS = int(time.time()) + 3600


def contenders():
    seed_rtc = agora_token_builder.RtcTokenBuilder.buildTokenWithUid
    seed_rtm = agora_token_builder.RtmTokenBuilder.buildToken
    official = agoraiotools.RtcTokenBuilder2.build_token_with_uid
    ours_rtc = agora_token.RtcTokenBuilder.buildTokenWithUid
    ours_rtm = agora_token.RtmTokenBuilder.buildToken
    ours2 = agora_token.RtcTokenBuilder2.build_token_with_uid
    build = agora_token.build_rtc_token
    return {
        "006 agora-token-builder": lambda: seed_rtc(APP_ID, CERT, CHANNEL, UID, 1, EXPIRE_TS),
        "006 ours (RtcTokenBuilder)": lambda: ours_rtc(APP_ID, CERT, CHANNEL, UID, 1, EXPIRE_TS),
        "006 rtm agora-token-builder": lambda: seed_rtm(APP_ID, CERT, "alice", 1, EXPIRE_TS),
        "006 rtm ours (RtmTokenBuilder)": lambda: ours_rtm(APP_ID, CERT, "alice", 1, EXPIRE_TS),
        "007 agoraiotools": lambda: official(APP_ID, CERT, CHANNEL, UID, 1, 3600, 3600),
        "007 ours (RtcTokenBuilder2)": lambda: ours2(APP_ID, CERT, CHANNEL, UID, 1, 3600, 3600),
        "007 ours (build_rtc_token)": lambda: build(
            app_id=APP_ID, app_certificate=CERT, channel_name=CHANNEL, uid=UID,
            role="publisher", expires_in=3600),
    }


RATIOS = [
    ("006 ours / agora-token-builder", "006 ours (RtcTokenBuilder)", "006 agora-token-builder", 10),
    ("006 rtm ours / agora-token-builder", "006 rtm ours (RtmTokenBuilder)", "006 rtm agora-token-builder", None),
    ("007 ours / agoraiotools", "007 ours (RtcTokenBuilder2)", "007 agoraiotools", 10),
    ("007 build_rtc_token / agoraiotools", "007 ours (build_rtc_token)", "007 agoraiotools", None),
]


def slice_rate(fn, seconds):
    """Calls per second over one slice: batches of calls until `seconds` have passed."""
    batch, calls, start = 64, 0, time.perf_counter()
    deadline = start + seconds
    while True:
        for _ in range(batch):
            fn()
        calls += batch
        now = time.perf_counter()
        if now >= deadline:
            return calls / (now - start)


def measure(rounds, slice_s):
    fns = contenders()
    for fn in fns.values():  # warm-up, and a check that each returns a token
        assert fn().startswith(("006", "007"))
        slice_rate(fn, slice_s / 3)
    per_round = {name: [] for name in fns}
    for r in range(rounds):
        order = list(fns.items())
        if r % 2:
            order.reverse()
        for name, fn in order:
            per_round[name].append(slice_rate(fn, slice_s))
    rates = {name: statistics.median(v) for name, v in per_round.items()}
    ratios = {
        label: statistics.median(a / b for a, b in zip(per_round[ours], per_round[ref]))
        for label, ours, ref, _ in RATIOS
    }
    return rates, ratios


def threaded(fn, threads, seconds):
    """Tokens per second of `threads` Python threads calling `fn` at once."""
    counts = [0] * threads
    stop = threading.Event()
    barrier = threading.Barrier(threads + 1)

    def work(i):
        barrier.wait()
        n = 0
        while not stop.is_set():
            for _ in range(64):
                fn()
            n += 64
        counts[i] = n

    ts = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for t in ts:
        t.start()
    barrier.wait()
    start = time.perf_counter()
    time.sleep(seconds)
    stop.set()
    for t in ts:
        t.join()
    return sum(counts) / (time.perf_counter() - start)


def measure_threads(rounds, slice_s):
    fns = contenders()
    out = {}
    for name in ("006 ours (RtcTokenBuilder)", "007 ours (RtcTokenBuilder2)"):
        one, two = [], []
        for _ in range(rounds):
            one.append(threaded(fns[name], 1, slice_s))
            two.append(threaded(fns[name], 2, slice_s))
        out[name] = {
            "1 thread": statistics.median(one),
            "2 threads": statistics.median(two),
            "2 / 1": statistics.median(b / a for a, b in zip(one, two)),
        }
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rounds", type=int, default=7)
    p.add_argument("--slice-ms", type=int, default=300)
    p.add_argument("--threads", action="store_true")
    p.add_argument("--json", action="store_true")
    a = p.parse_args()
    slice_s = a.slice_ms / 1000
    rates, ratios = measure(a.rounds, slice_s)
    result = {"rates": rates, "ratios": ratios}
    if a.threads:
        result["threads"] = measure_threads(a.rounds, slice_s)
    if a.json:
        json.dump(result, sys.stdout, indent=1)
        print()
        return
    print(f"Python {sys.version.split()[0]}, agora_token vs agora-token-builder 1.0.0 and "
          f"agoraiotools 0.3.4; {a.rounds} alternating rounds of {a.slice_ms} ms slices, medians")
    print(f"| {'python':<40} | {'tokens/s':>22} | {'target':>7} | status |")
    print(f"|{'-' * 42}|{'-' * 24}|{'-' * 9}|--------|")
    for name, rate in rates.items():
        print(f"| {name:<40} | {rate:>12,.0f} ({1e6 / rate:5.2f} µs) | {'':>7} |        |")
    for label, _, _, target in RATIOS:
        status = "" if target is None else ("ok" if ratios[label] >= target else "MISSED")
        goal = "" if target is None else f">= {target}x"
        print(f"| {label:<40} | {ratios[label]:>21.2f}x | {goal:>7} | {status:<6} |")
    for name, t in result.get("threads", {}).items():
        print(f"| {name + ', 1 / 2 threads':<40} | {t['1 thread']:>9,.0f} / {t['2 threads']:>9,.0f} "
              f"| {t['2 / 1']:>6.2f}x |        |")


if __name__ == "__main__":
    main()
