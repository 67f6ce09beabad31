// aws-benchmark-collector: dispatches to the command table. The one place that catches
// exceptions (fatal errors) and turns them into an exit status.

#include <exception>
#include <iostream>

#include "cli/dispatch.h"
#include "cli/exit_status.h"

int main(int argc, char** argv) {
  try {
    return cli::Dispatch(argc, argv);
  } catch (const std::exception& error) {
    std::cerr << "aws-benchmark-collector: fatal: " << error.what() << "\n";
    return cli::kExitFailure;
  }
}
