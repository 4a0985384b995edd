#pragma once
// Cancellation inside the engine: a meter that counts the bytes a call has scored and looks at the
// caller's Cancellation every kCancelCheckBytes (256 KB) of them.
// Decides: how often a long call checks for cancellation (by bytes, not by texts, so one 50 MB text is
// as interruptible as 50,000 short ones). Does not decide who cancels (the caller, the Python bindings).
//
// Design notes: the stages take a CancelMeter* that may be null (nothing to check), so a call without a
// Cancellation pays one null test per sentence; the check itself (an atomic load, maybe a callback that
// takes the GIL) runs once per 256 KB, a few milliseconds of work.

#include <cstddef>

#include "stimmung/error.hpp"
#include "stimmung/scorer.hpp"

namespace stimmung::detail {

class CancelMeter {
 public:
  explicit CancelMeter(const Cancellation& cancel) : cancel_(cancel) {}

  /// Counts @p bytes of text as scored; every kCancelCheckBytes, throws CancelledError if asked to stop.
  void scored(std::size_t bytes) {
    pending_ += bytes;
    if (pending_ >= kCancelCheckBytes) {
      pending_ %= kCancelCheckBytes;
      check();
    }
  }
  /// Throws CancelledError if asked to stop.
  void check() const {
    if (cancel_.requested()) throw CancelledError();
  }

 private:
  const Cancellation& cancel_;
  std::size_t pending_ = 0;
};

/// meter->scored(bytes) for a meter that may be null.
inline void scored(CancelMeter* meter, std::size_t bytes) {
  if (meter != nullptr) meter->scored(bytes);
}

/// Sentences longer than this (256 KB; no real sentence is) are scored in windows of at most this many bytes,
/// cut at white space, whose per-tone sums add up: memory stays bounded by the window, not the input, and
/// the cancellation meter is fed between windows. Rules do not reach across a window's edge.
inline constexpr std::size_t kWindowBytes = std::size_t{1} << 18;

}  // namespace stimmung::detail
