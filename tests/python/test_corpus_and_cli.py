import subprocess
import sys

import stimmung
from stimmung.corpus import load_sample_corpus


def test_sample_corpus_shape():
    corpus = load_sample_corpus()
    assert len(corpus) >= 60
    assert list(corpus.columns) == ["id", "date", "outlet", "title", "text"]
    assert corpus["id"].is_unique
    assert (corpus["date"].max() - corpus["date"].min()).days > 600
    assert corpus["outlet"].nunique() >= 4
    scores = stimmung.score_batch(corpus["text"], level="document")
    for tone in stimmung.TONES:
        assert (scores[tone + "_max"] >= 0.5).sum() >= 5, tone
    assert (scores[["bubble_max", "nervousness_max", "hedging_max"]].max(axis=1) < 0.5).sum() >= 3


def test_cli_demo_prints_a_table():
    out = subprocess.run(
        [sys.executable, "-m", "stimmung", "demo"], capture_output=True, text=True, check=True
    )
    lines = out.stdout.splitlines()
    assert any("strongest cues" in line for line in lines)
    assert sum(1 for line in lines if line[:4].isdigit()) == len(load_sample_corpus())


def test_cli_explain():
    out = subprocess.run(
        [sys.executable, "-m", "stimmung", "explain", "--colour", "never", "Die KI-Blase könnte platzen."],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "[KI-Blase]" in out.stdout and "hedging" in out.stdout
