#pragma once
// The string-keyed hash map behind the lexicon index, and its hash.
// Decides: how a lookup key is hashed, stored and found, and how a miss is rejected cheaply.
// Does not decide: what the keys are (lookup_key, inflect.cpp) or what a hit means (lexicon_index.hpp).

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace stimmung::detail {

/// Hash of a lookup key: 8 bytes at a time, each mixed in with a 64x64->128 multiply (the idea of wyhash,
/// written for keys of a few to a few dozen bytes). Much cheaper than std::hash's byte loop.
__extension__ using Uint128 = unsigned __int128;  // GCC and Clang; __extension__ keeps -Wpedantic quiet

inline std::uint64_t load64(const char* p) noexcept {
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}
inline std::uint64_t load32(const char* p) noexcept {
  std::uint32_t w;
  std::memcpy(&w, p, 4);
  return w;
}

/// The bytes of a key of at most 8 bytes as one 64-bit word, read without a byte loop or a call: two
/// overlapping 4-byte reads for 4 to 8 bytes, else the first, middle and last byte. Keys of the same
/// length map to the same word only when they are equal. (hash_key reads longer keys in 8-byte blocks,
/// the last one overlapping the one before.)
inline std::uint64_t short_key_word(const char* p, std::size_t n) noexcept {
  if (n >= 4) return (load32(p) << 32) | load32(p + n - 4);
  if (n > 0) {
    return (static_cast<std::uint64_t>(static_cast<unsigned char>(p[0])) << 16) |
           (static_cast<std::uint64_t>(static_cast<unsigned char>(p[n >> 1])) << 8) |
           static_cast<unsigned char>(p[n - 1]);
  }
  return 0;
}

inline std::uint64_t hash_key(std::string_view s) noexcept {
  constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ULL;
  constexpr std::uint64_t kMix = 0xBF58476D1CE4E5B9ULL;
  auto mum = [](std::uint64_t a, std::uint64_t b) {
    const auto r = static_cast<Uint128>(a) * b;
    return static_cast<std::uint64_t>(r) ^ static_cast<std::uint64_t>(r >> 64);
  };
  const char* p = s.data();
  const std::size_t n = s.size();
  if (n < 8) return mum(short_key_word(p, n) ^ kMul, kMix ^ n);
  std::uint64_t h = (n + 1) * kMul;
  std::size_t i = 0;
  for (; i + 8 < n; i += 8) h = mum(h ^ load64(p + i), kMix);
  return mum(h ^ load64(p + n - 8), kMul ^ n);
}

/// Equality of two byte ranges of the same length n, without a call for keys of up to 8 bytes.
inline bool same_key(const char* a, const char* b, std::size_t n) noexcept {
  if (n <= 8) return short_key_word(a, n) == short_key_word(b, n);
  return std::memcmp(a, b, n) == 0;
}

/// A string-keyed hash map for the lexicon tables: a one-bit-per-hash filter in front of open addressing
/// with linear probing over compact (tag, index) slots; entries kept in insertion order in one vector.
///
/// Design notes: scoring does one lookup per token and, for unknown long words, dozens more (compound
/// heads and modifiers at every split point, literal-sense exclusions at every length), and most of them
/// miss. So a miss must be cheap: a bit per key length rejects impossible lengths before hashing, then a
/// filter of ~16 bits per key (~9,600 word forms: 32 KB, in L1/L2) rejects ~94% of the rest before the slot
/// array is touched. The interface is the subset of std::unordered_map the engine uses (find, end,
/// operator[], contains, iteration over pairs, size). Built once, then only read.
template <typename V>
class KeyMap {
 public:
  using value_type = std::pair<std::string, V>;
  using iterator = value_type*;
  using const_iterator = const value_type*;

  [[nodiscard]] std::size_t size() const noexcept { return entries_.size(); }
  [[nodiscard]] bool empty() const noexcept { return entries_.empty(); }
  iterator begin() noexcept { return entries_.data(); }
  iterator end() noexcept { return entries_.data() + entries_.size(); }
  const_iterator begin() const noexcept { return entries_.data(); }
  const_iterator end() const noexcept { return entries_.data() + entries_.size(); }

  [[nodiscard]] const_iterator find(std::string_view key) const noexcept { return entries_.data() + locate(key); }
  [[nodiscard]] iterator find(std::string_view key) noexcept { return entries_.data() + locate(key); }
  [[nodiscard]] bool contains(std::string_view key) const noexcept { return locate(key) != entries_.size(); }

  /// Calls @p block(begin, bytes) for every heap block the map owns (its tables and keys) and @p value(v)
  /// for every value, which reports the value's own.
  template <typename Block, typename Value>
  void for_each_block(Block&& block, Value&& value) const {
    block(entries_.data(), entries_.capacity() * sizeof(value_type));
    block(slots_.data(), slots_.capacity() * sizeof(Slot));
    block(filter_.data(), filter_.capacity() * sizeof(std::uint64_t));
    for (const value_type& e : entries_) {
      block(e.first.data(), e.first.capacity() + 1);  // a short key lies inside its entry: reported twice
      value(e.second);
    }
  }

  /// The value of @p key, inserted default-constructed when missing (references die on the next insert).
  V& operator[](std::string_view key) {
    if (const std::size_t at = locate(key); at != entries_.size()) return entries_[at].second;
    entries_.emplace_back(std::string(key), V{});
    if (entries_.size() * 2 > slots_.size()) {
      rebuild();
    } else {
      index(hash_key(key), static_cast<std::uint32_t>(entries_.size() - 1));
    }
    return entries_.back().second;
  }

 private:
  struct Slot {
    std::uint32_t tag = 0;  ///< high half of the hash
    std::uint32_t index = kEmpty;
  };
  static constexpr std::uint32_t kEmpty = 0xFFFFFFFFU;

  static std::uint64_t length_bit(std::size_t n) noexcept { return std::uint64_t{1} << (n < 63 ? n : 63); }
  static auto tag_of(std::uint64_t h) noexcept { return static_cast<std::uint32_t>(h >> 32); }
  // The filter uses other hash bits than the slot position, so the two tests are independent.
  std::size_t filter_bit(std::uint64_t h) const noexcept { return (h >> 40) & filter_mask_; }

  std::size_t locate(std::string_view key) const noexcept {
    if ((lengths_ & length_bit(key.size())) == 0) return entries_.size();
    const std::uint64_t h = hash_key(key);
    const std::size_t bit = filter_bit(h);
    if ((filter_[bit >> 6] & (std::uint64_t{1} << (bit & 63))) == 0) return entries_.size();
    const std::uint32_t tag = tag_of(h);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot s = slots_[i];
      if (s.index == kEmpty) return entries_.size();
      if (s.tag == tag) {
        const std::string& k = entries_[s.index].first;
        if (k.size() == key.size() && same_key(k.data(), key.data(), key.size())) return s.index;
      }
    }
  }

  void index(std::uint64_t h, std::uint32_t at) noexcept {
    std::size_t i = h & mask_;
    while (slots_[i].index != kEmpty) i = (i + 1) & mask_;
    slots_[i] = Slot{tag_of(h), at};
    const std::size_t bit = filter_bit(h);
    filter_[bit >> 6] |= std::uint64_t{1} << (bit & 63);
    lengths_ |= length_bit(entries_[at].first.size());
  }

  void rebuild() {
    const std::size_t n = std::max<std::size_t>(64, std::bit_ceil(entries_.size() * 2));
    slots_.assign(n, Slot{});
    mask_ = n - 1;
    filter_.assign(n * 8 / 64, 0);  // 8 bits per slot: >= 16 bits per key at load <= 1/2
    filter_mask_ = n * 8 - 1;
    for (std::uint32_t i = 0; i < entries_.size(); ++i) index(hash_key(entries_[i].first), i);
  }

  std::vector<value_type> entries_;
  std::vector<Slot> slots_;
  std::vector<std::uint64_t> filter_;
  std::size_t mask_ = 0, filter_mask_ = 0;
  std::uint64_t lengths_ = 0;  ///< bit n: some key has n bytes (bit 63: 63 or more)
};

}  // namespace stimmung::detail
