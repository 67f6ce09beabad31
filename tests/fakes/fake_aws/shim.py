"""One program behind every host-touching command in a boot sandbox (installed on its PATH as
shutdown, apt-get, dnf, sudo, systemctl, ...). It records the call in $ABC_FAKE_SANDBOX/shim.log
and acts as the fake instance would: shutdown ends the instance in the fake, sudo runs the rest
of its arguments unprivileged, curl reaches the fake IMDS instead of 169.254.169.254, package
managers and service managers change nothing, `aws s3 cp` copies between the fake's S3 and the
sandbox with the instance profile's credentials (aws_s3_cp)."""
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


AWS_OPTIONS_WITH_VALUE = ("--region", "--endpoint-url")
AWS_FLAGS = ("--only-show-errors",)


class AwsUsageError(Exception):
    pass


def parse_aws_s3_cp(args):
    """`s3 cp SRC DST --region R [--endpoint-url URL] [--only-show-errors]` (options anywhere
    after `cp`, `--opt value` or `--opt=value`): (source, destination, options). Anything else
    the AWS CLI would take is not emulated: AwsUsageError."""
    if args[:2] != ["s3", "cp"]:
        raise AwsUsageError(f"only 'aws s3 cp' is emulated, not 'aws {' '.join(args[:2])}'")
    positional, options, rest = [], {}, list(args[2:])
    while rest:
        arg = rest.pop(0)
        name, has_value, value = arg.partition("=")
        if name in AWS_OPTIONS_WITH_VALUE:
            if not has_value:
                if not rest:
                    raise AwsUsageError(f"{name} needs a value")
                value = rest.pop(0)
            options[name] = value
        elif arg in AWS_FLAGS:
            options[arg] = True
        elif arg.startswith("-"):
            raise AwsUsageError(f"option {arg} of 'aws s3 cp' is not emulated")
        else:
            positional.append(arg)
    if len(positional) != 2:
        raise AwsUsageError("'aws s3 cp' takes a source and a destination")
    remote = [p.startswith("s3://") for p in positional]
    if remote.count(True) != 1:
        raise AwsUsageError("exactly one of source and destination must be s3://BUCKET/KEY")
    if "--region" not in options:
        raise AwsUsageError("--region is required (the user-data always names it)")
    return positional[0], positional[1], options


def split_s3_url(url):
    bucket, _, key = url[len("s3://"):].partition("/")
    if not bucket or not key:
        raise AwsUsageError(f"{url} is not s3://BUCKET/KEY")
    return bucket, key


def s3_client_with_instance_credentials(region, endpoint):
    """An S3 client signing (s3v4) with the instance profile's credentials, found as the
    AWS CLI finds them on an instance: botocore's instance-metadata provider, which reads
    AWS_EC2_METADATA_SERVICE_ENDPOINT (the fake IMDS in the sandbox) and refreshes them."""
    # The real CLI waits 1 s for IMDS, once; this machine is shared and may be slower.
    os.environ.setdefault("AWS_METADATA_SERVICE_TIMEOUT", "5")
    os.environ.setdefault("AWS_METADATA_SERVICE_NUM_ATTEMPTS", "3")
    import botocore.session
    from botocore.config import Config
    from botocore.credentials import CredentialResolver, create_credential_resolver
    session = botocore.session.get_session()
    imds_provider = create_credential_resolver(session).get_provider("iam-role")
    session.register_component("credential_provider", CredentialResolver([imds_provider]))
    return session.create_client(
        "s3", region_name=region, endpoint_url=endpoint,
        config=Config(signature_version="s3v4", s3={"addressing_style": "path"},
                      retries={"mode": "standard", "total_max_attempts": 3}))


def aws_s3_cp(args):
    """The AWS CLI's `aws s3 cp`, one object either way. Exit status 0 when copied, 1 when the
    copy failed (the CLI's "download failed: ..." line on stderr), 2 for anything not
    emulated."""
    try:
        source, destination, options = parse_aws_s3_cp(args)
        bucket, key = split_s3_url(source if source.startswith("s3://") else destination)
    except AwsUsageError as usage:
        print(f"aws (fake_aws shim): {usage}", file=sys.stderr)
        return 2
    endpoint = options.get("--endpoint-url") or os.environ.get("AWS_ENDPOINT_URL_S3") or \
        os.environ.get("AWS_ENDPOINT_URL")
    import botocore.exceptions
    downloading = source.startswith("s3://")
    try:
        client = s3_client_with_instance_credentials(options["--region"], endpoint)
        if downloading:
            download(client, bucket, key, destination)
        else:
            upload(client, source, bucket, key)
    except (botocore.exceptions.BotoCoreError, botocore.exceptions.ClientError, OSError) as error:
        verb = "download" if downloading else "upload"
        print(f"{verb} failed: {source} to {destination} {error}", file=sys.stderr)
        return 1
    if "--only-show-errors" not in options:
        print(f"{'download' if downloading else 'upload'}: {source} to {destination}")
    return 0


def download(client, bucket, key, destination):
    if destination.endswith("/") or os.path.isdir(destination):
        destination = os.path.join(destination, os.path.basename(key))
    body = client.get_object(Bucket=bucket, Key=key)["Body"].read()
    partial = destination + ".partial"  # like the CLI: the file appears only when complete
    with open(partial, "wb") as f:
        f.write(body)
    os.replace(partial, destination)


def upload(client, source, bucket, key):
    import mimetypes
    with open(source, "rb") as f:
        body = f.read()
    content_type = mimetypes.guess_type(source)[0]  # the CLI guesses it the same way
    client.put_object(Bucket=bucket, Key=key, Body=body,
                      **({"ContentType": content_type} if content_type else {}))


def main():
    name, args = os.path.basename(sys.argv[1]), sys.argv[2:]
    if name == "aws":
        record(name, args)
        return aws_s3_cp(args)
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
