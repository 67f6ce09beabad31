"""One program behind every host-touching command in a boot sandbox (installed on its PATH as
shutdown, apt-get, dnf, sudo, systemctl, ...). It records the call in $ABC_FAKE_SANDBOX/shim.log
and acts as the fake instance would: shutdown ends the instance in the fake, sudo runs the rest
of its arguments unprivileged, curl reaches the fake IMDS instead of 169.254.169.254, package
managers and service managers change nothing."""
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


def shutdown_delay_seconds(args):
    """shutdown [-h|-P|-r] [now|+M|HH:MM]: the delay asked for, or None for cancel (-c)."""
    if "-c" in args:
        return None
    for arg in args:
        if arg == "now":
            return 0
        if re.fullmatch(r"\+\d+", arg):
            return int(arg[1:]) * 60
    return 60  # shutdown without a time waits one minute (systemd's shutdown(8))


def main():
    name, args = os.path.basename(sys.argv[1]), sys.argv[2:]
    if name == "curl":
        record(name, [a.split("?")[0] for a in args])  # presigned queries stay out of the log
        args = [a.replace(IMDS_ADDRESS, os.environ["ABC_FAKE_IMDS"]) for a in args]
        os.execv(os.environ["ABC_FAKE_REAL_CURL"], ["curl"] + args)
    record(name, args)
    instance = os.environ["ABC_FAKE_INSTANCE_ID"]
    if name == "sudo":
        while args and args[0].startswith("-"):
            args = args[1:]
        if args:
            os.execvp(args[0], args)
        return 0
    if name in ("shutdown", "poweroff", "halt"):
        delay = 0 if name != "shutdown" else shutdown_delay_seconds(args)
        control("/shutdown", {"instance_id": instance, "delay_seconds": delay})
        return 0
    return 0  # package and service managers: recorded, nothing changes on the host


if __name__ == "__main__":
    sys.exit(main())
