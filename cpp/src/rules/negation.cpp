// Negation: which cues a negator cancels.
// Decides: a negator negates the cues at the nearest position after it (within 4 tokens, same clause),
// else the content cues before it (within 6 tokens, same clause; hedging cues before a clause-final
// "nicht" stay, they are operators over the negation); "kein..." and "ohne" bind only forwards; a
// clause-scope negator ("keine Rede") negates every cue of its clause around it but the hedging cues
// (operators: "Von einer Blase könne keine Rede sein", "dass es keine Anzeichen gebe"); "nicht nur" negates
// nothing, nor does "seit X nicht mehr" negate X, nor a negator after a cue or of the clause what a
// presupposing preposition takes for granted ("trotz des Kursrutsches keine Panik"), nor a negator the
// certainty marker right before it ("eindeutig nicht": certain of the denial); a negator in the gap
// of a cue or certainty phrase negates it ("soll nicht gesichert sein"); two negators side by side cancel
// out ("nicht unbegründet", "nicht ohne Risiko"); a negator after "und", "sondern" or a comma that goes on
// ("finanziert und nicht aus Gewinnen") denies only what follows it; "wie noch nie" compares and "kaum 15
// Milliarden" approximates, denying nothing; a denial framed as protest
// ("beteuerte der Fondsmanager") leaves its cues at most weight 1 (kProtested); a finite verb of ending before a
// negator is what it denies ("Die Sorgen verflogen nicht"); a zu-infinitive of speaking joined by a comma to a
// dismissive word says nothing ("Von einer Blase zu sprechen, wäre übertrieben").
// Does not decide: what kNegated does to a weight (scoring.cpp) or which words are negators (the lexicon).
// The reaches, "nur", "mehr" and "seit", the forward-only negators, the words that continue a noun phrase
// and the tone whose cues are operators over a negation (hedging) are the language profile's
// (cpp/data/profile_de.tsv, docs/profile-format.md).
#include <algorithm>
#include <optional>

#include "rules/rules.hpp"

namespace stimmung::detail {
namespace {

// Whether word i is one of @p words ("nur" after a negator, "mehr" of "nicht mehr").
bool word_in(const Sentence& s, std::size_t i, const WordList& words) {
  return i < s.n_tokens && s.is_word(i) && words.contains(s.key(i));
}

// Whether the words from token j on keep a negator right before them from negating: a canceller ("nicht
// nur", "nicht unerheblich") or an affirming infinitive ("nicht zu übersehen", "nicht zu leugnen").
// A canceller may be a phrase, its words' keys joined by '_' ("vom_tisch": "Die Sorgen sind nicht vom Tisch").
bool cancels_negation(const Sentence& s, std::size_t j) {
  if (word_in(s, j, s.lang.negation_cancellers) ||
      (word_in(s, j, s.lang.infinitive_markers) && word_in(s, j + 1, s.lang.affirming_infinitives))) {
    return true;
  }
  return j < s.n_tokens && s.is_word(j) && phrase_listed_at(s, j, s.lang.canceller_phrases);
}

// Whether one of @p words stands at most @p reach words before token `first`, in its clause.
bool preceded_by(const Sentence& s, std::size_t first, const WordList& words, std::uint32_t reach) {
  for (std::size_t j = first; j-- > 0 && first - j <= reach && s.same_clause(j, first);) {
    if (word_in(s, j, words)) return true;
  }
  return false;
}

// Whether a "seit" stands at most since_reach (3) words before token `first` ("seit dem Dotcom-Crash",
// "seit der Meme-Aktien-Manie").
bool after_since(const Sentence& s, std::size_t first) {
  return preceded_by(s, first, s.lang.since_words, s.lang.since_reach);
}

// "so stark wie seit 1987 nicht mehr", "die Sorge war seit Jahren nicht mehr so groß": a "nicht mehr" (the
// negator [t, last], "mehr" its last word or the next) after "seit X" (at most since_reach + 2 words before
// it) with a comparison word right before "seit" or right after "mehr", or a degree word ("so") anywhere
// before "seit" in its clause, says the tone is as strong as it has not been since X. Such a negator
// denies nothing. ("Die Aktie ist seit Jahren nicht mehr gefallen" compares nothing and stays a negation.)
// With the comparison word right before "seit", "mehr" may be left out: "gefragt wie seit Jahren nicht".
bool comparison_since(const Sentence& s, std::size_t t, std::size_t last) {
  std::size_t more = last;
  bool no_longer = true;
  if (!word_in(s, more, s.lang.no_longer_words)) {
    more = last + 1;
    no_longer = word_in(s, more, s.lang.no_longer_words);
  }
  const std::uint32_t reach = s.lang.since_reach + 2;
  for (std::size_t j = t; j-- > 0 && t - j <= reach && s.same_clause(j, t);) {
    if (!word_in(s, j, s.lang.since_words)) continue;
    if (j > 0 && word_in(s, j - 1, s.lang.comparison_words)) return true;
    if (!no_longer) return false;
    if (word_in(s, more + 1, s.lang.comparison_words)) return true;
    // "So nervös waren die Anleger seit Jahren nicht mehr": a degree word earlier in the clause.
    for (std::size_t k = j; k-- > 0 && s.same_clause(k, j);) {
      if (word_in(s, k, s.lang.degree_words)) return true;
    }
    return false;
  }
  return false;
}

// "Die Angst vor einer Rezession ließ nicht nach", "Die Sorgen verflogen nicht", "Die Nervosität legte sich
// kaum", "Verflogen ist die Angst nicht": the last finite verb of ending (the profile's ending_verbs; a
// separable particle or a reflexive "sich" that a pair names standing after it in its clause) before the
// negator at t, in its clause: what the negator denies is the ending, so the other cues of the clause
// persist. s.n_tokens when there is none.
std::size_t ending_verb_before(const Sentence& s, std::size_t t) {
  if (s.lang.ending_verbs.empty()) return s.n_tokens;
  for (std::size_t j = t; j-- > 0 && s.same_clause(j, t);) {
    if (!s.is_word(j)) continue;
    const std::string_view key = s.key(j);
    if (s.lang.ending_verbs.contains(key)) return j;
    if (!s.lang.ending_pair_verbs.contains(key)) continue;  // most words: one filter test
    for (const std::string& pair : s.lang.ending_verb_pairs) {
      const std::size_t bar = pair.find('_');
      if (key != std::string_view(pair).substr(0, bar)) continue;
      const std::string_view second = std::string_view(pair).substr(bar + 1);
      for (std::size_t k = j + 1; k < s.n_tokens && s.same_clause(k, j); ++k) {
        if (s.is_word(k) && s.key(k) == second) return j;
      }
    }
  }
  return s.n_tokens;
}

// Whether the cue starting at `first` stands at most presupposing_reach (3) words after a presupposing
// preposition of its clause ("trotz des Kursrutsches", "angesichts der Verluste"): the clause takes it for
// granted and denies something else ("Von Panik war trotz des Kursrutsches keine Spur").
bool presupposed(const Sentence& s, std::size_t first) {
  return preceded_by(s, first, s.lang.presupposing_words, s.lang.presupposing_reach);
}

// "kein" and "ohne" deny their noun phrase: the reach ends at its head noun ("ohne frisches Kapital noch
// durchhalten": not "durchhalten"), unless a prepositional or genitive attribute continues the phrase
// ("kein Grund zur Panik", "keine Spur von Nervosität").
std::uint32_t noun_phrase_reach(Sentence& s, std::size_t last) {
  const std::uint32_t reach = s.lang.negation_reach_after;
  for (std::size_t j = last + 1; j < s.n_tokens && j - last <= reach; ++j) {
    if (!s.is_word(j) || !s.toks[j].capital) continue;
    if (const auto c = s.first_at_or_after(j); c != s.cands.end() && c->first == j) continue;  // a cue noun
    if (!word_in(s, j + 1, s.lang.noun_phrase_attributes)) return static_cast<std::uint32_t>(j - last);
  }
  return reach;
}

// "über Kredite finanziert und nicht aus den laufenden Gewinnen", "Sorgen, nicht aber Panik": a negator [t,
// last] right after an alternative word or mark, with a word after it in its clause, sets an alternative
// against what came before; it denies what follows it, not the cues before it.
bool opens_alternative(const Sentence& s, std::size_t t, std::size_t last) {
  if (t == 0 || last + 1 >= s.n_tokens || !s.is_word(last + 1) || !s.same_clause(t, last + 1)) return false;
  return s.is_word(t - 1) ? word_in(s, t - 1, s.lang.alternative_words)
                          : s.lang.alternative_marks.contains(s.surface(t - 1));
}

// "so nervös wie noch nie", "so groß wie nie zuvor", "gefragt wie schon lange nicht": a negator [t, ...]
// right after a likeness word, with at most two fillers between, compares with all earlier times and
// denies nothing.
bool likeness(const Sentence& s, std::size_t t) {
  std::size_t j = t;
  for (int filler = 0; filler < 2 && j > 0 && word_in(s, j - 1, s.lang.likeness_fillers); ++filler) --j;
  return j > 0 && word_in(s, j - 1, s.lang.likeness_words);
}

// "Die Anleger waren noch nie so nervös", "Nie zuvor floss so viel Geld in KI-Start-ups": a never-word
// [t, last] with a degree word ("so") at most never_degree_reach words after it, in its clause, compares
// with all earlier times and denies nothing. ("nicht so nervös" is a denial: only never-words compare.)
bool never_so(const Sentence& s, std::size_t t, std::size_t last) {
  if (!word_in(s, t, s.lang.never_words)) return false;
  for (std::size_t j = last + 1; j < s.n_tokens && j - last <= s.lang.never_degree_reach && s.same_clause(j, t); ++j) {
    if (word_in(s, j, s.lang.degree_words)) return true;
  }
  return false;
}

// "von kaum 15 Milliarden", "kaum zwei Prozent": an approximator right before a number says "barely"; not
// before "ein", which is the article more often than the numeral ("kaum ein anderer Sektor" denies).
bool approximates(Sentence& s, std::size_t t, std::size_t last) {
  if (t != last || !word_in(s, t, s.lang.approximators) || last + 1 >= s.n_tokens) return false;
  const std::size_t n = last + 1;
  if (s.raw[n].kind == TokenKind::number) return true;
  if (!s.is_word(n) || s.domain_of(n) < 0) return false;
  const CompiledEntry& e = s.index.entry(s.domain_of(n));
  return e.kind == EntryKind::number && !e.percent && e.weight >= 2.0;
}

// A hedging cue (the profile's negation operator tone; not a certainty marker) is an operator over a
// negation, not its content: "Man habe nie ... bestätigt", "ob ... nicht gelingt".
bool operator_cue(const Sentence& s, const Candidate& c) {
  return c.tone == s.index.negation_operator_tone() && !c.certainty;
}

// Whether the negator [t, last] denies nothing where it stands: "nicht nur ...", the comparisons "wie seit
// 1987 nicht mehr", "so nervös wie noch nie", "noch nie so nervös", and "kaum 15 Milliarden".
// A negator phrase is read from its second word too: "nicht mehr als zehn Millionen" is "nicht" before the
// canceller "mehr als", an upper bound.
bool denies_nothing(Sentence& s, std::size_t t, std::size_t last) {
  return cancels_negation(s, last + 1) || (t < last && cancels_negation(s, t + 1)) || comparison_since(s, t, last) ||
         likeness(s, t) || never_so(s, t, last) || approximates(s, t, last);
}

// Whether every word of the negator phrase `neg` is a word of candidate c: the phrase is part of what c
// says ("sich von den Gewinnen weit entfernen" holds the negator "weit entfernt").
// (A certainty phrase on the same words, "Vergleich hinke", is what the negator denies: it stays negated.)
bool holds_phrase(const Candidate& c, const Candidate& neg) {
  if (c.certainty || c.match != MatchType::phrase || neg.first < c.first || neg.last > c.last) return false;
  for (std::size_t j = neg.first; j <= neg.last; ++j) {
    if (neg.on_word(j) && !c.on_word(j)) return false;
  }
  return true;
}

// Whether the negator [t, last] ends its clause (punctuation or the sentence's end follows) and a belief word
// (the profile's belief_words) stands before it in its clause: "Eine Blase sieht der Verband ... nicht", "Einen
// Crash erwartet die Vermögensverwalterin nicht", "Anzeichen einer Überhitzung sehen die Gutachter derzeit nicht".
bool denied_belief(const Sentence& s, std::size_t t, std::size_t last) {
  if (last + 1 < s.n_tokens && s.raw[last + 1].kind != TokenKind::punct) return false;
  const std::uint32_t reach = s.lang.denied_belief_reach;
  for (std::size_t j = t; j-- > 0 && t - j <= reach;) {
    if (s.same_clause(j, t) && word_in(s, j, s.lang.belief_words)) return true;
  }
  return false;
}

// Negation by the negator spanning tokens [t, last]; `phrase`: its candidate when it is a phrase, else null.
void negate_from(Sentence& s, std::size_t t, std::uint32_t entry, std::size_t last, const Candidate* phrase = nullptr) {
  const CompiledEntry& neg = s.index.entry(entry);
  const std::uint32_t reach_after = s.lang.negation_reach_after;    // "keine (große) Blase"
  const std::uint32_t reach_before = s.lang.negation_reach_before;  // "Diese Sorge teilen wir nicht"
  const std::uint32_t clause_reach = s.lang.clause_negation_reach;  // "Von einer Blase kann keine Rede sein"
  if (denies_nothing(s, t, last)) return;
  // "noch nicht", "noch keine": not yet, so a tone is weakened rather than denied; a certainty marker is
  // still denied ("noch nicht endgültig" is open).
  const bool not_yet = t > 0 && word_in(s, t - 1, s.lang.not_yet_words);
  const auto deny = [&](Candidate& c) {
    if (not_yet && !c.certainty) {
      c.factor *= s.lang.not_yet_factor;
      c.modifiers |= kDampened;
    } else {
      c.modifiers |= kNegated;
    }
  };
  // cands is ordered by `first`, so by clause too: each search below looks only where a match can be.
  if (neg.clause_scope) {
    // Every cue of its clause, within a window: a clause can be a million tokens long. The window counts
    // the clause's own tokens, so a relative clause that interrupts it takes no room ("Von der Euphorie,
    // die zuletzt auf jede Zahlenvorlage folgte, war nichts zu spüren").
    constexpr std::size_t kInterruption = 40;  // the longest relative clause looked past, in tokens
    std::size_t start = t;
    for (std::uint32_t own = 0; start > 0 && own < clause_reach && t - start < clause_reach + kInterruption; --start) {
      own += s.same_clause(start - 1, t) ? 1 : 0;
    }
    const std::size_t from = start > s.max_span ? start - s.max_span : 0;
    for (auto it = s.first_at_or_after(from); it != s.cands.end() && it->first <= last + clause_reach; ++it) {
      if (!s.same_clause(t, it->first) || it->last < start) continue;
      // Hedging cues are operators over the negation, on either side: "Für eine Übertreibung gebe es keine
      // Anzeichen", "dass es keine Anzeichen für eine Blase gebe", "Käufer, die ausbleiben könnten" are
      // still reported speech or a possibility.
      if (operator_cue(s, *it)) continue;
      if (presupposed(s, it->first)) continue;
      if (phrase != nullptr && holds_phrase(*it, *phrase)) continue;
      deny(*it);
    }
    return;
  }
  // A negator right before "und"/"oder" closes its conjunct: "Sie glauben den Prognosen nicht und fürchten
  // einen Einbruch" denies nothing after it.
  const bool closes_conjunct = word_in(s, last + 1, s.lang.conjunction_openers);
  const std::int64_t at =
      closes_conjunct ? -1 : s.next_cue(last, neg.negator_pre_only ? noun_phrase_reach(s, last) : reach_after);
  if (at >= 0) {
    for (auto it = s.first_at_or_after(static_cast<std::size_t>(at));
         it != s.cands.end() && it->first == static_cast<std::size_t>(at); ++it) {
      deny(*it);
    }
    return;
  }
  if (neg.negator_pre_only || opens_alternative(s, t, last)) return;
  // After the cues: a clause-final "nicht" negates what the clause says ("Diese Sorge teilen wir nicht"), and
  // the whole clause when it denies a belief ("Eine Blase am deutschen Wohnungsmarkt sieht der Maklerverband
  // trotz der jüngsten Preissprünge nicht").
  const std::uint32_t reach = denied_belief(s, t, last) ? std::max(reach_before, s.lang.denied_belief_reach) : reach_before;
  // Hedging cues before it are operators over the negation, not its content: "Man habe nie ... bestätigt",
  // "sollten die Pläne nicht aufgehen" stay hedged. Candidates starting more than reach + the longest
  // span before t cannot end within reach.
  // "nicht mehr" (one negator, or "nicht" before "mehr"); looked at once a cue asks (-1: not yet)
  int not_since = -1;
  std::optional<std::size_t> ending;  // ending_verb_before(t), looked at once a cue asks
  for (auto it = std::make_reverse_iterator(s.first_at_or_after(t));
       it != s.cands.rend() && t - it->first <= reach + s.max_span; ++it) {
    if (operator_cue(s, *it)) continue;
    if (not_since < 0) {
      not_since = word_in(s, last, s.lang.no_longer_words) || word_in(s, last + 1, s.lang.no_longer_words) ? 1 : 0;
    }
    // "wie seit der Dotcom-Blase nicht mehr": the cue names the time compared with, and the comparison
    // says it is back; "seit ... nicht mehr" negates nothing before it.
    if (not_since == 1 && after_since(s, it->first)) continue;
    if (presupposed(s, it->first)) continue;
    // "Die Sorgen verflogen nicht": the verb of ending is denied, and the cue before it persists; a cue that
    // holds the verb ("Die Begeisterung verflog nicht") is the ending itself, and is denied.
    if (!ending.has_value()) ending = ending_verb_before(s, t);
    if (*ending < s.n_tokens && (*ending < it->first || *ending > it->last)) continue;
    // "eindeutig nicht", "sicher nicht": a certainty word right before the negator is sure of the denial,
    // not denied ("Sicher ist das nicht" still is, and so is a certainty phrase that ends there: "Gesichert
    // ist die Finanzierung nicht").
    if (it->certainty && it->first == it->last && it->last + 1 == t) continue;
    // A phrase that crosses into the next clause ("so hoch, dass") is negated only from its own first clause.
    if (it->last < t && t - it->last <= reach && s.same_clause(t, it->last) && s.same_clause(t, it->first)) {
      deny(*it);
    }
  }
}

// Whether a belief word stands at most belief_reach tokens from the negator [t, last], in its clause.
bool negated_belief(const Sentence& s, std::size_t t, std::size_t last) {
  const std::uint32_t reach = s.lang.belief_reach;
  for (std::size_t j = t > reach ? t - reach : 0; j < s.n_tokens && j <= last + reach; ++j) {
    if (s.same_clause(j, t) && word_in(s, j, s.lang.belief_words)) return true;
  }
  return false;
}

// The first token of the clause of token j (clauses only grow along the sentence).
std::size_t clause_start(const Sentence& s, std::size_t j) {
  while (j > 0 && s.same_clause(j - 1, j)) --j;
  return j;
}

// Token j if it is a word, the word after it if j is a comma, else the end: a clause joined by a comma
// only (a full stop or a dash between, and the clause is not the belief's content).
std::size_t past_comma(const Sentence& s, std::size_t j) {
  if (j >= s.n_tokens || s.is_word(j)) return j;
  return j + 1 < s.n_tokens && s.surface(j) == "," && s.is_word(j + 1) ? j + 1 : s.n_tokens;
}

// A separable verb's infinitive with an infinitive marker (the profile's "zu") inside it: "aufzulösen",
// "einzugreifen", "abzustoßen" (a particle of two to five letters, the marker, and a verb of at least three
// letters ending in -en, -ern or -eln).
bool inner_zu_infinitive(const Sentence& s, std::string_view key) {
  if (key.size() < 7 || !(key.ends_with("en") || key.ends_with("rn") || key.ends_with("ln"))) return false;
  for (const std::string& marker : s.lang.infinitive_markers) {
    for (std::size_t at = 2; at <= 5 && at + marker.size() + 3 <= key.size(); ++at) {
      if (key.substr(at, marker.size()) == marker) return true;
    }
  }
  return false;
}

// Whether the clause of token `first` is an infinitive clause that a belief can have as its content: its
// last word comes right after "zu" ("in Panik zu verfallen", "ihre Aktien panisch zu verkaufen") or holds
// it ("ihre Positionen aufzulösen"), is not capitalized ("zu Verlusten" is a preposition and its noun), and
// no purpose word opens the clause ("um ... zu").
bool content_infinitive(const Sentence& s, std::size_t first) {
  if (word_in(s, first, s.lang.purpose_openers)) return false;
  std::size_t end = first;
  while (end + 1 < s.n_tokens && s.same_clause(end + 1, first)) ++end;
  while (end > first && !s.is_word(end)) --end;
  if (end <= first || !s.is_word(end) || s.toks[end].capital) return false;
  return word_in(s, end - 1, s.lang.infinitive_markers) || inner_zu_infinitive(s, s.key(end));
}

// A negated belief denies its content ("rechnet nicht damit, dass es zu einer Korrektur kommt"; "Dass die
// Blase platzt, glaubt niemand"; "sieht keinen Anlass, von einer Blase zu sprechen"): the cues of the
// complementizer clause right after the negator's clause, or right before it, or of the infinitive clause
// right after it, are negated too; hedging cues there stay operators.
void negate_denied_content(Sentence& s, std::size_t t, std::size_t last, bool denial = false) {
  if (cancels_negation(s, last + 1) || (!denial && !negated_belief(s, t, last))) return;
  // The clause right after the negator's: unless an "und"/"oder" after the negator opens a conjunct of its own
  // ("glauben den Prognosen nicht und fürchten, dass ..."), whose verb the clause after belongs to.
  std::size_t after = last + 1;
  bool own_conjunct = false;
  for (; after < s.n_tokens && s.same_clause(after, t) && s.is_word(after); ++after) {
    own_conjunct |= s.lang.conjunction_openers.contains(s.key(after));
  }
  after = own_conjunct ? s.n_tokens : past_comma(s, after);
  // "Dass die Blase platzt, glaubt niemand": the clause before, if a comma alone stands between.
  const std::size_t own = clause_start(s, t);
  const bool comma_before = own >= 2 && !s.is_word(own - 1) && s.surface(own - 1) == ",";
  const std::size_t starts[2] = {after, comma_before ? clause_start(s, own - 2) : s.n_tokens};
  for (const std::size_t first : starts) {
    if (first >= s.n_tokens || s.same_clause(first, t)) continue;
    if (!word_in(s, first, s.lang.complementizers) && (first != after || !content_infinitive(s, first))) continue;
    for (auto it = s.first_at_or_after(first); it != s.cands.end() && s.same_clause(it->first, first); ++it) {
      if (!operator_cue(s, *it) && !presupposed(s, it->first)) it->modifiers |= kNegated;
    }
  }
}

// A verb of denial (the profile's denial_words, or one of denial_particles after one of denial_particle_verbs in
// its clause: "weist ... zurück", "weist zurück, dass") says its content is not so: "Der Chefstratege bestreitet, dass die
// Märkte in einer Blase stecken", "Dass die Märkte in einer Blase stecken, weist der Chefstratege zurück". Not when a
// negator stands in its clause: "Dass sich die Kurse von den Fundamentaldaten gelöst haben, bestreitet kaum noch ein
// Analyst" affirms it.
bool denies_content(Sentence& s, std::size_t t) {
  if (!s.is_word(t)) return false;
  bool denial = word_in(s, t, s.lang.denial_words);
  if (!denial && word_in(s, t, s.lang.denial_particles)) {
    for (std::size_t j = clause_start(s, t); j < t && !denial; ++j) denial = word_in(s, j, s.lang.denial_particle_verbs);
  }
  if (!denial) return false;
  for (std::size_t j = clause_start(s, t); j < s.n_tokens && s.same_clause(j, t); ++j) {
    if (j != t && s.is_word(j) && s.toks[j].roles.negator >= 0) return false;
  }
  return true;
}

// A separable negator's base form ("Die Panik blieb aus") negates only with its particle at the end of
// the clause: "blieb unter Druck" and "blieb aus Angst vor Verlusten an der Seitenlinie" deny nothing.
bool negator_stands(Sentence& s, std::size_t t) {
  const auto entry = static_cast<std::uint32_t>(s.toks[t].roles.negator);
  for (const WordHit& h : s.hits(t)) {
    if (h.entry == entry && h.needs_particle) return particle_follows(s, s.index.entry(entry), t);
  }
  return true;
}

// Whether token t is one of the words of expression `entry` ("nicht" in "nicht mehr nachvollziehbar").
bool own_word(const Sentence& s, std::size_t t, std::uint32_t entry) {
  for (const WordHit& h : s.hits(t)) {
    if (h.entry == entry) return true;
  }
  return false;
}

// Token t is a negator beside another ("nicht unbegründet", "nicht ohne Risiko", "nicht unwahrscheinlich"):
// the two cancel out, and neither negates a cue.
bool double_negation(Sentence& s, std::size_t t) {
  const auto negator = [&](std::size_t j) {
    return j < s.n_tokens && s.is_word(j) && s.toks[j].roles.negator >= 0 && !s.word_of_phrase(j);
  };
  return (t > 0 && negator(t - 1)) || negator(t + 1);
}

// "„Hier gibt es keine Blase“, beteuerte der sichtlich gereizte Fondsmanager": a denial framed as protest
// leaves the tone, mild. Marks the negated cues (not the operator tone's) of a sentence with a protest word.
void mark_protest(Sentence& s) {
  // Most sentences deny nothing: look for a protest word only when a content cue is negated.
  if (std::none_of(s.cands.begin(), s.cands.end(),
                   [&](const Candidate& c) { return (c.modifiers & kNegated) != 0 && !operator_cue(s, c); })) {
    return;
  }
  bool protest = false;
  for (std::size_t t = 0; t < s.n_tokens && !protest; ++t) protest = word_in(s, t, s.lang.protest_words);
  if (!protest) return;
  for (Candidate& c : s.cands) {
    if ((c.modifiers & kNegated) != 0 && !operator_cue(s, c)) c.modifiers |= kProtested;
  }
}

// The first dismissive word (the profile's dismissive_words) of the clause starting at `first` that no negator
// stands right before ("nicht übertrieben" affirms), or s.n_tokens.
std::size_t dismissive_word_in(Sentence& s, std::size_t first) {
  const auto negated = [&](std::size_t j) { return s.is_word(j) && s.toks[j].roles.negator >= 0; };
  for (std::size_t t = first; t < s.n_tokens && s.same_clause(t, first); ++t) {
    if (!s.is_word(t)) continue;
    const std::string_view key = s.key(t);
    if (!s.lang.dismissive_words.contains(key) &&
        !(s.lang.dismissive_phrase_starts.contains(key) && phrase_listed_at(s, t, s.lang.dismissive_phrases))) {
      continue;
    }
    if (!((t > first && negated(t - 1)) || (t > first + 1 && negated(t - 2)))) return t;
  }
  return s.n_tokens;
}

// "Von einer Blase zu sprechen, wäre übertrieben", "Es ist verfrüht, von einer Blase zu sprechen", "Von einer
// Blase zu sprechen, halten wir für verfehlt": a zu-infinitive of speaking that holds cues, joined by a comma to
// a clause with a dismissive word, says nothing: its cues are denied, and so is a cue on the dismissive word
// ("übertrieben" is a bubble word of its own). Not when the word is negated: "Es ist nicht übertrieben, von
// einer Blase zu sprechen" says it. Looked for from the cues' clauses, so a sentence without cues costs nothing.
void negate_dismissed_saying(Sentence& s) {
  if (s.lang.dismissive_words.empty() || s.lang.saying_infinitives.empty()) return;
  std::uint32_t looked = ~std::uint32_t{0};
  for (std::size_t i = 0; i < s.cands.size(); ++i) {
    const std::size_t at = s.cands[i].first;
    // Only what a clause would say can be dismissed: hedging cues are operators (and most cues of a sentence).
    if (s.toks[at].clause == looked || operator_cue(s, s.cands[i])) continue;
    looked = s.toks[at].clause;
    std::size_t end = at;
    while (end + 1 < s.n_tokens && s.same_clause(end + 1, at)) ++end;
    // A zu-infinitive of speaking: "(von einer Blase) zu sprechen", "(den Markt überhitzt) zu nennen".
    std::size_t last = end;
    while (last > at && !s.is_word(last)) --last;
    if (last == at || !word_in(s, last, s.lang.saying_infinitives) || !word_in(s, last - 1, s.lang.infinitive_markers)) {
      continue;
    }
    const std::size_t first = clause_start(s, at);
    // The clause right after (a comma between) or right before (a comma alone between).
    std::size_t t = s.n_tokens;
    if (const std::size_t after = past_comma(s, end + 1); after < s.n_tokens) t = dismissive_word_in(s, after);
    if (t == s.n_tokens && first >= 2 && !s.is_word(first - 1) && s.surface(first - 1) == ",") {
      t = dismissive_word_in(s, clause_start(s, first - 2));
    }
    if (t == s.n_tokens) continue;
    for (Candidate& c : s.cands) {
      const bool said = s.same_clause(c.first, first);
      if ((said || (c.first <= t && t <= c.last)) && !operator_cue(s, c)) c.modifiers |= kNegated;
    }
  }
}

}  // namespace

void apply_negation(Sentence& s) {
  for (const Candidate& n : s.phrase_negators) {
    negate_from(s, n.first, n.entry, n.last, &n);
    negate_denied_content(s, n.first, n.last);
  }
  for (std::size_t t = 0; t < s.n_tokens; ++t) {
    const TokenInfo& tok = s.toks[t];
    if (tok.roles.negator >= 0 && !s.word_of_phrase(t) && !s.inside_phrase_negator(t) && negator_stands(s, t) &&
        !double_negation(s, t)) {
      negate_from(s, t, static_cast<std::uint32_t>(tok.roles.negator), t);
      negate_denied_content(s, t, t);
    }
  }
  // A verb of denial needs a content clause and a content cue to deny: a sentence of one clause or of hedging cues
  // alone is not searched (and the word lists' length and byte filters turn away most words without a probe).
  if ((!s.lang.denial_words.empty() || !s.lang.denial_particles.empty()) && s.n_tokens > 0 &&
      !s.same_clause(0, s.n_tokens - 1) &&
      std::any_of(s.cands.begin(), s.cands.end(), [&](const Candidate& c) { return !operator_cue(s, c); })) {
    for (std::size_t t = 0; t < s.n_tokens; ++t) {
      if (!s.is_word(t)) continue;
      const std::string_view key = s.key(t);
      if (!s.lang.denial_words.might_contain(key) && !s.lang.denial_particles.might_contain(key)) continue;
      if (denies_content(s, t)) negate_denied_content(s, t, t, true);
    }
  }
  // A negator in the gap of a cue or certainty phrase negates it ("Finanzierung soll nicht gesichert
  // sein", "Bewertungen sind nicht überzogen"), unless it is a word of the phrase itself or reads "nicht
  // nur". Hedging phrases keep their reading: the negation is their content ("ob ... nicht gelingt").
  for (Candidate& c : s.cands) {
    if (c.first == c.last || operator_cue(s, c)) continue;
    for (std::size_t t = c.first + 1; t < c.last; ++t) {
      if (s.toks[t].roles.negator < 0 || own_word(s, t, c.entry) || !negator_stands(s, t)) continue;
      if (denies_nothing(s, t, t)) continue;
      c.modifiers |= kNegated;
    }
  }
  negate_dismissed_saying(s);
  mark_protest(s);
}

}  // namespace stimmung::detail
