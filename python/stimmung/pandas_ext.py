"""pandas integration: :func:`score_frame` and the ``Series.stimmung`` accessor.

``import stimmung`` does not import pandas (scoring single texts needs none, and pandas takes a while to
import), yet ``df["text"].stimmung.score()`` works after ``import stimmung`` and ``import pandas`` in either
order. The accessor is registered as soon as pandas is there:

* pandas imported first: ``import stimmung`` registers it at once;
* stimmung imported first: an import hook (:class:`_PandasHook`, the first entry of ``sys.meta_path``
  until pandas is imported) registers it right after pandas' own ``__init__`` has run;
* and :func:`score_frame` and :meth:`Scorer.score_batch` call :func:`register_accessor` too, so that a
  pandas imported around the hook (``importlib.reload``, a custom importer) still gets it.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
import threading
from collections.abc import Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .results import DocumentScore
    from .scorer import Scorer

_registered = False
_register_lock = threading.Lock()


def register_accessor() -> None:
    """Registers ``Series.stimmung`` (once; imports pandas)."""
    global _registered
    if _registered:
        return
    with _register_lock:
        if _registered:
            return
        import pandas as pd

        pd.api.extensions.register_series_accessor("stimmung")(StimmungAccessor)
        _registered = True


class _RegisteringLoader(importlib.abc.Loader):
    """pandas' own loader, which registers the accessor once pandas' ``__init__`` has run."""

    def __init__(self, loader: Any) -> None:
        self._loader = loader

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return self._loader.create_module(spec)  # type: ignore[no-any-return]

    def exec_module(self, module: ModuleType) -> None:
        self._loader.exec_module(module)
        register_accessor()

    def __getattr__(self, name: str) -> Any:  # get_resource_reader, is_package, get_data, ...
        return getattr(self._loader, name)


class _PandasHook(importlib.abc.MetaPathFinder):
    """Finds nothing itself: when pandas is about to be imported, wraps the loader the other finders
    give, and leaves ``sys.meta_path``."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != "pandas":
            return None
        _remove_hook()
        for finder in sys.meta_path:
            find = getattr(finder, "find_spec", None)
            spec = find(fullname, path, target) if find is not None else None
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = _RegisteringLoader(spec.loader)
                return spec
        return None


_hook = _PandasHook()


def _remove_hook() -> None:
    try:
        sys.meta_path.remove(_hook)
    except ValueError:
        pass


def register_when_pandas_is_imported() -> None:
    """At ``import stimmung``: registers the accessor now if pandas is imported, else on its import."""
    if "pandas" in sys.modules:
        register_accessor()
    elif _hook not in sys.meta_path:
        sys.meta_path.insert(0, _hook)


def _scorer(scorer: Scorer | None) -> Scorer:
    from .scorer import default_scorer

    return scorer if scorer is not None else default_scorer()


def score_frame(
    df: pd.DataFrame,
    text_column: str,
    level: str = "sentence",
    *,
    scorer: Scorer | None = None,
    n_threads: int | None = None,
    explain: bool = False,
    prefix: str = "",
) -> pd.DataFrame:
    """``df`` with score columns added (a new frame; ``df`` is not changed).

    Args:
        df: the frame; its index is kept.
        text_column: the column holding the texts (None/NaN rows get NaN scores).
        level: "sentence" (each text is one sentence) or "document" (split into sentences; adds
            ``<tone>_max``, ``<tone>_share`` and ``n_sentences``), as in :meth:`Scorer.score_batch`.
        scorer: a :class:`stimmung.Scorer` (custom lexicons, user-defined tones); default: built-in.
        n_threads: worker threads; None for all cores.
        explain: add a ``cues`` column.
        prefix: put before every added column name, e.g. ``"tone_"``.

    Raises:
        KeyError: ``text_column`` is not a column of ``df``.
        ValueError: an added column would overwrite an existing one (choose a ``prefix``), or ``df``
            has duplicate column names.
    """
    import pandas as pd

    register_accessor()
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"df must be a pandas DataFrame, not {type(df).__name__}")
    duplicated = df.columns[df.columns.duplicated()].unique().tolist()
    if duplicated:
        # df[name] would be a DataFrame (two text columns) and the added columns ambiguous.
        names = ", ".join(map(str, duplicated))
        raise ValueError(f"df has duplicate column name(s) {names}; rename them first")
    if text_column not in df.columns:
        raise KeyError(f"no column {text_column!r}; columns: {', '.join(map(str, df.columns))}")
    scores = _scorer(scorer).score_batch(df[text_column], n_threads, level=level, explain=explain)
    scores = scores.add_prefix(prefix) if prefix else scores
    clash = [c for c in scores.columns if c in df.columns]
    if clash:
        raise ValueError(f"df already has column(s) {', '.join(map(str, clash))}; pass prefix= to avoid them")
    out = pd.concat([df, scores], axis=1)
    out.attrs["stimmung_lexicon"] = scores.attrs["stimmung_lexicon"]  # concat keeps attrs only if all agree
    return out


class StimmungAccessor:
    """``series.stimmung.score()``: scores a Series of texts, one row per element, same index."""

    def __init__(self, series: pd.Series) -> None:
        self._series = series

    def score(
        self,
        level: str = "sentence",
        *,
        scorer: Scorer | None = None,
        n_threads: int | None = None,
        explain: bool = False,
    ) -> pd.DataFrame:
        """A DataFrame of scores indexed like the Series (see :meth:`stimmung.Scorer.score_batch`)."""
        return _scorer(scorer).score_batch(self._series, n_threads, level=level, explain=explain)

    def explain(self, position: int, *, scorer: Scorer | None = None) -> DocumentScore:
        """The :class:`DocumentScore` of the element at ``position`` (renders highlighted in Jupyter)."""
        return _scorer(scorer).score_document(self._series.iloc[position])
