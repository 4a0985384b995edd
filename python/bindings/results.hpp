#pragma once
// The Python result objects: _core.Cue, _core.SentenceScore, _core.DocumentScore.
//
// Design notes: the core's results own no text (a Cue is offsets and an interned name, result.hpp), but a
// Python Cue has a `surface`. So a Python result keeps what its surfaces are read from: the Python str it
// was scored from (a reference, no copy; code-point offsets index it), or the repaired UTF-8 when invalid
// input was replaced (byte offsets). Cue objects are made from that when `cues` is read. A result
// unpickled has no text: it keeps the Cue (or SentenceScore) objects of its pickle, whose state holds the
// surfaces, so the pickle format stays what it was.

#include <stimmung/result.hpp>

#include <span>
#include <string_view>
#include <vector>

#include "bindings.hpp"

namespace stimmung::python {

/// _core.Cue: a Cue with its surface.
struct PyCue {
  Cue cue;
  py::str surface;
};

/// Where surfaces are read from: `text` (a Python str, code-point offsets) or `utf8` (byte offsets) when
/// `text` is None.
struct SurfaceSource {
  py::object text;
  std::string_view utf8;

  [[nodiscard]] py::str surface(const Cue& c) const;
};

/// _core.SentenceScore.
struct PySentence {
  SentenceScore core;
  py::object text;      // the Python str the offsets index, or None
  py::object repaired;  // bytes: a document's repaired UTF-8 (byte offsets), or None
  py::object given;     // the list of Cue objects of a pickle, or None

  [[nodiscard]] py::list cues() const;
};

/// _core.DocumentScore.
struct PyDocument {
  DocumentScore core;
  py::object text;   // the Python str the offsets index, or None
  py::object given;  // the list of SentenceScore objects of a pickle, or None

  [[nodiscard]] py::list sentences() const;
};

/// Cue objects for @p cues, their surfaces read from @p source.
py::list cue_list(std::span<const Cue> cues, const SurfaceSource& source);

}  // namespace stimmung::python
