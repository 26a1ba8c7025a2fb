#!/bin/sh
# opcmd_test.sh - the operator's commands on real devices, from the
# operator's console (class A-H) and from TN3270 sessions (s3270), on a
# machine with three spare 3350 volumes (SPARE1 at 131, SPARE2 at 132
# with MAINT's minidisk, SPARE3 at 133 that GUEST's directory DEDICATEs)
# and two 3270s:
#   - QUERY DASD, raddr, GRAF, ALL;
#   - ATTACH of a DASD (and of the 3420 at 180) to a user, and its errors (bad address, CP owned,
#     offline, already attached, address in use, not logged on); the
#     guest tests/cp/dedtest.c IPLed on it: real cylinders, no relocation,
#     a tape written and read back; again on the DASD attached R/O (its
#     write rejected); IPL from a dedicated tape (hello);
#   - DEFINE vaddr AS vaddr; DETACH by the user, by the operator, LOGOFF;
#     ATTACH and DETACH TO/FROM SYSTEM; DEDICATE at LOGON;
#   - VARY OFFLINE: no ATTACH, no new LINK; VARY ONLINE;
#   - a class G user refused the class B commands;
#   - DISABLE: no logo on a terminal, a user on it goes on until LOGOFF,
#     ENABLE shows the logo;
#   - HOLDING: Enter on a full screen holds it until Clear.
B=${B:-build}
command -v s3270 >/dev/null 2>&1 || { echo "SKIP: s3270 is not installed"; exit 0; }
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 is not installed"; exit 0; }
T=$(mktemp -d)
trap 'kill $cpcon_pid 2>/dev/null; [ -n "$KEEP" ] || rm -rf "$T"' EXIT
. tests/cp/cpcon.sh
fail=0
"$B/cpcms" sysgen --type 3330 --cylinders 20 --directory tests/cp/opcmd.direct --cms none \
    --system DEDTEST="$B/tests/cp/dedtest.elf" "$T/sysres.vol" > /dev/null || exit 1
"$B/tools/deck2aws" "$B/tests/sa/hello.deck" "$T/hello.aws" || exit 1
for v in 1 2 3; do
    "$B/cpcms" dasd create 3350 10 SPARE$v "$T/spare$v.vol" > /dev/null || exit 1
done
cpcon_start "$T/sysres.vol" --dasd "$T/spare1.vol@131" --dasd "$T/spare2.vol@132" \
    --dasd "$T/spare3.vol@133" --tape "$T/tape.aws@180" --tape "$T/hello.aws,ro@182" \
    --3270 0C0-0C1 --tn3270 127.0.0.1:0 --max-seconds 300 || exit 1
port=$(cpcon_port)
[ -n "$port" ] || { echo "FAIL: no TN3270 port"; exit 1; }

expect() { # COMMAND PATTERN...: each pattern in what the command answers
    cmd=$1; shift
    cpcon_send "$cmd"
    for p in "$@"; do
        cpcon_wait "$p" 10 > /dev/null || { echo "FAIL: $cmd: no '$p'; it said:"; cpcon_since; fail=1; }
    done
}
session() { # NAME [LU] < steps
    S3270_LOG="$T/$1.screens" timeout 120 python3 tests/cp/s3270drive.py \
        "${2:+$2@}127.0.0.1:$port" > "$T/$1.out" 2>&1 ||
        { echo "FAIL: session $1:"; tail -30 "$T/$1.out"; fail=1; }
}

# QUERY of the real devices
expect "q dasd" "^DASD 123 3330 CPSYS1    0 LINKS CP OWNED$" "^DASD 131 3350 SPARE1    0 LINKS$"
expect "q 132" "^DASD 132 3350 SPARE2    0 LINKS$"
expect "q graf" "^GRAF 0C0 ENABLED$" "^GRAF 0C1 ENABLED$"
expect "q all" "^DASD 133 3350 SPARE3" "^TAPE 180 3420 FREE$" "^GRAF 0C1 ENABLED$"

# ATTACH's errors
expect "attach" "^DMKATT021E RADDR MISSING OR INVALID$"
expect "attach 555 to * as 150" "^DMKATT040E DEV 555 DOES NOT EXIST$"
expect "attach 131" "^DMKATT020E USERID MISSING OR INVALID$"
expect "attach 131 to *" "^DMKATT022E VADDR MISSING OR INVALID$"
expect "attach 123 to * as 150" "^DMKATT123E DASD 123 CP OWNED$"
expect "attach 131 to nobody as 150" "^DMKATT045E NOBODY NOT LOGGED ON$"
expect "attach 131 to * as 009" "^DMKATT120E DASD 131 NOT ATTACHED; OPERATOR 009 ALREADY DEFINED$"
expect "attach 0c0 to * as 150" "^DMKATT126E GRAF 0C0 CANNOT BE ATTACHED$"
expect "attach 180 to system" "^DMKATT126E TAPE 180 IS NOT A DASD$"
# VARY OFFLINE: no ATTACH
expect "vary offline 131" "^DASD 131 VARIED OFFLINE$"
expect "q 131" "^DASD 131 OFFLINE$"
expect "attach 131 to * as 150" "^DMKATT046E DASD 131 OFFLINE$"
expect "vary online 131" "^DASD 131 VARIED ONLINE$"
expect "vary sideways 131" "^DMKCPV026E OPERAND MISSING OR INVALID$"
expect "vary offline 123" "^DMKCPV123E DASD 123 CP OWNED$"

# ATTACH to the operator's own machine and a guest on it
expect "attach 131 to * as 150" "^DASD 131 ATTACHED TO OPERATOR 150$"
expect "q 131" "^DASD 131 ATTACHED TO OPERATOR 150$"
expect "q 150" "^DASD 150 ON DASD 131 3350 SPARE1 R/W$"
expect "attach 131 to * as 151" "^DMKATT122E DASD 131 ALREADY ATTACHED TO OPERATOR$"
expect "vary offline 131" "^DMKCPV122E DASD 131 ATTACHED TO OPERATOR$"
expect "attach 180 to * as 181" "^TAPE 180 ATTACHED TO OPERATOR 181$"
expect "q 181" "^TAPE 181 ON TAPE 180 3420$"
cpcon_send "ipl dedtest"
cpcon_wait "^DMKDSP450W" 60 || fail=1
cpcon_since > "$T/dedtest.out"
grep -q "FAILED" "$T/dedtest.out" && { cat "$T/dedtest.out"; fail=1; }
grep -q "^DEDTEST DONE$" "$T/dedtest.out" || { echo "FAIL: dedtest"; cat "$T/dedtest.out"; fail=1; }
grep -q "^read count: cylinder 7, not relocated: ok$" "$T/dedtest.out" &&
    echo "ok: the guest's I/O on the dedicated DASD"

grep -q "^tape: read it back: ok$" "$T/dedtest.out" && echo "ok: the guest's I/O on a dedicated tape"
expect "detach 181" "^TAPE 181 DETACHED$" "^TAPE 180 DETACHED BY OPERATOR 181$"
expect "q 180" "^TAPE 180 3420 FREE$"
# IPL from a dedicated tape
expect "attach 182 to * as 183" "^TAPE 182 ATTACHED TO OPERATOR 183$"
expect "ipl 183" "^Hello, S/370!$" "^DMKDSP450W"
expect "detach 183" "^TAPE 183 DETACHED$"
# DEFINE vaddr AS vaddr
expect "define 150 as 151" "^DASD 151 DEFINED$"
expect "q 131" "^DASD 131 ATTACHED TO OPERATOR 151$"
expect "define 151 as 009" "^DMKDEF092E DEVICE 009 ALREADY DEFINED$"
expect "define 777 as 778" "^DMKDEF040E DEV 777 DOES NOT EXIST$"
expect "define 151 as" "^DMKDEF022E VADDR MISSING OR INVALID$"
# the user's DETACH: the device is free; ATTACH TO SYSTEM reads its label
expect "detach 151" "^DASD 151 DETACHED$" "^DASD 131 DETACHED BY OPERATOR 151$"
expect "q 131" "^DASD 131 3350 SPARE1 FREE$"
# ATTACH R/O: the label is read, the write rejected
expect "attach 131 to * as 150 r/o" "^DASD 131 ATTACHED TO OPERATOR 150$"
expect "q 131" "^DASD 131 ATTACHED TO OPERATOR 150 R/O$"
expect "q 150" "^DASD 150 ON DASD 131 3350 SPARE1 R/O$"
expect "ipl dedtest" "^DMKDSP450W"
cpcon_since > "$T/dedro.out"
grep -q "^label: ok$" "$T/dedro.out" && grep -q "^write ckd on real cylinder 7: FAILED$" "$T/dedro.out" ||
    { echo "FAIL: dedtest on the R/O DASD"; cat "$T/dedro.out"; fail=1; }
expect "detach 150" "^DASD 150 DETACHED$"
expect "attach 180 to * as 181 r/o" "^DMKATT003E INVALID OPTION - R/O$"
expect "attach 131 to system as other1" "^DMKATT108E VOLID OTHER1 NOT MOUNTED; DASD 131 IS SPARE1$"
expect "attach 131 to system" "^DASD 131 ATTACHED TO SYSTEM SPARE1$"
expect "attach 131 to system" "^DMKATT122E DASD 131 ALREADY ATTACHED TO SYSTEM$"
expect "detach 131 from system" "^DASD 131 DETACHED FROM SYSTEM$"
expect "detach 131 from system" "^DMKDTC121E DASD 131 NOT ATTACHED TO SYSTEM$"
expect "detach 123 from system" "^DMKDTC123E DASD 123 CP OWNED$"

# DEDICATE at LOGON; the operator's DETACH; LOGOFF gives the device back
expect "autolog guest" "AUTO LOGON" "^DASD 133 ATTACHED TO GUEST 160$"
expect "q 133" "^DASD 133 ATTACHED TO GUEST 160$"
expect "attach 131 to guest as 150" "^DASD 131 ATTACHED TO GUEST 150$"
expect "detach 131 from operator" "^DMKDTC121E DASD 131 NOT ATTACHED TO OPERATOR$"
expect "detach 131 from nobody" "^DMKDTC045E NOBODY NOT LOGGED ON$"
expect "detach 131 from guest" "^DASD 131 DETACHED FROM GUEST 150$"
expect "detach 131 from guest" "^DMKDTC121E DASD 131 NOT ATTACHED TO GUEST$"
expect "detach 555 from guest" "^DMKDTC040E DEV 555 DOES NOT EXIST$"
expect "force guest" "USER GUEST FORCED" "^DASD 133 DETACHED BY GUEST 160$"
expect "q 133" "^DASD 133 3350 SPARE3 FREE$"

# minidisk links and VARY: existing links stay, new ones are refused
cpcon_send "link maint 191 391 rr"             # silent when it works
expect "q 391" "^DASD 391 3350 SPARE2 R/O     2 CYL$"
expect "detach 132 from system" "^DMKDTC124E DASD 132 IN USE BY 1 USER$"
expect "attach 132 to * as 150" "^DMKATT124E DASD 132 IN USE BY 1 USER$"
expect "vary offline 132" "^DASD 132 VARIED OFFLINE$"
expect "link maint 191 392 rr" "^DMKLNK108E MAINT 191 NOT LINKED; VOLID SPARE2 NOT MOUNTED$"
expect "q dasd" "^DASD 132 OFFLINE$"
expect "vary online 132" "^DASD 132 VARIED ONLINE$"
cpcon_send "link maint 191 392 rr"
expect "q 392" "^DASD 392 3350 SPARE2 R/O     2 CYL$"

# ENABLE, DISABLE: errors, then a terminal that shows no logo
expect "enable" "^DMKCPV026E OPERAND MISSING OR INVALID$"
expect "enable 131" "^DMKCPV147E DASD 131 IS NOT A TERMINAL$"
expect "disable 0c1" "^GRAF 0C1 DISABLED$"
expect "q graf" "^GRAF 0C1 DISABLED$"
S3270_DARK=1 session dark 0C1 <<EOS &
sleep 3
screen
wait Type LOGON and your user id
type logon viewer
enter
wait ENTER PASSWORD:
type viewer
enter
wait LOGON AT
stamp on
sleep 4
type q time
enter
wait TIME IS
type logoff
enter
gone TIME IS
sleep 1
screen
stamp dark
wait Type LOGON and your user id
EOS
dark=$!
waitfor() { # FILE PATTERN: up to 30 s
    for i in $(seq 150); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.2; done
    echo "FAIL: no '$2' in $1"; fail=1; return 1
}
sleep 4
grep -q "CPCMS" "$T/dark.screens" && { echo "FAIL: the logo on a disabled terminal"; fail=1; }
expect "enable 0c1" "^GRAF 0C1 ENABLED$"
waitfor "$T/dark.out" "stamp: on"
expect "q 0c1" "^GRAF 0C1 LOGON AS VIEWER$"
expect "vary offline 0c1" "^DMKCPV124E GRAF 0C1 IN USE BY VIEWER$"
expect "disable 0c1" "^GRAF 0C1 DISABLED$"        # VIEWER goes on until LOGOFF
waitfor "$T/dark.out" "stamp: dark"
expect "q 0c1" "^GRAF 0C1 DISABLED$"
expect "enable all" "^COMMAND COMPLETE$"
wait $dark || fail=1
grep "^screen: " "$T/dark.out" | grep -q "LOGOFF AT\|CPCMS" &&
    { echo "FAIL: a disabled terminal showed the logo or LOGOFF"; fail=1; }
grep -q "TIME IS" "$T/dark.screens" && echo "ok: DISABLE, a user going on, ENABLE"
expect "vary offline 0c1" "^GRAF 0C1 VARIED OFFLINE$"
expect "enable 0c1" "^DMKCPV046E GRAF 0C1 OFFLINE$"
expect "vary online 0c1" "^GRAF 0C1 VARIED ONLINE$"
expect "enable 0c1" "^GRAF 0C1 ENABLED$"

# A class G user: the class B commands are not there; HOLDING.
session classg 0C0 <<EOS
wait Type LOGON and your user id
type logon viewer
enter
wait ENTER PASSWORD:
type viewer
enter
wait LOGON AT
type attach 131 to viewer as 150
enter
wait DMKCFM001E INVALID CP COMMAND ATTACH
type vary offline 131
enter
wait DMKCFM001E INVALID CP COMMAND VARY
type enable all
enter
wait DMKCFM001E INVALID CP COMMAND ENABLE
type disable 0c1
enter
wait DMKCFM001E INVALID CP COMMAND DISABLE
type detach 131 from operator
enter
wait DMKDTC040E DEV 131 DOES NOT EXIST
type q graf
enter
wait DMKCQG045E GRAF NOT LOGGED ON
type logoff
enter
wait LOGOFF AT
EOS
grep -q "GRAF 0C0 LOGON AS" "$T/classg.screens" && { echo "FAIL: QUERY GRAF for class G"; fail=1; }

session holding 0C0 <<EOS &
wait Type LOGON and your user id
type logon viewer
enter
wait ENTER PASSWORD:
type viewer
enter
wait LOGON AT
stamp ready
wait MORE...
enter
wait HOLDING
sleep 2
wait HOLDING
gone MSG 60
clear
gone HOLDING
wait MSG 60
type logoff
enter
wait LOGOFF AT
EOS
held=$!
waitfor "$T/holding.out" "stamp: ready"
for i in $(seq 60); do echo "msg viewer MSG $i" >&3; done
wait $held || fail=1
grep -q "HOLDING" "$T/holding.screens" && echo "ok: HOLDING until Clear"

# A CP command's own output filling the screen: the terminal's task reads
# the keys itself while it waits (4 lines of 8 commands after the 8 lines
# of the logo and LOGON: 44 lines, on 41 rows).
q8="q time#q time#q time#q time#q time#q time#q time#q time"
{
    printf 'wait Type LOGON and your user id\ntype logon viewer\nenter\n'
    printf 'wait ENTER PASSWORD:\ntype viewer\nenter\nwait LOGON AT\n'
    for i in 1 2 3 4; do printf 'type %s\nenter\nsleep 0.3\n' "$q8"; done
    cat <<EOS
wait MORE...
enter
wait HOLDING
sleep 2
wait HOLDING
clear
gone HOLDING
sleep 1
type logoff
enter
wait LOGOFF AT
EOS
} > "$T/ownmore.steps"
session ownmore 0C0 < "$T/ownmore.steps"
grep -q "HOLDING" "$T/ownmore.screens" && echo "ok: HOLDING in a CP command's own output"

cpcon_stop
[ "$cpcon_status" = 0 ] || { echo "FAIL: CP ended with status $cpcon_status"; fail=1; }
# On the host: dedtest's record is on real cylinder 7 head 3 of SPARE1.
"$B/cpcms" dasd export --ckd "$T/spare1.vol" "$T/spare1.ckd" > /dev/null || exit 1
python3 - "$T/spare1.ckd" <<'PY' || fail=1
import struct, sys
d = open(sys.argv[1], 'rb').read()
trk = struct.unpack('<I', d[12:16])[0]
t = d[512 + (7 * 30 + 3) * trk:]
off = 5 + 8 + struct.unpack('>H', t[11:13])[0]           # after HA and R0
c, h, r, kl, dl = struct.unpack('>HHBBH', t[off:off + 8])
data = t[off + 8:off + 8 + dl]
ok = (c, h, r, dl) == (7, 3, 1, 4096) and all(data[i] == (i * 13 + 5) & 255 for i in range(dl))
print("ok: the record on real cylinder 7 head 3" if ok else "FAIL: cylinder 7 head 3 has %s" % ((c, h, r, dl),))
sys.exit(0 if ok else 1)
PY
[ $fail = 0 ] && echo "ok: ATTACH, DETACH, VARY, ENABLE, DISABLE, QUERY, DEFINE, HOLDING"
exit $fail
