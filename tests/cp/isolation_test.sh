#!/bin/sh
# isolation_test.sh - fifty guests at once, each tests/cp/isolate.c: a
# hostile program (wild channel programs, storage beyond its size, keys,
# timers, DIAGNOSE with bad operands) that then checks a pattern of its
# own in its storage, round after round, while the others run.  The
# operator AUTOLOGs them; their consoles are disconnected, so their
# output comes to the operator, their secondary user (the directory's
# CONSOLE statement).  Every guest must end with exit(0), CP must go on.
B=${B:-build}
N=${N:-50}
T=$(mktemp -d)
trap 'kill $cpcon_pid 2>/dev/null; [ -n "$KEEP" ] || rm -rf "$T"' EXIT
. tests/cp/cpcon.sh
fail=0
{
    echo "USER OPERATOR OPERATOR 1M 1M ABCDEFGH"
    echo " CONSOLE 009 3215"
    i=1
    while [ $i -le $N ]; do
        printf 'USER U%02d U%02d 1M 1M G\n CONSOLE 009 3215 T OPERATOR\n IPL ISOLATE\n' $i $i
        i=$((i + 1))
    done
} > "$T/users.direct"
"$B/cpcms" sysgen --type 3330 --cylinders 20 --directory "$T/users.direct" \
    --system ISOLATE="$B/tests/cp/isolate.elf" "$T/sysres.vol" > "$T/gen" || { cat "$T/gen"; exit 1; }
cpcon_start "$T/sysres.vol" || exit 1
cpcon_autolog_all u%02d $N 120
cpcon_since > "$T/out"
logged=$(grep -c "^AUTO LOGON \*\*\*  U[0-9][0-9]" "$T/out")
ok=$(grep -c "^U[0-9][0-9] *: isolate: ok$" "$T/out")
ended=$(grep -c "^U[0-9][0-9] *: DMKDSP450W CP ENTERED; DISABLED WAIT PSW 000A0000 00000000$" "$T/out")
echo "$logged logged on, $ok ok, $ended ended with exit(0)"
[ "$logged" = $N ] && [ "$ok" = $N ] && [ "$ended" = $N ] ||
    { echo "FAIL: not every guest held"; grep -v "isolate: ok\|000A0000 00000000$\|AUTO LOGON" "$T/out" | sed 's/^U[0-9]*//' | sort | uniq -c | sort -rn | head -20; fail=1; }
cpcon_send "query names"
cpcon_wait "U$(printf %02d $N) *- DSC" || fail=1
cpcon_stop
[ "$cpcon_status" = 0 ] || { echo "FAIL: CP ended with status $cpcon_status"; fail=1; }
exit $fail
