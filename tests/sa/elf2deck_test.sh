#!/bin/sh
# elf2deck_test.sh - checks of tools/elf2deck: bad inputs are refused with
# "elf2deck: FILE: reason" and status 1 (and no output file), and a good
# S/370 ELF gives a deck of 80-byte cards whose first card holds the IPL
# PSW and the two CCWs that read the first CCW card and chain to it.
#
# usage: elf2deck_test.sh [ELF2DECK GOOD.elf]  (run by `make check` and
# `make sa-check`; the defaults are in the build directory $B)
# Prints "N passed, M failed"; exits non-zero if anything failed.

B=${B:-build}
E2D=${1:-$B/tools/elf2deck}
GOOD=${2:-$B/tests/sa/hello.elf}
[ -x "$E2D" ] && [ -f "$GOOD" ] || { echo "usage: $0 ELF2DECK GOOD.elf" >&2; exit 2; }

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
pass=0
fail=0

ok() { pass=$((pass + 1)); echo "ok   - $1"; }
bad() { fail=$((fail + 1)); echo "FAIL - $1"; }

# hex BYTES of FILE from OFFSET: bytes_at FILE OFFSET COUNT
bytes_at() { od -An -v -tx1 -j "$2" -N "$3" "$1" | tr -d ' \n'; }

# patch one byte: poke FILE OFFSET OCTAL (offsets below assume the
# program headers right after the ELF header, at 52, as ld writes them)
poke() { printf "\\$3" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null; }

# expect_error NAME FILE MESSAGE-FRAGMENT
expect_error() {
	rm -f "$T/out.deck"
	"$E2D" "$2" "$T/out.deck" 2>"$T/err"
	rc=$?
	msg=$(cat "$T/err")
	case $msg in
	"elf2deck: $2: "*"$3"*)
		if [ $rc -eq 1 ] && [ ! -e "$T/out.deck" ]; then
			ok "$1: $msg"
		else
			bad "$1: status $rc or output left behind"
		fi ;;
	*)	bad "$1: status $rc, message '$msg'" ;;
	esac
}

expect_error "missing file" "$T/nonexistent.elf" "No such file"
: > "$T/empty"
expect_error "empty file" "$T/empty" "empty file"
head -c 30 "$GOOD" > "$T/short"
expect_error "truncated header" "$T/short" "truncated ELF header"
head -c 2 "$GOOD" > "$T/tiny"
expect_error "two bytes of ELF magic" "$T/tiny" "truncated ELF header"
printf 'this is a text file\nnot an ELF file\n' > "$T/text"
expect_error "text file" "$T/text" "not an ELF file"
expect_error "host ELF ($E2D)" "$E2D" "not a 32-bit ELF"
cp "$GOOD" "$T/le"; poke "$T/le" 5 001
expect_error "little-endian" "$T/le" "not a big-endian"
cp "$GOOD" "$T/cls"; poke "$T/cls" 4 002
expect_error "ELFCLASS64" "$T/cls" "not a 32-bit ELF"
cp "$GOOD" "$T/mach"; poke "$T/mach" 19 003
expect_error "wrong machine" "$T/mach" "not an S/390 ELF"
cp "$GOOD" "$T/type"; poke "$T/type" 17 001
expect_error "relocatable, not executable" "$T/type" "not an executable"
cp "$GOOD" "$T/phoff"; poke "$T/phoff" 28 177
expect_error "program headers beyond the file" "$T/phoff" "program headers beyond"
cp "$GOOD" "$T/noload"; poke "$T/noload" 55 006
expect_error "no PT_LOAD" "$T/noload" "no PT_LOAD"
head -c 2000 "$GOOD" > "$T/cut"
expect_error "segment cut short" "$T/cut" "beyond the end of the file"
cp "$GOOD" "$T/low"; poke "$T/low" 65 000; poke "$T/low" 66 000
expect_error "segment in low core" "$T/low" "low core"
cp "$GOOD" "$T/huge"; poke "$T/huge" 73 017
expect_error "image above the heap limit" "$T/huge" "above 0x"

# A good image
if "$E2D" "$GOOD" "$T/good.deck" 2>"$T/err"; then
	ok "good ELF converted"
else
	bad "good ELF refused: $(cat "$T/err")"
fi
size=$(wc -c < "$T/good.deck")
if [ "$size" -gt 160 ] && [ $((size % 80)) -eq 0 ]; then
	ok "deck is $((size / 80)) cards of 80 bytes"
else
	bad "deck size $size is not a multiple of 80"
fi
entry=$(bytes_at "$GOOD" 24 4)
psw=$(bytes_at "$T/good.deck" 0 8)
if [ "$psw" = "00080000$entry" ]; then
	ok "IPL PSW $psw (EC mode, disabled, entry $entry)"
else
	bad "IPL PSW $psw, expected 00080000$entry"
fi
ccw1=$(bytes_at "$T/good.deck" 8 8)
ccw2=$(bytes_at "$T/good.deck" 16 8)
l=$(echo "$ccw1" | cut -c3-8)
case $ccw1 in
02??????60000050) ok "CCW 1: read 80 bytes into $l, CC+SLI" ;;
*) bad "CCW 1 is $ccw1" ;;
esac
if [ "$ccw2" = "08${l}00000000" ]; then
	ok "CCW 2: TIC to $l"
else
	bad "CCW 2 is $ccw2, expected TIC to $l"
fi
if [ $((0x$l % 8)) -eq 0 ] && [ $((0x$l)) -ge $((0x$entry)) ]; then
	ok "L = 0x$l is doubleword aligned, above the image start"
else
	bad "L = 0x$l"
fi
rest=$(bytes_at "$T/good.deck" 24 56)
if [ -z "$(echo "$rest" | tr -d 0)" ]; then
	ok "rest of card 1 is zero"
else
	bad "rest of card 1 is not zero"
fi
first=$(bytes_at "$T/good.deck" 80 8)
case $first in
02??????60000050) ok "first CCW card starts with a data CCW" ;;
*) bad "first CCW card starts with $first" ;;
esac

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
