"""The lexicon: cue words and phrases per tone (format: docs/lexicon-format.md)."""

from __future__ import annotations

import os
from typing import Iterator, List, Union

from . import _core

PathLike = Union[str, "os.PathLike[str]"]


class Lexicon:
    """An immutable lexicon. Build one with :meth:`builtin`, :meth:`from_file` or :meth:`from_string`,
    and extend it with :meth:`extended` (later entries override earlier ones with the same term, tone and
    kind; a cue of weight 0 removes one)."""

    __slots__ = ("_core",)

    def __init__(self, core: _core.Lexicon | None = None) -> None:
        self._core = core if core is not None else _core.Lexicon()

    @classmethod
    def builtin(cls) -> Lexicon:
        """The built-in German lexicon, compiled into the library."""
        return cls(_core.Lexicon.builtin())

    @classmethod
    def from_file(cls, path: PathLike) -> Lexicon:
        """Reads a lexicon file. Raises :class:`stimmung.LexiconError` naming file and line."""
        return cls(_core.Lexicon.from_file(os.fspath(path)))

    @classmethod
    def from_string(cls, text: str, source: str = "<string>") -> Lexicon:
        """Parses lexicon text; ``source`` names it in error messages."""
        return cls(_core.Lexicon.from_string(text, source))

    def extended(self, other: Lexicon | PathLike) -> Lexicon:
        """This lexicon with ``other`` (a Lexicon or a file path) merged on top of it."""
        if not isinstance(other, Lexicon):
            other = Lexicon.from_file(other)
        return Lexicon(self._core.extended(other._core))

    def entries(self) -> List[_core.LexiconEntry]:
        """All entries, in file order."""
        return self._core.entries()

    def to_tsv(self) -> str:
        """The lexicon in its TSV format (``Lexicon.from_string(lex.to_tsv())`` gives it back)."""
        return self._core.to_tsv()

    @property
    def tones(self) -> List[str]:
        """Tone names: bubble, nervousness, hedging, then user-defined tones."""
        return list(self._core.tones)

    def __len__(self) -> int:
        return len(self._core)

    def __iter__(self) -> Iterator[_core.LexiconEntry]:
        return iter(self.entries())

    def __repr__(self) -> str:
        return f"<stimmung.Lexicon: {len(self)} entries, tones {', '.join(self.tones)}>"

    # Pickling: the state is the TSV text plus a format version, so custom lexicons reach worker processes.
    def __getstate__(self) -> dict:
        return {"version": 1, "tsv": self.to_tsv()}

    def __setstate__(self, state: dict) -> None:
        if state.get("version") != 1:
            raise _core.StimmungError(f"unsupported Lexicon pickle version {state.get('version')!r}")
        self._core = _core.Lexicon.from_string(state["tsv"], "<pickle>")
