#pragma once
// Generated inflection: the lexicon names lemmas; the engine indexes their inflected forms, so one hash
// lookup per token finds a cue in any form. All strings here are lookup keys (see lookup_key()).
// Decides: the generated forms. Does not decide which entry a colliding form belongs to (lexicon_index.cpp).

#include <string>
#include <string_view>
#include <vector>

#include "stimmung/lexicon.hpp"

namespace stimmung::detail {

/// How a lexicon term writes "any number" before a hyphen: "<n>-Fache" stands for "48-Fache" and "2,5-fache".
inline constexpr std::string_view kNumberPlaceholder = "<n>-";

/// The length of the number a word starts with before its first hyphen ("48" of "48-Fache", "2,5" of
/// "2,5-fache": digits, decimal comma, thousands point); 0 when the word does not start with one.
inline std::size_t number_prefix_length(std::string_view word) noexcept {
  std::size_t n = 0;
  while (n < word.size() && ((word[n] >= '0' && word[n] <= '9') || word[n] == ',' || word[n] == '.')) ++n;
  return n > 0 && n + 1 < word.size() && word[n] == '-' ? n : 0;
}

/// Guesses the part of speech of a word as written in the lexicon: capitalized -> noun, -en/-ern/-eln
/// -> verb, else adjective ("<n>-Fache" by its word after the placeholder).
PartOfSpeech guess_pos(std::string_view written);

/// Forms of a separable verb whose particle stands apart ("brechen ... ein").
struct InflectedForms {
  std::vector<std::string> joined;  ///< forms that match a single token (lemma included)
  std::vector<std::string> split;   ///< finite base forms that need the particle later in the clause
};

/// Inflected forms of @p key (a lookup key of one word) for part of speech @p pos. @p extra are
/// irregular forms from the lexicon (keys); @p particle the separable particle (key) or empty.
InflectedForms inflect(const std::string& key, PartOfSpeech pos, const std::vector<std::string>& extra,
                       const std::string& particle);

/// Forms a compound modifier takes before the head: the word and the word with the linking elements
/// -s-, -es-, -n-, -en-, -e-, and without a final -e ("Sorge" -> "sorgen", "sorg"). The form without -e
/// is made only for keys of six bytes or more: a four-byte stem of a five-byte word begins too many
/// unrelated words ("Aktie" -> "akti" would make "Aktivität" and "Aktivisten" market words).
std::vector<std::string> modifier_forms(const std::string& key);

}  // namespace stimmung::detail
