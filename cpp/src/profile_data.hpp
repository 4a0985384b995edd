#pragma once
// The compiled language profile: every setting of docs/profile-format.md as a plain member, read by the
// rules, the clause segmenter, the candidate filter, the index (anchors, forward-only negators) and the
// sentence splitter.
// Decides: how each setting is kept once parsed (words as lookup keys, splitter words case-folded, tones
// by name until an index resolves them against its lexicon's tones).
// Does not decide: what a valid profile line is (profile.cpp) or what a setting does (the rule using it).
//
// Design notes: the rules read these members directly, like the constants they replaced; a word class is
// a list behind a length, first- and last-byte filter (WordList), scanned when short and hashed when long (the
// splitter's abbreviations), asked only where a rule needs it.

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "key_map.hpp"

namespace stimmung::detail {

/// A class of words (a profile list): the words, and filters on their lengths and first bytes, so that
/// the usual question, a word that is not in the class, is answered without touching the words.
class WordList {
 public:
  void clear() {
    words_.clear();
    slots_.clear();
    lengths_ = 0;
    first_[0] = first_[1] = first_[2] = first_[3] = 0;
    last_[0] = last_[1] = last_[2] = last_[3] = 0;
  }
  void push_back(std::string word) {
    lengths_ |= length_bit(word.size());
    if (!word.empty()) {
      const auto b = static_cast<unsigned char>(word.front());
      first_[b >> 6] |= std::uint64_t{1} << (b & 63);
      const auto e = static_cast<unsigned char>(word.back());
      last_[e >> 6] |= std::uint64_t{1} << (e & 63);
    }
    words_.push_back(std::move(word));
    if (words_.size() > kScanned) index_words();
  }
  [[nodiscard]] auto begin() const noexcept { return words_.begin(); }
  [[nodiscard]] auto end() const noexcept { return words_.end(); }
  [[nodiscard]] bool empty() const noexcept { return words_.empty(); }

  /// Whether @p word may be in the class (its length, first and last byte are those of some word): false
  /// for most words, with at most three bit tests.
  [[nodiscard]] bool might_contain(std::string_view word) const noexcept {
    if (word.empty()) return false;
    const auto b = static_cast<unsigned char>(word.front());
    const auto e = static_cast<unsigned char>(word.back());
    return (first_[b >> 6] & (std::uint64_t{1} << (b & 63))) != 0 && (lengths_ & length_bit(word.size())) != 0 &&
           (last_[e >> 6] & (std::uint64_t{1} << (e & 63))) != 0;
  }
  /// Whether @p word is in the class: might_contain(), then a scan of a short list or one hash probe.
  [[nodiscard]] bool contains(std::string_view word) const noexcept {
    if (!might_contain(word)) return false;
    if (slots_.empty()) {
      for (const std::string& w : words_) {
        if (same(w, word)) return true;
      }
      return false;
    }
    // A long list (the splitter's abbreviations: a hundred short words that pass the filters): one probe.
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t at = hash_key(word) & mask;; at = (at + 1) & mask) {
      if (slots_[at] == kEmpty) return false;
      if (same(words_[slots_[at]], word)) return true;
    }
  }

 private:
  static constexpr std::size_t kScanned = 8;  ///< lists up to this long are scanned; longer ones hashed
  static constexpr std::uint32_t kEmpty = ~std::uint32_t{0};
  static std::uint64_t length_bit(std::size_t n) noexcept { return std::uint64_t{1} << (n < 63 ? n : 63); }
  static bool same(const std::string& w, std::string_view word) noexcept {
    return w.size() == word.size() && std::memcmp(w.data(), word.data(), w.size()) == 0;
  }
  // Open addressing over the word indices, at most a quarter full (rebuilt as the list grows: lists are
  // built once, with the profile).
  void index_words() {
    std::size_t n = 16;
    while (n < 4 * words_.size()) n *= 2;
    slots_.assign(n, kEmpty);
    for (std::uint32_t i = 0; i < words_.size(); ++i) {
      if (contains(words_[i])) continue;  // a word listed twice
      for (std::size_t at = hash_key(words_[i]) & (n - 1);; at = (at + 1) & (n - 1)) {
        if (slots_[at] == kEmpty) {
          slots_[at] = i;
          break;
        }
      }
    }
  }
  std::vector<std::string> words_;
  std::vector<std::uint32_t> slots_;  ///< word indices by hash, kEmpty where none (empty: the list is scanned)
  std::uint64_t lengths_ = 0;
  std::uint64_t first_[4] = {0, 0, 0, 0};
  std::uint64_t last_[4] = {0, 0, 0, 0};
};

struct ProfileData {
  std::vector<std::vector<std::string>> raw;  // per setting (Profile::setting_names() order), as written

  // Clause structure (clauses.cpp): lookup keys.
  WordList relative_pronouns, complementizers, conjunction_openers, adverbial_clause_words;
  WordList list_conjunctions;  ///< "und", "oder", "sowie": they close a list of names ("Siemens, BASF und SAP")
  // Negation (rules/negation.cpp; forward_only_negators in lexicon_index.cpp).
  std::uint32_t negation_reach_after = 0, negation_reach_before = 0, clause_negation_reach = 0;
  WordList negation_cancellers;
  WordList forward_only_negators;  // a trailing '*' matches any ending ("kein*")
  WordList canceller_phrases;  // the negation_cancellers written as phrases ("vom_tisch"), derived by compile()
  /// Finite verbs of ending ("verflogen", "ließ_nach": a separable verb's particle or a reflexive "sich" after
  /// it in its clause): between a cue and a negator after it, the negator denies the ending, not the cue.
  WordList ending_verbs;
  WordList ending_verb_pairs;  // the ending_verbs written with '_' ("ließ_nach"), derived by compile()
  WordList ending_pair_verbs;  // the first words of ending_verb_pairs ("ließ"), derived by compile()
  /// "Von einer Blase zu sprechen, wäre übertrieben": a word that dismisses a way of speaking, and the verbs of
  /// speaking whose zu-infinitive clause it dismisses (rules/negation.cpp).
  WordList dismissive_words, dismissive_phrases, saying_infinitives;
  WordList dismissive_phrase_starts;  // the first words of dismissive_phrases, derived by compile()
  WordList infinitive_markers, affirming_infinitives;  // "nicht zu übersehen" affirms
  WordList no_longer_words, since_words;                // "seit X nicht mehr"
  WordList comparison_words;                            // "so stark wie seit 1987 nicht mehr"
  WordList degree_words;                                // "So nervös waren die Anleger seit Jahren nicht mehr"
  WordList alternative_words, alternative_marks;        // "über Kredite finanziert und nicht aus Gewinnen"
  WordList protest_words;                               // "keine Blase, beteuerte der Fondsmanager"
  WordList likeness_words, likeness_fillers;            // "so nervös wie noch nie": no denial
  WordList comparison_particles;                        // "schneller gebaut, als ...": opens the next clause
  WordList never_words;                                 // "noch nie so nervös": no denial
  std::uint32_t never_degree_reach = 0;
  WordList approximators;                               // "bei einem Umsatz von kaum 15 Milliarden"
  WordList noun_phrase_attributes;                      // "kein Grund zur Panik": the phrase goes on
  std::uint32_t since_reach = 0;
  WordList not_yet_words;        // "noch keine Sorgen": not yet, so weakened, not denied
  double not_yet_factor = 1.0;
  WordList belief_words;         // "rechnet nicht damit, dass ...": a negated belief denies its "dass" clause
  WordList denial_words;         // "bestreitet, dass ...": a verb of denial denies its "dass" clause
  WordList denial_particles, denial_particle_verbs;  // "weist ... zurück": a separable verb of denial
  std::uint32_t belief_reach = 0;
  std::uint32_t denied_belief_reach = 0;  // "Eine Blase sieht der Verband trotz ... nicht": the clause's cues
  WordList purpose_openers;  // "um ... zu", "ohne ... zu": an infinitive clause that is no belief's content
  WordList presupposing_words;  // "trotz des Kursrutsches keine Panik": the fall is not denied
  std::uint32_t presupposing_reach = 0;
  // Market scope (rules/market_scope.cpp): "der Hype um fermentierte Limonaden" is about its object.
  WordList object_prepositions;
  std::uint32_t object_reach = 0;
  std::string object_scope_tone;  // empty: none
  std::string negation_operator_tone;  // empty: none
  // Intensity (rules/intensity.cpp).
  std::uint32_t modifier_reach = 0;
  WordList modifier_blockers;
  // Candidates (candidates.cpp).
  std::uint32_t particle_reach = 0;
  WordList particle_governed, first_person, determiners;
  WordList governed_phrases;  // the particle_governed written as phrases ("wie_vor"), derived by compile()
  // Side clauses (rules/side_clause.cpp).
  std::string side_clause_tone;
  double side_clause_factor = 1.0;
  // Reported speech (rules/reported_speech.cpp).
  std::uint32_t reported_reach = 0;
  double reported_factor = 1.0;
  WordList perfect_auxiliaries;
  std::uint32_t participle_min_length = 0;
  WordList participle_endings;
  // Questions (rules/question.cpp): marks as written.
  std::string question_tone;
  double question_weight = 0.0;
  WordList question_marks;
  WordList reason_interrogatives;  // "Warum steckt die Luftblase fest?": asks why, takes the content for granted
  // Price movements (rules/price_movement.cpp): signs as written.
  WordList percent_words, percent_signs, level_words, circumstance_words, causative_words, from_words, magnitude_words, by_words, range_words;
  /// A stock index ("Dax", "Nasdaq", "Leitindex") in a fall cue's clause: the cue's size threshold (min=) times
  /// index_movement_factor, since an index moves less than a single share ("Der Dax verlor 1,8 Prozent").
  WordList index_words;
  double index_movement_factor = 1.0;
  // Expression anchors (lexicon_index.cpp).
  WordList frequent_words;
  // Sentence splitter (segment.cpp): case-folded.
  WordList abbreviations, final_abbreviations, amounts, units, legal_forms, months, ordinal_context, domains;
};

/// Whether a negator whose first word has lookup key @p key binds only forwards ("kein*", "ohne").
inline bool forward_only(const ProfileData& p, std::string_view key) noexcept {
  for (const std::string& w : p.forward_only_negators) {
    if (!w.empty() && w.back() == '*' ? key.starts_with(std::string_view(w).substr(0, w.size() - 1)) : key == w) {
      return true;
    }
  }
  return false;
}

}  // namespace stimmung::detail
