"""The lexicon: cue words and phrases per tone (format: docs/lexicon-format.md)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, NamedTuple, Union

from . import _core

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

PathLike = Union[str, "os.PathLike[str]"]


def check_lexicon_file(path: str, what: str = "lexicon") -> None:
    """Raises :class:`stimmung.LexiconError` unless ``path`` is a regular, readable file: a directory
    would otherwise read as an empty lexicon. ``what`` names the kind of file ("lexicon", "profile")."""
    problem = None
    if os.path.isdir(path):
        problem = f"it is a directory, not a {what} file"
    elif not os.path.exists(path):
        problem = "No such file or directory"
    elif not os.access(path, os.R_OK):
        problem = "Permission denied"
    if problem is not None:
        err = _core.LexiconError(f"cannot read {what} file {path}: {problem}")
        err.source, err.line = path, 0
        raise err


def load_lexicon(spec: PathLike) -> Lexicon:
    """A lexicon from a spec: ``PATH`` (native TSV), ``sentiws:PATH`` (SentiWS v2.0, default options) or
    ``words:TONE:PATH`` (a word list of tone ``TONE``). Raises :class:`stimmung.LexiconError` naming the
    file (and line) when it cannot be read or parsed, ValueError for a malformed spec."""
    text = os.fspath(spec)
    if text.startswith("sentiws:"):
        from .importers import read_sentiws

        return read_sentiws(text[len("sentiws:") :])
    if text.startswith("words:"):
        from .importers import read_wordlist

        tone, sep, path = text[len("words:") :].partition(":")
        if not sep or not path:
            raise ValueError(f"expected words:TONE:PATH, got {text!r}")
        return read_wordlist(path, tone)
    return Lexicon.from_file(text)


class Match(NamedTuple):
    """How a lexicon entry matched a word (see :meth:`Lexicon.lookup`)."""

    term: str
    tone: str
    match: str  # exact, inflected, compound, separable, phrase or rule
    weight: float
    source: str  # 'file:line' of the entry, or '' for rule cues


class Lexicon:
    """An immutable lexicon. Build one with :meth:`builtin`, :meth:`from_file` or :meth:`from_string`,
    and extend it with :meth:`extended` (later entries override earlier ones with the same term, tone and
    kind; a cue of weight 0 removes one)."""

    __slots__ = ("_core", "_scorer", "_fingerprint")

    def __init__(self, core: _core.Lexicon | None = None) -> None:
        self._core = core if core is not None else _core.Lexicon()
        self._scorer: _core.Scorer | None = None
        self._fingerprint: str | None = None

    @classmethod
    def builtin(cls) -> Lexicon:
        """The built-in German lexicon, compiled into the library."""
        return cls(_core.Lexicon.builtin())

    @classmethod
    def from_file(cls, path: PathLike) -> Lexicon:
        """Reads a lexicon file. Raises :class:`stimmung.LexiconError` naming file and line."""
        path = os.fspath(path)
        check_lexicon_file(path)
        return cls(_core.Lexicon.from_file(path))

    @classmethod
    def from_string(cls, text: str, source: str = "<string>") -> Lexicon:
        """Parses lexicon text; ``source`` names it in error messages."""
        return cls(_core.Lexicon.from_string(text, source))

    @classmethod
    def from_sentiws(cls, *paths: PathLike, tone: str = "polarity", negative: str = "split",
                     scale: float = 1.0) -> Lexicon:
        """Imports SentiWS v2.0 files as user-defined tone(s); see :func:`stimmung.importers.read_sentiws`."""
        from .importers import read_sentiws

        return read_sentiws(*paths, tone=tone, negative=negative, scale=scale)

    @classmethod
    def from_wordlist(cls, path: PathLike, tone: str, weight: float = 1.0) -> Lexicon:
        """Imports a plain word list (one word or phrase per line) as cues of ``tone``; see
        :func:`stimmung.importers.read_wordlist`."""
        from .importers import read_wordlist

        return read_wordlist(path, tone, weight=weight)

    @classmethod
    def merged(cls, *lexicons: Lexicon | PathLike) -> Lexicon:
        """The lexicons (or TSV file paths) merged left to right; later entries override earlier ones."""
        result = cls()
        for other in lexicons:
            result = result.extended(other)
        return result

    def extended(self, *others: Lexicon | PathLike) -> Lexicon:
        """This lexicon with ``others`` merged on top of it, in order: Lexicons, or specs of
        :func:`load_lexicon` (a TSV file path, ``sentiws:PATH`` or ``words:TONE:PATH``).

        The one way extra lexicons are loaded: ``stimmung score --lexicon`` and the Spark job's
        ``--lexicon`` pass their specs here."""
        core = self._core
        for other in others:
            if not isinstance(other, Lexicon):
                other = load_lexicon(other)
            core = core.extended(other._core)
        return Lexicon(core)

    def entries(self, tone: str | None = None, kind: str | None = None) -> list[_core.LexiconEntry]:
        """All entries in file order, optionally only those of one ``tone`` and/or ``kind``."""
        return [
            e for e in self._core.entries()
            if (tone is None or e.tone == tone) and (kind is None or e.kind == kind)
        ]

    def to_frame(self) -> pd.DataFrame:
        """The entries as a DataFrame (term, tone, weight, kind, pos, compound, exact, forms, source)."""
        import pandas as pd

        from .schema import LEXICON_ENTRY_FIELDS as fields

        return pd.DataFrame([[getattr(e, f) for f in fields] for e in self._core.entries()], columns=fields)

    def lookup(self, word: str) -> list[Match]:
        """Which entries match ``word`` on its own, and how (exact, inflected, compound, ...).

        The word is scored alone by a Scorer built from this lexicon, so the answer is exactly what
        scoring does; a word that matches nothing gives ``[]``. Negators, boosters and other function
        words only modify cues and are therefore not reported.
        """
        if not isinstance(word, str):
            raise TypeError(f"word must be str, not {type(word).__name__}")
        scorer = self._lookup_scorer()
        sources = {}
        for e in self._core.entries():
            if e.kind == "cue":
                sources[(e.term, e.tone)] = e.source
        return [
            Match(c.term, c.tone, c.match, c.base_weight, sources.get((c.term, c.tone), ""))
            for c in scorer.score(word).cues
        ]

    def _lookup_scorer(self) -> _core.Scorer:
        # Built on first lookup and kept: building a Scorer compiles the lexicon, which is not free.
        scorer = self._scorer
        if scorer is None:
            scorer = _core.Scorer(self._core, False)
            self._scorer = scorer
        return scorer

    def to_tsv(self) -> str:
        """The lexicon in its TSV format (``Lexicon.from_string(lex.to_tsv())`` gives it back)."""
        return self._core.to_tsv()

    @property
    def fingerprint(self) -> str:
        """Names this lexicon and the library version, e.g. ``'stimmung-0.1.0+lex.3f2a9c1e04b7d65a'``.

        The hex part is the start of a SHA-256 over :meth:`canonical_form`: the same entries give the same
        fingerprint on every run and machine, and any added, removed or changed entry (an extension, a
        different weight) changes it. Where an entry came from (file and line) does not count. Stored with
        every ``stimmung score`` output and in ``score_batch(...).attrs["stimmung_lexicon"]``, so scores
        from different lexicons are not mixed by accident.
        """
        if self._fingerprint is None:
            self._fingerprint = self._core.fingerprint()
        return self._fingerprint

    def canonical_form(self) -> str:
        """The text :attr:`fingerprint` hashes: the tones, then one tab-separated line per entry."""
        return self._core.canonical_form()

    @property
    def tones(self) -> list[str]:
        """Tone names (bubble, nervousness, hedging, then user-defined tones)."""
        return list(self._core.tones)

    def __len__(self) -> int:
        return len(self._core)

    def __iter__(self) -> Iterator[_core.LexiconEntry]:
        return iter(self.entries())

    def __repr__(self) -> str:
        return f"<stimmung.Lexicon: {len(self)} entries, tones {', '.join(self.tones)}>"

    # Pickling: the state is the TSV text plus a format version, so custom lexicons reach worker processes.
    def __getstate__(self) -> dict[str, Any]:
        return {"version": 1, "tsv": self.to_tsv()}

    def __setstate__(self, state: dict[str, Any]) -> None:
        if state.get("version") != 1:
            raise _core.StimmungError(f"unsupported Lexicon pickle version {state.get('version')!r}")
        self._core = _core.Lexicon.from_string(state["tsv"], "<pickle>")
        self._scorer = None
        self._fingerprint = None

    def __copy__(self) -> Lexicon:
        return Lexicon(self._core)  # immutable: sharing the C++ object is safe

    def __deepcopy__(self, memo: dict[int, Any]) -> Lexicon:
        return Lexicon(self._core)
