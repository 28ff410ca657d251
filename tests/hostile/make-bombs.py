#!/usr/bin/env python3
"""Writes tests/hostile/bombs.json: 007 tokens whose zlib stream (CPython's real zlib, level
9) inflates far past the core's 64 KiB limit. Deterministic; rerun to regenerate:

    python3 tests/hostile/make-bombs.py

Each bomb is "007" + base64(zlib(payload)). `valid_prefix` bombs start with the inflated
payload of a real token (vector 007-rtc-uid), so that a parser which streamed the payload
would get well into it before running out of the limit.
"""
import base64
import json
import os
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
REAL = "007eJxTYBBbsMMnKq7p9Hf/HcIX5kce9b518kCiQgSr5Zrp4X1Tu6UUGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQxNDcwMk4yN3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiVwMRhYWRsYmhkbmxgDCaiTj"
LIMIT = 64 * 1024


def token(payload: bytes) -> str:
    return "007" + base64.b64encode(zlib.compress(payload, 9)).decode()


def main() -> None:
    real_payload = zlib.decompress(base64.b64decode(REAL[3:]))
    bombs = [
        ("just-over-limit", b"\0" * (LIMIT + 1)),
        ("zeros-1MB", b"\0" * (1 << 20)),
        ("valid-prefix-1MB", real_payload + b"\0" * (1 << 20)),
        # The largest that fits the npm package's 65,536-character string limit.
        ("zeros-40MB", b"\0" * (40 << 20)),
        ("zeros-100MB", b"\0" * (100 << 20)),
    ]
    out = {
        "about": "007 tokens whose zlib stream inflates past the 64 KiB limit; made by make-bombs.py with CPython's zlib",
        "limit": LIMIT,
        "bombs": [
            {"id": name, "inflatedBytes": len(p), "token": token(p)} for name, p in bombs
        ],
    }
    with open(os.path.join(HERE, "bombs.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    for b in out["bombs"]:
        print(f'{b["id"]}: inflates to {b["inflatedBytes"]} bytes, token {len(b["token"])} chars')


if __name__ == "__main__":
    main()
