#include "report/result_parser.h"

#include <algorithm>
#include <limits>
#include <string>

namespace report {
namespace {

using nlohmann::json;

bool OneOf(const std::string& key, std::initializer_list<const char*> names) {
  return std::any_of(names.begin(), names.end(), [&](const char* name) { return key == name; });
}

// What an open container becomes.
enum class Role {
  kTree,        // built as a JSON tree at `node`
  kSkip,        // read and dropped
  kMetrics,     // a benchmark's metrics array: each element is one MetricRow
  kMetric,      // one metric object
  kSamples,     // the metric's samples
  kStatistics,  // the metric's statistics
  kOutliers,    // statistics.outliers
};

struct Frame {
  Role role = Role::kTree;
  bool array = false;
  json* node = nullptr;  // kTree: the container being built
  std::string key;       // objects: the key whose value comes next
};

// A number event: the value as a double, and as a sample index when it is an integer >= 0.
struct Number {
  double value = 0;
  std::optional<size_t> index;
  json as_json;
};

class ResultSax {  // NOLINT(bugprone-exception-escape): json members (import_checks.h)
 public:
  ParsedResult result;

  bool null() { return Scalar(json()); }
  bool boolean(bool value) { return Scalar(json(value)); }
  bool number_integer(json::number_integer_t value) {
    std::optional<size_t> index;
    if (value >= 0) index = static_cast<size_t>(value);
    return NumberValue({static_cast<double>(value), index, json(value)});
  }
  bool number_unsigned(json::number_unsigned_t value) {
    return NumberValue({static_cast<double>(value), static_cast<size_t>(value), json(value)});
  }
  bool number_float(json::number_float_t value, const std::string&) {
    return NumberValue({value, std::nullopt, json(value)});
  }
  bool string(std::string& value) {
    if (!frames_.empty() && frames_.back().role == Role::kMetric) {
      MetricRow& row = Row();
      const std::string& key = frames_.back().key;
      if (key == "name") row.metric = value;
      if (key == "unit") row.unit = value;
      if (key == "better") row.higher_is_better = value != "lower";
      return true;
    }
    return Scalar(json(std::move(value)));
  }
  bool binary(json::binary_t&) { return true; }
  bool key(std::string& key) {
    frames_.back().key = std::move(key);
    return true;
  }
  bool start_object(size_t) { return Open(false); }
  bool start_array(size_t) { return Open(true); }
  bool end_object() { return Close(); }
  bool end_array() { return Close(); }
  bool parse_error(size_t, const std::string&, const json::exception&) { return false; }

 private:
  std::vector<Frame> frames_;

  MetricRow& Row() { return result.metrics.back().back(); }

  // The root object's key at `level` (1: a key of the root object, 2: of its child...).
  const std::string& KeyAt(size_t level) const { return frames_[level - 1].key; }

  bool InBenchmarksArray() const {
    return frames_.size() == 2 && !frames_[0].array && KeyAt(1) == "benchmarks" && frames_[1].array;
  }

  // Whether the value under the current key of a tree object is built (see the header).
  bool KeepTreeKey() const {
    const size_t level = frames_.size();
    const std::string& key = frames_.back().key;
    if (level == 1) return key != "tool";
    if (KeyAt(1) == "sysinfo") {
      if (level == 2) return OneOf(key, {"arch", "cpu", "hypervisor", "topology"});
      if (level == 3 && KeyAt(2) == "cpu") return OneOf(key, {"vendor", "microarchitecture"});
    }
    if (KeyAt(1) == "benchmarks" && level == 4 && KeyAt(3) == "environment")
      return key == "duration_seconds";
    return true;
  }

  bool IsBenchmarkMetricsKey() const {
    return frames_.size() == 3 && frames_[1].array && !frames_[2].array &&
           KeyAt(1) == "benchmarks" && frames_.back().key == "metrics";
  }

  // Adds `value` to the tree container on top; returns where it went.
  json* AddToTree(json value) {
    Frame& top = frames_.back();
    if (InBenchmarksArray()) result.metrics.emplace_back();  // one entry per benchmark
    if (top.array) {
      top.node->push_back(std::move(value));
      return &top.node->back();
    }
    json& slot = (*top.node)[top.key];
    slot = std::move(value);
    return &slot;
  }

  // The role of a value about to start under the top frame (`container`: an object or an
  // array starts).
  Role ChildRole(bool container, bool array) const {
    const Frame& top = frames_.back();
    switch (top.role) {
      case Role::kSkip:
      case Role::kSamples:
      case Role::kOutliers:
        return Role::kSkip;
      case Role::kMetrics:
        return container && !array ? Role::kMetric : Role::kSkip;
      case Role::kMetric:
        if (top.key == "labels" && container && !array) return Role::kTree;
        if (top.key == "samples" && array) return Role::kSamples;
        if (top.key == "statistics" && container && !array) return Role::kStatistics;
        return Role::kSkip;
      case Role::kStatistics:
        return top.key == "outliers" && array ? Role::kOutliers : Role::kSkip;
      case Role::kTree:
        break;
    }
    if (!top.array && !KeepTreeKey()) return Role::kSkip;
    if (!top.array && IsBenchmarkMetricsKey()) return array ? Role::kMetrics : Role::kSkip;
    return Role::kTree;
  }

  // A metric row starts: an element of a metrics array (a non-object element gives an empty
  // row, as reading it field by field would).
  void StartRow() {
    MetricRow row;
    row.labels = json::object();
    row.ci95_low = row.ci95_high = std::numeric_limits<double>::quiet_NaN();
    result.metrics.back().push_back(std::move(row));
  }

  bool Open(bool array) {
    Frame frame;
    frame.array = array;
    if (frames_.empty()) {
      result.tree = array ? json::array() : json::object();
      frame.node = &result.tree;
      frames_.push_back(std::move(frame));
      return true;
    }
    frame.role = ChildRole(true, array);
    if (frames_.back().role == Role::kMetrics) StartRow();
    if (frame.role == Role::kTree) {
      if (frames_.back().role == Role::kMetric) {
        frame.node = &Row().labels;
      } else {
        frame.node = AddToTree(array ? json::array() : json::object());
      }
    }
    frames_.push_back(std::move(frame));
    return true;
  }

  bool Close() {
    frames_.pop_back();
    return true;
  }

  bool Scalar(json value) {
    if (frames_.empty()) {
      result.tree = std::move(value);
      return true;
    }
    if (frames_.back().role == Role::kMetrics) StartRow();
    if (ChildRole(false, false) == Role::kTree) AddToTree(std::move(value));
    return true;
  }

  bool NumberValue(Number number) {
    if (frames_.empty()) return Scalar(std::move(number.as_json));
    Frame& top = frames_.back();
    if (top.role == Role::kSamples) {
      Row().samples.push_back(number.value);
    } else if (top.role == Role::kOutliers) {
      if (number.index) Row().outliers.push_back(*number.index);
    } else if (top.role == Role::kStatistics) {
      SetStatistic(top.key, number.value);
    } else {
      return Scalar(std::move(number.as_json));
    }
    return true;
  }

  void SetStatistic(const std::string& key, double value) {
    MetricRow& row = Row();
    if (key == "mean") row.mean = value;
    if (key == "median") row.median = value;
    if (key == "best") row.best = value;
    if (key == "worst") row.worst = value;
    if (key == "stdev") row.stdev = value;
    if (key == "cv") row.cv = value;
    if (key == "ci95_low") row.ci95_low = value;
    if (key == "ci95_high") row.ci95_high = value;
  }
};

}  // namespace

std::optional<ParsedResult> ParseResult(std::string_view text) {
  ResultSax sax;
  if (!json::sax_parse(text, &sax)) return std::nullopt;
  return std::move(sax.result);
}

}  // namespace report
