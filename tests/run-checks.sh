#!/bin/sh
# run-checks.sh BUILD - run every test of `make check` and total them.
#
# Layers: cmocka unit tests (tests/unit), stand-alone S/370 programs run in
# batch mode and compared with the same source built for the host
# (tests/sa), shell tests (tests/*/*_test.sh).  The last line is the
# total, "N passed, N failed".
B=${1:-build}
pass=0
fail=0
failed=
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); failed="$failed $1"; echo "FAIL: $1"; }

echo "== unit tests"
for t in "$B"/tests/unit/test_*; do
    [ -x "$t" ] || continue
    if "$t" > "$t.log" 2>&1; then ok; else bad "$(basename "$t")"; cat "$t.log"; fi
done

echo "== stand-alone S/370 programs"
for deck in "$B"/tests/sa/*.deck; do
    [ -f "$deck" ] || continue
    name=$(basename "$deck" .deck)
    exp="$B/tests/sa/$name.expected"
    out="$B/tests/sa/$name.out"
    "$B/cpcms" machine --reader "$deck" --ipl 00C --deterministic --max-seconds 60 \
        --history 64 --symbols "$B/tests/sa/$name.elf" > "$out.raw" 2> "$out.err" < /dev/null
    status=$?
    grep -v '^Disabled wait state, PSW ' "$out.raw" > "$out"
    if [ $status -ne 0 ]; then
        bad "$name (exit $status)"; tail -5 "$out.err"
    elif ! cmp -s "$out" "$exp"; then
        bad "$name (output differs)"; diff "$exp" "$out" | head -10
    else
        ok
    fi
done

echo "== shell tests"
for t in tests/*/*_test.sh; do
    [ -f "$t" ] || continue
    if B="$B" sh "$t" > "$B/$(basename "$t").log" 2>&1; then ok; else bad "$t"; tail -20 "$B/$(basename "$t").log"; fi
done

echo
[ -n "$failed" ] && echo "failed:$failed"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
