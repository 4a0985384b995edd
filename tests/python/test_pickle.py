"""Scorer and Lexicon survive pickle, copy and deepcopy, and work in spawned and joblib workers."""

import copy
import multiprocessing
import pickle
from pathlib import Path

import pandas as pd
import pytest
import stimmung

FIXTURES = Path(__file__).parent / "fixtures"
TEXTS = ["Die KI-Blase könnte bald platzen.", "Die Rakete fliegt.", "Die Anleger sind nervös.", "Ruhe."]
USER = "Rakete\thype\t1.2\tcue\tcompound=both\nBlase\tbubble\t0.2\tcue\n"


def custom_scorer():
    return stimmung.Scorer(stimmung.Lexicon.builtin().extended(stimmung.Lexicon.from_string(USER)))


def assert_same(a, b):
    assert a.tones == b.tones
    pd.testing.assert_frame_equal(a.score_batch(TEXTS, 1), b.score_batch(TEXTS, 1))


@pytest.mark.parametrize("clone", [lambda x: pickle.loads(pickle.dumps(x)), copy.copy, copy.deepcopy])
def test_scorer_and_lexicon_roundtrip(clone):
    scorer = custom_scorer()
    assert_same(scorer, clone(scorer))
    lex = scorer.lexicon
    again = clone(lex)
    assert again.tones == lex.tones and len(again) == len(lex) and again.to_tsv() == lex.to_tsv()
    assert [m[:4] for m in again.lookup("Raketen")] == [m[:4] for m in lex.lookup("Raketen")]
    assert_same(stimmung.Scorer(), clone(stimmung.Scorer()))
    assert clone(stimmung.Scorer(strict_utf8=True))._core.strict_utf8


def test_unknown_pickle_version_is_refused():
    state = custom_scorer().__getstate__()
    state["version"] = 99
    with pytest.raises(stimmung.StimmungError, match="version 99"):
        stimmung.Scorer.__new__(stimmung.Scorer).__setstate__(state)
    with pytest.raises(stimmung.StimmungError, match="version 99"):
        stimmung.Lexicon.__new__(stimmung.Lexicon).__setstate__({"version": 99, "tsv": ""})


def test_version_1_pickle_fixture_still_loads():
    # Written by the version-1 __getstate__ (tests/python/fixtures/make_pickles.py); keep it, add new ones.
    with open(FIXTURES / "scorer_v1.pickle", "rb") as f:
        saved = pickle.load(f)
    scorer, lexicon, expected = saved["scorer"], saved["lexicon"], saved["expected"]
    assert scorer.tones == ("bubble", "nervousness", "hedging", "hype")
    assert "hype" in lexicon.tones and lexicon.lookup("Raketen")[0].tone == "hype"
    got = scorer.score_batch(expected["texts"], 1)
    # The user tone depends on the pickled lexicon alone; the built-in tones also on the scoring rules,
    # which may be recalibrated, so only their presence is checked.
    assert got["hype"].tolist() == pytest.approx(expected["hype"])
    assert got["bubble"].iloc[0] >= 0.5 and got["nervousness"].iloc[2] >= 0.5


def test_spawned_workers():
    scorer = custom_scorer()
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(2) as pool:
        frames = pool.map(scorer.score_batch, [TEXTS[:2], TEXTS[2:]])
        matches = pool.map(scorer.lexicon.lookup, ["Raketen", "Blase"])
    pd.testing.assert_frame_equal(pd.concat(frames, ignore_index=True), scorer.score_batch(TEXTS))
    assert [[m[:4] for m in ms] for ms in matches] == [
        [m[:4] for m in scorer.lexicon.lookup(w)] for w in ("Raketen", "Blase")
    ]
    assert matches[0][0].tone == "hype"


def test_joblib_workers():
    joblib = pytest.importorskip("joblib")
    scorer = custom_scorer()
    frames = joblib.Parallel(n_jobs=2)(joblib.delayed(scorer.score_batch)([t]) for t in TEXTS)
    pd.testing.assert_frame_equal(pd.concat(frames, ignore_index=True), scorer.score_batch(TEXTS))
