#!/usr/bin/env bash
# End-to-end checks of the CLI surface: exit codes and messages as a user sees them.
set -u
bin="$1"
failures=0
check() {  # check NAME EXPECTED_STATUS COMMAND...
  local name="$1" expected="$2"; shift 2
  "$@" >/tmp/abc-e2e.out 2>/tmp/abc-e2e.err
  local status=$?
  if [ "$status" -ne "$expected" ]; then
    echo "FAIL $name: exit $status, expected $expected"; cat /tmp/abc-e2e.err; failures=$((failures + 1))
  fi
}
check "version" 0 "$bin" --version
check "help" 0 "$bin" --help
check "unknown command" 2 "$bin" shedule plan
grep -q "did you mean 'schedule plan'" /tmp/abc-e2e.err || { echo "FAIL did-you-mean hint"; failures=$((failures + 1)); }
exit $((failures > 0))
