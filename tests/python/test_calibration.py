"""A `calibration` line scales one tone of a lexicon: the built-in one calibrates nervousness, a user file
can recalibrate it, and the cues keep adding up to the score."""
import math

import pytest
import stimmung

SENTENCE = "Die Anleger blieben vorsichtig."


def _nervousness_sum(result) -> float:
    return sum(c.weight for c in result.cues if c.tone == "nervousness")


def test_builtin_calibration_shows_in_the_cue_weights():
    result = stimmung.score(SENTENCE)
    (cue,) = [c for c in result.cues if c.tone == "nervousness"]
    assert cue.weight == pytest.approx(cue.base_weight * 1.35)
    assert result.nervousness == pytest.approx(1 - 2 ** -_nervousness_sum(result))


def test_a_user_file_recalibrates(tmp_path):
    plain = tmp_path / "plain.tsv"
    plain.write_text("sum\tnervousness\t1\tcalibration\n", encoding="utf-8")
    doubled = tmp_path / "doubled.tsv"
    doubled.write_text("sum\tnervousness\t2.7\tcalibration\n", encoding="utf-8")
    base = stimmung.Scorer(stimmung.Lexicon.builtin().extended(plain)).score(SENTENCE)
    more = stimmung.Scorer(stimmung.Lexicon.builtin().extended(doubled)).score(SENTENCE)
    builtin = stimmung.score(SENTENCE)
    assert _nervousness_sum(more) == pytest.approx(2 * _nervousness_sum(builtin))
    assert _nervousness_sum(builtin) == pytest.approx(1.35 * _nervousness_sum(base))
    assert base.nervousness < builtin.nervousness < more.nervousness
    assert base.hedging == builtin.hedging == more.hedging
    assert not math.isnan(more.nervousness)


def test_a_bad_calibration_line_names_its_file_and_line(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("Blase\tbubble\t1\tcue\nsum\tbubble\t9\tcalibration\n", encoding="utf-8")
    with pytest.raises(stimmung.LexiconError, match=r"bad\.tsv.*2"):
        stimmung.Lexicon.from_file(bad)
