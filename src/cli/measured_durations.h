#pragma once
// Reads the measured durations `--durations` points at: campaign journals, agent result
// files, or folders of result files (docs/planning.md, "Learned corrections").

#include <string>
#include <vector>

#include "plan/durations.h"
#include "util/expected.h"

namespace cli {

// Every run that counts, in the order given: a benchmark with status ok and a duration, from
// a full-size run (not --quick, not emulated). A path that is missing, unreadable, not a
// journal or result document, or that gives no such run is kInvalidInput naming
// `--durations` and the path.
util::Expected<std::vector<plan::MeasuredDuration>> LoadMeasuredDurations(
    const std::vector<std::string>& paths);

}  // namespace cli
