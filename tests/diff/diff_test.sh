#!/bin/sh
# diff_test.sh - the differential test: run each pure-S/370 program of
# tests/diff (built by `make` into $B/tests/diff/NAME.deck) on cpcms and on
# Hercules 3.13 in S/370 mode, and compare the results area that the
# program fills (tests/diff/diff.h) record by record (compare.awk).
#
#   B=build sh tests/diff/diff_test.sh [NAME...]
#
# Without hercules on the PATH the test is skipped (exit 0).  The known
# Hercules discrepancies are listed in tests/diff/KNOWN-DIFFERENCES.md;
# the programs mark the steps they affect (KNOWN in diff.h) and only those
# fields of those records are left out of the comparison.
#
# Both machines have 2M of storage; the results are dumped from RESULTS
# (diff.h) to the end record.  Hercules runs headless: an automatic
# operator rule fires at the disabled wait (HHCCP011I), runs a script of
# `r` commands (at most 999 lines each) and quits.
#
# With KEEP=1 the dumps and Hercules' files stay in the temporary
# directory it names; `awk -v mode=list -f tests/diff/compare.awk DUMP`
# prints a dump's records one a line.
B=${B:-build}
here=$(dirname "$0")
RESULTS=80000           # RESULTS and RESULTS_END - 1 in diff.h
RESULTS_LAST=1FFFFF
limit=60                # seconds for each run

if ! command -v hercules > /dev/null 2>&1; then
    echo "hercules not found: differential test skipped"
    exit 0
fi

if [ $# -gt 0 ]; then
    names="$*"
else
    names=
    for d in "$here"/*.S; do
        names="$names $(basename "$d" .S)"
    done
fi

tmp=$(mktemp -d)
if [ -n "$KEEP" ]; then
    echo "keeping $tmp"
else
    trap 'rm -rf "$tmp"' EXIT INT TERM
fi

# run_cpcms NAME: the canonical dump of NAME on cpcms into $tmp/NAME.cpcms
run_cpcms() {
    "$B/cpcms" machine --storage 2M --reader "$B/tests/diff/$1.deck" --ipl 00C \
        --deterministic --max-seconds $limit --dump $RESULTS-$RESULTS_LAST \
        > "$tmp/$1.cpcms.raw" 2> "$tmp/$1.cpcms.err" < /dev/null
    sed -n -e 's/^Disabled wait state, PSW /PSW /p' \
        -e '/^[0-9A-F]\{8\}: /p' "$tmp/$1.cpcms.raw" > "$tmp/$1.cpcms"
}

# run_hercules NAME END: the canonical dump of RESULTS..END on Hercules
# into $tmp/NAME.herc
run_hercules() {
    deck=$(cd "$B/tests/diff" && pwd)/$1.deck
    d=$tmp/$1.h
    mkdir -p "$d"
    cat > "$d/herc.cnf" <<EOC
ARCHMODE  S/370
MAINSIZE  2
NUMCPU    1
CODEPAGE  819/037
0009 3215-C / noprompt
000C 3505 $deck ebcdic eof
EOC
    printf 'hao tgt HHCCP011I\nhao cmd script dump.rc\nipl 00c\n' > "$d/herc.rc"
    a=$((0x$RESULTS))
    end=$((0x$2))
    : > "$d/dump.rc"
    while [ $a -lt $end ]; do
        n=$((end - a))
        [ $n -gt $((0x3000)) ] && n=$((0x3000))
        printf 'r %X.%X\n' $a $n >> "$d/dump.rc"
        a=$((a + n))
    done
    echo quit >> "$d/dump.rc"
    (cd "$d" && HERCULES_RC=herc.rc timeout $limit hercules -f herc.cnf -d \
        < /dev/null > log 2>&1)
    {
        sed -n '/^HHCCP011I/,$s/^ *PSW=\([0-9A-F]\{8\}\) \([0-9A-F]\{8\}\).*/PSW \1 \2/p' \
            "$d/log" | head -1
        sed -n '/^script dump.rc/,$s/^R:\([0-9A-F]\{8\}\):K:[0-9A-F]\{2\}=\([0-9A-F ]\{35\}\).*/\1: \2/p' "$d/log"
    } > "$tmp/$1.herc"
}

pass=0
fail=0
for t in $names; do
    if [ ! -f "$B/tests/diff/$t.deck" ]; then
        echo "FAIL $t: $B/tests/diff/$t.deck not built (make)"
        fail=$((fail + 1))
        continue
    fi
    run_cpcms "$t"
    end=$(awk -v mode=end -f "$here/compare.awk" "$tmp/$t.cpcms")
    if [ -z "$end" ]; then
        echo "FAIL $t: no end record on cpcms"
        tail -n 5 "$tmp/$t.cpcms.err"
        fail=$((fail + 1))
        continue
    fi
    run_hercules "$t" "$end"
    # A Hercules whose storage display came out short (on a badly
    # overloaded host its run can reach the time limit while it prints)
    # gets one more run; any real difference still shows in the comparison.
    want=$(( (0x$end - 0x$RESULTS + 15) / 16 ))
    if [ "$(grep -c ': ' "$tmp/$t.herc")" -lt "$want" ]; then
        echo "note: $t: Hercules printed less storage than asked; running it once more"
        run_hercules "$t" "$end"
    fi
    if ! grep -q '^PSW ' "$tmp/$t.herc"; then
        echo "FAIL $t: Hercules did not reach a disabled wait; its log ends:"
        tail -n 15 "$tmp/$t.h/log"
        fail=$((fail + 1))
        continue
    fi
    if out=$(awk -v mode=cmp -v name="$t.S" -f "$here/compare.awk" \
            "$tmp/$t.cpcms" "$tmp/$t.herc"); then
        echo "PASS $t: $(echo "$out" | tail -1)"
        pass=$((pass + 1))
    else
        echo "FAIL $t:"
        echo "$out"
        fail=$((fail + 1))
    fi
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
