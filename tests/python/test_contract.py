"""The output contract (stimmung.schema) is what every writer writes; results are values that pickle and
compare equal; `import stimmung` leaves pandas alone until it is needed."""

import copy
import json
import multiprocessing
import pickle
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import stimmung
from stimmung import _core, schema

FIXTURES = Path(__file__).parent / "fixtures"
TEXTS = [
    "Die KI-Blase könnte bald platzen.",
    "Die Anleger sind nicht extrem nervös, doch die Blase soll platzen?",
    "Ruhe.",
    "Die Blase platzt. Die Anleger sind nervös.",
]
USER = "Rakete\thype\t1.2\tcue\n"


def custom_scorer():
    return stimmung.Scorer(stimmung.Lexicon.builtin().extended(stimmung.Lexicon.from_string(USER)))


# --- one contract ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("level", ["sentence", "document"])
@pytest.mark.parametrize("explain", [False, True])
def test_score_batch_columns_and_types_are_the_contract(level, explain):
    scorer = custom_scorer()
    frame = scorer.score_batch([*TEXTS, None], 1, level=level, explain=explain)
    columns = schema.score_columns(scorer.tones, level, explain)
    assert list(frame.columns) == schema.names(columns)
    for c in columns:
        dtype = str(frame[c.name].dtype)
        assert dtype == {schema.FLOAT64: "float64", schema.INT64: "Int64", schema.CUES: "object"}[c.dtype], c
    if explain:
        assert list(frame["cues"].iloc[0][0]) == [name for name, _ in schema.CUE_FIELDS]
        assert frame["cues"].iloc[-1] is None
    assert frame.attrs[schema.FINGERPRINT_ATTR] == scorer.fingerprint


def test_cli_output_columns_are_the_contract(tmp_path):
    pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps({"text": t}) for t in TEXTS) + "\n", encoding="utf-8")
    for level in ("sentence", "document"):
        out = tmp_path / f"{level}.parquet"
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "stimmung",
                "score",
                str(src),
                "-o",
                str(out),
                "--level",
                level,
                "--explain",
                "-q",
            ],
            capture_output=True,
            text=True,
        )
        assert proc.returncode == 0, proc.stderr
        columns = schema.cli_columns(stimmung.TONES, level, True, "id", True, with_source=False)
        assert pq.read_schema(out).remove_metadata() == schema.arrow_schema(columns)
        csv_out = tmp_path / f"{level}.csv"
        subprocess.run(
            [sys.executable, "-m", "stimmung", "score", str(src), "-o", str(csv_out), "--level", level, "-q"],
            check=True,
        )
        assert list(pd.read_csv(csv_out).columns) == schema.names(
            schema.cli_columns(stimmung.TONES, level, False, "id", True, with_source=False)
        )


def test_cli_refuses_an_id_column_named_like_an_output_column(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("bubble,text\n1,Die Blase platzt.\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "stimmung", "score", str(src), "--id-column", "bubble", "-q"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1 and "also the name of an output column" in proc.stderr


def test_entity_matching_is_one_function():
    from stimmung.entities import EntityMatcher, mentioning_sentences

    entities = {"Nvidia": ["Nvidia", "NVIDIA"], "S&P": "S&P 500"}
    doc = stimmung.score_document("Nvidia steigt. Die Nvidias fallen. Der S&P 500 und NVIDIA sind nervös.")
    found = mentioning_sentences(doc, EntityMatcher(entities, match="exact"))
    assert {k: [s.text for s in v] for k, v in found.items()} == {
        "Nvidia": ["Nvidia steigt.", "Der S&P 500 und NVIDIA sind nervös."],
        "S&P": ["Der S&P 500 und NVIDIA sind nervös."],
    }
    found = mentioning_sentences(doc, EntityMatcher(entities))  # german: the genitive/plural counts
    assert [s.text for s in found["Nvidia"]] == [s.text for s in doc.sentences]
    with pytest.raises(ValueError, match="non-empty alias"):
        EntityMatcher({"x": ["  "]})


def test_extra_lexicons_load_one_way(tmp_path):
    words = tmp_path / "words.txt"
    words.write_text("Rakete\n", encoding="utf-8")
    tsv = tmp_path / "user.tsv"
    tsv.write_text(USER, encoding="utf-8")
    base = stimmung.Lexicon.builtin()
    for spec in (str(tsv), tsv, f"words:hype:{words}"):
        lex = base.extended(spec)
        assert "hype" in lex.tones and lex.lookup("Rakete")[0].tone == "hype"
    from stimmung.importers import builtin_with, load

    assert (
        builtin_with([f"words:hype:{words}"]).fingerprint == base.extended(f"words:hype:{words}").fingerprint
    )
    assert load(tsv).to_tsv() == stimmung.lexicon.load_lexicon(tsv).to_tsv()
    with pytest.raises(ValueError, match="words:TONE:PATH"):
        base.extended("words:hype")


# --- results are values -----------------------------------------------------------------------------------


def results():
    scorer = custom_scorer()
    sentence = scorer.score(TEXTS[1])
    document = scorer.score_document(TEXTS[3] + " Die Rakete fliegt.")
    return scorer, sentence, document


@pytest.mark.parametrize(
    "clone",
    [
        lambda x: pickle.loads(pickle.dumps(x)),
        copy.copy,
        copy.deepcopy,
        lambda x: pickle.loads(pickle.dumps(x, protocol=2)),
    ],
)
def test_results_pickle_copy_and_compare_equal(clone):
    _, sentence, document = results()
    for obj in (sentence, document, sentence._core, document._core, *sentence.cues):
        again = clone(obj)
        assert again == obj and hash(again) == hash(obj) and type(again) is type(obj)
        assert not (again != obj)
    again = clone(document)
    assert [s.text for s in again.sentences] == [s.text for s in document.sentences]
    assert (
        again.sentences == document.sentences and again.mean == document.mean and again.cues == document.cues
    )
    assert again.to_frame().equals(document.to_frame())
    assert clone(sentence).cues[1].modifiers == sentence.cues[1].modifiers != []


def test_results_differ_by_value():
    _, sentence, document = results()
    other = stimmung.score(TEXTS[1])  # same text, other tones (no "hype")
    assert sentence != other and sentence._core != other._core
    assert sentence.cues == other.cues
    assert sentence != stimmung.score(TEXTS[0]) and sentence.cues[0] != sentence.cues[1]
    assert document != stimmung.score_document(TEXTS[3])
    assert sentence != "text" and sentence.cues[0] != 1 and document._core != sentence._core
    assert len({sentence, pickle.loads(pickle.dumps(sentence))}) == 1


def test_unknown_result_pickle_state_is_refused():
    _, sentence, _ = results()
    with pytest.raises(stimmung.StimmungError, match="version 99"):
        stimmung.SentenceScore.__new__(stimmung.SentenceScore).__setstate__({"version": 99})
    cls, (state,) = type(sentence.cues[0]), sentence.cues[0].__getstate__()[:1]
    assert state == 1
    bad = (2, *sentence.cues[0].__getstate__()[1:])
    with pytest.raises(stimmung.StimmungError, match="version 2"):
        cls.__new__(cls).__setstate__(bad)
    with pytest.raises(stimmung.StimmungError, match="modifier 'nope'"):
        cls.__new__(cls).__setstate__((*sentence.cues[0].__getstate__()[:-1], ["nope"]))


def test_version_1_result_pickles_still_load():
    # Written by tests/python/fixtures/make_pickles.py with state version 1; keep it, add new versions.
    with open(FIXTURES / "results_v1.pickle", "rb") as f:
        saved = pickle.load(f)
    plain = saved["plain"]
    sentence, document, cue = saved["sentence"], saved["document"], saved["cue"]
    assert isinstance(sentence, stimmung.SentenceScore) and isinstance(cue, _core.Cue)
    assert [schema.cue_record(c) for c in sentence.cues] == plain["cues"]
    assert sentence.scores == plain["scores"] and (sentence.start, sentence.end) == plain["span"]
    assert document.mean == plain["document_mean"]
    assert [s.text for s in document.sentences] == plain["document_sentences"]
    assert cue == sentence.cues[0] and pickle.loads(pickle.dumps(document)) == document


def test_spawned_workers_return_results():
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(2) as pool:
        sentences = pool.map(stimmung.score, TEXTS)
        documents = pool.map(stimmung.score_document, TEXTS)
    assert sentences == [stimmung.score(t) for t in TEXTS]
    assert documents == [stimmung.score_document(t) for t in TEXTS]
    assert [c.surface for c in sentences[0].cues] == ["KI-Blase", "könnte", "platzen"]


# --- pandas only when needed ------------------------------------------------------------------------------


def run_python(code):
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_import_stimmung_does_not_import_pandas():
    run_python(
        "import stimmung, sys\n"
        "assert 'pandas' not in sys.modules\n"
        "s = stimmung.score('Die KI-Blase könnte bald platzen.')\n"
        "d = stimmung.score_document('Die Blase platzt. Ruhe.')\n"
        "assert s.bubble >= 0.5 and len(d) == 2 and d.strongest_cues(1)\n"
        "stimmung.Scorer().score('x'); stimmung.split_sentences('A. B.')\n"
        "stimmung.Lexicon.builtin().lookup('Blase')\n"
        "assert 'pandas' not in sys.modules, 'scoring single texts imported pandas'\n"
    )


@pytest.mark.parametrize("order", ["stimmung first", "pandas first", "via score_batch"])
def test_series_accessor_works_in_either_import_order(order):
    imports = {
        "stimmung first": "import stimmung\nimport pandas as pd\n",
        "pandas first": "import pandas as pd\nimport stimmung\n",
        "via score_batch": "import stimmung\nstimmung.score_batch(['x'])\nimport pandas as pd\n",
    }[order]
    out = run_python(
        imports + "frame = pd.DataFrame({'text': ['Die Blase platzt.', None]})\n"
        "scores = frame['text'].stimmung.score()\n"
        "print(list(scores.columns), scores['bubble'].iloc[0] >= 0.5)\n"
        "import importlib.resources, sys\n"
        "assert sys.modules['pandas'].__spec__.name == 'pandas'\n"
        "assert not [f for f in sys.meta_path if type(f).__name__ == '_PandasHook']\n"
    )
    assert out.strip() == "['bubble', 'nervousness', 'hedging', 'n_cues'] True"
