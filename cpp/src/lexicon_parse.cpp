// Parsing of lexicon lines (format: docs/lexicon-format.md) and the checks every entry passes.
// Decides: what a valid line and a valid entry are, and the LexiconError (file and line) for a bad one.
// Does not decide: how entries merge or override each other (lexicon.cpp) or how they match (lexicon_index.cpp).
#include "lexicon_parse.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>

#include "stimmung/error.hpp"
#include "stimmung/normalize.hpp"

namespace stimmung::detail {
namespace {

std::string_view trim(std::string_view s) {
  const auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; };
  while (!s.empty() && ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && ws(s.back())) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t pos = s.find(sep, start);
    parts.push_back(s.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return parts;
}

bool valid_tone_name(std::string_view t) {
  if (t.empty() || t.size() > 64 || !(t[0] >= 'a' && t[0] <= 'z')) return false;
  for (const char c : t) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

struct Parser {
  std::string source;
  std::size_t line = 0;

  [[noreturn]] void fail(const std::string& what) const { throw LexiconError(source, line, what); }

  EntryKind parse_kind(std::string_view k) const {
    static const std::pair<std::string_view, EntryKind> kinds[] = {
        {"cue", EntryKind::cue},           {"negator", EntryKind::negator},   {"booster", EntryKind::booster},
        {"dampener", EntryKind::dampener}, {"contrast", EntryKind::contrast}, {"certainty", EntryKind::certainty},
        {"clause", EntryKind::clause},     {"exclude", EntryKind::exclude},   {"market", EntryKind::market},
        {"nonmarket", EntryKind::nonmarket}, {"scope", EntryKind::scope},   {"figure", EntryKind::figure},
        {"number", EntryKind::number}, {"marker", EntryKind::marker}, {"calibration", EntryKind::calibration}};
    for (const auto& [name, kind] : kinds) {
      if (k == name) return kind;
    }
    fail("unknown kind '" + std::string(k) +
         "' (expected cue, negator, booster, dampener, contrast, certainty, clause, exclude, market, nonmarket, "
         "scope, figure, number, marker or calibration)");
  }

  double parse_weight(std::string_view w) const {
    double value = 0;
    const auto* first = w.data();
    const auto* last = w.data() + w.size();
    if (!w.empty() && *first == '+') ++first;
    const auto [ptr, ec] = std::from_chars(first, last, value);
    if (w.empty() || ec != std::errc() || ptr != last || !std::isfinite(value)) {
      fail("weight '" + std::string(w) + "' is not a number");
    }
    return value;
  }

  // An option's number above 0 and at most `max` ("min=2.5", "ratio=40"); `what` says which, for the error.
  double positive_option(std::string_view value, double max, const std::string& what) const {
    double v = 0;
    const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
    if (ec != std::errc() || ptr != value.data() + value.size() || !(v > 0) || v > max) fail(what);
    return v;
  }

  void check_weight(const LexiconEntry& e) const {
    const double w = e.weight;
    auto range = [&](double lo, double hi) {
      if (w < lo || w > hi) {
        std::ostringstream msg;
        msg << "weight " << w << " of a " << to_string(e.kind) << " must lie in [" << lo << ", " << hi << "]";
        fail(msg.str());
      }
    };
    switch (e.kind) {
      case EntryKind::cue: range(0, 3); break;
      case EntryKind::certainty: range(0, 3); break;
      case EntryKind::booster: range(1, 5); break;
      case EntryKind::dampener: range(0, 1); break;
      case EntryKind::contrast: range(0, 3); break;
      case EntryKind::market: range(0, 3); break;
      case EntryKind::nonmarket: range(0, 3); break;
      case EntryKind::figure: range(0, 3); break;
      case EntryKind::number: range(0, 1e9); break;
      case EntryKind::calibration: range(0.25, 4); break;
      default: break;
    }
  }

  // What each kind allows beyond the weight range: the scope and domain kinds, min= and percent.
  void check_kind(const LexiconEntry& e) const {
    const bool domain = e.kind == EntryKind::market || e.kind == EntryKind::nonmarket ||
                        e.kind == EntryKind::figure || e.kind == EntryKind::number;
    if (domain && !e.tone.empty()) fail("a " + std::string(to_string(e.kind)) + " entry takes no tone (write -)");
    if (domain && e.term.find(' ') != std::string::npos) {
      fail("a " + std::string(to_string(e.kind)) + " entry is a single word");
    }
    if (e.kind == EntryKind::scope) {
      if (e.term != "market") fail("a scope line names the domain 'market', not '" + e.term + "'");
      if (e.tone.empty()) fail("a scope line needs the tone it scopes");
    }
    if (e.kind == EntryKind::calibration) {
      if (e.term != "sum") fail("a calibration line names the tone's 'sum', not '" + e.term + "'");
      if (e.tone.empty()) fail("a calibration line needs the tone it calibrates");
    }
    if (e.min_percent > 0 && e.kind != EntryKind::cue) fail("min= applies to cues only");
    if (e.min_ratio > 0 && e.kind != EntryKind::cue) fail("ratio= applies to cues only");
    if (e.price && e.kind != EntryKind::cue) fail("price applies to cues only");
    if (e.percent && e.kind != EntryKind::number) fail("percent applies to number entries only");
    if (e.kind == EntryKind::marker) {
      if (!e.tone.empty()) fail("a marker entry takes no tone (write -)");
      if (e.term.find(' ') != std::string::npos) fail("a marker entry is a single word");
      if (e.marker_class.empty()) fail("a marker entry needs class=NAME");
      if (e.compound == CompoundRole::modifier || e.compound == CompoundRole::both) {
        fail("a marker matches compounds as their head only (compound=head)");
      }
    } else if (!e.marker_class.empty()) {
      fail("class= applies to marker entries only");
    }
    if (!e.requires_classes.empty() && e.kind != EntryKind::cue) fail("requires= applies to cues only");
    if (!e.unless_classes.empty() && e.kind != EntryKind::cue) fail("unless= applies to cues only");
    if (!e.with_tone.empty() && e.kind != EntryKind::cue) fail("with= applies to cues only");
    if (!e.with_tone.empty() && e.with_tone == e.tone) fail("with= names another tone than the cue's own");
    // A form with spaces is the expression as it may also be written ("schwarzen Montag" for "schwarzer
    // Montag"): word by word, so it needs as many words as the term.
    const std::size_t term_words = count_words(e.term);
    for (const auto& f : e.forms) {
      const std::size_t n = count_words(f);
      if (n > 1 && n != term_words) {
        fail("form '" + f + "' has " + std::to_string(n) + " words, the term " + std::to_string(term_words) +
             ": a form with spaces gives each word of the expression its form at the same place (a separable "
             "verb takes sep=, another phrase a line of its own)");
      }
    }
  }

  static std::size_t count_words(std::string_view text) {
    const auto pieces = split(text, ' ');
    const auto words = std::count_if(pieces.begin(), pieces.end(), [](std::string_view p) { return !p.empty(); });
    return static_cast<std::size_t>(words);
  }

  // A marker class name: lowercase letters, digits and '_', starting with a letter.
  void check_class_name(std::string_view name) const {
    const bool ok = !name.empty() && name[0] >= 'a' && name[0] <= 'z' &&
                    std::all_of(name.begin(), name.end(), [](char c) {
                      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
                    });
    if (!ok) fail("marker class '" + std::string(name) + "' must match [a-z][a-z0-9_]*");
  }

  void parse_options(std::string_view text, LexiconEntry& e) const {
    for (std::string_view item : split(text, ',')) {
      item = trim(item);
      if (item.empty()) continue;
      const auto eq = item.find('=');
      const std::string_view key = trim(item.substr(0, eq));
      const std::string_view value = eq == std::string_view::npos ? std::string_view{} : trim(item.substr(eq + 1));
      const bool has_value = eq != std::string_view::npos;
      auto need_value = [&] {
        if (!has_value || value.empty()) fail("option '" + std::string(key) + "' needs a value");
      };
      auto no_value = [&] {
        if (has_value) fail("option '" + std::string(key) + "' takes no value");
      };
      if (key == "pos") {
        need_value();
        if (value == "noun") e.pos = PartOfSpeech::noun;
        else if (value == "verb") e.pos = PartOfSpeech::verb;
        else if (value == "adj") e.pos = PartOfSpeech::adjective;
        else if (value == "other") e.pos = PartOfSpeech::other;
        else fail("pos must be noun, verb, adj or other, not '" + std::string(value) + "'");
      } else if (key == "exact") {
        no_value();
        e.exact = true;
      } else if (key == "free") {
        no_value();
        e.free_order = true;
      } else if (key == "kon1") {
        no_value();
        e.kon1 = true;
      } else if (key == "reportative") {
        no_value();
        e.reportative = true;
      } else if (key == "clause") {
        no_value();
        e.clause_scope = true;
      } else if (key == "forms") {
        need_value();
        for (std::string_view f : split(value, '|')) {
          f = trim(f);
          if (f.empty()) fail("empty form in forms=");
          e.forms.emplace_back(f);
        }
      } else if (key == "sep") {
        need_value();
        if (value.find(' ') != std::string_view::npos) fail("sep= takes one particle");
        e.separable = std::string(value);
      } else if (key == "compound") {
        need_value();
        if (value == "head") e.compound = CompoundRole::head;
        else if (value == "modifier") e.compound = CompoundRole::modifier;
        else if (value == "both") e.compound = CompoundRole::both;
        else if (value == "none") e.compound = CompoundRole::none;
        else fail("compound must be head, modifier, both or none, not '" + std::string(value) + "'");
      } else if (key == "min") {
        need_value();
        // A fall stops at 100 percent, a rise does not ("ein Kursplus von 1.500 Prozent").
        e.min_percent = positive_option(value, 100000, "min must be a percentage above 0 and at most 100000");
      } else if (key == "ratio") {
        need_value();
        e.min_ratio = positive_option(value, 1e9, "ratio must be a number above 0 and at most 1000000000");
      } else if (key == "price") {
        no_value();
        e.price = true;
      } else if (key == "percent") {
        no_value();
        e.percent = true;
      } else if (key == "class") {
        need_value();
        for (std::string_view c : split(value, '|')) check_class_name(c);  // "class=yld|mvobj": several
        e.marker_class = std::string(value);
      } else if (key == "requires") {
        need_value();
        // Alternatives joined by '|', each a class or classes joined by '+' that must all be present.
        for (std::string_view alternative : split(value, '|')) {
          alternative = trim(alternative);
          std::string joined;
          for (std::string_view c : split(alternative, '+')) {
            c = trim(c);
            check_class_name(c);
            if (!joined.empty()) joined.push_back('+');
            joined.append(c);
          }
          e.requires_classes.push_back(std::move(joined));
        }
      } else if (key == "with") {
        need_value();
        if (!valid_tone_name(value)) fail("with= names a tone ([a-z][a-z0-9_]*), not '" + std::string(value) + "'");
        e.with_tone = std::string(value);
      } else if (key == "unless") {
        need_value();
        // Classes joined by '|': a marker of any of them in the sentence stops the cue.
        for (std::string_view c : split(value, '|')) {
          c = trim(c);
          check_class_name(c);
          e.unless_classes.emplace_back(c);
        }
      } else if (key == "gap") {
        need_value();
        int g = -1;
        const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), g);
        if (ec != std::errc() || ptr != value.data() + value.size() || g < 0 || g > 8) {
          fail("gap must be an integer from 0 to 8");
        }
        e.gap = static_cast<std::uint8_t>(g);
      } else {
        fail("unknown option '" + std::string(key) + "'");
      }
    }
  }

  LexiconEntry parse_line(std::string_view raw) const {
    const auto fields = split(raw, '\t');
    if (fields.size() < 4 || fields.size() > 5) {
      fail("expected 4 or 5 tab-separated fields (term, tone, weight, kind, options), found " +
           std::to_string(fields.size()));
    }
    LexiconEntry e;
    // Terms: single spaces between words, whatever the file had.
    std::string term;
    for (std::string_view w : split(trim(fields[0]), ' ')) {
      if (w.empty()) continue;
      if (!term.empty()) term.push_back(' ');
      term.append(w);
    }
    if (term.empty()) fail("empty term");
    if (!is_valid_utf8(term)) fail("term is not valid UTF-8");
    e.term = std::move(term);
    e.kind = parse_kind(trim(fields[3]));
    const std::string_view tone = trim(fields[1]);
    if (tone == "-" || tone.empty()) {
      if (e.kind == EntryKind::cue || e.kind == EntryKind::certainty) {
        fail("a " + std::string(to_string(e.kind)) + " needs a tone");
      }
    } else {
      if (!valid_tone_name(tone)) {
        fail("bad tone name '" + std::string(tone) + "' (lowercase letters, digits, '_', starting with a letter)");
      }
      e.tone = std::string(tone);
    }
    e.weight = parse_weight(trim(fields[2]));
    check_weight(e);
    if (fields.size() == 5) parse_options(fields[4], e);
    check_kind(e);
    e.source = source + ":" + std::to_string(line);
    return e;
  }
};

}  // namespace

std::vector<LexiconEntry> parse_lexicon(std::string_view text, std::string_view source) {
  Parser parser{std::string(source)};
  std::vector<LexiconEntry> entries;
  std::size_t start = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") start = 3;  // byte-order mark
  while (start <= text.size()) {
    const std::size_t nl = text.find('\n', start);
    std::string_view line = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    ++parser.line;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!trim(line).empty() && trim(line).front() != '#') {
      if (!is_valid_utf8(line)) parser.fail("line is not valid UTF-8");
      entries.push_back(parser.parse_line(line));
    }
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return entries;
}

void validate_entries(std::vector<LexiconEntry>& entries, std::string_view source) {
  // The checks of parsed lines, applied to the fields directly.
  Parser parser{std::string(source)};
  for (auto& e : entries) {
    ++parser.line;
    if (trim(e.term).empty()) parser.fail("empty term");
    if (!is_valid_utf8(e.term)) parser.fail("term is not valid UTF-8");
    if ((e.kind == EntryKind::cue || e.kind == EntryKind::certainty) && e.tone.empty()) {
      parser.fail("a " + std::string(to_string(e.kind)) + " needs a tone");
    }
    if (!e.tone.empty() && !valid_tone_name(e.tone)) parser.fail("bad tone name '" + e.tone + "'");
    if (!std::isfinite(e.weight)) parser.fail("weight is not a number");
    parser.check_weight(e);
    parser.check_kind(e);
    if (e.source.empty()) e.source = parser.source + ":" + std::to_string(parser.line);
  }
}

}  // namespace stimmung::detail
