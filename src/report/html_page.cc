#include "report/html_page.h"

#include "report/svg.h"

namespace report {
namespace {

constexpr char kStyle[] = R"css(
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;max-width:1200px}
h1{font-size:22px}h2{font-size:18px;border-bottom:1px solid #ccc;margin-top:32px}
h3{font-size:15px;margin:20px 0 6px}
.note{background:#f4f4f0;border-left:4px solid #b8a000;padding:6px 10px;margin:6px 0}
table{border-collapse:collapse;margin:6px 0 16px;font-size:13px}
th,td{border:1px solid #ddd;padding:3px 7px;vertical-align:top}
th{background:#f0f2f5;cursor:pointer;user-select:none}th.sorted-asc::after{content:" \25B2"}
th.sorted-desc::after{content:" \25BC"}td.num{text-align:right;font-variant-numeric:tabular-nums}
.charts{display:flex;flex-wrap:wrap;gap:12px}.chart-box{margin:0}
svg.chart{background:#fff;border:1px solid #e3e3e3}
.chart-title{font-size:13px;font-weight:600;text-anchor:middle}
.bar-label{font-size:11px;text-anchor:end}.tick{font-size:10px;fill:#555;text-anchor:middle}
.tick.end{text-anchor:end}.axis-title{font-size:11px;fill:#333;text-anchor:middle}
.axis-title.start{text-anchor:start}.legend-text{font-size:11px}
.errorbar{stroke:#111;stroke-width:1.2}.axis{stroke:#444}.grid{stroke:#eee}
.curve{fill:none;stroke-width:1.5}.level-line{stroke:#999;stroke-dasharray:4 3}
.level-text{font-size:10px;fill:#666}.empty-note{font-size:12px;fill:#777;text-anchor:middle}
)css";

// Click a header to sort by that column; numbers sort as numbers.
constexpr char kScript[] = R"js(
document.querySelectorAll('table.sortable').forEach(function (table) {
  table.querySelectorAll('th').forEach(function (th, column) {
    th.addEventListener('click', function () {
      var body = table.tBodies[0];
      var ascending = !th.classList.contains('sorted-asc');
      table.querySelectorAll('th').forEach(function (h) {
        h.classList.remove('sorted-asc', 'sorted-desc');
      });
      th.classList.add(ascending ? 'sorted-asc' : 'sorted-desc');
      var rows = Array.prototype.slice.call(body.rows);
      function key(row) {
        var text = row.cells[column].textContent;
        var number = parseFloat(text.replace(/^[$+]/, ''));
        return isNaN(number) ? text : number;
      }
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        var order = (typeof x === typeof y) ? (x < y ? -1 : x > y ? 1 : 0)
                                            : (typeof x === 'number' ? -1 : 1);
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
});
)js";

}  // namespace

void AppendPageStart(const std::string& title, std::string& out) {
  out.append(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
      "<title>");
  out.append(svg::Escape(title)).append("</title><style>").append(kStyle);
  out.append("</style></head><body>\n<h1>").append(svg::Escape(title)).append("</h1>\n");
}

void AppendPageEnd(std::string& out) {
  out.append("<script>").append(kScript).append("</script>\n</body></html>\n");
}

void AppendNote(const std::string& text, std::string& out) {
  out.append("<p class=\"note\">").append(svg::Escape(text)).append("</p>\n");
}

void AppendTable(const Table& table, std::string& out) {
  if (!table.title.empty()) out.append("<h3>").append(svg::Escape(table.title)).append("</h3>");
  out.append("<table class=\"sortable\" id=\"").append(svg::Escape(table.id));
  out.append("\"><thead><tr>");
  for (const std::string& h : table.header)
    out.append("<th>").append(svg::Escape(h)).append("</th>");
  out.append("</tr></thead><tbody>\n");
  for (const auto& row : table.rows) {
    out.append("<tr>");
    for (size_t i = 0; i < row.size(); ++i)
      out.append(table.align[i] == Align::kRight ? "<td class=\"num\">" : "<td>")
          .append(svg::Escape(row[i]))
          .append("</td>");
    out.append("</tr>\n");
  }
  out.append("</tbody></table>\n");
}

}  // namespace report
