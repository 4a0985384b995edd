#pragma once
// The compiled form of a lexicon: what a Scorer shares between threads. Built once, then read-only.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "stimmung/lexicon.hpp"
#include "stimmung/result.hpp"
#include "stimmung/scorer.hpp"
#include "stimmung/tokenize.hpp"

namespace stimmung::detail {

/// Transparent hashing, so string_view keys look up std::string keys without allocating.
struct KeyHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
struct KeyEq {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const noexcept { return a == b; }
};
template <typename V>
using KeyMap = std::unordered_map<std::string, V, KeyHash, KeyEq>;

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
};

/// Function-word roles a token can carry, from the lexicon.
struct Roles {
  std::int32_t negator = -1;   ///< entry index
  std::int32_t booster = -1;   ///< booster or dampener entry index
  std::int32_t contrast = -1;
  bool clause = false;
};

class Engine {
 public:
  Engine(Lexicon lexicon, ScorerOptions options);

  [[nodiscard]] SentenceScore score_sentence(std::string_view text, std::uint32_t begin, std::uint32_t end,
                                             std::uint32_t cp_begin) const;
  [[nodiscard]] DocumentScore score_document(std::string_view text) const;

  Lexicon lexicon;
  ScorerOptions options;
  std::vector<std::string> tones;
  std::vector<CompiledEntry> entries;
  KeyMap<std::vector<WordHit>> words;      ///< every form of every entry word
  KeyMap<std::vector<std::uint32_t>> heads;      ///< forms of compound heads
  KeyMap<std::vector<std::uint32_t>> modifiers;  ///< forms of compound modifiers (with linking elements)
  KeyMap<int> excluded;                    ///< literal-sense words: tone blocked (-1 = all)
  std::size_t min_head = 4, min_modifier = 4;
  int hedging = 2;  ///< tone index of hedging (rule cues)
};

}  // namespace stimmung::detail
