"""The behavioural suite: minimal pairs the team wrote (tests/data/minimal_pairs.tsv).

Each row holds a base sentence and a variant that differs minimally (a cue negated, literal, in a side
clause, reported, boosted, ...); the variant's score for the row's tone must move in the stated direction,
or stay the same ("same": pairs that a rule must NOT change). tests/cpp/test_minimal_pairs.cpp runs the
same file against the C++ core.
"""

import csv
from pathlib import Path

import pytest
import stimmung

PAIRS_FILE = Path(__file__).resolve().parents[1] / "data" / "minimal_pairs.tsv"


def _pairs():
    with open(PAIRS_FILE, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


PAIRS = _pairs()


def test_suite_size_and_coverage():
    assert len(PAIRS) >= 150
    categories = {p["category"] for p in PAIRS}
    assert {
        "negation_before",
        "negation_after",
        "literal_sense",
        "side_clause",
        "reportative_soll",
        "konjunktiv_i",
        "booster",
        "dampener",
        "contrast",
        "compound",
        "inflection",
        "idiom",
    } <= categories


@pytest.mark.parametrize("pair", PAIRS, ids=[p["id"] + "-" + p["category"] for p in PAIRS])
def test_minimal_pair(pair):
    base = stimmung.score(pair["base"])
    variant = stimmung.score(pair["variant"])
    tone = pair["tone"]
    explain = (
        f"base {base[tone]:.3f} {base.cues_for(tone)} / variant {variant[tone]:.3f} {variant.cues_for(tone)}"
    )
    if pair["expect"] == "lower":
        assert variant[tone] < base[tone], explain
    elif pair["expect"] == "higher":
        assert variant[tone] > base[tone], explain
    else:
        assert pair["expect"] == "same", pair
        assert variant[tone] == pytest.approx(base[tone], abs=1e-12), explain
