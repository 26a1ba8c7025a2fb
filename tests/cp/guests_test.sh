#!/bin/sh
# guests_test.sh - the stand-alone programs of tests/sa run as guests of
# CP: each is a named saved system on the system residence volume, IPLed
# in the operator's virtual machine.  They run in problem state with DAT
# on; their SIO and TIO to the console, LPSW and the rest are simulated
# by CP.  Each must print exactly what it prints on the bare machine
# (NAME.expected) and end in the disabled wait of exit(0).
B=${B:-build}
T=$(mktemp -d)
trap 'kill $cpcon_pid 2>/dev/null; rm -rf "$T"' EXIT
. tests/cp/cpcon.sh
fail=0
opts=
names=
for elf in "$B"/tests/sa/*.elf; do
    case $elf in *.esa.elf) continue ;; esac
    name=$(basename "$elf" .elf)
    sys=$(echo "$name" | cut -c1-8)
    opts="$opts --system $sys=$elf"
    names="$names $name"
done
"$B/cpcms" sysgen --type 3350 --cylinders 30 --directory tests/cp/test.direct $opts "$T/sysres.vol" > "$T/gen" ||
    { cat "$T/gen"; exit 1; }
cpcon_start "$T/sysres.vol" --deterministic || exit 1
for name in $names; do
    sys=$(echo "$name" | cut -c1-8)
    cpcon_send "ipl $sys"
    if ! cpcon_wait "^DMKDSP450W CP ENTERED; DISABLED WAIT PSW" 60; then
        fail=1; continue
    fi
    cpcon_since | sed '/^DMKDSP450W/,$d' > "$T/$name.out"
    if ! cpcon_since | grep -q "DISABLED WAIT PSW 000A0000 00000000$"; then
        echo "FAIL: $name did not end with exit(0):"; cpcon_since | tail -3; fail=1
    elif ! cmp -s "$T/$name.out" "$B/tests/sa/$name.expected"; then
        echo "FAIL: $name: output differs"; diff "$B/tests/sa/$name.expected" "$T/$name.out" | head; fail=1
    else
        echo "ok: $name"
    fi
done
cpcon_send "ipl nosuch"
cpcon_wait "DMKCFG040E SYSTEM NOSUCH DOES NOT EXIST" || fail=1
cpcon_stop
[ "$cpcon_status" = 0 ] || { echo "FAIL: CP ended with status $cpcon_status"; fail=1; }
exit $fail
