#!/bin/sh
# cmsfs_test.sh - `cpcms cmsfs` on CMS minidisks in volume files: format
# (each block size, CKD and FBA), put text and binary files, ls, get them
# back byte for byte, replace, rm; minidisks found through the user
# directory of a system residence volume; bad input (a missing volume,
# unknown users and addresses, an unformatted or damaged disk, bad file
# ids) refused with one message and status 1, changing nothing; and a
# volume attached by a running machine refused as in use.
B=${B:-${1:-build}}
T=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$T"' EXIT
fail=0
C="$B/cpcms"
. tests/cms/expect.sh

V=$T/v.vol
"$C" dasd create 3350 30 CMSV01 "$V" > /dev/null || { echo "FAIL: dasd create"; exit 1; }

# Text and binary files at every block size.
awk 'BEGIN { for (i = 1; i <= 500; i++) printf "line %d of the text, with some words%s\n", i, (i % 7 ? "" : " and more words to make it longer") }' > "$T/text"
head -c 300000 /dev/urandom > "$T/bin"
head -c 4096 /dev/urandom > "$T/bin4k"
for bs in 1024 2048 4096; do
    expect 0 "formatted, label CMSDSK, .* blocks of $bs bytes" cmsfs format --blksize $bs "$V" 2:5
    expect 0 "" cmsfs put "$V" 2:5 "$T/text" "TEXT FILE A1"
    expect 0 "" cmsfs put --binary "$V" 2:5 "$T/bin" bin.data
    expect 0 "" cmsfs put --binary "$V" 2:5 "$T/bin4k" "BIN 4K"
    expect 0 "" cmsfs put --recfm F --lrecl 80 "$V" 2:5 "$T/text" "FIXED TEXT B2"
    expect 0 "TEXT     FILE     A1 V    70      500" cmsfs ls "$V" 2:5
    expect 0 "FIXED    TEXT     B2 F    80      500" cmsfs ls "$V" 2:5
    expect 0 "BIN      DATA     A1 V  4096       74" cmsfs ls "$V" 2:5
    "$C" cmsfs get "$V" 2:5 "text file" "$T/text.out" && same "$T/text" "$T/text.out" "text back ($bs)"
    "$C" cmsfs get "$V" 2:5 FIXED.TEXT.B2 - > "$T/fixed.out" && same "$T/text" "$T/fixed.out" "F text back without the padding ($bs)"
    "$C" cmsfs get --binary "$V" 2:5 BIN.DATA "$T/bin.out" && same "$T/bin" "$T/bin.out" "binary back ($bs)"
    "$C" cmsfs get --binary "$V" 2:5 "BIN 4K" "$T/bin4k.out" && same "$T/bin4k" "$T/bin4k.out" "one-record binary back ($bs)"
done
# Binary F: the last record padded with zeros.
printf 'abc' > "$T/three"
expect 0 "" cmsfs put --binary --recfm F --lrecl 8 "$V" 2:5 "$T/three" "PAD F"
"$C" cmsfs get --binary "$V" 2:5 "PAD F" "$T/pad.out"
printf 'abc\0\0\0\0\0' > "$T/pad.want"
same "$T/pad.want" "$T/pad.out" "binary F padded with zeros"
# Replace, then rm.
printf 'short\n' > "$T/short"
expect 0 "" cmsfs put "$V" 2:5 "$T/short" "TEXT FILE"
expect 0 "TEXT     FILE     A1 V     5        1" cmsfs ls "$V" 2:5
expect 0 "" cmsfs rm "$V" 2:5 "text file"
"$C" cmsfs ls "$V" 2:5 > "$T/ls"
grep -q "^TEXT " "$T/ls" && { echo "FAIL: rm left the file"; fail=1; }
expect 1 "v.vol disk 2:5: TEXT FILE: file not found" cmsfs rm "$V" 2:5 "text file"
expect 1 "v.vol disk 2:5: NOPE FILE: file not found" cmsfs get "$V" 2:5 "nope file" "$T/x"
[ -e "$T/x" ] && { echo "FAIL: a failed get left a file"; fail=1; }

# Bad input: one message, status 1, nothing changed.
"$C" cmsfs ls "$V" 2:5 > "$T/before"
expect 1 "nothere.vol: No such file" cmsfs ls "$T/nothere.vol" 2:5
expect 1 "disk 20:5: not CMS formatted" cmsfs ls "$V" 20:5
expect 1 "disk 28:5: extent 28+5 is outside the volume" cmsfs ls "$V" 28:5
expect 1 "disk XYZ: not USERID.CUU, CUU, START:COUNT or ALL" cmsfs ls "$V" XYZ
expect 1 "disk 191: no user directory" cmsfs ls "$V" 191
expect 1 "invalid file id 'A.B.C.D'" cmsfs rm "$V" 2:5 A.B.C.D
expect 1 "invalid file id 'TOOLONGNAME X'" cmsfs put "$V" 2:5 "$T/short" "TOOLONGNAME X"
expect 1 "is empty: a CMS file has at least one record" cmsfs put "$V" 2:5 /dev/null "EMPTY FILE"
expect 1 "line 1: 35 characters, more than LRECL 3" cmsfs put --lrecl 3 "$V" 2:5 "$T/text" "LONG LINES"
head -c 3000000 /dev/urandom > "$T/huge"
expect 1 "HUGE FILE: disk full" cmsfs put --binary "$V" 2:5 "$T/huge" "HUGE FILE"
expect 2 "block size .512.: 1024, 2048 or 4096" cmsfs format --blksize 512 "$V" 2:5
"$C" cmsfs ls "$V" 2:5 > "$T/after"
same "$T/before" "$T/after" "refused commands changed nothing"
expect 0 "ok" dasd check "$V"

# A damaged label: the disk is refused by name.
expect 0 "formatted" cmsfs format --blksize 4096 --label DAMAGE "$V" 10:2
if command -v sqlite3 > /dev/null; then
    # CKD track 300 (cylinder 10), R3 is the label: break its block size.
    cp "$V" "$T/bad.vol"
    sqlite3 "$T/bad.vol" "UPDATE tracks SET image = substr(image, 1, 5+8+8+2*(8+4096)+8+12) || x'00000800' || substr(image, 5+8+8+2*(8+4096)+8+17) WHERE track = 300"
    expect 1 "bad.vol disk 10:2: bad block size" cmsfs ls "$T/bad.vol" 10:2
    cp "$V" "$T/bad2.vol"
    sqlite3 "$T/bad2.vol" "UPDATE tracks SET image = substr(image, 1, 5+8+8+2*(8+4096)+8+40) || x'00000099' || substr(image, 5+8+8+2*(8+4096)+8+45) WHERE track = 300"
    expect 1 "bad2.vol disk 10:2: damaged label" cmsfs ls "$T/bad2.vol" 10:2
fi

# FBA.
F=$T/f.vol
"$C" dasd create 3370 20000 FBA001 "$F" > /dev/null || { echo "FAIL: dasd create 3370"; exit 1; }
expect 0 "formatted, label CMSDSK, 2000 blocks of 2048 bytes" cmsfs format --blksize 2048 "$F" 1000:8000
expect 0 "" cmsfs put --binary "$F" 1000:8000 "$T/bin" "FBA BIN"
"$C" cmsfs get --binary "$F" 1000:8000 "FBA BIN" "$T/fba.out" && same "$T/bin" "$T/fba.out" "FBA binary back"
expect 0 "ok" dasd check "$F"

# A system residence volume: minidisks by the user directory (--cms none:
# sysgen formats no 191s, so that an unformatted one can be seen).
cat > "$T/d.direct" <<'EOF'
USER OPERATOR OPERATOR 1M 16M ABCDEFGH
 CONSOLE 009 3215
USER ALICE ALICE 1M 1M G
 MDISK 191 3330 040 002 SYSRES W
USER BOB BOB 1M 1M G
 MDISK 191 3330 042 002 SYSRES W
 MDISK 192 3330 044 003 SYSRES W
 MDISK 193 3330 044 003 OTHER1 W
EOF
S=$T/s.vol
"$C" sysgen --type 3330 --cylinders 60 --volser SYSRES --directory "$T/d.direct" --cms none "$S" > "$T/gen" 2>&1 ||
    { cat "$T/gen"; echo "FAIL: sysgen"; exit 1; }
expect 0 "s.vol disk alice.191: formatted, label CMS191" cmsfs format "$S" alice.191
expect 0 "label CMS192" cmsfs format "$S" 192
expect 1 "disk 191: several minidisks are at that address: give USERID.CUU (ALICE BOB)" cmsfs ls "$S" 191
expect 1 "disk carol.191: no user carol in the directory" cmsfs ls "$S" carol.191
expect 1 "disk alice.192: ALICE has no minidisk at 192" cmsfs ls "$S" alice.192
expect 1 "disk bob.193: the minidisk is on volume OTHER1, this is SYSRES" cmsfs ls "$S" bob.193
expect 1 "disk 1FF: no user has a minidisk at 1FF" cmsfs ls "$S" 1FF
expect 1 "disk bob.191: not CMS formatted" cmsfs ls "$S" bob.191
expect 0 "" cmsfs put "$S" ALICE.191 "$T/text" "PROFILE EXEC"
expect 0 "PROFILE  EXEC     A1 V    70      500" cmsfs ls "$S" alice.191

# In use: a machine that has the volume attached (and waits for operator
# commands) holds it; cmsfs refuses it, `dasd info` still reads it.  (Not
# polled with cmsfs itself: its exclusive lock would make the machine's
# attach fail.)
mkfifo "$T/op"
"$C" machine --operator --dasd "$S@123" < "$T/op" > "$T/machine.out" 2>&1 &
pid=$!
exec 3> "$T/op"              # its operator input stays open until we quit it
echo psw >&3                 # answered once the devices are attached
n=0
while [ $n -lt 300 ] && ! grep -q "PSW=" "$T/machine.out"; do
    n=$((n + 1))
    sleep 0.1
done
[ $n -ge 300 ] && { echo "FAIL: the machine did not start:"; cat "$T/machine.out"; fail=1; }
expect 1 "cpcms cmsfs: .*s.vol: in use by a running system" cmsfs put "$S" alice.191 "$T/short" "X Y"
expect 0 "volume:     SYSRES" dasd info "$S"
echo quit >&3
exec 3>&-
wait $pid
pid=
expect 0 "PROFILE  EXEC" cmsfs ls "$S" alice.191
"$C" cmsfs ls "$S" alice.191 | grep -q "^X " && { echo "FAIL: a refused put wrote"; fail=1; }

exit $fail
