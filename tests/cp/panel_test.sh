#!/bin/sh
# panel_test.sh - the operator's panel of `cpcms run` on a terminal: on a
# pseudo-terminal (TERM=xterm, tests/cp/ptyscreen.py keeps the screen) the
# default system in a new data directory shows its state and devices (an
# s3270 client on its 3270), a
# CP command typed on the command line is answered in the messages, the
# history brings it back, a resize redraws, and SHUTDOWN ends the run with
# the terminal as it was; Ctrl-C twice stops the simulator.  With
# TERM=dumb or --no-panel the console stays plain.
B=${B:-build}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat > "$T/script" <<END
wait DMKCPI957I CP READY 60
run sleep 10 | s3270 127.0.0.1:$port
wait TN3270 clients 1
wait 0C0 3270 +(idle|busy) 127\.0\.0\.1:[0-9]+
wait 0C1\.\.\. 3270: 31 free for TN3270 clients
wait tn3270: 127\.0\.0\.1:[0-9]+: connected to 0C0
END
cat >> "$T/script" <<'END'
wait cpcms +(RUNNING|WAIT) +PSW [0-9A-F]{8} [0-9A-F]{8} +[0-9.]+ MIPS +host CPU
wait 009 3215 +idle operator's console
wait 123 3350 +(idle|busy) CPSYS1 .*sysres.vol
wait tn3270 server listening on port
type query names\r
wait \nquery names\n(.*\n)*OPERATOR +- DSC
type \x1b[A
wait ==> query names
type \x15query time\r
wait TIME IS
resize 24 120
wait (?s)^ cpcms .*3270: 3[12] free.*TIME IS
type shutdown\r
wait SYSTEM SHUTDOWN COMPLETE
end 30
END
TERM=xterm PTY_RAW="$T/raw" timeout 120 python3 tests/cp/ptyscreen.py "$T/script" -- \
    "$B/cpcms" run --data "$T/data" --listen 127.0.0.1:$port > "$T/out" 2>&1
cat "$T/out"
grep -q "^FAIL" "$T/out" && fail=1
grep -q "^status 0$" "$T/out" || { echo "FAIL: the run did not end with status 0"; fail=1; }
# the alternate screen was left, and the end of the run printed after it
if python3 - "$T/raw" <<'END'
import sys
raw = open(sys.argv[1], 'rb').read()
leave = raw.rfind(b'\x1b[?1049l')
sys.exit(0 if leave > raw.rfind(b'\x1b[?1049h') and b'SYSTEM SHUTDOWN COMPLETE' in raw[leave:] else 1)
END
then echo "ok: the terminal given back, the last messages printed on it"
else echo "FAIL: the alternate screen not left, or no last messages after it"; fail=1; fi

# Ctrl-C twice stops the simulator without SHUTDOWN (status 123), and the
# terminal is given back as well
cat > "$T/script3" <<'END'
wait DMKCPI957I CP READY 60
type \x03
wait Ctrl-C again stops the simulator
type \x03
end 30
END
TERM=xterm timeout 120 python3 tests/cp/ptyscreen.py "$T/script3" -- \
    "$B/cpcms" run --data "$T/data" --listen 127.0.0.1:0 > "$T/out3" 2>&1
if grep -q "^FAIL" "$T/out3" || ! grep -q "^status 123$" "$T/out3"; then
    echo "FAIL: Ctrl-C twice"; cat "$T/out3"; fail=1
else
    echo "ok: Ctrl-C twice stops the simulator (status 123), terminal modes restored"
fi

# TERM=dumb or --no-panel: the plain console, on the same terminal
cat > "$T/script2" <<'END'
wait DMKCPI957I CP READY 60
type query names\r
wait OPERATOR +- DSC
type shutdown\r
end 30
END
for how in "TERM=dumb" "--no-panel"; do
    if [ "$how" = TERM=dumb ]; then term=dumb opt=; else term=xterm opt=--no-panel; fi
    TERM=$term PTY_RAW="$T/raw2" timeout 120 python3 tests/cp/ptyscreen.py "$T/script2" -- \
        "$B/cpcms" run --data "$T/data" --listen 127.0.0.1:0 $opt > "$T/out2" 2>&1
    grep -q "^FAIL" "$T/out2" && { cat "$T/out2"; fail=1; }
    if grep -q "$(printf '\033\\[?1049h')" "$T/raw2"; then
        echo "FAIL: $how got the panel"; fail=1
    else
        echo "ok: $how: the plain console"
    fi
done
exit $fail
