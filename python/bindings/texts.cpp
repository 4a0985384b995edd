// A Python list of str as UTF-8 views, the conversion done on worker threads: see texts.hpp.
#include "texts.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <cstdint>
#include <exception>
#include <mutex>
#include <thread>

namespace stimmung::python {
namespace {

// Code units are read a 64-bit word at a time where that pays: German text is mostly ASCII, and a word
// of ASCII units (1- or 2-byte str kinds) is copied or narrowed as a whole; a word holding any other unit
// goes unit by unit. score_batch on fresh str objects got about 2% faster (alternating runs, 20 MB of
// unique sentences).
template <typename Unit>
inline constexpr bool kWordwise = sizeof(Unit) < 4 && std::endian::native == std::endian::little;
template <typename Unit>
inline constexpr std::size_t kUnitsPerWord = 8 / sizeof(Unit);
// The bits that are 0 in every unit of a word of ASCII units.
template <typename Unit>
inline constexpr std::uint64_t kNonAscii = sizeof(Unit) == 1 ? 0x8080808080808080ULL : 0xFF80FF80FF80FF80ULL;

template <typename Unit>
std::uint64_t load_word(const Unit* s) {
  std::uint64_t w = 0;
  std::memcpy(&w, s, sizeof w);
  return w;
}

// UTF-8 bytes beyond the first of code point c.
inline std::size_t extra_bytes(std::uint32_t c) {
  return static_cast<std::size_t>(c >= 0x80U) + static_cast<std::size_t>(c >= 0x800U) +
         static_cast<std::size_t>(c >= 0x10000U);
}

template <typename Unit>
std::size_t units_utf8_size(const Unit* s, std::size_t n) {
  std::size_t size = n;
  std::size_t i = 0;
  if constexpr (kWordwise<Unit>) {
    for (; i + kUnitsPerWord<Unit> <= n; i += kUnitsPerWord<Unit>) {
      const std::uint64_t w = load_word(s + i);
      if ((w & kNonAscii<Unit>) == 0) continue;
      if constexpr (sizeof(Unit) == 1) {
        // One extra byte per unit >= 0x80: their top bits, summed into the word's highest byte (no popcnt
        // instruction is assumed, and the library call it would otherwise be costs more than this).
        size += static_cast<std::size_t>((((w & kNonAscii<Unit>) >> 7) * 0x0101010101010101ULL) >> 56);
      } else {
        for (std::size_t k = i; k < i + kUnitsPerWord<Unit>; ++k) size += extra_bytes(s[k]);
      }
    }
  }
  for (; i < n; ++i) size += extra_bytes(s[i]);
  return size;
}

inline unsigned char* write_unit(std::uint32_t c, unsigned char* o) {
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
  return o;
}

template <typename Unit>
std::size_t write_units(const Unit* s, std::size_t n, char* out) {
  auto* o = reinterpret_cast<unsigned char*>(out);
  std::size_t i = 0;
  if constexpr (kWordwise<Unit>) {
    for (; i + kUnitsPerWord<Unit> <= n; i += kUnitsPerWord<Unit>) {
      const std::uint64_t w = load_word(s + i);
      if ((w & kNonAscii<Unit>) != 0) {
        for (std::size_t k = i; k < i + kUnitsPerWord<Unit>; ++k) o = write_unit(s[k], o);
        continue;
      }
      if constexpr (sizeof(Unit) == 1) {
        std::memcpy(o, &w, 8);
        o += 8;
      } else {  // four 16-bit units below 0x80: their low bytes, side by side
        const auto bytes = static_cast<std::uint32_t>((w & 0xFFU) | ((w >> 8) & 0xFF00U) |
                                                      ((w >> 16) & 0xFF0000U) | ((w >> 24) & 0xFF000000U));
        std::memcpy(o, &bytes, 4);
        o += 4;
      }
    }
  }
  for (; i < n; ++i) o = write_unit(s[i], o);
  return static_cast<std::size_t>(o - reinterpret_cast<unsigned char*>(out));
}

// Space for the UTF-8 a worker writes: standard blocks (from the pool), filled one after the other; a text
// larger than a quarter block gets a block of its own size.
class Arena {
 public:
  static constexpr std::size_t kBlock = Utf8Blocks::kBlockBytes;

  // Space for the UTF-8 of a text: a small one (at most `max` bytes, a quarter block) is written into the
  // current block straight away and only the bytes it took are kept, saving a pass that measures it; a
  // large one is measured first and gets a block of exactly its size.
  std::string_view write(const void* data, std::size_t length, int kind) {
    const std::size_t max = max_utf8_size(length, kind);
    if (max > kBlock / 4) {
      const std::size_t size = utf8_size(data, length, kind);
      char* out = blocks_.own.emplace_back(std::make_unique_for_overwrite<char[]>(size)).get();
      write_utf8(data, length, kind, out);
      return {out, size};
    }
    if (max > left_) {
      current_ = blocks_.standard.emplace_back(Utf8Blocks::take_standard()).get();
      left_ = kBlock;
    }
    char* out = current_;
    const std::size_t size = write_utf8(data, length, kind, out);
    current_ += size;
    left_ -= size;
    return {out, size};
  }
  Utf8Blocks& blocks() { return blocks_; }

 private:
  Utf8Blocks blocks_;
  char* current_ = nullptr;
  std::size_t left_ = 0;
};

// The pool of standard blocks: workers take from it, batches give back to it when they end.
struct BlockPool {
  std::mutex mutex;
  std::vector<std::unique_ptr<char[]>> free;
};
BlockPool& block_pool() {
  static BlockPool pool;
  return pool;
}

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

// Whether a compact non-ASCII str has a cached UTF-8 form, asked without the GIL: only a hint, read
// atomically. Another thread may be writing the cache (with the GIL) at this moment: a str seen with a
// cache is read by finish() with the GIL; one seen without is converted by the worker, as if it had none.
bool may_have_cached_utf8(PyObject* str) {
#if PY_VERSION_HEX < 0x030E0000 && !defined(Py_GIL_DISABLED)
  auto* compact = reinterpret_cast<PyCompactUnicodeObject*>(str);
  return __atomic_load_n(&compact->utf8, __ATOMIC_RELAXED) != nullptr;
#else
  (void)str;
  return false;
#endif
}

// The UTF-8 of an item read with the GIL: a str carrying a cached form, a str subclass, lone surrogates ("surrogatepass", copied into `storage`). Raises
// TypeError for a non-str.
std::string_view utf8_with_gil(PyObject* item, std::deque<std::string>& storage) {
  // The cached form read straight from a compact non-ASCII str: a call of the C API per text costs a few
  // percent of a batch whose strs all carry one.
  if (PyUnicode_Check(item) && PyUnicode_IS_COMPACT(item) && !PyUnicode_IS_ASCII(item)) {
    if (const std::string_view cached = cached_utf8(item); cached.data() != nullptr) return cached;
  }
  if (PyUnicode_Check(item)) {
    Py_ssize_t size = 0;
    if (const char* data = PyUnicode_AsUTF8AndSize(item, &size); data != nullptr) {
      return {data, static_cast<std::size_t>(size)};
    }
    PyErr_Clear();
  }
  return utf8_of(item, storage.emplace_back());
}

}  // namespace

Utf8Blocks::~Utf8Blocks() {
  if (standard.empty()) return;
  BlockPool& pool = block_pool();
  const std::lock_guard lock(pool.mutex);
  for (auto& block : standard) {
    if (pool.free.size() >= kPoolBlocks) break;
    pool.free.push_back(std::move(block));
  }
}  // the blocks the pool has no room for are freed with `standard`

std::unique_ptr<char[]> Utf8Blocks::take_standard() {
  BlockPool& pool = block_pool();
  {
    const std::lock_guard lock(pool.mutex);
    if (!pool.free.empty()) {
      std::unique_ptr<char[]> block = std::move(pool.free.back());
      pool.free.pop_back();
      return block;
    }
  }
  return std::make_unique_for_overwrite<char[]>(kBlockBytes);
}

void Utf8Blocks::absorb(Utf8Blocks& other) {
  for (auto& b : other.standard) standard.push_back(std::move(b));
  for (auto& b : other.own) own.push_back(std::move(b));
  other.standard.clear();
  other.own.clear();
}

std::size_t utf8_size(const void* data, std::size_t length, int kind) {
  switch (kind) {
    case 1: return units_utf8_size(static_cast<const std::uint8_t*>(data), length);
    case 2: return units_utf8_size(static_cast<const std::uint16_t*>(data), length);
    default: return units_utf8_size(static_cast<const std::uint32_t*>(data), length);
  }
}

std::size_t write_utf8(const void* data, std::size_t length, int kind, char* out) {
  switch (kind) {
    case 1: return write_units(static_cast<const std::uint8_t*>(data), length, out);
    case 2: return write_units(static_cast<const std::uint16_t*>(data), length, out);
    default: return write_units(static_cast<const std::uint32_t*>(data), length, out);
  }
}

std::size_t max_utf8_size(std::size_t length, int kind) {
  // A Latin-1 unit takes at most 2 bytes, a UCS-2 unit 3 (a lone surrogate too), a UCS-4 unit 4.
  return length * (kind == 1 ? 2U : kind == 2 ? 3U : 4U);
}

TextBatch collect(const py::list& texts) {
  TextBatch batch;
  // A new list holding the same str objects (one reference each, taken in one C loop).
  batch.keep = py::reinterpret_steal<py::object>(PyList_GetSlice(texts.ptr(), 0, PyList_GET_SIZE(texts.ptr())));
  if (!batch.keep) throw py::error_already_set();
  const auto n = static_cast<std::size_t>(PyList_GET_SIZE(batch.keep.ptr()));
  if (n >= kCheckOnWorkers) {
    batch.views.assign(n, std::string_view{});  // every view pending: encode_pending() checks the items
    batch.pending = n;
    batch.unchecked = true;
    return batch;
  }
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
      ++batch.pending;
      batch.pending_units += length;
      batch.views.emplace_back();  // no data: pending
      continue;
    }
    batch.views.push_back(utf8_with_gil(item, batch.storage));
  }
  return batch;
}

void TextBatch::encode_pending(int n_threads, const std::atomic<bool>* cancel) {
  if (pending == 0) return;
  const std::size_t n = views.size();
  const std::size_t units = pending_units;
  PyObject* const list = keep.ptr();  // read without the GIL: a list only this batch refers to
  // A thread per 256K code points at most: converting runs at about 1 GB/s, so smaller batches are not
  // worth starting a thread for.
  // Asked once: glibc reads a sysfs file on every call.
  static const unsigned hardware = std::max(1U, std::thread::hardware_concurrency());
  const std::size_t wanted = n_threads > 0 ? static_cast<std::size_t>(n_threads) : hardware;
  // (An unchecked batch's size in code points is not known yet: a thread per 4,096 texts at most.)
  const std::size_t threads = std::clamp<std::size_t>(
      std::min(wanted, unchecked ? n / 4096 + 1 : units / (256U << 10) + 1), 1, 256);
  constexpr std::size_t kChunk = 64;
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};  // a non-str: finish() raises, so the rest is not worth converting
  std::exception_ptr error;
  std::mutex mutex;  // guards `error`, `blocks` and `later`
  auto work = [&] {
    Arena arena;
    std::vector<std::size_t> left;  // this thread's items for finish()
    try {
      for (;;) {
        if (cancel != nullptr && cancel->load(std::memory_order_relaxed)) break;
        if (stop.load(std::memory_order_relaxed)) break;
        const std::size_t start = next.fetch_add(kChunk, std::memory_order_relaxed);
        if (start >= n) break;
        for (std::size_t k = start; k < std::min(n, start + kChunk); ++k) {
          if (views[k].data() != nullptr) continue;
          PyObject* item = PyList_GET_ITEM(list, static_cast<Py_ssize_t>(k));
          if (unchecked) {
            // Exactly str, compact (all a str's constructors make): its type, kind and code units never change.
            // The rest, and a str that seems to carry its UTF-8 already, is read with the GIL by finish().
            if (Py_TYPE(item) != &PyUnicode_Type || !PyUnicode_IS_COMPACT(item)) {
              left.push_back(k);
              if (!PyUnicode_Check(item)) stop.store(true, std::memory_order_relaxed);
              continue;
            }
            if (!PyUnicode_IS_ASCII(item) && may_have_cached_utf8(item)) {
              left.push_back(k);
              continue;
            }
          }
          const void* data = PyUnicode_DATA(item);
          const auto length = static_cast<std::size_t>(PyUnicode_GET_LENGTH(item));
          if (PyUnicode_IS_ASCII(item)) {  // its code units are its UTF-8
            views[k] = {static_cast<const char*>(data), length};
            continue;
          }
          views[k] = arena.write(data, length, static_cast<int>(PyUnicode_KIND(item)));
        }
      }
    } catch (...) {  // std::bad_alloc: rethrown on the calling thread
      const std::lock_guard lock(mutex);
      if (!error) error = std::current_exception();
      next.store(n);
    }
    const std::lock_guard lock(mutex);
    blocks.absorb(arena.blocks());
    later.insert(later.end(), left.begin(), left.end());
    non_str = non_str || stop.load();
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

void TextBatch::finish() {
  if (!unchecked) return;
  PyObject* const list = keep.ptr();
  if (non_str) {  // the first non-str in list order, as collect() reports it
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(list); ++k) {
      PyObject* item = PyList_GET_ITEM(list, k);
      if (!PyUnicode_Check(item)) utf8_of(item, storage.emplace_back());  // raises TypeError
    }
  }
  for (const std::size_t k : later) {  // any order: each fills its own view
    views[k] = utf8_with_gil(PyList_GET_ITEM(list, static_cast<Py_ssize_t>(k)), storage);
  }
  later.clear();
}

}  // namespace stimmung::python
