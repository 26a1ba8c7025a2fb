#!/bin/sh
# notready_test.sh - a DASD whose file fails under a running machine is
# not ready until the file works again, and the machine runs on.
#
# The guest tests/dasd/failwriter.c writes to the volume at 190, a 3330
# and then a 3370.  The simulator runs with a small LD_PRELOAD library
# (failio.so, built here) that makes every pread, pwrite, fsync and
# fdatasync on the volume file (and its -wal and -shm) fail with EIO
# while a trigger file exists: a disk that has gone bad (or, with
# FAIL_SYNC_ONLY, only the syncs fail, so that the failed program's
# commit reaches the WAL and is read back when the file opens again; the
# program is run in both ways, the second on a synced volume, the kind
# that syncs at every program's end).  The script
# waits for the guest's first write, makes the trigger, waits until the
# guest reports intervention required, and removes the trigger.  Then:
#   - the guest saw ok, equipment check (the program during which the
#     file failed), intervention required, ok, in that order; Sense ID
#     worked while not ready; every slot held the last number whose
#     write worked (or, whole, the one that ended in equipment check),
#     so nothing of a refused program reached the volume ("slots ok",
#     exit 0);
#   - stderr has one "not ready" line naming the device, the file and the
#     I/O error, and one "ready" line;
#   - `cpcms dasd check` passes.
B=${B:-build}
D=$B/tests/dasd/failwriter.deck
[ -f "$D" ] || { echo "FAIL: $D not built"; exit 1; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
T=$(cd "$T" && pwd -P)  # the shim compares the paths of open files
fail=0

cat > "$T/failio.c" <<'EOF'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Is fd a file whose name begins with $FAIL_FILE, while $FAIL_TRIGGER exists? */
static int failing(int fd)
{
    const char *trigger = getenv("FAIL_TRIGGER"), *file = getenv("FAIL_FILE");
    if (!trigger || !file || access(trigger, F_OK) != 0)
        return 0;
    char link[64], path[PATH_MAX];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, sizeof path - 1);
    if (n < 0)
        return 0;
    path[n] = 0;
    return strncmp(path, file, strlen(file)) == 0;
}

/* Do only fsync and fdatasync fail? */
static int sync_only(void)
{
    const char *s = getenv("FAIL_SYNC_ONLY");
    return s && strcmp(s, "1") == 0;
}

#define WRAP(ret, name, params, args, sync) \
    ret name params \
    { \
        static ret (*real) params; \
        if (!real) \
            real = (ret (*) params)dlsym(RTLD_NEXT, #name); \
        if ((sync || !sync_only()) && failing(fd)) { \
            errno = EIO; \
            return -1; \
        } \
        return real args; \
    }
WRAP(ssize_t, pread, (int fd, void *b, size_t n, off_t o), (fd, b, n, o), 0)
WRAP(ssize_t, pread64, (int fd, void *b, size_t n, off64_t o), (fd, b, n, o), 0)
WRAP(ssize_t, pwrite, (int fd, const void *b, size_t n, off_t o), (fd, b, n, o), 0)
WRAP(ssize_t, pwrite64, (int fd, const void *b, size_t n, off64_t o), (fd, b, n, o), 0)
WRAP(int, fsync, (int fd), (fd), 1)
WRAP(int, fdatasync, (int fd), (fd), 1)
EOF
${CC:-cc} -shared -fPIC -o "$T/failio.so" "$T/failio.c" -ldl ||
    { echo "FAIL: cannot build failio.so"; exit 1; }

# wait_for PATTERN FILE: until a line of FILE matches (30 s at most).
wait_for() {
    n=0
    until grep -q "$1" "$2" 2> /dev/null; do
        n=$((n + 1))
        [ $n -gt 300 ] && return 1
        sleep 0.1
    done
}

for run in "3330 2" "3370 2000" "3330 2 sync" "3370 2000 sync"; do
    set -- $run
    echo "== $run"
    V=$T/n$1.vol
    out=$T/out.$1
    rm -f "$V" "$V-wal" "$V-shm" "$T/trigger"
    "$B/cpcms" dasd create ${3:+--synced} "$1" "$2" FAIL01 "$V" > /dev/null || { echo "FAIL: create $1"; exit 1; }
    sync_only=${3:+1}
    FAIL_FILE=$V FAIL_TRIGGER=$T/trigger FAIL_SYNC_ONLY=$sync_only LD_PRELOAD=$T/failio.so \
        "$B/cpcms" machine --reader "$D" --dasd "$V@190" --ipl 00C --max-seconds 60 \
        > "$out" 2> "$out.err" < /dev/null &
    pid=$!
    if wait_for "^write 1: ok" "$out"; then
        touch "$T/trigger"
        wait_for "intervention required" "$out" || echo "$run: never not ready"
        sleep 0.3   # the guest's programs are refused meanwhile
    else
        echo "$run: the guest never wrote"
    fi
    rm -f "$T/trigger"
    wait $pid
    status=$?
    cat "$out" "$out.err"
    seq=$(sed -n 's/^write [0-9]*: //p' "$out" | tr '\n' /)
    if [ $status -ne 0 ] || ! grep -q "^slots ok" "$out"; then
        echo "FAIL: $run: the guest ended with status $status"; fail=1
    fi
    if [ "$seq" != "ok/equipment check/intervention required/ok/" ]; then
        echo "FAIL: $run: the writes went $seq"; fail=1
    fi
    if ! grep -q "^sense ID while not ready: ok" "$out"; then
        echo "FAIL: $run: Sense ID did not work while not ready"; fail=1
    fi
    if [ "$(grep -c "^cpcms: DASD 190 not ready: $V: .*I/O error" "$out.err")" != 1 ] ||
       [ "$(grep -c "not ready" "$out.err")" != 1 ]; then
        echo "FAIL: $run: not one 'not ready' message"; fail=1
    fi
    if [ "$(grep -c "^cpcms: DASD 190 ready: $V opened again" "$out.err")" != 1 ]; then
        echo "FAIL: $run: not one 'ready' message"; fail=1
    fi
    "$B/cpcms" dasd check "$V" || { echo "FAIL: $run: dasd check"; fail=1; }
done
exit $fail
