#!/bin/sh
# fba_test.sh - FBA volumes (3310, 3370) as the host program sees them:
# `cpcms dasd create/info/check` with the count in blocks, bad sizes, a
# doctored file (a row of the wrong length, a missing row, a wrong header)
# named in the message, and `cpcms machine --dasd` attaching an FBA volume
# and IPLing from it (block 0: PSW, Read IPL of the block, TIC to a Locate
# and Read of block 1, whose code loads a disabled wait PSW at X'42').
# The doctored cases need the sqlite3 shell or python3, else are skipped.
B=${B:-build}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
expect() {
    want=$1 frag=$2
    shift 2
    "$B/cpcms" "$@" > "$T/out" 2>&1 < /dev/null
    got=$?
    if [ "$got" != "$want" ] || ! grep -q -- "$frag" "$T/out"; then
        echo "FAIL: cpcms $*: status $got (want $want), output:"; cat "$T/out"
        fail=1
    else
        echo "ok: $frag"
    fi
}
V=$T/f.vol
expect 0 "3370, 2000 blocks of 512 bytes, volume FBA001" dasd create 3370 2000 FBA001 "$V"
expect 0 "type:       3370 (FBA, device type 3370 model 00)" dasd info "$V"
expect 0 "geometry:   2000 blocks of 512 bytes (62 per track, 744 per cylinder)" dasd info "$V"
expect 0 "2000 blocks: ok" dasd check "$V"
expect 0 "3310, 125664 blocks" dasd create --fast 3310 125664 FBA002 "$T/full.vol"
expect 0 "fast (synchronous=OFF)" dasd info "$T/full.vol"
expect 0 "125664 blocks: ok" dasd check "$T/full.vol"
expect 2 "a 3310 has 1 to 125664" dasd create 3310 125665 X "$T/x.vol"
expect 2 "a 3370 has 1 to 558000" dasd create 3370 0 X "$T/x.vol"
expect 2 "FBA types, 512-byte blocks" dasd create
# An empty volume's block 0 holds no IPL program: a clean refusal.
expect 127 "IPL 190: IPL failed" machine --dasd "$V@190" --ipl 190

if command -v python3 > /dev/null && python3 -c 'import sqlite3' 2> /dev/null; then
    cp "$V" "$T/bad1.vol"
    python3 -c 'import sqlite3,sys; d=sqlite3.connect(sys.argv[1]); d.execute("UPDATE tracks SET image=zeroblob(512) WHERE track=3"); d.commit()' "$T/bad1.vol"
    expect 1 "bad1.vol: row 3 (block 186): 512 bytes, not 31744" dasd check "$T/bad1.vol"
    cp "$V" "$T/bad2.vol"
    python3 -c 'import sqlite3,sys; d=sqlite3.connect(sys.argv[1]); d.execute("DELETE FROM tracks WHERE track=32"); d.commit()' "$T/bad2.vol"
    expect 1 "bad2.vol: the header says 33 rows, the file holds 32" dasd check "$T/bad2.vol"
    cp "$V" "$T/bad3.vol"
    python3 -c 'import sqlite3,sys; d=sqlite3.connect(sys.argv[1]); d.execute("UPDATE volume SET heads=32"); d.commit()' "$T/bad3.vol"
    expect 1 "bad3.vol: 32 blocks per row: a 3370 has 62 per track" dasd info "$T/bad3.vol"
    cp "$V" "$T/bad4.vol"
    python3 -c 'import sqlite3,sys; d=sqlite3.connect(sys.argv[1]); d.execute("UPDATE volume SET cylinders=600000"); d.commit()' "$T/bad4.vol"
    expect 1 "bad4.vol: 600000 blocks: a 3370 has 1 to 558000" dasd info "$T/bad4.vol"

    # IPL: block 0 = PSW (BC, X'800'), Read IPL of block 0 to X'400', TIC
    # to X'420': Locate (argument at X'440': read 1 block from block 1),
    # Read to X'800'.  Block 1 = LPSW X'808' and the wait PSW.
    cp "$V" "$T/ipl.vol"
    python3 - "$T/ipl.vol" <<'PY'
import sqlite3, sys
b0 = bytearray(512)
b0[0:24] = bytes.fromhex("0008000000000800" "0200040060000200" "0800042000000000")
b0[0x20:0x30] = bytes.fromhex("4300044040000008" "4200080020000200")
b0[0x40:0x48] = bytes.fromhex("0600000100000001")
b1 = bytearray(512)
b1[0:16] = bytes.fromhex("82000808000000000002000000000042")
img = bytes(b0) + bytes(b1) + bytes(60 * 512)
d = sqlite3.connect(sys.argv[1])
d.execute("UPDATE tracks SET image=? WHERE track=0", (img,))
d.commit()
PY
    expect 0 "2000 blocks: ok" dasd check "$T/ipl.vol"
    expect 66 "Disabled wait state, PSW 00020000 00000042" machine --dasd "$T/ipl.vol@190" --ipl 190
    expect 66 "Disabled wait state" machine --dasd "$T/ipl.vol,ro@190" --ipl 190
    # export: the raw image is the blocks in order; copy: the same volume
    expect 0 "2000 blocks, volume FBA001, raw FBA image" dasd export "$T/ipl.vol" "$T/ipl.img"
    [ "$(wc -c < "$T/ipl.img")" = $((2000 * 512)) ] || { echo "FAIL: raw image size"; fail=1; }
    [ "$(od -An -tx1 -N8 -j512 "$T/ipl.img" | tr -d ' ')" = 8200080800000000 ] ||
        { echo "FAIL: block 1 of the raw image"; fail=1; }
    expect 1 "File exists" dasd export "$T/ipl.vol" "$T/ipl.img"
    expect 0 "2000 blocks, volume FBA001" dasd copy "$T/ipl.vol" "$T/copy.vol"
    expect 66 "Disabled wait state, PSW 00020000 00000042" machine --dasd "$T/copy.vol@190" --ipl 190
else
    echo "skip: no python3 with sqlite3 for the doctored-file cases"
fi
exit $fail
