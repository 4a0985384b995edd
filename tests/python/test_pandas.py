"""pandas: score_frame and the Series accessor."""

import pandas as pd
import pytest
import stimmung

TEXTS = ["Die KI-Blase könnte bald platzen.", None, "Die Anleger sind nervös.", "Der Umsatz stieg."]


def frame():
    return pd.DataFrame({"text": TEXTS, "outlet": list("abcd")}, index=[7, 8, 9, 10])


def test_score_frame_sentence_level_adds_columns_and_keeps_index():
    df = frame()
    out = stimmung.score_frame(df, "text")
    assert list(out.columns) == ["text", "outlet", "bubble", "nervousness", "hedging", "n_cues"]
    assert list(out.index) == [7, 8, 9, 10]
    assert out.loc[7, "bubble"] == stimmung.score(TEXTS[0]).bubble
    assert pd.isna(out.loc[8, "bubble"])
    assert "bubble" not in df.columns  # the input is left alone


def test_score_frame_document_level_explain_prefix_and_custom_scorer():
    df = frame()
    out = stimmung.score_frame(df, "text", level="document", explain=True, prefix="s_")
    assert {"s_bubble", "s_bubble_max", "s_bubble_share", "s_n_sentences", "s_cues"} <= set(out.columns)
    scorer = stimmung.Scorer(
        stimmung.Lexicon.builtin().extended(stimmung.Lexicon.from_string("Umsatz\tfacts\t1\tcue\n"))
    )
    custom = stimmung.score_frame(df, "text", scorer=scorer, n_threads=1)
    assert custom.loc[10, "facts"] >= 0.5


def test_score_frame_errors():
    with pytest.raises(KeyError, match="inhalt"):
        stimmung.score_frame(frame(), "inhalt")
    scored = stimmung.score_frame(frame(), "text")
    with pytest.raises(ValueError, match="prefix"):
        stimmung.score_frame(scored, "text")
    with pytest.raises(TypeError):
        stimmung.score_frame(TEXTS, "text")


def test_series_accessor_is_registered_on_import():
    df = frame()
    scores = df["text"].stimmung.score()
    pd.testing.assert_frame_equal(scores, stimmung.score_batch(df["text"]))
    docs = df["text"].stimmung.score(level="document")
    assert "bubble_share" in docs.columns and list(docs.index) == [7, 8, 9, 10]
    assert isinstance(df["text"].stimmung.explain(0), stimmung.DocumentScore)


def test_score_batch_tone_columns_are_the_array_cpp_wrote():
    # Zero copy: the DataFrame's tone columns view the buffer the C++ batch filled.
    import numpy as np

    scorer = stimmung.Scorer()
    captured = []

    class Recorder:
        def __init__(self, core):
            self._inner = core

        def score_batch(self, *args):
            result = self._inner.score_batch(*args)
            captured.append(result)
            return result

        def __getattr__(self, name):
            return getattr(self._inner, name)

    scorer._core = Recorder(scorer._core)
    frame = scorer.score_batch(["Die KI-Blase könnte platzen.", "Die Märkte sind nervös."])
    assert len(captured) == 1
    for tone in stimmung.TONES:
        assert np.shares_memory(frame[tone].to_numpy(), captured[0]["scores"])
    assert frame.loc[0, "bubble"] > 0.5 and frame.loc[1, "nervousness"] > 0.5
