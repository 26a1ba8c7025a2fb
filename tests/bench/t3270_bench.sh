#!/bin/sh
# t3270_bench.sh BUILD - the TN3270 server under load (the devices
# issue's speed targets): 1000 sessions connected to the echo program's
# 1000 displays (tests/t3270/echo3270.c built for 100-4E7), first idle for
# 10 seconds while the simulator's CPU time is measured (target: none
# measurable), then 200 of them pressing Enter once a second for 20
# seconds, each round trip from the Enter to the updated screen timed at
# the client (target: 99th percentile under 5 ms).
B=${1:-build}
T=$(mktemp -d)
pid=
trap 'kill $pid 2>/dev/null; rm -rf "$T"' EXIT
. tests/t3270/echo1000.sh
echo "== TN3270: 1000 sessions, idle then 200 typing (tests/t3270/load3270.py)"
echo1000_start || exit 1
python3 tests/t3270/load3270.py "127.0.0.1:$port" 1000 --idle 10 --pid $pid --typing 200 --seconds 20
echo "   targets: no measurable CPU while idle; p99 under 5 ms with 200 typing"
