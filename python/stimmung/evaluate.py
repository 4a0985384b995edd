"""Evaluate stimmung against a gold file of labelled sentences.

    python -m stimmung.evaluate ../shared/gold/seed_sentences.tsv [--peers ../shared/peers] [--errors]

The gold file is tab-separated with a header: id, then one 0/1/2 column per tone, then the sentence. A
tone counts as present in the gold when its label is >= 1 and in stimmung when its score is >= 0.5. The
report gives per tone precision, recall and F1, and Spearman's rho between scores and the 0/1/2 labels.

Dictionary baselines are printed beside stimmung when the third-party word lists are found (``--peers``,
by default ``peers/`` beside the gold file's folder): a sentence counts as having the tone when any of its
words is in the list (BPW uncertainty list for hedging, BPW negative list and SentiWS negative words for
nervousness), and a bubble keyword list of the team's. The lists are read at run time, never shipped.
"""

from __future__ import annotations

import argparse
import csv
import re
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


# A plain keyword list for the bubble tone: what a dictionary count would use (the team's own list).
BUBBLE_KEYWORDS = frozenset(
    "blase blasen spekulationsblase ki-blase hype euphorie überbewertet überbewertung überhitzt "
    "überhitzung crash goldrausch manie exzess spekulation spekulativ".split()
)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)


def read_word_list(path: Path) -> frozenset:
    """A plain word list (one lowercase word per line)."""
    with open(path, encoding="utf-8", errors="replace") as f:
        return frozenset(w.strip().lower() for w in f if w.strip() and not w.startswith("#"))


def read_sentiws_words(path: Path) -> frozenset:
    """All word forms of a SentiWS file (``Lemma|POS<TAB>weight<TAB>form,form,...``), lowercased."""
    words = set()
    with open(path, encoding="utf-8", errors="replace", newline="") as f:
        for line in f:
            fields = line.rstrip("\r\n").split("\t")
            if not fields or not fields[0]:
                continue
            words.add(fields[0].split("|")[0].lower())
            if len(fields) > 2:
                words.update(w.strip().lower() for w in fields[2].split(",") if w.strip())
    return frozenset(words)


def dictionary_counts(texts: Sequence[str], words: frozenset) -> np.ndarray:
    """Per text, how many of its words (lowercased, hyphenated compounds also split) are in ``words``."""
    counts = np.zeros(len(texts))
    for i, text in enumerate(texts):
        n = 0
        for token in _WORD.findall(text.lower()):
            if token in words or any(part in words for part in token.split("-")):
                n += 1
        counts[i] = n
    return counts


def baselines(gold: GoldSet, peers: Optional[Path]) -> Dict[str, Dict[str, ToneReport]]:
    """Dictionary-count baselines: a tone is present when at least one listed word occurs."""
    out: Dict[str, Dict[str, ToneReport]] = {}

    def report(tone: str, words: frozenset) -> Dict[str, ToneReport]:
        counts = dictionary_counts(gold.texts, words)
        return {tone: tone_report(gold.labels[tone], counts, predicted=counts >= 1)}

    out["keywords (team list)"] = report("bubble", BUBBLE_KEYWORDS)
    if peers is not None:
        bpw, sentiws = peers / "bpw", peers / "sentiws"
        if (bpw / "UNC.txt").exists():
            out["BPW uncertainty"] = report("hedging", read_word_list(bpw / "UNC.txt"))
        if (bpw / "NEG.txt").exists():
            out["BPW negative"] = report("nervousness", read_word_list(bpw / "NEG.txt"))
        if (sentiws / "SentiWS_v2.0_Negative.txt").exists():
            out["SentiWS negative"] = report("nervousness", read_sentiws_words(sentiws / "SentiWS_v2.0_Negative.txt"))
    return out


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
    parser.add_argument("--peers", type=Path, default=None,
                        help="folder with bpw/ and sentiws/ word lists (default: peers/ beside the gold folder)")
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
    peers = args.peers if args.peers is not None else args.gold.resolve().parent.parent / "peers"
    reports.update(baselines(gold, peers if peers.is_dir() else None))
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
