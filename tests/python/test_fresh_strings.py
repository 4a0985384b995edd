"""score_batch converts fresh str objects to UTF-8 on its worker threads (python/bindings/texts.hpp): the
scores must be those of the UTF-8 Python itself makes, for every kind of str, and the str objects must not
grow a cached UTF-8 form."""

import sys

import numpy as np
import pytest
import stimmung


class Text(str):
    """A str subclass: not a compact str object, so it takes the C API path."""


KINDS = {
    "ascii": "Die KI-Blase koennte bald platzen, die Anleger sind nervoes.",
    "latin1": "Die Anleger sind äußerst nervös, die Blase könnte platzen.",
    "ucs2": "„Die KI-Blase könnte platzen“, sagt er; der Euro (€) fällt.",
    "ucs4": "Die Anleger sind nervös 📉, die KI-Blase 🫧 könnte platzen.",
    "surrogate": "Die \ud800KI-Blase \udfff könnte platzen, Anleger sind nervös.",
    "subclass": Text("Die Anleger sind nervös, die Blase könnte platzen."),
    "empty": "",
}


def fresh(text: str) -> str:
    """A new str object with the same code points, never asked for its UTF-8."""
    if isinstance(text, Text):
        return Text("".join(list(text)))
    return "".join(list(text))


@pytest.mark.parametrize("level", ["sentence", "document"])
@pytest.mark.parametrize("n_threads", [1, 2])
def test_every_kind_of_str_scores_as_one_at_a_time(level, n_threads):
    scorer = stimmung.Scorer()
    texts = [fresh(t) for t in KINDS.values()] * 3
    batch = scorer.score_batch(texts, n_threads, level=level)
    for i, t in enumerate(texts):
        one = scorer.score(t) if level == "sentence" else scorer.score_document(t)
        for tone in scorer.tones:
            expected = one.scores[tone] if level == "sentence" else one.mean[tone]
            assert batch[tone][i] == expected, (list(KINDS)[i % len(KINDS)], tone)


def test_explain_and_results_paths_take_fresh_strings_too():
    scorer = stimmung.Scorer()
    texts = [fresh(t) for t in KINDS.values()]
    cues = scorer.score_batch(texts, 2, explain=True)["cues"]
    for text, row in zip(texts, cues):
        assert [c["surface"] for c in row] == [c.surface for c in scorer.score(text).cues]
    assert "KI-Blase" in [c["surface"] for c in cues[list(KINDS).index("ucs4")]]
    docs = scorer._core.score_document_results([fresh(t) for t in texts], 2)
    sents = scorer._core.score_sentence_results([fresh(t) for t in texts], 2)
    assert len(docs) == len(sents) == len(texts)


def test_a_large_batch_is_converted_on_several_threads_with_the_same_scores():
    # Over 256K code points, so the conversion starts more than one thread; compared with the same texts
    # whose UTF-8 Python has cached (score() asks for it), which the batch reads as it is.
    scorer = stimmung.Scorer()
    base = [t for k, t in KINDS.items() if k != "subclass"]
    texts = [fresh(f"{t} Nummer {i}.") for i in range(4000) for t in base[:4]]
    assert sum(map(len, texts)) > 300_000
    cached = [fresh(t) for t in texts]
    for t in cached:
        scorer.score(t)
    for level in ("sentence", "document"):
        a = scorer.score_batch(texts, 2, level=level)
        b = scorer.score_batch(cached, 2, level=level)
        assert np.array_equal(a.to_numpy(dtype=float), b.to_numpy(dtype=float), equal_nan=True)


def test_blocks_reused_from_one_batch_to_the_next_hold_the_new_texts():
    # The 1 MB blocks the conversion writes into go back to a pool when a batch ends and are written again
    # by the next batch: its texts (different ones, mixing empty strs, ASCII and one over a quarter block,
    # which gets a block of its own) must score as themselves, not as what the blocks held before.
    scorer = stimmung.Scorer()
    first = [fresh(f"{KINDS['latin1']} Runde {i}.") for i in range(30000)]
    assert sum(len(t.encode()) for t in first) > 2 << 20
    scorer.score_batch(first, 2)
    big = fresh("Die Anleger sind nervös. " * 12000)
    second = [fresh(f"{KINDS['ucs2']} Nummer {i}.") if i % 3 else "" for i in range(20000)]
    second[7] = big
    second[11] = "plain ascii"
    expected = [scorer.score(t).scores for t in second[:40]]
    for n_threads in (1, 2):
        got = scorer.score_batch(second, n_threads)
        for i, one in enumerate(expected):
            assert [got[tone][i] for tone in scorer.tones] == [one[tone] for tone in scorer.tones], i


def test_fresh_strings_keep_their_size():
    # Before: score_batch asked CPython for each str's UTF-8, which it then kept inside the str for good.
    scorer = stimmung.Scorer()
    texts = [fresh(KINDS["latin1"] * 50), fresh(KINDS["ucs2"] * 50), fresh(KINDS["ucs4"] * 50)]
    sizes = [sys.getsizeof(t) for t in texts]
    scorer.score_batch(texts, 2)
    scorer.score_batch(texts, 1, level="document")
    assert [sys.getsizeof(t) for t in texts] == sizes


def test_a_non_str_still_raises_type_error_and_the_python_layer_falls_back():
    with pytest.raises(TypeError):
        stimmung.Scorer()._core.score_batch([fresh(KINDS["latin1"]), 42], 1, "sentence", False)
    df = stimmung.score_batch([fresh(KINDS["latin1"]), None, b"Die Blase platzt."])
    assert np.isnan(df["bubble"][1]) and df["bubble"][0] >= 0.5


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_score_and_score_document_convert_without_caching_and_read_surfaces_off_the_str(kind):
    # score() and score_document() convert like a batch (no UTF-8 copy left in the str), and their cues'
    # surfaces are read off the str by code-point offsets (or off the repaired text for surrogates).
    scorer = stimmung.Scorer()
    text = fresh(KINDS[kind] * 20)
    size = sys.getsizeof(text)
    sentence = scorer.score(text)
    document = scorer.score_document(text)
    assert sys.getsizeof(text) == size
    cached = KINDS[kind] * 20  # the same text, a different str object
    assert sentence == scorer.score(cached) and document == scorer.score_document(cached)
    replaced = "\ufffd" if kind == "surrogate" else None
    for cue in sentence.cues + document.cues:
        want = text[cue.start : cue.end]
        if replaced:
            want = "".join(replaced if "\ud800" <= ch <= "\udfff" else ch for ch in want)
        assert cue.surface == want


def test_results_outlive_their_scorer_and_text():
    text = fresh(KINDS["latin1"] * 3)
    scorer = stimmung.Scorer()
    core = scorer._core.score_document(text)
    del scorer, text
    surfaces = [c.surface for s in core.sentences for c in s.cues]
    assert "nervös" in surfaces and all(isinstance(s, str) and s for s in surfaces)


def _with_cached_utf8(text: str) -> str:
    """A copy of text whose UTF-8 form CPython has cached inside it (the batch reads that as it is)."""
    import ctypes

    as_utf8 = ctypes.pythonapi.PyUnicode_AsUTF8AndSize
    as_utf8.argtypes = [ctypes.py_object, ctypes.c_void_p]
    as_utf8.restype = ctypes.c_void_p
    copy = fresh(text)
    as_utf8(copy, None)
    return copy


@pytest.mark.parametrize("odd", ["ä", "ß", "„", "€", "\u0800", "\u07ff", "📉", "\x7f", "\x80", "\xff"])
def test_the_conversion_reads_whole_words_of_ascii_and_every_other_unit_alike(odd):
    # The conversion copies 8-byte words of ASCII units at once and goes unit by unit through a word that
    # holds any other: a non-ASCII character at every position of a word, and texts of every length up to
    # a few words, must give the bytes CPython gives (compared through the cues' offsets and surfaces).
    scorer = stimmung.Scorer()
    tail = " Die Blase platzt, die Anleger sind in Panik."
    texts = [fresh("x" * k + odd + "y" * m + tail) for k in range(17) for m in (0, 3)]
    texts += [fresh((odd + "ab") * n) for n in range(12)] + [fresh(tail[:n]) for n in range(len(tail))]
    batch = scorer.score_batch(texts, 1, explain=True)
    cached = scorer.score_batch([_with_cached_utf8(t) for t in texts], 1, explain=True)
    assert batch.drop(columns="cues").equals(cached.drop(columns="cues"))
    for text, row, want in zip(texts, batch["cues"], cached["cues"]):
        assert row == want
        assert all(c["surface"] == text[c["start"] : c["end"]] for c in row)
    assert any(row for row in batch["cues"])


# A batch of at least this many texts is checked on the worker threads, not item by item on the calling
# thread first (texts.hpp: kCheckOnWorkers).
LARGE = 1024


@pytest.mark.parametrize("level", ["sentence", "document"])
@pytest.mark.parametrize("n_threads", [1, 2])
def test_a_large_batch_of_every_kind_of_str_scores_as_one_at_a_time(level, n_threads):
    scorer = stimmung.Scorer()
    kinds = list(KINDS.values()) + [_with_cached_utf8(KINDS["latin1"]), _with_cached_utf8(KINDS["ucs4"])]
    texts = [fresh(kinds[i % len(kinds)]) if i % 5 else kinds[i % len(kinds)] for i in range(3 * LARGE + 7)]
    batch = scorer.score_batch(texts, n_threads, level=level)
    small = scorer.score_batch(kinds, 1, level=level)  # checked item by item, GIL held
    for i in range(len(texts)):
        for tone in scorer.tones:
            assert batch[tone][i] == small[tone][i % len(kinds)], (i, tone)
    cues = scorer.score_batch(texts[: LARGE + 9], n_threads, explain=True)["cues"]
    for text, row in zip(texts, cues):
        assert all(c["surface"] == text[c["start"] : c["end"]] for c in row)


@pytest.mark.parametrize("where", [0, LARGE // 2, 3 * LARGE - 2])
def test_a_non_str_in_a_large_batch_raises_at_the_first_and_the_python_layer_falls_back(where):
    scorer = stimmung.Scorer()
    texts: list = [fresh(KINDS["latin1"]) for _ in range(3 * LARGE)]
    texts[where] = 42
    texts[-1] = b"bytes"  # a later one: the error names the first
    with pytest.raises(TypeError, match="int"):
        scorer._core.score_batch(texts, 2, "sentence", False)
    texts[where] = None  # a missing row (bytes are decoded: "bytes" scores 0)
    df = scorer.score_batch(texts, 2)
    assert np.isnan(df["bubble"][where]) and df["bubble"][len(texts) - 1] == 0.0
    assert df["bubble"].notna().sum() == len(texts) - 1 and df["bubble"][1 if where == 0 else 0] >= 0.5


def test_str_subclasses_in_a_large_batch_take_the_c_api_with_the_gil():
    scorer = stimmung.Scorer()
    texts = [Text(KINDS["latin1"]) if i % 3 == 0 else fresh(KINDS["ucs2"]) for i in range(2 * LARGE)]
    batch = scorer.score_batch(texts, 2)
    assert (batch["bubble"][::3] == scorer.score(KINDS["latin1"]).scores["bubble"]).all()
    assert (batch["bubble"][1::3] == scorer.score(KINDS["ucs2"]).scores["bubble"]).all()
    results = scorer._core.score_sentence_results(texts, 2)
    assert results[0].scores == scorer._core.score(texts[0]).scores
