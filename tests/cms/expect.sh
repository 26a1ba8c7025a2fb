# expect.sh - sourced by the tests of tests/cms: run cpcms and check its
# status and what it said.  Needs $C (the cpcms executable) and $T (a
# scratch directory); sets fail=1 on a failure.
#
#   expect STATUS FRAGMENT COMMAND ARGS...  cpcms COMMAND ARGS... must exit
#                                           with STATUS and say FRAGMENT
#                                           (grep, stdout and stderr
#                                           together, kept in $T/out)
#   same FILE1 FILE2 WHAT                   the two files are equal
expect() {
    want=$1 frag=$2
    shift 2
    "$C" "$@" > "$T/out" 2>&1 < /dev/null
    got=$?
    if [ "$got" != "$want" ] || { [ -n "$frag" ] && ! grep -q -- "$frag" "$T/out"; }; then
        echo "FAIL: cpcms $*: status $got (want $want), output:"; cat "$T/out"
        fail=1
    else
        echo "ok: ${frag:-cpcms $*}"
    fi
}
same() {
    if cmp -s "$1" "$2"; then echo "ok: $3"; else echo "FAIL: $3"; fail=1; fi
}
