"""Entity view: tone per entity over the sentences that mention it, and how aliases match (german forms
or exact words)."""

import math
import re

import pandas as pd
import pytest
import stimmung
from stimmung.corpus import load_sample_corpus
from stimmung.entities import EntityMatcher, alias_pattern

ENTITIES = {"Nvidia": ["Nvidia", "NVIDIA"], "OpenAI": ["OpenAI"], "Tesla": "Tesla"}

# The team's own sentences, each with the entities it mentions in german mode and in exact mode.
COMPANIES = {"Nvidia": ["Nvidia", "NVIDIA"], "Oracle": "Oracle", "SAP": "SAP", "AMD": "AMD",
             "Apple": "Apple", "Siemens": "Siemens", "S&P 500": "S&P 500", "Intel": "Intel", "Bayer": "Bayer"}
GERMAN_FORMS = [
    # sentence, german, exact
    ("Nvidias Quartalszahlen übertrafen erneut alle Schätzungen.", ["Nvidia"], []),
    ("Der Nvidia-Chef sprach auf der Hauptversammlung von einer neuen Ära.", ["Nvidia"], ["Nvidia"]),
    ("Die Oracle-Aktie gab nach dem Ausblick deutlich nach.", ["Oracle"], ["Oracle"]),
    ("Anleger stießen Oracle-Aktien in großem Stil ab.", ["Oracle"], ["Oracle"]),
    ("Oracles Cloud-Sparte wächst schneller als erwartet.", ["Oracle"], []),
    ("SAPs Umbau kostet tausende Stellen.", ["SAP"], []),
    ("AMDs Umsatz mit Rechenzentren hat sich verdoppelt.", ["AMD"], []),
    ("AMD's neue Chips sollen im Herbst kommen.", ["AMD"], ["AMD"]),
    ("Die Nachfrage nach Nvidia\u2011Chips bleibt hoch.", ["Nvidia"], ["Nvidia"]),  # non-breaking hyphen
    ("Der Nvidia\u2010Rivale AMD holt auf.", ["Nvidia", "AMD"], ["Nvidia", "AMD"]),  # U+2010 hyphen
    ("Die Nvidia\u2013Aktie fiel im späten Handel.", ["Nvidia"], ["Nvidia"]),  # an en dash for a hyphen
    ("Nvidia\u02bcs Vorsprung schmilzt.", ["Nvidia"], []),  # modifier apostrophe: a word character
    ("Siemens\u2019 Chef zeigt sich zuversichtlich.", ["Siemens"], ["Siemens"]),
    ("Der S&P\u00a0500 schloss auf einem Rekordhoch.", ["S&P 500"], []),  # no-break space in the name
    ("Auf der Oraclekonferenz in Las Vegas ging es um Datenbanken.", [], []),  # glued compound: no
    ("Die SAPiens-Ausstellung im Museum lockt Besucher an.", [], []),  # not SAP
    ("Ein Apfel am Tag, sagt die Großmutter.", [], []),  # not Apple
    ("Künstliche Intelligenz verändert die Börse.", [], []),  # not Intel
    ("Der FC Bayern gewann das Derby.", [], []),  # not Bayer
    ("Die Bayer-Aktie und Intels Fabrikpläne bewegen den Markt.", ["Intel", "Bayer"], ["Bayer"]),
    ("nvidia ist hier klein geschrieben und zählt nicht.", [], []),  # case-sensitive in both modes
]


def old_matcher(entities):
    """Entity matching as stimmung 0.1 had it: one whole-word regex per entity."""
    patterns = {}
    for name, aliases in entities.items():
        aliases = [aliases] if isinstance(aliases, str) else aliases
        alternatives = "|".join(re.escape(a) for a in sorted(set(aliases), key=len, reverse=True))
        patterns[name] = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
    return lambda text: [name for name, p in patterns.items() if p.search(text)]


def test_exact_alias_match_is_word_bounded_and_case_sensitive():
    p = alias_pattern(["Nvidia", "NVIDIA"], match="exact")
    assert p.search("Die Nvidia-Aktie fällt.") and p.search("NVIDIA verliert.")
    assert not p.search("nvidia verliert.") and not p.search("Nvidias Kurs") and not p.search("XNvidia")
    with pytest.raises(ValueError):
        alias_pattern([""])
    with pytest.raises(ValueError, match="german"):
        alias_pattern("Nvidia", match="fuzzy")


def test_german_alias_match_reads_genitive_and_compounds():
    p = alias_pattern(["Nvidia", "NVIDIA"])  # match="german" is the default
    assert p.search("Nvidias Kurs") and p.search("Die Nvidia-Aktie fällt.") and p.search("NVIDIA verliert.")
    assert not p.search("nvidia verliert.") and not p.search("XNvidia") and not p.search("Nvidiasy")


@pytest.mark.parametrize(("text", "german", "exact"), GERMAN_FORMS)
def test_entity_matcher_in_both_modes(text, german, exact):
    assert EntityMatcher(COMPANIES).mentioned(text) == german
    assert EntityMatcher(COMPANIES, match="exact").mentioned(text) == exact


def test_exact_mode_keeps_the_old_matching():
    old = old_matcher(COMPANIES)
    exact = EntityMatcher(COMPANIES, match="exact")
    sentences = [s for s, _, _ in GERMAN_FORMS] + [
        "NVIDIA und Nvidia, zweimal genannt.", "Apple-Zulieferer und Apples Zulieferer.", "(SAP)", "SAP",
        "S&P 5000 ist kein Index.", "Der S&P 500-Index fiel.", "„Oracle“ sagte nichts.", "AMD_Chips"]
    for text in sentences:
        assert exact.mentioned(text) == old(text), text


def test_every_exact_mention_is_a_german_mention():
    german, exact = EntityMatcher(COMPANIES), EntityMatcher(COMPANIES, match="exact")
    for text, _, _ in GERMAN_FORMS:
        assert set(exact.mentioned(text)) <= set(german.mentioned(text))


def test_aliases_that_begin_at_the_same_place_all_count():
    matcher = EntityMatcher({"Deutsche Bank": "Deutsche Bank", "Deutsche": ["Deutsche"], "Bank": "Bank"})
    assert matcher.mentioned("Die Deutsche Bank meldet Gewinne.") == ["Deutsche Bank", "Deutsche", "Bank"]
    assert matcher.mentioned("Die Deutsche Bahn streikt.") == ["Deutsche"]
    # One entity with two spellings of one alias, and one alias shared by two entities.
    shared = EntityMatcher({"A": ["Nvidia-Chef", "Nvidia\u2011Chef"], "B": "Nvidia-Chef"})
    assert shared.mentioned("Der Nvidia\u2011Chef lächelt.") == ["A", "B"]
    assert EntityMatcher({"x": "Nvidia"}).mentions_any("Nvidias") and not shared.mentions_any("Nvidia")
    with pytest.raises(ValueError, match="non-empty mapping"):
        EntityMatcher({})
    with pytest.raises(ValueError, match="german"):
        EntityMatcher({"x": "Nvidia"}, match="German")


def test_entity_tones_match_mode():
    texts = ["Nvidias Aktie steht unter Druck, die Anleger sind nervös.", "Nvidia legt leicht zu."]
    german = stimmung.entity_tones(texts, {"Nvidia": "Nvidia"}).iloc[0]
    exact = stimmung.entity_tones(texts, {"Nvidia": "Nvidia"}, match="exact").iloc[0]
    assert german["n_sentences"] == 2 and german["n_documents"] == 2
    assert exact["n_sentences"] == 1 and exact["nervousness"] == 0.0
    assert german["nervousness"] > 0
    with pytest.raises(ValueError, match="match"):
        stimmung.entity_tones(texts, {"Nvidia": "Nvidia"}, match="loose")


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
