#pragma once
/// @file result.hpp
/// @brief What scoring returns: scores per tone and the cues behind them.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace stimmung {

/// @brief Modifiers that changed a cue's weight (bit flags).
enum Modifier : std::uint32_t {
  kNegated = 1U << 0,     ///< a negator reaches the cue (its evidence is cancelled)
  kBoosted = 1U << 1,     ///< an intensifier ("extrem") precedes it
  kDampened = 1U << 2,    ///< a downtoner ("etwas", "gewisse") precedes it
  kContrast = 1U << 3,    ///< it follows a contrast word ("doch", "aber")
  kSideClause = 1U << 4,  ///< it stands in a subordinate clause
  kReported = 1U << 5,    ///< reportative reading ("soll ... haben")
  kQuestion = 1U << 6,    ///< it belongs to a question
  kOutOfScope = 1U << 7,  ///< a market tone in a sentence about something else (sport, weather, ...): weight 0
};

/// @return The names of the bits set in @p modifiers ("negated", "boosted", ...).
[[nodiscard]] std::vector<std::string_view> modifier_names(std::uint32_t modifiers);

/// @brief A lexicon entry (or rule) that fired in a sentence.
struct Cue {
  std::string surface;     ///< the matched text as it stands in the input
  std::string term;        ///< the lexicon term (or a rule name in angle brackets, e.g. "<question>")
  std::string tone;        ///< the tone it speaks for
  std::string match;       ///< "exact", "inflected", "compound", "phrase", "separable" or "rule"
  double base_weight = 0;  ///< the weight in the lexicon
  double weight = 0;       ///< the effective weight after the modifiers (may be 0 or negative)
  std::uint32_t begin = 0, end = 0;        ///< byte offsets into the scored text (half-open)
  std::uint32_t cp_begin = 0, cp_end = 0;  ///< code-point offsets (Python string indices)
  std::uint32_t modifiers = 0;             ///< Modifier bits

  /// Equal when every field is (results are values; the Python objects compare the same way).
  [[nodiscard]] bool operator==(const Cue&) const = default;
};

/// @brief Scores of one sentence. `scores[i]` belongs to tone `tones[i]` of the Scorer
/// (0 bubble, 1 nervousness, 2 hedging, then user-defined tones).
struct SentenceScore {
  std::vector<double> scores;  ///< each in [0, 1]; >= 0.5 means the tone is present
  std::vector<Cue> cues;       ///< every cue that fired, in text order
  std::uint32_t begin = 0, end = 0;        ///< the sentence's byte span in the scored text
  std::uint32_t cp_begin = 0, cp_end = 0;  ///< its code-point span
  std::uint32_t n_tokens = 0;              ///< tokens in the sentence
  /// Market context as the scope rule decided it: 1 the sentence names markets or the economy, 0 it names
  /// another domain (sport, weather, health, ...) and no market, so market tones count 0; 0.5 neither (a
  /// document then decides from all its sentences; alone, the sentence keeps its tones).
  double market = 0.5;

  [[nodiscard]] double bubble() const noexcept { return scores.size() > 0 ? scores[0] : 0.0; }
  [[nodiscard]] double nervousness() const noexcept { return scores.size() > 1 ? scores[1] : 0.0; }
  [[nodiscard]] double hedging() const noexcept { return scores.size() > 2 ? scores[2] : 0.0; }

  [[nodiscard]] bool operator==(const SentenceScore&) const = default;
};

/// @brief A document: its sentences and per-tone aggregates.
struct DocumentScore {
  std::vector<SentenceScore> sentences;
  std::vector<double> mean;   ///< mean sentence score per tone (0 for an empty document)
  std::vector<double> max;    ///< highest sentence score per tone
  std::vector<double> share;  ///< share of sentences whose score is >= 0.5, per tone
  double market = 0.5;        ///< the document's market context (as SentenceScore::market), from all its sentences
  std::string text;           ///< the scored text when it differs from the input (invalid UTF-8 replaced)
  std::size_t replaced_bytes = 0;  ///< how many invalid sequences were replaced

  [[nodiscard]] bool operator==(const DocumentScore&) const = default;
};

}  // namespace stimmung
