"""Properties of scoring that hold for any text (Hypothesis): scores in [0, 1], determinism, the same
results for every thread count, cue offsets that slice the Python string, and no undocumented errors."""

import pytest

hypothesis = pytest.importorskip("hypothesis")
import stimmung  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORDS = ["Blase", "KI-Blase", "platzen", "Panik", "nervös", "könnte", "soll", "verloren", "haben", "nicht",
         "kein", "extrem", "doch", "laut", "Insidern", "gesichert", "Nervositaet", "z. B.", "3.", "Oktober"]
SPECIALS = ["\x00", "\ud800", "\udfff", "\u0308", "\u0301", "\u200d", "💥", "🇩🇪", "\ufeff", "\u2028", "\n",
            "?", "!", ".", "…", "„", "“", " ", "\t", "\ufffd"]

# Arbitrary Unicode (all categories, surrogates included) mixed with German cue words and the characters
# that stress offsets and boundaries, so that cues actually fire in the generated texts.
texts = st.lists(
    st.one_of(st.text(max_size=12), st.sampled_from(WORDS), st.sampled_from(SPECIALS)), max_size=30
).map("".join)


def visible(text: str) -> str:
    """The text as stimmung scores it: each lone surrogate becomes U+FFFD (one code point for one)."""
    return "".join("\ufffd" if 0xD800 <= ord(ch) <= 0xDFFF else ch for ch in text)


def check_sentence(result, text: str) -> None:
    shown = visible(text)
    for tone, value in result.scores.items():
        assert 0.0 <= value <= 1.0, (tone, value)
    for cue in result.cues:
        assert 0 <= cue.start <= cue.end <= len(text)
        assert shown[cue.start : cue.end] == cue.surface


@SETTINGS
@given(texts)
def test_score_in_range_with_offsets_that_slice_the_input(text):
    result = stimmung.score(text)
    check_sentence(result, text)
    again = stimmung.score(text)
    assert again.scores == result.scores
    assert [(c.start, c.end, c.term, c.weight) for c in again.cues] == [
        (c.start, c.end, c.term, c.weight) for c in result.cues
    ]


@SETTINGS
@given(texts)
def test_documents_in_range_with_ordered_sentences(text):
    doc = stimmung.score_document(text)
    shown = visible(text)
    end = 0
    for sentence in doc.sentences:
        assert end <= sentence.start < sentence.end <= len(text)
        end = sentence.end
        check_sentence(sentence, text)
    for agg in (doc.mean, doc.max, doc.share):
        assert all(0.0 <= v <= 1.0 for v in agg.values())
    for cue in doc.cues:
        assert shown[cue.start : cue.end] == cue.surface


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(texts, min_size=1, max_size=40))
def test_batch_is_identical_for_one_and_two_threads(batch):
    one = stimmung.score_batch(batch, n_threads=1, explain=True)
    two = stimmung.score_batch(batch, n_threads=2, explain=True)
    assert one.drop(columns="cues").equals(two.drop(columns="cues"))
    assert list(one["cues"]) == list(two["cues"])
    singles = [stimmung.score(t).scores["bubble"] for t in batch]
    assert list(one["bubble"]) == singles


@SETTINGS
@given(texts)
def test_strict_scorer_raises_only_invalid_input_error(text):
    strict = stimmung.Scorer(strict_utf8=True)
    has_surrogate = visible(text) != text
    try:
        result = strict.score(text)
    except stimmung.InvalidInputError:
        assert has_surrogate
    else:
        assert not has_surrogate
        assert result.scores == stimmung.score(text).scores


ALIASES = {"Nvidia": ["Nvidia", "NVIDIA"], "SAP": "SAP", "S&P": "S&P 500", "DB": "Deutsche Bank",
           "Deutsche": "Deutsche", "Chef": "Nvidia-Chef"}
NAME_PIECES = ["Nvidia", "NVIDIA", "SAP", "S&P", "500", "Deutsche", "Bank", "s", "'s", "’", "ʼ", "-",
               "\u2011", "\u2013", "Chef", "iens", " ", "\u00a0", "_", "X", "ä", ".", "(", "5"]
name_texts = st.lists(st.one_of(st.sampled_from(NAME_PIECES), st.text(max_size=3)), max_size=12).map("".join)


@SETTINGS
@given(name_texts)
def test_entity_matching_in_one_regex_is_matching_entity_by_entity(text):
    import re

    from stimmung.entities import EntityMatcher, alias_pattern

    old = []  # stimmung 0.1: one whole-word regex per entity
    for name, aliases in ALIASES.items():
        aliases = [aliases] if isinstance(aliases, str) else aliases
        alternatives = "|".join(re.escape(a) for a in sorted(set(aliases), key=len, reverse=True))
        if re.search(rf"(?<!\w)(?:{alternatives})(?!\w)", text):
            old.append(name)
    assert EntityMatcher(ALIASES, match="exact").mentioned(text) == old
    german = EntityMatcher(ALIASES).mentioned(text)
    assert german == [name for name, aliases in ALIASES.items() if alias_pattern(aliases).search(text)]
    assert set(old) <= set(german)
