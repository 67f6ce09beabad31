"""Helpers of the aws end-to-end tests (issue 10): the seed's command against the fake AWS
(tests/fakes/fake_aws), whose instances boot for real, and the checks every run must pass,
read from the files and from the fake's own records (an independent view of what happened)."""
import glob
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(SOURCE, "tests", "fakes"))
sys.path.insert(0, HERE)
from exec_common import rows  # noqa: E402  (one reader of journal rows for every e2e test)
from fake_aws import boot as fake_boot, world  # noqa: E402
from fake_aws.process import FakeAwsProcess  # noqa: E402

# The seed's command (issue 10) with the names it uses; the fake's world holds sg-xxx,
# subnet-xxx and my-key.
SEED = ["--region", "us-east-1", "--max-daily-jobs", "30", "--max-concurrent", "5",
        "--key-pair", "my-key", "--security-group", "sg-xxx", "--subnet", "subnet-xxx"]
# The fake account's vCPU quotas (world.DEFAULT_QUOTA_VCPUS), said outright so the plan runs
# the sessions side by side whether or not the account's quotas are read before planning
# (with the new-account defaults the third instance waits a whole session, minutes in real
# time).
QUOTAS = ["--vcpu-quota", f"standard:on-demand={world.DEFAULT_QUOTA_VCPUS}",
          "--vcpu-quota", f"standard:spot={world.DEFAULT_QUOTA_VCPUS}"]
FAST_FAKE = {"pending_seconds": 2, "shutting_down_seconds": 2}
# How the instances reach S3: by their instance profile's role (the default: user-data holds
# keys only) or by presigned URLs (--presigned-urls).
ROLE, PRESIGNED = "role", "presigned"


def fail(message):
    print("FAIL " + message)
    sys.exit(1)


def aarch64_agent():
    """The cross-built aarch64 agent, or None: the default build makes only the host's
    agent; the default preset cross-builds one into build-aarch64/."""
    path = os.environ.get("ABC_AGENT_AARCH64") or os.path.join(
        SOURCE, "build-aarch64", "src", "agent", "aws-benchmark-agent")
    return path if os.access(path, os.X_OK) else None


def families():
    """m7i,c7g,r7a as the seed says when a c7g instance can run an aarch64 agent here (a
    cross-built agent, and an aarch64 host or qemu-user); else m7i,r7a, and says why."""
    agent = aarch64_agent()
    runnable = os.uname().machine == "aarch64" or fake_boot.binfmt_runs_aarch64() or \
        fake_boot.emulation_for("arm64") is not None
    if agent and runnable:
        return "m7i,c7g,r7a", {"ABC_AGENT_AARCH64": agent}
    why = "no aarch64 agent (the default preset builds build-aarch64/)" if not agent \
        else "this host cannot run aarch64 code (no qemu-aarch64)"
    print(f"NOTE c7g left out of the campaign: {why}")
    return "m7i,r7a", {}


def window_now(local_hour=9):
    """--start now and a fixed-offset --timezone in which now is local_hour (9: inside the
    morning window, 08-12; 21: the evening window, 20-24, where every size runs on spot), so
    the campaign starts at once whatever the hour of the run."""
    offset = local_hour - time.gmtime().tm_hour
    if offset > 14:
        offset -= 24
    if offset < -12:
        offset += 24
    zone = "Etc/GMT" if offset == 0 else f"Etc/GMT{-offset:+d}"  # POSIX sign: inverted
    return ["--start", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "--timezone", zone]


def seed_command(binary, fake, journal, fams, *extra, local_hour=9):
    return [binary, "schedule", "weekly", "--instance-families", fams, *SEED, "--backend", "aws",
            "--endpoint-url", fake.url, "--state", journal, "--days", "1", "--aws-quick",
            *QUOTAS, *window_now(local_hour), *extra]


def client_env(fake, extra=None, credentials=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(fake.client_environment())
    env.pop("AWS_ENDPOINT_URL")  # the seed's --endpoint-url says it
    env["AWS_EC2_METADATA_DISABLED"] = "true"
    env.update(credentials or {})
    env.update(extra or {})
    return env


def request_log(fake):
    with open(os.path.join(fake.state_dir, "requests.jsonl")) as f:
        return [json.loads(line) for line in f if line.strip()]


def wait_all_ended(fake, limit=30):
    """The fake's own view: every instance it ever launched, terminated (shutting-down ends
    on the fake's clock a moment later)."""
    deadline = time.time() + limit
    while True:
        alive = [i for i in fake.control("/instances") if i["state"] != "terminated"]
        if not alive or time.time() > deadline:
            return alive
        time.sleep(0.5)


def describe_all_terminated(fake):
    """DescribeInstances through botocore (an independent client): every instance terminated."""
    import botocore.session  # Debian's python3-botocore
    session = botocore.session.get_session()
    ec2 = session.create_client("ec2", region_name="us-east-1", endpoint_url=fake.url,
                                aws_access_key_id=world.TEST_ACCESS_KEY,
                                aws_secret_access_key=world.TEST_SECRET_KEY)
    states = {}
    for page in ec2.get_paginator("describe_instances").paginate():
        for reservation in page["Reservations"]:
            for inst in reservation["Instances"]:
                states[inst["InstanceId"]] = inst["State"]["Name"]
    return states


def check_launches(fake, journal, label):
    """One RunInstances success per ClientToken; every instance of the fake is an attempt of
    the journal, with the journal's instance id for its token."""
    ok_by_token = {}
    for entry in request_log(fake):
        if entry["action"] == "RunInstances" and "error" not in entry and \
                not entry.get("lost_reply"):
            token = entry["params"]["ClientToken"]
            ok_by_token[token] = ok_by_token.get(token, 0) + 1
    instances = fake.control("/instances")
    by_token = {}
    for inst in instances:
        if inst["client_token"] in by_token:
            fail(f"{label}: client token {inst['client_token']} launched two instances")
        by_token[inst["client_token"]] = inst["instance_id"]
    attempts = {t: i for t, i in rows(journal, "SELECT client_token, instance_id FROM attempt")}
    for token, iid in by_token.items():
        if token not in attempts:
            fail(f"{label}: instance {iid} (token {token}) is no attempt of the journal")
        if attempts[token] and attempts[token] != iid:
            fail(f"{label}: journal says {attempts[token]} for token {token}, the fake {iid}")
    # A call whose reply was lost may be sent again with its token (and names the same
    # instance); otherwise a token is answered with a launch once.
    for token, count in ok_by_token.items():
        if count > 1:
            fail(f"{label}: RunInstances succeeded {count} times with client token {token}")
    return instances


def check_journal(binary, journal, label, env, want_all_succeeded=True):
    for token, iid, state in rows(journal, "SELECT client_token, instance_id, state FROM attempt"):
        if state in ("running", "intent"):
            fail(f"{label}: attempt {token} ({iid}) still {state}")
    for job, count in rows(journal, "SELECT job, count(*) FROM result WHERE status != "
                                    "'interrupted' GROUP BY job"):
        if count > 1:
            fail(f"{label}: job {job} has {count} final results")
    for job, state, reason in rows(journal, "SELECT id, state, reason FROM job"):
        if want_all_succeeded and state != "succeeded":
            fail(f"{label}: job {job} is {state} ({reason})")
        if state == "succeeded":
            n = rows(journal, f"SELECT count(*) FROM result WHERE job='{job}' AND status='ok'")
            if n[0][0] != 1:
                fail(f"{label}: job {job} succeeded with {n[0][0]} ok results")
    # At most --max-concurrent instances at once (the journal's launch and end times).
    spans = rows(journal, "SELECT launched_at, ended_at FROM attempt WHERE launched_at > 0")
    for start, _ in spans:
        at_once = sum(1 for s, e in spans if s <= start < (e or 1 << 62))
        if at_once > 5:
            fail(f"{label}: {at_once} instances at once, over --max-concurrent 5")
    strays = subprocess.run([binary, "cleanup", "--state", journal, "--dry-run"],
                            capture_output=True, text=True, env=env)
    if strays.returncode != 0 or "0 stray instance(s) found" not in strays.stdout:
        fail(f"{label}: cleanup --dry-run: {strays.returncode}\n{strays.stdout}{strays.stderr}")


def check_results_from_instances(fake, journal, label, access=ROLE):
    """Each ok result is the document the booted instance of its attempt wrote (its sandbox
    file, byte for byte as JSON) and PUT to the attempt's S3 prefix (the request log), by the
    instance's role or by presigned URL (`access`)."""
    campaign = rows(journal, "SELECT id FROM campaign")[0][0]
    puts = {e["params"]["key"] for e in request_log(fake)
            if e["service"] == "s3" and e["action"] == "PutObject" and "error" not in e
            and (e.get("presigned") if access == PRESIGNED else e.get("role"))}
    results = rows(journal, "SELECT r.job, r.status, r.json, a.instance_id, a.session, a.number "
                            "FROM result r JOIN attempt a ON a.id = r.attempt_id")
    if not results:
        fail(f"{label}: no result in the journal")
    for job, status, text, iid, session, number in results:
        doc = json.loads(text)
        if status == "interrupted":
            continue
        if status != "ok":
            fail(f"{label}: result of {job} is {status}")
        meta = doc["metadata"]
        if meta.get("job_id") != job or meta.get("session_id") != session or not meta.get("quick"):
            fail(f"{label}: result of {job}: metadata {meta}")
        written = [json.load(open(p)) for p in glob.glob(
            os.path.join(fake.state_dir, "boots", iid, "abc-session.*", "result-*.json"))]
        # The controller adds the backend's name to the metadata; the rest is the agent's.
        if meta.pop("backend", None) != "aws" or doc not in written:
            fail(f"{label}: result of {job} is not a document instance {iid} wrote")
        prefix = f"campaigns/{campaign}/{session}/{number}/results/"
        if not any(k.startswith(prefix) for k in puts):
            fail(f"{label}: no PUT ({access}) under {prefix} in the request log")
        arch = doc["sysinfo"]["arch"]
        if "c7g" in job and (arch != "aarch64" or not doc["sysinfo"]["hypervisor"]["emulated"]
                             and os.uname().machine != "aarch64"):
            fail(f"{label}: c7g result of {job} not from an (emulated, labelled) aarch64: {arch}")
    return results


def check_everything_terminated(fake, label):
    alive = wait_all_ended(fake)
    if alive:
        fail(f"{label}: instances not terminated: {[(i['instance_id'], i['state']) for i in alive]}")
    states = describe_all_terminated(fake)
    if not states or any(s != "terminated" for s in states.values()):
        fail(f"{label}: DescribeInstances: {states}")
    return states


# ---- secret scan ----------------------------------------------------------------------
PRESIGNED_QUERY = re.compile(r"\?[^'\"\s]*X-Amz-[^'\"\s]*")
SIGNATURE = re.compile(r"X-Amz-Signature=([0-9a-f]{64})")
URL_QUERY = re.compile(r"://[^'\"\s]*\?")


def scan_for_secrets(paths, texts, needles, access=ROLE):
    """What of `needles` (name -> value) is in any file or text: [(name, where)], and how many
    user-data files and presigned signatures were seen.

    By role the whole of every file is scanned as it is, user-data included, and a user-data
    holding any presigned parameter or URL query is itself a finding. With presigned URLs the
    user-data must carry them, and their query holds X-Amz-Credential (the access key id) and,
    with temporary credentials, X-Amz-Security-Token: SigV4's query form needs them. There,
    and only there, the queries are cut out before the needles are looked for; the secret
    key must not appear in the user-data even before the cut, and each signature the queries
    hold must appear nowhere else."""
    signatures = set()
    user_data = 0
    found = []
    texts = list(texts)
    for path in paths:
        if not os.path.isfile(path):
            continue
        with open(path, "rb") as f:
            data = f.read().decode("latin-1")
        if os.path.basename(path) == "user-data":
            user_data += 1
            if access == ROLE:
                if "X-Amz-" in data or URL_QUERY.search(data):
                    found.append(("a presigned URL or URL query", path))
            else:
                found += [(name, path) for name, needle in needles.items()
                          if "secret key" in name and needle and needle in data]
                signatures.update(SIGNATURE.findall(data))
                data = PRESIGNED_QUERY.sub("?<presigned>", data)
        texts.append((path, data))
    found += [(name, where) for where, data in texts for name, needle in needles.items()
              if needle and needle in data]
    found += [("a presigned signature", where) for where, data in texts
              for signature in signatures if signature in data]
    return found, user_data, len(signatures)


def scanner_self_check(needles):
    """The scan finds what it looks for (a check that cannot fail proves nothing): each needle
    planted in a text and in a user-data; by role a presigned URL planted in a user-data; with
    presigned URLs a signature of a user-data's URL planted in a log, and the secret key
    planted in a user-data's URL."""
    signature = "ab" * 32
    url = f"agent_url='http://h/b/k?X-Amz-Date=1&X-Amz-Signature={signature}'\n"
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "user-data")
        for name, needle in needles.items():
            with open(path, "w") as f:
                f.write(f"bucket='x{needle}y'\n")
            found, _, _ = scan_for_secrets([path], [("planted", f"x{needle}y")], needles)
            if (name, "planted") not in found or (name, path) not in found:
                fail(f"the secret scan misses a planted {name}")
        with open(path, "w") as f:
            f.write(url)
        found, _, _ = scan_for_secrets([path], [], needles, ROLE)
        if ("a presigned URL or URL query", path) not in found:
            fail("the secret scan (by role) misses a presigned URL in user-data")
        found, _, count = scan_for_secrets([path], [("log", f"url ...{signature}")], needles,
                                           PRESIGNED)
        if count != 1 or ("a presigned signature", "log") not in found or \
                any(where == path for _, where in found):
            fail(f"the secret scan mishandles presigned URLs: {found}")
        secret = next(v for k, v in needles.items() if k == "secret key")
        with open(path, "w") as f:
            f.write(url.replace("X-Amz-Date=1", f"X-Amz-Date={secret}"))
        found, _, _ = scan_for_secrets([path], [], needles, PRESIGNED)
        if ("secret key", path) not in found:
            fail("the secret scan misses the secret key inside a presigned URL")


def output_files(work):
    """Every file the run left: journal (dumped), its state, logs, the fake's request log,
    and each booted instance's sandbox (user-data as sent, shim log, session log, results)."""
    files = []
    for root, _, names in os.walk(work):
        for name in names:
            files.append(os.path.join(root, name))
    return files


def journal_dump(journal):
    db = sqlite3.connect(f"file:{journal}?mode=ro", uri=True)
    try:
        return "\n".join(db.iterdump())
    finally:
        db.close()


def secret_needles(credentials=None):
    needles = {"access key id": world.TEST_ACCESS_KEY, "secret key": world.TEST_SECRET_KEY}
    for name, key in (("temporary access key id", "AWS_ACCESS_KEY_ID"),
                      ("temporary secret key", "AWS_SECRET_ACCESS_KEY"),
                      ("session token", "AWS_SESSION_TOKEN")):
        if credentials and credentials.get(key) and credentials[key] not in needles.values():
            needles[name] = credentials[key]
    return needles


def full_scan(work, journal, outputs, credentials, label, access=ROLE):
    needles = secret_needles(credentials)
    scanner_self_check(needles)
    texts = [("journal dump", journal_dump(journal))] + outputs
    files = output_files(work)
    found, user_data, signatures = scan_for_secrets(files, texts, needles, access)
    if found:
        fail(f"{label}: secrets found: {found[:5]}")
    if not user_data:
        fail(f"{label}: no user-data was scanned (nothing booted?)")
    if access == PRESIGNED and not signatures:
        fail(f"{label}: no user-data with presigned URLs was scanned")
    where = "whole, no URL in any user-data" if access == ROLE else \
        f"{signatures} presigned signatures, none outside the user-data"
    print(f"{label}: secret scan: {len(files)} files ({user_data} user-data) and {len(texts)} "
          f"outputs ({where}): no secret found")


def check_instances_used_the_profile(fake, label, profile="aws-benchmark-collector-agent"):
    """Every instance carried the profile, whose role holds the campaign bucket's policy, and
    every booted instance moved its objects with `aws s3 cp`, signed by that role."""
    for inst in fake.control("/instances"):
        if inst.get("instance_profile") != profile:
            fail(f"{label}: instance {inst['instance_id']} launched with profile "
                 f"{inst.get('instance_profile')!r}, not {profile}")
    for boot in fake.control("/boots"):
        calls = [s for s in boot["shim_calls"] if s["command"] == "aws"]
        if not calls or any(s["args"][:2] != ["s3", "cp"] for s in calls):
            fail(f"{label}: instance {boot['instance_id']} aws calls: {calls}")
    s3 = [e for e in request_log(fake) if e["service"] == "s3" and e.get("role")]
    if not s3 or any(e["role"] != profile for e in s3):
        fail(f"{label}: S3 calls by role: {[(e['action'], e.get('role')) for e in s3][:5]}")
    if any(e.get("presigned") for e in request_log(fake)):
        fail(f"{label}: a presigned URL was used, by role")


def assume_role_credentials(fake):
    """Temporary credentials (with a session token) from the fake's STS, through botocore."""
    import botocore.session
    sts = botocore.session.get_session().create_client(
        "sts", region_name="us-east-1", endpoint_url=fake.url,
        aws_access_key_id=world.TEST_ACCESS_KEY, aws_secret_access_key=world.TEST_SECRET_KEY)
    c = sts.assume_role(RoleArn=f"arn:aws:iam::{world.ACCOUNT_ID}:role/{world.ROLE_NAME}",
                        RoleSessionName="abc-e2e")["Credentials"]
    return {"AWS_ACCESS_KEY_ID": c["AccessKeyId"], "AWS_SECRET_ACCESS_KEY": c["SecretAccessKey"],
            "AWS_SESSION_TOKEN": c["SessionToken"]}


def start_fake(work, faults=None):
    fake = FakeAwsProcess(os.path.join(work, "fake"))
    fake.control("/faults", {**FAST_FAKE, **(faults or {})})
    return fake


def check_role_campaign(binary, fake, journal, env, work, outputs, credentials, label):
    """What every campaign by role must show at its end: the journal's invariants, results
    its own instances wrote, no duplicate launch, the role used for every S3 object, nothing
    left running, and no secret in any output. Returns the launched instances."""
    check_journal(binary, journal, label, env)
    check_results_from_instances(fake, journal, label)
    instances = check_launches(fake, journal, label)
    check_instances_used_the_profile(fake, label)
    check_everything_terminated(fake, label)
    full_scan(work, journal, outputs, credentials, label)
    return instances
