#include "agent/custom/command.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>

#include "util/strings.h"

namespace agent::custom {
namespace {

constexpr size_t kErrTailBytes = 2048;

double Seconds() {
  using Clock = std::chrono::steady_clock;
  return std::chrono::duration<double>(Clock::now().time_since_epoch()).count();
}

bool Executable(const std::string& path) {
  return !path.empty() && access(path.c_str(), X_OK) == 0;
}

// In the child: never returns. Reports exec's errno through `report` (close-on-exec, so a
// successful exec closes it with nothing written). Only async-signal-safe calls: the agent
// may have threads, so nothing here allocates (`args` was built before fork).
[[noreturn]] void Child(char* const* args, const char* folder, int out_fd, int err_fd, int report) {
  setpgid(0, 0);
  dup2(out_fd, STDOUT_FILENO);
  dup2(err_fd, STDERR_FILENO);
  int null_fd = open("/dev/null", O_RDONLY);
  if (null_fd >= 0) dup2(null_fd, STDIN_FILENO);
  int error = 0;
  if (folder[0] != '\0' && chdir(folder) != 0) error = errno;
  if (error == 0) {
    execvp(args[0], args);
    error = errno;
  }
  (void)!write(report, &error, sizeof error);
  _exit(127);
}

// Reads what is ready on `fd` into `into` (bounded); false at end of file.
bool Drain(int fd, std::string& into, size_t limit, bool keep_tail) {
  char buffer[65536];
  ssize_t got = read(fd, buffer, sizeof buffer);
  if (got < 0) return errno == EINTR || errno == EAGAIN;
  if (got == 0) return false;
  into.append(buffer, static_cast<size_t>(got));
  if (into.size() > limit) {
    if (keep_tail)
      into.erase(0, into.size() - limit);
    else
      into.resize(limit);
  }
  return true;
}

}  // namespace

std::string FindProgram(const std::string& program, const std::string& folder) {
  if (program.find('/') != std::string::npos) {
    std::string path = program.front() == '/' || folder.empty() ? program : folder + "/" + program;
    return Executable(path) ? path : std::string();
  }
  const char* path = std::getenv("PATH");
  for (const std::string& dir : util::Split(path == nullptr ? "/usr/bin:/bin" : path, ':')) {
    std::string candidate = (dir.empty() ? std::string(".") : dir) + "/" + program;
    if (Executable(candidate)) return candidate;
  }
  return {};
}

CommandOutcome RunCommand(const std::vector<std::string>& argv, const std::string& folder,
                          double timeout_s, const std::atomic<bool>* cancel) {
  CommandOutcome outcome;
  int out_pipe[2], err_pipe[2], report[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0 ||
      pipe2(report, O_CLOEXEC) != 0) {
    outcome.error = std::string("pipe: ") + std::strerror(errno);
    return outcome;
  }
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  double start = Seconds();
  pid_t pid = fork();
  if (pid == 0) Child(args.data(), folder.c_str(), out_pipe[1], err_pipe[1], report[1]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  close(report[1]);
  if (pid < 0) {
    outcome.error = std::string("fork: ") + std::strerror(errno);
    close(out_pipe[0]);
    close(err_pipe[0]);
    close(report[0]);
    return outcome;
  }
  setpgid(pid, pid);  // also in the parent, so the kill below cannot miss the group
  int exec_error = 0;
  ssize_t reported = read(report[0], &exec_error, sizeof exec_error);
  close(report[0]);
  bool out_open = true, err_open = true, killed = false;
  while (out_open || err_open) {
    bool cancelled = cancel != nullptr && cancel->load();
    bool late = Seconds() - start > timeout_s;
    if ((cancelled || late) && !killed) {
      kill(-pid, SIGKILL);
      killed = true;
      outcome.end = cancelled ? CommandEnd::kCancelled : CommandEnd::kTimedOut;
    }
    pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
    if (!out_open) fds[0].fd = -1;
    if (!err_open) fds[1].fd = -1;
    if (poll(fds, 2, 100) < 0 && errno != EINTR) break;
    if (out_open && (fds[0].revents & (POLLIN | POLLHUP | POLLERR)))
      out_open = Drain(out_pipe[0], outcome.out, kMaxCapturedBytes, false);
    if (err_open && (fds[1].revents & (POLLIN | POLLHUP | POLLERR)))
      err_open = Drain(err_pipe[0], outcome.err, kErrTailBytes, true);
  }
  close(out_pipe[0]);
  close(err_pipe[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  outcome.seconds = Seconds() - start;
  if (reported == static_cast<ssize_t>(sizeof exec_error)) {
    outcome.end = CommandEnd::kNotStarted;
    outcome.error = std::strerror(exec_error);
  } else if (!killed) {
    outcome.end = WIFEXITED(status) ? CommandEnd::kExited : CommandEnd::kSignalled;
    outcome.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status);
  }
  return outcome;
}

}  // namespace agent::custom
