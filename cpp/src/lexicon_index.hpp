#pragma once
// The lexicon index: a Lexicon compiled for matching, built once per Scorer and then only read.
// Decides: which lookup keys (word forms, compound heads and modifiers, literal-sense exclusions) lead to
// which entries, and how those questions are answered fast (KeyMap, length and edge filters); which tone
// index each tone role of the language profile names.
// Does not decide: what a sentence's words are, how hits become cues, or any rule; the matcher asks
// questions through the functions below and never sees the tables.
//
// Design notes: every query is header-inline, because the matcher asks one per token and, for unknown long
// words, a few more; a call per question would show in the sentences-per-second figure.

#include <array>
#include <bitset>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "inflect.hpp"
#include "key_map.hpp"
#include "memory_advice.hpp"
#include "profile_data.hpp"
#include "stimmung/lexicon.hpp"
#include "stimmung/profile.hpp"

namespace stimmung::detail {

/// The marker classes a word belongs to or a cue requires, one bit each (bit i: the i-th class a marker line
/// defines); 255 classes at most, bit 255 is the class no marker defines. (The built-in lexicon alone uses
/// 126 of 127 when the set had 128 bits, which left a user's extension a single class of its own.)
inline constexpr std::size_t kMarkerBits = 256;
using MarkerClasses = std::bitset<kMarkerBits>;

/// How a token matched an entry.
enum class MatchType : std::uint8_t { exact, inflected, compound, separable, phrase, rule };

/// Which expression words a token or a sentence contains, as bits: each written word of a multi-word
/// expression ("Händler", "meinen") sets one of 128 bits, chosen by a hash of its lookup key, in every form
/// generated from it. An expression can match only where the sentence has the bits of all its words, so
/// most attempts from a frequent anchor ("Händler") end after one test instead of a clause scan. A filter
/// only: the bits of different words may coincide.
struct WordBits {
  std::uint64_t lo = 0, hi = 0;
  void add(const WordBits& o) noexcept {
    lo |= o.lo;
    hi |= o.hi;
  }
  [[nodiscard]] bool covers(const WordBits& need) const noexcept {
    return (lo & need.lo) == need.lo && (hi & need.hi) == need.hi;
  }
  /// The bit of an expression word's lookup key (0..127).
  static std::uint8_t bit_of(std::string_view key) noexcept { return static_cast<std::uint8_t>(hash_key(key) >> 57); }
  void set_bit(std::uint8_t bit) noexcept { (bit < 64 ? lo : hi) |= std::uint64_t{1} << (bit & 63); }
  [[nodiscard]] bool has_bit(std::uint8_t bit) const noexcept { return (((bit < 64 ? lo : hi) >> (bit & 63)) & 1U) != 0; }
};

/// The second, finer test of the question WordBits answers, asked only of the expressions WordBits lets
/// through: each expression word has a 10-bit code (other bits of its key's hash than its WordBits bit),
/// and a sentence collects the codes of its tokens' word forms in 1,024 bits. WordBits alone let through
/// four of five attempts that then failed for a word the sentence does not have (the 128 bits of a sentence
/// of twenty words are a quarter set), and each of those segmented the sentence's clauses first.
/// A filter only: codes of different words may coincide.
class WordCodes {
 public:
  static constexpr std::size_t kCodes = 1024;
  static std::uint16_t code_of(std::string_view key) noexcept {
    return static_cast<std::uint16_t>((hash_key(key) >> 20) & (kCodes - 1));
  }
  /// A code every sentence has (no word's): what fills the places of a StartingHit beyond its expression's
  /// words, so that the test reads every place without a count.
  static constexpr std::uint16_t kPresent = kCodes;
  void add(std::uint16_t code) noexcept { bits_[code >> 6] |= std::uint64_t{1} << (code & 63); }
  [[nodiscard]] bool has(std::uint16_t code) const noexcept { return ((bits_[code >> 6] >> (code & 63)) & 1U) != 0; }

 private:
  using Bits = std::array<std::uint64_t, kCodes / 64 + 1>;
  static constexpr Bits kNone = [] {
    Bits b{};
    b[kPresent >> 6] = std::uint64_t{1} << (kPresent & 63);
    return b;
  }();
  Bits bits_ = kNone;
};

/// A lexicon entry prepared for matching.
struct CompiledEntry {
  const LexiconEntry* source = nullptr;
  EntryKind kind = EntryKind::cue;
  int tone = -1;          ///< index into LexiconIndex::tones(), -1 for function words
  double weight = 1.0;
  std::uint8_t n_words = 1;
  std::uint8_t gap = 0;
  std::uint8_t anchor = 0;        ///< the word of an expression it is matched from (its rarest)
  /// WordBits::bit_of each of an expression's first kPositionBits words: a token whose word form lacks
  /// the bit of word p cannot be word p, which rejects most tokens of a gap without searching their hits.
  static constexpr std::size_t kPositionBits = 8;
  std::array<std::uint8_t, kPositionBits> word_bits{};
  /// WordCodes::code_of each of those words (see WordCodes).
  std::array<std::uint16_t, kPositionBits> word_codes{};
  bool free_order = false;
  bool kon1 = false;
  bool reportative = false;
  bool clause_scope = false;
  bool noun = false;              ///< a single noun: only capitalized tokens match (unless the text is caseless)
  bool negator_pre_only = false;  ///< binds to what follows only (the profile's forward_only_negators)
  bool percent = false;           ///< number: the word is itself a share in percent ("Fünftel")
  double min_percent = 0.0;       ///< cue: counts only with a fall of at least this many percent in its clause
  double min_ratio = 0.0;         ///< cue: counts only with a number of at least this on it or after it
  bool price = false;             ///< cue: a price's fall, which a business figure in its clause is not
  MarkerClasses unless_markers;  ///< cue: bits of the classes none of which its sentence may hold (unless=)
  /// cue: bits of the single classes one of which its sentence must hold (none: no condition)
  MarkerClasses requires_markers;
  /// cue: its alternatives of several classes that must all be present ("credit+surge"): entries
  /// [begin, begin + len) of the index's requires groups (LexiconIndex::requirements_met)
  std::uint32_t requires_groups_begin = 0, requires_groups_len = 0;
  /// Whether a marker requirement (requires=) decides whether it counts.
  [[nodiscard]] bool requires_any() const noexcept {
    return requires_markers.any() || requires_groups_len != 0 || unless_markers.any();
  }
  /// cue: the tone a counting cue of which its sentence must hold (with=; -1: none, -2: a tone the lexicon lacks)
  int with_tone = -1;
  std::string particle;           ///< separable particle key
  std::uint32_t cue_name = 0;     ///< its (term, tone, weight) in the cue-name pool (entries with a tone)
};

/// One way a word key relates to an entry.
struct WordHit {
  std::uint32_t entry = 0;
  MatchType match = MatchType::exact;
  std::uint8_t position = 0;  ///< position of the word within a multi-word expression
  bool needs_particle = false;  ///< a separable verb's base form: the particle must follow in the clause
  bool starts = true;           ///< starts_candidate() of this hit, stored so that matching reads no entry
};

/// A hit that can start a candidate, with the expression words its entry needs (none for a single word) and
/// the WordCodes of its first kCodes words: three of four expressions that pass the WordBits test fail the
/// codes, and are passed over without reading their entry.
struct StartingHit {
  static constexpr std::size_t kCodes = 4;
  WordHit hit;
  WordBits needs;
  /// The codes of its expression's first kCodes words, WordCodes::kPresent in the places beyond them.
  std::array<std::uint16_t, kCodes> codes{WordCodes::kPresent, WordCodes::kPresent, WordCodes::kPresent,
                                          WordCodes::kPresent};
  /// Whether @p present holds the codes of the expression's first kCodes words (all of it for most). All
  /// four places are read, without branches: candidate matching runs this for every starting hit.
  [[nodiscard]] bool codes_in(const WordCodes& present) const noexcept {
    return (static_cast<unsigned>(present.has(codes[0])) & static_cast<unsigned>(present.has(codes[1])) &
            static_cast<unsigned>(present.has(codes[2])) & static_cast<unsigned>(present.has(codes[3]))) != 0;
  }
};
// Half a cache line: a word form's starting hits are read one after the other for every word that starts
// a cue, and on news text that reading waits on memory.
static_assert(sizeof(StartingHit) == 32);

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
///
/// Design notes: every token of a sentence that is a word form reads it, so what the lookup reads comes
/// first and the form is kept small (the table holds ~30,000): a token's form is a cache miss when it is
/// not in cache already, and each further cache line it spans is another. Its marker classes (32 bytes,
/// which few forms have) lie in a table of their own, behind an index.
struct WordForm {
  bool filtered = false;       ///< some hit is a single noun: hits depend on capitalization (see lookup)
  bool starts_cue = false;     ///< some hit can make a cue candidate (a cue, certainty marker or phrase negator)
  /// The WordCodes of those words: the first kMaxCodes in place (the lookup reads them with the form), the
  /// rest, of the few forms that stand for many written words ("bleibt" of "bleiben" and "bleibt"), apart.
  static constexpr std::size_t kMaxCodes = 4;
  std::uint8_t n_codes = 0;
  std::array<std::uint16_t, kMaxCodes> codes{};
  /// Its marker classes and whether they count only capitalized (LexiconIndex::form_marker): 0 for none,
  /// else one more than their place in the index's table, worked out once when the index is built, so
  /// that the marker rule does not look its words up again.
  std::uint32_t marker_at = 0;
  WordBits expression_words;   ///< the expression words it is a form of (see WordBits)
  Roles roles;                 ///< the function-word roles of its single-word hits
  std::vector<WordHit> hits;
  /// The hits that can start a candidate, in the order of `hits`, each with the words its entry needs:
  /// "der" belongs to hundreds of expressions but anchors few, and "Händler" anchors dozens that a
  /// sentence rarely has all the words of; candidate matching reads these in one sequential pass.
  std::vector<StartingHit> starting;
  std::vector<std::uint16_t> more_codes;
};

class LexiconIndex {
 public:
  /// Compiles @p lexicon for the language of @p profile; both must outlive the index (entries point at
  /// the lexicon's LexiconEntry objects, and language() at the profile's settings).
  LexiconIndex(const Lexicon& lexicon, const Profile& profile);

  /// The tone names; CompiledEntry::tone indexes them.
  [[nodiscard]] const std::vector<std::string>& tones() const noexcept { return tones_; }
  /// The language profile's settings, which the rules read (profile_data.hpp).
  [[nodiscard]] const ProfileData& language() const noexcept { return *language_; }
  /// The tone indices of the profile's tone roles, -1 when the lexicon has no such tone (or the role is
  /// off): the tone an open question feeds, the tone weakened in side clauses, and the tone whose cues
  /// are operators over a negation rather than its content (all "hedging" in the German profile).
  [[nodiscard]] int question_tone() const noexcept { return question_tone_; }
  [[nodiscard]] int side_clause_tone() const noexcept { return side_clause_tone_; }
  [[nodiscard]] int negation_operator_tone() const noexcept { return negation_operator_tone_; }
  [[nodiscard]] int object_scope_tone() const noexcept { return object_scope_tone_; }
  /// Whether open questions count: on when the lexicon has cues of the question tone.
  [[nodiscard]] bool question_rule() const noexcept { return question_rule_; }
  /// The question rule's cue name ("<question>", its tone and weight) in the cue-name pool.
  [[nodiscard]] std::uint32_t question_name() const noexcept { return question_name_; }
  /// The calibration factor of @p tone (a `calibration` line; 1 without one): every effective weight of the
  /// tone counts this many times, so that a sum of 1 is where annotators see the tone present.
  [[nodiscard]] double tone_factor(int tone) const noexcept {
    return tone >= 0 && static_cast<std::size_t>(tone) < tone_factors_.size() ? tone_factors_[static_cast<std::size_t>(tone)]
                                                                               : 1.0;
  }
  /// Whether some tone is scoped to markets (a `scope` line), and whether @p tone is.
  [[nodiscard]] bool has_scope() const noexcept { return has_scope_; }
  [[nodiscard]] bool scoped(int tone) const noexcept {
    return tone >= 0 && static_cast<std::size_t>(tone) < scoped_tones_.size() && scoped_tones_[static_cast<std::size_t>(tone)];
  }
  /// Whether some cue needs a percentage in its clause (min=): then sentences are checked for one.
  [[nodiscard]] bool has_price_movements() const noexcept { return has_price_movements_; }
  /// Whether a cue counts only beside a cue of another tone (with=): rules/markers.cpp keep_accompanied_cues.
  [[nodiscard]] bool has_accompanied_cues() const noexcept { return has_accompanied_cues_; }
  /// Whether some word is written with a number placeholder ("<n>-Fache"): then "48-Fache" is looked up so.
  [[nodiscard]] bool has_numbered_words() const noexcept { return has_numbered_words_; }
  /// Whether some cue requires a marker in its sentence (requires=).
  [[nodiscard]] bool has_marker_requirements() const noexcept { return has_marker_requirements_; }
  /// The marker classes a percent sign ("3,1 %") holds: those of the profile's percent words ("Prozent").
  [[nodiscard]] const MarkerClasses& percent_sign_markers() const noexcept { return percent_sign_markers_; }
  /// The marker classes of word form @p form and whether they count only capitalized; null when it has none.
  [[nodiscard]] const std::pair<MarkerClasses, bool>* form_marker(const WordForm& form) const noexcept {
    return form.marker_at == 0 ? nullptr : &form_markers_[form.marker_at - 1];
  }
  /// Whether the marker classes @p present meet cue @p c's conditions: none of its unless= classes, and of
  /// its requires= (if any) one of its single classes, or all the classes of one of its alternatives joined
  /// by '+'.
  [[nodiscard]] bool requirements_met(const CompiledEntry& c, const MarkerClasses& present) const noexcept {
    if ((c.unless_markers & present).any()) return false;
    if (c.requires_markers.none() && c.requires_groups_len == 0) return true;
    if ((c.requires_markers & present).any()) return true;
    for (std::uint32_t k = 0; k < c.requires_groups_len; ++k) {
      const MarkerClasses all = requires_groups_[c.requires_groups_begin + k];
      if ((all & present) == all) return true;
    }
    return false;
  }

  /// The marker classes of the word form @p key as bits (see CompiledEntry::requires_markers), and whether
  /// the marker is a noun (counted only capitalized, like a noun cue): no classes and false for no marker.
  /// A marker with `compound=head` also marks compounds it ends ("Technologie|blase", "Dotcom-Blase"),
  /// except literal senses (`exclude` words such as "Seifenblase"). Every marker marks the hyphenated
  /// compounds whose last part it is ("US-Börsen", "Conti-Aktie", "Fed-Chefs"): the hyphen writes the head
  /// as a word of its own.
  /// The token's facts spare work: a key without a hyphen needs no search for one, and a word that is not
  /// in a noun's place (lowercase inside a cased sentence) is no compound of a noun marker.
  [[nodiscard]] std::pair<MarkerClasses, bool> marker(std::string_view key, bool hyphenated = true,
                                                      bool noun_place = true) const noexcept {
    const auto own = markers_.find(key);
    if (markers_.empty() || (own == markers_.end() && excluded(key))) return {};
    // A compound is what its head is, whatever it is besides: "Dotcom-Blase" (a mania of its own) is a
    // "Blase", "Immobilienboom" (real estate) a "Boom".
    const auto with_own = [&](std::pair<MarkerClasses, bool> head) {
      return own == markers_.end() ? head : std::pair{own->second.first | head.first, own->second.second};
    };
    std::string_view last = key;
    if (const std::size_t dash = hyphenated ? key.rfind('-') : std::string_view::npos; dash != std::string_view::npos) {
      last = key.substr(dash + 1);
      if (const auto it = markers_.find(last); it != markers_.end() && (noun_place || !it->second.second)) {
        return with_own(it->second);
      }
    }
    if (marker_heads_.empty() || (!noun_place && marker_heads_nouns_only_)) return with_own({});
    const auto* head = longest_edge(marker_heads_, marker_head_lengths_, last, true);
    return with_own(head != nullptr ? *head : std::pair<MarkerClasses, bool>{});
  }

  /// The domain entry (market, nonmarket, figure, number) whose forms include @p key, or -1. Domain words
  /// have a table of their own: the word lookup every token gets never touches them, and the rules that
  /// need them (market scope, price movements) ask only in sentences that have their cues.
  [[nodiscard]] std::int32_t domain_word(std::string_view key) const noexcept {
    const auto it = domain_words_.find(key);
    return it == domain_words_.end() ? -1 : it->second;
  }

  /// The domain entries (market, nonmarket, figure, number) of the longest compound head that @p word
  /// ends with and of the longest compound modifier it starts with ("Aktien|kurs": both; "Fußball|spiel":
  /// both); -1 where there is none.
  [[nodiscard]] std::pair<std::int32_t, std::int32_t> domain_compound(std::string_view word) const noexcept {
    const std::int32_t* head = longest_edge(domain_heads_, domain_head_lengths_, word, true);
    const std::int32_t* modifier = longest_edge(domain_modifiers_, domain_modifier_lengths_, word, false);
    return {head != nullptr ? *head : -1, modifier != nullptr ? *modifier : -1};
  }

  [[nodiscard]] const CompiledEntry& entry(std::uint32_t id) const noexcept { return entries_[id]; }
  /// The bits of the words of expression @p id (none for a single word): a sentence without them all
  /// cannot contain it. Kept apart from the entries, so that the test touches 16 bytes per entry.
  [[nodiscard]] const WordBits& expression_needs(std::uint32_t id) const noexcept { return needs_[id]; }
  [[nodiscard]] const CompiledEntry& entry(std::int32_t id) const noexcept { return entries_[static_cast<std::size_t>(id)]; }

  /// The word form with lookup key @p key, or nullptr when no entry has that form.
  [[nodiscard]] const WordForm* word(std::string_view key) const noexcept {
    const auto it = words_.find(key);
    return it == words_.end() ? nullptr : &it->second;
  }

  /// Asks the kernel to back the index's tables and word forms with huge pages (memory_advice.hpp), and
  /// waits for it. The index does not change; scores never depend on it.
  HugePageAdvice advise_huge_pages() const;
  /// The address spans of the heap blocks scoring reads: tables, word forms and their hits, compound,
  /// domain and marker maps.
  [[nodiscard]] MemorySpans memory_spans() const;

  /// Appends to @p out the hits compound analysis gives @p key, a word no single-word entry claims: with
  /// hyphens ("KI-Blase"), each part's single-word cues and certainty markers (a part no lexicon word is
  /// analysed itself); else the longest compound head ("Immobilien|blase"), else modifier ("Panik|verkäufe").
  /// A literal sense ("Gallenblase") blocks the whole word.
  void compound_analysis(std::string_view key, bool hyphenated, std::vector<WordHit>& out) const;

  /// Whether @p key is a literal-sense word ("Gallenblase") that blocks compound matches containing it.
  [[nodiscard]] bool excluded(std::string_view key) const noexcept { return excluded_.contains(key); }

  /// The entries of the longest compound-head form that @p word ends with, leaving at least kMinRest
  /// bytes before it ("Immobilien|blase"); empty when there is none.
  [[nodiscard]] std::span<const std::uint32_t> compound_head(std::string_view word) const noexcept {
    const auto* ids = longest_edge(heads_, head_lengths_, word, true);
    return ids != nullptr ? std::span<const std::uint32_t>(*ids) : std::span<const std::uint32_t>{};
  }

  /// The entries of the longest compound-modifier form (with linking elements) that @p word starts with,
  /// leaving at least kMinRest bytes after it ("Panik|verkäufe"); empty when there is none.
  [[nodiscard]] std::span<const std::uint32_t> compound_modifier(std::string_view word) const noexcept {
    const auto* ids = longest_edge(modifiers_, modifier_lengths_, word, false);
    return ids != nullptr ? std::span<const std::uint32_t>(*ids) : std::span<const std::uint32_t>{};
  }

 private:
  static constexpr std::size_t kMinForm = 4;  ///< shortest compound head or modifier form, in bytes
  static constexpr std::size_t kMinRest = 3;  ///< shortest rest of a compound beside its head or modifier

  /// Length filters for compound analysis, indexed by a hash of a form's last four bytes (heads) or first
  /// four (modifiers): bit n is set when some form with those edge bytes has n bytes (bit 63: 63 or more).
  /// Most words share their edges with no form and skip compound analysis after one test; the others look
  /// up only the lengths listed, not every split point.
  static constexpr unsigned kEdgeBits = 12;
  static std::size_t edge_bits(std::string_view four) noexcept {
    std::uint32_t v = 0;
    for (const char c : four) v = v * 131U + static_cast<unsigned char>(c);
    return (v ^ (v >> 13)) & ((1U << kEdgeBits) - 1);
  }
  static std::uint64_t length_bit(std::size_t n) noexcept { return std::uint64_t{1} << (n < 63 ? n : 63); }

  /// The value of the longest form in @p table that @p word ends with (@p head) or starts with, leaving at
  /// least kMinRest bytes beside it; nullptr when there is none. @p lengths is the table's edge filter.
  template <typename V>
  static const V* longest_edge(const KeyMap<V>& table, const std::vector<std::uint64_t>& lengths, std::string_view word,
                               bool head) noexcept {
    if (word.size() < kMinForm + kMinRest) return nullptr;
    const std::uint64_t present = lengths[edge_bits(head ? word.substr(word.size() - 4) : word.substr(0, 4))];
    if (present == 0) return nullptr;
    for (std::size_t n = word.size() - kMinRest; n >= kMinForm; --n) {
      if ((present & length_bit(n)) == 0) continue;
      const auto it = table.find(head ? word.substr(word.size() - n) : word.substr(0, n));
      if (it != table.end()) return &it->second;
    }
    return nullptr;
  }

  /// The edge filter of @p table: bit n of entry edge_bits(edge) is set when a form with that edge has n bytes.
  template <typename V>
  static std::vector<std::uint64_t> edge_lengths(const KeyMap<V>& table, bool head) {
    std::vector<std::uint64_t> lengths(std::size_t{1} << kEdgeBits, 0);
    for (const auto& [key, value] : table) {
      const std::string_view k(key);
      lengths[edge_bits(head ? k.substr(k.size() - 4) : k.substr(0, 4))] |= length_bit(k.size());
    }
    return lengths;
  }

  void compile_entries(const Lexicon& lexicon);
  MarkerClasses marker_class_bit(const std::string& name, bool define, const std::string& source);
  void choose_anchors();
  void finish_word_forms();
  void build_compound_filters();

  std::vector<std::string> tones_;
  std::vector<CompiledEntry> entries_;
  std::vector<WordBits> needs_;                   ///< per entry: see expression_needs()
  KeyMap<WordForm> words_;                        ///< every form of every entry word
  KeyMap<std::vector<std::uint32_t>> heads_;      ///< forms of compound heads
  KeyMap<std::vector<std::uint32_t>> modifiers_;  ///< forms of compound modifiers (with linking elements)
  KeyMap<int> excluded_;                          ///< literal-sense words: tone blocked (-1 = all)
  std::vector<std::uint64_t> head_lengths_, modifier_lengths_;
  KeyMap<std::int32_t> domain_words_;             ///< every form of every domain word
  KeyMap<std::int32_t> domain_heads_, domain_modifiers_;  ///< compound forms of domain words (see domain_compound)
  std::vector<std::uint64_t> domain_head_lengths_, domain_modifier_lengths_;
  KeyMap<std::pair<MarkerClasses, bool>> markers_;  ///< marker forms: class bits, noun
  KeyMap<std::pair<MarkerClasses, bool>> marker_heads_;  ///< forms of markers with compound=head
  std::vector<std::uint64_t> marker_head_lengths_;
  bool marker_heads_nouns_only_ = true;  ///< every compound-head marker is a noun (counts only capitalized)
  std::vector<std::string> marker_classes_;       ///< class names; bit i is marker_classes_[i]
  std::vector<bool> scoped_tones_;
  std::vector<double> tone_factors_;  ///< per tone: see tone_factor(); empty when no line calibrates
  bool has_scope_ = false;
  bool has_marker_requirements_ = false;
  MarkerClasses percent_sign_markers_;  ///< see percent_sign_markers()
  std::vector<std::pair<MarkerClasses, bool>> form_markers_;  ///< see form_marker()
  std::vector<MarkerClasses> requires_groups_;  ///< the '+' alternatives of requires= (CompiledEntry::requires_groups_begin)
  bool has_price_movements_ = false;
  bool has_accompanied_cues_ = false;
  bool has_numbered_words_ = false;
  const ProfileData* language_ = nullptr;
  int question_tone_ = -1;
  int side_clause_tone_ = -1;
  int negation_operator_tone_ = -1;
  int object_scope_tone_ = -1;
  bool question_rule_ = false;
  std::uint32_t question_name_ = 0;
};

}  // namespace stimmung::detail
