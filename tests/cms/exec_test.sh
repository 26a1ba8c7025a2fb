#!/bin/sh
# exec_test.sh - EXECs in CMS on a line-mode console (the operator's,
# IPL CMS as in cms_test.sh): EXEC files put on the A-disk from the host
# (`cpcms cmsfs put`), then PROFILE EXEC run at IPL before the first
# Ready; arguments and &INDEX; &IF/&GOTO and &LOOP loops; &TYPE and
# &BEGTYPE; &CONTROL's echo of commands and "+++ R(nnnnn) +++";
# &RETCODE after a failing command; &EXIT rc in Ready(rc); EXECs calling
# EXECs, to the nesting limit; LISTFILE (EXEC and the CMS EXEC it
# writes run as "CMS TYPE"; implied EXEC against SET IMPEX OFF and the
# EXEC command; the DMSEXT072E errors.  (HX stopping an EXEC needs a
# terminal's attention: the operator's console has none.)
B=${B:-build}
T=$(mktemp -d)
trap 'kill $cpcon_pid 2>/dev/null; [ -n "$KEEP" ] || rm -rf "$T"' EXIT
. tests/cms/cmscon.sh
fail=0
cmscon_sysgen || exit 1
"$B/cpcms" cmsfs format --label EXEC01 "$T/sysres.vol" OPERATOR.191 > /dev/null || exit 1

# put NAME: the lines on stdin as NAME EXEC A1
put() {
    cat > "$T/$1.exec"
    "$B/cpcms" cmsfs put "$T/sysres.vol" OPERATOR.191 "$T/$1.exec" "$1 EXEC A1" ||
        { echo "FAIL: cmsfs put $1 EXEC"; fail=1; }
}
put PROFILE <<'EOF'
&CONTROL OFF
&TYPE PROFILE RAN WITH &INDEX ARGS
EOF
put HELLO <<'EOF'
* arguments and &INDEX
&CONTROL OFF
&TYPE HELLO &1 &2 ( &INDEX )
&IF &INDEX EQ 0 &EXIT 4
&EXIT
EOF
put COUNT <<'EOF'
&CONTROL OFF
&I = 0
-AGAIN &I = &I + 1
&IF &I LT &1 &GOTO -AGAIN
&TYPE COUNTED TO &I
&N = 0
&LOOP 2 3
&N = &N + 2
&TYPE LOOP &N
&BEGTYPE
  Lines  as  they  are, &1 too
&END
EOF
put FAILS <<'EOF'
TYPE NOSUCH FILE
&TYPE RC &RETCODE
&CONTROL ERROR
STATE NOSUCH FILE
STATE HELLO EXEC
&CONTROL OFF
&ERROR &GOTO -ERR
TYPE NOSUCH FILE
&TYPE NOT HERE
-ERR &TYPE ERROR TRAPPED &RETCODE
&EXIT 7
EOF
put OUTER <<'EOF'
&CONTROL OFF
EXEC HELLO FROM OUTER
HELLO
&TYPE INNER GAVE &RETCODE
QUERY IMPEX
EOF
put DEEP <<'EOF'
&CONTROL OFF
&N = &1 + 1
EXEC DEEP &N
&EXIT &RETCODE
EOF
put BADGOTO <<'EOF'
&TYPE BEFORE
&GOTO -NOWHERE
EOF
put BADNUM <<'EOF'
&X = ABC + 1
EOF

cpcon_start "$T/sysres.vol" || exit 1
cmd "ipl cms"
has "^PROFILE RAN WITH 0 ARGS$" "PROFILE EXEC at IPL"
awk '/^PROFILE RAN/{p=NR} /^Ready/{r=NR} END{exit !(p && r && p < r)}' "$T/last" ||
    { echo "FAIL: PROFILE EXEC before the first Ready"; cat "$T/last"; fail=1; }

cmd "hello a b"
exactly "implied EXEC with arguments" <<'EOF'
HELLO A B ( 2 )
EOF
has "^Ready;" "... return code 0"
cmd "hello"
has "^HELLO \( 0 \)$" "no arguments"
has "^Ready\(00004\);" "&EXIT 4 in Ready(4)"
cmd "exec hello x"
has "^HELLO X \( 1 \)$" "the EXEC command"

cmd "count 4"
exactly "&IF/&GOTO, &LOOP, &BEGTYPE" <<'EOF'
COUNTED TO 4
LOOP 2
LOOP 4
LOOP 6
  Lines  as  they  are, &1 too
EOF

cmd "fails"
exactly "&CONTROL CMS and ERROR, &RETCODE, &ERROR, &EXIT" <<'EOF'
TYPE NOSUCH FILE
DMSTYP002E FILE 'NOSUCH FILE *' NOT FOUND
+++ R(00028) +++
RC 28
DMSSTT002E FILE 'NOSUCH FILE *' NOT FOUND
STATE NOSUCH FILE
+++ R(00028) +++
DMSTYP002E FILE 'NOSUCH FILE *' NOT FOUND
ERROR TRAPPED 28
EOF
has "^Ready\(00007\);" "&EXIT 7 in Ready(7)"

cmd "outer"
exactly "EXECs calling EXECs" <<'EOF'
HELLO FROM OUTER ( 2 )
HELLO ( 0 )
INNER GAVE 4
IMPEX = ON
EOF

cmd "deep 0"
has "^DMSEXT072E ERROR IN EXEC FILE DEEP, LINE 0 - MAX DEPTH OF EXEC NESTING EXCEEDED$" \
    "EXECs nested too deep"
has "^Ready\(00812\);" "... return code 812 through every level"

# LISTFILE (EXEC: CMS EXEC, "&1 &2 fn ft fm" a line
cmd "listfile hello exec a (exec"
cmd "listfile cms exec a"
has "^CMS      EXEC     A1$" "LISTFILE (EXEC wrote CMS EXEC"
cmd "cms type"
exactly "CMS EXEC run as CMS TYPE" <<'EOF'
TYPE HELLO EXEC A1
* arguments and &INDEX
&CONTROL OFF
&TYPE HELLO &1 &2 ( &INDEX )
&IF &INDEX EQ 0 &EXIT 4
&EXIT
EOF
cmd "listfile count exec a (exec"
cmd "exec cms state"
exactly "EXEC CMS STATE" <<'EOF'
STATE COUNT EXEC A1
EOF

# SET IMPEX OFF: the name is no command; EXEC still runs it
cmd "set impex off"
cmd "query impex"
has "^IMPEX = OFF$" "QUERY IMPEX"
cmd "hello a"
has "^Unknown CP/CMS command$" "SET IMPEX OFF: no implied EXEC"
has "^Ready\(-0003\);" "... return code -3"
cmd "exec hello a"
has "^HELLO A \( 1 \)$" "EXEC with IMPEX OFF"
cmd "set impex on"
cmd "hello a"
has "^HELLO A \( 1 \)$" "SET IMPEX ON again"

# errors
cmd "exec nosuch"
has "^DMSEXT072E ERROR IN EXEC FILE NOSUCH, LINE 0 - FILE NOT FOUND$" "EXEC of no such file"
has "^Ready\(00801\);" "... return code 801"
cmd "exec"
has "^DMSEXT001E NO FILENAME SPECIFIED$" "EXEC without a file name"
cmd "badgoto"
has "^BEFORE$" "BADGOTO ran to line 2"
has "^DMSEXT072E ERROR IN EXEC FILE BADGOTO, LINE 2 - &SKIP OR &GOTO ERROR$" "&GOTO no label"
has "^Ready\(00802\);" "... return code 802"
cmd "badnum"
has "^DMSEXT072E ERROR IN EXEC FILE BADNUM, LINE 1 - CONVERSION ERROR$" "arithmetic on a word"
cpcon_stop
[ $cpcon_status = 0 ] || { echo "FAIL: CP ended with status $cpcon_status"; fail=1; }
[ $fail = 0 ] && echo "ok: EXEC: PROFILE, arguments, loops, &CONTROL, &RETCODE, &EXIT, nesting, CMS EXEC, IMPEX, errors"
exit $fail
