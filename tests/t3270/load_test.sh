#!/bin/sh
# load_test.sh - 1000 TN3270 sessions at once (tests/t3270/load3270.py)
# against the echo program built for the 1000 displays 100-4E7: every
# session gets its first screen and has an Enter served.
B=${B:-build}
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 is not installed"; exit 0; }
N=${N:-1000}
T=$(mktemp -d)
pid=
trap 'kill $pid 2>/dev/null; [ -n "$KEEP" ] || rm -rf "$T"' EXIT
. tests/t3270/echo1000.sh
echo1000_start || exit 1
[ "$(ulimit -n)" -ge $((N * 2 + 64)) ] || { echo "SKIP: $(ulimit -n) file descriptors are too few"; exit 0; }
timeout 280 python3 tests/t3270/load3270.py "127.0.0.1:$port" "$N"
status=$?
[ $status = 0 ] || { echo "FAIL: not every session was served (status $status)"; tail -5 "$T/machine.err"; }
exit $status
