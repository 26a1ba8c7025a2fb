#!/bin/sh
# fuzz_test.sh - millions of random instructions under ASan and UBSan
# (tests/fuzz/fuzz_cpu.c); any host fault or undefined behaviour fails.
B=${B:-build}
for seed in 1 2 3; do
    "$B/tests/fuzz/fuzz_cpu" $seed 2000000 || exit 1
done
