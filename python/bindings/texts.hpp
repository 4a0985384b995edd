#pragma once
// A Python list of str as UTF-8 views for the core's batch calls.
//
// Design notes: the core reads UTF-8; a Python str holds Latin-1, UCS-2 or UCS-4 code units and makes its
// UTF-8 form (cached in the object) only when asked, which needs the GIL. Asked for every text of a batch
// before the workers start, that conversion ran on one thread while the others waited (18-20% of a batch
// of fresh strings, and a cap on scaling: issue 14). So collect() (GIL held) takes, per str, what is ready
// to read: ASCII strings are their own UTF-8, and a str whose UTF-8 form Python has cached already gives
// that; every other compact str is noted as pending (its view has no data yet): its code units, kind and
// length never change for a live str. encode_pending() then writes their UTF-8 on the worker threads, with the GIL
// released, each thread into large blocks of its own (no allocation per text, and no free per text on the
// calling thread afterwards). The batch holds a copy of the list (a reference to each str), so a list
// changed meanwhile by another thread cannot free one. A str converted this way gets no cached UTF-8
// form, so it does not grow either. Scorer.score() and score_document() convert their one str the same
// way (a batch of one, scorer.cpp).
//
// A large batch (kCheckOnWorkers texts or more) skips even that serial pass, which touched every str on the
// calling thread (4 ms of a 120 ms batch of 200,000 sentences on two threads): collect() only copies the
// list, and encode_pending() checks each item on the workers as well: a str (exactly) is read in place if
// ASCII and converted otherwise. Its cached UTF-8 form is not read there (without the GIL another thread
// may be writing it): a str that seems to have one is left to finish(), with the GIL, which reads it; so
// is anything else (a str subclass, a non-str), and finish() raises TypeError at the first non-str as
// collect() does.

#include <atomic>
#include <cstddef>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "bindings.hpp"

namespace stimmung::python {

/// Memory for the UTF-8 the workers write: blocks of kBlockBytes, and blocks of their own size for texts
/// over a quarter block. Memory fresh from the system costs a page fault per 4 KB the first time it is
/// touched (about 4,000 for a batch of 16 MB, serialised in the kernel: a tenth of the time of a batch of
/// fresh strings, and more with two threads), so the standard blocks go back to a process-wide pool when
/// the batch ends, which keeps up to kPoolBlocks of them for the next batch.
struct Utf8Blocks {
  static constexpr std::size_t kBlockBytes = std::size_t{1} << 20;
  static constexpr std::size_t kPoolBlocks = 32;

  std::vector<std::unique_ptr<char[]>> standard;  // kBlockBytes each: returned to the pool
  std::vector<std::unique_ptr<char[]>> own;       // one large text each: freed

  Utf8Blocks() = default;
  Utf8Blocks(Utf8Blocks&&) noexcept = default;
  Utf8Blocks& operator=(Utf8Blocks&&) noexcept = default;
  Utf8Blocks(const Utf8Blocks&) = delete;
  Utf8Blocks& operator=(const Utf8Blocks&) = delete;
  ~Utf8Blocks();

  /// A block of kBlockBytes: a pooled one if there is one, else a new one.
  static std::unique_ptr<char[]> take_standard();
  /// Moves `other`'s blocks into this (they stay alive as long as this).
  void absorb(Utf8Blocks& other);
};

struct TextBatch {
  std::vector<std::string_view> views;  // one per text, in order; pending ones are filled by encode_pending
  std::deque<std::string> storage;      // copies made with the GIL (strings with lone surrogates, str subclasses)

  // Pending strs have a view with no data (an empty str's view points at its data): item i of `keep` is
  // converted into views[i]. A list of them took 32 bytes a text, fresh memory on every call.
  std::size_t pending = 0;        // how many
  std::size_t pending_units = 0;  // their code points
  Utf8Blocks blocks;  // the UTF-8 of the pending strings, written by the workers
  py::object keep;  // a copy of the list: its str objects stay alive until the batch is destroyed (GIL held)
  bool unchecked = false;          // a large batch: every item is pending and checked by encode_pending()
  std::vector<std::size_t> later;  // items encode_pending() left to finish() (see the design notes)
  bool non_str = false;            // encode_pending() met an item that is not a str at all

  /// Writes the UTF-8 of every pending str and points its view at it, on up to n_threads threads (0: all
  /// hardware threads). Needs no GIL and touches no Python object beyond reading str objects. Stops early
  /// when `cancel` is set.
  void encode_pending(int n_threads, const std::atomic<bool>* cancel = nullptr);

  /// After encode_pending(), with the GIL: the views of the items only the C API can read (str subclasses);
  /// raises TypeError at the first item that is not a str.
  void finish();
};

/// Batches of at least this many texts are checked on the worker threads (see the design notes).
inline constexpr std::size_t kCheckOnWorkers = 1024;

/// The list's items as a TextBatch (GIL held). Raises TypeError at an item that is not a str.
TextBatch collect(const py::list& texts);

/// Bytes of UTF-8 that `length` code units of the given kind (1, 2 or 4 bytes each) take.
std::size_t utf8_size(const void* data, std::size_t length, int kind);

/// Writes the UTF-8 of `length` code units of the given kind to `out` (utf8_size bytes) and returns how many
/// bytes it wrote. Lone surrogates become three-byte sequences, as Python's "surrogatepass" writes them (the
/// core then replaces each by U+FFFD).
std::size_t write_utf8(const void* data, std::size_t length, int kind, char* out);

/// The most bytes of UTF-8 that `length` code units of the given kind can take (2, 3 or 4 per unit).
std::size_t max_utf8_size(std::size_t length, int kind);

}  // namespace stimmung::python
