#!/bin/sh
# mdisk_test.sh - minidisks: tests/cp/mdisktest.c, IPLed in the operator's
# virtual machine (tests/cp/mdisk.direct gives it 191 on the system
# residence volume, 192 on a second volume and MAINT's 190 read-only),
# drives them through SIO and DIAGNOSE X'18' and X'20' and ends by having
# CP IPL the record it wrote on 191.  Then the host checks that the
# writes landed on the right cylinders of the right volumes and nowhere
# else (sysgen --cms none: it writes no CMS disks of its own there).
B=${B:-build}
T=$(mktemp -d)
trap 'kill $cpcon_pid 2>/dev/null; [ -n "$KEEP" ] || rm -rf "$T"' EXIT
. tests/cp/cpcon.sh
fail=0
"$B/cpcms" sysgen --type 3330 --cylinders 40 --directory tests/cp/mdisk.direct --cms none \
    --system MDTEST="$B/tests/cp/mdisktest.elf" "$T/sysres.vol" > /dev/null || exit 1
"$B/cpcms" dasd create 3350 5 USR001 "$T/usr001.vol" > /dev/null || exit 1
cpcon_start "$T/sysres.vol" --dasd "$T/usr001.vol@124" --deterministic || exit 1
grep -q "DASD 124 3350 USR001" "$CPCON_OUT" || { echo "FAIL: USR001 not found at IPL"; fail=1; }
cpcon_send "ipl mdtest"
cpcon_wait "^DMKDSP450W" 60 || fail=1
cpcon_since > "$T/out"
cat "$T/out"
grep -q "FAILED" "$T/out" && fail=1
grep -q "DISABLED WAIT PSW 00020191 000000D0$" "$T/out" ||
    { echo "FAIL: IPL 191 did not load the record's PSW with the device address"; fail=1; }
cpcon_send "display 3000.10"
cpcon_wait "^003000  C9D7D340 C6D9D6D4 40F1F9F1 40D6D25A" 10 || fail=1   # "IPL FROM 191 OK!"
# the commands: QUERY, LINK with the directory's link passwords, DETACH
expect() { # COMMAND PATTERN
    cpcon_send "$1"
    cpcon_wait "$2" 10 || { echo "FAIL: $1"; fail=1; }
}
expect "q virtual dasd" "^DASD 192 3350 USR001 R/W     2 CYL$"
cpcon_since | grep -q "^DASD 191 3330 CPSYS1 R/W     5 CYL$" || { echo "FAIL: q v dasd 191"; fail=1; }
cpcon_since | grep -q "^DASD 190 3330 CPSYS1 R/O     2 CYL$" || { echo "FAIL: q v dasd 190"; fail=1; }
expect "q dasd" "^DASD 124 3350 USR001    1 LINKS$"
expect "autolog guest guest" "AUTO LOGON"
expect "q links 123" "GUEST    191 R/W"
cpcon_since | grep -q "GUEST    291" && { echo "FAIL: GUEST linked OPERATOR's 191 in W while it writes"; fail=1; }
cpcon_since | grep -q "OPERATOR 191 R/W" || { echo "FAIL: q links: OPERATOR 191"; fail=1; }
expect "link guest 191 391 rr" "^DMKLNK113E GUEST 191 NOT LINKED; NO READ PASSWORD$"
cpcon_send "link maint 190 290 r"      # silent when it works
expect "q 290" "^DASD 290 3330 CPSYS1 R/O     2 CYL$"
expect "link * 191 591 w" "^DMKLNK104E OPERATOR 191 NOT LINKED; R/W BY 1 USER$"
cpcon_send "link * 191 591 rr"
expect "q 591" "^DASD 591 3330 CPSYS1 R/O     5 CYL$"
expect "detach 591" "^DASD 591 DETACHED$"
expect "detach 591" "^DMKDTC040E DEV 591 DOES NOT EXIST$"
expect "detach 009" "^DMKDTC028E CONSOLE 009 CANNOT BE DETACHED$"
cpcon_stop
# On the host: 191 is cylinders 20-24 of CPSYS1 (3330, 19 heads), 192
# cylinders 1-2 of USR001 (3350, 30 heads).
"$B/cpcms" dasd export --ckd "$T/sysres.vol" "$T/sysres.ckd" > /dev/null || exit 1
"$B/cpcms" dasd export --ckd "$T/usr001.vol" "$T/usr001.ckd" > /dev/null || exit 1
python3 - "$T/sysres.ckd" "$T/usr001.ckd" <<'PY' || fail=1
import struct, sys
def tracks(path, heads):
    d = open(path, 'rb').read()
    trk = struct.unpack('<I', d[12:16])[0]
    out = {}
    for i in range((len(d) - 512) // trk):
        t = d[512 + i * trk: 512 + (i + 1) * trk]
        recs = []
        off = 5 + 8 + struct.unpack('>H', t[5 + 6:5 + 8])[0]   # after HA and R0
        while t[off:off + 8] != b'\xff' * 8:
            c, h, r, kl, dl = struct.unpack('>HHBBH', t[off:off + 8])
            recs.append((c, h, r, dl))
            off += 8 + kl + dl
        if recs:
            out[(i // heads, i % heads)] = recs
    return out
bad = 0
s = tracks(sys.argv[1], 19)
u = tracks(sys.argv[2], 30)
want_s = {(20, 1): [(20, 1, 1, 4096), (20, 1, 2, 4096)],
          (24, 18): [(24, 18, 1, 4096), (24, 18, 2, 4096)],
          (20, 0): [(20, 0, 1, 24), (20, 0, 2, 16)]}
for k, v in want_s.items():
    if s.get(k) != v:
        print("FAIL: CPSYS1 track %s has %s, not %s" % (k, s.get(k), v)); bad = 1
# Other tracks with records on CPSYS1 are CP's (cylinders below 20).
for k in s:
    if k not in want_s and k[0] >= 20:
        print("FAIL: CPSYS1 track %s written: %s" % (k, s[k])); bad = 1
if u != {(0, 0): [(0, 0, 1, 24), (0, 0, 2, 144), (0, 0, 3, 80)],      # its label
          (2, 29): [(2, 29, 1, 4096), (2, 29, 2, 4096)]}:
    print("FAIL: USR001 tracks: %s" % u); bad = 1
sys.exit(bad)
PY
exit $fail
