# Tests of src/aws (docs/aws.md). The differential SigV4 test runs Debian's python3-botocore
# through the system interpreter (/usr/bin/python3), not whatever python3 is first on PATH.
find_program(ABC_SYSTEM_PYTHON3 python3 PATHS /usr/bin NO_DEFAULT_PATH)
abc_add_test(aws_test
  SOURCES unit/aws/loopback_server.cc unit/aws/sigv4_test.cc unit/aws/http_test.cc
          unit/aws/errors_test.cc unit/aws/config_test.cc
          unit/aws/credentials_test.cc
  LIBS abc_aws)
if(ABC_SYSTEM_PYTHON3)
  # The EC2 client's tests compare our request parameters with botocore's serializer.
  abc_add_test(aws_clients_test
    SOURCES unit/aws/loopback_server.cc unit/aws/ec2_test.cc unit/aws/s3_json_test.cc
    LIBS abc_aws nlohmann_json::nlohmann_json)
  target_compile_definitions(aws_clients_test PRIVATE ABC_SYSTEM_PYTHON3="${ABC_SYSTEM_PYTHON3}")
  abc_add_test(aws_sigv4_differential_test
    SOURCES unit/aws/sigv4_differential_test.cc
    LIBS abc_aws nlohmann_json::nlohmann_json)
  target_compile_definitions(aws_sigv4_differential_test PRIVATE
    ABC_SYSTEM_PYTHON3="${ABC_SYSTEM_PYTHON3}")
endif()
