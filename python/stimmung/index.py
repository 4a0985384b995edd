"""Tone indices over time, built the way Baker, Bloom and Davis (2016) build the EPU index.

Design notes: the steps follow the EPU paper so an economist can read the index like EPU (docs/index-method.md
sets them side by side):

1. per document a value: 1 if the tone is present (``<tone>_max >= threshold``, i.e. at least one sentence
   carries it), or its mean score; times 1 if it also mentions a term of ``require`` (the EPU condition),
2. per outlet and period the sum of those values divided by the outlet's number of documents in the
   period (the scaling that removes changes in an outlet's volume),
3. per outlet, division by that series' standard deviation over the base period (so a large or excitable
   outlet does not dominate),
4. per period the mean over the outlets that published in it,
5. the result times 100 over its mean in the base period.

The bootstrap resamples documents with replacement inside every outlet-period cell (so each outlet keeps
its document count, as in step 2), runs steps 2-5 again on every replicate, base period included, and
reports percentile bands. It is seeded: the same call gives the same band.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable
from typing import Union

import numpy as np
import pandas as pd

from .results import THRESHOLD

__all__ = ["build_index", "mentions"]

_FREQ = {"day": "D", "week": "W-SUN", "month": "M", "quarter": "Q", "year": "Y"}
TermSet = Union[str, "re.Pattern[str]", Iterable[Union[str, "re.Pattern[str]"]]]


def _pattern(terms: TermSet) -> re.Pattern[str]:
    """One regex for a term set: a str is a literal matched at the start of a word, case-insensitively
    ("Konjunktur" finds "Konjunkturdaten", not "Hochkonjunktur"); an re.Pattern is used as it is."""
    if isinstance(terms, (str, re.Pattern)):
        terms = [terms]
    parts = []
    for term in terms:
        if isinstance(term, re.Pattern):
            named = (("i", re.I), ("m", re.M), ("s", re.S), ("x", re.X))
            flags = "".join(f for f, bit in named if term.flags & bit)
            parts.append(f"(?{flags}:{term.pattern})" if flags else f"(?:{term.pattern})")
        elif isinstance(term, str) and term.strip():
            parts.append(r"(?i:(?<!\w)" + re.escape(term.strip()) + ")")
        else:
            raise TypeError(f"a term must be a non-empty str or a compiled re.Pattern, not {term!r}")
    if not parts:
        raise ValueError("the term set is empty")
    return re.compile("|".join(parts))


def mentions(texts: pd.Series, terms: TermSet) -> pd.Series:
    """Whether each text mentions a term of ``terms`` (bool Series, False for missing texts).

    A str term is a literal matched at the start of a word, ignoring case; a compiled ``re.Pattern`` is
    searched as it is (its flags kept), e.g. ``re.compile(r"\\bZins(en|wende)?\\b")``.
    """
    pattern = _pattern(terms)
    return texts.map(lambda t: isinstance(t, str) and pattern.search(t) is not None).astype(bool)


def _periods(dates: pd.Series, freq: str) -> pd.PeriodIndex:
    code = _FREQ.get(freq, freq)
    stamps = pd.to_datetime(dates)
    if getattr(stamps.dt, "tz", None) is not None:
        stamps = stamps.dt.tz_localize(None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "converting to PeriodArray will drop timezone information"
        return pd.PeriodIndex(stamps.dt.to_period(code))


def _base_mask(periods: pd.PeriodIndex, base) -> np.ndarray:
    if base is None:
        return np.ones(len(periods), dtype=bool)
    if not (isinstance(base, (tuple, list)) and len(base) == 2):
        raise ValueError(f"base must be (start, end) or None, not {base!r}")
    start, end = (pd.Period(b, freq=periods.freq) if b is not None else None for b in base)
    mask = np.ones(len(periods), dtype=bool)
    if start is not None:
        mask &= np.asarray(periods >= start)
    if end is not None:
        mask &= np.asarray(periods <= end)
    if not mask.any():
        raise ValueError(f"the base period {base!r} holds no period of the data "
                         f"({periods[0]} to {periods[-1]})")
    return mask


def _index_from_shares(shares: np.ndarray, base: np.ndarray, standardize: bool,
                       normalize: bool) -> np.ndarray:
    """Steps 3-5 on ``shares`` (..., periods, outlets; NaN where an outlet published nothing)."""
    values = shares
    if standardize:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN or single-value base columns
            sd = np.nanstd(shares[..., base, :], axis=-2, ddof=1, keepdims=True)
        sd = np.where(sd > 0, sd, np.nan)
        values = shares / sd
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # periods without any outlet
        averaged = np.nanmean(values, axis=-1)
        if normalize:
            level = np.nanmean(averaged[..., base], axis=-1, keepdims=True)
            averaged = 100.0 * averaged / np.where(level > 0, level, np.nan)
    return averaged


def build_index(
    frame: pd.DataFrame,
    tone: str = "bubble",
    *,
    date: str = "date",
    outlet: str | None = "outlet",
    freq: str = "month",
    measure: str = "share",
    threshold: float = THRESHOLD,
    require: TermSet | None = None,
    text: str = "text",
    base: tuple[object, object] | None = None,
    standardize: bool = True,
    normalize: bool = True,
    n_boot: int = 200,
    ci: float = 0.90,
    seed: int | None = 0,
) -> pd.DataFrame:
    """A tone index over time from scored documents, built like the EPU index (docs/index-method.md).

    Args:
        frame: one row per document with a date column, an outlet column and the document-level score
            columns of ``score_frame(df, "text", level="document")`` (``<tone>`` and ``<tone>_max``).
            Rows with a missing date or missing scores are left out.
        tone: the tone the index measures.
        date: the date column (anything ``pd.to_datetime`` reads).
        outlet: the outlet column; None treats all documents as one outlet.
        freq: "day", "week" (Monday to Sunday), "month", "quarter", "year" or a pandas period alias.
        measure: "share" counts a document when the tone is present in it (``<tone>_max >= threshold``,
            at least one sentence carries it); "mean" takes its mean sentence score (``<tone>``).
        threshold: the presence threshold for "share" (default 0.5, as everywhere in stimmung).
        require: a term set a document must also mention to count (the EPU condition), e.g. economy
            terms: a str is a literal matched at the start of a word ignoring case, an ``re.Pattern`` is
            searched as it is. Searched in the ``text`` column. A document that does not mention one
            counts 0 but stays in its outlet's document count.
        text: the text column ``require`` searches.
        base: the base period as (start, end), inclusive, each anything ``pd.Period`` reads ("2023-01")
            or None for open; None for the whole sample. Standardization and the mean of 100 refer to it.
        standardize: divide each outlet's series by its standard deviation over the base period (EPU's
            step); outlets whose series does not vary there are left out with a warning.
        normalize: scale the index to a mean of 100 over the base period; False leaves the mean of the
            standardized shares.
        n_boot: bootstrap replicates for the band (0: no band).
        ci: coverage of the percentile band.
        seed: seed of the bootstrap (None: fresh randomness each call).

    Returns:
        One row per period from the first to the last (periods without documents included, with NaN),
        indexed by the period's start (``period``), with columns ``value`` (the index), ``lower`` and
        ``upper`` (the bootstrap band), ``raw`` (step 2 averaged over outlets: the plain share or mean,
        before standardizing), ``n_documents`` (documents behind the point), ``n_counted`` (documents
        that counted: tone present, or a non-zero score, and the term set mentioned) and ``n_outlets``.
        ``.attrs`` records the arguments and, when the input had it, the lexicon fingerprint.
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"frame must be a pandas DataFrame, not {type(frame).__name__}")
    if measure not in ("share", "mean"):
        raise ValueError(f"measure must be 'share' or 'mean', not {measure!r}")
    if not 0 < ci < 1:
        raise ValueError(f"ci must lie between 0 and 1, not {ci!r}")
    if not isinstance(n_boot, (int, np.integer)) or n_boot < 0:
        raise ValueError(f"n_boot must be a non-negative int, not {n_boot!r}")
    column = f"{tone}_max" if measure == "share" else tone
    if measure == "share" and column not in frame.columns and tone in frame.columns:
        column = tone  # sentence-level scores: each row is one sentence, its score decides
    needed = [date, column] + ([outlet] if outlet is not None else [])
    needed += [text] if require is not None else []
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        hint = ""
        if column in missing:
            hint = " (score the texts first: stimmung.score_frame(df, 'text', level='document'))"
        raise KeyError(f"no column(s) {', '.join(map(repr, missing))}{hint}; columns: "
                       f"{', '.join(map(str, frame.columns))}")

    scores = pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    keep = ~np.isnan(scores) & pd.notna(frame[date]).to_numpy()
    data = frame.loc[keep]
    scores = scores[keep]
    if len(data) == 0:
        raise ValueError("no document has both a date and a score")
    values = (scores >= threshold).astype(float) if measure == "share" else scores
    if require is not None:
        values = values * mentions(data[text], require).to_numpy()

    periods = _periods(data[date], freq)
    all_periods = pd.period_range(periods.min(), periods.max(), freq=periods.freq)
    p_code = all_periods.get_indexer(periods)
    if outlet is None:
        outlets = pd.Index(["all"])
        o_code = np.zeros(len(data), dtype=np.int64)
    else:
        names = data[outlet].astype(object).where(data[outlet].notna(), "(none)")
        o_code, outlets = pd.factorize(names, sort=True)
        outlets = pd.Index(outlets)
    n_p, n_o = len(all_periods), len(outlets)
    cell = p_code * n_o + o_code  # one cell per period and outlet
    counts = np.bincount(cell, minlength=n_p * n_o).reshape(n_p, n_o).astype(float)
    sums = np.bincount(cell, weights=values, minlength=n_p * n_o).reshape(n_p, n_o)
    empty = counts == 0
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = np.where(empty, np.nan, sums / np.where(empty, 1, counts))

    base_mask = _base_mask(all_periods, base)
    if standardize:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            sd = np.nanstd(shares[base_mask], axis=0, ddof=1)
        flat = ~(sd > 0)
        if flat.all():
            raise ValueError("no outlet's series varies over the base period, so none can be standardized; "
                             "widen the base period or pass standardize=False")
        if flat.any():
            warnings.warn(
                f"left out outlet(s) whose series does not vary over the base period (or has fewer than two "
                f"periods there): {', '.join(map(str, outlets[flat]))}", stacklevel=2)
            shares[:, flat] = np.nan
    index = _index_from_shares(shares, base_mask, standardize, normalize)

    result = pd.DataFrame(index=pd.DatetimeIndex(all_periods.to_timestamp(), name="period"))
    result["value"] = index
    lower = upper = np.full(n_p, np.nan)
    if n_boot > 0:
        replicates = _bootstrap(values, cell, counts, n_boot, seed, shares, base_mask, standardize, normalize)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # periods without documents
            lower, upper = np.nanquantile(replicates, [(1 - ci) / 2, (1 + ci) / 2], axis=0)
    result["lower"] = lower
    result["upper"] = upper
    used = ~np.isnan(shares)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        result["raw"] = np.nanmean(np.where(used, shares, np.nan), axis=1)
    result["n_documents"] = counts.sum(axis=1).astype(np.int64)
    counted = np.bincount(p_code, weights=(values > 0).astype(float), minlength=n_p)
    result["n_counted"] = counted.astype(np.int64)
    result["n_outlets"] = used.sum(axis=1).astype(np.int64)
    result.attrs.update(
        stimmung_index={
            "tone": tone, "measure": measure, "column": column, "threshold": threshold, "freq": freq,
            "require": None if require is None else _pattern(require).pattern,
            "base": None if base is None else (str(all_periods[base_mask][0]),
                                               str(all_periods[base_mask][-1])),
            "standardize": standardize, "normalize": normalize, "n_boot": n_boot, "ci": ci, "seed": seed,
            "outlets": [str(o) for o in outlets],
        })
    if "stimmung_lexicon" in frame.attrs:
        result.attrs["stimmung_lexicon"] = frame.attrs["stimmung_lexicon"]
    return result


def _bootstrap(values: np.ndarray, cell: np.ndarray, counts: np.ndarray, n_boot: int, seed: int | None,
               shares: np.ndarray, base: np.ndarray, standardize: bool, normalize: bool) -> np.ndarray:
    """``n_boot`` replicates of the index: documents drawn with replacement inside each period-outlet cell."""
    rng = np.random.default_rng(seed)
    order = np.argsort(cell, kind="stable")
    sorted_values = values[order]
    sorted_cell = cell[order]
    n_cells = counts.size
    flat_counts = counts.reshape(-1).astype(np.int64)
    starts = np.concatenate(([0], np.cumsum(flat_counts)[:-1]))
    size = flat_counts[sorted_cell]  # each document's draw comes from its own cell
    first = starts[sorted_cell]
    dropped = np.isnan(shares)  # empty cells and outlets left out stay out in every replicate
    out = np.empty((n_boot, counts.shape[0]))
    for b in range(n_boot):
        draw = first + np.floor(rng.random(len(sorted_values)) * size).astype(np.int64)
        sums = np.bincount(sorted_cell, weights=sorted_values[draw], minlength=n_cells).reshape(counts.shape)
        with np.errstate(invalid="ignore", divide="ignore"):
            boot = np.where(dropped, np.nan, sums / np.where(counts == 0, 1, counts))
        out[b] = _index_from_shares(boot, base, standardize, normalize)
    return out

