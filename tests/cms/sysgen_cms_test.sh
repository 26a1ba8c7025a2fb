#!/bin/sh
# sysgen_cms_test.sh - `cpcms sysgen` puts CMS on the CMS system disk and
# formats users' A-disks.  The nucleus is a stand-in (tests/cms/sa/standin.c:
# it prints who it is and the IPL device at X'BA', and checks that every
# record of its 288K image is in place and the PSW it got): (a) under CP,
# the operator's `IPL 190` of the default directory's MAINT 190 (linked
# by OPERATOR) runs it to its wait PSW; (b) the 190 is an EDF disk with
# the help files and the --cms-file files, whose file system ends before
# the nucleus area (filled to the last block, IPL still works), and users'
# 191s are formatted and empty; (c) bad input gets one message and status
# 1 and leaves no volume; (d) the 190 copied to a volume of its own IPLs
# on the bare machine, and a nucleus record missing there stops the
# bootstrap in its unit-check wait (X'CB4', exit status 180).  With the
# real CMS nucleus built, IPL 190 brings CMS up.
B=${B:-build}
T=$(mktemp -d)
trap 'kill $cpcon_pid 2>/dev/null; [ -n "$KEEP" ] || rm -rf "$T"' EXIT
. tests/cp/cpcon.sh
fail=0
C="$B/cpcms"
NUC="$B/tests/cms/sa/standin.elf"
. tests/check.sh
. tests/cms/expect.sh
# copy_disk FROM START CYLS HEADS TO: the minidisk's tracks as the whole
# volume TO (made first), the cylinder of every home address and count
# field made the new one
copy_disk() {
    python3 - "$@" <<'PY'
import sqlite3, sys
src, start, cyls, heads, dst = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
s = sqlite3.connect(src)
d = sqlite3.connect(dst)
for t in range(cyls * heads):
    img = bytearray(s.execute("SELECT image FROM tracks WHERE track = ?", (start * heads + t,)).fetchone()[0])
    img[1:5] = (t // heads).to_bytes(2, 'big') + (t % heads).to_bytes(2, 'big')
    off = 5
    while img[off:off + 8] != b'\xff' * 8:
        img[off:off + 4] = img[1:5]
        off += 8 + img[off + 5] + int.from_bytes(img[off + 6:off + 8], 'big')
    d.execute("UPDATE tracks SET image = ? WHERE track = ?", (bytes(img), t))
d.commit()
PY
}

# The default directory (MAINT 190 at 100-129), the stand-in nucleus, two
# help files, a text and a binary file.
mkdir "$T/help"
printf 'QUERY\n  The QUERY command tells you things.\nSee also: LISTFILE\n' > "$T/help/query.help"
printf 'LISTFILE lists files.\n' > "$T/help/LISTFILE.HELP"
printf 'not a help file\n' > "$T/help/README"
awk 'BEGIN { for (i = 1; i <= 300; i++) printf "profile line %d\n", i }' > "$T/profile"
head -c 20000 /dev/urandom > "$T/bin"
V=$T/sysres.vol
"$C" sysgen --type 3350 --cylinders 140 --cms "$NUC" --help-dir "$T/help" \
    --cms-file "$T/profile=PROFILE.EXEC" --cms-file "binary:$T/bin=HELLO.MODULE.Y2" "$V" > "$T/gen" 2>&1 ||
    { cat "$T/gen"; echo "FAIL: sysgen"; exit 1; }
cat "$T/gen"
# 71 records of 4K, 4 to a 3350 track, 30 tracks to a cylinder: the last
# of the 190's 30 cylinders
check "$T/gen" "^CMS system disk MAINT 190 (CMS190): nucleus 2[0-9]* bytes at 010000 from .*standin.elf in 71 records on cylinders 29-29; file system on cylinders 0-28 with 4 files$" \
    "sysgen reports the CMS system disk"
check "$T/gen" "^A-disks formatted (4K blocks, label XXX191): 191 of MAINT OPERATOR USER1 USER2 USER3 USER4 USER5$" \
    "sysgen reports the A-disks"
expect 0 "ok" dasd check "$V"

# (b) The 190's files, back as they went in; the A-disks empty.
"$C" cmsfs ls "$V" MAINT.190 > "$T/ls190" 2>&1 || { echo "FAIL: cmsfs ls MAINT.190"; cat "$T/ls190"; fail=1; }
cat "$T/ls190"
check "$T/ls190" "^QUERY    HELPCMS  S2 V    37        3" "query.help is QUERY HELPCMS"
check "$T/ls190" "^LISTFILE HELPCMS  S2 V    21        1" "LISTFILE.HELP is LISTFILE HELPCMS"
check "$T/ls190" "^PROFILE  EXEC     S2 V    16      300" "--cms-file text, mode S2"
check "$T/ls190" "^HELLO    MODULE   Y2 V  4096        5" "--cms-file binary, with its mode"
[ "$(wc -l < "$T/ls190")" = 4 ] || { echo "FAIL: the 190 holds other files"; fail=1; }
"$C" cmsfs get "$V" MAINT.190 QUERY.HELPCMS "$T/q.out" && same "$T/help/query.help" "$T/q.out" "help file back"
"$C" cmsfs get "$V" MAINT.190 PROFILE.EXEC "$T/p.out" && same "$T/profile" "$T/p.out" "text file back"
"$C" cmsfs get --binary "$V" MAINT.190 HELLO.MODULE "$T/b.out" && same "$T/bin" "$T/b.out" "binary file back"
for u in MAINT OPERATOR USER1 USER5; do
    expect 0 "" cmsfs ls "$V" $u.191
    [ -s "$T/out" ] && { echo "FAIL: $u 191 is not empty"; fail=1; }
done
expect 1 "not CMS formatted" cmsfs ls "$V" 60:1      # only the 191s and the 190
# Cylinder 0 head 0 of the 190: the IPL record, the bootstrap with its
# header (nucleus area from cylinder 29), the label of a file system of
# the first 29 cylinders (ADTCYL 29, ADTNUM 29*30*4 = 3480), so the
# nucleus area is not the file system's; USER1's 191 (cylinder 30) has
# the label USE191.
python3 - "$V" <<'PY' || fail=1
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
def records(track):
    img = db.execute("SELECT image FROM tracks WHERE track = ?", (track,)).fetchone()[0]
    off, recs = 5 + 8 + 8, []
    while img[off:off + 8] != b'\xff' * 8:
        dl = int.from_bytes(img[off + 6:off + 8], 'big')
        recs.append(img[off + 8:off + 8 + dl])
        off += 8 + dl
    return recs
ipl, boot, label = records(100 * 30)[:3]
user1 = records(30 * 30)[2]
ok = ipl[:16] == bytes.fromhex('0008000000002020' '0600200020001000') and \
     boot[:4] == b'\xc3\xd4\xe2\xc2' and int.from_bytes(boot[8:12], 'big') == 29 and \
     label[:4] == b'\xc3\xd4\xe2\xf1' and int.from_bytes(label[20:24], 'big') == 29 and \
     int.from_bytes(label[28:32], 'big') == 29 * 30 * 4 and \
     user1[:10] == bytes.fromhex('c3d4e2f1' 'e4e2c5f1f9f1')
print("ok: IPL record, bootstrap header, labels" if ok else
      "FAIL: the records: %s %s %s %s" % (ipl[:24].hex(), boot[:32].hex(), label[:32].hex(), user1[:10].hex()))
sys.exit(0 if ok else 1)
PY

# Fill the file system to its last block: the nucleus area stays as it was.
head -c 400000 /dev/urandom > "$T/big"
head -c 4096 /dev/urandom > "$T/one"
i=0
for f in big bin one; do
    while [ $i -lt 200 ] && "$C" cmsfs put --binary "$V" MAINT.190 "$T/$f" "FILL$i DATA" > "$T/fill" 2>&1; do
        i=$((i + 1))
    done
done
check "$T/fill" "FILL$i DATA: disk full" "the 190's file system fills up ($i files)"

# (a) Under CP: the operator IPLs the 190 (OPERATOR links MAINT 190).
cpcon_start "$V" --deterministic || exit 1
cpcon_send "ipl 190"
cpcon_wait "^DMKDSP450W" 60 || fail=1
cpcon_since > "$T/cp.out"
check "$T/cp.out" "^CMS NUCLEUS STAND-IN$" "IPL 190 under CP starts the nucleus"
check "$T/cp.out" "^IPL DEVICE 190$" "the device address at X'BA' under CP"
check "$T/cp.out" "^64 RECORDS IN PLACE$" "the whole image loaded (after the file system filled up)"
check "$T/cp.out" "DMKDSP450W CP ENTERED; DISABLED WAIT PSW 000A0000 00000000$" "the nucleus ends in its wait PSW"
grep -q "NOT IN PLACE\|PSW [0-9A-F]*: not" "$T/cp.out" && { echo "FAIL: the stand-in found a fault"; fail=1; }
cpcon_stop

# (d) The 190 as a volume of its own, on the bare machine.
"$C" dasd create 3350 30 CMS190 "$T/bare.vol" > /dev/null || { echo "FAIL: dasd create"; exit 1; }
copy_disk "$V" 100 30 30 "$T/bare.vol"
"$C" machine --dasd "$T/bare.vol@291" --ipl 291 --deterministic --max-seconds 60 > "$T/bare.out" 2>&1
status=$?
[ $status = 0 ] || { echo "FAIL: bare machine IPL: status $status"; fail=1; }
check "$T/bare.out" "^CMS NUCLEUS STAND-IN$" "IPL on the bare machine starts the nucleus"
check "$T/bare.out" "^IPL DEVICE 291$" "the device address at X'BA' on the bare machine"
check "$T/bare.out" "^64 RECORDS IN PLACE$" "the whole image loaded on the bare machine"
# A nucleus track without its records: Search ID Equal finds no record.
python3 - "$T/bare.vol" <<'PY'
import sqlite3, sys
d = sqlite3.connect(sys.argv[1])
img = d.execute("SELECT image FROM tracks WHERE track = 29 * 30 + 10").fetchone()[0]
d.execute("UPDATE tracks SET image = ? WHERE track = 29 * 30 + 10", (img[:5 + 8 + 8] + b'\xff' * 8,))
d.commit()
PY
"$C" machine --dasd "$T/bare.vol@291" --ipl 291 --deterministic --max-seconds 60 > "$T/bad.out" 2>&1
status=$?
[ $status = 180 ] || { echo "FAIL: a missing nucleus record: status $status, not 180"; cat "$T/bad.out"; fail=1; }
check "$T/bad.out" "PSW 000A0000 00000CB4" "a missing nucleus record stops the bootstrap in wait X'CB4'"

# (c) Bad input: one message, status 1, no volume.
cat > "$T/small.direct" <<'EOF'
USER OPERATOR OPERATOR 2M 16M ABCDEFGH
 LINK MAINT 190 190 RR
USER MAINT MAINT 4M 16M ABCDEFG
 MDISK 190 3330 030 006 CPSYS1 MR ALL
 MDISK 191 3330 036 002 CPSYS1 W
 MDISK 192 3330 038 003 CPSYS1 W
 MDISK 193 3330 038 003 OTHER1 W
USER TINY TINY 1M 1M G
 MDISK 191 3330 042 001 CPSYS1 W
EOF
G="sysgen --type 3330 --cylinders 60 --directory $T/small.direct"
nothing_left() { # WHAT
    if [ -e "$T/x.vol" ]; then echo "FAIL: $1 left a volume"; fail=1; rm -f "$T/x.vol"; fi
}
expect 1 "help/README: .*ELF" $G --cms "$T/help/README" "$T/x.vol"; nothing_left "a non-ELF"
expect 1 "nothere.elf: " $G --cms "$T/nothere.elf" "$T/x.vol"; nothing_left "a missing ELF"
expect 1 "not a CMS nucleus: one loadable segment at a 4K boundary" \
    $G --cms "$B/cms/boot/cmsboot.elf" "$T/x.vol"; nothing_left "an ELF below X'3000'"
expect 1 "cms-disk bob.190: no such user in the directory" $G --cms "$NUC" --cms-disk bob.190 "$T/x.vol"
nothing_left "a missing user"
expect 1 "cms-disk MAINT.19F: the user has no MDISK at that address" $G --cms "$NUC" --cms-disk MAINT.19F "$T/x.vol"
nothing_left "a missing disk"
expect 1 "cms-disk MAINT.193: it is not on the system residence volume" $G --cms "$NUC" --cms-disk MAINT.193 "$T/x.vol"
nothing_left "a disk on another volume"
expect 1 "MAINT 191: 2 cylinders, too few for the CMS nucleus (2) and a file system" \
    $G --cms "$NUC" --cms-disk maint.191 "$T/x.vol"; nothing_left "a disk too small"
expect 1 "cms-disk MAINT: give USERID.CUU" $G --cms "$NUC" --cms-disk MAINT "$T/x.vol"; nothing_left "not USERID.CUU"
expect 1 "cms-file $T/none: No such file" $G --cms "$NUC" --cms-file "$T/none=A.B" "$T/x.vol"
nothing_left "a missing --cms-file"
expect 2 "cms-file nofileid: give \[binary:\]HOSTFILE=FN.FT" $G --cms "$NUC" --cms-file nofileid "$T/x.vol"
nothing_left "a --cms-file without a file id"
head -c 1000000 /dev/urandom > "$T/huge"
expect 1 "HELLO MODULE: disk full" $G --cms "$NUC" --cms-file "binary:$T/huge=HELLO.MODULE" "$T/x.vol"
nothing_left "a file that does not fit"
printf 'x\n' > "$T/help/TOOLONGNAME.HELP"
expect 1 "TOOLONGNAME.HELP: not NAME.HELP with a CMS file name" $G --cms "$NUC" --help-dir "$T/help" "$T/x.vol"
nothing_left "a help file name that is not a CMS name"
expect 1 "help-dir $T/nohelp: No such file" $G --cms "$NUC" --help-dir "$T/nohelp" "$T/x.vol"
nothing_left "a missing help directory"
# Not bad: a 6-cylinder 190 whose first 4 are the file system; the 191s
# of MAINT and of TINY (one cylinder) formatted.
mkdir "$T/empty"
expect 0 "MAINT 190 (CMS190): nucleus .* on cylinders 4-5; file system on cylinders 0-3 with 0 files" \
    $G --cms "$NUC" --help-dir "$T/empty" "$T/x.vol"
check "$T/out" "191 of MAINT TINY$" "the 191s on the volume formatted"
expect 0 "" cmsfs ls "$T/x.vol" TINY.191
# --cms none: neither the 190 nor A-disks.
rm -f "$T/x.vol"
expect 0 "" $G --cms none "$T/x.vol"
grep -q "CMS\|A-disks" "$T/out" && { echo "FAIL: --cms none built CMS disks"; fail=1; }
expect 1 "not CMS formatted" cmsfs ls "$T/x.vol" MAINT.190
expect 1 "not CMS formatted" cmsfs ls "$T/x.vol" TINY.191
# Without --cms and with no cms/cms.elf beside cpcms (a copy of cpcms
# elsewhere; as before the CMS nucleus existed), the volume is built
# without the 190; the A-disks are formatted.
rm -f "$T/x.vol"
mkdir "$T/exe" && cp "$C" "$T/exe/cpcms"
C0=$C C=$T/exe/cpcms
expect 0 "cpcms sysgen: no CMS nucleus (ELF): the CMS system disk is not built" \
    $G --nucleus "$B/cp/cp.elf" "$T/x.vol"
C=$C0
check "$T/out" "191 of MAINT TINY$" "the 191s formatted without a CMS nucleus"
expect 1 "not CMS formatted" cmsfs ls "$T/x.vol" MAINT.190
expect 0 "" cmsfs ls "$T/x.vol" TINY.191
# The default --cms, when there is one: build/cms/cms.elf, with the
# source tree's help files; IPL 190 brings CMS up to its ready message
# with the 190 accessed as S.
if [ -e "$B/cms/cms.elf" ]; then
    rm -f "$T/x.vol"
    expect 0 "MAINT 190 (CMS190): nucleus .* from .*/cms/cms.elf" $G "$T/x.vol"
    cpcon_start "$T/x.vol" --deterministic || exit 1
    cpcon_send "ipl 190"
    cpcon_wait "^Ready" 60 || fail=1
    cpcon_send "query disk"
    cpcon_wait "^Ready" 30 || fail=1
    cpcon_since > "$T/cms.out"
    check "$T/cms.out" "^CMS190 190 S " "CMS IPLed from the 190 has it as its S-disk"
    cpcon_stop
fi
"$C" sysgen --help | grep -q -- "--cms-disk USERID.CUU" || { echo "FAIL: sysgen --help"; fail=1; }
exit $fail
