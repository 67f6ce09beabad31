#pragma once
// The aws backend (issue 10): real EC2 campaigns. Its flags, its settings in backend_config
// (cloud/aws/aws_setup.h) and its state beside the journal (FILE.aws: a marker that the
// campaign's bucket and agents are in place; the cloud's own state lives in AWS, found
// again by tag).

#include "cloud/backend.h"

namespace cloud::aws {

Backend AwsBackend();

}  // namespace cloud::aws
