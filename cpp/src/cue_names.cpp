// The cue-name pool: every (term, tone, base weight) a Cue can name, interned for the process lifetime.
// Decides: how a Cue's 32-bit name id leads to its strings (result.hpp's design notes say why an id).
// Does not decide: which names exist (a Scorer interns its lexicon's, lexicon_index.cpp) or what a cue is.
//
// Design notes: names are stored in fixed-size chunks that never move, found through a fixed array of
// chunk pointers, so cue_name() reads without a lock while another thread interns: an id reaches a reader
// only after the name was written (through whatever handed it the Cue), and the chunk pointer is published
// with release/acquire. A hash map from the three values to the id (under the mutex) deduplicates. Nothing
// is ever freed: a Cue may outlive every Scorer. A lexicon's names cost ~100 bytes each.
#include <array>
#include <atomic>
#include <bit>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "stimmung/error.hpp"
#include "stimmung/result.hpp"

namespace stimmung::detail {
namespace {

constexpr std::uint32_t kChunkBits = 12;
constexpr std::uint32_t kChunk = 1U << kChunkBits;  // names per chunk
constexpr std::uint32_t kMaxChunks = 1U << 16;       // 2^28 names in all

struct Key {
  std::string_view term, tone;
  std::uint64_t weight_bits;
  bool operator==(const Key&) const = default;
};

struct KeyHash {
  std::size_t operator()(const Key& k) const noexcept {
    const std::hash<std::string_view> h;
    std::size_t x = h(k.term);
    x ^= h(k.tone) + 0x9e3779b97f4a7c15ULL + (x << 6) + (x >> 2);
    x ^= std::hash<std::uint64_t>()(k.weight_bits) + 0x9e3779b97f4a7c15ULL + (x << 6) + (x >> 2);
    return x;
  }
};

class Pool {
 public:
  Pool() { intern("", "", 0.0); }  // id 0: the empty name of a default Cue

  std::uint32_t intern(std::string_view term, std::string_view tone, double base_weight) {
    const Key probe{term, tone, std::bit_cast<std::uint64_t>(base_weight)};
    const std::lock_guard lock(mutex_);
    if (const auto it = ids_.find(probe); it != ids_.end()) return it->second;
    const std::uint32_t id = size_;
    if ((id >> kChunkBits) >= kMaxChunks) throw Error("too many distinct cue names (2^28) in one process");
    CueName* chunk = chunks_[id >> kChunkBits].load(std::memory_order_relaxed);
    if (chunk == nullptr) {
      owned_.push_back(std::make_unique<CueName[]>(kChunk));  // kept for the process (see the design notes)
      chunk = owned_.back().get();
      chunks_[id >> kChunkBits].store(chunk, std::memory_order_release);
    }
    CueName& name = chunk[id & (kChunk - 1)];
    name.term.assign(term);
    name.tone.assign(tone);
    name.base_weight = base_weight;
    ids_.emplace(Key{name.term, name.tone, probe.weight_bits}, id);  // keys view the stored strings
    ++size_;
    return id;
  }

  const CueName& get(std::uint32_t id) const noexcept {
    return chunks_[id >> kChunkBits].load(std::memory_order_acquire)[id & (kChunk - 1)];
  }

 private:
  std::mutex mutex_;
  std::unordered_map<Key, std::uint32_t, KeyHash> ids_;
  std::uint32_t size_ = 0;
  std::vector<std::unique_ptr<CueName[]>> owned_;             // the chunks (guarded by mutex_)
  std::array<std::atomic<CueName*>, kMaxChunks> chunks_{};  // the same, for lock-free reads
};

// Leaked on purpose: cues in static objects may be read while other statics are destroyed.
Pool& pool() {
  static Pool* const p = new Pool();
  return *p;
}

}  // namespace

std::uint32_t intern_cue_name(std::string_view term, std::string_view tone, double base_weight) {
  return pool().intern(term, tone, base_weight);
}

const CueName& cue_name(std::uint32_t id) noexcept { return pool().get(id); }

}  // namespace stimmung::detail

namespace stimmung {

namespace {
constexpr std::string_view kMatchNames[] = {"exact", "inflected", "compound", "separable", "phrase", "rule"};
}

std::string_view match_name(MatchKind kind) noexcept {
  const auto i = static_cast<std::size_t>(kind);
  return i < std::size(kMatchNames) ? kMatchNames[i] : std::string_view("unknown");
}

MatchKind match_kind(std::string_view name) {
  for (std::size_t i = 0; i < std::size(kMatchNames); ++i) {
    if (kMatchNames[i] == name) return static_cast<MatchKind>(i);
  }
  throw std::invalid_argument("unknown cue match kind '" + std::string(name) + "'");
}

}  // namespace stimmung
