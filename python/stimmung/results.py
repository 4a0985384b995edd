"""Result objects: scores per tone and the cues that explain them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from . import _core, schema

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: A tone is present in a sentence when its score reaches this value.
THRESHOLD = 0.5


class SentenceScore:
    """Scores of one sentence, each in [0, 1] (>= 0.5: the tone is present), and every cue behind them.

    ``start``/``end`` locate the sentence in the scored text (Python string indices); each cue's
    ``start``/``end`` do the same for the cue, so ``text[cue.start:cue.end] == cue.surface``.
    """

    __slots__ = ("_core", "_tones", "text")

    def __init__(self, core: _core.SentenceScore, tones: Sequence[str], text: str) -> None:
        self._core = core
        self._tones = tones
        self.text = text

    @property
    def scores(self) -> dict[str, float]:
        """Score per tone."""
        return dict(zip(self._tones, self._core.scores))

    @property
    def cues(self) -> list[_core.Cue]:
        """Every cue that fired, in text order."""
        return self._core.cues

    @property
    def bubble(self) -> float:
        return self._core.scores[0]

    @property
    def nervousness(self) -> float:
        return self._core.scores[1]

    @property
    def hedging(self) -> float:
        return self._core.scores[2]

    @property
    def present(self) -> dict[str, bool]:
        """Whether each tone is present (score >= 0.5)."""
        return {t: s >= THRESHOLD for t, s in self.scores.items()}

    @property
    def market(self) -> float:
        """Market context the scope rule saw: 1.0 the sentence names markets or the economy, 0.0 it names
        another domain (sport, weather, health, ...) and no market, so its bubble and nervousness cues count
        0 (modifier ``out_of_scope``), 0.5 neither (in a document, the document decides)."""
        return self._core.market

    @property
    def start(self) -> int:
        return self._core.start

    @property
    def end(self) -> int:
        return self._core.end

    def __getitem__(self, tone: str) -> float:
        try:
            return self._core.scores[list(self._tones).index(tone)]
        except ValueError:
            raise KeyError(f"unknown tone {tone!r}; tones: {', '.join(self._tones)}") from None

    def cues_for(self, tone: str) -> list[_core.Cue]:
        """The cues of one tone."""
        return [c for c in self.cues if c.tone == tone]

    def to_dict(self) -> dict[str, Any]:
        """Plain data: text, scores and cues (for JSON)."""
        return {
            "text": self.text,
            **self.scores,
            schema.CUES_COLUMN: [cue_to_dict(c) for c in self.cues],
        }

    def __repr__(self) -> str:
        scores = ", ".join(f"{t}={s:.2f}" for t, s in self.scores.items())
        return f"SentenceScore({scores}, cues={[c.surface for c in self.cues]})"

    def _repr_html_(self) -> str:
        """Jupyter: the sentence with its cues highlighted per tone, and the scores as bars."""
        from .display import sentence_html

        return sentence_html(self)

    # Value semantics: equal when scores, cues, offsets, tones and text are; pickles (versioned state) so
    # that multiprocessing workers can return results.
    def _key(self) -> tuple[Any, ...]:
        return (self._core, tuple(self._tones), self.text)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SentenceScore):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __getstate__(self) -> dict[str, Any]:
        return {"version": 1, "core": self._core, "tones": tuple(self._tones), "text": self.text}

    def __setstate__(self, state: dict[str, Any]) -> None:
        _check_state(type(self).__name__, state)
        self._core = state["core"]
        self._tones = tuple(state["tones"])
        self.text = state["text"]


class DocumentScore:
    """A scored document: its sentences and, per tone, the mean and max sentence score and the share of
    sentences where the tone is present."""

    __slots__ = ("_core", "_tones", "text", "_sentences")

    def __init__(self, core: _core.DocumentScore, tones: Sequence[str], text: str) -> None:
        self._core = core
        self._tones = tones
        self.text = text
        self._sentences: list[SentenceScore] | None = None

    @property
    def sentences(self) -> list[SentenceScore]:
        """The scored sentences in order (made into Python objects on first use: aggregates need none)."""
        if self._sentences is None:
            self._sentences = [
                SentenceScore(s, self._tones, self.text[s.start : s.end]) for s in self._core.sentences
            ]
        return self._sentences

    @property
    def mean(self) -> dict[str, float]:
        return dict(zip(self._tones, self._core.mean))

    @property
    def max(self) -> dict[str, float]:
        return dict(zip(self._tones, self._core.max))

    @property
    def share(self) -> dict[str, float]:
        return dict(zip(self._tones, self._core.share))

    @property
    def market(self) -> float:
        """The document's market context from all its sentences (1.0 markets, 0.0 another domain, 0.5
        neither); a sentence that names no domain itself follows it."""
        return self._core.market

    @property
    def cues(self) -> list[_core.Cue]:
        """All cues of all sentences; offsets refer to the document text."""
        return [c for s in self.sentences for c in s.cues]

    def strongest_cues(self, n: int = 3) -> list[_core.Cue]:
        """The ``n`` cues with the highest effective weight."""
        return sorted((c for c in self.cues if c.weight > 0), key=lambda c: -c.weight)[:n]

    def to_frame(self) -> pd.DataFrame:
        """One row per sentence: start, end, text, a column per tone, n_cues, market."""
        import pandas as pd

        columns = schema.sentence_table_columns(self._tones)
        rows = [[s.start, s.end, s.text, *s._core.scores, len(s.cues), s.market] for s in self.sentences]
        return pd.DataFrame(rows, columns=schema.names(columns))

    def __len__(self) -> int:
        return self._core.n_sentences

    def __repr__(self) -> str:
        means = ", ".join(f"{t}={s:.2f}" for t, s in self.mean.items())
        return f"DocumentScore({len(self)} sentences, mean {means})"

    def _repr_html_(self) -> str:
        """Jupyter: the document with its cues highlighted per tone, and mean, max and share as bars."""
        from .display import document_html

        return document_html(self)

    def _key(self) -> tuple[Any, ...]:
        return (self._core, tuple(self._tones), self.text)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, DocumentScore):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __getstate__(self) -> dict[str, Any]:
        # The sentence wrappers are a cache, made again from the core object on first use.
        return {"version": 1, "core": self._core, "tones": tuple(self._tones), "text": self.text}

    def __setstate__(self, state: dict[str, Any]) -> None:
        _check_state(type(self).__name__, state)
        self._core = state["core"]
        self._tones = tuple(state["tones"])
        self.text = state["text"]
        self._sentences = None


def _check_state(name: str, state: Any) -> None:
    if not isinstance(state, dict) or state.get("version") != 1:
        version = state.get("version") if isinstance(state, dict) else None
        raise _core.StimmungError(f"unsupported {name} pickle version {version!r}")


def cue_to_dict(c: _core.Cue) -> dict[str, Any]:
    """A cue as plain data (keys: :data:`stimmung.schema.CUE_FIELDS`)."""
    return schema.cue_record(c)
