#pragma once
/// @file scorer.hpp
/// @brief The Scorer: compile a lexicon once, score sentences, documents and batches many times.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "stimmung/lexicon.hpp"
#include "stimmung/normalize.hpp"
#include "stimmung/profile.hpp"
#include "stimmung/result.hpp"

namespace stimmung {

namespace detail {
class Engine;
struct ScorerAccess;
}

/// @brief The rule families (see docs/architecture.md). Switching one off (ScorerOptions::rules_off) shows
/// what it contributes: evaluation reports and tests use it; production scoring keeps all on.
enum RuleFamily : std::uint32_t {
  kRuleNegation = 1U << 0,        ///< negators before and after a cue, clause negators
  kRuleIntensity = 1U << 1,       ///< boosters and dampeners
  kRuleContrast = 1U << 2,        ///< contrast words weigh up what follows
  kRuleSideClause = 1U << 3,      ///< hedging in a side clause weighs less
  kRuleReportedSpeech = 1U << 4,  ///< reportative "soll ... haben"
  kRuleMarketScope = 1U << 5,     ///< market tones count 0 in sentences about another domain
  kRuleQuestion = 1U << 6,        ///< an open question is hedged
  kRulePriceMovement = 1U << 7,   ///< fall verbs count with a large enough fall (off: they never count)
  kRuleMarkers = 1U << 8,         ///< cues that require a marker count with one in their sentence (off: never)
};

/// @return The names of the rule families ("negation", "intensity", "contrast", "side_clause",
/// "reported_speech", "market_scope", "question", "price_movement", "markers"), in bit order.
[[nodiscard]] const std::vector<std::string_view>& rule_family_names();
/// @return The bit of the rule family called @p name. @throws std::invalid_argument for an unknown name.
[[nodiscard]] std::uint32_t rule_family(std::string_view name);

/// @brief The longest text, in bytes of UTF-8, that the scoring functions, split_sentences and tokenize
/// accept: 4 GiB - 1. Offsets in results (Cue, SentenceScore, SentenceSpan, Token) are 32-bit, so a longer
/// text could not be described; it is refused with InvalidInputError instead of being scored with offsets
/// that wrap around. A batch checks all its texts before scoring any, so a caller that wants one failed
/// record instead of a failed batch compares each text's size with this first (the `stimmung score` CLI
/// does, and gives such a record an error row). A text with invalid UTF-8 is checked again after the
/// replacement, which can make it longer (one byte becomes the three of U+FFFD).
inline constexpr std::size_t kMaxTextBytes = std::numeric_limits<std::uint32_t>::max();

/// @brief Options fixed when a Scorer is built.
struct ScorerOptions {
  Utf8Policy utf8 = Utf8Policy::replace;  ///< what invalid UTF-8 input gets
  std::uint32_t rules_off = 0;            ///< RuleFamily bits of families switched off (0: all on)
  Profile profile{};                      ///< the language profile the rules read (the built-in German one)
};

/// @brief Cooperative cancellation of one scoring call.
///
/// The engine looks at it every 256 KB of text it has scored (kCancelCheckBytes), also inside one
/// long text, a long sentence and the sentence splitter, so a call stops within milliseconds of a request
/// whatever its input; then it throws CancelledError. Texts shorter than that are never interrupted.
///
/// @code
/// std::atomic<bool> stop{false};           // set from another thread, or:
/// stimmung::Cancellation cancel{&stop, [] { return interrupted_by_user(); }};
/// auto doc = scorer.score_document(huge_text, cancel);
/// @endcode
struct Cancellation {
  /// Set to true by any thread to stop the call.
  const std::atomic<bool>* flag = nullptr;
  /// Called on the scoring thread at each check; returning true stops the call. The Python bindings
  /// check for signals (Ctrl-C) here. In a batch it is called from the worker threads.
  std::function<bool()> poll;

  /// @return Whether the call is to stop now.
  [[nodiscard]] bool requested() const {
    return (flag != nullptr && flag->load(std::memory_order_relaxed)) || (poll && poll());
  }
};

/// @brief Bytes of text scored between two looks at a Cancellation (a few milliseconds of work).
inline constexpr std::size_t kCancelCheckBytes = std::size_t{1} << 18;

/// @brief Options of a batch call.
struct BatchOptions {
  int n_threads = 0;  ///< worker threads; 0 or negative means all hardware threads
  /// If set, workers stop soon after it becomes true (checked between chunks of texts and every
  /// kCancelCheckBytes inside them) and the call throws CancelledError.
  const std::atomic<bool>* cancel = nullptr;
};

/// @brief Caller-owned buffers for Scorer::score_document_batch_into.
struct DocumentAggregates {
  std::span<double> mean;   ///< mean sentence score per text and tone (row-major)
  std::span<double> max;    ///< highest sentence score per text and tone
  std::span<double> share;  ///< share of sentences scoring >= 0.5, per text and tone
  std::span<std::int64_t> n_sentences;  ///< sentences per text
  std::span<std::int64_t> n_cues;       ///< cues per text, over all its sentences
};

/// @brief Scores German text for the tones of its lexicon.
///
/// A Scorer is immutable after construction and safe to share between threads; copies are cheap and
/// share the compiled lexicon.
class Scorer {
 public:
  /// @brief Compiles @p lexicon (the built-in one by default).
  explicit Scorer(const Lexicon& lexicon = Lexicon::builtin(), ScorerOptions options = {});

  /// @brief Scores @p text as one sentence. Offsets in the result refer to @p text, or, when invalid
  /// UTF-8 was replaced, to the repaired text, which the result keeps in SentenceScore::text (read cue
  /// surfaces with `cue.surface(result.scored_text(text))`).
  /// @remarks O(n) in the text length.
  /// @throws InvalidInputError when @p text is longer than kMaxTextBytes.
  [[nodiscard]] SentenceScore score(std::string_view text) const;
  /// @brief score() that stops when @p cancel asks for it (checked every kCancelCheckBytes of text).
  /// @throws CancelledError when it stopped.
  [[nodiscard]] SentenceScore score(std::string_view text, const Cancellation& cancel) const;

  /// @brief Splits @p text into sentences (German-aware) and scores each. The result's cues and scores lie
  /// in flat vectors (DocumentScore::cues_of, scores_of); offsets refer to DocumentScore::scored_text.
  /// @remarks A text over 1 MB is scored twice, numbers first, so that its cues are allocated once.
  /// @throws InvalidInputError when @p text is longer than kMaxTextBytes.
  [[nodiscard]] DocumentScore score_document(std::string_view text) const;
  /// @brief score_document() that stops when @p cancel asks for it (checked every kCancelCheckBytes of text,
  /// in the splitter as well as in the scoring).
  /// @throws CancelledError when it stopped.
  [[nodiscard]] DocumentScore score_document(std::string_view text, const Cancellation& cancel) const;

  /// @brief Scores each text as a sentence on a thread pool. Results are in input order and identical
  /// for every thread count. An empty text yields an all-zero score without cues.
  /// @throws InvalidInputError naming the first text longer than kMaxTextBytes, before any is scored
  /// (this and the other batch functions).
  [[nodiscard]] std::vector<SentenceScore> score_batch(std::span<const std::string_view> texts,
                                                       BatchOptions options = {}) const;

  /// @brief score_batch that keeps only the numbers: row i of the row-major @p scores (texts.size() x
  /// tones().size()) and n_cues[i] receive text i's scores and cue count. No per-text result is kept, so
  /// memory does not grow with the batch; buffers can be handed over without a copy (numpy, Arrow).
  /// @throws InvalidInputError when the buffer sizes do not match.
  void score_batch_into(std::span<const std::string_view> texts, std::span<double> scores,
                        std::span<std::int64_t> n_cues, BatchOptions options = {}) const;

  /// @brief score_document for each text, on a thread pool, in input order.
  [[nodiscard]] std::vector<DocumentScore> score_document_batch(std::span<const std::string_view> texts,
                                                                BatchOptions options = {}) const;

  /// @brief Only the numbers of score_document_batch, written into caller-owned buffers: for text i,
  /// row i of `mean`, `max` and `share` (row-major, texts.size() x tones().size() each), its number of
  /// sentences and its total number of cues. Builds no SentenceScore or Cue, so it is the fast path for
  /// document-level tables.
  /// @throws InvalidInputError when the buffer sizes do not match.
  void score_document_batch_into(std::span<const std::string_view> texts, const DocumentAggregates& out,
                                 BatchOptions options = {}) const;

  /// @return The tone names, index-aligned with SentenceScore::scores.
  [[nodiscard]] const std::vector<std::string>& tones() const noexcept;
  /// @return The lexicon this scorer was built from.
  [[nodiscard]] const Lexicon& lexicon() const noexcept;
  /// @return The options this scorer was built with.
  [[nodiscard]] const ScorerOptions& options() const noexcept;
  /// @return The language profile this scorer was built with (options().profile).
  [[nodiscard]] const Profile& profile() const noexcept;
  /// @return The fingerprint of the lexicon and profile in use: Lexicon::fingerprint(const Profile&).
  [[nodiscard]] std::string fingerprint() const;

 private:
  friend struct detail::ScorerAccess;  // the library's own tests look at the engine behind a Scorer
  std::shared_ptr<const detail::Engine> engine_;
};

/// @brief Sentence spans of a document (byte offsets, half-open), German-aware.
struct SentenceSpan {
  std::uint32_t begin = 0, end = 0;
};

/// @brief Splits valid UTF-8 @p text into sentences: Unicode sentence boundaries (Boost.Locale, ICU)
/// with fixes for German news: abbreviations, ordinals and dates, line breaks after headlines and
/// bullets. Leading and trailing whitespace is excluded from each span; empty spans are dropped.
/// @throws InvalidInputError when @p text is longer than kMaxTextBytes.
[[nodiscard]] std::vector<SentenceSpan> split_sentences(std::string_view text);
/// @brief split_sentences() that stops when @p cancel asks for it (checked every kCancelCheckBytes).
/// @throws CancelledError when it stopped.
[[nodiscard]] std::vector<SentenceSpan> split_sentences(std::string_view text, const Cancellation& cancel);
/// @brief split_sentences() with the abbreviations, units, months and domains of @p profile (the built-in
/// profile's are those of the overloads without one); Scorer::score_document splits with its own profile.
[[nodiscard]] std::vector<SentenceSpan> split_sentences(std::string_view text, const Profile& profile);
/// @brief split_sentences(text, profile) that stops when @p cancel asks for it.
/// @throws CancelledError when it stopped.
[[nodiscard]] std::vector<SentenceSpan> split_sentences(std::string_view text, const Profile& profile,
                                                        const Cancellation& cancel);

/// @brief Plain Unicode (ICU) sentence boundaries without the German fixes, for comparison.
[[nodiscard]] std::vector<SentenceSpan> split_sentences_icu(std::string_view text);

/// @brief Log levels of stimmung's logger ("stimmung", spdlog).
enum class LogLevel { trace, debug, info, warn, error, critical, off };
/// @brief Sets the level of stimmung's logger (default: warn).
void set_log_level(LogLevel level);
/// @return The current level of stimmung's logger.
[[nodiscard]] LogLevel log_level();

/// @return The library version ("0.1.0").
[[nodiscard]] std::string_view version() noexcept;

}  // namespace stimmung
