#include <pybind11/stl.h>
#include <stimmung/error.hpp>
#include <stimmung/result.hpp>

#include <sstream>
#include <string>
#include <tuple>

#include "bindings.hpp"

namespace stimmung::python {
namespace {

// Pickle state: a tuple whose first item is this version. A change of the fields gets a new version, and
// __setstate__ keeps reading the old ones (tests/python/fixtures hold pickles of every version). Modifiers
// are stored by name, so a renumbering of the Modifier bits does not change what an old pickle means.
constexpr int kPickleVersion = 1;

void check_state(const py::tuple& state, std::size_t size, const char* what) {
  const bool known = state.size() == size && py::isinstance<py::int_>(state[0]) && state[0].cast<int>() == kPickleVersion;
  if (!known) {
    throw Error(std::string("unsupported ") + what + " pickle state (version " +
                (state.size() > 0 ? std::string(py::str(state[0])) : std::string("none")) + ", " +
                std::to_string(state.size()) + " fields)");
  }
}

py::list modifier_list(std::uint32_t modifiers) {
  py::list names;
  for (const auto n : modifier_names(modifiers)) names.append(py::str(n.data(), n.size()));
  return names;
}

std::uint32_t modifier_bits(const py::list& names) {
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
  return bits;
}

py::tuple cue_state(const Cue& c) {
  return py::make_tuple(kPickleVersion, c.surface, c.term, c.tone, c.match, c.base_weight, c.weight, c.begin,
                        c.end, c.cp_begin, c.cp_end, modifier_list(c.modifiers));
}

Cue cue_from(const py::tuple& t) {
  check_state(t, 12, "Cue");
  Cue c;
  c.surface = t[1].cast<std::string>();
  c.term = t[2].cast<std::string>();
  c.tone = t[3].cast<std::string>();
  c.match = t[4].cast<std::string>();
  c.base_weight = t[5].cast<double>();
  c.weight = t[6].cast<double>();
  c.begin = t[7].cast<std::uint32_t>();
  c.end = t[8].cast<std::uint32_t>();
  c.cp_begin = t[9].cast<std::uint32_t>();
  c.cp_end = t[10].cast<std::uint32_t>();
  c.modifiers = modifier_bits(t[11].cast<py::list>());
  return c;
}

py::tuple sentence_state(const SentenceScore& s) {
  return py::make_tuple(kPickleVersion, s.scores, s.cues, s.begin, s.end, s.cp_begin, s.cp_end, s.n_tokens,
                        s.market);
}

SentenceScore sentence_from(const py::tuple& t) {
  check_state(t, 9, "SentenceScore");
  SentenceScore s;
  s.scores = t[1].cast<std::vector<double>>();
  s.cues = t[2].cast<std::vector<Cue>>();
  s.begin = t[3].cast<std::uint32_t>();
  s.end = t[4].cast<std::uint32_t>();
  s.cp_begin = t[5].cast<std::uint32_t>();
  s.cp_end = t[6].cast<std::uint32_t>();
  s.n_tokens = t[7].cast<std::uint32_t>();
  s.market = t[8].cast<double>();
  return s;
}

py::tuple document_state(const DocumentScore& d) {
  // The repaired text as bytes: it is UTF-8 by construction, but bytes never fail to decode.
  return py::make_tuple(kPickleVersion, d.sentences, d.mean, d.max, d.share, d.market, py::bytes(d.text),
                        d.replaced_bytes);
}

DocumentScore document_from(const py::tuple& t) {
  check_state(t, 8, "DocumentScore");
  DocumentScore d;
  d.sentences = t[1].cast<std::vector<SentenceScore>>();
  d.mean = t[2].cast<std::vector<double>>();
  d.max = t[3].cast<std::vector<double>>();
  d.share = t[4].cast<std::vector<double>>();
  d.market = t[5].cast<double>();
  d.text = t[6].cast<std::string>();
  d.replaced_bytes = t[7].cast<std::size_t>();
  return d;
}

// Hashes agree with __eq__: they cover the same fields (lists as tuples, since lists are unhashable).
py::ssize_t cue_hash(const Cue& c) {
  return py::hash(py::make_tuple(c.surface, c.term, c.tone, c.match, c.base_weight, c.weight, c.begin, c.end,
                                 c.cp_begin, c.cp_end, c.modifiers));
}

py::ssize_t sentence_hash(const SentenceScore& s) {
  return py::hash(py::make_tuple(py::tuple(py::cast(s.scores)), py::tuple(py::cast(s.cues)), s.begin, s.end,
                                 s.cp_begin, s.cp_end, s.n_tokens, s.market));
}

py::ssize_t document_hash(const DocumentScore& d) {
  return py::hash(py::make_tuple(py::tuple(py::cast(d.sentences)), py::tuple(py::cast(d.mean)),
                                 py::tuple(py::cast(d.max)), py::tuple(py::cast(d.share)), d.market,
                                 py::bytes(d.text), d.replaced_bytes));
}

}  // namespace

void register_results(py::module_& m) {
  py::class_<Cue>(m, "Cue", "A lexicon entry or rule that fired, with its weights and offsets.")
      .def_readonly("surface", &Cue::surface, "The matched text as it stands in the input.")
      .def_readonly("term", &Cue::term, "The lexicon term (or a rule such as '<question>').")
      .def_readonly("tone", &Cue::tone)
      .def_readonly("match", &Cue::match, "exact, inflected, compound, separable, phrase or rule.")
      .def_readonly("base_weight", &Cue::base_weight)
      .def_readonly("weight", &Cue::weight, "Effective weight after the modifiers.")
      .def_property_readonly("start", [](const Cue& c) { return c.cp_begin; }, "Start index in the Python string.")
      .def_property_readonly("end", [](const Cue& c) { return c.cp_end; }, "End index in the Python string.")
      .def_readonly("byte_start", &Cue::begin)
      .def_readonly("byte_end", &Cue::end)
      .def_property_readonly("modifiers", [](const Cue& c) { return modifier_list(c.modifiers); }, "Modifiers that applied (negated, boosted, dampened, contrast, side_clause, reported, question).")
      .def_property_readonly("negated", [](const Cue& c) { return (c.modifiers & kNegated) != 0; })
      .def("__repr__", [](const Cue& c) {
        std::ostringstream out;
        out << "Cue(" << py::repr(py::str(c.surface)).cast<std::string>() << ", tone='" << c.tone << "', term="
            << py::repr(py::str(c.term)).cast<std::string>() << ", weight=" << c.weight;
        for (const auto n : modifier_names(c.modifiers)) out << ", " << n;
        out << ")";
        return out.str();
      })
      // Results are values: equal by their fields (hashable, as they cannot change), and they pickle.
      .def("__eq__", [](const Cue& a, const Cue& b) { return a == b; }, py::is_operator())
      .def("__hash__", &cue_hash)
      .def(py::pickle(&cue_state, &cue_from));
  refuse_uninitialised<Cue>();

  py::class_<SentenceScore>(m, "SentenceScore")
      .def_readonly("scores", &SentenceScore::scores)
      .def_readonly("cues", &SentenceScore::cues)
      .def_property_readonly("start", [](const SentenceScore& s) { return s.cp_begin; })
      .def_property_readonly("end", [](const SentenceScore& s) { return s.cp_end; })
      .def_readonly("byte_start", &SentenceScore::begin)
      .def_readonly("byte_end", &SentenceScore::end)
      .def_readonly("n_tokens", &SentenceScore::n_tokens)
      .def_readonly("market", &SentenceScore::market)
      .def("__eq__", [](const SentenceScore& a, const SentenceScore& b) { return a == b; }, py::is_operator())
      .def("__hash__", &sentence_hash)
      .def(py::pickle(&sentence_state, &sentence_from));
  refuse_uninitialised<SentenceScore>();

  py::class_<DocumentScore>(m, "DocumentScore")
      .def_readonly("sentences", &DocumentScore::sentences)
      .def_readonly("mean", &DocumentScore::mean)
      .def_readonly("max", &DocumentScore::max)
      .def_readonly("share", &DocumentScore::share)
      .def_readonly("replaced", &DocumentScore::replaced_bytes)
      .def_readonly("market", &DocumentScore::market)
      // Without converting the sentences (reading `sentences` copies them all into Python objects).
      .def_property_readonly("n_sentences", [](const DocumentScore& d) { return d.sentences.size(); })
      .def("__eq__", [](const DocumentScore& a, const DocumentScore& b) { return a == b; }, py::is_operator())
      .def("__hash__", &document_hash)
      .def(py::pickle(&document_state, &document_from));
  refuse_uninitialised<DocumentScore>();
}

}  // namespace stimmung::python
