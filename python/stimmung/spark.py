"""Score a text column of a Spark DataFrame, and a job script that does it for files.

    from stimmung.spark import score_spark
    scored = score_spark(df, "text", level="document")

    python -m stimmung.spark INPUT OUTPUT --text-column text [--id-column id] [--format parquet|csv|json]
        [--level sentence|document] [--lexicon FILE] [--profile FILE] [--partitions N] [--master local[2]]

Design notes:

* One pass: ``mapInPandas`` with an explicit output schema. Each Arrow batch of a partition becomes a
  pandas frame, ``Scorer.score_batch`` scores its texts in one C++ call, and every score column is
  added to the same frame, so the scores, the cues, the entity aggregates and the ``error`` column all
  come from a single evaluation of the partition.
* The Scorer reaches the executors as its pickle (lexicon TSV + options and a changed language profile,
  versioned; a few hundred kB)
  captured in the partition function. Spark ships that function once per task, never per row, and each
  Python worker unpickles it only once: the built Scorer is cached in a module-level dict keyed by the
  SHA-256 of the pickle, and Python workers are reused between tasks (``spark.python.worker.reuse``).
* No record is lost: a row whose text is null or not text gets null scores and a message in ``error``;
  a batch that fails in the scorer is rescored row by row so that only the failing rows get an error.
* Spark already runs one task per core, so each task scores with one thread (``n_threads=1``) instead of
  oversubscribing the cores.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import os
import pickle
import re
import sys
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

try:
    from pyspark.sql import DataFrame
    from pyspark.sql import types as T
except ImportError as e:  # pragma: no cover - the message is the point
    raise ImportError("stimmung.spark needs PySpark and PyArrow: pip install 'stimmung[spark]'") from e

import numpy as np

from . import schema
from .entities import MATCH_MODES, EntityMatcher, mentioning_sentences
from .lexicon import Lexicon
from .profile import Profile
from .scorer import Scorer, _as_text, default_scorer

__all__ = ["score_spark", "output_schema", "main"]

#: Name of the column that explains rows without scores (null when the row was scored).
ERROR_COLUMN = schema.ERROR.name

# The Spark type of each logical type of the output contract (stimmung.schema).
_SPARK_TYPES = {
    schema.FLOAT64: T.DoubleType(),
    schema.INT64: T.LongType(),
    schema.STRING: T.StringType(),
    schema.STRING_LIST: T.ArrayType(T.StringType()),
}
_CUE_TYPE = T.StructType([T.StructField(name, _SPARK_TYPES[dtype]) for name, dtype in schema.CUE_FIELDS])


def _spark_type(dtype: str, explain: bool | str) -> T.DataType:
    if dtype == schema.CUES:
        return T.StringType() if explain == "json" else T.ArrayType(_CUE_TYPE)
    return _SPARK_TYPES[dtype]

# Per Python worker: Scorers unpickled so far, keyed by the digest of their pickle.
_SCORERS: dict[str, Scorer] = {}
_SCORERS_LOCK = threading.Lock()
# How often each digest was unpickled in this process (1 if the cache works; the tests look at it).
_LOADS: dict[str, int] = {}


def _worker_scorer(digest: str, payload: bytes | None) -> Scorer:
    scorer = _SCORERS.get(digest)
    if scorer is None:
        with _SCORERS_LOCK:
            scorer = _SCORERS.get(digest)
            if scorer is None:
                scorer = default_scorer() if payload is None else pickle.loads(payload)
                _SCORERS[digest] = scorer
                _LOADS[digest] = _LOADS.get(digest, 0) + 1
    return scorer


def _shipped(scorer: Scorer | None) -> tuple[str, bytes | None]:
    """(digest, pickle) of the scorer as it travels to the workers; the built-in one travels as None."""
    if scorer is None:
        return "builtin", None
    payload = pickle.dumps(scorer, protocol=pickle.HIGHEST_PROTOCOL)
    return hashlib.sha256(payload).hexdigest(), payload


def _entity_columns(entities: Mapping[str, Sequence[str]], tones: Sequence[str]) -> list[tuple[str, str]]:
    """(entity, column prefix) pairs, with the prefix ``entity_<slug>`` (:func:`schema.entity_prefix`)."""
    out, seen = [], set()
    for name in entities:
        prefix = schema.entity_prefix(name)
        if prefix in seen:
            raise ValueError(f"entities {name!r} and another entity both map to columns {prefix}_*")
        seen.add(prefix)
        out.append((name, prefix))
    return out


def _score_fields(
    tones: Sequence[str],
    level: str,
    explain: bool | str,
    entities: Mapping[str, Sequence[str]] | None,
) -> list[T.StructField]:
    columns = schema.score_columns(tones, level, bool(explain))
    for _, prefix in _entity_columns(entities or {}, tones):
        columns += schema.entity_columns(prefix, tones)
    columns.append(schema.ERROR)
    return [T.StructField(c.name, _spark_type(c.dtype, explain)) for c in columns]


def output_schema(
    input_schema: T.StructType,
    *,
    tones: Sequence[str],
    level: str = "sentence",
    explain: bool | str = False,
    entities: Mapping[str, Sequence[str]] | None = None,
    id_col: str | None = None,
) -> T.StructType:
    """The schema :func:`score_spark` returns for ``input_schema``; raises ValueError on a name clash."""
    kept = [input_schema[id_col]] if id_col is not None else list(input_schema.fields)
    added = _score_fields(tones, level, explain, entities)
    clash = sorted({f.name for f in kept} & {f.name for f in added})
    if clash:
        raise ValueError(
            f"the input already has column(s) {', '.join(clash)} that scoring would add; rename them "
            f"(or pass id_col to keep only the id column)"
        )
    return T.StructType(kept + added)


def _entity_scores(
    scorer: Scorer, texts: list[str | None], matcher: EntityMatcher
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per entity: (n × tones array of mean sentence scores over mentioning sentences, n-vector of counts).

    Which sentences mention an entity: :func:`stimmung.entities.mentioning_sentences` (as for
    :func:`stimmung.entity_tones`)."""
    n, k = len(texts), len(scorer.tones)
    out = {name: (np.full((n, k), np.nan), np.zeros(n, dtype=np.int64)) for name in matcher.names}
    for i, text in enumerate(texts):
        # Cheap pre-check: most texts mention no entity, and need no document scoring.
        if text is None or not matcher.mentions_any(text):
            continue
        doc = scorer.score_document(text)
        for name, rows in mentioning_sentences(doc, matcher).items():
            means, counts = out[name]
            means[i] = np.mean([[s.scores[t] for t in scorer.tones] for s in rows], axis=0)
            counts[i] = len(rows)
    return out


def _texts_and_errors(values: Sequence[Any]) -> tuple[list[str | None], list[str | None]]:
    texts: list[str | None] = []
    errors: list[str | None] = []
    for i, v in enumerate(values):
        try:
            text = _as_text(v, i)
        except TypeError:
            texts.append(None)
            errors.append(f"text is {type(v).__name__}, not str")
            continue
        texts.append(text)
        errors.append("text is null" if text is None else None)
    return texts, errors


def _score_texts(
    scorer: Scorer, texts: list[str | None], errors: list[str | None], level: str, explain: bool,
    n_threads: int,
):
    """score_batch on the batch; if the scorer rejects the batch, row by row so only bad rows fail."""
    try:
        return scorer.score_batch(texts, n_threads, level=level, explain=explain)
    except Exception:  # noqa: BLE001 - rescored row by row below, where the error is kept per row
        import pandas as pd

        frames = []
        for i, text in enumerate(texts):
            try:
                frames.append(scorer.score_batch([text], 1, level=level, explain=explain))
            except Exception as e:  # noqa: BLE001 - this row's error becomes its error column
                errors[i] = f"{type(e).__name__}: {e}"
                frames.append(scorer.score_batch([None], 1, level=level, explain=explain))
        return pd.concat(frames, ignore_index=True)


def _score_partition(
    batches: Iterator[Any],
    *,
    digest: str,
    payload: bytes | None,
    text_col: str,
    keep: Sequence[str],
    level: str,
    explain: bool | str,
    entities: Mapping[str, Sequence[str]] | None,
    entity_match: str,
    n_threads: int,
) -> Iterator[Any]:
    import pandas as pd

    scorer = _worker_scorer(digest, payload)
    tones = scorer.tones
    matcher = EntityMatcher(entities, entity_match) if entities else None  # compiled once per partition
    for batch in batches:
        texts, errors = _texts_and_errors(batch[text_col].tolist())
        scores = _score_texts(scorer, texts, errors, level, bool(explain), n_threads)
        out = {c: batch[c] for c in keep}
        for column in schema.score_columns(tones, level, bool(explain)):
            col = scores[column.name]
            if column.dtype == schema.CUES:
                cues = col.tolist()
                if explain == "json":
                    cues = [None if c is None else json.dumps(c, ensure_ascii=False) for c in cues]
                out[column.name] = cues
            else:
                out[column.name] = col.to_numpy(dtype=np.float64) if col.dtype.kind == "f" else col.array
        if entities and matcher is not None:
            per_entity = _entity_scores(scorer, texts, matcher)
            for name, prefix in _entity_columns(entities, tones):
                means, counts = per_entity[name]
                for column in schema.entity_columns(prefix, tones):
                    if column.dtype == schema.FLOAT64:
                        out[column.name] = means[:, column.tone]
                    else:
                        count = pd.array(counts, dtype="Int64")
                        count[[t is None for t in texts]] = pd.NA
                        out[column.name] = count
        out[ERROR_COLUMN] = pd.array(errors, dtype=object)
        frame = pd.DataFrame(out, index=batch.index)
        yield frame


def score_spark(
    df: DataFrame,
    text_col: str,
    level: str = "sentence",
    scorer: Scorer | None = None,
    explain: bool | str = False,
    entities: Mapping[str, Sequence[str]] | None = None,
    id_col: str | None = None,
    *,
    n_threads: int = 1,
    entity_match: str = "german",
) -> DataFrame:
    """Scores the text column of a Spark DataFrame; returns it with the score columns added.

    The result has one row per input row, in the order of each partition (no shuffle). Columns: the
    input's columns (or only ``id_col`` if given), then as in :meth:`Scorer.score_batch` a double column
    per tone of the scorer (user-defined tones included) and ``n_cues``; at document level also
    ``<tone>_max``, ``<tone>_share`` and ``n_sentences``; then ``cues`` if ``explain``; the entity
    aggregates; and ``error`` (null, or why the row has no scores: null text, a non-text value).

    Args:
        df: the DataFrame.
        text_col: the column holding the text (string; binary is decoded as UTF-8).
        level: "sentence" (each text is one sentence) or "document" (texts are split into sentences;
            ``<tone>`` is the mean sentence score).
        scorer: the Scorer to use (a custom lexicon, user-defined tones); the built-in one by default.
            It is pickled once here and unpickled once per Python worker.
        explain: True adds ``cues`` as array<struct<surface, term, tone, match, base_weight, weight,
            start, end, modifiers>>; "json" adds it as a JSON string instead.
        entities: {"Nvidia": ["Nvidia", "NVIDIA"], ...}: for each entity, the columns
            ``entity_<name>_<tone>`` (mean score of the sentences of the text, split as by
            :func:`stimmung.score_document`, that mention one of the aliases as ``entity_match`` says;
            null if none does) and ``entity_<name>_n_sentences``. Characters other than letters, digits
            and ``_`` in the name become ``_``.
        id_col: keep only this column of the input next to the scores (a slim result to join back).
        n_threads: scoring threads per Spark task (Spark already runs one task per core).
        entity_match: how an alias matches, as in :func:`stimmung.entity_tones`: "german" (default; also
            "Nvidias", "AMD's", "Oracle-Aktien") or "exact" (the alias as a whole word only).
    """
    schema.check_level(level)
    if explain not in (False, True, "json"):
        raise ValueError(f"explain must be True, False or 'json', not {explain!r}")
    columns = df.columns
    for what, name in (("text_col", text_col), ("id_col", id_col)):
        if name is not None and name not in columns:
            raise ValueError(
                f"{what} {name!r} is not a column of the DataFrame; columns: {', '.join(columns)}"
            )
    if entities is not None:
        entities = {str(k): [str(a) for a in v] for k, v in entities.items()}
        EntityMatcher(entities, entity_match)  # fail early, on the driver
    elif entity_match not in MATCH_MODES:
        raise ValueError(f"entity_match must be 'german' or 'exact', not {entity_match!r}")
    digest, payload = _shipped(scorer)
    tones = (scorer or default_scorer()).tones
    out_schema = output_schema(
        df.schema, tones=tones, level=level, explain=explain, entities=entities, id_col=id_col
    )
    keep = [id_col] if id_col is not None else list(columns)
    func = functools.partial(
        _score_partition,
        digest=digest,
        payload=payload,
        text_col=text_col,
        keep=keep,
        level=level,
        explain=explain,
        entities=entities,
        entity_match=entity_match,
        n_threads=n_threads,
    )
    return df.mapInPandas(func, out_schema)


# --------------------------------------------------------------------------------------------------------
# The job script


class JobError(Exception):
    """A problem with the job's input or arguments: reported in one line, exit status 2."""


_ROW = "__stimmung_row"


def _infer_format(path: str) -> str:
    probe = path
    if os.path.isdir(path):
        names = sorted(n for n in os.listdir(path) if not n.startswith((".", "_")))
        probe = names[0] if names else ""
    for ext, fmt in ((".parquet", "parquet"), (".csv", "csv"), (".json", "json"), (".jsonl", "json")):
        if probe.endswith(ext) or (ext != ".parquet" and probe.endswith(ext + ".gz")):
            return fmt
    return "parquet"


_READ_ERROR = "__stimmung_read_error"


def _paths_overlap(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` are the same path or one lies inside the other (symlinks resolved for
    local paths; URIs compared as written, without a trailing slash)."""

    def norm(p: str) -> str:
        if p.startswith("file:"):
            p = re.sub(r"^file:(//)?", "", p)
        if "://" in p:
            return p.rstrip("/") + "/"
        return os.path.join(os.path.realpath(p), "")

    x, y = norm(a), norm(b)
    return x.startswith(y) or y.startswith(x)


def _csv_rows(item, n_columns: int, header: list[str], text_index: int):
    """The records of one CSV file (path, bytes) as tuples of strings plus the read error: the same
    strict parser as ``stimmung score``, so an unclosed quote costs one error row, not the file."""
    import csv
    import gzip
    import io as _io_mod

    from ._io import _clean, _has_surrogates, parse_delimited

    path, content = item
    raw = bytes(content)
    if path.endswith(".gz"):
        raw = gzip.decompress(raw)
    f = _io_mod.TextIOWrapper(_io_mod.BytesIO(raw), encoding="utf-8-sig", errors="surrogateescape",
                              newline="")
    records = parse_delimited(f, ",")
    head = next(records, None)
    file_header = [h.strip() for h in head.fields] if head is not None and head.fields is not None else None
    mismatch = None if file_header == header else f"{path}: header differs from the first file's"
    for rec in records:
        fields = rec.fields
        error = rec.error or mismatch
        if fields is None:  # the id as far as the record's first line tells it, to say which failed
            fields = next(csv.reader([rec.first_line]), [])
        elif error is None and len(fields) != n_columns:
            error = f"expected {n_columns} fields, got {len(fields)} (line {rec.line})"
        if error is None and any(_has_surrogates(v) for v in fields):
            error = "not valid UTF-8"
        # An empty field is null, as in Spark's CSV reader.
        values = [_clean(v) if v else None for v in (fields + [None] * n_columns)[:n_columns]]
        if error is not None:
            values[text_index] = None  # a row with an error has no scores
        yield (*values, error)


def _read_csv(spark, path: str, text_column: str):
    """CSV files parsed strictly in Python (each file by one task, as Spark's multiLine CSV does), with a
    read-error column: Spark's own CSV reader lets an unclosed quote swallow the rest of a file."""
    try:
        files = spark.read.format("binaryFile").load(path).select("path", "content")
        first = sorted(r.path for r in files.select("path").collect())
    except Exception as e:  # noqa: BLE001 - AnalysisException, Py4JJavaError, ...: all mean "unreadable"
        first_line = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise JobError(f"cannot read {path} as csv: {first_line}") from None
    if not first:
        raise JobError(f"cannot read {path} as csv: no files")
    import gzip
    import io as _io_mod

    from ._io import parse_delimited

    head_bytes = files.filter(files.path == first[0]).select("content").first()[0]
    head_bytes = gzip.decompress(bytes(head_bytes)) if first[0].endswith(".gz") else bytes(head_bytes)
    head = next(parse_delimited(_io_mod.TextIOWrapper(_io_mod.BytesIO(head_bytes), encoding="utf-8-sig",
                                                      errors="replace", newline=""), ","), None)
    if head is None or head.fields is None:
        raise JobError(f"{first[0]}: no header row" if head is None else f"{first[0]}: {head.error}")
    header = [h.strip() for h in head.fields]
    if len(set(header)) != len(header):
        raise JobError(f"{first[0]}: duplicate column names in the header: {', '.join(header)}")
    if _READ_ERROR in header:
        raise JobError(f"{first[0]}: column name {_READ_ERROR} is reserved")
    schema = T.StructType([T.StructField(h, T.StringType()) for h in header]
                          + [T.StructField(_READ_ERROR, T.StringType())])
    if text_column not in header:
        columns = ", ".join(header)
        raise JobError(f"--text-column {text_column!r} is not a column of {path}; columns: {columns}")
    parse = functools.partial(_csv_rows, n_columns=len(header), header=header,
                              text_index=header.index(text_column))
    rows = files.rdd.map(lambda r: (r.path, r.content)).flatMap(parse)
    return spark.createDataFrame(rows, schema)


def _read(spark, path: str, fmt: str, text_column: str):
    if fmt == "csv":
        return _read_csv(spark, path, text_column)
    reader = spark.read
    if fmt == "json":
        reader = reader.option("mode", "PERMISSIVE")
    try:
        return getattr(reader, fmt)(path)
    except Exception as e:  # noqa: BLE001 - AnalysisException, Py4JJavaError, ...: all mean "unreadable"
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise JobError(f"cannot read {path} as {fmt}: {first}") from None


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m stimmung.spark",
        description="Score the text column of a Parquet/CSV/JSON input with Spark and write Parquet: one "
        "output row per input row (rows without text get null scores and an 'error').",
    )
    p.add_argument("input", help="input file or directory")
    p.add_argument("output", help="output directory (Parquet)")
    p.add_argument("--text-column", required=True, help="column with the text to score")
    p.add_argument("--id-column", help="keep only this column (and the scores) in the output")
    p.add_argument(
        "--format", choices=("parquet", "csv", "json"), help="input format (default: from the file name)"
    )
    p.add_argument("--level", choices=("sentence", "document"), default="document")
    p.add_argument(
        "--lexicon", action="append", default=[],
        help="extend the built-in lexicon (repeatable): a lexicon TSV, sentiws:PATH or words:TONE:PATH",
    )
    p.add_argument(
        "--profile", help="a language profile (docs/profile-format.md): the built-in German one with the "
        "settings the file names changed",
    )
    p.add_argument("--explain", action="store_true", help="add a 'cues' column")
    p.add_argument("--entities", help='JSON file {"Nvidia": ["Nvidia", "NVIDIA"], ...}: per-entity means')
    p.add_argument(
        "--entity-match", choices=MATCH_MODES, default="german",
        help="german: aliases also match Nvidias, AMD's, Oracle-Aktien (default); exact: whole words only",
    )
    p.add_argument("--partitions", type=int, help="score in N partitions (input order is kept)")
    p.add_argument("--master", default=None, help="Spark master (default: spark-submit's, else local[*])")
    p.add_argument("--overwrite", action="store_true", help="replace OUTPUT if it exists")
    return p


def _session(master: str | None):
    """(session, created): an active session (a notebook's, a test's) is used as it is and not stopped."""
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        return active, False
    builder = SparkSession.builder.appName("stimmung")
    # Under spark-submit (which sets PYSPARK_GATEWAY_PORT) the master and the workers' Python are its
    # business; run with plain `python`, the job defaults to local mode.
    if master is None and "PYSPARK_GATEWAY_PORT" not in os.environ:
        master = "local[*]"
    if master:
        builder = builder.master(master)
    if master and master.startswith("local") and "PYSPARK_PYTHON" not in os.environ:
        # Local mode: workers must run this interpreter (the one with stimmung installed), not `python3`.
        os.environ["PYSPARK_PYTHON"] = sys.executable
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    return spark, True


def run_job(args: argparse.Namespace, spark) -> dict[str, int]:
    """Reads, scores and writes; returns the counts. Raises JobError for bad input."""
    fmt = args.format or _infer_format(args.input)
    if not os.path.exists(args.input) and "://" not in args.input:
        raise JobError(f"input {args.input} does not exist")
    df = _read(spark, args.input, fmt, args.text_column)
    for flag, name in (("--text-column", args.text_column), ("--id-column", args.id_column)):
        if name is not None and name not in df.columns:
            raise JobError(
                f"{flag} {name!r} is not a column of {args.input}; columns: {', '.join(df.columns)}"
            )
    scorer = None
    lexicon = None
    if args.lexicon:
        # Loaded as Lexicon.extended loads them (stimmung.lexicon.load_lexicon): TSV, sentiws:, words:.
        try:
            lexicon = Lexicon.builtin().extended(*args.lexicon)
        except (OSError, ValueError) as e:
            raise JobError(f"lexicon: {e}") from None
    profile = None
    if getattr(args, "profile", None):
        try:
            profile = Profile.from_file(args.profile)
        except (OSError, ValueError) as e:
            raise JobError(f"profile: {e}") from None
    if lexicon is not None or profile is not None:
        scorer = Scorer(lexicon, profile=profile)
    entities = None
    if args.entities:
        try:
            with open(args.entities, encoding="utf-8") as f:
                entities = json.load(f)
            if not isinstance(entities, dict) or not all(isinstance(v, list) for v in entities.values()):
                raise ValueError("expected an object mapping each entity to a list of aliases")
        except (OSError, ValueError) as e:
            raise JobError(f"entities {args.entities}: {e}") from None

    from pyspark.sql import functions as F

    # Invalid UTF-8 in a string column (Spark does not check it when reading Parquet) would fail the
    # conversion to pandas of the whole batch: such texts become their row's error, other strings are
    # repaired with U+FFFD.
    if _READ_ERROR not in df.columns:
        df = df.withColumn(_READ_ERROR, F.lit(None).cast("string"))
    text_type = df.schema[args.text_column].dataType
    if isinstance(text_type, T.StringType):
        df = df.withColumn(
            _READ_ERROR,
            F.when(F.col(_READ_ERROR).isNotNull(), F.col(_READ_ERROR))
            .when(~F.is_valid_utf8(F.col(args.text_column)), F.lit("not valid UTF-8"))
        )
        df = df.withColumn(
            args.text_column, F.when(F.col(_READ_ERROR).isNull(), F.col(args.text_column))
        )
    for field in df.schema.fields:
        if isinstance(field.dataType, T.StringType) and field.name not in (args.text_column, _READ_ERROR):
            df = df.withColumn(field.name, F.make_valid_utf8(F.col(field.name)))

    if args.id_column is not None:  # only these reach the output: no clash with other input columns
        df = df.select(*dict.fromkeys([args.id_column, args.text_column, _READ_ERROR]))
    n_in = df.count()
    n_read_errors = df.filter(F.col(_READ_ERROR).isNotNull()).count()
    if args.partitions:
        if args.partitions < 1:
            raise JobError("--partitions must be at least 1")
        # Range partitioning on a row number keeps the input order across the output files.
        from pyspark.sql import functions as F

        df = (
            df.withColumn(_ROW, F.monotonically_increasing_id())
            .repartitionByRange(args.partitions, _ROW)
            .sortWithinPartitions(_ROW)
            .drop(_ROW)
        )
    scored = score_spark(
        df, args.text_column, level=args.level, scorer=scorer, explain=args.explain, entities=entities,
        entity_match=args.entity_match,
    )
    # A read error (a CSV record that could not be parsed, invalid UTF-8) explains the row's nulls first.
    inputs = [c for c in df.columns if c != _READ_ERROR]
    added = [c for c in scored.columns if c not in df.columns]
    keep = [args.id_column] if args.id_column is not None else inputs
    scored = scored.select(
        *keep,
        *[
            F.coalesce(F.col(_READ_ERROR), F.col(c)).alias(c) if c == ERROR_COLUMN else F.col(c)
            for c in added
        ],
    )
    scored.write.mode("overwrite" if args.overwrite else "errorifexists").parquet(args.output)
    written = spark.read.parquet(args.output)
    n_out = written.count()
    n_err = written.filter(written[ERROR_COLUMN].isNotNull()).count()
    return {"input": n_in, "output": n_out, "errors": n_err, "read_errors": n_read_errors}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if _paths_overlap(args.input, args.output):
        # Checked before Spark starts: --overwrite deletes OUTPUT before the input is read.
        print(f"error: output {args.output} is, contains or lies inside the input {args.input}; "
              f"choose another output", file=sys.stderr)
        return 2
    if args.output and os.path.exists(args.output) and not args.overwrite:
        print(f"error: output {args.output} exists (pass --overwrite to replace it)", file=sys.stderr)
        return 2
    started = time.perf_counter()
    spark, created = _session(args.master)
    try:
        counts = run_job(args, spark)
    except JobError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    finally:
        if created:
            spark.stop()
    ok = counts["input"] == counts["output"]
    print(
        f"rows: {counts['input']} in, {counts['output']} out, {counts['errors']} without scores (see column "
        f"'{ERROR_COLUMN}'; {counts['read_errors']} of them could not be read), "
        f"{time.perf_counter() - started:.1f} s"
        f"{'' if ok else '  MISMATCH: rows were lost or duplicated'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    # Run the package's copy of this module, not `__main__`: Spark pickles the partition function by
    # reference to `stimmung.spark`, which the workers import, instead of by value with its locks.
    from stimmung.spark import main as _main

    sys.exit(_main())
