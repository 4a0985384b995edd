"""Entity view: tone per entity over the sentences that mention it."""

import math

import pandas as pd
import pytest
import stimmung
from stimmung.corpus import load_sample_corpus
from stimmung.entities import alias_pattern

ENTITIES = {"Nvidia": ["Nvidia", "NVIDIA"], "OpenAI": ["OpenAI"], "Tesla": "Tesla"}


def test_alias_match_is_word_bounded_and_case_sensitive():
    p = alias_pattern(["Nvidia", "NVIDIA"])
    assert p.search("Die Nvidia-Aktie fällt.") and p.search("NVIDIA verliert.")
    assert not p.search("nvidia verliert.") and not p.search("Nvidias Kurs") and not p.search("XNvidia")
    with pytest.raises(ValueError):
        alias_pattern([""])


def test_entity_tones_for_one_document():
    text = ("Nvidia steigt weiter. Die Nvidia-Blase könnte bald platzen. OpenAI soll neue Mittel suchen. "
            "Der Umsatz stieg.")
    view = stimmung.entity_tones(text, ENTITIES)
    assert list(view["entity"]) == ["Nvidia", "OpenAI", "Tesla"]
    assert list(view.columns[:3]) == ["entity", "n_documents", "n_sentences"]
    nv = view.set_index("entity").loc["Nvidia"]
    assert nv["n_sentences"] == 2 and nv["n_documents"] == 1
    doc = stimmung.score_document(text)
    expected = (doc.sentences[0].bubble + doc.sentences[1].bubble) / 2
    assert nv["bubble"] == pytest.approx(expected)
    assert nv["bubble_share"] == pytest.approx(0.5)
    tesla = view.set_index("entity").loc["Tesla"]
    assert tesla["n_sentences"] == 0 and math.isnan(tesla["bubble"])
    # a DocumentScore gives the same answer
    pd.testing.assert_frame_equal(view, stimmung.entity_tones(doc, ENTITIES))


def test_entity_tones_over_a_batch_and_user_tones():
    corpus = load_sample_corpus()
    view = stimmung.entity_tones(corpus["text"], {"Nvidia": ["Nvidia", "NVIDIA"], "Siemens": ["Siemens"]})
    nv = view.set_index("entity").loc["Nvidia"]
    assert nv["n_documents"] >= 2 and nv["n_sentences"] >= nv["n_documents"]
    assert 0 <= nv["bubble"] <= 1 and 0 <= nv["bubble_share"] <= 1
    scorer = stimmung.Scorer(
        stimmung.Lexicon.builtin().extended(stimmung.Lexicon.from_string("Rakete\thype\t1\tcue\n"))
    )
    custom = stimmung.entity_tones(["Tesla ist eine Rakete.", None], {"Tesla": ["Tesla"]}, scorer=scorer)
    assert custom.loc[0, "hype"] >= 0.5 and custom.loc[0, "hype_share"] == 1.0
    with pytest.raises(TypeError):
        stimmung.entity_tones([42], {"Tesla": ["Tesla"]})
