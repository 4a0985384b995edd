"""The index demonstration corpus (scripts/make_index_corpus.py): reproducible, of the promised shape,
and its injected episodes stand out in the indices built from it (notebooks/indices.ipynb shows them)."""

import re

import pandas as pd
import pytest
import stimmung
from conftest import load_script
from stimmung.index import build_index

AI_TERMS = [re.compile(r"\bKI\b"), "künstliche Intelligenz", "künstlicher Intelligenz", "Chip", "Rechenzentr",
            "Sprachmodell"]
ECONOMY_TERMS = ["Wirtschaft", "Konjunktur", "Börse", "Aktie", "Anleger", "Märkte", "Markt", "Zins",
                 "Leitindex", "Investor", "Industrie"]


@pytest.fixture(scope="module")
def script():
    return load_script("scripts/make_index_corpus.py")


@pytest.fixture(scope="module")
def scored(script):
    return stimmung.score_frame(script.make_corpus(), "text", level="document")


def test_corpus_is_reproducible_and_of_the_promised_shape(script, scored):
    again = script.make_corpus()
    pd.testing.assert_frame_equal(again, scored[again.columns])
    assert len(scored) >= 2000
    assert scored["outlet"].nunique() >= 6
    assert scored["n_sentences"].between(2, 6).all()
    assert scored["date"].dt.to_period("M").nunique() == 36
    assert scored["text"].nunique() > 0.95 * len(scored)  # varied, not a handful of documents repeated


def test_injected_sentences_are_what_the_scorer_finds(scored):
    # The templates are written to be scored as meant: injected documents carry the tone ...
    assert (scored.loc[scored["bubble_injected"], "bubble_max"] >= 0.5).all()
    assert (scored.loc[scored["nervousness_injected"], "nervousness_max"] >= 0.5).all()
    # ... and no other AI document does; outside AI, a culture sentence about the hype around an album is
    # scored as bubble: noise of the kind real news has, which the AI term set keeps out of the index.
    other = scored[~scored["bubble_injected"]]
    assert not (other.loc[other["topic"] == "ki", "bubble_max"] >= 0.5).any()
    assert (other["bubble_max"] >= 0.5).mean() < 0.08


def months(episode):
    return pd.period_range(*episode, freq="M").to_timestamp()


@pytest.mark.parametrize("tone, terms, episode", [
    ("bubble", AI_TERMS, "BUBBLE_EPISODE"),
    ("nervousness", ECONOMY_TERMS, "NERVOUS_EPISODE"),
])
def test_the_injected_episode_stands_out_in_the_index(script, scored, tone, terms, episode):
    index = build_index(scored, tone, require=terms, base=("2023-01", "2023-12"), n_boot=200, seed=1)
    inside = index.index.isin(months(getattr(script, episode)))
    assert inside.sum() in (2, 3)
    # Every episode month lies above every other month, at least twice the base level, and its band's lower
    # end lies above the base level.
    assert index.loc[inside, "value"].min() > index.loc[~inside, "value"].max()
    assert index.loc[inside, "value"].min() > 200
    assert (index.loc[inside, "lower"] > 100).all()
    assert index.loc[: "2023-12", "value"].mean() == pytest.approx(100)
