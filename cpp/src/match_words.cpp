// Word matching: every word of a sentence gets its lookup key, its capitalization and its lexicon hits.
// Decides: which entries a single token can stand for: a word form of the index (nouns only when
// capitalized, unless the text is caseless), else the parts of a hyphenated compound ("KI-Blase"), else a
// compound head or modifier ("Immobilienblase", "Panikverkäufe"), unless a literal sense blocks it.
// Does not decide: whether hits make a cue (candidates.cpp: particles, expressions) or what modifies it.
//
// Design notes: this is the only stage every sentence runs, so it is one pass with no allocation: keys
// lie one after the other in a reused buffer, ASCII words are lowercased eight bytes at a time, and a word
// form's hits are used in place from the index. Most sentences stop after it: no word can start a cue.
#include <array>
#include <cstring>

#include "sentence.hpp"
#include "stimmung/normalize.hpp"
#include "unicode.hpp"

namespace stimmung::detail {
namespace {

void add_hit(Sentence& s, const WordHit& h) { s.pool.push_back(h); }

// The masculine stem of a feminine or gender-inclusive person noun's key: "anlegerin", "anlegerinnen",
// "anleger:innen" (and the Binnen-I of "AnlegerInnen", whose key is the same) -> 7 bytes, plural for the
// "-innen" forms. The stem must be at least four bytes and end as person nouns do (Anleger, Investor,
// Spekulant, Präsident, Analyst, Journalist, Ökonom, Kandidat, Chef, Favorit, Psycholog, Friseur):
// length 0 otherwise, so that "Termin", "Magazin" or "Zeugin" (of "Zeuge") keep their own analysis.
struct GenderedStem {
  std::size_t length = 0;
  bool plural = false;
};
GenderedStem gendered_stem(std::string_view k) noexcept {
  GenderedStem g;
  if (k.ends_with(":innen")) g = {k.size() - 6, true};
  else if (k.ends_with(":in")) g = {k.size() - 3, false};
  else if (k.ends_with("innen")) g = {k.size() - 5, true};
  else if (k.ends_with("in")) g = {k.size() - 2, false};
  if (g.length < 4) return {};
  const std::string_view stem = k.substr(0, g.length);
  for (const std::string_view end : {"er", "or", "ant", "ent", "st", "eur", "om", "at", "ef", "it", "og"}) {
    if (stem.ends_with(end)) return g;
  }
  return {};
}

// "Anlegerinnen", "Anleger:innen", "AnlegerInnen" stand for the lexicon's "Anleger", "Spekulantinnen"
// for "Spekulanten", "Analystin" for "Analyst", when they are no lexicon word themselves and are written
// as nouns. The token's key becomes the masculine one (rewritten in place: it is never longer). The ending
// is checked first: most words have none, and whether a word stands as a noun may scan the sentence.
const WordForm* masculine_form(Sentence& s, std::size_t i) {
  TokenInfo& t = s.toks[i];
  const GenderedStem g = gendered_stem(s.key(i));
  if (g.length == 0 || !s.noun_place(i)) return nullptr;
  char* key = s.keys.data() + t.key_begin;
  if (g.plural && !std::string_view(key, g.length).ends_with("er")) {  // the plural of all but "-er" nouns
    const std::array<char, 2> own{key[g.length], key[g.length + 1]};
    key[g.length] = 'e';
    key[g.length + 1] = 'n';
    if (const WordForm* form = s.index.word({key, g.length + 2})) {
      t.key_len = static_cast<std::uint32_t>(g.length + 2);
      return form;
    }
    key[g.length] = own[0];
    key[g.length + 1] = own[1];
  }
  if (const WordForm* form = s.index.word({key, g.length})) {
    t.key_len = static_cast<std::uint32_t>(g.length);
    return form;
  }
  // A person noun that is only a domain word ("Vermögensverwalterin": a market word) takes the masculine key
  // too, so that market scope finds it; it has no lexicon hits.
  if (s.index.domain_word({key, g.length}) >= 0) t.key_len = static_cast<std::uint32_t>(g.length);
  return nullptr;
}

void lookup(Sentence& s, std::size_t i) {
  TokenInfo& t = s.toks[i];
  t.hits_begin = static_cast<std::uint32_t>(s.pool.size());
  const std::string_view k = s.key(i);
  const WordForm* form = s.index.word(k);
  if (form == nullptr) form = masculine_form(s, i);
  if (form != nullptr) {
    t.word = form;
    s.expression_words.add(form->expression_words);
    for (std::size_t c = 0; c < form->n_codes; ++c) s.expression_codes.add(form->codes[c]);
    // The codes beyond the first kMaxCodes exist only when those are full: asking only then keeps the
    // vector's own bytes, at the far end of the form, out of the lookup of almost every word (real text
    // waits on every cache line a lookup touches).
    if (form->n_codes == WordForm::kMaxCodes) {
      for (const std::uint16_t code : form->more_codes) s.expression_codes.add(code);
    }
    // Nouns are capitalized in German: "Sorgen" is a cue, the verb "sorgen" is not.
    if (!form->filtered || t.capital || i == 0 || s.caseless()) {
      t.lexicon_hits = form->hits.data();  // used in place: no copy
      t.form = form;
      t.hits_len = static_cast<std::uint32_t>(form->hits.size());
      t.roles = form->roles;
      t.starts_cue = form->starts_cue;
      // Candidate matching reads the form's starting hits once every word is looked up: their first cache
      // line is asked for now, so that its miss (the index is larger than the caches near the core) overlaps
      // with the lookups of the words that follow.
      if (t.starts_cue) __builtin_prefetch(form->starting.data());
      return;
    }
    for (const WordHit& h : form->hits) {
      const CompiledEntry& c = s.index.entry(h.entry);
      if (c.noun) continue;
      add_hit(s, h);
      if (c.n_words == 1) add_role(t.roles, c.kind, h.entry);
      t.starts_cue |= h.starts;
    }
    t.hits_len = static_cast<std::uint32_t>(s.pool.size()) - t.hits_begin;
    return;
  }
  // Not a lexicon word: compound analysis (which checks literal-sense exclusions on a match).
  s.index.compound_analysis(k, s.raw[i].hyphenated, s.pool);
  // Compound analysis yields cue and certainty hits only: no function-word roles.
  t.hits_len = static_cast<std::uint32_t>(s.pool.size()) - t.hits_begin;
  t.starts_cue = t.hits_len > 0;
}

// "48-Fache", "2,5-fachen", "16-Jahres-Tief": a word written with a number and a hyphen before it is looked
// up as the lexicon's word with the number placeholder ("<n>-Fache", "<n>-Jahres-Tief") when the lexicon
// lists one (as a word or a domain word): its key is rewritten
// so (it may grow: the keys after it are not written yet), and it is a noun when its part after the number
// is capitalized. The ratio rule (rules/price_movement.cpp) reads the number off the surface. Returns the
// end of the keys written so far.
std::size_t numbered_key(Sentence& s, std::size_t i, std::size_t used) {
  TokenInfo& t = s.toks[i];
  const std::string_view k = s.key(i);
  const std::size_t digits = number_prefix_length(k);
  if (digits == 0) return used;
  std::string& key = s.scratch;
  key.assign(kNumberPlaceholder);
  key.append(k.substr(digits + 1));
  if (s.index.word(key) == nullptr && s.index.domain_word(key) < 0) return used;
  if (t.key_begin + key.size() + 8 > s.keys.size()) s.keys.resize(t.key_begin + key.size() + 16);
  std::memcpy(s.keys.data() + t.key_begin, key.data(), key.size());
  t.key_len = static_cast<std::uint32_t>(key.size());
  t.capital = starts_upper(s.surface(i).substr(digits + 1));
  return t.key_begin + key.size();
}

}  // namespace

// The keys lie one after the other in s.keys, which keeps 8 bytes of slack at its end so that an ASCII
// word is lowercased and stored eight bytes at a time (most words: once).
bool look_up_words(Sentence& s, std::size_t sentence_bytes) {
  bool any_cue = false;
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  std::string& keys = s.keys;
  const std::string_view text = s.text;
  if (keys.size() < sentence_bytes + 16) keys.resize(sentence_bytes + 16);
  std::size_t used = 0;
  for (std::size_t i = 0; i < s.n_tokens; ++i) {
    // Numbers get keys too: expressions may name a year ("Frühjahr 2000") or a figure.
    if (s.raw[i].kind != TokenKind::word && s.raw[i].kind != TokenKind::number) continue;
    TokenInfo& t = s.toks[i];
    const std::size_t b = s.raw[i].begin;
    const std::size_t len = s.raw[i].end - b;
    if (used + len + 8 > keys.size()) keys.resize(used + len + 16);  // after keys longer than their words
    t.key_begin = static_cast<std::uint32_t>(used);
    t.key_len = static_cast<std::uint32_t>(len);
    bool ascii = true;
    for (std::size_t o = 0; ascii && o < len; o += 8) {
      if (b + o + 8 > text.size()) {
        ascii = false;  // too close to the end of the text to read eight bytes
        break;
      }
      std::uint64_t v;
      std::memcpy(&v, text.data() + b + o, 8);
      if (len - o < 8) v &= (std::uint64_t{1} << (8 * (len - o))) - 1;  // only the word's own bytes
      ascii = (v & kHigh) == 0;
      v = ascii_lower8(v);
      std::memcpy(keys.data() + used + o, &v, 8);
    }
    if (ascii || german_key(s.surface(i), keys.data() + used)) {
      used += len;
    } else {
      s.scratch.clear();
      append_lookup_key(s.surface(i), s.scratch);
      if (used + s.scratch.size() + 8 > keys.size()) keys.resize(used + s.scratch.size() + 16);
      std::memcpy(keys.data() + used, s.scratch.data(), s.scratch.size());
      t.key_len = static_cast<std::uint32_t>(s.scratch.size());
      used += s.scratch.size();
    }
    t.capital = starts_upper(text.substr(b, len));
    if (s.raw[i].hyphenated && s.index.has_numbered_words()) used = numbered_key(s, i, used);
    lookup(s, i);
    any_cue |= t.starts_cue;
  }
  return any_cue;
}

}  // namespace stimmung::detail
