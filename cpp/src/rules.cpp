// Design notes: scoring one sentence is a fixed pipeline over its tokens:
//   1. tokens get lookup keys and lexicon hits (exact and generated forms first, then compound analysis);
//   2. clause boundaries (punctuation, subordinating conjunctions, contrast words) bound every rule;
//   3. cue candidates: single words, separable verbs with their particle, multi-word expressions;
//   4. modifiers: negation (before or after the cue), boosters and dampeners, contrast, side clauses,
//      reportative "soll ... haben", questions;
//   5. per tone, effective weights add up to S and the score is 1 - 2^-S (one cue of weight 1 gives 0.5).
// Speed (benchmarks/RESULTS.md): step 1 is the only work every sentence needs, done in one pass with no
// allocation (per-thread buffers, hits used in place, keys lowercased eight bytes at a time). Most
// sentences stop there: no word can start a cue. An expression is looked for only from its anchor, its
// rarest word, and clauses are segmented only once a rule asks for them.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <optional>

#include "engine.hpp"
#include "stimmung/normalize.hpp"
#include "unicode.hpp"

namespace stimmung::detail {
namespace {

constexpr std::uint32_t kNegationReachAfter = 4;   // "keine (große) Blase", "kein Grund zur Panik"
constexpr std::uint32_t kNegationReachBefore = 6;  // "Diese Sorge teilen die Analysten nicht"
constexpr std::uint32_t kParticleReach = 16;       // "Die Kurse brechen ... am Nachmittag deutlich ein"
constexpr std::uint32_t kReportedReach = 12;       // "soll ... Milliarden verloren haben"
constexpr std::uint32_t kClauseNegationReach = 8;  // "Von einer Blase kann keine Rede sein"
constexpr std::uint32_t kModifierReach = 2;        // "extrem nervös", "eine extrem große Panik"
constexpr double kSideClauseHedgingFactor = 0.6;   // "..., weil die Kosten vermutlich steigen"
constexpr double kReportedFactor = 1.3;            // "soll ... verloren haben"
constexpr double kQuestionWeight = 1.0;            // an open question ("Platzt die KI-Blase?")

// What the rules know of a token beyond its offsets (which stay in the tokenizer's Token, index for index).
struct TokenInfo {
  std::uint32_t key_begin = 0, key_len = 0;
  const WordHit* lexicon_hits = nullptr;       // the word form's hits in the Engine, when all of them apply
  std::uint32_t hits_begin = 0, hits_len = 0;  // else: into the hit pool
  std::uint32_t clause = 0;
  bool side = false;
  bool capital = false;
  bool starts_cue = false;  // some hit can make a cue candidate
  Roles roles;
};

struct Candidate {
  std::uint32_t entry = 0;
  int tone = -1;
  MatchType match = MatchType::exact;
  std::uint32_t first = 0, last = 0;  // token range, inclusive
  double factor = 1.0;
  std::uint32_t modifiers = 0;
  bool certainty = false;
  bool dropped = false;
};

bool starts_upper(std::string_view s) {
  if (s.empty()) return false;
  const auto c = static_cast<unsigned char>(s[0]);
  if (c >= 'A' && c <= 'Z') return true;
  return c == 0xC3 && s.size() > 1 &&
         (static_cast<unsigned char>(s[1]) == 0x84 || static_cast<unsigned char>(s[1]) == 0x96 ||
          static_cast<unsigned char>(s[1]) == 0x9C);
}

bool clause_punct(std::string_view p) {
  if (p.size() == 1) {
    switch (p[0]) {
      case ',': case ';': case ':': case '(': case ')': case '[': case ']': case '"': case '.': case '!': case '?':
        return true;
      default:
        return false;
    }
  }
  static constexpr std::string_view kMarks[] = {"–", "—", "„", "“", "”", "«", "»", "‹", "›", "…", "•", "‚", "‘"};
  return std::find(std::begin(kMarks), std::end(kMarks), p) != std::end(kMarks);
}

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

Workspace& workspace() {
  thread_local Workspace ws;
  return ws;
}

class SentenceScorer {
 public:
  SentenceScorer(const Engine& engine, std::string_view text, Workspace& ws)
      : e_(engine), text_(text), raw_(ws.raw), toks_(ws.toks), keys_(ws.keys), scratch_(ws.scratch), pool_(ws.pool), cands_(ws.cands),
        phrase_negators_(ws.phrase_negators), covered_(ws.covered), in_phrase_negator_(ws.in_phrase_negator),
        contrast_before_(ws.contrast_before), contrast_after_(ws.contrast_after), sums_(ws.sums) {
    ws.clear();
  }

  /// The scores and cues of the sentence text[begin, end); nothing when the text is not valid UTF-8.
  std::optional<SentenceScore> run(std::uint32_t begin, std::uint32_t end, std::uint32_t cp_begin) {
    if (!analyse(begin, end, cp_begin)) return std::nullopt;
    return finish(begin, end, cp_begin);
  }

  /// Only the numbers: writes one score per tone to @p scores and returns the number of cues; nothing
  /// (and no scores) when the text is not valid UTF-8.
  std::optional<std::size_t> run_into(std::uint32_t begin, std::uint32_t end, double* scores) {
    if (!analyse(begin, end, 0)) return std::nullopt;
    return tally(scores);
  }

 private:
  // Returns false, having done nothing else, when the sentence is not valid UTF-8 (found while
  // tokenizing: no separate validation pass).
  bool analyse(std::uint32_t begin, std::uint32_t end, std::uint32_t cp_begin) {
    if (!tokenize_checked(text_.substr(begin, end - begin), raw_, begin, cp_begin)) return false;
    n_ = raw_.size();
    toks_.resize(n_);
    caseless_ = -1;
    // Most sentences hold no cue at all: the clause and modifier rules only ever act on cues.
    if (!look_up_words(end - begin)) return true;
    // Clauses are segmented only when a rule needs them: most sentences with a possible cue word end up
    // with no cue (an expression's other words are missing), and then nothing needs them.
    clauses_ready_ = false;
    find_candidates();
    if (cands_.empty() && phrase_negators_.empty()) return true;
    ensure_clauses();
    apply_modifiers();
    return true;
  }

  void ensure_clauses() {
    if (!clauses_ready_) segment_clauses();
    clauses_ready_ = true;
  }

  // Every word gets its lookup key, its capitalization and its lexicon hits, in one pass. The keys lie one
  // after the other in keys_, which keeps 8 bytes of slack at its end so that an ASCII word is lowercased
  // and stored eight bytes at a time (most words: once). Returns whether some word can start a cue.
  bool look_up_words(std::size_t sentence_bytes) {
    bool any_cue = false;
    constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
    if (keys_.size() < sentence_bytes + 16) keys_.resize(sentence_bytes + 16);
    std::size_t used = 0;
    for (std::size_t i = 0; i < n_; ++i) {
      if (raw_[i].kind != TokenKind::word) continue;
      TokenInfo& t = toks_[i];
      const std::size_t b = raw_[i].begin;
      const std::size_t len = raw_[i].end - b;
      if (used + len + 8 > keys_.size()) keys_.resize(used + len + 16);  // after keys longer than their words
      t.key_begin = static_cast<std::uint32_t>(used);
      t.key_len = static_cast<std::uint32_t>(len);
      bool ascii = true;
      for (std::size_t o = 0; ascii && o < len; o += 8) {
        if (b + o + 8 > text_.size()) {
          ascii = false;  // too close to the end of the text to read eight bytes
          break;
        }
        std::uint64_t v;
        std::memcpy(&v, text_.data() + b + o, 8);
        if (len - o < 8) v &= (std::uint64_t{1} << (8 * (len - o))) - 1;  // only the word's own bytes
        ascii = (v & kHigh) == 0;
        v = ascii_lower8(v);
        std::memcpy(keys_.data() + used + o, &v, 8);
      }
      if (ascii || german_key(surface(i), keys_.data() + used)) {
        used += len;
      } else {
        scratch_.clear();
        append_lookup_key(surface(i), scratch_);
        if (used + scratch_.size() + 8 > keys_.size()) keys_.resize(used + scratch_.size() + 16);
        std::memcpy(keys_.data() + used, scratch_.data(), scratch_.size());
        t.key_len = static_cast<std::uint32_t>(scratch_.size());
        used += scratch_.size();
      }
      t.capital = starts_upper(text_.substr(b, len));
      lookup(i);
      any_cue |= t.starts_cue;
    }
    return any_cue;
  }

  // Whether no word after the first is capitalized (headlines in lower case, chat, OCR): then nouns are
  // recognized without their capital. Computed only when a word needs it.
  bool caseless() {
    if (caseless_ < 0) {
      caseless_ = 1;
      for (std::size_t j = 1; j < n_; ++j) {
        if (raw_[j].kind == TokenKind::word && starts_upper(surface(j))) {
          caseless_ = 0;
          break;
        }
      }
    }
    return caseless_ == 1;
  }

  std::string_view surface(std::size_t i) const { return {text_.data() + raw_[i].begin, raw_[i].end - raw_[i].begin}; }
  std::string_view key(std::size_t i) const { return {keys_.data() + toks_[i].key_begin, toks_[i].key_len}; }
  std::span<const WordHit> hits(std::size_t i) const {
    const TokenInfo& t = toks_[i];
    return {t.lexicon_hits != nullptr ? t.lexicon_hits : pool_.data() + t.hits_begin, t.hits_len};
  }

  void add_hit(const WordHit& h) { pool_.push_back(h); }

  bool excluded(std::string_view k) const { return e_.excluded.find(k) != e_.excluded.end(); }

  // Compound analysis of one key (no hyphens): head at the right, or modifier at the left.
  // Literal senses ("Gallenblase", "Gallenblasenentzündung") block the whole word.
  bool excluded_compound(std::string_view k) const {
    for (std::size_t len = 4; len <= k.size(); ++len) {
      if (excluded(k.substr(k.size() - len)) || excluded(k.substr(0, len))) return true;
    }
    return false;
  }

  // Compound analysis of one key (no hyphens): head at the right, or modifier at the left. Exclusions
  // are checked only once something matched: most long words match nothing.
  void compound_hits(std::string_view k) {
    if (k.size() < e_.min_head + 3) return;
    // A head of n bytes leaves a modifier of at least 3: n <= size - 3. Longest first.
    const std::size_t longest = k.size() - 3;
    if (const std::uint64_t lengths = e_.head_lengths[Engine::edge_bits(k.substr(k.size() - 4))]; lengths != 0) {
      for (std::size_t n = longest; n >= e_.min_head; --n) {
        if ((lengths & Engine::length_bit(n)) == 0) continue;
        if (const auto it = e_.heads.find(k.substr(k.size() - n)); it != e_.heads.end()) {
          if (excluded_compound(k)) return;
          for (const auto id : it->second) add_hit(WordHit{id, MatchType::compound, 0, false});
          return;
        }
      }
    }
    const std::uint64_t lengths = e_.modifier_lengths[Engine::edge_bits(k.substr(0, 4))];
    for (std::size_t n = longest; lengths != 0 && n >= e_.min_modifier; --n) {
      if ((lengths & Engine::length_bit(n)) == 0) continue;
      if (const auto it = e_.modifiers.find(k.substr(0, n)); it != e_.modifiers.end()) {
        if (excluded_compound(k)) return;
        for (const auto id : it->second) add_hit(WordHit{id, MatchType::compound, 0, false});
        return;
      }
    }
  }

  void lookup(std::size_t i) {
    TokenInfo& t = toks_[i];
    t.hits_begin = static_cast<std::uint32_t>(pool_.size());
    const std::string_view k = key(i);
    if (const auto it = e_.words.find(k); it != e_.words.end()) {
      const WordForm& form = it->second;
      // Nouns are capitalized in German: "Sorgen" is a cue, the verb "sorgen" is not.
      if (!form.filtered || t.capital || i == 0 || caseless()) {
        t.lexicon_hits = form.hits.data();  // used in place: no copy
        t.hits_len = static_cast<std::uint32_t>(form.hits.size());
        t.roles = form.roles;
        t.starts_cue = form.starts_cue;
        return;
      }
      {
        for (const WordHit& h : form.hits) {
          const CompiledEntry& c = e_.entries[h.entry];
          if (c.noun) continue;
          add_hit(h);
          if (c.n_words == 1) add_role(t.roles, c.kind, h.entry);
          t.starts_cue |= h.starts;
        }
      }
      t.hits_len = static_cast<std::uint32_t>(pool_.size()) - t.hits_begin;
      return;
    }
    {  // not a lexicon word: compound analysis (which checks literal-sense exclusions on a match)
      if (raw_[i].hyphenated) {
        // "KI-Blase", "Panik-Verkäufe": every part may carry a cue; the last one as a head.
        std::size_t start = 0;
        while (start < k.size()) {
          std::size_t dash = k.find('-', start);
          if (dash == std::string_view::npos) dash = k.size();
          const std::string_view part = k.substr(start, dash - start);
          if (!excluded(part)) {
            if (const auto found = e_.words.find(part); found != e_.words.end()) {
              for (const WordHit& h : found->second.hits) {
                const CompiledEntry& c = e_.entries[h.entry];
                if (c.n_words == 1 && !h.needs_particle && (c.kind == EntryKind::cue || c.kind == EntryKind::certainty)) {
                  add_hit(WordHit{h.entry, MatchType::compound, 0, false});
                }
              }
            } else {
              compound_hits(part);
            }
          }
          start = dash + 1;
        }
      } else {
        compound_hits(k);
      }
    }
    // Compound analysis yields cue and certainty hits only: no function-word roles.
    t.hits_len = static_cast<std::uint32_t>(pool_.size()) - t.hits_begin;
    t.starts_cue = t.hits_len > 0;
  }

  // Clause boundaries: punctuation ends a clause; a subordinating conjunction or a contrast word opens a
  // new one. A subordinate clause is marked `side`, except one opened by "dass"/"ob": it carries reported
  // content ("sagte, dass ... sei") and is weighed like a main clause. After a comma, a d-word followed by
  // no noun opens a relative clause ("Stellen, die wahrscheinlich ...").
  void segment_clauses() {
    std::uint32_t clause = 0;
    bool side = false;
    bool complement = false;
    bool fresh = true;  // the current clause has no tokens yet
    bool after_comma = false;
    for (std::size_t i = 0; i < n_; ++i) {
      TokenInfo& t = toks_[i];
      // A contrast word opens a clause as a conjunction (first in its clause: ", doch die Nervosität
      // bleibt"); inside a clause it is an adverb ("die Furcht bleibt allerdings") and opens nothing.
      const bool conjunction = t.roles.contrast >= 0 && (fresh || (i > 0 && (key(i - 1) == "und" || key(i - 1) == "oder")));
      if (t.roles.clause || conjunction) {
        if (!fresh) ++clause;
        side = t.roles.clause;
        complement = t.roles.clause && (key(i) == "dass" || key(i) == "ob");
      } else if (fresh && after_comma && relative_pronoun(i)) {
        side = true;
        complement = false;
      }
      t.clause = clause;
      t.side = side && !complement;
      fresh = false;
      after_comma = false;
      if (raw_[i].kind == TokenKind::punct && clause_punct(surface(i))) {
        ++clause;
        side = false;
        complement = false;
        fresh = true;
        after_comma = surface(i) == ",";
      }
    }
  }

  bool relative_pronoun(std::size_t i) const {
    static constexpr std::string_view kRelative[] = {"der", "die", "das", "dem", "den", "deren", "dessen", "denen"};
    if (raw_[i].kind != TokenKind::word) return false;
    if (std::find(std::begin(kRelative), std::end(kRelative), key(i)) == std::end(kRelative)) return false;
    // An article is followed by its noun (or an adjective and the noun); a relative pronoun is not.
    if (i + 1 >= n_ || raw_[i + 1].kind != TokenKind::word) return true;
    return !toks_[i + 1].capital && !(i + 2 < n_ && toks_[i + 2].capital);
  }

  bool same_clause(std::size_t a, std::size_t b) const { return toks_[a].clause == toks_[b].clause; }

  // No word or number comes before token i (punctuation such as an opening quote may).
  bool first_word(std::size_t i) const {
    for (std::size_t j = 0; j < i; ++j) {
      if (raw_[j].kind != TokenKind::punct) return false;
    }
    return true;
  }

  // Finds a token in [from, to] of clause `clause` carrying a hit for (entry, position).
  std::int64_t find_word(std::uint32_t entry, std::uint8_t position, std::size_t from, std::size_t to,
                         std::uint32_t clause) const {
    for (std::size_t j = from; j <= to && j < n_; ++j) {
      if (toks_[j].clause != clause) break;
      for (const WordHit& h : hits(j)) {
        if (h.entry == entry && h.position == position) return static_cast<std::int64_t>(j);
      }
    }
    return -1;
  }

  // Finds the nearest token before `at`, at most `gap` + 1 tokens before it, of clause `clause`, carrying
  // a hit for (entry, position).
  std::int64_t find_word_before(std::uint32_t entry, std::uint8_t position, std::size_t at, std::size_t gap,
                                std::uint32_t clause) const {
    for (std::size_t j = at; j-- > 0 && at - j <= gap + 1;) {
      if (toks_[j].clause != clause) break;
      for (const WordHit& h : hits(j)) {
        if (h.entry == entry && h.position == position) return static_cast<std::int64_t>(j);
      }
    }
    return -1;
  }

  void find_candidates() {
    for (std::size_t i = 0; i < n_; ++i) {
      if (!toks_[i].starts_cue) continue;
      for (const WordHit& h : hits(i)) {
        if (!h.starts) continue;
        const CompiledEntry& c = e_.entries[h.entry];
        const bool phrase_negator = c.kind == EntryKind::negator;
        Candidate cand;
        cand.entry = h.entry;
        cand.tone = c.tone;
        cand.certainty = c.kind == EntryKind::certainty;
        cand.first = cand.last = static_cast<std::uint32_t>(i);
        cand.match = h.match;
        if (c.n_words == 1) {
          if (h.needs_particle) {
            // "Die Kurse brechen ... ein": the particle must follow in the same clause.
            ensure_clauses();
            bool found = false;
            for (std::size_t j = i + 1; j < n_ && j - i <= kParticleReach && same_clause(i, j); ++j) {
              if (raw_[j].kind == TokenKind::word && key(j) == c.particle) found = true;
            }
            if (!found) continue;
          }
          // A Konjunktiv I form that is also the 1st person indicative ("habe", "gebe") is no reported
          // speech next to "ich", and none as the sentence's first word: verb-first is the imperative
          // ("Unterstütze unsere Arbeit"), while reported speech puts the verb after its subject.
          if (c.kon1 && ((i > 0 && key(i - 1) == "ich") || (i + 1 < n_ && key(i + 1) == "ich") || first_word(i))) {
            continue;
          }
          cands_.push_back(cand);
          continue;
        }
        // Multi-word expressions are matched from their anchor, their rarest word ("Schwebe" in "in der
        // Schwebe"): a sentence full of "in" and "der" costs nothing.
        ensure_clauses();
        const std::uint32_t clause = toks_[i].clause;
        if (!c.free_order) {
          // Words before the anchor, nearest first, then the words after it; each within `gap` tokens.
          std::size_t lo = i, hi = i;
          bool ok = true;
          for (std::uint8_t p = c.anchor; ok && p-- > 0;) {
            const auto j = find_word_before(h.entry, p, lo, c.gap, clause);
            ok = j >= 0;
            if (ok) lo = static_cast<std::size_t>(j);
          }
          for (std::uint8_t p = c.anchor + 1; ok && p < c.n_words; ++p) {
            const auto j = find_word(h.entry, p, hi + 1, hi + 1 + c.gap, clause);
            ok = j >= 0;
            if (ok) hi = static_cast<std::size_t>(j);
          }
          if (!ok) continue;
          cand.first = static_cast<std::uint32_t>(lo);
          cand.last = static_cast<std::uint32_t>(hi);
        } else {
          // Any order inside the clause, within the expression's window around the anchor; an anchor word
          // repeated within the window counts once.
          const std::size_t window = static_cast<std::size_t>(c.n_words) + c.gap * (c.n_words - 1U) + 2;
          bool earlier = false;
          for (std::size_t j = i; j-- > 0 && i - j < window && same_clause(i, j);) {
            for (const WordHit& x : hits(j)) earlier |= x.entry == h.entry && x.position == h.position;
          }
          if (earlier) continue;
          std::size_t lo = i, hi = i;
          bool ok = true;
          for (std::uint8_t p = 0; ok && p < c.n_words; ++p) {
            if (p == h.position) continue;
            std::int64_t j = find_word(h.entry, p, i + 1, i + window, clause);
            if (j < 0) j = find_word_before(h.entry, p, i, window - 1, clause);
            ok = j >= 0;
            if (ok) {
              lo = std::min(lo, static_cast<std::size_t>(j));
              hi = std::max(hi, static_cast<std::size_t>(j));
            }
          }
          if (!ok || hi - lo + 1 > window) continue;
          cand.first = static_cast<std::uint32_t>(lo);
          cand.last = static_cast<std::uint32_t>(hi);
        }
        cand.match = MatchType::phrase;
        if (phrase_negator) {
          phrase_negators_.push_back(cand);
        } else {
          cands_.push_back(cand);
        }
      }
    }
    // Ordered by `first` (an expression was pushed at its anchor, which may come after its first word).
    const auto by_first = [](const Candidate& a, const Candidate& b) { return a.first < b.first; };
    if (!std::is_sorted(cands_.begin(), cands_.end(), by_first)) std::stable_sort(cands_.begin(), cands_.end(), by_first);
    if (!std::is_sorted(phrase_negators_.begin(), phrase_negators_.end(), by_first)) {
      std::stable_sort(phrase_negators_.begin(), phrase_negators_.end(), by_first);
    }
    // An expression consumes its words: single-word cues of the same tone inside it do not count again.
    // Only candidates starting inside m can be inside it.
    for (const Candidate& m : cands_) {
      if (m.match != MatchType::phrase) continue;
      for (auto it = first_at_or_after(m.first); it != cands_.end() && it->first <= m.last; ++it) {
        Candidate& s = *it;
        if (s.match != MatchType::phrase && s.tone == m.tone && s.first >= m.first && s.last <= m.last) s.dropped = true;
      }
    }
    // One cue per token and tone: the strongest.
    for (std::size_t a = 0; a < cands_.size(); ++a) {
      for (std::size_t b = a + 1; b < cands_.size() && cands_[b].first == cands_[a].first; ++b) {
        Candidate& x = cands_[a];
        Candidate& y = cands_[b];
        if (x.dropped || y.dropped || x.tone != y.tone || x.first != y.first || x.last != y.last) continue;
        (e_.entries[x.entry].weight >= e_.entries[y.entry].weight ? y : x).dropped = true;
      }
    }
    std::erase_if(cands_, [](const Candidate& c) { return c.dropped; });
    std::sort(cands_.begin(), cands_.end(), [](const Candidate& a, const Candidate& b) {
      return std::tie(a.first, a.last, a.tone) < std::tie(b.first, b.last, b.tone);
    });
  }

  // The first candidate whose `first` is >= t (cands_ is ordered by `first`).
  std::vector<Candidate>::iterator first_at_or_after(std::size_t t) {
    return std::partition_point(cands_.begin(), cands_.end(), [&](const Candidate& c) { return c.first < t; });
  }

  // Conjunctions that end the reach of an intensifier: "stark und die Nervosität" is no "starke Nervosität".
  bool blocks_modifier(std::size_t t) const {
    if (raw_[t].kind == TokenKind::punct) return true;
    const std::string_view k = key(t);
    return k == "und" || k == "oder" || k == "sowie" || toks_[t].roles.clause || toks_[t].roles.contrast >= 0;
  }

  // The token position of the nearest cue after `t` within `reach` tokens, in the same clause (clauses
  // only grow along the sentence, so checking the candidate's clause suffices).
  std::int64_t next_cue(std::size_t t, std::uint32_t reach, bool stop_at_conjunction) {
    const auto it = first_at_or_after(t + 1);
    if (it == cands_.end() || it->first - t > reach || !same_clause(t, it->first)) return -1;
    if (stop_at_conjunction) {
      for (std::size_t j = t + 1; j < it->first; ++j) {
        if (blocks_modifier(j)) return -1;
      }
    }
    return static_cast<std::int64_t>(it->first);
  }

  // A token that is one of the matched words of a cue phrase ("nicht" in "nicht auszuschließen").
  bool word_of_phrase(std::size_t t) {
    if (covered_.empty() || !covered_[t]) return false;
    for (auto it = first_at_or_after(t > max_span_ ? t - max_span_ : 0); it != cands_.end() && it->first <= t; ++it) {
      if (it->match != MatchType::phrase || t > it->last) continue;
      for (const WordHit& h : hits(t)) {
        if (h.entry == it->entry) return true;
      }
    }
    return false;
  }

  // The nearest contrast token before t, and at or after t; -1 when there is none.
  std::int64_t contrast_before(std::size_t t) const { return contrast_before_.empty() ? -1 : contrast_before_[t]; }
  std::int64_t contrast_after(std::size_t t) const { return contrast_after_.empty() ? -1 : contrast_after_[t]; }

  void apply_modifiers() {
    // Which tokens a cue phrase or a multi-word negator covers, marked once (a scan of all cues per token is
    // quadratic on long sentences), and only in sentences that have such phrases.
    max_span_ = 0;
    bool any_phrase = false;
    for (const Candidate& c : cands_) {
      max_span_ = std::max<std::size_t>(max_span_, c.last - c.first);
      any_phrase |= c.match == MatchType::phrase;
    }
    covered_.assign(any_phrase ? n_ : 0, false);
    for (const Candidate& c : cands_) {
      if (c.match == MatchType::phrase) std::fill(covered_.begin() + c.first, covered_.begin() + c.last + 1, true);
    }
    in_phrase_negator_.assign(phrase_negators_.empty() ? 0 : n_, false);
    for (const Candidate& c : phrase_negators_) {
      std::fill(in_phrase_negator_.begin() + c.first, in_phrase_negator_.begin() + c.last + 1, true);
    }
    const bool any_contrast =
        std::any_of(toks_.begin(), toks_.end(), [](const TokenInfo& t) { return t.roles.contrast >= 0; });
    contrast_before_.clear();
    contrast_after_.clear();
    if (any_contrast) {
      contrast_before_.assign(n_, -1);
      for (std::size_t t = 1; t < n_; ++t) {
        contrast_before_[t] = toks_[t - 1].roles.contrast >= 0 ? static_cast<std::int64_t>(t - 1) : contrast_before_[t - 1];
      }
      contrast_after_.assign(n_, -1);
      for (std::size_t t = n_; t-- > 0;) {
        contrast_after_[t] = toks_[t].roles.contrast >= 0 ? static_cast<std::int64_t>(t)
                             : t + 1 < n_   ? contrast_after_[t + 1]
                                                      : -1;
      }
    }
    for (const Candidate& n : phrase_negators_) negate_from(n.first, n.entry, n.last);
    for (std::size_t t = 0; t < n_; ++t) {
      const TokenInfo& tok = toks_[t];
      if (tok.roles.negator >= 0 && !word_of_phrase(t) && !inside_phrase_negator(t)) {
        negate_from(t, static_cast<std::uint32_t>(tok.roles.negator), t);
      }
      if (tok.roles.booster >= 0 && !word_of_phrase(t)) {
        const CompiledEntry& b = e_.entries[static_cast<std::size_t>(tok.roles.booster)];
        const std::int64_t at = next_cue(t, kModifierReach, true);
        for (auto it = at < 0 ? cands_.end() : first_at_or_after(static_cast<std::size_t>(at));
             it != cands_.end() && it->first == static_cast<std::size_t>(at); ++it) {
          it->factor *= b.weight;
          it->modifiers |= b.kind == EntryKind::booster ? kBoosted : kDampened;
        }
      }
    }
    // A negator inside a certainty phrase negates it ("Finanzierung soll nicht gesichert sein").
    for (Candidate& c : cands_) {
      if (!c.certainty || c.first == c.last) continue;
      for (std::size_t t = c.first + 1; t < c.last; ++t) {
        if (toks_[t].roles.negator >= 0) c.modifiers |= kNegated;
      }
    }
    for (Candidate& c : cands_) {
      // Contrast: a contrast word before the cue, or later in the cue's own clause ("bleibt allerdings").
      std::int64_t contrast = contrast_before(c.first);
      if (contrast < 0) {
        const std::int64_t after = contrast_after(c.last);
        if (after >= 0 && same_clause(c.last, static_cast<std::size_t>(after))) contrast = after;
      }
      if (contrast >= 0) {
        c.factor *= e_.entries[static_cast<std::size_t>(toks_[static_cast<std::size_t>(contrast)].roles.contrast)].weight;
        c.modifiers |= kContrast;
      }
      // Hedging confined to a side clause (causal, concessive, relative) does not hedge the main claim.
      if (toks_[c.first].side) {
        c.modifiers |= kSideClause;
        if (c.tone == e_.hedging && !c.certainty) c.factor *= kSideClauseHedgingFactor;
      }
      if (e_.entries[c.entry].reportative && reported_perfect(c.last)) {
        c.factor *= kReportedFactor;
        c.modifiers |= kReported;
      }
    }
  }

  // "soll ... verloren haben": a participle followed by haben/sein later in the clause.
  bool reported_perfect(std::size_t from) const {
    for (std::size_t j = from + 2; j < n_ && j - from <= kReportedReach && same_clause(from, j); ++j) {
      const std::string_view k = key(j);
      if ((k == "haben" || k == "sein") && raw_[j - 1].kind == TokenKind::word) {
        const std::string_view p = key(j - 1);
        if (p.size() > 3 && (p.ends_with("t") || p.ends_with("en"))) return true;
      }
    }
    return false;
  }

  bool inside_phrase_negator(std::size_t t) const { return !in_phrase_negator_.empty() && in_phrase_negator_[t]; }

  // Negation by the negator spanning tokens [t, last]: the cues at the nearest position after it, else the
  // content cues before it; a clause-scope negator ("keine Rede") negates the cues of its clause around it.
  void negate_from(std::size_t t, std::uint32_t entry, std::size_t last) {
    const CompiledEntry& neg = e_.entries[entry];
    // "nicht nur ..." is not a negation.
    if (last + 1 < n_ && raw_[last + 1].kind == TokenKind::word && key(last + 1) == "nur") return;
    // cands_ is ordered by `first`, so by clause too: each search below looks only where a match can be.
    if (neg.clause_scope) {
      // Every cue of its clause, within a window: a clause can be a million tokens long.
      const std::size_t from = t > kClauseNegationReach + max_span_ ? t - kClauseNegationReach - max_span_ : 0;
      for (auto it = first_at_or_after(from); it != cands_.end() && it->first <= last + kClauseNegationReach; ++it) {
        if (same_clause(t, it->first) && (it->last + kClauseNegationReach >= t)) it->modifiers |= kNegated;
      }
      return;
    }
    const std::int64_t at = next_cue(last, kNegationReachAfter, false);
    if (at >= 0) {
      for (auto it = first_at_or_after(static_cast<std::size_t>(at));
           it != cands_.end() && it->first == static_cast<std::size_t>(at); ++it) {
        it->modifiers |= kNegated;
      }
      return;
    }
    if (neg.negator_pre_only) return;
    // After the cues: a clause-final "nicht" negates what the clause says ("Diese Sorge teilen wir nicht").
    // Hedging cues before it are operators over the negation, not its content: "Man habe nie ... bestätigt",
    // "sollten die Pläne nicht aufgehen" stay hedged. Candidates starting more than reach + the longest
    // span before t cannot end within reach.
    for (auto it = std::make_reverse_iterator(first_at_or_after(t));
         it != cands_.rend() && t - it->first <= kNegationReachBefore + max_span_; ++it) {
      if (it->tone == e_.hedging && !it->certainty) continue;
      if (it->last < t && t - it->last <= kNegationReachBefore && same_clause(t, it->last)) it->modifiers |= kNegated;
    }
  }

  // The weight a candidate contributes to its tone's sum, after its modifiers.
  double effective_weight(const Candidate& c) const {
    double w = e_.entries[c.entry].weight * c.factor;
    const bool negated = (c.modifiers & kNegated) != 0;
    if (c.certainty) return negated ? w : -0.5 * w;  // "nicht gesichert" is hedging; "gesichert" lowers it
    if (negated) w = 0.0;                            // "keine Blase", "keine Unsicherheit", "nicht nervös"
    return w;
  }

  // The final "?" of an open question ("Platzt die KI-Blase?"), which is hedged; -1 when there is none.
  std::int64_t question_mark() const {
    for (std::size_t t = n_; e_.question_rule && t-- > 0;) {
      if (raw_[t].kind != TokenKind::punct) break;
      if (surface(t) == "?" || surface(t) == "？") return static_cast<std::int64_t>(t);
    }
    return -1;
  }

  // Per tone, the sum S of effective weights becomes the score 1 - 2^-S (S below 0 counts as 0).
  void to_scores(double* scores) const {
    for (std::size_t k = 0; k < sums_.size(); ++k) scores[k] = sums_[k] > 0.0 ? 1.0 - std::exp2(-sums_[k]) : 0.0;
  }

  std::size_t tally(double* scores) {
    sums_.assign(e_.tones.size(), 0.0);
    for (const Candidate& c : cands_) sums_[static_cast<std::size_t>(c.tone)] += effective_weight(c);
    const bool question = question_mark() >= 0;
    if (question) sums_[static_cast<std::size_t>(e_.hedging)] += kQuestionWeight;
    to_scores(scores);
    return cands_.size() + (question ? 1 : 0);
  }

  SentenceScore finish(std::uint32_t begin, std::uint32_t end, std::uint32_t cp_begin) {
    SentenceScore out;
    out.begin = begin;
    out.end = end;
    out.cp_begin = cp_begin;
    // Code points up to the last token are known from the tokenizer; only trailing spaces remain to count.
    const std::uint32_t counted_to = raw_.empty() ? begin : raw_.back().end;
    out.cp_end = (raw_.empty() ? cp_begin : raw_.back().cp_end) +
                 static_cast<std::uint32_t>(count_code_points(text_.substr(counted_to, end - counted_to)));
    out.n_tokens = static_cast<std::uint32_t>(n_);
    sums_.assign(e_.tones.size(), 0.0);
    if (!cands_.empty()) out.cues.reserve(cands_.size() + 1);
    for (const Candidate& c : cands_) {
      const CompiledEntry& entry = e_.entries[c.entry];
      const double w = effective_weight(c);
      sums_[static_cast<std::size_t>(c.tone)] += w;
      add_cue(out.cues, c.first, c.last, entry.source->term, c.tone, c.match, entry.weight, w, c.modifiers);
    }
    if (const std::int64_t t = question_mark(); t >= 0) {
      const auto q = static_cast<std::size_t>(t);
      sums_[static_cast<std::size_t>(e_.hedging)] += kQuestionWeight;
      add_cue(out.cues, q, q, "<question>", e_.hedging, MatchType::rule, kQuestionWeight, kQuestionWeight, kQuestion);
    }
    out.scores.resize(e_.tones.size());
    to_scores(out.scores.data());
    // Candidates come ordered by their first token and the question mark is the last token: the cues are
    // in text order already, except in ways this check keeps safe.
    const auto by_begin = [](const Cue& a, const Cue& b) { return a.begin < b.begin; };
    if (!std::is_sorted(out.cues.begin(), out.cues.end(), by_begin)) std::stable_sort(out.cues.begin(), out.cues.end(), by_begin);
    return out;
  }

  // Appends a cue, built in place.
  void add_cue(std::vector<Cue>& cues, std::size_t first, std::size_t last, std::string_view term, int tone,
               MatchType match, double base, double weight, std::uint32_t modifiers) const {
    static constexpr std::string_view kMatch[] = {"exact", "inflected", "compound", "separable", "phrase", "rule"};
    Cue& cue = cues.emplace_back();
    cue.begin = raw_[first].begin;
    cue.end = raw_[last].end;
    cue.cp_begin = raw_[first].cp_begin;
    cue.cp_end = raw_[last].cp_end;
    cue.surface.assign(text_.data() + cue.begin, cue.end - cue.begin);
    cue.term.assign(term);
    cue.tone.assign(e_.tones[static_cast<std::size_t>(tone)]);
    cue.match.assign(kMatch[static_cast<std::size_t>(match)]);
    cue.base_weight = base;
    cue.weight = weight;
    cue.modifiers = modifiers;
  }

  const Engine& e_;
  std::string_view text_;
  std::vector<Token>& raw_;
  std::vector<TokenInfo>& toks_;
  std::string& keys_;
  std::string& scratch_;  // one word's key on the Unicode path
  std::vector<WordHit>& pool_;
  std::vector<Candidate>& cands_;
  std::vector<Candidate>& phrase_negators_;
  std::vector<bool>& covered_;                  // token lies inside a cue phrase (empty: no phrase)
  std::vector<bool>& in_phrase_negator_;        // token lies inside a multi-word negator (empty: none)
  std::vector<std::int64_t>& contrast_before_;  // nearest contrast token before each token (empty: no contrast)
  std::vector<std::int64_t>& contrast_after_;   // nearest contrast token at or after each token (likewise)
  std::vector<double>& sums_;                   // per tone, the effective weights of its cues
  std::size_t max_span_ = 0;                    // longest candidate, in tokens minus one
  std::size_t n_ = 0;                           // tokens in the sentence (the size of raw_ and toks_)
  std::int8_t caseless_ = -1;  // caseless(): -1 not yet known
  bool clauses_ready_ = false;  // segment_clauses() has run for this sentence
};

}  // namespace

std::optional<SentenceScore> Engine::score_sentence(std::string_view text, std::uint32_t begin, std::uint32_t end,
                                                    std::uint32_t cp_begin) const {
  return SentenceScorer(*this, text, workspace()).run(begin, end, cp_begin);
}

std::optional<std::size_t> Engine::score_sentence_into(std::string_view text, std::uint32_t begin,
                                                       std::uint32_t end, double* scores) const {
  return SentenceScorer(*this, text, workspace()).run_into(begin, end, scores);
}

}  // namespace stimmung::detail

namespace stimmung {

std::vector<std::string_view> modifier_names(std::uint32_t modifiers) {
  static constexpr std::pair<Modifier, std::string_view> kNames[] = {
      {kNegated, "negated"},         {kBoosted, "boosted"},   {kDampened, "dampened"}, {kContrast, "contrast"},
      {kSideClause, "side_clause"}, {kReported, "reported"}, {kQuestion, "question"}};
  std::vector<std::string_view> names;
  for (const auto& [bit, name] : kNames) {
    if ((modifiers & bit) != 0) names.push_back(name);
  }
  return names;
}

}  // namespace stimmung
