#!/bin/sh
# cms_bench.sh BUILD - CMS's speed (`make bench`), beside the CMS issue's
# targets: tests/cms/cmsbench.c, a C program built with cmslib/cmscc and
# run in CMS in the operator's virtual machine, times from the TOD clock
# inside: 1,000 files made, LISTFILE of them to the console (target
# under 0.2 s) and with EXEC, a 10 MB file written through stdio, and
# COPYFILE of it through the whole stack (CMS, DIAGNOSE X'18', CP's CCW
# translation, the channel, SQLite; target 10 MB/s or better).  Reports
# what it measured; the status is nonzero only if the run failed.
B=${1:-build}
cd "$(dirname "$0")/../.." || exit 2
T=$(mktemp -d)
trap 'kill $cpcon_pid 2>/dev/null; rm -rf "$T"' EXIT
. tests/cp/cpcon.sh
cat > "$T/bench.direct" <<'DIR'
USER OPERATOR OPERATOR 8M 16M ABCDEFGH
 CONSOLE 009 3215
 MDISK 191 3350 010 065 CPSYS1 W
DIR
"$B/cpcms" sysgen --type 3350 --cylinders 80 --directory "$T/bench.direct" \
    --system CMS="$B/cms/cms.elf" "$T/sysres.vol" > /dev/null 2>&1 || exit 1
"$B/cpcms" cmsfs format --label BENCH "$T/sysres.vol" OPERATOR.191 > /dev/null || exit 1
"$B/cpcms" cmsfs put --binary "$T/sysres.vol" OPERATOR.191 "$B/tests/cms/cmsbench.text" \
    "CMSBENCH TEXT A" || exit 1
cpcon_start "$T/sysres.vol" || exit 1
cpcon_send "ipl cms"
cpcon_wait "^Ready" 30 || exit 1
cpcon_send "load cmsbench"
cpcon_wait "^Ready" 30 || exit 1
cpcon_send "start * 1000 10"
cpcon_wait "^Ready" 300 || exit 1
cpcon_since | grep "^BENCH" > "$T/res"
cpcon_stop
ms() { sed -n "s/^BENCH $1: \([0-9]*\) MS.*/\1/p" "$T/res"; }
rate() { sed -n "s/^BENCH $1: .* \([0-9.]*\) MB\/S/\1/p" "$T/res"; }
echo "CMS benchmarks (this machine, $(date -u +%Y-%m-%d))"
printf '  %-34s %12s %16s\n' "what" "measured" "target"
printf '  %-34s %9s ms %16s\n' "make 1,000 files (stdio, a program)" "$(ms 'MAKE 1000 FILES')" "-"
printf '  %-34s %9s ms %16s\n' "LISTFILE of 1,000 files" "$(ms 'LISTFILE 1000 FILES')" "under 200 ms"
printf '  %-34s %9s ms %16s\n' "LISTFILE (EXEC of 1,000 files" "$(ms 'LISTFILE (EXEC 1000 FILES')" "-"
printf '  %-34s %7s MB/s %16s\n' "write 10 MB through stdio" "$(rate 'WRITE 10 MB')" "-"
printf '  %-34s %7s MB/s %16s\n' "COPYFILE of 10 MB" "$(rate 'COPYFILE 10 MB')" "10 MB/s or better"
[ -s "$T/res" ]
