#!/bin/sh
# logon_test.sh - CP's 3270 terminals through the TN3270 server, with
# s3270: the logo on connect, LOGON with the password in a non-display
# field checked against the directory, wrong passwords (refused, delayed
# after the third, reported to the operator), a user not in the
# directory, CP commands and a guest (a saved system) on the terminal,
# DISCONN and RECONNECTED, LOGOFF back to the logo; no password ever on a
# screen.  tests/cp/s3270drive.py runs each session, waiting for texts.
B=${B:-build}
command -v s3270 >/dev/null 2>&1 || { echo "SKIP: s3270 is not installed"; exit 0; }
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 is not installed"; exit 0; }
T=$(mktemp -d)
trap 'kill $cpcon_pid 2>/dev/null; [ -n "$KEEP" ] || rm -rf "$T"' EXIT
fail=0
. tests/check.sh
. tests/cp/cpcon.sh

"$B/cpcms" sysgen --type 3330 --cylinders 20 --directory tests/cp/test.direct \
    --system HELLO="$B/tests/sa/hello.elf" "$T/sysres.vol" > /dev/null || exit 1
cpcon_start "$T/sysres.vol" --3270 0C0-0C3 --tn3270 127.0.0.1:0 --max-seconds 150 || exit 1
port=$(cpcon_port)
[ -n "$port" ] || { echo "FAIL: no TN3270 port"; exit 1; }
check "$T/console.out" "^DMKIOE500I 4 3270 TERMINALS$" "CP found the 3270s"

session() { # NAME < steps: s3270drive.py, every screen in $T/NAME.screens
    S3270_LOG="$T/$1.screens" timeout 120 python3 tests/cp/s3270drive.py "127.0.0.1:$port" \
        > "$T/$1.out" 2>&1 || { echo "FAIL: session $1:"; tail -30 "$T/$1.out"; fail=1; }
}

# 1. The logo, a user not in the directory, wrong passwords.
session bad <<EOS
wait CPCMS  -  CP/CMS on a simulated System/370
wait CP READ
type logon nobody
enter
wait DMKLOG053E NOBODY NOT IN CP DIRECTORY
type logon guest
enter
wait ENTER PASSWORD:
type wrong1
enter
wait DMKLOG050E PASSWORD INCORRECT
type logon guest
enter
wait ENTER PASSWORD:
type wrong2
enter
wait REINITIATE LOGON PROCEDURE
type logon guest
enter
wait ENTER PASSWORD:
type wrong3
enter
wait REINITIATE LOGON PROCEDURE
EOS
sleep 1
check "$T/console.out" "^DMKLOG056W 3 LOGON FAILURES FOR GUEST AT TERMINAL 0C0$" "the operator told of 3 failures"

# 2. LOGON, CP commands, a guest, class G refused SHUTDOWN, DISCONN.
session good <<EOS
wait Type LOGON and your user id
type logon guest
enter
wait ENTER PASSWORD:
type guest
enter
wait LOGON AT
type query time
enter
wait TIME IS
type ipl hello
enter
wait Hello, S/370!
wait DMKDSP450W CP ENTERED; DISABLED WAIT PSW 000A0000 00000000
type frobnicate
enter
wait DMKCFM001E INVALID CP COMMAND FROBNICATE
type shutdown
enter
wait DMKCFM001E INVALID CP COMMAND SHUTDOWN
type disconn
enter
wait DISCONNECT AT
wait Type LOGON and your user id
EOS

# 3. LOGON again: the disconnected machine is taken back; its console
# spooled to the operator; LOGOFF closes that file.
session again <<EOS
wait Type LOGON and your user id
type logon guest
enter
wait ENTER PASSWORD:
type GUEST
enter
wait RECONNECTED AT
type spool console start to operator
enter
type query time
enter
wait TIME IS
type logoff
enter
wait LOGOFF AT
wait Type LOGON and your user id
EOS
sleep 0.5
check "$T/console.out" "^RDR FILE [0-9]\{4\} FROM GUEST CON WAS [0-9]\{4\} RECS 00000[3-9] CPY 001 A NOHOLD$" \
    "LOGOFF closed GUEST's console file, to the operator's reader"

# 4. SET and TERMINAL: line editing (CHARDEL @, LINEND #, ESCAPE "),
# EMSG, MSG OFF, a PF key; QUERY SET and TERMINAL.
session settings <<EOS
wait Type LOGON and your user id
type logon maint
enter
wait ENTER PASSWORD:
type maint
enter
wait LOGON AT
type q timx@e
enter
wait TIME IS
type q cplevel#q users
enter
wait CPCMS CP RELEASE
wait USERS,
type msg maint a"#b
enter
wait MSG FROM MAINT   : a#b
type set emsg text
enter
type frob
enter
wait INVALID CP COMMAND FROB
type set emsg off#frab
enter
type q set
enter
wait MSG ON , WNG ON , EMSG OFF , ACNT OFF, RUN OFF
type set emsg on#set msg off
enter
type msg maint hello
enter
wait DMKMSG057W MAINT NOT RECEIVING; MSG OFF
type set msg on
enter
type terminal linend ;
enter
type q cplevel;q terminal
enter
wait CHARDEL @, ESCAPE "
type set pf3 query time
enter
type q pf3
enter
wait PF03 query time
pf3
wait TIME IS
type logoff
enter
wait LOGOFF AT
EOS
grep -q "DMKCFM001E INVALID CP COMMAND FROB" "$T/settings.screens" &&
    { echo "FAIL: SET EMSG TEXT showed the code"; fail=1; }
grep -q "FRAB" "$T/settings.screens" && { echo "FAIL: SET EMSG OFF showed an error"; fail=1; }
grep -q "TIMX" "$T/settings.screens" && { echo "FAIL: CHARDEL"; fail=1; }

# No password on any screen, nor on the console.
for s in bad good again settings; do
    if grep -v -i "logon guest" "$T/$s.screens" | grep -qi "wrong[123]\| guest *$"; then
        echo "FAIL: a password on the screen ($s)"; fail=1
    fi
done
grep -qi "wrong[123]" "$T/console.out" && { echo "FAIL: a password on the console"; fail=1; }
[ $fail = 0 ] && echo "ok: logo, LOGON, wrong passwords, commands, a guest, DISCONN, RECONNECT, LOGOFF"

echo shutdown >&3
wait $cpcon_pid
status=$?
[ $status = 0 ] || { echo "FAIL: CP ended with status $status"; tail -5 "$T/console.out"; fail=1; }
exit $fail
