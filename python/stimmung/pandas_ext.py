"""pandas integration: :func:`score_frame` and the ``Series.stimmung`` accessor.

Importing stimmung registers the accessor, so ``df["text"].stimmung.score()`` works right away.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from .scorer import Scorer


def _scorer(scorer: Optional["Scorer"]) -> "Scorer":
    from .scorer import default_scorer

    return scorer if scorer is not None else default_scorer()


def score_frame(
    df: pd.DataFrame,
    text_column: str,
    level: str = "sentence",
    *,
    scorer: Optional["Scorer"] = None,
    n_threads: Optional[int] = None,
    explain: bool = False,
    prefix: str = "",
) -> pd.DataFrame:
    """``df`` with score columns added (a new frame; ``df`` is not changed).

    Args:
        df: the frame; its index is kept.
        text_column: the column holding the texts (None/NaN rows get NaN scores).
        level: "sentence" (each text is one sentence) or "document" (split into sentences; adds
            ``<tone>_max``, ``<tone>_share`` and ``n_sentences``), as in :meth:`Scorer.score_batch`.
        scorer: a :class:`stimmung.Scorer` (custom lexicons, user-defined tones); default: built-in.
        n_threads: worker threads; None for all cores.
        explain: add a ``cues`` column.
        prefix: put before every added column name, e.g. ``"tone_"``.

    Raises:
        KeyError: ``text_column`` is not a column of ``df``.
        ValueError: an added column would overwrite an existing one (choose a ``prefix``), or ``df``
            has duplicate column names.
    """
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"df must be a pandas DataFrame, not {type(df).__name__}")
    duplicated = df.columns[df.columns.duplicated()].unique().tolist()
    if duplicated:
        # df[name] would be a DataFrame (two text columns) and the added columns ambiguous.
        names = ", ".join(map(str, duplicated))
        raise ValueError(f"df has duplicate column name(s) {names}; rename them first")
    if text_column not in df.columns:
        raise KeyError(f"no column {text_column!r}; columns: {', '.join(map(str, df.columns))}")
    scores = _scorer(scorer).score_batch(df[text_column], n_threads, level=level, explain=explain)
    scores = scores.add_prefix(prefix) if prefix else scores
    clash = [c for c in scores.columns if c in df.columns]
    if clash:
        raise ValueError(f"df already has column(s) {', '.join(map(str, clash))}; pass prefix= to avoid them")
    out = pd.concat([df, scores], axis=1)
    out.attrs["stimmung_lexicon"] = scores.attrs["stimmung_lexicon"]  # concat keeps attrs only if all agree
    return out


@pd.api.extensions.register_series_accessor("stimmung")
class StimmungAccessor:
    """``series.stimmung.score()``: scores a Series of texts, one row per element, same index."""

    def __init__(self, series: pd.Series) -> None:
        self._series = series

    def score(
        self,
        level: str = "sentence",
        *,
        scorer: Optional["Scorer"] = None,
        n_threads: Optional[int] = None,
        explain: bool = False,
    ) -> pd.DataFrame:
        """A DataFrame of scores indexed like the Series (see :meth:`stimmung.Scorer.score_batch`)."""
        return _scorer(scorer).score_batch(self._series, n_threads, level=level, explain=explain)

    def explain(self, position: int, *, scorer: Optional["Scorer"] = None):
        """The :class:`DocumentScore` of the element at ``position`` (renders highlighted in Jupyter)."""
        return _scorer(scorer).score_document(self._series.iloc[position])
