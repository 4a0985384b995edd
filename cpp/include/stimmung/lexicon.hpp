#pragma once
/// @file lexicon.hpp
/// @brief The lexicon: cue words and phrases per tone plus the function words the rules use.
/// The format is documented in docs/lexicon-format.md.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace stimmung {

class Profile;

/// @brief The role of a lexicon entry.
/// The last five place a sentence in a domain or read numbers: `market` and `nonmarket` words decide
/// whether the tones a `scope` line names speak of markets; `figure` words (Umsatz, Gewinn) name business
/// figures, whose falls are no market stress; `number` words are numerals ("drei") or shares ("Fünftel").
enum class EntryKind : std::uint8_t {
  cue, negator, booster, dampener, contrast, certainty, clause, exclude, market, nonmarket, scope, figure, number,
  marker, calibration
};

/// @brief Part of speech, which decides the inflected forms generated for an entry.
enum class PartOfSpeech : std::uint8_t { automatic, noun, verb, adjective, other };

/// @brief How an entry may match inside compounds.
enum class CompoundRole : std::uint8_t { none, head, modifier, both };

/// @return The lexicon spelling of @p kind ("cue", "negator", ...).
[[nodiscard]] std::string_view to_string(EntryKind kind) noexcept;
/// @return The lexicon spelling of @p pos ("auto", "noun", "verb", "adj", "other").
[[nodiscard]] std::string_view to_string(PartOfSpeech pos) noexcept;
/// @return The lexicon spelling of @p role ("none", "head", "modifier", "both").
[[nodiscard]] std::string_view to_string(CompoundRole role) noexcept;

/// @brief One line of a lexicon file.
struct LexiconEntry {
  std::string term;          ///< word or space-separated multi-word expression, as written
  std::string tone;          ///< tone name, or empty for function words
  double weight = 1.0;       ///< see docs/lexicon-format.md
  EntryKind kind = EntryKind::cue;
  PartOfSpeech pos = PartOfSpeech::automatic;  ///< automatic: guessed per word (see the format doc)
  CompoundRole compound = CompoundRole::none;
  bool exact = false;        ///< no inflected forms
  bool free_order = false;   ///< MWE words in any order within the clause
  bool kon1 = false;         ///< Konjunktiv I form that is also an indicative first-person form
  bool reportative = false;  ///< reportative modal ("soll")
  bool clause_scope = false; ///< negator that negates every cue of its clause ("keine Rede")
  std::uint8_t gap = 0;      ///< MWE: words allowed between consecutive expression words
  double min_percent = 0.0;  ///< cue: counts only with a fall of at least this many percent in its clause (0: always)
  double min_ratio = 0.0;    ///< cue: counts only with a number of at least this on it or after it ("KGV von 119", 0: always)
  bool percent = false;      ///< number: the word is itself a share in percent ("Fünftel" = 20)
  bool price = false;        ///< cue: a price's fall; does not count in a clause that names a business figure
  std::string marker_class;  ///< marker: the class it belongs to ("unfounded" for "obwohl")
  /// cue: counts only when its sentence holds markers of one of these alternatives: a class ("unfounded"), or
  /// classes joined by '+' that must all be present ("credit+surge")
  std::vector<std::string> requires_classes;
  /// cue: does not count when its sentence holds a marker of one of these classes ("nur eine Richtung" of a
  /// boom, not "nur eine Richtung, nach unten"); checked before requires_classes
  std::vector<std::string> unless_classes;
  /// cue: counts only in a sentence where this tone is present (its other cues reach a score of 0.5 after the
  /// modifier rules): an analyst who speaks of a boom voices doubt only in bubble talk ("with=bubble"); empty: always
  std::string with_tone;
  std::string separable;     ///< particle of a separable verb ("ein" for "einbrechen")
  std::vector<std::string> forms;  ///< extra (irregular) forms
  std::string source;        ///< "file:line" it came from
};

/// @brief The three tones every lexicon knows, in this order; user-defined tones follow them.
inline constexpr std::string_view kBuiltinTones[] = {"bubble", "nervousness", "hedging"};

/// @brief An immutable collection of entries. Copies share their data.
class Lexicon {
 public:
  /// @brief An empty lexicon (the three built-in tones, no entries).
  Lexicon();

  /// @brief The built-in German lexicon, compiled into the library (cpp/data/lexicon.tsv).
  /// @remarks Parsed once per process; later calls return a copy sharing the same data.
  [[nodiscard]] static Lexicon builtin();

  /// @brief Parses a lexicon file. @throws LexiconError naming file and line, Error if unreadable.
  [[nodiscard]] static Lexicon from_file(const std::filesystem::path& path);

  /// @brief Parses lexicon text; @p source names it in error messages.
  [[nodiscard]] static Lexicon from_string(std::string_view tsv, std::string_view source = "<string>");

  /// @brief Builds a lexicon from entries (validated like parsed lines).
  [[nodiscard]] static Lexicon from_entries(std::vector<LexiconEntry> entries, std::string_view source = "<entries>");

  /// @brief This lexicon with @p other's entries added; an entry of @p other with the same term, tone and
  /// kind replaces this one's, and a cue of weight 0 removes it.
  [[nodiscard]] Lexicon extended(const Lexicon& other) const;

  /// @return The lexicon in its TSV format; from_string(to_tsv()) gives an equal lexicon.
  [[nodiscard]] std::string to_tsv() const;

  /// @return All entries in file order.
  [[nodiscard]] const std::vector<LexiconEntry>& entries() const noexcept;
  /// @return The tone names: bubble, nervousness, hedging, then user-defined tones in order of appearance.
  [[nodiscard]] const std::vector<std::string>& tones() const noexcept;
  /// @return The number of entries.
  [[nodiscard]] std::size_t size() const noexcept;

  /// @brief Names this lexicon together with the library version, for provenance of scores:
  /// "stimmung-<version>+lex.<16 hex digits>", the hex digits being the start of a SHA-256 over
  /// canonical_form(). Equal entries and tones give the same fingerprint on every run and machine; any
  /// added, removed or changed entry changes it. Entry sources ("file:line") do not count.
  /// @remarks O(size of the lexicon); cache it when needed per row.
  [[nodiscard]] std::string fingerprint() const;
  /// @brief The fingerprint of this lexicon used with the language profile @p profile: fingerprint() for
  /// the built-in profile (so fingerprints taken before profiles existed stay valid), else a hash over
  /// canonical_form() and the profile's settings (Profile::to_tsv()), in the same form.
  [[nodiscard]] std::string fingerprint(const Profile& profile) const;

  /// @return The text the fingerprint hashes: the tones, then one line per entry in order, every field
  /// that affects scoring tab-separated (weights in shortest round-trip form).
  [[nodiscard]] std::string canonical_form() const;

 private:
  struct Data;
  explicit Lexicon(std::shared_ptr<const Data> data);
  std::shared_ptr<const Data> data_;
};

}  // namespace stimmung
