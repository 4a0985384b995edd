"""Scoring: the Scorer, and module-level shortcuts that use the built-in lexicon."""

from __future__ import annotations

import contextlib
import math
import re
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from . import _core, schema
from .lexicon import Lexicon, PathLike
from .profile import Profile, as_profile
from .results import DocumentScore, SentenceScore, cue_to_dict

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: The rule families a Scorer can switch off (``Scorer(rules_off=...)``), in the order the core runs them.
RULE_FAMILIES: tuple[str, ...] = tuple(_core.RULE_FAMILIES)

#: The longest text stimmung scores, in bytes of UTF-8: 4 GiB - 1 (4,294,967,295), because offsets in
#: results are 32-bit. :func:`score`, :func:`score_document`, :func:`split_sentences` and
#: :func:`score_batch` raise :class:`InvalidInputError` (a ValueError) for a longer text instead of
#: scoring it with wrong offsets (``score_batch`` names the first such text and returns nothing).
#: ``stimmung score`` gives such a record an error row and goes on.
MAX_TEXT_BYTES: int = int(_core.MAX_TEXT_BYTES)

#: The three built-in tones, in column order.
TONES = ("bubble", "nervousness", "hedging")

# Texts are handed to C++ in chunks: bounded memory for huge inputs, and Ctrl-C is honoured in between too.
# A list is already in memory, so it goes in larger pieces (each costs C++ 16 bytes per text).
_CHUNK = 1 << 16
_LIST_CHUNK = 1 << 20


def _large_string_id() -> int:
    import pyarrow as pa

    return int(pa.large_string().id)


def _string_view_id() -> int:
    import pyarrow as pa

    return int(pa.string_view().id) if hasattr(pa, "string_view") else -1


def _threads(n_threads: int | None) -> int:
    if n_threads is None or n_threads == -1:
        return 0
    if not isinstance(n_threads, int) or n_threads < 1:
        raise ValueError(f"n_threads must be a positive int, -1 or None, not {n_threads!r}")
    return n_threads


def _is_missing(x: Any) -> bool:
    if x is None:
        return True
    if isinstance(x, float) and math.isnan(x):
        return True
    # pandas.NA and NaT without importing pandas
    return type(x).__name__ in ("NAType", "NaTType")


def _as_text(x: Any, position: int) -> str | None:
    if isinstance(x, str):
        return x
    if _is_missing(x):
        return None
    if isinstance(x, (bytes, bytearray)):
        return bytes(x).decode("utf-8", errors="replace")
    if isinstance(x, np.str_):
        return str(x)
    raise TypeError(f"texts[{position}] is {type(x).__name__}, not str (None and NaN are allowed)")


_TEXT_INDEX = re.compile(r"^texts\[(\d+)\]")


@contextlib.contextmanager
def _texts_from(start: int) -> Any:
    """C++ names a text that is too long by its index in the piece it was handed ("texts[3] is ...");
    this turns that into the index in the caller's ``texts``."""
    try:
        yield
    except _core.InvalidInputError as e:
        if start == 0 or not _TEXT_INDEX.match(str(e)):
            raise
        message = _TEXT_INDEX.sub(lambda m: f"texts[{int(m.group(1)) + start}]", str(e))
        raise _core.InvalidInputError(message) from None


def _module(x: Any) -> str:
    return type(x).__module__.split(".", 1)[0]


def _arrow_chunks(texts: Any) -> list[Any] | None:
    """The Arrow string arrays behind ``texts`` when it is a pyarrow array or chunked array, a Polars Series
    or a pandas Series backed by Arrow, else None. Other Arrow value types give None (the general path
    then reads them row by row and names the first that is not a string)."""
    root = _module(texts)
    if root not in ("pyarrow", "polars", "pandas"):
        return None
    if root == "pandas":
        # Decided before pyarrow is imported: a pandas Series of object or numpy strings must score where
        # pyarrow is not installed (the demo's environment has only numpy and pandas).
        import pandas as pd

        dtype = getattr(texts, "dtype", None)
        arrow_backed = (isinstance(dtype, pd.ArrowDtype)
                        or (isinstance(dtype, pd.StringDtype) and str(dtype.storage).startswith("pyarrow")))
        if not (isinstance(texts, pd.Series) and arrow_backed):
            return None
    import pyarrow as pa

    if root == "polars":
        import polars as pl

        if not isinstance(texts, pl.Series):
            return None
        # Polars keeps strings as views: the newest compatibility level hands them over as a string_view
        # array without a copy (older pyarrow or Polars: large_string, which Polars copies into).
        view = hasattr(pl, "CompatLevel") and hasattr(pa.types, "is_string_view")
        texts = texts.to_arrow(compat_level=pl.CompatLevel.newest()) if view else texts.to_arrow()
    elif root == "pandas":
        texts = pa.array(texts.array)
    if isinstance(texts, pa.ChunkedArray):
        chunks = list(texts.chunks)
    elif isinstance(texts, pa.Array):
        chunks = [texts]
    else:
        return None
    out = []
    for chunk in chunks:
        kind = chunk.type
        if pa.types.is_dictionary(kind):
            chunk = chunk.dictionary_decode()
            kind = chunk.type
        if (pa.types.is_string(kind) or pa.types.is_large_string(kind)
                or getattr(pa.types, "is_string_view", lambda _: False)(kind)):
            out.append(chunk)  # string_view: views into several data buffers, read in place as well
        else:
            return None
    return out


def _to_output(frame: pd.DataFrame, output: str) -> Any:
    """``frame`` as a pyarrow Table or a Polars DataFrame: missing rows become nulls, the lexicon
    fingerprint goes into the schema metadata (Arrow only; Polars keeps no metadata)."""
    import pyarrow as pa

    table = pa.Table.from_pandas(frame, preserve_index=False)  # NaN scores of missing rows become null
    table = table.replace_schema_metadata({"stimmung_lexicon": frame.attrs.get("stimmung_lexicon", "")})
    if output == "arrow":
        return table
    import polars as pl

    return pl.from_arrow(table)


class _Scored:
    """The core's results for a batch, before they become a frame: one dict of arrays per call and, per
    call, which rows were missing (None, NaN: scored as "" and shown as NaN)."""

    __slots__ = ("parts", "masks")

    def __init__(self, parts: list[dict[str, Any]], masks: list[np.ndarray]) -> None:
        self.parts = parts
        self.masks = masks


class Scorer:
    """Scores German text for the tones of a lexicon (the built-in one by default).

    A Scorer is immutable and can be shared between threads; build one per lexicon and reuse it.

    Args:
        lexicon: a :class:`Lexicon`, a path to a lexicon file (extends the built-in lexicon), or None.
        strict_utf8: raise :class:`InvalidInputError` on invalid UTF-8 instead of replacing it by U+FFFD
            (only reachable through strings with lone surrogates from Python).
        rules_off: rule families to switch off, to see what each contributes (evaluation, tests): names
            from :data:`RULE_FAMILIES` ("negation", "intensity", "contrast", "side_clause",
            "reported_speech", "market_scope", "question", "price_movement", "markers"). Scoring keeps all on.
        profile: the language profile the rules read (:class:`Profile`, or a path to a profile file read
            with :meth:`Profile.from_file`); the built-in German one by default (docs/profile-format.md).
    """

    __slots__ = ("_core", "_lexicon", "_tones", "_profile")

    def __init__(
        self,
        lexicon: Lexicon | PathLike | None = None,
        *,
        strict_utf8: bool = False,
        rules_off: Iterable[str] = (),
        profile: Profile | PathLike | None = None,
    ) -> None:
        if lexicon is None:
            lexicon = Lexicon.builtin()
        elif not isinstance(lexicon, Lexicon):
            lexicon = Lexicon.builtin().extended(lexicon)
        if isinstance(rules_off, str):
            rules_off = (rules_off,)
        changed = as_profile(profile)
        self._lexicon = lexicon
        # Only a changed profile is kept (and pickled); the built-in one is the core's default.
        self._profile = changed if changed is not None and not changed.is_builtin else None
        core_profile = None if self._profile is None else self._profile._core
        # ValueError: an unknown rule family
        self._core = _core.Scorer(lexicon._core, strict_utf8, list(rules_off), core_profile)
        self._tones: tuple[str, ...] = tuple(self._core.tones)

    @property
    def rules_off(self) -> tuple[str, ...]:
        """The rule families switched off (empty for a normal scorer)."""
        return tuple(self._core.rules_off)

    @property
    def lexicon(self) -> Lexicon:
        """The lexicon this scorer was built from."""
        return self._lexicon

    @property
    def profile(self) -> Profile:
        """The language profile this scorer was built with."""
        return self._profile if self._profile is not None else Profile.builtin()

    @property
    def tones(self) -> tuple[str, ...]:
        """Tone names, in score order."""
        return self._tones

    @property
    def fingerprint(self) -> str:
        """Library version and a hash of the lexicon and language profile in use, e.g.
        ``'stimmung-0.1.0+lex.3f2a9c1e04b7d65a'``: :attr:`Lexicon.fingerprint` while the :attr:`profile` is
        the built-in one, else a hash that covers the profile's settings too."""
        if self._profile is None:
            return self._lexicon.fingerprint  # cached by the Lexicon
        return str(self._core.fingerprint())

    def split_sentences(self, text: str) -> list[str]:
        """Splits ``text`` into sentences as :meth:`score_document` does (with this scorer's profile)."""
        return split_sentences(text, profile=self._profile)

    def score(self, text: str) -> SentenceScore:
        """Scores ``text`` as one sentence.

        Raises :class:`InvalidInputError` (a ValueError) if ``text`` is longer than :data:`MAX_TEXT_BYTES`
        in UTF-8."""
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        return SentenceScore(self._core.score(text), self._tones, text)

    def score_document(self, text: str) -> DocumentScore:
        """Splits ``text`` into sentences, scores each and aggregates per tone.

        Raises :class:`InvalidInputError` (a ValueError) if ``text`` is longer than :data:`MAX_TEXT_BYTES`
        in UTF-8."""
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        return DocumentScore(self._core.score_document(text), self._tones, text)

    def score_batch(
        self,
        texts: Iterable[Any],
        n_threads: int | None = None,
        *,
        level: str = "sentence",
        explain: bool = False,
        output: str = "pandas",
    ) -> Any:
        """Scores many texts on all cores (the GIL is released) and returns one row per input, in order.

        Args:
            texts: any iterable of str (list, tuple, generator, numpy array, pandas Series), or an Arrow
                string column: a pyarrow ``StringArray``/``LargeStringArray``/``ChunkedArray``, a Polars
                Series or a pandas Series backed by Arrow (``string[pyarrow]``, ``pd.ArrowDtype``, pandas
                3's ``str``), whose UTF-8 buffers C++ reads in place, without a Python object per row.
                None, NaN, pandas.NA and Arrow nulls give NaN scores; bytes are decoded as UTF-8 (invalid
                bytes replaced).
            n_threads: worker threads; None or -1 for all cores. Results do not depend on it.
            level: "sentence" scores each text as one sentence; "document" splits each text into
                sentences and gives, per tone, the mean (column ``<tone>``), ``<tone>_max`` and
                ``<tone>_share`` (share of sentences where the tone is present) plus ``n_sentences``.
            explain: add a ``cues`` column (a list of dicts per row).
            output: "pandas" (a DataFrame), "arrow" (a pyarrow Table) or "polars" (a Polars DataFrame),
                whatever ``texts`` is; in the last two, missing rows have null scores.

        Returns:
            A DataFrame with a column per tone and ``n_cues``; indexed like ``texts`` if it is a pandas
            Series. The columns, in order, with their types: :func:`stimmung.schema.score_columns`.
            ``.attrs["stimmung_lexicon"]`` holds the scorer's :attr:`fingerprint` (in an Arrow Table: the
            schema metadata ``stimmung_lexicon``).

        Raises:
            InvalidInputError: (a ValueError) a text is longer than :data:`MAX_TEXT_BYTES` in UTF-8; the
                message names the first such text by its position in ``texts``.
        """
        import pandas as pd

        from .pandas_ext import register_accessor

        register_accessor()  # pandas is imported now; df["text"].stimmung works from here on

        schema.check_level(level)
        if output not in ("pandas", "arrow", "polars"):
            raise ValueError(f"output must be 'pandas', 'arrow' or 'polars', not {output!r}")
        if isinstance(texts, pd.DataFrame) or (
            _module(texts) in ("pyarrow", "polars")
            and type(texts).__name__ in ("Table", "RecordBatch", "DataFrame")):
            # Iterating a DataFrame yields its column labels: scoring them would be a silent wrong answer.
            raise TypeError(f"texts is a {type(texts).__name__}; pass one column (df['text']) or use "
                            "stimmung.score_frame")
        index = texts.index if isinstance(texts, pd.Series) else None
        arrow = _arrow_chunks(texts)
        items = texts.tolist() if isinstance(texts, (pd.Series, np.ndarray)) and arrow is None else texts
        if isinstance(items, str):
            raise TypeError("texts must be an iterable of str, not a single str (use score())")
        scored = self._score_raw(items, arrow, _threads(n_threads), level, explain)
        return self._assemble(scored, index, level, explain, output)

    def _score_raw(self, items: Iterable[Any], arrow: list[Any] | None, threads: int, level: str,
                   explain: bool) -> _Scored:
        """The scoring step of :meth:`score_batch`: the core's numbers for ``items`` (or the Arrow arrays
        ``arrow``), no pandas needed. The CLI calls it on its scoring thread and leaves :meth:`_assemble`
        (pandas, under the GIL) to its writer thread, so that building one chunk's frame overlaps scoring
        the next."""
        parts: list[dict[str, Any]] = []
        masks: list[np.ndarray] = []
        position = 0
        chunk: list[str] = []
        chunk_mask: list[bool] = []

        def flush() -> None:
            with _texts_from(position - len(chunk)):
                result = self._core.score_batch(chunk, threads, level, explain)
            parts.append(result)
            masks.append(np.asarray(chunk_mask, dtype=bool))
            chunk.clear()
            chunk_mask.clear()

        if arrow is not None:
            # Arrow: C++ reads each array's offsets, bytes and validity bitmap in place (slices, offset != 0
            # included); pieces of _LIST_CHUNK rows bound the per-call view table as for lists.
            rows_before = 0
            for array in arrow:
                for start in range(0, len(array), _LIST_CHUNK):
                    piece = array.slice(start, _LIST_CHUNK)
                    buffers = piece.buffers()
                    bitmap = buffers[0] if piece.null_count else None
                    with _texts_from(rows_before + start):
                        if piece.type.id == _string_view_id():
                            parts.append(self._core.score_batch_arrow_view(
                                buffers[1], [b for b in buffers[2:] if b is not None], bitmap, piece.offset,
                                len(piece), threads, level, explain))
                        else:
                            offsets, data = buffers[1], buffers[2]
                            parts.append(self._core.score_batch_arrow(
                                offsets, data if data is not None else b"", bitmap, piece.offset, len(piece),
                                piece.type.id == _large_string_id(), threads, level, explain))
                    masks.append(piece.is_null().to_numpy(zero_copy_only=False))
                rows_before += len(array)
            items = []
        fast = arrow is None and isinstance(items, (list, tuple))
        if fast and isinstance(items, (list, tuple)):  # (the second test tells mypy what `items` is)
            # Fast path, the common case: a list of str goes to C++ as it is, which checks every item and
            # raises TypeError at anything else (None, NaN, bytes); then the general path below runs.
            try:
                for start in range(0, len(items), _LIST_CHUNK):
                    whole = type(items) is list and len(items) <= _LIST_CHUNK
                    block = cast("list[Any]", items) if whole else list(items[start : start + _LIST_CHUNK])
                    with _texts_from(start):
                        parts.append(self._core.score_batch(block, threads, level, explain))
                    masks.append(np.zeros(len(block), dtype=bool))
            except TypeError:
                parts.clear()
                masks.clear()
                fast = False
        if not fast and arrow is None:
            for x in items:
                text = _as_text(x, position)
                position += 1
                chunk_mask.append(text is None)
                chunk.append("" if text is None else text)
                if len(chunk) >= _CHUNK:
                    flush()
        if chunk or not parts:
            flush()
        return _Scored(parts, masks)

    def _assemble(self, scored: _Scored, index: Any, level: str, explain: bool, output: str) -> Any:
        """The assembly step of :meth:`score_batch`: the output frame of :meth:`_score_raw`'s numbers."""
        import pandas as pd

        parts, masks = scored.parts, scored.masks
        n_tones = len(self._tones)
        missing = np.concatenate(masks) if masks else np.zeros(0, dtype=bool)
        any_missing = bool(missing.any())

        def stacked(key: str) -> np.ndarray:
            if len(parts) == 1:
                return np.asarray(parts[0][key])  # no copy for a batch of one chunk
            return np.concatenate([p[key] for p in parts]) if parts else np.zeros((0,))

        # The columns, their order and types come from the output contract (schema.py); here only values.
        layout = schema.score_columns(self._tones, level, explain)
        blocks: dict[str, np.ndarray] = {}

        def per_tone(key: str) -> np.ndarray:  # a per-tone array, rows of missing texts NaN
            if key not in blocks:
                values = stacked(key).reshape(-1, n_tones)
                if any_missing:
                    values[missing] = np.nan
                blocks[key] = values
            return blocks[key]

        frame = None
        leading = [c for c in layout if c.key == "scores"]
        if leading:
            # The tone columns are the array C++ wrote, not a copy of it.
            frame = pd.DataFrame(per_tone("scores"), columns=schema.names(leading), index=index, copy=False)
        columns: dict[str, Any] = {}
        for col in layout[len(leading) :]:
            if col.dtype == schema.FLOAT64:
                columns[col.name] = per_tone(col.key)[:, col.tone]
            elif col.dtype == schema.INT64:
                counts = pd.array(np.asarray(stacked(col.key), dtype=np.int64), dtype="Int64")
                if any_missing:
                    counts[missing] = pd.NA
                columns[col.name] = counts
            else:  # cues
                cues = [[cue_to_dict(c) for c in row] for p in parts for row in p[col.key]]
                columns[col.name] = [None if m else c for c, m in zip(cues, missing)]
        if frame is None:
            frame = pd.DataFrame(columns, index=index)
        else:
            for name, values in columns.items():
                frame[name] = values
        frame.attrs[schema.FINGERPRINT_ATTR] = self.fingerprint
        return frame if output == "pandas" else _to_output(frame, output)

    def __repr__(self) -> str:
        profile = "" if self._profile is None else ", changed language profile"
        tones = ", ".join(self._tones)
        return f"<stimmung.Scorer: {len(self._lexicon)} lexicon entries, tones {tones}{profile}>"

    def __getstate__(self) -> dict[str, Any]:
        state: dict[str, Any] = {"version": 1, "lexicon": self._lexicon}
        state["strict_utf8"] = self._core.strict_utf8
        if self._core.rules_off:  # only when set, so that pickles of normal scorers stay as they were
            state["rules_off"] = list(self._core.rules_off)
        if self._profile is not None:  # likewise only a changed profile
            state["profile"] = self._profile
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        if state.get("version") != 1:
            raise _core.StimmungError(f"unsupported Scorer pickle version {state.get('version')!r}")
        self._lexicon = state["lexicon"]
        self._profile = state.get("profile")
        self._core = _core.Scorer(self._lexicon._core, state["strict_utf8"], list(state.get("rules_off", ())),
                                  None if self._profile is None else self._profile._core)
        self._tones = tuple(self._core.tones)


_default: Scorer | None = None
_default_lock = threading.Lock()


def default_scorer() -> Scorer:
    """The shared Scorer with the built-in lexicon (built on first use)."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Scorer()
    return _default


def score(text: str) -> SentenceScore:
    """Scores ``text`` as one sentence with the built-in lexicon."""
    return default_scorer().score(text)


def score_document(text: str) -> DocumentScore:
    """Scores a document sentence by sentence with the built-in lexicon."""
    return default_scorer().score_document(text)


def score_batch(
    texts: Iterable[Any], n_threads: int | None = None, *, level: str = "sentence", explain: bool = False,
    output: str = "pandas",
) -> Any:
    """:meth:`Scorer.score_batch` with the built-in lexicon."""
    return default_scorer().score_batch(texts, n_threads, level=level, explain=explain, output=output)


def split_sentences(text: str, profile: Profile | PathLike | None = None) -> list[str]:
    """Splits German text into sentences (abbreviations, dates and headlines handled), with the
    abbreviations, units, months and domains of ``profile`` (the built-in German profile by default)."""
    changed = as_profile(profile)
    return [text[a:b] for a, b in _core.split_sentences(text, None if changed is None else changed._core)]
