#!/bin/sh
# privtest_test.sh - tests/cp/privtest.c issues privileged instructions
# and causes interruptions, checking each result from inside.  It runs on
# the bare machine and as a guest of CP (a saved system IPLed in the
# operator's 1 MB virtual machine); both runs must pass every check and
# print the same lines, but for STIDP's version code, which is X'FF' in a
# virtual machine.
B=${B:-build}
T=$(mktemp -d)
trap 'kill $cpcon_pid 2>/dev/null; rm -rf "$T"' EXIT
. tests/cp/cpcon.sh
fail=0
bare_run privtest 1M || fail=1

"$B/cpcms" sysgen --type 3330 --cylinders 20 --directory tests/cp/test.direct --system PRIVTEST="$B/tests/cp/privtest.elf" \
    "$T/sysres.vol" > /dev/null || exit 1
for mode in --deterministic ""; do
    cpcon_start "$T/sysres.vol" $mode || exit 1
    cpcon_ipl_guest privtest 60 || fail=1
    cpcon_stop
    grep -q "^stidp version FF$" "$T/cp" || { echo "FAIL: STIDP version not FF under CP"; fail=1; }
    if ! diff "$T/bare" "$T/cp" | grep '^[<>]' | grep -v 'stidp version' > "$T/diff"; then
        echo "ok: the same results under CP ($mode) as on the bare machine"
    else
        echo "FAIL: CP ($mode) and the bare machine differ:"; cat "$T/diff"; fail=1
    fi
done
grep -c ': ok$' "$T/cp"
exit $fail
