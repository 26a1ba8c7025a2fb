#!/bin/sh
# cp_bench.sh BUILD - what CP's simulation of a privileged instruction
# costs (the CP issue's speed targets): tests/cp/privbench.c runs as a
# guest of CP, issuing SSM, LPSW and ISK in loops.  In the deterministic
# mode the TOD clock counts the S/370 instructions the machine executes
# (64 units each), so the guest's STCK measures them: the figure is CP's
# instructions per simulated instruction, the trapped instruction itself
# included.  A second run in real time gives microseconds on this host.
B=${1:-build}
T=$(mktemp -d)
trap 'kill $cpcon_pid 2>/dev/null; rm -rf "$T"' EXIT
. tests/cp/cpcon.sh
"$B/cpcms" sysgen --type 3330 --cylinders 20 --directory tests/cp/test.direct --system PRIVBNCH="$B/tests/cp/privbench.elf" \
    "$T/sysres.vol" > /dev/null || exit 1
for mode in --deterministic ""; do
    cpcon_start "$T/sysres.vol" $mode || exit 1
    cpcon_send "ipl privbnch"
    cpcon_wait "^DMKDSP450W" 120 || exit 1
    cpcon_since | grep -E '^(SSM|LPSW|ISK) ' > "$T/out${mode:-real}"
    cpcon_stop
done
echo "== CP: simulation of privileged instructions (guest loops of 20000, tests/cp/privbench.c)"
printf "%-6s %22s %18s %8s\n" instr "S/370 instructions" "microseconds" target
join "$T/out--deterministic" "$T/outreal" | while read -r name insns _ _ us; do
    verdict=ok
    awk -v n="$insns" 'BEGIN { exit !(n > 200) }' && verdict=above
    printf "%-6s %22s %18s %8s %s\n" "$name" "$insns" "$us" "<= 200" "$verdict"
done
