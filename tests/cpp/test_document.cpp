#include <gtest/gtest.h>
#include <stimmung/error.hpp>
#include <stimmung/scorer.hpp>

using namespace stimmung;

namespace {

std::vector<std::string> sentences(std::string_view text, bool german = true) {
  std::vector<std::string> out;
  for (const auto s : german ? split_sentences(text) : split_sentences_icu(text)) {
    out.emplace_back(text.substr(s.begin, s.end - s.begin));
  }
  return out;
}

const Scorer& scorer() {
  static const Scorer instance;
  return instance;
}

}  // namespace

TEST(Segment, GermanAbbreviationsAndOrdinals) {
  EXPECT_EQ(sentences("Am 3. Oktober stieg der DAX. Chips, z. B. von Nvidia, legten zu."),
            (std::vector<std::string>{"Am 3. Oktober stieg der DAX.", "Chips, z. B. von Nvidia, legten zu."}));
  EXPECT_EQ(sentences("Im 2. Quartal wuchs der Umsatz um 5 Mrd. Euro. Dr. Weber ist zufrieden."),
            (std::vector<std::string>{"Im 2. Quartal wuchs der Umsatz um 5 Mrd. Euro.", "Dr. Weber ist zufrieden."}));
  // Plain ICU splits after "3." and "z. B." here.
  EXPECT_GT(sentences("Am 3. Oktober stieg der DAX. Chips, z. B. von Nvidia, legten zu.", false).size(), 2U);
}

TEST(Segment, HeadlinesAndBulletsWithoutFinalStop) {
  EXPECT_EQ(sentences("KI-Blase vor dem Platzen\nDie Kurse fallen.\n• Nvidia verliert\n• Oracle gibt nach"),
            (std::vector<std::string>{"KI-Blase vor dem Platzen", "Die Kurse fallen.", "• Nvidia verliert",
                                      "• Oracle gibt nach"}));
}

TEST(Segment, QuotesAndYears) {
  EXPECT_EQ(sentences("„Wir sehen keine Blase.“ Das sagte der Chef im Jahr 2025. Danach fiel die Aktie."),
            (std::vector<std::string>{"„Wir sehen keine Blase.“", "Das sagte der Chef im Jahr 2025.", "Danach fiel die Aktie."}));
  EXPECT_EQ(sentences("„Warum?“, fragte er. Niemand antwortete."),
            (std::vector<std::string>{"„Warum?“, fragte er.", "Niemand antwortete."}));
}

TEST(Document, AggregatesPerTone) {
  const auto doc = scorer().score_document(
      "Die Börsen sind ruhig. Die Panik an den Märkten ist enorm. Die KI-Blase könnte bald platzen.");
  ASSERT_EQ(doc.sentences.size(), 3U);
  EXPECT_GE(doc.sentences[1].nervousness(), 0.5);
  EXPECT_DOUBLE_EQ(doc.max[1], doc.sentences[1].nervousness());
  double mean = 0;
  for (const auto& s : doc.sentences) mean += s.nervousness();
  EXPECT_DOUBLE_EQ(doc.mean[1], mean / 3);
  EXPECT_NEAR(doc.share[0], 1.0 / 3, 1e-12);
  // Offsets refer to the document.
  EXPECT_EQ(doc.sentences[1].begin, 24U);  // "ö" is two bytes
  EXPECT_EQ(doc.sentences[1].cp_begin, 23U);
  EXPECT_EQ(doc.sentences[2].cp_begin, 59U);
}

TEST(Document, EmptyDocument) {
  const auto doc = scorer().score_document("");
  EXPECT_TRUE(doc.sentences.empty());
  EXPECT_EQ(doc.mean, (std::vector<double>{0, 0, 0}));
  EXPECT_TRUE(scorer().score_document("   \n\n ").sentences.empty());
}

TEST(BadInput, InvalidUtf8IsReplacedByDefault) {
  const std::string text = "Die Panik\xFF w\xC3" "chst. Die Blase platzt.";
  const auto doc = scorer().score_document(text);
  EXPECT_EQ(doc.replaced_bytes, 2U);
  EXPECT_NE(doc.text.find("\xEF\xBF\xBD"), std::string::npos);
  ASSERT_EQ(doc.sentences.size(), 2U);
  EXPECT_GE(doc.sentences[0].nervousness(), 0.5);
  for (const auto& s : doc.sentences) {
    for (const auto& c : s.cues) EXPECT_EQ(doc.text.substr(c.begin, c.end - c.begin), c.surface);
  }
  const auto s = scorer().score("Panik\xC0");
  EXPECT_GE(s.nervousness(), 0.5);
}

TEST(BadInput, InvalidUtf8ThrowsUnderStrictPolicy) {
  const Scorer strict(Lexicon::builtin(), ScorerOptions{Utf8Policy::strict});
  EXPECT_THROW((void)strict.score("Panik\xFF"), InvalidInputError);
  EXPECT_THROW((void)strict.score_document("Panik\xFF"), InvalidInputError);
  EXPECT_NO_THROW((void)strict.score("Panik"));
}

TEST(BadInput, EmptyText) {
  const auto s = scorer().score("");
  EXPECT_EQ(s.scores, (std::vector<double>{0, 0, 0}));
  EXPECT_TRUE(s.cues.empty());
}

TEST(BadInput, NulBytes) {
  const std::string text("Die Panik\0 an der B\0rse", 24);
  const auto s = scorer().score(text);
  EXPECT_GE(s.nervousness(), 0.5);
  const auto doc = scorer().score_document(text);
  EXPECT_FALSE(doc.sentences.empty());
}

TEST(BadInput, OneMegabyteSentence) {
  std::string text;
  while (text.size() < (1U << 20)) text += "und die Panik wächst weiter ";
  const auto s = scorer().score(text);
  EXPECT_NEAR(s.nervousness(), 1.0, 1e-9);
  EXPECT_GT(s.cues.size(), 1000U);
  const auto doc = scorer().score_document(text);
  EXPECT_EQ(doc.sentences.size(), 1U);
}
