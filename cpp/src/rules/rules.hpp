#pragma once
// The rule families: one file each in cpp/src/rules/, one entry point each, run in the order below.
// Decides: nothing itself; it is the list of families and the contract they follow.
// Does not decide: how candidates are found (candidates.cpp) or how weights become scores (scoring.cpp).
//
// The contract of a cue-modifier family (apply_modifiers() in modifiers.cpp calls them in this order):
// it reads the Sentence (tokens, keys, roles, clauses, candidates) and changes only its candidates'
// `modifiers` bits and `factor`. A factor multiplies; families run one after the other over all candidates,
// so each candidate's factors are multiplied in this order, and changing the order can change a score in
// its last digit. A sentence-level family (questions) adds a SentenceCue instead.
//
// Adding a family: write rules/<family>.cpp with `void apply_<family>(Sentence& s)`, declare it here, call
// it in apply_modifiers() (modifiers.cpp), give it a Modifier bit in stimmung/result.hpp (with its name in
// scoring.cpp's modifier_names) and add it to cpp/CMakeLists.txt. Keep per-token work in the file; no
// virtual call or std::function per token. (rules/market_scope.cpp is an example.) A filter that removes
// candidates before any modifier applies (rules/price_movement.cpp) runs from sentence_pipeline.cpp.

#include "sentence.hpp"

namespace stimmung::detail {

/// rules/negation.cpp: negators before or after a cue, multi-word and clause-scope negators, negation
/// inside a certainty phrase. Sets kNegated (the weight becomes 0, or flips a certainty marker).
void apply_negation(Sentence& s);
/// rules/intensity.cpp: boosters and dampeners right before a cue. Multiplies by their weight.
void apply_intensity(Sentence& s);
/// rules/contrast.cpp: a contrast word before a cue, or later in its clause. Multiplies by its weight.
void apply_contrast(Sentence& s);
/// rules/side_clause.cpp: hedging inside a side clause does not hedge the main claim.
void apply_side_clause(Sentence& s);
/// rules/reported_speech.cpp: reportative "soll ... verloren haben" strengthens its cue.
void apply_reported_speech(Sentence& s);
/// rules/market_scope.cpp: in a sentence about another domain (sport, weather, health, ...), the cues of
/// the market tones count 0. Sets kOutOfScope.
void apply_market_scope(Sentence& s);
/// rules/question.cpp (sentence level): an open question is hedged.
void apply_question(Sentence& s);

}  // namespace stimmung::detail
