import math
import pickle

import numpy as np
import pandas as pd
import pytest
import stimmung


def test_done_when_examples():
    s = stimmung.score("Die KI-Blase könnte bald platzen.")
    assert s.bubble >= 0.5 and s.hedging >= 0.5
    assert {c.tone for c in s.cues} >= {"bubble", "hedging"}
    assert "KI-Blase" in [c.surface for c in s.cues_for("bubble")]
    neg = stimmung.score("Von einer Blase kann keine Rede sein.")
    assert neg.bubble < 0.5
    blase = [c for c in neg.cues if c.surface == "Blase"]
    assert blase and blase[0].negated and "negated" in blase[0].modifiers


def test_sentence_score_api():
    s = stimmung.score("Die Anleger sind extrem nervös.")
    assert set(s.scores) == {"bubble", "nervousness", "hedging"}
    assert s["nervousness"] == s.nervousness
    assert s.present["nervousness"]
    cue = s.cues[0]
    assert cue.tone == "nervousness" and "boosted" in cue.modifiers
    assert cue.weight > cue.base_weight
    assert s.text[cue.start : cue.end] == cue.surface
    with pytest.raises(KeyError):
        s["polarity"]
    d = s.to_dict()
    assert d["cues"][0]["surface"] == "nervös"


def test_offsets_are_python_string_indices():
    text = "„Börsen-Panik“ 💥: Die KI-Blase könnte platzen."
    s = stimmung.score(text)
    assert s.cues
    for c in s.cues:
        assert text[c.start : c.end] == c.surface


def test_soft_hyphens_from_web_pages_change_no_score():
    # Web pages hyphenate long words with invisible soft hyphens (&shy;); text copied from them keeps them.
    sc = stimmung.Scorer()
    plain = "Laut Insidern sind die Anleger nervös, ein Kurseinbruch droht."
    web = "Laut In\u00adsi\u00addern sind die Anle\u00adger ner\u00advös, ein Kurs\u00adein\u00adbruch droht."
    a, b = sc.score(plain), sc.score(web)
    assert (a.bubble, a.nervousness, a.hedging) == (b.bubble, b.nervousness, b.hedging)
    assert [c.term for c in a.cues] == [c.term for c in b.cues]
    assert "ner\u00advös" in [web[c.start:c.end] for c in b.cues]
    batch = sc.score_batch([plain, web])
    assert batch["nervousness"][0] == batch["nervousness"][1] > 0.5


def test_document_scores_and_aggregates():
    text = "Die Börsen sind ruhig. Die Panik an den Märkten ist enorm. Die KI-Blase könnte bald platzen."
    doc = stimmung.score_document(text)
    assert len(doc) == 3
    assert [s.text for s in doc.sentences][1] == "Die Panik an den Märkten ist enorm."
    assert doc.max["nervousness"] == pytest.approx(doc.sentences[1].nervousness)
    assert doc.mean["nervousness"] == pytest.approx(sum(s.nervousness for s in doc.sentences) / 3)
    assert doc.share["bubble"] == pytest.approx(1 / 3)
    for c in doc.cues:
        assert text[c.start : c.end] == c.surface
    frame = doc.to_frame()
    assert list(frame.columns) == [
        "start",
        "end",
        "text",
        "bubble",
        "nervousness",
        "hedging",
        "n_cues",
        "market",
    ]
    assert frame["market"].tolist() == [1.0, 1.0, 1.0]  # "KI" is a market word (lexicon, kind market)


def test_split_sentences():
    assert stimmung.split_sentences("Am 3. Oktober fiel der DAX. Z. B. Nvidia verlor.") == [
        "Am 3. Oktober fiel der DAX.",
        "Z. B. Nvidia verlor.",
    ]


@pytest.mark.parametrize(
    "texts",
    [
        ["Die Blase platzt.", None, "Panik!", float("nan"), ""],
        np.array(["Die Blase platzt.", None, "Panik!", np.nan, ""], dtype=object),
        pd.Series(["Die Blase platzt.", None, "Panik!", pd.NA, ""], index=[10, 11, 12, 13, 14]),
        (t for t in ["Die Blase platzt.", None, "Panik!", None, ""]),
    ],
)
def test_score_batch_inputs_and_missing_rows(texts):
    frame = stimmung.score_batch(texts)
    assert len(frame) == 5
    assert list(frame.columns) == ["bubble", "nervousness", "hedging", "n_cues"]
    assert frame["bubble"].iloc[0] >= 0.5
    assert math.isnan(frame["bubble"].iloc[1]) and math.isnan(frame["hedging"].iloc[3])
    assert frame["n_cues"].isna().tolist() == [False, True, False, True, False]
    assert frame["nervousness"].iloc[2] >= 0.5
    assert frame["bubble"].iloc[4] == 0.0
    if isinstance(texts, pd.Series):
        assert list(frame.index) == [10, 11, 12, 13, 14]


def test_score_batch_matches_score_and_thread_counts():
    texts = [
        "Die KI-Blase könnte bald platzen.",
        "Laut Insidern soll der Deal geplatzt sein.",
        "Der Umsatz stieg.",
        "Die Anleger sind nervös.",
    ] * 300
    one = stimmung.score_batch(texts, n_threads=1)
    for n in (2, 3, None, -1):
        pd.testing.assert_frame_equal(one, stimmung.score_batch(texts, n_threads=n))
    for i in (0, 1, 2, 3):
        s = stimmung.score(texts[i])
        assert one["bubble"].iloc[i] == s.bubble and one["n_cues"].iloc[i] == len(s.cues)


def test_score_batch_explain_and_document_level():
    frame = stimmung.score_batch(["Die Blase platzt. Panik!", None], level="document", explain=True)
    assert {"bubble", "bubble_max", "bubble_share", "n_sentences", "n_cues", "cues"} <= set(frame.columns)
    assert frame["n_sentences"].iloc[0] == 2
    assert frame["cues"].iloc[0][0]["surface"] == "Blase"
    assert frame["cues"].iloc[1] is None


def test_score_batch_rejects_bad_arguments():
    with pytest.raises(TypeError, match=r"texts\[1\]"):
        stimmung.score_batch(["ok", 42])
    with pytest.raises(TypeError):
        stimmung.score_batch("ein einzelner Text")
    with pytest.raises(ValueError):
        stimmung.score_batch(["x"], n_threads=0)
    with pytest.raises(ValueError):
        stimmung.score_batch(["x"], level="absatz")


def test_empty_batch():
    frame = stimmung.score_batch([])
    assert len(frame) == 0 and "bubble" in frame.columns


def test_bad_inputs_never_crash():
    assert stimmung.score("").scores == {"bubble": 0.0, "nervousness": 0.0, "hedging": 0.0}
    assert stimmung.score("Panik\x00 an der B\x00rse").nervousness >= 0.5
    # A lone surrogate cannot be UTF-8: replaced by U+FFFD, offsets stay Python indices.
    text = "Panik \ud800 und Blase"
    s = stimmung.score(text)
    assert [text[c.start : c.end] for c in s.cues] == [c.surface.replace("\ufffd", "\ud800") for c in s.cues]
    assert s.bubble >= 0.5
    strict = stimmung.Scorer(strict_utf8=True)
    with pytest.raises(stimmung.InvalidInputError):
        strict.score(text)
    with pytest.raises(ValueError):  # InvalidInputError is a ValueError
        strict.score(text)
    big = "und die Panik wächst weiter " * 40000  # > 1 MB, one sentence
    assert stimmung.score(big).nervousness == pytest.approx(1.0)
    with pytest.raises(TypeError):
        stimmung.score(None)


def test_lexicon_builtin_extend_and_errors(tmp_path):
    lex = stimmung.Lexicon.builtin()
    assert len(lex) >= 400
    assert lex.tones == ["bubble", "nervousness", "hedging"]
    user = tmp_path / "user.tsv"
    user.write_text("Blümchenkurs\tbubble\t1.5\tcue\nFreude\tpolarity\t1\tcue\n", encoding="utf-8")
    scorer = stimmung.Scorer(lex.extended(user))
    assert scorer.tones == ("bubble", "nervousness", "hedging", "polarity")
    s = scorer.score("Ein Blümchenkurs voller Freude.")
    assert s.bubble >= 0.5 and s["polarity"] >= 0.5
    assert "polarity" in scorer.score_batch(["Freude"]).columns
    assert stimmung.score("Ein Blümchenkurs.").bubble < 0.5  # the default scorer is unchanged
    bad = tmp_path / "bad.tsv"
    bad.write_text("Blase\tbubble\t1\tcue\nPanik\tnervousness\tviel\tcue\n", encoding="utf-8")
    with pytest.raises(stimmung.LexiconError, match=r"bad\.tsv:2") as err:
        stimmung.Lexicon.from_file(bad)
    assert err.value.line == 2 and err.value.source == str(bad)
    assert isinstance(err.value, ValueError) and isinstance(err.value, stimmung.StimmungError)
    with pytest.raises(stimmung.StimmungError):
        stimmung.Lexicon.from_file(tmp_path / "missing.tsv")


def test_lexicon_entry_shows_price_flag():
    # A `price` cue needs no size but stops at a business figure in its clause (docs/lexicon-format.md).
    lex = stimmung.Lexicon.from_string(
        "einbrechen\tnervousness\t1\tcue\tsep=ein,price,forms=bricht|brach|brachen|gebrochen\n"
        "Umsatz\t-\t1\tfigure\n"
    )
    assert [e.price for e in lex.entries()] == [True, False]
    scorer = stimmung.Scorer(lex)
    assert scorer.score("Die Aktie brach ein.").nervousness == pytest.approx(0.5)
    assert scorer.score("Der Umsatz brach ein.").nervousness == 0.0


def test_lexicon_entry_shows_ratio_and_numbered_words():
    # A `ratio=N` cue counts with a number of at least N; "<n>-" stands for any number before a hyphen.
    lex = stimmung.Lexicon.from_string(
        "<n>-Fache Gewinn\tbubble\t1\tcue\tgap=3,ratio=20\nKGV\tbubble\t1\tcue\tratio=40\n"
    )
    assert [e.min_ratio for e in lex.entries()] == [20.0, 40.0]
    scorer = stimmung.Scorer(lex)
    assert scorer.score("Die Aktie kostet das 48-Fache des erwarteten Gewinns.").bubble == pytest.approx(0.5)
    assert scorer.score("Die Aktie kostet das 12-Fache des erwarteten Gewinns.").bubble == 0.0
    assert scorer.score("Renk kommt auf ein KGV von knapp 119.").cues[0].surface == "KGV"
    assert scorer.score("Das KGV stieg um 45 Prozent.").bubble == 0.0
    assert "ratio=40" in lex.to_tsv()


def test_pickle_scorer_with_custom_lexicon():
    lex = stimmung.Lexicon.from_string("Freude\tpolarity\t1\tcue\n")
    scorer = stimmung.Scorer(lex)
    again = pickle.loads(pickle.dumps(scorer))
    assert again.tones == scorer.tones
    assert again.score("Freude").scores == scorer.score("Freude").scores


def test_log_level_roundtrip():
    before = stimmung.get_log_level()
    stimmung.set_log_level("debug")
    assert stimmung.get_log_level() == "debug"
    stimmung.set_log_level(before)
    with pytest.raises(ValueError):
        stimmung.set_log_level("loud")


def test_interrupt_stops_a_long_batch():
    import _thread
    import threading
    import time

    texts = ["Die Anleger sind nervös, die KI-Blase könnte platzen. " * 20] * 400_000
    timer = threading.Timer(0.5, _thread.interrupt_main)
    start = time.monotonic()
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        stimmung.score_batch(texts, n_threads=1)
    assert time.monotonic() - start < 30


def test_document_sentences_become_python_objects_once_and_on_demand():
    doc = stimmung.score_document(
        "Die KI-Blase könnte platzen. Die Anleger sind nervös. Der Dax schließt fester."
    )
    assert len(doc) == 3  # from C++, without converting the sentences
    first = doc.sentences
    assert first is doc.sentences  # converted once, then kept
    assert [round(s["nervousness"], 2) > 0.5 for s in first] == [False, True, False]
    assert doc.mean == {t: sum(s[t] for s in first) / 3 for t in stimmung.TONES}
