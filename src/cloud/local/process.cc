#include "cloud/local/process.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

namespace cloud::local {
namespace {

struct ProcStat {
  char state = '?';
  int pgrp = 0;
  std::string start_ticks;
};

std::optional<ProcStat> ReadStat(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!in || !std::getline(in, line)) return std::nullopt;
  // The command name (field 2) may hold spaces and parentheses: fields resume after the
  // last ')'.
  size_t close = line.rfind(')');
  if (close == std::string::npos) return std::nullopt;
  std::istringstream fields(line.substr(close + 1));
  std::vector<std::string> words;
  for (std::string word; fields >> word;) words.push_back(word);
  if (words.size() < 20) return std::nullopt;
  ProcStat stat;
  stat.state = words[0].empty() ? '?' : words[0][0];
  stat.pgrp = std::atoi(words[2].c_str());
  stat.start_ticks = words[19];  // field 22
  return stat;
}

std::string BootId() {
  std::ifstream in("/proc/sys/kernel/random/boot_id");
  std::string id;
  std::getline(in, id);
  return id;
}

bool Dead(char state) { return state == 'Z' || state == 'X' || state == 'x'; }

// A live member of group `pgid` other than its leader. Called only when the number is
// still ours (a zombie leader with our start time) or held by no process: Linux does not
// hand out a pid number that is still some group's id, so such a group is the one we made.
bool GroupHasMembers(int pgid) {
  DIR* dir = opendir("/proc");
  if (dir == nullptr) return false;
  bool found = false;
  while (dirent* entry = readdir(dir)) {
    int pid = std::atoi(entry->d_name);
    if (pid <= 0 || pid == pgid) continue;
    auto stat = ReadStat(pid);
    if (stat && stat->pgrp == pgid && !Dead(stat->state)) {
      found = true;
      break;
    }
  }
  closedir(dir);
  return found;
}

util::Error SysError(const std::string& what) {
  return util::MakeError(util::ErrorClass::kIo, "local: " + what + ": " + std::strerror(errno));
}

void WriteStatusFile(const std::string& path, const std::string& temp, long long start,
                     long long end, int status) {
  int fd = open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return;
  dprintf(fd, "%lld %lld %d\n", start, end, status);
  fsync(fd);
  close(fd);
  rename(temp.c_str(), path.c_str());
}

// The supervisor: the forked child. It runs no code of the controller's beyond this
// function and leaves with _exit, so no destructor of the parent's objects runs twice.
[[noreturn]] void RunSupervisor(const SessionCommand& command,
                                std::vector<std::vector<char*>>& argvs,
                                const std::vector<std::string>& temps, int go_read, int go_write,
                                int lock) {
  setpgid(0, 0);
  close(go_write);
  signal(SIGINT, SIG_DFL);
  signal(SIGTERM, SIG_DFL);
  char go = 0;
  if (read(go_read, &go, 1) != 1) _exit(0);  // the controller died before recording us
  close(go_read);
  if (lock < 3) lock = fcntl(lock, F_DUPFD, 3);  // keep it clear of the standard streams
  fcntl(lock, F_SETFD, 0);  // the agents inherit the lock: held until the last one exits
  int null_fd = open("/dev/null", O_RDONLY);
  int log_fd = open(command.log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (null_fd >= 0) dup2(null_fd, 0);
  if (log_fd >= 0) {
    dup2(log_fd, 1);
    dup2(log_fd, 2);
  }
  if (lock > 3) close_range(3, static_cast<unsigned>(lock - 1), 0);
  close_range(static_cast<unsigned>(lock + 1), ~0U, 0);
  for (size_t i = 0; i < argvs.size(); ++i) {
    long long start = static_cast<long long>(std::time(nullptr));
    if (start >= command.real_deadline) break;  // failsafe, like shutdown -h +N on EC2
    pid_t pid = fork();
    if (pid == 0) {
      execv(argvs[i][0], argvs[i].data());
      dprintf(2, "local: cannot run %s: %s\n", argvs[i][0], std::strerror(errno));
      _exit(127);
    }
    int status = 0;
    while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    int code = pid < 0 ? 127 : WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    WriteStatusFile(command.status_files[i], temps[i], start,
                    static_cast<long long>(std::time(nullptr)), code);
  }
  _exit(0);
}

}  // namespace

ProcessId Identify(int pid) {
  auto stat = ReadStat(pid);
  if (!stat || Dead(stat->state)) return {};
  return ProcessId{pid, stat->start_ticks, BootId()};
}

int OpenMachineLock(const std::string& path) {
  std::filesystem::path folder = std::filesystem::path(path).parent_path();
  if (!folder.empty() && !std::filesystem::exists(folder)) {
    std::error_code ignored;  // a folder that cannot be made shows up as open's error
    std::filesystem::create_directories(folder.parent_path(), ignored);
    ::mkdir(folder.c_str(), 0700);  // ours alone: nobody else may replace the lock
  }
  // O_NOFOLLOW: a symlink planted at the lock's name is refused (ELOOP), never followed.
  return open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
}

util::Expected<ProcessId> PosixProcesses::Start(
    const SessionCommand& command, const std::function<util::Status(const ProcessId&)>& record) {
  int lock = OpenMachineLock(command.lock_path);
  if (lock < 0) return SysError("cannot open the machine lock '" + command.lock_path + "'");
  if (flock(lock, LOCK_EX | LOCK_NB) != 0) {
    bool busy = errno == EWOULDBLOCK;
    close(lock);
    if (!busy) return SysError("cannot lock '" + command.lock_path + "'");
    return util::MakeError(util::ErrorClass::kThrottling,
                           "local: another agent is running on this machine (lock '" +
                               command.lock_path +
                               "' is held); two would spoil each other's numbers",
                           "LocalAgentBusy");
  }
  // Everything the child needs is built before fork: it then only makes system calls.
  std::vector<std::vector<char*>> argvs;
  std::vector<std::string> temps;
  for (size_t i = 0; i < command.jobs.size(); ++i) {
    std::vector<char*> argv;
    for (const std::string& word : command.jobs[i]) argv.push_back(const_cast<char*>(word.c_str()));
    argv.push_back(nullptr);
    argvs.push_back(std::move(argv));
    temps.push_back(command.status_files[i] + ".tmp");
  }
  int go[2];
  if (pipe2(go, O_CLOEXEC) != 0) {
    close(lock);
    return SysError("pipe");
  }
  pid_t pid = fork();
  if (pid == 0) RunSupervisor(command, argvs, temps, go[0], go[1], lock);
  close(go[0]);
  close(lock);
  if (pid < 0) {
    close(go[1]);
    return SysError("fork");
  }
  setpgid(pid, pid);  // also here, so that kill(-pid) works from the first instant
  children_.insert(pid);
  ProcessId id = Identify(pid);
  util::Status recorded = id.pid != 0 ? record(id) : util::Status(SysError("cannot read /proc"));
  if (!recorded) {
    kill(pid, SIGKILL);
    close(go[1]);
    waitpid(pid, nullptr, 0);
    children_.erase(pid);
    return recorded.error();
  }
  char go_byte = 'g';
  ssize_t sent = write(go[1], &go_byte, 1);
  close(go[1]);
  if (sent != 1) return SysError("cannot release the supervisor");
  return id;
}

bool PosixProcesses::Alive(const ProcessId& id) {
  if (id.pid <= 0) return false;
  if (children_.count(id.pid)) {
    int status = 0;
    pid_t reaped = waitpid(id.pid, &status, WNOHANG);
    if (reaped == 0) return true;
    children_.erase(id.pid);
  }
  if (id.boot_id != BootId()) return false;  // the machine rebooted: nothing of ours runs
  auto stat = ReadStat(id.pid);
  if (stat && stat->start_ticks != id.start_ticks) return false;  // a recycled pid
  if (stat && !Dead(stat->state)) return true;
  return GroupHasMembers(id.pid);  // the leader is gone or a zombie: members may remain
}

void PosixProcesses::KillGroup(const ProcessId& id) {
  if (Alive(id)) kill(-id.pid, SIGKILL);
}

bool PosixProcesses::MachineBusy(const std::string& lock_path) {
  int fd = OpenMachineLock(lock_path);
  if (fd < 0) return false;
  bool busy = flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  if (!busy) flock(fd, LOCK_UN);
  close(fd);
  return busy;
}

}  // namespace cloud::local
