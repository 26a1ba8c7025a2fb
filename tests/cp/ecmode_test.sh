#!/bin/sh
# ecmode_test.sh - SET ECMODE in the operator's virtual machine, with a
# program STOREd into it: LCTL 0,15 and STCTL 0,15 of sixteen words, then
# LPSW of a BC-mode disabled wait.  With ECMODE ON every control register
# goes in and comes back; with ECMODE OFF the machine has control
# register 0 alone (the others are stored as zeros) and an EC-mode PSW
# is invalid: loaded by SYSTEM RESTART it stops the machine, found by
# BEGIN it is a specification exception.
B=${B:-build}
T=$(mktemp -d)
trap 'kill $cpcon_pid 2>/dev/null; rm -rf "$T"' EXIT
. tests/cp/cpcon.sh
fail=0
check() { cpcon_since | grep -q "$1" && echo "ok: $2" || { echo "FAIL: $2"; cpcon_since; fail=1; }; }
# to_wait COMMAND: CP stops the machine after it (a wait, an invalid PSW)
to_wait() { cpcon_send "$1"; cpcon_wait "DMKDSP450W" 10 || fail=1; }
# restart_to PSW: SYSTEM RESTART with PSW (two words) the restart new PSW
restart_to() { cpcon_send "store 0 $1"; to_wait "system restart"; }
"$B/cpcms" sysgen --type 3330 --cylinders 20 --directory tests/cp/test.direct "$T/sysres.vol" > /dev/null || exit 1
cpcon_start "$T/sysres.vol" --deterministic || exit 1

# The program, its control register values and its wait PSW; BEGIN.
run_program() {
    cpcon_send "store 1000 B70F0200 B60F0300 82000400"
    cpcon_send "store 200 000000F0 11111111 22222222 33333333 44444444 55555555 66666666 77777777"
    cpcon_send "store 220 88888888 99999999 AAAAAAAA BBBBBBBB CCCCCCCC DDDDDDDD EEEEEEEE FFFFFFFF"
    cpcon_send "store 300 01020304 01020304 01020304 01020304 01020304 01020304 01020304 01020304"
    cpcon_send "store 320 01020304 01020304 01020304 01020304 01020304 01020304 01020304 01020304"
    cpcon_send "store 400 00020000 00000000"
    cpcon_send "store psw 00000000 00001000"
    cpcon_wait "STORE COMPLETE" || fail=1
    to_wait begin
    check "DISABLED WAIT PSW 00020000 00000000$" "$1: the program ran to its wait"
    cpcon_send "display 300.40"
    cpcon_wait "^000330 " || fail=1
}

cpcon_send "set ecmode on"
run_program "ECMODE ON"
check "^000300  000000F0 11111111 22222222 33333333" "ECMODE ON: LCTL and STCTL of CR0-3"
check "^000330  CCCCCCCC DDDDDDDD EEEEEEEE FFFFFFFF" "ECMODE ON: LCTL and STCTL of CR12-15"
restart_to "000A0000 00000000"
check "DISABLED WAIT PSW 000A0000 00000000$" "ECMODE ON: an EC-mode PSW is loaded"

cpcon_send "set ecmode off"
run_program "ECMODE OFF"
check "^000300  000000F0 00000000 00000000 00000000" "ECMODE OFF: CR0 alone is loaded and stored"
check "^000330  00000000 00000000 00000000 00000000" "ECMODE OFF: CR12-15 stored as zeros"
cpcon_send "query set"
cpcon_wait "ECMODE" || fail=1
check "ECMODE OFF" "QUERY SET says ECMODE OFF"
restart_to "000A0000 00000000"
check "INVALID PSW 000A0000 00000000$" "ECMODE OFF: SYSTEM RESTART to an EC-mode PSW stops the machine"
cpcon_send "store 68 00020000 00000068"
cpcon_send "store psw 00080000 00001000"
cpcon_wait "STORE COMPLETE" || fail=1
to_wait begin
check "DISABLED WAIT PSW 00020000 00000068$" "ECMODE OFF: BEGIN with an EC-mode PSW takes a program interruption"
cpcon_send "display 8c.4"
cpcon_wait "^00008C " || fail=1
check "^00008C  00000006 " "ECMODE OFF: its code is specification, ILC 0 (DISPLAY of a word inside a key block)"
cpcon_stop
exit $fail
