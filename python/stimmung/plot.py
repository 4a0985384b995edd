"""Plots (matplotlib, the ``plot`` extra): a tone barometer over time and a comparison across outlets.

Both take a DataFrame that holds tone columns next to a date or outlet column, e.g. the sample corpus
with its scores: ``stimmung.score_frame(load_sample_corpus(), "text", level="document")``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .display import tone_colour

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.axes import Axes

_KNOWN = ("bubble", "nervousness", "hedging")


def _pyplot():
    try:
        import matplotlib.pyplot as plt
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError("stimmung.plot needs matplotlib: pip install 'stimmung[plot]'") from None
    return plt


def _tones(frame: pd.DataFrame, tones: Sequence[str] | None) -> list:
    if tones is None:
        tones = [t for t in _KNOWN if t in frame.columns]
    missing = [t for t in tones if t not in frame.columns]
    if missing or not tones:
        raise KeyError(f"no tone column(s) {', '.join(missing) or '(none given)'}; "
                       f"columns: {', '.join(map(str, frame.columns))}")
    return list(tones)


def barometer(
    frame: pd.DataFrame,
    date: str = "date",
    tones: Sequence[str] | None = None,
    window: str | int = "30D",
    ax: Axes | None = None,
) -> Axes:
    """Tone over time: the rolling mean of each tone column over ``window`` (a pandas offset such as
    ``"30D"``, or a number of days), from the daily means. Returns the matplotlib Axes."""
    import pandas as pd

    plt = _pyplot()
    if date not in frame.columns:
        raise KeyError(f"no date column {date!r}; columns: {', '.join(map(str, frame.columns))}")
    tones = _tones(frame, tones)
    if isinstance(window, int):
        window = f"{window}D"
    data = frame[[date, *tones]].copy()
    data[date] = pd.to_datetime(data[date])
    daily = data.dropna(subset=[date]).groupby(data[date].dt.normalize())[tones].mean().sort_index()
    rolling = daily.rolling(window, min_periods=1).mean()
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 3.5))
    for tone in tones:
        ax.plot(rolling.index, rolling[tone], label=tone, color=tone_colour(tone, tones), linewidth=1.8)
        ax.scatter(daily.index, daily[tone], color=tone_colour(tone, tones), s=8, alpha=0.3)
    ax.set_ylim(0, 1)
    ax.axhline(0.5, color="#888", linewidth=0.6, linestyle=":")
    ax.set_ylabel("score")
    ax.set_title(f"Tone barometer (rolling mean, {window})")
    ax.legend(loc="upper left", frameon=False, ncol=len(tones))
    ax.figure.autofmt_xdate()
    return ax


def compare(
    frame: pd.DataFrame,
    by: str = "outlet",
    tones: Sequence[str] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Mean tone per group (outlets by default) as grouped bars. Returns the matplotlib Axes."""
    import numpy as np

    plt = _pyplot()
    if by not in frame.columns:
        raise KeyError(f"no column {by!r}; columns: {', '.join(map(str, frame.columns))}")
    tones = _tones(frame, tones)
    means = frame.groupby(by)[tones].mean().sort_index()
    if ax is None:
        _, ax = plt.subplots(figsize=(max(5, 1.4 * len(means) + 2), 3.5))
    x = np.arange(len(means))
    width = 0.8 / len(tones)
    for i, tone in enumerate(tones):
        ax.bar(x + (i - (len(tones) - 1) / 2) * width, means[tone], width, label=tone,
               color=tone_colour(tone, tones))
    ax.set_xticks(x)
    ax.set_xticklabels([str(v) for v in means.index], rotation=20, ha="right")
    ax.set_ylim(0, 1)
    ax.set_ylabel("mean score")
    ax.set_title(f"Tone by {by}")
    ax.legend(frameon=False, ncol=len(tones))
    return ax


compare_outlets = compare


def index(
    result: pd.DataFrame,
    label: str | None = None,
    *,
    highlight: Sequence[object] | None = None,
    axes: Sequence[Axes] | None = None,
) -> Sequence[Axes]:
    """A tone index from :func:`stimmung.index.build_index`: the index with its bootstrap band on top and,
    underneath on the same time axis, the documents behind each point (all, and those that counted).

    Args:
        result: the frame ``build_index`` returned.
        label: the index's name in the title and legend (default: its tone).
        highlight: (start, end) dates to shade, e.g. a known episode.
        axes: two Axes to draw into (index, documents); by default a new figure.

    Returns:
        The two Axes.
    """
    import pandas as pd

    plt = _pyplot()
    for column in ("value", "n_documents"):
        if column not in result.columns:
            raise KeyError(f"no column {column!r}: pass the frame stimmung.index.build_index returned")
    meta = result.attrs.get("stimmung_index", {})
    tone = meta.get("tone", "value")
    label = label or tone
    colour = tone_colour(tone, [tone]) if tone in _KNOWN else "#444"
    if axes is None:
        _, axes = plt.subplots(2, 1, figsize=(9, 4.8), sharex=True, gridspec_kw={"height_ratios": [3, 1]})
    top, bottom = axes
    x = result.index
    if {"lower", "upper"} <= set(result.columns) and result["lower"].notna().any():
        top.fill_between(x, result["lower"], result["upper"], color=colour, alpha=0.18, linewidth=0,
                         label=f"{meta.get('ci', 0.9):.0%} bootstrap band")
    top.plot(x, result["value"], color=colour, linewidth=1.8, marker="o", markersize=3, label=label)
    if meta.get("normalize", True):
        top.axhline(100, color="#888", linewidth=0.6, linestyle=":")
    if highlight is not None:
        start, end = (pd.Timestamp(h) for h in highlight)
        for ax in axes:
            ax.axvspan(start, end, color="#f2c14e", alpha=0.18, linewidth=0)
    base = meta.get("base")
    top.set_ylabel("index (base mean = 100)" if meta.get("normalize", True) else "index")
    top.set_title(f"{label}" + (f" (base {base[0]} to {base[1]})" if base else ""))
    top.legend(loc="upper left", frameon=False)
    width = _bar_width(x)
    bottom.bar(x, result["n_documents"], width=width, color="#bbb", label="documents")
    if "n_counted" in result.columns:
        bottom.bar(x, result["n_counted"], width=width, color=colour, label="counted")
    bottom.set_ylabel("documents")
    bottom.legend(loc="upper left", frameon=False, ncol=2, fontsize="small")
    top.figure.autofmt_xdate()
    return axes


def _bar_width(x) -> float:
    """Bar width in days: most of the gap between periods."""
    import numpy as np

    if len(x) < 2:
        return 20.0
    return float(np.median(np.diff(x.values).astype("timedelta64[s]").astype(float)) / 86400 * 0.8)
