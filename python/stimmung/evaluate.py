"""Evaluate stimmung against gold files of labelled sentences, with bootstrap confidence intervals.

    python -m stimmung.evaluate                        # built-in dev and test splits, seed gold if found
    python -m stimmung.evaluate gold.tsv [more.tsv]    # any gold files
    python -m stimmung.evaluate --split dev --errors   # list what stimmung gets wrong on the dev split

A gold file is tab-separated with a header naming ``id``, one 0/1/2 column per tone and ``sentence`` (an
optional ``category`` column names the source category). A tone counts as present in the gold when its
label is >= 1 and in stimmung when its score is >= 0.5. Per file and tone the report gives precision, recall,
F1 and Spearman's rho between scores and the 0/1/2 labels, each with a 95% percentile-bootstrap interval
(sentences resampled with replacement, 1,000 rounds, fixed seed). For files with categories, it also
gives the false-alarm rate on non-market sentences: the share that carries a bubble or nervousness score
>= 0.5, although both are market tones.

Dictionary baselines are printed beside stimmung: a sentence has the tone when any of its words is in the
list. The team's bubble keyword list is built in; the third-party lists (BPW uncertainty for hedging, BPW
negative and SentiWS negative for nervousness) are read at run time when found (``--peers``, by default
``peers/`` beside the seed gold's folder), never shipped.

The built-in development corpus (``stimmung/data/eval``, see its README) has a ``dev`` split, which rule
and weight work may read, and a ``test`` split, which is only measured.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .lexicon import Lexicon
from .scorer import RULE_FAMILIES, TONES, Scorer

#: Where the built-in development corpus lives (shipped with the package).
EVAL_DIR = Path(__file__).resolve().parent / "data" / "eval"

#: Categories of the development corpus that are not about markets (bubble and nervousness must stay quiet).
NON_MARKET_CATEGORIES = frozenset({"sport", "wx", "health", "food", "sci", "pol"})

#: Market tones: those a non-market sentence must not carry.
MARKET_TONES = ("bubble", "nervousness")


@dataclass
class GoldSet:
    ids: list[str]
    texts: list[str]
    labels: dict[str, np.ndarray]
    categories: list[str] | None = None
    name: str = ""


@dataclass
class ToneReport:
    precision: float
    recall: float
    f1: float
    rho: float
    support: int
    #: 95% bootstrap intervals per metric name ("precision", "recall", "f1", "rho"), when computed.
    intervals: dict[str, tuple[float, float]] = field(default_factory=dict)


def read_gold(path: Path) -> GoldSet:
    path = Path(path)
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows:
        raise ValueError(f"{path}: empty gold file")
    header = [h.strip() for h in rows[0]]
    missing = [t for t in TONES if t not in header]
    if missing or "sentence" not in header:
        raise ValueError(f"{path}: header must name id, {', '.join(TONES)} and sentence; found {header}")
    col = {name: i for i, name in enumerate(header)}
    ids: list[str] = []
    texts: list[str] = []
    categories: list[str] = []
    labels: dict[str, list[int]] = {t: [] for t in TONES}
    for lineno, row in enumerate(rows[1:], start=2):
        if not row or not "".join(row).strip():
            continue
        if len(row) < len(header):
            raise ValueError(f"{path}:{lineno}: expected {len(header)} fields, found {len(row)}")
        ids.append(row[col.get("id", 0)])
        texts.append(row[col["sentence"]])
        if "category" in col:
            categories.append(row[col["category"]])
        for t in TONES:
            try:
                value = int(row[col[t]])
            except ValueError:
                value = -1
            if value not in (0, 1, 2):
                raise ValueError(f"{path}:{lineno}: label {t}={row[col[t]]!r} is not 0, 1 or 2")
            labels[t].append(value)
    return GoldSet(
        ids,
        texts,
        {t: np.asarray(v) for t, v in labels.items()},
        categories if "category" in col else None,
        "seed" if path.stem == "seed_sentences" else path.stem,
    )


def _ranks(a: np.ndarray) -> np.ndarray:
    """Ranks along the last axis, ties given their average rank (1-based)."""
    order = np.argsort(a, axis=-1, kind="mergesort")
    sorted_a = np.take_along_axis(a, order, axis=-1)
    n = a.shape[-1]
    # For each position in sorted order, the first and last index of its run of equal values.
    new_run = np.ones(sorted_a.shape, dtype=bool)
    new_run[..., 1:] = sorted_a[..., 1:] != sorted_a[..., :-1]
    idx = np.broadcast_to(np.arange(n), sorted_a.shape)
    first = np.maximum.accumulate(np.where(new_run, idx, 0), axis=-1)
    end_run = np.ones(sorted_a.shape, dtype=bool)
    end_run[..., :-1] = new_run[..., 1:]
    last = np.flip(np.minimum.accumulate(np.flip(np.where(end_run, idx, n), axis=-1), axis=-1), axis=-1)
    avg = (first + last) / 2.0 + 1.0
    ranks = np.empty(a.shape, dtype=float)
    np.put_along_axis(ranks, order, avg, axis=-1)
    return ranks


def _spearman_rows(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Spearman's rho per row of two equally shaped 2-D arrays (NaN where a row is constant)."""
    rx, ry = _ranks(x), _ranks(y)
    rx -= rx.mean(axis=-1, keepdims=True)
    ry -= ry.mean(axis=-1, keepdims=True)
    denom = np.sqrt((rx * rx).sum(axis=-1) * (ry * ry).sum(axis=-1))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denom > 0, (rx * ry).sum(axis=-1) / np.where(denom > 0, denom, 1.0), np.nan)


def spearman(x: Sequence[float] | np.ndarray, y: Sequence[float] | np.ndarray) -> float:
    """Spearman's rho with average ranks for ties (no SciPy needed)."""
    a = np.asarray(x, dtype=float)[None, :]
    b = np.asarray(y, dtype=float)[None, :]
    return float(_spearman_rows(a, b)[0])


def _prf(tp: np.ndarray, fp: np.ndarray, fn: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    with np.errstate(invalid="ignore", divide="ignore"):
        precision = np.where(tp + fp > 0, tp / np.maximum(tp + fp, 1), 0.0)
        recall = np.where(tp + fn > 0, tp / np.maximum(tp + fn, 1), 0.0)
        both = precision + recall
        f1 = np.where(both > 0, 2 * precision * recall / np.maximum(both, 1e-300), 0.0)
    return precision, recall, f1


def bootstrap_samples(n: int, rounds: int = 1000, seed: int = 0) -> np.ndarray:
    """Indices of ``rounds`` resamples (with replacement) of ``n`` items, reproducible by ``seed``."""
    return np.random.default_rng(seed).integers(0, n, size=(rounds, n))


def tone_report(
    gold: np.ndarray,
    scores: np.ndarray,
    predicted: np.ndarray | None = None,
    samples: np.ndarray | None = None,
) -> ToneReport:
    """Precision, recall, F1 and rho of one tone; with ``samples`` (from :func:`bootstrap_samples`) also
    their 95% percentile intervals."""
    gold = np.asarray(gold)
    scores = np.asarray(scores, dtype=float)
    truth = gold >= 1
    pred = scores >= 0.5 if predicted is None else np.asarray(predicted, dtype=bool)
    tp = np.sum(truth & pred)
    fp = np.sum(~truth & pred)
    fn = np.sum(truth & ~pred)
    p, r, f = (float(v) for v in _prf(np.asarray(tp), np.asarray(fp), np.asarray(fn)))
    report = ToneReport(p, r, f, spearman(scores, gold), int(truth.sum()))
    if samples is not None and len(gold):
        t, q = truth[samples], pred[samples]
        btp, bfp, bfn = (t & q).sum(axis=1), (~t & q).sum(axis=1), (t & ~q).sum(axis=1)
        bp, br, bf = _prf(btp, bfp, bfn)
        # A resample without any predicted (or gold) positive leaves precision (recall) undefined.
        bp = np.where(btp + bfp > 0, bp, np.nan)
        br = np.where(btp + bfn > 0, br, np.nan)
        brho = _spearman_rows(scores[samples], gold[samples].astype(float))
        for name, values in (("precision", bp), ("recall", br), ("f1", bf), ("rho", brho)):
            finite = values[np.isfinite(values)]
            lo, hi = np.percentile(finite, [2.5, 97.5]) if len(finite) else (np.nan, np.nan)
            report.intervals[name] = (float(lo), float(hi))
    return report


def evaluate(
    gold: GoldSet, scorer: Scorer | None = None, *, bootstrap: int = 0, seed: int = 0
) -> dict[str, ToneReport]:
    """stimmung's report per tone on ``gold``; ``bootstrap`` > 0 adds 95% intervals from that many rounds."""
    scorer = scorer or Scorer()
    frame = scorer.score_batch(gold.texts)
    samples = bootstrap_samples(len(gold.texts), bootstrap, seed) if bootstrap else None
    return {t: tone_report(gold.labels[t], frame[t].to_numpy(), samples=samples) for t in TONES}


@dataclass
class Calibration:
    """The calibration factor of one tone that gives the best F1 on a gold set (see :func:`calibrate`)."""

    tone: str
    current: float  #: the factor the lexicon has now (1 without a ``calibration`` line)
    best: float  #: the factor with the highest F1 on the gold set
    f1_current: float
    f1_best: float
    precision_best: float
    recall_best: float

    def lexicon_line(self) -> str:
        """The lexicon line that sets :attr:`best` (docs/lexicon-format.md, "Calibration")."""
        return f"sum\t{self.tone}\t{self.best:g}\tcalibration"


def calibrate(gold: GoldSet, scorer: Scorer | None = None,
              factors: Sequence[float] | None = None) -> dict[str, Calibration]:
    """Per tone, the calibration factor (the lexicon's own times one of ``factors``, default 0.5 to 2.5 in
    steps of 0.05) that maximizes F1 on ``gold``; a tie goes to the factor nearest the current one.

    A calibration multiplies a tone's sum S behind its score 1 - 2^-S, so the scores of every factor follow
    from one scoring pass. Fit on labelled data the rules were not written on, and check the result on
    other data: a factor fitted on a few hundred sentences can follow their noise."""
    scorer = scorer or Scorer()
    frame = scorer.score_batch(gold.texts)
    steps = np.asarray(factors if factors is not None else np.round(np.arange(0.5, 2.5001, 0.05), 2))
    current = {e.tone: e.weight for e in scorer.lexicon.entries(kind="calibration")}
    out: dict[str, Calibration] = {}
    for tone in TONES:
        scores = np.clip(frame[tone].to_numpy(dtype=float), 0.0, 1.0 - 1e-15)
        sums = -np.log2(1.0 - scores)  # S >= 0; a negative sum scored 0 and stays below any threshold
        truth = gold.labels[tone] >= 1
        now = current.get(tone, 1.0)
        results: dict[float, tuple[float, float, float]] = {}
        for m in steps:
            factor = float(np.clip(now * m, 0.25, 4.0))
            pred = sums * (factor / now) >= 1.0 - 1e-12
            tp, fp, fn = np.sum(truth & pred), np.sum(~truth & pred), np.sum(truth & ~pred)
            p, r, f = (float(v) for v in _prf(np.asarray(tp), np.asarray(fp), np.asarray(fn)))
            results[factor] = (p, r, f)
        factor = max(results, key=lambda x: (round(results[x][2], 12), -abs(x - now)))
        p, r, f = results[factor]
        base = tone_report(gold.labels[tone], frame[tone].to_numpy())
        out[tone] = Calibration(tone, now, factor, base.f1, f, p, r)
    return out


def format_calibration(calibrations: dict[str, Calibration], gold_name: str) -> str:
    lines = [f"calibration fitted on {gold_name} (docs/lexicon-format.md, \"Calibration\"):",
             f"{'tone':<12} {'factor now':>10} {'F1 now':>7} {'best factor':>11} {'F1':>6} {'P':>6} {'R':>6}"]
    for c in calibrations.values():
        lines.append(f"{c.tone:<12} {c.current:>10g} {c.f1_current:>7.3f} {c.best:>11g} {c.f1_best:>6.3f} "
                     f"{c.precision_best:>6.3f} {c.recall_best:>6.3f}")
    lines.append("lexicon lines for these factors (a file given to --lexicon or Lexicon.extended):")
    lines.extend(c.lexicon_line() for c in calibrations.values())
    return "\n".join(lines)


def non_market_false_alarms(gold: GoldSet, scorer: Scorer | None = None) -> tuple[int, int]:
    """(sentences with a market tone >= 0.5, all sentences) among the non-market categories of ``gold``."""
    if gold.categories is None:
        return 0, 0
    chosen = [i for i, c in enumerate(gold.categories) if c in NON_MARKET_CATEGORIES]
    if not chosen:
        return 0, 0
    scorer = scorer or Scorer()
    frame = scorer.score_batch([gold.texts[i] for i in chosen])
    alarms = np.zeros(len(chosen), dtype=bool)
    for tone in MARKET_TONES:
        alarms |= frame[tone].to_numpy() >= 0.5
    return int(alarms.sum()), len(chosen)


def rule_contributions(gold: GoldSet, scorer: Scorer | None = None) -> dict[str, dict[str, float]]:
    """Per rule family and tone, the F1 the family adds: F1 with every rule on minus F1 with that family
    switched off (``Scorer(rules_off=[family])``); negative when the family costs F1 on ``gold``."""
    scorer = scorer or Scorer()
    full = evaluate(gold, scorer)
    out: dict[str, dict[str, float]] = {}
    for family in RULE_FAMILIES:
        ablated = Scorer(scorer.lexicon, rules_off=[family], profile=scorer.profile)
        reports = evaluate(gold, ablated)
        out[family] = {t: full[t].f1 - reports[t].f1 for t in TONES}
    return out


def format_contributions(contributions: dict[str, dict[str, float]], gold_name: str) -> str:
    lines = [f"{gold_name}: F1 each rule family adds (all rules on minus the family switched off)",
             f"{'family':<18} " + " ".join(f"{t:>12}" for t in TONES)]
    for family, per_tone in contributions.items():
        lines.append(f"{family:<18} " + " ".join(f"{per_tone[t]:>+12.3f}" for t in TONES))
    return "\n".join(lines)


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


def baselines(
    gold: GoldSet, peers: Path | None, *, bootstrap: int = 0, seed: int = 0
) -> dict[str, dict[str, ToneReport]]:
    """Dictionary-count baselines: a tone is present when at least one listed word occurs."""
    out: dict[str, dict[str, ToneReport]] = {}
    samples = bootstrap_samples(len(gold.texts), bootstrap, seed) if bootstrap else None

    def report(tone: str, words: frozenset) -> dict[str, ToneReport]:
        counts = dictionary_counts(gold.texts, words)
        return {tone: tone_report(gold.labels[tone], counts, predicted=counts >= 1, samples=samples)}

    out["keywords (team list)"] = report("bubble", BUBBLE_KEYWORDS)
    if peers is not None:
        bpw, sentiws = peers / "bpw", peers / "sentiws"
        if (bpw / "UNC.txt").exists():
            out["BPW uncertainty"] = report("hedging", read_word_list(bpw / "UNC.txt"))
        if (bpw / "NEG.txt").exists():
            out["BPW negative"] = report("nervousness", read_word_list(bpw / "NEG.txt"))
        if (sentiws / "SentiWS_v2.0_Negative.txt").exists():
            negative = read_sentiws_words(sentiws / "SentiWS_v2.0_Negative.txt")
            out["SentiWS negative"] = report("nervousness", negative)
    return out


def _cell(value: float, interval: tuple[float, float] | None) -> str:
    if interval is None:
        return f"{value:.3f}"
    return f"{value:.3f} [{interval[0]:.2f}, {interval[1]:.2f}]"


def format_table(reports: dict[str, dict[str, ToneReport]], gold_name: str = "") -> str:
    """One line per (system, tone); intervals in brackets where computed."""
    head = f"{'set':<6} " if gold_name else ""
    lines = [
        f"{head}{'system':<22} {'tone':<12} {'precision':<20} {'recall':<20} {'F1':<20} {'rho':<20} {'n':>5}"
    ]
    for system, per_tone in reports.items():
        for tone, r in per_tone.items():
            cells = [_cell(getattr(r, m), r.intervals.get(m)) for m in ("precision", "recall", "f1", "rho")]
            prefix = f"{gold_name:<6} " if gold_name else ""
            row = " ".join(f"{c:<20}" for c in cells)
            lines.append(f"{prefix}{system:<22} {tone:<12} {row} {r.support:5d}")
    return "\n".join(lines)


def find_seed_gold(start: Path | None = None) -> Path | None:
    """``shared/gold/seed_sentences.tsv`` beside the checkout (searched upwards from ``start`` or the cwd)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder.parent / "shared" / "gold" / "seed_sentences.tsv"
        if candidate.exists():
            return candidate
        candidate = folder / "shared" / "gold" / "seed_sentences.tsv"
        if candidate.exists():
            return candidate
    return None


def builtin_split(name: str) -> Path:
    """Path of a split of the built-in development corpus (``dev`` or ``test``)."""
    if name not in ("dev", "test"):
        raise ValueError(f"split must be 'dev' or 'test', not {name!r}")
    return EVAL_DIR / f"{name}.tsv"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m stimmung.evaluate", description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path, nargs="*",
                        help="gold TSV files (id, bubble, nervousness, hedging, sentence); "
                             "default: the built-in dev and test splits and the seed gold if found")
    parser.add_argument("--split", choices=("dev", "test"), action="append", default=[],
                        help="a split of the built-in development corpus (repeatable)")
    parser.add_argument("--lexicon", type=Path, action="append", default=[], help="extra lexicon file(s)")
    parser.add_argument("--profile", type=Path, default=None,
                        help="a language profile file (docs/profile-format.md) instead of the built-in one")
    parser.add_argument("--peers", type=Path, default=None,
                        help="folder with bpw/ and sentiws/ word lists (default: peers/ beside the gold)")
    parser.add_argument("--bootstrap", type=int, default=1000, metavar="N",
                        help="bootstrap rounds for the 95%% intervals (0: none; default 1000)")
    parser.add_argument("--no-baselines", action="store_true", help="stimmung only")
    parser.add_argument("--errors", action="store_true", help="list the sentences stimmung gets wrong")
    parser.add_argument("--rules", action="store_true",
                        help="per rule family, the F1 it adds (scored again with the family switched off)")
    parser.add_argument("--calibrate", action="store_true",
                        help="per tone, the calibration factor with the best F1 on each gold set "
                             "(printed as lexicon lines)")
    args = parser.parse_args(argv)

    paths: list[Path] = [builtin_split(s) for s in args.split] + list(args.gold)
    if not paths:
        paths = [builtin_split("dev"), builtin_split("test")]
        seed_gold = find_seed_gold()
        if seed_gold is not None:
            paths.append(seed_gold)
    try:
        golds = [read_gold(p) for p in paths]
    except (OSError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    lexicon = Lexicon.builtin()
    for path in args.lexicon:
        lexicon = lexicon.extended(path)
    try:
        scorer = Scorer(lexicon, profile=args.profile)
    except ValueError as e:  # LexiconError: a bad profile line
        print(f"error: {e}", file=sys.stderr)
        return 2
    peers = args.peers
    if peers is None:
        # peers/ beside the folder of a gold file (shared/gold -> shared/peers), else beside the seed gold
        candidates = [p.resolve().parent.parent / "peers" for p in paths]
        seed_gold = find_seed_gold()
        if seed_gold is not None:
            candidates.append(seed_gold.parent.parent / "peers")
        peers = next((c for c in candidates if c.is_dir()), None)
    if peers is not None and not peers.is_dir():
        peers = None

    rounds = f"95% intervals: percentile bootstrap, {args.bootstrap} rounds"
    print(rounds if args.bootstrap else "no intervals")
    for gold in golds:
        reports = {"stimmung": evaluate(gold, scorer, bootstrap=args.bootstrap)}
        if not args.no_baselines:
            reports.update(baselines(gold, peers, bootstrap=args.bootstrap))
        print()
        print(f"{gold.name}: {len(gold.texts)} sentences")
        print(format_table(reports, gold.name))
        alarms, n = non_market_false_alarms(gold, scorer)
        if n:
            print(f"{gold.name}: non-market sentences with bubble or nervousness >= 0.5: {alarms}/{n} "
                  f"({alarms / n:.1%})")
        if args.rules:
            print(format_contributions(rule_contributions(gold, scorer), gold.name))
        if args.calibrate:
            print(format_calibration(calibrate(gold, scorer), gold.name))
        if args.errors:
            frame = scorer.score_batch(gold.texts, explain=True)
            for tone in TONES:
                for i, text in enumerate(gold.texts):
                    truth = gold.labels[tone][i] >= 1
                    pred = frame[tone].iloc[i] >= 0.5
                    if truth != pred:
                        cues = [c["surface"] for c in frame["cues"].iloc[i] if c["tone"] == tone]
                        kind = "FN" if truth else "FP"
                        score = frame[tone].iloc[i]
                        print(f"{kind} {tone:<11} gold={gold.labels[tone][i]} score={score:.2f} "
                              f"cues={cues} | {gold.ids[i]} | {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
