"""Booting an instance for real: its user-data runs under bash in a sandbox folder with shims
for every command that would touch the host (see shim.py), IMDS and S3 pointed at the fake."""
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys

from .imds import Imds

SHIMMED = ["shutdown", "poweroff", "halt", "reboot", "apt-get", "apt", "dpkg", "dnf", "yum",
           "rpm", "sudo", "systemctl", "systemd-run", "at", "mount", "umount", "useradd",
           "modprobe", "sysctl", "cloud-init", "curl", "aws"]
# /usr/local/bin too: the AWS CLI's own installer puts `aws` there.
ABSOLUTE_CALL = re.compile(r"(?<![\w./-])/(?:usr/(?:local/)?)?s?bin/(" + "|".join(
    re.escape(n) for n in SHIMMED if n != "curl") + r")\b")


# An arm64 instance on a host that cannot run aarch64 code: the sandbox emulates it with
# qemu-user, as binfmt_misc would on a host set up for it (registering binfmt needs root and
# changes the host, so the fake does it inside the sandbox instead; see emulation_for).
QEMU_AARCH64 = "qemu-aarch64"
AARCH64_SYSROOT = "/usr/aarch64-linux-gnu"  # Debian's cross libraries (libc6-arm64-cross)


def binfmt_runs_aarch64():
    try:
        return any(name.startswith("qemu-aarch64") for name in os.listdir("/proc/sys/fs/binfmt_misc"))
    except OSError:
        return False


def emulation_for(arch):
    """The qemu-user command that runs this instance's aarch64 programs, or None when the host
    runs them itself (an aarch64 host, or binfmt_misc set up for qemu) or cannot at all."""
    if arch != "arm64" or platform.machine() == "aarch64" or binfmt_runs_aarch64():
        return None
    qemu = shutil.which(QEMU_AARCH64)
    return [qemu, "-cpu", "max", "-L", AARCH64_SYSROOT] if qemu else None


def absolute_path_calls(text):
    """Shimmed commands the script names by absolute path (they would bypass the sandbox)."""
    return sorted(set(ABSOLUTE_CALL.findall(text)))


class Boot:
    def __init__(self, fake, inst, root):
        self.instance_id = inst.instance_id
        self.stopped = False
        self.sandbox = os.path.join(root, inst.instance_id)
        bin_dir = os.path.join(self.sandbox, "bin")
        os.makedirs(bin_dir, exist_ok=True)
        os.makedirs(os.path.join(self.sandbox, "home"), exist_ok=True)
        shim = os.path.join(os.path.dirname(os.path.abspath(__file__)), "shim.py")
        self.emulation = emulation_for(inst.arch)
        # With emulation, `chmod` is shimmed too: a file it makes executable that is an
        # aarch64 program is then run through qemu-user (shim.py, emulate_aarch64).
        for name in SHIMMED + (["chmod"] if self.emulation else []):
            path = os.path.join(bin_dir, name)
            with open(path, "w") as f:
                f.write(f'#!/bin/sh\nexec "{sys.executable}" "{shim}" "{name}" "$@"\n')
            os.chmod(path, 0o755)
        script = inst.user_data.decode("utf-8", errors="replace")
        with open(os.path.join(self.sandbox, "user-data"), "w") as f:
            f.write(script)
        self.absolute_calls = absolute_path_calls(script)
        self.imds = Imds(fake, inst.instance_id)
        real_path = os.environ.get("PATH", "/usr/bin:/bin")
        env = {
            "PATH": bin_dir + ":" + real_path, "HOME": os.path.join(self.sandbox, "home"),
            "TMPDIR": self.sandbox, "LANG": "C.UTF-8",
            "ABC_FAKE_SANDBOX": self.sandbox, "ABC_FAKE_INSTANCE_ID": inst.instance_id,
            "ABC_FAKE_CONTROL": fake.url + "/_fake", "ABC_FAKE_IMDS": self.imds.url,
            "ABC_FAKE_REAL_CURL": shutil.which("curl", path=real_path) or "/usr/bin/curl",
            "AWS_EC2_METADATA_SERVICE_ENDPOINT": self.imds.url,
            "AWS_ENDPOINT_URL": fake.url, "AWS_REGION": inst.region,
            "ABC_FAKE_REAL_PATH": real_path,
        }
        if self.emulation:
            env["ABC_FAKE_EMULATION"] = json.dumps(self.emulation)
        self.out = open(os.path.join(self.sandbox, "console.log"), "wb")
        if self.absolute_calls:
            # Such a script would reach the host itself (a real shutdown, a real apt-get):
            # it is never run, and the boot report says why.
            self.process = subprocess.Popen(["true"])
            return
        self.process = subprocess.Popen(["bash", os.path.join(self.sandbox, "user-data")],
                                        cwd=self.sandbox, env=env, stdout=self.out,
                                        stderr=subprocess.STDOUT, start_new_session=True)

    def stop(self):
        """The instance ends: its processes go with it, and its IMDS."""
        if self.stopped:
            return
        self.stopped = True
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait()
        self.out.close()
        self.imds.close()

    def shim_calls(self):
        path = os.path.join(self.sandbox, "shim.log")
        if not os.path.exists(path):
            return []
        with open(path) as f:
            return [json.loads(line) for line in f if line.strip()]

    def console(self):
        with open(os.path.join(self.sandbox, "console.log"), "rb") as f:
            return f.read()[-4000:].decode("utf-8", errors="replace")

    def report(self):
        return {"instance_id": self.instance_id, "sandbox": self.sandbox,
                "exit_code": self.process.poll(), "refused": bool(self.absolute_calls),
                "emulation": self.emulation,
                "absolute_path_calls": self.absolute_calls,
                "shim_calls": self.shim_calls(), "console": self.console()}
