"""One program behind every host-touching command in a boot sandbox (installed on its PATH as
shutdown, apt-get, dnf, sudo, systemctl, ...). It records the call in $ABC_FAKE_SANDBOX/shim.log
and acts as the fake instance would: shutdown ends the instance in the fake, sudo runs the rest
of its arguments unprivileged, curl reaches the fake IMDS instead of 169.254.169.254, package
managers and service managers change nothing."""
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.request

IMDS_ADDRESS = "http://169.254.169.254"


def record(name, args):
    with open(os.path.join(os.environ["ABC_FAKE_SANDBOX"], "shim.log"), "a") as log:
        log.write(json.dumps({"command": name, "args": args}) + "\n")


def control(path, payload):
    request = urllib.request.Request(os.environ["ABC_FAKE_CONTROL"] + path,
                                     data=json.dumps(payload).encode(), method="POST")
    urllib.request.urlopen(request, timeout=10).read()


def shutdown_delay_seconds(args, now):
    """shutdown [-h|-P|-r] [now|+M|HH:MM]: the delay asked for (shutdown(8)), or None for
    cancel (-c). HH:MM is the next such UTC wall-clock time (instances run in UTC)."""
    if "-c" in args:
        return None
    for arg in args:
        if arg == "now":
            return 0
        if re.fullmatch(r"\+\d+", arg):
            return int(arg[1:]) * 60
        if re.fullmatch(r"\d{1,2}:\d{2}", arg):
            hours, minutes = map(int, arg.split(":"))
            at = now.replace(hour=hours, minute=minutes, second=0, microsecond=0)
            if at <= now:
                at += datetime.timedelta(days=1)
            return int((at - now).total_seconds())
    return 60  # shutdown without a time waits one minute (systemd's shutdown(8))


SUDO_OPTIONS_WITH_VALUE = {"-u", "-g", "-C", "-D", "-h", "-p", "-U", "-r", "-t", "-T"}


def sudo_command(args):
    """The command sudo would run: its arguments after sudo's own options (sudo(8))."""
    index = 0
    while index < len(args) and args[index].startswith("-"):
        if args[index] == "--":
            return args[index + 1:]
        index += 2 if args[index] in SUDO_OPTIONS_WITH_VALUE else 1
    return args[index:]


AARCH64_ELF_MACHINE = 183  # EM_AARCH64 (ELF specification, e_machine at offset 18)


def is_aarch64_program(path):
    try:
        with open(path, "rb") as f:
            header = f.read(20)
    except OSError:
        return False
    return header[:4] == b"\x7fELF" and int.from_bytes(header[18:20], "little") == AARCH64_ELF_MACHINE


def emulate_aarch64(args):
    """chmod as asked, then each aarch64 program among its operands is moved aside and replaced
    by a script that runs it under qemu-user: `./agent ...` then works as on an arm64 machine
    (the bytes the user-data checked with sha256 are the ones that run)."""
    real_chmod = shutil.which("chmod", path=os.environ["ABC_FAKE_REAL_PATH"])
    status = subprocess.call([real_chmod] + args)
    emulator = " ".join(f"'{part}'" for part in json.loads(os.environ["ABC_FAKE_EMULATION"]))
    for operand in args:
        if operand.startswith("-") or not is_aarch64_program(operand):
            continue
        moved = os.path.join(os.path.dirname(operand) or ".", "." + os.path.basename(operand) +
                             ".aarch64")
        os.replace(operand, moved)
        with open(operand, "w") as f:
            f.write(f'#!/bin/sh\nexec {emulator} "{os.path.abspath(moved)}" "$@"\n')
        os.chmod(operand, 0o755)
    return status


def main():
    name, args = os.path.basename(sys.argv[1]), sys.argv[2:]
    if name == "chmod":
        record(name, args)
        return emulate_aarch64(args)
    if name == "curl":
        record(name, [a.split("?")[0] for a in args])  # presigned queries stay out of the log
        args = [a.replace(IMDS_ADDRESS, os.environ["ABC_FAKE_IMDS"]) for a in args]
        os.execv(os.environ["ABC_FAKE_REAL_CURL"], ["curl"] + args)
    record(name, args)
    instance = os.environ["ABC_FAKE_INSTANCE_ID"]
    if name == "sudo":
        command = sudo_command(args)
        if command:
            os.execvp(command[0], command)
        return 0
    if name in ("shutdown", "poweroff", "halt"):
        now = datetime.datetime.now(datetime.timezone.utc)
        delay = 0 if name != "shutdown" else shutdown_delay_seconds(args, now)
        control("/shutdown", {"instance_id": instance, "delay_seconds": delay})
        return 0
    return 0  # package and service managers: recorded, nothing changes on the host


if __name__ == "__main__":
    sys.exit(main())
