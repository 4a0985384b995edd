"""Bad and extreme inputs from Python, one test each, with the documented outcome."""

import pytest
import stimmung


def test_invalid_utf8_bytes_in_a_batch_are_replaced():
    df = stimmung.score_batch([b"Die \xff KI-Blase \xc3 platzt.", "ok"], explain=True)
    assert df["bubble"][0] >= 0.5
    assert [c["surface"] for c in df["cues"][0]][0] == "KI-Blase"


def test_lone_surrogates_are_replaced_or_rejected():
    text = "Die \ud800KI-Blase \udfff könnte platzen."
    s = stimmung.score(text)
    assert s.bubble >= 0.5
    shown = text.replace("\ud800", "\ufffd").replace("\udfff", "\ufffd")
    assert all(shown[c.start : c.end] == c.surface for c in s.cues)
    doc = stimmung.score_document(text)
    assert len(doc.sentences) == 1
    strict = stimmung.Scorer(strict_utf8=True)
    with pytest.raises(stimmung.InvalidInputError, match="byte"):
        strict.score(text)
    with pytest.raises(ValueError):  # InvalidInputError is a ValueError
        strict.score_document(text)
    assert strict.score("Die KI-Blase könnte platzen.").bubble >= 0.5


def test_nul_bytes_are_ordinary_characters():
    text = "Die\x00Blase\x00platzt.\x00Panik!"
    s = stimmung.score(text)
    assert s.bubble >= 0.5
    assert all(text[c.start : c.end] == c.surface for c in s.cues)
    assert stimmung.split_sentences(text)


def test_ten_megabytes_without_punctuation():
    text = "die Blase wächst und die Anleger werden extrem nervös aber nicht panisch " * 140_000
    assert len(text.encode()) > 10_000_000
    s = stimmung.score(text)
    assert 0.0 <= s.bubble <= 1.0 and s.nervousness > 0.99
    assert s.cues[-1].end <= len(text)
    assert text[s.cues[-1].start : s.cues[-1].end] == s.cues[-1].surface
    doc = stimmung.score_document(text)
    assert len(doc.sentences) == 1
    assert doc.sentences[0].start == 0 and doc.sentences[0].end == len(text) - 1


@pytest.mark.parametrize("text", ["!" * 10_000, "." * 10_000, "?" * 10_000, "…" * 10_000])
def test_thousands_of_repeated_punctuation_marks(text):
    s = stimmung.score(text)
    assert s.bubble == 0.0 and s.nervousness == 0.0
    assert 0.0 <= s.hedging <= 1.0
    doc = stimmung.score_document(text)
    end = 0
    for sentence in doc.sentences:
        assert end <= sentence.start < sentence.end <= len(text)
        end = sentence.end
    assert all(v == 0.0 for v in doc.max.values() if v != doc.max["hedging"])


def test_empty_lexicon_scores_everything_zero():
    scorer = stimmung.Scorer(stimmung.Lexicon())
    assert scorer.tones == stimmung.TONES
    for text in ["Die KI-Blase könnte bald platzen.", "", "Panik! Panik!", "\ud800\x00"]:
        s = scorer.score(text)
        assert s.scores == {"bubble": 0.0, "nervousness": 0.0, "hedging": 0.0}
        assert s.cues == []
    df = scorer.score_batch(["Blase", "Nervosität"], level="document")
    assert (df[list(stimmung.TONES)] == 0).all().all()


MALFORMED = {
    "too few fields": ("Blase\tbubble\t1", "expected 4 or 5"),
    "too many fields": ("Blase\tbubble\t1\tcue\t\textra", "expected 4 or 5"),
    "empty term": ("   \tbubble\t1\tcue", "empty term"),
    "unknown kind": ("Blase\tbubble\t1\twort", "unknown kind"),
    "cue without tone": ("Blase\t-\t1\tcue", "needs a tone"),
    "bad tone name": ("Blase\tBubble!\t1\tcue", "bad tone name"),
    "weight not a number": ("Blase\tbubble\tviel\tcue", "not a number"),
    "weight not finite": ("Blase\tbubble\tinf\tcue", "not a number"),
    "weight out of range": ("extrem\t-\t9\tbooster", "must lie in"),
    "unknown option": ("Blase\tbubble\t1\tcue\tcolour=red", "unknown option"),
    "option needs a value": ("Blase\tbubble\t1\tcue\tsep=", "needs a value"),
    "option takes no value": ("Blase\tbubble\t1\tcue\texact=yes", "takes no value"),
    "bad pos": ("Blase\tbubble\t1\tcue\tpos=verbish", "pos must be"),
    "bad compound": ("Blase\tbubble\t1\tcue\tcompound=left", "compound must be"),
    "bad gap": ("Blase platzt\tbubble\t1\tcue\tgap=99", "gap must be"),
    "empty form": ("platzen\tbubble\t1\tcue\tforms=platzt||platzte", "empty form"),
    "two particles": ("einbrechen\tbubble\t1\tcue\tsep=ein aus", "one particle"),
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_each_malformed_lexicon_line_names_file_and_line(tmp_path, name):
    line, fragment = MALFORMED[name]
    path = tmp_path / "meine_woerter.tsv"
    path.write_text("# my words\nPanik\tnervousness\t1\tcue\n" + line + "\n", encoding="utf-8")
    with pytest.raises(stimmung.LexiconError) as err:
        stimmung.Lexicon.from_file(path)
    assert err.value.source == str(path)
    assert err.value.line == 3
    assert f"{path}:3" in str(err.value) and fragment in str(err.value)
    assert isinstance(err.value, ValueError)


def test_lexicon_line_with_invalid_utf8_names_file_and_line(tmp_path):
    path = tmp_path / "kaputt.tsv"
    path.write_bytes(b"Panik\tnervousness\t1\tcue\nBl\xffase\tbubble\t1\tcue\n")
    with pytest.raises(stimmung.LexiconError, match=r"kaputt\.tsv:2: .*UTF-8"):
        stimmung.Lexicon.from_file(path)
