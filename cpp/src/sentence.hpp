#pragma once
// The sentence under analysis: its tokens with their keys, hits and clauses, and the cue candidates the
// stages of the pipeline build up and the rules modify. Every stage takes a Sentence& (see the list at
// the end of this file); this header holds the small questions they all ask, inline.
// Decides: what is known about a sentence between the stages, and where it is kept (per-thread buffers).
// Does not decide: anything linguistic: that happens in the stages and rules declared below.
//
// Design notes: the buffers live in a per-thread Workspace, reused from sentence to sentence, so that
// scoring allocates nothing per token; Sentence only holds references to them.

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lexicon_index.hpp"
#include "stimmung/result.hpp"
#include "stimmung/tokenize.hpp"

namespace stimmung::detail {

inline constexpr std::int32_t kDomainUnknown = -2;  // TokenInfo::domain not looked up yet

// What the rules know of a token beyond its offsets (which stay in the tokenizer's Token, index for index).
struct TokenInfo {
  std::uint32_t key_begin = 0, key_len = 0;
  const WordHit* lexicon_hits = nullptr;       // the word form's hits in the index, when all of them apply
  const WordForm* form = nullptr;              // ... and that word form (for its starting hits)
  const WordForm* word = nullptr;              // its word form in the index whatever its case, if any
  std::uint32_t hits_begin = 0, hits_len = 0;  // else: into the hit pool
  std::uint32_t clause = 0;
  bool side = false;
  bool capital = false;
  bool starts_cue = false;  // some hit can make a cue candidate
  std::int32_t domain = kDomainUnknown;  // its domain entry (whole word forms), -1 none: see domain_of()
  Roles roles;
};

// A lexicon entry matched at tokens [first, last], with what the modifier rules did to it.
struct Candidate {
  std::uint32_t entry = 0;
  int tone = -1;
  MatchType match = MatchType::exact;
  std::uint32_t first = 0, last = 0;  // token range, inclusive
  double factor = 1.0;                // product of the weight factors of the rules, in rule order
  std::uint32_t modifiers = 0;        // Modifier bits
  bool certainty = false;
  bool dropped = false;
  // An expression's own words, bit k for token first + k (all bits when it spans more than 64 tokens):
  // the single-word cues it consumes stand on these, not on the words of its gaps.
  std::uint64_t words = ~std::uint64_t{0};

  /// Whether token @p token (inside [first, last]) carries one of its words.
  [[nodiscard]] bool on_word(std::size_t token) const noexcept {
    return token - first >= 64 || ((words >> (token - first)) & 1U) != 0;
  }
};

// A cue that a sentence-level rule gives the sentence as a whole (an open question), not a lexicon entry.
struct SentenceCue {
  std::uint32_t token = 0;  // the token it is shown at
  int tone = -1;
  double weight = 0.0;      // its base and its effective weight
  std::uint32_t modifiers = 0;
  std::uint32_t name = 0;   // its cue name in the pool: a rule name in angle brackets ("<question>"), tone, weight
};

// Per-thread buffers, reused from sentence to sentence so that scoring does not allocate per token.
struct Workspace {
  std::vector<Token> raw;
  std::vector<TokenInfo> toks;
  std::string keys;
  std::string scratch;
  std::vector<WordHit> pool;
  std::vector<Candidate> cands;
  std::vector<Candidate> phrase_negators;
  std::vector<bool> covered;
  std::vector<bool> in_phrase_negator;
  std::vector<std::int64_t> contrast_before;
  std::vector<std::int64_t> contrast_after;
  std::vector<double> sums;

  void clear() {
    // A huge input (a 10 MB sentence) must not pin its buffers to the thread for good.
    constexpr std::size_t kKeep = 1 << 16;
    if (raw.capacity() > kKeep || keys.size() > kKeep) *this = Workspace{};
    raw.clear();
    toks.clear();
    // keys keeps its size: it is overwritten, never read beyond what a sentence wrote.
    pool.clear();
    cands.clear();
    phrase_negators.clear();
  }
};

struct Sentence;
void segment_clauses(Sentence& s);  // clauses.cpp
bool quote_mark(std::string_view p);  // clauses.cpp: " « » ‹ › „ “ ” ‚ ‘

struct Sentence {
  Sentence(const LexiconIndex& lexicon_index, std::string_view sentence_text, Workspace& ws)
      : index(lexicon_index), lang(lexicon_index.language()), text(sentence_text), raw(ws.raw), toks(ws.toks), keys(ws.keys), scratch(ws.scratch),
        pool(ws.pool), cands(ws.cands), phrase_negators(ws.phrase_negators), covered(ws.covered),
        in_phrase_negator(ws.in_phrase_negator), contrast_before(ws.contrast_before),
        contrast_after(ws.contrast_after), sums(ws.sums) {
    ws.clear();
  }

  const LexiconIndex& index;
  const ProfileData& lang;  // the language profile's settings (profile_data.hpp)
  std::string_view text;  // the whole text; token offsets refer to it
  std::vector<Token>& raw;
  std::vector<TokenInfo>& toks;
  std::string& keys;
  std::string& scratch;  // one word's key on the Unicode path
  std::vector<WordHit>& pool;
  std::vector<Candidate>& cands;            // cue and certainty candidates, ordered by `first`
  std::vector<Candidate>& phrase_negators;  // multi-word negators ("keine Rede"), ordered by `first`
  std::vector<bool>& covered;               // token lies inside a cue phrase (empty: no phrase)
  std::vector<bool>& in_phrase_negator;     // token lies inside a multi-word negator (empty: none)
  std::vector<std::int64_t>& contrast_before;  // contrast rule: nearest contrast token before each token
  std::vector<std::int64_t>& contrast_after;   // contrast rule: nearest contrast token at or after it
  std::vector<double>& sums;                   // per tone, the effective weights of its cues
  std::optional<SentenceCue> sentence_cue;     // set by a sentence-level rule (questions)
  WordBits expression_words;                   // look_up_words(): the expression words of its tokens
  WordCodes expression_codes;                  // ... and their codes (see WordCodes)
  double market_evidence = 0.0;                // domain_evidence(): weights of the market words
  double nonmarket_evidence = 0.0;             // ... and of the words of other domains
  std::int8_t scope = 0;                       // market_scope(): 1 market, -1 another domain, 0 neither
  bool domain_ready = false;                   // domain_evidence() has run for this sentence
  bool full_domain_evidence = false;           // sum all domain words (documents), not just up to a decision
  std::uint32_t rules_off = 0;                 // RuleFamily bits switched off (ScorerOptions)
  std::size_t max_span = 0;                    // longest candidate, in tokens minus one
  std::size_t n_tokens = 0;                    // the size of raw and toks
  std::int8_t caseless_state = -1;             // caseless(): -1 not yet known
  bool clauses_ready = false;                  // segment_clauses() has run for this sentence

  [[nodiscard]] std::string_view surface(std::size_t i) const {
    return {text.data() + raw[i].begin, raw[i].end - raw[i].begin};
  }
  [[nodiscard]] std::string_view key(std::size_t i) const { return {keys.data() + toks[i].key_begin, toks[i].key_len}; }
  [[nodiscard]] std::span<const WordHit> hits(std::size_t i) const {
    const TokenInfo& t = toks[i];
    return {t.lexicon_hits != nullptr ? t.lexicon_hits : pool.data() + t.hits_begin, t.hits_len};
  }
  [[nodiscard]] bool is_word(std::size_t i) const { return raw[i].kind == TokenKind::word; }
  // The domain entry (market, nonmarket, figure, number) of word i's whole form, or -1; looked up on
  // first use, as only the market-scope and price-movement rules need it.
  std::int32_t domain_of(std::size_t i) {
    std::int32_t& d = toks[i].domain;
    if (d == kDomainUnknown) d = is_word(i) ? index.domain_word(key(i)) : -1;
    return d;
  }

  // Clauses are segmented only when a stage needs them: most sentences with a possible cue word end up
  // with no cue (an expression's other words are missing), and then nothing needs them.
  void ensure_clauses() {
    if (!clauses_ready) segment_clauses(*this);
    clauses_ready = true;
  }
  [[nodiscard]] bool same_clause(std::size_t a, std::size_t b) const { return toks[a].clause == toks[b].clause; }

  // Whether no word after the first is capitalized (headlines in lower case, chat, OCR): then nouns are
  // recognized without their capital. Computed only when a word needs it.
  bool caseless();
  // Whether token i stands where a German noun may: capitalized, the sentence's first word, or anywhere in
  // caseless text. Nouns of the lexicon (cues, markers, domain words, figures) count only there.
  bool noun_place(std::size_t i) { return toks[i].capital || i == 0 || caseless(); }

  // The first candidate whose `first` is >= t.
  std::vector<Candidate>::iterator first_at_or_after(std::size_t t) {
    return std::partition_point(cands.begin(), cands.end(), [&](const Candidate& c) { return c.first < t; });
  }

  // The token position of the nearest cue after `t` within `reach` tokens, in the same clause (clauses
  // only grow along the sentence, so checking the candidate's clause suffices); -1 when there is none.
  std::int64_t next_cue(std::size_t t, std::uint32_t reach) {
    const auto it = first_at_or_after(t + 1);
    if (it == cands.end() || it->first - t > reach || !same_clause(t, it->first)) return -1;
    return static_cast<std::int64_t>(it->first);
  }

  // Whether token t is one of the matched words of phrase candidate c (not a word in its gaps).
  bool phrase_word_of(const Candidate& c, std::size_t t) {
    if (c.match != MatchType::phrase || t < c.first || t > c.last) return false;
    for (const WordHit& h : hits(t)) {
      if (h.entry == c.entry) return true;
    }
    return false;
  }

  // A token that is one of the matched words of a cue phrase ("nicht" in "nicht auszuschließen"). Reads the
  // covered-token marks of the modifier stage (modifiers.cpp): valid only from then on.
  bool word_of_phrase(std::size_t t) {
    if (covered.empty() || !covered[t]) return false;
    for (auto it = first_at_or_after(t > max_span ? t - max_span : 0); it != cands.end() && it->first <= t; ++it) {
      if (phrase_word_of(*it, t)) return true;
    }
    return false;
  }

  [[nodiscard]] bool inside_phrase_negator(std::size_t t) const {
    return !in_phrase_negator.empty() && in_phrase_negator[t];
  }
};

inline bool starts_upper(std::string_view s) {
  if (s.empty()) return false;
  const auto c = static_cast<unsigned char>(s[0]);
  if (c >= 'A' && c <= 'Z') return true;
  return c == 0xC3 && s.size() > 1 &&
         (static_cast<unsigned char>(s[1]) == 0x84 || static_cast<unsigned char>(s[1]) == 0x96 ||
          static_cast<unsigned char>(s[1]) == 0x9C);
}

inline bool Sentence::caseless() {
  if (caseless_state < 0) {
    caseless_state = 1;
    for (std::size_t j = 1; j < n_tokens; ++j) {
      if (is_word(j) && starts_upper(surface(j))) {
        caseless_state = 0;
        break;
      }
    }
  }
  return caseless_state == 1;
}

// ---- the stages, in pipeline order (sentence_pipeline.cpp runs them) ------------------------------------

/// match_words.cpp: every word's lookup key, capitalization and lexicon hits (whole words, hyphenated
/// parts, compounds). Returns whether some word can start a cue.
bool look_up_words(Sentence& s, std::size_t sentence_bytes);

/// Whether the words from token @p j on spell @p phrase, a profile phrase: its words' keys joined by '_'
/// ("vom_tisch", "wie_vor").
inline bool phrase_at(const Sentence& s, std::size_t j, std::string_view phrase) {
  for (std::size_t start = 0; start <= phrase.size(); ++j) {
    std::size_t end = phrase.find('_', start);
    if (end == std::string_view::npos) end = phrase.size();
    if (j >= s.n_tokens || !s.is_word(j) || s.key(j) != phrase.substr(start, end - start)) return false;
    start = end + 1;
  }
  return true;
}

/// Whether one of @p phrases (profile phrases) starts at token @p j.
inline bool phrase_listed_at(const Sentence& s, std::size_t j, const WordList& phrases) {
  for (const std::string& phrase : phrases) {
    if (phrase_at(s, j, phrase)) return true;
  }
  return false;
}
/// candidates.cpp: cue candidates from the hits (single words, separable verbs, multi-word expressions),
/// ordered by their first token; then keep_required_markers, keep_price_movements and resolve_overlaps.
void find_candidates(Sentence& s);
/// candidates.cpp: expressions consume the same-tone single words on their own words, and one candidate
/// per token range and tone stays (the strongest). Runs after keep_required_markers and keep_price_movements,
/// so that an expression whose condition fails, and so does not count, consumes nothing either.
void resolve_overlaps(Sentence& s);
/// candidates.cpp: whether the particle of separable entry @p c follows token @p i at the end of its clause.
bool particle_follows(Sentence& s, const CompiledEntry& c, std::size_t i);
/// modifiers.cpp: the cue-modifier rule families (rules/rules.hpp), in order.
void apply_modifiers(Sentence& s);
/// rules/question.cpp and later sentence-level rules: cues of the sentence as a whole.
void apply_sentence_rules(Sentence& s);
/// rules/price_movement.cpp: drops candidates of cues that need a percentage (min=) when their clause
/// holds no fall that large, or names a business figure ("Umsatz") rather than a price.
void keep_price_movements(Sentence& s);
/// rules/markers.cpp: drops candidates of cues that require a marker (requires=) when their sentence holds
/// none of the classes they name.
void keep_required_markers(Sentence& s);
/// rules/markers.cpp: drops candidates of cues that need a counting cue of another tone (with=) when, after
/// the modifier rules, their sentence holds none (denied and out-of-scope cues do not count).
void keep_accompanied_cues(Sentence& s);
/// scoring.cpp: a candidate's effective weight (lexicon weight times its factor and its tone's calibration; 0
/// when negated or out of scope); a tone's score is 1 - 2^-S of their sum S.
double effective_weight(const Sentence& s, const Candidate& c);
/// rules/market_scope.cpp: the market and other-domain evidence of the sentence's words (once), and the
/// decision it gives: 1 market, -1 another domain, 0 neither.
void domain_evidence(Sentence& s);
std::int8_t scope_decision(double market, double nonmarket) noexcept;
/// scoring.cpp: the numbers only (per-tone scores, number of cues) ...
std::size_t tally(Sentence& s, double* scores);
/// ... or the full result: the sentence's span into @p out, its cues appended to @p cues (in text order),
/// one score per tone into @p scores. Sets no out.first_cue.
void explain(Sentence& s, std::uint32_t begin, std::uint32_t end, std::uint32_t cp_begin, DocumentSentence& out,
             std::vector<Cue>& cues, double* scores);

}  // namespace stimmung::detail
