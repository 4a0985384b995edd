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

/// pybind11 does not check that __init__ ran: an object made by `T.__new__(T)` or by a pickle's NEWOBJ
/// (a 30-byte pickle) gets its C++ value allocated lazily, uninitialised, the first time a method reads
/// it, and then segfaults. That lazy allocation is the only use pybind11 makes of `operator_new`
/// (construction and returned values use `new T(...)`), so making it throw turns every such use into a
/// TypeError while `T(...)` and the objects C++ returns work as before. Call after `py::class_<T>`.
template <typename T>
void refuse_uninitialised() {
  py::detail::get_type_info(typeid(T))->operator_new = [](std::size_t) -> void* {
    throw py::type_error(py::type_id<T>() + " object has no C++ state: __init__ was not called (made by "
                         "__new__ or by a pickle); use the stimmung API to create it");
  };
}

/// UTF-8 of a Python str. Strings holding lone surrogates (which UTF-8 cannot carry) are encoded with
/// "surrogatepass"; the core then replaces each surrogate by one U+FFFD, keeping code-point offsets aligned.
/// `storage` owns the bytes when a copy was needed; otherwise the view points into the str object.
std::string_view utf8_of(const py::handle& str, std::string& storage);

}  // namespace stimmung::python
