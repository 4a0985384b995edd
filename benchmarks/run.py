"""Throughput of stimmung against its peers and floors, all in one run.

Usage (normally through ./scripts/bench.sh, which builds everything first):

    .venv/bin/python benchmarks/run.py [--binary build/bench/benchmarks/stimmung_bench] [--mb 20]

Two corpora. The **repeated corpus** (the rows this script always had): the sentences of the sample
corpus and the seeds, repeated to --mb MB and scored as the same string objects every round (so Python's
cached UTF-8 form is reused). The **generated corpus** (rows marked "unique", added for issue 14):
--mb MB of unique German news sentences and --mb MB of articles (those sentences' kind joined as prose
with spaces, 2-6 KB each) from benchmarks/german_corpus.py, seed --seed, decoded from bytes into fresh
str objects before every round, as text arrives from a file. The **news-style corpus** (rows starting with
"news-style"): the 7,709 sentences the team wrote in the style of German news for its evaluation corpus
(python/stimmung/data/eval), repeated to --mb MB, and the same sentences joined as prose into 2-6 KB
articles; fresh str objects every round. Its vocabulary and phrasing are those of the news the product is
for, where the generated corpus repeats a few hundred templates: the same code runs it at about half the
speed (as many instructions per byte, but branches and memory the processor cannot predict as well).

Measures sentences/s and MB/s (10^6 bytes of UTF-8) for: stimmung.score_batch with 1 thread and with all
cores, at sentence and document level, stimmung.score_document, vaderSentiment (and GerVADER, when it can
be imported: --gervader DIR names a checkout) on the same sentences, a bare Python floor (lowercase,
split into words, dict lookup; also with a whitespace split, for reference), and, through the Google
Benchmark binary (--benchmark_format=json), the bare C++ floor and the C++ core on the repeated corpus
(and Scorer::score_batch_into on the news-style sentences).
Prints the ratios the performance issues ask for and writes them with a description of the machine to
benchmarks/RESULTS.md, between the markers `<!-- run.py:begin -->` and `<!-- run.py:end -->` (the rest
of the file is kept).

The machine may be shared. Every figure is the median of --rounds rounds. A single-thread round whose
process CPU time is under 0.9 of its wall time was slowed by other load and is run again; so is a
multi-thread round in which other processes took more than 0.1 cores on average (from /proc/stat). A
figure gets at most 3 x --rounds tries; when fewer rounds were quiet, the least disturbed count and the
row says so. Single-thread rows also give the rate per CPU second, which other load disturbs less.
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
import tempfile
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


def news_style_sentences() -> list[str]:
    """The sentences of the team's evaluation corpus (dev and test), in file order: German written in the
    style of real market and general news, with its vocabulary (see the module docstring)."""
    import csv

    out: list[str] = []
    for split in ("dev", "test"):
        path = ROOT / "python" / "stimmung" / "data" / "eval" / f"{split}.tsv"
        with path.open(encoding="utf-8", newline="") as f:
            rows = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
            out += [" ".join(r["sentence"].split()) for r in rows]
    return [t for t in out if t]


ARTICLE_BYTES = (2000, 3500, 5000, 6000, 2800, 4200)  # news-style articles: target sizes, in turn


def as_articles(sentences: list[str], sizes: tuple[int, ...] = ARTICLE_BYTES) -> list[str]:
    """Consecutive sentences joined by spaces into articles of 2-6 KB (the target sizes cycle)."""
    out: list[str] = []
    current: list[str] = []
    n = 0
    for s in sentences:
        current.append(s)
        n += len(s.encode("utf-8")) + 1
        if n >= sizes[len(out) % len(sizes)]:
            out.append(" ".join(current))
            current, n = [], 0
    if current:
        out.append(" ".join(current))
    return out


def machine_busy_seconds() -> float | None:
    """CPU seconds the whole machine has spent outside idle and iowait since boot (/proc/stat), or None."""
    try:
        with open("/proc/stat") as f:
            ticks = [int(x) for x in f.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0)
    return (sum(ticks[:8]) - idle) / os.sysconf("SC_CLK_TCK")


class Figure:
    """The median of several rounds of one measurement, with the rounds a busy machine spoilt retried.

    A round is quiet when, single-threaded, the process's CPU time is at least 0.9 of the wall time (less
    means it waited for a core), or, multi-threaded, other processes took at most 0.1 cores on average
    (/proc/stat's non-idle time less this process's CPU time)."""

    def __init__(self, wall: float, cpu: float, kept: int, tries: int, n_quiet: int, how: str = "") -> None:
        self.wall, self.cpu, self.kept, self.tries, self.n_quiet = wall, cpu, kept, tries, n_quiet
        self.quiet = n_quiet >= kept
        self.how = how

    def note(self) -> str:
        if self.how:
            return self.how
        if self.quiet:
            return f"median of {self.kept} quiet rounds ({self.tries} run)"
        return (f"median of {self.kept} rounds; BUSY: only {self.n_quiet} of {self.tries} rounds were quiet, "
                "the least disturbed count")


WAIT_FOR_QUIET = 0.0  # seconds to wait before a round for the machine to be quiet (--wait)


def wait_for_quiet(max_wait: float, busy: float = 0.1) -> None:
    """Waits up to max_wait seconds until other processes take at most `busy` cores (over 1 s)."""
    deadline = time.monotonic() + max_wait
    while time.monotonic() < deadline:
        b0 = machine_busy_seconds()
        if b0 is None:
            return
        time.sleep(1.0)
        b1 = machine_busy_seconds()
        if b1 is None or b1 - b0 <= busy:
            return
        time.sleep(2.0)


def median_of(fn: Callable[[], object], rounds: int, threads: int = 1,
              prepare: Callable[[], None] | None = None) -> Figure:
    """Times fn() `rounds` times on a quiet machine (see Figure); `prepare` runs untimed before each round
    (e.g. to make fresh string objects)."""
    quiet: list[tuple[float, float, float]] = []
    spoilt: list[tuple[float, float, float]] = []
    tries = 0
    while len(quiet) < rounds and tries < 3 * rounds:
        tries += 1
        if WAIT_FOR_QUIET > 0:
            wait_for_quiet(WAIT_FOR_QUIET)
        if prepare is not None:
            prepare()
        m0 = machine_busy_seconds()
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        w, c = time.perf_counter() - w0, time.process_time() - c0
        m1 = machine_busy_seconds()
        others = max(0.0, (m1 - m0) - c) / w if m0 is not None and m1 is not None else 0.0
        ok = c / w >= 0.9 if threads == 1 else others <= 0.1
        (quiet if ok else spoilt).append((w, c, others))
    runs = quiet[:rounds]
    runs += sorted(spoilt, key=lambda r: r[2])[: rounds - len(runs)]
    runs.sort()
    w, c, _ = runs[(len(runs) - 1) // 2]  # the (lower) median: one real round
    return Figure(w, c, len(runs), tries, len(quiet))


def cache_utf8(texts: list[str]) -> None:
    """Makes CPython cache each str's UTF-8 form inside it (PyUnicode_AsUTF8AndSize), as any caller that
    asks for it does; score_batch reads such a cache as it is instead of converting the str itself."""
    import ctypes

    as_utf8 = ctypes.pythonapi.PyUnicode_AsUTF8AndSize
    as_utf8.argtypes = [ctypes.py_object, ctypes.c_void_p]
    as_utf8.restype = ctypes.c_void_p
    for t in texts:
        as_utf8(t, None)


class Fresh:
    """Texts kept as UTF-8 bytes and decoded into new str objects before each round: no cached UTF-8 form,
    no string a previous round has touched, as when text arrives from a file."""

    def __init__(self, texts: list[str], sep: str = "\n") -> None:
        assert not any(sep in t for t in texts)
        self.blob = sep.join(texts).encode("utf-8")
        self.sep = sep
        self.texts: list[str] = []
        self.n = len(texts)
        self.bytes = len(self.blob) - (len(texts) - 1) * len(sep.encode("utf-8"))

    def renew(self) -> None:
        self.texts = []  # free the old strings first: memory, and no reuse of their addresses' caches
        self.texts = self.blob.decode("utf-8").split(self.sep)


def load_gervader(checkout: Path | None) -> Callable[[str], object] | None:
    """GerVADER's polarity_scores, from `checkout` (a directory holding vaderSentimentGER.py and its lexicon)
    or from an installed module of that name; None when there is neither. GerVADER is no PyPI package."""
    if checkout is not None:
        sys.path.insert(0, str(checkout))
    cwd = os.getcwd()
    try:
        if checkout is not None:
            os.chdir(checkout)  # it opens its lexicon by a relative path
        from vaderSentimentGER import SentimentIntensityAnalyzer  # type: ignore[import-not-found]

        return SentimentIntensityAnalyzer().polarity_scores  # type: ignore[no-any-return]
    except Exception:  # noqa: BLE001 - absent or broken: the row is skipped
        return None
    finally:
        os.chdir(cwd)


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


HUGE_PAGES_AFTER_MB = 8  # cpp/src/memory_advice.hpp, kHugePagesAfterBytes (8 MiB)


def warm_up(scorer, sentences: list[str]) -> float:
    """Scores the sentences, repeated, until the scorer has been given the bytes after which it asks for huge
    pages over its lexicon index (docs/install.md), then waits for the kernel to move them: every row then
    measures the scorer as a corpus meets it after its first few MB. Returns the seconds it took."""
    start = time.perf_counter()
    block = sentences[:20000]
    block_bytes = sum(len(t.encode("utf-8")) for t in block)
    done = 0
    while block_bytes and done <= HUGE_PAGES_AFTER_MB * 2**20:
        scorer.score_batch(block, n_threads=1)
        done += block_bytes
    time.sleep(1.0)  # the pages move on a thread of the scorer's own
    return time.perf_counter() - start


def run_cpp(
    binary: Path, corpus_file: Path, repeat: int, only: str | None = None
) -> tuple[dict[str, dict], dict]:
    """Runs the Google Benchmark binary (`only`: a --benchmark_filter); per benchmark name the median
    repetition (by real time), and the context."""
    cmd = [
        str(binary),
        f"--corpus={corpus_file}",
        "--benchmark_format=json",
        f"--benchmark_repetitions={repeat}",
    ]
    if only is not None:
        cmd.append(f"--benchmark_filter={only}")
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    data = json.loads(out)
    runs: dict[str, list[dict]] = {}
    for b in data["benchmarks"]:
        if b.get("run_type") == "iteration":
            runs.setdefault(b["run_name"], []).append(b)
    median = {}
    for name, rs in runs.items():
        rs.sort(key=lambda r: r["real_time"])
        median[name] = rs[(len(rs) - 1) // 2]
    return median, data.get("context", {})


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


def write_section(path: Path, section: str) -> None:
    """Puts `section` (which starts and ends with the run.py markers) into `path`: in place of the last
    run's, or after the title; everything else in the file is kept."""
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    begin, end = old.find("<!-- run.py:begin"), old.find("<!-- run.py:end -->")
    if begin >= 0 and end > begin:
        new = old[:begin] + section + old[end + len("<!-- run.py:end -->") :]
    else:
        title_end = old.find("\n") + 1 if old.startswith("# ") else 0
        new = old[:title_end] + "\n" + section + "\n\n" + old[title_end:].lstrip("\n")
    path.write_text(new, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--binary", type=Path, default=ROOT / "build/bench/benchmarks/stimmung_bench")
    ap.add_argument("--mb", type=float, default=20.0, help="corpus size in MB (default 20)")
    ap.add_argument("--rounds", "--repeat", type=int, default=5, help="rounds per figure; the median counts")
    ap.add_argument("--seed", type=int, default=14, help="seed of the generated corpus")
    ap.add_argument("--vader-sentences", type=int, default=20000, help="vaderSentiment is slow: a prefix")
    ap.add_argument("--gervader", type=Path, help="a GerVADER checkout (vaderSentimentGER.py) to compare")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks/RESULTS.md")
    ap.add_argument(
        "--stream-gb",
        type=float,
        default=1.0,
        help="size of the generated input the CLI streams for the memory figure (0: skip)",
    )
    ap.add_argument("--wait", type=float, default=0.0,
                    help="seconds to wait before each round for a quiet machine (default 0: do not wait)")
    args = ap.parse_args(argv)
    rounds = args.rounds
    global WAIT_FOR_QUIET
    WAIT_FOR_QUIET = args.wait

    import stimmung

    sentences, texts = build_corpus(args.mb)
    n_bytes = sum(len(s.encode("utf-8")) for s in sentences)
    documents = ["\n".join(sentences[i : i + DOC_SENTENCES]) for i in range(0, len(sentences), DOC_SENTENCES)]
    corpus_file = args.binary.parent / "corpus.txt"
    if args.binary.parent.is_dir():
        corpus_file.write_text("\n".join(sentences) + "\n", encoding="utf-8")
    print(f"repeated corpus: {len(sentences)} sentences, {n_bytes / 1e6:.1f} MB", flush=True)

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import german_corpus

    target = int(args.mb * 1e6)
    unique = Fresh(german_corpus.sentences(target, args.seed))
    articles = Fresh(german_corpus.articles(target, args.seed + 1))
    unique.renew()
    articles.renew()
    n_article_sentences = sum(len(stimmung.split_sentences(a)) for a in articles.texts)
    print(
        f"generated corpus (seed {args.seed}): {unique.n:,} unique sentences, {unique.bytes / 1e6:.1f} MB; "
        f"{articles.n:,} articles, {n_article_sentences:,} sentences, {articles.bytes / 1e6:.1f} MB",
        flush=True,
    )

    news_base = news_style_sentences()
    news_base_bytes = sum(len(t.encode("utf-8")) for t in news_base)
    news_reps = max(1, -(-target // news_base_bytes))
    news = Fresh(news_base * news_reps)
    news_articles = Fresh(as_articles(news_base) * news_reps)
    news.renew()
    news_articles.renew()
    n_news_article_sentences = sum(len(stimmung.split_sentences(a)) for a in news_articles.texts)
    print(
        f"news-style corpus: {len(news_base):,} sentences ({news_base_bytes / 1e6:.2f} MB) x {news_reps}: "
        f"{news.n:,} sentences, {news.bytes / 1e6:.1f} MB; {news_articles.n:,} articles, "
        f"{n_news_article_sentences:,} sentences",
        flush=True,
    )

    rows: dict[str, dict] = {}

    def record(name: str, fig: Figure, n_sent: int, nb: int, note: str = "", single: bool = True) -> None:
        wall, cpu = fig.wall, (fig.cpu if single else None)
        rows[name] = {
            "sent_s": n_sent / wall,
            "mb_s": nb / wall / 1e6,
            "mb_s_cpu": (nb / cpu / 1e6) if cpu else None,
            "note": "; ".join(x for x in (note, fig.note()) if x),
        }
        cpu_txt = f"  ({nb / cpu / 1e6:8.2f} MB/CPU-s)" if cpu else ""
        busy = "" if fig.quiet else f"  [busy: {fig.n_quiet} of {fig.tries} rounds quiet]"
        rate = f"{n_sent / wall:12,.0f} sent/s {nb / wall / 1e6:9.2f} MB/s"
        print(f"{name:60s} {rate}{cpu_txt}{busy}", flush=True)

    cores = os.cpu_count() or 1
    scorer = stimmung.default_scorer()
    warm_up(scorer, sentences)
    # The repeated corpus's rows measure what they always did: the same str objects every round, their
    # UTF-8 form cached in them (score_batch made that cache before issue 14; now it is asked for here).
    cache_utf8(sentences)
    cache_utf8(documents)

    # --- the repeated corpus (the rows this script always had) ---
    fig = median_of(lambda: scorer.score_batch(sentences, n_threads=1), rounds)
    record("stimmung score_batch, 1 thread", fig, len(sentences), n_bytes)
    fig = median_of(lambda: scorer.score_batch(sentences, n_threads=cores), rounds, cores)
    record(f"stimmung score_batch, {cores} threads", fig, len(sentences), n_bytes, single=False)
    fig = median_of(lambda: scorer.score_batch(documents, n_threads=1, level="document"), rounds)
    record(
        "stimmung score_batch, level=document, 1 thread",
        fig,
        len(sentences),
        n_bytes,
        f"{DOC_SENTENCES} sentences per document, joined by newlines; aggregates per document",
    )
    fig = median_of(lambda: [scorer.score_document(d) for d in documents], rounds)
    record(
        "stimmung score_document",
        fig,
        len(sentences),
        n_bytes,
        f"{DOC_SENTENCES} sentences per document; sentences become Python objects when read",
    )

    # --- the generated corpus: unique text, fresh str objects every round (new rows, issue 14) ---
    fig = median_of(lambda: scorer.score_batch(unique.texts, n_threads=1), rounds, prepare=unique.renew)
    record("unique sentences, fresh str: score_batch, 1 thread", fig, unique.n, unique.bytes)
    fig = median_of(lambda: scorer.score_batch(unique.texts, n_threads=cores), rounds, cores, unique.renew)
    record(f"unique sentences, fresh str: score_batch, {cores} threads", fig, unique.n, unique.bytes,
           single=False)
    # The same sentences as a pyarrow StringArray (as Parquet, Polars and pandas 3 hand them over): the core
    # reads the UTF-8 buffer in place, with no Python object per row (issue 16).
    try:
        import pyarrow as pa
    except ImportError:  # the arrow extra is not installed
        pa = None
    if pa is not None:
        unique.renew()

        def column_rows(what: str, column, as_list: str, in_place_note: str) -> None:
            """Times `column` read in place and the same column made a list of str first (`as_list`, timed
            too: what a column cost before issue 16)."""
            fig = median_of(lambda: scorer.score_batch(column, n_threads=1), rounds)
            record(f"unique sentences, {what}: score_batch, 1 thread", fig, unique.n, unique.bytes,
                   in_place_note)
            fig = median_of(lambda: scorer.score_batch(getattr(column, as_list)(), n_threads=1), rounds)
            record(f"unique sentences, {what} via {as_list}(): score_batch, 1 thread", fig, unique.n,
                   unique.bytes, f"{as_list}() timed too: what a column cost before issue 16")

        arrow_texts = pa.array(unique.texts, type=pa.string())
        column_rows("Arrow StringArray", arrow_texts, "to_pylist",
                    "one pyarrow array, its UTF-8 buffer read in place")
        import pandas as pd

        column_rows("pandas Arrow Series", pd.Series(arrow_texts, dtype=pd.ArrowDtype(pa.string())), "tolist",
                    "read in place")
        try:
            import polars as pl
        except ImportError:
            pl = None
        if pl is not None:
            column_rows("Polars Series", pl.Series(arrow_texts), "to_list", "its string views read in place")
        del arrow_texts
    unique.renew()
    cache_utf8(unique.texts)
    fig = median_of(lambda: scorer.score_batch(unique.texts, n_threads=1), rounds)
    record("unique sentences, cached UTF-8: score_batch, 1 thread", fig, unique.n, unique.bytes,
           "the same str objects every round, their UTF-8 form cached in them by CPython")
    fig = median_of(lambda: scorer.score_batch(unique.texts, n_threads=cores), rounds, cores)
    record(f"unique sentences, cached UTF-8: score_batch, {cores} threads", fig, unique.n, unique.bytes,
           single=False)

    def score_articles(n_threads: int) -> object:
        return scorer.score_batch(articles.texts, n_threads=n_threads, level="document")

    art_note = "2-6 KB articles of prose (sentences joined by spaces); sentences/s: the splitter's sentences"
    fig = median_of(lambda: score_articles(1), rounds, prepare=articles.renew)
    record("unique articles, fresh str: score_batch, level=document, 1 thread", fig, n_article_sentences,
           articles.bytes, art_note)
    fig = median_of(lambda: score_articles(cores), rounds, cores, articles.renew)
    record(f"unique articles, fresh str: score_batch, level=document, {cores} threads", fig,
           n_article_sentences, articles.bytes, single=False)
    articles.renew()
    cache_utf8(articles.texts)
    fig = median_of(lambda: score_articles(1), rounds)
    record("unique articles, cached UTF-8: score_batch, level=document, 1 thread", fig, n_article_sentences,
           articles.bytes)
    fig = median_of(lambda: [scorer.score_document(a) for a in articles.texts], rounds,
                    prepare=articles.renew)
    record("unique articles, fresh str: score_document", fig, n_article_sentences, articles.bytes,
           "one call per article; sentences become Python objects when read")
    articles.texts = []

    # --- the news-style corpus: the team's own news sentences, fresh str objects every round ---
    news_note = f"the {len(news_base):,} sentences of the evaluation corpus, repeated {news_reps}x"
    fig = median_of(lambda: scorer.score_batch(news.texts, n_threads=1), rounds, prepare=news.renew)
    record("news-style sentences, fresh str: score_batch, 1 thread", fig, news.n, news.bytes, news_note)
    fig = median_of(lambda: scorer.score_batch(news.texts, n_threads=cores), rounds, cores, news.renew)
    record(f"news-style sentences, fresh str: score_batch, {cores} threads", fig, news.n, news.bytes,
           single=False)
    fig = median_of(lambda: scorer.score_batch(news_articles.texts, n_threads=1, level="document"), rounds,
                    prepare=news_articles.renew)
    record("news-style articles, fresh str: score_batch, level=document, 1 thread", fig,
           n_news_article_sentences, news_articles.bytes,
           "the same sentences joined by spaces into 2-6 KB articles; sentences/s: the splitter's sentences")
    news_articles.texts = []

    floor_words = {
        word.lower(): i
        for i, word in enumerate(w for e in stimmung.Lexicon.builtin().entries() for w in e.term.split())
    }

    # The floor does what the C++ floor does: lowercase, split into words (runs of letters), one dict lookup
    # per word. Splitting at whitespace only is lighter but leaves punctuation on words ("Blase.") and
    # misses them; it is measured too, for reference.
    word_pattern = re.compile(r"[^\W\d_]+")

    def python_floor(texts: list[str]) -> int:
        hits = 0
        for s in texts:
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

    fig = median_of(lambda: python_floor(sentences), rounds)
    record(
        "bare Python floor",
        fig,
        len(sentences),
        n_bytes,
        f"words split like the C++ floor; {len(floor_words)} words in the dict",
    )
    fig = median_of(python_floor_whitespace, rounds)
    record(
        "bare Python floor, whitespace split",
        fig,
        len(sentences),
        n_bytes,
        "str.split(): punctuation stays on words",
    )
    fig = median_of(lambda: python_floor(unique.texts), rounds, prepare=unique.renew)
    record("unique sentences, fresh str: bare Python floor", fig, unique.n, unique.bytes)

    peers: list[tuple[str, Callable[[str], object]]] = []
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        peers.append(("vaderSentiment", SentimentIntensityAnalyzer().polarity_scores))
    except ImportError:
        print("vaderSentiment is not installed (pip install vaderSentiment): skipped")
    gervader = load_gervader(args.gervader)
    if gervader is not None:
        peers.append(("GerVADER", gervader))
    else:
        print("GerVADER is not importable (module vaderSentimentGER; --gervader DIR): skipped")
    for peer, polarity in peers:
        sub = sentences[: args.vader_sentences]
        sub_bytes = sum(len(s.encode("utf-8")) for s in sub)
        fig = median_of(lambda: [polarity(s) for s in sub], rounds)  # noqa: B023 - called right here
        record(peer, fig, len(sub), sub_bytes, f"first {len(sub)} sentences")
        fresh = Fresh(unique.blob.decode("utf-8").split("\n")[: args.vader_sentences])
        fig = median_of(lambda: [polarity(s) for s in fresh.texts], rounds, prepare=fresh.renew)  # noqa: B023
        record(f"unique sentences, fresh str: {peer}", fig, fresh.n, fresh.bytes,
               f"first {fresh.n} unique sentences")
        fresh = Fresh(news_base[: args.vader_sentences])
        fig = median_of(lambda: [polarity(s) for s in fresh.texts], rounds, prepare=fresh.renew)  # noqa: B023
        record(f"news-style sentences, fresh str: {peer}", fig, fresh.n, fresh.bytes,
               f"the first {fresh.n} sentences, each once")
    unique.texts = []

    context: dict = {}
    if args.binary.exists():
        cpp, context = run_cpp(args.binary, corpus_file, rounds)
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
        def cpp_figure(b: dict) -> Figure:
            scale = {"ms": 1e-3, "us": 1e-6, "ns": 1e-9, "s": 1.0}[b["time_unit"]]
            return Figure(b["real_time"] * scale, b["cpu_time"] * scale, rounds, rounds, rounds,
                          f"median of {rounds} repetitions (Google Benchmark), not retried")

        for key, label in names.items():
            if key in cpp:
                record(label, cpp_figure(cpp[key]), len(sentences), n_bytes, single="threads:0" not in key)
        # The C++ core on the news-style sentences too: what a C++ user's news costs.
        news_file = args.binary.parent / "news_corpus.txt"
        news_file.write_bytes(news.blob + b"\n")  # the sentences the Python rows score, one per line
        key = "BM_ScoreBatchInto/threads:1/real_time"
        cpp_news, _ = run_cpp(args.binary, news_file, rounds, only="BM_ScoreBatchInto/threads:1/")
        if key in cpp_news:
            record("C++ Scorer::score_batch_into, 1 thread, news-style sentences", cpp_figure(cpp_news[key]),
                   news.n, news.bytes)
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

    def rate(a: str, key: str) -> float | None:
        return rows[a][key] if a in rows else None

    one = "stimmung score_batch, 1 thread"
    u1 = "unique sentences, fresh str: score_batch, 1 thread"
    un = f"unique sentences, fresh str: score_batch, {cores} threads"
    a1 = "unique articles, fresh str: score_batch, level=document, 1 thread"
    n1 = "news-style sentences, fresh str: score_batch, 1 thread"
    na1 = "news-style articles, fresh str: score_batch, level=document, 1 thread"
    an = f"unique articles, fresh str: score_batch, level=document, {cores} threads"
    # (label, value, target, unit); a label starting with "new:" is a row added for issue 14
    Ratio = tuple[str, float | None, float | None, str]
    ratios: list[Ratio] = [
        (
            "Python score_batch 1 thread / bare Python floor (MB/s)",
            ratio(one, "bare Python floor", "mb_s"),
            3.0,
            "x",
        ),
        (
            "Python score_batch 1 thread / bare Python floor, whitespace split (MB/s), for reference",
            ratio(one, "bare Python floor, whitespace split", "mb_s"),
            None,
            "x",
        ),
        (
            "Python score_batch 1 thread / vaderSentiment (sentences/s)",
            ratio(one, "vaderSentiment", "sent_s"),
            25.0,
            "x",
        ),
        (
            "C++ core score / bare C++ floor (MB/s)",
            ratio("C++ core Scorer::score loop", "bare C++ floor", "mb_s"),
            0.40,
            "x",
        ),
        (
            "C++ score_batch_into 1 thread / bare C++ floor (MB/s), for reference",
            ratio("C++ Scorer::score_batch_into, 1 thread (what Python runs)", "bare C++ floor", "mb_s"),
            None,
            "x",
        ),
        (
            f"Python score_batch {cores} threads / 1 thread",
            ratio(f"stimmung score_batch, {cores} threads", one, "mb_s"),
            1.8,
            "x",
        ),
        (
            f"C++ score_batch {cores} threads / 1 thread",
            ratio(f"C++ Scorer::score_batch, {cores} threads", "C++ Scorer::score_batch, 1 thread", "mb_s"),
            1.8,
            "x",
        ),
        ("new: unique sentences, fresh str, 1 thread / vaderSentiment on them (sentences/s)",
         ratio(u1, "unique sentences, fresh str: vaderSentiment", "sent_s"), 25.0, "x"),
        ("new: unique sentences, fresh str, 1 thread / GerVADER on them (sentences/s)",
         ratio(u1, "unique sentences, fresh str: GerVADER", "sent_s"), None, "x"),
        (f"new: unique sentences, fresh str, {cores} threads / 1 thread", ratio(un, u1, "mb_s"), 1.9, "x"),
        ("Arrow StringArray input / the same sentences as a list of fresh str, 1 thread (MB per CPU-s)",
         ratio("unique sentences, Arrow StringArray: score_batch, 1 thread", u1, "mb_s_cpu"), 1.5, "x"),
        ("Arrow StringArray read in place / the same array made a list of str first (MB per CPU-s)",
         ratio("unique sentences, Arrow StringArray: score_batch, 1 thread",
               "unique sentences, Arrow StringArray via to_pylist(): score_batch, 1 thread", "mb_s_cpu"),
         None, "x"),
        ("pandas Series backed by Arrow read in place / made a list of str first (MB per CPU-s)",
         ratio("unique sentences, pandas Arrow Series: score_batch, 1 thread",
               "unique sentences, pandas Arrow Series via tolist(): score_batch, 1 thread",
               "mb_s_cpu"), None, "x"),
        ("Polars Series read in place / made a list of str first (MB per CPU-s)",
         ratio("unique sentences, Polars Series: score_batch, 1 thread",
               "unique sentences, Polars Series via to_list(): score_batch, 1 thread", "mb_s_cpu"),
         None, "x"),
        ("new: unique sentences, 1 thread, fresh str / cached UTF-8 (MB per CPU-s: the cost of converting)",
         ratio(u1, "unique sentences, cached UTF-8: score_batch, 1 thread", "mb_s_cpu"), None, "x"),
        (f"new: unique sentences, {cores} threads, fresh str / cached UTF-8",
         ratio(un, f"unique sentences, cached UTF-8: score_batch, {cores} threads", "mb_s"), None, "x"),
        ("new: unique articles, level=document, fresh str, 1 thread (MB/s)", rate(a1, "mb_s"), 70.0, " MB/s"),
        (f"new: unique articles, level=document, fresh str, {cores} threads / 1 thread",
         ratio(an, a1, "mb_s"), None, "x"),
        ("new: unique articles, level=document, 1 thread, fresh str / cached UTF-8 (MB per CPU-s)",
         ratio(a1, "unique articles, cached UTF-8: score_batch, level=document, 1 thread", "mb_s_cpu"),
         None, "x"),
        ("new: unique sentences, fresh str, 1 thread / bare Python floor on them (MB/s)",
         ratio(u1, "unique sentences, fresh str: bare Python floor", "mb_s"), 3.0, "x"),
        ("news-style sentences, fresh str, 1 thread / vaderSentiment on them (sentences/s)",
         ratio(n1, "news-style sentences, fresh str: vaderSentiment", "sent_s"), None, "x"),
        (f"news-style sentences, fresh str, {cores} threads / 1 thread",
         ratio(f"news-style sentences, fresh str: score_batch, {cores} threads", n1, "mb_s"), None, "x"),
        ("news-style articles, level=document, fresh str, 1 thread (MB/s)", rate(na1, "mb_s"), None, " MB/s"),
        ("news-style sentences / generated unique sentences, fresh str, 1 thread (MB per CPU-s): "
         "how far the generated corpus flatters", ratio(n1, u1, "mb_s_cpu"), None, "x"),
    ]
    cpu_ratios: list[Ratio] = [
        (
            "Python score_batch 1 thread / bare Python floor (MB per CPU-s)",
            ratio(one, "bare Python floor", "mb_s_cpu"),
            3.0,
            "x",
        ),
        (
            "C++ core score / bare C++ floor (MB per CPU-s)",
            ratio("C++ core Scorer::score loop", "bare C++ floor", "mb_s_cpu"),
            0.40,
            "x",
        ),
        ("new: unique sentences, fresh str, 1 thread / vaderSentiment on them (MB per CPU-s)",
         ratio(u1, "unique sentences, fresh str: vaderSentiment", "mb_s_cpu"), 25.0, "x"),
    ]
    print()

    def verdict(value: float, target: float | None) -> str:
        return "" if target is None else ("met" if value >= target else "not met")

    for label, value, target, unit in ratios + cpu_ratios:
        if value is not None:
            goal = f"target >= {target}{unit}" if target is not None else "no target"
            print(f"{label:90s} {value:7.2f}{unit}  {goal}  {verdict(value, target)}")
    for k, v in build.items():
        print(f"{k:90s} {v:7.2f} ms")
    if context_build:
        print(
            f"{'first built-in Scorer in a process (cold, incl. ICU setup)':90s} "
            f"{float(context_build):7.2f} ms"
        )

    stream: dict[str, float] | None = None
    if args.stream_gb > 0:
        print(f"streaming {args.stream_gb:.1f} GB through the CLI ...", flush=True)
        stream = stream_memory(args.stream_gb, texts, Path(tempfile.gettempdir()))
        print(
            f"{'CLI stream: GB, records in/out, seconds, peak RSS MB':66s} {stream['gb']:.2f}, "
            f"{stream['records_in']:,}/{stream['records_out']:,}, {stream['wall_s']:.0f} s, "
            f"{stream['peak_rss_mb']:.0f} MB"
        )

    m = machine()
    lines = [
        "<!-- run.py:begin (written by benchmarks/run.py; edit outside the markers) -->",
        "## Latest run of `benchmarks/run.py`",
        "",
        "Run `./scripts/bench.sh` (or `.venv/bin/python benchmarks/run.py`). MB = 10^6 bytes of UTF-8. "
        "Two corpora:",
        "",
        "- **repeated** (the rows without a prefix, as before issue 14): the sample corpus and "
        f"`../shared/seeds/*.txt`, split with `stimmung.split_sentences`, repeated to {n_bytes / 1e6:.1f} MB "
        f"({len(sentences):,} sentences), scored as the same str objects every round (their UTF-8 form "
        "cached in them, as score_batch left it before issue 14); documents are 20 sentences joined by "
        "newlines.",
        "- **generated** (rows starting with \"unique\", new in issue 14): `benchmarks/german_corpus.py`, "
        f"seed {args.seed}: {unique.n:,} unique sentences ({unique.bytes / 1e6:.1f} MB) and, from seed "
        f"{args.seed + 1}, {articles.n:,} articles ({articles.bytes / 1e6:.1f} MB, {n_article_sentences:,} "
        "sentences), each 2-6 KB of sentences joined by spaces as prose. \"fresh str\": decoded from bytes "
        "into new str objects before every round (untimed), as text read from a file; \"cached UTF-8\": "
        "the same objects every round, each holding the UTF-8 form CPython caches in a str once asked "
        "(which score_batch made before issue 14 and reads as it is).",
        "- **news-style** (rows starting with \"news-style\"): the team's own "
        f"{len(news_base):,} sentences of the evaluation corpus (`python/stimmung/data/eval`, written in the "
        f"style of German market and general news), repeated {news_reps}x to {news.bytes / 1e6:.1f} MB, "
        f"and the same sentences joined by spaces into {news_articles.n:,} articles of 2-6 KB; fresh str "
        "every round. Real news vocabulary and phrasing: where the generated corpus repeats a few hundred "
        "templates, the same instructions per byte run at about half the speed here.",
        "",
        f"Each figure is the median of {rounds} rounds (before issue 14: the best of 3). A single-thread "
        "round whose CPU time is under 0.9 of its wall time, or a multi-thread round in which other "
        "processes took more than 0.1 cores (/proc/stat), is run again, up to 3 times as many rounds; a "
        "row whose note says BUSY did not get enough quiet rounds, and its least disturbed ones count. "
        '"MB per CPU-s" divides by the CPU time of the median round (single-thread rows only). Rows and '
        'ratios marked "unique" or "new:" were added in issue 14; the others measure what they always did. '
        f"Before the first row the scorer is given {HUGE_PAGES_AFTER_MB} MiB to score, after which it asks "
        "for huge pages over its lexicon index (docs/install.md), so that no row pays for that once.",
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
    for label, value, target, unit in ratios + cpu_ratios:
        if value is not None:
            goal = f">= {target}{unit}" if target is not None else ""
            lines.append(f"| {label} | {value:.2f}{unit} | {goal} | {verdict(value, target)} |")
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
    lines.append("<!-- run.py:end -->")
    write_section(args.out, "\n".join(lines))
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
