#!/bin/sh
# operator_test.sh - `cpcms machine --operator` driven by a script on stdin:
# a breakpoint at main by symbol, registers, a step, an altered register,
# start to the end, quit; then --break without an operator, and the end of
# the operator's input standing for quit.
B=${B:-build}
elf=$B/tests/sa/hello.elf
deck=$B/tests/sa/hello.deck
[ -f "$elf" ] && [ -f "$deck" ] || { echo "no $deck (make first)"; exit 1; }
main=$(sed -n 's/^0*\([0-9a-fA-F]*\) T main$/\1/p' "$B/tests/sa/hello.sym" | tr a-f A-F)
main=$(printf '%06X' "0x$main")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
. tests/check.sh

timeout 30 "$B/cpcms" machine --operator --reader "$deck" --symbols "$elf" --deterministic \
    --max-seconds 20 > "$tmp/out" 2> "$tmp/err" <<'CMDS'
b main
ipl 00C
gpr
s
gpr 3=1234
gpr
psw
r main.8
.typed on the console
frobnicate
start
quit
CMDS
status=$?
cat "$tmp/out" "$tmp/err"
[ $status -eq 0 ] && echo "ok: exit status 0" || { echo "FAIL: exit status $status"; fail=1; }
check "$tmp/out" "^breakpoint at $main main" "breakpoint set by symbol"
check "$tmp/out" "stopped (breakpoint) at $main main" "stopped at main"
check "$tmp/out" "^R12=.*R15=000" "registers displayed"
check "$tmp/out" "^$main [0-9A-F]* *[A-Z]" "the step shows main's first instruction"
check "$tmp/out" "ia=.* main+0x" "the PSW after the step is inside main"
check "$tmp/out" "R3 =00001234" "register 3 altered"
check "$tmp/out" "^R:$main  " "storage at main displayed"
check "$tmp/out" "^frobnicate: unknown command" "a bad command gets one line"
check "$tmp/out" "^Hello, S/370!" "the program's output"
check "$tmp/out" "^Disabled wait state, PSW 000A0000 00000000" "the program ends"

# --break without an operator: the stop, the registers, the history, 123.
timeout 30 "$B/cpcms" machine --break main --history 4 --reader "$deck" --ipl 00C \
    --symbols "$elf" --max-seconds 20 > "$tmp/out2" 2> "$tmp/err2" < /dev/null
status=$?
cat "$tmp/err2"
[ $status -eq 123 ] && echo "ok: --break exits 123" || { echo "FAIL: --break exit status $status"; fail=1; }
check "$tmp/err2" "stopped (breakpoint) at $main main" "--break stops at main"
check "$tmp/err2" "^R12=" "--break shows the registers"
check "$tmp/err2" "^Last 4 instructions" "--break shows the history"

# The end of the operator's input: the machine runs on; its end is the run's.
printf 'ipl 00C\n' | timeout 30 "$B/cpcms" machine --operator --reader "$deck" \
    --max-seconds 20 > "$tmp/out3" 2>&1
status=$?
[ $status -eq 0 ] && echo "ok: end of input" || { echo "FAIL: end of input: exit status $status"; fail=1; }
check "$tmp/out3" "^Hello, S/370!" "the program ran after the input ended"
exit $fail
