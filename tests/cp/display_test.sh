#!/bin/sh
# display_test.sh - DISPLAY and STORE with VM/370's operands in the
# operator's virtual machine: storage as hex (L, or no letter), with its
# EBCDIC (T), its keys (K), ranges by end (- or :) and by length (.);
# STORE S (bytes), G, X (control), Y (floating point), PSW with one word
# or two, CAW and CSW.  A floating-point register STOREd reaches the
# guest: a program STOREd into storage keeps it with STD.
B=${B:-build}
T=$(mktemp -d)
trap 'kill $cpcon_pid 2>/dev/null; rm -rf "$T"' EXIT
. tests/cp/cpcon.sh
fail=0
# say COMMAND PATTERN WHAT: the command's answer must match
say() {
    cpcon_send "$1"
    if cpcon_wait "$2" 5 > /dev/null; then echo "ok: $3"; else echo "FAIL: $3 ($1):"; cpcon_since; fail=1; fi
}
"$B/cpcms" sysgen --type 3330 --cylinders 20 --directory tests/cp/test.direct "$T/sysres.vol" > /dev/null 2>&1 || exit 1
cpcon_start "$T/sysres.vol" --deterministic || exit 1

say "store 1000 C1C2C3C4 F1F2F3F4" "STORE COMPLETE" "STORE of storage"
say "display t1000.8" "^001000  C1C2C3C4 F1F2F3F4  KEY 00  \*ABCD1234\*$" "DISPLAY T: hex and EBCDIC"
say "store s1002 C5C6" "STORE COMPLETE" "STORE S: bytes anywhere"
say "display l1000:1007" "^001000  C1C2C5C6 F1F2F3F4  KEY 00$" "DISPLAY L with :end"
say "display 1002" "^001000  C1C2C5C6 " "DISPLAY rounds down to a fullword"
say "display k0-fff" "^000000  [0-9A-F][0-9A-F] [0-9A-F][0-9A-F]$" "DISPLAY K: the keys of two 2K blocks"
say "display k" "^0FC000  00 00 00 00 00 00 00 00$" "DISPLAY K alone: every block of the 1M machine"
say "store caw 00001000" "STORE COMPLETE" "STORE CAW"
say "display caw" "^CAW = 00001000$" "DISPLAY CAW"
say "store csw 01020304 05060708" "STORE COMPLETE" "STORE CSW"
say "display csw" "^CSW = 01020304 05060708$" "DISPLAY CSW"
say "display 40.8" "^000040  01020304 05060708 " "the CSW is at X'40'"
say "store x1 00ABCDEF" "STORE COMPLETE" "STORE X"
say "display x1" "^CPR  1 = 00ABCDEF$" "DISPLAY X"
say "display c0-1" "^CPR  0 = [0-9A-F]{8} 00ABCDEF$" "DISPLAY C, as X"
say "store g14 12345678 9ABCDEF0" "STORE COMPLETE" "STORE G"
say "display g14.2" "^GPR 14 = 12345678 9ABCDEF0$" "DISPLAY G with a count"
say "display ge-f" "^GPR 14 = 12345678 9ABCDEF0$" "DISPLAY G in hex"
say "store y1 4110000000000000" "DMKCDS026E" "STORE Y of an odd register"
say "store y8 4110000000000000" "DMKCDS026E" "STORE Y beyond register 6"
say "store y0 4110000000000000 C1200000FFFFFFFF" "STORE COMPLETE" "STORE Y"
say "display y0-2" "^FPR 2 = C1200000 FFFFFFFF$" "DISPLAY Y"
say "store psw 00002000" "STORE COMPLETE" "STORE PSW of one word"
say "display psw" "^PSW = 00000000 00002000$" "one word is the second"
say "display q" "^DMKCDS026E" "DISPLAY of nonsense"
say "display 1000000" "^DMKCDS026E" "DISPLAY beyond 24 bits"
say "display g16" "^DMKCDS026E" "DISPLAY of register 16"
say "display y8" "^DMKCDS026E" "DISPLAY Y beyond register 6"
say "store s1001 C" "^DMKCDS026E" "STORE S of half a byte"

# The guest gets what STORE Y gave: STD 0,X'300'; LPSW X'400'.
cpcon_send "store 1000 60000300 82000400"
cpcon_send "store 400 00020000 00000000"
cpcon_send "store y0 4220000012345678"
say "store psw 00000000 00001000" "STORE COMPLETE" "the program stored"
say "begin" "DISABLED WAIT PSW 00020000 00000000$" "the program ran"
say "display 300.8" "^000300  42200000 12345678 " "the guest had FPR 0 as STOREd"
cpcon_stop
exit $fail
