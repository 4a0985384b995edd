#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <stimmung/error.hpp>
#include <stimmung/lexicon.hpp>
#include <stimmung/scorer.hpp>

#include "builtin_lexicon.hpp"
#include "lexicon_parse.hpp"
#include "log.hpp"

#include <cstdio>
#include <sstream>
#include <map>
#include <filesystem>
#include <fstream>

using namespace stimmung;

namespace {

// Expects a LexiconError for `tsv` whose message names line `line` and contains `fragment`.
void expect_error(const std::string& tsv, std::size_t line, const std::string& fragment) {
  try {
    (void)Lexicon::from_string(tsv, "user.tsv");
    FAIL() << "expected a LexiconError for: " << tsv;
  } catch (const LexiconError& e) {
    EXPECT_EQ(e.source(), "user.tsv");
    EXPECT_EQ(e.line(), line);
    EXPECT_NE(std::string(e.what()).find("user.tsv:" + std::to_string(line)), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
  }
}

}  // namespace

TEST(Lexicon, BuiltinIsLargeAndCoversEveryKind) {
  const Lexicon lex = Lexicon::builtin();
  EXPECT_GE(lex.size(), 400U);
  std::set<EntryKind> kinds;
  std::map<std::string, int> per_tone;
  for (const auto& e : lex.entries()) {
    kinds.insert(e.kind);
    if (e.kind == EntryKind::cue) ++per_tone[e.tone];
  }
  EXPECT_EQ(kinds.size(), 15U);  // every EntryKind, the scope, domain, marker and calibration kinds included
  EXPECT_GE(per_tone["bubble"], 80);
  EXPECT_GE(per_tone["nervousness"], 80);
  EXPECT_GE(per_tone["hedging"], 80);
  EXPECT_EQ(lex.tones(), (std::vector<std::string>{"bubble", "nervousness", "hedging"}));
}

TEST(Lexicon, ParsesAllColumnsAndOptions) {
  const Lexicon lex = Lexicon::from_string(
      "# comment\n"
      "\n"
      "Blase\tbubble\t1.5\tcue\tcompound=both\n"
      "einbrechen\tbubble\t0.8\tcue\tsep=ein,forms=bricht|brach\r\n"
      "Wogen glätten\tnervousness\t0.9\tcue\tgap=3\n"
      "kein\t-\t1\tnegator\texact\n"
      "freude\tpolarity\t0.7\tcue\n");
  ASSERT_EQ(lex.size(), 5U);
  const auto& e = lex.entries();
  EXPECT_EQ(e[0].compound, CompoundRole::both);
  EXPECT_EQ(e[1].separable, "ein");
  EXPECT_EQ(e[1].forms, (std::vector<std::string>{"bricht", "brach"}));
  EXPECT_EQ(e[2].term, "Wogen glätten");
  EXPECT_EQ(e[2].gap, 3);
  EXPECT_TRUE(e[3].exact);
  EXPECT_EQ(e[3].kind, EntryKind::negator);
  EXPECT_EQ(e[0].source, "<string>:3");
  EXPECT_EQ(lex.tones().back(), "polarity");
}

TEST(Lexicon, MalformedLinesNameFileAndLine) {
  expect_error("Blase\tbubble\t1\tcue\nPanik\tnervousness\n", 2, "expected 4 or 5");
  expect_error("Blase\tbubble\tviel\tcue\n", 1, "not a number");
  expect_error("Blase\tbubble\t1\tcue\n\n# x\nPanik\tnervousness\t1\twort\n", 4, "unknown kind");
  expect_error("Blase\tBubble!\t1\tcue\n", 1, "bad tone name");
  expect_error("Blase\t-\t1\tcue\n", 1, "needs a tone");
  expect_error("Blase\tbubble\t7\tcue\n", 1, "must lie in");
  expect_error("Blase\tbubble\t1\tcue\tcolour=red\n", 1, "unknown option");
  expect_error("Blase\tbubble\t1\tcue\tgap=99\n", 1, "gap");
  expect_error("\tbubble\t1\tcue\n", 1, "empty term");
  expect_error("Bl\xFF" "ase\tbubble\t1\tcue\n", 1, "UTF-8");
  expect_error("obwohl\t-\t1\tmarker\n", 1, "needs class=");
  expect_error("obwohl\tbubble\t1\tmarker\tclass=unfounded\n", 1, "takes no tone");
  expect_error("ohne dass\t-\t1\tmarker\tclass=unfounded\n", 1, "single word");
  expect_error("obwohl\t-\t1\tmarker\tclass=Grund\n", 1, "[a-z][a-z0-9_]*");
  expect_error("Blase\tbubble\t1\tcue\tclass=x\n", 1, "marker entries only");
  expect_error("nicht\t-\t1\tnegator\trequires=x\n", 1, "cues only");
  expect_error("Blase\t-\t1\tmarker\tclass=burst,compound=modifier\n", 1, "head only");
  expect_error("Blase\t-\t1\tmarker\tclass=burst,compound=both\n", 1, "head only");
  expect_error("loswerden\tnervousness\t1\tcue\tforms=wird los\n", 1, "has 2 words, the term 1");
  expect_error("Sorge tragen\tnervousness\t1\tcue\tforms=Sorge zu tragen\n", 1, "sep=");
}

TEST(Lexicon, AFormWrittenAsAPhraseGivesEachWordItsForm) {
  const Scorer scorer(Lexicon::from_string(
      "schwarzer Montag\tnervousness\t1\tcue\tforms=schwarzen Montag\n"
      "flaues Gefühl\tnervousness\t1\tcue\tforms=flauen Gefühl|flaue Gefühl\n"));
  EXPECT_GT(scorer.score("Am schwarzen Montag fiel der Dax.").nervousness(), 0.0);
  EXPECT_GT(scorer.score("Mit einem flauen Gefühl blicken Anleger auf den Dax.").nervousness(), 0.0);
  EXPECT_EQ(scorer.score("Am schwarzen Dienstag fiel der Dax.").nervousness(), 0.0);
}

TEST(Lexicon, AMarkerWithCompoundHeadMarksTheCompoundsItEnds) {
  const Scorer scorer(Lexicon::from_string(
      "platzen\tbubble\t1\tcue\trequires=burst\nBlase\t-\t1\tmarker\tclass=burst,compound=head\n"
      "Hype\t-\t1\tmarker\tclass=burst\nGallenblase\tbubble\t0\texclude\n"));
  EXPECT_GT(scorer.score("Die Blase platzte.").bubble(), 0.4);
  EXPECT_GT(scorer.score("Die Technologieblase platzte.").bubble(), 0.4);  // compound head
  EXPECT_GT(scorer.score("Die Dotcom-Blase platzte.").bubble(), 0.4);      // hyphen part
  EXPECT_EQ(scorer.score("Die Gallenblase platzte.").bubble(), 0.0);       // a literal sense
  EXPECT_EQ(scorer.score("Der Deal platzte.").bubble(), 0.0);
  EXPECT_GT(scorer.score("Der Hype platzte.").bubble(), 0.4);
  EXPECT_EQ(scorer.score("Der Riesenhype platzte.").bubble(), 0.0);  // Hype has no compound=head ...
  EXPECT_GT(scorer.score("Der KI-Hype platzte.").bubble(), 0.4);      // ... but a hyphen writes it as a word
  EXPECT_EQ(scorer.score("Der Hype-Zyklus platzte.").bubble(), 0.0);  // only the last part is the head
}

TEST(Lexicon, AMarkerMayBelongToSeveralClasses) {
  // One line per word: "class=swift|dc" puts "binnen" into both classes, so cues requiring either count.
  const Lexicon lexicon = Lexicon::from_string(
      "verdoppeln\tbubble\t1\tcue\trequires=swift\nverdreifachen\tbubble\t1\tcue\trequires=dc\n"
      "binnen\t-\t1\tmarker\tclass=swift|dc,exact\n",
      "user.tsv");
  const Scorer scorer(lexicon);
  EXPECT_GT(scorer.score("Der Kurs verdoppelte sich binnen einer Woche.").bubble(), 0.4);
  EXPECT_GT(scorer.score("Der Kurs verdreifachte sich binnen einer Woche.").bubble(), 0.4);
  EXPECT_EQ(scorer.score("Der Kurs verdreifachte sich.").bubble(), 0.0);
  EXPECT_EQ(Lexicon::from_string(lexicon.to_tsv()).entries()[2].marker_class, "swift|dc");
  expect_error("binnen\t-\t1\tmarker\tclass=swift|Dc\n", 1, "[a-z][a-z0-9_]*");
  expect_error("binnen\t-\t1\tmarker\tclass=swift|\n", 1, "[a-z][a-z0-9_]*");
}

TEST(Lexicon, RequiresNamesADefinedMarkerClass) {
  // Markers may come after the cues that require them (a user file extending the built-in lexicon) ...
  const Lexicon ok = Lexicon::from_string(
      "verdoppeln\tbubble\t1\tcue\trequires=swift\nbinnen\t-\t1\tmarker\tclass=swift,exact\n", "user.tsv");
  EXPECT_NO_THROW((void)Scorer(ok));
  EXPECT_EQ(ok.entries()[0].requires_classes, (std::vector<std::string>{"swift"}));
  EXPECT_EQ(ok.entries()[1].marker_class, "swift");
  // ... and a class no marker defines leaves the cue that requires it counting never (a lexicon that
  // parses always builds a scorer; a warning names the line).
  const Scorer none(Lexicon::from_string("verdoppeln\tbubble\t1\tcue\trequires=swift\n", "user.tsv"));
  EXPECT_EQ(none.score("Der Kurs verdoppelte sich binnen einer Woche.").bubble(), 0.0);
  const Scorer either(Lexicon::from_string(
      "verdoppeln\tbubble\t1\tcue\trequires=swift|nirgends\nbinnen\t-\t1\tmarker\tclass=swift,exact\n"));
  EXPECT_GT(either.score("Der Kurs verdoppelte sich binnen einer Woche.").bubble(), 0.4);
  // The options survive a round trip through to_tsv().
  const Lexicon again = Lexicon::from_string(ok.to_tsv());
  EXPECT_EQ(again.entries()[0].requires_classes, ok.entries()[0].requires_classes);
  EXPECT_EQ(again.entries()[1].marker_class, "swift");
}

TEST(Lexicon, ACueThatRequiresAMarkerCountsOnlyInItsCompany) {
  const Scorer scorer(Lexicon::from_string(
      "verdoppeln\tbubble\t1\tcue\trequires=swift|unfounded\n"
      "binnen\t-\t1\tmarker\tclass=swift,exact\nobwohl\t-\t1\tmarker\tclass=unfounded\n"));
  EXPECT_EQ(scorer.score("Der Kurs verdoppelte sich seit dem Frühjahr.").bubble(), 0.0);
  EXPECT_GT(scorer.score("Der Kurs verdoppelte sich binnen einer Woche.").bubble(), 0.4);
  EXPECT_GT(scorer.score("Der Kurs verdoppelte sich, obwohl die Firma nichts verdient.").bubble(), 0.4);
  ScorerOptions off;
  off.rules_off = kRuleMarkers;
  const Scorer without(Lexicon::from_string(
      "verdoppeln\tbubble\t1\tcue\trequires=swift\nbinnen\t-\t1\tmarker\tclass=swift,exact\n"), off);
  EXPECT_EQ(without.score("Der Kurs verdoppelte sich binnen einer Woche.").bubble(), 0.0);
}

TEST(Lexicon, ARequirementJoinedByPlusNeedsEveryClassOfItsAlternative) {
  // "requires=credit+steep|unfounded": a credit word and a steep rise together, or an "obwohl" alone.
  const Lexicon lexicon = Lexicon::from_string(
      "steigen\tbubble\t1\tcue\trequires=credit + steep|unfounded,forms=stiegen\n"
      "Kredite\t-\t1\tmarker\tclass=credit\nrasant\t-\t1\tmarker\tclass=steep\n"
      "obwohl\t-\t1\tmarker\tclass=unfounded\n");
  EXPECT_EQ(lexicon.entries()[0].requires_classes, (std::vector<std::string>{"credit+steep", "unfounded"}));
  const Scorer scorer(lexicon);
  EXPECT_EQ(scorer.score("Die Preise stiegen rasant.").bubble(), 0.0);
  EXPECT_EQ(scorer.score("Die Kredite und die Preise stiegen.").bubble(), 0.0);
  EXPECT_GT(scorer.score("Die Kredite und die Preise stiegen rasant.").bubble(), 0.4);
  EXPECT_GT(scorer.score("Die Preise stiegen, obwohl niemand kaufte.").bubble(), 0.4);
  // An alternative naming a class no marker defines never holds; the others still do.
  const Scorer unknown(Lexicon::from_string(
      "steigen\tbubble\t1\tcue\trequires=credit+nirgends|steep,forms=stiegen\n"
      "Kredite\t-\t1\tmarker\tclass=credit\nrasant\t-\t1\tmarker\tclass=steep\n"));
  EXPECT_GT(unknown.score("Die Kredite und die Preise stiegen rasant.").bubble(), 0.4);
  EXPECT_EQ(unknown.score("Die Kredite und die Preise stiegen.").bubble(), 0.0);
  // The alternatives survive a round trip through to_tsv(), and a '+' with no class after it is an error.
  EXPECT_EQ(Lexicon::from_string(lexicon.to_tsv()).entries()[0].requires_classes, lexicon.entries()[0].requires_classes);
  expect_error("steigen\tbubble\t1\tcue\trequires=credit+\n", 1, "[a-z][a-z0-9_]*");
}

TEST(Lexicon, ACueWithUnlessDoesNotCountBesideAMarkerOfThoseClasses) {
  // "unless=downward": the one direction of a boom, not that of a sell-off; with requires= both must hold.
  const Lexicon lexicon = Lexicon::from_string(
      "nur eine Richtung\tbubble\t1.6\tcue\tunless=downward | sinking\n"
      "nur eine Richtung\tnervousness\t1\tcue\trequires=downward\n"
      "steigen\tbubble\t1\tcue\trequires=steep,unless=downward,forms=stiegen\n"
      "unten\t-\t1\tmarker\tclass=downward,pos=other\nrasant\t-\t1\tmarker\tclass=steep\n");
  EXPECT_EQ(lexicon.entries()[0].unless_classes, (std::vector<std::string>{"downward", "sinking"}));
  const Scorer scorer(lexicon);
  const auto up = scorer.score("Der Kurs kannte nur eine Richtung.");
  EXPECT_GT(up.bubble(), 0.4);
  EXPECT_EQ(up.nervousness(), 0.0);
  const auto down = scorer.score("Der Kurs kannte nur eine Richtung, nach unten.");
  EXPECT_EQ(down.bubble(), 0.0);
  EXPECT_GT(down.nervousness(), 0.4);
  EXPECT_GT(scorer.score("Die Preise stiegen rasant.").bubble(), 0.4);
  EXPECT_EQ(scorer.score("Die Preise stiegen rasant, dann ging es nach unten.").bubble(), 0.0);
  EXPECT_EQ(scorer.score("Die Preise stiegen.").bubble(), 0.0);
  // A class no marker defines never stops the cue (a warning names the line); the rule family switched
  // off lets no conditional cue count, as for requires=.
  const Scorer unknown(Lexicon::from_string("nur eine Richtung\tbubble\t1.6\tcue\tunless=nirgends\n"));
  EXPECT_GT(unknown.score("Der Kurs kannte nur eine Richtung, nach unten.").bubble(), 0.4);
  ScorerOptions off;
  off.rules_off = kRuleMarkers;
  EXPECT_EQ(Scorer(lexicon, off).score("Der Kurs kannte nur eine Richtung.").bubble(), 0.0);
  // The classes survive a round trip through to_tsv(); unless= applies to cues only and names classes.
  EXPECT_EQ(Lexicon::from_string(lexicon.to_tsv()).entries()[2].unless_classes, (std::vector<std::string>{"downward"}));
  expect_error("unten\t-\t1\tmarker\tclass=downward,unless=steep\n", 1, "unless= applies to cues only");
  expect_error("steigen\tbubble\t1\tcue\tunless=Down\n", 1, "[a-z][a-z0-9_]*");
  expect_error("steigen\tbubble\t1\tcue\tunless=\n", 1, "unless");
}

TEST(Lexicon, ACueWithWithCountsOnlyBesideACountingCueOfThatTone) {
  // "with=bubble": the analyst voices doubt only in bubble talk, and not where the bubble is denied.
  const Lexicon lexicon = Lexicon::from_string(
      "Analyst\tnervousness\t0.8\tcue\twith=bubble,requires=voice,forms=Analysten\n"
      "überbewertet\tbubble\t1.2\tcue\t\n"
      "Blase\tbubble\t1.6\tcue\t\n"
      "Einbruch\tbubble\t0.4\tcue\t\n"
      "sagen\t-\t1\tmarker\tclass=voice,forms=sagte\n"
      "nicht\t-\t1\tnegator\t\n");
  EXPECT_EQ(lexicon.entries()[0].with_tone, "bubble");
  const Scorer scorer(lexicon);
  const auto voiced = scorer.score("Die Aktie sei überbewertet, sagte der Analyst.");
  EXPECT_GT(voiced.nervousness(), 0.4);
  EXPECT_GT(voiced.bubble(), 0.4);
  // No bubble talk, or the bubble talk denied: the analyst is no cue; nor without a word of voicing.
  EXPECT_EQ(scorer.score("Die Nachfrage sei stark, sagte der Analyst.").nervousness(), 0.0);
  EXPECT_EQ(scorer.score("Die Aktie sei nicht überbewertet, sagte der Analyst.").nervousness(), 0.0);
  EXPECT_EQ(scorer.score("Der Analyst kaufte die überbewertete Aktie.").nervousness(), 0.0);
  // A lone weak cue of the tone (score below 0.5) is no bubble talk; two of them that reach 0.5 are.
  EXPECT_EQ(scorer.score("Ein Einbruch sei möglich, sagte der Analyst.").nervousness(), 0.0);
  EXPECT_GT(scorer.score("Ein Einbruch sei möglich, ein Einbruch wie eine Blase, sagte der Analyst.").nervousness(), 0.4);
  // A tone the lexicon lacks: the cue never counts (a warning names the line); the rule family switched off
  // lets no such cue count, as for requires=.
  const Scorer unknown(Lexicon::from_string("Analyst\tnervousness\t0.8\tcue\twith=hype\nBlase\tbubble\t1.6\tcue\t\n"));
  EXPECT_EQ(unknown.score("Von einer Blase spricht der Analyst.").nervousness(), 0.0);
  ScorerOptions off;
  off.rules_off = kRuleMarkers;
  EXPECT_EQ(Scorer(lexicon, off).score("Die Aktie sei überbewertet, sagte der Analyst.").nervousness(), 0.0);
  // The option survives a round trip through to_tsv(); with= applies to cues only and names another tone.
  EXPECT_EQ(Lexicon::from_string(lexicon.to_tsv()).entries()[0].with_tone, "bubble");
  expect_error("sagen\t-\t1\tmarker\tclass=voice,with=bubble\n", 1, "with= applies to cues only");
  expect_error("Analyst\tnervousness\t1\tcue\twith=nervousness\n", 1, "another tone");
  expect_error("Analyst\tnervousness\t1\tcue\twith=Bubble\n", 1, "with=");
}

TEST(Lexicon, TwoHundredFiftyFiveMarkerClassesCountAndLaterOnesAreIgnored) {
  // Frames spend marker classes fast (one per topic; the built-in lexicon uses 137): 255 fit; the 256th
  // class is ignored, with a warning.
  std::string tsv;
  for (int i = 0; i < 256; ++i) {
    const std::string n = std::to_string(i);
    tsv.append("marke").append(n).append("\t-\t1\tmarker\tclass=c").append(n).append(",exact\n");
    tsv.append("blasig").append(n).append("\tbubble\t1\tcue\texact,requires=c").append(n).append("\n");
  }
  const Scorer scorer(Lexicon::from_string(tsv, "user.tsv"));
  const auto bubble = [&](int cue, int marker) {  // "Es ist blasig<cue> und marke<marker>." (-1: no marker)
    std::string text = "Es ist blasig";
    text.append(std::to_string(cue)).append(" und ");
    if (marker < 0) {
      text.append("nichts.");
    } else {
      text.append("marke").append(std::to_string(marker)).append(".");
    }
    return scorer.score(text).bubble();
  };
  for (const int i : {0, 31, 32, 40, 62, 63, 64, 100, 126, 127, 128, 191, 192, 200, 254}) {
    EXPECT_GT(bubble(i, i), 0.4) << i;
    EXPECT_EQ(bubble(i, -1), 0.0) << i;
    EXPECT_EQ(bubble(i, (i + 1) % 255), 0.0) << i;
  }
  EXPECT_EQ(bubble(255, 255), 0.0);
}

TEST(Lexicon, ExtendedOverridesAndRemoves) {
  const Lexicon base = Lexicon::from_string("Blase\tbubble\t1.5\tcue\nPanik\tnervousness\t2\tcue\n");
  const Lexicon user = Lexicon::from_string("BLASE\tbubble\t0.5\tcue\nPanik\tnervousness\t0\tcue\nHype\tbubble\t1\tcue\n");
  const Lexicon merged = base.extended(user);
  ASSERT_EQ(merged.size(), 2U);
  EXPECT_EQ(merged.entries()[0].weight, 0.5);
  EXPECT_EQ(merged.entries()[1].term, "Hype");
  EXPECT_EQ(base.size(), 2U);  // immutable
  // A capital first letter keeps a noun apart from the verb spelled alike.
  const Lexicon both = Lexicon::from_string("Platzen\tbubble\t1\tcue\nplatzen\tbubble\t0.5\tcue\n");
  EXPECT_EQ(both.size(), 2U);
}

TEST(Lexicon, FromFileAndUnreadableFile) {
  const auto path = std::filesystem::temp_directory_path() / "stimmung_test_lexicon.tsv";
  {
    std::ofstream out(path);
    out << "Blase\tbubble\t1\tcue\nPanik\tnervousness\tx\tcue\n";
  }
  try {
    (void)Lexicon::from_file(path);
    FAIL();
  } catch (const LexiconError& e) {
    EXPECT_EQ(e.source(), path.string());
    EXPECT_EQ(e.line(), 2U);
  }
  std::filesystem::remove(path);
  EXPECT_THROW((void)Lexicon::from_file(path), Error);
}

TEST(Lexicon, TsvRoundTrip) {
  const Lexicon lex = Lexicon::builtin();
  const Lexicon again = Lexicon::from_string(lex.to_tsv());
  ASSERT_EQ(again.size(), lex.size());
  for (std::size_t i = 0; i < lex.size(); ++i) {
    EXPECT_EQ(again.entries()[i].term, lex.entries()[i].term);
    EXPECT_EQ(again.entries()[i].weight, lex.entries()[i].weight);
    EXPECT_EQ(again.entries()[i].forms, lex.entries()[i].forms);
  }
}

// The built-in lexicon holds one line per entry: a later line with the same term, tone and kind would
// replace the earlier one in place, leaving a line that reads as if it counted but does not (a family of
// new lines can redefine a built-in entry without anyone noticing).
TEST(BuiltinLexicon, HoldsOneLinePerEntry) {
  const auto lines = stimmung::detail::parse_lexicon(stimmung::detail::builtin_lexicon_tsv(), "lexicon.tsv");
  if (lines.size() != stimmung::Lexicon::builtin().size()) {
    std::map<std::string, std::vector<std::string>> seen;
    for (const auto& e : lines) {
      seen[e.term + " | " + e.tone + " | " + std::string(stimmung::to_string(e.kind))].push_back(e.source);
    }
    std::string repeated;
    for (const auto& [key, sources] : seen) {
      if (sources.size() > 1) repeated += "\n  " + key + " (" + sources.front() + ", " + sources.back() + ")";
    }
    ADD_FAILURE() << lines.size() - stimmung::Lexicon::builtin().size() << " lines repeat an entry:" << repeated;
  }
}

namespace {

// The warnings stimmung's logger gives while @p build runs (a sink added for the call and removed after it,
// also when the call throws).
template <typename Build>
std::string warnings_of(Build build) {
  std::ostringstream out;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out);
  sink->set_pattern("%v");
  auto& sinks = stimmung::detail::logger().sinks();
  sinks.push_back(sink);
  struct Detach {
    std::vector<spdlog::sink_ptr>& sinks;
    ~Detach() { sinks.pop_back(); }
  } detach{sinks};
  build();
  return out.str();
}

}  // namespace

TEST(Lexicon, AOneWordFormOfAnExpressionTakesThePlaceOfTheWordItStandsFor) {
  // "größten" inflects "größter", "Verlierern" "Verlierer": each goes to its own word (before, every one-word
  // form went to the expression's verb, and an expression without one dropped them).
  const Scorer scorer(Lexicon::from_string(
      "größter Verlierer\tnervousness\t1\tcue\tgap=1,forms=größte|größten|Verlierern\n"
      "Kurse brechen ein\tnervousness\t1\tcue\tfree,gap=3,forms=brach|brachen|Kursen\n"
      "zurückweisen nach wie vor\thedging\t1\tcue\tfree,gap=4,sep=zurück,forms=wies|wiesen\n"
      "zu steil gestiegen\tbubble\t1\tcue\tforms=steigen|steigt\n"
      "Risiko Risikoprämie\tbubble\t1\tcue\tgap=2,forms=Risiken\n"
      "Chef abgelöst\tnervousness\t1\tcue\tfree,gap=3,forms=Konzernchef\n"
      "warnen Kurssturz\tbubble\t1\tcue\tfree,gap=4,forms=warnt|Warnung|Kursrutsch\n"
      "das <n>-Fache Umsatz\tbubble\t1\tcue\tgap=2,forms=<n>-Fachen\n"));
  EXPECT_GT(scorer.score("Die Aktie zählte zu den größten Verlierern.").nervousness(), 0.4);
  EXPECT_GT(scorer.score("Die Aktie war der größte Verlierer.").nervousness(), 0.4);
  EXPECT_EQ(scorer.score("Die Aktie war der Verlierer.").nervousness(), 0.0);
  // An irregular form goes to the expression's verb, which it shares little with ...
  EXPECT_GT(scorer.score("Die Kurse brachen ein.").nervousness(), 0.4);
  EXPECT_GT(scorer.score("Mit den Kursen brach es ein.").nervousness(), 0.4);
  // ... also when another word begins as it does ("wies" is no form of "wie"; "steigen" none of "steil").
  EXPECT_GT(scorer.score("Der Konzern wies die Vorwürfe nach wie vor zurück.").hedging(), 0.4);
  EXPECT_GT(scorer.score("Manche Aktien, die zu steil steigen, fallen tief.").bubble(), 0.4);
  // A tie goes to the first word; the number placeholder counts for nothing.
  EXPECT_GT(scorer.score("Die Risiken der Risikoprämie wachsen.").bubble(), 0.4);
  EXPECT_GT(scorer.score("Das ist das 40-Fachen Umsatz.").bubble(), 0.4);
  // A variant of one word takes its place: a noun the expression's only noun, or the word it begins as.
  EXPECT_GT(scorer.score("Der Konzernchef wurde abgelöst.").nervousness(), 0.4);
  EXPECT_GT(scorer.score("Sie warnt vor einem Kursrutsch.").bubble(), 0.4);
  EXPECT_GT(scorer.score("Die Warnung vor einem Kurssturz kam spät.").bubble(), 0.4);
}

TEST(Lexicon, LinesThatCanNeverMatchAreWarnedAboutByLine) {
  const std::string warned = warnings_of([] {
    (void)Scorer(Lexicon::from_string(
        "S&P\t-\t1\tmarket\t\n"                                      // the tokenizer splits "S&P"
        "Rückgang von Prozent\tnervousness\t1\tcue\tforms=Rückgang von %\n"  // "%" is punctuation
        "Fire Sale\tnervousness\t1\tcue\tforms=Firesale\n"             // the whole expression as one word
        "Ablösung Chef Vorstand\tnervousness\t1\tcue\tforms=Konzernchef\n"  // a noun, and two nouns
        "größter Verlierer\tnervousness\t1\tcue\tforms=Verlierern\n"  // fine
        "Umsatz Gewinn\tbubble\t1\tcue\tforms=Erlöse\n"                // a noun, and two nouns it could replace
        "z.B. Blase\tbubble\t1\tcue\t\n"                               // "z.B." is a word and a period
        "null Blase\tbubble\t0\tcue\tforms=%\n",                       // weight 0 removes a line: no warning
        "user.tsv"));
  });
  EXPECT_NE(warned.find("user.tsv:1: \"S&P\" is not one word"), std::string::npos) << warned;
  EXPECT_NE(warned.find("user.tsv:2: forms=Rückgang von %: \"%\" is not one word"), std::string::npos) << warned;
  EXPECT_NE(warned.find("user.tsv:3: forms=Firesale spells the whole expression"), std::string::npos) << warned;
  EXPECT_NE(warned.find("user.tsv:4: forms=Konzernchef stands for no word"), std::string::npos) << warned;
  EXPECT_EQ(warned.find("user.tsv:5"), std::string::npos) << warned;
  EXPECT_NE(warned.find("user.tsv:6: forms=Erlöse stands for no word"), std::string::npos) << warned;
  EXPECT_NE(warned.find("user.tsv:7: \"z.B.\" is not one word"), std::string::npos) << warned;
  EXPECT_EQ(warned.find("user.tsv:8"), std::string::npos) << warned;
}

TEST(BuiltinLexicon, HasNoLineThatCanNeverMatch) {
  // Every built-in line can match: a user sees no warning, and a line that does nothing is found at once.
  EXPECT_EQ(warnings_of([] { (void)Scorer(); }), "");
}
