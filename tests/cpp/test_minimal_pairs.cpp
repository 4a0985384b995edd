// The behavioural suite (tests/data/minimal_pairs.tsv) run against the C++ core, so that a rule change is
// judged by ctest as well as by pytest. Each row: id, tone, category, expect, base, variant; the variant's
// score for the tone must be lower, higher, or the same as the base's.
#include <gtest/gtest.h>
#include <stimmung/scorer.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace stimmung;

namespace {

struct Pair {
  std::string id, tone, category, expect, base, variant;
};

std::vector<Pair> read_pairs() {
  std::ifstream in(std::string(STIMMUNG_SOURCE_DIR) + "/tests/data/minimal_pairs.tsv");
  std::vector<Pair> pairs;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<std::string> f;
    std::stringstream ss(line);
    std::string field;
    while (std::getline(ss, field, '\t')) f.push_back(field);
    if (f.size() != 6) {
      ADD_FAILURE() << "malformed row: " << line;
      continue;
    }
    pairs.push_back({f[0], f[1], f[2], f[3], f[4], f[5]});
  }
  return pairs;
}

double tone_score(const Scorer& scorer, const SentenceScore& s, const std::string& tone) {
  const auto& tones = scorer.tones();
  const auto it = std::find(tones.begin(), tones.end(), tone);
  EXPECT_NE(it, tones.end()) << tone;
  return it == tones.end() ? 0.0 : s.scores[static_cast<std::size_t>(it - tones.begin())];
}

TEST(MinimalPairs, EveryPairMovesAsStated) {
  const Scorer scorer;
  const auto pairs = read_pairs();
  ASSERT_GE(pairs.size(), 200U);
  std::set<std::string> expects;
  for (const Pair& p : pairs) {
    const double base = tone_score(scorer, scorer.score(p.base), p.tone);
    const double variant = tone_score(scorer, scorer.score(p.variant), p.tone);
    expects.insert(p.expect);
    if (p.expect == "lower") {
      EXPECT_LT(variant, base) << p.id << " " << p.category << ": " << p.variant;
    } else if (p.expect == "higher") {
      EXPECT_GT(variant, base) << p.id << " " << p.category << ": " << p.variant;
    } else if (p.expect == "same") {
      EXPECT_NEAR(variant, base, 1e-12) << p.id << " " << p.category << ": " << p.variant;
    } else {
      ADD_FAILURE() << p.id << ": unknown expectation " << p.expect;
    }
  }
  // The suite holds pairs that must not change as well as pairs that must.
  EXPECT_TRUE(expects.contains("same"));
}

}  // namespace
