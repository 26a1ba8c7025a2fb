#!/bin/sh
# badinput_test.sh - `cpcms machine` refuses bad input with a message that
# names the file and the problem, and a distinct exit status; nothing runs.
B=${B:-build}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
# expect STATUS MESSAGE-FRAGMENT ARGS...
expect() {
    want=$1 frag=$2
    shift 2
    "$B/cpcms" machine "$@" > "$T/out" 2> "$T/err" < /dev/null
    got=$?
    if [ "$got" != "$want" ] || ! grep -q -- "$frag" "$T/err"; then
        echo "FAIL: cpcms machine $*: status $got (want $want), stderr:"; cat "$T/err"
        fail=1
    else
        echo "ok: $frag"
    fi
}
head -c 100 "$B/tests/sa/hello.deck" > "$T/trunc.deck"
: > "$T/empty.deck"
expect 127 "an ELF file, not a card deck" --reader "$B/tests/sa/hello.elf" --ipl 00C
expect 127 "trunc.deck: size 100 is not a multiple of 80" --reader "$T/trunc.deck" --ipl 00C
expect 127 "cannot open" --reader "$T/nonexistent" --ipl 00C
expect 127 "IPL 00C: IPL failed" --reader "$T/empty.deck" --ipl 00C
expect 127 "IPL 123: IPL device is not attached" --ipl 123
expect 2 "--ipl CUU is required" --reader "$B/tests/sa/hello.deck"
expect 2 "give a device address" --ipl XYZ
expect 2 "--storage 17M" --storage 17M --ipl 00C
expect 2 "START <= END" --dump 200-100 --ipl 00C
# A program that never stops is ended by the time limit (status 124): card
# 1 is the IPL PSW (EC mode, address 200) and a CCW reading card 2 to 200;
# card 2 is BC 15,X'200', a branch to itself.
{ printf '\000\010\000\000\000\000\002\000\002\000\002\000\040\000\000\120'
  head -c 64 /dev/zero
  printf '\107\360\002\000'
  head -c 76 /dev/zero; } > "$T/loop.deck"
expect 124 "time limit reached" --reader "$T/loop.deck" --ipl 00C --max-seconds 0.5
exit $fail
