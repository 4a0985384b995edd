"""The language profile: what the rules know about German beyond the lexicon (docs/profile-format.md)."""

from __future__ import annotations

import os
from typing import Any

from . import _core
from .lexicon import PathLike, check_lexicon_file


class Profile:
    """An immutable language profile: function-word classes, reach windows and factors, the tone each
    rule feeds, the sentence splitter's abbreviations and units. Build one with :meth:`builtin`,
    :meth:`from_file` or :meth:`from_string`; a file changes the settings it names and keeps the built-in
    ones otherwise. Use it with ``Scorer(lexicon, profile=...)``, as a lexicon is used."""

    __slots__ = ("_core",)

    def __init__(self, core: _core.Profile | None = None) -> None:
        self._core = core if core is not None else _core.Profile.builtin()

    @classmethod
    def builtin(cls) -> Profile:
        """The built-in German profile, compiled into the library (cpp/data/profile_de.tsv)."""
        return cls(_core.Profile.builtin())

    @classmethod
    def from_file(cls, path: PathLike) -> Profile:
        """Reads a profile file. Raises :class:`stimmung.LexiconError` naming file and line."""
        path = os.fspath(path)
        check_lexicon_file(path, "profile")
        return cls(_core.Profile.from_file(path))

    @classmethod
    def from_string(cls, text: str, source: str = "<string>") -> Profile:
        """Parses profile text; ``source`` names it in error messages."""
        return cls(_core.Profile.from_string(text, source))

    @staticmethod
    def setting_names() -> tuple[str, ...]:
        """The names of the settings, in file order."""
        return tuple(_core.Profile.setting_names())

    def __getitem__(self, name: str) -> list[str]:
        """The values of setting ``name`` as written (``profile["negation_reach_after"] == ["4"]``)."""
        try:
            return list(self._core.values(name))
        except ValueError as e:
            raise KeyError(name) from e

    @property
    def is_builtin(self) -> bool:
        """Whether every setting equals the built-in profile's."""
        return bool(self._core.is_builtin())

    def to_tsv(self) -> str:
        """The complete profile in its TSV format (``Profile.from_string(p.to_tsv()) == p``)."""
        return str(self._core.to_tsv())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Profile) and bool(self._core == other._core)

    def __hash__(self) -> int:
        return hash(self.to_tsv())

    def __repr__(self) -> str:
        return f"<stimmung.Profile: {'built-in' if self.is_builtin else 'changed'}>"

    # Pickling: the complete TSV text plus a format version.
    def __getstate__(self) -> dict[str, Any]:
        return {"version": 1, "tsv": self.to_tsv()}

    def __setstate__(self, state: dict[str, Any]) -> None:
        if state.get("version") != 1:
            raise _core.StimmungError(f"unsupported Profile pickle version {state.get('version')!r}")
        self._core = _core.Profile.from_string(state["tsv"], "<pickle>")

    def __copy__(self) -> Profile:
        return Profile(self._core)  # immutable: sharing the C++ object is safe

    def __deepcopy__(self, memo: dict[int, Any]) -> Profile:
        return Profile(self._core)


def as_profile(profile: Profile | PathLike | None) -> Profile | None:
    """``profile`` as a :class:`Profile` (a path is read with :meth:`Profile.from_file`), or None."""
    if profile is None or isinstance(profile, Profile):
        return profile
    return Profile.from_file(profile)
