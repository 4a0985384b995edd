// A small exception hierarchy, as Python code expects it:
//   StimmungError(Exception)
//   ├── InvalidInputError(StimmungError, ValueError)
//   │   └── LexiconError(InvalidInputError)
//   └── CancelledError(StimmungError)
#include <stimmung/error.hpp>

#include "bindings.hpp"

namespace stimmung::python {
namespace {

// Created once when the module is imported and kept for the life of the process (the module is never
// unloaded), so the translator below can reach them without captures.
PyObject* g_stimmung_error = nullptr;
PyObject* g_invalid_input_error = nullptr;
PyObject* g_lexicon_error = nullptr;
PyObject* g_cancelled_error = nullptr;

PyObject* new_exception(py::module_& m, const char* name, PyObject* bases, const char* doc) {
  const std::string qualified = std::string("stimmung._core.") + name;
  PyObject* type = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases, nullptr);
  if (type == nullptr) throw py::error_already_set();
  m.add_object(name, py::reinterpret_borrow<py::object>(type));
  return type;
}

}  // namespace

void register_errors(py::module_& m) {
  g_stimmung_error = new_exception(m, "StimmungError", PyExc_Exception, "Base class of stimmung's errors.");
  py::tuple invalid_bases = py::make_tuple(py::handle(g_stimmung_error), py::handle(PyExc_ValueError));
  g_invalid_input_error = new_exception(m, "InvalidInputError", invalid_bases.ptr(),
                                        "Input stimmung refuses (e.g. invalid UTF-8 under the strict policy).");
  g_lexicon_error = new_exception(m, "LexiconError", g_invalid_input_error,
                                  "A malformed lexicon line; the message names the file and the line.");
  g_cancelled_error = new_exception(m, "CancelledError", g_stimmung_error, "A batch was cancelled.");

  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const LexiconError& e) {
      py::object err = py::reinterpret_borrow<py::object>(g_lexicon_error)(e.what());
      err.attr("source") = e.source();
      err.attr("line") = e.line();
      PyErr_SetObject(g_lexicon_error, err.ptr());
    } catch (const InvalidInputError& e) {
      PyErr_SetString(g_invalid_input_error, e.what());
    } catch (const CancelledError& e) {
      PyErr_SetString(g_cancelled_error, e.what());
    } catch (const Error& e) {
      PyErr_SetString(g_stimmung_error, e.what());
    }
  });
}

std::string_view utf8_of(const py::handle& str, std::string& storage) {
  if (!PyUnicode_Check(str.ptr())) throw py::type_error("expected str, got " + std::string(py::str(py::type::of(str).attr("__name__"))));
  Py_ssize_t size = 0;
  const char* data = PyUnicode_AsUTF8AndSize(str.ptr(), &size);
  if (data != nullptr) return {data, static_cast<std::size_t>(size)};
  PyErr_Clear();
  PyObject* bytes = PyUnicode_AsEncodedString(str.ptr(), "utf-8", "surrogatepass");
  if (bytes == nullptr) throw py::error_already_set();
  storage.assign(PyBytes_AS_STRING(bytes), static_cast<std::size_t>(PyBytes_GET_SIZE(bytes)));
  Py_DECREF(bytes);
  return storage;
}

}  // namespace stimmung::python
