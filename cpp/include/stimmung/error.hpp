#pragma once
/// @file error.hpp
/// @brief The exceptions stimmung throws. Python receives them as stimmung.StimmungError subclasses.

#include <cstddef>
#include <stdexcept>
#include <string>

namespace stimmung {

/// @brief A failure that is not the caller's input: an unreadable file, a cancelled batch.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// @brief Input that stimmung refuses: invalid UTF-8 under Utf8Policy::strict, bad arguments.
class InvalidInputError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// @brief A malformed lexicon or language-profile line. The message names the source (file) and the line
/// number.
class LexiconError : public InvalidInputError {
 public:
  LexiconError(std::string source, std::size_t line, const std::string& what)
      : InvalidInputError(source + ":" + std::to_string(line) + ": " + what),
        source_(std::move(source)),
        line_(line) {}
  /// @return The file name (or "<builtin>", "<string>") the bad line came from.
  [[nodiscard]] const std::string& source() const noexcept { return source_; }
  /// @return The 1-based line number of the bad line (0 when the whole source is at fault).
  [[nodiscard]] std::size_t line() const noexcept { return line_; }

 private:
  std::string source_;
  std::size_t line_;
};

/// @brief A scoring call stopped early because its Cancellation (or a batch's cancel flag) asked for it.
class CancelledError : public Error {
 public:
  CancelledError() : Error("scoring was cancelled") {}
};

}  // namespace stimmung
