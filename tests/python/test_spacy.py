"""The spaCy component: nlp.add_pipe("stimmung") through the entry point, on spacy.blank("de"), with the
doc's own sentences or stimmung's, cue spans for displaCy, and nlp.pipe through the core's batch path."""

import subprocess
import sys
from importlib.metadata import entry_points

import pandas as pd
import pytest
import stimmung

spacy = pytest.importorskip("spacy")
from stimmung.spacy_ext import StimmungComponent, displacy_options  # noqa: E402

TEXT = ("Die KI-Blase könnte bald platzen. Anleger sind nervös, die Panik wächst. "
        "Von einer Blase kann keine Rede sein. Der Dt. Aktienindex schloss am 3. Mai ruhig.")
TEXTS = [TEXT, "", "Laut Insidern soll die Übernahme geplatzt sein.", "Ruhiger Handel. Keine Sorgen.",
         "Der Hype um Chips ist enorm! Ist das eine Blase?"]


@pytest.fixture()
def nlp():
    nlp = spacy.blank("de")
    nlp.add_pipe("stimmung")
    return nlp


def test_the_entry_point_registers_the_factory_without_an_import():
    assert "stimmung" in {ep.name for ep in entry_points(group="spacy_factories")}
    code = ("import spacy, sys; nlp = spacy.blank('de'); nlp.add_pipe('stimmung'); "
            "assert 'stimmung' not in sys.modules or True; doc = nlp('Die Blase platzt.'); "
            "print(round(doc._.stimmung['bubble'], 6))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert float(out) == pytest.approx(stimmung.score_document("Die Blase platzt.").mean["bubble"], abs=1e-6)


def test_a_doc_without_sentences_gets_stimmungs_and_its_exact_scores(nlp):
    doc = nlp(TEXT)
    ref = stimmung.score_document(TEXT)
    assert doc._.stimmung == pytest.approx(ref.mean)
    assert doc._.stimmung_max == pytest.approx(ref.max)
    assert doc._.stimmung_share == pytest.approx(ref.share)
    sents = list(doc.sents)
    assert [s.text for s in sents] == [TEXT[s.start:s.end] for s in ref.sentences]  # "Dt." and "3. Mai" kept
    for sent, sentence in zip(sents, ref.sentences):
        assert sent._.stimmung == pytest.approx(sentence.scores)
    batch = stimmung.score_batch([TEXT], level="document").iloc[0]
    assert doc._.stimmung == pytest.approx({t: batch[t] for t in stimmung.TONES})


def test_cue_spans_carry_tone_and_weight(nlp):
    doc = nlp(TEXT)
    cues = [c for s in stimmung.score_document(TEXT).sentences for c in s.cues if c.weight > 0]
    spans = doc.spans["stimmung"]
    assert [(s.text, s.label_) for s in spans] == [(c.surface, c.tone) for c in cues]
    assert [s._.stimmung_weight for s in spans] == pytest.approx([c.weight for c in cues])
    assert all(s._.stimmung_cue.term for s in spans)
    # The negated Blase of the third sentence counts 0 and has no span.
    assert "Blase" not in [s.text for s in list(spans)[3:]]


def test_zero_weight_cues_on_request():
    nlp = spacy.blank("de")
    nlp.add_pipe("stimmung", config={"zero_weight_cues": True, "spans_key": "cues"})
    doc = nlp(TEXT)
    spans = doc.spans["cues"]
    negated = [s for s in spans if s._.stimmung_weight == 0]
    assert [s.text for s in negated] == ["Blase"] and negated[0]._.stimmung_cue.negated


def test_a_segmented_doc_keeps_its_own_sentences():
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("stimmung")
    text = "Die Blase platzt bald. Anleger sind nervös."
    doc = nlp(text)
    sents = list(doc.sents)
    assert len(sents) == 2
    for sent in sents:
        assert sent._.stimmung == pytest.approx(stimmung.score(sent.text).scores)
    scores = [stimmung.score(s.text).scores for s in sents]
    for tone in stimmung.TONES:
        assert doc._.stimmung[tone] == pytest.approx(sum(s[tone] for s in scores) / 2)
        assert doc._.stimmung_max[tone] == pytest.approx(max(s[tone] for s in scores))
    # Cue offsets are moved to the sentence's place in the doc.
    assert [s.text for s in doc.spans["stimmung"]] == ["Blase", "platzt", "nervös"]


def test_boundaries_set_by_hand_are_the_ones_scored(nlp):
    doc = nlp.make_doc("Die Blase platzt bald. Anleger sind nervös.")
    for token in doc:
        token.is_sent_start = token.i == 0  # one sentence over both
    doc = nlp.get_pipe("stimmung")(doc)
    assert len(list(doc.sents)) == 1
    assert list(doc.sents)[0]._.stimmung == pytest.approx(stimmung.score(doc.text).scores)


def test_a_sentence_boundary_inside_a_token_still_scores_every_sentence(nlp):
    doc = nlp("Die Blase platzt.Panik an der Börse!")
    assert all(s._.stimmung is not None for s in doc.sents)
    assert doc._.stimmung == pytest.approx(stimmung.score_document(doc.text).mean)


def test_pipe_matches_single_calls_and_uses_one_core_call_per_batch(nlp):
    piped = list(nlp.pipe(TEXTS, batch_size=2))
    single = [nlp(t) for t in TEXTS]
    for a, b in zip(piped, single):
        assert a._.stimmung == b._.stimmung
        assert [s._.stimmung for s in a.sents] == [s._.stimmung for s in b.sents] if len(a) else True
        assert [(s.start, s.end, s.label_) for s in a.spans["stimmung"]] == \
            [(s.start, s.end, s.label_) for s in b.spans["stimmung"]]
    assert piped[1]._.stimmung == {t: 0.0 for t in stimmung.TONES}

    component = nlp.get_pipe("stimmung")
    calls = []

    class Counting:
        def __init__(self, core):
            self._inner = core

        def __getattr__(self, name):
            attr = getattr(self._inner, name)
            if name.startswith("score_"):
                def wrapped(texts, *args):
                    calls.append((name, len(texts)))
                    return attr(texts, *args)
                return wrapped
            return attr

    class Wrapper:
        def __init__(self, scorer):
            self._core = Counting(scorer._core)
            self.tones = scorer.tones

    component.scorer = Wrapper(component.scorer)
    list(nlp.pipe(TEXTS * 4, batch_size=10))
    # 20 docs in batches of 10: one core call per batch for the unsegmented docs, and one for the sentences
    # of the empty docs (spaCy counts an empty doc as segmented; it has no sentence, so no call is made).
    assert calls == [("score_document_results", 8), ("score_document_results", 8)]


def test_displacy_renders_the_cue_spans(nlp):
    doc = nlp(TEXT)
    html = spacy.displacy.render(doc, style="span", options={"spans_key": "stimmung"}, jupyter=False)
    assert "KI-Blase" in html and "bubble" in html and "hedging" in html and "nervousness" in html
    coloured = spacy.displacy.render(doc, style="span", options=displacy_options(), jupyter=False)
    assert displacy_options()["colors"]["bubble"] in coloured


def test_a_lexicon_file_in_the_config(tmp_path):
    lexicon = tmp_path / "extra.tsv"
    lexicon.write_text("Gurkenhype\tbubble\t1.5\tcue\n", encoding="utf-8")
    nlp = spacy.blank("de")
    nlp.add_pipe("stimmung", config={"lexicon": str(lexicon)})
    doc = nlp("Der Gurkenhype ist vorbei.")
    assert doc._.stimmung_max["bubble"] >= 0.5 and doc.spans["stimmung"][0].text == "Gurkenhype"


def test_a_profile_file_in_the_config(tmp_path):
    profile = tmp_path / "short.tsv"
    profile.write_text("negation_reach_after\t1\n", encoding="utf-8")
    text = "Es gibt keine große Blase."
    plain = spacy.blank("de")
    plain.add_pipe("stimmung")
    changed = spacy.blank("de")
    changed.add_pipe("stimmung", config={"profile": str(profile)})
    want = stimmung.Scorer(profile=profile).score_document(text).mean["bubble"]
    assert plain(text)._.stimmung["bubble"] == 0.0
    assert changed(text)._.stimmung["bubble"] == want > 0.4


def test_the_pipeline_saves_and_loads(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == ["stimmung"]
    assert loaded(TEXT)._.stimmung == nlp(TEXT)._.stimmung


def test_component_class_directly():
    component = StimmungComponent(spacy.blank("de"), n_threads=1)
    assert component.tones == stimmung.TONES
    with pytest.raises(ValueError):
        StimmungComponent(spacy.blank("de"), n_threads=0)
    assert isinstance(pd.Series(component.tones), pd.Series)
