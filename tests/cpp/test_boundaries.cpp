// Sentence-splitting quality on the team's boundary set (tests/data/sentence_boundaries.txt): German
// fixes against plain ICU. The F1 figures are printed for the closing notes of the linguistics issue.
#include <gtest/gtest.h>
#include <stimmung/scorer.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

using namespace stimmung;

namespace {

constexpr std::string_view kMarker = "\xE2\x90\x9E";  // U+241E, stands before every sentence but the first

struct Doc {
  std::string text;
  std::set<std::uint32_t> starts;  // gold sentence starts (bytes), the first sentence excluded
};

std::vector<Doc> read_docs() {
  std::ifstream in(std::filesystem::path(STIMMUNG_SOURCE_DIR) / "tests/data/sentence_boundaries.txt", std::ios::binary);
  std::vector<Doc> docs;
  std::string line;
  std::vector<std::string> block;
  bool in_header = true;
  auto flush = [&] {
    std::string raw;
    for (std::size_t i = 0; i < block.size(); ++i) raw += (i ? "\n" : "") + block[i];
    Doc d;
    for (std::size_t i = 0; i < raw.size();) {
      if (raw.compare(i, kMarker.size(), kMarker) == 0) {
        d.starts.insert(static_cast<std::uint32_t>(d.text.size()));
        i += kMarker.size();
      } else {
        d.text.push_back(raw[i++]);
      }
    }
    if (!d.text.empty()) docs.push_back(std::move(d));
    block.clear();
  };
  while (std::getline(in, line)) {
    if (in_header && line.rfind("#", 0) == 0) continue;
    in_header = false;
    if (line == "%%%") {
      flush();
    } else {
      block.push_back(line);
    }
  }
  flush();
  return docs;
}

struct Counts {
  std::size_t tp = 0, fp = 0, fn = 0;
  double f1() const { return tp == 0 ? 0.0 : 2.0 * tp / (2.0 * tp + fp + fn); }
};

Counts evaluate(const std::vector<Doc>& docs, bool german, std::vector<std::string>* errors = nullptr) {
  Counts c;
  for (const Doc& d : docs) {
    std::set<std::uint32_t> predicted;
    const auto spans = german ? split_sentences(d.text) : split_sentences_icu(d.text);
    for (std::size_t i = 1; i < spans.size(); ++i) predicted.insert(spans[i].begin);
    for (const auto s : predicted) {
      if (d.starts.count(s)) {
        ++c.tp;
      } else {
        ++c.fp;
        if (errors) errors->push_back("FP: " + d.text.substr(s > 40 ? s - 40 : 0, 70));
      }
    }
    for (const auto s : d.starts) {
      if (!predicted.count(s)) {
        ++c.fn;
        if (errors) errors->push_back("FN: " + d.text.substr(s > 40 ? s - 40 : 0, 70));
      }
    }
  }
  return c;
}

}  // namespace

TEST(Boundaries, GermanSplitterReachesF1OfAtLeast099) {
  const auto docs = read_docs();
  ASSERT_GE(docs.size(), 40U);
  std::size_t gold = 0;
  for (const auto& d : docs) gold += d.starts.size();
  EXPECT_GE(gold, 300U);
  std::vector<std::string> errors;
  const Counts german = evaluate(docs, true, &errors);
  const Counts icu = evaluate(docs, false);
  std::cout << "[boundaries] " << docs.size() << " documents, " << gold << " boundaries\n"
            << "[boundaries] stimmung: F1 " << german.f1() << " (tp " << german.tp << ", fp " << german.fp << ", fn "
            << german.fn << ")\n"
            << "[boundaries] plain ICU: F1 " << icu.f1() << " (tp " << icu.tp << ", fp " << icu.fp << ", fn " << icu.fn
            << ")\n";
  for (const auto& e : errors) std::cout << "[boundaries] " << e << "\n";
  EXPECT_GE(german.f1(), 0.99);
  EXPECT_GT(german.f1(), icu.f1());
}
