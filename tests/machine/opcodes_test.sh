#!/bin/sh
# opcodes_test.sh - every instruction in every S/370 binary the build
# makes (stand-alone programs with the runtime and the libgcc routines
# linked into them; CP, CMS and CMS programs (.text)) must be one the machine
# implements.  The differential test programs (tests/diff) are left out:
# they are hand-written and execute invalid opcodes on purpose.  So are
# NAME.esa.elf files: they are linked for Hercules in ESA/390 mode
# (sa/sa.mk, tests/bench/bench.mk), with its channel-subsystem console,
# not for this machine, and NAME.herc.elf, the benchmark loops for
# Hercules' S/370 mode, which have a data word in their code (bench.h).
B=${B:-build}
. ./config.mk 2>/dev/null || true
objdump=$(sed -n 's/^XOBJDUMP = //p' config.mk)
fail=0
n=0
for elf in $(find "$B" \( -name '*.elf' -o -name '*.nucleus' -o -name '*.text' \) ! -path '*/tests/diff/*' \
        ! -name '*.esa.elf' ! -name '*.herc.elf' | sort); do
    n=$((n + 1))
    "$objdump" -d "$elf" | "$B/tools/insncheck" "$elf" || fail=1
done
[ "$n" -gt 0 ] || { echo "no S/370 binaries found under $B"; exit 1; }
exit $fail
