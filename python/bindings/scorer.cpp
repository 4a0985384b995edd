#include <pybind11/numpy.h>
#include <pybind11/stl.h>
#include <stimmung/error.hpp>
#include <stimmung/scorer.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "bindings.hpp"
#include "results.hpp"
#include "texts.hpp"

namespace stimmung::python {
namespace {

// Runs `job` on a worker thread with the GIL released and lets the calling thread take the GIL back every
// 20 ms to check for signals, so Ctrl-C or Jupyter's stop button cancels a long batch promptly: the
// workers look at `cancel` every 256 KB they score, also inside one huge text.
template <typename Job>
void run_interruptible(std::atomic<bool>& cancel, Job&& job) {
  std::mutex mutex;
  std::condition_variable cv;
  bool done = false;
  bool interrupted = false;
  std::exception_ptr error;
  {
    // Safe: the worker touches only C++ data; the Python strings it reads stay referenced by the caller or the
    // TextBatch, and it reads only their code units, which never change (texts.hpp).
    py::gil_scoped_release release;
    std::thread worker([&] {
      try {
        job();
      } catch (...) {
        error = std::current_exception();
      }
      const std::lock_guard lock(mutex);
      done = true;
      cv.notify_all();
    });
    std::unique_lock lock(mutex);
    while (!done) {
      if (cv.wait_for(lock, std::chrono::milliseconds(20), [&] { return done; })) break;
      lock.unlock();
      {
        py::gil_scoped_acquire acquire;
        if (!interrupted && PyErr_CheckSignals() != 0) {
          interrupted = true;
          cancel.store(true);
        }
      }
      lock.lock();
    }
    lock.unlock();
    worker.join();
  }
  if (interrupted) throw py::error_already_set();  // KeyboardInterrupt, set by PyErr_CheckSignals
  if (error) std::rethrow_exception(error);
}

// Calls fn(cancellation) with the GIL released. The core calls the cancellation's poll on this thread
// every 256 KB it scores (kCancelCheckBytes); the poll takes the GIL back for a moment and runs Python's signal
// handlers, so Ctrl-C stops a single huge text too. Texts under 256 KB never take the GIL again.
template <typename Fn>
auto call_interruptible(Fn&& fn) {
  bool interrupted = false;
  const Cancellation cancel{nullptr, [&interrupted] {
                              py::gil_scoped_acquire acquire;
                              interrupted = interrupted || PyErr_CheckSignals() != 0;
                              return interrupted;
                            }};
  try {
    // Safe: fn reads only C++ data and strings its caller keeps referenced; the poll takes the GIL itself.
    py::gil_scoped_release release;
    return fn(cancel);
  } catch (const CancelledError&) {
    if (interrupted) throw py::error_already_set();  // KeyboardInterrupt, set by PyErr_CheckSignals
    throw;
  }
}

// run_interruptible(job) after the batch's pending strs are converted. A large batch's items are checked on
// the workers (texts.hpp) and the few only the C API reads need the GIL before scoring: its conversion is a
// call of its own; a small batch's is part of `job`'s call.
template <typename Job>
void run_batch(std::atomic<bool>& cancel, TextBatch& batch, int n_threads, Job&& job) {
  if (batch.unchecked) {
    run_interruptible(cancel, [&] { batch.encode_pending(n_threads, &cancel); });
    batch.finish();
    run_interruptible(cancel, job);
    return;
  }
  run_interruptible(cancel, [&] {
    batch.encode_pending(n_threads, &cancel);
    job();
  });
}

// Scores the batch's texts (which must stay valid during the call) into numpy arrays: the body of every batch
// entry point. Its pending strings are converted to UTF-8 first, on the workers' side of the GIL.
py::dict score_views(const Scorer& scorer, TextBatch& batch, int n_threads, const std::string& level, bool explain) {
  const std::span<const std::string_view> views = batch.views;
  const std::size_t n = views.size();
  const std::size_t n_tones = scorer.tones().size();
  std::atomic<bool> cancel{false};
  const BatchOptions options{n_threads, &cancel};
  py::dict out;
  if (level == "sentence" && !explain) {
    py::array_t<double> scores({n, n_tones});
    py::array_t<std::int64_t> n_cues(static_cast<py::ssize_t>(n));
    double* s = scores.mutable_data();
    std::int64_t* c = n_cues.mutable_data();
    // The buffers belong to arrays no Python code has seen yet, so workers may fill them without the GIL.
    run_batch(cancel, batch, n_threads, [&] {
      scorer.score_batch_into(views, std::span<double>(s, n * n_tones), std::span<std::int64_t>(c, n), options);
    });
    out["scores"] = scores;
    out["n_cues"] = n_cues;
  } else if (level == "sentence") {
    std::vector<SentenceScore> results;
    run_batch(cancel, batch, n_threads, [&] {
      results = scorer.score_batch(views, options);
    });
    py::array_t<double> scores({n, n_tones});
    py::array_t<std::int64_t> n_cues(static_cast<py::ssize_t>(n));
    auto s = scores.mutable_unchecked<2>();
    auto c = n_cues.mutable_unchecked<1>();
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t k = 0; k < n_tones; ++k) s(i, k) = results[i].scores[k];
      c(i) = static_cast<std::int64_t>(results[i].cues.size());
    }
    out["scores"] = scores;
    out["n_cues"] = n_cues;
    if (explain) {
      py::list cues;
      for (std::size_t i = 0; i < n; ++i) cues.append(cue_list(results[i].cues, {py::none(), results[i].scored_text(views[i])}));
      out["cues"] = cues;
    }
  } else if (level == "document") {
    py::array_t<double> mean({n, n_tones}), max({n, n_tones}), share({n, n_tones});
    py::array_t<std::int64_t> n_sentences(static_cast<py::ssize_t>(n)), n_cues(static_cast<py::ssize_t>(n));
    std::vector<DocumentScore> results;  // only with explain: the cues need the full results
    if (!explain) {
      // As for sentences: the workers fill arrays no Python code has seen yet, without the GIL.
      const DocumentAggregates aggregates{
          std::span<double>(mean.mutable_data(), n * n_tones), std::span<double>(max.mutable_data(), n * n_tones),
          std::span<double>(share.mutable_data(), n * n_tones), std::span<std::int64_t>(n_sentences.mutable_data(), n),
          std::span<std::int64_t>(n_cues.mutable_data(), n)};
      run_batch(cancel, batch, n_threads, [&] {
        scorer.score_document_batch_into(views, aggregates, options);
      });
    } else {
      run_batch(cancel, batch, n_threads, [&] {
        results = scorer.score_document_batch(views, options);
      });
      auto a = mean.mutable_unchecked<2>();
      auto b = max.mutable_unchecked<2>();
      auto d = share.mutable_unchecked<2>();
      auto ns = n_sentences.mutable_unchecked<1>();
      auto nc = n_cues.mutable_unchecked<1>();
      for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t k = 0; k < n_tones; ++k) {
          a(i, k) = results[i].mean[k];
          b(i, k) = results[i].max[k];
          d(i, k) = results[i].share[k];
        }
        ns(i) = static_cast<std::int64_t>(results[i].size());
        nc(i) = static_cast<std::int64_t>(results[i].cues.size());
      }
    }
    out["mean"] = mean;
    out["max"] = max;
    out["share"] = share;
    out["n_sentences"] = n_sentences;
    out["n_cues"] = n_cues;
    if (explain) {
      py::list cues;
      for (std::size_t i = 0; i < n; ++i) cues.append(cue_list(results[i].cues, {py::none(), results[i].scored_text(views[i])}));
      out["cues"] = cues;
    }
  } else {
    throw py::value_error("level must be 'sentence' or 'document', not '" + level + "'");
  }
  return out;
}

py::dict score_batch(const Scorer& scorer, const py::list& texts, int n_threads, const std::string& level,
                     bool explain) {
  TextBatch batch = collect(texts);
  return score_views(scorer, batch, n_threads, level, explain);
}

// An Arrow string (int32 offsets) or large_string (int64 offsets) array, read in place: `offsets`, `data`
// and `validity` are its three buffers (anything with the buffer protocol, e.g. pyarrow.Buffer; validity
// may be None), `offset` and `length` the array's slice. No Python object is made per row. A null row is
// scored as an empty text (its bytes may be anything, the Arrow format allows that); the caller masks it.
template <typename Offset>
std::vector<std::string_view> arrow_views(const py::buffer_info& offsets, const py::buffer_info& data,
                                          const py::buffer_info* validity, std::size_t offset, std::size_t length) {
  if (static_cast<std::size_t>(offsets.size * offsets.itemsize) < (offset + length + 1) * sizeof(Offset)) {
    throw py::value_error("Arrow offsets buffer is shorter than offset + length + 1 entries");
  }
  if (validity != nullptr && static_cast<std::size_t>(validity->size * validity->itemsize) < (offset + length + 7) / 8) {
    throw py::value_error("Arrow validity bitmap is shorter than offset + length bits");
  }
  // The buffers may be unaligned (an IPC or slice); copy each offset out rather than casting the pointer.
  const auto* raw = static_cast<const unsigned char*>(offsets.ptr);
  const auto at = [raw](std::size_t i) {
    Offset v;
    std::memcpy(&v, raw + i * sizeof(Offset), sizeof(Offset));
    return v;
  };
  const auto* bits = validity != nullptr ? static_cast<const unsigned char*>(validity->ptr) : nullptr;
  const char* chars = static_cast<const char*>(data.ptr);
  const auto n_bytes = static_cast<std::int64_t>(data.size * data.itemsize);
  std::vector<std::string_view> views(length);
  for (std::size_t i = 0; i < length; ++i) {
    const std::size_t j = offset + i;
    if (bits != nullptr && ((bits[j >> 3] >> (j & 7)) & 1U) == 0) continue;  // null: stays empty
    const auto begin = static_cast<std::int64_t>(at(j));
    const auto end = static_cast<std::int64_t>(at(j + 1));
    if (begin < 0 || end < begin || end > n_bytes) {
      throw py::value_error("Arrow offsets of row " + std::to_string(i) + " lie outside the data buffer");
    }
    views[i] = std::string_view(chars + begin, static_cast<std::size_t>(end - begin));
  }
  return views;
}

py::dict score_batch_arrow(const Scorer& scorer, const py::buffer& offsets, const py::buffer& data,
                           const py::object& validity, std::int64_t offset, std::int64_t length, bool large,
                           int n_threads, const std::string& level, bool explain) {
  if (offset < 0 || length < 0) throw py::value_error("Arrow offset and length must not be negative");
  // The buffer_info objects hold the buffers (and so the Arrow memory) until scoring is done.
  const py::buffer_info offsets_info = offsets.request();
  const py::buffer_info data_info = data.request();
  std::optional<py::buffer_info> validity_info;
  if (!validity.is_none()) validity_info = validity.cast<py::buffer>().request();
  const py::buffer_info* bits = validity_info ? &*validity_info : nullptr;
  TextBatch batch;
  batch.views = large ? arrow_views<std::int64_t>(offsets_info, data_info, bits, offset, length)
                      : arrow_views<std::int32_t>(offsets_info, data_info, bits, offset, length);
  return score_views(scorer, batch, n_threads, level, explain);
}

// An Arrow string_view (or binary_view) array, read in place (Polars' own layout; pyarrow >= 16): each row is
// a 16-byte view: its length (int32), then either the bytes themselves (12 at most, inline) or a 4-byte
// prefix, the index of a data buffer and the offset in it (int32 each). `views` is the views buffer,
// `data` the variadic data buffers. As in arrow_views, nulls stay empty and every view is bounds-checked.
std::vector<std::string_view> arrow_string_views(const py::buffer_info& views, const std::vector<py::buffer_info>& data,
                                                 const py::buffer_info* validity, std::size_t offset, std::size_t length) {
  constexpr std::size_t kView = 16;
  constexpr std::int32_t kInline = 12;
  if (static_cast<std::size_t>(views.size * views.itemsize) < (offset + length) * kView) {
    throw py::value_error("Arrow views buffer is shorter than offset + length views");
  }
  if (validity != nullptr && static_cast<std::size_t>(validity->size * validity->itemsize) < (offset + length + 7) / 8) {
    throw py::value_error("Arrow validity bitmap is shorter than offset + length bits");
  }
  const auto* raw = static_cast<const char*>(views.ptr);
  const auto* bits = validity != nullptr ? static_cast<const unsigned char*>(validity->ptr) : nullptr;
  const auto field = [](const char* at) {
    std::int32_t v;
    std::memcpy(&v, at, sizeof v);
    return v;
  };
  std::vector<std::string_view> out(length);
  for (std::size_t i = 0; i < length; ++i) {
    const std::size_t j = offset + i;
    if (bits != nullptr && ((bits[j >> 3] >> (j & 7)) & 1U) == 0) continue;  // null: stays empty
    const char* view = raw + j * kView;
    const std::int32_t size = field(view);
    if (size < 0) throw py::value_error("Arrow view of row " + std::to_string(i) + " has a negative length");
    if (size <= kInline) {
      out[i] = std::string_view(view + 4, static_cast<std::size_t>(size));
      continue;
    }
    const std::int32_t buffer = field(view + 8);
    const std::int32_t start = field(view + 12);
    if (buffer < 0 || static_cast<std::size_t>(buffer) >= data.size() || start < 0 ||
        static_cast<std::int64_t>(start) + size > static_cast<std::int64_t>(data[buffer].size * data[buffer].itemsize)) {
      throw py::value_error("Arrow view of row " + std::to_string(i) + " lies outside its data buffer");
    }
    out[i] = std::string_view(static_cast<const char*>(data[buffer].ptr) + start, static_cast<std::size_t>(size));
  }
  return out;
}

py::dict score_batch_arrow_view(const Scorer& scorer, const py::buffer& views, const py::list& data,
                                const py::object& validity, std::int64_t offset, std::int64_t length, int n_threads,
                                const std::string& level, bool explain) {
  if (offset < 0 || length < 0) throw py::value_error("Arrow offset and length must not be negative");
  // The buffer_info objects hold the buffers (and so the Arrow memory) until scoring is done.
  const py::buffer_info views_info = views.request();
  std::vector<py::buffer_info> data_info;
  data_info.reserve(data.size());
  for (const py::handle buffer : data) data_info.push_back(buffer.cast<py::buffer>().request());
  std::optional<py::buffer_info> validity_info;
  if (!validity.is_none()) validity_info = validity.cast<py::buffer>().request();
  TextBatch batch;
  batch.views = arrow_string_views(views_info, data_info, validity_info ? &*validity_info : nullptr,
                                   static_cast<std::size_t>(offset), static_cast<std::size_t>(length));
  return score_views(scorer, batch, n_threads, level, explain);
}

// Full results (sentences with their spans, cues) for many texts, scored on all cores: the batch path of
// the spaCy component, which needs more than the numbers.
// Each result keeps a reference to its str, which its cues' surfaces are read from.
py::list score_document_results(const Scorer& scorer, const py::list& texts, int n_threads) {
  TextBatch batch = collect(texts);
  std::atomic<bool> cancel{false};
  std::vector<DocumentScore> results;
  run_batch(cancel, batch, n_threads, [&] {
    results = scorer.score_document_batch(batch.views, {n_threads, &cancel});
  });
  py::list out(results.size());
  for (std::size_t i = 0; i < results.size(); ++i) {
    out[i] = py::cast(PyDocument{std::move(results[i]), batch.keep[py::int_(i)], py::none()});
  }
  return out;
}

py::list score_sentence_results(const Scorer& scorer, const py::list& texts, int n_threads) {
  TextBatch batch = collect(texts);
  std::atomic<bool> cancel{false};
  std::vector<SentenceScore> results;
  run_batch(cancel, batch, n_threads, [&] {
    results = scorer.score_batch(batch.views, {n_threads, &cancel});
  });
  py::list out(results.size());
  for (std::size_t i = 0; i < results.size(); ++i) {
    out[i] = py::cast(PySentence{std::move(results[i]), batch.keep[py::int_(i)], py::none(), py::none()});
  }
  return out;
}

// One str for score() and score_document(): UTF-8 read in place (ASCII, or a form CPython cached already)
// or converted into a copy freed after the call, as a batch does (texts.hpp), so the str does not keep a
// UTF-8 copy of itself for its lifetime (a 50 MB record: 50 MB more for as long as it lives).
TextBatch one_text(const py::handle& text) {
  if (!PyUnicode_Check(text.ptr())) {
    throw py::type_error("expected str, got " + std::string(py::str(py::type::of(text).attr("__name__"))));
  }
  py::list one(1);
  one[0] = text;
  return collect(one);
}

}  // namespace

void register_scorer(py::module_& m) {
  py::class_<Scorer>(m, "Scorer")
      .def(py::init([](const Lexicon& lexicon, bool strict_utf8, const std::vector<std::string>& rules_off,
                       const Profile* profile) {
             ScorerOptions options{strict_utf8 ? Utf8Policy::strict : Utf8Policy::replace};
             for (const auto& name : rules_off) options.rules_off |= rule_family(name);
             if (profile != nullptr) options.profile = *profile;
             return Scorer(lexicon, options);
           }),
           py::arg("lexicon"), py::arg("strict_utf8") = false, py::arg("rules_off") = std::vector<std::string>{},
           py::arg("profile") = nullptr)
      // The result keeps a reference to `text`: its cues' surfaces are read from it when asked for.
      .def("score", [](const Scorer& s, const py::handle& text) {
        TextBatch batch = one_text(text);
        SentenceScore result = call_interruptible([&](const Cancellation& cancel) {
          batch.encode_pending(1);
          return s.score(batch.views[0], cancel);
        });
        return PySentence{std::move(result), py::reinterpret_borrow<py::object>(text), py::none(), py::none()};
      }, py::arg("text"))
      .def("score_document", [](const Scorer& s, const py::handle& text) {
        TextBatch batch = one_text(text);
        DocumentScore result = call_interruptible([&](const Cancellation& cancel) {
          batch.encode_pending(1);
          return s.score_document(batch.views[0], cancel);
        });
        return PyDocument{std::move(result), py::reinterpret_borrow<py::object>(text), py::none()};
      }, py::arg("text"))
      .def("score_batch", &score_batch, py::arg("texts"), py::arg("n_threads") = 0, py::arg("level") = "sentence",
           py::arg("explain") = false)
      .def("score_batch_arrow", &score_batch_arrow, py::arg("offsets"), py::arg("data"), py::arg("validity"),
           py::arg("offset"), py::arg("length"), py::arg("large"), py::arg("n_threads") = 0,
           py::arg("level") = "sentence", py::arg("explain") = false,
           "score_batch over an Arrow (large_)string array's buffers, read in place.")
      .def("score_batch_arrow_view", &score_batch_arrow_view, py::arg("views"), py::arg("data"), py::arg("validity"),
           py::arg("offset"), py::arg("length"), py::arg("n_threads") = 0, py::arg("level") = "sentence",
           py::arg("explain") = false, "score_batch over an Arrow string_view array's buffers, read in place.")
      .def("score_document_results", &score_document_results, py::arg("texts"), py::arg("n_threads") = 0)
      .def("score_sentence_results", &score_sentence_results, py::arg("texts"), py::arg("n_threads") = 0)
      .def_property_readonly("tones", &Scorer::tones)
      .def_property_readonly("lexicon", &Scorer::lexicon)
      .def_property_readonly("profile", &Scorer::profile)
      .def("fingerprint", &Scorer::fingerprint)
      .def_property_readonly("strict_utf8", [](const Scorer& s) { return s.options().utf8 == Utf8Policy::strict; })
      .def_property_readonly("rules_off", [](const Scorer& s) {
        std::vector<std::string> names;
        const auto& all = rule_family_names();
        for (std::size_t i = 0; i < all.size(); ++i) {
          if ((s.options().rules_off & (1U << i)) != 0) names.emplace_back(all[i]);
        }
        return names;
      });
  m.attr("RULE_FAMILIES") = [] {
    std::vector<std::string> names;
    for (const auto n : rule_family_names()) names.emplace_back(n);
    return names;
  }();
  // The longest text the core scores (4 GiB - 1 bytes of UTF-8); longer ones raise InvalidInputError.
  m.attr("MAX_TEXT_BYTES") = kMaxTextBytes;
  refuse_uninitialised<Scorer>();

  m.def("split_sentences", [](const py::handle& text, const Profile* profile) {
    std::string storage;
    const std::string_view view = utf8_of(text, storage);
    std::string clean;
    std::string_view valid = view;
    if (!is_valid_utf8(view)) {
      clean = sanitize_utf8(view);
      valid = clean;
    }
    const std::vector<SentenceSpan> spans =
        call_interruptible([&](const Cancellation& cancel) {
          return profile != nullptr ? split_sentences(valid, *profile, cancel) : split_sentences(valid, cancel);
        });
    py::list out;
    std::size_t cp = 0, at = 0;
    for (std::size_t i = 0; i < spans.size(); ++i) {
      const SentenceSpan span = spans[i];
      // Ctrl-C while hundreds of thousands of spans become tuples (the GIL is held here).
      if (i % 4096 == 4095 && PyErr_CheckSignals() != 0) throw py::error_already_set();
      cp += count_code_points(valid.substr(at, span.begin - at));
      at = span.begin;
      const std::size_t len = count_code_points(valid.substr(span.begin, span.end - span.begin));
      out.append(py::make_tuple(cp, cp + len));
    }
    return out;
  }, py::arg("text"), py::arg("profile") = nullptr, "Sentence spans (start, end) as Python string indices.");
  m.def("set_log_level", [](const std::string& level) {
    static const std::pair<const char*, LogLevel> kLevels[] = {
        {"trace", LogLevel::trace}, {"debug", LogLevel::debug}, {"info", LogLevel::info}, {"warn", LogLevel::warn},
        {"warning", LogLevel::warn}, {"error", LogLevel::error}, {"critical", LogLevel::critical}, {"off", LogLevel::off}};
    for (const auto& [name, value] : kLevels) {
      if (level == name) {
        set_log_level(value);
        return;
      }
    }
    throw py::value_error("unknown log level '" + level + "'");
  }, py::arg("level"));
  m.def("get_log_level", [] {
    static const char* kNames[] = {"trace", "debug", "info", "warn", "error", "critical", "off"};
    return std::string(kNames[static_cast<int>(log_level())]);
  });
}

}  // namespace stimmung::python
