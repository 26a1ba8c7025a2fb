#!/bin/sh
# paging_test.sh - more virtual storage than real: N guests (default 4)
# of 6M each, tests/cp/pagetest.c, at once on an 8M machine, plus one of
# 16M alone on it.  Each writes all of its storage and checks it, round
# after round, with storage keys; CP must page them through the paging
# area that sysgen put on the system residence volume, and every guest
# must end with exit(0) having seen its own data.  The operator's
# INDICATE USER shows the paging, and QUERY PAGING the area.
B=${B:-build}
N=${N:-4}
T=$(mktemp -d)
trap 'kill $cpcon_pid 2>/dev/null; [ -n "$KEEP" ] || rm -rf "$T"' EXIT
. tests/cp/cpcon.sh
fail=0
{
    echo "USER OPERATOR OPERATOR 16M 16M ABCDEFGH"
    echo " CONSOLE 009 3215"
    i=1
    while [ $i -le $N ]; do
        printf 'USER P%02d P%02d 6M 6M G\n CONSOLE 009 3215 T OPERATOR\n IPL PAGETEST\n' $i $i
        i=$((i + 1))
    done
} > "$T/users.direct"
"$B/cpcms" sysgen --type 3350 --cylinders 120 --paging 100 --cms none --directory "$T/users.direct" \
    --system PAGETEST="$B/tests/cp/pagetest.elf" "$T/sysres.vol" > "$T/gen" || { cat "$T/gen"; exit 1; }
grep -q "paging area: cylinders 20-119, 12000 pages" "$T/gen" ||
    { echo "FAIL: sysgen's paging area:"; cat "$T/gen"; fail=1; }
cpcon_start "$T/sysres.vol" --storage 8M || exit 1
grep -q "^DMKPAG400I PAGING AREA: 12000 PAGES ON 123, CYLINDERS 20-119" "$CPCON_OUT" ||
    { echo "FAIL: CP did not find the paging area"; fail=1; }
start=$(date +%s.%N)
cpcon_autolog_all p%02d $N 180
cpcon_since > "$T/out"
ok=$(grep -c "^P[0-9][0-9] *: pagetest: ok$" "$T/out")
ended=$(grep -c "^P[0-9][0-9] *: DMKDSP450W CP ENTERED; DISABLED WAIT PSW 000A0000 00000000$" "$T/out")
secs=$(echo "$(date +%s.%N) - $start" | bc)
echo "$N guests of 6M on an 8M machine: $ok ok, $ended ended with exit(0) in ${secs}s"
[ "$ok" = $N ] && [ "$ended" = $N ] || { echo "FAIL: not every guest kept its storage:"; grep -v ": ok$" "$T/out" | head -20; fail=1; }
cpcon_send "indicate user p01"
cpcon_wait "READS=0*[1-9][0-9]* WRITES=0*[1-9]" || fail=1
cpcon_send "query paging"
cpcon_wait "^PAGING AREA 12000 PAGES, [0-9]+ IN USE; [1-9][0-9]* READ, [1-9][0-9]* WRITTEN SINCE IPL" || fail=1
# the whole machine's worth for one guest, alone
cpcon_send "define storage 16m"
cpcon_wait "^STORAGE = 16384K" || fail=1
cpcon_send "ipl pagetest"
cpcon_wait "^DMKDSP450W" 300 || fail=1
cpcon_since | grep -q "^pagetest: ok" || { echo "FAIL: a 16M guest on an 8M machine:"; cpcon_since | tail -5; fail=1; }
cpcon_stop
[ "$cpcon_status" = 0 ] || { echo "FAIL: CP ended with status $cpcon_status"; fail=1; }
exit $fail
