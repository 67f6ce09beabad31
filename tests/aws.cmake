# Tests of src/aws (docs/aws.md). The tests that compare with botocore run Debian's
# python3-botocore through the system interpreter (/usr/bin/python3), not whatever python3
# is first on PATH; without it they fail and say so (scripts/setup.sh installs it).
find_program(ABC_SYSTEM_PYTHON3 python3 PATHS /usr/bin NO_DEFAULT_PATH)
abc_add_test(aws_test PREFIX aws.
  SOURCES unit/aws/loopback_server.cc unit/aws/sigv4_test.cc unit/aws/http_test.cc
          unit/aws/errors_test.cc unit/aws/config_test.cc
          unit/aws/credentials_test.cc unit/aws/retry_test.cc
  LIBS abc_aws)
abc_add_test(aws_clients_test PREFIX aws.
  SOURCES unit/aws/loopback_server.cc unit/aws/ec2_test.cc unit/aws/s3_json_test.cc
          unit/aws/iam_test.cc
  LIBS abc_aws nlohmann_json::nlohmann_json)
abc_add_test(aws_sigv4_differential_test PREFIX aws.
  SOURCES unit/aws/sigv4_differential_test.cc
  LIBS abc_aws nlohmann_json::nlohmann_json)
foreach(test aws_clients_test aws_sigv4_differential_test)
  target_compile_definitions(${test} PRIVATE ABC_SYSTEM_PYTHON3="${ABC_SYSTEM_PYTHON3}")
endforeach()
# The aws backend (src/cloud/aws) against an in-process fake of the AWS calls.
abc_add_test(aws_backend_test PREFIX aws.
  SOURCES unit/cloud/aws_fake.cc unit/cloud/aws_cloud_test.cc unit/cloud/aws_user_data_test.cc
          unit/cloud/aws_agent_profile_test.cc
          unit/cloud/aws_backend_test.cc unit/cloud/aws_iam_policy_test.cc
          unit/cloud/aws_cost_test.cc unit/cloud/aws_cleanup_test.cc unit/aws/loopback_server.cc
  LIBS abc_cloud_aws abc_cloud_registry)
