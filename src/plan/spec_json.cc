#include "plan/spec_json.h"

#include <algorithm>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "plan/json_reader.h"
#include "plan/json_writer.h"
#include "util/strings.h"

namespace plan {
namespace {

std::string QuotaKeyText(const QuotaKey& key) {
  return key.quota_class + ":" + ToString(key.market);
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

CostModel ReadCostModel(ObjectReader reader) {
  CostModel cost;
  cost.spot_price_ratio = reader.Number("spot_price_ratio", 0, 1);
  cost.root_volume_gib = reader.Number("root_volume_gib", 0, 65536);
  cost.public_ipv4 = reader.Bool("public_ipv4");
  cost.boot_overhead_s = reader.Int("boot_overhead_s", 0, 86400);
  cost.minimum_billing_s = reader.Int("minimum_billing_s", 0, 86400);
  cost.max_session_s = reader.Int("max_session_s", 1, 7 * 86400);
  reader.RejectUnknownKeys();
  return cost;
}

std::map<QuotaKey, int> ReadQuotas(const nlohmann::json& value, const std::string& path) {
  if (!value.is_object()) FailAt(path, "must be an object {\"CLASS:MARKET\": vCPUs}");
  std::map<QuotaKey, int> quotas;
  for (const auto& item : value.items()) {
    std::string where = path + "." + item.key();
    auto colon = item.key().rfind(':');
    std::string market = colon == std::string::npos ? "" : item.key().substr(colon + 1);
    if (colon == 0 || colon == std::string::npos || (market != "on-demand" && market != "spot")) {
      FailAt(where, "key must be CLASS:MARKET with MARKET on-demand or spot (e.g. standard:spot)");
    }
    const nlohmann::json& number = item.value();
    if (!number.is_number_integer() || number.get<int64_t>() < 0 ||
        number.get<int64_t>() > INT_MAX) {
      FailAt(where, "must be an integer number of vCPUs >= 0");
    }
    QuotaKey key{item.key().substr(0, colon), market == "spot" ? Market::kSpot : Market::kOnDemand};
    quotas[key] = static_cast<int>(number.get<int64_t>());
  }
  return quotas;
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
    writer.Key(QuotaKeyText(key));
    writer.Int(vcpus);
  }
  writer.EndObject();
  writer.Key("cost");
  WriteCostModel(writer, spec.cost);
  writer.EndObject();
}

Spec ReadSpec(ObjectReader& reader) {
  Spec spec;
  spec.instance_families = reader.Strings("instance_families");
  spec.instance_types = reader.Strings("instance_types");
  spec.benchmarks = reader.Strings("benchmarks");
  spec.regions = reader.Strings("regions");
  spec.sizes = reader.Strings("sizes");
  spec.max_daily_jobs = reader.Int32("max_daily_jobs", 1, INT_MAX);
  spec.max_concurrent = reader.Int32("max_concurrent", 1, INT_MAX);
  spec.benchmark_rotation = reader.Bool("benchmark_rotation");
  spec.instance_size_waves = reader.Bool("instance_size_waves");
  spec.enable_spot = reader.Bool("enable_spot");
  spec.start = reader.Time("start");
  spec.days = reader.Int32("days", 1, 3660);
  if (!reader.IsNull("timezone")) {
    spec.timezone = reader.String("timezone");
    if (auto status = util::CheckTimeZone(*spec.timezone); !status) {
      FailAt(reader.PathOf("timezone"), status.error().message);
    }
  } else {
    reader.Value("timezone");
  }
  if (!reader.IsNull("max_cost_usd")) {
    spec.max_cost_usd = reader.Number("max_cost_usd", 0, kMaxUsd);
  } else {
    reader.Value("max_cost_usd");
  }
  spec.iterations = reader.Int32("iterations", 1, 1000000);
  spec.seed = reader.UInt64("seed");
  spec.vcpu_quotas = ReadQuotas(reader.Value("vcpu_quotas"), reader.PathOf("vcpu_quotas"));
  spec.cost = ReadCostModel(reader.Object("cost"));
  reader.RejectUnknownKeys();
  return spec;
}

std::string WriteSpecJson(const Spec& spec) {
  JsonWriter writer;
  WriteSpec(writer, spec);
  return writer.Finish();
}

util::Expected<Spec> LoadSpecJson(std::string_view text, const std::string& origin) {
  return ReadDocument<Spec>(text, origin, [](const nlohmann::json& document) {
    ObjectReader reader(document, "");
    return ReadSpec(reader);
  });
}

}  // namespace plan
