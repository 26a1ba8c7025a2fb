# cmscon.sh - sourced by the CMS tests that run on the operator's console
# (cms_test.sh, edit_test.sh, exec_test.sh): the system they IPL CMS in,
# and the steps and checks of a console session.  Needs $B (the build
# directory) and $T (a scratch directory); sets fail=1 on a failure.
#
#   cmscon_sysgen [LINE]...   $T/sysres.vol: OPERATOR (2M) with a 191 of 3
#                             cylinders and the directory LINEs given, CMS
#                             as the saved system CMS, no CMS system disk
#   cmd LINE [PATTERN]        type LINE, wait for PATTERN (default: the
#                             ready message); the output in $T/last
#   has PATTERN WHAT          the last command's output has a line
#                             matching PATTERN (grep -E)
#   exactly WHAT < LINES      the last command's output, the ready
#                             message aside, is LINES
. tests/cp/cpcon.sh
cmscon_sysgen() {
    {
        printf 'USER OPERATOR OPERATOR 2M 16M ABCDEFGH\n CONSOLE 009 3215\n'
        printf ' MDISK 191 3350 010 003 CPSYS1 W\n'
        for l in "$@"; do printf '%s\n' "$l"; done
    } > "$T/d.direct"
    "$B/cpcms" sysgen --type 3350 --cylinders 20 --directory "$T/d.direct" --cms none \
        --system CMS="$B/cms/cms.elf" "$T/sysres.vol" > /dev/null
}
cmd() {
    cpcon_send "$1"
    cpcon_wait "${2:-^Ready|^R;|^R\(}" 30 || { echo "FAIL: $1"; fail=1; }
    cpcon_since > "$T/last"
}
has() { grep -Eq -- "$1" "$T/last" || { echo "FAIL: $2"; cat "$T/last"; fail=1; }; }
exactly() {
    cat > "$T/want"
    grep -Ev '^Ready|^R;|^R\(' "$T/last" > "$T/got"
    cmp -s "$T/want" "$T/got" || { echo "FAIL: $1"; diff "$T/want" "$T/got"; fail=1; }
}
