#include <pybind11/stl.h>
#include <stimmung/result.hpp>

#include <sstream>

#include "bindings.hpp"

namespace stimmung::python {

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
      .def_property_readonly("modifiers", [](const Cue& c) {
        py::list names;
        for (const auto n : modifier_names(c.modifiers)) names.append(py::str(n.data(), n.size()));
        return names;
      }, "Modifiers that applied (negated, boosted, dampened, contrast, side_clause, reported, question).")
      .def_property_readonly("negated", [](const Cue& c) { return (c.modifiers & kNegated) != 0; })
      .def("__repr__", [](const Cue& c) {
        std::ostringstream out;
        out << "Cue(" << py::repr(py::str(c.surface)).cast<std::string>() << ", tone='" << c.tone << "', term="
            << py::repr(py::str(c.term)).cast<std::string>() << ", weight=" << c.weight;
        for (const auto n : modifier_names(c.modifiers)) out << ", " << n;
        out << ")";
        return out.str();
      });
  refuse_uninitialised<Cue>();

  py::class_<SentenceScore>(m, "SentenceScore")
      .def_readonly("scores", &SentenceScore::scores)
      .def_readonly("cues", &SentenceScore::cues)
      .def_property_readonly("start", [](const SentenceScore& s) { return s.cp_begin; })
      .def_property_readonly("end", [](const SentenceScore& s) { return s.cp_end; })
      .def_readonly("byte_start", &SentenceScore::begin)
      .def_readonly("byte_end", &SentenceScore::end)
      .def_readonly("n_tokens", &SentenceScore::n_tokens)
      .def_readonly("market", &SentenceScore::market);
  refuse_uninitialised<SentenceScore>();

  py::class_<DocumentScore>(m, "DocumentScore")
      .def_readonly("sentences", &DocumentScore::sentences)
      .def_readonly("mean", &DocumentScore::mean)
      .def_readonly("max", &DocumentScore::max)
      .def_readonly("share", &DocumentScore::share)
      .def_readonly("replaced", &DocumentScore::replaced_bytes)
      .def_readonly("market", &DocumentScore::market)
      // Without converting the sentences (reading `sentences` copies them all into Python objects).
      .def_property_readonly("n_sentences", [](const DocumentScore& d) { return d.sentences.size(); });
  refuse_uninitialised<DocumentScore>();
}

}  // namespace stimmung::python
