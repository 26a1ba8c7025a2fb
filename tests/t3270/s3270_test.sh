#!/bin/sh
# s3270_test.sh - TN3270 sessions with s3270 against a stand-alone S/370
# program (tests/t3270/echo3270.c) that drives the 3270 displays 0C0-0C3:
# TN3270E (model 4, s3270's default), plain TN3270 (model 2, "N:" host
# prefix), model 5, a TN3270E device name, Enter/PF/PA/Clear, a device in
# use, disconnect and reconnect to the same device, a client that never
# negotiates, and PF12 ending the program with exit status 0.
# Run from the top of the tree with B=build directory.  Every process has
# a time limit; the machine is killed on the way out.
B=${B:-build}
command -v s3270 >/dev/null 2>&1 || { echo "SKIP: s3270 is not installed"; exit 0; }
deck=$B/tests/t3270/echo3270.deck
[ -f "$deck" ] || { echo "FAIL: $deck missing (make)"; exit 1; }
tmp=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT INT TERM
fails=0
py=$(command -v python3)
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

"$B/cpcms" machine --reader "$deck" --ipl 00C --3270 0C0-0C3 --tn3270 127.0.0.1:0 \
    --tn3270-timeout 2 --max-seconds 120 > "$tmp/machine.out" 2> "$tmp/machine.err" < /dev/null &
pid=$!
port=
for i in $(seq 50); do
    port=$(sed -n 's/.*listening on port //p' "$tmp/machine.err")
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "$port" ] || { cat "$tmp/machine.err"; echo "FAIL: no TN3270 port"; exit 1; }
echo "machine on port $port"

# s3270 NAME [OPTIONS] < commands: run a session, output in $tmp/NAME.
session() {
    name=$1; shift
    timeout 30 s3270 "$@" -script > "$tmp/$name" 2>&1
    echo "$name: exit $?"
}
# expect NAME TEXT: the session's output has TEXT on a screen line.
expect() {
    grep -q "^data: .*$2" "$tmp/$1" || { fail "$1: no '$2' on the screen"; sed -n 's/^data: //p' "$tmp/$1" | grep -v '^ *$' | head -20; }
}

# 1. TN3270E, model 4, keys.
session tn3270e <<EOS
Connect(127.0.0.1:$port)
Wait(10,InputField)
Ascii()
String("hello world")
Enter()
Wait(10,Unlock)
Ascii()
String("second")
PF(5)
Wait(10,Unlock)
Ascii()
PA(1)
Wait(10,Unlock)
Ascii()
Clear()
Wait(10,Unlock)
Ascii()
Disconnect()
EOS
expect tn3270e "DEVICE 0C0 - 43x80"
expect tn3270e "LAST ROW 43 OF 43"
expect tn3270e "AID: NONE  COUNT: 0  CONNECTED"
expect tn3270e "YOU TYPED: hello world"
expect tn3270e "AID: ENTER  COUNT: 1"
expect tn3270e "YOU TYPED: second"
expect tn3270e "AID: PF5  COUNT: 2"
expect tn3270e "AID: PA1  COUNT: 3"
expect tn3270e "AID: CLEAR  COUNT: 4"
grep -q "connected to 0C0 as IBM-3278-4-E (TN3270E)" "$tmp/machine.err" || fail "no TN3270E log line"

# 2. Plain TN3270 (no TN3270E), model 2.
session tn3270 -model 3278-2 <<EOS
Connect(N:127.0.0.1:$port)
Wait(10,InputField)
String("plain")
Enter()
Wait(10,Unlock)
Ascii()
Disconnect()
EOS
expect tn3270 "DEVICE 0C0 - 24x80"
expect tn3270 "LAST ROW 24 OF 24"
expect tn3270 "YOU TYPED: plain"
grep -q "connected to 0C0 as IBM-3278-2-E$" "$tmp/machine.err" || fail "no TN3270 log line"

# 3. Model 5.
session model5 -model 3278-5 <<EOS
Connect(127.0.0.1:$port)
Wait(10,InputField)
Ascii()
Disconnect()
EOS
expect model5 "DEVICE 0C0 - 27x132"
expect model5 "LAST ROW 27 OF 27"

# 4. A device by its TN3270E name; typing; disconnect; then reconnect to
#    the same device, which must work and start afresh.
session named <<EOS
Connect(0C2@127.0.0.1:$port)
Wait(10,InputField)
String("on 0c2")
Enter()
Wait(10,Unlock)
Ascii()
Disconnect()
EOS
expect named "DEVICE 0C2 - 43x80"
expect named "YOU TYPED: on 0c2"
session renamed <<EOS
Connect(0C2@127.0.0.1:$port)
Wait(10,InputField)
Ascii()
String("again")
Enter()
Wait(10,Unlock)
Ascii()
Disconnect()
EOS
expect renamed "DEVICE 0C2 - 43x80"
expect renamed "AID: NONE  COUNT: 0  CONNECTED"
expect renamed "YOU TYPED: again"

# 5. A device in use: while a session holds 0C1, a second one asking for
#    0C1 is refused; one asking for any device gets another.
(printf 'Connect(0C1@127.0.0.1:%s)\nWait(10,InputField)\nWait(6,Seconds)\nAscii()\nDisconnect()\n' "$port" |
    timeout 30 s3270 -script > "$tmp/holder" 2>&1) &
holder=$!
for i in $(seq 100); do
    grep -q "connected to 0C1" "$tmp/machine.err" && break
    sleep 0.1
done
session busy <<EOS
Connect(0C1@127.0.0.1:$port)
Wait(5,InputField)
Ascii()
EOS
grep -q "DEVICE 0C1" "$tmp/busy" && fail "a second session got device 0C1 while it was in use"
grep -q "closed (the 3270 device asked for is in use)" "$tmp/machine.err" || fail "no log line for the refused session"
session other <<EOS
Connect(127.0.0.1:$port)
Wait(10,InputField)
Ascii()
Disconnect()
EOS
grep -q "^data: .*DEVICE 0C[023]" "$tmp/other" || fail "a session for any device did not get a free one"
wait $holder
expect holder "DEVICE 0C1 - 43x80"

if [ -n "$py" ]; then
# 6. A client that never negotiates is dropped after the timeout (2 s).
python3 - "$port" <<'EOPY' || fail "a silent client was not dropped"
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10)
t = time.time()
while s.recv(100):
    pass
sys.exit(0 if time.time() - t < 8 else 1)
EOPY
grep -q "negotiation not finished in time" "$tmp/machine.err" || fail "no timeout log line"

# 6b. A client that breaks the protocol is dropped at once, with the reason.
python3 - "$port" <<'EOPY' || fail "a client sending garbage was not dropped"
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5)
s.recv(3)                       # DO TN3270E
s.sendall(b"\xff\xfb\x28\xff\x01garbage")
t = time.time()
while s.recv(100):
    pass
sys.exit(0 if time.time() - t < 2 else 1)
EOPY
grep -q "closed (IAC followed by a byte that is no telnet command)" "$tmp/machine.err" || fail "no log line for the garbage"
else
    echo "SKIP: python3 is not installed: no silent or garbage clients"
fi

# 7. PF12 ends the program: the machine exits with status 0.
session bye <<EOS
Connect(127.0.0.1:$port)
Wait(10,InputField)
PF(12)
Wait(3,Seconds)
Ascii()
EOS
expect bye "GOODBYE"
status=
for i in $(seq 50); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid"; status=$?; break; }
    sleep 0.1
done
pid=
[ "$status" = 0 ] || fail "the machine did not end with status 0 after PF12 (status '$status')"

if [ -n "$py" ]; then
# 8. The connection limit: with --tn3270-max 1 a second client is told
#    so and closed, and the first is not disturbed.
"$B/cpcms" machine --reader "$deck" --ipl 00C --3270 0C0 --tn3270 0 --tn3270-max 1 \
    --max-seconds 30 > "$tmp/machine2.out" 2> "$tmp/machine2.err" < /dev/null &
pid=$!
port=
for i in $(seq 50); do
    port=$(sed -n 's/.*listening on port //p' "$tmp/machine2.err")
    [ -n "$port" ] && break
    sleep 0.1
done
python3 - "$port" <<'EOPY' || fail "the connection limit does not work"
import socket, sys
a = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5)
assert a.recv(3) == b"\xff\xfd\x28"
b = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5)
msg = b""
while True:
    d = b.recv(200)
    if not d:
        break
    msg += d
assert b"too many" in msg, msg
a.sendall(b"\xff\xfb\x28")
assert a.recv(100) == b"\xff\xfa\x28\x08\x02\xff\xf0"
EOPY
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
pid=
else
    echo "SKIP: python3 is not installed: no connection limit test"
fi

echo "--- machine stderr"; cat "$tmp/machine.err"
[ "$fails" -eq 0 ] && echo "s3270_test: all passed"
[ "$fails" -eq 0 ]
