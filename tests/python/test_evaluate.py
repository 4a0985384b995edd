"""The evaluation tool and the built-in development corpus (dev and test splits)."""

import numpy as np
import pytest
import stimmung
from stimmung.evaluate import (
    NON_MARKET_CATEGORIES,
    bootstrap_samples,
    builtin_split,
    calibrate,
    main,
    read_gold,
    spearman,
    tone_report,
)


@pytest.fixture(scope="module")
def splits():
    return {name: read_gold(builtin_split(name)) for name in ("dev", "test")}


def test_corpus_size_balance_and_disjoint_splits(splits):
    dev, test = splits["dev"], splits["test"]
    assert len(dev.texts) + len(test.texts) >= 2500
    assert not set(dev.texts) & set(test.texts)
    assert not set(dev.ids) & set(test.ids)
    for gold in (dev, test):
        assert gold.categories is not None
        non_market = sum(c in NON_MARKET_CATEGORIES for c in gold.categories)
        assert non_market / len(gold.categories) >= 0.18  # about a fifth: look-alikes that must not count
        for tone, labels in gold.labels.items():
            assert set(np.unique(labels)) <= {0, 1, 2}
            assert (labels >= 1).sum() >= 50, tone


def test_bootstrap_intervals_bracket_the_point_estimate():
    rng = np.random.default_rng(1)
    gold = rng.integers(0, 3, 300)
    scores = np.clip(gold / 2 + rng.normal(0, 0.3, 300), 0, 1)
    r = tone_report(gold, scores, samples=bootstrap_samples(300, 500, seed=3))
    for metric in ("precision", "recall", "f1", "rho"):
        lo, hi = r.intervals[metric]
        assert lo <= getattr(r, metric) <= hi, metric
        assert hi - lo < 0.3
    # Same seed, same intervals.
    again = tone_report(gold, scores, samples=bootstrap_samples(300, 500, seed=3))
    assert again.intervals == r.intervals


def test_spearman_with_ties_matches_the_textbook_value():
    assert spearman([1, 2, 3, 4], [1, 3, 2, 4]) == pytest.approx(0.8)
    assert spearman([1, 1, 2, 2], [0, 1, 1, 2]) == pytest.approx(0.7071067811865476)


def test_cli_reports_both_splits_with_intervals(capsys):
    assert main(["--split", "dev", "--split", "test", "--bootstrap", "50", "--no-baselines"]) == 0
    out = capsys.readouterr().out
    assert "dev: 7467 sentences" in out and "test: 3422 sentences" in out
    assert "non-market sentences with bubble or nervousness" in out
    assert "[" in out  # intervals


def test_bad_gold_file_is_a_clear_error(tmp_path, capsys):
    bad = tmp_path / "bad.tsv"
    bad.write_text("id\tbubble\tnervousness\thedging\tsentence\nx\t3\t0\t0\tSatz.\n", encoding="utf-8")
    assert main([str(bad), "--bootstrap", "0"]) == 2
    assert "is not 0, 1 or 2" in capsys.readouterr().err


def test_rule_families_can_be_switched_off_one_by_one():
    import pickle

    import stimmung
    from stimmung.scorer import RULE_FAMILIES

    assert "market_scope" in RULE_FAMILIES and "price_movement" in RULE_FAMILIES
    text = "Nach dem Abpfiff brach im Stadion Panik aus."
    assert stimmung.Scorer().score(text).nervousness == 0.0
    off = stimmung.Scorer(rules_off=["market_scope"])
    assert off.rules_off == ("market_scope",)
    assert off.score(text).nervousness > 0.5
    assert pickle.loads(pickle.dumps(off)).score(text).nervousness == off.score(text).nervousness
    no_negation = stimmung.Scorer(rules_off="negation")
    assert no_negation.score("Von Panik an der Börse keine Spur.").nervousness > 0.5
    no_movement = stimmung.Scorer(rules_off=["price_movement"])
    assert no_movement.score("Die Aktie verlor 14 Prozent.").nervousness == 0.0
    with pytest.raises(ValueError, match="unknown rule family"):
        stimmung.Scorer(rules_off=["sarcasm"])


def test_rule_contributions_report_what_each_family_adds(splits):
    from stimmung.evaluate import rule_contributions

    contributions = rule_contributions(splits["dev"])
    assert set(contributions) >= {"negation", "market_scope", "question", "price_movement"}
    # On the development corpus, market scope and negation carry the market tones.
    assert contributions["market_scope"]["nervousness"] > 0.02
    assert contributions["negation"]["bubble"] > 0.0


def test_rule_contributions_keep_the_scorers_profile(splits, tmp_path, capsys):
    from stimmung.evaluate import rule_contributions

    # A scorer whose profile switches the question rule's tone off gains nothing from that rule.
    scorer = stimmung.Scorer(profile=stimmung.Profile.from_string("question_tone\t-\n"))
    assert all(v == 0.0 for v in rule_contributions(splits["dev"], scorer)["question"].values())
    bad = tmp_path / "bad.tsv"
    bad.write_text("question_tone\tHedging\n", encoding="utf-8")
    assert main(["--split", "dev", "--profile", str(bad), "--no-baselines", "--bootstrap", "0"]) == 2
    assert f"{bad}:1:" in capsys.readouterr().err


def test_calibrate_finds_the_factor_a_hand_count_gives(tmp_path, capsys):
    # One cue of weight 0.8 scores 0.43: below presence until the tone counts 1.25 times (0.8 x 1.25 = 1).
    # Three of four sentences with the cue are labelled present, so any factor from 1.25 up gives
    # P 0.75, R 1, F1 6/7 instead of 0: the factor nearest the current one (1) wins the tie.
    gold = tmp_path / "gold.tsv"
    rows = [("a", 1, "Die Panik wächst."), ("b", 1, "Panik an der Börse."), ("c", 1, "Etwas Panik."),
            ("d", 0, "Keine echte Panik, nur Theater."), ("e", 0, "Ruhiger Handel.")]
    gold.write_text("id\tbubble\tnervousness\thedging\tsentence\n"
                    + "".join(f"{i}\t0\t{n}\t0\t{t}\n" for i, n, t in rows), encoding="utf-8")
    lexicon = tmp_path / "lex.tsv"
    lexicon.write_text("Panik\tnervousness\t0.8\tcue\n", encoding="utf-8")
    scorer = stimmung.Scorer(stimmung.Lexicon.from_file(lexicon))
    assert scorer.score("Keine echte Panik, nur Theater.").nervousness > 0  # no negator in this lexicon
    result = calibrate(read_gold(gold), scorer)["nervousness"]
    assert result.current == 1.0 and result.f1_current == 0.0
    assert result.best == pytest.approx(1.25)
    assert (result.precision_best, result.recall_best) == (0.75, 1.0)
    assert result.f1_best == pytest.approx(6 / 7)
    assert result.lexicon_line() == "sum\tnervousness\t1.25\tcalibration"
    # A lexicon calibrated already is fitted from its own factor on.
    twice = tmp_path / "twice.tsv"
    twice.write_text("Panik\tnervousness\t0.8\tcue\nsum\tnervousness\t1.5\tcalibration\n", encoding="utf-8")
    again = calibrate(read_gold(gold), stimmung.Scorer(stimmung.Lexicon.from_file(twice)))["nervousness"]
    assert again.current == 1.5 and again.best == 1.5
    options = ["--calibrate", "--no-baselines", "--bootstrap", "0", "--lexicon", str(lexicon)]
    assert main([str(gold), *options]) == 0
    assert "sum\tnervousness" in capsys.readouterr().out
