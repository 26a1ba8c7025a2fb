#!/bin/sh
# cms_test.sh - CMS in the operator's virtual machine (IPL CMS, the
# nucleus as a saved system), driven from the operator's console: the
# version line and the ready message; FORMAT of an A-disk; a file put
# there from the host (`cpcms cmsfs put`) typed, listed, copied (with
# options), renamed, erased; QUERY and SET; the messages and return
# codes of errors; then SHUTDOWN, IPL again and the files still there
# (and readable from the host with `cpcms cmsfs`).
B=${B:-build}
T=$(mktemp -d)
trap 'kill $cpcon_pid 2>/dev/null; [ -n "$KEEP" ] || rm -rf "$T"' EXIT
. tests/cms/cmscon.sh
fail=0
cmscon_sysgen " MDISK 192 3350 013 002 CPSYS1 W" || exit 1

cpcon_start "$T/sysres.vol" || exit 1
cmd "ipl cms"
has "^CMS 1\.0 \(CPCMS\) [0-9][0-9]/[0-9][0-9]/[0-9][0-9] " "version line"
has "^DMSACC112S DISK A\(191\) IS NOT CMS FORMATTED$" "unformatted 191 said"
has "^Ready; T=[0-9]+\.[0-9][0-9]/[0-9]+\.[0-9][0-9] [0-2][0-9]:[0-5][0-9]:[0-5][0-9]$" "ready message"
cmd "format 191 a" "ENTER 'YES' OR 'NO'"
cmd "yes" "ENTER DISK LABEL"
cmd "cms191"
has "^DMSFOR732I 3 CYLINDERS FORMATTED ON DISK 'A\(191\)'$" "FORMAT"
cmd "query disk"
has "^CMS191 191 A   R/W    3 3350    4096      0 " "QUERY DISK after FORMAT"
cmd "format 192 b (blksize 1k" "ENTER 'YES' OR 'NO'"
cmd "no"
cmd "query disk b"
has "^DMSQRY069E DISK 'B' NOT ACCESSED$" "FORMAT answered NO leaves the disk alone"
cmd "format 192 b (blksize 1k" "ENTER 'YES' OR 'NO'"
cmd "yes" "ENTER DISK LABEL"
cmd "scratch"
cmd "q disk b"
has "^SCRATC 192 B   R/W    2 3350    1024 " "FORMAT with 1K blocks (label cut to 6)"
cmd "listfile"
has "^DMSLST002E FILE NOT FOUND$" "LISTFILE of an empty disk"
has "^Ready\(00028\);" "... return code 28"
cpcon_stop

# a file from the host, and a C program built on the host (cmslib/cmscc)
"$B/cpcms" cmsfs put --binary "$T/sysres.vol" OPERATOR.191 "$B/tests/cms/hello.text" "HELLOC TEXT A1" ||
    { echo "FAIL: cmsfs put of a TEXT file"; fail=1; }
printf 'Hello, CMS\nsecond line\n \nfourth, after an empty one\n' > "$T/hello.txt"
"$B/cpcms" cmsfs put "$T/sysres.vol" OPERATOR.191 "$T/hello.txt" "HELLO TEXT A1" ||
    { echo "FAIL: cmsfs put"; fail=1; }

cpcon_start "$T/sysres.vol" || exit 1
cmd "ipl cms"
cmd "access 192 b"
cmd "listfile * * * (date"
has "^HELLO    TEXT     A1 V +26 +4 +1 " "LISTFILE (DATE)"
cmd "type hello text"
has "^fourth, after an empty one$" "TYPE"
cmd "type hello text a 2 2 (hex"
has "^0000  A2858396 95844093 899585$" "TYPE a record in HEX"
cmd "copyfile hello text a copy text b (recfm f lrecl 20"
cmd "listfile * * b (header"
has "^FILENAME FILETYPE FM FORMAT LRECL" "LISTFILE (HEADER)"
has "^COPY     TEXT     B1 F +20 +4 +1 " "COPYFILE (RECFM F LRECL 20)"
cmd "type copy text b"
has "^fourth, after an emp$" "F 20 records cut"
cmd "copyfile hello text a copy text b"
has "^DMSCPY024E FILE 'COPY TEXT B1' ALREADY EXISTS -- SPECIFY 'REPLACE'$" "COPYFILE onto a file"
has "^Ready\(00028\);" "... return code 28"
cmd "copyfile hello text a copy text b (append upcase"
cmd "type copy text b 5 *"
has "^HELLO, CMS$" "COPYFILE (APPEND UPCASE)"
cmd "rename copy text b new name b"
cmd "state new name b"
has "^Ready;" "STATE of a renamed file"
cmd "state copy text"
has "^DMSSTT002E FILE 'COPY TEXT \*' NOT FOUND$" "STATE of a file not there"
cmd "erase new name b"
cmd "listfile * * b"
has "^DMSLST002E FILE NOT FOUND$" "ERASE"
cmd "type hello"
has "^DMSTYP054E INCOMPLETE FILEID SPECIFIED$" "TYPE without a file type"
has "^Ready\(00024\);" "... return code 24"
cmd "copyfile hello text a x y a (frob"
has "^DMSCPY003E INVALID OPTION 'FROB'$" "an unknown option"
cmd "access 555 c"
has "^DMSACC113S C\(555\) NOT ATTACHED$" "ACCESS of a device not there"
cmd "copyfile hello text a ext text b"
cmd "copyfile hello text a secret text b0"
cmd "access 192 b/a"
has "^DMSACC723I B \\(192\\) R/O$" "ACCESS as an extension: read-only"
cmd "q disk b"
has "^SCRATC 192 B/A R/O " "QUERY DISK of an extension"
cmd "type ext text a 1 1"
has "^Hello, CMS$" "a file of the extension B found as A"
cmd "listfile secret text b"
has "^DMSLST002E FILE NOT FOUND$" "a mode-0 file is private on a read-only disk"
cmd "erase ext text b"
has "^DMSERS037E DISK 'B' IS READ/ONLY$" "an extension is read-only"
cmd "access 192 b/b"
has "^DMSACC048E INVALID MODE 'B/B'$" "ACCESS B/B"
cmd "release b"
cmd "q search"
has "^CMS191 191 A   R/W$" "QUERY SEARCH"
grep -q " B " "$T/last" && { echo "FAIL: RELEASE B"; fail=1; }
cmd "frobnicate"
has "^Unknown CP/CMS command$" "an unknown command"
has "^Ready\(-0003\);" "... return code -3"
grep -q "DMKCFM001E" "$T/last" && { echo "FAIL: CP's message for an implied CP command it did not know"; fail=1; }
cmd "query time"
has "^TIME IS " "QUERY passes what it does not know to CP"
cmd "cp query virtual dasd"
has "^DASD 191 3350 CPSYS1 R/W     3 CYL$" "CP command"
# the C program: LOAD, START, GENMOD, then run by its name
cmd "load helloc"
cmd "start * Abc 7"
has "^DMSLIO740I EXECUTION BEGINS\.\.\.$" "START"
has "^HELLO FROM A C PROGRAM, 3 ARGS: \[\*\] \[Abc\] \[7\]$" "the program's arguments"
has "^line 3 of Abc$" "the program wrote and read a file"
has "^READ 3 LINES, MALLOC OK, YEAR OK$" "the program's stdio, malloc and clock"
has "^STATE SAYS 0$" "the program called a CMS command"
has "^Ready\(00007\);" "the program's return code"
cmd "genmod helloc"
cmd "listfile helloc module"
has "^HELLOC   MODULE   A1$" "GENMOD"
cmd "helloc world 3"
has "^HELLO FROM A C PROGRAM, 3 ARGS: \[helloc\] \[world\] \[3\]$" "a MODULE run by its name"
has "^Ready\(00003\);" "... its return code"
cmd "type hello data"
has "^line 2 of world$" "... its file"
cmd "copyfile hello data a temp3 data a3"
cmd "helloc again"
has "^TEMP3 DATA: 3 LINES$" "a program reads a mode-3 file"
cmd "state temp3 data a"
has "^DMSSTT002E FILE 'TEMP3 DATA A' NOT FOUND$" "... which is erased once read"
cmd "load nothing"
has "^DMSLIO002E FILE 'NOTHING TEXT' NOT FOUND$" "LOAD of a file not there"
cmd "load helloc"
cmd "set rdymsg smsg" "^R;$"
cmd "q rdymsg" "^R;$"
has "^RDYMSG = SMSG$" "SET and QUERY RDYMSG"
cpcon_stop
[ $cpcon_status = 0 ] || { echo "FAIL: CP ended with status $cpcon_status"; fail=1; }

# the files are on the disk, as the host sees it
"$B/cpcms" cmsfs ls "$T/sysres.vol" OPERATOR.191 > "$T/ls" 2>&1
grep -q "^HELLO *TEXT *A1" "$T/ls" || { echo "FAIL: cmsfs ls after CMS"; cat "$T/ls"; fail=1; }
"$B/cpcms" cmsfs get "$T/sysres.vol" OPERATOR.191 "HELLO TEXT A" "$T/back.txt" &&
    cmp -s "$T/back.txt" "$T/hello.txt" || { echo "FAIL: cmsfs get after CMS"; fail=1; }
[ $fail = 0 ] && echo "ok: CMS from IPL to Ready, its file commands, errors and return codes"
exit $fail
