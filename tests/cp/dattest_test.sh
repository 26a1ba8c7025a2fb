#!/bin/sh
# dattest_test.sh - virtual DAT: tests/cp/dattest.c builds its own
# segment and page tables, turns DAT on and checks translation, the
# translation exceptions, PTLB, a new CR1, LRA and keys through DAT in
# the three formats.  It runs on the bare machine and as a guest of CP
# (a saved system IPLed in the operator's virtual machine, 2M), where it
# runs under shadow tables (cp/shadow.c); both runs must pass every
# check and print the same lines.  Then it runs in an 8M guest on a 4M
# machine, so that CP pages the guest's storage under the shadow tables
# while the program works through DAT over all of it.
B=${B:-build}
T=$(mktemp -d)
trap 'kill $cpcon_pid 2>/dev/null; [ -n "$KEEP" ] || rm -rf "$T"' EXIT
. tests/cp/cpcon.sh
fail=0
bare_run dattest 2M || fail=1
grep -q "^dattest: 0 failed$" "$T/bare" || { echo "FAIL: bare machine:"; grep FAILED "$T/bare"; fail=1; }

"$B/cpcms" sysgen --type 3350 --cylinders 60 --paging 30 --cms none --directory tests/cp/test.direct \
    --system DATTEST="$B/tests/cp/dattest.elf" "$T/sysres.vol" > "$T/gen" || { cat "$T/gen"; exit 1; }
for mode in --deterministic ""; do
    cpcon_start "$T/sysres.vol" $mode || exit 1
    cpcon_send "define storage 2m"
    cpcon_wait "^STORAGE = 0*2048K" || fail=1
    cpcon_ipl_guest dattest 60 || fail=1
    cpcon_stop
    if diff "$T/bare" "$T/cp" > "$T/diff"; then
        echo "ok: the same results under CP ($mode) as on the bare machine"
    else
        echo "FAIL: CP ($mode) and the bare machine differ:"; cat "$T/diff"; fail=1
    fi
done
echo "$(grep -c ': ok$' "$T/cp") checks ok under CP"

# a guest bigger than the machine: its pages go to the paging area and
# come back under the shadow tables
cpcon_start "$T/sysres.vol" --storage 4M --deterministic || exit 1
cpcon_send "define storage 8m"
cpcon_wait "^STORAGE = 0*8192K" || fail=1
cpcon_send "ipl dattest"
cpcon_wait "^DMKDSP450W" 120 || fail=1
cpcon_since > "$T/big"
cpcon_send "indicate user"
cpcon_wait "READS=" || fail=1
cpcon_since | grep "READS=" > "$T/ind"
cpcon_stop
grep -q "^work: 7168K through DAT$" "$T/big" && grep -q "^dattest: 0 failed$" "$T/big" &&
    grep -q "DISABLED WAIT PSW 000A0000 00000000$" "$T/big" ||
    { echo "FAIL: an 8M guest with DAT on, on a 4M machine:"; grep -v ": ok$" "$T/big" | tail -20; fail=1; }
grep -q "READS=0*[1-9][0-9]* WRITES=0*[1-9]" "$T/ind" ||
    { echo "FAIL: the 8M guest was not paged:"; cat "$T/ind"; fail=1; }
[ $fail = 0 ] && echo "ok: an 8M guest worked through DAT on a 4M machine ($(cat "$T/ind"))"
exit $fail
