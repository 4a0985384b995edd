"""Peak memory per record, and the cost of building a large user lexicon, each measured in a fresh
subprocess (its peak RSS, VmHWM, is then its own). Writes a Markdown table to stdout (and, with --write,
into benchmarks/RESULTS.md between the "memory" markers).

    .venv/bin/python benchmarks/memory.py                  # 1, 10, 50 and 100 MB records; 1M-entry lexicon
    .venv/bin/python benchmarks/memory.py --sizes 1 10     # quicker
    PYTHONPATH=/path/to/other/build .venv/bin/python benchmarks/memory.py   # another build of stimmung

A record is German news prose ("Die Anleger sind nervös, ... . "), ~80 bytes a sentence, with umlauts.
"before" is the RSS with the record built (a Python str), right before the call; "peak" the highest RSS
of the process; "extra" their difference, what the call took, also as a multiple of the record's size. The
extra includes the UTF-8 copy of a non-ASCII str (1x the record: made by the binding, score_batch on its
workers, and freed after the call), and the cues of score() and score_document(), which grow with the
text (32 bytes a cue, ~5 cues a sentence here).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

MB = 1 << 20
PIECE = "Die Anleger sind nervös, die KI-Blase könnte bald platzen, warnen Analysten. "

CHILD = rf"""
import json, sys, time
def rss(field):
    for line in open("/proc/self/status"):
        if line.startswith(field):
            return int(line.split()[1]) * 1024
mode, size = sys.argv[1], int(sys.argv[2])
import stimmung
piece = {PIECE!r}
text = piece * (size // len(piece.encode()) + 1)
stimmung.score("warm-up")  # the scorer and its lexicon, built before "before"
scorer = stimmung.default_scorer()
core = scorer._core
core.score_batch([text[:1000]], 1, "sentence", False)
before = rss("VmRSS:")
start = time.perf_counter()
if mode == "sentence":        # score_batch(level="sentence"): the numbers only
    core.score_batch([text], 1, "sentence", False)
elif mode == "document":      # score_batch(level="document"): the numbers only
    core.score_batch([text], 1, "document", False)
elif mode == "score":         # score(): one sentence with all its cues
    r = core.score(text)  # the cues stay C++ objects until read
elif mode == "score_document":  # score_document(): every sentence with its cues
    r = core.score_document(text)
seconds = time.perf_counter() - start
print(json.dumps({{"before": before, "peak": rss("VmHWM:"), "seconds": seconds}}))
"""

LEXICON_CHILD = r"""
import json, sys, time
def rss(field):
    for line in open("/proc/self/status"):
        if line.startswith(field):
            return int(line.split()[1]) * 1024
path = sys.argv[1]
import stimmung
before = rss("VmRSS:")
start = time.perf_counter()
lexicon = stimmung.Lexicon.from_file(path)
parsed = time.perf_counter()
scorer = stimmung.Scorer(lexicon)
built = time.perf_counter()
ok = scorer.score("Die Wortaaaaab steigt.")
print(json.dumps({"before": before, "peak": rss("VmHWM:"), "parse": parsed - start, "build": built - parsed,
                  "entries": len(lexicon)}))
"""


def run(code: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def lexicon_file(path: Path, n: int) -> None:
    letters = "abcdefghijklmnopqrstuvwxyz"
    with open(path, "w", encoding="utf-8") as f:
        f.write("# synthetic user lexicon: nouns that match nothing in news\n")
        for i in range(n):
            word, k = "", i
            for _ in range(6):
                word += letters[k % 26]
                k //= 26
            f.write(f"Wort{word}\tbubble\t1.0\tcue\t\n")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[1, 10, 50, 100], help="record sizes in MB")
    ap.add_argument("--modes", nargs="*", default=["sentence", "document", "score", "score_document"])
    ap.add_argument("--lexicon", type=int, default=1_000_000, help="entries of the user lexicon (0: skip)")
    ap.add_argument("--write", action="store_true", help="update benchmarks/RESULTS.md")
    args = ap.parse_args()
    lines = ["| call | record | before | peak | extra | extra / record | time |",
             "|---|---|---|---|---|---|---|"]
    for mode in args.modes:
        for size in args.sizes:
            r = run(CHILD, mode, str(size * MB))
            extra = r["peak"] - r["before"]
            lines.append(f"| {mode} | {size} MB | {r['before'] / MB:.0f} MB | {r['peak'] / MB:.0f} MB | "
                         f"{extra / MB:.0f} MB | {extra / (size * MB):.2f}x | {r['seconds']:.2f} s |")
            print(lines[-1], flush=True)
    if args.lexicon:
        path = Path(os.environ.get("TMPDIR", "/tmp")) / f"stimmung-lexicon-{args.lexicon}.tsv"
        if not path.exists():
            lexicon_file(path, args.lexicon)
        r = run(LEXICON_CHILD, str(path))
        lines += ["", "| user lexicon | parse | build Scorer | peak RSS | extra |", "|---|---|---|---|---|",
                  f"| {r['entries']:,} entries ({path.stat().st_size / MB:.0f} MB TSV) "
                  f"| {r['parse']:.1f} s | "
                  f"{r['build']:.1f} s | {r['peak'] / MB:.0f} MB | {(r['peak'] - r['before']) / MB:.0f} MB |"]
        print("\n".join(lines[-4:]), flush=True)
    table = "\n".join(lines)
    if args.write:
        results = Path(__file__).with_name("RESULTS.md")
        text = results.read_text(encoding="utf-8")
        begin, end = "<!-- memory:begin -->", "<!-- memory:end -->"
        block = f"{begin}\n{table}\n{end}"
        if begin in text:
            text = text[:text.index(begin)] + block + text[text.index(end) + len(end):]
        else:
            text += f"\n## Memory per record\n\n{block}\n"
        results.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
