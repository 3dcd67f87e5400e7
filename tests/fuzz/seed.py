#!/usr/bin/env python3
"""seed.py: (re)writes the seed corpus of the fuzz harnesses from the
example case and the test fixtures.  Deterministic: the same sources give
the same files.  Run from the project root: python3 tests/fuzz/seed.py
libFuzzer adds its own finds next to these (named by their SHA-1)."""
import glob
import hashlib
import os
import random
import struct

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
OUT = os.path.join(ROOT, "tests", "fuzz", "corpus")
SOURCES = sorted(glob.glob(os.path.join(ROOT, "examples", "**", "*.*"), recursive=True)
                 + glob.glob(os.path.join(ROOT, "tests", "fixtures", "*")))


def write(harness, data):
    os.makedirs(os.path.join(OUT, harness), exist_ok=True)
    name = "seed-" + hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(OUT, harness, name), "wb") as f:
        f.write(data)


def main():
    texts = [open(p, "rb").read() for p in SOURCES if os.path.isfile(p)]
    lines = sorted({l.rstrip(b"\r") for t in texts for l in t.split(b"\n") if l.strip()})
    # extract: each distinct line, each whole file, and a few awkward ones
    for l in lines:
        write("extract", l)
    for t in texts:
        write("extract", t)
    for odd in [b"", b"\n", b"\r\n", b"\xff\xfe\xc3", b"1" * 300, b"/" * 300,
                b"(" * 100 + b")" * 100, b"$" + b"9" * 40, b"Ex. " * 50,
                b"<!-- gavel: snooze offer-expiring until 2/30 -->",
                b"## 9999-12-31\nADA offered 99999 years DOC; open until 12/31\n"]:
        write("extract", odd)
    # edits: a file, NUL, then a script of records (see fuzz_edits.c)
    rnd = random.Random(20250410)
    for t in texts[:8] + [b""]:
        for _ in range(3):
            recs = []
            for _ in range(rnd.randint(3, 25)):
                op = rnd.randrange(256)
                pos = rnd.randrange(256)
                text = rnd.choice(lines) if op & 7 != 6 else b"\x1f".join(rnd.sample(lines, 3))
                recs.append(bytes([op, pos]) + text.replace(b"\n", b""))
                if rnd.random() < 0.2:
                    recs.append(b"")
            write("edits", t.replace(b"\0", b"") + b"\0" + b"\n".join(recs))
    # options: a 15-byte header of valid options, then vocabulary text
    vocabs = [b"", b"prosecution: Ms. Natarajan, Mr. Crown\nattempt: pinged on Slack\n# comment\n",
              b"strength: ballistics match\nprep: mock cross\nsame: dug in\n",
              b"offer: put on the table\nreject: passed on\naccept: took the deal\n",
              b"prosecutor: Smith\n", b"prosecution Smith\n",
              b"strength: (((a|b)*)*c[ \\\n", b"court: \\E\\Q)(?{x})\n"]
    for i, v in enumerate(vocabs):
        header = bytes([i & 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]) + struct.pack(">H", 8192 // 17)
        write("options", header + v)
    for src in texts[:3]:
        write("options", bytes(13) + struct.pack(">H", 500) + src[:400])


if __name__ == "__main__":
    main()
