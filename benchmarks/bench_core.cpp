// Benchmarks of the C++ core against a bare floor over the same text.
//
// Design notes: the corpus is one sentence per line (benchmarks/run.py writes it, so the Python and C++
// numbers describe the same bytes); without --corpus=FILE the binary falls back to the bundled sample
// corpus, split with stimmung::split_sentences. The floor is the least work any lexicon scorer must do:
// split on non-letters, ASCII-lowercase, one std::unordered_map lookup per word, over a map of ~1000 words
// (the words of the built-in lexicon). Rates are bytes and sentences per second of wall time.
#include <benchmark/benchmark.h>
#include <stimmung/stimmung.hpp>

#include <chrono>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "builtin_lexicon.hpp"
#include "memory_advice.hpp"

namespace {

struct Corpus {
  std::string storage;                   // all sentences, '\n'-separated
  std::vector<std::string_view> sentences;
  std::vector<std::string_view> documents;  // consecutive sentences grouped ~20 to a document
  std::size_t bytes = 0;                 // sum of sentence sizes (what the rates count)
};

Corpus& corpus() {
  static Corpus c;
  return c;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

// Extracts the "text" fields of the sample corpus (JSON lines; only \" \\ \n escapes occur in it).
std::string fallback_corpus() {
  const std::string jsonl = read_file(STIMMUNG_SOURCE_DIR "/python/stimmung/data/sample_corpus.jsonl");
  std::string out;
  std::size_t at = 0;
  while ((at = jsonl.find("\"text\": \"", at)) != std::string::npos) {
    at += 9;
    std::string text;
    for (; at < jsonl.size() && jsonl[at] != '"'; ++at) {
      if (jsonl[at] == '\\' && at + 1 < jsonl.size()) {
        ++at;
        text.push_back(jsonl[at] == 'n' ? ' ' : jsonl[at]);
      } else {
        text.push_back(jsonl[at]);
      }
    }
    for (const auto s : stimmung::split_sentences(text)) {
      out.append(text, s.begin, s.end - s.begin);
      out.push_back('\n');
    }
  }
  std::string repeated;
  while (repeated.size() < (4U << 20)) repeated += out;
  return repeated;
}

void load_corpus(const std::string& path) {
  Corpus& c = corpus();
  c.storage = path.empty() ? fallback_corpus() : read_file(path);
  std::string_view all = c.storage;
  std::size_t start = 0;
  while (start < all.size()) {
    std::size_t nl = all.find('\n', start);
    if (nl == std::string_view::npos) nl = all.size();
    if (nl > start) {
      c.sentences.push_back(all.substr(start, nl - start));
      c.bytes += nl - start;
    }
    start = nl + 1;
  }
  // Documents: runs of 20 sentences (newlines inside a document are sentence separators like any other).
  for (std::size_t i = 0; i < c.sentences.size(); i += 20) {
    const std::size_t last = std::min(c.sentences.size(), i + 20) - 1;
    const char* b = c.sentences[i].data();
    const char* e = c.sentences[last].data() + c.sentences[last].size();
    c.documents.emplace_back(b, static_cast<std::size_t>(e - b));
  }
}

void set_rates(benchmark::State& state, std::size_t bytes, std::size_t items) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * items));
}

// ---- the bare floor -------------------------------------------------------------------------------------

std::unordered_map<std::string, int> floor_words() {
  std::unordered_map<std::string, int> words;
  for (const auto& e : stimmung::Lexicon::builtin().entries()) {
    std::string w;
    for (const char ch : e.term + ' ') {
      if (ch == ' ') {
        if (!w.empty()) words.emplace(w, static_cast<int>(words.size()));
        w.clear();
      } else {
        w.push_back(ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch + 32) : ch);
      }
    }
  }
  return words;
}

inline bool floor_letter(unsigned char c) { return (c | 0x20U) - 'a' < 26U || c >= 0x80; }

void BM_CppFloor(benchmark::State& state) {
  const auto words = floor_words();
  const Corpus& c = corpus();
  std::string w;
  for (auto _ : state) {
    std::size_t found = 0;
    for (const std::string_view s : c.sentences) {
      std::size_t i = 0;
      const std::size_t n = s.size();
      while (i < n) {
        while (i < n && !floor_letter(static_cast<unsigned char>(s[i]))) ++i;
        w.clear();
        while (i < n && floor_letter(static_cast<unsigned char>(s[i]))) {
          const auto ch = static_cast<unsigned char>(s[i++]);
          w.push_back(static_cast<char>(static_cast<unsigned>(ch - 'A') < 26U ? ch + 32 : ch));
        }
        if (!w.empty()) found += words.find(w) != words.end();
      }
    }
    benchmark::DoNotOptimize(found);
  }
  state.counters["lexicon_words"] = static_cast<double>(words.size());
  set_rates(state, c.bytes, c.sentences.size());
}
BENCHMARK(BM_CppFloor)->Unit(benchmark::kMillisecond)->UseRealTime();

// ---- stages of the core, for profiling: tokenization alone, and with lookup keys -----------------------

void BM_Tokenize(benchmark::State& state) {
  const Corpus& c = corpus();
  std::vector<stimmung::Token> tokens;
  for (auto _ : state) {
    std::size_t n = 0;
    for (const std::string_view t : c.sentences) {
      tokens.clear();
      stimmung::tokenize(t, tokens);
      n += tokens.size();
    }
    benchmark::DoNotOptimize(n);
  }
  set_rates(state, c.bytes, c.sentences.size());
}
BENCHMARK(BM_Tokenize)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_TokenizeKeys(benchmark::State& state) {
  const Corpus& c = corpus();
  std::vector<stimmung::Token> tokens;
  std::string keys;
  for (auto _ : state) {
    std::size_t n = 0;
    for (const std::string_view t : c.sentences) {
      tokens.clear();
      keys.clear();
      stimmung::tokenize(t, tokens);
      for (const auto& tok : tokens) {
        if (tok.kind == stimmung::TokenKind::word) stimmung::append_lookup_key(t.substr(tok.begin, tok.end - tok.begin), keys);
      }
      n += keys.size();
    }
    benchmark::DoNotOptimize(n);
  }
  set_rates(state, c.bytes, c.sentences.size());
}
BENCHMARK(BM_TokenizeKeys)->Unit(benchmark::kMillisecond)->UseRealTime();

// ---- the core -------------------------------------------------------------------------------------------

// The scorer every benchmark shares, given 8 MiB to score before the first is timed: past that mark it asks
// for huge pages over its lexicon index on a thread of its own (docs/install.md), so no benchmark pays for
// the move.
const stimmung::Scorer& scorer() {
  static const stimmung::Scorer s = [] {
    stimmung::Scorer warm;
    const Corpus& c = corpus();
    std::vector<double> scores(c.sentences.size() * warm.tones().size());
    std::vector<std::int64_t> n_cues(c.sentences.size());
    for (std::size_t done = 0; c.bytes > 0 && done <= stimmung::detail::kHugePagesAfterBytes; done += c.bytes) {
      warm.score_batch_into(c.sentences, scores, n_cues, stimmung::BatchOptions{1, nullptr});
    }
    std::this_thread::sleep_for(std::chrono::seconds(1));
    return warm;
  }();
  return s;
}

void BM_ScorerScore(benchmark::State& state) {
  const auto& s = scorer();
  const Corpus& c = corpus();
  for (auto _ : state) {
    double sum = 0;
    for (const std::string_view t : c.sentences) sum += s.score(t).scores[0];
    benchmark::DoNotOptimize(sum);
  }
  set_rates(state, c.bytes, c.sentences.size());
}
BENCHMARK(BM_ScorerScore)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_ScoreBatch(benchmark::State& state) {
  const auto& s = scorer();
  const Corpus& c = corpus();
  const stimmung::BatchOptions options{static_cast<int>(state.range(0)), nullptr};
  for (auto _ : state) benchmark::DoNotOptimize(s.score_batch(c.sentences, options).size());
  set_rates(state, c.bytes, c.sentences.size());
}
BENCHMARK(BM_ScoreBatch)->ArgName("threads")->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond)->UseRealTime();

// What the Python score_batch runs: scores and cue counts written into caller-owned arrays.
void BM_ScoreBatchInto(benchmark::State& state) {
  const auto& s = scorer();
  const Corpus& c = corpus();
  const stimmung::BatchOptions options{static_cast<int>(state.range(0)), nullptr};
  std::vector<double> scores(c.sentences.size() * s.tones().size());
  std::vector<std::int64_t> n_cues(c.sentences.size());
  for (auto _ : state) {
    s.score_batch_into(c.sentences, scores, n_cues, options);
    benchmark::DoNotOptimize(scores.data());
  }
  set_rates(state, c.bytes, c.sentences.size());
}
BENCHMARK(BM_ScoreBatchInto)->ArgName("threads")->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_ScoreDocument(benchmark::State& state) {
  const auto& s = scorer();
  const Corpus& c = corpus();
  for (auto _ : state) {
    std::size_t n = 0;
    for (const std::string_view d : c.documents) n += s.score_document(d).sentences.size();
    benchmark::DoNotOptimize(n);
  }
  set_rates(state, c.bytes, c.sentences.size());
}
BENCHMARK(BM_ScoreDocument)->Unit(benchmark::kMillisecond)->UseRealTime();

// Articles (--articles=FILE, one per line: prose whose sentences the splitter has to find, as
// `german_corpus.py articles` writes them), scored as Python's score_batch(level="document") scores them.
struct Articles {
  std::string storage;
  std::vector<std::string_view> texts;
  std::size_t bytes = 0;
};

Articles& articles() {
  static Articles a;
  return a;
}

void BM_ScoreArticlesInto(benchmark::State& state) {
  const auto& s = scorer();
  const Articles& a = articles();
  if (a.texts.empty()) {
    state.SkipWithError("no --articles=FILE");
    return;
  }
  const stimmung::BatchOptions options{static_cast<int>(state.range(0)), nullptr};
  const std::size_t n = a.texts.size(), k = s.tones().size();
  std::vector<double> mean(n * k), max(n * k), share(n * k);
  std::vector<std::int64_t> n_sentences(n), n_cues(n);
  const stimmung::DocumentAggregates out{mean, max, share, n_sentences, n_cues};
  std::int64_t sentences = 0;
  for (auto _ : state) {
    s.score_document_batch_into(a.texts, out, options);
    benchmark::DoNotOptimize(mean.data());
  }
  for (const std::int64_t m : n_sentences) sentences += m;
  set_rates(state, a.bytes, static_cast<std::size_t>(sentences));
}
BENCHMARK(BM_ScoreArticlesInto)->ArgName("threads")->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

// ---- building the built-in lexicon ---------------------------------------------------------------------

void BM_LexiconParse(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(stimmung::Lexicon::from_string(stimmung::detail::builtin_lexicon_tsv(), "<builtin>"));
  }
}
BENCHMARK(BM_LexiconParse)->Unit(benchmark::kMillisecond);

void BM_ScorerBuild(benchmark::State& state) {
  const auto lexicon = stimmung::Lexicon::builtin();
  for (auto _ : state) benchmark::DoNotOptimize(stimmung::Scorer(lexicon));
}
BENCHMARK(BM_ScorerBuild)->Unit(benchmark::kMillisecond);

void BM_LexiconBuild(benchmark::State& state) {
  for (auto _ : state) {
    const auto lexicon = stimmung::Lexicon::from_string(stimmung::detail::builtin_lexicon_tsv(), "<builtin>");
    benchmark::DoNotOptimize(stimmung::Scorer(lexicon));
  }
}
BENCHMARK(BM_LexiconBuild)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  std::string path;
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    if (std::strncmp(argv[i], "--corpus=", 9) == 0) {
      path = argv[i] + 9;
    } else if (std::strncmp(argv[i], "--articles=", 11) == 0) {
      Articles& a = articles();
      a.storage = read_file(argv[i] + 11);
      for (std::size_t start = 0; start < a.storage.size();) {
        std::size_t nl = a.storage.find('\n', start);
        if (nl == std::string::npos) nl = a.storage.size();
        if (nl > start) {
          a.texts.emplace_back(a.storage.data() + start, nl - start);
          a.bytes += nl - start;
        }
        start = nl + 1;
      }
    } else {
      rest.push_back(argv[i]);
    }
  }
  // The first build in a process also pays one-time setup (ICU locale generation); time it once here.
  const auto t0 = std::chrono::steady_clock::now();
  const stimmung::Scorer first;
  const auto cold = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  benchmark::AddCustomContext("cold_builtin_build_ms", std::to_string(cold));
  load_corpus(path);
  const Corpus& c = corpus();
  benchmark::AddCustomContext("corpus_sentences", std::to_string(c.sentences.size()));
  benchmark::AddCustomContext("corpus_bytes", std::to_string(c.bytes));
  int n = static_cast<int>(rest.size());
  benchmark::Initialize(&n, rest.data());
  if (benchmark::ReportUnrecognizedArguments(n, rest.data())) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
