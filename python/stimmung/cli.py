"""The ``stimmung`` command line.

    stimmung demo                 score the bundled sample corpus, one line per document
    stimmung explain "Satz"       show a sentence with its cues
"""

from __future__ import annotations

import argparse
import shutil
import sys
from typing import List, Optional, Sequence

from . import __version__
from .corpus import load_sample_corpus
from .scorer import Scorer

_COLOURS = {"bubble": "\033[35m", "nervousness": "\033[31m", "hedging": "\033[34m"}
_RESET = "\033[0m"


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def run_demo(args: argparse.Namespace) -> int:
    corpus = load_sample_corpus()
    scorer = Scorer()
    scores = scorer.score_batch(corpus["text"], args.threads, level="document")
    width = shutil.get_terminal_size((120, 20)).columns
    tones = scorer.tones
    print(f"stimmung {__version__}: {len(corpus)} documents of the sample corpus, document means per tone")
    print("(share of sentences where the tone is present in brackets; strongest cues at the right)\n")
    header = f"{'date':<10}  {'outlet':<16} " + " ".join(f"{t[:11]:>11}" for t in tones) + "  strongest cues"
    print(header)
    print("-" * min(width, 140))
    for i, row in corpus.iterrows():
        doc = scorer.score_document(row["text"])
        cues = ", ".join(f"{c.surface} ({c.tone[:1]} {c.weight:.1f})" for c in doc.strongest_cues(3))
        cells = " ".join(f"{scores.at[i, t]:5.2f} ({scores.at[i, t + '_share']:3.0%})".rjust(11) for t in tones)
        line = f"{row['date']:%Y-%m-%d}  {_clip(row['outlet'], 16):<16} {cells}  {cues}"
        print(_clip(line, max(width, 100)))
    print("\nCorpus means: " + ", ".join(f"{t} {scores[t].mean():.2f}" for t in tones))
    return 0


def run_explain(args: argparse.Namespace) -> int:
    scorer = Scorer()
    colour = args.colour == "always" or (args.colour == "auto" and sys.stdout.isatty())
    for text in args.text:
        result = scorer.score(text)
        out: List[str] = []
        pos = 0
        for c in sorted(result.cues, key=lambda c: c.start):
            if c.start < pos:
                continue
            out.append(text[pos : c.start])
            piece = text[c.start : c.end]
            if colour:
                strike = "\033[9m" if c.negated else ""
                piece = f"{_COLOURS.get(c.tone, '')}{strike}{piece}{_RESET}"
            else:
                piece = f"[{piece}]"
            out.append(piece)
            pos = c.end
        out.append(text[pos:])
        print("".join(out))
        print("  " + "  ".join(f"{t}={s:.2f}" for t, s in result.scores.items()))
        for c in result.cues:
            mods = f" ({', '.join(c.modifiers)})" if c.modifiers else ""
            print(f"  {c.tone:<12} {c.surface!r:<24} {c.term!r:<24} {c.base_weight:4.2f} -> {c.weight:4.2f}{mods}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="stimmung", description="German market-sentiment tone scoring.")
    parser.add_argument("--version", action="version", version=f"stimmung {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="score the bundled sample corpus")
    demo.add_argument("--threads", type=int, default=None, help="worker threads (default: all cores)")
    demo.set_defaults(func=run_demo)
    explain = sub.add_parser("explain", help="show sentences with their cues")
    explain.add_argument("text", nargs="+", help="sentence(s) to explain")
    explain.add_argument("--colour", "--color", choices=("auto", "always", "never"), default="auto")
    explain.set_defaults(func=run_explain)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # `stimmung demo | head`
        return 0


if __name__ == "__main__":
    sys.exit(main())
