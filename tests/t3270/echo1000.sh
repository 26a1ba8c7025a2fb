# echo1000.sh - sourced by load_test.sh and tests/bench/t3270_bench.sh:
# start the echo program built for the 1000 displays 100-4E7
# (tests/t3270/echo3270.c) behind the TN3270 server on a free loopback
# port.  Needs B and T; sets pid (the simulator) and port, or returns 1
# with the simulator's messages shown.
echo1000_start() {
    ulimit -n 4096 2>/dev/null || ulimit -n 2048 2>/dev/null
    "$B/cpcms" machine --reader "$B/tests/t3270/echo1000.deck" --ipl 00C \
        --3270 100-1FF --3270 200-2FF --3270 300-3FF --3270 400-4E7 \
        --tn3270 127.0.0.1:0 --tn3270-max 1010 --max-seconds 600 < /dev/null \
        > "$T/machine.out" 2> "$T/machine.err" &
    pid=$!
    port=
    for i in $(seq 100); do
        port=$(sed -n 's/.*listening on port //p' "$T/machine.err")
        [ -n "$port" ] && return 0
        sleep 0.1
    done
    cat "$T/machine.err"
    echo "FAIL: no TN3270 port"
    return 1
}
