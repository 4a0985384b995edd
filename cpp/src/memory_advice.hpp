#pragma once
// Huge pages for the lexicon index: asking the kernel to back the index's memory with 2 MB pages.
// Decides: which address ranges are advised (the 2 MB-aligned inside of the spans the index's blocks
// cover), when an index is large enough to be worth it, and how a user turns it off
// (STIMMUNG_HUGE_PAGES=0). Does not decide what the index holds (lexicon_index.hpp).
//
// Design notes: a word lookup follows dependent loads through tens of MB of tables and word forms (filter
// bit, slot, entry, the form's hits), and real text reaches a different 4 KB page at nearly every word, so
// on news-style sentences time goes to address translation as well as to the cache misses themselves (on a
// virtual machine a translation miss walks two page tables). With 2 MB pages the tables need a few dozen
// translations instead of thousands: benchmarks/RESULTS.md, "Huge pages for the lexicon index". Most Linux
// systems give huge pages only to memory that asks for them (transparent_hugepage=madvise), and the index
// lives in the C++ heap among the allocator's other blocks, so the advice covers the spans its blocks lie
// in, and MADV_COLLAPSE (Linux 6.1+) moves what is already there into huge pages at once. The advice changes
// where bytes live, never their values: scores are the same with and without it. Where the kernel cannot
// (older kernels, no free huge pages, another OS) nothing happens.

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace stimmung::detail {

/// What the advice did: bytes asked to be huge pages, and bytes the kernel moved into them at once.
struct HugePageAdvice {
  std::size_t advised = 0;
  std::size_t collapsed = 0;
};

/// Blocks closer than this are one span: the allocator's other blocks between them are advised too.
inline constexpr std::size_t kHugePageBytes = std::size_t{2} << 20;
/// Blocks that add up to less than this are left alone: a small custom lexicon fits the caches, and
/// collapsing costs a few milliseconds.
inline constexpr std::size_t kHugePageMinimumBytes = std::size_t{8} << 20;

/// A Scorer asks for huge pages once it has been given this many bytes to score (Engine::count_scored):
/// about a quarter of a second of news, some 70,000 sentences.
inline constexpr std::uint64_t kHugePagesAfterBytes = std::uint64_t{8} << 20;

/// Whether the environment variable STIMMUNG_HUGE_PAGES is "0": then no index asks for huge pages. An engine
/// reads it once, when it is built (getenv on a scoring thread would race with a setenv elsewhere).
[[nodiscard]] bool huge_pages_turned_off() noexcept;

/// The address spans a set of heap blocks covers, gathered block by block in memory that grows with the
/// number of spans (a few dozen), not of blocks (a million for the built-in lexicon).
class MemorySpans {
 public:
  /// Adds the block of @p bytes at @p begin (in any order; overlapping and repeated blocks are fine).
  void add(const void* begin, std::size_t bytes);
  /// The bytes of the blocks added (a repeated block counts again).
  [[nodiscard]] std::size_t block_bytes() const noexcept { return block_bytes_; }
  /// The spans, sorted and apart by more than kHugePageBytes: [begin, end) addresses.
  [[nodiscard]] const std::vector<std::pair<std::uintptr_t, std::uintptr_t>>& spans() const noexcept { return spans_; }

  /// Asks for huge pages over the spans when the blocks add up to kHugePageMinimumBytes or more (callers
  /// ask huge_pages_turned_off() first). Never throws; failures are ignored (the advice is only a hint).
  [[nodiscard]] HugePageAdvice advise_huge_pages() const noexcept;

 private:
  std::vector<std::pair<std::uintptr_t, std::uintptr_t>> spans_;
  std::size_t block_bytes_ = 0;
};

}  // namespace stimmung::detail
