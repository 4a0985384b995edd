"""Fault injection for `stimmung score`: hostile inputs x formats, odd output targets, signals.

Every case states its expected outcome in a table and checks the record accounting: records in (what the
input holds, error records included) = rows out (in the output) = the numbers in the summary line.

Device targets are private device nodes made with mknod in tmp_path where possible, so a regression
(renaming a file over the target) cannot replace the machine's /dev/null or /dev/full.
"""

import io
import json
import os
import re
import signal
import stat
import subprocess
import sys
import threading
import time

import pandas as pd
import pytest
from stimmung import cli

GOOD = ["Die KI-Blase könnte bald platzen.", "Die Anleger sind nervös.", "Der Umsatz stieg."]
SUMMARY = re.compile(rb"stimmung: scored (\d+) records in, (\d+) rows out, (\d+) error rows?")


# --- hostile records x input formats ------------------------------------------------------------------

def _csv(bad: bytes, sep: bytes = b",") -> bytes:
    rows = [b"id" + sep + b"text", b"1" + sep + GOOD[0].encode(), b"2" + sep + bad,
            b"3" + sep + GOOD[1].encode(), b"4" + sep + GOOD[2].encode()]
    return b"\n".join(rows) + b"\n"


def _jsonl(bad: bytes) -> bytes:
    lines = [
        json.dumps({"id": 1, "text": GOOD[0]}).encode(),
        bad,
        json.dumps({"id": 3, "text": GOOD[1]}).encode(),
        json.dumps({"id": 4, "text": GOOD[2]}).encode(),
    ]
    return b"\n".join(lines) + b"\n"


def _txt(bad: bytes) -> bytes:
    return b"\n".join([GOOD[0].encode(), bad, GOOD[1].encode(), GOOD[2].encode()]) + b"\n"


DEEP = b"[" * 100_000 + b"]" * 100_000

# (format, bad-record class) -> (input bytes, records in, error rows)
# A "bad" record that is ordinary for a format (a quote in TSV or plain text, NUL) must come out scored.
CASES = {
    ("txt", "invalid_utf8"): (_txt(b"Panik \xff\xfe an der B\xf6rse"), 4, 1),
    ("txt", "nul"): (_txt(b"Die Blase\x00platzt."), 4, 0),
    ("txt", "unclosed_quote"): (_txt(b'"Die Blase platzt, sagt er.'), 4, 0),
    ("txt", "ragged"): (_txt(b"a,b,c\td"), 4, 0),
    ("txt", "deep_json"): (_txt(DEEP), 4, 0),
    ("csv", "invalid_utf8"): (_csv(b"Panik \xff an der B\xf6rse"), 4, 1),
    ("csv", "nul"): (_csv(b"Die Blase\x00platzt."), 4, 0),
    # The quote never closes: before, it swallowed records 3 and 4 (4 in, 2 out, no error).
    ("csv", "unclosed_quote"): (_csv(b'"Die Anleger sind nerv\xc3\xb6s.'), 4, 1),
    # A closing quote followed by text: strict CSV rejects the record instead of mangling it.
    ("csv", "stray_quote"): (_csv(b'"Er sagte "Hallo" und ging"'), 4, 1),
    ("csv", "ragged"): (_csv(b'zu,viele,"Felder"'), 4, 1),
    ("csv", "deep_json"): (_csv(DEEP), 4, 0),
    ("tsv", "invalid_utf8"): (_csv(b"Panik \xff", b"\t"), 4, 1),
    ("tsv", "nul"): (_csv(b"Die Blase\x00platzt.", b"\t"), 4, 0),
    # TSV has no quoting: a headline that starts with a quote is text (before: it swallowed the rest).
    ("tsv", "unclosed_quote"): (_csv(b'"Die Blase" platzt, sagt er.', b"\t"), 4, 0),
    ("tsv", "ragged"): (_csv(b"zu\tviele\tFelder", b"\t"), 4, 1),
    ("jsonl", "invalid_utf8"): (_jsonl(b'{"id": 2, "text": "Panik \xff"}'), 4, 1),
    ("jsonl", "nul"): (_jsonl(b'{"id": 2, "text": "Die Blase\\u0000platzt."}'), 4, 0),
    ("jsonl", "raw_nul"): (_jsonl(b'{"id": 2, "text": "Die Blase\x00platzt."}'), 4, 1),
    ("jsonl", "unclosed_quote"): (_jsonl(b'{"id": 2, "text": "Die Blase}'), 4, 1),
    ("jsonl", "ragged"): (_jsonl(b'{"id": 2}'), 4, 1),
    # Before: RecursionError traceback, no output at all.
    ("jsonl", "deep_json"): (_jsonl(b'{"id": 2, "text": ' + DEEP + b"}"), 4, 1),
    ("jsonl", "deep_id"): (
        _jsonl(b'{"id": ' + b'{"a": ' * 500 + b"1" + b"}" * 500 + b', "text": "Ruhe."}'),
        4,
        0,
    ),
    ("jsonl", "non_string"): (_jsonl(b'{"id": 2, "text": 42}'), 4, 1),
    ("jsonl", "wrong_type"): (_jsonl(b'{"id": [1, {"x": 2}], "text": {"nested": "Die Blase"}}'), 4, 1),
}


def _parquet_case(tmp_path, kind):
    import pyarrow as pa
    import pyarrow.parquet as pq

    texts = [GOOD[0].encode(), None, GOOD[1].encode(), GOOD[2].encode()]
    errors = 1
    if kind == "invalid_utf8":  # a *string* column whose bytes are not UTF-8 (Arrow does not check on read)
        texts[1] = b"Panik \xff an der B\xf6rse"
        column = pa.array(texts, pa.binary()).view(pa.string())
    elif kind == "nul":
        texts[1] = b"Die Blase\x00platzt."
        column = pa.array([t.decode() for t in texts])
        errors = 0
    elif kind == "unclosed_quote":
        texts[1] = b'"Die Blase platzt.'
        column = pa.array([t.decode() for t in texts])
        errors = 0
    elif kind == "non_string":  # binary text column: decoded per value; the null is the error
        column = pa.array(texts, pa.binary())
    elif kind == "wrong_type":  # a dictionary-encoded large_string column with invalid UTF-8
        texts[1] = b"\xff\xfe"
        column = pa.array(texts, pa.large_binary()).view(pa.large_string()).dictionary_encode()
    else:
        raise AssertionError(kind)
    path = tmp_path / "in.parquet"
    pq.write_table(pa.table({"id": [1, 2, 3, 4], "text": column}), path)
    return path, 4, errors


PARQUET_KINDS = ["invalid_utf8", "nul", "unclosed_quote", "non_string", "wrong_type"]


def run_inprocess(args, capsys):
    code = cli.main(["score", *map(str, args)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def check_accounting(stderr: bytes, rows_out: int, records_in: int, errors: int):
    m = SUMMARY.search(stderr)
    assert m, stderr
    assert (int(m[1]), int(m[2]), int(m[3])) == (records_in, rows_out, errors), stderr
    assert rows_out == records_in


@pytest.mark.parametrize("fmt,kind", list(CASES) + [("parquet", k) for k in PARQUET_KINDS])
@pytest.mark.parametrize("out_fmt", ["csv", "jsonl", "parquet"])
def test_hostile_record_gives_one_error_row_and_the_rest_are_scored(tmp_path, capsys, fmt, kind, out_fmt):
    if fmt == "parquet":
        src, n_in, n_err = _parquet_case(tmp_path, kind)
    else:
        data, n_in, n_err = CASES[(fmt, kind)]
        src = tmp_path / f"in.{fmt}"
        src.write_bytes(data)
    target = tmp_path / f"out.{out_fmt}"
    args = [src, "-o", target, "--level", "sentence"]
    if fmt != "txt":
        args += ["--id-column", "id"]
    else:
        args += ["--lines"]
    code, _, err = run_inprocess(args, capsys)
    assert code == 0, err
    out = {"csv": pd.read_csv, "jsonl": lambda p: pd.read_json(p, lines=True), "parquet": pd.read_parquet}[
        out_fmt
    ](target)
    check_accounting(err.encode(), len(out), n_in, n_err)
    assert out["error"].notna().sum() == n_err
    assert out.loc[out["error"].notna(), "bubble"].isna().all()  # error rows have no scores
    assert out["bubble"].iloc[0] >= 0.5 and out["nervousness"].iloc[-2] >= 0.5  # the good ones are scored
    if fmt != "txt" and kind not in ("wrong_type", "deep_id"):
        ids = [str(i).replace(".0", "") for i in out["id"]]
        if fmt == "jsonl" and kind in ("raw_nul", "unclosed_quote", "deep_json"):
            ids[1] = "2"  # the record is not JSON, so its id cannot be known; its position is kept
        assert ids == ["1", "2", "3", "4"]  # the bad record is named by its id
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_unclosed_quote_in_csv_costs_one_record_even_at_the_last_line(tmp_path, capsys):
    src = tmp_path / "in.csv"
    src.write_bytes(b'id,text\n1,Die Blase platzt.\n2,Ruhe.\n3,"offen\n')
    code, out, err = run_inprocess([src, "--id-column", "id", "-q"], capsys)
    got = pd.read_csv(io.StringIO(out))
    assert (
        code == 0
        and got["id"].tolist() == [1, 2, 3]
        and got["error"].notna().tolist() == [False, False, True]
    )
    assert "unexpected end of data" in got["error"].iloc[2]
    # A legitimate quoted field over several lines is still one record.
    src.write_bytes(b'id,text\n1,"Die Blase\nplatzt, ""sagt"" er."\n2,Ruhe.\n')
    code, out, _ = run_inprocess([src, "--id-column", "id", "-q"], capsys)
    got = pd.read_csv(io.StringIO(out))
    assert code == 0 and got["id"].tolist() == [1, 2] and got["error"].isna().all()


# --- Parquet id columns of every type --------------------------------------------------------------


def _id_columns():
    import datetime as dt
    import decimal

    import pyarrow as pa

    return {
        "timestamp_tz": pa.array(
            [dt.datetime(2024, 1, 1, 12, tzinfo=dt.timezone.utc)] * 3, pa.timestamp("us", "UTC")
        ),
        "timestamp_far": pa.array([253402300799 * 10**6 * 5] * 3, pa.int64()).cast(
            pa.timestamp("us"), safe=False
        ),
        "date": pa.array([dt.date(2024, 1, 1)] * 3),
        "duration": pa.array([1, 2, 3], pa.duration("s")),
        "decimal": pa.array([decimal.Decimal("1.50")] * 3, pa.decimal128(5, 2)),
        "list": pa.array([[1, 2], [], None]),
        "struct": pa.array([{"a": 1, "b": "x"}, {"a": 2, "b": None}, None]),
        "map": pa.array([[("k", 1)], [], None], pa.map_(pa.string(), pa.int64())),
        "binary": pa.array([b"\xff\x00", b"ok", None]),
        "invalid_utf8_string": pa.array([b"\xff", b"ok", None], pa.binary()).view(pa.string()),
        "dictionary": pa.array(["a", "b", "a"]).dictionary_encode(),
        "uint64": pa.array([2**64 - 1, 0, 1], pa.uint64()),
        "bool": pa.array([True, False, None]),
        "float": pa.array([1.5, float("nan"), None]),
    }


@pytest.mark.parametrize("id_type", list(_id_columns()))
@pytest.mark.parametrize("out_fmt", ["csv", "jsonl", "parquet"])
def test_parquet_id_column_of_any_type_is_written(tmp_path, capsys, id_type, out_fmt):
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"key": _id_columns()[id_type], "text": GOOD}), tmp_path / "in.parquet")
    target = tmp_path / f"out.{out_fmt}"
    code, _, err = run_inprocess([tmp_path / "in.parquet", "--id-column", "key", "-o", target], capsys)
    assert code == 0, err
    out = {"csv": pd.read_csv, "jsonl": lambda p: pd.read_json(p, lines=True), "parquet": pd.read_parquet}[
        out_fmt
    ](target)
    check_accounting(err.encode(), len(out), 3, 0)
    assert out["bubble"].iloc[0] >= 0.5


# --- output targets ---------------------------------------------------------------------------------

INPUT = _csv(b'"offen, nie geschlossen')  # 4 records, 1 error row (and the rest scored)


def run(*args, **kwargs):
    return subprocess.run(
        [sys.executable, "-m", "stimmung", "score", *map(str, args)], capture_output=True, **kwargs
    )


def _device(tmp_path, name, minor):
    """A private character device equal to /dev/<name>: a regression cannot replace the real one."""
    path = tmp_path / name
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, minor))
        return path
    except (PermissionError, OSError):
        if os.geteuid() == 0:
            pytest.skip("cannot mknod here, and root must not risk the real device")
        return f"/dev/{name}"


def _rows(csv_bytes: bytes) -> int:
    return len(pd.read_csv(io.BytesIO(csv_bytes)))


def _target_regular(tmp_path, src):
    target = tmp_path / "out.csv"
    proc = run(src, "-o", target)
    assert proc.returncode == 0, proc.stderr
    return proc, _rows(target.read_bytes())


def _target_existing_0640(tmp_path, src):
    target = tmp_path / "out.csv"
    target.write_text("old\n")
    os.chmod(target, 0o640)
    proc = run(src, "-o", target)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o640  # before: reset to 0644
    return proc, _rows(target.read_bytes())


def _target_dev_null(tmp_path, src):
    null = _device(tmp_path, "null", 3)
    proc = run(src, "-o", null)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_ISCHR(os.stat(null).st_mode)  # before (as root): replaced by a regular file
    return proc, None


def _target_fifo(tmp_path, src):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(open(fifo, "rb").read()), daemon=True)
    reader.start()
    proc = run(src, "-o", fifo, timeout=120)
    reader.join(60)
    assert not reader.is_alive(), "the reader of the FIFO is still waiting"  # before: for ever
    assert proc.returncode == 0, proc.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    return proc, _rows(got[0])


def _target_dev_stdout(tmp_path, src):
    proc = run(src, "-o", "/dev/stdout")
    assert proc.returncode == 0, proc.stderr
    return proc, _rows(proc.stdout)  # before: nothing on stdout


def _target_dev_full(tmp_path, src):
    full = _device(tmp_path, "full", 7)
    proc = run(src, "-o", full)
    assert proc.returncode == 1  # before: exit 0
    # One line for the error, besides the warning that the input's 'id' column is not --id-column.
    errors = [line for line in proc.stderr.splitlines() if b": warning: " not in line]
    assert len(errors) == 1 and b"No space left on device" in errors[0], proc.stderr
    assert stat.S_ISCHR(os.stat(full).st_mode)
    return proc, None


def _target_same_as_input(tmp_path, src):
    before = src.read_bytes()
    for alias in (src, tmp_path / "link.csv", tmp_path / "hard.csv"):
        if alias.name == "link.csv":
            alias.symlink_to(src)
        elif alias.name == "hard.csv":
            os.link(src, alias)
        proc = run(src, "-o", alias)
        assert proc.returncode == 2, proc.stderr  # before: exit 0 and the input replaced by scores
        assert proc.stderr.count(b"\n") == 1 and b"same file as the input" in proc.stderr
        assert src.read_bytes() == before
    with open(src, "ab") as out:  # stdout appended to the input: would read what it writes
        proc = subprocess.run(
            [sys.executable, "-m", "stimmung", "score", str(src)], stdout=out, stderr=subprocess.PIPE
        )
    assert proc.returncode == 2 and src.read_bytes() == before
    return None, None


TARGETS = {
    "regular": _target_regular,
    "existing_0640": _target_existing_0640,
    "dev_null": _target_dev_null,
    "fifo_with_reader": _target_fifo,
    "dev_stdout": _target_dev_stdout,
    "dev_full": _target_dev_full,
    "same_as_input": _target_same_as_input,
}


@pytest.mark.parametrize("target", list(TARGETS))
def test_output_target(tmp_path, target):
    src = tmp_path / "in.csv"
    src.write_bytes(INPUT)
    proc, rows = TARGETS[target](tmp_path, src)
    if proc is not None and proc.returncode == 0:
        check_accounting(proc.stderr, 4 if rows is None else rows, 4, 1)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_stale_parts_of_this_tool_are_removed_and_others_kept(tmp_path):
    src = tmp_path / "in.csv"
    src.write_bytes(INPUT)
    old = tmp_path / ".stimmung-out.csv.k3j4h5g6.part"
    fresh = tmp_path / ".stimmung-out.csv.a1b2c3d4.part"
    foreign = tmp_path / ".out.csv.zzzzzzzz.part"
    for p in (old, fresh, foreign):
        p.write_text("x")
    two_days_ago = time.time() - 2 * 86400
    os.utime(old, (two_days_ago, two_days_ago))
    os.utime(foreign, (two_days_ago, two_days_ago))
    assert run(src, "-o", tmp_path / "out.csv", "-q").returncode == 0
    assert not old.exists() and fresh.exists() and foreign.exists()


# --- signals ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def large_input(tmp_path_factory):
    path = tmp_path_factory.mktemp("large") / "big.txt"
    line = (
        "Die KI-Blase könnte bald platzen, warnen Analysten, und die Anleger sind nervös. " * 4 + "\n"
    ).encode()
    with open(path, "wb") as f:
        for _ in range(240_000):  # ~80 MB: still running when the signal comes, even on a quiet machine
            f.write(line)
    return path


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_signal_during_a_run_removes_the_temporary_file(tmp_path, large_input, sig):
    target = tmp_path / "out.csv"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "stimmung",
            "score",
            str(large_input),
            "--lines",
            "-o",
            str(target),
            "--threads",
            "1",
            "-q",
        ],
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while not any(p.name.endswith(".part") for p in tmp_path.iterdir()):  # writing has begun
        assert proc.poll() is None and time.monotonic() < deadline, "the run ended before the signal"
        time.sleep(0.02)
    time.sleep(0.2)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + sig, err  # before: killed by TERM/HUP, the part left behind
    assert b"Traceback" not in err and err.count(b"\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no part, and no output that looks complete
