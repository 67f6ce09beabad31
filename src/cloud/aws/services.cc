#include "cloud/aws/services.h"

namespace cloud::aws {

util::Expected<std::unique_ptr<RealServices>> RealServices::Create(const std::string& profile,
                                                                   const std::string& endpoint_url,
                                                                   ::aws::ThrottleRetry throttle) {
  std::unique_ptr<RealServices> services(new RealServices());
  services->throttle_ = std::move(throttle);
  services->environment_ = ::aws::ProcessEnvironment();
  services->endpoint_url_ = endpoint_url;
  services->http_ =
      ::aws::MakeCurlHttpClient(::aws::HttpOptionsFromEnvironment(services->environment_));
  ::aws::CredentialOptions options;
  if (!profile.empty()) options.profile = profile;
  options.environment = services->environment_;
  options.http = services->http_.get();
  options.now = ::aws::SystemClock();
  auto chain = ::aws::CredentialChain::Create(std::move(options));
  if (!chain) return util::InvalidInput("aws: " + chain.error().message);
  services->credentials_ = std::move(*chain);
  return services;
}

util::Expected<::aws::Caller> RealServices::For(::aws::Service service, const std::string& region) {
  ::aws::Settings settings;
  settings.region = region;
  if (!endpoint_url_.empty()) settings.endpoint_url = endpoint_url_;
  settings.profile = credentials_->profile();
  settings.files = &credentials_->files();
  settings.environment = environment_;
  auto endpoint = ::aws::ResolveEndpoint(service, region, settings);
  if (!endpoint) return endpoint.error();
  ::aws::Caller caller;
  caller.http = http_.get();
  caller.credentials = credentials_.get();
  caller.endpoint = *endpoint;
  caller.now = ::aws::SystemClock();
  caller.throttle = throttle_;
  return caller;
}

util::TimePoint RealServices::Now() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace cloud::aws
