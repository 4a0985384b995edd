#include <gtest/gtest.h>
#include <stimmung/normalize.hpp>
#include <stimmung/tokenize.hpp>

#include <boost/locale.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

using namespace stimmung;

namespace {

std::vector<std::string> texts_of(std::string_view text, const std::vector<Token>& toks) {
  std::vector<std::string> out;
  for (const auto& t : toks) out.emplace_back(text.substr(t.begin, t.end - t.begin));
  return out;
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST(Tokenize, WordsNumbersAndPunctuation) {
  const std::string text = "Die KI-Blase wächst um 3,5 Prozent auf 100.000 Punkte – z.B. bei H100-Chips.";
  const auto toks = tokenize(text);
  EXPECT_EQ(texts_of(text, toks), (std::vector<std::string>{"Die", "KI-Blase", "wächst", "um", "3,5", "Prozent", "auf",
                                                             "100.000", "Punkte", "–", "z.B", ".", "bei", "H100-Chips", "."}));
  EXPECT_TRUE(toks[1].hyphenated);
  EXPECT_EQ(toks[4].kind, TokenKind::number);
  EXPECT_EQ(toks[9].kind, TokenKind::punct);
}

TEST(Tokenize, OffsetsInBytesAndCodePoints) {
  const std::string text = "„Börsen-Panik“ überall";
  const auto toks = tokenize(text);
  ASSERT_EQ(toks.size(), 4U);
  EXPECT_EQ(text.substr(toks[1].begin, toks[1].end - toks[1].begin), "Börsen-Panik");
  EXPECT_EQ(toks[1].cp_begin, 1U);
  EXPECT_EQ(toks[1].cp_end, 13U);
  EXPECT_EQ(toks[3].cp_begin, 15U);
  EXPECT_EQ(toks[3].cp_end, 22U);
}

TEST(Tokenize, TrailingHyphenIsNotPartOfTheWord) {
  const std::string text = "Aktien- und Anleihemärkte";
  EXPECT_EQ(texts_of(text, tokenize(text)), (std::vector<std::string>{"Aktien", "-", "und", "Anleihemärkte"}));
}

TEST(Tokenize, SoftHyphensAndJoinersStayInsideTheWord) {
  // Format characters continue a word (UAX #29 WB4); a zero-width space separates words.
  const std::string text = "Ner\xC2\xADvo\xC2\xADsi\xC2\xADt\xC3\xA4t, Kurs\xE2\x81\xA0" "einbruch und\xE2\x80\x8B" "Panik";
  const auto toks = tokenize(text);
  EXPECT_EQ(texts_of(text, toks),
            (std::vector<std::string>{"Ner\xC2\xADvo\xC2\xADsi\xC2\xADt\xC3\xA4t", ",", "Kurs\xE2\x81\xA0" "einbruch", "und", "Panik"}));
  ASSERT_EQ(toks.size(), 5U);
  EXPECT_EQ(toks[0].cp_end, 13U);
}

TEST(Tokenize, EmptyAndWhitespaceOnly) {
  EXPECT_TRUE(tokenize("").empty());
  EXPECT_TRUE(tokenize(" \n\t ").empty());
}

TEST(Tokenize, NulBytesAreSeparators) {
  const std::string text("Blase\0Panik", 11);
  const auto toks = tokenize(text);
  ASSERT_EQ(toks.size(), 3U);
  EXPECT_EQ(toks[0].end, 5U);
  EXPECT_EQ(toks[2].begin, 6U);
}

// The fast tokenizer must agree with ICU's word boundaries (through Boost.Locale) on real German text,
// once hyphenated compounds are split into their parts.
TEST(Tokenize, AgreesWithIcuWordBoundariesOnGermanText) {
  std::vector<std::string> texts;
  const std::filesystem::path corpus = std::filesystem::path(STIMMUNG_SOURCE_DIR) / "python/stimmung/data/sample_corpus.jsonl";
  ASSERT_TRUE(std::filesystem::exists(corpus));
  texts.push_back(read_file(corpus));
  const std::filesystem::path seeds = std::filesystem::path(STIMMUNG_SHARED_DIR) / "seeds";
  if (std::filesystem::exists(seeds)) {
    for (const auto& entry : std::filesystem::directory_iterator(seeds)) texts.push_back(read_file(entry.path()));
  }
  boost::locale::generator gen;
  const std::locale loc = gen("de_DE.UTF-8");
  std::size_t compared = 0;
  for (const std::string& text : texts) {
    namespace lb = boost::locale::boundary;
    std::set<std::pair<std::size_t, std::size_t>> icu;
    lb::ssegment_index index(lb::word, text.begin(), text.end(), loc);
    index.rule(lb::word_any);
    for (const auto& seg : index) {
      icu.insert({static_cast<std::size_t>(seg.begin() - text.begin()), static_cast<std::size_t>(seg.end() - text.begin())});
    }
    std::set<std::pair<std::size_t, std::size_t>> ours;
    for (const Token& t : tokenize(text)) {
      if (t.kind == TokenKind::punct) continue;
      // Split hyphenated compounds at their hyphens, as ICU does.
      std::size_t start = t.begin;
      for (std::size_t i = t.begin; i < t.end; ++i) {
        if (text[i] == '-') {
          ours.insert({start, i});
          start = i + 1;
        }
      }
      ours.insert({start, t.end});
    }
    std::vector<std::string> only_icu, only_ours;
    for (const auto& s : icu) {
      if (!ours.count(s)) only_icu.push_back(text.substr(s.first, s.second - s.first));
    }
    for (const auto& s : ours) {
      if (!icu.count(s)) only_ours.push_back(text.substr(s.first, s.second - s.first));
    }
    EXPECT_TRUE(only_icu.empty()) << "ICU words missed: " << (only_icu.empty() ? "" : only_icu.front()) << " (" << only_icu.size() << ")";
    EXPECT_TRUE(only_ours.empty()) << "words ICU does not have: " << (only_ours.empty() ? "" : only_ours.front()) << " (" << only_ours.size() << ")";
    compared += icu.size();
  }
  EXPECT_GT(compared, 5000U);
}
