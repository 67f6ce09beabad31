#pragma once
// Small string helpers shared by every module.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/expected.h"

namespace util {

std::vector<std::string> Split(std::string_view text, char separator);
// Splits on the separator, trims each piece and drops empty ones: "a, b,,c" -> {a,b,c}.
std::vector<std::string> SplitList(std::string_view text, char separator = ',');
std::string Join(const std::vector<std::string>& parts, std::string_view separator);
std::string_view Trim(std::string_view text);
bool StartsWith(std::string_view text, std::string_view prefix);
bool EndsWith(std::string_view text, std::string_view suffix);
std::string ToLower(std::string_view text);
// Text made safe inside XML or HTML elements and double-quoted attributes (&, <, >, ").
std::string EscapeMarkup(std::string_view text);
// Every byte outside printable ASCII as \xNN. Parsers quote the bytes they last read, which
// in invalid UTF-8 are themselves invalid: escaped, their message can be printed and stored
// in JSON (a journal, a result's reason) without failing again.
std::string PrintableAscii(std::string_view text);

// Whole-string numeric parsing: "12x" and "" are rejected, not truncated.
std::optional<long long> ParseInt(std::string_view text);
std::optional<double> ParseDouble(std::string_view text);
// A duration as N followed by s, m, h or d ("90m", "2d"); whole seconds, nullopt for
// anything else (no unit, a negative or fractional N, an overflow).
std::optional<int64_t> ParseDurationSeconds(std::string_view text);
// Accepts true/false (any case), 1/0, yes/no, on/off.
std::optional<bool> ParseBool(std::string_view text);
// A boolean flag's text: "" (the bare form, --name) is true, else ParseBool; an error names
// the flag and the accepted forms. The one rule for every boolean flag (cli, backends).
Expected<bool> ParseBoolFlag(const std::string& name, const std::string& text);

// Levenshtein distance, for "did you mean" hints.
size_t EditDistance(std::string_view a, std::string_view b);
// The candidate closest to `word`, when it is close enough to be a plausible typo.
std::optional<std::string> ClosestMatch(std::string_view word,
                                        const std::vector<std::string>& candidates);
// " (did you mean 'x'?)" or "" when nothing is close.
std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace util
