"""Streaming readers and writers behind ``stimmung score``.

Design notes
------------
Readers yield one :class:`Record` per input record and never skip one: a record that cannot be scored
(undecodable bytes, invalid JSON, a value that is not text, a CSV row with the wrong number of fields)
comes out with ``error`` set, so the output has exactly one row per input record, in input order. Only
problems with a whole input (unreadable file, missing column, a Parquet column that is not text) raise
:class:`CliError`. Files are read incrementally (line by line, CSV row by row, Parquet batch by batch),
so memory does not grow with the input.

Writers write to a temporary file beside the target and rename it at the end (:class:`AtomicOutput`):
an interrupted or failed run leaves no output that looks complete.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import sys
import tempfile
from typing import IO, Any, Iterator, NamedTuple, Optional

INPUT_FORMATS = ("txt", "csv", "tsv", "jsonl", "parquet")
OUTPUT_FORMATS = ("csv", "tsv", "jsonl", "parquet")
_EXTENSIONS = {".txt": "txt", ".text": "txt", ".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".jsonl": "jsonl",
               ".ndjson": "jsonl", ".parquet": "parquet", ".pq": "parquet"}


class CliError(Exception):
    """A problem with a whole input or output: reported as one message, exit status 1."""


class Record(NamedTuple):
    id: Any
    text: Optional[str]
    error: Optional[str]


def format_of(path: str, what: str) -> str:
    ext = os.path.splitext(path)[1].lower()
    if ext not in _EXTENSIONS:
        raise CliError(f"cannot tell the format of {what} {path!r} from its extension; "
                       f"use --{'input-' if what == 'input' else ''}format")
    return _EXTENSIONS[ext]


def check_readable(path: str) -> None:
    if path == "-":
        return
    # No test read: the input may be a pipe (process substitution) whose first bytes must not be consumed.
    if os.path.isdir(path):
        raise CliError(f"cannot read {path}: it is a directory")
    if not os.path.exists(path):
        raise CliError(f"cannot read {path}: No such file or directory")
    if not os.access(path, os.R_OK):
        raise CliError(f"cannot read {path}: Permission denied")


def _decode(raw: bytes) -> "tuple[Optional[str], Optional[str]]":
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as e:
        return None, f"not valid UTF-8 ({e.reason} at byte {e.start})"


def _has_surrogates(text: str) -> bool:
    # Text read with errors="surrogateescape" carries undecodable bytes as lone surrogates U+DC80..U+DCFF.
    try:
        text.encode("utf-8")
        return False
    except UnicodeEncodeError:
        return True


def _clean(value: Any) -> Any:
    """An id as it can be written: undecodable bytes (kept as surrogates) become U+FFFD."""
    if isinstance(value, str) and _has_surrogates(value):
        return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return value


def _open_binary(path: str) -> IO[bytes]:
    if path == "-":
        return sys.stdin.buffer
    try:
        return open(path, "rb")
    except OSError as e:
        raise CliError(f"cannot read {path}: {e.strerror or e}") from None


def read_txt_document(path: str) -> Iterator[Record]:
    f = _open_binary(path)
    try:
        raw = f.read()
    except OSError as e:
        raise CliError(f"cannot read {path}: {e.strerror or e}") from None
    finally:
        if f is not sys.stdin.buffer:
            f.close()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    text, error = _decode(raw)
    yield Record(0, text, error)


def read_txt_lines(path: str) -> Iterator[Record]:
    f = _open_binary(path)
    try:
        for i, raw in enumerate(f):
            if i == 0 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            text, error = _decode(raw.rstrip(b"\r\n"))
            yield Record(i, text, error)
    finally:
        if f is not sys.stdin.buffer:
            f.close()


def read_delimited(path: str, delimiter: str, text_column: str, id_column: Optional[str]) -> Iterator[Record]:
    raw = _open_binary(path)
    # surrogateescape keeps undecodable bytes in the row (as lone surrogates) so one bad cell flags its
    # record instead of ending the file.
    f = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="surrogateescape", newline="")
    try:
        csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
        reader = csv.reader(f, delimiter=delimiter)
        try:
            header = next(reader)
        except StopIteration:
            raise CliError(f"{path}: empty file, expected a header row with column {text_column!r}") from None
        except csv.Error as e:
            raise CliError(f"{path}: cannot parse the header row: {e}") from None
        header = [h.strip() for h in header]
        for col in (text_column, id_column):
            if col is not None and col not in header:
                raise CliError(f"{path}: no column {col!r}; columns: {', '.join(header)}")
        ti = header.index(text_column)
        ii = header.index(id_column) if id_column is not None else None
        position = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as e:
                yield Record(None if ii is not None else position, None, f"CSV error: {e}")
                position += 1
                continue
            if not row:  # a blank line is no record
                continue
            rid = position if ii is None else (row[ii] if ii < len(row) else None)
            rid = _clean(rid)
            if len(row) != len(header):
                yield Record(rid, None, f"expected {len(header)} fields, got {len(row)}")
            elif _has_surrogates(row[ti]):
                yield Record(rid, None, "not valid UTF-8")
            else:
                yield Record(rid, row[ti], None)
            position += 1
    except OSError as e:
        raise CliError(f"cannot read {path}: {e.strerror or e}") from None
    finally:
        if raw is sys.stdin.buffer:
            f.detach()
        else:
            f.close()


def _text_of(value: Any) -> "tuple[Optional[str], Optional[str]]":
    if isinstance(value, str):
        return value, None
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None, "missing text"
    if isinstance(value, (bytes, bytearray)):
        return _decode(bytes(value))
    return None, f"text is {type(value).__name__}, not a string"


def read_jsonl(path: str, text_column: str, id_column: Optional[str]) -> Iterator[Record]:
    f = _open_binary(path)
    checked = False
    try:
        position = 0
        for number, raw in enumerate(f, 1):
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():  # a blank line is no record
                continue
            rid: Any = position
            # surrogateescape: a record with undecodable bytes still yields its id; its text is flagged below.
            line = raw.decode("utf-8", "surrogateescape")
            obj = None
            error = None
            try:
                obj = json.loads(line)
            except ValueError as e:
                error = f"invalid JSON on line {number}: {e}"
            if error is None and not isinstance(obj, dict):
                error = f"line {number} is a JSON {type(obj).__name__}, not an object"
                obj = None
            if obj is not None and not checked:
                # The first object decides whether the column exists at all: a wrong --text-column is
                # a usage error, not a file of error rows.
                for col in (text_column, id_column):
                    if col is not None and col not in obj:
                        raise CliError(f"{path}: no column {col!r} in the first record (line {number}); "
                                       f"keys: {', '.join(map(str, obj))}")
                checked = True
            if id_column is not None:
                rid = _clean(obj.get(id_column)) if obj is not None else None
            text = None
            if obj is not None:
                if text_column not in obj:
                    error = f"no field {text_column!r}"
                else:
                    text, error = _text_of(obj[text_column])
                    if text is not None and _has_surrogates(text):
                        text, error = None, "not valid UTF-8"
            yield Record(rid, text, error)
            position += 1
    except OSError as e:
        raise CliError(f"cannot read {path}: {e.strerror or e}") from None
    finally:
        if f is not sys.stdin.buffer:
            f.close()


def parquet_rows(path: str) -> Optional[int]:
    try:
        import pyarrow.parquet as pq

        return pq.ParquetFile(path).metadata.num_rows
    except Exception:
        return None


def _pyarrow():
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise CliError("Parquet needs pyarrow: pip install 'stimmung[parquet]'") from None
    return pyarrow


def read_parquet(path: str, text_column: str, id_column: Optional[str], batch_size: int) -> Iterator[Record]:
    pa = _pyarrow()
    if path == "-":
        raise CliError("Parquet cannot be read from stdin; pass a file")
    try:
        pf = pa.parquet.ParquetFile(path)
    except Exception as e:
        raise CliError(f"cannot read {path} as Parquet: {e}") from None
    schema = pf.schema_arrow
    for col in (text_column, id_column):
        if col is not None and col not in schema.names:
            raise CliError(f"{path}: no column {col!r}; columns: {', '.join(schema.names)}")
    ttype = schema.field(text_column).type
    value_type = ttype.value_type if pa.types.is_dictionary(ttype) else ttype
    if not (pa.types.is_string(value_type) or pa.types.is_large_string(value_type)
            or pa.types.is_binary(value_type) or pa.types.is_large_binary(value_type) or pa.types.is_null(value_type)):
        raise CliError(f"{path}: column {text_column!r} is {ttype}, not text (string or binary)")
    columns = [text_column] + ([id_column] if id_column is not None and id_column != text_column else [])
    position = 0
    try:
        for batch in pf.iter_batches(batch_size=batch_size, columns=columns):
            texts = batch.column(text_column).to_pylist()
            ids = batch.column(id_column).to_pylist() if id_column is not None else None
            for i, value in enumerate(texts):
                text, error = _text_of(value)
                yield Record(ids[i] if ids is not None else position, text, error)
                position += 1
    except OSError as e:
        raise CliError(f"cannot read {path}: {e}") from None


class AtomicOutput:
    """A file written under a temporary name in the target directory and renamed on :meth:`commit`."""

    def __init__(self, path: str) -> None:
        self.path = path
        if os.path.isdir(path):
            raise CliError(f"cannot write {path}: it is a directory")
        directory = os.path.dirname(os.path.abspath(path))
        try:
            fd, self.tmp = tempfile.mkstemp(dir=directory, prefix=f".{os.path.basename(path)}.", suffix=".part")
        except OSError as e:
            raise CliError(f"cannot write {path}: {e.strerror or e}") from None
        self.file: IO[bytes] = os.fdopen(fd, "wb")

    def commit(self) -> None:
        self.file.close()
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(self.tmp, 0o666 & ~umask)  # mkstemp makes 0600; give the output the usual permissions
        try:
            os.replace(self.tmp, self.path)
        except OSError as e:
            self.abort()
            raise CliError(f"cannot write {self.path}: {e.strerror or e}") from None

    def abort(self) -> None:
        try:
            self.file.close()
        except OSError:
            pass
        try:
            os.unlink(self.tmp)
        except OSError:
            pass


def _jsonable(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return _jsonable(value.item())
    if value is not None and type(value).__name__ in ("NAType", "NaTType"):
        return None
    return value


class Writer:
    """Writes chunks of output rows (DataFrames with the same columns) as CSV, TSV, JSONL or Parquet."""

    def __init__(self, stream: IO[bytes], fmt: str, id_name: str, id_is_int: bool,
                 metadata: Optional[dict] = None) -> None:
        self.stream = stream
        self.metadata = metadata or {}  # Parquet key-value metadata (str -> str)
        self.fmt = fmt
        self.id_name = id_name
        self.first = True
        self.id_is_int = id_is_int
        self._parquet = None
        self._schema = None
        self._text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True) \
            if fmt != "parquet" else None

    def write(self, frame) -> None:
        if self.fmt in ("csv", "tsv"):
            frame.to_csv(self._text, sep="," if self.fmt == "csv" else "\t", header=self.first, index=False,
                         lineterminator="\n")
        elif self.fmt == "jsonl":
            columns = list(frame.columns)
            lines = []
            for row in frame.itertuples(index=False, name=None):
                lines.append(json.dumps({c: _jsonable(v) for c, v in zip(columns, row)}, ensure_ascii=False))
            if lines:
                self._text.write("\n".join(lines) + "\n")
        else:
            self._write_parquet(frame)
        self.first = False

    def _write_parquet(self, frame) -> None:
        pa = _pyarrow()
        if self._schema is None:
            fields = []
            for name in frame.columns:
                dtype = frame[name].dtype
                if name == self.id_name:
                    t = pa.int64() if self.id_is_int else pa.string()
                elif name in ("error", "cues", "source", "lexicon"):
                    t = pa.string()
                elif str(dtype) == "Int64" or name in ("n_cues", "n_sentences"):
                    t = pa.int64()
                else:
                    t = pa.float64()
                fields.append(pa.field(str(name), t))
            self._schema = pa.schema(fields, metadata=self.metadata or None)
            self._parquet = pa.parquet.ParquetWriter(self.stream, self._schema)
        arrays = []
        for field in self._schema:
            values = frame[field.name]
            if pa.types.is_string(field.type):
                values = [None if _jsonable(v) is None else str(v) for v in values]
            else:
                values = [_jsonable(v) for v in values]
            arrays.append(pa.array(values, type=field.type))
        self._parquet.write_table(pa.Table.from_arrays(arrays, schema=self._schema))

    def close(self, empty_frame=None) -> None:
        if self.first and empty_frame is not None:
            self.write(empty_frame)  # header (or schema) of an empty result
        if self._parquet is not None:
            self._parquet.close()
        if self._text is not None:
            self._text.flush()
            self._text.detach()
        self.stream.flush()
