// Replays the fuzz seed corpus and every input a fuzzer once crashed on (fuzz/regressions/<target>/)
// through the fuzz targets' checks, so they run in every ctest build, including the sanitizer build and
// builds with g++ (where the libFuzzer targets themselves are not built).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "fuzz_checks.hpp"

namespace fs = std::filesystem;

namespace {

// Runs `check` on every file under fuzz/<kind>/<target>/; returns how many it ran.
template <typename Check>
std::size_t replay(const std::string& kind, const std::string& target, Check check) {
  const fs::path dir = fs::path(STIMMUNG_SOURCE_DIR) / "fuzz" / kind / target;
  if (!fs::is_directory(dir)) return 0;  // no crash found yet for this target
  std::size_t n = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    SCOPED_TRACE(entry.path().string());
    check(bytes);
    ++n;
  }
  return n;
}

}  // namespace

// The score and split targets take one path per input under libFuzzer (picked by the first byte); the
// replay runs every path on every input, with and without its first byte.
TEST(FuzzCorpus, ScoreSeeds) { EXPECT_GT(replay("corpus", "score", stimmung::fuzz::replay_score), 10U); }
TEST(FuzzCorpus, SplitSeeds) { EXPECT_GT(replay("corpus", "split", stimmung::fuzz::replay_split), 5U); }
TEST(FuzzCorpus, LexiconSeeds) { EXPECT_GT(replay("corpus", "lexicon", stimmung::fuzz::check_lexicon), 5U); }

TEST(FuzzRegressions, Score) { replay("regressions", "score", stimmung::fuzz::replay_score); }
TEST(FuzzRegressions, Split) { replay("regressions", "split", stimmung::fuzz::replay_split); }
TEST(FuzzRegressions, Lexicon) { replay("regressions", "lexicon", stimmung::fuzz::check_lexicon); }
