#pragma once
// Inline SVG charts for the HTML report: bars with CI95 error bars, log-log curves, a
// scatter. Each data point is one element of class "mark" so a test can count them.

#include <string>
#include <vector>

namespace report::svg {

struct Bar {
  std::string label;  // "m7i.large [weekly]"
  std::string group;  // vendor: the colour
  double value = 0;
  double low = 0;  // CI95
  double high = 0;
};

struct Point {
  double x = 0;
  double y = 0;
  std::string label;
  std::string group;
};

struct Marker {  // a vertical line on a curve chart (a cache level)
  double x = 0;
  std::string label;
};

std::string Escape(const std::string& text);
std::string ColourOf(const std::string& group);

std::string BarChart(const std::string& title, const std::string& unit,
                     const std::vector<Bar>& bars);
// x and y on log10 axes; every x and y must be > 0 (others are dropped).
std::string CurveChart(const std::string& title, const std::string& x_unit,
                       const std::string& y_unit, const std::vector<Point>& points,
                       const std::vector<Marker>& markers);
std::string Scatter(const std::string& title, const std::string& x_unit, const std::string& y_unit,
                    const std::vector<Point>& points, const std::string& empty_note);

}  // namespace report::svg
