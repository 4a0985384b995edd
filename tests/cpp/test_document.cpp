#include <gtest/gtest.h>

#include <algorithm>
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
  EXPECT_GE(doc.scores_of(1)[1], 0.5);
  EXPECT_DOUBLE_EQ(doc.max[1], doc.sentence(1).nervousness());
  double mean = 0;
  for (std::size_t i = 0; i < doc.size(); ++i) mean += doc.scores_of(i)[1];
  EXPECT_DOUBLE_EQ(doc.mean[1], mean / 3);
  EXPECT_NEAR(doc.share[0], 1.0 / 3, 1e-12);
  // Offsets refer to the document.
  EXPECT_EQ(doc.sentences[1].begin, 24U);  // "ö" is two bytes
  EXPECT_EQ(doc.sentences[1].cp_begin, 23U);
  EXPECT_EQ(doc.sentences[2].cp_begin, 59U);
}

// The flat layout: each sentence's range of the document's cues and scores, in text order, the same as
// what sentence(i) copies out.
TEST(Document, SentencesIndexTheFlatCuesAndScores) {
  const std::string text = "Die Panik ist enorm. Die Börsen sind ruhig. Die KI-Blase könnte bald platzen?";
  const auto doc = scorer().score_document(text);
  ASSERT_EQ(doc.size(), 3U);
  EXPECT_EQ(doc.scores.size(), 3 * scorer().tones().size());
  std::size_t n = 0;
  for (std::size_t i = 0; i < doc.size(); ++i) {
    const SentenceScore s = doc.sentence(i);
    EXPECT_TRUE(std::equal(s.cues.begin(), s.cues.end(), doc.cues_of(i).begin(), doc.cues_of(i).end()));
    EXPECT_TRUE(std::equal(s.scores.begin(), s.scores.end(), doc.scores_of(i).begin(), doc.scores_of(i).end()));
    for (const Cue& c : doc.cues_of(i)) {
      EXPECT_GE(c.begin, doc.sentences[i].begin);
      EXPECT_LE(c.end, doc.sentences[i].end);
    }
    n += doc.cues_of(i).size();
  }
  EXPECT_EQ(n, doc.cues.size());
  EXPECT_TRUE(doc.cues_of(1).empty());
  const Cue& q = doc.cues.back();
  EXPECT_EQ(q.term(), "<question>");
  EXPECT_EQ(q.match, MatchKind::rule);
  EXPECT_EQ(match_name(q.match), "rule");
  EXPECT_EQ(doc.cues_of(2).front().surface(text), "KI-Blase");
}

// A cue owns no string: its names are interned for the process, so it outlives its Scorer and its result.
TEST(Document, CuesOutliveTheirScorer) {
  std::vector<Cue> kept;
  {
    Lexicon lexicon = Lexicon::from_string("Wortneu\tbubble\t0.7\tcue\n");
    const Scorer own(lexicon);
    kept = own.score_document("Das Wortneu steht da.").cues;
  }
  ASSERT_EQ(kept.size(), 1U);
  EXPECT_EQ(kept[0].term(), "Wortneu");
  EXPECT_EQ(kept[0].tone(), "bubble");
  EXPECT_EQ(kept[0].base_weight(), 0.7);
  Cue made;
  made.set_name("Wortneu", "bubble", 0.7);
  EXPECT_EQ(made.name_id, kept[0].name_id);  // the same name, the same id
  EXPECT_EQ(Cue().term(), "");
  static_assert(sizeof(Cue) == 32);
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
  EXPECT_GE(doc.scores_of(0)[1], 0.5);
  EXPECT_EQ(doc.cues.front().surface(doc.scored_text(text)), "Panik");
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
