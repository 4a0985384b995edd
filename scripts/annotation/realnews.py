"""Build and measure a real-news measurement set (kept outside the repository: third-party text).

The steps of a round, with the briefs of this folder:

    # 1. collectors write WORKDIR/collected_*.tsv (realnews_collector_brief.md)
    python scripts/annotation/realnews.py pool WORKDIR [--seen FILE.tsv ...] [--seed 57]
    # 2. two annotators label WORKDIR/all_sentences.tsv into labels_X.tsv, labels_Y.tsv (annotator_brief.md)
    python scripts/annotation/realnews.py agree WORKDIR
    # 3. an adjudicator decides WORKDIR/disagreements.tsv into adjudicated.tsv (adjudicator_brief.md)
    python scripts/annotation/realnews.py gold WORKDIR [--seed 2057]
    # 4. measure: python -m stimmung.evaluate WORKDIR/rn_gold.tsv WORKDIR/rnA.tsv WORKDIR/rnB.tsv
    # 5. sentences in their article: python scripts/annotation/realnews.py context WORKDIR

`pool` joins the collectors' files, drops sentences seen before (in the collected files themselves or in
any `--seen` file with a `sentence` column) and shuffles them (seeded) into `all_sentences.tsv`, so that an
annotator reads no page as a run. `agree` reports Cohen's kappa per tone (on the 0/1/2 labels and on
presence, label >= 1) and writes one `disagreements.tsv` row per sentence and tone the annotators labelled
differently. `gold` takes the agreed labels and the adjudicated ones into `rn_gold.tsv`, and splits it half
and half per category (seeded) into `rnA.tsv`, the half rule work may read, and `rnB.tsv`, the half that is
only measured. `context` scores the gold sentences twice, one by one and as documents (each page's run of
consecutive sentences, in the collector's order, joined by spaces: an article as the CLI's document level
reads it), and reports per tone the decisions of both and the non-market alarms; a sentence whose span the
splitter does not reproduce is left out of both and counted.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

TONES = ("bubble", "nervousness", "hedging")


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def write_tsv(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> int:
    n = 0
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write("\t".join(header) + "\n")
        for row in rows:
            if any("\t" in cell or "\n" in cell for cell in row):
                raise ValueError(f"a tab or newline inside a cell of {path}: {row}")
            f.write("\t".join(row) + "\n")
            n += 1
    return n


def pool(workdir: Path, seen_files: Sequence[Path], seed: int) -> int:
    """Joins collected_*.tsv into all_sentences.tsv (id, category, sentence); returns the sentences kept."""
    collected = sorted(workdir.glob("collected_*.tsv"))
    if not collected:
        raise SystemExit(f"no collected_*.tsv in {workdir}")
    seen: set[str] = set()
    for path in seen_files:
        seen.update(row["sentence"].strip() for row in read_tsv(path) if row.get("sentence"))
    kept: list[dict[str, str]] = []
    ids: set[str] = set()
    for path in collected:
        for row in read_tsv(path):
            sentence = (row.get("sentence") or "").strip()
            if not sentence or sentence in seen:
                continue
            if row["id"] in ids:
                raise SystemExit(f"{path}: id {row['id']} used twice")
            seen.add(sentence)
            ids.add(row["id"])
            kept.append(row)
    random.Random(seed).shuffle(kept)
    write_tsv(workdir / "all_sentences.tsv", ("id", "category", "sentence"),
              ((r["id"], r["category"], r["sentence"].strip()) for r in kept))
    return len(kept)


def kappa(a: Sequence[object], b: Sequence[object]) -> float:
    """Cohen's kappa of two label sequences (1.0 when chance agreement is total)."""
    if len(a) != len(b) or not a:
        raise ValueError("kappa needs two label sequences of the same, non-zero length")
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b)) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    return 1.0 if expected == 1.0 else (observed - expected) / (1.0 - expected)


def _labels(workdir: Path, name: str, ids: Sequence[str]) -> dict[str, dict[str, int]]:
    rows = {r["id"]: r for r in read_tsv(workdir / f"labels_{name}.tsv")}
    missing = [i for i in ids if i not in rows]
    if missing or len(rows) != len(ids):
        raise SystemExit(f"labels_{name}.tsv: {len(rows)} rows for {len(ids)} sentences; "
                         f"missing e.g. {missing[:3]}")
    out: dict[str, dict[str, int]] = {}
    for i in ids:
        labels = {t: int(rows[i][t]) for t in TONES}
        if any(v not in (0, 1, 2) for v in labels.values()):
            raise SystemExit(f"labels_{name}.tsv: {i} has a label outside 0/1/2")
        out[i] = labels
    return out


def agree(workdir: Path) -> dict[str, tuple[float, float]]:
    """Kappa per tone (0/1/2, presence); writes disagreements.tsv."""
    sentences = read_tsv(workdir / "all_sentences.tsv")
    ids = [s["id"] for s in sentences]
    x, y = _labels(workdir, "X", ids), _labels(workdir, "Y", ids)
    result = {}
    for t in TONES:
        a, b = [x[i][t] for i in ids], [y[i][t] for i in ids]
        result[t] = (kappa(a, b), kappa([v >= 1 for v in a], [v >= 1 for v in b]))
    rows = [(s["id"], s["sentence"], t, str(x[s["id"]][t]), str(y[s["id"]][t]))
            for s in sentences for t in TONES if x[s["id"]][t] != y[s["id"]][t]]
    write_tsv(workdir / "disagreements.tsv", ("id", "sentence", "tone", "label_A", "label_B"), rows)
    return result


def gold(workdir: Path, seed: int) -> tuple[int, int, int]:
    """rn_gold.tsv from agreed and adjudicated labels, and its halves rnA.tsv / rnB.tsv (per category)."""
    sentences = read_tsv(workdir / "all_sentences.tsv")
    ids = [s["id"] for s in sentences]
    x, y = _labels(workdir, "X", ids), _labels(workdir, "Y", ids)
    decided = {(r["id"], r["tone"]): int(r["label"]) for r in read_tsv(workdir / "adjudicated.tsv")}
    rows = []
    for s in sentences:
        i = s["id"]
        labels = []
        for t in TONES:
            if x[i][t] == y[i][t]:
                labels.append(x[i][t])
            elif (i, t) in decided:
                labels.append(decided[(i, t)])
            else:
                raise SystemExit(f"adjudicated.tsv has no label for {i} {t}")
        rows.append((i, s["category"], *map(str, labels), s["sentence"]))
    header = ("id", "category", *TONES, "sentence")
    write_tsv(workdir / "rn_gold.tsv", header, rows)
    by_category: dict[str, list[tuple[str, ...]]] = {}
    for row in rows:
        by_category.setdefault(row[1], []).append(row)
    rng = random.Random(seed)
    half_a, half_b = [], []
    for category in sorted(by_category):
        members = by_category[category][:]
        rng.shuffle(members)
        half_a += members[: len(members) // 2]
        half_b += members[len(members) // 2:]
    write_tsv(workdir / "rnA.tsv", header, half_a)
    write_tsv(workdir / "rnB.tsv", header, half_b)
    return len(rows), len(half_a), len(half_b)


class Decisions:
    """Per tone true positives, false positives and false negatives, and the non-market alarms (the
    categories and tones stimmung.evaluate counts)."""

    def __init__(self) -> None:
        from stimmung.evaluate import MARKET_TONES, NON_MARKET_CATEGORIES  # stimmung only where scores are

        self.market_tones = tuple(MARKET_TONES)
        self.non_market_categories = frozenset(NON_MARKET_CATEGORIES)
        self.counts: dict[str, list[int]] = {t: [0, 0, 0] for t in TONES}
        self.alarms = 0
        self.non_market = 0

    def add(self, gold_row: dict[str, str], scores: dict[str, float]) -> None:
        for t in TONES:
            truth, said = int(gold_row[t]) >= 1, scores[t] >= 0.5
            if truth or said:
                self.counts[t][0 if truth and said else 1 if said else 2] += 1
        if gold_row["category"] in self.non_market_categories:
            self.non_market += 1
            self.alarms += any(scores[t] >= 0.5 for t in self.market_tones)

    def f1(self, tone: str) -> float:
        tp, fp, fn = self.counts[tone]
        return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def context(workdir: Path, scorer: Any = None) -> tuple[Decisions, Decisions, int]:
    """(sentence by sentence, as documents, sentences left out) with ``scorer`` (the built-in one by default):
    see the module docstring. stimmung is imported here: the other steps need no build of it."""
    import stimmung

    scorer = scorer or stimmung.Scorer()
    page: dict[str, str] = {}
    place: dict[str, tuple[str, int]] = {}
    for path in sorted(workdir.glob("collected_*.tsv")):
        for k, row in enumerate(read_tsv(path)):
            page[row["id"]], place[row["id"]] = row["url"], (path.name, k)
    runs: dict[str, list[dict[str, str]]] = {}
    for row in read_tsv(workdir / "rn_gold.tsv"):
        if row["id"] not in page:
            raise SystemExit(f"{row['id']} of rn_gold.tsv is in no collected_*.tsv")
        runs.setdefault(page[row["id"]], []).append(row)
    alone, in_article, left_out = Decisions(), Decisions(), 0
    for rows in runs.values():
        rows.sort(key=lambda r: place[r["id"]])
        document = scorer.score_document(" ".join(r["sentence"] for r in rows))
        by_start = {s.start: s for s in document.sentences}
        at = 0
        for row in rows:
            span = by_start.get(at)
            at_end = at + len(row["sentence"])
            at = at_end + 1
            if span is None or span.end != at_end:
                left_out += 1
                continue
            alone.add(row, scorer.score(row["sentence"]).scores)
            in_article.add(row, span.scores)
    return alone, in_article, left_out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="step", required=True)
    p = sub.add_parser("pool", help="collected_*.tsv -> all_sentences.tsv")
    p.add_argument("workdir", type=Path)
    p.add_argument("--seen", type=Path, action="append", default=[],
                   help="TSV with a sentence column to leave out")
    p.add_argument("--seed", type=int, default=57)
    p = sub.add_parser("agree", help="kappa per tone and disagreements.tsv")
    p.add_argument("workdir", type=Path)
    p = sub.add_parser("gold", help="rn_gold.tsv and its halves rnA.tsv / rnB.tsv")
    p.add_argument("workdir", type=Path)
    p.add_argument("--seed", type=int, default=2057)
    p = sub.add_parser("context", help="rn_gold.tsv scored sentence by sentence and as documents (page runs)")
    p.add_argument("workdir", type=Path)
    args = parser.parse_args(argv)
    if args.step == "pool":
        print(f"{pool(args.workdir, args.seen, args.seed)} sentences in {args.workdir / 'all_sentences.tsv'}")
    elif args.step == "agree":
        for tone, (k3, k2) in agree(args.workdir).items():
            print(f"{tone}: kappa {k3:.3f} (0/1/2), {k2:.3f} (presence)")
        print(f"disagreements: {args.workdir / 'disagreements.tsv'}")
    elif args.step == "gold":
        n, a, b = gold(args.workdir, args.seed)
        print(f"{n} sentences in rn_gold.tsv; rnA.tsv {a} (may be read), rnB.tsv {b} (only measured)")
    else:
        alone, in_article, left_out = context(args.workdir)
        for name, d in (("sentence by sentence", alone), ("as documents", in_article)):
            tones = ", ".join(f"{t} F1 {d.f1(t):.3f} (tp/fp/fn {'/'.join(map(str, d.counts[t]))})"
                              for t in TONES)
            share = d.alarms / d.non_market if d.non_market else 0.0
            print(f"{name}: {tones}; non-market alarms {d.alarms}/{d.non_market} ({share:.1%})")
        print(f"left out (span not reproduced by the splitter): {left_out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
