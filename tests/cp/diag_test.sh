#!/bin/sh
# diag_test.sh - tests/cp/diagtest.c, IPLed in the operator's virtual
# machine, checks CP's DIAGNOSE codes from inside (each line ok or
# FAILED) and ends with exit(0); the X'08' command without a response
# buffer answers on the operator's console.  Then the user DISC, AUTOLOGged
# (disconnected, its console output to the operator), IPLs it for the
# checks of a console without a terminal.
B=${B:-build}
T=$(mktemp -d)
trap 'kill $cpcon_pid 2>/dev/null; rm -rf "$T"' EXIT
. tests/cp/cpcon.sh
fail=0
{ cat tests/cp/test.direct
  printf 'USER DISC DISC 1M 1M G\n CONSOLE 009 3215 T OPERATOR\n IPL DIAGTEST\n'; } > "$T/diag.direct"
"$B/cpcms" sysgen --type 3330 --cylinders 20 --directory "$T/diag.direct" \
    --system DIAGTEST="$B/tests/cp/diagtest.elf" "$T/sysres.vol" > /dev/null || exit 1
cpcon_start "$T/sysres.vol" --deterministic || exit 1
cpcon_send "ipl diagtest"
cpcon_wait "^DMKDSP450W" 60 || fail=1
cpcon_since > "$T/out"
cat "$T/out"
grep -q "DISABLED WAIT PSW 000A0000 00000000$" "$T/out" || { echo "FAIL: diagtest did not pass"; fail=1; }
grep -q "FAILED" "$T/out" && fail=1
grep -q "^CPCMS CP RELEASE 1 LEVEL 0$" "$T/out" || { echo "FAIL: X'08' without a buffer"; fail=1; }
cpcon_send "autolog disc"
cpcon_wait "^DISC *: DMKDSP450W" 60 || fail=1
cpcon_since > "$T/disc"
cat "$T/disc"
grep -q "^DISC *: DMKDSP450W CP ENTERED; DISABLED WAIT PSW 000A0000 00000000$" "$T/disc" ||
    { echo "FAIL: diagtest as DISC did not pass"; fail=1; }
grep -q "FAILED" "$T/disc" && fail=1
cpcon_stop
exit $fail
