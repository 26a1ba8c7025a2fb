#!/bin/sh
# logon_cms_test.sh - CMS end to end as its users see it, through a real
# TN3270 client (s3270, driven by tests/cp/s3270drive.py): a system with
# MAINT's CMS system disk and 20 users, each with a 191 that sysgen
# formats.  USER01 logs on and CMS comes up to Ready from the
# directory's IPL 190; a file is made (COPYFILE from a help file on the
# S-disk), listed, typed, renamed, erased; errors give CMS's messages and
# return codes; a temporary disk (CP DEFINE T3350) formatted, a file made
# on it with EDIT and typed, the disk detached.  LOGOFF, LOGON again:
# DEFINE STORAGE, LINK of the 19E, IPL CMS (the nucleus as the saved
# system sysgen made) with the 19E as Y, INDICATE, and the file on the
# A-disk still there.  A client that leaves logged on leaves its user
# disconnected, not on the terminal.  Then all 20 users at once do the
# same on their own disks (the T-disks side by side in CP's space, all of
# which but USER01's directory T-disk (MDISK 192 3350 T-DISK 1) a T-disk
# of USER01's held until its LOGOFF gave it back).
B=${B:-build}
T=$(mktemp -d)
trap 'kill $pid $feeder 2>/dev/null; [ -n "$KEEP" ] || rm -rf "$T"' EXIT
fail=0
. tests/cms/usersys.sh
usersys_start 20 $((173 + ${PAGING:-0})) " MDISK 192 3350 T-DISK 1"

# work USER: a user's CMS session
work() {
    logon "$1"
    cat <<EOS
type query disk
enter
wait 191 A   R/W
type copyfile listfile helpcms s mine text a
enter
wait Ready;
clear
type listfile * * a (date
enter
wait MINE     TEXT     A2
type type mine text a 1 1
enter
wait LISTFILE - list files
clear
type rename mine text a yours text a
enter
wait Ready;
type erase mine text a
enter
wait DMSERS002E FILE 'MINE TEXT A' NOT FOUND
wait Ready(00028);
clear
type listfile nothere * a
enter
wait DMSLST002E FILE NOT FOUND
type copyfile nothere
enter
wait DMSCPY054E
clear
type help copyfile
enter
wait COPYFILE - copy a file
clear
type cp define t3350 as 291 cyl 2
enter
wait DASD 291 DEFINED
type format 291 b
enter
wait ENTER 'YES' OR 'NO'.
type yes
enter
wait ENTER DISK LABEL:
type tmp291
enter
wait 2 CYLINDERS FORMATTED ON DISK 'B(291)'
wait Ready;
clear
type access 291 b
enter
wait Ready;
clear
type edit notes script b
enter
wait NEW FILE:
type input
enter
wait INPUT:
clear
type Written with EDIT by $1
enter
sleep 0.2
type 
enter
wait EDIT:
clear
type file
enter
wait Ready;
clear
type type notes script b
enter
wait Written with EDIT by $1
type query disk b
enter
wait TMP291 291 B   R/W
clear
type listfile * * b (label
enter
wait NOTES    SCRIPT   B1
type cp detach 291
enter
wait DASD 291 DETACHED
clear
type logoff
enter
wait LOGOFF AT
EOS
}
work USER01 | session first
{
    logon USER01
    cat <<EOS
type cp define storage 5m
enter
wait DMKDEF094E STORAGE EXCEEDS ALLOWED MAXIMUM
type cp define storage 3000k
enter
wait STORAGE = 03008K
wait CP READ
type link maint 190 19e rr
enter
clear
type ipl cms
enter
wait Ready;
type query disk
enter
wait CMS190 190 S   R/O
wait CMS190 19E Y   R/O
clear
type cp query virtual storage
enter
wait STORAGE = 03008K
clear
type cp indicate
enter
wait PAGING-0000/SEC STEAL-000%
type cp indicate user
enter
wait SIO=0
type cp indicate user user02
enter
wait DMKIND045E USER02 NOT LOGGED ON
type listfile * * a
enter
wait YOURS    TEXT     A2
type erase yours text a
enter
wait Ready;
clear
type cp define t9999 as 291 cyl 1
enter
wait DMKDEF023E VDEVTYPE MISSING OR INVALID
type cp define t3350 as 291 cylinders
enter
wait DMKDEF026E OPERAND MISSING OR INVALID
type cp define t3350 as 291 cyl 43
enter
wait DMKDEF091E DASD 291 NOT DEFINED; TEMP SPACE NOT AVAILABLE
clear
type cp query 192
enter
wait DASD 192 3350 (TEMP) R/W     1 CYL
type cp define t3350 as 291 cyl 42
enter
wait DASD 291 DEFINED
type cp query 291
enter
wait DASD 291 3350 (TEMP) R/W    42 CYL
type cp define t3350 as 291 cyl 1
enter
wait DMKDEF092E DEVICE 291 ALREADY DEFINED
type logoff
enter
wait LOGOFF AT
EOS
} | session again
# A client that goes away logged on leaves its user disconnected: the
# next client on that terminal gets the logo, not the user's session.
logon USER02 | session gone
session back <<EOS
wait Type LOGON and your user id
type query disk
enter
wait DMKCFM002E LOG ON FIRST
type logon user02
enter
wait ENTER PASSWORD:
type USER02
enter
wait RECONNECTED
type logoff
enter
wait LOGOFF AT
EOS
grep -q "temporary disk space: cylinders 130-172" "$T/sysgen.out" ||
    { echo "FAIL: sysgen's T-disk space:"; cat "$T/sysgen.out"; fail=1; }
[ $fail = 0 ] && echo "ok: LOGON to CMS Ready, a file made, listed, typed, renamed, erased, kept across LOGON"

at_once 20 work
n=$(grep -l "LOGOFF AT" "$T"/USER*.screens 2>/dev/null | wc -l)
[ "$n" = 20 ] && echo "ok: 20 users at once, each to Ready and LOGOFF" ||
    { echo "FAIL: $n of 20 users' sessions ended with LOGOFF"; fail=1; }
logon_times "$T"/USER*.out | sort -n | tail -1 |
    awk '{printf "LOGON to Ready: %.2f s at most of the 20 at once\n", $1}'
usersys_stop
exit $fail
