#pragma once

namespace cli {
// Finds the command named by the leading words of argv and runs it.
int Dispatch(int argc, char** argv);
}  // namespace cli
