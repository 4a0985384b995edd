"""`stimmung score`: every input format, stdin, output formats, no record lost, flat memory, error paths."""

import csv
import io
import json
import os
import subprocess
import sys

import pandas as pd
import pytest
import stimmung

TEXTS = ["Die KI-Blase könnte bald platzen.", "Die Anleger sind nervös.", "Der Umsatz stieg.",
         "Laut Insidern soll der Deal geplatzt sein."]


def run(*args, input=None, check=True):
    proc = subprocess.run([sys.executable, "-m", "stimmung", "score", *map(str, args)], input=input,
                          capture_output=True, check=False)
    if check and proc.returncode != 0:
        raise AssertionError(proc.stderr.decode())
    return proc


def read_csv_out(stdout: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(stdout), keep_default_na=True)


def expected(level="document"):
    return stimmung.score_batch(TEXTS, level=level)


def check_scores(out: pd.DataFrame, level="document"):
    exp = expected(level)
    for tone in stimmung.TONES:
        assert out[tone].tolist() == pytest.approx(exp[tone].tolist())


@pytest.fixture
def inputs(tmp_path):
    df = pd.DataFrame({"doc": [f"d{i}" for i in range(len(TEXTS))], "text": TEXTS})
    paths = {}
    paths["csv"] = tmp_path / "in.csv"
    df.to_csv(paths["csv"], index=False)
    paths["tsv"] = tmp_path / "in.tsv"
    df.to_csv(paths["tsv"], index=False, sep="\t")
    paths["jsonl"] = tmp_path / "in.jsonl"
    paths["jsonl"].write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in df.to_dict("records")), encoding="utf-8"
    )
    paths["parquet"] = tmp_path / "in.parquet"
    df.to_parquet(paths["parquet"], index=False)
    paths["txt"] = tmp_path / "in.txt"
    paths["txt"].write_text("\n".join(TEXTS) + "\n", encoding="utf-8")
    return paths


@pytest.mark.parametrize("fmt", ["csv", "tsv", "jsonl", "parquet"])
def test_each_tabular_input_format(inputs, fmt):
    out = read_csv_out(run(inputs[fmt], "--id-column", "doc", "-q").stdout)
    assert out["doc"].tolist() == ["d0", "d1", "d2", "d3"]
    assert out["error"].isna().all()
    assert {"bubble_max", "bubble_share", "n_sentences", "n_cues"} <= set(out.columns)
    check_scores(out)


def test_txt_lines_documents_and_stdin(inputs, tmp_path):
    lines = read_csv_out(run(inputs["txt"], "--lines", "--level", "sentence", "-q").stdout)
    assert lines["id"].tolist() == [0, 1, 2, 3]
    check_scores(lines, "sentence")
    stdin = read_csv_out(
        run("-", "--lines", "--level", "sentence", "-q", input="\n".join(TEXTS).encode()).stdout
    )
    pd.testing.assert_frame_equal(stdin, lines)
    docs = [tmp_path / "a.txt", tmp_path / "b.txt"]
    docs[0].write_text(" ".join(TEXTS[:2]), encoding="utf-8")
    docs[1].write_text(TEXTS[2], encoding="utf-8")
    out = read_csv_out(run(*docs, "-q").stdout)
    assert out["source"].tolist() == [str(d) for d in docs] and out["id"].tolist() == [0, 0]
    assert out["n_sentences"].tolist() == [2, 1]
    whole = read_csv_out(run("-", "-q", input=" ".join(TEXTS).encode()).stdout)
    assert len(whole) == 1 and whole["n_sentences"].iloc[0] == 4
    csv_stdin = read_csv_out(run("-", "--input-format", "csv", "-q", input=inputs["csv"].read_bytes()).stdout)
    check_scores(csv_stdin)


@pytest.mark.parametrize("ext", ["csv", "jsonl", "parquet", "tsv"])
def test_output_formats_from_extension(inputs, tmp_path, ext):
    target = tmp_path / f"out.{ext}"
    proc = run(inputs["csv"], "-o", target, "--explain", "--id-column", "doc")
    assert proc.stdout == b"" and b"scored 4 records" in proc.stderr
    if ext == "csv":
        out = pd.read_csv(target)
    elif ext == "tsv":
        out = pd.read_csv(target, sep="\t")
    elif ext == "jsonl":
        out = pd.read_json(target, lines=True)
    else:
        out = pd.read_parquet(target)
    assert out["doc"].tolist() == ["d0", "d1", "d2", "d3"]
    check_scores(out)
    cues = out["cues"].iloc[0]
    cues = cues if isinstance(cues, list) else json.loads(cues)
    assert cues[0]["surface"] == "KI-Blase" and cues[0]["tone"] == "bubble"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp file left
    assert oct(target.stat().st_mode & 0o777) != oct(0o600)


def test_format_flag_overrides_and_jsonl_on_stdout(inputs):
    out = run(inputs["jsonl"], "--format", "jsonl", "-q").stdout.decode().splitlines()
    rows = [json.loads(line) for line in out]
    assert [r["id"] for r in rows] == [0, 1, 2, 3] and rows[0]["error"] is None


def test_user_tones_through_the_cli(inputs, tmp_path):
    lex = tmp_path / "user.tsv"
    lex.write_text("Umsatz\tfacts\t1\tcue\n", encoding="utf-8")
    words = tmp_path / "words.txt"
    words.write_text("stieg\n", encoding="utf-8")
    out = read_csv_out(run(inputs["csv"], "--lexicon", lex, "--lexicon", f"words:rise:{words}", "-q").stdout)
    assert out["facts"].iloc[2] >= 0.5 and out["rise"].iloc[2] >= 0.5 and out["facts"].iloc[0] == 0


def test_no_record_lost_with_bad_rows(tmp_path):
    # CSV: a row with too many fields, undecodable bytes, an empty text.
    raw = (
        b'id,text\n1,Die Blase platzt.\n2,"zu","viele","Felder"\n3,'
        + b"Panik \xff\xfe an der B\xf6rse"
        + b"\n4,\n5,Die Anleger sind nerv\xc3\xb6s.\n"
    )
    (tmp_path / "bad.csv").write_bytes(raw)
    out = read_csv_out(run(tmp_path / "bad.csv", "--id-column", "id", "-q").stdout)
    assert out["id"].tolist() == [1, 2, 3, 4, 5]
    errors = out["error"].tolist()
    assert "expected 2 fields" in errors[1] and "UTF-8" in errors[2]
    assert pd.isna(errors[0]) and pd.isna(errors[3]) and pd.isna(errors[4])
    assert pd.isna(out["bubble"].iloc[1]) and out["nervousness"].iloc[4] >= 0.5

    # JSONL: invalid JSON, not an object, a number as text, null text, missing key, bad bytes.
    lines = [
        b'{"id": "a", "text": "Die Blase platzt."}',
        b'{"id": "b", "text": ',
        b"[1, 2]",
        b'{"id": "d", "text": 42}',
        b'{"id": "e", "text": null}',
        b'{"id": "f"}',
        b'{"id": "g", "text": "Panik \xff"}',
        b'{"id": "h", "text": "Ruhe."}',
    ]
    (tmp_path / "bad.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    out = read_csv_out(run(tmp_path / "bad.jsonl", "--id-column", "id", "-q").stdout)
    assert len(out) == len(lines)
    assert out["id"].tolist()[:1] + out["id"].tolist()[3:] == ["a", "d", "e", "f", "g", "h"]
    assert out["error"].notna().tolist() == [False, True, True, True, True, True, True, False]
    assert "not a string" in out["error"].iloc[3] and "invalid JSON" in out["error"].iloc[1]

    # Parquet: null text and binary text with undecodable bytes.
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table(
        {"id": [10, 11, 12, 13], "text": pa.array([b"Die Blase platzt.", None, b"\xff\xfe", b"Ruhe."])}
    )
    pq.write_table(table, tmp_path / "bad.parquet")
    target = tmp_path / "bad_out.parquet"
    run(tmp_path / "bad.parquet", "--id-column", "id", "-o", target, "-q")
    out = pd.read_parquet(target)
    assert out["id"].tolist() == [10, 11, 12, 13] and out["error"].notna().tolist() == [
        False,
        True,
        True,
        False,
    ]

    # txt lines: one line with invalid UTF-8 among good ones; positions kept.
    (tmp_path / "bad.txt").write_bytes(b"Die Blase platzt.\nPanik \xff\n\nRuhe.\n")
    out = read_csv_out(run(tmp_path / "bad.txt", "--lines", "-q").stdout)
    assert out["id"].tolist() == [0, 1, 2, 3] and out["error"].notna().tolist() == [False, True, False, False]


def test_error_missing_column(inputs, tmp_path):
    for fmt in ("csv", "jsonl", "parquet"):
        target = tmp_path / f"out_{fmt}.csv"
        proc = run(inputs[fmt], "--text-column", "inhalt", "-o", target, check=False)
        assert proc.returncode == 1
        assert b"no column 'inhalt'" in proc.stderr and b"Traceback" not in proc.stderr
        assert not target.exists() and list(tmp_path.glob(".out_*")) == []
    proc = run(inputs["csv"], "--id-column", "nummer", check=False)
    assert proc.returncode == 1 and b"nummer" in proc.stderr


def test_error_unreadable_inputs(tmp_path):
    for bad in (tmp_path / "missing.csv", tmp_path):
        proc = run(bad, "--input-format", "csv", check=False)
        assert proc.returncode == 1 and b"cannot read" in proc.stderr and b"Traceback" not in proc.stderr
    (tmp_path / "x.weird").write_text("a")
    proc = run(tmp_path / "x.weird", check=False)
    assert proc.returncode == 1 and b"--input-format" in proc.stderr
    (tmp_path / "broken.parquet").write_bytes(b"not parquet at all")
    proc = run(tmp_path / "broken.parquet", check=False)
    assert proc.returncode == 1 and b"Parquet" in proc.stderr and b"Traceback" not in proc.stderr


def test_error_unwritable_output(inputs, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    for target in (tmp_path / "no" / "such" / "dir" / "out.csv", blocker / "out.csv", tmp_path):
        proc = run(inputs["csv"], "-o", target, check=False)
        assert proc.returncode == 1 and b"cannot write" in proc.stderr and b"Traceback" not in proc.stderr
    proc = run(inputs["csv"], "--format", "parquet", check=False)
    assert proc.returncode == 1 and b"needs a file" in proc.stderr


def test_error_parquet_column_not_text(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"text": [1, 2, 3]}), tmp_path / "ints.parquet")
    target = tmp_path / "out.csv"
    proc = run(tmp_path / "ints.parquet", "-o", target, check=False)
    assert proc.returncode == 1 and b"not text" in proc.stderr and b"int64" in proc.stderr
    assert not target.exists()


def test_error_bad_lexicon(inputs, tmp_path):
    lex = tmp_path / "bad.tsv"
    lex.write_text("Blase\tbubble\tviel\tcue\n", encoding="utf-8")
    proc = run(inputs["csv"], "--lexicon", lex, check=False)
    assert proc.returncode == 1 and b"bad.tsv:1" in proc.stderr


def test_failure_midway_leaves_existing_output_untouched(inputs, tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old\n")
    # The second input lacks the column: the run fails after the first input was written to the temp file.
    other = tmp_path / "other.csv"
    other.write_text("inhalt\nx\n")
    proc = run(inputs["csv"], other, "-o", target, check=False)
    assert proc.returncode == 1 and target.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_empty_inputs_give_a_header(tmp_path):
    (tmp_path / "empty.csv").write_text("id,text\n")
    out = read_csv_out(run(tmp_path / "empty.csv", "-q").stdout)
    assert len(out) == 0 and "bubble" in out.columns and "error" in out.columns


def test_demo_and_explain_still_work():
    out = subprocess.run(
        [sys.executable, "-m", "stimmung", "demo"], capture_output=True, text=True, check=True
    )
    assert "strongest cues" in out.stdout
    out = subprocess.run(
        [sys.executable, "-m", "stimmung", "explain", "--colour", "never", "Die Blase platzt."],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "[Blase]" in out.stdout


def test_large_input_streams_with_flat_memory(tmp_path):
    # ~200 MB of CSV: a whole read into pandas would need several times that; streaming stays small.
    path = tmp_path / "big.csv"
    row_texts = [
        t + " " + "Der Markt bewegte sich heute kaum, die Umsätze blieben gering. " * 3 for t in TEXTS
    ]
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "text"])
        n = 0
        while f.tell() < 200 * 1024 * 1024:
            for t in row_texts:
                writer.writerow([n, t])
                n += 1
    target = tmp_path / "big_out.csv"
    # Measured in a fresh parent: RUSAGE_CHILDREN is the peak of all children a process ever waited for.
    probe = (
        "import resource, subprocess, sys\n"
        "subprocess.run([sys.executable, '-m', 'stimmung', 'score', sys.argv[1], '-o', sys.argv[2],"
        " '--id-column', 'id', '--level', 'sentence', '-q'], check=True)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe, str(path), str(target)], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    peak_mb = int(proc.stdout.split()[-1]) / 1024  # ru_maxrss is in KiB on Linux
    assert peak_mb < 300, f"peak RSS {peak_mb:.0f} MB"
    # every record out, in order
    count = 0
    with open(target, encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        i = header.index("id")
        for row in reader:
            assert int(row[i]) == count
            count += 1
    assert count == n
    os.remove(path)


def _stderr_on_a_terminal(args):
    import pty

    master, slave = pty.openpty()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "stimmung", "score", *map(str, args)],
            stdout=subprocess.PIPE,
            stderr=slave,
            check=True,
        )
        os.close(slave)
        chunks = []
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the terminal has no writer left
                break
            if not data:
                break
            chunks.append(data)
        return proc, b"".join(chunks)
    finally:
        os.close(master)


def test_progress_bar_only_on_a_terminal_and_not_when_quiet(inputs):
    _, stderr = _stderr_on_a_terminal([inputs["csv"]])
    assert b"records" in stderr and b"4" in stderr and b"\r" in stderr  # the bar redraws in place
    _, quiet = _stderr_on_a_terminal([inputs["csv"], "--quiet"])
    assert quiet == b""
    piped = run(inputs["csv"])  # stderr is a pipe: the summary only, no bar
    assert b"\r" not in piped.stderr and piped.stderr.startswith(b"stimmung: scored 4 records")


def test_parquet_id_column_keeps_its_integer_type_and_broken_parquet_with_id(inputs, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"n": [5, 6], "text": ["Die Blase platzt.", "Ruhe."]}), tmp_path / "ids.parquet")
    run(tmp_path / "ids.parquet", "--id-column", "n", "-o", tmp_path / "o.parquet", "-q")
    out = pq.read_table(tmp_path / "o.parquet")
    assert out.schema.field("n").type == pa.int64() and out.column("n").to_pylist() == [5, 6]
    (tmp_path / "broken.parquet").write_bytes(b"PAR1 nonsense")
    proc = run(tmp_path / "broken.parquet", "--id-column", "n", check=False)
    assert proc.returncode == 1 and b"Traceback" not in proc.stderr


def test_broken_pipe_is_quiet(inputs, tmp_path):
    big = tmp_path / "many.txt"
    big.write_text("Die Blase platzt.\n" * 50000, encoding="utf-8")
    proc = subprocess.run(
        f"'{sys.executable}' -m stimmung score '{big}' --lines -q | head -n 2",
        shell=True,
        capture_output=True,
    )
    assert (
        len(proc.stdout.splitlines()) == 2
        and b"Traceback" not in proc.stderr
        and b"Broken" not in proc.stderr
    )
