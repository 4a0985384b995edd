#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>
#include <stimmung/lexicon.hpp>
#include <stimmung/profile.hpp>

#include "bindings.hpp"

namespace stimmung::python {

void register_lexicon(py::module_& m) {
  py::class_<LexiconEntry>(m, "LexiconEntry", "One line of a lexicon.")
      .def_readonly("term", &LexiconEntry::term)
      .def_readonly("tone", &LexiconEntry::tone)
      .def_readonly("weight", &LexiconEntry::weight)
      .def_property_readonly("kind", [](const LexiconEntry& e) { return std::string(to_string(e.kind)); })
      .def_property_readonly("pos", [](const LexiconEntry& e) { return std::string(to_string(e.pos)); })
      .def_property_readonly("compound", [](const LexiconEntry& e) { return std::string(to_string(e.compound)); })
      .def_readonly("exact", &LexiconEntry::exact)
      .def_readonly("forms", &LexiconEntry::forms)
      .def_readonly("separable", &LexiconEntry::separable)
      .def_readonly("gap", &LexiconEntry::gap)
      .def_readonly("min_percent", &LexiconEntry::min_percent, "A cue counts only with a fall this large (0: always).")
      .def_readonly("min_ratio", &LexiconEntry::min_ratio,
                    "A cue counts only with a number this large on it or after it (0: always).")
      .def_readonly("price", &LexiconEntry::price, "A cue of a price's fall: a business figure in its clause stops it.")
      .def_readonly("percent", &LexiconEntry::percent, "A number entry that is itself a share in percent.")
      .def_readonly("source", &LexiconEntry::source, "Where the entry came from (``file:line``).")
      .def("__repr__", [](const LexiconEntry& e) {
        return "LexiconEntry(" + py::repr(py::str(e.term)).cast<std::string>() + ", tone='" + e.tone +
               "', weight=" + std::to_string(e.weight) + ", kind='" + std::string(to_string(e.kind)) + "')";
      });
  refuse_uninitialised<LexiconEntry>();

  py::class_<Lexicon>(m, "Lexicon")
      .def(py::init<>())
      .def_static("builtin", &Lexicon::builtin)
      .def_static("from_file", &Lexicon::from_file, py::arg("path"))
      .def_static("from_string", &Lexicon::from_string, py::arg("text"), py::arg("source") = "<string>")
      .def("extended", &Lexicon::extended, py::arg("other"))
      .def("entries", &Lexicon::entries, py::return_value_policy::copy)
      .def("to_tsv", &Lexicon::to_tsv)
      .def_property_readonly("tones", &Lexicon::tones)
      .def("fingerprint", [](const Lexicon& l) { return l.fingerprint(); })
      .def("canonical_form", &Lexicon::canonical_form)
      .def("__len__", &Lexicon::size);
  refuse_uninitialised<Lexicon>();

  py::class_<Profile>(m, "Profile", "A language profile (docs/profile-format.md).")
      .def(py::init<>())
      .def_static("builtin", &Profile::builtin)
      .def_static("from_file", &Profile::from_file, py::arg("path"))
      .def_static("from_string", &Profile::from_string, py::arg("text"), py::arg("source") = "<string>")
      .def("to_tsv", &Profile::to_tsv)
      .def_static("setting_names", [] {
        std::vector<std::string> names;
        for (const auto n : Profile::setting_names()) names.emplace_back(n);
        return names;
      })
      .def("values", &Profile::values, py::arg("name"), py::return_value_policy::copy)
      .def("is_builtin", &Profile::is_builtin)
      .def("__eq__", [](const Profile& a, const Profile& b) { return a == b; });
  refuse_uninitialised<Profile>();
}

}  // namespace stimmung::python
