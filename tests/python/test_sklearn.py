"""stimmung.sklearn.ToneFeatures: a scikit-learn transformer of texts into tone and cue features, in a
Pipeline with LogisticRegression, cloned, pickled, grid-searched, and put through sklearn's own
estimator checks as far as they apply to a transformer of texts."""

import pickle
import warnings

import numpy as np
import pandas as pd
import pytest
import stimmung

pytest.importorskip("sklearn")  # in the test extra: this skips only in a clone without the sklearn extra
from sklearn.base import clone  # noqa: E402
from sklearn.exceptions import NotFittedError, SkipTestWarning  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.model_selection import GridSearchCV  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.utils import estimator_checks as ec  # noqa: E402
from stimmung.sklearn import LexiconMismatchWarning, ToneFeatures  # noqa: E402

# The team's own sentences: market stress or bubble talk (1) and calm company news (0).
STRESS = [
    "Die Anleger reagieren panisch auf die Zinswende.",
    "An der Börse wächst die Angst vor einem Crash.",
    "Händler sprechen von einer gefährlichen Spekulationsblase bei Chipwerten.",
    "Die Nervosität am Anleihemarkt nimmt spürbar zu.",
    "Der Kurssturz löste eine Verkaufswelle aus.",
    "Viele Fonds fürchten, dass die Blase bei KI-Aktien bald platzt.",
    "Die Stimmung unter Investoren ist extrem angespannt.",
    "Ein Börsenbeben erschütterte die Märkte in Asien.",
]
CALM = [
    "Der Vorstand stellte den Geschäftsbericht in Stuttgart vor.",
    "Die Firma eröffnet im Frühjahr ein neues Werk in Sachsen.",
    "Der Umsatz stieg im dritten Quartal leicht an.",
    "Die Hauptversammlung findet im Mai statt.",
    "Das Unternehmen beschäftigt rund 4000 Mitarbeiter.",
    "Der Dax schloss nahezu unverändert.",
    "Die Bank senkte die Gebühren für Girokonten.",
    "Der neue Finanzchef tritt sein Amt im Juli an.",
]
TEXTS = STRESS + CALM
LABELS = [1] * len(STRESS) + [0] * len(CALM)
UNSEEN = ["Panik erfasst die Märkte, Anleger flüchten aus Aktien.",
          "Die Firma legte ihren Jahresabschluss pünktlich vor."]
DOCUMENTS = ["Die KI-Blase könnte bald platzen. Händler sind nervös.", "Der Umsatz stieg. Alles ruhig.",
             "Beim Derby herrschte Panik auf den Rängen.", "Es regnet. Die Bahn fährt pünktlich."]
ALL_GROUPS = ["scores", "max", "share", "present", "n_sentences", "n_cues", "tone_cues", "market"]


def test_pipeline_with_logistic_regression_learns_market_stress():
    model = make_pipeline(ToneFeatures(), LogisticRegression())
    model.fit(TEXTS, LABELS)
    assert (model.predict(TEXTS) == LABELS).all()
    assert model.predict(UNSEEN).tolist() == [1, 0]
    assert model.predict_proba(UNSEEN)[0, 1] > 0.5 > model.predict_proba(UNSEEN)[1, 1]
    assert list(model[:-1].get_feature_names_out()) == ["bubble", "nervousness", "hedging", "n_cues"]


def test_grid_search_clones_and_sets_parameters():
    model = make_pipeline(ToneFeatures(), LogisticRegression())
    grid = {"tonefeatures__level": ["sentence", "document"],
            "tonefeatures__features": [None, ["scores", "present", "tone_cues"]]}
    search = GridSearchCV(model, grid, cv=2).fit(TEXTS, LABELS)
    assert search.best_score_ == 1.0
    assert search.best_estimator_.predict(UNSEEN).tolist() == [1, 0]


def test_features_are_the_numbers_of_score_batch():
    for level in ("sentence", "document"):
        t = ToneFeatures(level).fit(DOCUMENTS)
        want = stimmung.score_batch(DOCUMENTS, level=level)
        assert list(t.get_feature_names_out()) == list(want.columns)
        np.testing.assert_array_equal(t.transform(DOCUMENTS), want.to_numpy(dtype=np.float64))


def test_presence_cues_per_tone_and_market():
    t = ToneFeatures(features=["present", "tone_cues", "market"]).fit(TEXTS)
    got = pd.DataFrame(t.transform(TEXTS), columns=t.get_feature_names_out())
    for i, text in enumerate(TEXTS):
        s = stimmung.score(text)
        for tone in stimmung.TONES:
            assert got[f"{tone}_present"][i] == float(s.present[tone])
            assert got[f"{tone}_n_cues"][i] == len(s.cues_for(tone))
        assert got["market"][i] == s.market
    d = ToneFeatures("document", features=ALL_GROUPS).fit(DOCUMENTS)
    got = pd.DataFrame(d.transform(DOCUMENTS), columns=d.get_feature_names_out())
    for i, text in enumerate(DOCUMENTS):
        doc = stimmung.score_document(text)
        assert got["n_sentences"][i] == len(doc.sentences) and got["market"][i] == doc.market
        for tone in stimmung.TONES:
            assert got[f"{tone}_present"][i] == float(doc.max[tone] >= 0.5)
            assert got[f"{tone}_n_cues"][i] == sum(c.tone == tone for c in doc.cues)
    assert got["n_cues"].tolist() == got[[f"{t}_n_cues" for t in stimmung.TONES]].sum(axis=1).tolist()


def test_feature_names_follow_the_groups_and_the_lexicon(tmp_path):
    t = ToneFeatures("document", features=["market", "present", "n_sentences"]).fit(TEXTS)
    assert list(t.get_feature_names_out()) == [
        "market", "bubble_present", "nervousness_present", "hedging_present", "n_sentences"]
    assert t.transform(TEXTS).shape == (len(TEXTS), 5)
    lexicon = tmp_path / "hype.tsv"
    lexicon.write_text("Rakete\thype\t1\tcue\n", encoding="utf-8")
    user = ToneFeatures(features="scores", lexicon=str(lexicon)).fit(TEXTS)
    assert list(user.get_feature_names_out()) == ["bubble", "nervousness", "hedging", "hype"]
    assert user.transform(["Die Aktie ist eine Rakete."])[0, 3] >= 0.5
    with pytest.raises(NotFittedError):
        ToneFeatures().get_feature_names_out()


def test_inputs_missing_texts_and_pandas_output():
    pa = pytest.importorskip("pyarrow")
    t = ToneFeatures(features=["scores", "present", "n_cues", "market"]).fit(TEXTS)
    want = t.transform(TEXTS)
    assert want.dtype == np.float64 and want.flags.c_contiguous
    for same in (tuple(TEXTS), np.array(TEXTS, dtype=object), pd.Series(TEXTS), (x for x in TEXTS),
                 pa.array(TEXTS), pd.Series(TEXTS, dtype="string[pyarrow]")):
        np.testing.assert_array_equal(t.transform(same), want)
    np.testing.assert_array_equal(ToneFeatures().fit_transform(x for x in TEXTS), ToneFeatures().fit(
        TEXTS).transform(TEXTS))  # fit does not use up a generator
    # A missing text gives a row of NaN features, as score_batch gives NaN scores.
    with_gaps = t.transform([TEXTS[0], None, float("nan"), pd.NA, TEXTS[1]])
    assert np.isnan(with_gaps[1:4]).all() and not np.isnan(with_gaps[[0, 4]]).any()
    assert t.transform([]).shape == (0, 8)
    frame = t.set_output(transform="pandas").transform(pd.Series(TEXTS[:3], index=[7, 8, 9]))
    assert list(frame.columns) == list(t.get_feature_names_out()) and list(frame.index) == [7, 8, 9]


def test_bad_input_and_parameters_fail_in_fit_not_in_init():
    ToneFeatures("paragraph", features=["nope"], lexicon=42, n_threads=0)  # sklearn: no checks in __init__
    with pytest.raises(ValueError, match="single string"):
        ToneFeatures().fit("Die Blase platzt.")
    with pytest.raises(ValueError, match="one-dimensional"):
        ToneFeatures().fit(np.array([["Die Blase platzt."]]))
    with pytest.raises(ValueError, match="one column"):
        ToneFeatures().fit(pd.DataFrame({"text": TEXTS}))
    with pytest.raises(ValueError, match="level"):
        ToneFeatures("paragraph").fit(TEXTS)
    with pytest.raises(ValueError, match="unknown feature group"):
        ToneFeatures(features=["scores", "nope"]).fit(TEXTS)
    with pytest.raises(ValueError, match="document"):
        ToneFeatures(features=["max"]).fit(TEXTS)
    with pytest.raises(ValueError, match="repeat"):
        ToneFeatures(features=["scores", "scores"]).fit(TEXTS)
    with pytest.raises(ValueError, match="n_threads"):
        ToneFeatures(n_threads=0).fit(TEXTS)
    with pytest.raises(stimmung.LexiconError, match="No such file"):
        ToneFeatures(lexicon="/no/such/lexicon.tsv").fit(TEXTS)
    with pytest.raises(TypeError, match="not str"):
        ToneFeatures().fit(TEXTS).transform(["Die Blase platzt.", 42])


def test_clone_keeps_parameters_and_not_the_fit():
    lexicon = stimmung.Lexicon.builtin().extended(stimmung.Lexicon.from_string("Rakete\thype\t1\tcue\n"))
    t = ToneFeatures("document", features=["scores", "market"], lexicon=lexicon, n_threads=1).fit(TEXTS)
    c = clone(t)
    assert c.get_params()["level"] == "document" and c.get_params()["features"] == ["scores", "market"]
    assert c.lexicon is not lexicon and c.lexicon.fingerprint == lexicon.fingerprint
    assert not hasattr(c, "scorer_")
    np.testing.assert_array_equal(c.fit(TEXTS).transform(TEXTS), t.transform(TEXTS))


@pytest.mark.parametrize("lexicon", [None, "file"])
def test_pickle_round_trip_gives_equal_features(tmp_path, lexicon):
    if lexicon == "file":
        lexicon = tmp_path / "hype.tsv"
        lexicon.write_text("Rakete\thype\t1\tcue\n", encoding="utf-8")
    features = ToneFeatures("document", features=ALL_GROUPS, lexicon=lexicon)
    model = make_pipeline(features, LogisticRegression())
    model.fit(TEXTS, LABELS)
    before = model[0].transform(DOCUMENTS)
    blob = pickle.dumps(model)
    if lexicon is not None:
        lexicon.unlink()  # the pickle carries the lexicon's entries, not its path
    with warnings.catch_warnings():
        warnings.simplefilter("error", LexiconMismatchWarning)
        loaded = pickle.loads(blob)
    np.testing.assert_array_equal(loaded[0].transform(DOCUMENTS), before)
    np.testing.assert_array_equal(loaded.predict_proba(UNSEEN), model.predict_proba(UNSEEN))
    assert loaded[0].fingerprint_ == model[0].fingerprint_
    if lexicon is None:  # the built-in lexicon is rebuilt, not stored: a small pickle
        assert len(pickle.dumps(model[0])) < 2000
    unfitted = pickle.loads(pickle.dumps(ToneFeatures(n_threads=2)))
    assert unfitted.get_params() == ToneFeatures(n_threads=2).get_params()


def test_loading_with_another_lexicon_warns():
    t = ToneFeatures().fit(TEXTS)
    t.fingerprint_ = "stimmung-0.0.1+lex.0000000000000000"  # as if fitted by an older stimmung
    with pytest.warns(LexiconMismatchWarning, match="stimmung-0.0.1"):
        loaded = pickle.loads(pickle.dumps(t))
    np.testing.assert_array_equal(loaded.transform(TEXTS), ToneFeatures().fit(TEXTS).transform(TEXTS))


# ---------------------------------------------------------------------------------------------------------
# sklearn's own estimator checks.
#
# ToneFeatures takes texts, so its tags say input_tags.string=True and two_d_array=False, as sklearn's
# CountVectorizer and HashingVectorizer do. sklearn's common checks feed random numeric matrices, so for
# these tags check_estimator runs only check_estimator_cloneable and skips the others (SkipTestWarning).
# To run them all the same, _NumericTagged is ToneFeatures with the tags of a numeric estimator and
# nothing else changed: every check runs, the API checks that never look at the data pass, and the ones
# that feed numbers are listed in NUMERIC_INPUT, expected to fail, each with the reason. What they test
# that applies to texts too is re-done on German texts (test_sklearn_data_checks_on_texts, and input
# kinds, pickling and pipelines in the tests above).

CONFIGURATIONS = [
    ToneFeatures(),
    ToneFeatures("document", features=ALL_GROUPS, n_threads=1),
]


class _NumericTagged(ToneFeatures):
    """ToneFeatures under the tags of a numeric estimator, only so that sklearn runs all its checks."""

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = True
        tags.input_tags.one_d_array = False
        return tags


_REJECTS_NUMBERS = ("feeds a numeric matrix, which ToneFeatures rejects (it takes a one-dimensional "
                    "collection of texts); what applies to texts is re-done on texts in this file")
NUMERIC_INPUT = {
    **dict.fromkeys([
        "check_fit_score_takes_y", "check_estimators_overwrite_params", "check_dont_overwrite_parameters",
        "check_estimators_fit_returns_self", "check_readonly_memmap_input", "check_estimators_dtypes",
        "check_dtype_object", "check_pipeline_consistency", "check_estimators_pickle",
        "check_f_contiguous_array_estimator", "check_transformer_general",
        "check_transformer_data_not_an_array", "check_methods_sample_order_invariance",
        "check_methods_subset_invariance", "check_dict_unchanged", "check_fit_idempotent",
        "check_fit_check_is_fitted", "check_fit2d_predict1d", "check_positive_only_tag_during_fit",
    ], _REJECTS_NUMBERS),
    **dict.fromkeys(["check_n_features_in", "check_n_features_in_after_fitting"],
                    "text input has no n_features_in_, as for sklearn's CountVectorizer"),
    "check_fit1d": ("a one-dimensional collection is what ToneFeatures takes; fit does not read the items "
                    "(the features are fixed by the lexicon), so 1-D numbers raise only in transform"),
    **dict.fromkeys(["check_complex_data", "check_estimators_empty_data_messages", "check_fit2d_1sample",
                     "check_fit2d_1feature"],
                    "expects sklearn's messages about numeric matrices (complex values, 0 features, "
                    "1 sample, 1 feature); ToneFeatures says it wants one-dimensional texts"),
    **dict.fromkeys(["check_estimator_sparse_tag", "check_estimator_sparse_array",
                     "check_estimator_sparse_matrix"],
                    "a sparse matrix is numeric and two-dimensional: rejected as such, not as 'sparse'"),
}


@pytest.mark.parametrize("estimator", CONFIGURATIONS, ids=["default", "document-all-groups"])
def test_sklearn_check_estimator(estimator):
    twin = _NumericTagged(**estimator.get_params())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SkipTestWarning)  # array API checks: only with SCIPY_ARRAY_API=1
        results = ec.check_estimator(twin, expected_failed_checks=NUMERIC_INPUT, on_fail="raise")
    status = {}
    for r in results:
        name = r["check_name"]
        if status.get(name) != "xfail":  # a check that runs twice (pickle, ...) counts with its worst
            status[name] = r["status"]
        if r["status"] == "xfail" and NUMERIC_INPUT[name] == _REJECTS_NUMBERS:
            message = str(r["exception"])  # failed for the reason given, not another
            assert "of texts" in message or "raised ValueError" in message, message
    unexpected = {n: s for n, s in status.items() if (s == "xfail") != (n in NUMERIC_INPUT)}
    assert not unexpected, f"checks that pass or fail against NUMERIC_INPUT: {unexpected}"
    assert set(NUMERIC_INPUT) <= set(status)  # no stale names in the list
    assert {"check_estimator_cloneable", "check_no_attributes_set_in_init", "check_set_params",
            "check_parameters_default_constructible", "check_transformers_unfitted"} <= {
        n for n, s in status.items() if s == "passed"}


def test_check_estimator_skips_the_numeric_checks_by_tags():
    with pytest.warns(SkipTestWarning, match="Can't test estimator ToneFeatures"):
        results = ec.check_estimator(ToneFeatures(), on_fail="raise")
    assert [r["check_name"] for r in results] == ["check_estimator_cloneable"]
    assert all(r["status"] == "passed" for r in results)


# sklearn's data checks, re-done on texts: each assertion is named after the check it stands for.
@pytest.mark.parametrize("estimator", CONFIGURATIONS, ids=["default", "document-all-groups"])
def test_sklearn_data_checks_on_texts(estimator):
    t = clone(estimator)
    params = t.get_params()
    assert t.fit(TEXTS, LABELS) is t  # check_estimators_fit_returns_self
    assert t.get_params() == params  # check_dont_overwrite_parameters, check_estimators_overwrite_params
    out = t.transform(TEXTS)
    before = dict(t.__dict__)
    t.transform(TEXTS)
    assert t.__dict__ == before  # check_dict_unchanged
    np.testing.assert_array_equal(t.fit(TEXTS).transform(TEXTS), out)  # check_fit_idempotent
    np.testing.assert_array_equal(clone(estimator).fit_transform(TEXTS), out)  # check_transformer_general
    order = np.random.default_rng(0).permutation(len(TEXTS))
    np.testing.assert_array_equal(t.transform([TEXTS[i] for i in order]), out[order])  # sample order
    np.testing.assert_array_equal(t.transform(TEXTS[3:7]), out[3:7])  # check_methods_subset_invariance
    np.testing.assert_array_equal(pickle.loads(pickle.dumps(t)).transform(TEXTS), out)  # pickle
    np.testing.assert_array_equal(t.transform(np.array(TEXTS)), out)  # check_transformer_data_not_an_array
    assert out.shape == (len(TEXTS), len(t.get_feature_names_out()))  # check_transformer_general
    with pytest.raises(NotFittedError):  # check_fit_check_is_fitted
        clone(estimator).transform(TEXTS)
