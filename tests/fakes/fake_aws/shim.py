"""One program behind every host-touching command in a boot sandbox (installed on its PATH as
shutdown, apt-get, dnf, sudo, systemctl, ...). It records the call in $ABC_FAKE_SANDBOX/shim.log
and acts as the fake instance would: shutdown ends the instance in the fake, sudo runs the rest
of its arguments unprivileged, curl reaches the fake IMDS instead of 169.254.169.254, package
managers and service managers change nothing."""
import datetime
import json
import os
import re
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


def main():
    name, args = os.path.basename(sys.argv[1]), sys.argv[2:]
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
