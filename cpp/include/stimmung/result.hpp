#pragma once
/// @file result.hpp
/// @brief What scoring returns: scores per tone and the cues behind them.
///
/// Design notes: a 50 MB record of news yields millions of cues, so a result is laid out for size. A Cue
/// owns no string: its term, tone and base weight are one 32-bit id of a name interned for the process
/// lifetime (detail::cue_name; a Scorer interns its names when it is built, so scoring never takes the
/// pool's lock), its match kind is a byte, and its surface is read off the scored text by its offsets.
/// An id, not a pointer, because a pointer per name (or two, term and tone) does not fit the cue into 32
/// bytes; and the pool, not the Scorer, owns the names, so a Cue stays valid after its Scorer and its
/// result are gone. A DocumentScore keeps all its cues in one vector and all its sentence scores in
/// another, each sentence indexing its range (two heap blocks per document instead of two per sentence).

#include <cstddef>
#include <cstdint>
#include <span>
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
  kProtested = 1U << 8,   ///< negated, but the denial is a protest ("beteuerte"): the tone stays, at most weight 1
};

/// @return The names of the bits set in @p modifiers ("negated", "boosted", ...).
[[nodiscard]] std::vector<std::string_view> modifier_names(std::uint32_t modifiers);

/// @brief How a cue matched its text.
enum class MatchKind : std::uint8_t {
  exact,      ///< the lexicon's written form
  inflected,  ///< a generated inflection of it
  compound,   ///< the head (or a part) of a compound ("KI-Blase")
  separable,  ///< a separable verb with its particle later in the clause
  phrase,     ///< a multi-word expression
  rule,       ///< a sentence-level rule ("<question>")
};

/// @return "exact", "inflected", "compound", "separable", "phrase" or "rule".
[[nodiscard]] std::string_view match_name(MatchKind kind) noexcept;
/// @return The MatchKind called @p name. @throws std::invalid_argument for an unknown name.
[[nodiscard]] MatchKind match_kind(std::string_view name);

namespace detail {
/// The name of a cue: what its lexicon entry (or rule) says, shared by every cue of that entry.
struct CueName {
  std::string term;
  std::string tone;
  double base_weight = 0.0;
};
/// Interns (term, tone, base_weight) for the process lifetime and returns its id (the same id for the
/// same three values). Thread-safe (takes a lock); names are never freed. Id 0 is the empty name.
/// @throws Error when 2^28 distinct names have been interned.
[[nodiscard]] std::uint32_t intern_cue_name(std::string_view term, std::string_view tone, double base_weight);
/// The name of an id from intern_cue_name. Takes no lock: the storage of a name never moves.
[[nodiscard]] const CueName& cue_name(std::uint32_t id) noexcept;
}  // namespace detail

/// @brief A lexicon entry (or rule) that fired in a sentence. 32 bytes: see the design notes above.
///
/// @code
/// for (const stimmung::Cue& c : result.cues) std::cout << c.surface(text) << " " << c.tone() << "\n";
/// @endcode
struct Cue {
  double weight = 0;  ///< the effective weight after the modifiers (may be 0 or negative)
  std::uint32_t begin = 0, end = 0;        ///< byte offsets into the scored text (half-open)
  std::uint32_t cp_begin = 0, cp_end = 0;  ///< code-point offsets (Python string indices)
  /// Its interned term, tone and base weight (detail::intern_cue_name); set it with set_name().
  std::uint32_t name_id = 0;
  std::uint16_t modifiers = 0;        ///< Modifier bits
  MatchKind match = MatchKind::exact;  ///< how it matched

  /// @return The lexicon term (or a rule name in angle brackets, e.g. "<question>"); valid for the process
  /// lifetime.
  [[nodiscard]] std::string_view term() const noexcept { return detail::cue_name(name_id).term; }
  /// @return The tone it speaks for; valid for the process lifetime.
  [[nodiscard]] std::string_view tone() const noexcept { return detail::cue_name(name_id).tone; }
  /// @return The weight in the lexicon.
  [[nodiscard]] double base_weight() const noexcept { return detail::cue_name(name_id).base_weight; }
  /// @return The matched text as it stands in @p scored_text: the text given to the scoring call, or the
  /// result's `text` when that is not empty (invalid UTF-8 replaced).
  [[nodiscard]] std::string_view surface(std::string_view scored_text) const {
    return scored_text.substr(begin, end - begin);
  }
  /// @brief Sets term, tone and base weight (interns them: takes the pool's lock).
  void set_name(std::string_view term, std::string_view tone, double base_weight) {
    name_id = detail::intern_cue_name(term, tone, base_weight);
  }

  /// Equal when every field is (equal names have equal ids).
  [[nodiscard]] bool operator==(const Cue&) const = default;
};
static_assert(sizeof(Cue) <= 32, "a Cue is the bulk of a large result: keep it at 32 bytes");

/// @brief Scores of one sentence. `scores[i]` belongs to tone `tones[i]` of the Scorer
/// (0 bubble, 1 nervousness, 2 hedging, then user-defined tones).
struct SentenceScore {
  std::vector<double> scores;  ///< each in [0, 1]; >= 0.5 means the tone is present
  std::vector<Cue> cues;       ///< every cue that fired, in text order
  std::string text;            ///< the scored text when it differs from the input (invalid UTF-8 replaced)
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
  /// @return The scored text: `text` when bytes were replaced, else @p input (the text given to score()).
  [[nodiscard]] std::string_view scored_text(std::string_view input) const noexcept {
    return text.empty() ? input : std::string_view(text);
  }

  [[nodiscard]] bool operator==(const SentenceScore&) const = default;
};

/// @brief One sentence of a DocumentScore: its span, and where its cues start in DocumentScore::cues.
struct DocumentSentence {
  std::uint32_t begin = 0, end = 0;        ///< byte span in the scored text
  std::uint32_t cp_begin = 0, cp_end = 0;  ///< code-point span
  std::uint32_t n_tokens = 0;              ///< tokens in the sentence
  std::uint32_t first_cue = 0;             ///< index of its first cue in DocumentScore::cues
  double market = 0.5;                     ///< as SentenceScore::market

  /// Copies the span, token count and market context (not scores or cues) into @p out.
  void copy_span_to(SentenceScore& out) const noexcept {
    out.begin = begin;
    out.end = end;
    out.cp_begin = cp_begin;
    out.cp_end = cp_end;
    out.n_tokens = n_tokens;
    out.market = market;
  }

  [[nodiscard]] bool operator==(const DocumentSentence&) const = default;
};

/// @brief A document: its sentences and per-tone aggregates.
///
/// The sentences' scores and cues lie in two flat vectors; read them per sentence with the span
/// accessors, or as an owning SentenceScore with sentence():
/// @code
/// for (std::size_t i = 0; i < doc.size(); ++i) {
///   const double bubble = doc.scores_of(i)[0];
///   for (const stimmung::Cue& c : doc.cues_of(i)) use(c.surface(doc.scored_text(input)), c.weight);
/// }
/// @endcode
struct DocumentScore {
  std::vector<DocumentSentence> sentences;  ///< in text order
  std::vector<double> scores;  ///< n_tones per sentence, row-major (sentence i at i * n_tones)
  std::vector<Cue> cues;       ///< all cues, sentence after sentence, each sentence's in text order
  std::vector<double> mean;    ///< mean sentence score per tone (0 for an empty document)
  std::vector<double> max;     ///< highest sentence score per tone
  std::vector<double> share;   ///< share of sentences whose score is >= 0.5, per tone
  double market = 0.5;         ///< the document's market context (as SentenceScore::market), from all its sentences
  std::string text;            ///< the scored text when it differs from the input (invalid UTF-8 replaced)
  std::size_t replaced_bytes = 0;  ///< how many invalid sequences were replaced

  /// @return The number of sentences.
  [[nodiscard]] std::size_t size() const noexcept { return sentences.size(); }
  /// @return The number of tones (scores per sentence).
  [[nodiscard]] std::size_t n_tones() const noexcept { return mean.size(); }
  /// @return Sentence @p i's score per tone.
  [[nodiscard]] std::span<const double> scores_of(std::size_t i) const noexcept {
    return std::span<const double>(scores).subspan(i * n_tones(), n_tones());
  }
  /// @return Sentence @p i's cues, in text order.
  [[nodiscard]] std::span<const Cue> cues_of(std::size_t i) const noexcept {
    const std::size_t first = sentences[i].first_cue;
    const std::size_t last = i + 1 < sentences.size() ? sentences[i + 1].first_cue : cues.size();
    return std::span<const Cue>(cues).subspan(first, last - first);
  }
  /// @return Sentence @p i as an owning SentenceScore (a copy; its offsets refer to the document).
  [[nodiscard]] SentenceScore sentence(std::size_t i) const {
    const DocumentSentence& s = sentences[i];
    const auto sc = scores_of(i);
    const auto cs = cues_of(i);
    SentenceScore out;
    out.scores.assign(sc.begin(), sc.end());
    out.cues.assign(cs.begin(), cs.end());
    s.copy_span_to(out);
    return out;
  }
  /// @return The scored text: `text` when bytes were replaced, else @p input (the text given to the call).
  [[nodiscard]] std::string_view scored_text(std::string_view input) const noexcept {
    return text.empty() ? input : std::string_view(text);
  }

  [[nodiscard]] bool operator==(const DocumentScore&) const = default;
};

}  // namespace stimmung
