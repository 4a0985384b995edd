// The Python result objects (see results.hpp): Cue objects made on demand from compact cues and the text.
#include "results.hpp"

#include <pybind11/stl.h>
#include <stimmung/error.hpp>

#include <limits>
#include <sstream>
#include <string>
#include <tuple>

namespace stimmung::python {
namespace {

// Pickle state: a tuple whose first item is this version. A change of the fields gets a new version, and
// __setstate__ keeps reading the old ones (tests/python/fixtures hold pickles of every version). Modifiers
// are stored by name, so a renumbering of the Modifier bits does not change what an old pickle means.
// Version 1 is the same since 0.1 although the C++ types changed in 0.2: a cue's state holds its surface.
constexpr int kPickleVersion = 1;

void check_state(const py::tuple& state, std::size_t size, const char* what) {
  const bool known = state.size() == size && py::isinstance<py::int_>(state[0]) && state[0].cast<int>() == kPickleVersion;
  if (!known) {
    throw Error(std::string("unsupported ") + what + " pickle state (version " +
                (state.size() > 0 ? std::string(py::str(state[0])) : std::string("none")) + ", " +
                std::to_string(state.size()) + " fields)");
  }
}

py::str to_str(std::string_view v) { return {v.data(), v.size()}; }

py::list modifier_list(std::uint32_t modifiers) {
  py::list names;
  for (const auto n : modifier_names(modifiers)) names.append(to_str(n));
  return names;
}

std::uint16_t modifier_bits(const py::list& names) {
  std::uint32_t bits = 0;
  for (const auto& item : names) {
    const auto name = item.cast<std::string>();
    std::uint32_t bit = 0;
    for (std::uint32_t b = 1; b != 0 && bit == 0; b <<= 1) {
      const auto found = modifier_names(b);
      if (!found.empty() && found.front() == name) bit = b;
    }
    if (bit == 0) throw Error("unknown cue modifier '" + name + "' in a pickle");
    bits |= bit;
  }
  return static_cast<std::uint16_t>(bits);
}

py::tuple cue_state(const PyCue& p) {
  const Cue& c = p.cue;
  return py::make_tuple(kPickleVersion, p.surface, to_str(c.term()), to_str(c.tone()), to_str(match_name(c.match)),
                        c.base_weight(), c.weight, c.begin, c.end, c.cp_begin, c.cp_end, modifier_list(c.modifiers));
}

PyCue cue_from(const py::tuple& t) {
  check_state(t, 12, "Cue");
  PyCue p;
  Cue& c = p.cue;
  p.surface = py::str(t[1]);
  c.set_name(t[2].cast<std::string>(), t[3].cast<std::string>(), t[5].cast<double>());
  try {
    c.match = match_kind(t[4].cast<std::string>());
  } catch (const std::invalid_argument& e) {
    throw Error(std::string(e.what()) + " in a pickle");
  }
  c.weight = t[6].cast<double>();
  c.begin = t[7].cast<std::uint32_t>();
  c.end = t[8].cast<std::uint32_t>();
  c.cp_begin = t[9].cast<std::uint32_t>();
  c.cp_end = t[10].cast<std::uint32_t>();
  c.modifiers = modifier_bits(t[11].cast<py::list>());
  return p;
}

// Hashes agree with __eq__: they cover the same fields (lists as tuples, since lists are unhashable), the
// same tuples as before the results became compact.
py::ssize_t cue_hash(const PyCue& p) {
  const Cue& c = p.cue;
  return py::hash(py::make_tuple(p.surface, to_str(c.term()), to_str(c.tone()), to_str(match_name(c.match)),
                                 c.base_weight(), c.weight, c.begin, c.end, c.cp_begin, c.cp_end,
                                 static_cast<std::uint32_t>(c.modifiers)));
}

bool same_surfaces(const py::list& a, const py::list& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!a[i].cast<const PyCue&>().surface.equal(b[i].cast<const PyCue&>().surface)) return false;
  }
  return true;
}

bool same_sentence(const PySentence& a, const PySentence& b) {
  const SentenceScore& x = a.core;
  const SentenceScore& y = b.core;
  // Not `text`: the repaired text is where surfaces come from, compared as the surfaces themselves.
  if (x.scores != y.scores || x.cues != y.cues || x.begin != y.begin || x.end != y.end || x.cp_begin != y.cp_begin ||
      x.cp_end != y.cp_end || x.n_tokens != y.n_tokens || x.market != y.market) {
    return false;
  }
  return same_surfaces(a.cues(), b.cues());
}

py::tuple sentence_state(const PySentence& s) {
  const SentenceScore& c = s.core;
  return py::make_tuple(kPickleVersion, c.scores, s.cues(), c.begin, c.end, c.cp_begin, c.cp_end, c.n_tokens,
                        c.market);
}

PySentence sentence_from(const py::tuple& t) {
  check_state(t, 9, "SentenceScore");
  PySentence s;
  SentenceScore& c = s.core;
  c.scores = t[1].cast<std::vector<double>>();
  py::list cues(t[2]);
  for (const auto& item : cues) c.cues.push_back(item.cast<const PyCue&>().cue);
  s.given = cues;
  c.begin = t[3].cast<std::uint32_t>();
  c.end = t[4].cast<std::uint32_t>();
  c.cp_begin = t[5].cast<std::uint32_t>();
  c.cp_end = t[6].cast<std::uint32_t>();
  c.n_tokens = t[7].cast<std::uint32_t>();
  c.market = t[8].cast<double>();
  return s;
}

py::ssize_t sentence_hash(const PySentence& s) {
  const SentenceScore& c = s.core;
  return py::hash(py::make_tuple(py::tuple(py::cast(c.scores)), py::tuple(s.cues()), c.begin, c.end, c.cp_begin,
                                 c.cp_end, c.n_tokens, c.market));
}

// Every cue's surface, sentence after sentence.
py::list document_surfaces(const PyDocument& d) {
  py::list out;
  if (!d.given.is_none()) {
    for (const auto& s : d.given) {
      for (const auto& c : s.cast<const PySentence&>().cues()) out.append(c.cast<const PyCue&>().surface);
    }
    return out;
  }
  const SurfaceSource source{d.core.text.empty() ? d.text : py::none(), d.core.text};
  for (const Cue& c : d.core.cues) out.append(source.surface(c));
  return out;
}

py::tuple document_state(const PyDocument& d) {
  // The repaired text as bytes: it is UTF-8 by construction, but bytes never fail to decode.
  const DocumentScore& c = d.core;
  return py::make_tuple(kPickleVersion, d.sentences(), c.mean, c.max, c.share, c.market, py::bytes(c.text),
                        c.replaced_bytes);
}

PyDocument document_from(const py::tuple& t) {
  check_state(t, 8, "DocumentScore");
  PyDocument d;
  DocumentScore& c = d.core;
  py::list sentences(t[1]);
  for (const auto& item : sentences) {
    const SentenceScore& s = item.cast<const PySentence&>().core;
    if (c.cues.size() > std::numeric_limits<std::uint32_t>::max()) throw Error("too many cues in a DocumentScore pickle");
    c.sentences.push_back({s.begin, s.end, s.cp_begin, s.cp_end, s.n_tokens, static_cast<std::uint32_t>(c.cues.size()),
                           s.market});
    c.scores.insert(c.scores.end(), s.scores.begin(), s.scores.end());
    c.cues.insert(c.cues.end(), s.cues.begin(), s.cues.end());
  }
  d.given = sentences;
  c.mean = t[2].cast<std::vector<double>>();
  c.max = t[3].cast<std::vector<double>>();
  c.share = t[4].cast<std::vector<double>>();
  c.market = t[5].cast<double>();
  c.text = t[6].cast<std::string>();
  c.replaced_bytes = t[7].cast<std::size_t>();
  return d;
}

py::ssize_t document_hash(const PyDocument& d) {
  const DocumentScore& c = d.core;
  return py::hash(py::make_tuple(py::tuple(d.sentences()), py::tuple(py::cast(c.mean)), py::tuple(py::cast(c.max)),
                                 py::tuple(py::cast(c.share)), c.market, py::bytes(c.text), c.replaced_bytes));
}

}  // namespace

py::str SurfaceSource::surface(const Cue& c) const {
  if (!text.is_none()) {
    PyObject* s = PyUnicode_Substring(text.ptr(), c.cp_begin, c.cp_end);
    if (s == nullptr) throw py::error_already_set();
    return py::reinterpret_steal<py::str>(s);
  }
  const std::string_view v = c.surface(utf8);
  return {v.data(), v.size()};
}

py::list cue_list(std::span<const Cue> cues, const SurfaceSource& source) {
  py::list out(cues.size());
  for (std::size_t i = 0; i < cues.size(); ++i) {
    // Ctrl-C while millions of cues become objects (the GIL is held here).
    if (i % 65536 == 65535 && PyErr_CheckSignals() != 0) throw py::error_already_set();
    out[i] = py::cast(PyCue{cues[i], source.surface(cues[i])});
  }
  return out;
}

py::list PySentence::cues() const {
  if (!given.is_none()) return py::list(given);  // a copy: the caller may change the list
  if (!core.text.empty()) return cue_list(core.cues, {py::none(), core.text});
  if (!repaired.is_none()) {
    char* data = nullptr;
    Py_ssize_t size = 0;
    if (PyBytes_AsStringAndSize(repaired.ptr(), &data, &size) != 0) throw py::error_already_set();
    return cue_list(core.cues, {py::none(), std::string_view(data, static_cast<std::size_t>(size))});
  }
  return cue_list(core.cues, {text, {}});
}

py::list PyDocument::sentences() const {
  if (!given.is_none()) return py::list(given);
  // The repaired text once for all sentences (their offsets are the document's).
  const py::object repaired = core.text.empty() ? py::object(py::none()) : py::object(py::bytes(core.text));
  py::list out(core.size());
  for (std::size_t i = 0; i < core.size(); ++i) {
    if (i % 4096 == 4095 && PyErr_CheckSignals() != 0) throw py::error_already_set();
    out[i] = py::cast(PySentence{core.sentence(i), text, repaired, py::none()});
  }
  return out;
}

void register_results(py::module_& m) {
  py::class_<PyCue>(m, "Cue", "A lexicon entry or rule that fired, with its weights and offsets.")
      .def_property_readonly("surface", [](const PyCue& c) { return c.surface; }, "The matched text as it stands in the input.")
      .def_property_readonly("term", [](const PyCue& c) { return to_str(c.cue.term()); }, "The lexicon term (or a rule such as '<question>').")
      .def_property_readonly("tone", [](const PyCue& c) { return to_str(c.cue.tone()); })
      .def_property_readonly("match", [](const PyCue& c) { return to_str(match_name(c.cue.match)); }, "exact, inflected, compound, separable, phrase or rule.")
      .def_property_readonly("base_weight", [](const PyCue& c) { return c.cue.base_weight(); })
      .def_property_readonly("weight", [](const PyCue& c) { return c.cue.weight; }, "Effective weight after the modifiers.")
      .def_property_readonly("start", [](const PyCue& c) { return c.cue.cp_begin; }, "Start index in the Python string.")
      .def_property_readonly("end", [](const PyCue& c) { return c.cue.cp_end; }, "End index in the Python string.")
      .def_property_readonly("byte_start", [](const PyCue& c) { return c.cue.begin; })
      .def_property_readonly("byte_end", [](const PyCue& c) { return c.cue.end; })
      .def_property_readonly("modifiers", [](const PyCue& c) { return modifier_list(c.cue.modifiers); }, "Modifiers that applied (negated, boosted, dampened, contrast, side_clause, reported, question).")
      .def_property_readonly("negated", [](const PyCue& c) { return (c.cue.modifiers & kNegated) != 0; })
      .def("__repr__", [](const PyCue& p) {
        const Cue& c = p.cue;
        std::ostringstream out;
        out << "Cue(" << py::repr(p.surface).cast<std::string>() << ", tone='" << c.tone() << "', term="
            << py::repr(to_str(c.term())).cast<std::string>() << ", weight=" << c.weight;
        for (const auto n : modifier_names(c.modifiers)) out << ", " << n;
        out << ")";
        return out.str();
      })
      // Results are values: equal by their fields (hashable, as they cannot change), and they pickle.
      .def("__eq__", [](const PyCue& a, const PyCue& b) { return a.cue == b.cue && a.surface.equal(b.surface); }, py::is_operator())
      .def("__hash__", &cue_hash)
      .def(py::pickle(&cue_state, &cue_from));
  refuse_uninitialised<PyCue>();

  py::class_<PySentence>(m, "SentenceScore")
      .def_property_readonly("scores", [](const PySentence& s) { return s.core.scores; })
      .def_property_readonly("cues", &PySentence::cues, "Every cue that fired, in text order (made on each read).")
      .def_property_readonly("start", [](const PySentence& s) { return s.core.cp_begin; })
      .def_property_readonly("end", [](const PySentence& s) { return s.core.cp_end; })
      .def_property_readonly("byte_start", [](const PySentence& s) { return s.core.begin; })
      .def_property_readonly("byte_end", [](const PySentence& s) { return s.core.end; })
      .def_property_readonly("n_tokens", [](const PySentence& s) { return s.core.n_tokens; })
      .def_property_readonly("market", [](const PySentence& s) { return s.core.market; })
      .def("__eq__", &same_sentence, py::is_operator())
      .def("__hash__", &sentence_hash)
      .def(py::pickle(&sentence_state, &sentence_from));
  refuse_uninitialised<PySentence>();

  py::class_<PyDocument>(m, "DocumentScore")
      .def_property_readonly("sentences", &PyDocument::sentences)
      .def_property_readonly("mean", [](const PyDocument& d) { return d.core.mean; })
      .def_property_readonly("max", [](const PyDocument& d) { return d.core.max; })
      .def_property_readonly("share", [](const PyDocument& d) { return d.core.share; })
      .def_property_readonly("replaced", [](const PyDocument& d) { return d.core.replaced_bytes; })
      .def_property_readonly("market", [](const PyDocument& d) { return d.core.market; })
      // Without converting the sentences (reading `sentences` makes them all into Python objects).
      .def_property_readonly("n_sentences", [](const PyDocument& d) { return d.core.size(); })
      .def("__eq__", [](const PyDocument& a, const PyDocument& b) {
        return a.core == b.core && document_surfaces(a).equal(document_surfaces(b));
      }, py::is_operator())
      .def("__hash__", &document_hash)
      .def(py::pickle(&document_state, &document_from));
  refuse_uninitialised<PyDocument>();
}

}  // namespace stimmung::python
