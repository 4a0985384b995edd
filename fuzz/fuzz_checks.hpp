#pragma once
// Design notes: the bodies of the fuzz targets live here, as plain functions over bytes, so that the same
// checks run in two places: under libFuzzer (fuzz/fuzz_*.cpp, clang) and as a GoogleTest replaying the
// seed corpus and the regression inputs (tests/cpp/test_fuzz_regressions.cpp, any compiler, also in the
// sanitizer build). A broken invariant prints what broke and aborts, which both drivers report as a crash.

#include <stimmung/stimmung.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace stimmung::fuzz {

inline void require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "stimmung fuzz invariant broken: %s\n", what);
    std::abort();
  }
}

inline void check_scores(std::span<const double> scores, std::size_t n_tones) {
  require(scores.size() == n_tones, "one score per tone");
  for (const double s : scores) require(s >= 0.0 && s <= 1.0, "score in [0, 1] (and not NaN)");
}

// Code points of text[0, at), counted on from the last question (offsets are asked in ascending order, so
// checking all cues and sentences of a text costs one pass over it, not one per offset).
class CodePoints {
 public:
  explicit CodePoints(std::string_view text) : text_(text) {}
  std::size_t at(std::size_t offset) {
    if (offset < at_) at_ = count_ = 0;
    count_ += count_code_points(text_.substr(at_, offset - at_));
    at_ = offset;
    return count_;
  }

 private:
  std::string_view text_;
  std::size_t at_ = 0, count_ = 0;
};

// Cues of one sentence: inside [begin, end) of `text`, in text order, surface (whole code points) and
// code-point offsets agreeing with the bytes they point at, names from the pool.
inline void check_cues(std::span<const Cue> cues, std::string_view text, std::size_t begin, std::size_t end) {
  std::uint32_t last = 0;
  CodePoints starts(text), ends(text);
  for (const Cue& c : cues) {
    require(c.begin <= c.end, "cue begin <= end");
    require(c.begin >= begin && c.end <= end, "cue inside its sentence and the scored text");
    require(c.begin >= last, "cues in text order");
    last = c.begin;
    require(is_valid_utf8(c.surface(text)), "cue surface is whole code points of the text");
    require(!c.term().empty() && !c.tone().empty(), "cue names its term and tone");
    require(match_kind(match_name(c.match)) == c.match, "cue match kind has a name");
    require(c.cp_begin == starts.at(c.begin), "cue code-point start");
    require(c.cp_end == ends.at(c.end), "cue code-point end");
    require(std::isfinite(c.weight), "finite cue weight");
  }
}

inline bool same_sentence(const SentenceScore& a, const SentenceScore& b) {
  if (a.scores != b.scores || a.cues.size() != b.cues.size() || a.begin != b.begin || a.end != b.end) return false;
  for (std::size_t i = 0; i < a.cues.size(); ++i) {
    const Cue& x = a.cues[i];
    const Cue& y = b.cues[i];
    if (x.begin != y.begin || x.end != y.end || x.term() != y.term() || x.tone() != y.tone() ||
        x.weight != y.weight || x.modifiers != y.modifiers || x.match != y.match) {
      return false;
    }
  }
  return true;
}

inline bool same_document(const DocumentScore& a, const DocumentScore& b) {
  if (a.mean != b.mean || a.max != b.max || a.share != b.share || a.text != b.text ||
      a.sentences.size() != b.sentences.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.sentences.size(); ++i) {
    if (!same_sentence(a.sentence(i), b.sentence(i))) return false;
  }
  return true;
}

inline const Scorer& replace_scorer() {
  static const Scorer scorer;
  return scorer;
}

inline const Scorer& strict_scorer() {
  static const Scorer scorer(Lexicon::builtin(), ScorerOptions{Utf8Policy::strict});
  return scorer;
}

inline void check_document(const DocumentScore& doc, std::string_view input, std::size_t n_tones) {
  const std::string_view text = doc.text.empty() ? input : std::string_view(doc.text);
  require(is_valid_utf8(text), "a document is scored as valid UTF-8");
  require(doc.replaced_bytes == 0 || !doc.text.empty(), "replacements leave the scored text behind");
  check_scores(doc.mean, n_tones);
  check_scores(doc.max, n_tones);
  check_scores(doc.share, n_tones);
  std::uint32_t prev_end = 0;
  CodePoints starts(text);
  require(doc.scores.size() == doc.size() * n_tones, "n_tones scores per sentence");
  for (std::size_t i = 0; i < doc.size(); ++i) {
    const DocumentSentence& s = doc.sentences[i];
    require(s.first_cue <= doc.cues.size() && (i == 0 ? s.first_cue == 0 : s.first_cue >= doc.sentences[i - 1].first_cue),
            "sentences index the document's cues in order");
    require(s.begin < s.end && s.end <= text.size(), "sentence span non-empty and inside the text");
    require(s.begin >= prev_end, "sentences ordered and non-overlapping");
    prev_end = s.end;
    require(s.cp_begin == starts.at(s.begin), "sentence code-point start");
    const auto scores = doc.scores_of(i);
    check_scores(scores, n_tones);
    check_cues(doc.cues_of(i), text, s.begin, s.end);
  }
}

// Checks of one sentence score of `text` (repaired: the text it was scored as, `text` itself when valid).
inline void check_sentence(const SentenceScore& r, std::string_view repaired, std::size_t n_tones) {
  check_scores(r.scores, n_tones);
  require(r.begin == 0 && r.end == repaired.size(), "a sentence spans the whole scored text");
  check_cues(r.cues, repaired, 0, repaired.size());
}

// The texts of a batch: `text` cut at each ASCII record separator (0x1E), so a batch holds one text or,
// when the fuzzer inserts separators, many (empty ones too; 33 and more spread over threads).
inline std::vector<std::string_view> batch_texts(std::string_view text) {
  std::vector<std::string_view> texts;
  for (std::size_t at = 0;;) {
    const std::size_t cut = text.find('\x1e', at);
    texts.push_back(text.substr(at, cut == std::string_view::npos ? std::string_view::npos : cut - at));
    if (cut == std::string_view::npos) return texts;
    at = cut + 1;
  }
}

/// The ways the "score" target exercises a text. The fuzzer takes one per input (check_score: the first
/// byte picks it, the rest is the text), so one execution scores its text once or twice, not every way at
/// once, and coverage tells the paths apart; the ctest replay runs every path on every input
/// (replay_score).
enum class ScorePath : unsigned char {
  score,            // score(): scores, span, cues; invalid UTF-8 is repaired and scores as its repair
  document,         // score_document(): sentences, cues, aggregates
  batch,            // score_batch_into() on the texts cut at 0x1E: each text's numbers = its score()
  strict_score,     // Utf8Policy::strict score(): as replace on valid text, InvalidInputError (only) otherwise
  strict_document,  // the same for score_document()
  score_twice,      // score() of the text and of a copy elsewhere in memory agree (determinism)
  document_twice,   // the same for score_document()
  document_batch,   // score_document_batch_into() on the texts cut at 0x1E: each text's numbers = its document
};
inline constexpr unsigned kScorePaths = 8;

inline void check_score_path(ScorePath path, std::string_view text) {
  const Scorer& scorer = replace_scorer();
  const std::size_t n_tones = scorer.tones().size();
  const bool valid = is_valid_utf8(text);
  switch (path) {
    case ScorePath::score: {
      const std::string clean = sanitize_utf8(text);
      require(is_valid_utf8(clean), "sanitize_utf8 yields valid UTF-8");
      require(valid == (clean == text), "sanitize_utf8 leaves valid input as it is and repairs invalid input");
      const SentenceScore r = scorer.score(text);
      require(valid ? r.text.empty() : r.text == clean, "a result keeps the repaired text it was scored as");
      check_sentence(r, clean, n_tones);
      // UTF-8 is validated while tokenizing: whatever the tokenizer made of invalid bytes must not leak out.
      if (!valid) require(same_sentence(r, scorer.score(clean)), "invalid input scores exactly as its repaired text");
      return;
    }
    case ScorePath::document:
      check_document(scorer.score_document(text), text, n_tones);
      return;
    case ScorePath::batch: {
      const std::vector<std::string_view> texts = batch_texts(text);
      std::vector<double> numbers(texts.size() * n_tones);
      std::vector<std::int64_t> n_cues(texts.size());
      scorer.score_batch_into(texts, numbers, n_cues);
      for (std::size_t i = 0; i < texts.size(); ++i) {
        const SentenceScore r = scorer.score(texts[i]);
        require(std::equal(r.scores.begin(), r.scores.end(), numbers.begin() + static_cast<std::ptrdiff_t>(i * n_tones)) &&
                    n_cues[i] == static_cast<std::int64_t>(r.cues.size()),
                "the numbers-only batch agrees with score");
      }
      return;
    }
    case ScorePath::strict_score:
      // Any exception but InvalidInputError escapes to the fuzzer as a crash.
      try {
        const SentenceScore s = strict_scorer().score(text);
        require(valid, "strict score accepts only valid UTF-8");
        check_sentence(s, text, n_tones);
        require(same_sentence(s, scorer.score(text)), "strict and replace agree on valid input");
      } catch (const InvalidInputError&) {
        require(!valid, "strict score throws only for invalid UTF-8");
      }
      return;
    case ScorePath::strict_document:
      try {
        const DocumentScore d = strict_scorer().score_document(text);
        require(valid, "strict score_document accepts only valid UTF-8");
        check_document(d, text, n_tones);
        require(same_document(d, scorer.score_document(text)), "strict and replace documents agree on valid input");
      } catch (const InvalidInputError&) {
        require(!valid, "strict score_document throws only for invalid UTF-8");
      }
      return;
    case ScorePath::score_twice: {
      const SentenceScore r = scorer.score(text);
      const std::string copy(text);
      require(same_sentence(r, scorer.score(copy)), "score is deterministic");
      return;
    }
    case ScorePath::document_twice: {
      const DocumentScore doc = scorer.score_document(text);
      const std::string copy(text);
      require(same_document(doc, scorer.score_document(copy)), "score_document is deterministic");
      return;
    }
    case ScorePath::document_batch: {
      const std::vector<std::string_view> texts = batch_texts(text);
      const std::size_t n = texts.size();
      std::vector<double> mean(n * n_tones), max(n * n_tones), share(n * n_tones);
      std::vector<std::int64_t> n_sentences(n), n_cues(n);
      scorer.score_document_batch_into(texts, DocumentAggregates{mean, max, share, n_sentences, n_cues});
      for (std::size_t i = 0; i < n; ++i) {
        const DocumentScore doc = scorer.score_document(texts[i]);
        const auto row = static_cast<std::ptrdiff_t>(i * n_tones);
        const auto cues = static_cast<std::int64_t>(doc.cues.size());
        require(std::equal(doc.mean.begin(), doc.mean.end(), mean.begin() + row) &&
                    std::equal(doc.max.begin(), doc.max.end(), max.begin() + row) &&
                    std::equal(doc.share.begin(), doc.share.end(), share.begin() + row),
                "the numbers-only document batch agrees with score_document");
        require(n_sentences[i] == static_cast<std::int64_t>(doc.sentences.size()) && n_cues[i] == cues,
                "the document batch counts the sentences and cues of score_document");
      }
      return;
    }
  }
  require(false, "a known score path");
}

/// A libFuzzer input picks one of N paths by its first byte (its value modulo N; for the score target the
/// digits '0'..'7' are paths 0..7), the rest is the text; an empty input takes the first path.
template <typename Path, unsigned N, typename Check>
void check_by_first_byte(std::string_view bytes, Check check) {
  if (bytes.empty()) return check(Path{}, bytes);
  check(static_cast<Path>(static_cast<unsigned char>(bytes[0]) % N), bytes.substr(1));
}

/// The ctest replay of a corpus input: every path, on the input as the fuzzer read it (first byte taken as
/// the path) and on the whole input as text.
template <typename Path, unsigned N, typename Check>
void replay_every_path(std::string_view bytes, Check check) {
  for (unsigned p = 0; p < N; ++p) {
    check(static_cast<Path>(p), bytes);
    if (!bytes.empty()) check(static_cast<Path>(p), bytes.substr(1));
  }
}

/// Target "score" under libFuzzer. The Scorers are built once (function statics) and reused for every input.
inline void check_score(std::string_view bytes) {
  check_by_first_byte<ScorePath, kScorePaths>(bytes, check_score_path);
}

/// Target "score" in the ctest replay.
inline void replay_score(std::string_view bytes) { replay_every_path<ScorePath, kScorePaths>(bytes, check_score_path); }

inline void check_spans(const std::vector<SentenceSpan>& spans, std::string_view text) {
  std::uint32_t prev_end = 0;
  for (const SentenceSpan& s : spans) {
    require(s.begin < s.end, "span non-empty");
    require(s.end <= text.size(), "span inside the text");
    require(s.begin >= prev_end, "spans ordered and non-overlapping");
    prev_end = s.end;
    const auto boundary = [&](std::size_t at) {
      return at == text.size() || (static_cast<unsigned char>(text[at]) & 0xC0) != 0x80;
    };
    require(boundary(s.begin) && boundary(s.end), "spans start and end on code-point boundaries");
  }
}

/// The ways the "split" target exercises a text (sanitized first, as the splitter takes valid UTF-8).
enum class SplitPath : unsigned char {
  split,        // split_sentences(): spans non-empty, ordered, on code-point boundaries
  split_twice,  // split_sentences() of the text and of a copy elsewhere in memory agree (determinism)
  icu,          // split_sentences_icu(): the same span checks
};
inline constexpr unsigned kSplitPaths = 3;

inline void check_split_path(SplitPath path, std::string_view bytes) {
  const std::string text = sanitize_utf8(bytes);
  switch (path) {
    case SplitPath::split:
      check_spans(split_sentences(text), text);
      return;
    case SplitPath::split_twice: {
      const auto spans = split_sentences(text);
      const std::string copy(text);
      const auto again = split_sentences(copy);
      require(again.size() == spans.size() &&
                  std::equal(spans.begin(), spans.end(), again.begin(),
                             [](const SentenceSpan& a, const SentenceSpan& b) { return a.begin == b.begin && a.end == b.end; }),
              "split_sentences is deterministic");
      return;
    }
    case SplitPath::icu:
      check_spans(split_sentences_icu(text), text);
      return;
  }
  require(false, "a known split path");
}

/// Target "split" under libFuzzer.
inline void check_split(std::string_view bytes) {
  check_by_first_byte<SplitPath, kSplitPaths>(bytes, check_split_path);
}

/// Target "split" in the ctest replay.
inline void replay_split(std::string_view bytes) { replay_every_path<SplitPath, kSplitPaths>(bytes, check_split_path); }

/// Target "lexicon": Lexicon::from_string on arbitrary bytes. Only LexiconError may escape the parser; a
/// lexicon that parses compiles into a Scorer that scores, and survives its own TSV round trip.
inline void check_lexicon(std::string_view bytes) {
  Lexicon lex;
  try {
    lex = Lexicon::from_string(bytes, "<fuzz>");
  } catch (const LexiconError& e) {
    require(std::string_view(e.what()).starts_with("<fuzz>:"), "a LexiconError names its source");
    return;
  }
  require(lex.tones().size() >= 3, "the three built-in tones come first");
  const Scorer scorer(lex);
  const std::size_t n_tones = scorer.tones().size();
  static constexpr std::string_view kSentence = "Die KI-Blase könnte bald platzen, sagen Insider nicht ohne Sorge?";
  const SentenceScore r = scorer.score(kSentence);
  check_scores(r.scores, n_tones);
  check_cues(r.cues, kSentence, 0, kSentence.size());
  const std::string_view doc_text = "Die Märkte sind nervös. Laut Insidern droht ein Crash! Oder nicht?";
  check_document(scorer.score_document(doc_text), doc_text, n_tones);

  const Lexicon again = Lexicon::from_string(lex.to_tsv(), "<round trip>");
  require(again.size() == lex.size(), "to_tsv round trip keeps every entry");
  require(again.tones() == lex.tones(), "to_tsv round trip keeps the tones");
  for (std::size_t i = 0; i < lex.size(); ++i) {
    const LexiconEntry& a = lex.entries()[i];
    const LexiconEntry& b = again.entries()[i];
    require(a.term == b.term && a.tone == b.tone && a.kind == b.kind && a.weight == b.weight && a.pos == b.pos &&
                a.compound == b.compound && a.forms == b.forms && a.separable == b.separable && a.gap == b.gap &&
                a.exact == b.exact && a.free_order == b.free_order && a.kon1 == b.kon1 &&
                a.reportative == b.reportative && a.clause_scope == b.clause_scope,
            "to_tsv round trip gives an equal entry");
  }
}

}  // namespace stimmung::fuzz
