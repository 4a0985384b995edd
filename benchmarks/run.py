"""Throughput of stimmung against its peers and floors, all in one run on the same German corpus.

Usage (normally through ./scripts/bench.sh, which builds everything first):

    .venv/bin/python benchmarks/run.py [--binary build/bench/benchmarks/stimmung_bench] [--mb 20]

Measures sentences/s and MB/s (10^6 bytes of UTF-8) for: stimmung.score_batch with 1 thread and with all
cores, stimmung.score_document, vaderSentiment on the same sentences, a bare Python floor (lowercase,
split into words, dict lookup; also with a whitespace split, for reference), and, through the Google
Benchmark binary (--benchmark_format=json), the bare C++ floor and the C++ core. Prints the ratios the
performance issue asks for and writes them with a description of the machine to benchmarks/RESULTS.md.

The machine may be shared: every measurement is the best of --repeat runs (wall time), and single-thread
rows also give the rate per CPU second, which other processes disturb less.
"""

from __future__ import annotations

import argparse
import datetime as dt
import glob
import json
import os
import platform
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"
if not SHARED_SEEDS.is_dir():  # a worktree under .../wt/<name> keeps shared/ two levels up
    SHARED_SEEDS = ROOT.parent.parent / "shared" / "seeds"
DOC_SENTENCES = 20  # sentences per document in the score_document rows (C++ groups the same way)


def build_corpus(min_mb: float) -> tuple[list[str], list[str]]:
    """Sentences of the sample corpus and the seeds (one line each), repeated to at least min_mb MB."""
    import stimmung
    from stimmung.corpus import sample_records

    texts = [r["text"] for r in sample_records()]
    texts += [Path(p).read_text(encoding="utf-8") for p in sorted(glob.glob(str(SHARED_SEEDS / "*.txt")))]
    base: list[str] = []
    for t in texts:
        for s in stimmung.split_sentences(t):
            s = " ".join(s.split())  # one line per sentence: the C++ binary reads lines
            if s:
                base.append(s)
    base_bytes = sum(len(s.encode("utf-8")) for s in base)
    reps = max(1, -(-int(min_mb * 1e6) // base_bytes))
    return base * reps, texts


def best_of(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Best wall time of `repeat` runs, and the process CPU time of that run."""
    best = (float("inf"), float("inf"))
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        w, c = time.perf_counter() - w0, time.process_time() - c0
        if w < best[0]:
            best = (w, c)
    return best


def machine() -> dict[str, str]:
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        cxx = subprocess.run(["c++", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    except (OSError, IndexError):
        cxx = "unknown"
    return {
        "CPU": cpu,
        "cores": str(os.cpu_count()),
        "compiler": cxx,
        "Python": platform.python_version(),
        "OS": platform.platform(),
        "load average (1 min, end of run)": f"{os.getloadavg()[0]:.1f}"
        if hasattr(os, "getloadavg")
        else "n/a",
        "date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
    }


def run_cpp(binary: Path, corpus_file: Path, repeat: int) -> tuple[dict[str, dict], dict]:
    """Runs the Google Benchmark binary; best run (real time) per benchmark name, and the context."""
    cmd = [
        str(binary),
        f"--corpus={corpus_file}",
        "--benchmark_format=json",
        f"--benchmark_repetitions={repeat}",
    ]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    data = json.loads(out)
    best: dict[str, dict] = {}
    for b in data["benchmarks"]:
        if b.get("run_type") != "iteration":
            continue
        name = b["run_name"]
        if name not in best or b["real_time"] < best[name]["real_time"]:
            best[name] = b
    return best, data.get("context", {})


def stream_memory(gb: float, texts: list[str], workdir: Path) -> dict[str, float]:
    """The CLI streaming a generated input of `gb` GB: wall time, the CLI process's peak RSS (Linux), records
    in and out. The input repeats the corpus texts, one record per line."""
    records = [" ".join(t.split()) for t in texts if t.strip()]
    block = ("\n".join(records) + "\n").encode("utf-8")
    target = int(gb * 1e9)
    path = workdir / "stream_input.txt"
    out = workdir / "stream_output.csv"
    n_in = 0
    with path.open("wb") as f:
        written = 0
        while written < target:
            f.write(block)
            written += len(block)
            n_in += len(records)
    cmd = [
        sys.executable,
        "-m",
        "stimmung",
        "score",
        str(path),
        "--lines",
        "--level",
        "document",
        "-o",
        str(out),
        "-q",
    ]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd)
    # The CLI's own high-water mark, VmHWM, read while it runs: getrusage's ru_maxrss would also count
    # this (large) parent process, whose peak a forked child inherits across exec on Linux.
    peak_kb = 0
    status_file = Path(f"/proc/{proc.pid}/status")
    while proc.poll() is None:
        try:
            for line in status_file.read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak_kb = max(peak_kb, int(line.split()[1]))
        except (OSError, ValueError):
            pass
        time.sleep(0.1)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed with status {proc.returncode}")
    with out.open("rb") as f:
        n_out = sum(1 for _ in f) - 1  # minus the header
    size = path.stat().st_size
    path.unlink()
    out.unlink()
    return {
        "gb": size / 1e9,
        "records_in": n_in,
        "records_out": n_out,
        "wall_s": wall,
        "peak_rss_mb": peak_kb / 1024,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--binary", type=Path, default=ROOT / "build/bench/benchmarks/stimmung_bench")
    ap.add_argument("--mb", type=float, default=20.0, help="corpus size in MB (default 20)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best counts")
    ap.add_argument("--vader-sentences", type=int, default=20000, help="vaderSentiment is slow: a prefix")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks/RESULTS.md")
    ap.add_argument(
        "--stream-gb",
        type=float,
        default=1.0,
        help="size of the generated input the CLI streams for the memory figure (0: skip)",
    )
    args = ap.parse_args(argv)

    import stimmung

    sentences, texts = build_corpus(args.mb)
    n_bytes = sum(len(s.encode("utf-8")) for s in sentences)
    documents = ["\n".join(sentences[i : i + DOC_SENTENCES]) for i in range(0, len(sentences), DOC_SENTENCES)]
    corpus_file = args.binary.parent / "corpus.txt"
    corpus_file.write_text("\n".join(sentences) + "\n", encoding="utf-8")
    print(f"corpus: {len(sentences)} sentences, {n_bytes / 1e6:.1f} MB", flush=True)

    rows: dict[str, dict] = {}

    def record(name: str, wall: float, cpu: float | None, n_sent: int, nb: int, note: str = "") -> None:
        rows[name] = {
            "sent_s": n_sent / wall,
            "mb_s": nb / wall / 1e6,
            "mb_s_cpu": (nb / cpu / 1e6) if cpu else None,
            "note": note,
        }
        cpu_txt = f"  ({nb / cpu / 1e6:8.2f} MB/CPU-s)" if cpu else ""
        print(f"{name:38s} {n_sent / wall:12,.0f} sent/s {nb / wall / 1e6:9.2f} MB/s{cpu_txt}", flush=True)

    scorer = stimmung.default_scorer()
    scorer.score_batch(sentences[:1000], n_threads=1)  # warm up
    w, c = best_of(lambda: scorer.score_batch(sentences, n_threads=1), args.repeat)
    record("stimmung score_batch, 1 thread", w, c, len(sentences), n_bytes)
    cores = os.cpu_count() or 1
    w, _ = best_of(lambda: scorer.score_batch(sentences, n_threads=cores), args.repeat)
    record(f"stimmung score_batch, {cores} threads", w, None, len(sentences), n_bytes)
    w, c = best_of(lambda: scorer.score_batch(documents, n_threads=1, level="document"), args.repeat)
    record(
        "stimmung score_batch, level=document, 1 thread",
        w,
        c,
        len(sentences),
        n_bytes,
        f"{DOC_SENTENCES} sentences per document; aggregates per document",
    )
    w, c = best_of(lambda: [scorer.score_document(d) for d in documents], args.repeat)
    record(
        "stimmung score_document",
        w,
        c,
        len(sentences),
        n_bytes,
        f"{DOC_SENTENCES} sentences per document; sentences become Python objects when read",
    )

    floor_words = {
        word.lower(): i
        for i, word in enumerate(w for e in stimmung.Lexicon.builtin().entries() for w in e.term.split())
    }

    # The floor does what the C++ floor does: lowercase, split into words (runs of letters), one dict lookup
    # per word. Splitting at whitespace only is lighter but leaves punctuation on words ("Blase.") and
    # misses them; it is measured too, for reference.
    word_pattern = re.compile(r"[^\W\d_]+")

    def python_floor() -> int:
        hits = 0
        for s in sentences:
            for word in word_pattern.findall(s.lower()):
                if word in floor_words:
                    hits += 1
        return hits

    def python_floor_whitespace() -> int:
        hits = 0
        for s in sentences:
            for word in s.lower().split():
                if word in floor_words:
                    hits += 1
        return hits

    w, c = best_of(python_floor, args.repeat)
    record(
        "bare Python floor",
        w,
        c,
        len(sentences),
        n_bytes,
        f"words split like the C++ floor; {len(floor_words)} words in the dict",
    )
    w, c = best_of(python_floor_whitespace, args.repeat)
    record(
        "bare Python floor, whitespace split",
        w,
        c,
        len(sentences),
        n_bytes,
        "str.split(): punctuation stays on words",
    )

    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        vader = SentimentIntensityAnalyzer()
        sub = sentences[: args.vader_sentences]
        sub_bytes = sum(len(s.encode("utf-8")) for s in sub)
        w, c = best_of(lambda: [vader.polarity_scores(s) for s in sub], args.repeat)
        record("vaderSentiment", w, c, len(sub), sub_bytes, f"first {len(sub)} sentences")
    except ImportError:
        print("vaderSentiment is not installed (pip install vaderSentiment): skipped")

    context: dict = {}
    if args.binary.exists():
        cpp, context = run_cpp(args.binary, corpus_file, args.repeat)
        names = {
            "BM_CppFloor/real_time": "bare C++ floor",
            "BM_ScorerScore/real_time": "C++ core Scorer::score loop",
            "BM_ScoreBatch/threads:1/real_time": "C++ Scorer::score_batch, 1 thread",
            "BM_ScoreBatch/threads:0/real_time": f"C++ Scorer::score_batch, {cores} threads",
            "BM_ScoreBatchInto/threads:1/real_time": (
                "C++ Scorer::score_batch_into, 1 thread (what Python runs)"
            ),
            "BM_Tokenize/real_time": "C++ stage: tokenize only",
            "BM_TokenizeKeys/real_time": "C++ stage: tokenize and lookup keys",
            "BM_ScoreDocument/real_time": "C++ Scorer::score_document",
        }
        for key, label in names.items():
            if key in cpp:
                b = cpp[key]
                scale = {"ms": 1e-3, "us": 1e-6, "ns": 1e-9, "s": 1.0}[b["time_unit"]]
                wall = b["real_time"] * scale
                single = "threads:0" not in key
                record(label, wall, b["cpu_time"] * scale if single else None, len(sentences), n_bytes)
        build = {
            k.split("/")[0]: v["real_time"]
            for k, v in cpp.items()
            if k.startswith("BM_Lexicon") or k.startswith("BM_ScorerBuild")
        }
        context_build = context.get("cold_builtin_build_ms")
    else:
        print(f"{args.binary} not found: C++ rows skipped (build with -DSTIMMUNG_BUILD_BENCHMARKS=ON)")
        build, context_build = {}, None

    def ratio(a: str, b: str, key: str) -> float | None:
        if a in rows and b in rows and rows[a][key] and rows[b][key]:
            return rows[a][key] / rows[b][key]
        return None

    one = "stimmung score_batch, 1 thread"
    ratios = [
        (
            "Python score_batch 1 thread / bare Python floor (MB/s)",
            ratio(one, "bare Python floor", "mb_s"),
            3.0,
        ),
        (
            "Python score_batch 1 thread / bare Python floor, whitespace split (MB/s), for reference",
            ratio(one, "bare Python floor, whitespace split", "mb_s"),
            None,
        ),
        (
            "Python score_batch 1 thread / vaderSentiment (sentences/s)",
            ratio(one, "vaderSentiment", "sent_s"),
            25.0,
        ),
        (
            "C++ core score / bare C++ floor (MB/s)",
            ratio("C++ core Scorer::score loop", "bare C++ floor", "mb_s"),
            0.40,
        ),
        (
            "C++ score_batch_into 1 thread / bare C++ floor (MB/s), for reference",
            ratio("C++ Scorer::score_batch_into, 1 thread (what Python runs)", "bare C++ floor", "mb_s"),
            None,
        ),
        (
            f"Python score_batch {cores} threads / 1 thread",
            ratio(f"stimmung score_batch, {cores} threads", one, "mb_s"),
            1.8,
        ),
        (
            f"C++ score_batch {cores} threads / 1 thread",
            ratio(f"C++ Scorer::score_batch, {cores} threads", "C++ Scorer::score_batch, 1 thread", "mb_s"),
            1.8,
        ),
    ]
    cpu_ratios = [
        (
            "Python score_batch 1 thread / bare Python floor (MB per CPU-s)",
            ratio(one, "bare Python floor", "mb_s_cpu"),
            3.0,
        ),
        (
            "C++ core score / bare C++ floor (MB per CPU-s)",
            ratio("C++ core Scorer::score loop", "bare C++ floor", "mb_s_cpu"),
            0.40,
        ),
    ]
    print()

    def verdict(value: float, target: float | None) -> str:
        return "" if target is None else ("met" if value >= target else "not met")

    for label, value, target in ratios + cpu_ratios:
        if value is not None:
            goal = f"target >= {target}x" if target is not None else "no target"
            print(f"{label:66s} {value:7.2f}x  {goal}  {verdict(value, target)}")
    for k, v in build.items():
        print(f"{k:66s} {v:7.2f} ms")
    if context_build:
        print(
            f"{'first built-in Scorer in a process (cold, incl. ICU setup)':66s} "
            f"{float(context_build):7.2f} ms"
        )

    stream: dict[str, float] | None = None
    if args.stream_gb > 0:
        print(f"streaming {args.stream_gb:.1f} GB through the CLI ...", flush=True)
        stream = stream_memory(args.stream_gb, texts, args.binary.parent)
        print(
            f"{'CLI stream: GB, records in/out, seconds, peak RSS MB':66s} {stream['gb']:.2f}, "
            f"{stream['records_in']:,}/{stream['records_out']:,}, {stream['wall_s']:.0f} s, "
            f"{stream['peak_rss_mb']:.0f} MB"
        )

    m = machine()
    lines = [
        "# Benchmark results",
        "",
        "Written by `benchmarks/run.py` (run `./scripts/bench.sh`). One run, one corpus: the sample corpus "
        "and",
        "`../shared/seeds/*.txt`, split with `stimmung.split_sentences`, repeated to "
        f"{n_bytes / 1e6:.1f} MB ({len(sentences):,} sentences). MB = 10^6 bytes of UTF-8. Each figure is "
        "the",
        f'best of {args.repeat} runs by wall time; "MB per CPU-s" divides by the CPU time of that run',
        "(single-thread rows only), which other load on a shared machine disturbs less.",
        "",
        "| machine | |",
        "|---|---|",
        *[f"| {k} | {v} |" for k, v in m.items()],
        "",
        "| what | sentences/s | MB/s | MB per CPU-s | note |",
        "|---|---:|---:|---:|---|",
    ]
    for name, r in rows.items():
        cpu_txt = f"{r['mb_s_cpu']:.2f}" if r["mb_s_cpu"] else ""
        lines.append(f"| {name} | {r['sent_s']:,.0f} | {r['mb_s']:.2f} | {cpu_txt} | {r['note']} |")
    lines += ["", "| ratio | measured | target | |", "|---|---:|---:|---|"]
    for label, value, target in ratios + cpu_ratios:
        if value is not None:
            goal = f">= {target}x" if target is not None else ""
            lines.append(f"| {label} | {value:.2f}x | {goal} | {verdict(value, target)} |")
    if build:
        lines += ["", "| building the built-in lexicon | ms |", "|---|---:|"]
        labels = {
            "BM_LexiconParse": "parse the embedded TSV (`Lexicon::from_string`)",
            "BM_ScorerBuild": "compile it (`Scorer` construction)",
            "BM_LexiconBuild": "both (target < 50 ms)",
        }
        for k, v in build.items():
            lines.append(f"| {labels.get(k, k)} | {v:.2f} |")
        if context_build:
            lines.append(
                "| first built-in `Scorer` in a process, incl. one-time ICU setup | "
                f"{float(context_build):.2f} |"
            )
    if stream:
        ok = stream["records_out"] == stream["records_in"]
        lines += [
            "",
            "| the CLI streaming a generated input "
            "(`stimmung score IN --lines --level document -o OUT.csv`) | |",
            "|---|---:|",
            f"| input | {stream['gb']:.2f} GB, {stream['records_in']:,} records |",
            f"| rows written | {stream['records_out']:,} ({'none lost' if ok else 'RECORDS LOST'}) |",
            f"| wall time | {stream['wall_s']:.0f} s |",
            f"| peak RSS of the CLI process (target < 300 MB) | {stream['peak_rss_mb']:.0f} MB |",
        ]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
