#!/bin/sh
# fuzz_dasd_test.sh - wild channel programs against a CKD and an FBA
# volume under ASan and UBSan (tests/fuzz/fuzz_dasd.c); any host fault,
# undefined behaviour or a damaged volume file fails.
B=${B:-build}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
for seed in 1 2 3; do
    "$B/tests/fuzz/fuzz_dasd" "$T" $seed 15000 2> "$T/err" || { tail -20 "$T/err"; exit 1; }
done
