#!/bin/sh
# diagfuzz_test.sh - tests/cp/diagfuzz.c in the operator's virtual
# machine: thousands of random DIAGNOSEs (codes CP knows and codes it
# does not, operands in storage, beyond it, beyond 24 bits, misaligned)
# and random channel programs on the console, two minidisks and absent
# devices.  CP must survive all of it: the program ends with exit(0),
# CP answers a command after it and shuts down cleanly.
B=${B:-build}
T=$(mktemp -d)
trap 'kill $cpcon_pid 2>/dev/null; rm -rf "$T"' EXIT
. tests/cp/cpcon.sh
fail=0
printf 'USER OPERATOR OPERATOR 1M 16M ABCDEFGH\n CONSOLE 009 3215\n MDISK 191 3330 020 005 CPSYS1 W\n MDISK 192 3330 025 002 CPSYS1 R\n' > "$T/fuzz.direct"
"$B/cpcms" sysgen --type 3330 --cylinders 40 --directory "$T/fuzz.direct" \
    --system DIAGFUZZ="$B/tests/cp/diagfuzz.elf" "$T/sysres.vol" > "$T/gen" 2>&1 || { cat "$T/gen"; exit 1; }
cpcon_start "$T/sysres.vol" || exit 1
if cpcon_ipl_guest diagfuzz 240; then
    echo "ok: $(grep 'diagfuzz:' "$T/cp") of random DIAGNOSEs and channel programs, exit(0)"
else
    fail=1
fi
grep -i "PANIC" "$CPCON_OUT" && { echo "FAIL: CP panicked"; fail=1; }
cpcon_send "query time"
cpcon_wait "^TIME IS" || fail=1
cpcon_stop
[ "$cpcon_status" = 0 ] && echo "ok: CP went on and shut down" ||
    { echo "FAIL: CP ended with status $cpcon_status"; fail=1; }
exit $fail
