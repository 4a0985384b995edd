// Clause structure: which clause each token belongs to, and whether that clause is a side clause.
// Decides: clause boundaries (punctuation ends a clause, but not the quotation marks around a short name
// or phrase ("laut „Handelsblatt“", "eine »explosive Preisentwicklung«"), the dashes or brackets around a
// short parenthesis ("kann – trotz der Verluste – keine Rede sein", "Der Gewinn (Ebit) brach ein"), a
// hyphen between figures or written on a word for a compound's shared part ("Ein- und Zweifamilienhäuser"), the point of an ordinal ("am 3. März") nor a comma between the names of a list
// ("Siemens, BASF und SAP gaben nach"); a subordinating conjunction, a
// contrast word used as a conjunction, or a relative pronoun after a comma opens one), the clause a relative
// clause interrupted going on after it ("Eine Blase, die viele fürchten, sieht die Notenbank nicht": one
// clause with a gap, so its negation reaches "Blase") and the `side` mark.
// Does not decide: what a boundary does to a cue; every rule that stops at a clause asks same_clause(),
// and the side-clause rule (rules/side_clause.cpp) decides what `side` changes. The relative pronouns,
// the complementizers ("dass", "ob") and the words after which a contrast word is a conjunction ("und",
// "oder") are the language profile's.
#include <algorithm>

#include "sentence.hpp"
#include "stimmung/normalize.hpp"

namespace stimmung::detail {
namespace {

bool clause_punct(std::string_view p) {
  if (p.size() == 1) {
    switch (p[0]) {
      case ',': case ';': case ':': case '(': case ')': case '[': case ']': case '"': case '.': case '!': case '?':
        return true;
      default:
        return false;
    }
  }
  // The marks – — „ “ ” « » ‹ › … • ‚ ‘, told by their UTF-8 bytes: a switch, not thirteen string
  // comparisons per punctuation token (which a replaced invalid byte, U+FFFD, is as well).
  if (p.size() == 2) return p[0] == '\xC2' && (p[1] == '\xAB' || p[1] == '\xBB');  // « »
  if (p.size() != 3 || p[0] != '\xE2' || p[1] != '\x80') return false;
  switch (p[2]) {
    case '\x93': case '\x94':                          // – —
    case '\x9E': case '\x9C': case '\x9D':            // „ “ ”
    case '\xB9': case '\xBA':                          // ‹ ›
    case '\xA6': case '\xA2': case '\x9A': case '\x98':  // … • ‚ ‘
      return true;
    default:
      return false;
  }
}

// The word-class questions below run for a few tokens of a sentence (a clause word, a contrast word, the
// first word after a comma); out of line, they leave segment_clauses' loop over every token as small as
// it was with constants in their place.

// Token i follows "und"/"oder" (a contrast word after one opens a clause as a conjunction: "und doch").
[[gnu::noinline]] bool after_conjunction_opener(const Sentence& s, std::size_t i) {
  return i > 0 && s.lang.conjunction_openers.contains(s.key(i - 1));
}

// Token i is "dass"/"ob".
[[gnu::noinline]] bool complementizer(const Sentence& s, std::size_t i) {
  return s.lang.complementizers.contains(s.key(i));
}

[[gnu::noinline]] bool relative_pronoun(const Sentence& s, std::size_t i) {
  if (!s.is_word(i)) return false;
  if (!s.lang.relative_pronouns.contains(s.key(i))) return false;
  // An article is followed by its noun (or an adjective and the noun); a relative pronoun is not.
  if (i + 1 >= s.n_tokens || !s.is_word(i + 1)) return true;
  return !s.toks[i + 1].capital && !(i + 2 < s.n_tokens && s.toks[i + 2].capital);
}

// Clause word i is an adverb or preposition here, not a conjunction: a word of the profile's
// adverbial_clause_words inside a clause ("wird damit gerechnet", "stieg während der Sitzung"), or first in
// the sentence with no comma after it ("Damit dürfte die EZB ..."): a clause put first is followed by one.
[[gnu::noinline]] bool adverbial_use(const Sentence& s, std::size_t i, bool fresh, bool sentence_start) {
  if (!s.lang.adverbial_clause_words.contains(s.key(i))) return false;
  if (!fresh) return true;
  if (!sentence_start) return false;
  for (std::size_t j = i + 1; j < s.n_tokens; ++j) {
    if (s.raw[j].kind == TokenKind::punct && s.surface(j) == ",") return false;
  }
  return true;
}

}  // namespace

// A subordinate clause is marked `side`, except one opened by "dass"/"ob": it carries reported content
// ("sagte, dass ... sei") and is weighed like a main clause. After a comma, a d-word followed by no noun
// opens a relative clause ("Stellen, die wahrscheinlich ...").
// A hyphen standing alone typed for a dash ("brach ein - dabei gab es"; words joined by a hyphen are one
// token, "KI-Blase"), but not one between figures, a range ("10 - 12 Prozent"), nor one written on the word
// before it, which stands for a compound's shared part ("Ein- und Zweifamilienhäuser", "Bank-, Versicherungs-
// und Chemiewerte").
bool typed_dash(const Sentence& s, std::size_t i) {
  if (s.surface(i) != "-") return false;
  if (i > 0 && s.raw[i - 1].kind == TokenKind::word && s.raw[i - 1].end == s.raw[i].begin) return false;
  const bool figure_before = i > 0 && s.raw[i - 1].kind == TokenKind::number;
  const bool figure_after = i + 1 < s.n_tokens && s.raw[i + 1].kind == TokenKind::number;
  return !(figure_before || figure_after);
}

// A full stop written on a number inside the sentence is an ordinal ("am 3. März", "der 2. Quartal"), not a
// boundary: the sentence splitter has already decided where sentences end.
bool ordinal_point(const Sentence& s, std::size_t i) {
  return s.surface(i) == "." && i > 0 && i + 1 < s.n_tokens && s.raw[i - 1].kind == TokenKind::number &&
         s.raw[i - 1].end == s.raw[i].begin && s.raw[i + 1].kind != TokenKind::punct;
}

// A full stop written on a profile abbreviation inside the sentence ("knapp 25 Mrd. ab", "ca. 30 Prozent",
// "u. a.") is part of the word, not a boundary: a separable verb's particle after it still closes the clause.
// The list is case-folded, as the sentence splitter reads it ("tägl", not the lookup key "taegl").
bool abbreviation_point(const Sentence& s, std::size_t i) {
  return s.surface(i) == "." && i > 0 && i + 1 < s.n_tokens && s.is_word(i - 1) &&
         s.raw[i - 1].end == s.raw[i].begin && s.lang.abbreviations.contains(fold_case(s.surface(i - 1)));
}

// Quotation marks, told by their UTF-8 bytes: " « » ‹ › „ “ ” ‚ ‘.
bool quote_mark(std::string_view p) {
  if (p == "\"") return true;
  if (p.size() == 2) return p[0] == '\xC2' && (p[1] == '\xAB' || p[1] == '\xBB');
  if (p.size() != 3 || p[0] != '\xE2' || p[1] != '\x80') return false;
  switch (p[2]) {
    case '\x9E': case '\x9C': case '\x9D': case '\xB9': case '\xBA': case '\x9A': case '\x98':
      return true;
    default:
      return false;
  }
}

// The first punctuation mark after the opening mark at token i, if one to six non-punctuation tokens
// stand between them (a short quotation or parenthesis); 0 if there is none.
std::size_t short_span_close(const Sentence& s, std::size_t i) {
  constexpr std::size_t kMaxWords = 6;
  if (i + 2 >= s.n_tokens || s.raw[i + 1].kind == TokenKind::punct) return 0;
  for (std::size_t j = i + 2; j < s.n_tokens && j <= i + kMaxWords + 1; ++j) {
    if (s.raw[j].kind == TokenKind::punct) return j;
  }
  return 0;
}

// The closing mark of a short quotation opened at token i: a quotation mark, one to six words and another
// quotation mark; 0 if there is none. A quoted name ("laut „Handelsblatt“", "die „Financial Times“") or a
// quoted phrase ("von einer »explosiven Preisentwicklung«", "„Panik“ sei fehl am Platz") is part of its
// clause, not a boundary; quoted speech with its own punctuation is not.
std::size_t quoted_span_end(const Sentence& s, std::size_t i) {
  if (!quote_mark(s.surface(i))) return 0;
  const std::size_t close = short_span_close(s, i);
  return close != 0 && quote_mark(s.surface(close)) ? close : 0;
}

bool long_dash(std::string_view p) { return p == "\xE2\x80\x93" || p == "\xE2\x80\x94"; }  // – —

// The closing mark of a short parenthesis opened at token i inside a sentence: a dash ("–", "—" or a
// typed "-" between words) or a round bracket, one to six words and the same dash again or the closing
// bracket, with a word after it ("stemmen sich – bislang vergebens – gegen den Zinsanstieg", "Der Gewinn
// vor Zinsen und Steuern (Ebit) brach ein"); 0 if there is none. The clause runs on through it. A
// parenthesis that ends the sentence or a clause ("verlor 4451 Punkte (-12,4 Prozent).") stays a boundary.
std::size_t parenthesis_end(const Sentence& s, std::size_t i) {
  const std::string_view open = s.surface(i);
  const bool bracket = open == "(";
  if (i == 0 || !(bracket || long_dash(open) || typed_dash(s, i))) return 0;
  const std::size_t close = short_span_close(s, i);
  const bool goes_on = close != 0 && close + 1 < s.n_tokens && s.raw[close + 1].kind != TokenKind::punct;
  return goes_on && s.surface(close) == (bracket ? std::string_view(")") : open) ? close : 0;
}

// Token i, first after the comma that closes a relative clause, goes on with the clause the relative clause
// interrupted: a lowercase word (the finite verb: "Von einer Überhitzung, die manche befürchten, ist nichts
// zu sehen") that opens no clause of its own and is no conjunction or pronoun.
[[gnu::noinline]] bool continues_host(const Sentence& s, std::size_t i) {
  if (!s.is_word(i) || s.toks[i].capital || s.toks[i].roles.clause || s.toks[i].roles.contrast >= 0) return false;
  const std::string_view k = s.key(i);
  return !s.lang.conjunction_openers.contains(k) && !s.lang.relative_pronouns.contains(k);
}

// The comma at token i separates names or nouns of a list ("die Aktien von Zions Bancorporation, Western
// Alliance und Jefferies brachen ein"; "Siemens, BASF und SAP gaben nach"), not clauses: a capitalized word
// before it, then only capitalized words and further commas, at most kListReach tokens, up to a list
// conjunction (the profile's list_conjunctions) that a capitalized word follows. A clause after a comma
// starts lowercase or with a verb ("Die Kurse fielen, Anleger verkauften"), so caseless text keeps every
// comma a boundary.
[[gnu::noinline]] bool list_comma(Sentence& s, std::size_t i) {
  constexpr std::size_t kListReach = 8;
  if (i == 0 || !s.is_word(i - 1) || !s.toks[i - 1].capital || s.lang.list_conjunctions.empty() || s.caseless()) {
    return false;
  }
  bool name = false;  // a capitalized word since the last comma
  for (std::size_t j = i + 1; j < s.n_tokens && j <= i + kListReach; ++j) {
    if (s.raw[j].kind == TokenKind::punct) {
      if (s.surface(j) != "," || !name) return false;
      name = false;
      continue;
    }
    if (!s.is_word(j)) return false;
    if (!s.toks[j].capital) {
      return name && s.lang.list_conjunctions.contains(s.key(j)) && j + 1 < s.n_tokens && s.is_word(j + 1) &&
             s.toks[j + 1].capital;
    }
    name = true;
  }
  return false;
}

void segment_clauses(Sentence& s) {
  constexpr std::uint32_t kNone = UINT32_MAX;
  std::uint32_t clause = 0;
  std::uint32_t id = 0;  // the id the current clause's tokens get: `clause`, or the host's when it goes on
  std::uint32_t before = kNone;    // the id of the clause that the last comma closed
  std::uint32_t host = kNone;      // the clause a relative clause being read interrupted
  std::uint32_t resumable = kNone;  // the host of the relative clause the last comma closed
  bool before_side = false, host_side = false, resumable_side = false;  // whether those are side clauses
  bool side = false;
  bool complement = false;
  bool fresh = true;  // the current clause has no tokens yet
  bool after_comma = false;
  std::size_t quote_end = 0;  // one past the closing mark of the short quotation being read (0: none yet)
  for (std::size_t i = 0; i < s.n_tokens; ++i) {
    TokenInfo& t = s.toks[i];
    // A contrast word opens a clause as a conjunction (first in its clause: ", doch die Nervosität
    // bleibt"); inside a clause it is an adverb ("die Furcht bleibt allerdings") and opens nothing.
    const bool conjunction = t.roles.contrast >= 0 && (fresh || after_conjunction_opener(s, i));
    const bool clause_word = t.roles.clause && !adverbial_use(s, i, fresh, clause == 0);
    if (clause_word || conjunction) {
      if (!fresh) ++clause;
      id = clause;
      host = kNone;
      side = clause_word;
      complement = clause_word && complementizer(s, i);
    } else if (fresh && after_comma && resumable != kNone && continues_host(s, i)) {
      id = resumable;  // the interrupted clause goes on, a main or a side clause as it was
      side = resumable_side;
      complement = false;
      host = kNone;
    } else if (fresh) {
      // A d-word after a comma may open a relative clause that interrupts the clause before it, also when
      // a noun follows it ("Von einer Überhitzung, die Beobachter befürchten, ist nichts zu sehen"); the
      // clause is read as one only when the interrupted clause goes on after it.
      const bool d_word = after_comma && s.is_word(i) && s.lang.relative_pronouns.contains(s.key(i));
      host = d_word ? before : kNone;
      if (d_word) host_side = before_side;
      if (d_word && relative_pronoun(s, i)) {
        side = true;
        complement = false;
      }
    }
    t.clause = id;
    t.side = side && !complement;
    fresh = false;
    after_comma = false;
    if (s.raw[i].kind == TokenKind::punct && i >= quote_end) {
      std::size_t close = quoted_span_end(s, i);
      if (close == 0) close = parenthesis_end(s, i);
      if (close != 0) quote_end = close + 1;  // also at token 0
    }
    const bool in_quote = i < quote_end;
    if (s.raw[i].kind == TokenKind::punct && !in_quote && (clause_punct(s.surface(i)) || typed_dash(s, i)) &&
        !ordinal_point(s, i) && !abbreviation_point(s, i) && !(s.surface(i) == "," && list_comma(s, i))) {
      ++clause;
      after_comma = s.surface(i) == ",";
      resumable = after_comma && host != kNone ? host : kNone;
      resumable_side = host_side;
      before = after_comma ? id : kNone;
      before_side = side && !complement;
      id = clause;
      side = false;
      complement = false;
      fresh = true;
    }
  }
}

}  // namespace stimmung::detail
