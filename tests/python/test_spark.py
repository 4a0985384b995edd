"""stimmung.spark on a real local Spark session (local[2]): results equal score_batch row by row, custom
lexicons reach the workers, no row is lost, and the job script works end to end."""

import json
import os
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("pyspark")  # in the test extra: this skips only where PySpark cannot be installed

import stimmung  # noqa: E402
from stimmung import spark as sspark  # noqa: E402
from stimmung.corpus import sample_records  # noqa: E402
from stimmung.entities import EntityMatcher, mentioning_sentences  # noqa: E402

# PySpark's own warnings about pandas 3, not ours.
pytestmark = [
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning"),
    pytest.mark.filterwarnings("ignore:The copy keyword is deprecated"),
]

TONES = list(stimmung.TONES)


@pytest.fixture(scope="session")
def spark():
    from pyspark.sql import SparkSession

    saved = {k: os.environ.get(k) for k in ("PYSPARK_PYTHON", "SPARK_LOCAL_IP")}
    os.environ["PYSPARK_PYTHON"] = sys.executable  # the workers need this interpreter (stimmung installed)
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    session = (
        SparkSession.builder.master("local[2]")
        .appName("stimmung-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        # Small Arrow batches: several batches per partition, so the per-worker Scorer cache is exercised.
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "64")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


@pytest.fixture(scope="module")
def sentences():
    texts = [s for r in sample_records() for s in stimmung.split_sentences(r["text"])]
    assert len(texts) > 300
    return texts


def frame(spark, texts, partitions=3):
    """(id, text) rows in `partitions` partitions, input order kept."""
    schema = "id long, text string"
    rdd = spark.sparkContext.parallelize(list(enumerate(texts)), partitions)
    df = spark.createDataFrame(rdd, schema)
    assert df.rdd.getNumPartitions() == partitions
    return df


def assert_same_scores(got: pd.DataFrame, want: pd.DataFrame, columns):
    for c in columns:
        g, w = got[c].to_numpy(dtype=float, na_value=np.nan), want[c].to_numpy(dtype=float, na_value=np.nan)
        np.testing.assert_array_equal(g, w, err_msg=c)  # exact: the same C++ scorer on the same text


def test_sentence_level_equals_score_batch(spark, sentences):
    texts = list(sentences)
    for i in (0, 17, 150, len(texts)):  # null rows at the start, inside and at the end
        texts.insert(i, None)
    got = sspark.score_spark(frame(spark, texts), "text").toPandas()
    want = stimmung.score_batch(texts)
    assert list(got.columns) == ["id", "text", *TONES, "n_cues", "error"]
    assert got["id"].tolist() == list(range(len(texts)))  # every row, in input order
    assert_same_scores(got, want, [*TONES, "n_cues"])
    missing = got["text"].isna()
    assert missing.sum() == 4
    assert (got.loc[missing, "error"] == "text is null").all()
    assert got.loc[~missing, "error"].isna().all()
    assert got.loc[missing, TONES].isna().all().all() and got.loc[missing, "n_cues"].isna().all()


def test_document_level_with_explain_equals_score_batch(spark):
    texts = [r["text"] for r in sample_records()] + [None]
    df = frame(spark, texts, partitions=2)
    got = sspark.score_spark(df, "text", level="document", explain=True).toPandas()
    want = stimmung.score_batch(texts, level="document", explain=True)
    cols = [*TONES, *(t + "_max" for t in TONES), *(t + "_share" for t in TONES), "n_sentences", "n_cues"]
    assert list(got.columns) == ["id", "text", *cols, "cues", "error"]
    assert got["id"].tolist() == list(range(len(texts)))
    assert_same_scores(got, want, cols)
    for g, w in zip(got["cues"][:-1], want["cues"][:-1]):
        assert [{**c, "modifiers": list(c["modifiers"])} for c in g] == w
    assert got["cues"].iloc[-1] is None and got["error"].iloc[-1] == "text is null"

    as_json = sspark.score_spark(df, "text", level="document", explain="json").toPandas()
    assert [json.loads(c) for c in as_json["cues"][:-1]] == list(want["cues"][:-1])


def test_custom_lexicon_with_user_tone_reaches_the_workers(spark, sentences):
    lex = stimmung.Lexicon.builtin().extended(
        stimmung.Lexicon.from_string("Quartal\tquarterly\t1\tcue\nBlümchenkurs\tbubble\t1.5\tcue\n", "user")
    )
    scorer = stimmung.Scorer(lex)
    texts = sentences[:400] + ["Ein Blümchenkurs im Quartal."]
    got = sspark.score_spark(frame(spark, texts, partitions=4), "text", scorer=scorer).toPandas()
    want = scorer.score_batch(texts)
    assert list(got.columns) == ["id", "text", *TONES, "quarterly", "n_cues", "error"]
    assert_same_scores(got, want, [*TONES, "quarterly", "n_cues"])
    assert got["quarterly"].iloc[-1] >= 0.5 and got["bubble"].iloc[-1] >= 0.5
    assert (got["quarterly"] >= 0.5).sum() > 1

    # Each Python worker unpickled this scorer at most once, over 4 tasks of several Arrow batches each.
    digest, _ = sspark._shipped(scorer)

    def loads(batches):
        for _ in batches:
            pass
        yield pd.DataFrame({"pid": [os.getpid()], "loads": [sspark._LOADS.get(digest, 0)]})

    seen = frame(spark, range(8), partitions=4).mapInPandas(loads, "pid long, loads long").toPandas()
    assert seen["loads"].max() == 1


@pytest.mark.parametrize(("entity_match", "names", "counts"), [
    ("exact", {"Nvidia", "NVIDIA"}, [2, 0, 1]),  # "Nvidias" is no whole-word alias match
    ("german", {"Nvidia", "NVIDIA", "Nvidias"}, [2, 1, 1]),  # the genitive/plural -s counts
])
def test_entities_mean_over_mentioning_sentences(spark, entity_match, names, counts):
    texts = [
        "Nvidia legt zu. Bei NVIDIA herrscht Panik. Der Markt ist ruhig.",
        "Die Nvidias dieser Welt. Eine Blase? Vielleicht.",
        "SAP meldet Zahlen. Die KI-Blase um Nvidia könnte platzen.",
        None,
    ]
    entities = {"Nvidia": ["Nvidia", "NVIDIA"], "S&P 500": ["S&P 500"]}
    got = sspark.score_spark(frame(spark, texts, 2), "text", level="document", entities=entities,
                             entity_match=entity_match).toPandas()
    for i, text in enumerate(texts[:3]):
        doc = stimmung.score_document(text)
        words = [{w.strip(".?") for w in s.text.split()} for s in doc.sentences]
        hits = [s for s, w in zip(doc.sentences, words) if w & names]
        assert got["entity_Nvidia_n_sentences"].iloc[i] == len(hits)
        for t in TONES:
            want = np.mean([s.scores[t] for s in hits]) if hits else np.nan
            np.testing.assert_allclose(got[f"entity_Nvidia_{t}"].iloc[i], want, rtol=1e-12)
    assert got["entity_Nvidia_n_sentences"].tolist()[:3] == counts
    assert got["entity_Nvidia_nervousness"].iloc[0] > 0 and got["entity_Nvidia_bubble"].iloc[2] >= 0.5
    assert (got["entity_S_P_500_n_sentences"].iloc[:3] == 0).all()
    assert pd.isna(got["entity_Nvidia_n_sentences"].iloc[3]) and got["error"].iloc[3] == "text is null"


def test_id_column_non_text_and_bad_arguments(spark):
    df = spark.createDataFrame(
        [("a", "Panik an der Börse.", 1), ("b", None, 2), ("c", "Die Blase platzt.", 3)],
        "doc string, text string, n int",
    ).repartition(1)
    slim = sspark.score_spark(df, "text", id_col="doc").toPandas()
    assert list(slim.columns) == ["doc", *TONES, "n_cues", "error"]
    assert slim["doc"].tolist() == ["a", "b", "c"]
    assert slim["nervousness"].iloc[0] >= 0.5 and slim["bubble"].iloc[2] >= 0.5

    # A column that is no text: every row stays, without scores, with the reason.
    wrong = sspark.score_spark(df, "n").toPandas()
    assert len(wrong) == 3 and wrong["bubble"].isna().all()
    assert wrong["error"].str.contains("not str").all()

    with pytest.raises(ValueError, match="'txt' is not a column"):
        sspark.score_spark(df, "txt")
    with pytest.raises(ValueError, match="level"):
        sspark.score_spark(df, "text", level="paragraph")
    with pytest.raises(ValueError, match="already has column"):
        sspark.score_spark(df.withColumnRenamed("n", "bubble"), "text")
    for entities in (None, {"SAP": ["SAP"]}):
        with pytest.raises(ValueError, match="german"):
            sspark.score_spark(df, "text", entities=entities, entity_match="fuzzy")


# --------------------------------------------------------------------------------------------------------
# The job script


@pytest.fixture(scope="module")
def corpus_frame():
    records = sample_records()[:30]
    frame = pd.DataFrame({"id": [r["id"] for r in records], "text": [r["text"] for r in records]})
    frame.loc[5, "text"] = None  # a record without text must survive
    return frame


def test_job_parquet_end_to_end(tmp_path, corpus_frame):
    """The real command line, in its own process and Spark session."""
    src, out = tmp_path / "in.parquet", tmp_path / "out"
    corpus_frame.to_parquet(src, index=False)
    env = {**os.environ, "SPARK_LOCAL_IP": "127.0.0.1"}
    env.pop("PYSPARK_PYTHON", None)  # the job points local workers at its own interpreter
    cmd = [sys.executable, "-m", "stimmung.spark", str(src), str(out), "--text-column", "text",
           "--id-column", "id", "--master", "local[2]"]
    run = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "rows: 30 in, 30 out, 1 without scores" in run.stdout
    got = pd.read_parquet(out)
    assert got["id"].tolist() == corpus_frame["id"].tolist()
    assert list(got.columns)[:2] == ["id", "bubble"]  # --id-column: id and scores only
    want = stimmung.score_batch(corpus_frame["text"], level="document")
    assert_same_scores(got, want, [*TONES, "bubble_share", "n_sentences", "n_cues"])
    assert got["error"].notna().sum() == 1 and got["error"].iloc[5] == "text is null"


def test_job_csv_with_lexicon(spark, tmp_path, corpus_frame, capsys):
    src, out = tmp_path / "in.csv", tmp_path / "out"
    corpus_frame.to_csv(src, index=False)  # texts with commas, quotes and line breaks
    lexicon = tmp_path / "user.tsv"
    lexicon.write_text("Quartal\tquarterly\t1\tcue\n", encoding="utf-8")
    entities = tmp_path / "entities.json"
    entities.write_text('{"Nvidia": ["Nvidia", "NVIDIA"]}', encoding="utf-8")
    code = sspark.main([str(src), str(out), "--text-column", "text", "--level", "sentence",
                        "--lexicon", str(lexicon), "--explain", "--partitions", "3",
                        "--entities", str(entities), "--entity-match", "exact"])
    assert code == 0
    assert "rows: 30 in, 30 out, 1 without scores" in capsys.readouterr().out
    got = pd.read_parquet(out)
    assert list(got.columns)[:2] == ["id", "text"]
    assert len(list(out.glob("part-*.parquet"))) == 3
    assert got["id"].tolist() == corpus_frame["id"].tolist()  # order kept across the 3 part files
    want = stimmung.Scorer(lexicon).score_batch(corpus_frame["text"])
    assert_same_scores(got, want, [*TONES, "quarterly", "n_cues"])
    assert got["cues"].iloc[0] is not None
    exact = EntityMatcher({"Nvidia": ["Nvidia", "NVIDIA"]}, match="exact")
    counts = [len(mentioning_sentences(stimmung.score_document(t), exact).get("Nvidia", []))
              if isinstance(t, str) else 0 for t in corpus_frame["text"]]
    assert got["entity_Nvidia_n_sentences"].fillna(0).tolist() == counts and sum(counts) > 0

    assert sspark.main([str(src), str(out), "--text-column", "text"]) == 2  # output exists
    assert "exists" in capsys.readouterr().err


def test_job_with_profile_and_a_profile_reaching_the_workers(spark, tmp_path, capsys):
    texts = ["Es gibt keine große Blase.", "Die Blase platzt."] * 20
    profile = tmp_path / "short.tsv"
    profile.write_text("negation_reach_after\t1\n", encoding="utf-8")
    scorer = stimmung.Scorer(profile=profile)
    got = sspark.score_spark(frame(spark, texts, partitions=2), "text", scorer=scorer).toPandas()
    assert_same_scores(got, scorer.score_batch(texts), [*TONES, "n_cues"])
    assert got["bubble"].iloc[0] >= 0.5  # "keine" no longer reaches "Blase"

    src, out = tmp_path / "in.csv", tmp_path / "out"
    pd.DataFrame({"id": range(len(texts)), "text": texts}).to_csv(src, index=False)
    code = sspark.main([str(src), str(out), "--text-column", "text", "--level", "sentence",
                        "--profile", str(profile)])
    assert code == 0, capsys.readouterr().err
    assert_same_scores(pd.read_parquet(out), scorer.score_batch(texts), [*TONES, "n_cues"])
    bad = tmp_path / "bad.tsv"
    bad.write_text("negation_reach_after\tx\n", encoding="utf-8")
    assert sspark.main([str(src), str(tmp_path / "o2"), "--text-column", "text", "--profile", str(bad)]) == 2
    assert f"profile: {bad}:1:" in capsys.readouterr().err


def test_job_reports_bad_input_clearly(spark, tmp_path, corpus_frame, capsys):
    src = tmp_path / "in.json"
    corpus_frame.to_json(src, orient="records", lines=True, force_ascii=False)
    assert sspark.main([str(src), str(tmp_path / "o1"), "--text-column", "body"]) == 2
    err = capsys.readouterr().err
    assert "--text-column 'body' is not a column" in err and "id, text" in err

    assert sspark.main([str(tmp_path / "nothing.parquet"), str(tmp_path / "o2"), "--text-column", "t"]) == 2
    assert "does not exist" in capsys.readouterr().err

    garbage = tmp_path / "garbage.parquet"
    garbage.write_bytes(b"this is not parquet\n" * 10)
    assert sspark.main([str(garbage), str(tmp_path / "o3"), "--text-column", "t"]) == 2
    assert "cannot read" in capsys.readouterr().err
    assert not (tmp_path / "o3").exists()


# --- data safety (issue 12) ---------------------------------------------------------------------------

@pytest.mark.parametrize("layout", ["same", "output_inside_input", "input_inside_output", "symlink"])
def test_job_refuses_output_overlapping_input_before_overwriting(tmp_path, capsys, layout):
    data = tmp_path / "data"
    data.mkdir()
    (data / "part.csv").write_text("id,text\n1,Die Blase platzt.\n", encoding="utf-8")
    src, out = {
        "same": (data, data),
        "output_inside_input": (data, data / "scores"),
        "input_inside_output": (data / "part.csv", data),
        "symlink": (data, tmp_path / "alias"),
    }[layout]
    if layout == "symlink":
        out.symlink_to(data)
    code = sspark.main([str(src), str(out), "--text-column", "text", "--overwrite", "--format", "csv"])
    assert code == 2  # before: the input was deleted by --overwrite
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "input" in err
    assert (data / "part.csv").read_text(encoding="utf-8").startswith("id,text")


def test_job_csv_unclosed_quote_and_ragged_rows_are_error_rows(spark, tmp_path, capsys):
    src, out = tmp_path / "in.csv", tmp_path / "out"
    src.write_bytes(
        b'id,text\n1,Die Blase platzt.\n2,"Die Anleger\n3,zu,viele\n4,"Mehrzeilig,\nund ""zitiert""."\n'
        b"5,Panik \xff\n6,Ruhe.\n"
    )
    code = sspark.main([str(src), str(out), "--text-column", "text", "--level", "sentence"])
    assert code == 0
    report = capsys.readouterr().out
    # before: the quote of record 2 swallowed the rest: 2 rows in, 2 out, no error
    assert "rows: 6 in, 6 out, 3 without scores" in report and "3 of them could not be read" in report
    got = pd.read_parquet(out).sort_values("id", key=lambda s: s.astype(int)).reset_index(drop=True)
    assert got["id"].tolist() == ["1", "2", "3", "4", "5", "6"]
    assert got["error"].notna().tolist() == [False, True, True, False, True, False]
    assert "CSV error on lines 3-5" in got["error"].iloc[1] and "expected 2 fields" in got["error"].iloc[2]
    assert got["bubble"].iloc[0] >= 0.5 and got["text"].iloc[3] == 'Mehrzeilig,\nund "zitiert".'


def test_job_parquet_invalid_utf8_text_is_an_error_row(spark, tmp_path, capsys):
    import pyarrow as pa
    import pyarrow.parquet as pq

    texts = pa.array([b"Die Blase platzt.", b"Panik \xff an der B\xf6rse", b"Ruhe."], pa.binary()).view(
        pa.string()
    )
    ids = pa.array([b"a", b"b\xfe", b"c"], pa.binary()).view(pa.string())
    pq.write_table(pa.table({"id": ids, "text": texts}), tmp_path / "in.parquet")
    code = sspark.main([str(tmp_path / "in.parquet"), str(tmp_path / "out"), "--text-column", "text"])
    assert code == 0  # before: the task failed on the conversion to pandas
    assert "rows: 3 in, 3 out, 1 without scores" in capsys.readouterr().out
    got = pd.read_parquet(tmp_path / "out").sort_values("id").reset_index(drop=True)
    assert got["error"].tolist()[1] == "not valid UTF-8" and got["error"].isna().tolist() == [
        True,
        False,
        True,
    ]
    assert got["id"].tolist()[1] == "b\ufffd" and got["bubble"].iloc[0] >= 0.5
