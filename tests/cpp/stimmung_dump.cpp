// stimmung_dump: prints everything the scorer says about its input, for byte-for-byte comparisons of two
// builds (a refactoring must not change a single digit) and for the golden-output ctest.
//
// Usage: stimmung_dump MODE < input
//   lines      every non-empty line of stdin is one sentence (Scorer::score and score_batch_into)
//   tsv=C,...  stdin is a TSV with a header row; the 1-based columns C are sentences, row by row
//   docs       stdin holds documents separated by lines of exactly "%%%" (score_document, every sentence
//              also scored on its own, and score_document_batch_into)
//
// Every double is printed with %.17g, every cue with all its fields and modifier names. The format is
// for diff and cmp, not for reading back.
#include <stimmung/stimmung.hpp>

#include <cstdio>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

void print_scores(const char* label, const double* scores, std::size_t n) {
  std::printf("%s", label);
  for (std::size_t k = 0; k < n; ++k) std::printf(" %.17g", scores[k]);
  std::printf("\n");
}

// Every field of a sentence result; cues' surfaces are read off @p text (the scored text).
void print_sentence(const stimmung::SentenceScore& s, std::string_view text) {
  std::printf("sentence bytes=%u-%u cps=%u-%u tokens=%u\n", s.begin, s.end, s.cp_begin, s.cp_end, s.n_tokens);
  print_scores("  scores", s.scores.data(), s.scores.size());
  const auto str = [](std::string_view v) { return std::string(v); };
  for (const stimmung::Cue& c : s.cues) {
    std::printf("  cue bytes=%u-%u cps=%u-%u surface=[%s] term=[%s] tone=%s match=%s base=%.17g weight=%.17g "
                "modifiers=%u",
                c.begin, c.end, c.cp_begin, c.cp_end, str(c.surface(text)).c_str(), str(c.term()).c_str(),
                str(c.tone()).c_str(), str(stimmung::match_name(c.match)).c_str(), c.base_weight(), c.weight,
                static_cast<unsigned>(c.modifiers));
    for (const auto name : stimmung::modifier_names(c.modifiers)) std::printf(" %.*s", static_cast<int>(name.size()), name.data());
    std::printf("\n");
  }
}

void print_sentence(const stimmung::SentenceScore& s, const std::string& input) {
  print_sentence(s, s.scored_text(input));
}

void dump_sentences(const stimmung::Scorer& scorer, const std::vector<std::string>& texts) {
  const std::size_t n_tones = scorer.tones().size();
  std::vector<std::string_view> views(texts.begin(), texts.end());
  std::vector<double> scores(views.size() * n_tones);
  std::vector<std::int64_t> n_cues(views.size());
  scorer.score_batch_into(views, scores, n_cues, stimmung::BatchOptions{1, nullptr});
  for (std::size_t i = 0; i < texts.size(); ++i) {
    std::printf("== text %zu: %s\n", i, texts[i].c_str());
    print_sentence(scorer.score(texts[i]), texts[i]);
    std::printf("  batch_into n_cues=%lld\n", static_cast<long long>(n_cues[i]));
    print_scores("  batch_into", scores.data() + i * n_tones, n_tones);
  }
}

void dump_documents(const stimmung::Scorer& scorer, const std::vector<std::string>& docs) {
  const std::size_t n = docs.size();
  const std::size_t n_tones = scorer.tones().size();
  std::vector<std::string_view> views(docs.begin(), docs.end());
  std::vector<double> mean(n * n_tones), max(n * n_tones), share(n * n_tones);
  std::vector<std::int64_t> n_sentences(n), n_cues(n);
  scorer.score_document_batch_into(views, stimmung::DocumentAggregates{mean, max, share, n_sentences, n_cues},
                                   stimmung::BatchOptions{1, nullptr});
  for (std::size_t i = 0; i < n; ++i) {
    const stimmung::DocumentScore d = scorer.score_document(docs[i]);
    std::printf("== document %zu: %zu sentences, replaced %zu\n", i, d.size(), d.replaced_bytes);
    print_scores("mean", d.mean.data(), d.mean.size());
    print_scores("max", d.max.data(), d.max.size());
    print_scores("share", d.share.data(), d.share.size());
    const std::string_view text = d.text.empty() ? std::string_view(docs[i]) : std::string_view(d.text);
    for (std::size_t k = 0; k < d.size(); ++k) {
      const stimmung::SentenceScore s = d.sentence(k);
      print_sentence(s, text);
      // The same sentence scored on its own (offsets then refer to the sentence).
      const std::string alone(text.substr(s.begin, s.end - s.begin));
      std::printf("  alone: %.*s\n", static_cast<int>(alone.size()), alone.data());
      print_sentence(scorer.score(alone), alone);
    }
    std::printf("batch_into sentences=%lld cues=%lld\n", static_cast<long long>(n_sentences[i]),
                static_cast<long long>(n_cues[i]));
    print_scores("batch_into mean", mean.data() + i * n_tones, n_tones);
    print_scores("batch_into max", max.data() + i * n_tones, n_tones);
    print_scores("batch_into share", share.data() + i * n_tones, n_tones);
  }
}

std::vector<std::string> split_fields(const std::string& line) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t tab = line.find('\t', start);
    fields.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) return fields;
    start = tab + 1;
  }
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  const stimmung::Scorer scorer;
  std::vector<std::string> items;
  std::string line;
  if (mode == "lines") {
    while (std::getline(std::cin, line)) {
      if (!line.empty()) items.push_back(line);
    }
    dump_sentences(scorer, items);
  } else if (mode.rfind("tsv=", 0) == 0) {
    std::vector<std::size_t> columns;
    std::istringstream spec(mode.substr(4));
    for (std::string c; std::getline(spec, c, ',');) columns.push_back(std::stoul(c));
    bool header = true;
    while (std::getline(std::cin, line)) {
      if (header) {
        header = false;
        continue;
      }
      const auto fields = split_fields(line);
      for (const std::size_t c : columns) {
        if (c >= 1 && c <= fields.size() && !fields[c - 1].empty()) items.push_back(fields[c - 1]);
      }
    }
    dump_sentences(scorer, items);
  } else if (mode == "docs") {
    std::string doc;
    bool any = false;
    while (std::getline(std::cin, line)) {
      if (line == "%%%") {
        items.push_back(doc);
        doc.clear();
        any = false;
        continue;
      }
      if (any) doc.push_back('\n');
      doc += line;
      any = true;
    }
    if (any || !doc.empty()) items.push_back(doc);
    dump_documents(scorer, items);
  } else {
    std::cerr << "usage: stimmung_dump lines|tsv=C,...|docs < input\n";
    return 2;
  }
  return 0;
}
