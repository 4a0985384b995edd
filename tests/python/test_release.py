"""Release metadata: version in one place, the lexicon fingerprint (stable, sensitive to every change, in
every output), LICENSE, CITATION.cff, and no third-party word list in the package."""

import hashlib
import importlib.metadata
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import stimmung

ROOT = Path(__file__).resolve().parents[2]
SMALL = "Blase\tbubble\t1.0\tcue\n"
FINGERPRINT = re.compile(r"^stimmung-(\d+\.\d+\.\d+)\+lex\.([0-9a-f]{16})$")


def cmake_version() -> str:
    return re.search(r"project\(stimmung VERSION ([0-9.]+)", (ROOT / "CMakeLists.txt").read_text()).group(1)


def test_version_is_cmakes_everywhere():
    assert stimmung.__version__ == cmake_version() == importlib.metadata.version("stimmung")
    citation = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert re.search(rf'^version: "?{re.escape(cmake_version())}"?$', citation, re.M)


def test_citation_has_the_required_cff_keys():
    text = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    for key in (
        "cff-version: 1.2.0",
        "message:",
        "title:",
        "authors:",
        "abstract:",
        "license: MIT",
        "keywords:",
    ):
        assert re.search(r"^" + re.escape(key), text, re.M), key
    assert '- name: "The stimmung team"' in text


def test_license_covers_the_lexicon_and_excludes_third_party_lists():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "The stimmung team" in text
    assert "cpp/data/lexicon.tsv" in text and "SentiWS" in text and "not" in text


def test_no_third_party_word_lists_in_the_package():
    package = Path(stimmung.__file__).parent
    files = [p for p in package.rglob("*") if p.is_file()]
    assert not [p for p in files if re.search(r"sentiws|bpw", p.name, re.I)]
    # The only text tables are the team's own evaluation corpus (data/eval: labelled sentences, no lists).
    tables = [p for p in files if p.suffix in (".txt", ".tsv")]
    assert {p.relative_to(package).as_posix() for p in tables} <= {"data/eval/dev.tsv", "data/eval/test.tsv"}
    for p in tables:
        header = p.read_text(encoding="utf-8").split("\n", 1)[0]
        assert header == "id\tcategory\tbubble\tnervousness\thedging\tsentence", p


def test_fingerprint_format_and_definition():
    lex = stimmung.Lexicon.builtin()
    m = FINGERPRINT.match(lex.fingerprint)
    assert m and m.group(1) == stimmung.__version__
    # The hex part is SHA-256 over the canonical form: anyone can recompute it, on any machine.
    assert m.group(2) == hashlib.sha256(lex.canonical_form().encode("utf-8")).hexdigest()[:16]
    assert stimmung.Scorer().fingerprint == lex.fingerprint == stimmung.default_scorer().fingerprint


def test_fingerprint_golden_value_is_machine_independent():
    # Fixed here and in tests/cpp/test_fingerprint.cpp: a change of the canonical form or the hash shows.
    assert stimmung.Lexicon.from_string(SMALL).fingerprint.endswith("+lex.cef985edbd84aa33")


def test_fingerprint_same_across_runs():
    code = "import stimmung; print(stimmung.Lexicon.builtin().fingerprint)"
    outs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout.strip()
        for seed in ("1", "2", "random")
    }
    assert outs == {stimmung.Lexicon.builtin().fingerprint}


def test_fingerprint_ignores_sources_and_survives_pickling(tmp_path):
    import pickle

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for d in ("a", "b"):
        (tmp_path / d / "mine.tsv").write_text("# mine\n" + SMALL, encoding="utf-8")
    a = stimmung.Lexicon.from_file(tmp_path / "a" / "mine.tsv")
    b = stimmung.Lexicon.from_file(tmp_path / "b" / "mine.tsv")
    assert a.fingerprint == b.fingerprint == stimmung.Lexicon.from_string(SMALL).fingerprint
    scorer = stimmung.Scorer(stimmung.Lexicon.builtin().extended(a))
    assert pickle.loads(pickle.dumps(scorer)).fingerprint == scorer.fingerprint
    assert (
        stimmung.Lexicon.from_string(stimmung.Lexicon.builtin().to_tsv()).fingerprint
        == stimmung.Lexicon.builtin().fingerprint
    )


def test_user_extension_changes_the_fingerprint(tmp_path):
    builtin = stimmung.Lexicon.builtin()
    added = builtin.extended(stimmung.Lexicon.from_string("Luftschloss\tbubble\t1.0\tcue\n"))
    removed = builtin.extended(stimmung.Lexicon.from_string("Blase\tbubble\t0\tcue\n"))
    reweighted = stimmung.Lexicon.from_string("Blase\tbubble\t1.01\tcue\n")
    fps = {
        builtin.fingerprint,
        added.fingerprint,
        removed.fingerprint,
        reweighted.fingerprint,
        stimmung.Lexicon.from_string(SMALL).fingerprint,
        stimmung.Lexicon().fingerprint,
    }
    assert len(fps) == 6
    path = tmp_path / "mine.tsv"
    path.write_text("Luftschloss\tbubble\t1.0\tcue\n", encoding="utf-8")
    assert stimmung.Scorer(path).fingerprint == added.fingerprint


def test_score_batch_carries_the_fingerprint():
    scorer = stimmung.Scorer(stimmung.Lexicon.builtin().extended(stimmung.Lexicon.from_string(SMALL)))
    for level in ("sentence", "document"):
        df = scorer.score_batch(["Die Blase platzt.", None], level=level)
        assert df.attrs["stimmung_lexicon"] == scorer.fingerprint
    assert stimmung.score_batch([]).attrs["stimmung_lexicon"] == stimmung.Lexicon.builtin().fingerprint


def cli(*args, input=None):
    return subprocess.run(
        [sys.executable, "-m", "stimmung", *map(str, args)], input=input, capture_output=True, check=True
    )


def test_cli_version_prints_the_builtin_fingerprint():
    out = cli("--version").stdout.decode()
    assert out.splitlines() == [
        f"stimmung {stimmung.__version__}",
        f"lexicon {stimmung.Lexicon.builtin().fingerprint} (built-in)",
    ]


def test_cli_outputs_carry_the_fingerprint(tmp_path):
    lexicon = tmp_path / "mine.tsv"
    lexicon.write_text("Luftschloss\tbubble\t1.0\tcue\n", encoding="utf-8")
    builtin = stimmung.Lexicon.builtin().fingerprint
    extended = stimmung.Scorer(lexicon).fingerprint
    text = "Die KI-Blase könnte platzen.\nDas Luftschloss wackelt.\n".encode()
    for fmt, sep in (("csv", ","), ("tsv", "\t")):
        df = pd.read_csv(
            io.BytesIO(cli("score", "-", "--lines", "--format", fmt, "-q", input=text).stdout), sep=sep
        )
        assert df.columns[-1] == "lexicon" and set(df["lexicon"]) == {builtin}
    out = cli("score", "-", "--lines", "--format", "jsonl", "--lexicon", lexicon, "-q", input=text).stdout
    rows = [json.loads(line) for line in out.decode().splitlines()]
    assert len(rows) == 2 and {r["lexicon"] for r in rows} == {extended} and extended != builtin


def test_cli_parquet_has_the_fingerprint_column_and_metadata(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    src = tmp_path / "in.txt"
    src.write_text("Die Anleger sind nervös.\n", encoding="utf-8")
    out = tmp_path / "out.parquet"
    cli("score", src, "--lines", "-o", out, "-q")
    table = pq.read_table(out)
    meta = {k.decode(): v.decode() for k, v in table.schema.metadata.items()}
    fingerprint = stimmung.Lexicon.builtin().fingerprint
    assert meta["stimmung.lexicon"] == fingerprint and meta["stimmung.version"] == stimmung.__version__
    assert table.column("lexicon").to_pylist() == [fingerprint]
    # An empty input still names its lexicon.
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    cli("score", empty, "--lines", "-o", tmp_path / "empty.parquet", "-q")
    assert pq.read_schema(tmp_path / "empty.parquet").metadata[b"stimmung.lexicon"] == fingerprint.encode()
