// The local backend against real processes: the real agent for results, and small shell
// scripts standing in for an agent where a test needs a job that sleeps, fails or forks.

#include <gtest/gtest.h>

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "agent/result_schema.h"
#include "cloud/local/local_cloud.h"
#include "store/sqlite.h"

namespace cloud::local {
namespace {

using std::chrono::seconds;

// Live (non-zombie) processes whose process group is `pgid`, read from /proc here rather
// than through the code under test.
int LiveInGroup(int pgid) {
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    std::string name = entry.path().filename();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream in(entry.path() / "stat");
    std::string line;
    if (!std::getline(in, line)) continue;
    std::istringstream fields(line.substr(line.rfind(')') + 2));
    std::string state, ppid, group;
    fields >> state >> ppid >> group;
    if (group == std::to_string(pgid) && state != "Z" && state != "X") ++count;
  }
  return count;
}

class LocalCloudTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/abc-local-test-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    if (stranger_ > 0) {
      ::kill(stranger_, SIGKILL);
      ::waitpid(stranger_, nullptr, 0);
    }
    while (::waitpid(-1, nullptr, WNOHANG) > 0) {
    }
    std::filesystem::remove_all(dir_);
  }

  std::string Script(const std::string& name, const std::string& body) {
    std::string path = dir_ + "/" + name;
    std::ofstream(path) << "#!/bin/sh\n" << body << "\n";
    ::chmod(path.c_str(), 0755);
    return path;
  }

  LocalSetup Setup(const std::string& agent) {
    LocalSetup setup;
    setup.agent = agent;
    setup.quick = true;
    setup.lock_path = dir_ + "/machine.lock";
    setup.start = 1'900'000'000;  // campaign time far from the real clock on purpose
    return setup;
  }

  std::unique_ptr<LocalCloud> Make(const std::string& agent) {
    setup_ = Setup(agent);
    auto cloud =
        LocalCloud::Create(dir_ + "/c.db.local", setup_, std::make_unique<PosixProcesses>());
    EXPECT_TRUE(cloud) << (cloud ? "" : cloud.error().message);
    return cloud ? std::move(*cloud) : nullptr;
  }

  std::unique_ptr<LocalCloud> Reopen() {
    // The settings come from the campaign's backend_config, not from the state folder.
    auto cloud = LocalCloud::Open(dir_ + "/c.db.local", setup_, std::make_unique<PosixProcesses>());
    EXPECT_TRUE(cloud) << (cloud ? "" : cloud.error().message);
    return cloud ? std::move(*cloud) : nullptr;
  }

  LocalSetup setup_;

  static LaunchRequest Request(LocalCloud& cloud, const std::string& token,
                               std::vector<JobSpec> jobs) {
    LaunchRequest r;
    r.campaign = "c1";
    r.session = "s/1";
    r.attempt = 1;
    r.region = "us-east-1";
    r.instance_type = "m7i.large";
    r.market = "spot";
    r.zone = "local";
    r.client_token = token;
    r.tags = {{"abc:campaign", "c1"}};
    r.payload = std::move(jobs);
    r.deadline = util::TimePoint(seconds(cloud.Now() + 3600));
    return r;
  }

  static InstanceState StateOf(LocalCloud& cloud, const std::string& id) {
    auto described = cloud.Describe("us-east-1", {id});
    EXPECT_TRUE(described && described->size() == 1);
    return described && described->size() == 1 ? described->front().state : InstanceState::kStopped;
  }

  static bool WaitTerminated(LocalCloud& cloud, const std::string& id, int limit_s) {
    auto until = std::chrono::steady_clock::now() + seconds(limit_s);
    while (std::chrono::steady_clock::now() < until) {
      if (StateOf(cloud, id) == InstanceState::kTerminated) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }

  std::string dir_;
  pid_t stranger_ = 0;  // a process of the test's own, killed in TearDown
};

TEST_F(LocalCloudTest, RunsTheRealAgentAndFetchesValidatedResults) {
  auto cloud = Make(ABC_AGENT_BIN);
  ASSERT_TRUE(cloud);
  auto id = cloud->Launch(
      Request(*cloud, "t1", {{"s/1/hpl-branch", "hpl-branch", 60}, {"s/1/stream", "stream", 60}}));
  ASSERT_TRUE(id) << id.error().message;
  ASSERT_TRUE(WaitTerminated(*cloud, *id, 120));
  auto docs = cloud->FetchResults("c1", "s/1", 1, {});
  ASSERT_TRUE(docs);
  ASSERT_EQ(docs->size(), 2u);
  const char* expected_jobs[] = {"s/1/hpl-branch", "s/1/stream"};
  for (size_t i = 0; i < 2; ++i) {
    const ResultDoc& doc = (*docs)[i];
    EXPECT_EQ(doc.job, expected_jobs[i]);
    EXPECT_EQ(doc.status, "ok") << doc.reason;
    auto parsed = agent::ParseResultDocument(doc.json);  // still valid after our additions
    ASSERT_TRUE(parsed) << parsed.error().message;
    const auto& metadata = (*parsed)["metadata"];
    EXPECT_EQ(metadata["instance_type"], "local");
    EXPECT_EQ(metadata["planned_instance_type"], "m7i.large");
    EXPECT_EQ(metadata["job_id"], expected_jobs[i]);
    EXPECT_EQ(metadata["quick"], true);
    // One job is one variant: "stream" is the base variant here, not the stream family.
    const char* expected_variants[] = {"hpl-branch", "stream"};
    ASSERT_EQ((*parsed)["benchmarks"].size(), 1u);
    EXPECT_EQ((*parsed)["benchmarks"][0]["name"], expected_variants[i]);
    EXPECT_FALSE(metadata.contains("market"));  // nothing was bought on a market here
    // Journal times are campaign times (the real ones stay in the document).
    EXPECT_LE(doc.started_at, doc.ended_at);
    EXPECT_GE(doc.started_at.time_since_epoch().count(), 1'900'000'000);
  }
  EXPECT_LE((*docs)[0].ended_at, (*docs)[1].started_at);  // in order, one after the other
  auto again = cloud->FetchResults("c1", "s/1", 1, {"s/1/hpl-branch"});
  ASSERT_TRUE(again);
  ASSERT_EQ(again->size(), 1u);
  EXPECT_EQ(again->front().job, "s/1/stream");
}

TEST_F(LocalCloudTest, SameTokenIsOneInstanceAndASecondAgentWaits) {
  auto cloud = Make(Script("sleepy", "exec sleep 30"));
  ASSERT_TRUE(cloud);
  auto first = cloud->Launch(Request(*cloud, "t1", {{"j1", "stream", 60}}));
  auto second = cloud->Launch(Request(*cloud, "t1", {{"j1", "stream", 60}}));
  ASSERT_TRUE(first && second);
  EXPECT_EQ(*first, *second);
  LaunchRequest other = Request(*cloud, "t1", {{"j1", "stream", 60}});
  other.instance_type = "c7g.large";
  auto mismatch = cloud->Launch(other);
  ASSERT_FALSE(mismatch);
  EXPECT_EQ(mismatch.error().code, "IdempotentParameterMismatch");
  auto busy = cloud->Launch(Request(*cloud, "t2", {{"j2", "stream", 60}}));
  ASSERT_FALSE(busy);
  EXPECT_EQ(busy.error().error_class, util::ErrorClass::kThrottling);
  EXPECT_EQ(busy.error().code, "LocalAgentBusy");
  auto tagged = cloud->DescribeByTag("us-east-1", "abc:campaign", "c1");
  ASSERT_TRUE(tagged);
  EXPECT_EQ(tagged->size(), 1u);
  EXPECT_EQ(StateOf(*cloud, *first), InstanceState::kRunning);
  ASSERT_TRUE(cloud->Terminate("us-east-1", {*first}));
  EXPECT_TRUE(WaitTerminated(*cloud, *first, 10));
}

TEST_F(LocalCloudTest, TerminateKillsTheWholeProcessGroup) {
  // The job leaves a grandchild behind: killing the supervisor alone would leak it.
  auto cloud = Make(Script("forky", "sleep 60 &\nsleep 60 &\nwait"));
  ASSERT_TRUE(cloud);
  auto id = cloud->Launch(Request(*cloud, "t1", {{"j1", "stream", 60}}));
  ASSERT_TRUE(id);
  auto info = cloud->DescribeByTag("us-east-1", "abc:campaign", "c1");
  ASSERT_TRUE(info && info->size() == 1);
  // The supervisor's pid is its group id; wait until the script has started its sleeps.
  auto db =
      store::Database::Open(dir_ + "/c.db.local/state.db", store::Database::Mode::kOpenExisting);
  ASSERT_TRUE(db);
  auto s = db->Prepare("SELECT pid FROM instance");
  ASSERT_TRUE(s && *s->Step());
  int pgid = static_cast<int>(s->Int(0));
  for (int i = 0; i < 100 && LiveInGroup(pgid) < 4; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_GE(LiveInGroup(pgid), 4);  // supervisor, sh, two sleeps
  ASSERT_TRUE(cloud->Terminate("us-east-1", {*id}));
  EXPECT_NE(StateOf(*cloud, *id), InstanceState::kRunning);
  ASSERT_TRUE(WaitTerminated(*cloud, *id, 10));
  for (int i = 0; i < 100 && LiveInGroup(pgid) > 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(LiveInGroup(pgid), 0);
  EXPECT_TRUE(cloud->FetchResults("c1", "s/1", 1, {})->empty());  // killed: no result
}

TEST_F(LocalCloudTest, ReopenedStateFindsTheRunningChildAndCanKillIt) {
  std::string id;
  {
    auto cloud = Make(Script("sleepy", "exec sleep 30"));
    ASSERT_TRUE(cloud);
    auto launched = cloud->Launch(Request(*cloud, "t1", {{"j1", "stream", 60}}));
    ASSERT_TRUE(launched);
    id = *launched;
  }  // the "controller" is gone; the child runs on
  auto cloud = Reopen();
  ASSERT_TRUE(cloud);
  auto tagged = cloud->DescribeByTag("us-east-1", "abc:campaign", "c1");
  ASSERT_TRUE(tagged && tagged->size() == 1);
  EXPECT_EQ(tagged->front().id, id);
  EXPECT_EQ(tagged->front().client_token, "t1");
  EXPECT_EQ(tagged->front().state, InstanceState::kRunning);
  auto same = cloud->Launch(Request(*cloud, "t1", {{"j1", "stream", 60}}));
  ASSERT_TRUE(same);
  EXPECT_EQ(*same, id);
  ASSERT_TRUE(cloud->Terminate("us-east-1", {id}));
  // Not this object's child: it stays a zombie until TearDown reaps it, and must still
  // read as terminated.
  EXPECT_TRUE(WaitTerminated(*cloud, id, 10));
}

TEST_F(LocalCloudTest, ARecycledPidIsNeverMistakenForTheChild) {
  {
    auto cloud = Make(Script("sleepy", "exec sleep 30"));
    ASSERT_TRUE(cloud);
    ASSERT_TRUE(cloud->Launch(Request(*cloud, "t1", {{"j1", "stream", 60}})));
    auto db =
        store::Database::Open(dir_ + "/c.db.local/state.db", store::Database::Mode::kOpenExisting);
    ASSERT_TRUE(db);
    auto pid = db->Prepare("SELECT pid FROM instance");
    ASSERT_TRUE(pid && *pid->Step());
    int group = static_cast<int>(pid->Int(0));
    ::kill(-static_cast<pid_t>(group), SIGKILL);
    // SIGKILL is delivered asynchronously: wait until the group is really dead, so that only
    // the recycled pid below can make the record look alive.
    for (int i = 0; i < 500 && LiveInGroup(group) > 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ASSERT_EQ(LiveInGroup(group), 0);
    // The record now names another live process that started later, as a recycled pid
    // would. Several clock ticks later: start times are counted in ticks of 10 ms, and a
    // process started in the same tick as the supervisor would look like it.
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    stranger_ = ::fork();
    ASSERT_GE(stranger_, 0);
    if (stranger_ == 0) {
      ::setpgid(0, 0);  // its own group: a wrong kill cannot reach the test
      ::execlp("sleep", "sleep", "30", static_cast<char*>(nullptr));
      ::_exit(127);
    }
    auto s = db->Prepare("UPDATE instance SET pid=?");
    ASSERT_TRUE(s);
    ASSERT_TRUE(s->Bind(1, static_cast<int64_t>(stranger_)).Run());
  }
  auto cloud = Reopen();
  ASSERT_TRUE(cloud);
  auto tagged = cloud->DescribeByTag("us-east-1", "abc:campaign", "c1");
  ASSERT_TRUE(tagged && tagged->size() == 1);
  EXPECT_EQ(tagged->front().state, InstanceState::kTerminated);
  EXPECT_TRUE(cloud->Terminate("us-east-1", {tagged->front().id}));
  EXPECT_EQ(::kill(stranger_, 0), 0) << "the stranger with the recycled pid was killed";
}

TEST_F(LocalCloudTest, AnAgentWithoutAValidResultGivesAFailedJobWithTheReason) {
  auto cloud =
      Make(Script("broken",
                  "out=''\nwhile [ $# -gt 0 ]; do [ \"$1\" = --output ] && out=$2; shift; done\n"
                  "case \"$out\" in *000-*) exit 3 ;; esac\n"
                  "echo '{\"schema\": \"something else\"}' > \"$out\""));
  ASSERT_TRUE(cloud);
  auto id = cloud->Launch(Request(*cloud, "t1", {{"j1", "stream", 60}, {"j2", "hpl", 60}}));
  ASSERT_TRUE(id);
  ASSERT_TRUE(WaitTerminated(*cloud, *id, 20));
  auto docs = cloud->FetchResults("c1", "s/1", 1, {});
  ASSERT_TRUE(docs);
  ASSERT_EQ(docs->size(), 2u);
  EXPECT_EQ((*docs)[0].status, "failed");
  EXPECT_NE((*docs)[0].reason.find("exited with status 3"), std::string::npos) << (*docs)[0].reason;
  EXPECT_EQ((*docs)[1].status, "failed");
  EXPECT_NE((*docs)[1].reason.find("is not valid"), std::string::npos) << (*docs)[1].reason;
  auto failure = nlohmann::json::parse((*docs)[1].json);
  EXPECT_EQ(failure["job"], "j2");
}

TEST_F(LocalCloudTest, NoJobStartsAfterTheDeadline) {
  std::string marker = dir_ + "/ran";
  auto cloud = Make(Script("touchy", "touch " + marker));
  ASSERT_TRUE(cloud);
  LaunchRequest r = Request(*cloud, "t1", {{"j1", "stream", 60}});
  r.deadline = util::TimePoint(seconds(cloud->Now() - 1));
  auto id = cloud->Launch(r);
  ASSERT_TRUE(id);
  ASSERT_TRUE(WaitTerminated(*cloud, *id, 10));
  EXPECT_FALSE(std::filesystem::exists(marker));
  EXPECT_TRUE(cloud->FetchResults("c1", "s/1", 1, {})->empty());
}

TEST_F(LocalCloudTest, ClockSkipsIdleTimeButNotARunningAgent) {
  auto cloud = Make(Script("sleepy", "exec sleep 30"));
  ASSERT_TRUE(cloud);
  Clock& clock = cloud->clock();
  util::TimePoint start = clock.Now();
  EXPECT_GE(start.time_since_epoch().count(), 1'900'000'000);
  clock.SleepUntil(start + seconds(3 * 86400));  // idle: the jump is immediate
  EXPECT_GE(clock.Now(), start + seconds(3 * 86400));
  auto id = cloud->Launch(Request(*cloud, "t1", {{"j1", "stream", 60}}));
  ASSERT_TRUE(id);
  util::TimePoint busy_from = clock.Now();
  auto real_before = std::chrono::steady_clock::now();
  clock.SleepUntil(busy_from + seconds(86400));  // busy: a short real sleep, no jump
  EXPECT_LT(std::chrono::steady_clock::now() - real_before, seconds(2));
  EXPECT_LT(clock.Now(), busy_from + seconds(5));
  ASSERT_TRUE(cloud->Terminate("us-east-1", {*id}));
  ASSERT_TRUE(WaitTerminated(*cloud, *id, 10));
  util::TimePoint jumped_to = clock.Now() + seconds(7200);
  // The first call after an agent ended may return at once (the executor polls first); a
  // jump follows on the next.
  for (int i = 0; i < 2 && clock.Now() < jumped_to; ++i) clock.SleepUntil(jumped_to);
  ASSERT_GE(clock.Now(), jumped_to);
  cloud.reset();
  auto reopened = Reopen();  // the offset is stored: time never goes back on resume
  ASSERT_TRUE(reopened);
  EXPECT_GE(reopened->clock().Now(), jumped_to);
}

TEST_F(LocalCloudTest, RealTimeClockNeverJumps) {
  LocalSetup setup = Setup(Script("sleepy", "exec sleep 30"));
  setup.real_time = true;
  auto cloud = LocalCloud::Create(dir_ + "/rt.local", setup, std::make_unique<PosixProcesses>());
  ASSERT_TRUE(cloud);
  Clock& clock = (*cloud)->clock();
  util::TimePoint start = clock.Now();
  clock.SleepUntil(start + seconds(86400));
  EXPECT_LT(clock.Now(), start + seconds(5));
}

TEST_F(LocalCloudTest, SupervisorNeverRunsWhenItsRecordFails) {
  std::string marker = dir_ + "/ran";
  PosixProcesses processes;
  SessionCommand command;
  command.jobs = {{Script("touchy", "touch " + marker)}};
  command.status_files = {dir_ + "/j.status"};
  command.log_path = dir_ + "/log";
  command.lock_path = dir_ + "/machine.lock";
  command.real_deadline = std::numeric_limits<int64_t>::max();
  auto started = processes.Start(command, [](const ProcessId&) {
    return util::Status(util::MakeError(util::ErrorClass::kIo, "disk full"));
  });
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error().message, "disk full");
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_FALSE(std::filesystem::exists(marker));
  EXPECT_FALSE(processes.MachineBusy(command.lock_path));  // the lock went with the child
}

// The lock used to be a fixed name in /tmp opened without O_NOFOLLOW: anyone could plant a
// symlink there and have our open(O_CREAT) create or lock a file of their choosing.
TEST_F(LocalCloudTest, MachineLockRefusesASymlink) {
  std::string target = dir_ + "/elsewhere";
  std::string lock = dir_ + "/planted.lock";
  std::filesystem::create_symlink(target, lock);
  EXPECT_LT(OpenMachineLock(lock), 0);
  EXPECT_EQ(errno, ELOOP);
  EXPECT_FALSE(std::filesystem::exists(target));  // not created through the link
  PosixProcesses processes;
  SessionCommand command;
  command.jobs = {{Script("never", "true")}};
  command.status_files = {dir_ + "/j.status"};
  command.log_path = dir_ + "/log";
  command.lock_path = lock;
  command.real_deadline = std::numeric_limits<int64_t>::max();
  auto started = processes.Start(command, [](const ProcessId&) { return util::Status(); });
  ASSERT_FALSE(started);
  EXPECT_NE(started.error().message.find("machine lock"), std::string::npos);
}

TEST_F(LocalCloudTest, MachineLockIsPrivateAndItsFolderIsMade) {
  std::string lock = dir_ + "/runtime/aws-benchmark-collector/agent.lock";
  int fd = OpenMachineLock(lock);
  ASSERT_GE(fd, 0);
  ::close(fd);
  struct stat info {};
  ASSERT_EQ(::stat(lock.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat((dir_ + "/runtime/aws-benchmark-collector").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0700u);
}

TEST(DefaultLockPath, UnderTheRuntimeFolderElseTheStateFolderNeverTmp) {
  const char* saved_runtime = std::getenv("XDG_RUNTIME_DIR");
  std::string runtime = saved_runtime ? saved_runtime : "";
  ::unsetenv("ABC_LOCAL_LOCK");
  ::setenv("XDG_RUNTIME_DIR", "/run/user/4242", 1);
  EXPECT_EQ(DefaultLockPath(), "/run/user/4242/aws-benchmark-collector/agent.lock");
  ::unsetenv("XDG_RUNTIME_DIR");
  ::setenv("XDG_STATE_HOME", "/home/u/.state", 1);
  EXPECT_EQ(DefaultLockPath(), "/home/u/.state/aws-benchmark-collector/agent.lock");
  ::unsetenv("XDG_STATE_HOME");
  ::setenv("HOME", "/home/u", 1);
  EXPECT_EQ(DefaultLockPath(), "/home/u/.local/state/aws-benchmark-collector/agent.lock");
  if (!runtime.empty()) ::setenv("XDG_RUNTIME_DIR", runtime.c_str(), 1);
}

TEST(FindAgent, NamesTheFlagOrTheVariableThatIsWrong) {
  auto flag = FindAgent("/nonexistent/aws-benchmark-agent");
  ASSERT_FALSE(flag);
  EXPECT_EQ(flag.error().error_class, util::ErrorClass::kInvalidInput);
  EXPECT_NE(flag.error().message.find("--agent"), std::string::npos);
  ::setenv("ABC_AGENT", "/nonexistent/agent", 1);
  auto env = FindAgent("");
  ::unsetenv("ABC_AGENT");
  ASSERT_FALSE(env);
  EXPECT_NE(env.error().message.find("ABC_AGENT"), std::string::npos);
  auto real = FindAgent(ABC_AGENT_BIN);
  ASSERT_TRUE(real);
  EXPECT_TRUE(std::filesystem::equivalent(*real, ABC_AGENT_BIN));
}

}  // namespace
}  // namespace cloud::local
