// libFuzzer entry point of the "lexicon" target; the checks are in fuzz_checks.hpp (shared with the
// GoogleTest that replays fuzz/corpus and fuzz/regressions).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  stimmung::fuzz::check_lexicon(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
