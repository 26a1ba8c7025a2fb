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
ulimit -n 4096 2>/dev/null || ulimit -n 2048 2>/dev/null
[ "$(ulimit -n)" -ge $((N * 2 + 64)) ] || { echo "SKIP: $(ulimit -n) file descriptors are too few"; exit 0; }
"$B/cpcms" machine --reader "$B/tests/t3270/echo1000.deck" --ipl 00C --3270 100-1FF --3270 200-2FF --3270 300-3FF --3270 400-4E7 \
    --tn3270 127.0.0.1:0 --tn3270-max $((N + 10)) --max-seconds 300 < /dev/null \
    > "$T/machine.out" 2> "$T/machine.err" &
pid=$!
port=
for i in $(seq 100); do
    port=$(sed -n 's/.*listening on port //p' "$T/machine.err")
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "$port" ] || { cat "$T/machine.err"; echo "FAIL: no TN3270 port"; exit 1; }
timeout 280 python3 tests/t3270/load3270.py "127.0.0.1:$port" "$N"
status=$?
[ $status = 0 ] || { echo "FAIL: not every session was served (status $status)"; tail -5 "$T/machine.err"; }
exit $status
