#pragma once
// The Engine: what a Scorer shares between threads, built once from a lexicon and then read-only.
// Decides: what a Scorer owns (its lexicon, options with the language profile, and the LexiconIndex
// compiled from both) and the entry points
// for scoring one sentence or one document.
// Does not decide: how a sentence is scored (sentence_pipeline.cpp runs the stages), how documents are
// split (segment.cpp) or how a lexicon is compiled (lexicon_index.cpp).

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cancel.hpp"
#include "lexicon_index.hpp"
#include "stimmung/lexicon.hpp"
#include "stimmung/result.hpp"
#include "stimmung/scorer.hpp"

namespace stimmung::detail {

/// What the market-scope rule saw in one sentence, for its document's decision (document.cpp).
struct SentenceDomain {
  double market = 0.0;       ///< weights of its market words
  double nonmarket = 0.0;    ///< weights of its words of other domains
  std::int8_t scope = 0;     ///< its own decision: 1 market, -1 another domain, 0 neither
  bool scoped_cues = false;  ///< it has a cue of a tone scoped to markets
  /// Set by the caller: false when the document's decision is already known (its earlier sentences' market
  /// evidence reached 1), so the sentence's own evidence need not be summed; market and nonmarket stay 0.
  bool evidence_needed = true;
};

/// Unicode's sentence boundaries (UAX #29) of @p text as ICU finds them, appended to @p out as byte offsets
/// plus @p base; the end of a non-empty text counts as one. Returns false, leaving @p out as it was, when the
/// text holds what the scanner leaves to ICU (Extend or Format characters, invalid UTF-8)
/// (sentence_breaks.cpp).
bool sentence_breaks(std::string_view text, std::uint32_t base, std::vector<std::uint32_t>& out);
/// The same from ICU's sentence break iterator itself, for any text (segment.cpp).
void icu_sentence_breaks(std::string_view text, std::uint32_t base, std::vector<std::uint32_t>& out);

/// split_sentences with the splitter lists of @p lang, feeding @p meter (may be null) as it goes (segment.cpp).
std::vector<SentenceSpan> split_sentences(std::string_view text, const ProfileData& lang, CancelMeter* meter);
/// split_sentences of @p text that may be invalid UTF-8: nullopt when it is (the caller then replaces the
/// invalid bytes and splits again). Valid text costs no separate validation (segment.cpp).
std::optional<std::vector<SentenceSpan>> split_sentences_if_valid(std::string_view text, const ProfileData& lang,
                                                                  CancelMeter* meter);

// Shared from this: the thread that asks for huge pages (count_scored) keeps the engine, and so its index,
// alive while it works on the index's memory.
class Engine : public std::enable_shared_from_this<Engine> {
 public:
  // The index points into the lexicon's entries, which its shared data keeps in place when it moves, and
  // at the profile's settings, which options_.profile shares.
  Engine(Lexicon lexicon, ScorerOptions options)
      : lexicon_(std::move(lexicon)), options_(std::move(options)), index_(lexicon_, options_.profile) {}

  /// Scores text[begin, end) as one sentence; nothing when it is not valid UTF-8 (the check happens while
  /// tokenizing, so valid text pays for no separate pass).
  /// With @p domain, also what the market-scope rule saw (computed for every sentence then).
  /// A sentence longer than kWindowBytes is scored in windows (cancel.hpp); @p meter, if given, counts
  /// the bytes scored and may throw CancelledError.
  [[nodiscard]] std::optional<SentenceScore> score_sentence(std::string_view text, std::uint32_t begin,
                                                            std::uint32_t end, std::uint32_t cp_begin,
                                                            SentenceDomain* domain = nullptr,
                                                            CancelMeter* meter = nullptr) const;
  /// score_sentence into a document's flat arrays: its span into @p out (all but first_cue), its cues
  /// appended to @p cues, one score per tone into @p scores; false when it is not valid UTF-8. With
  /// @p count_first, a sentence long enough for windows is counted first and @p cues reserved at its size.
  bool explain_sentence(std::string_view text, std::uint32_t begin, std::uint32_t end, std::uint32_t cp_begin,
                        DocumentSentence& out, std::vector<Cue>& cues, double* scores, SentenceDomain* domain,
                        CancelMeter* meter, bool count_first) const;
  /// The numbers of score_sentence over text[begin, end): one score per tone into @p scores, and the
  /// number of cues as the result; nothing (and no scores) when it is not valid UTF-8. Builds no Cue.
  [[nodiscard]] std::optional<std::size_t> score_sentence_into(std::string_view text, std::uint32_t begin,
                                                               std::uint32_t end, double* scores,
                                                               SentenceDomain* domain = nullptr,
                                                               CancelMeter* meter = nullptr) const;
  /// The numbers of score_document: per tone into @p mean, @p max and @p share, the number of sentences
  /// into @p n_sentences, and the number of cues as the result. Builds no SentenceScore or Cue.
  std::size_t score_document_into(std::string_view text, double* mean, double* max, double* share,
                                  std::size_t& n_sentences, CancelMeter* meter = nullptr) const;
  [[nodiscard]] DocumentScore score_document(std::string_view text, CancelMeter* meter = nullptr) const;

  /// Counts @p bytes as about to be scored; the call that brings the count to kHugePagesAfterBytes asks for
  /// huge pages over the index (memory_advice.hpp), on a thread of its own when a shared_ptr owns the engine
  /// (as a Scorer's does), else at once: a corpus of news gains 5-11% from then on, and a Scorer that
  /// scores a few sentences leaves the process's memory as it was.
  /// @return Whether this call crossed the mark (one call of all, whatever the threads): the callers ignore
  /// it, the tests count it.
  bool count_scored(std::size_t bytes) const noexcept;
  /// Whether count_scored has asked for huge pages (whatever the kernel then did): never when
  /// STIMMUNG_HUGE_PAGES was "0" when the engine was built.
  [[nodiscard]] bool huge_pages_asked() const noexcept { return huge_pages_asked_.load(std::memory_order_acquire); }

  [[nodiscard]] const Lexicon& lexicon() const noexcept { return lexicon_; }
  [[nodiscard]] const ScorerOptions& options() const noexcept { return options_; }
  [[nodiscard]] const std::vector<std::string>& tones() const noexcept { return index_.tones(); }
  [[nodiscard]] const LexiconIndex& index() const noexcept { return index_; }
  [[nodiscard]] const Profile& profile() const noexcept { return options_.profile; }

 private:
  bool explain_windows(std::string_view text, std::uint32_t begin, std::uint32_t end, std::uint32_t cp_begin,
                       DocumentSentence& out, std::vector<Cue>& cues, double* scores, SentenceDomain* domain,
                       CancelMeter* meter, bool count_first) const;
  [[nodiscard]] std::optional<std::size_t> score_windows_into(std::string_view text, std::uint32_t begin,
                                                              std::uint32_t end, double* scores,
                                                              SentenceDomain* domain, CancelMeter* meter) const;

  Lexicon lexicon_;
  ScorerOptions options_;
  LexiconIndex index_;
  // Bookkeeping for count_scored, which changes where the index's bytes live, never what a score is. The
  // switch is read once, here, not on the scoring thread that crosses the mark (getenv races with setenv).
  bool huge_pages_wanted_ = !huge_pages_turned_off();
  mutable std::atomic<std::uint64_t> scored_bytes_{0};
  mutable std::atomic<bool> huge_pages_asked_{false};
};

/// The engine behind a Scorer, for the library's own tests (the public API does not show it).
struct ScorerAccess {
  static const Engine& engine(const Scorer& scorer) noexcept { return *scorer.engine_; }
};

}  // namespace stimmung::detail
