#!/bin/sh
# edit_test.sh - EDIT, the CMS line editor, on a line-mode console (the
# operator's, IPL CMS as in cms_test.sh): a new file made in INPUT mode,
# then TOP, LOCATE, FIND, CHANGE (repeated with "=" and a bare C, in n
# lines, global), DELETE, REPLACE, TYPE, UP/NEXT/BOTTOM with TOF: and EOF:,
# VERIFY, ZONE, CASE, SAVE under another name, FILE; the file typed with
# CMS's TYPE and compared line by line; EDIT again and QUIT leaves it as
# it was; a SCRIPT file is V and mixed case; errors: ?EDIT:, the file id
# missing, a disk not accessed, a read-only disk on FILE.
#
# The operator's console hands a line to CMS only while CMS reads (else
# it is a CP command), so every line waits for what it answers; a line
# that answers nothing (a line of INPUT mode, VERIFY OFF...) waits a
# little instead: if it came too soon, the file's content says so.
B=${B:-build}
T=$(mktemp -d)
trap 'kill $cpcon_pid 2>/dev/null; [ -n "$KEEP" ] || rm -rf "$T"' EXIT
. tests/cms/cmscon.sh
fail=0
cmscon_sysgen || exit 1

# quiet LINE: a line EDIT answers with nothing
quiet() { cpcon_send "$1"; sleep 0.4; }

cpcon_start "$T/sysres.vol" || exit 1
cmd "ipl cms"
cmd "format 191 a" "ENTER 'YES' OR 'NO'"
cmd "yes" "ENTER DISK LABEL"
cmd "edit01"

# a new file, in INPUT mode
cmd "edit poem text" "^EDIT:"
exactly "EDIT of a new file" <<'EOF'
NEW FILE:
EDIT:
EOF
cmd "input" "^INPUT:"
quiet "roses are red"
quiet "violets are blue"
quiet "sugar is sweet"
quiet "and so are you"
cmd "" "^EDIT:"
cmd "top" "^TOF:"
cmd "type *" "^EOF:"
exactly "INPUT mode, CASE U, TYPE *" <<'EOF'
ROSES ARE RED
VIOLETS ARE BLUE
SUGAR IS SWEET
AND SO ARE YOU
EOF:
EOF
cmd "top" "^TOF:"
cmd "locate /sugar/" "^SUGAR"
exactly "LOCATE" <<'EOF'
SUGAR IS SWEET
EOF
cmd "change /sweet/sour/" "^SUGAR"
exactly "CHANGE" <<'EOF'
SUGAR IS SOUR
EOF
cmd "top" "^TOF:"
cmd "l/ARE/" "^ROSES"
cmd "c/ARE/WERE/" "^ROSES WERE RED"
cmd "l" "^VIOLETS"
has "^VIOLETS ARE BLUE$" "LOCATE again"
cmd "c" "^VIOLETS"
has "^VIOLETS WERE BLUE$" "CHANGE again"
cmd "l" "^AND SO"
cmd "top" "^TOF:"
cmd "l/WERE/" "^ROSES"
cmd "=" "^VIOLETS"
has "^VIOLETS WERE BLUE$" "= repeats the last subcommand"
quiet "case m"
cmd "top" "^TOF:"
cmd "c/E/e/ * g" "^EOF:"
exactly "CASE M, CHANGE * G" <<'EOF'
ROSeS WeRe ReD
VIOLeTS WeRe BLUe
AND SO ARe YOU
EOF:
EOF
cmd "top" "^TOF:"
cmd "c/e/E/ 2" "^VIOLETS"
exactly "CHANGE in 2 lines, the first in each" <<'EOF'
ROSES WeRe ReD
VIOLETS WeRe BLUe
EOF
cmd "c/xyz/abc/" "^NOT FOUND"
cmd "find SUG" "^SUGAR"
cmd "find OUR" "^EOF:"
exactly "FIND is anchored at column 1" <<'EOF'
NOT FOUND
EOF:
EOF
cmd "top" "^TOF:"
cmd "find V  L" "^VIOLETS"
cmd "next" "^SUGAR"
cmd "delete" "^AND SO"
cmd "up" "^VIOLETS"
quiet "replace VIOLETS ARE VIOLET"
cmd "type" "^VIOLETS ARE VIOLET"
cmd "bottom" "^AND SO"
cmd "input" "^INPUT:"
quiet "THE END"
cmd "" "^EDIT:"
cmd "next" "^EOF:"
cmd "up 9" "^TOF:"
quiet "i Mixed Case"
quiet "verify off"
quiet "next"
cpcon_since > "$T/last"
[ -s "$T/last" ] && { echo "FAIL: VERIFY OFF"; cat "$T/last"; fail=1; }
quiet "verify on"
cmd "next" "^VIOLETS"
quiet "zone 1 5"
cmd "c/ARE/WERE/" "^NOT FOUND"               # ARE in columns 9-11: outside
quiet "zone 1 *"
quiet "save poem copy"
cpcon_since > "$T/last"
[ -s "$T/last" ] && { echo "FAIL: SAVE said something"; cat "$T/last"; fail=1; }
cmd "frob" "^\?EDIT:"
has "^\?EDIT: frob$" "an unknown subcommand"
cmd "bottom" "^THE END"
quiet "replace THE REAL END"
cmd "file poem text"
has "^Ready;" "FILE"

cmd "type poem text"
exactly "the file EDIT wrote" <<'EOF'
Mixed Case
ROSES WeRe ReD
VIOLETS ARE VIOLET
AND SO ARe YOU
THE REAL END
EOF
cmd "listfile poem * a (date"
has "^POEM     TEXT     A1 F +80 +5 +1 " "F 80, five records"
has "^POEM     COPY     A1 F +80 +5 +1 " "SAVE under another name"
cmd "type poem copy"
exactly "SAVE wrote what the file had then" <<'EOF'
Mixed Case
ROSES WeRe ReD
VIOLETS ARE VIOLET
AND SO ARe YOU
THE END
EOF

# EDIT again: not new; QUIT leaves the file as it was
cmd "edit poem text a" "^EDIT:"
exactly "EDIT of a file that is there" <<'EOF'
EDIT:
EOF
cmd "delete *" "^EOF:"
cmd "type" "^EOF:"
cmd "quit"
cmd "type poem text"
exactly "QUIT wrote nothing" <<'EOF'
Mixed Case
ROSES WeRe ReD
VIOLETS ARE VIOLET
AND SO ARe YOU
THE REAL END
EOF

# a SCRIPT file: V, mixed case
cmd "edit notes script" "^EDIT:"
cmd "input" "^INPUT:"
quiet "Lower and UPPER"
quiet "  indented"
cmd "" "^EDIT:"
cmd "file"
cmd "listfile notes script a (date"
has "^NOTES    SCRIPT   A1 V +15 +2 +1 " "SCRIPT: V records, as long as the longest"
cmd "type notes script"
exactly "SCRIPT: mixed case" <<'EOF'
Lower and UPPER
  indented
EOF

# errors
cmd "edit poem"
has "^DMSEDI054E INCOMPLETE FILEID SPECIFIED$" "EDIT without a file type"
has "^Ready\(00024\);" "... return code 24"
cmd "edit poem text c"
has "^DMSEDI069E DISK 'C' NOT ACCESSED$" "EDIT on a disk not accessed"
has "^Ready\(00036\);" "... return code 36"
cmd "edit poem text (frob"
has "^DMSEDI003E INVALID OPTION 'FROB'$" "an unknown option"
cmd "edit po.em text"
has "^DMSEDI062E INVALID CHARACTER IN FILEID 'PO.EM TEXT'$" "a bad file name"
cmd "edit big file (lrecl 300"
has "^DMSEDI029E INVALID PARAMETER '300' IN THE OPTION 'LRECL' FIELD$" "LRECL too long"
cmd "cp link operator 191 192 rr" 
cmd "access 192 b"
cmd "edit poem text b" "^EDIT:"
cmd "file" "^DMSEDI037E"
has "^DMSEDI037E DISK 'B' IS READ/ONLY$" "FILE on a read-only disk"
cmd "file poem new a"
has "^Ready;" "FILE with another file id"
cmd "listfile poem new a"
has "^POEM     NEW      A1$" "... written there"
cpcon_stop
[ $cpcon_status = 0 ] || { echo "FAIL: CP ended with status $cpcon_status"; fail=1; }

# the file, as the host reads it
"$B/cpcms" cmsfs get "$T/sysres.vol" OPERATOR.191 "POEM TEXT A" "$T/poem.txt" ||
    { echo "FAIL: cmsfs get"; fail=1; }
printf 'Mixed Case\nROSES WeRe ReD\nVIOLETS ARE VIOLET\nAND SO ARe YOU\nTHE REAL END\n' > "$T/want.txt"
cmp -s "$T/poem.txt" "$T/want.txt" || { echo "FAIL: the file on disk"; diff "$T/want.txt" "$T/poem.txt"; fail=1; }
[ $fail = 0 ] && echo "ok: EDIT on a line-mode console: INPUT, the subcommands, FILE, SAVE, QUIT, errors"
exit $fail
