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


def test_cli_demo_runs_without_pyarrow_or_polars():
    """The demo's environment (scripts/setup.sh --demo) has numpy and pandas only: the main job must not
    reach for pyarrow when it scores a pandas Series of Python strings."""
    code = (
        "import runpy, sys\n"
        "sys.modules['pyarrow'] = None\n"  # import pyarrow now raises ImportError, as where it is absent
        "sys.modules['polars'] = None\n"
        "sys.argv = ['stimmung', 'demo']\n"
        "runpy.run_module('stimmung', run_name='__main__')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-2000:]
    assert sum(1 for line in out.stdout.splitlines() if line[:4].isdigit()) == len(load_sample_corpus())


def test_cli_explain():
    out = subprocess.run(
        [sys.executable, "-m", "stimmung", "explain", "--colour", "never", "Die KI-Blase könnte platzen."],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "[KI-Blase]" in out.stdout and "hedging" in out.stdout
