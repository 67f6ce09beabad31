#include "agent/stream/variants.h"

#include "agent/stream/kernels.h"
#include "agent/stream/stream_run.h"
#include "agent/stream/sweeps.h"

namespace agent::stream {
namespace {

// stream and its explicit-ISA twins: the same driver with another kernel set.
class StreamVariant final : public BasicVariant {
 public:
  StreamVariant(std::string name, std::string description, const KernelSet* kernels,
                std::string isa_name)
      : BasicVariant(std::move(name), std::move(description)),
        kernels_(kernels),
        isa_name_(std::move(isa_name)) {}

  // The ISA requirement is the shared table's (agent/hardware.h, CheckApplies); what is
  // left is whether this build holds the kernels at all.
  Applicability Applies(const SysInfo& info, const Capabilities&) const override {
    if (kernels_ == nullptr) {
      return Applicability::Hardware(isa_name_ + " kernels are not part of an " +
                                     info.build.target_arch +
                                     " build (they exist for another architecture)");
    }
    return Applicability::Yes();
  }

  BenchmarkResult Run(const RunContext& ctx) const override {
    // The capabilities may be a test's fake; the CPU itself decides whether an explicit
    // kernel may execute, so that it never meets an illegal instruction.
    std::string feature = kernels_ == nullptr ? "" : kernels_->isa_feature;
    if (kernels_ == nullptr || (!feature.empty() && !ctx.info->HasFeature(feature))) {
      return MakeResult(*this, RunStatus::kSkipped, "the CPU does not have " + isa_name_);
    }
    return RunStreamVariant(*this, *kernels_, ctx);
  }

 private:
  const KernelSet* kernels_;
  std::string isa_name_;
};

}  // namespace

void AddVariants(VariantList& list) {
  list.push_back(std::make_unique<StreamVariant>(
      "stream",
      "STREAM copy, scale, add, triad on all cores; arrays >= 4x LLC; best of NTIMES; validated",
      &PortableKernels(), "portable"));
  list.push_back(MakeNumaVariant());
  list.push_back(MakeCacheVariant());
  list.push_back(MakePrefetchVariant());
  list.push_back(std::make_unique<StreamVariant>(
      "stream-avx512", "STREAM with explicit 512-bit AVX-512 kernels and non-temporal stores",
      Avx512Kernels(), "AVX-512"));
  list.push_back(std::make_unique<StreamVariant>(
      "stream-avx2", "STREAM with explicit 256-bit AVX2 kernels and non-temporal stores",
      Avx2Kernels(), "AVX2"));
  list.push_back(std::make_unique<StreamVariant>(
      "stream-neon",
      "STREAM with explicit 128-bit NEON kernels and non-temporal pair stores (STNP)",
      NeonKernels(), "NEON"));
}

}  // namespace agent::stream
