#include "report/svg.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "report/format_number.h"
#include "util/strings.h"

namespace report::svg {
namespace {

constexpr double kWidth = 580, kLeft = 70, kRight = 20, kTop = 30, kBottom = 40;
constexpr double kPlotWidth = kWidth - kLeft - kRight;

std::string Num(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  return buffer;
}

std::string Open(const std::string& kind, const std::string& title, double height, size_t marks) {
  return "<figure class=\"chart-box\"><svg class=\"chart " + kind + "\" data-marks=\"" +
         std::to_string(marks) + "\" width=\"" + Num(kWidth) + "\" height=\"" + Num(height) +
         "\" viewBox=\"0 0 " + Num(kWidth) + " " + Num(height) + "\" role=\"img\"><title>" +
         Escape(title) + "</title>" + "<text class=\"chart-title\" x=\"" + Num(kWidth / 2) +
         "\" y=\"18\">" + Escape(title) + "</text>";
}

std::string Text(double x, double y, const std::string& text, const std::string& cls) {
  return "<text class=\"" + cls + "\" x=\"" + Num(x) + "\" y=\"" + Num(y) + "\">" + Escape(text) +
         "</text>";
}

std::string Line(double x1, double y1, double x2, double y2, const std::string& cls) {
  return "<line class=\"" + cls + "\" x1=\"" + Num(x1) + "\" y1=\"" + Num(y1) + "\" x2=\"" +
         Num(x2) + "\" y2=\"" + Num(y2) + "\"/>";
}

struct LogAxis {
  double lo, hi;  // log10 bounds
  double Map(double value, double from, double to) const {
    return from + (std::log10(value) - lo) / (hi - lo) * (to - from);
  }
};

LogAxis MakeLogAxis(double min, double max) {
  double lo = std::floor(std::log10(min)), hi = std::ceil(std::log10(max));
  if (hi <= lo) hi = lo + 1;
  return {lo, hi};
}

std::string Legend(const std::vector<std::string>& groups, double y) {
  std::string out;
  double x = kLeft;
  for (const std::string& g : groups) {
    out += "<rect class=\"legend\" x=\"" + Num(x) + "\" y=\"" + Num(y - 9) +
           "\" width=\"10\" height=\"10\" fill=\"" + ColourOf(g) + "\"/>" +
           Text(x + 14, y, g, "legend-text");
    x += 30 + 7.0 * static_cast<double>(g.size());
  }
  return out;
}

std::vector<std::string> Groups(const std::vector<std::string>& all) {
  std::vector<std::string> groups;
  for (const std::string& g : all)
    if (std::find(groups.begin(), groups.end(), g) == groups.end()) groups.push_back(g);
  return groups;
}

}  // namespace

std::string Escape(const std::string& text) { return util::EscapeMarkup(text); }

std::string ColourOf(const std::string& group) {
  if (group == "Intel") return "#1f6fb5";
  if (group == "AMD") return "#c8322b";
  if (group == "Graviton/Arm") return "#e08a00";
  return "#777777";
}

std::string BarChart(const std::string& title, const std::string& unit,
                     const std::vector<Bar>& bars) {
  constexpr double kRow = 22;
  const double height = kTop + kRow * static_cast<double>(bars.size()) + kBottom + 10;
  double max = 0;
  for (const Bar& b : bars) max = std::max({max, b.value, b.high});
  if (max <= 0) max = 1;
  constexpr double kLabel = 230;  // bars start after the labels
  const double width = kWidth - kLabel - kRight;
  auto x = [&](double v) { return kLabel + std::max(0.0, v) / max * width; };
  std::string out = Open("bar-chart", title, height, bars.size());
  for (size_t i = 0; i < bars.size(); ++i) {
    const Bar& b = bars[i];
    const double y = kTop + kRow * static_cast<double>(i);
    out += Text(kLabel - 6, y + 14, b.label, "bar-label");
    out += "<rect class=\"mark\" x=\"" + Num(kLabel) + "\" y=\"" + Num(y + 3) + "\" width=\"" +
           Num(x(b.value) - kLabel) + "\" height=\"" + Num(kRow - 6) + "\" fill=\"" +
           ColourOf(b.group) + "\"><title>" +
           Escape(b.label + ": " + Figure(b.value) + " " + unit + " (CI95 " + Figure(b.low) +
                  " to " + Figure(b.high) + ")") +
           "</title></rect>";
    out += Line(x(b.low), y + kRow / 2, x(b.high), y + kRow / 2, "errorbar");
    out += Line(x(b.low), y + 6, x(b.low), y + kRow - 6, "errorbar");
    out += Line(x(b.high), y + 6, x(b.high), y + kRow - 6, "errorbar");
  }
  const double axis_y = kTop + kRow * static_cast<double>(bars.size()) + 4;
  out += Line(kLabel, axis_y, kLabel + width, axis_y, "axis");
  out += Text(kLabel, axis_y + 14, "0", "tick") +
         Text(kLabel + width, axis_y + 14, Figure(max) + " " + unit, "tick end");
  std::vector<std::string> groups;
  for (const Bar& b : bars) groups.push_back(b.group);
  out += Legend(Groups(groups), axis_y + 32);
  return out + "</svg></figure>\n";
}

std::string CurveChart(const std::string& title, const std::string& x_unit,
                       const std::string& y_unit, const std::vector<Point>& all_points,
                       const std::vector<Marker>& markers) {
  std::vector<Point> points;
  for (const Point& p : all_points)
    if (p.x > 0 && p.y > 0) points.push_back(p);
  constexpr double kHeight = 300;
  std::string out = Open("curve-chart", title, kHeight, points.size());
  if (points.empty()) return out + "</svg></figure>\n";
  double xmin = points[0].x, xmax = xmin, ymin = points[0].y, ymax = ymin;
  for (const Point& p : points) {
    xmin = std::min(xmin, p.x), xmax = std::max(xmax, p.x);
    ymin = std::min(ymin, p.y), ymax = std::max(ymax, p.y);
  }
  const LogAxis xa = MakeLogAxis(xmin, xmax), ya = MakeLogAxis(ymin, ymax);
  const double bottom = kHeight - kBottom;
  auto px = [&](double v) { return xa.Map(v, kLeft, kLeft + kPlotWidth); };
  auto py = [&](double v) { return ya.Map(v, bottom, kTop); };
  for (double e = xa.lo; e <= xa.hi; ++e) {
    const double x = kLeft + (e - xa.lo) / (xa.hi - xa.lo) * kPlotWidth;
    out += Line(x, kTop, x, bottom, "grid") +
           Text(x, bottom + 14, "1e" + std::to_string(static_cast<int>(e)), "tick");
  }
  for (double e = ya.lo; e <= ya.hi; ++e) {
    const double y = bottom - (e - ya.lo) / (ya.hi - ya.lo) * (bottom - kTop);
    out += Line(kLeft, y, kLeft + kPlotWidth, y, "grid") +
           Text(kLeft - 6, y + 4, Figure(std::pow(10.0, e)), "tick end");
  }
  for (const Marker& m : markers) {
    if (m.x <= 0) continue;
    out += "<g class=\"level\">" + Line(px(m.x), kTop, px(m.x), bottom, "level-line") +
           Text(px(m.x) + 3, kTop + 10, m.label, "level-text") + "</g>";
  }
  std::string path;
  for (const Point& p : points)
    path += (path.empty() ? "" : " ") + Num(px(p.x)) + "," + Num(py(p.y));
  out += "<polyline class=\"curve\" points=\"" + path + "\" stroke=\"" + ColourOf(points[0].group) +
         "\"/>";
  for (const Point& p : points)
    out += "<circle class=\"mark\" cx=\"" + Num(px(p.x)) + "\" cy=\"" + Num(py(p.y)) +
           "\" r=\"3\" fill=\"" + ColourOf(p.group) + "\"><title>" + Escape(p.label) +
           "</title></circle>";
  out += Text(kLeft + kPlotWidth / 2, kHeight - 8, x_unit + " (log scale)", "axis-title");
  out += Text(14, kTop - 8, y_unit + " (log)", "axis-title start");
  return out + "</svg></figure>\n";
}

std::string Scatter(const std::string& title, const std::string& x_unit, const std::string& y_unit,
                    const std::vector<Point>& points, const std::string& empty_note) {
  constexpr double kHeight = 320;
  std::string out = Open("scatter-chart", title, kHeight, points.size());
  const double bottom = kHeight - kBottom - 20;
  if (points.empty())
    return out + Text(kWidth / 2, kHeight / 2, empty_note, "empty-note") + "</svg></figure>\n";
  double xmax = 0, ymax = 0;
  for (const Point& p : points) xmax = std::max(xmax, p.x), ymax = std::max(ymax, p.y);
  if (xmax <= 0) xmax = 1;
  if (ymax <= 0) ymax = 1;
  auto px = [&](double v) { return kLeft + v / xmax * kPlotWidth; };
  auto py = [&](double v) { return bottom - v / ymax * (bottom - kTop); };
  out += Line(kLeft, bottom, kLeft + kPlotWidth, bottom, "axis") +
         Line(kLeft, kTop, kLeft, bottom, "axis");
  out += Text(kLeft + kPlotWidth, bottom + 14, Figure(xmax) + " " + x_unit, "tick end") +
         Text(kLeft - 6, kTop + 4, Figure(ymax), "tick end") +
         Text(kLeft - 6, bottom, "0", "tick end");
  std::vector<std::string> groups;
  for (const Point& p : points) {
    groups.push_back(p.group);
    out += "<circle class=\"mark\" cx=\"" + Num(px(p.x)) + "\" cy=\"" + Num(py(p.y)) +
           "\" r=\"5\" fill=\"" + ColourOf(p.group) + "\"><title>" + Escape(p.label) +
           "</title></circle>";
  }
  out += Text(14, kTop - 8, y_unit, "axis-title start");
  out += Legend(Groups(groups), kHeight - 12);
  return out + "</svg></figure>\n";
}

}  // namespace report::svg
