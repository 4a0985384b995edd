// Compiles a Lexicon into the LexiconIndex: word forms (inflected, separable), compound heads and
// modifiers, literal-sense exclusions, the anchor word of each expression, and the function-word roles.
// Decides: which keys lead to which entries, and which hit wins when forms of several entries collide.
// Does not decide: how a sentence is matched or scored (the matcher and the rules read the index only
// through its query functions); how forms are generated (inflect.cpp).
#include "lexicon_index.hpp"

#include <algorithm>
#include <limits>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "inflect.hpp"
#include "log.hpp"
#include "stimmung/error.hpp"
#include "stimmung/normalize.hpp"
#include "stimmung/result.hpp"
#include "stimmung/tokenize.hpp"

namespace stimmung::detail {
namespace {

// The non-empty pieces of @p text between @p sep: an expression's words (' '), a marker's classes ('|').
std::vector<std::string_view> split_words(std::string_view text, char sep = ' ') {
  std::vector<std::string_view> words;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t at = text.find(sep, start);
    const std::size_t end = at == std::string_view::npos ? text.size() : at;
    if (end > start) words.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

bool function_word(EntryKind k) {
  return k == EntryKind::negator || k == EntryKind::contrast || k == EntryKind::clause;
}

bool domain_kind(EntryKind k) {
  return k == EntryKind::market || k == EntryKind::nonmarket || k == EntryKind::figure || k == EntryKind::number;
}

// Whether the tokenizer reads @p word as one word or number, as matching needs: "%" is punctuation, "S&P"
// three tokens and "z.B." a word and a period, so a term or form with such a word never matches ("z.B"
// does). "<n>-Fache" stands for a number and a word (match_words.cpp).
bool one_token(std::string_view word) {
  if (word.starts_with(kNumberPlaceholder)) word.remove_prefix(kNumberPlaceholder.size());
  if (word.empty()) return false;
  const std::vector<Token> tokens = tokenize(word);
  return tokens.size() == 1 && tokens[0].kind != TokenKind::punct;
}

// The words of an expression joined, without hyphens, as a lookup key: "Down Round" -> "downround".
std::string joined_key(const std::vector<std::string_view>& words) {
  std::string joined;
  for (const std::string_view w : words) {
    for (const char ch : w) {
      if (ch != '-') joined.push_back(ch);
    }
  }
  return lookup_key(joined);
}

// A lookup key as forms of one word share it: without the number placeholder ("<n>-Fache" and "<n>-Fachen"
// share "fache", not "<n>-"), and with ä/ö/ü, which a key writes "ae"/"oe"/"ue", as a/o/u ("haefen" and
// "hafen" -> "hafen", "kursstuerze" and "kurssturz" -> "kurssturze", "kurssturz").
std::string stem_key(std::string_view key) {
  if (key.starts_with(kNumberPlaceholder)) key.remove_prefix(kNumberPlaceholder.size());
  std::string out;
  out.reserve(key.size());
  for (std::size_t i = 0; i < key.size(); ++i) {
    out.push_back(key[i]);
    if ((key[i] == 'a' || key[i] == 'o' || key[i] == 'u') && i + 1 < key.size() && key[i + 1] == 'e') ++i;
  }
  return out;
}

// How much of @p word a form begins with when it is an inflection of it: all of it ("Verlierer" ->
// "Verlierern", "Hafen" -> "Häfen"), or all but a final ending letter e, r, s, n or m ("größter" ->
// "größten"); 0 otherwise ("steil" is no part of "steigen", "Down" of "Down-Runde": a hyphen the word lacks,
// or more than three letters more, make a compound, not a form).
std::size_t inflected_stem(std::string_view form, std::string_view word) {
  if (form.size() > word.size() + 3) return 0;
  if (form.find('-') != std::string_view::npos && word.find('-') == std::string_view::npos) return 0;
  if (form.starts_with(word)) return word.size();
  const std::string_view ending = "ersnm";
  if (word.size() > 1 && ending.find(word.back()) != std::string_view::npos &&
      form.starts_with(word.substr(0, word.size() - 1))) {
    return word.size() - 1;
  }
  return 0;
}

std::size_t common_prefix(std::string_view a, std::string_view b) {
  std::size_t n = 0;
  while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
  return n;
}

// The word of an expression whose place a one-word form takes. Writers list inflections there ("größten" of
// "größter") and variants of one word ("Tiefs" for "Tiefstand", "Kursrutsch" for "Kurssturz", the noun
// "Warnung" for "warnen", "Konzernchef" for "Chef"), each meant for the place of the word it stands for:
//   1. the word it inflects (inflected_stem: the longest stem of at least 3 letters, the first word on a tie;
//      beside a verb 4, so that "wies" stays with "zurückweisen" and does not go to "wie");
//   2. else, for a lower-case form, the verb (irregular forms share little with it: "lief" of "laufen");
//   3. else the word it shares the longest beginning with, 4 letters or more;
//   4. else, for a noun, the expression's only noun.
// @p stems are the words' stem_key()s; returns stems.size() when no place fits (the form never matches).
std::size_t form_owner(std::string_view form_word, std::string_view form_key, const std::vector<std::string>& stems,
                       const std::vector<std::string_view>& written, std::size_t verb) {
  const std::string form = stem_key(form_key);
  const std::size_t none = stems.size();
  std::size_t best = none, best_length = 0;
  for (std::size_t w = 0; w < stems.size(); ++w) {
    if (w == verb) continue;
    const std::size_t stem = inflected_stem(form, stems[w]);
    if (stem >= (verb < none ? 4U : 3U) && stem > best_length) {
      best = w;
      best_length = stem;
    }
  }
  if (best != none) return best;
  const bool noun = guess_pos(form_word) == PartOfSpeech::noun;
  if (!noun && verb < none) return verb;
  best_length = 3;
  for (std::size_t w = 0; w < stems.size(); ++w) {
    if (const std::size_t length = common_prefix(form, stems[w]); length > best_length) {
      best = w;
      best_length = length;
    }
  }
  if (best != none || !noun) return best;
  for (std::size_t w = 0; w < written.size(); ++w) {
    if (guess_pos(written[w]) != PartOfSpeech::noun) continue;
    if (best != none) return none;  // two nouns: which one is meant is unknown
    best = w;
  }
  return best;
}

}  // namespace

void add_role(Roles& roles, EntryKind kind, std::uint32_t entry) noexcept {
  switch (kind) {
    case EntryKind::negator: roles.negator = static_cast<std::int32_t>(entry); break;
    case EntryKind::booster:
    case EntryKind::dampener: roles.booster = static_cast<std::int32_t>(entry); break;
    case EntryKind::contrast: roles.contrast = static_cast<std::int32_t>(entry); break;
    case EntryKind::clause: roles.clause = true; break;
    default: break;
  }
}

LexiconIndex::LexiconIndex(const Lexicon& lexicon, const Profile& profile)
    : tones_(lexicon.tones()), language_(&profile.data()) {
  compile_entries(lexicon);
  // Requirements are resolved once every marker class is known: a user file may define its markers after
  // the cues that require them.
  for (CompiledEntry& c : entries_) {
    if (c.kind != EntryKind::cue || c.weight == 0.0) continue;
    c.requires_groups_begin = static_cast<std::uint32_t>(requires_groups_.size());
    for (const auto& alternative : c.source->requires_classes) {
      if (alternative.find('+') == std::string::npos) {
        c.requires_markers |= marker_class_bit(alternative, false, c.source->source);
        continue;
      }
      MarkerClasses all;  // "credit+surge": every class present
      for (const auto& name : split_words(alternative, '+')) {
        all |= marker_class_bit(std::string(name), false, c.source->source);
      }
      requires_groups_.push_back(all);
    }
    c.requires_groups_len = static_cast<std::uint32_t>(requires_groups_.size()) - c.requires_groups_begin;
    for (const auto& name : c.source->unless_classes) {
      if (std::find(marker_classes_.begin(), marker_classes_.end(), name) == marker_classes_.end()) {
        logger().warn("{}: unless={} names no marker class (no marker line has class={}): it never stops the cue",
                      c.source->source, name, name);
        continue;
      }
      c.unless_markers |= marker_class_bit(name, false, c.source->source);
    }
    has_marker_requirements_ |= c.requires_any();
  }
  choose_anchors();
  build_compound_filters();
  finish_word_forms();
  // A percent sign ("3,1 %") stands for the profile's percent words ("Prozent") as a marker too.
  for (const std::string& word : language_->percent_words) percent_sign_markers_ |= marker(word, false, true).first;
  logger().debug("compiled lexicon: {} entries, {} word forms, {} compound heads, {} modifiers", entries_.size(),
                 words_.size(), heads_.size(), modifiers_.size());
}

HugePageAdvice LexiconIndex::advise_huge_pages() const {
  if (huge_pages_turned_off()) return {};
  const MemorySpans spans = memory_spans();
  const HugePageAdvice advice = spans.advise_huge_pages();
  logger().debug("lexicon index: {} MB in {} spans; huge pages asked for {} MB, {} MB moved at once",
                 spans.block_bytes() >> 20, spans.spans().size(), advice.advised >> 20, advice.collapsed >> 20);
  return advice;
}

MemorySpans LexiconIndex::memory_spans() const {
  MemorySpans spans;
  const auto block = [&](const void* begin, std::size_t bytes) { spans.add(begin, bytes); };
  const auto vector = [&](const auto& v) { block(v.data(), v.capacity() * sizeof(v[0])); };
  const auto plain = [](const auto&) {};
  vector(entries_);
  for (const CompiledEntry& c : entries_) {
    block(c.particle.data(), c.particle.capacity() + 1);
  }
  vector(needs_);
  words_.for_each_block(block, [&](const WordForm& form) {
    vector(form.hits);
    vector(form.starting);
    vector(form.more_codes);
  });
  heads_.for_each_block(block, vector);
  modifiers_.for_each_block(block, vector);
  excluded_.for_each_block(block, plain);
  domain_words_.for_each_block(block, plain);
  domain_heads_.for_each_block(block, plain);
  domain_modifiers_.for_each_block(block, plain);
  markers_.for_each_block(block, plain);
  marker_heads_.for_each_block(block, plain);
  for (const auto* lengths : {&head_lengths_, &modifier_lengths_, &domain_head_lengths_, &domain_modifier_lengths_,
                              &marker_head_lengths_}) {
    vector(*lengths);
  }
  vector(form_markers_);
  vector(requires_groups_);
  return spans;
}

// The bit of marker class @p name. A marker line (@p define) gives a new class the next bit, up to 255
// classes (a later one is ignored, with a warning). A cue's requires= naming a class no marker defines gets
// a bit no word has: the cue never counts (a warning names its line). @p source is the entry's "file:line".
MarkerClasses LexiconIndex::marker_class_bit(const std::string& name, bool define, const std::string& source) {
  constexpr std::size_t kMaxClasses = kMarkerBits - 1;
  const auto bit = [](std::size_t i) { return MarkerClasses{}.set(i); };
  const auto at = std::find(marker_classes_.begin(), marker_classes_.end(), name);
  if (at != marker_classes_.end()) return bit(static_cast<std::size_t>(at - marker_classes_.begin()));
  if (!define) {
    logger().warn("{}: requires={} names no marker class (no marker line has class={}): the cue never counts",
                  source, name, name);
    return bit(kMaxClasses);  // the class no marker defines
  }
  if (marker_classes_.size() == kMaxClasses) {
    logger().warn("{}: more than {} marker classes: class {} is ignored", source, kMaxClasses, name);
    return {};
  }
  marker_classes_.push_back(name);
  return bit(marker_classes_.size() - 1);
}

namespace {

void add_code(WordForm& form, std::uint16_t code) {
  const auto end = form.codes.begin() + form.n_codes;
  if (std::find(form.codes.begin(), end, code) != end) return;
  if (form.n_codes < WordForm::kMaxCodes) {
    form.codes[form.n_codes++] = code;
  } else if (std::find(form.more_codes.begin(), form.more_codes.end(), code) == form.more_codes.end()) {
    form.more_codes.push_back(code);
  }
}

}  // namespace

// One CompiledEntry per lexicon entry, and every form of its words in the tables.
void LexiconIndex::compile_entries(const Lexicon& lexicon) {
  const auto& src = lexicon.entries();
  entries_.reserve(src.size());
  needs_.reserve(src.size());
  // The profile's tone roles, by name (an empty name, "-" in the file, is no tone).
  const auto tone_index = [&](const std::string& name) {
    const auto it = std::find(tones_.begin(), tones_.end(), name);
    return name.empty() || it == tones_.end() ? -1 : static_cast<int>(it - tones_.begin());
  };
  // Expressions share many words ("fallen deutlich", "fallen kräftig", "sinken deutlich"): each distinct
  // word, part of speech, irregular forms and particle is inflected once (inflection was half the build).
  std::unordered_map<std::string, InflectedForms> inflections;
  std::unordered_set<std::string> domain_written;  // domain words as written (see below)
  const std::vector<std::string> no_extra;
  const auto inflected = [&](const std::string& key, PartOfSpeech pos, const std::vector<std::string>& extra,
                             const std::string& particle) -> const InflectedForms& {
    std::string id;
    id.reserve(key.size() + particle.size() + 8);
    id.push_back(static_cast<char>('0' + static_cast<int>(pos)));
    id.append(key).push_back('\x1f');
    id.append(particle);
    for (const auto& x : extra) id.append("\x1f").append(x);
    auto it = inflections.find(id);
    if (it == inflections.end()) it = inflections.emplace(std::move(id), inflect(key, pos, extra, particle)).first;
    return it->second;
  };
  question_tone_ = tone_index(language_->question_tone);
  side_clause_tone_ = tone_index(language_->side_clause_tone);
  negation_operator_tone_ = tone_index(language_->negation_operator_tone);
  object_scope_tone_ = tone_index(language_->object_scope_tone);
  for (std::uint32_t i = 0; i < src.size(); ++i) {
    const LexiconEntry& e = src[i];
    CompiledEntry c;
    WordBits needs;
    // A cue of weight 0 only exists to remove a cue when extending another lexicon: it never matches.
    const bool inert = e.kind == EntryKind::cue && e.weight == 0.0;
    c.source = &e;
    c.kind = e.kind;
    c.weight = e.weight;
    c.gap = e.gap;
    c.free_order = e.free_order;
    c.kon1 = e.kon1;
    c.reportative = e.reportative;
    c.clause_scope = e.clause_scope;
    c.percent = e.percent;
    c.min_percent = e.kind == EntryKind::cue && !inert ? e.min_percent : 0.0;
    c.price = e.kind == EntryKind::cue && !inert && e.price;
    c.min_ratio = e.kind == EntryKind::cue && !inert ? e.min_ratio : 0.0;
    has_price_movements_ |= c.min_percent > 0.0 || c.price || c.min_ratio > 0.0;
    has_numbered_words_ |= e.term.starts_with(kNumberPlaceholder) || e.term.find(" <n>-") != std::string::npos;
    if (!e.tone.empty()) {
      c.tone = static_cast<int>(std::find(tones_.begin(), tones_.end(), e.tone) - tones_.begin());
    }
    if (!e.with_tone.empty() && e.kind == EntryKind::cue && !inert) {
      c.with_tone = tone_index(e.with_tone);
      if (c.with_tone < 0) {
        logger().warn("{}: with={} names no tone of the lexicon: the cue never counts", e.source, e.with_tone);
        c.with_tone = -2;
      }
      has_accompanied_cues_ = true;
    }
    if (e.kind == EntryKind::scope || e.kind == EntryKind::calibration) {
      if (e.kind == EntryKind::scope) {
        // "market  bubble  1  scope": the tone speaks of markets only (see rules/market_scope.cpp).
        scoped_tones_.resize(tones_.size(), false);
        scoped_tones_[static_cast<std::size_t>(c.tone)] = true;
        has_scope_ = true;
      } else {
        // "sum  bubble  1.3  calibration": every weight summed for the tone counts 1.3 times (scoring.cpp).
        tone_factors_.resize(tones_.size(), 1.0);
        tone_factors_[static_cast<std::size_t>(c.tone)] = e.weight;
      }
      entries_.push_back(std::move(c));
      needs_.emplace_back();
      continue;
    }
    const auto written = split_words(e.term);
    c.n_words = static_cast<std::uint8_t>(std::min<std::size_t>(written.size(), 255));
    if (!e.separable.empty()) c.particle = lookup_key(e.separable);
    const std::string first_key = lookup_key(written.empty() ? std::string_view{} : written[0]);
    c.negator_pre_only = e.kind == EntryKind::negator && forward_only(*language_, first_key);
    std::size_t last_verb = written.size();
    std::vector<std::string> word_keys, word_stems;
    word_keys.reserve(written.size());
    word_stems.reserve(written.size());
    for (std::size_t w = 0; w < written.size(); ++w) {
      if (guess_pos(written[w]) == PartOfSpeech::verb) last_verb = w;
      word_keys.push_back(lookup_key(written[w]));
      word_stems.push_back(stem_key(word_keys.back()));
    }
    // Single-word forms belong to the entry's word; in an expression, to the word they stand for ("größten
    // Verlierern" for "größter Verlierer", see form_owner) or else to its verb ("lief aus dem Ruder"). A form
    // written as a phrase gives each word of an expression its form at the same place ("schwarzen Montag"
    // for "schwarzer Montag"; the parser holds it to the term's word count). Lines and forms that can never
    // match get a warning naming them, so that whoever extends the lexicon sees why a line does nothing: a
    // word the tokenizer does not read as one word ("%", "S&P"), a one-word spelling of a whole expression
    // ("Downround" for "Down Round"), and a one-word form whose place form_owner cannot tell (a synonym in an
    // expression of two nouns). Each needs a line of its own.
    std::vector<std::string> extra;
    std::vector<std::vector<std::string>> word_forms(written.size());
    const auto dead_word = [](std::string_view text) {
      for (const std::string_view w : split_words(text)) {
        if (!one_token(w)) return w;
      }
      return std::string_view{};
    };
    if (const std::string_view w = dead_word(e.term); !w.empty() && !inert) {
      logger().warn("{}: \"{}\" is not one word of a text (the tokenizer splits it): the line never matches",
                    e.source, w);
    }
    const std::string whole_key = written.size() > 1 ? joined_key(written) : std::string{};
    for (const auto& f : e.forms) {
      if (const std::string_view w = dead_word(f); !w.empty()) {
        if (!inert) {
          logger().warn("{}: forms={}: \"{}\" is not one word of a text (the tokenizer splits it): the form "
                        "never matches",
                        e.source, f, w);
        }
        continue;
      }
      const auto parts = split_words(f);
      if (parts.size() > 1) {
        for (std::size_t w = 0; w < parts.size() && w < written.size(); ++w) {
          if (parts[w] != written[w]) word_forms[w].push_back(lookup_key(parts[w]));
        }
        continue;
      }
      const std::string key = lookup_key(f);
      if (written.size() <= 1) {
        extra.push_back(key);
        continue;
      }
      const char* dead = nullptr;
      std::size_t owner = written.size();
      if (joined_key(parts).starts_with(whole_key)) {  // "Downround", "Downrounds" for "Down Round"
        dead = "spells the whole expression as one word";
      } else {
        owner = form_owner(f, key, word_stems, written, last_verb);
        if (owner == written.size()) dead = "stands for no word of the expression";
      }
      if (dead != nullptr) {
        if (!inert) {
          logger().warn("{}: forms={} {}: it never matches (give it a line of its own)", e.source, f, dead);
        }
      } else if (owner == last_verb) {
        extra.push_back(key);
      } else {
        word_forms[owner].push_back(key);
      }
    }

    for (std::size_t w = 0; w < written.size() && !inert; ++w) {
      const std::string& key = word_keys[w];
      // An explicit pos applies to a single word; the words of an expression are guessed one by one.
      PartOfSpeech pos = e.pos == PartOfSpeech::automatic || written.size() > 1 ? guess_pos(written[w]) : e.pos;
      // Function words match as written, but a separable one ("ausbleiben": "Die Panik blieb aus") is a verb.
      if (e.exact || (function_word(e.kind) && e.separable.empty())) pos = PartOfSpeech::other;
      if (e.kind == EntryKind::booster || e.kind == EntryKind::dampener) {
        if (!e.exact && e.pos == PartOfSpeech::automatic) pos = PartOfSpeech::adjective;
      }
      // Irregular forms belong to a single word, or to the verb of an expression ("lief aus dem Ruder"), also
      // when `exact` keeps the words from inflecting ("gehen von aus" with forms=geht|gehe).
      const bool takes_forms = written.size() == 1 || w == last_verb;
      const std::vector<std::string>* own_forms = takes_forms ? &extra : &no_extra;
      std::vector<std::string> merged;  // only a phrase form adds to a word's own forms
      if (!word_forms[w].empty()) {
        merged = *own_forms;
        merged.insert(merged.end(), word_forms[w].begin(), word_forms[w].end());
        own_forms = &merged;
      }
      // A separable verb is the entry's single word or the verb of its expression ("Positionen abbauen" with
      // sep=ab: "bauen ... Positionen ab", not "bauten Positionen auf").
      const bool separable_word = written.size() == 1 || (w == last_verb && key.starts_with(c.particle));
      const InflectedForms& forms = inflected(key, pos, *own_forms, separable_word ? c.particle : std::string{});
      if (written.size() == 1) c.noun = pos == PartOfSpeech::noun;
      const auto position = static_cast<std::uint8_t>(std::min<std::size_t>(w, 255));
      if (e.kind == EntryKind::exclude) {
        for (const auto& f : forms.joined) excluded_[f] = c.tone;
        continue;
      }
      if (e.kind == EntryKind::marker) {
        // Markers live in a table of their own, read only by cues that require them (rules/markers.cpp).
        MarkerClasses bit;  // one bit per class: "class=yld|mvobj" names two
        for (const std::string_view name : split_words(e.marker_class, '|')) {
          bit |= marker_class_bit(std::string(name), true, e.source);
        }
        const bool as_head = e.compound == CompoundRole::head;
        for (const auto& f : forms.joined) {
          // A form counts only capitalized when every marker that has it is a noun: the verb "fürchten"
          // stays a marker in lower case although the plural of the noun "Furcht" is spelled alike.
          const bool fresh = !markers_.contains(f);
          auto& m = markers_[f];
          m.first |= bit;
          m.second = (fresh || m.second) && pos == PartOfSpeech::noun;
          if (as_head && f.size() >= kMinForm) {
            auto& h = marker_heads_[f];
            h.first |= bit;
            h.second = m.second;
          }
        }
        continue;
      }
      if (domain_kind(e.kind)) {
        // Domain words carry no hits: they never make or modify a cue, and live in a table of their own.
        if (written.size() == 1) c.noun = pos == PartOfSpeech::noun;
        // A word as written keeps its entry against another entry's generated form: the numeral "zehn"
        // stays a number, though inflecting the body part "Zeh" also yields "Zehn".
        for (const auto& f : forms.joined) {
          const bool as_written = f == key;
          if (!as_written && domain_written.contains(f)) continue;
          domain_words_[f] = static_cast<std::int32_t>(i);
          if (as_written) domain_written.insert(f);
        }
        if (e.compound == CompoundRole::head || e.compound == CompoundRole::both) {
          for (const auto& f : forms.joined) {
            if (f.size() >= kMinForm) domain_heads_[f] = static_cast<std::int32_t>(i);
          }
        }
        if (e.compound == CompoundRole::modifier || e.compound == CompoundRole::both) {
          for (const auto& f : modifier_forms(key)) {
            if (f.size() >= kMinForm) domain_modifiers_[f] = static_cast<std::int32_t>(i);
          }
        }
        continue;
      }
      WordBits word_bit;
      const std::uint16_t code = WordCodes::code_of(key);
      if (written.size() > 1) {
        const std::uint8_t bit = WordBits::bit_of(key);
        word_bit.set_bit(bit);
        needs.add(word_bit);
        if (position < CompiledEntry::kPositionBits) {
          c.word_bits[position] = bit;
          c.word_codes[position] = code;
        }
      }
      for (const auto& f : forms.joined) {
        WordForm& form = words_[f];
        form.hits.push_back(WordHit{i, f == key ? MatchType::exact : MatchType::inflected, position, false});
        form.expression_words.add(word_bit);
        if (written.size() > 1) add_code(form, code);
      }
      for (const auto& f : forms.split) {
        WordForm& form = words_[f];
        form.hits.push_back(WordHit{i, MatchType::separable, position, true});
        form.expression_words.add(word_bit);
        if (written.size() > 1) add_code(form, code);
      }
      if (written.size() == 1 && (e.kind == EntryKind::cue || e.kind == EntryKind::certainty)) {
        if (e.compound == CompoundRole::head || e.compound == CompoundRole::both) {
          for (const auto& f : forms.joined) {
            if (f.size() >= kMinForm) heads_[f].push_back(i);
          }
        }
        if (e.compound == CompoundRole::modifier || e.compound == CompoundRole::both) {
          for (const auto& f : modifier_forms(key)) {
            if (f.size() >= kMinForm) modifiers_[f].push_back(i);
          }
        }
      }
    }
    question_rule_ |= c.kind == EntryKind::cue && c.tone >= 0 && c.tone == question_tone_ && c.weight > 0.0;
    // Interned now, so that scoring never takes the pool's lock (result.hpp).
    if (c.tone >= 0) c.cue_name = intern_cue_name(e.term, tones_[static_cast<std::size_t>(c.tone)], c.weight);
    entries_.push_back(std::move(c));
    needs_.push_back(needs);
  }
  if (question_rule_) {
    question_name_ = intern_cue_name("<question>", tones_[static_cast<std::size_t>(question_tone_)],
                                     language_->question_weight);
  }
}

// The anchor of an expression: the word a match attempt starts from, so it should be its rarest in
// running text. Function words (the profile's frequent_words: articles, pronouns, auxiliaries, ...)
// never anchor when a content word is there ("Rede" in "nicht die Rede"); among the rest, the word with
// the fewest hits in the table, then the longest.
void LexiconIndex::choose_anchors() {
  const auto frequent_word = [&](const std::string& key) { return language_->frequent_words.contains(key); };
  for (std::uint32_t i = 0; i < entries_.size(); ++i) {
    CompiledEntry& c = entries_[i];
    if (c.n_words < 2) continue;
    const auto written = split_words(c.source->term);
    auto rank = [&](const std::string& key) {
      const auto it = words_.find(key);
      const std::size_t hits = it == words_.end() ? 0 : it->second.hits.size();
      return std::tuple(frequent_word(key), hits, std::numeric_limits<std::size_t>::max() - key.size());
    };
    auto best = rank(lookup_key(written[0]));
    for (std::size_t w = 1; w < written.size() && w < 255; ++w) {
      const auto r = rank(lookup_key(written[w]));
      if (r < best) {
        best = r;
        c.anchor = static_cast<std::uint8_t>(w);
      }
    }
  }
}

// Exact first: when a key is the written form of some entry, generated forms of other entries do not
// also claim it (a lexicon word is never shadowed by another word's inflection). Then each form's
// summary for the rules: its roles and whether it can start a cue.
namespace {

// Literal senses ("Gallenblase", "Gallenblasenentzündung") block the whole word: an exclusion at its
// right or left edge, of any length from 4 bytes.
bool excluded_compound(const LexiconIndex& index, std::string_view k) {
  for (std::size_t len = 4; len <= k.size(); ++len) {
    if (index.excluded(k.substr(k.size() - len)) || index.excluded(k.substr(0, len))) return true;
  }
  return false;
}

// Compound analysis of one key (no hyphens): head at the right, else modifier at the left. Exclusions
// are checked only once something matched: most long words match nothing.
void compound_hits(const LexiconIndex& index, std::string_view k, std::vector<WordHit>& out) {
  std::span<const std::uint32_t> ids = index.compound_head(k);
  if (ids.empty()) ids = index.compound_modifier(k);
  if (ids.empty() || excluded_compound(index, k)) return;
  for (const auto id : ids) out.push_back(WordHit{id, MatchType::compound, 0, false});
}

}  // namespace

// "KI-Blase", "Panik-Verkäufe": every part may carry a cue (a single-word cue or certainty marker, not a
// separable verb's base nor a Konjunktiv I form); a part that is no lexicon word gets compound analysis.
// A literal sense blocks the whole word as it does a compound written as one ("Immobilienblasen-Index"
// with an exclusion "Index" or "Immobilienblasen-Index"); checked only once a part matched.
void LexiconIndex::compound_analysis(std::string_view k, bool hyphenated, std::vector<WordHit>& out) const {
  if (!hyphenated) {
    compound_hits(*this, k, out);
    return;
  }
  const std::size_t before = out.size();
  std::size_t start = 0;
  while (start < k.size()) {
    std::size_t dash = k.find('-', start);
    if (dash == std::string_view::npos) dash = k.size();
    const std::string_view part = k.substr(start, dash - start);
    if (!excluded(part)) {
      if (const WordForm* form = word(part)) {
        for (const WordHit& h : form->hits) {
          const CompiledEntry& c = entries_[h.entry];
          // A Konjunktiv I form is a verb: as a part ("2.800-Punkte-Marke", "10-Sorge-Marke") it is a noun.
          const bool cue_like = c.kind == EntryKind::cue || c.kind == EntryKind::certainty;
          if (c.n_words == 1 && !h.needs_particle && !c.kon1 && cue_like && h.match != MatchType::compound) {
            out.push_back(WordHit{h.entry, MatchType::compound, 0, false});
          }
        }
      } else {
        compound_hits(*this, part, out);
      }
    }
    start = dash + 1;
  }
  if (out.size() > before && excluded_compound(*this, k)) out.resize(before);
}

void LexiconIndex::finish_word_forms() {
  // A compound that is a word of the index only as a word of an expression ("erinnern Dotcom-Zeit",
  // "KI-Fantasie beruhen") keeps what compound analysis gives it when it stands alone. A part of a
  // hyphenated word counts with its own entries' hits only, not with hits added here, so the order in
  // which forms are analysed changes nothing.
  std::vector<std::pair<WordForm*, std::vector<WordHit>>> added;
  for (auto& [key, form] : words_) {
    const bool single = std::any_of(form.hits.begin(), form.hits.end(),
                                    [&](const WordHit& h) { return entries_[h.entry].n_words == 1; });
    if (single || key.size() < kMinForm + kMinRest) continue;
    std::vector<WordHit> hits;
    compound_analysis(key, key.find('-') != std::string::npos, hits);
    if (!hits.empty()) added.emplace_back(&form, std::move(hits));
  }
  for (auto& [form, hits] : added) form->hits.insert(form->hits.end(), hits.begin(), hits.end());
  for (auto& [key, form] : words_) {
    auto& hits = form.hits;
    // Only a single-word entry claims its key: a word inside an expression ("sich sorgen") does not shadow
    // another entry's forms ("Sorgen" of "Sorge"), nor does a conditional one (requires=, min=, price),
    // which may not count: "berichtet" requiring a media word leaves "berichten" its form. A Konjunktiv I
    // line (kon1) claims its key from its own tone only: it marks the verb's mood, so "warne", "platze" and
    // "überhitze" keep the nervousness and bubble of "warnen", "platzen" and "überhitzen" beside their
    // hedging, while "erwäge" is one hedging cue, not that of "erwägen" as well.
    bool has_exact = false;
    std::vector<int> mood_tones;  // the tones of the kon1 lines that claim the key (almost always none)
    for (const WordHit& h : hits) {
      const CompiledEntry& c = entries_[h.entry];
      const bool conditional = c.requires_any() || c.min_percent > 0.0 || c.price || c.min_ratio > 0.0;
      if (h.match != MatchType::exact || c.n_words != 1 || conditional) continue;
      if (!c.kon1) has_exact = true;
      else mood_tones.push_back(c.tone);
    }
    if (has_exact || !mood_tones.empty()) {
      std::erase_if(hits, [&](const WordHit& h) {
        const CompiledEntry& c = entries_[h.entry];
        if (h.match != MatchType::inflected || c.n_words != 1) return false;
        return has_exact || std::find(mood_tones.begin(), mood_tones.end(), c.tone) != mood_tones.end();
      });
    }
    std::sort(hits.begin(), hits.end(), [](const WordHit& a, const WordHit& b) {
      return std::tie(a.entry, a.position, a.match) < std::tie(b.entry, b.position, b.match);
    });
    hits.erase(std::unique(hits.begin(), hits.end(), [](const WordHit& a, const WordHit& b) {
      return a.entry == b.entry && a.position == b.position && a.needs_particle == b.needs_particle;
    }), hits.end());
    for (WordHit& h : hits) {
      const CompiledEntry& c = entries_[h.entry];
      form.filtered |= c.noun;
      h.starts = starts_candidate(c, h);
      form.starts_cue |= h.starts;
      if (h.starts) {
        StartingHit start{h, needs_[h.entry]};
        if (c.n_words > 1) {
          const std::size_t n_codes =
              std::min<std::size_t>({c.n_words, CompiledEntry::kPositionBits, StartingHit::kCodes});
          std::copy_n(c.word_codes.begin(), n_codes, start.codes.begin());
        }
        form.starting.push_back(start);
      }
      if (c.n_words == 1) add_role(form.roles, c.kind, h.entry);
    }
  }
}

void LexiconIndex::build_compound_filters() {
  for (auto* table : {&heads_, &modifiers_}) {
    for (auto& [key, ids] : *table) {
      std::sort(ids.begin(), ids.end());
      ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    }
  }
  head_lengths_ = edge_lengths(heads_, true);
  modifier_lengths_ = edge_lengths(modifiers_, false);
  domain_head_lengths_ = edge_lengths(domain_heads_, true);
  domain_modifier_lengths_ = edge_lengths(domain_modifiers_, false);
  marker_head_lengths_ = edge_lengths(marker_heads_, true);
  marker_heads_nouns_only_ = std::all_of(marker_heads_.begin(), marker_heads_.end(), [](const auto& h) { return h.second.second; });
  for (auto& [key, form] : words_) {
    const auto classes = marker(key);
    if (classes.first.none()) continue;
    form_markers_.push_back(classes);
    form.marker_at = static_cast<std::uint32_t>(form_markers_.size());
  }
}

}  // namespace stimmung::detail
