// Huge pages for the lexicon index (see memory_advice.hpp).
#include "memory_advice.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace stimmung::detail {
namespace {

#if defined(__linux__)
#ifndef MADV_COLLAPSE
constexpr int MADV_COLLAPSE = 25;  // Linux 6.1 (include/uapi/asm-generic/mman-common.h); older C headers lack it
#endif

// The huge pages wholly inside [begin, end): what madvise may change without touching the neighbours'
// small pages at either end.
HugePageAdvice advise_span(std::uintptr_t begin, std::uintptr_t end) noexcept {
  if (begin > UINTPTR_MAX - kHugePageBytes) return {};  // no whole huge page above it (32-bit processes)
  const std::uintptr_t first = (begin + kHugePageBytes - 1) & ~(std::uintptr_t{kHugePageBytes} - 1);
  const std::uintptr_t last = end & ~(std::uintptr_t{kHugePageBytes} - 1);
  if (last <= first) return {};
  void* at = reinterpret_cast<void*>(first);  // NOLINT(performance-no-int-to-ptr): a page address
  const std::size_t bytes = last - first;
  // ENOMEM: part of the range is not mapped (a gap between two of the allocator's regions); the advice
  // still holds for the mapped parts, and so does the collapse.
  if (::madvise(at, bytes, MADV_HUGEPAGE) != 0 && errno != ENOMEM) return {};
  return {bytes, ::madvise(at, bytes, MADV_COLLAPSE) == 0 ? bytes : 0};
}
#endif

}  // namespace

void MemorySpans::add(const void* begin, std::size_t bytes) {
  if (bytes == 0) return;
  block_bytes_ += bytes;
  const auto b = reinterpret_cast<std::uintptr_t>(begin);
  const std::uintptr_t e = b + bytes;
  // Ends plus the join tolerance, kept from wrapping round at the top of the address space.
  const auto reach = [](std::uintptr_t x) { return x > UINTPTR_MAX - kHugePageBytes ? UINTPTR_MAX : x + kHugePageBytes; };
  // The first span that ends no further than kHugePageBytes before the block: the block joins it when it
  // also starts no further than that after the block, and then so may the spans after it.
  auto at = std::lower_bound(spans_.begin(), spans_.end(), b,
                             [&](const auto& span, std::uintptr_t x) { return reach(span.second) < x; });
  if (at == spans_.end() || at->first > reach(e)) {
    spans_.insert(at, {b, e});
    return;
  }
  at->first = std::min(at->first, b);
  at->second = std::max(at->second, e);
  auto next = at + 1;
  while (next != spans_.end() && next->first <= reach(at->second)) {
    at->second = std::max(at->second, next->second);
    ++next;
  }
  spans_.erase(at + 1, next);
}

bool huge_pages_turned_off() noexcept {
  const char* setting = std::getenv("STIMMUNG_HUGE_PAGES");
  return setting != nullptr && std::strcmp(setting, "0") == 0;
}

HugePageAdvice MemorySpans::advise_huge_pages() const noexcept {
  HugePageAdvice done;
#if defined(__linux__)
  if (block_bytes_ < kHugePageMinimumBytes) return done;
  for (const auto& [begin, end] : spans_) {
    const HugePageAdvice span = advise_span(begin, end);
    done.advised += span.advised;
    done.collapsed += span.collapsed;
  }
#endif
  return done;
}

}  // namespace stimmung::detail
