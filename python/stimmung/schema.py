"""The output contract: every column stimmung writes, its name, order and type, declared once.

:meth:`Scorer.score_batch` (and :func:`score_frame`, the Series accessor), the ``stimmung score`` writers
(CSV, TSV, JSONL, Parquet), the Spark schema (:mod:`stimmung.spark`), :func:`entity_tones` and
:meth:`DocumentScore.to_frame` take their columns from here; no other module spells a column name.

    >>> from stimmung.schema import score_columns
    >>> [c.name for c in score_columns(("bubble", "hedging"), "document")]  # doctest: +NORMALIZE_WHITESPACE
    ['bubble', 'hedging', 'bubble_max', 'hedging_max', 'bubble_share', 'hedging_share',
     'n_sentences', 'n_cues']

Design notes
------------
A column is a :class:`Column`: a name, a logical type and, for score columns, which array of the core's
batch result holds it (``key``, and ``tone`` for the per-tone arrays), so :meth:`Scorer.score_batch`
builds its frame from the list without naming a column itself. Logical types are few: ``float64`` (a
score; NaN/null for a row without scores), ``int64`` (a count; pandas ``Int64``, null for such a row),
``string`` and ``cues`` (a list of cue records with the fields of :data:`CUE_FIELDS`; as JSON text where a
format holds no nested data). Each consumer maps them to its own types: :func:`arrow_schema` for Arrow
and Parquet, ``stimmung.spark`` for Spark. The tones come from the scorer's lexicon, so the columns are a
function of the tones and the level, not a constant.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

#: Logical column types.
FLOAT64 = "float64"
INT64 = "int64"
STRING = "string"
CUES = "cues"
STRING_LIST = "list<string>"  # only inside a cue record

LEVELS = ("sentence", "document")


class Column(NamedTuple):
    """One output column: its name, logical type, and where a score column's values come from."""

    name: str
    dtype: str
    #: The array of the core's batch result (``scores``, ``mean``, ``max``, ``share``, ``n_sentences``,
    #: ``n_cues``, ``cues``), or "" for a column the caller fills (id, error, lexicon, ...).
    key: str = ""
    #: Index of the tone in the scorer's tones for a per-tone array, else -1.
    tone: int = -1


#: The fields of a cue record (``explain``): its dict keys in Python and JSON, its struct in Spark.
CUE_FIELDS: tuple[tuple[str, str], ...] = (
    ("surface", STRING),
    ("term", STRING),
    ("tone", STRING),
    ("match", STRING),
    ("base_weight", FLOAT64),
    ("weight", FLOAT64),
    ("start", INT64),
    ("end", INT64),
    ("modifiers", STRING_LIST),
)

#: The columns of :meth:`Lexicon.to_frame` (attributes of a lexicon entry).
LEXICON_ENTRY_FIELDS = ("term", "tone", "weight", "kind", "pos", "compound", "exact", "forms", "source")

N_SENTENCES = "n_sentences"
N_CUES = "n_cues"
CUES_COLUMN = "cues"
#: Why a row has no scores (null when it was scored): CLI and Spark outputs.
ERROR = Column("error", STRING)
#: The scorer's lexicon fingerprint on every row of a CLI output (docs/cli.md, "Provenance").
LEXICON = Column("lexicon", STRING)
#: The input file of each row when ``stimmung score`` reads several.
SOURCE = Column("source", STRING)
#: The record id of a CLI output unless --id-column names one.
DEFAULT_ID = "id"
#: ``score_batch(...).attrs[FINGERPRINT_ATTR]`` holds the scorer's fingerprint.
FINGERPRINT_ATTR = "stimmung_lexicon"
#: Parquet key-value metadata of a CLI output.
METADATA_VERSION = "stimmung.version"
METADATA_LEXICON = "stimmung.lexicon"


def max_column(tone: str) -> str:
    """Document level: the highest sentence score of ``tone``."""
    return f"{tone}_max"


def share_column(tone: str) -> str:
    """Document level (and :func:`entity_tones`): the share of sentences where ``tone`` is present."""
    return f"{tone}_share"


def check_level(level: str) -> None:
    if level not in LEVELS:
        raise ValueError(f"level must be 'sentence' or 'document', not {level!r}")


def score_columns(tones: Sequence[str], level: str = "sentence", explain: bool = False) -> list[Column]:
    """The columns of :meth:`Scorer.score_batch` for a scorer with ``tones``, in order.

    sentence: ``<tone>`` per tone, ``n_cues``; document: ``<tone>`` (mean), ``<tone>_max``,
    ``<tone>_share`` per tone, ``n_sentences``, ``n_cues``; then ``cues`` with ``explain``.
    """
    check_level(level)
    if level == "sentence":
        columns = [Column(t, FLOAT64, "scores", k) for k, t in enumerate(tones)]
    else:
        columns = [Column(t, FLOAT64, "mean", k) for k, t in enumerate(tones)]
        columns += [Column(max_column(t), FLOAT64, "max", k) for k, t in enumerate(tones)]
        columns += [Column(share_column(t), FLOAT64, "share", k) for k, t in enumerate(tones)]
        columns.append(Column(N_SENTENCES, INT64, "n_sentences"))
    columns.append(Column(N_CUES, INT64, "n_cues"))
    if explain:
        columns.append(Column(CUES_COLUMN, CUES, "cues"))
    return columns


def id_column(name: str, is_int: bool) -> Column:
    """The record id of a CLI output: the 0-based position (int64) or a copied input column (string)."""
    return Column(name, INT64 if is_int else STRING)


def cli_columns(
    tones: Sequence[str], level: str, explain: bool, id_name: str, id_is_int: bool, with_source: bool
) -> list[Column]:
    """The columns of a ``stimmung score`` output: [source], id, the score columns, error, lexicon."""
    head = [SOURCE] if with_source else []
    return [*head, id_column(id_name, id_is_int), *score_columns(tones, level, explain), ERROR, LEXICON]


_NOT_WORD = re.compile(r"\W+")


def entity_prefix(entity: str) -> str:
    """``entity_<slug>``: the column prefix of an entity in Spark outputs (characters other than letters,
    digits and ``_`` become ``_``, as Parquet rejects spaces, commas, braces, ...)."""
    return "entity_" + (_NOT_WORD.sub("_", entity).strip("_") or "entity")


def entity_columns(prefix: str, tones: Sequence[str]) -> list[Column]:
    """Per entity in Spark outputs: the mean score of the sentences mentioning it, and their number."""
    return [Column(f"{prefix}_{t}", FLOAT64, "", k) for k, t in enumerate(tones)] + [
        Column(f"{prefix}_{N_SENTENCES}", INT64)
    ]


def entity_table_columns(tones: Sequence[str]) -> list[Column]:
    """The columns of :func:`stimmung.entity_tones`: one row per entity."""
    return [
        Column("entity", STRING),
        Column("n_documents", INT64),
        Column(N_SENTENCES, INT64),
        *(Column(t, FLOAT64, "", k) for k, t in enumerate(tones)),
        *(Column(share_column(t), FLOAT64, "", k) for k, t in enumerate(tones)),
    ]


def sentence_table_columns(tones: Sequence[str]) -> list[Column]:
    """The columns of :meth:`DocumentScore.to_frame`: one row per sentence."""
    return [
        Column("start", INT64),
        Column("end", INT64),
        Column("text", STRING),
        *(Column(t, FLOAT64, "", k) for k, t in enumerate(tones)),
        Column(N_CUES, INT64),
        Column(MARKET, FLOAT64),
    ]


#: The market context of a sentence or document (1.0 markets, 0.0 another domain, 0.5 neither).
MARKET = "market"

#: The feature groups of :class:`stimmung.sklearn.ToneFeatures`, each one or more float columns.
FEATURE_GROUPS = ("scores", "max", "share", "present", "n_sentences", "n_cues", "tone_cues", "market")
#: Feature groups that exist at document level only.
DOCUMENT_FEATURE_GROUPS = ("max", "share", "n_sentences")


def present_column(tone: str) -> str:
    """A feature: 1.0 where ``tone`` is present (score >= 0.5; in a document: in some sentence)."""
    return f"{tone}_present"


def tone_cues_column(tone: str) -> str:
    """A feature: the number of cues of ``tone``."""
    return f"{tone}_n_cues"


def default_feature_groups(level: str) -> tuple[str, ...]:
    """The feature groups :class:`stimmung.sklearn.ToneFeatures` uses by default: the numbers of
    :func:`score_columns` at ``level``."""
    check_level(level)
    if level == "sentence":
        return ("scores", "n_cues")
    return ("scores", "max", "share", "n_sentences", "n_cues")


def feature_columns(tones: Sequence[str], level: str, groups: Sequence[str]) -> list[Column]:
    """The float columns of :class:`stimmung.sklearn.ToneFeatures`, group by group in the order given,
    per-tone groups with a column per tone (in the order of ``tones``):

    ``scores`` ``<tone>`` (document: mean), ``max`` ``<tone>_max``, ``share`` ``<tone>_share``, ``present``
    ``<tone>_present``, ``n_sentences``, ``n_cues``, ``tone_cues`` ``<tone>_n_cues``, ``market``.
    Raises ValueError for an unknown group, a repeated one or a document group at sentence level.
    """
    check_level(level)
    # group -> (column name of a tone, array of the core's batch result or "" for a derived column)
    per_tone: dict[str, tuple[Callable[[str], str], str]] = {
        "scores": (str, "scores" if level == "sentence" else "mean"),
        "max": (max_column, "max"),
        "share": (share_column, "share"),
        "present": (present_column, ""),
        "tone_cues": (tone_cues_column, ""),
    }
    single = {"n_sentences": N_SENTENCES, "n_cues": N_CUES, "market": MARKET}
    columns: list[Column] = []
    for group in groups:
        if group not in FEATURE_GROUPS:
            raise ValueError(f"unknown feature group {group!r}; groups: {', '.join(FEATURE_GROUPS)}")
        if group in DOCUMENT_FEATURE_GROUPS and level == "sentence":
            raise ValueError(f"feature group {group!r} exists at level 'document' only")
        if group in per_tone:
            name, key = per_tone[group]
            columns += [Column(name(t), FLOAT64, key, k) for k, t in enumerate(tones)]
        else:
            columns.append(Column(single[group], FLOAT64, group if group != "market" else ""))
    seen = names(columns)
    if len(set(seen)) != len(seen):
        raise ValueError(f"feature groups {list(groups)} repeat a column: {', '.join(seen)}")
    return columns


def names(columns: Sequence[Column]) -> list[str]:
    return [c.name for c in columns]


def cue_record(cue: Any) -> dict[str, Any]:
    """A cue as plain data with the keys of :data:`CUE_FIELDS` (``explain`` rows, JSON)."""
    return {name: getattr(cue, name) for name, _ in CUE_FIELDS}


def arrow_type(dtype: str) -> Any:
    """The Arrow type of a logical type; ``cues`` is JSON text (CSV, Parquet)."""
    import pyarrow as pa

    types = {FLOAT64: pa.float64(), INT64: pa.int64(), STRING: pa.string(), CUES: pa.string()}
    return types[dtype]


def arrow_schema(columns: Sequence[Column], metadata: dict[str, str] | None = None) -> Any:
    """The Arrow schema of ``columns`` (used for Parquet outputs)."""
    import pyarrow as pa

    return pa.schema([pa.field(c.name, arrow_type(c.dtype)) for c in columns], metadata=metadata or None)
