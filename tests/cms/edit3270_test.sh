#!/bin/sh
# edit3270_test.sh - EDIT on a 3270, through a real TN3270 client (s3270)
# against the default system (`cpcms` with its built-in directory): LOGON
# as USER1, CMS comes up to Ready; EDIT a new file, INPUT mode, a null
# line back to EDIT mode, TOP, LOCATE, CHANGE, ?EDIT:, FILE; the file
# typed with CMS's TYPE and listed; EDIT it again, change it and QUIT,
# and the file is as it was; a CHANGE of 40 lines held at MORE... is
# stopped by HX, nothing written, and EDIT works again; LOGOFF.  The
# screen is cleared before each step whose answer is waited for, so that
# nothing older on it matches; a line EDIT answers with nothing is given
# time to be read before the next.
B=${B:-build}
T=$(mktemp -d)
trap 'kill $pid $feeder 2>/dev/null; [ -n "$KEEP" ] || rm -rf "$T"' EXIT
fail=0
. tests/cms/usersys.sh
usersys_boot

{ cat <<'EOS'
wait Type LOGON and your user id
type logon user1
enter
wait ENTER PASSWORD:
type user1
enter
wait Ready;
clear
type edit poem text
enter
wait NEW FILE:
wait EDIT:
type input
enter
wait INPUT:
type roses are red
enter
sleep 0.2
type violets are blue
enter
sleep 0.2
type sugar is sweet
enter
sleep 0.2
clear
type 
enter
wait EDIT:
type top
enter
wait TOF:
type locate /violets/
enter
wait VIOLETS ARE BLUE
type c/blue/green/
enter
wait VIOLETS ARE GREEN
clear
type frobnicate
enter
wait ?EDIT: FROBNICATE
type file
enter
wait Ready;
clear
type type poem text
enter
wait SUGAR IS SWEET
screen
clear
type listfile poem text a (date
enter
wait POEM     TEXT     A1 F         80          3
clear
type edit poem text
enter
wait EDIT:
type delete *
enter
wait EOF:
type quit
enter
wait Ready;
clear
type type poem text
enter
wait SUGAR IS SWEET
screen
clear
type edit long text
enter
wait NEW FILE:
type input
enter
wait INPUT:
EOS
    for i in $(seq 40); do printf 'type line %s\nenter\nsleep 0.15\n' $i; done
    cat <<'EOS'
clear
type 
enter
wait EDIT:
type top
enter
wait TOF:
type c/LINE/ROW/ * g
enter
wait MORE...
type hx
enter
wait Ready;
clear
type listfile long text a
enter
wait DMSLST002E FILE NOT FOUND
clear
type edit poem text
enter
wait EDIT:
type l /green/
enter
wait VIOLETS ARE GREEN
type quit
enter
wait Ready;
type logoff
enter
wait LOGOFF AT
EOS
} | session edit

# the file, as TYPE showed it (twice: after FILE, after QUIT)
for s in 1 2; do
    sed -n 's/^screen:  //p' "$T/edit.out" | sed 's/ *$//' |
        awk -v s=$s '/^type poem text$/ { k++; next } k == s && /^Ready/ { k++ } k == s' > "$T/typed$s"
    printf 'ROSES ARE RED\nVIOLETS ARE GREEN\nSUGAR IS SWEET\n' | cmp -s - "$T/typed$s" ||
        { echo "FAIL: the file as TYPE showed it ($s)"; cat "$T/typed$s"; fail=1; }
done
usersys_stop
[ $fail = 0 ] && echo "ok: EDIT on a 3270: a new file, INPUT mode, LOCATE, CHANGE, FILE, QUIT"
exit $fail
