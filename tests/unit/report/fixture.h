#pragma once
// Rebuilds a campaign journal from a fixture written by tools/report/journal_fixture.py
// (the rows of a real campaign), through store::Journal like the executor writes one.

#include <string>

namespace report::testing {

// The fixture's path under tests/data/report.
std::string FixturePath(const std::string& name);
// A fresh temporary path (the file does not exist).
std::string TempJournalPath(const std::string& name);
// Creates the journal at `journal_path` from fixture `name`; fails the test on error.
void BuildJournal(const std::string& name, const std::string& journal_path);

}  // namespace report::testing
