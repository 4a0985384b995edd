"""`stimmung score` warns when an input has an id column that --id-column does not name.

Without --id-column the output's id column holds record positions, so an input's own ids would be dropped
without a word. The check is case-insensitive ('id', 'ID', 'Id'): such a column is an id whatever its case.
"""

import io
import json
import subprocess
import sys

import pandas as pd
import pytest

TEXTS = ["Die Anleger sind nervös.", "Die KI-Blase könnte bald platzen."]


def run(*args, input=None):
    proc = subprocess.run([sys.executable, "-m", "stimmung", "score", *map(str, args)], input=input,
                          capture_output=True, check=False)
    assert proc.returncode == 0, proc.stderr.decode()
    return proc


def warnings(proc) -> list[str]:
    return [line for line in proc.stderr.decode().splitlines() if "warning" in line]


def write(path, fmt, columns):
    frame = pd.DataFrame(columns)
    if fmt == "csv":
        frame.to_csv(path, index=False)
    elif fmt == "tsv":
        frame.to_csv(path, index=False, sep="\t")
    elif fmt == "jsonl":
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in frame.to_dict("records")),
                        encoding="utf-8")
    else:
        frame.to_parquet(path, index=False)
    return path


@pytest.mark.parametrize(("fmt", "name"), [("csv", "id"), ("tsv", "ID"), ("jsonl", "Id"), ("parquet", "id")])
def test_an_id_column_without_id_column_option_gives_one_warning_line(tmp_path, fmt, name):
    path = write(tmp_path / f"in.{fmt}", fmt, {name: ["a", "b"], "text": TEXTS})
    proc = run(path, "-q")
    assert warnings(proc) == [
        f"stimmung score: warning: {path} has an {name!r} column; pass --id-column {name} to carry it into "
        f"the output (without it the output's 'id' column holds record positions)"
    ]
    assert pd.read_csv(io.BytesIO(proc.stdout))["id"].tolist() == [0, 1]  # output unchanged


def test_no_warning_when_id_column_is_given_or_there_is_none(tmp_path):
    with_id = write(tmp_path / "with_id.csv", "csv", {"id": ["a", "b"], "text": TEXTS})
    assert warnings(run(with_id, "--id-column", "id")) == []
    without = write(tmp_path / "without.jsonl", "jsonl", {"doc": ["a", "b"], "text": TEXTS})
    assert warnings(run(without)) == []
    # "id" as the text column is no forgotten id; "identifier" or "uid" is not "id".
    assert warnings(run(write(tmp_path / "t.csv", "csv", {"id": TEXTS}), "--text-column", "id")) == []
    similar = write(tmp_path / "u.csv", "csv", {"uid": [1, 2], "identifier": [3, 4], "text": TEXTS})
    assert warnings(run(similar)) == []
    lines = tmp_path / "lines.txt"
    lines.write_text("id\n" + "\n".join(TEXTS) + "\n", encoding="utf-8")  # text has no columns
    assert warnings(run(lines, "--lines")) == []


def test_warning_once_per_run_also_for_stdin_and_inputs_without_records(tmp_path):
    a = write(tmp_path / "a.csv", "csv", {"id": ["a", "b"], "text": TEXTS})
    b = write(tmp_path / "b.csv", "csv", {"id": ["c", "d"], "text": TEXTS})
    assert len(warnings(run(a, b))) == 1
    header_only = tmp_path / "empty.csv"
    header_only.write_text("id,text\n", encoding="utf-8")
    assert len(warnings(run(header_only))) == 1
    stdin = run("-", "--input-format", "csv", input=a.read_bytes())
    assert warnings(stdin)[0].startswith("stimmung score: warning: stdin has an 'id' column")
