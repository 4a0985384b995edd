// A Python list of str as UTF-8 views, the conversion done on worker threads: see texts.hpp.
#include "texts.hpp"

#include <algorithm>
#include <cstdint>
#include <exception>
#include <mutex>
#include <thread>

namespace stimmung::python {
namespace {

template <typename Unit>
std::size_t units_utf8_size(const Unit* s, std::size_t n) {
  std::size_t size = n;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t c = s[i];
    size += static_cast<std::size_t>(c >= 0x80U);
    if constexpr (sizeof(Unit) > 1) {
      size += static_cast<std::size_t>(c >= 0x800U) + static_cast<std::size_t>(c >= 0x10000U);
    }
  }
  return size;
}

template <typename Unit>
void write_units(const Unit* s, std::size_t n, char* out) {
  auto* o = reinterpret_cast<unsigned char*>(out);
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t c = s[i];
    if (c < 0x80U) {
      *o++ = static_cast<unsigned char>(c);
    } else if (c < 0x800U) {
      *o++ = static_cast<unsigned char>(0xC0U | (c >> 6));
      *o++ = static_cast<unsigned char>(0x80U | (c & 0x3FU));
    } else if (c < 0x10000U) {  // lone surrogates too, as "surrogatepass" writes them
      *o++ = static_cast<unsigned char>(0xE0U | (c >> 12));
      *o++ = static_cast<unsigned char>(0x80U | ((c >> 6) & 0x3FU));
      *o++ = static_cast<unsigned char>(0x80U | (c & 0x3FU));
    } else {
      *o++ = static_cast<unsigned char>(0xF0U | (c >> 18));
      *o++ = static_cast<unsigned char>(0x80U | ((c >> 12) & 0x3FU));
      *o++ = static_cast<unsigned char>(0x80U | ((c >> 6) & 0x3FU));
      *o++ = static_cast<unsigned char>(0x80U | (c & 0x3FU));
    }
  }
}

// Space for the UTF-8 a worker writes: blocks of kBlock bytes, filled one after the other; a text larger
// than a quarter block gets a block of its own size.
class Arena {
 public:
  static constexpr std::size_t kBlock = std::size_t{1} << 20;

  char* take(std::size_t size) {
    if (size > kBlock / 4) return blocks_.emplace_back(std::make_unique_for_overwrite<char[]>(size)).get();
    if (size > left_) {
      current_ = blocks_.emplace_back(std::make_unique_for_overwrite<char[]>(kBlock)).get();
      left_ = kBlock;
    }
    char* out = current_;
    current_ += size;
    left_ -= size;
    return out;
  }
  std::vector<std::unique_ptr<char[]>>& blocks() { return blocks_; }

 private:
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* current_ = nullptr;
  std::size_t left_ = 0;
};

// The UTF-8 form CPython has cached in a compact non-ASCII str, if any. The field is read with the GIL held;
// its layout is known for these versions (a free-threaded build sets it atomically: not read there).
std::string_view cached_utf8(PyObject* str) {
#if PY_VERSION_HEX < 0x030E0000 && !defined(Py_GIL_DISABLED)
  const auto* compact = reinterpret_cast<const PyCompactUnicodeObject*>(str);
  if (compact->utf8 != nullptr) return {compact->utf8, static_cast<std::size_t>(compact->utf8_length)};
#else
  (void)str;
#endif
  return {};
}

}  // namespace

std::size_t utf8_size(const void* data, std::size_t length, int kind) {
  switch (kind) {
    case 1: return units_utf8_size(static_cast<const std::uint8_t*>(data), length);
    case 2: return units_utf8_size(static_cast<const std::uint16_t*>(data), length);
    default: return units_utf8_size(static_cast<const std::uint32_t*>(data), length);
  }
}

void write_utf8(const void* data, std::size_t length, int kind, char* out) {
  switch (kind) {
    case 1: write_units(static_cast<const std::uint8_t*>(data), length, out); break;
    case 2: write_units(static_cast<const std::uint16_t*>(data), length, out); break;
    default: write_units(static_cast<const std::uint32_t*>(data), length, out); break;
  }
}

TextBatch collect(const py::list& texts) {
  TextBatch batch;
  // A new list holding the same str objects (one reference each, taken in one C loop).
  batch.keep = py::reinterpret_steal<py::object>(PyList_GetSlice(texts.ptr(), 0, PyList_GET_SIZE(texts.ptr())));
  if (!batch.keep) throw py::error_already_set();
  const auto n = static_cast<std::size_t>(PyList_GET_SIZE(batch.keep.ptr()));
  batch.views.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    PyObject* item = PyList_GET_ITEM(batch.keep.ptr(), static_cast<Py_ssize_t>(i));
    // Compact strings are all a str's constructors make (and always "ready"); a str subclass's object is
    // not compact and goes the way of the C API below.
    if (PyUnicode_Check(item) && PyUnicode_IS_COMPACT(item)) {
      const auto length = static_cast<std::size_t>(PyUnicode_GET_LENGTH(item));
      if (PyUnicode_IS_ASCII(item)) {  // its code units are its UTF-8
        batch.views.emplace_back(static_cast<const char*>(PyUnicode_DATA(item)), length);
        continue;
      }
      if (const std::string_view cached = cached_utf8(item); cached.data() != nullptr) {
        batch.views.push_back(cached);
        continue;
      }
      batch.pending.push_back({i, PyUnicode_DATA(item), length, static_cast<int>(PyUnicode_KIND(item))});
      batch.views.emplace_back();
      continue;
    }
    if (PyUnicode_Check(item)) {
      Py_ssize_t size = 0;
      if (const char* data = PyUnicode_AsUTF8AndSize(item, &size); data != nullptr) {
        batch.views.emplace_back(data, static_cast<std::size_t>(size));
        continue;
      }
      PyErr_Clear();
    }
    batch.views.push_back(utf8_of(item, batch.storage.emplace_back()));  // raises TypeError for a non-str
  }
  return batch;
}

void TextBatch::encode_pending(int n_threads, const std::atomic<bool>* cancel) {
  const std::size_t n = pending.size();
  if (n == 0) return;
  std::size_t units = 0;
  for (const auto& p : pending) units += p.length;
  // A thread per 256K code points at most: converting runs at about 1 GB/s, so smaller batches are not
  // worth starting a thread for.
  // Asked once: glibc reads a sysfs file on every call.
  static const unsigned hardware = std::max(1U, std::thread::hardware_concurrency());
  const std::size_t wanted = n_threads > 0 ? static_cast<std::size_t>(n_threads) : hardware;
  const std::size_t threads = std::clamp<std::size_t>(std::min(wanted, units / (256U << 10) + 1), 1, 256);
  constexpr std::size_t kChunk = 64;
  std::atomic<std::size_t> next{0};
  std::exception_ptr error;
  std::mutex mutex;  // guards `error` and `blocks`
  auto work = [&] {
    Arena arena;
    try {
      for (;;) {
        if (cancel != nullptr && cancel->load(std::memory_order_relaxed)) break;
        const std::size_t start = next.fetch_add(kChunk, std::memory_order_relaxed);
        if (start >= n) break;
        for (std::size_t k = start; k < std::min(n, start + kChunk); ++k) {
          const Pending& p = pending[k];
          const std::size_t size = utf8_size(p.data, p.length, p.kind);
          char* out = arena.take(size);
          write_utf8(p.data, p.length, p.kind, out);
          views[p.index] = std::string_view(out, size);
        }
      }
    } catch (...) {  // std::bad_alloc: rethrown on the calling thread
      const std::lock_guard lock(mutex);
      if (!error) error = std::current_exception();
      next.store(n);
    }
    const std::lock_guard lock(mutex);
    for (auto& b : arena.blocks()) blocks.push_back(std::move(b));
  };
  if (threads == 1) {
    work();
  } else {
    std::vector<std::jthread> pool;
    pool.reserve(threads);
    for (std::size_t t = 0; t < threads; ++t) pool.emplace_back(work);
  }  // jthreads join here
  if (error) std::rethrow_exception(error);
}

}  // namespace stimmung::python
