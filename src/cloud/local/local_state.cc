#include "cloud/local/local_state.h"

#include "util/strings.h"

namespace cloud::local {
namespace {

// One "ID<TAB>BENCHMARK" line per job: ids and variant names hold neither tabs nor newlines.
std::string JobsToText(const std::vector<JobSpec>& jobs) {
  std::string text;
  for (const JobSpec& job : jobs) text += job.id + "\t" + job.benchmark + "\n";
  return text;
}

std::vector<JobSpec> JobsFromText(const std::string& text) {
  std::vector<JobSpec> jobs;
  for (const std::string& line : util::Split(text, '\n')) {
    size_t tab = line.find('\t');
    if (tab != std::string::npos)
      jobs.push_back(JobSpec{line.substr(0, tab), line.substr(tab + 1), 0});
  }
  return jobs;
}

LocalInstance ReadRow(const store::Statement& s) {
  LocalInstance in;
  in.id = s.Text(0);
  in.client_token = s.Text(1);
  in.campaign = s.Text(2);
  in.session = s.Text(3);
  in.attempt = static_cast<int>(s.Int(4));
  in.region = s.Text(5);
  in.zone = s.Text(6);
  in.market = s.Text(7);
  in.planned_type = s.Text(8);
  in.launched_at = s.Int(9);
  in.offset = s.Int(10);
  in.deadline = s.Int(11);
  in.process = ProcessId{static_cast<int>(s.Int(12)), s.Text(13), s.Text(14)};
  in.jobs = JobsFromText(s.Text(15));
  in.terminate_at = s.OptionalInt(16);
  in.ended_at = s.OptionalInt(17);
  return in;
}

}  // namespace

util::Status WriteOffset(store::Database& db, int64_t offset) {
  auto s = db.Prepare("INSERT OR REPLACE INTO clock VALUES (1, ?)");
  if (!s) return s.error();
  return s->Bind(1, offset).Run();
}

util::Expected<int64_t> ReadOffset(store::Database& db) {
  auto s = db.Prepare("SELECT clock_offset FROM clock");
  if (!s) return s.error();
  auto row = s->Step();
  if (!row) return row.error();
  if (!*row) return util::InvalidInput("local state '" + db.path() + "' has no clock record");
  return s->Int(0);
}

util::Status InsertInstance(store::Database& db, const LocalInstance& in) {
  auto s = db.Prepare("INSERT INTO instance VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  if (!s) return s.error();
  s->Bind(1, in.id).Bind(2, in.client_token).Bind(3, in.campaign).Bind(4, in.session);
  s->Bind(5, in.attempt).Bind(6, in.region).Bind(7, in.zone).Bind(8, in.market);
  s->Bind(9, in.planned_type).Bind(10, in.launched_at).Bind(11, in.offset).Bind(12, in.deadline);
  s->Bind(13, in.process.pid).Bind(14, in.process.start_ticks).Bind(15, in.process.boot_id);
  s->Bind(16, JobsToText(in.jobs)).Bind(17, in.terminate_at).Bind(18, in.ended_at);
  return s->Run();
}

util::Expected<std::vector<LocalInstance>> ReadInstances(store::Database& db) {
  return store::QueryAll<LocalInstance>(db, "SELECT * FROM instance ORDER BY launched_at, id",
                                        ReadRow);
}

util::Status UpdateTimes(store::Database& db, const LocalInstance& in) {
  auto s = db.Prepare("UPDATE instance SET terminate_at=?, ended_at=? WHERE id=?");
  if (!s) return s.error();
  return s->Bind(1, in.terminate_at).Bind(2, in.ended_at).Bind(3, in.id).Run();
}

}  // namespace cloud::local
