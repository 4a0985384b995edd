#pragma once
// The compiled form of a lexicon: what a Scorer shares between threads. Built once, then read-only.

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "stimmung/lexicon.hpp"
#include "stimmung/result.hpp"
#include "stimmung/scorer.hpp"
#include "stimmung/tokenize.hpp"

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

/// How a token matched an entry.
enum class MatchType : std::uint8_t { exact, inflected, compound, separable, phrase, rule };

/// A lexicon entry prepared for matching.
struct CompiledEntry {
  const LexiconEntry* source = nullptr;
  EntryKind kind = EntryKind::cue;
  int tone = -1;          ///< index into Engine::tones, -1 for function words
  double weight = 1.0;
  std::uint8_t n_words = 1;
  std::uint8_t gap = 0;
  std::uint8_t anchor = 0;        ///< the word of an expression it is matched from (its rarest)
  bool free_order = false;
  bool kon1 = false;
  bool reportative = false;
  bool clause_scope = false;
  bool noun = false;              ///< a single noun: only capitalized tokens match (unless the text is caseless)
  bool negator_pre_only = false;  ///< "kein..." and "ohne" bind to what follows them only
  std::string particle;           ///< separable particle key
};

/// One way a word key relates to an entry.
struct WordHit {
  std::uint32_t entry = 0;
  MatchType match = MatchType::exact;
  std::uint8_t position = 0;  ///< position of the word within a multi-word expression
  bool needs_particle = false;  ///< a separable verb's base form: the particle must follow in the clause
  bool starts = true;           ///< starts_candidate() of this hit, stored so that matching reads no entry
};

/// Function-word roles a token can carry, from the lexicon.
struct Roles {
  std::int32_t negator = -1;   ///< entry index
  std::int32_t booster = -1;   ///< booster or dampener entry index
  std::int32_t contrast = -1;
  bool clause = false;
};

/// Whether a hit on a token can make a cue candidate there: a single-word cue or certainty marker, or
/// the anchor word of a cue, certainty or negator expression.
inline bool starts_candidate(const CompiledEntry& c, const WordHit& h) noexcept {
  const bool kind = c.kind == EntryKind::cue || c.kind == EntryKind::certainty ||
                    (c.kind == EntryKind::negator && c.n_words > 1);
  return kind && (c.n_words == 1 || h.position == c.anchor);
}

/// Records the role an entry of @p kind gives a token (the last one of each role wins).
void add_role(Roles& roles, EntryKind kind, std::uint32_t entry) noexcept;

/// Everything a word form is in the lexicon: its hits, and what they mean for the rules, summarized once
/// at build time so that scoring a function word ("nicht", "weil", "aber") touches no entry.
struct WordForm {
  std::vector<WordHit> hits;
  Roles roles;                 ///< the function-word roles of its single-word hits
  bool filtered = false;       ///< some hit is a single noun: hits depend on capitalization (see lookup)
  bool starts_cue = false;     ///< some hit can make a cue candidate (a cue, certainty marker or phrase negator)
};

class Engine {
 public:
  Engine(Lexicon lexicon, ScorerOptions options);

  /// Scores text[begin, end) as one sentence; nothing when it is not valid UTF-8 (the check happens while
  /// tokenizing, so valid text pays for no separate pass).
  [[nodiscard]] std::optional<SentenceScore> score_sentence(std::string_view text, std::uint32_t begin,
                                                            std::uint32_t end, std::uint32_t cp_begin) const;
  /// The numbers of score_sentence over text[begin, end): one score per tone into @p scores, and the
  /// number of cues as the result; nothing (and no scores) when it is not valid UTF-8. Builds no Cue.
  [[nodiscard]] std::optional<std::size_t> score_sentence_into(std::string_view text, std::uint32_t begin,
                                                               std::uint32_t end, double* scores) const;
  /// The numbers of score_document: per tone into @p mean, @p max and @p share, the number of sentences
  /// into @p n_sentences, and the number of cues as the result. Builds no SentenceScore or Cue.
  std::size_t score_document_into(std::string_view text, double* mean, double* max, double* share,
                                  std::size_t& n_sentences) const;
  [[nodiscard]] DocumentScore score_document(std::string_view text) const;

  Lexicon lexicon;
  ScorerOptions options;
  std::vector<std::string> tones;
  std::vector<CompiledEntry> entries;
  KeyMap<WordForm> words;                  ///< every form of every entry word
  KeyMap<std::vector<std::uint32_t>> heads;      ///< forms of compound heads
  KeyMap<std::vector<std::uint32_t>> modifiers;  ///< forms of compound modifiers (with linking elements)
  KeyMap<int> excluded;                    ///< literal-sense words: tone blocked (-1 = all)
  std::size_t min_head = 4, min_modifier = 4;
  /// Length filters for compound analysis, indexed by a hash of a form's last four bytes (heads) or first
  /// four (modifiers): bit n is set when some form with those edge bytes has n bytes (bit 63: 63 or more).
  /// Most words share their edges with no form and skip compound analysis after one test; the others look
  /// up only the lengths listed, not every split point.
  std::vector<std::uint64_t> head_lengths, modifier_lengths;
  static constexpr unsigned kEdgeBits = 12;
  static std::size_t edge_bits(std::string_view four) noexcept {
    std::uint32_t v = 0;
    for (const char c : four) v = v * 131U + static_cast<unsigned char>(c);
    return (v ^ (v >> 13)) & ((1U << kEdgeBits) - 1);
  }
  static std::uint64_t length_bit(std::size_t n) noexcept { return std::uint64_t{1} << (n < 63 ? n : 63); }
  int hedging = 2;  ///< tone index of hedging (rule cues)

  bool question_rule = false;  ///< open questions count as hedging (on when the lexicon has hedging cues)
};

}  // namespace stimmung::detail
