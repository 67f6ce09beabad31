#pragma once
// Custom suites on EC2 (docs/custom-suites.md): each suite of a launch (its suite.json and
// the files it names) goes to the bucket once, keyed by content under the campaign's prefix,
// and the instance fetches them as its user-data lists them (by key, or by presigned GET
// with --presigned-urls).

#include <functional>
#include <string>

#include "aws/request.h"
#include "aws/s3.h"
#include "cloud/aws/user_data.h"
#include "cloud/provider.h"
#include "util/expected.h"

namespace cloud::aws {

// How the user-data names an object for one method (user_data.h's ObjectRef): its key, or a
// presigned URL.
using RefFor = std::function<util::Expected<ObjectRef>(const std::string& key,
                                                       ::aws::s3::PresignMethod method)>;

// Uploads what the bucket lacks (HeadObject first) and adds each file, with its sha256 and
// reference for GET, and each suite.json path to `input`.
util::Status ShipSuites(const ::aws::Caller& s3, const ::aws::s3::Location& where,
                        const LaunchRequest& request, const RefFor& ref_for, UserDataInput& input);

}  // namespace cloud::aws
