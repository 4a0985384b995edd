"""Fuzzing the CSV, TSV and JSONL readers (python/stimmung/_io.py) with random bytes (hypothesis; libFuzzer
cannot drive Python, and atheris would be a new dependency): whatever the bytes, a reader yields records
or fails the whole input with CliError, never another exception, and it never loses or merges a record
silently. STIMMUNG_FUZZ_EXAMPLES sets the examples per target (default 100; scripts/fuzz-campaign.sh
runs many more)."""
import csv
import io
import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stimmung import _io

EXAMPLES = int(os.environ.get("STIMMUNG_FUZZ_EXAMPLES", "100"))
fuzz = settings(max_examples=EXAMPLES, deadline=None, derandomize=False,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# Bytes biased toward what the parsers care about: quotes, delimiters, line ends, BOM, NUL, invalid UTF-8.
SPECIAL = [b'"', b",", b"\t", b"\n", b"\r", b"\r\n", b"\xef\xbb\xbf", b"\x00", b"\xff", b"\xc3", b"\xc3\xa4",
           b"{", b"}", b"[", b"]", b":", b"\\", b'"text"', b'"id"', b" ", b"x", b"\xe2\x80\xa8", b"\x0b"]
chunks = st.lists(st.one_of(st.sampled_from(SPECIAL), st.binary(max_size=8)), max_size=60).map(b"".join)


def _read(tmp_path, data: bytes, fmt: str):
    path = tmp_path / f"in.{fmt}"
    path.write_bytes(data)
    try:
        if fmt == "jsonl":
            return list(_io.read_jsonl(str(path), "text", "id"))
        return list(_io.read_delimited(str(path), "," if fmt == "csv" else "\t", "text", None))
    except _io.CliError:
        return None  # the whole input refused with one line: allowed


def _check_records(records):
    for r in records:
        assert (r.text is None) != (r.error is None), r  # text or an error, never both or neither
        if r.text is not None:
            assert isinstance(r.text, str)
            r.text.encode("utf-8")  # scoreable: no lone surrogates


def _lines(data: bytes, universal: bool):
    text = data.decode("utf-8", "surrogateescape")
    if text.startswith("\ufeff"):
        text = text[1:]
    if universal:  # what TextIOWrapper(newline="") and csv count as line ends
        return io.StringIO(text, newline="").readlines()
    return data.split(b"\n")


@fuzz
@given(data=chunks)
def test_tsv_every_line_is_one_record(tmp_path_factory, data):
    records = _read(tmp_path_factory.mktemp("tsv"), b"text\tid\n" + data, "tsv")
    assert records is not None
    _check_records(records)
    lines = [ln for ln in _lines(b"text\tid\n" + data, universal=True) if ln.rstrip("\r\n") != ""]
    assert len(records) == len(lines) - 1  # records in (non-blank lines after the header) = rows out


@fuzz
@given(data=chunks)
def test_csv_never_swallows_records(tmp_path_factory, data):
    full = b"text,id\n" + data
    records = _read(tmp_path_factory.mktemp("csv"), full, "csv")
    assert records is not None
    _check_records(records)
    lines = [ln for ln in _lines(full, universal=True) if ln.rstrip("\r\n") != ""]
    if '"' not in full.decode("utf-8", "surrogateescape"):
        assert len(records) == len(lines) - 1
    # A quoted field may span lines, so there may be fewer records than lines, but never more, and
    # never none when there are lines.
    assert len(records) <= len(lines) - 1
    assert (len(records) == 0) == (len(lines) <= 1)


@fuzz
@given(rows=st.lists(st.tuples(st.text(max_size=30), st.text(max_size=10)), max_size=20))
def test_csv_round_trip_of_well_formed_files(tmp_path_factory, rows):
    rows = [(t, i) for t, i in rows if "\x00" not in t + i]
    buf = io.StringIO(newline="")
    writer = csv.writer(buf)  # lineterminator \r\n: fields holding \r or \n are quoted
    writer.writerow(["text", "id"])
    writer.writerows(rows)
    data = buf.getvalue().encode("utf-8", "surrogatepass")
    records = _read(tmp_path_factory.mktemp("csvok"), data, "csv")
    assert records is not None
    _check_records([r for r in records if r.error is None])
    expected = rows  # every written row is one record (("", "") is written as ",")
    assert len(records) == len(expected)
    for rec, (text, _) in zip(records, expected):
        if rec.error is None:
            assert rec.text == text


@fuzz
@given(data=chunks)
def test_jsonl_every_nonblank_line_is_one_record(tmp_path_factory, data):
    full = b'{"text": "a", "id": 1}\n' + data
    records = _read(tmp_path_factory.mktemp("jsonl"), full, "jsonl")
    assert records is not None
    _check_records(records)
    raw = full.split(b"\n")
    if raw and raw[-1] == b"":
        raw = raw[:-1]
    lines = [ln for ln in raw if ln.strip()]
    assert len(records) == len(lines)


@fuzz
@given(obj=st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
                        lambda kids: st.lists(kids, max_size=3) | st.dictionaries(st.text(max_size=5), kids,
                                                                                  max_size=3),
                        max_leaves=20),
       depth=st.integers(0, 3000))
def test_jsonl_any_value_any_depth_is_one_record(tmp_path_factory, obj, depth):
    line = '{"id": ' + "[" * depth + json.dumps(obj) + "]" * depth + ', "text": ' + json.dumps(obj) + "}"
    records = _read(tmp_path_factory.mktemp("deep"), b'{"text": "a", "id": 1}\n' + line.encode(), "jsonl")
    assert records is not None and len(records) == 2
    _check_records(records)
