"""Evaluate stimmung against a gold file of labelled sentences.

    python -m stimmung.evaluate ../shared/gold/seed_sentences.tsv [--peers ../shared/peers]

The gold file is tab-separated with a header: id, then one 0/1/2 column per tone, then the sentence. A
tone counts as present in the gold when its label is >= 1 and in stimmung when its score is >= 0.5. The
report gives per tone precision, recall and F1, and Spearman's rho between scores and the 0/1/2 labels.
"""

from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence

import numpy as np

from .scorer import TONES, Scorer


@dataclass
class GoldSet:
    ids: List[str]
    texts: List[str]
    labels: Dict[str, np.ndarray]


@dataclass
class ToneReport:
    precision: float
    recall: float
    f1: float
    rho: float
    support: int


def read_gold(path: Path) -> GoldSet:
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows:
        raise ValueError(f"{path}: empty gold file")
    header = [h.strip() for h in rows[0]]
    missing = [t for t in TONES if t not in header]
    if missing or "sentence" not in header:
        raise ValueError(f"{path}: header must name id, {', '.join(TONES)} and sentence; found {header}")
    col = {name: i for i, name in enumerate(header)}
    ids, texts, labels = [], [], {t: [] for t in TONES}
    for lineno, row in enumerate(rows[1:], start=2):
        if not row or not "".join(row).strip():
            continue
        if len(row) < len(header):
            raise ValueError(f"{path}:{lineno}: expected {len(header)} fields, found {len(row)}")
        ids.append(row[col.get("id", 0)])
        texts.append(row[col["sentence"]])
        for t in TONES:
            try:
                labels[t].append(int(row[col[t]]))
            except ValueError:
                raise ValueError(f"{path}:{lineno}: label {t}={row[col[t]]!r} is not 0, 1 or 2") from None
    return GoldSet(ids, texts, {t: np.asarray(v) for t, v in labels.items()})


def spearman(x: Sequence[float], y: Sequence[float]) -> float:
    """Spearman's rho with average ranks for ties (no SciPy needed)."""

    def ranks(a: np.ndarray) -> np.ndarray:
        order = np.argsort(a, kind="mergesort")
        r = np.empty(len(a), dtype=float)
        sorted_a = a[order]
        i = 0
        while i < len(a):
            j = i
            while j + 1 < len(a) and sorted_a[j + 1] == sorted_a[i]:
                j += 1
            r[order[i : j + 1]] = (i + j) / 2.0 + 1.0
            i = j + 1
        return r

    a, b = ranks(np.asarray(x, dtype=float)), ranks(np.asarray(y, dtype=float))
    if a.std() == 0 or b.std() == 0:
        return float("nan")
    return float(np.corrcoef(a, b)[0, 1])


def tone_report(gold: np.ndarray, scores: np.ndarray, predicted: Optional[np.ndarray] = None) -> ToneReport:
    truth = gold >= 1
    pred = scores >= 0.5 if predicted is None else predicted
    tp = int(np.sum(truth & pred))
    fp = int(np.sum(~truth & pred))
    fn = int(np.sum(truth & ~pred))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return ToneReport(precision, recall, f1, spearman(scores, gold), int(truth.sum()))


def evaluate(gold: GoldSet, scorer: Optional[Scorer] = None) -> Dict[str, ToneReport]:
    scorer = scorer or Scorer()
    frame = scorer.score_batch(gold.texts)
    return {t: tone_report(gold.labels[t], frame[t].to_numpy()) for t in TONES}


def format_table(reports: Dict[str, Dict[str, ToneReport]]) -> str:
    """One line per (system, tone)."""
    lines = [f"{'system':<28} {'tone':<12} {'P':>6} {'R':>6} {'F1':>6} {'rho':>6} {'n':>5}"]
    for system, per_tone in reports.items():
        for tone, r in per_tone.items():
            lines.append(
                f"{system:<28} {tone:<12} {r.precision:6.3f} {r.recall:6.3f} {r.f1:6.3f} {r.rho:6.3f} {r.support:5d}"
            )
    return "\n".join(lines)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m stimmung.evaluate", description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path, help="gold TSV (id, bubble, nervousness, hedging, sentence)")
    parser.add_argument("--lexicon", type=Path, action="append", default=[], help="extra lexicon file(s)")
    parser.add_argument("--errors", action="store_true", help="list the sentences stimmung gets wrong")
    args = parser.parse_args(argv)
    try:
        gold = read_gold(args.gold)
    except (OSError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    scorer = Scorer()
    for path in args.lexicon:
        scorer = Scorer(scorer.lexicon.extended(path))
    reports = {"stimmung": evaluate(gold, scorer)}
    print(f"{len(gold.texts)} sentences from {args.gold}")
    print(format_table(reports))
    if args.errors:
        frame = scorer.score_batch(gold.texts, explain=True)
        for tone in TONES:
            for i, text in enumerate(gold.texts):
                truth = gold.labels[tone][i] >= 1
                pred = frame[tone].iloc[i] >= 0.5
                if truth != pred:
                    cues = [c["surface"] for c in frame["cues"].iloc[i] if c["tone"] == tone]
                    kind = "FN" if truth else "FP"
                    print(f"{kind} {tone:<11} gold={gold.labels[tone][i]} score={frame[tone].iloc[i]:.2f} "
                          f"cues={cues} | {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
