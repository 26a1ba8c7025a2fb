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
ulimit -n 4096 2>/dev/null
echo "== TN3270: 1000 sessions, idle then 200 typing (tests/t3270/load3270.py)"
"$B/cpcms" machine --reader "$B/tests/t3270/echo1000.deck" --ipl 00C \
    --3270 100-1FF --3270 200-2FF --3270 300-3FF --3270 400-4E7 \
    --tn3270 127.0.0.1:0 --tn3270-max 1010 --max-seconds 600 < /dev/null \
    > "$T/machine.out" 2> "$T/machine.err" &
pid=$!
port=
for i in $(seq 100); do
    port=$(sed -n 's/.*listening on port //p' "$T/machine.err")
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "$port" ] || { cat "$T/machine.err"; exit 1; }
python3 tests/t3270/load3270.py "127.0.0.1:$port" 1000 --idle 10 --pid $pid --typing 200 --seconds 20
echo "   targets: no measurable CPU while idle; p99 under 5 ms with 200 typing"
