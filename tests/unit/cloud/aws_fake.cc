#include "aws_fake.h"

#include <algorithm>

#include "util/strings.h"

namespace cloud::aws::testing {
namespace {

int Hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::string Decode(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() + 0 && Hex(text[i + 1]) >= 0 &&
        Hex(text[i + 2]) >= 0) {
      out += static_cast<char>(Hex(text[i + 1]) * 16 + Hex(text[i + 2]));
      i += 2;
    } else {
      out += text[i] == '+' ? ' ' : text[i];
    }
  }
  return out;
}

std::map<std::string, std::string> Form(const std::string& text) {
  std::map<std::string, std::string> out;
  for (const auto& pair : util::Split(text, '&')) {
    auto eq = pair.find('=');
    if (eq == std::string::npos) continue;
    out[Decode(pair.substr(0, eq))] = Decode(pair.substr(eq + 1));
  }
  return out;
}

::aws::HttpResponse Ok(std::string body) { return {200, {}, std::move(body)}; }

::aws::HttpResponse Ec2Error(const std::string& code, long status) {
  return {status,
          {},
          "<?xml version=\"1.0\"?><Response><Errors><Error><Code>" + code +
              "</Code><Message>fake " + code +
              "</Message></Error></Errors><RequestID>r</RequestID>"
              "</Response>"};
}

::aws::HttpResponse IamError(const std::string& code, long status) {
  return {status,
          {},
          "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>Sender"
          "</Type><Code>" +
              code + "</Code><Message>fake " + code +
              "</Message></Error><RequestId>r</RequestId></ErrorResponse>"};
}

std::string RoleXml(const std::string& name) {
  return "<RoleName>" + name + "</RoleName><Path>/</Path><Arn>arn:aws:iam::123456789012:role/" +
         name + "</Arn>";
}

std::string ProfileXml(const std::string& action, const std::string& name,
                       const std::vector<std::string>& profile_roles) {
  std::string members;
  for (const auto& role : profile_roles) members += "<member>" + RoleXml(role) + "</member>";
  return "<" + action + "Response><" + action + "Result><InstanceProfile><InstanceProfileName>" +
         name + "</InstanceProfileName><Path>/</Path><Arn>arn:aws:iam::123456789012:" +
         "instance-profile/" + name + "</Arn><Roles>" + members + "</Roles></InstanceProfile></" +
         action + "Result></" + action + "Response>";
}

std::string InstanceXml(const FakeInstance& in) {
  std::string tags;
  for (const auto& [k, v] : in.tags) {
    tags += "<item><key>" + k + "</key><value>" + v + "</value></item>";
  }
  return "<item><instanceId>" + in.id + "</instanceId><instanceState><code>16</code><name>" +
         in.state + "</name></instanceState><instanceType>" + in.type +
         "</instanceType><launchTime>" + in.launch_time +
         "</launchTime><placement>"
         "<availabilityZone>" +
         in.zone + "</availabilityZone></placement>" +
         (in.spot ? "<instanceLifecycle>spot</instanceLifecycle>" : "") + "<clientToken>" +
         in.token + "</clientToken><tagSet>" + tags + "</tagSet></item>";
}

std::string TypeXml(const std::string& type, const std::string& arch, int vcpus) {
  return "<item><instanceType>" + type +
         "</instanceType><processorInfo><supportedArchitectures><item>" + arch +
         "</item></supportedArchitectures></processorInfo><vCpuInfo><defaultVCpus>" +
         std::to_string(vcpus) +
         "</defaultVCpus></vCpuInfo><memoryInfo><sizeInMiB>8192"
         "</sizeInMiB></memoryInfo></item>";
}

}  // namespace

std::vector<FakeCall> FakeAws::Calls(const std::string& operation) const {
  std::vector<FakeCall> out;
  for (const auto& call : calls) {
    if (call.operation == operation) out.push_back(call);
  }
  return out;
}

std::vector<std::string> FakeAws::Operations() const {
  std::vector<std::string> out;
  for (const auto& call : calls) out.push_back(call.operation);
  return out;
}

util::Expected<::aws::HttpResponse> FakeAws::Send(const ::aws::HttpRequest& request) {
  FakeCall call;
  std::string rest = request.url.substr(request.url.find("://") + 3);
  call.host = rest.substr(0, rest.find_first_of(":/"));
  call.url = request.url;
  call.body = request.body;
  std::string path = rest.substr(rest.find('/'));
  std::string query;
  if (auto q = path.find('?'); q != std::string::npos) {
    query = path.substr(q + 1);
    path = path.substr(0, q);
  }
  // Routed by content, so that one endpoint (--endpoint-url) serves every service: the
  // Query protocol posts a form with Action=, the JSON protocol names an X-Amz-Target.
  std::string target;
  for (const auto& h : request.headers) {
    if (h.name == "X-Amz-Target" || h.name == "x-amz-target") target = h.value;
  }
  if (!target.empty()) {
    call.operation = target.substr(target.find('.') + 1);
  } else if (request.method == "POST" && util::StartsWith(request.body, "Action=")) {
    call.params = Form(request.body);
    call.operation = call.params["Action"];
  } else {
    bool list = query.find("list-type=2") != std::string::npos;
    call.operation = "S3 " + std::string(list ? "LIST" : request.method);
  }
  calls.push_back(call);
  const auto& p = call.params;
  auto param = [&](const std::string& name) {
    auto found = p.find(name);
    return found == p.end() ? std::string() : found->second;
  };
  if (call.operation == "RunInstances") {
    if (run_error) return Ec2Error(*run_error, 500);
    for (const auto& in : instances) {
      if (in.token == param("ClientToken")) {
        return Ok("<RunInstancesResponse><instancesSet>" + InstanceXml(in) +
                  "</instancesSet></RunInstancesResponse>");
      }
    }
    FakeInstance in{"i-" + std::to_string(next_id++),
                    param("InstanceType"),
                    "",
                    "pending",
                    param("InstanceMarketOptions.MarketType") == "spot",
                    param("ClientToken"),
                    {}};
    instances.push_back(in);
    return Ok("<RunInstancesResponse><instancesSet>" + InstanceXml(in) +
              "</instancesSet></RunInstancesResponse>");
  }
  if (call.operation == "DescribeInstances") {
    std::vector<const FakeInstance*> match;
    for (const auto& in : instances) {
      bool ok = true;
      for (int f = 1; f <= 5; ++f) {
        std::string name = param("Filter." + std::to_string(f) + ".Name");
        if (name.empty()) break;
        std::vector<std::string> values;
        for (int v = 1;
             !param("Filter." + std::to_string(f) + ".Value." + std::to_string(v)).empty(); ++v) {
          values.push_back(param("Filter." + std::to_string(f) + ".Value." + std::to_string(v)));
        }
        if (name == "tag-key") {
          ok = ok && std::any_of(values.begin(), values.end(),
                                 [&](const std::string& k) { return in.tags.count(k) > 0; });
          continue;
        }
        std::string have = name == "instance-state-name" ? in.state
                           : util::StartsWith(name, "tag:") && in.tags.count(name.substr(4))
                               ? in.tags.at(name.substr(4))
                               : "";
        ok = ok && std::find(values.begin(), values.end(), have) != values.end();
      }
      std::string id = param("InstanceId.1");
      if (!id.empty() && id != in.id) ok = false;
      if (ok) match.push_back(&in);
    }
    size_t start = param("NextToken").empty() ? 0 : std::stoul(param("NextToken"));
    size_t end = std::min(match.size(), start + describe_page_size);
    std::string items;
    for (size_t i = start; i < end; ++i) items += InstanceXml(*match[i]);
    std::string next = end < match.size() ? std::to_string(end) : "";
    return Ok("<DescribeInstancesResponse><reservationSet><item><instancesSet>" + items +
              "</instancesSet></item></reservationSet><nextToken>" + next +
              "</nextToken></DescribeInstancesResponse>");
  }
  if (call.operation == "TerminateInstances") {
    std::string items;
    for (auto& in : instances) {
      bool listed = false;
      for (int n = 1; !param("InstanceId." + std::to_string(n)).empty(); ++n) {
        listed = listed || param("InstanceId." + std::to_string(n)) == in.id;
      }
      if (!listed) continue;
      in.state = "shutting-down";
      items += "<item><instanceId>" + in.id +
               "</instanceId><currentState><code>32</code><name>shutting-down</name>"
               "</currentState><previousState><code>16</code><name>running</name>"
               "</previousState></item>";
    }
    return Ok("<TerminateInstancesResponse><instancesSet>" + items +
              "</instancesSet></TerminateInstancesResponse>");
  }
  if (call.host == "iam.fake" ||
      (call.params.count("Version") && call.params.at("Version") == "2010-05-08")) {
    return Iam(call);
  }
  if (call.operation == "GetCallerIdentity") {
    return Ok(
        "<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:"
        "user/t</Arn><UserId>AIDA</UserId><Account>123456789012</Account>"
        "</GetCallerIdentityResult></GetCallerIdentityResponse>");
  }
  if (call.operation == "DescribeSubnets") {
    std::string items;
    for (int n = 1; !param("SubnetId." + std::to_string(n)).empty(); ++n) {
      std::string id = param("SubnetId." + std::to_string(n));
      auto zone = subnets.find(id);
      if (zone == subnets.end()) return Ec2Error("InvalidSubnetID.NotFound", 400);
      items += "<item><subnetId>" + id + "</subnetId><availabilityZone>" + zone->second +
               "</availabilityZone><state>available</state></item>";
    }
    return Ok("<DescribeSubnetsResponse><subnetSet>" + items +
              "</subnetSet></DescribeSubnetsResponse>");
  }
  if (call.operation == "DescribeSecurityGroups") {
    std::string items;
    for (int n = 1; !param("GroupId." + std::to_string(n)).empty(); ++n) {
      std::string id = param("GroupId." + std::to_string(n));
      if (!security_groups.count(id)) return Ec2Error("InvalidGroup.NotFound", 400);
      items += "<item><groupId>" + id + "</groupId><groupName>g</groupName></item>";
    }
    return Ok("<DescribeSecurityGroupsResponse><securityGroupInfo>" + items +
              "</securityGroupInfo></DescribeSecurityGroupsResponse>");
  }
  if (call.operation == "DescribeKeyPairs") {
    std::string name = param("KeyName.1");
    if (!key_pairs.count(name)) return Ec2Error("InvalidKeyPair.NotFound", 400);
    return Ok("<DescribeKeyPairsResponse><keySet><item><keyName>" + name +
              "</keyName><keyPairId>key-1</keyPairId></item></keySet></DescribeKeyPairsResponse>");
  }
  if (call.operation == "DescribeInstanceTypes") {
    const std::map<std::string, std::string> kTypes = {
        {"m7i.large", TypeXml("m7i.large", "x86_64", 2)},
        {"c7g.xlarge", TypeXml("c7g.xlarge", "arm64", 4)},
        {"x2iedn.xlarge", TypeXml("x2iedn.xlarge", "x86_64", 4)}};
    std::string items;
    for (int n = 1; !param("InstanceType." + std::to_string(n)).empty(); ++n) {
      auto found = kTypes.find(param("InstanceType." + std::to_string(n)));
      if (found != kTypes.end()) items += found->second;
    }
    return Ok("<DescribeInstanceTypesResponse><instanceTypeSet>" + items +
              "</instanceTypeSet><nextToken/></DescribeInstanceTypesResponse>");
  }
  if (call.operation == "DescribeInstanceTypeOfferings") {
    std::string items;
    for (int v = 1; !param("Filter.1.Value." + std::to_string(v)).empty(); ++v) {
      std::string type = param("Filter.1.Value." + std::to_string(v));
      if (!offered.count(type)) continue;
      items += "<item><instanceType>" + type +
               "</instanceType><locationType>region</locationType><location>us-east-1"
               "</location></item>";
    }
    return Ok("<DescribeInstanceTypeOfferingsResponse><instanceTypeOfferingSet>" + items +
              "</instanceTypeOfferingSet></DescribeInstanceTypeOfferingsResponse>");
  }
  if (call.operation == "DescribeImages") {
    return Ok("<DescribeImagesResponse><imagesSet><item><imageId>" + param("ImageId.1") +
              "</imageId><architecture>x86_64</architecture><rootDeviceName>/dev/xvda"
              "</rootDeviceName></item></imagesSet></DescribeImagesResponse>");
  }
  if (call.operation == "DescribeSpotPriceHistory") {
    auto item = [](const char* zone, const char* price, const char* at) {
      return std::string(
                 "<item><instanceType>m7i.large</instanceType><productDescription>"
                 "Linux/UNIX</productDescription><spotPrice>") +
             price + "</spotPrice><timestamp>" + at + "</timestamp><availabilityZone>" + zone +
             "</availabilityZone></item>";
    };
    return Ok("<DescribeSpotPriceHistoryResponse><spotPriceHistorySet>" +
              item("us-east-1a", "0.0300", "2026-01-01T00:00:00.000Z") +
              item("us-east-1a", "0.0417", "2026-01-01T02:00:00.000Z") +
              item("us-east-1b", "0.0999", "2026-01-01T03:00:00.000Z") +
              "</spotPriceHistorySet><nextToken/></DescribeSpotPriceHistoryResponse>");
  }
  if (call.operation == "GetParameter") {
    return Ok(
        R"({"Parameter": {"Name": "p", "Type": "String", "Value": "ami-0fromssm", "Version": 1}})");
  }
  if (call.operation == "GetServiceQuota") {
    return Ok(
        R"({"Quota": {"ServiceCode": "ec2", "QuotaCode": "L-1216C47A", "QuotaName": "q", "Value": )" +
        std::to_string(call.body.find("L-34B43A08") != std::string::npos ? spot_quota : quota) +
        "}}");
  }
  if (call.operation == "S3 LIST") {
    std::string prefix;
    for (const auto& pair : util::Split(query, '&')) {
      if (util::StartsWith(pair, "prefix=")) prefix = Decode(pair.substr(7));
    }
    std::string contents;
    for (const auto& [key, body] : objects) {
      if (!util::StartsWith(key, prefix)) continue;
      contents += "<Contents><Key>" + key + "</Key><Size>" + std::to_string(body.size()) +
                  "</Size></Contents>";
    }
    return Ok("<ListBucketResult><IsTruncated>false</IsTruncated>" + contents +
              "</ListBucketResult>");
  }
  if (call.operation == "S3 PUT") {
    auto slash = path.find('/', 1);
    std::string key = slash == std::string::npos ? "" : Decode(path.substr(slash + 1));
    if (query.find("lifecycle") != std::string::npos) {
      lifecycle = request.body;
    } else if (key.empty()) {
      buckets_created += 1;  // CreateBucket: PUT /bucket
    } else {
      objects[key] = request.body;
    }
    return Ok("");
  }
  if (call.operation == "S3 HEAD") {
    std::string key = Decode(path.substr(path.find('/', 1) + 1));
    if (!objects.count(key)) return ::aws::HttpResponse{404, {}, ""};
    return ::aws::HttpResponse{200, {{"etag", "\"e\""}, {"content-length", "1"}}, ""};
  }
  if (call.operation == "S3 GET") {
    std::string key = Decode(path.substr(path.find('/', 1) + 1));
    auto found = objects.find(key);
    if (found == objects.end()) {
      return ::aws::HttpResponse{
          404, {}, "<Error><Code>NoSuchKey</Code><Message>none</Message></Error>"};
    }
    return Ok(found->second);
  }
  return ::aws::HttpResponse{400,
                             {},
                             "<Response><Errors><Error><Code>FakeUnknown</Code>"
                             "<Message>" +
                                 call.operation + "</Message></Error></Errors></Response>"};
}

::aws::HttpResponse FakeAws::Iam(const FakeCall& call) {
  const std::string& action = call.operation;
  auto param = [&](const std::string& name) {
    auto found = call.params.find(name);
    return found == call.params.end() ? std::string() : found->second;
  };
  if (iam_denied.count(action)) return IamError("AccessDenied", 403);
  std::string role = param("RoleName");
  std::string profile = param("InstanceProfileName");
  auto meta = [&] {
    return Ok("<" + action +
              "Response><ResponseMetadata><RequestId>r</RequestId>"
              "</ResponseMetadata></" +
              action + "Response>");
  };
  if (action == "GetRole") {
    if (!roles.count(role)) return IamError("NoSuchEntity", 404);
    return Ok("<GetRoleResponse><GetRoleResult><Role>" + RoleXml(role) +
              "</Role></GetRoleResult></GetRoleResponse>");
  }
  if (action == "CreateRole") {
    bool existed = roles.count(role) > 0;
    roles[role];
    if (existed || iam_race) return IamError("EntityAlreadyExists", 409);
    return Ok("<CreateRoleResponse><CreateRoleResult><Role>" + RoleXml(role) +
              "</Role></CreateRoleResult></CreateRoleResponse>");
  }
  if (action == "PutRolePolicy") {
    if (!roles.count(role)) return IamError("NoSuchEntity", 404);
    roles[role][param("PolicyName")] = param("PolicyDocument");
    return meta();
  }
  if (action == "GetInstanceProfile") {
    auto found = instance_profiles.find(profile);
    if (found == instance_profiles.end()) return IamError("NoSuchEntity", 404);
    return Ok(ProfileXml(action, profile, found->second));
  }
  if (action == "CreateInstanceProfile") {
    bool existed = instance_profiles.count(profile) > 0;
    if (iam_race && !existed) instance_profiles[profile] = {profile};  // the other run's, whole
    if (existed || iam_race) return IamError("EntityAlreadyExists", 409);
    instance_profiles[profile];
    return Ok(ProfileXml(action, profile, {}));
  }
  if (action == "AddRoleToInstanceProfile") {
    auto found = instance_profiles.find(profile);
    if (found == instance_profiles.end() || !roles.count(role)) {
      return IamError("NoSuchEntity", 404);
    }
    if (!found->second.empty()) return IamError("LimitExceeded", 409);
    found->second.push_back(role);
    return meta();
  }
  return IamError("InvalidAction", 400);
}

util::Expected<::aws::Caller> FakeServices::For(::aws::Service service, const std::string& region) {
  const char* host = service == ::aws::Service::kEc2             ? "ec2.fake"
                     : service == ::aws::Service::kS3            ? "s3.fake"
                     : service == ::aws::Service::kSsm           ? "ssm.fake"
                     : service == ::aws::Service::kServiceQuotas ? "quotas.fake"
                     : service == ::aws::Service::kIam           ? "iam.fake"
                                                                 : "other.fake";
  auto endpoint = ::aws::ParseEndpoint(std::string("http://") + host, "test");
  if (!endpoint) return endpoint.error();
  ::aws::Caller caller;
  caller.http = fake_;
  caller.credentials = &credentials_;
  caller.endpoint = {*endpoint, region, std::string(::aws::InfoOf(service).signing_name),
                     configured_endpoints};
  util::TimePoint now = now_;
  caller.now = [now] { return now; };
  return caller;
}

}  // namespace cloud::aws::testing
