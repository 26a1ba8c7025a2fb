#!/bin/sh
# ckdio_test.sh - the stand-alone program tests/dasd/ckdio.c, IPLed from
# the card reader, drives a 3330 volume through channel programs; run twice
# on the same volume, its counter record shows that the first run's writes
# were committed, and the volume checks clean after each run.
B=${B:-build}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
D=$B/tests/dasd/ckdio.deck
[ -f "$D" ] || { echo "FAIL: $D not built"; exit 1; }
"$B/cpcms" dasd create 3330 2 SCRATC "$T/v.vol" > /dev/null || exit 1
fail=0
for want in 1 2; do
    "$B/cpcms" machine --reader "$D" --dasd "$T/v.vol@190" --ipl 00C --deterministic \
        --max-seconds 60 > "$T/out" 2>&1 < /dev/null
    status=$?
    cat "$T/out"
    if [ $status != 0 ] || ! grep -q "ckdio: run $want\$" "$T/out" ||
       ! grep -q "sense ID FF 3830 02 3330 01" "$T/out"; then
        echo "FAIL: run $want: status $status"; fail=1
    fi
    "$B/cpcms" dasd check "$T/v.vol" || fail=1
done
exit $fail
