#include <gtest/gtest.h>
#include <stimmung/error.hpp>
#include <stimmung/scorer.hpp>

#include <atomic>
#include <thread>

using namespace stimmung;

namespace {

std::vector<std::string> corpus() {
  const std::vector<std::string> base = {
      "Die KI-Blase könnte bald platzen.", "Von einer Blase kann keine Rede sein.",
      "Die Anleger sind extrem nervös.", "Laut Insidern soll der Deal geplatzt sein.",
      "Der Umsatz stieg um 4 Prozent.", "", "Die Zahlen sind stark, doch die Nervosität bleibt.",
      "Berichten zufolge ist die Finanzierung nicht gesichert."};
  std::vector<std::string> out;
  for (int i = 0; i < 500; ++i) {
    for (const auto& s : base) out.push_back(s + (i % 3 == 0 ? "" : " Heute."));
  }
  return out;
}

void expect_equal(const SentenceScore& a, const SentenceScore& b) {
  EXPECT_EQ(a.scores, b.scores);
  ASSERT_EQ(a.cues.size(), b.cues.size());
  for (std::size_t i = 0; i < a.cues.size(); ++i) {
    EXPECT_EQ(a.cues[i].begin, b.cues[i].begin);
    EXPECT_EQ(a.cues[i].name_id, b.cues[i].name_id);
    EXPECT_EQ(a.cues[i].weight, b.cues[i].weight);
    EXPECT_EQ(a.cues[i].modifiers, b.cues[i].modifiers);
  }
}

}  // namespace

TEST(Batch, IdenticalForEveryThreadCountAndInInputOrder) {
  const Scorer scorer;
  const auto texts = corpus();
  const std::vector<std::string_view> views(texts.begin(), texts.end());
  const auto one = scorer.score_batch(views, {1});
  ASSERT_EQ(one.size(), texts.size());
  for (std::size_t i = 0; i < texts.size(); i += 97) expect_equal(one[i], scorer.score(texts[i]));
  for (const int threads : {2, 3, 8, 0}) {
    const auto many = scorer.score_batch(views, {threads});
    ASSERT_EQ(many.size(), one.size());
    for (std::size_t i = 0; i < one.size(); ++i) expect_equal(one[i], many[i]);
  }
}

TEST(Batch, DocumentsInInputOrder) {
  const Scorer scorer;
  const auto texts = corpus();
  const std::vector<std::string_view> views(texts.begin(), texts.end());
  const auto docs = scorer.score_document_batch(views, {2});
  ASSERT_EQ(docs.size(), texts.size());
  for (std::size_t i = 0; i < texts.size(); i += 131) {
    EXPECT_EQ(docs[i].mean, scorer.score_document(texts[i]).mean);
  }
}

TEST(Batch, EmptyBatch) {
  const Scorer scorer;
  EXPECT_TRUE(scorer.score_batch({}).empty());
}

TEST(Batch, CancellationStopsTheBatch) {
  const Scorer scorer;
  const auto texts = corpus();
  const std::vector<std::string_view> views(texts.begin(), texts.end());
  std::atomic<bool> cancel{true};
  EXPECT_THROW((void)scorer.score_batch(views, {2, &cancel}), CancelledError);
}

TEST(Batch, OneScorerSharedByManyThreads) {
  const Scorer scorer;
  const auto texts = corpus();
  std::vector<SentenceScore> expected;
  for (const auto& t : texts) expected.push_back(scorer.score(t));
  std::vector<std::jthread> threads;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (std::size_t i = static_cast<std::size_t>(t); i < texts.size(); i += 4) {
        if (scorer.score(texts[i]).scores != expected[i].scores) ++mismatches;
      }
    });
  }
  threads.clear();
  EXPECT_EQ(mismatches.load(), 0);
}

TEST(Logging, LevelIsSettable) {
  const LogLevel before = log_level();
  set_log_level(LogLevel::debug);
  EXPECT_EQ(log_level(), LogLevel::debug);
  set_log_level(before);
  EXPECT_EQ(log_level(), before);
}

TEST(Batch, ScoresIntoCallerBuffers) {
  const Scorer scorer;
  const auto texts = corpus();
  const std::vector<std::string_view> views(texts.begin(), texts.end());
  const std::size_t n_tones = scorer.tones().size();
  std::vector<double> scores(views.size() * n_tones);
  std::vector<std::int64_t> n_cues(views.size());
  scorer.score_batch_into(views, scores, n_cues, {2});
  const auto full = scorer.score_batch(views, {1});
  for (std::size_t i = 0; i < views.size(); ++i) {
    for (std::size_t k = 0; k < n_tones; ++k) EXPECT_EQ(scores[i * n_tones + k], full[i].scores[k]);
    EXPECT_EQ(n_cues[i], static_cast<std::int64_t>(full[i].cues.size()));
  }
  std::vector<double> too_small(3);
  EXPECT_THROW(scorer.score_batch_into(views, too_small, n_cues), InvalidInputError);
}

TEST(Batch, DocumentAggregatesIntoCallerBuffers) {
  const Scorer scorer;
  std::vector<std::string> texts;
  // Whole documents of several sentences, one of them with invalid UTF-8, an empty one and one of blanks.
  const auto sentences = corpus();
  for (std::size_t i = 0; i + 5 <= sentences.size(); i += 5) {
    std::string doc;
    for (std::size_t j = i; j < i + 5; ++j) doc += sentences[j] + (j % 2 == 0 ? " " : "\n");
    texts.push_back(doc);
  }
  texts.push_back("Die Blase \xFF platzt. Anleger sind nerv\xC3\xB6s.");
  texts.push_back("");
  texts.push_back(" \n\t ");
  const std::vector<std::string_view> views(texts.begin(), texts.end());
  const std::size_t n = views.size();
  const std::size_t n_tones = scorer.tones().size();
  std::vector<double> mean(n * n_tones, -1.0), max(n * n_tones, -1.0), share(n * n_tones, -1.0);
  std::vector<std::int64_t> n_sentences(n, -1), n_cues(n, -1);
  scorer.score_document_batch_into(views, {mean, max, share, n_sentences, n_cues}, {2});
  const auto full = scorer.score_document_batch(views, {1});
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t k = 0; k < n_tones; ++k) {
      EXPECT_EQ(mean[i * n_tones + k], full[i].mean[k]);
      EXPECT_EQ(max[i * n_tones + k], full[i].max[k]);
      EXPECT_EQ(share[i * n_tones + k], full[i].share[k]);
    }
    EXPECT_EQ(n_sentences[i], static_cast<std::int64_t>(full[i].sentences.size()));
    EXPECT_EQ(n_cues[i], static_cast<std::int64_t>(full[i].cues.size()));
  }
  EXPECT_GT(n_cues[n - 3], 0);  // the document with invalid bytes is repaired and scored
  EXPECT_EQ(n_sentences[n - 2], 0);
  std::vector<double> too_small(3);
  EXPECT_THROW(scorer.score_document_batch_into(views, {too_small, max, share, n_sentences, n_cues}),
               InvalidInputError);
}
