"""spaCy pipeline component: ``nlp.add_pipe("stimmung")`` (the ``spacy`` extra).

Registered through the ``spacy_factories`` entry point, so installing stimmung with spaCy is enough; no
import is needed. Works with ``spacy.blank("de")`` (no model download)::

    import spacy
    nlp = spacy.blank("de")
    nlp.add_pipe("stimmung")
    doc = nlp("Die KI-Blase könnte bald platzen. Anleger sind nervös.")
    doc._.stimmung                      # {'bubble': 0.46, 'nervousness': 0.44, 'hedging': 0.32}
    [s._.stimmung for s in doc.sents]   # the score of each sentence
    doc.spans["stimmung"]               # the cues: label = tone, span._.stimmung_weight = effective weight
    spacy.displacy.render(doc, style="span", options={"spans_key": "stimmung"})
    spacy.displacy.render(doc, style="span", options=displacy_options())   # ... in stimmung's tone colours

Design notes: which sentences are scored.

* A doc that already has sentence boundaries (a parser, ``senter`` or ``sentencizer`` ran before, or they
  were set by hand) keeps them: each of its sentences is scored as one sentence, and the document score is
  the mean, max and share over them (as ``score_batch(level="document")`` aggregates stimmung's own
  sentences).
* A doc without boundaries gets stimmung's German sentence splitter (abbreviations, dates, headlines):
  the component writes those boundaries into the doc (``token.is_sent_start``), so ``doc.sents`` works
  afterwards, and the scores are exactly those of ``stimmung.score_document(doc.text)``, including the
  document-wide market context. With ``set_sents=False`` such a doc is scored the same way but its
  boundaries are left unset and ``sent._.stimmung`` is not available.

``nlp.pipe`` scores each batch of docs with one call into the C++ core (all cores, GIL released): one call
for the sentences of the segmented docs and one for the unsegmented docs of the batch.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span

from .results import THRESHOLD
from .scorer import Scorer, _threads, default_scorer

SPANS_KEY = "stimmung"


def _register_extensions() -> None:
    for cls, names in ((Doc, ("stimmung", "stimmung_max", "stimmung_share")), (Span, ("stimmung",))):
        for name in names:
            if not cls.has_extension(name):
                cls.set_extension(name, default=None)
    for name in ("stimmung_weight", "stimmung_cue"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


_register_extensions()


@Language.factory(
    "stimmung",
    default_config={"lexicon": None, "profile": None, "n_threads": -1, "spans_key": SPANS_KEY,
                    "set_sents": True, "zero_weight_cues": False},
    assigns=["doc._.stimmung", "doc._.stimmung_max", "doc._.stimmung_share", "span._.stimmung",
             "token.is_sent_start"],
)
def make_stimmung(nlp: Language, name: str, lexicon: str | None, profile: str | None, n_threads: int,
                  spans_key: str, set_sents: bool, zero_weight_cues: bool) -> StimmungComponent:
    """The factory behind ``nlp.add_pipe("stimmung", config={...})``; see :class:`StimmungComponent`."""
    return StimmungComponent(nlp, name, lexicon=lexicon, profile=profile, n_threads=n_threads,
                             spans_key=spans_key, set_sents=set_sents, zero_weight_cues=zero_weight_cues)


def displacy_options(spans_key: str = SPANS_KEY,
                     tones: Sequence[str] = ("bubble", "nervousness", "hedging")) -> dict:
    """Options for ``displacy.render(doc, style="span", options=...)``: the cue spans in the colours
    stimmung's own HTML display uses."""
    from .display import tone_colour

    return {"spans_key": spans_key, "colors": {t: tone_colour(t, list(tones)) for t in tones}}


class StimmungComponent:
    """Scores docs for stimmung's tones and sets:

    * ``doc._.stimmung``, ``doc._.stimmung_max``, ``doc._.stimmung_share``: per tone the mean sentence
      score, the highest, and the share of sentences where the tone is present (>= 0.5);
    * ``sent._.stimmung`` for each sentence of ``doc.sents``: per tone the sentence's score;
    * ``doc.spans[spans_key]``: one span per cue, labelled with its tone, with ``span._.stimmung_weight``
      (the weight after negation, boosters and the other rules) and ``span._.stimmung_cue`` (the
      :class:`stimmung.Cue`: term, match, modifiers). Cues whose weight is 0 (negated, out of scope) are
      left out unless ``zero_weight_cues``.

    Args (the config of ``add_pipe``):
        lexicon: path to a lexicon file that extends the built-in lexicon, or None.
        profile: path to a language profile file (docs/profile-format.md), or None for the built-in one.
        n_threads: worker threads for ``nlp.pipe`` batches; -1 for all cores.
        spans_key: the key of the cue spans in ``doc.spans``.
        set_sents: give a doc without sentence boundaries stimmung's own (see the module notes).
        zero_weight_cues: also add spans for cues that count 0.
    """

    def __init__(self, nlp: Language, name: str = "stimmung", *, lexicon: str | None = None,
                 profile: str | None = None, n_threads: int = -1, spans_key: str = SPANS_KEY,
                 set_sents: bool = True, zero_weight_cues: bool = False) -> None:
        self.name = name
        plain = lexicon is None and profile is None
        self.scorer: Scorer = default_scorer() if plain else Scorer(lexicon, profile=profile)
        self.n_threads = _threads(n_threads)
        self.spans_key = spans_key
        self.set_sents = set_sents
        self.zero_weight_cues = zero_weight_cues

    @property
    def tones(self) -> Sequence[str]:
        return self.scorer.tones

    def __call__(self, doc: Doc) -> Doc:
        self._annotate([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                self._annotate(batch)
                yield from batch
                batch = []
        if batch:
            self._annotate(batch)
            yield from batch

    # --- scoring -----------------------------------------------------------------------------------------

    def _annotate(self, docs: list[Doc]) -> None:
        segmented = [d for d in docs if d.has_annotation("SENT_START")]
        whole = [d for d in docs if not d.has_annotation("SENT_START")]
        core = self.scorer._core
        if segmented:
            # spaCy counts an empty doc as segmented; it has no sentence to score.
            sents = [list(d.sents) if len(d) else [] for d in segmented]
            texts = [s.text for ss in sents for s in ss]
            results = core.score_sentence_results(texts, self.n_threads) if texts else []
            at = 0
            for doc, ss in zip(segmented, sents):
                self._from_sentences(doc, ss, results[at : at + len(ss)])
                at += len(ss)
        if whole:
            documents = core.score_document_results([d.text for d in whole], self.n_threads)
            for doc, document in zip(whole, documents):
                self._from_document(doc, document)

    def _scores(self, values: Sequence[float]) -> dict[str, float]:
        return dict(zip(self.tones, values))

    def _from_sentences(self, doc: Doc, sents: list[Span], results: list) -> None:
        n_tones = len(self.tones)
        spans = []
        for sent, result in zip(sents, results):
            sent._.stimmung = self._scores(result.scores)
            spans.extend(self._cue_spans(doc, result.cues, sent.start_char))
        # Aggregated as the core aggregates a document's sentences (no sentence: all zero).
        n = len(results)
        mean = [sum(r.scores[k] for r in results) / n if n else 0.0 for k in range(n_tones)]
        top = [max((r.scores[k] for r in results), default=0.0) for k in range(n_tones)]
        share = [sum(r.scores[k] >= THRESHOLD for r in results) / n if n else 0.0 for k in range(n_tones)]
        self._set_doc(doc, mean, top, share, spans)

    def _from_document(self, doc: Doc, result) -> None:
        spans = []
        for sentence in result.sentences:
            spans.extend(self._cue_spans(doc, sentence.cues, 0))
        if self.set_sents and len(doc) > 0:
            starts = {s.start for s in (doc.char_span(x.start, x.end, alignment_mode="expand")
                                        for x in result.sentences) if s is not None}
            starts.add(0)
            for token in doc:
                token.is_sent_start = token.i in starts
            sents = list(doc.sents)
            if len(sents) == len(result.sentences):
                for sent, sentence in zip(sents, result.sentences):
                    sent._.stimmung = self._scores(sentence.scores)
            else:
                # Two of stimmung's sentences inside one token (no space after the full stop): score the
                # spaCy sentences as they are, so every sentence has a score that belongs to it.
                scored = self.scorer._core.score_sentence_results([s.text for s in sents], self.n_threads)
                for sent, sentence in zip(sents, scored):
                    sent._.stimmung = self._scores(sentence.scores)
        self._set_doc(doc, result.mean, result.max, result.share, spans)

    def _cue_spans(self, doc: Doc, cues: list, offset: int) -> list[Span]:
        spans = []
        for cue in cues:
            if cue.weight <= 0 and not self.zero_weight_cues:
                continue
            start, end = offset + cue.start, offset + cue.end
            span = doc.char_span(start, end, label=cue.tone, alignment_mode="expand")
            if span is None:
                continue
            span._.stimmung_weight = cue.weight
            span._.stimmung_cue = cue
            spans.append(span)
        return spans

    def _set_doc(self, doc: Doc, mean, top, share, spans: list[Span]) -> None:
        doc._.stimmung = self._scores(mean)
        doc._.stimmung_max = self._scores(top)
        doc._.stimmung_share = self._scores(share)
        doc.spans[self.spans_key] = spans
