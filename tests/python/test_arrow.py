"""Arrow and Polars in and out: score_batch reads Arrow string buffers in place (string, large_string,
chunked, sliced, nulls, string_view and dictionary arrays, Polars Series, pandas Series backed by Arrow) and
gives exactly what the list-of-str path gives; output="arrow"|"polars" returns those types."""

import numpy as np
import pandas as pd
import pytest
import stimmung
import stimmung.scorer as scorer_module

pa = pytest.importorskip("pyarrow")

TEXTS = [
    "Die KI-Blase könnte bald platzen.",
    None,
    "Panik an der Börse: Anleger sind nervös.",
    "",
    "Laut Insidern soll die Übernahme geplatzt sein. Von einer Blase kann keine Rede sein.",
    "Nervositaet und Hype, Immobilienblase!",
    None,
    "Ruhiger Handel in Frankfurt.",
    "Panik!",
]


def expected(texts=TEXTS, **kwargs):
    return stimmung.score_batch(list(texts), **kwargs)


def same(result, texts=TEXTS, **kwargs):
    pd.testing.assert_frame_equal(result.reset_index(drop=True), expected(texts, **kwargs))


@pytest.mark.parametrize("kind", [pa.string(), pa.large_string()])
@pytest.mark.parametrize("level", ["sentence", "document"])
def test_string_and_large_string_arrays_match_the_list_path(kind, level):
    same(stimmung.score_batch(pa.array(TEXTS, type=kind), level=level), level=level)


def test_explain_matches_the_list_path():
    result = stimmung.score_batch(pa.array(TEXTS), level="document", explain=True)
    same(result, level="document", explain=True)
    same(stimmung.score_batch(pa.array(TEXTS, pa.large_string()), explain=True), explain=True)


def test_nulls_give_nan_rows_like_none():
    result = stimmung.score_batch(pa.array(TEXTS))
    assert result.loc[[1, 6]].drop(columns="n_cues").isna().all().all()
    assert result["n_cues"].isna().tolist() == [t is None for t in TEXTS]


@pytest.mark.parametrize("kind", [pa.string(), pa.large_string()])
def test_sliced_arrays_with_an_offset(kind):
    array = pa.array(TEXTS, type=kind)
    for start, stop in ((1, 5), (3, 8), (2, 2), (5, 7)):
        piece = array[start:stop]
        assert piece.offset == start
        same(stimmung.score_batch(piece), TEXTS[start:stop])


@pytest.mark.parametrize("kind", [pa.string(), pa.large_string()])
def test_chunked_arrays_with_empty_and_sliced_chunks(kind):
    array = pa.array(TEXTS, type=kind)
    chunked = pa.chunked_array([array[:3], array[3:3], array[3:], ], type=kind)
    same(stimmung.score_batch(chunked, level="document"), level="document")
    same(stimmung.score_batch(pa.chunked_array([], type=kind)), [])


def test_long_arrays_go_in_pieces(monkeypatch):
    monkeypatch.setattr(scorer_module, "_LIST_CHUNK", 3)
    texts = TEXTS * 5
    same(stimmung.score_batch(pa.chunked_array([pa.array(texts[:7]), pa.array(texts[7:])])), texts)


def test_a_null_slot_with_bytes_behind_it_stays_null():
    # Arrow allows a null slot to cover bytes; here invalid UTF-8 that strict scoring would refuse.
    data = pa.py_buffer(b"Blase" + b"\xff\xfe" + b"Panik")
    offsets = pa.py_buffer(np.array([0, 5, 7, 12], dtype=np.int32).tobytes())
    validity = pa.py_buffer(bytes([0b101]))
    array = pa.Array.from_buffers(pa.string(), 3, [validity, offsets, data], null_count=1)
    result = stimmung.Scorer(strict_utf8=True).score_batch(array)
    assert np.isnan(result.loc[1, "bubble"])
    assert result.loc[0, "bubble"] > 0 and result.loc[2, "nervousness"] > 0


def test_the_binding_checks_the_buffers_it_is_given():
    # pyarrow validates arrays it builds; the binding checks again, since any buffer can be handed to it.
    core = stimmung.default_scorer()._core
    offsets = np.array([0, 5, 50], dtype=np.int32).tobytes()
    with pytest.raises(ValueError, match="outside the data buffer"):
        core.score_batch_arrow(offsets, b"Blase", None, 0, 2, False)
    with pytest.raises(ValueError, match="offsets buffer is shorter"):
        core.score_batch_arrow(offsets, b"Blase", None, 1, 2, False)
    with pytest.raises(ValueError, match="validity bitmap is shorter"):
        core.score_batch_arrow(offsets, b"Blase", b"", 0, 2, False)
    with pytest.raises(ValueError, match="negative"):
        core.score_batch_arrow(offsets, b"Blase", None, -1, 2, False)
    ok = core.score_batch_arrow(np.array([0, 5], dtype=np.int64).tobytes(), b"Blase", None, 0, 1, True)
    assert ok["scores"][0, 0] == stimmung.score("Blase").bubble


def test_dictionary_arrays():
    same(stimmung.score_batch(pa.array(TEXTS).dictionary_encode()))


needs_views = pytest.mark.skipif(not hasattr(pa, "string_view"), reason="pyarrow without string_view")


def spy_on_view_path(monkeypatch):
    """Counts the calls of the in-place string_view entry point, so a test sees no copy was taken."""
    calls = []
    core_type = type(stimmung.default_scorer()._core)
    original = core_type.score_batch_arrow_view

    class Spy:
        def __init__(self, core):
            self._core = core

        def score_batch_arrow_view(self, *args):
            calls.append(len(args[1]))
            return original(self._core, *args)

        def __getattr__(self, name):
            return getattr(self._core, name)

    scorer = stimmung.default_scorer()
    monkeypatch.setattr(scorer, "_core", Spy(scorer._core))
    return calls


@needs_views
def test_string_view_arrays_are_read_in_place(monkeypatch):
    calls = spy_on_view_path(monkeypatch)
    # Rows of up to 12 bytes lie inside their view; longer ones in a data buffer.
    assert {len(t.encode()) <= 12 for t in TEXTS if t} == {True, False}
    array = pa.array(TEXTS, type=pa.string_view())
    same(stimmung.score_batch(array, level="document"), level="document")
    same(stimmung.score_batch(array, explain=True), explain=True)
    for start, stop in ((1, 5), (3, 8), (2, 2)):
        same(stimmung.score_batch(array[start:stop]), TEXTS[start:stop])
    assert len(calls) == 4  # the empty slice makes no call


@needs_views
def test_string_views_into_several_data_buffers(monkeypatch):
    calls = spy_on_view_path(monkeypatch)
    first, second = TEXTS[:4], TEXTS[4:]
    array = pa.concat_arrays([pa.array(first, pa.string_view()), pa.array(second, pa.string_view())])
    same(stimmung.score_batch(array))
    same(stimmung.score_batch(pa.chunked_array([array[:3], array[3:]])))
    assert calls == [2, 2, 2]  # two data buffers in every call


@needs_views
def test_the_binding_checks_string_views():
    core = stimmung.default_scorer()._core

    def view(length, buffer=0, offset=0, inline=b""):
        head = np.array([length], dtype=np.int32).tobytes()
        if length <= 12:
            return head + inline.ljust(12, b"\0")
        return head + inline[:4].ljust(4, b"\0") + np.array([buffer, offset], dtype=np.int32).tobytes()

    data = [b"Die Blase an der B\xc3\xb6rse platzt."]
    views = view(5, inline=b"Blase") + view(len(data[0]), 0, 0, data[0])
    ok = core.score_batch_arrow_view(views, data, None, 0, 2)
    assert ok["scores"][0, 0] == stimmung.score("Blase").bubble
    assert ok["scores"][1, 0] == stimmung.score(data[0].decode()).bubble
    with pytest.raises(ValueError, match="outside its data buffer"):
        core.score_batch_arrow_view(view(30, 0, 10), data, None, 0, 1)
    with pytest.raises(ValueError, match="outside its data buffer"):
        core.score_batch_arrow_view(view(20, 1, 0), data, None, 0, 1)
    with pytest.raises(ValueError, match="negative length"):
        core.score_batch_arrow_view(view(-1), data, None, 0, 1)
    with pytest.raises(ValueError, match="views buffer is shorter"):
        core.score_batch_arrow_view(view(5, inline=b"Blase"), data, None, 0, 2)
    with pytest.raises(ValueError, match="validity bitmap is shorter"):
        core.score_batch_arrow_view(view(5, inline=b"Blase"), data, b"", 0, 1)


def test_arrow_arrays_of_other_types_are_refused_by_position():
    with pytest.raises(TypeError, match=r"texts\[0\]"):
        stimmung.score_batch(pa.array([1, 2]))
    with pytest.raises(TypeError, match="one column"):
        stimmung.score_batch(pa.table({"text": TEXTS}))


@pytest.mark.parametrize("dtype", ["string[pyarrow]", "arrow_string", "str"])
def test_pandas_series_backed_by_arrow_keep_their_index(dtype):
    if dtype == "arrow_string":
        dtype = pd.ArrowDtype(pa.string())
    series = pd.Series(TEXTS, index=[f"r{i}" for i in range(len(TEXTS))], dtype=dtype)
    result = stimmung.score_batch(series, level="document")
    assert list(result.index) == list(series.index)
    same(result, level="document")
    framed = stimmung.score_frame(pd.DataFrame({"text": series}), "text")
    same(framed.drop(columns="text"))


def test_output_arrow_has_nulls_and_the_fingerprint():
    table = stimmung.score_batch(TEXTS, output="arrow", level="document")
    assert isinstance(table, pa.Table) and table.num_rows == len(TEXTS)
    assert table.column("bubble").null_count == 2 and table.column("n_sentences").null_count == 2
    assert table.schema.metadata[b"stimmung_lexicon"].decode() == stimmung.default_scorer().fingerprint
    back = table.to_pandas()
    np.testing.assert_allclose(back["bubble"], expected(level="document")["bubble"])


def test_output_arrow_with_cues():
    table = stimmung.score_batch(pa.array(TEXTS), output="arrow", explain=True)
    cues = table.column("cues").to_pylist()
    assert cues[1] is None and cues[3] == [] and cues[0][0]["surface"] == "KI-Blase"


def test_output_must_be_known():
    with pytest.raises(ValueError, match="output"):
        stimmung.score_batch(TEXTS, output="numpy")


def test_polars_in_and_out(monkeypatch):
    pl = pytest.importorskip("polars")
    in_place = hasattr(pa, "string_view") and hasattr(pl, "CompatLevel")
    calls = spy_on_view_path(monkeypatch) if in_place else None
    series = pl.Series("text", TEXTS)
    same(stimmung.score_batch(series, level="document"), level="document")
    same(stimmung.score_batch(series[2:7]), TEXTS[2:7])
    out = stimmung.score_batch(series, output="polars")
    assert isinstance(out, pl.DataFrame) and out.height == len(TEXTS)
    assert out["bubble"].null_count() == 2
    np.testing.assert_allclose(out["bubble"].to_numpy(), expected()["bubble"].to_numpy())
    with pytest.raises(TypeError, match="one column"):
        stimmung.score_batch(pl.DataFrame({"text": TEXTS}))
    if calls is not None:
        assert len(calls) == 3  # Polars' string views were read in place, not copied to large_string


def test_a_large_arrow_column_scores_like_the_list():
    texts = [t for t in TEXTS if t] * 2000
    same(stimmung.score_batch(pa.array(texts, pa.large_string()), n_threads=2), texts)
