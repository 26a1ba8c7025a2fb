#!/bin/sh
# dasd_bench.sh BUILD - the DASD benchmark of `make bench`: runs
# BUILD/tests/bench/dasd_bench (dasd_bench.c says what each figure is)
# in a temporary directory on the disk that holds the build (volumes are
# files there), DASD_BENCH_REPS times (default 3), and prints the best of
# each figure beside the issue's target (for durable and fast volumes; a
# synced one, a disk sync a program, has none); then the same operations
# from a guest program (dasdio.S) on cpcms, each kind of volume, and on Hercules
# 3.13 in S/370 mode with its own 3350 image (made by dasdinit, timed too).
# Benchmarks report; the status is nonzero only if a run failed.
#
# Environment: DASD_BENCH_READS (random reads per mode, default 200000),
# DASD_BENCH_REPS (3), NO_HERCULES=1.  The guest runs once per machine.
B=${1:-build}
cd "$(dirname "$0")/../.." || exit 2
T=$(mktemp -d "$B/dasd-bench.XXXXXX") || exit 2
T=$(cd "$T" && pwd)     # absolute: Hercules runs in a directory of its own
trap 'rm -rf "$T"' EXIT INT TERM
READS=${DASD_BENCH_READS:-200000}
REPS=${DASD_BENCH_REPS:-3}

echo "== DASD through the channel program path: a full 3350 (555 cylinders x 30 tracks)"
echo "   best of $REPS runs; $(uptime | sed 's/.*load/load/') before"
: > "$T/out"
i=0
while [ $i -lt "$REPS" ]; do
    "$B/tests/bench/dasd_bench" "$T" "$READS" >> "$T/out" || { cat "$T/out"; exit 1; }
    i=$((i + 1))
done
echo "   $(uptime | sed 's/.*load/load/') after"
awk '
function target(mode, name) {
    if (mode == "synced") return "";
    if (name == "create+format") return "< 5 s";
    if (name == "random-reads") return ">= 100000/s";
    if (name == "seq-track-writes" || name == "seq-cyl-writes") return ">= 100 MB/s";
    return "";
}
function met(mode, name, v) {
    if (mode == "synced") return "";
    if (name == "create+format") return v < 5 ? "ok" : "missed";
    if (name == "random-reads") return v >= 100000 ? "ok" : "missed";
    if (name ~ /^seq-/) return v >= 100 ? "ok" : "missed";
    return "";
}
BEGIN {
    what["create"] = "create (HA and R0 on every track)";
    what["format"] = "format: 4 x 4K records a track, a cylinder a program";
    what["create+format"] = "created and formatted";
    what["random-reads"] = "random 4K record reads, one a program";
    what["random-reads-per-cpu-s"] = "  the same, per CPU second of the process";
    what["seq-track-writes"] = "sequential full-track writes, a track a program";
    what["seq-cyl-writes"] = "sequential full-track writes, a cylinder a program";
    printf "%-8s %-54s %16s %-12s %s\n", "mode", "operation", "best", "target", ""
}
{
    k = $1 " " $2
    if (!(k in best)) { order[n++] = k; best[k] = $3; unit[k] = $4 }
    else if ($4 == "s" ? $3 < best[k] : $3 > best[k]) best[k] = $3
}
END {
    for (i = 0; i < n; i++) {
        split(order[i], f, " ")
        printf "%-8s %-54s %10.2f %-5s %-12s %s\n", f[1], what[f[2]], best[order[i]],
            unit[order[i]], target(f[1], f[2]), met(f[1], f[2], best[order[i]])
    }
}
' "$T/out"

# --- the same operations from a guest program (dasdio.S), on cpcms and Hercules
DECK=$B/tests/bench/dasdio.deck
# Hercules' S/370 mode lacks LARL: its deck loads addresses from words (bench.h)
HDECK=$B/tests/bench/dasdio.herc.deck
HERC=$(sed -n 's/^HERCULES = //p' config.mk 2>/dev/null)
[ -n "$NO_HERCULES" ] && HERC=
[ -n "$HERC" ] && ! command -v "$HERC" > /dev/null 2>&1 && HERC=
command -v dasdinit > /dev/null 2>&1 || HERC=

# The TOD pairs of the results area (6 words of 8 hex digits, from
# cpcms's --dump or Hercules' `r`) to "format reads writes" figures.
figures() {
    sed -n 's/^\(R:\)\{0,1\}000010[456]0:\(K:..=\)\{0,1\} *\([0-9A-F]\{8\}\) \([0-9A-F]\{8\}\) \([0-9A-F]\{8\}\) \([0-9A-F]\{8\}\).*/\3 \4 \5 \6/p' "$1" |
        tr '\n' ' ' | awk '
        function hex(s,  n, i) {
            n = 0
            for (i = 1; i <= length(s); i++)
                n = n * 16 + index("0123456789ABCDEF", substr(s, i, 1)) - 1
            return n
        }
        # seconds between two TOD values given as high and low words
        function secs(h0, l0, h1, l1) { return ((hex(h1) - hex(h0)) * 4294967296 + hex(l1) - hex(l0)) / 4096 / 1e6 }
        NF == 12 {
            f = secs($1, $2, $3, $4); r = secs($5, $6, $7, $8); w = secs($9, $10, $11, $12)
            printf "%.2f %.0f %.1f\n", f, 50000 / r, 555 * 30 * 19069 / w / 1e6
        }'
}

echo
echo "== The same from a guest program (tests/bench/dasdio.S, pure S/370, SIO/TIO),"
echo "   a full 3350, one channel program per track or read, guest-timed (STCK)"
printf "%-22s %12s %14s %18s\n" "machine" "format" "random reads" "full-track writes"
if [ -f "$DECK" ]; then
    for mode in durable fast synced; do
        rm -f "$T"/guest.vol*
        opt=; [ $mode != durable ] && opt=--$mode
        "$B/cpcms" dasd create $opt 3350 555 BENCH2 "$T/guest.vol" > /dev/null || exit 1
        "$B/cpcms" machine --reader "$DECK" --dasd "$T/guest.vol@190" --ipl 00C \
            --max-seconds 600 --dump 1040-106F > "$T/guest.out" 2>&1 < /dev/null ||
            { echo "cpcms $mode: the guest failed:"; tail -3 "$T/guest.out"; exit 1; }
        set -- $(figures "$T/guest.out")
        printf "%-22s %10s s %12s/s %13s MB/s\n" "cpcms ($mode)" "$1" "$2" "$3"
    done
    rm -f "$T"/guest.vol*
else
    echo "(no $DECK)"
fi
if [ -n "$HERC" ] && [ -f "$HDECK" ]; then
    h=$T/herc
    mkdir -p "$h"
    case $HDECK in /*) deck=$HDECK ;; *) deck=$PWD/$HDECK ;; esac
    start=$(date +%s.%N)
    dasdinit "$h/h3350.ckd" 3350 HERC01 > "$h/dasdinit.log" 2>&1
    end=$(date +%s.%N)
    cat > "$h/herc.cnf" <<EOC
ARCHMODE  S/370
MAINSIZE  2
NUMCPU    1
CPUPRIO   0
CODEPAGE  819/037
0009 3215-C / noprompt
000C 3505 $deck ebcdic eof
0190 3350 $h/h3350.ckd
EOC
    printf '%s\n' 'hao tgt HHCCP011I' 'hao cmd r 1040.30' 'hao tgt ^R:00001060' \
        'hao cmd quit' 'ipl 00c' > "$h/herc.rc"
    (cd "$h" && HERCULES_RC=herc.rc timeout -k 10 600 "$HERC" -f herc.cnf -d < /dev/null > log 2>&1)
    set -- $(figures "$h/log")
    if [ $# -eq 3 ]; then
        printf "%-22s %10s s %12s/s %13s MB/s\n" "Hercules 3.13" "$1" "$2" "$3"
    else
        echo "Hercules: no results (see its log):"; grep -m3 "PSW=\|HHC.*E " "$h/log"
    fi
    awk -v s="$start" -v e="$end" 'BEGIN { printf "   dasdinit of the 3350 image (every track formatted, no sync): %.2f s\n", e - s }'
    echo "   Hercules keeps its CKD image in its own cache and writes it without a"
    echo "   sync; the like-for-like figure beside it is cpcms fast."
else
    echo "Hercules: not run (NO_HERCULES, or hercules or dasdinit not installed)"
fi
