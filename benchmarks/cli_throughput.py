"""`stimmung score` on a large file of articles: throughput, cores busy, peak RSS, records in = rows out.

Usage:

    .venv/bin/python benchmarks/cli_throughput.py [--mb 300] [--rounds 3] [--input /tmp/articles.txt]

Generates (once: an existing --input is used as it is; into /tmp unless --input names another place,
never into the repository) a file of articles from benchmarks/german_corpus.py, one article per line, and runs

    python -m stimmung score IN --lines --level document -o OUT.csv -q

under ``/usr/bin/time -v`` (GNU time), which reports the CLI process's user and system CPU time, wall time
and maximum resident set size. "Cores busy" is CPU time / wall time: 1.0 means one core's worth of work on
average, 2.0 both cores of a 2-core machine. Each figure is the median of --rounds rounds.

The machine may be shared. Around each round the script reads /proc/stat: the CPU time the whole machine
spent outside idle, less the CLI's own, is what other processes took. Before each round the script waits
(up to --wait seconds) for the machine to be quiet; a round in which others took more than --busy
(default 0.1) cores on average does not count while a mode has had fewer than --tries rounds; when fewer
rounds were quiet, the least disturbed count. The table gives the others' load in each round that
counts, so a reader sees how quiet the machine was.

``STIMMUNG_CLI_PIPELINE=0`` in the environment makes the CLI run its stages one after the other (the
behaviour before the pipeline); ``--compare`` measures that mode in the same run. ``--baseline DIR``
also measures another installation of stimmung (``pip install --no-deps --target DIR`` of an older
commit; run with PYTHONPATH=DIR), e.g. the code before a change. The modes alternate round by round, so
a before/after ratio comes from one machine state.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def machine_busy_seconds() -> float:
    """CPU seconds the whole machine has spent outside idle and iowait since boot (/proc/stat)."""
    with open("/proc/stat") as f:
        fields = f.readline().split()[1:]
    ticks = [int(x) for x in fields]
    idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0)
    return (sum(ticks[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def count_lines(path: Path) -> int:
    """Lines, a last one without a line break included (the CLI's --lines reads it as a record)."""
    n = 0
    last = b"\n"
    with path.open("rb") as f:
        while block := f.read(1 << 24):
            n += block.count(b"\n")
            last = block[-1:]
    return n + (last != b"\n")


def ensure_input(path: Path, mb: float, seed: int) -> None:
    if path.exists():  # made before (or the user's own file): used as it is, never overwritten
        return
    print(f"generating {path} ({mb:.0f} MB of articles) ...", file=sys.stderr, flush=True)
    subprocess.run(
        [sys.executable, str(HERE / "german_corpus.py"), "articles", "--mb", str(mb), "--seed", str(seed),
         "-o", str(path)],
        check=True,
    )


_TIME_FIELDS = {
    "user": re.compile(r"User time \(seconds\): ([\d.]+)"),
    "sys": re.compile(r"System time \(seconds\): ([\d.]+)"),
    "rss_kb": re.compile(r"Maximum resident set size \(kbytes\): (\d+)"),
}


Mode = tuple[str, dict[str, str]]  # a label, and the environment variables it sets


def one_round(src: Path, out: Path, mode: Mode, extra: list[str]) -> dict[str, float]:
    env = {**os.environ, **mode[1]}
    cmd = ["/usr/bin/time", "-v", sys.executable, "-m", "stimmung", "score", str(src), "--lines",
           "--level", "document", "-o", str(out), "-q", *extra]
    busy0 = machine_busy_seconds()
    w0 = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - w0
    busy = machine_busy_seconds() - busy0
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    got = {k: float(p.search(proc.stderr).group(1)) for k, p in _TIME_FIELDS.items()}  # type: ignore[union-attr]
    cpu = got["user"] + got["sys"]
    rows = count_lines(out) - 1  # minus the header; no output field holds a line break
    out.unlink()
    return {
        "wall": wall,
        "cpu": cpu,
        "cores": cpu / wall,
        "others": max(0.0, busy - cpu) / wall,  # other processes' load, in cores
        "rss_mb": got["rss_kb"] / 1024,
        "rows": rows,
    }


def wait_for_quiet(busy: float, max_wait: float) -> float:
    """Waits (up to max_wait seconds) until the machine's load over 2 s is at most `busy` cores; returns
    the last load seen."""
    deadline = time.monotonic() + max_wait
    while True:
        b0 = machine_busy_seconds()
        time.sleep(2.0)
        load = (machine_busy_seconds() - b0) / 2.0
        if load <= busy or time.monotonic() >= deadline:
            return load
        time.sleep(3.0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--input", type=Path, default=Path(tempfile.gettempdir()) / "stimmung_articles.txt")
    ap.add_argument("--mb", type=float, default=300.0, help="size of the generated input (default 300)")
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--rounds", type=int, default=3, help="rounds per mode; the median counts")
    ap.add_argument("--tries", type=int, default=9, help="rounds per mode at most, retries included")
    ap.add_argument("--wait", type=float, default=60.0, help="seconds to wait for a quiet machine per round")
    ap.add_argument("--busy", type=float, default=0.1, help="retry a round when others took more cores")
    ap.add_argument("--compare", action="store_true", help="also measure the serial CLI, alternating")
    ap.add_argument("--baseline", type=Path, help="also measure the stimmung installed in DIR (PYTHONPATH)")
    ap.add_argument("cli_args", nargs="*", help="extra arguments for stimmung score (after --)")
    args = ap.parse_args(argv)

    ensure_input(args.input, args.mb, args.seed)
    size = args.input.stat().st_size
    n_in = count_lines(args.input)
    out = args.input.with_name(args.input.stem + ".scored.csv")
    print(f"input: {args.input}, {size / 1e6:.1f} MB, {n_in:,} articles; {os.cpu_count()} cores",
          file=sys.stderr)
    modes: list[Mode] = [("pipelined", {"STIMMUNG_CLI_PIPELINE": "1"})]
    if args.compare:
        modes.append(("serial (STIMMUNG_CLI_PIPELINE=0)", {"STIMMUNG_CLI_PIPELINE": "0"}))
    if args.baseline is not None:
        modes.append((f"baseline ({args.baseline})", {"PYTHONPATH": str(args.baseline)}))
    labels = [m[0] for m in modes]
    results: dict[str, list[dict[str, float]]] = {m: [] for m in labels}
    attempts = {m: 0 for m in labels}
    # Alternate the modes round by round, so a change in the machine's load touches all alike; a mode
    # stops when it has --rounds quiet rounds, or after --tries.
    runs: dict[str, list[dict[str, float]]] = {m: [] for m in labels}

    def quiet(m: str) -> list[dict[str, float]]:
        return [r for r in runs[m] if r["others"] <= args.busy]

    while True:
        todo = [md for md in modes if len(quiet(md[0])) < args.rounds and len(runs[md[0]]) < args.tries]
        if not todo:
            break
        for mode in todo:
            wait_for_quiet(args.busy, args.wait)
            r = one_round(args.input, out, mode, args.cli_args)
            runs[mode[0]].append(r)
            note = "" if r["others"] <= args.busy else "  (machine busy: not counted if enough quiet rounds)"
            print(f"  {mode[0][:24]:24s} {r['wall']:6.1f} s  {r['cores']:.2f} cores busy  peak RSS "
                  f"{r['rss_mb']:4.0f} MB  others {r['others']:.2f} cores{note}", file=sys.stderr, flush=True)
    for m in labels:
        kept = quiet(m)[: args.rounds]
        busy_runs = sorted((r for r in runs[m] if r not in kept), key=lambda r: r["others"])
        kept += busy_runs[: args.rounds - len(kept)]
        results[m] = kept
        attempts[m] = len(runs[m])

    print()
    what = f"`stimmung score IN --lines --level document -o OUT.csv`, {size / 1e6:.0f} MB, {n_in:,} articles"
    print(f"| {what} | " + " | ".join(labels) + " |")
    print("|---|" + "---:|" * len(labels))

    def row(label: str, fn) -> None:
        print(f"| {label} | " + " | ".join(fn(m) for m in labels) + " |")

    def med(m: str, key: str) -> float:
        return statistics.median(r[key] for r in results[m])

    def rows_out(m: str) -> str:
        return "/".join(sorted({f"{int(r['rows']):,}" for r in results[m]}))

    row("wall time (median)", lambda m: f"{med(m, 'wall'):.1f} s")
    row("throughput", lambda m: f"{size / 1e6 / med(m, 'wall'):.1f} MB/s")
    row("cores busy (CPU time / wall time)", lambda m: f"{med(m, 'cores'):.2f}")
    row("CPU time", lambda m: f"{med(m, 'cpu'):.1f} s")
    row("peak RSS (max over rounds)", lambda m: f"{max(r['rss_mb'] for r in results[m]):.0f} MB")
    row("records in / rows out", lambda m: f"{n_in:,} / {rows_out(m)}")
    row("other processes' load in the rounds kept (cores)",
        lambda m: ", ".join(f"{r['others']:.2f}" for r in results[m]))
    row("rounds kept / run", lambda m: f"{len(results[m])} / {attempts[m]}")
    for other in labels[1:]:
        ratio = med(other, "wall") / med(labels[0], "wall")
        print(f"\npipelined / {other}: throughput {ratio:.2f}x", flush=True)
    ok = all(int(r["rows"]) == n_in for rs in results.values() for r in rs)
    print("records in = rows out" if ok else "RECORDS LOST", flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
