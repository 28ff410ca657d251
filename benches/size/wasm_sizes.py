#!/usr/bin/env python3
"""Code size of a wasm module by function and by origin, from its name section.

    python3 benches/size/wasm_sizes.py MODULE.wasm [TOP]

Used by .ci/bench-size.sh on the npm module rebuilt with its names kept (wasm-opt -g), to
show what bounds the size of the package's .wasm.
"""
import collections
import sys


def leb(b, i):
    r = s = 0
    while True:
        x = b[i]
        i += 1
        r |= (x & 0x7F) << s
        s += 7
        if x < 0x80:
            return r, i


def parse(data):
    i, imports, bodies, names, sections = 8, 0, [], {}, {}
    while i < len(data):
        sid = data[i]
        size, i = leb(data, i + 1)
        end = i + size
        if sid == 2:
            n, j = leb(data, i)
            for _ in range(n):
                for _ in range(2):
                    ln, j = leb(data, j)
                    j += ln
                kind = data[j]
                j += 1
                if kind == 0:
                    _, j = leb(data, j)
                    imports += 1
                elif kind == 1:
                    j += 1
                    flags, j = leb(data, j)
                    _, j = leb(data, j)
                    if flags & 1:
                        _, j = leb(data, j)
                elif kind == 2:
                    flags, j = leb(data, j)
                    _, j = leb(data, j)
                    if flags & 1:
                        _, j = leb(data, j)
                elif kind == 3:
                    j += 2
        elif sid == 10:
            n, j = leb(data, i)
            for _ in range(n):
                s, j2 = leb(data, j)
                bodies.append(s + (j2 - j))
                j = j2 + s
        if sid == 0:
            ln, j = leb(data, i)
            name = data[j:j + ln].decode()
            j += ln
            sections["custom " + name] = size
            if name == "name":
                while j < end:
                    sub = data[j]
                    s, j = leb(data, j + 1)
                    if sub == 1:
                        n, k = leb(data, j)
                        for _ in range(n):
                            idx, k = leb(data, k)
                            ln, k = leb(data, k)
                            names[idx] = data[k:k + ln].decode("utf8", "replace")
                            k += ln
                    j += s
        else:
            sections[{1: "type", 2: "import", 3: "function", 7: "export", 10: "code", 11: "data"}.get(sid, str(sid))] = size
        i = end
    funcs = [(s, names.get(k + imports, f"func {k}")) for k, s in enumerate(bodies)]
    return sections, funcs


def origin(n):
    if "shim" in n or "agora_token::js" in n or "js_sys" in n or "wasm_bindgen" in n or "__wbg" in n:
        return "js binding (exports and their inlined bodies)"
    for key, label in [("btree", "BTreeMap"), ("sort", "slice sort"), ("miniz", "miniz_oxide inflate"),
                       ("dlmalloc", "allocator"), ("rdl_", "allocator"), ("base64", "base64"),
                       ("sha2", "sha2"), ("md5", "md5"), ("hmac", "hmac/digest"), ("digest", "hmac/digest"),
                       ("fmt", "core::fmt"), ("alloc", "alloc (Vec/String)")]:
        if key in n:
            return label
    if "agora_token::" in n:
        return "core: " + n.split("::")[1]
    return "other"


def main():
    data = open(sys.argv[1], "rb").read()
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    sections, funcs = parse(data)
    print("sections (bytes):", ", ".join(f"{k} {v}" for k, v in sections.items()))
    code = sum(s for s, _ in funcs)
    print(f"largest functions (of {code} bytes of code):")
    for s, n in sorted(funcs, reverse=True)[:top]:
        print(f"  {s:6d}  {n[:110]}")
    by = collections.Counter()
    for s, n in funcs:
        by[origin(n)] += s
    print("code by origin:")
    for k, v in by.most_common():
        print(f"  {v:6d}  {100 * v / code:5.1f}%  {k}")


if __name__ == "__main__":
    main()
