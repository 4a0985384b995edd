#pragma once
/// @file profile.hpp
/// @brief The language profile: what the rules know about a language beyond its lexicon (function-word
/// classes, reach windows and factors, the tone each rule feeds, the sentence splitter's abbreviations).
/// The format is documented in docs/profile-format.md; the built-in German profile is cpp/data/profile_de.tsv.

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace stimmung {

namespace detail {
struct ProfileData;
}

/// @brief An immutable language profile. Copies share their data.
///
/// A file names only the settings it changes; the rest stay the built-in ones:
/// @code
/// // short.tsv:  negation_reach_after<TAB>1
/// stimmung::ScorerOptions options;
/// options.profile = stimmung::Profile::from_file("short.tsv");   // LexiconError names file and line
/// const stimmung::Scorer scorer(stimmung::Lexicon::builtin(), options);
/// scorer.score("Es gibt keine große Blase.");                    // "keine" no longer reaches "Blase"
/// scorer.fingerprint();                                          // names the lexicon and this profile
/// @endcode
class Profile {
 public:
  /// @brief The built-in German profile (same as builtin()).
  Profile();

  /// @brief The built-in German profile, compiled into the library (cpp/data/profile_de.tsv).
  [[nodiscard]] static Profile builtin();

  /// @brief Reads a profile file: the built-in profile with every setting the file names replaced.
  /// @throws LexiconError naming file and line, Error if unreadable.
  [[nodiscard]] static Profile from_file(const std::filesystem::path& path);

  /// @brief Parses profile text over the built-in profile; @p source names it in error messages.
  [[nodiscard]] static Profile from_string(std::string_view tsv, std::string_view source = "<string>");

  /// @return The complete profile in its TSV format, one line per setting; from_string(to_tsv()) is equal.
  [[nodiscard]] std::string to_tsv() const;

  /// @return The names of the settings, in file order.
  [[nodiscard]] static const std::vector<std::string_view>& setting_names();
  /// @return The values of setting @p name as written (lists: one item each). @throws InvalidInputError
  /// for an unknown name.
  [[nodiscard]] const std::vector<std::string>& values(std::string_view name) const;

  /// @return Whether every setting equals the built-in profile's.
  [[nodiscard]] bool is_builtin() const;
  [[nodiscard]] bool operator==(const Profile& other) const;

  /// @brief Internal: the compiled settings the rules read.
  [[nodiscard]] const detail::ProfileData& data() const noexcept { return *data_; }

 private:
  explicit Profile(std::shared_ptr<const detail::ProfileData> data);
  std::shared_ptr<const detail::ProfileData> data_;
};

}  // namespace stimmung
