#pragma once
// The frame every HTML page of `report` shares (the report, --compare, --trend): one
// self-contained file with inline CSS and JS and a Content-Security-Policy of
// default-src 'none', so that it requests nothing; tables sortable by a click on a header.
// Pages are appended into one buffer.

#include <string>

#include "report/model.h"

namespace report {

// <!DOCTYPE html> ... <body><h1>title</h1>
void AppendPageStart(const std::string& title, std::string& out);
// The sorting script and the closing tags.
void AppendPageEnd(std::string& out);
// A titled table of class "sortable" with the table's id.
void AppendTable(const Table& table, std::string& out);
// A paragraph of class "note".
void AppendNote(const std::string& text, std::string& out);

}  // namespace report
