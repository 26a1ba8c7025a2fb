#!/bin/sh
# fullscreen_test.sh - DIAGNOSE X'58' on a real TN3270 client: GUEST logs
# on through s3270 and IPLs tests/cp/fstest.c, which writes full screens
# and reads what is typed (tests/cp/s3270drive.py plays the user): the
# full screen appears, the read returns the AID, the cursor and the
# field typed; CP's line-mode screen comes back with the program's next
# line (what was there before kept); PA1 during a read takes the screen
# back to CP (CP READ, the read ends with unit exception) and BEGIN goes
# on; PA1 asked for by the program is its input; a message from the
# operator during a read shows in line mode and ends the read the same
# way; Read Buffer gives the whole screen; a Write of more than 4K shows;
# Clear its AID alone; X'19'
# empties CP's output area, shows a line in it, rejects too much
# CP's output area.  Meanwhile MAINT, on another terminal, sees nothing
# of it and works on.
B=${B:-build}
command -v s3270 >/dev/null 2>&1 || { echo "SKIP: s3270 is not installed"; exit 0; }
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 is not installed"; exit 0; }
T=$(mktemp -d)
other=
fs=
trap 'kill $cpcon_pid $other $fs 2>/dev/null; [ -n "$KEEP" ] || rm -rf "$T"' EXIT
fail=0
. tests/check.sh
. tests/cp/cpcon.sh

"$B/cpcms" sysgen --type 3330 --cylinders 20 --directory tests/cp/test.direct \
    --system FSTEST="$B/tests/cp/fstest.elf" "$T/sysres.vol" > "$T/sysgen.out" 2>&1 ||
    { cat "$T/sysgen.out"; exit 1; }
cpcon_start "$T/sysres.vol" --3270 0C0-0C3 --tn3270 127.0.0.1:0 --max-seconds 150 || exit 1
port=$(cpcon_port)
[ -n "$port" ] || { echo "FAIL: no TN3270 port"; exit 1; }

# MAINT on another terminal, working before, during and after.
S3270_LOG="$T/other.screens" timeout 120 python3 tests/cp/s3270drive.py "127.0.0.1:$port" \
    > "$T/other.out" 2>&1 <<EOS &
wait Type LOGON and your user id
type logon maint
enter
wait ENTER PASSWORD:
type maint
enter
wait LOGON AT
type query cplevel
enter
wait CPCMS CP RELEASE
sleep 6
screen
type query time
enter
wait TIME IS
screen
EOS
other=$!

S3270_LOG="$T/fs.screens" timeout 120 python3 tests/cp/s3270drive.py "127.0.0.1:$port" \
    > "$T/fs.out" 2>&1 <<EOS &
wait Type LOGON and your user id
type logon guest
enter
wait ENTER PASSWORD:
type guest
enter
wait LOGON AT
type ipl fstest
enter
wait FULL SCREEN TEST
screen
type hello fs
enter
wait FSREAD CC=0
wait FSTEST LINE MODE
wait VM READ
screen
type go
enter
wait SECOND SCREEN
pa1
wait CP READ
gone SECOND SCREEN
type begin
enter
wait FSREAD2 CC=1
wait VM READ
type go
enter
wait THIRD SCREEN
pa1
wait FSREAD3
wait VM READ
type go
enter
wait FOURTH SCREEN
wait MSG FROM OPERATOR: hello guest
wait FSREAD4 CC=1
wait VM READ
type go
enter
wait FIFTH SCREEN
type abc
pf3
wait SIXTH SCREEN
wait A DATA STREAM OF MORE THAN 4K
clear
wait FSREAD6
wait VM READ
screen
type go
enter
wait DISPLAYED BY X'19'
wait FSDISPLAY CC=0
wait DISABLED WAIT PSW 000A0000 00000000
stamp final
screen
type logoff
enter
wait LOGOFF AT
EOS
fs=$!
# The operator's message while fstest's fourth read waits.
for i in $(seq 600); do
    grep -q "FOURTH SCREEN" "$T/fs.screens" 2>/dev/null && break
    sleep 0.1
done
echo "msg guest hello guest" >&3
wait $fs || { echo "FAIL: session fs:"; tail -30 "$T/fs.out"; fail=1; }
wait $other || { echo "FAIL: session other:"; tail -30 "$T/other.out"; fail=1; }

S=$T/fs.screens
check "$T/fs.out" "FSTEST CONSOLE CC=0 CLASS=40 TYPE=01 MODEL=[2-5] COLS=80" "X'24': the console is on a 3278"
check "$T/fs.out" "^screen:  FULL SCREEN TEST" "the full screen, from the top line"
check "$T/fs.out" "FSREAD0 CC=1 STATUS=0D" "X'2A' read before any full-screen write: unit exception"
check "$T/fs.out" "FSWRITE CC=0" "X'29' write: cc 0"
check "$T/fs.out" "FSREAD CC=0 AID=7D CURSOR=169 DATA=hello fs" "X'2A' read: Enter, the cursor, the field typed"
check "$T/fs.out" "FSREAD2 CC=1 STATUS=0D" "PA1 during a read: CP READ, the read ends with unit exception"
check "$T/fs.out" "FSREAD3 CC=0 AID=6C" "PA1 asked for by the program: its input"
check "$T/fs.out" "FSREAD4 CC=1 STATUS=0D" "a message during a read: line mode, the read ends with unit exception"
check "$T/fs.out" "FSREAD5 CC=0 AID=F3 TITLE=1 TYPED=1" "Read Buffer: PF3, the whole screen with what was typed"
check "$T/fs.out" "FSREAD6 CC=0 AID=6D NEXT=00 BIG CC=0" "Clear: the AID alone; a Write of over 4K before it: cc 0"
check "$T/fs.out" "FSDISPLAY CC=0 0 0 1 SENSE=80" "X'19': CP's screen rewritten, emptied, a line, too much rejected (command reject)"
check "$S" "DISPLAYED BY X'19'" "X'19': a line in CP's output area"
if awk '/^stamp: final/ { f = 1 }
        f && /FSDISPLAY/ { d = 1 } f && /FSTEST LINE MODE/ { l = 1 }
        END { exit !(d && !l) }' "$T/fs.out"; then
    echo "ok: X'19' X'FF' emptied the output area"
else
    echo "FAIL: X'19' X'FF' emptied the output area"; fail=1
fi
# Back in line mode, the lines from before the full screen are there.
if awk '/^----$/ { if (a && b) ok = 1; a = b = 0; next }
        /FSTEST LINE MODE/ { a = 1 } /FSREAD CC=0/ { b = 1 }
        END { exit !ok }' "$S"; then
    echo "ok: line mode again with the output area as it was"
else
    echo "FAIL: line mode again with the output area as it was"; fail=1
fi
if grep -q "FULL SCREEN TEST\|SECOND SCREEN\|THIRD SCREEN\|FSTEST" "$T/other.screens"; then
    echo "FAIL: MAINT's terminal saw GUEST's screens"; fail=1
else
    check "$T/other.screens" "TIME IS" "MAINT's terminal undisturbed, and working"
fi

echo shutdown >&3
wait $cpcon_pid
status=$?
[ $status = 0 ] || { echo "FAIL: CP ended with status $status"; tail -5 "$T/console.out"; fail=1; }
exit $fail
