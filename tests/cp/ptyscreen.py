#!/usr/bin/env python3
"""ptyscreen.py - run a program on a pseudo-terminal and keep the screen it
draws, for the operator's panel test (panel_test.sh).

    ptyscreen.py SCRIPT -- PROGRAM ARGS...

SCRIPT is a file of steps, one a line:
    wait REGEX [SECONDS]   until the screen (rows joined by newlines) matches
    type TEXT              type TEXT (\\r, \\e, \\x1b... as in Python strings)
    resize ROWS COLS       change the terminal's size (SIGWINCH)
    run COMMAND            start a shell command beside it (killed at the end)
    screen                 print the screen
    end [SECONDS]          wait for the program to end; print its status
Exits 1 at the first step that fails, after printing the screen.  The raw
output is kept in $PTY_RAW if set, and the terminal's modes before and
after are compared (echo, canonical input, output processing): a program
that leaves them changed fails.

The screen is a small VT100/xterm emulator: what ncurses draws with
TERM=xterm (cursor addressing, erasing, scrolling regions, insert and
delete of lines and characters, repeat).  Attributes are ignored.
"""
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import fcntl
import time


class Screen:
    def __init__(self, rows, cols):
        self.resize(rows, cols)
        self.y = self.x = 0
        self.saved = (0, 0)
        self.last = ' '

    def resize(self, rows, cols):
        old = getattr(self, 'cells', [])
        self.rows, self.cols = rows, cols
        self.cells = [[' '] * cols for _ in range(rows)]
        for r in range(min(rows, len(old))):
            for c in range(min(cols, len(old[r]))):
                self.cells[r][c] = old[r][c]
        self.top, self.bottom = 0, rows - 1
        self.y = min(getattr(self, 'y', 0), rows - 1)
        self.x = min(getattr(self, 'x', 0), cols - 1)

    def text(self):
        return '\n'.join(''.join(r).rstrip() for r in self.cells)

    def scroll_up(self, n=1):
        for _ in range(n):
            del self.cells[self.top]
            self.cells.insert(self.bottom, [' '] * self.cols)

    def scroll_down(self, n=1):
        for _ in range(n):
            del self.cells[self.bottom]
            self.cells.insert(self.top, [' '] * self.cols)

    def index(self):
        if self.y == self.bottom:
            self.scroll_up()
        elif self.y < self.rows - 1:
            self.y += 1

    def put(self, ch):
        if self.x >= self.cols:
            self.x = 0
            self.index()
        self.cells[self.y][self.x] = ch
        self.x += 1
        self.last = ch

    def csi(self, priv, params, final):
        p = [int(v) if v.isdigit() else 0 for v in params.split(';')] if params else []
        a = p[0] if p and p[0] else 1
        if priv:
            return  # ?1049h and friends: modes, not drawing
        if final in 'Hf':
            self.y = min(max((p[0] if len(p) > 0 and p[0] else 1) - 1, 0), self.rows - 1)
            self.x = min(max((p[1] if len(p) > 1 and p[1] else 1) - 1, 0), self.cols - 1)
        elif final == 'A':
            self.y = max(self.y - a, 0)
        elif final == 'B':
            self.y = min(self.y + a, self.rows - 1)
        elif final == 'C':
            self.x = min(self.x + a, self.cols - 1)
        elif final == 'D':
            self.x = max(min(self.x, self.cols - 1) - a, 0)
        elif final == 'G':
            self.x = min(a - 1, self.cols - 1)
        elif final == 'd':
            self.y = min(a - 1, self.rows - 1)
        elif final == 'K':
            n = p[0] if p else 0
            row = self.cells[self.y]
            lo, hi = {0: (self.x, self.cols), 1: (0, self.x + 1), 2: (0, self.cols)}[n]
            for c in range(lo, min(hi, self.cols)):
                row[c] = ' '
        elif final == 'J':
            n = p[0] if p else 0
            if n == 0:
                self.csi('', '0', 'K')
                rng = range(self.y + 1, self.rows)
            elif n == 1:
                rng = range(0, self.y)
            else:
                rng = range(0, self.rows)
            for r in rng:
                self.cells[r] = [' '] * self.cols
        elif final == 'X':
            for c in range(self.x, min(self.x + a, self.cols)):
                self.cells[self.y][c] = ' '
        elif final == '@':
            row = self.cells[self.y]
            row[self.x:self.x] = [' '] * a
            del row[self.cols:]
        elif final == 'P':
            row = self.cells[self.y]
            del row[self.x:self.x + a]
            row.extend([' '] * (self.cols - len(row)))
        elif final in 'LM':
            if self.top <= self.y <= self.bottom:
                top = self.top
                self.top = self.y
                (self.scroll_down if final == 'L' else self.scroll_up)(a)
                self.top = top
        elif final == 'S':
            self.scroll_up(a)
        elif final == 'T':
            self.scroll_down(a)
        elif final == 'r':
            self.top = (p[0] if len(p) > 0 and p[0] else 1) - 1
            self.bottom = (p[1] if len(p) > 1 and p[1] else self.rows) - 1
            self.y = self.x = 0
        elif final == 'b':
            for _ in range(a):
                self.put(self.last)
        # m (attributes), h/l (modes), n, c, t ...: nothing to draw

    def feed(self, data):
        s = data.decode('latin-1')
        i = 0
        while i < len(s):
            ch = s[i]
            i += 1
            if ch == '\x1b':
                if i >= len(s):
                    break
                k = s[i]
                i += 1
                if k == '[':
                    m = re.match(r'([?>=!]?)([0-9;]*)[ -/]*([@-~])', s[i:])
                    if not m:
                        break
                    i += m.end()
                    self.csi(m.group(1), m.group(2), m.group(3))
                elif k == ']':
                    end = re.search(r'\x07|\x1b\\', s[i:])
                    i += end.end() if end else len(s)
                elif k in '()*+':
                    i += 1
                elif k == 'M':
                    if self.y == self.top:
                        self.scroll_down()
                    elif self.y > 0:
                        self.y -= 1
                elif k == 'D':
                    self.index()
                elif k == 'E':
                    self.x = 0
                    self.index()
                elif k == '7':
                    self.saved = (self.y, self.x)
                elif k == '8':
                    self.y, self.x = self.saved
                # = > c: nothing to draw
            elif ch == '\r':
                self.x = 0
            elif ch == '\n':
                self.index()
            elif ch == '\b':
                self.x = max(self.x - 1, 0)
            elif ch == '\t':
                self.x = min((self.x // 8 + 1) * 8, self.cols - 1)
            elif ch >= ' ' and ch != '\x7f':
                self.put(ch)


def modes(fd):
    a = termios.tcgetattr(fd)
    return (a[0] & termios.ICRNL, a[1] & termios.OPOST, a[1] & termios.ONLCR,
            a[3] & termios.ECHO, a[3] & termios.ICANON, a[3] & termios.ISIG)


def main():
    args = sys.argv[1:]
    script = open(args[0]).read().splitlines()
    prog = args[args.index('--') + 1:]
    rows, cols = 30, 100
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(prog[0], prog)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))
    before = modes(fd)
    scr = Screen(rows, cols)
    raw = bytearray()
    status = None
    beside = []

    def pump(timeout):
        nonlocal status
        r, _, _ = select.select([fd], [], [], timeout)
        if r:
            try:
                data = os.read(fd, 65536)
            except OSError:
                data = b''
            if data:
                raw.extend(data)
                scr.feed(data)
                return
        if status is None:
            done, st = os.waitpid(pid, os.WNOHANG)
            if done:
                status = os.waitstatus_to_exitcode(st)

    def fail(why):
        print('FAIL: ' + why)
        print('--- screen:')
        print(scr.text())
        if os.environ.get('PTY_RAW'):
            open(os.environ['PTY_RAW'], 'wb').write(raw)
        if status is None:
            os.kill(pid, signal.SIGKILL)
        for b in beside:
            b.kill()
        sys.exit(1)

    for step in script:
        if not step.strip() or step.startswith('#'):
            continue
        word, _, rest = step.partition(' ')
        if word == 'wait':
            m = re.match(r'(.*?)(?:\s+(\d+))?$', rest)
            pat, secs = m.group(1), int(m.group(2) or 30)
            end = time.time() + secs
            while not re.search(pat, scr.text()):
                if time.time() > end or status is not None:
                    fail("no '%s' on the screen" % pat)
                pump(0.1)
            print("ok: '%s' on the screen" % pat)
        elif word == 'type':
            os.write(fd, rest.encode('latin-1').decode('unicode_escape').encode('latin-1'))
            pump(0.05)
        elif word == 'resize':
            rows, cols = map(int, rest.split())
            fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))
            scr.resize(rows, cols)
            os.kill(pid, signal.SIGWINCH)
            pump(0.2)
        elif word == 'run':
            beside.append(subprocess.Popen(rest, shell=True, stdin=subprocess.DEVNULL,
                                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        elif word == 'screen':
            print(scr.text())
        elif word == 'end':
            end = time.time() + int(rest or 30)
            while status is None:
                if time.time() > end:
                    fail('the program did not end')
                pump(0.1)
            while True:  # what it wrote last
                r, _, _ = select.select([fd], [], [], 0.1)
                try:
                    data = os.read(fd, 65536) if r else b''
                except OSError:
                    data = b''
                if not data:
                    break
                raw.extend(data)
                scr.feed(data)
            print('status %d' % status)
            after = modes(fd)
            if after != before:
                fail('terminal modes not restored: %s, were %s' % (after, before))
            print('ok: terminal modes restored')
        else:
            fail('bad step: ' + step)
    for b in beside:
        b.kill()
    if os.environ.get('PTY_RAW'):
        open(os.environ['PTY_RAW'], 'wb').write(raw)


main()
