"""stimmung.index against small frames whose index is computed by hand (the numbers are in the comments)."""

import re
import warnings

import numpy as np
import pandas as pd
import pytest
from stimmung.index import build_index, mentions


def docs(outlet, month, n, hits, text="Die Konjunktur lahmt.", score=None):
    """``n`` documents of ``outlet`` in ``month``, the first ``hits`` with the tone present."""
    rows = []
    for i in range(n):
        present = i < hits
        rows.append({"date": pd.Timestamp(f"{month}-{1 + i % 28:02d}"), "outlet": outlet, "text": text,
                     "bubble": score if score is not None else (0.6 if present else 0.1),
                     "bubble_max": 0.9 if present else 0.2})
    return rows


def frame(*groups):
    return pd.DataFrame([row for g in groups for row in g])


# Outlet A: 4 documents a month, 1, 3, 2, 4 with the tone: shares .25 .75 .50 1.0
# Outlet B: 10 documents a month, 1, 3, 2, 0 with the tone: shares .10 .30 .20 0.0
MONTHS = ["2024-01", "2024-02", "2024-03", "2024-04"]
A = [docs("A", m, 4, h) for m, h in zip(MONTHS, (1, 3, 2, 4))]
B = [docs("B", m, 10, h) for m, h in zip(MONTHS, (1, 3, 2, 0))]


def test_hand_computed_index_with_outlet_scaling_and_base_period():
    # Base Jan-Mar: sd(A) = sd(.25, .75, .5) = .25 and sd(B) = sd(.1, .3, .2) = .1 (ddof 1), so the
    # standardized series are A: 1 3 2 4 and B: 1 3 2 0; their mean 1 3 2 2; its base mean is 2, so
    # the index is 50 150 100 100.
    idx = build_index(frame(*A, *B), "bubble", base=("2024-01", "2024-03"), n_boot=0)
    assert list(idx.index.strftime("%Y-%m")) == MONTHS
    np.testing.assert_allclose(idx["value"], [50, 150, 100, 100])
    assert idx["n_documents"].tolist() == [14, 14, 14, 14]
    assert idx["n_counted"].tolist() == [2, 6, 4, 4]
    assert idx["n_outlets"].tolist() == [2, 2, 2, 2]
    np.testing.assert_allclose(idx["raw"], [0.175, 0.525, 0.35, 0.5])
    assert idx.attrs["stimmung_index"]["base"] == ("2024-01", "2024-03")


def test_outlet_volume_does_not_weigh():
    # Doubling every B document (20 a month, same shares) leaves the index as it was: scaling by the
    # document count and standardizing make outlets count equally, whatever their size.
    doubled = frame(*A, *B, *B)
    idx = build_index(doubled, "bubble", base=("2024-01", "2024-03"), n_boot=0)
    np.testing.assert_allclose(idx["value"], [50, 150, 100, 100])
    # Pooling the documents instead (outlet=None) lets B's volume decide: shares .1 .3 .2 0 over .2 base sd
    # ... with A's 4 documents mixed in: (1+2)/24 .. hand: Jan 3/24, Feb 9/24, Mar 6/24, Apr 4/24.
    pooled = build_index(doubled, "bubble", outlet=None, base=("2024-01", "2024-03"), n_boot=0)
    shares = np.array([3, 9, 6, 4]) / 24
    np.testing.assert_allclose(pooled["value"], 100 * shares / shares[:3].mean())


def test_base_period_changes_the_level_not_the_shape():
    whole = build_index(frame(*A, *B), "bubble", n_boot=0)  # base: all four months
    # sd(A) over 4 months = sd(.25, .75, .5, 1) = .3227, sd(B) = sd(.1, .3, .2, 0) = .1291
    sa, sb = np.std([.25, .75, .5, 1], ddof=1), np.std([.1, .3, .2, 0], ddof=1)
    mean = (np.array([.25, .75, .5, 1]) / sa + np.array([.1, .3, .2, 0]) / sb) / 2
    np.testing.assert_allclose(whole["value"], 100 * mean / mean.mean())
    assert whole["value"].mean() == pytest.approx(100)


def test_an_outlet_missing_in_a_period_is_left_out_of_that_average():
    # B publishes nothing in April: April is A's standardized 4 alone, over the base mean 2: 200.
    idx = build_index(frame(*A, *B[:3]), "bubble", base=("2024-01", "2024-03"), n_boot=0)
    np.testing.assert_allclose(idx["value"], [50, 150, 100, 200])
    assert idx["n_outlets"].tolist() == [2, 2, 2, 1]
    assert idx["n_documents"].tolist() == [14, 14, 14, 4]


def test_periods_without_documents_are_kept_as_gaps():
    jun = docs("A", "2024-06", 4, 1)
    idx = build_index(frame(*A, jun), "bubble", standardize=False, n_boot=0)
    assert list(idx.index.strftime("%Y-%m")) == MONTHS + ["2024-05", "2024-06"]
    assert np.isnan(idx.loc["2024-05-01", "value"]) and idx.loc["2024-05-01", "n_documents"] == 0
    # Without standardizing: shares .25 .75 .5 1 .25, mean 2.75/5 = .55
    np.testing.assert_allclose(idx["value"].dropna(), 100 * np.array([.25, .75, .5, 1, .25]) / .55)


def test_require_counts_only_documents_that_mention_the_term_set():
    # Per month in A: 4 documents with the economy term (shares as above) and 4 with the tone present
    # but about football, which count 0 and still count as documents: shares halve, the index does not move.
    football = [docs("A", m, 4, 4, text="Im Stadion herrscht Hype um den Stürmer.") for m in MONTHS]
    data = frame(*A, *football)
    idx = build_index(data, "bubble", require=["konjunktur", re.compile(r"\bZinsen\b")], n_boot=0,
                      base=("2024-01", "2024-03"), standardize=False)
    np.testing.assert_allclose(idx["raw"], np.array([.25, .75, .5, 1]) / 2)
    np.testing.assert_allclose(idx["value"], 100 * np.array([.25, .75, .5, 1]) / 0.5)
    assert idx["n_documents"].tolist() == [8] * 4 and idx["n_counted"].tolist() == [1, 3, 2, 4]
    unconditioned = build_index(data, "bubble", n_boot=0, standardize=False)
    assert unconditioned["n_counted"].tolist() == [5, 7, 6, 8]


def test_mentions_matches_literals_at_word_start_and_regexes_as_given():
    texts = pd.Series(["Die Konjunkturdaten", "Hochkonjunktur", "ZINSEN steigen", None, "Wirtschaft"])
    assert mentions(texts, "Konjunktur").tolist() == [True, False, False, False, False]
    found = mentions(texts, ["zinsen", re.compile("wirtschaft", re.I)])
    assert found.tolist() == [False, False, True, False, True]
    with pytest.raises(ValueError):
        mentions(texts, [])


def test_mean_measure_uses_the_mean_score():
    # A single outlet, two months: mean scores .2 and .6, no standardizing: 100 * (.2, .6) / .4
    data = frame(docs("A", "2024-01", 3, 0, score=0.2), docs("A", "2024-02", 3, 0, score=0.6))
    idx = build_index(data, "bubble", measure="mean", standardize=False, n_boot=0)
    np.testing.assert_allclose(idx["value"], [50, 150])


def test_weekly_and_daily_periods():
    data = pd.DataFrame({"date": pd.to_datetime(["2024-01-01", "2024-01-07", "2024-01-08", "2024-01-10"]),
                         "outlet": "A", "bubble": [.1] * 4, "bubble_max": [.9, .1, .9, .9]})
    weekly = build_index(data, freq="week", standardize=False, n_boot=0)
    # Monday-to-Sunday weeks: Jan 1-7 has 1 of 2, Jan 8-14 has 2 of 2: 100 * (.5, 1) / .75
    assert list(weekly.index.strftime("%Y-%m-%d")) == ["2024-01-01", "2024-01-08"]
    np.testing.assert_allclose(weekly["value"], [100 * .5 / .75, 100 / .75])
    daily = build_index(data, freq="day", standardize=False, n_boot=0)
    assert len(daily) == 10 and daily["n_documents"].sum() == 4


def test_bootstrap_band_is_seeded_and_brackets_the_index():
    data = frame(*A, *B)
    one = build_index(data, base=("2024-01", "2024-03"), n_boot=300, seed=7)
    two = build_index(data, base=("2024-01", "2024-03"), n_boot=300, seed=7)
    other = build_index(data, base=("2024-01", "2024-03"), n_boot=300, seed=8)
    pd.testing.assert_frame_equal(one, two)
    assert not np.allclose(one["lower"], other["lower"])
    assert (one["lower"] <= one["upper"]).all()
    assert ((one["lower"] <= one["value"] + 1e-9) | (one["value"] <= one["upper"] + 1e-9)).all()
    assert (one["upper"] - one["lower"] > 0).all()


def test_bootstrap_of_a_cell_without_variation_is_exact():
    # Every document of a month carries the tone or none does: resampling cannot change a share.
    data = frame(docs("A", "2024-01", 5, 0), docs("A", "2024-02", 5, 5))
    idx = build_index(data, standardize=False, n_boot=50)
    np.testing.assert_allclose(idx["lower"], idx["value"])
    np.testing.assert_allclose(idx["upper"], idx["value"])


def test_a_flat_outlet_is_left_out_with_a_warning():
    flat = [docs("C", m, 5, 0) for m in MONTHS]
    with pytest.warns(UserWarning, match="left out outlet.*C"):
        idx = build_index(frame(*A, *B, *flat), base=("2024-01", "2024-03"), n_boot=0)
    np.testing.assert_allclose(idx["value"], [50, 150, 100, 100])


def test_errors_name_what_is_missing():
    data = frame(*A)
    with pytest.raises(KeyError, match="score_frame"):
        build_index(data.drop(columns=["bubble_max"]).rename(columns={"bubble": "x"}), "bubble")
    with pytest.raises(ValueError, match="measure"):
        build_index(data, measure="median")
    with pytest.raises(ValueError, match="base period"):
        build_index(data, base=("2030-01", "2030-12"))
    with pytest.raises(KeyError, match="text"):
        build_index(data.drop(columns=["text"]), require=["Zins"])


def test_rows_without_date_or_score_are_left_out():
    data = frame(*A)
    data.loc[0, "date"] = pd.NaT
    data.loc[1, "bubble_max"] = np.nan
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        idx = build_index(data, standardize=False, n_boot=0)
    assert idx["n_documents"].tolist() == [2, 4, 4, 4]


def test_works_on_scored_text_and_keeps_the_fingerprint():
    import stimmung

    texts = ["Die KI-Blase wird platzen.", "Die Konjunktur lahmt.", "Der Hype um KI ist übertrieben.",
             "Die Börsen sind ruhig."]
    data = pd.DataFrame({"date": pd.to_datetime(["2024-01-03", "2024-01-05", "2024-02-02", "2024-02-09"]),
                         "outlet": "A", "text": texts})
    scored = stimmung.score_frame(data, "text", level="document")
    idx = build_index(scored, standardize=False, n_boot=0)
    assert idx.attrs["stimmung_lexicon"] == stimmung.default_scorer().fingerprint
    assert idx["n_documents"].tolist() == [2, 2]
