#pragma once
// The pybind11 module is split by area; each file registers its part of `stimmung._core`.
#include <pybind11/pybind11.h>

#include <string>
#include <string_view>

namespace stimmung::python {

namespace py = pybind11;

void register_errors(py::module_& m);
void register_results(py::module_& m);
void register_lexicon(py::module_& m);
void register_scorer(py::module_& m);

/// UTF-8 of a Python str. Strings holding lone surrogates (which UTF-8 cannot carry) are encoded with
/// "surrogatepass"; the core then replaces each surrogate by one U+FFFD, keeping code-point offsets aligned.
/// `storage` owns the bytes when a copy was needed; otherwise the view points into the str object.
std::string_view utf8_of(const py::handle& str, std::string& storage);

}  // namespace stimmung::python
