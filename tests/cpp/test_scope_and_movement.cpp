// The market-scope rule and the price-movement rule, each on a small lexicon so that the tests do not
// depend on the built-in weights, plus the lexicon lines that configure them.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include <stimmung/error.hpp>
#include <stimmung/scorer.hpp>

using namespace stimmung;

namespace {

const Scorer& scoped() {
  static const Scorer instance(Lexicon::from_string(
      "market\tbubble\t1\tscope\n"
      "market\tnervousness\t1\tscope\n"
      "Blase\tbubble\t1\tcue\tcompound=both\n"
      "Panik\tnervousness\t1\tcue\n"
      "könnte\thedging\t1\tcue\texact\n"
      "Aktie\t-\t1\tmarket\tcompound=both\n"
      "Euro\t-\t0.5\tmarket\n"
      "Spiel\t-\t1\tnonmarket\tcompound=head\n"
      "Fußball\t-\t1\tnonmarket\tcompound=both\n"
      "Kind\t-\t0.5\tnonmarket\tforms=Kinder\n"
      "Umsatz\t-\t1\tfigure\n"
      "verlieren\tnervousness\t1\tcue\tmin=3,forms=verliert|verlor|verloren\n"
      "einbrechen\tnervousness\t1\tcue\tsep=ein,price,forms=bricht|brach|brachen|gebrochen\n"
      "nachlassen\tnervousness\t1\tcue\tsep=nach,min=3,forms=lässt|ließ|ließen|gelassen\n"
      "Ergebnis\t-\t1\tfigure\tcompound=head\n"
      "drei\t-\t3\tnumber\texact\n"
      "Fünftel\t-\t20\tnumber\tpercent\n"
      "deutlich\t-\t1.2\tbooster\n"
      "kaum\t-\t0.5\tdampener\n"
      "nicht\t-\t1\tnegator\n"));
  return instance;
}

// Whether the cue of @p cues whose surface in @p text is @p surface has modifier @p m.
bool has(std::span<const Cue> cues, std::string_view text, std::string_view surface, Modifier m) {
  for (const auto& c : cues) {
    if (c.surface(text) == surface) return (c.modifiers & m) != 0;
  }
  return false;
}

}  // namespace

TEST(MarketScope, AnotherDomainZeroesOnlyTheScopedTones) {
  const std::string text = "Nach dem Spiel brach Panik aus, das könnte Folgen haben.";
  const auto s = scoped().score(text);
  EXPECT_EQ(s.market, 0.0);
  EXPECT_EQ(s.nervousness(), 0.0);
  EXPECT_TRUE(has(s.cues, text, "Panik", kOutOfScope));
  EXPECT_DOUBLE_EQ(s.hedging(), 0.5);  // hedging is not a market tone
}

TEST(MarketScope, MarketWordsWinAndNeitherKeepsTheTone) {
  const auto market = scoped().score("Die Fußball-Aktie fiel nach dem Spiel, Panik brach aus.");
  EXPECT_EQ(market.market, 1.0);  // "Aktie" weighs 1: a market sentence even beside sport words
  EXPECT_DOUBLE_EQ(market.nervousness(), 0.5);
  const auto neither = scoped().score("Die Panik ist groß.");
  EXPECT_EQ(neither.market, 0.5);
  EXPECT_DOUBLE_EQ(neither.nervousness(), 0.5);
  // Weak market evidence against stronger other-domain evidence: another domain.
  const auto weak = scoped().score("Die Kinder zahlten einen Euro, im Fußballspiel brach Panik aus.");
  EXPECT_EQ(weak.market, 0.0);
  EXPECT_EQ(weak.nervousness(), 0.0);
}

TEST(MarketScope, OnlyAMarketWordOfWeightOneDecidesAlone) {
  // Two weak market words (0.5 each) weigh against the other domain's words; they no longer decide alone.
  EXPECT_EQ(scoped().score("Beim Fußballspiel der Kinder flogen Euro um Euro, Panik brach aus.").nervousness(), 0.0);
  // A tie keeps the market, and one market word of weight 1 decides whatever else is there.
  EXPECT_GT(scoped().score("Beim Fußballspiel flogen Euro um Euro, Panik brach aus.").nervousness(), 0.0);
  EXPECT_GT(scoped().score("Beim Fußballspiel der Kinder fiel die Aktie, Panik brach aus.").nervousness(), 0.0);
}

TEST(MarketScope, CompoundsAndHyphenPartsCount) {
  EXPECT_EQ(scoped().score("Im Pokalspiel brach Panik aus.").market, 0.0);       // head "Spiel"
  EXPECT_EQ(scoped().score("Im Champions-Spiel brach Panik aus.").market, 0.0);  // hyphen part
  EXPECT_EQ(scoped().score("Die Aktienblase wächst.").market, 1.0);              // cue word, market modifier
}

TEST(MarketScope, ADocumentDecidesForSentencesThatNameNoDomain) {
  const std::string text = "Das Spiel war hart. Die Kinder jubelten. Dann brach Panik aus.";
  const auto doc = scoped().score_document(text);
  EXPECT_EQ(doc.market, 0.0);
  ASSERT_EQ(doc.sentences.size(), 3U);
  EXPECT_EQ(doc.sentences[2].market, 0.5);  // its own decision stays visible
  EXPECT_EQ(doc.sentence(2).nervousness(), 0.0);
  EXPECT_TRUE(has(doc.cues_of(2), text, "Panik", kOutOfScope));
  EXPECT_EQ(doc.max[1], 0.0);
  // The numbers-only path agrees.
  const std::string_view texts[] = {"Das Spiel war hart. Die Kinder jubelten. Dann brach Panik aus.",
                                    "Die Aktie fiel. Dann brach Panik aus."};
  std::vector<double> mean(2 * 3), max(2 * 3), share(2 * 3);
  std::vector<std::int64_t> n_sentences(2), n_cues(2);
  scoped().score_document_batch_into(texts, {mean, max, share, n_sentences, n_cues});
  EXPECT_EQ(max[1], 0.0);
  EXPECT_DOUBLE_EQ(max[3 + 1], 0.5);  // in a market document the same sentence keeps its tone
}

TEST(MarketScope, WithoutScopeLinesNothingIsScoped) {
  const Scorer plain(Lexicon::from_string("Panik\tnervousness\t1\tcue\nSpiel\t-\t1\tnonmarket\n"));
  const auto s = plain.score("Nach dem Spiel brach Panik aus.");
  EXPECT_DOUBLE_EQ(s.nervousness(), 0.5);
  EXPECT_EQ(s.market, 0.5);
}

TEST(PriceMovement, AFallCountsFromItsThreshold) {
  EXPECT_EQ(scoped().score("Die Aktie verlor 0,5 Prozent.").nervousness(), 0.0);
  EXPECT_DOUBLE_EQ(scoped().score("Die Aktie verlor 14 Prozent.").nervousness(), 0.5);
  EXPECT_DOUBLE_EQ(scoped().score("Die Aktie verlor 3,5 %.").nervousness(), 0.5);
  EXPECT_DOUBLE_EQ(scoped().score("Die Aktie verlor drei Prozent.").nervousness(), 0.5);
  EXPECT_DOUBLE_EQ(scoped().score("Die Aktie verlor ein Fünftel ihres Werts.").nervousness(), 0.5);
  EXPECT_EQ(scoped().score("Die Aktie verlor.").nervousness(), 0.0);
}

TEST(PriceMovement, ARiseMayNeedMoreThanAHundredPercent) {
  const Scorer scorer(Lexicon::from_string("zulegen\tbubble\t1\tcue\tsep=zu,min=1000,forms=legt|legte|legten|gelegt\n"));
  EXPECT_DOUBLE_EQ(scorer.score("Die Aktie legte binnen eines Jahres um 1.500 Prozent zu.").bubble(), 0.5);
  EXPECT_EQ(scorer.score("Die Aktie legte binnen eines Jahres um 500 Prozent zu.").bubble(), 0.0);
}

TEST(PriceMovement, LevelsFiguresAndOtherClausesDoNotCount) {
  EXPECT_EQ(scoped().score("Die Aktie verlor auf 12 Prozent.").nervousness(), 0.0);       // a level
  EXPECT_EQ(scoped().score("Der Umsatz verlor 14 Prozent.").nervousness(), 0.0);          // a figure
  EXPECT_EQ(scoped().score("Die Aktie verlor, weil 14 Prozent fehlten.").nervousness(), 0.0);  // other clause
  // Negation applies as to any cue.
  EXPECT_EQ(scoped().score("Die Aktie verlor nicht 14 Prozent.").nervousness(), 0.0);
}

TEST(PriceMovement, FigureCompoundsAndPrepositionsThatLookLikeParticles) {
  EXPECT_EQ(scoped().score("Das Konzernergebnis verlor 14 Prozent.").nervousness(), 0.0);  // head "Ergebnis"
  EXPECT_DOUBLE_EQ(scoped().score("Der Kurs ließ um ein Fünftel nach.").nervousness(), 0.5);
  // "nach oben" is a preposition, not the particle of "nachlassen" (which ends its clause).
  EXPECT_EQ(scoped().score("Sie ließ den Kurs um ein Fünftel nach oben schnellen.").nervousness(), 0.0);
}

// A `price` cue needs no size, but a business figure in its clause stops it as it stops a `min=` cue,
// unless the figure is a circumstance of the fall or stands in another clause.
TEST(PriceMovement, APriceCueNeedsNoSizeButNoFigure) {
  EXPECT_DOUBLE_EQ(scoped().score("Die Aktie brach ein.").nervousness(), 0.5);
  EXPECT_EQ(scoped().score("Der Umsatz brach ein.").nervousness(), 0.0);
  EXPECT_EQ(scoped().score("Das Konzernergebnis brach um die Hälfte ein.").nervousness(), 0.0);
  EXPECT_DOUBLE_EQ(scoped().score("Die Aktie brach trotz eines höheren Umsatzes ein.").nervousness(), 0.5);
  EXPECT_DOUBLE_EQ(scoped().score("Die Aktie brach ein, weil der Umsatz fehlte.").nervousness(), 0.5);
  // Switched off, the rule lets a price cue count whatever its clause names (and no min= cue count).
  ScorerOptions options;
  options.rules_off = kRulePriceMovement;
  const Scorer off(scoped().lexicon(), options);
  EXPECT_DOUBLE_EQ(off.score("Der Umsatz brach ein.").nervousness(), 0.5);
  EXPECT_EQ(off.score("Die Aktie verlor 14 Prozent.").nervousness(), 0.0);
}

TEST(PriceMovement, AParenthesisAfterTheClauseGivesTheSize) {
  EXPECT_DOUBLE_EQ(scoped().score("Die Aktie verlor 40 Euro (-14 Prozent).").nervousness(), 0.5);
  EXPECT_DOUBLE_EQ(scoped().score("Die Aktie verlor 40 Euro (ein Fünftel).").nervousness(), 0.5);
  EXPECT_EQ(scoped().score("Die Aktie verlor 40 Cent (0,5 Prozent).").nervousness(), 0.0);
  EXPECT_EQ(scoped().score("Die Aktie verlor 40 Cent (zuvor lag sie 14 Prozent im Plus).").nervousness(), 0.0);
}

TEST(PriceMovement, ABoosterNearTheCueInItsClauseStatesASharpFall) {
  EXPECT_DOUBLE_EQ(scoped().score("Die Aktie verlor deutlich.").nervousness(), 0.5);
  // Up to six words away, on either side, also between the parts of a separated verb.
  EXPECT_DOUBLE_EQ(scoped().score("Die Aktie verlor nach der Wahl in Japan deutlich.").nervousness(), 0.5);
  EXPECT_DOUBLE_EQ(scoped().score("Der Kurs ließ nach der Wahl deutlich nach.").nervousness(), 0.5);
  EXPECT_EQ(scoped().score("Die Aktie verlor nach der langen Wahl in ganz Japan deutlich.").nervousness(), 0.0);
  // Not in another clause, not a dampener, and the figure rule still applies.
  EXPECT_EQ(scoped().score("Die Aktie verlor, obwohl deutlich mehr Käufer kamen.").nervousness(), 0.0);
  EXPECT_EQ(scoped().score("Die Aktie verlor kaum.").nervousness(), 0.0);
  EXPECT_EQ(scoped().score("Der Umsatz verlor deutlich.").nervousness(), 0.0);
}

// A ratio cue counts with a number of at least its threshold: written on its word with a hyphen ("das
// 48-Fache"; "<n>-" in the lexicon stands for any number), on a word right before it, or first after it in
// its clause ("ein KGV von knapp 119"); a percentage is a movement, and another clause's number is not its.
const Scorer& ratios() {
  static const Scorer instance(Lexicon::from_string(
      "<n>-Fache\tbubble\t0.8\tcue\tratio=20\n"
      "<n>-Fache Gewinn\tbubble\t1.2\tcue\tgap=3,ratio=20\n"
      "KGV\tbubble\t1\tcue\tratio=40\n"
      "fünfzig\t-\t50\tnumber\texact\n"
      "Prozent\t-\t1\tmarket\n"));
  return instance;
}

TEST(Ratio, ANumberWrittenOnTheWordCountsFromItsThreshold) {
  EXPECT_GT(ratios().score("Die Aktie kostet das 48-Fache des Gewinns.").bubble(), 0.5);
  EXPECT_GT(ratios().score("Sie wird mit dem 130-Fachen der erwarteten Gewinne gehandelt.").bubble(), 0.5);
  EXPECT_GT(ratios().score("Der Preis liegt beim 22,5-Fachen des Gewinns.").bubble(), 0.5);
  EXPECT_EQ(ratios().score("Die Aktie kostet das 12-Fache des Gewinns.").bubble(), 0.0);
  // The number-free word is not the placeholder's: "Fache" alone, a word without a number.
  EXPECT_EQ(ratios().score("Die Aktie kostet das Fache des Gewinns.").bubble(), 0.0);
  const SentenceScore alone = ratios().score("Der Umsatz stieg auf das 48-Fache.");
  EXPECT_GT(alone.bubble(), 0.0);
  EXPECT_LT(alone.bubble(), 0.5);
  ASSERT_EQ(alone.cues.size(), 1U);
  EXPECT_EQ(alone.cues[0].surface("Der Umsatz stieg auf das 48-Fache."), "48-Fache");
}

TEST(Ratio, ANumberAfterTheCueInItsClauseOrRightBeforeIt) {
  EXPECT_DOUBLE_EQ(ratios().score("Renk kommt auf ein KGV von knapp 119.").bubble(), 0.5);
  EXPECT_DOUBLE_EQ(ratios().score("Das KGV liegt bei fünfzig.").bubble(), 0.5);
  EXPECT_DOUBLE_EQ(ratios().score("Ein 90-faches KGV schreckt niemanden.").bubble(), 0.5);
  EXPECT_EQ(ratios().score("Renk kommt auf ein KGV von 12.").bubble(), 0.0);
  EXPECT_EQ(ratios().score("Das KGV stieg um 45 Prozent.").bubble(), 0.0);       // a movement
  EXPECT_EQ(ratios().score("Das KGV ist hoch, weil 45 Analysten irren.").bubble(), 0.0);  // another clause
  EXPECT_EQ(ratios().score("Das KGV ist hoch.").bubble(), 0.0);                  // no number
  // Switched off with the price-movement family, a ratio cue does not count (it is what makes it count).
  ScorerOptions options;
  options.rules_off = kRulePriceMovement;
  const Scorer off(Lexicon::from_string("KGV\tbubble\t1\tcue\tratio=40\n"), options);
  EXPECT_EQ(off.score("Renk kommt auf ein KGV von knapp 119.").bubble(), 0.0);
}

TEST(LexiconKinds, ScopeAndDomainLinesAreChecked) {
  EXPECT_THROW((void)Lexicon::from_string("Aktie\tbubble\t1\tmarket\n"), LexiconError);        // no tone
  EXPECT_THROW((void)Lexicon::from_string("Wall Street\t-\t1\tmarket\n"), LexiconError);      // one word
  EXPECT_THROW((void)Lexicon::from_string("sport\tbubble\t1\tscope\n"), LexiconError);        // domain name
  EXPECT_THROW((void)Lexicon::from_string("market\t-\t1\tscope\n"), LexiconError);            // needs a tone
  EXPECT_THROW((void)Lexicon::from_string("fallen\tnervousness\t1\tcue\tmin=0\n"), LexiconError);
  EXPECT_THROW((void)Lexicon::from_string("fallen\tnervousness\t1\tcue\tmin=abc\n"), LexiconError);
  EXPECT_THROW((void)Lexicon::from_string("fallen\tnervousness\t1\tcue\tmin=100001\n"), LexiconError);
  EXPECT_THROW((void)Lexicon::from_string("nicht\t-\t1\tnegator\tmin=3\n"), LexiconError);    // cues only
  EXPECT_THROW((void)Lexicon::from_string("drei\t-\t3\tcue\tpercent\n"), LexiconError);       // numbers only
  EXPECT_THROW((void)Lexicon::from_string("nicht\t-\t1\tnegator\tprice\n"), LexiconError);     // cues only
  EXPECT_THROW((void)Lexicon::from_string("fallen\tnervousness\t1\tcue\tprice=1\n"), LexiconError);  // a flag
  EXPECT_THROW((void)Lexicon::from_string("KGV\tbubble\t1\tcue\tratio=0\n"), LexiconError);
  EXPECT_THROW((void)Lexicon::from_string("KGV\tbubble\t1\tcue\tratio=viel\n"), LexiconError);
  EXPECT_THROW((void)Lexicon::from_string("KGV\t-\t1\tmarket\tratio=40\n"), LexiconError);  // cues only
  try {
    (void)Lexicon::from_string("ok\tbubble\t1\tcue\nsport\tbubble\t1\tscope\n", "my.tsv");
    FAIL();
  } catch (const LexiconError& e) {
    EXPECT_EQ(e.line(), 2U);
  }
  // The new kinds and options survive the TSV round trip.
  const Lexicon lex = Lexicon::from_string(
      "market\tbubble\t1\tscope\nAktie\t-\t1\tmarket\tcompound=both\nfallen\tnervousness\t1\tcue\tmin=2.5\n"
      "Fünftel\t-\t20\tnumber\tpercent\nabstürzen\tnervousness\t1\tcue\tsep=ab,price\n"
      "KGV\tbubble\t1\tcue\tratio=40\n");
  const Lexicon again = Lexicon::from_string(lex.to_tsv());
  ASSERT_EQ(again.size(), 6U);
  EXPECT_DOUBLE_EQ(again.entries()[5].min_ratio, 40.0);
  EXPECT_EQ(again.entries()[0].kind, EntryKind::scope);
  EXPECT_EQ(again.entries()[1].compound, CompoundRole::both);
  EXPECT_DOUBLE_EQ(again.entries()[2].min_percent, 2.5);
  EXPECT_TRUE(again.entries()[3].percent);
  EXPECT_TRUE(again.entries()[4].price);
  EXPECT_EQ(lex.fingerprint(), again.fingerprint());
  // The flag and the ratio are part of what a lexicon means, so of its fingerprint.
  EXPECT_NE(Lexicon::from_string("KGV\tbubble\t1\tcue\tratio=40\n").fingerprint(),
            Lexicon::from_string("KGV\tbubble\t1\tcue\tratio=30\n").fingerprint());
  EXPECT_NE(Lexicon::from_string("abstürzen\tnervousness\t1\tcue\tsep=ab,price\n").fingerprint(),
            Lexicon::from_string("abstürzen\tnervousness\t1\tcue\tsep=ab\n").fingerprint());
}

// A calibration line multiplies every effective weight of its tone, cues show the calibrated weight, and
// a sentence's cue weights still add up to the sum behind its score.
TEST(Calibration, ScalesOneToneAndItsCues) {
  const std::string base =
      "Panik\tnervousness\t0.8\tcue\nBlase\tbubble\t0.8\tcue\nkönnte\thedging\t0.8\tcue\texact\n"
      "sehr\t-\t1.5\tbooster\n";
  const Scorer plain(Lexicon::from_string(base));
  const Scorer calibrated(Lexicon::from_string(base + "sum\tnervousness\t1.25\tcalibration\n"));
  const std::string text = "Die sehr große Panik könnte die Blase treffen.";
  const SentenceScore a = plain.score(text);
  const SentenceScore b = calibrated.score(text);
  EXPECT_DOUBLE_EQ(a.scores[0], b.scores[0]);  // bubble and hedging unchanged
  EXPECT_DOUBLE_EQ(a.scores[2], b.scores[2]);
  EXPECT_GT(b.scores[1], a.scores[1]);
  double sum = 0;
  for (const Cue& c : b.cues) {
    if (c.tone() != "nervousness") continue;
    EXPECT_DOUBLE_EQ(c.base_weight(), 0.8);
    sum += c.weight;
  }
  EXPECT_NEAR(b.scores[1], 1.0 - std::exp2(-sum), 1e-12);
  double plain_sum = 0;
  for (const Cue& c : a.cues) plain_sum += c.tone() == "nervousness" ? c.weight : 0.0;
  EXPECT_NEAR(sum, 1.25 * plain_sum, 1e-12);
  // The numbers-only batch path agrees with score().
  const std::vector<std::string_view> texts{text};
  std::vector<double> numbers(3);
  std::vector<std::int64_t> n_cues(1);
  calibrated.score_batch_into(texts, numbers, n_cues);
  EXPECT_DOUBLE_EQ(numbers[1], b.scores[1]);
}

TEST(Calibration, LinesAreCheckedAndSurviveTheRoundTrip) {
  EXPECT_THROW((void)Lexicon::from_string("total\tbubble\t1.2\tcalibration\n"), LexiconError);  // names 'sum'
  EXPECT_THROW((void)Lexicon::from_string("sum\t-\t1.2\tcalibration\n"), LexiconError);         // needs a tone
  EXPECT_THROW((void)Lexicon::from_string("sum\tbubble\t0.1\tcalibration\n"), LexiconError);    // 0.25 to 4
  EXPECT_THROW((void)Lexicon::from_string("sum\tbubble\t5\tcalibration\n"), LexiconError);
  const Lexicon lex = Lexicon::from_string("Blase\tbubble\t1\tcue\nsum\tbubble\t1.5\tcalibration\n");
  const Lexicon again = Lexicon::from_string(lex.to_tsv());
  ASSERT_EQ(again.size(), 2U);
  EXPECT_EQ(again.entries()[1].kind, EntryKind::calibration);
  EXPECT_DOUBLE_EQ(again.entries()[1].weight, 1.5);
  // A later line overrides an earlier one (how a user file recalibrates the built-in lexicon).
  const Scorer twice(Lexicon::from_string("Blase\tbubble\t1\tcue\nsum\tbubble\t2\tcalibration\n"
                                          "sum\tbubble\t1\tcalibration\n"));
  EXPECT_DOUBLE_EQ(twice.score("Die Blase.").scores[0], 0.5);
}

// A conditional expression (requires=, min=) whose condition the sentence does not meet is no candidate, so
// it consumes none of the single-word cues on its words; met, it does.
TEST(ConditionalExpressions, ConsumeSingleWordsOnlyWhenTheyCount) {
  const Scorer scorer(Lexicon::from_string(
      "Blase\tbubble\t1\tcue\n"
      "Blase platzen\tbubble\t2\tcue\tfree,gap=2,requires=swift,forms=platzt|platzte\n"
      "Stunden\t-\t1\tmarker\tclass=swift,exact\n"
      "Panik\tnervousness\t1\tcue\n"
      "Panik verkaufen\tnervousness\t1.5\tcue\tfree,gap=4,min=5,forms=verkauft|verkauften\n"));
  EXPECT_DOUBLE_EQ(scorer.score("Die Blase platzt.").scores[0], 0.5);  // "Blase" alone
  EXPECT_DOUBLE_EQ(scorer.score("Die Blase platzt binnen Stunden.").scores[0], 0.75);  // the phrase only
  EXPECT_DOUBLE_EQ(scorer.score("In Panik verkauften die Anleger.").scores[1], 0.5);  // "Panik" alone
}
