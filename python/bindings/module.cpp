#include <stimmung/scorer.hpp>

#include "bindings.hpp"

PYBIND11_MODULE(_core, m) {
  m.doc() = "stimmung's C++ core: German market-sentiment tone scoring (bubble, nervousness, hedging).";
  m.attr("__version__") = std::string(stimmung::version());
  stimmung::python::register_errors(m);
  stimmung::python::register_results(m);
  stimmung::python::register_lexicon(m);
  stimmung::python::register_scorer(m);
}
