#!/bin/sh
# kill_test.sh - writes survive a killed simulator.  The stand-alone writer
# tests/dasd/killwriter.c runs under `cpcms machine` against a durable
# volume, a 3330 (CKD) and then a 3370 (FBA); each run is killed with
# SIGKILL at a random moment, KILL_RUNS times (default 12) per volume.
# Each write is one channel program that stores a number in a slot's
# primary and mirror copy; the writer prints "done K" after the program
# ended.  At start each run prints what every slot holds, and this script
# checks it against every "done" line printed before:
#   - primary and mirror are equal and not torn (the program's writes are
#     one transaction: all or nothing);
#   - each slot holds at least the last number reported done for it (no
#     ended program's write is lost) and at most one more than the last
#     number reported at all (the one program in flight may have ended
#     unreported);
# and `cpcms dasd check` passes after every kill.
B=${B:-build}
RUNS=${KILL_RUNS:-12}
D=$B/tests/dasd/killwriter.deck
[ -f "$D" ] || { echo "FAIL: $D not built"; exit 1; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
SLOTS=12

# check OUT STATE: the slot lines of OUT against STATE ("s lastdone" per
# slot, and "max N"); prints problems, exits 1 if any.
check_slots() {
    awk -v slots=$SLOTS '
    FNR == NR { if ($1 == "max") max = $2; else last[$1] = $2; next }
    $1 == "slot" {
        s = $2; p = $3; m = $4; seen++
        if (p != m) { print "slot " s ": primary " p ", mirror " m ": torn program"; bad++ }
        if (p < 0) { print "slot " s ": torn copy"; bad++ }
        if ((s in last) && p + 0 < last[s] + 0) { print "slot " s ": holds " p ", but " last[s] " was done"; bad++ }
        if (p + 0 > max + 1) { print "slot " s ": holds " p ", beyond the last done " max " + 1"; bad++ }
        if (p + 0 > 0 && p % slots != s) { print "slot " s ": holds " p ", not its own"; bad++ }
    }
    END { exit bad ? 1 : 0 }' "$2" "$1"
}

for vol in "3330 2" "3370 2000"; do
    set -- $vol
    V=$T/k$1.vol
    "$B/cpcms" dasd create "$1" "$2" KILL01 "$V" > /dev/null || { echo "FAIL: create $1"; exit 1; }
    echo "max 0" > "$T/state"
    total=0 runs_with_writes=0
    i=0
    while [ $i -le "$RUNS" ]; do
        out=$T/out.$1.$i
        "$B/cpcms" machine --reader "$D" --dasd "$V@190" --ipl 00C --max-seconds 30 \
            > "$out" 2> "$out.err" < /dev/null &
        pid=$!
        delay=$(awk -v seed="$$$i$1" 'BEGIN { srand(seed); printf "%.2f", 0.15 + rand() * 0.5 }')
        sleep "$delay"
        kill -9 "$pid" 2> /dev/null
        wait "$pid" 2> /dev/null
        if grep -q "^killwriter: \(reading\|write\|sense\|SIO\)" "$out"; then
            echo "FAIL: $1 run $i: the writer failed:"; cat "$out" "$out.err"; fail=1
        fi
        if ! check_slots "$out" "$T/state" > "$T/problems"; then
            echo "FAIL: $1 run $i (after a kill):"; cat "$T/problems"; fail=1
        fi
        if ! "$B/cpcms" dasd check "$V" > "$T/check" 2>&1; then
            echo "FAIL: $1 run $i: dasd check:"; cat "$T/check"; fail=1
        fi
        # The new state: the last done number per slot, and the highest.
        n=$(grep -c '^done ' "$out")
        total=$((total + n))
        [ "$n" -gt 0 ] && runs_with_writes=$((runs_with_writes + 1))
        awk -v slots=$SLOTS '
            FNR == NR { if ($1 == "max") max = $2; else last[$1] = $2; next }
            $1 == "done" { last[$2 % slots] = $2; if ($2 > max) max = $2 }
            END { for (s in last) print s, last[s]; print "max", max + 0 }' "$T/state" "$out" > "$T/state.new"
        mv "$T/state.new" "$T/state"
        echo "$1 run $i: killed after ${delay}s, $n programs done"
        i=$((i + 1))
    done
    echo "$1: $total programs done in $runs_with_writes of $((RUNS + 1)) runs"
    if [ "$runs_with_writes" -lt $((RUNS / 2)) ]; then
        echo "FAIL: $1: too few runs got as far as writing: the test proves little"; fail=1
    fi
done
exit $fail
