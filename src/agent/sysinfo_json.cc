#include <nlohmann/json.hpp>

#include "agent/sysinfo.h"

namespace agent {

nlohmann::json ToJson(const SysInfo& info) {
  nlohmann::json caches = nlohmann::json::array();
  for (const CacheInfo& c : info.caches) {
    caches.push_back({{"level", c.level},
                      {"type", c.type},
                      {"size_bytes", c.size_bytes},
                      {"line_bytes", c.line_bytes},
                      {"ways", c.ways},
                      {"sets", c.sets},
                      {"cpus_sharing", c.cpus_sharing},
                      {"instances", c.instances}});
  }
  nlohmann::json nodes = nlohmann::json::array();
  for (const NumaNode& n : info.numa_nodes) {
    nodes.push_back({{"id", n.id}, {"memory_bytes", n.memory_bytes}, {"cpus", n.cpus}});
  }
  const Hypervisor& h = info.hypervisor;
  const InstanceIdentity& id = info.instance;
  nlohmann::json instance = {{"status", id.status}};
  if (!id.reason.empty()) instance["reason"] = id.reason;
  if (id.status == "ok") {
    instance.update({{"instance_id", id.instance_id},
                     {"instance_type", id.instance_type},
                     {"region", id.region},
                     {"availability_zone", id.availability_zone},
                     {"lifecycle", id.lifecycle}});
  }
  return {
      {"arch", info.arch},
      {"cpu",
       {{"vendor", info.vendor},
        {"model_name", info.model_name},
        {"family", info.family},
        {"model", info.model},
        {"stepping", info.stepping},
        {"midr", info.midr},
        {"microarchitecture", info.microarchitecture},
        {"isa_features", info.isa_features},
        {"sve_vector_bits", info.sve_vector_bits}}},
      {"topology",
       {{"logical_cpus", info.logical_cpus},
        {"cores", info.cores},
        {"threads_per_core", info.threads_per_core},
        {"sockets", info.sockets}}},
      {"caches", caches},
      {"numa_nodes", nodes},
      {"memory",
       {{"total_bytes", info.memory_total_bytes},
        {"available_bytes", info.memory_available_bytes}}},
      {"transparent_hugepages", {{"enabled", info.thp_enabled}, {"defrag", info.thp_defrag}}},
      {"kernel", info.kernel},
      {"hypervisor",
       {{"vendor", h.vendor},
        {"source", h.source},
        {"emulated", h.emulated},
        {"emulator", h.emulator},
        {"dmi_sys_vendor", h.dmi_sys_vendor},
        {"dmi_product_name", h.dmi_product_name}}},
      {"build",
       {{"compiler", info.build.compiler},
        {"flags", info.build.flags},
        {"build_type", info.build.build_type},
        {"target_arch", info.build.target_arch}}},
      {"instance", instance},
  };
}

}  // namespace agent
