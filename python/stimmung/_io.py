"""Streaming readers and writers behind ``stimmung score``.

Design notes
------------
Readers yield one :class:`Record` per input record and never skip one: a record that cannot be scored
(undecodable bytes, invalid JSON, a value that is not text, a CSV row with the wrong number of fields)
comes out with ``error`` set, so the output has exactly one row per input record, in input order. Any
exception while decoding one record (JSON nested too deeply, a Parquet value of an odd type, invalid
UTF-8 in an Arrow string) is caught for that record alone. Only problems with a whole input (unreadable
file, missing column, a Parquet column that is not text) raise :class:`CliError`. Files are read
incrementally (line by line, CSV row by row, Parquet batch by batch), so memory does not grow with the
input. CSV is parsed strictly and TSV without quoting (see :func:`read_delimited`), so a stray quote
can never merge records silently.

A regular output file is written under a temporary name beside the target and renamed at the end
(:class:`AtomicOutput`): an interrupted or failed run leaves no output that looks complete. Anything
else (a device, a named pipe, /dev/stdout) is written in place (:class:`DirectOutput`): renaming over
it would replace the device or pipe instead of writing to it.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import re
import stat
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from typing import IO, Any, NamedTuple

from ._core import MAX_TEXT_BYTES
from .schema import Column, arrow_schema, names

INPUT_FORMATS = ("txt", "csv", "tsv", "jsonl", "parquet")
OUTPUT_FORMATS = ("csv", "tsv", "jsonl", "parquet")
_EXTENSIONS = {".txt": "txt", ".text": "txt", ".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".jsonl": "jsonl",
               ".ndjson": "jsonl", ".parquet": "parquet", ".pq": "parquet"}


class CliError(Exception):
    """A problem with a whole input or output: reported as one message, exit status 1."""


class Record(NamedTuple):
    id: Any
    text: str | None
    error: str | None


class InputInfo:
    """What a reader learns about its input while it reads, for the CLI's progress line and warnings.

    ``file`` is the binary file it reads (its position is how far the input is read), ``columns`` the
    input's column names (the CSV/TSV header, the first JSON object's keys, the Parquet schema), and
    ``declared`` the number of records a Parquet file declares in its metadata."""

    def __init__(self) -> None:
        self.file: IO[bytes] | None = None
        self.columns: list[str] | None = None
        self.declared: int | None = None

    def position(self) -> int | None:
        """Bytes of the file read so far; None before it is opened, after it is closed and for a pipe."""
        if self.file is None:
            return None
        try:
            return self.file.tell()
        except (OSError, ValueError):  # a pipe cannot tell; a closed file raises ValueError
            return None


def input_size(path: str) -> int | None:
    """The size in bytes of an input that is a regular file (stdin too, when redirected from one), else
    None: a pipe or a device has no size to measure progress against."""
    try:
        st = os.fstat(sys.stdin.fileno()) if path == "-" else os.stat(path)
    except (OSError, ValueError, AttributeError):
        return None
    return st.st_size if stat.S_ISREG(st.st_mode) else None


def text_size_error(text: str, limit: int | None = None) -> str | None:
    """Why ``text`` cannot be scored because of its size (more than ``limit`` bytes of UTF-8, by default
    :data:`stimmung.MAX_TEXT_BYTES`), or None. Only a text of over a quarter of the limit in code points
    is encoded to measure it."""
    if limit is None:
        limit = MAX_TEXT_BYTES
    if len(text) <= limit // 4:  # at most 4 bytes per code point
        return None
    size = len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))
    if size <= limit:
        return None
    return (f"text is {size} bytes of UTF-8; stimmung scores texts of at most {limit} bytes "
            f"(MAX_TEXT_BYTES): split it first")


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


def _decode(raw: bytes) -> tuple[str | None, str | None]:
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


def read_txt_document(path: str, info: InputInfo | None = None) -> Iterator[Record]:
    f = _open_binary(path)
    if info is not None:
        info.file = f
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


def read_txt_lines(path: str, info: InputInfo | None = None) -> Iterator[Record]:
    f = _open_binary(path)
    if info is not None:
        info.file = f
    try:
        for i, raw in enumerate(f):
            if i == 0 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            text, error = _decode(raw.rstrip(b"\r\n"))
            yield Record(i, text, error)
    finally:
        if f is not sys.stdin.buffer:
            f.close()


class _Lines:
    """The physical lines of a text stream, numbered from 1, with push-back.

    The CSV reader pulls lines from here; when a record fails (a quote that runs past its record), the
    lines it swallowed after its first one are pushed back and read again as records of their own."""

    def __init__(self, f: IO[str]) -> None:
        self._f = f
        self._pending: list[tuple[int, str]] = []  # a stack: the next line is at the end
        self.taken: list[tuple[int, str]] = []  # the lines of the record being read
        self.read = 0  # lines read from the stream

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self._pending:
            item = self._pending.pop()
        else:
            line = next(self._f)  # StopIteration ends the input
            self.read += 1
            item = (self.read, line)
        self.taken.append(item)
        return item[1]

    def push_back(self, items: list[tuple[int, str]]) -> None:
        self._pending.extend(reversed(items))


def _one_line(message: object) -> str:
    return " ".join(str(message).split())


class Parsed(NamedTuple):
    """One record of a delimited file: its fields, or the reason it has none; where it starts."""

    fields: list[str] | None
    error: str | None
    line: int  # number of its first physical line, from 1
    first_line: str  # its first physical line (to guess the id of a record that failed)


def parse_delimited(f: IO[str], delimiter: str) -> Iterator[Parsed]:
    """The records of CSV (RFC 4180, parsed strictly) or TSV (no quoting at all), the header first.

    CSV: a quoted field may span lines, but a quote that is still open at the end of the file, or a
    closing quote followed by anything but a delimiter or line end, makes its record an error; the lines
    after that record's first line are then read again as records of their own, so one stray quote costs
    one record, never the rest of the file. (Each such failure re-reads what it swallowed: many unclosed
    quotes in one large file cost time quadratic in their number, never a lost record.) TSV has no
    quoting convention (a headline may well start with a quote): every line is one record and quotes are
    ordinary characters. Blank lines are no records."""
    lines = _Lines(f)
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    if delimiter == "\t":
        reader = csv.reader(lines, delimiter=delimiter, quoting=csv.QUOTE_NONE)
    else:
        reader = csv.reader(lines, delimiter=delimiter, strict=True)
    while True:
        lines.taken = []
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            first, rest = lines.taken[0], lines.taken[1:]
            lines.push_back(rest)
            where = f"line {first[0]}" if not rest else f"lines {first[0]}-{rest[-1][0]}"
            cut = "; the record was cut to its first line" if rest else ""
            yield Parsed(None, f"CSV error on {where}: {e}{cut}", first[0], first[1])
            continue
        if row:
            yield Parsed(row, None, lines.taken[0][0], lines.taken[0][1])


def read_delimited(path: str, delimiter: str, text_column: str, id_column: str | None,
                   info: InputInfo | None = None) -> Iterator[Record]:
    """CSV or TSV as :class:`Record` s; see :func:`parse_delimited` for how quotes are treated."""
    raw = _open_binary(path)
    if info is not None:
        info.file = raw
    # surrogateescape keeps undecodable bytes in the row (as lone surrogates) so one bad cell flags its
    # record instead of ending the file.
    f = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="surrogateescape", newline="")
    try:
        records = parse_delimited(f, delimiter)
        head = next(records, None)
        if head is None:
            raise CliError(f"{path}: empty file, expected a header row with column {text_column!r}")
        if head.fields is None:
            raise CliError(f"{path}: cannot parse the header row: {head.error}")
        header = [h.strip() for h in head.fields]
        if info is not None:
            info.columns = header
        for col in (text_column, id_column):
            if col is not None and col not in header:
                raise CliError(f"{path}: no column {col!r}; columns: {', '.join(header)}")
        ti = header.index(text_column)
        ii = header.index(id_column) if id_column is not None else None
        for position, rec in enumerate(records):
            row = rec.fields
            if row is None:
                row = next(csv.reader([rec.first_line], delimiter=delimiter), [])  # lenient: only for the id
            rid: Any = position if ii is None else (_clean(row[ii]) if ii < len(row) else None)
            if rec.error is not None:
                yield Record(rid, None, rec.error)
            elif len(row) != len(header):
                yield Record(rid, None, f"expected {len(header)} fields, got {len(row)} (line {rec.line})")
            elif _has_surrogates(row[ti]):
                yield Record(rid, None, "not valid UTF-8")
            else:
                yield Record(rid, row[ti], None)
    except OSError as e:
        raise CliError(f"cannot read {path}: {e.strerror or e}") from None
    finally:
        if raw is sys.stdin.buffer:
            f.detach()
        else:
            f.close()


def _text_of(value: Any) -> tuple[str | None, str | None]:
    if isinstance(value, str):
        return value, None
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None, "missing text"
    if isinstance(value, (bytes, bytearray)):
        return _decode(bytes(value))
    return None, f"text is {type(value).__name__}, not a string"



def id_value(value: Any) -> Any:
    """An id as every writer can hold it: None, bool, int, float and str as they are (undecodable bytes
    as U+FFFD); bytes decoded as UTF-8 with replacement; dates and times in ISO form; anything else
    (lists, structs, maps, decimals) as its JSON or string form."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, str):
        return _clean(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).decode("utf-8", "replace")
    if hasattr(value, "isoformat"):
        try:
            return value.isoformat()
        except Exception:  # noqa: BLE001 - e.g. NaT; fall through to str()
            pass
    if isinstance(value, (list, tuple, dict)):
        try:
            return json.dumps(value, ensure_ascii=False, default=str)
        except (ValueError, TypeError, RecursionError):
            pass
    try:
        return _clean(str(value))
    except Exception:  # noqa: BLE001 - an id that cannot even be printed
        return None


def read_jsonl(path: str, text_column: str, id_column: str | None,
               info: InputInfo | None = None) -> Iterator[Record]:
    f = _open_binary(path)
    if info is not None:
        info.file = f
    checked = False
    try:
        position = 0
        for number, raw in enumerate(f, 1):
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():  # a blank line is no record
                continue
            rid: Any = position if id_column is None else None
            obj = None
            # surrogateescape: a record with undecodable bytes still yields its id; its text is flagged below.
            line = raw.decode("utf-8", "surrogateescape")
            try:
                obj = json.loads(line)
            except (ValueError, RecursionError, MemoryError) as e:
                # RecursionError: nesting deeper than the interpreter's stack; one record, not the run.
                reason = "nested too deeply" if isinstance(e, RecursionError) else _one_line(e)
                yield Record(rid, None, f"invalid JSON on line {number}: {reason}")
                position += 1
                continue
            if not isinstance(obj, dict):
                yield Record(rid, None, f"line {number} is a JSON {type(obj).__name__}, not an object")
                position += 1
                continue
            if not checked:
                # The first object decides whether the column exists at all: a wrong --text-column is
                # a usage error, not a file of error rows.
                for col in (text_column, id_column):
                    if col is not None and col not in obj:
                        raise CliError(f"{path}: no column {col!r} in the first record (line {number}); "
                                       f"keys: {', '.join(map(str, obj))}")
                checked = True
                if info is not None:
                    info.columns = [str(k) for k in obj]
            text: str | None
            error: str | None
            try:
                if id_column is not None:
                    rid = id_value(obj.get(id_column))
                if text_column not in obj:
                    text, error = None, f"no field {text_column!r}"
                else:
                    text, error = _text_of(obj[text_column])
                    if text is not None and _has_surrogates(text):
                        text, error = None, "not valid UTF-8"
            except Exception as e:  # noqa: BLE001 - whatever this record holds, it is this record's error
                text, error = None, f"line {number}: {type(e).__name__}: {_one_line(e)}"
            yield Record(rid, text, error)
            position += 1
    except OSError as e:
        raise CliError(f"cannot read {path}: {e.strerror or e}") from None
    finally:
        if f is not sys.stdin.buffer:
            f.close()


def _pyarrow():
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise CliError("Parquet needs pyarrow: pip install 'stimmung[parquet]'") from None
    return pyarrow


def _is_text_type(pa, t) -> bool:
    if pa.types.is_dictionary(t):
        t = t.value_type
    checks = ("is_string", "is_large_string", "is_binary", "is_large_binary", "is_null", "is_string_view",
              "is_binary_view", "is_fixed_size_binary")
    return any(getattr(pa.types, c, lambda _t: False)(t) for c in checks)


def _as_bytes_column(pa, column):
    """A text column as binary: Arrow strings are not checked for valid UTF-8 when a file is read, so
    they are decoded here, value by value, where a bad one can become its record's error."""
    if pa.types.is_dictionary(column.type):
        column = column.dictionary_decode()
    t = column.type
    if pa.types.is_string(t):
        return column.view(pa.binary())
    if pa.types.is_large_string(t):
        return column.view(pa.large_binary())
    if getattr(pa.types, "is_string_view", lambda _t: False)(t):
        return column.cast(pa.binary_view()) if hasattr(pa, "binary_view") else column
    return column


def _python_values(column, n: int) -> list[Any]:
    """column.to_pylist(), or value by value when one value cannot be converted (a timestamp out of
    Python's range, invalid UTF-8 in a string): the bad value becomes its string form or None."""
    try:
        return column.to_pylist()
    except Exception:  # noqa: BLE001 - fall back to one value at a time
        pass
    out = []
    for i in range(n):
        try:
            out.append(column[i].as_py())
        except Exception:  # noqa: BLE001
            try:
                out.append(str(column[i]))
            except Exception:  # noqa: BLE001
                out.append(None)
    return out


def read_parquet(path: str, text_column: str, id_column: str | None, batch_size: int,
                 info: InputInfo | None = None) -> Iterator[Record]:
    pa = _pyarrow()
    if path == "-":
        raise CliError("Parquet cannot be read from stdin; pass a file")
    try:
        pf = pa.parquet.ParquetFile(path)
        schema = pf.schema_arrow
    except Exception as e:  # noqa: BLE001 - any failure to open means "not readable as Parquet"
        raise CliError(f"cannot read {path} as Parquet: {_one_line(e)}") from None
    for col in (text_column, id_column):
        if col is not None and col not in schema.names:
            raise CliError(f"{path}: no column {col!r}; columns: {', '.join(schema.names)}")
    ttype = schema.field(text_column).type
    if not _is_text_type(pa, ttype):
        raise CliError(f"{path}: column {text_column!r} is {ttype}, not text (string or binary)")
    if info is not None:
        info.columns = list(schema.names)
        info.declared = pf.metadata.num_rows
    columns = [text_column] + ([id_column] if id_column is not None and id_column != text_column else [])
    position = 0
    try:
        for batch in pf.iter_batches(batch_size=batch_size, columns=columns):
            n = batch.num_rows
            texts = _python_values(_as_bytes_column(pa, batch.column(text_column)), n)
            ids = _python_values(batch.column(id_column), n) if id_column is not None else None
            for i, value in enumerate(texts):
                try:
                    if isinstance(value, str):  # a fixed-size or view column that came back as text
                        value = value.encode("utf-8", "surrogatepass")
                    text, error = _text_of(value)
                    rid = id_value(ids[i]) if ids is not None else position
                except Exception as e:  # noqa: BLE001 - this record's error, not the run's
                    text, error, rid = None, f"{type(e).__name__}: {_one_line(e)}", None
                yield Record(rid, text, error)
                position += 1
    except CliError:
        raise
    except Exception as e:  # noqa: BLE001 - a corrupt page or column chunk: the file is unreadable
        raise CliError(f"cannot read {path}: {_one_line(e)}") from None


# --- outputs ----------------------------------------------------------------------------------------

# Temporary outputs are named .stimmung-<target>.<random>.part so that a later run can recognise (and
# remove, once stale) the parts of a run that was killed with SIGKILL or lost its machine.
PART_PREFIX = ".stimmung-"
PART_SUFFIX = ".part"
STALE_PART_SECONDS = 24 * 3600
_PART_NAME = re.compile(r"^\.stimmung-.+\.[A-Za-z0-9_]{6,}\.part$")
# Paths that name an already open file descriptor: written through a duplicate of it, never replaced.
_FD_PATH = re.compile(r"^/(?:dev/(?:std(?:out|err)|fd/\d+)|proc/(?:self|\d+)/fd/\d+)$")
_STD_FDS = {"/dev/stdout": 1, "/dev/stderr": 2}


class UsageError(CliError):
    """A refused request (e.g. the output is an input): reported as one message, exit status 2."""


def _fd_of(path: str) -> int | None:
    if path in _STD_FDS:
        return _STD_FDS[path]
    if _FD_PATH.match(path):
        pid = path.split("/")[2]
        if pid in ("fd", "self") or (pid.isdigit() and int(pid) == os.getpid()):
            return int(path.rsplit("/", 1)[1])
    return None


def same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def check_not_an_input(out_path: str | None, inputs: list[str]) -> None:
    """Refuses (UsageError) an output that is one of the inputs: replacing it would destroy the input.

    Compared by device and inode, so symlinks, hard links and /dev/stdout redirected to an input are
    caught. Only regular files count: reading and writing /dev/null or a terminal is harmless."""
    try:
        out = os.fstat(1) if out_path is None else os.stat(out_path)
    except OSError:
        return  # a new file, or one we cannot see: nothing to compare
    if not stat.S_ISREG(out.st_mode):
        return
    for path in inputs:
        try:
            st = os.fstat(0) if path == "-" else os.stat(path)
        except OSError:
            continue
        if same_file(st, out):
            what = "stdout" if out_path is None else out_path
            raise UsageError(f"refusing to write {what}: it is the same file as the input {path}; "
                             f"write to another file")


def remove_stale_parts(directory: str, now: float | None = None) -> list[str]:
    """Removes this tool's temporary outputs older than a day from ``directory``; returns their names."""
    now = time.time() if now is None else now
    removed: list[str] = []
    try:
        names = os.listdir(directory)
    except OSError:
        return removed
    for name in names:
        if not _PART_NAME.match(name):
            continue
        path = os.path.join(directory, name)
        try:
            st = os.lstat(path)
            if stat.S_ISREG(st.st_mode) and now - st.st_mtime > STALE_PART_SECONDS:
                os.unlink(path)
                removed.append(name)
        except OSError:
            pass  # another run's part, or gone already
    return removed


class Output:
    """Where the rows go: ``file`` to write to, :meth:`commit` on success, :meth:`abort` on failure."""

    file: IO[bytes]
    path: str

    def commit(self) -> None:
        raise NotImplementedError

    def abort(self) -> None:
        raise NotImplementedError


def is_stream_target(path: str) -> bool:
    """True for an open descriptor's path or an existing file that is not a regular file."""
    if _fd_of(path) is not None:
        return True
    try:
        return not stat.S_ISREG(os.stat(path).st_mode) and not stat.S_ISDIR(os.stat(path).st_mode)
    except OSError:
        return False


def open_output(path: str) -> Output:
    """An :class:`AtomicOutput` for a regular (or new) file, a :class:`DirectOutput` for anything else:
    devices (/dev/null, /dev/full), named pipes, sockets and open descriptors (/dev/stdout) are written
    in place, because renaming a file over them would replace the device or pipe instead of writing to it."""
    if _fd_of(path) is not None:
        return DirectOutput(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return AtomicOutput(path)
    except OSError as e:
        raise CliError(f"cannot write {path}: {e.strerror or e}") from None
    if stat.S_ISDIR(st.st_mode):
        raise CliError(f"cannot write {path}: it is a directory")
    if stat.S_ISREG(st.st_mode):
        return AtomicOutput(path)
    return DirectOutput(path)


class DirectOutput(Output):
    """Writes straight into a device, pipe or open descriptor; nothing to rename, nothing to remove."""

    def __init__(self, path: str) -> None:
        self.path = path
        fd_number = _fd_of(path)
        try:
            # A named pipe blocks here until a reader opens it, as `cat > fifo` does.
            fd = os.dup(fd_number) if fd_number is not None else os.open(path, os.O_WRONLY | os.O_CLOEXEC)
        except OSError as e:
            raise CliError(f"cannot write {path}: {e.strerror or e}") from None
        self.file = os.fdopen(fd, "wb")

    def commit(self) -> None:
        try:
            self.file.close()  # flushes: /dev/full fails here at the latest
        except OSError as e:
            raise CliError(f"cannot write {self.path}: {e.strerror or e}") from None

    def abort(self) -> None:
        try:
            self.file.close()
        except OSError:
            pass


class AtomicOutput(Output):
    """A regular file written under a temporary name beside the target and renamed on :meth:`commit`.

    A symlinked target is followed (the link stays, the file it points to is replaced); an existing
    target's permission bits (and, when run as root, its owner and group) are carried over."""

    def __init__(self, path: str) -> None:
        self.path = path
        if os.path.isdir(path):
            raise CliError(f"cannot write {path}: it is a directory")
        self.target = os.path.realpath(path)
        directory = os.path.dirname(self.target)
        remove_stale_parts(directory)
        try:
            self.existing: os.stat_result | None = os.stat(self.target)
        except OSError:
            self.existing = None
        try:
            prefix = f"{PART_PREFIX}{os.path.basename(self.target)}."
            fd, self.tmp = tempfile.mkstemp(dir=directory, prefix=prefix, suffix=PART_SUFFIX)
        except OSError as e:
            raise CliError(f"cannot write {path}: {e.strerror or e}") from None
        self.file = os.fdopen(fd, "wb")

    def commit(self) -> None:
        try:
            self.file.flush()
            os.fsync(self.file.fileno())  # the data is on disk before the name points at it
            self.file.close()
            if self.existing is not None:
                os.chmod(self.tmp, stat.S_IMODE(self.existing.st_mode))
                if os.geteuid() == 0:
                    os.chown(self.tmp, self.existing.st_uid, self.existing.st_gid)
            else:
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(self.tmp, 0o666 & ~umask)  # mkstemp makes 0600; give a new output the usual mode
            os.replace(self.tmp, self.target)
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
    """Writes chunks of output rows as CSV, TSV, JSONL or Parquet: DataFrames with exactly ``columns``
    (the output contract, :func:`stimmung.schema.cli_columns`), whose types make the Parquet schema."""

    def __init__(self, stream: IO[bytes], fmt: str, columns: Sequence[Column],
                 metadata: dict | None = None) -> None:
        self.stream = stream
        self.metadata = metadata or {}  # Parquet key-value metadata (str -> str)
        self.fmt = fmt
        self.columns = list(columns)
        self.first = True
        self._parquet: Any = None
        self._schema: Any = None
        self.rows = 0  # rows written so far: the "rows out" of the run's summary
        self._text: Any = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True) \
            if fmt != "parquet" else None

    def write(self, frame) -> None:
        if list(frame.columns) != names(self.columns):
            raise AssertionError(f"output columns {list(frame.columns)} differ from the contract "
                                 f"{names(self.columns)}")
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
        self.rows += len(frame)

    def _write_parquet(self, frame) -> None:
        pa = _pyarrow()
        if self._schema is None:
            self._schema = arrow_schema(self.columns, self.metadata)
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
            self.write(empty_frame)  # header (or schema) of an empty result (adds no rows)
        if self._parquet is not None:
            self._parquet.close()
        if self._text is not None:
            self._text.flush()
            self._text.detach()
        self.stream.flush()
