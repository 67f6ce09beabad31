"""python3 -m fake_aws --state-dir DIR [--port-file FILE] [--no-boot]: serves until killed."""
import argparse
import faulthandler
import os
import signal
import sys

from .server import make_server


def main():
    parser = argparse.ArgumentParser(prog="fake_aws")
    parser.add_argument("--state-dir", required=True, help="request log and boot sandboxes")
    parser.add_argument("--port", type=int, default=0, help="0: the OS chooses")
    parser.add_argument("--port-file", help="write the URL here once listening")
    parser.add_argument("--no-boot", action="store_true", help="never run user-data")
    args = parser.parse_args()
    server, fake = make_server(args.state_dir, args.port, boot=not args.no_boot)
    if args.port_file:
        tmp = args.port_file + ".tmp"
        with open(tmp, "w") as f:
            f.write(fake.url + "\n")
        os.replace(tmp, args.port_file)
    print(fake.url, flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    # `kill -USR1 PID` prints every thread's stack to stderr (DIR/fake.stderr): a hung fake
    # shows where it waits.
    faulthandler.register(signal.SIGUSR1, all_threads=True)
    try:
        server.serve_forever()
    finally:
        fake.close()


if __name__ == "__main__":
    main()
