# check.sh - sourced by the shell tests (run from the top of the tree):
#
#   check FILE PATTERN WHAT   "ok: WHAT" if a line of FILE matches PATTERN
#                             (a grep basic regular expression); else
#                             "FAIL: WHAT", the pattern, the end of FILE,
#                             and fail=1
check() {
    if grep -q -e "$2" "$1"; then
        echo "ok: $3"
    else
        echo "FAIL: $3 (no '$2' in $1; it ends:)"
        tail -20 "$1"
        fail=1
    fi
}
