#include "plan/spec_json.h"

#include <algorithm>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "plan/json_writer.h"
#include "plan/spec_fields.h"
#include "util/json_reader.h"
#include "util/strings.h"

namespace plan {
namespace {

// Reads one table field (plan/spec_fields.h) from `reader`, which holds the spec object
// or its "cost" object; the error names the JSON path and the accepted range.
void ReadField(util::JsonReader& reader, std::string_view key, Spec& spec) {
  const SpecField& field = *FindSpecField(key);
  // The reader keeps the key's pointer: the table's key is a literal, null-terminated.
  const nlohmann::json& value = reader.Value(field.json_key.data());
  bool typed = field.whole ? value.is_number_integer() : value.is_number();
  double number = typed ? value.get<double>() : 0;
  if (!typed || !InRange(field, number)) {
    util::JsonFailAt(reader.PathOf(key), "must be " + AcceptedText(field, FieldSource::kJson));
  }
  field.set(spec, number);
}

// A parsed JSON value in the writer's fixed layout (object keys in nlohmann's sorted order),
// so that a spec with suites still gives the same bytes every time.
void WriteValue(JsonWriter& writer, const nlohmann::json& value) {
  if (value.is_object()) {
    writer.BeginObject();
    for (const auto& [key, member] : value.items()) {
      writer.Key(key);
      WriteValue(writer, member);
    }
    writer.EndObject();
  } else if (value.is_array()) {
    writer.BeginArray();
    for (const nlohmann::json& element : value) WriteValue(writer, element);
    writer.EndArray();
  } else if (value.is_string()) {
    writer.String(value.get_ref<const std::string&>());
  } else if (value.is_boolean()) {
    writer.Bool(value.get<bool>());
  } else if (value.is_number_unsigned()) {
    writer.UInt(value.get<uint64_t>());
  } else if (value.is_number_integer()) {
    writer.Int(value.get<int64_t>());
  } else if (value.is_number_float()) {
    writer.Fixed(value.get<double>());
  } else {
    writer.Null();
  }
}

void WriteCostModel(JsonWriter& writer, const CostModel& cost) {
  writer.BeginObject();
  writer.FixedField("spot_price_ratio", cost.spot_price_ratio);
  writer.FixedField("root_volume_gib", cost.root_volume_gib);
  writer.BoolField("public_ipv4", cost.public_ipv4);
  writer.IntField("boot_overhead_s", cost.boot_overhead_s);
  writer.IntField("minimum_billing_s", cost.minimum_billing_s);
  writer.IntField("max_session_s", cost.max_session_s);
  writer.EndObject();
}

void ReadCostModel(util::JsonReader reader, Spec& spec) {
  ReadField(reader, "spot_price_ratio", spec);
  ReadField(reader, "root_volume_gib", spec);
  spec.cost.public_ipv4 = reader.Bool("public_ipv4");
  ReadField(reader, "boot_overhead_s", spec);
  ReadField(reader, "minimum_billing_s", spec);
  ReadField(reader, "max_session_s", spec);
  reader.RejectUnknownKeys();
}

std::map<QuotaKey, int> ReadQuotas(const nlohmann::json& value, const std::string& path) {
  if (!value.is_object()) util::JsonFailAt(path, "must be an object {\"CLASS:MARKET\": vCPUs}");
  std::map<QuotaKey, int> quotas;
  for (const auto& item : value.items()) {
    std::string where = path + "." + item.key();
    auto key = ParseQuotaKey(item.key());
    if (!key) util::JsonFailAt(where, key.error().message);
    const nlohmann::json& number = item.value();
    if (!number.is_number_integer() || number.get<int64_t>() < 0 ||
        number.get<int64_t>() > kMaxVcpuQuota) {
      util::JsonFailAt(
          where, "must be a whole number of vCPUs from 0 to " + std::to_string(kMaxVcpuQuota));
    }
    quotas[*key] = static_cast<int>(number.get<int64_t>());
  }
  return quotas;
}

std::map<QuotaKey, QuotaSource> ReadQuotaSources(const nlohmann::json& value,
                                                 const std::string& path) {
  if (!value.is_object()) util::JsonFailAt(path, "must be an object {\"CLASS:MARKET\": SOURCE}");
  std::map<QuotaKey, QuotaSource> sources;
  for (const auto& item : value.items()) {
    std::string where = path + "." + item.key();
    auto key = ParseQuotaKey(item.key());
    if (!key) util::JsonFailAt(where, key.error().message);
    auto source = item.value().is_string() ? QuotaSourceFromText(item.value().get<std::string>())
                                           : std::nullopt;
    if (!source) util::JsonFailAt(where, "must be \"default\", \"--vcpu-quota\" or \"account\"");
    sources[*key] = *source;
  }
  return sources;
}

std::map<std::string, std::map<std::string, std::string>> ReadNotOffered(
    const nlohmann::json& value, const std::string& path) {
  const char* shape = "must be an object {\"REGION\": {\"TYPE\": \"reason\"}}";
  if (!value.is_object()) util::JsonFailAt(path, shape);
  std::map<std::string, std::map<std::string, std::string>> not_offered;
  for (const auto& region : value.items()) {
    if (!region.value().is_object()) util::JsonFailAt(path + "." + region.key(), shape);
    for (const auto& type : region.value().items()) {
      if (!type.value().is_string() || type.value().get<std::string>().empty()) {
        util::JsonFailAt(path + "." + region.key() + "." + type.key(),
                         "must be the reason, a non-empty string");
      }
      not_offered[region.key()][type.key()] = type.value().get<std::string>();
    }
  }
  return not_offered;
}

}  // namespace

std::string SpecStartZone(const Spec& spec) {
  if (spec.timezone && util::CheckTimeZone(*spec.timezone)) return *spec.timezone;
  return "";
}

std::string FormatInstant(util::TimePoint instant, const std::string& zone) {
  return zone.empty() ? util::FormatIso8601Utc(instant) : util::FormatIso8601(instant, zone);
}

void WriteSpec(JsonWriter& writer, const Spec& spec) {
  writer.BeginObject();
  writer.StringArrayField("instance_families", spec.instance_families);
  writer.StringArrayField("instance_types", spec.instance_types);
  writer.StringArrayField("benchmarks", spec.benchmarks);
  writer.StringArrayField("regions", spec.regions);
  writer.StringArrayField("sizes", spec.sizes);
  writer.IntField("max_daily_jobs", spec.max_daily_jobs);
  writer.IntField("max_concurrent", spec.max_concurrent);
  writer.BoolField("benchmark_rotation", spec.benchmark_rotation);
  writer.BoolField("instance_size_waves", spec.instance_size_waves);
  writer.BoolField("enable_spot", spec.enable_spot);
  writer.StringField("start", FormatInstant(spec.start, SpecStartZone(spec)));
  writer.IntField("days", spec.days);
  writer.Key("timezone");
  if (spec.timezone)
    writer.String(*spec.timezone);
  else
    writer.Null();
  writer.Key("max_cost_usd");
  if (spec.max_cost_usd)
    writer.Fixed(*spec.max_cost_usd);
  else
    writer.Null();
  writer.IntField("iterations", spec.iterations);
  writer.Key("seed");
  writer.UInt(spec.seed);
  writer.Key("vcpu_quotas");
  writer.BeginObject();
  for (const auto& [key, vcpus] : spec.vcpu_quotas) {
    writer.Key(FormatQuotaKey(key));
    writer.Int(vcpus);
  }
  writer.EndObject();
  if (!spec.vcpu_quota_sources.empty()) {
    writer.Key("vcpu_quota_sources");
    writer.BeginObject();
    for (const auto& [key, source] : spec.vcpu_quota_sources) {
      writer.StringField(FormatQuotaKey(key), ToString(source));
    }
    writer.EndObject();
  }
  if (!spec.not_offered.empty()) {
    writer.Key("not_offered");
    writer.BeginObject();
    for (const auto& [region, types] : spec.not_offered) {
      writer.Key(region);
      writer.BeginObject();
      for (const auto& [type, reason] : types) writer.StringField(type, reason);
      writer.EndObject();
    }
    writer.EndObject();
  }
  writer.Key("cost");
  WriteCostModel(writer, spec.cost);
  if (!spec.duration_corrections.empty()) {  // absent when only the model is used
    writer.Key("duration_corrections");
    writer.BeginObject();
    for (const auto& [variant, correction] : spec.duration_corrections) {
      writer.Key(variant);
      writer.BeginObject();
      writer.FixedField("factor", correction.factor);
      writer.StringField("source", correction.source);
      writer.IntField("runs", correction.runs);
      writer.EndObject();
    }
    writer.EndObject();
  }
  if (!spec.suites.empty()) {
    writer.Key("suites");
    writer.BeginArray();
    for (const bench::Suite& suite : spec.suites) WriteValue(writer, bench::SuiteToJson(suite));
    writer.EndArray();
  }
  writer.EndObject();
}

Spec ReadSpec(util::JsonReader& reader) {
  Spec spec;
  spec.instance_families = reader.Strings("instance_families");
  spec.instance_types = reader.Strings("instance_types");
  spec.benchmarks = reader.Strings("benchmarks");
  spec.regions = reader.Strings("regions");
  spec.sizes = reader.Strings("sizes");
  ReadField(reader, "max_daily_jobs", spec);
  ReadField(reader, "max_concurrent", spec);
  spec.benchmark_rotation = reader.Bool("benchmark_rotation");
  spec.instance_size_waves = reader.Bool("instance_size_waves");
  spec.enable_spot = reader.Bool("enable_spot");
  spec.start = reader.Time("start");
  ReadField(reader, "days", spec);
  if (!reader.IsNull("timezone")) {
    spec.timezone = reader.String("timezone");
    if (auto status = util::CheckTimeZone(*spec.timezone); !status) {
      util::JsonFailAt(reader.PathOf("timezone"), status.error().message);
    }
  } else {
    reader.Value("timezone");
  }
  if (!reader.IsNull("max_cost_usd")) {
    ReadField(reader, "max_cost_usd", spec);
  } else {
    reader.Value("max_cost_usd");
  }
  ReadField(reader, "iterations", spec);
  spec.seed = reader.UInt64("seed");
  spec.vcpu_quotas = ReadQuotas(reader.Value("vcpu_quotas"), reader.PathOf("vcpu_quotas"));
  // Both optional: plans written before the backend's account facts lack them.
  if (reader.Has("vcpu_quota_sources")) {
    spec.vcpu_quota_sources =
        ReadQuotaSources(reader.Value("vcpu_quota_sources"), reader.PathOf("vcpu_quota_sources"));
  }
  if (reader.Has("not_offered")) {
    spec.not_offered = ReadNotOffered(reader.Value("not_offered"), reader.PathOf("not_offered"));
  }
  ReadCostModel(reader.Object("cost"), spec);
  if (reader.Has("duration_corrections")) {
    util::JsonReader corrections = reader.Object("duration_corrections");
    for (const util::JsonMember& member : corrections.Members()) {
      util::JsonReader entry(*member.value, member.path);
      DurationCorrection& correction = spec.duration_corrections[member.key];
      correction.factor = entry.PositiveNumber("factor");
      correction.source = entry.NonEmptyString("source");
      correction.runs = entry.Int32("runs", 1, INT_MAX);
      entry.RejectUnknownKeys();
    }
  }
  if (reader.Has("suites")) {
    const nlohmann::json& suites = reader.Array("suites");
    for (size_t i = 0; i < suites.size(); ++i) {
      util::JsonReader suite(suites[i], util::JsonIndexPath(reader.PathOf("suites"), i));
      spec.suites.push_back(bench::ReadSuite(suite));
    }
  }
  reader.RejectUnknownKeys();
  return spec;
}

std::string WriteSpecJson(const Spec& spec) {
  JsonWriter writer;
  WriteSpec(writer, spec);
  return writer.Finish();
}

util::Expected<Spec> LoadSpecJson(std::string_view text, const std::string& origin) {
  return util::ReadJsonDocument<Spec>(text, origin, [](const nlohmann::json& document) {
    util::JsonReader reader(document, "");
    return ReadSpec(reader);
  });
}

}  // namespace plan
