"""The ``stimmung`` command line.

    stimmung demo                 score the bundled sample corpus, one line per document
    stimmung explain "Satz"       show a sentence with its cues
    stimmung score INPUT... [-o OUT]
                                  score .txt, .csv, .tsv, .jsonl, .parquet files or stdin (-), streaming
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shlex
import shutil
import signal
import sys
from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

from . import __version__, schema
from ._core import StimmungError
from ._pipeline import Pipeline
from .corpus import load_sample_corpus
from .display import highlight_ansi
from .schema import share_column
from .scorer import Scorer
from .scorer import _threads as _scorer_threads


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def run_demo(args: argparse.Namespace) -> int:
    corpus = load_sample_corpus()
    scorer = Scorer()
    scores = scorer.score_batch(corpus["text"], args.threads, level="document")
    width = shutil.get_terminal_size((120, 20)).columns
    tones = scorer.tones
    print(f"stimmung {__version__}: {len(corpus)} documents of the sample corpus, document means per tone")
    print("(share of sentences where the tone is present in brackets; strongest cues at the right)\n")
    header = f"{'date':<10}  {'outlet':<16} " + " ".join(f"{t[:11]:>11}" for t in tones) + "  strongest cues"
    print(header)
    print("-" * min(width, 140))
    for i, row in corpus.iterrows():
        doc = scorer.score_document(row["text"])
        cues = ", ".join(f"{c.surface} ({c.tone[:1]} {c.weight:.1f})" for c in doc.strongest_cues(3))
        cells = " ".join(
            f"{scores.at[i, t]:5.2f} ({scores.at[i, share_column(t)]:3.0%})".rjust(11) for t in tones
        )
        line = f"{row['date']:%Y-%m-%d}  {_clip(row['outlet'], 16):<16} {cells}  {cues}"
        print(_clip(line, max(width, 100)))
    print("\nCorpus means: " + ", ".join(f"{t} {scores[t].mean():.2f}" for t in tones))
    return 0


def _scorer(args: argparse.Namespace) -> Scorer:
    """The built-in lexicon extended by each --lexicon (TSV, sentiws:PATH, words:TONE:PATH), loaded as
    Lexicon.extended loads them, with the language profile --profile names (docs/profile-format.md); a
    file that cannot be read or parsed raises LexiconError (one line, status 1)."""
    profile = getattr(args, "profile", None)
    if not getattr(args, "lexicon", None):
        return Scorer(profile=profile)
    from .lexicon import Lexicon

    return Scorer(Lexicon.builtin().extended(*args.lexicon), profile=profile)


def _explain_sentence(text: str, result: Any, tones: Sequence[str], colour: bool, offset: int = 0) -> None:
    print(highlight_ansi(text, result.cues, tones, colour, offset))
    print("  " + "  ".join(f"{t}={s:.2f}" for t, s in result.scores.items()))
    for c in result.cues:
        mods = f" ({', '.join(c.modifiers)})" if c.modifiers else ""
        weights = f"{c.base_weight:4.2f} -> {c.weight:4.2f}"
        print(f"  {c.tone:<12} {c.surface!r:<24} {c.term!r:<24} {weights}{mods}")


def _explain_document(scorer: Scorer, text: str, colour: bool) -> None:
    """Each sentence of ``text`` as `stimmung score` scores a document: the scorer's sentence splitter, and
    the document's market-scope decision for every sentence."""
    doc = scorer.score_document(text)
    for i, sentence in enumerate(doc.sentences):
        if i:
            print()
        _explain_sentence(sentence.text, sentence, scorer.tones, colour, sentence.start)
    means = (f"{t} mean={doc.mean[t]:.2f} max={doc.max[t]:.2f}" for t in scorer.tones)
    print("  document: " + "  ".join(means))


def _read_explained_file(path: str) -> str:
    from ._io import CliError, read_txt_document

    record = next(read_txt_document(path))
    if record.text is None:
        raise CliError(f"{path}: {record.error}")
    return record.text


def run_explain(args: argparse.Namespace) -> int:
    from ._io import UsageError

    if not args.text and not args.file:
        raise UsageError("give a text to explain, or --file PATH")
    scorer = _scorer(args)
    colour = args.colour == "always" or (args.colour == "auto" and sys.stdout.isatty())
    first = True
    for text in args.text:
        if not first:
            print()
        first = False
        # `stimmung explain article.txt` explains the words "article.txt": say how to explain the file.
        if text and not any(ch.isspace() for ch in text) and os.path.isfile(text):
            hint = f"--file {shlex.quote(text)} explains its sentences"
            print(f"stimmung explain: note: {text!r} is also a file; {hint}", file=sys.stderr)
        if len(scorer.split_sentences(text)) > 1:
            _explain_document(scorer, text, colour)  # several sentences: each, as a document has them
        else:
            _explain_sentence(text, scorer.score(text), scorer.tones, colour)
    for path in args.file:
        if not first:
            print()
        first = False
        text = _read_explained_file(path)
        print(f"== {'(standard input)' if path == '-' else path}")
        _explain_document(scorer, text, colour)
    return 0


# --- stimmung score ---------------------------------------------------------------------------------

_CHUNK_RECORDS = 2048
_CHUNK_CHARS = 4 << 20  # also flush after this many characters of text: long documents keep memory flat
_PIPELINE_DEPTH = 2  # chunks waiting between reading and scoring
_SCORED_DEPTH = 8  # scored chunks (numbers, ids, errors: no texts) waiting to be written


def _records(path: str, fmt: str, args: argparse.Namespace, info: Any):
    from . import _io

    if fmt == "txt":
        return _io.read_txt_lines(path, info) if args.lines else _io.read_txt_document(path, info)
    if fmt in ("csv", "tsv"):
        delimiter = "," if fmt == "csv" else "\t"
        return _io.read_delimited(path, delimiter, args.text_column, args.id_column, info)
    if fmt == "jsonl":
        return _io.read_jsonl(path, args.text_column, args.id_column, info)
    return _io.read_parquet(path, args.text_column, args.id_column, _CHUNK_RECORDS, info)


def _chunks(records: Iterator[Any]) -> Iterator[list]:
    from ._io import text_size_error

    chunk: list = []
    chars = 0
    for r in records:
        if r.text is not None:
            # A text the core would refuse (over MAX_TEXT_BYTES) is this record's error, not the run's.
            too_large = text_size_error(r.text)
            if too_large is not None:
                r = r._replace(text=None, error=too_large)
        chunk.append(r)
        chars += len(r.text) if r.text is not None else 0
        if len(chunk) >= _CHUNK_RECORDS or chars >= _CHUNK_CHARS:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk


def _input_chunks(
    inputs: list[str], formats: list[str], args: argparse.Namespace
) -> Iterator[tuple[str, Any, list | None, int | None]]:
    """(path, info, chunk, position) for every chunk of every input, in order, then (path, info, None, None)
    at the end of each input; info is the input's _io.InputInfo (columns, declared records), position the
    bytes of the file read when the chunk was complete (the reader runs ahead of the scorer, so the
    progress line takes this snapshot, not the file's position when the chunk is scored). Runs on the
    pipeline's reader thread."""
    from . import _io

    for path, in_fmt in zip(inputs, formats):
        info = _io.InputInfo()
        for chunk in _chunks(_records(path, in_fmt, args, info)):
            yield path, info, chunk, info.position()
        yield path, info, None, None


def _pipeline_depth() -> int:
    """Chunks that may wait between two stages; 0 (STIMMUNG_CLI_PIPELINE=0) runs the stages in series."""
    return 0 if os.environ.get("STIMMUNG_CLI_PIPELINE", "1").strip() == "0" else _PIPELINE_DEPTH


class _ScoredChunk(NamedTuple):
    """A chunk's ids and errors with the core's numbers for its texts (the scoring thread's work); the writer
    thread makes it a frame (:func:`_frame_of`), so pandas work overlaps the scoring of the next chunk. The
    texts are not kept: a scored chunk is a few bytes a record, so many may wait for the writer."""

    ids: list
    errors: list
    scored: Any
    source: str | None


def _score_chunk(scorer: Scorer, chunk: list, args: argparse.Namespace, source: str | None) -> _ScoredChunk:
    texts = [r.text for r in chunk]
    scored = scorer._score_raw(texts, None, _scorer_threads(args.threads), args.level, args.explain)
    return _ScoredChunk([r.id for r in chunk], [r.error for r in chunk], scored, source)


def _frame_of(scorer: Scorer, item: _ScoredChunk, args: argparse.Namespace, id_name: str, fmt: str):
    """One chunk of output rows, in the columns of schema.cli_columns (the Writer checks them)."""
    import pandas as pd

    frame = scorer._assemble(item.scored, None, args.level, args.explain, "pandas")
    frame.insert(0, id_name, pd.array(item.ids, dtype=object))
    if item.source is not None:
        frame.insert(0, schema.SOURCE.name, item.source)
    if args.explain and fmt != "jsonl":  # CSV and Parquet hold the cues as a JSON string
        cues = frame[schema.CUES_COLUMN]
        frame[schema.CUES_COLUMN] = [None if c is None else json.dumps(c, ensure_ascii=False) for c in cues]
    frame[schema.ERROR.name] = item.errors
    frame[schema.LEXICON.name] = scorer.fingerprint  # provenance on every row (docs/cli.md, "Provenance")
    return frame


def _frame(scorer: Scorer, chunk: list, args: argparse.Namespace, source: str | None, id_name: str, fmt: str):
    """Scores a chunk and makes its output rows in one step (the empty result's header)."""
    return _frame_of(scorer, _score_chunk(scorer, chunk, args, source), args, id_name, fmt)


def _id_column_hint(columns: list[str] | None, text_column: str) -> str | None:
    """An input column that looks like the records' id ("id" in any case), when --id-column was not given:
    the output's id column would then hold positions while the input's ids are dropped."""
    for name in columns or ():
        if name.strip().casefold() == "id" and name != text_column:
            return name
    return None


def _input_done(info: Any, n_read: int, size: int | None, position: int | None) -> int:
    """Bytes of an input of ``size`` bytes done after ``n_read`` records: the reader's ``position`` in the
    file when it read them, or for Parquet (read by pyarrow) the share of its declared records."""
    if size is None:
        return 0
    if info.declared is not None:
        return size if info.declared == 0 else size * min(n_read, info.declared) // info.declared
    return size if position is None else min(position, size)  # None: the reader is done and closed it


class Signalled(BaseException):
    """SIGTERM or SIGHUP arrived: unwinds like KeyboardInterrupt so the temporary output is removed."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def _signals_unwind():
    """SIGTERM and SIGHUP (timeout, batch schedulers, systemd, container stops) raise Signalled, as
    SIGINT raises KeyboardInterrupt, so that `finally` blocks run; main() turns both into 128+signal."""

    def handler(signum, _frame):
        raise Signalled(signum)

    previous = {}
    for sig in (signal.SIGTERM, signal.SIGHUP):
        try:
            previous[sig] = signal.signal(sig, handler)
        except (ValueError, OSError):  # not the main thread (an embedding caller): leave them alone
            pass
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def run_score(args: argparse.Namespace) -> int:
    from . import _io

    def fail(message: str, status: int = 1) -> int:
        print(f"stimmung score: error: {message}", file=sys.stderr)
        return status

    inputs: list[str] = args.inputs
    if inputs.count("-") > 1:
        return fail("stdin (-) can be given only once", 2)
    out_path: str | None = args.output if args.output not in (None, "-") else None
    if out_path is not None and os.path.isdir(out_path):
        return fail(f"cannot write {out_path}: it is a directory")
    if args.format:
        fmt = args.format
    elif out_path is None or (_io.is_stream_target(out_path) and os.path.splitext(out_path)[1] == ""):
        fmt = "csv"  # stdout, /dev/null, a pipe: CSV unless --format says otherwise
    else:
        fmt = _io.format_of(out_path, "output")
    if fmt == "parquet" and out_path is None:
        return fail("Parquet output needs a file: pass -o OUT.parquet")
    formats = []
    for path in inputs:
        if args.input_format:
            formats.append(args.input_format)
        elif path == "-":
            formats.append("txt")
        else:
            formats.append(_io.format_of(path, "input"))
        _io.check_readable(path)
    _io.check_not_an_input(out_path, inputs)
    scorer = _scorer(args)  # before any output is opened: a bad --lexicon leaves nothing behind
    if fmt == "parquet" or "parquet" in formats:
        _io._pyarrow()

    id_name = args.id_column or schema.DEFAULT_ID
    id_is_int = args.id_column is None
    if args.id_column is not None and all(f == "parquet" for f in formats):
        import pyarrow as pa
        import pyarrow.parquet as pq

        types = []
        for p in inputs:
            try:
                arrow = pq.ParquetFile(p).schema_arrow
            except Exception:  # reported with a clear message when the file is read
                continue
            if args.id_column in arrow.names:
                types.append(arrow.field(args.id_column).type)
        # Only types whose every value fits an int64 keep an integer id column.
        fits = (pa.int8(), pa.int16(), pa.int32(), pa.int64(), pa.uint8(), pa.uint16(), pa.uint32())
        id_is_int = bool(types) and all(t in fits for t in types)
    columns = schema.cli_columns(
        scorer.tones, args.level, args.explain, id_name, id_is_int, with_source=len(inputs) > 1
    )
    if schema.names(columns).count(id_name) > 1:
        raise _io.CliError(f"--id-column {id_name!r} is also the name of an output column; rename it first")
    sizes = [_io.input_size(p) for p in inputs]
    from ._progress import Progress

    n_records = n_errors = 0
    hinted = args.id_column is not None  # the warning about an input's id column: once per run at most
    with _signals_unwind():
        sink = _io.open_output(out_path) if out_path else None
        stream = sink.file if sink else sys.stdout.buffer
        writer = _io.Writer(
            stream,
            fmt,
            columns,
            metadata={schema.METADATA_VERSION: __version__, schema.METADATA_LEXICON: scorer.fingerprint},
        )
        terminal = sys.stderr.isatty()
        progress = Progress(
            sys.stderr,
            None if None in sizes else sum(s for s in sizes if s is not None),
            enabled=args.progress or (terminal and not args.quiet),
            redraw=terminal,
        )

        def hint_id_column(path: str, info: _io.InputInfo) -> bool:
            column = _id_column_hint(info.columns, args.text_column)
            if column is None:
                return False
            where = "stdin" if path == "-" else path
            progress.message(
                f"stimmung score: warning: {where} has an {column!r} column; pass --id-column "
                f"{shlex.quote(column)} to carry it into the output (without it the output's {id_name!r} "
                f"column holds record positions)"
            )
            return True

        try:
            # Reading (reader thread), scoring (here) and writing (writer thread) overlap; see _pipeline.
            chunks = _input_chunks(inputs, formats, args)
            def write(item: _ScoredChunk) -> None:  # on the writer thread
                writer.write(_frame_of(scorer, item, args, id_name, fmt))

            depth = _pipeline_depth()
            # Scored chunks are small (no texts): the writer may fall behind by more of them, e.g. while it
            # imports pandas for the first frame, without stopping the scoring.
            with Pipeline(chunks, write, depth, _SCORED_DEPTH if depth else 0) as pipe:
                n_file = 0
                done_before = 0  # bytes of the inputs finished so far
                sizes_of = dict(zip(inputs, sizes))
                for path, info, chunk, position in pipe:
                    if chunk is None:  # the end of one input
                        hinted = hinted or hint_id_column(path, info)  # a header but no records
                        n_records += n_file
                        done_before += sizes_of.get(path) or 0
                        if info.declared is not None and info.declared != n_file:
                            raise _io.CliError(
                                f"{path}: the file declares {info.declared} records but {n_file} were read"
                            )
                        n_file = 0
                        continue
                    hinted = hinted or hint_id_column(path, info)
                    source = path if len(inputs) > 1 else None
                    pipe.send(_score_chunk(scorer, chunk, args, source))
                    n_file += len(chunk)
                    n_errors += sum(r.error is not None for r in chunk)
                    done = _input_done(info, n_file, sizes_of.get(path), position)
                    progress.update(len(chunk), done_before + done)
            if writer.first:
                empty = _frame(scorer, [], args, None if len(inputs) == 1 else "", id_name, fmt)
                writer.close(empty)
            else:
                writer.close()
            if writer.rows != n_records:
                raise _io.CliError(
                    f"record count mismatch: {n_records} records in, {writer.rows} rows out; "
                    f"the output was not kept"
                )
            if sink:
                sink.commit()
            else:
                sys.stdout.buffer.flush()
        except BrokenPipeError:
            raise
        except OSError as e:  # the disk filled up, /dev/full, a pipe whose reader went away with an error
            if sink:
                sink.abort()
            raise _io.CliError(f"cannot write {out_path or 'stdout'}: {e.strerror or e}") from None
        except BaseException:
            if sink:
                sink.abort()
            raise
        finally:
            progress.close()
    if not args.quiet:
        where = f" to {out_path}" if out_path else ""
        errors = f"{n_errors} error row{'s' if n_errors != 1 else ''}"
        if n_errors:
            errors += " (see the error column)"
        print(
            f"stimmung: scored {n_records} records in, {writer.rows} rows out, {errors}{where}",
            file=sys.stderr,
        )
    return 0


class _VersionAction(argparse.Action):
    """--version: the version and the built-in lexicon's fingerprint (parsed only when asked for)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(
            option_strings,
            dest,
            nargs=0,
            help="print the version and the built-in lexicon's fingerprint, then exit",
        )

    def __call__(
        self, parser: argparse.ArgumentParser, namespace: Any, values: Any, option_string: str | None = None
    ) -> None:
        from .lexicon import Lexicon

        print(f"stimmung {__version__}\nlexicon {Lexicon.builtin().fingerprint} (built-in)")
        parser.exit()


_PROFILE_HELP = (
    "a language profile (docs/profile-format.md): the built-in German one with the settings FILE "
    "names changed"
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="stimmung", description="German market-sentiment tone scoring.")
    parser.add_argument("--version", action=_VersionAction)
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="score the bundled sample corpus")
    demo.add_argument("--threads", type=int, default=None, help="worker threads (default: all cores)")
    demo.set_defaults(func=run_demo)
    explain = sub.add_parser("explain", help="show sentences with their cues")
    explain.add_argument(
        "text", nargs="*", help="sentence(s) to explain; a text of several sentences is split as a document"
    )
    explain.add_argument(
        "--file",
        "-f",
        action="append",
        default=[],
        metavar="PATH",
        help="explain every sentence of a UTF-8 text file, scored as one document (repeatable; - is stdin)",
    )
    explain.add_argument("--colour", "--color", choices=("auto", "always", "never"), default="auto")
    explain.add_argument(
        "--lexicon",
        action="append",
        default=[],
        metavar="FILE",
        help="extend the built-in lexicon (repeatable; see stimmung score --help)",
    )
    explain.add_argument("--profile", metavar="FILE", help=_PROFILE_HELP)
    explain.set_defaults(func=run_explain)

    score = sub.add_parser(
        "score",
        help="score files or stdin, one output row per input record",
        description="Scores every record of the inputs and writes one row per record, in input order: the "
        "id (--id-column, else the 0-based position in its input), the scores, n_cues and an error column "
        "(filled for records that could not be scored). CSV is parsed strictly, TSV without quoting. Inputs "
        "are streamed; a regular OUT is written to a temporary file renamed only when everything succeeded; "
        "devices, pipes and /dev/stdout are written in place.",
    )
    score.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help=".txt (one document per file, or one per line with --lines), .csv, .tsv, .jsonl, "
        ".parquet, or - for stdin (text unless --input-format)",
    )
    score.add_argument("-o", "--output", metavar="OUT", help="output file (default: stdout)")
    score.add_argument(
        "--format",
        choices=("csv", "tsv", "jsonl", "parquet"),
        help="output format (default: from OUT's extension; csv on stdout)",
    )
    score.add_argument(
        "--input-format",
        choices=("txt", "csv", "tsv", "jsonl", "parquet"),
        help="input format (default: from each INPUT's extension; txt for stdin)",
    )
    score.add_argument("--lines", action="store_true", help="text input: each line is a record")
    score.add_argument(
        "--text-column", default="text", help="column or JSON key with the text (default: text)"
    )
    score.add_argument("--id-column", help="column or JSON key copied to the output as the record id")
    score.add_argument(
        "--level",
        choices=("sentence", "document"),
        default="document",
        help="document (default): split into sentences, mean/max/share per tone; "
        "sentence: score each record as one sentence",
    )
    score.add_argument("--threads", type=int, default=None, help="worker threads (default: all cores)")
    score.add_argument(
        "--lexicon",
        action="append",
        default=[],
        metavar="FILE",
        help="extend the built-in lexicon (repeatable): a lexicon TSV, sentiws:PATH (SentiWS "
        "v2.0 file) or words:TONE:PATH (word list)",
    )
    score.add_argument("--profile", metavar="FILE", help=_PROFILE_HELP)
    score.add_argument("--explain", action="store_true", help="add the cues as a JSON column")
    shown = score.add_mutually_exclusive_group()
    shown.add_argument("-q", "--quiet", action="store_true", help="no progress line, no summary")
    shown.add_argument(
        "--progress",
        action="store_true",
        help="show progress even when stderr is not a terminal (a line every 10 s): percent done and ETA "
        "when the sizes of the inputs are known, else records/s (stdin, pipes)",
    )
    score.set_defaults(func=run_score)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from ._io import CliError, UsageError

    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except UsageError as e:
        print(f"stimmung {args.command}: error: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `stimmung demo | head`
        # Point stdout at /dev/null so the flush at exit does not fail again (Python docs, "SIGPIPE").
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except (CliError, StimmungError, ValueError) as e:
        print(f"stimmung {args.command}: error: {e}", file=sys.stderr)
        return 1
    except OSError as e:  # e.g. the disk filled up while writing
        print(f"stimmung {args.command}: error: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("stimmung: interrupted", file=sys.stderr)
        return 128 + signal.SIGINT
    except Signalled as e:
        print(f"stimmung: stopped by {signal.Signals(e.signum).name}", file=sys.stderr)
        return 128 + e.signum


if __name__ == "__main__":
    sys.exit(main())
