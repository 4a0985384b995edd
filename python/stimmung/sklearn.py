"""scikit-learn: tone and cue features of German texts, as a transformer for a ``Pipeline``::

    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from stimmung.sklearn import ToneFeatures

    model = make_pipeline(ToneFeatures(), LogisticRegression())
    model.fit(texts, labels)          # texts: a list, numpy array or pandas Series of str
    model.predict(["Die Anleger sind nervös."])

Needs the ``sklearn`` extra (``pip install 'stimmung[sklearn]'``, scikit-learn 1.6 or newer).

Design notes
------------
* The transformer keeps sklearn's conventions: ``__init__`` only stores its parameters, ``fit``
  validates them and builds the Scorer (``scorer_``), ``transform`` scores with it. The features are
  fixed by the lexicon, not learned, so ``fit`` does not read ``X`` beyond checking that it is a
  one-dimensional collection of texts (a generator survives ``fit_transform``).
* One call of :meth:`stimmung.Scorer.score_batch` per ``transform`` (all cores, the GIL released) gives
  the numbers of the output contract; the groups ``tone_cues`` and ``market`` need every cue of every text
  and take a second batch call that returns full results.
* Text input has no ``n_features_in_`` and no ``feature_names_in_``, as for sklearn's own text
  vectorizers; the tags say so (``input_tags.string``, not ``two_d_array``).
* Pickling: the Scorer of the built-in lexicon is left out of the pickle and rebuilt when it is loaded
  (the lexicon ships with stimmung); a Scorer of another lexicon travels with its entries, so a model
  loads where the lexicon file does not exist. Either way the lexicon fingerprint taken at ``fit`` is
  compared with the one in use after loading, and a difference (another stimmung version, another
  lexicon) is a warning: the features may then differ from those the model was trained on.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

try:
    from sklearn.base import BaseEstimator, TransformerMixin
    from sklearn.utils.validation import check_is_fitted
except ImportError as e:  # pragma: no cover - the message is the point
    raise ImportError("stimmung.sklearn needs scikit-learn: pip install 'stimmung[sklearn]'") from e

import numpy as np

from . import schema
from .lexicon import Lexicon, PathLike
from .results import THRESHOLD
from .scorer import Scorer, _as_text, _threads, default_scorer

__all__ = ["ToneFeatures", "LexiconMismatchWarning"]

# The feature groups that need full results (every cue), not only the numbers of score_batch.
_FULL_RESULT_GROUPS = ("tone_cues", "market")


class LexiconMismatchWarning(UserWarning):
    """A loaded :class:`ToneFeatures` scores with another lexicon fingerprint than it was fitted with."""


def _check_texts(X: Any) -> None:
    """X must be a one-dimensional collection of texts; scoring checks each item."""
    if isinstance(X, (str, bytes)):
        raise ValueError("ToneFeatures expects an iterable of texts, not a single string (wrap it in a list)")
    ndim = getattr(X, "ndim", 1)
    if ndim != 1:
        shape = getattr(X, "shape", "?")
        raise ValueError(
            f"ToneFeatures expects a one-dimensional collection of texts, got {type(X).__name__} of shape "
            f"{shape}; pass one column (df['text']; in a ColumnTransformer the column name as a string, "
            "not a list)")
    if not hasattr(X, "__iter__"):
        raise TypeError(f"ToneFeatures expects an iterable of texts, not {type(X).__name__}")


def _text_list(X: Any) -> list[str | None]:
    """The texts of X as a list (None for missing ones), through the converters score_batch uses."""
    if hasattr(X, "to_pylist"):  # pyarrow arrays
        items = X.to_pylist()
    elif hasattr(X, "tolist"):  # numpy, pandas
        items = X.tolist()
    elif hasattr(X, "to_list"):  # Polars
        items = X.to_list()
    else:
        items = list(X)
    return [_as_text(x, i) for i, x in enumerate(items)]


class ToneFeatures(TransformerMixin, BaseEstimator):  # type: ignore[misc]
    """Tone and cue features of German texts, one row per text, for a scikit-learn ``Pipeline``.

    Args:
        level: "sentence" scores each text as one sentence; "document" splits each text into sentences
            (as :func:`stimmung.score_document`) and aggregates them.
        features: the feature groups, in the order their columns are wanted; None (the default) for
            the numbers of :meth:`stimmung.Scorer.score_batch` at ``level``: sentence ``scores``,
            ``n_cues``; document ``scores``, ``max``, ``share``, ``n_sentences``, ``n_cues``. Groups
            (per-tone groups give a column per tone of the lexicon, in its order):

            - ``scores``: ``<tone>``, the tone score (document: the mean over its sentences);
            - ``max``, ``share`` (document): ``<tone>_max``, the highest sentence score, and
              ``<tone>_share``, the share of sentences where the tone is present;
            - ``present``: ``<tone>_present``, 1.0 where the tone is present (score >= 0.5; document: in
              at least one sentence), else 0.0;
            - ``n_sentences`` (document), ``n_cues``: counts, as floats;
            - ``tone_cues``: ``<tone>_n_cues``, the cues per tone (negated cues included, as in
              ``n_cues``);
            - ``market``: the market context the scope rule saw (1.0 markets or the economy, 0.0 another
              domain, 0.5 neither).

            ``tone_cues`` and ``market`` build every cue of every text and cost a second scoring pass.
        lexicon: None for the built-in lexicon, a :class:`stimmung.Lexicon`, or a path (or
            ``sentiws:PATH``, ``words:TONE:PATH``) to a lexicon that extends the built-in one, as for
            :class:`stimmung.Scorer`; user-defined tones become columns too.
        n_threads: scoring threads; None or -1 for all cores. The features do not depend on it.

    Input: any one-dimensional collection of texts that :meth:`stimmung.Scorer.score_batch` takes (list,
    numpy array, pandas Series, Arrow or Polars string column, a generator). A missing text (None, NaN,
    pandas.NA) gives a row of NaN features, as ``score_batch`` gives NaN scores; put a
    ``SimpleImputer`` before an estimator that rejects NaN, or drop such rows. A single string, a
    two-dimensional array or a DataFrame is an error.

    Output: a float64 array of shape (n_texts, n_features), or a DataFrame with ``set_output``; the
    column names from :meth:`get_feature_names_out`.

    Attributes:
        scorer_: the :class:`stimmung.Scorer` that ``transform`` uses.
        tones_: its tones, in column order.
        fingerprint_: its lexicon fingerprint when the transformer was fitted.
    """

    def __init__(
        self,
        level: str = "sentence",
        *,
        features: str | Sequence[str] | None = None,
        lexicon: Lexicon | PathLike | None = None,
        n_threads: int | None = None,
    ) -> None:
        self.level = level
        self.features = features
        self.lexicon = lexicon
        self.n_threads = n_threads

    # ---------------------------------------------------------------------------------------------------
    # Parameters

    def _groups(self) -> tuple[str, ...]:
        schema.check_level(self.level)
        if self.features is None:
            return schema.default_feature_groups(self.level)
        if isinstance(self.features, str):
            return (self.features,)
        if not isinstance(self.features, Sequence) or not all(isinstance(g, str) for g in self.features):
            raise ValueError(f"features must be None, a group name or a list of them, not {self.features!r}")
        if not self.features:
            raise ValueError("features must name at least one group (None for the default)")
        return tuple(self.features)

    def _columns(self, tones: Sequence[str]) -> list[schema.Column]:
        return schema.feature_columns(tones, self.level, self._groups())

    # ---------------------------------------------------------------------------------------------------
    # sklearn API

    def fit(self, X: Any, y: Any = None) -> ToneFeatures:
        """Checks the parameters and that ``X`` is a collection of texts, and builds the Scorer.

        ``X`` is not read (the features are fixed by the lexicon); ``y`` is ignored.
        """
        _check_texts(X)
        _threads(self.n_threads)  # ValueError for a bad thread count
        if self.lexicon is None:
            scorer = default_scorer()
        else:
            scorer = Scorer(self.lexicon)  # OSError, LexiconError for a bad lexicon
        self._columns(scorer.tones)  # ValueError for a bad level or feature group
        self.scorer_ = scorer
        self.tones_ = tuple(scorer.tones)
        self.fingerprint_ = scorer.fingerprint
        return self

    def transform(self, X: Any) -> np.ndarray:
        """The features of each text of ``X``: a float64 array of shape (len(X), n_features)."""
        check_is_fitted(self)
        _check_texts(X)
        self._columns(self.tones_)  # ValueError for parameters set to something invalid since fit
        groups = self._groups()
        threads = _threads(self.n_threads)
        full = any(g in _FULL_RESULT_GROUPS for g in groups)
        texts = _text_list(X) if full else X  # two batch calls read the texts: a generator only once
        frame = self.scorer_.score_batch(texts, self.n_threads, level=self.level)
        n, tones = len(frame), list(self.tones_)
        missing = frame[tones[0]].isna().to_numpy()

        extra: dict[str, np.ndarray] = {}
        if full:
            extra = self._full_result_features(texts, threads, n)

        blocks: list[np.ndarray] = []
        for group in groups:
            if group in ("scores", "max", "share", "n_sentences", "n_cues"):  # columns of score_batch
                names = schema.names(schema.feature_columns(tones, self.level, [group]))
                blocks.append(frame[names].to_numpy(dtype=np.float64, na_value=np.nan))
            elif group == "present":
                if self.level == "sentence":
                    present = frame[tones].to_numpy(dtype=np.float64) >= THRESHOLD
                else:  # a tone is present in a document when it is in some sentence
                    present = frame[[schema.share_column(t) for t in tones]].to_numpy(dtype=np.float64) > 0
                block = present.astype(np.float64)
                block[missing] = np.nan
                blocks.append(block)
            else:
                blocks.append(extra[group])
        out = np.hstack(blocks) if blocks else np.zeros((n, 0))
        return np.ascontiguousarray(out, dtype=np.float64)

    def _full_result_features(self, texts: list[str | None], threads: int, n: int) -> dict[str, np.ndarray]:
        """``tone_cues`` (n × tones) and ``market`` (n × 1) from the full results of the present texts."""
        index = {t: k for k, t in enumerate(self.tones_)}
        cues = np.full((n, len(index)), np.nan)
        market = np.full((n, 1), np.nan)
        rows = [i for i, t in enumerate(texts) if t is not None]
        present = [t for t in texts if t is not None]
        core = self.scorer_._core
        if self.level == "sentence":
            results = core.score_sentence_results(present, threads) if present else []
            per_row = [(r.cues, r.market) for r in results]
        else:
            documents = core.score_document_results(present, threads) if present else []
            per_row = [([c for s in d.sentences for c in s.cues], d.market) for d in documents]
        for i, (row_cues, row_market) in zip(rows, per_row):
            counts = np.zeros(len(index))
            for cue in row_cues:
                counts[index[cue.tone]] += 1
            cues[i] = counts
            market[i, 0] = row_market
        return {"tone_cues": cues, "market": market}

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """The names of the output columns (``input_features`` is ignored: texts have no columns)."""
        check_is_fitted(self)
        return np.asarray(schema.names(self._columns(self.tones_)), dtype=object)

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True  # texts, as CountVectorizer takes
        tags.input_tags.one_d_array = True
        tags.input_tags.two_d_array = False
        tags.input_tags.allow_nan = True  # a missing text gives NaN features
        tags.transformer_tags.preserves_dtype = []  # always float64
        return tags

    # ---------------------------------------------------------------------------------------------------
    # Pickling

    def __getstate__(self) -> dict[str, Any]:
        state = dict(super().__getstate__())
        if self.lexicon is None:
            state.pop("scorer_", None)  # the built-in lexicon ships with stimmung: rebuilt on loading
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        super().__setstate__(state)
        if "fingerprint_" not in self.__dict__:
            return  # not fitted
        if "scorer_" not in self.__dict__:
            self.scorer_ = default_scorer()
        if self.scorer_.fingerprint != self.fingerprint_:
            warnings.warn(
                f"ToneFeatures was fitted with lexicon {self.fingerprint_} and now scores with "
                f"{self.scorer_.fingerprint} (another stimmung version or lexicon): its features may differ "
                "from those a model downstream was trained on", LexiconMismatchWarning, stacklevel=2)
