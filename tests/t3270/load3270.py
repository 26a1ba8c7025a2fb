#!/usr/bin/env python3
"""load3270.py - many TN3270 sessions at once against tests/t3270/echo3270.c
(the load test and the 3270 benchmark).

  load3270.py HOST:PORT SESSIONS [--idle S --pid PID] [--typing N --seconds S]

Opens SESSIONS connections (plain TN3270, RFC 1576: TERMINAL-TYPE
IBM-3278-2, BINARY, END-OF-RECORD), waits until every one has its first
screen (the echo program writes one when the device presents device end),
then sends Enter with a text of its own on each and waits for the screen
that echoes it.  With --idle S, every session then stays connected and
idle for S seconds while the host CPU time of process PID (the simulator)
is measured.  With --typing N, N of the sessions then press Enter once a
second for S seconds, each round trip timed from the Enter to the updated
screen.  Prints summary lines; exit 0 if every session was served.
"""
import os
import selectors
import socket
import sys
import time

IAC, DONT, DO, WONT, WILL, SB, SE, EOR = 255, 254, 253, 252, 251, 250, 240, 239
TTYPE, BINARY, OPT_EOR, TN3270E = 24, 0, 25, 40
CODE6 = bytes([0x40, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0x4A, 0x4B, 0x4C,
               0x4D, 0x4E, 0x4F, 0x50, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xD9,
               0x5A, 0x5B, 0x5C, 0x5D, 0x5E, 0x5F, 0x60, 0x61, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6,
               0xE7, 0xE8, 0xE9, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F, 0xF0, 0xF1, 0xF2, 0xF3,
               0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0x7A, 0x7B, 0x7C, 0x7D, 0x7E, 0x7F])


def addr(a):
    return bytes([CODE6[(a >> 6) & 0x3F], CODE6[a & 0x3F]])


class Session:
    def __init__(self, i, host, port):
        self.i = i
        self.sock = socket.create_connection((host, port))
        self.sock.setblocking(False)
        self.inbuf = b""
        self.record = b""
        self.records = 0
        self.expect = None      # text the next screen must echo
        self.sent_at = None
        self.rtts = []
        self.screen_ok = False

    def send(self, data):
        self.sock.sendall(data)

    def negotiate(self, cmd, opt):
        if cmd == DO:
            self.send(bytes([IAC, WILL if opt in (TTYPE, BINARY, OPT_EOR) else WONT, opt]))
        elif cmd == WILL:
            self.send(bytes([IAC, DO if opt in (BINARY, OPT_EOR) else DONT, opt]))

    def feed(self, data):
        """Telnet bytes in; complete 3270 records to on_record()."""
        self.inbuf += data
        b = self.inbuf
        i = 0
        while i < len(b):
            c = b[i]
            if c != IAC:
                self.record += bytes([c])
                i += 1
                continue
            if i + 1 >= len(b):
                break
            cmd = b[i + 1]
            if cmd == IAC:
                self.record += bytes([IAC])
                i += 2
            elif cmd == EOR:
                self.on_record(self.record)
                self.record = b""
                i += 2
            elif cmd in (DO, DONT, WILL, WONT):
                if i + 2 >= len(b):
                    break
                self.negotiate(cmd, b[i + 2])
                i += 3
            elif cmd == SB:
                end = b.find(bytes([IAC, SE]), i)
                if end < 0:
                    break
                if b[i + 2] == TTYPE and b[i + 3] == 1:     # SEND
                    self.send(bytes([IAC, SB, TTYPE, 0]) + b"IBM-3278-2" + bytes([IAC, SE]))
                i = end + 2
            else:
                i += 2
        self.inbuf = b[i:]

    def on_record(self, rec):
        self.records += 1
        if self.expect is None:
            self.screen_ok = True
            return
        if self.expect.encode("cp037") in rec:
            self.rtts.append(time.monotonic() - self.sent_at)
            self.expect = None

    def enter(self, text):
        self.expect = text
        self.sent_at = time.monotonic()
        # AID Enter, cursor, SBA to the input field (row 2, column 16), text
        data = bytes([0x7D]) + addr(2 * 80 + 16 + len(text)) + bytes([0x11]) + addr(2 * 80 + 16) \
            + text.encode("cp037")
        self.send(data.replace(bytes([IAC]), bytes([IAC, IAC])) + bytes([IAC, EOR]))


def pump(sel, until, deadline):
    while not until() and time.monotonic() < deadline:
        for key, _ in sel.select(timeout=0.05):
            s = key.data
            try:
                data = s.sock.recv(65536)
            except BlockingIOError:
                continue
            if not data:
                sel.unregister(s.sock)
                continue
            s.feed(data)
    return until()


def cpu_seconds(pid):
    """utime + stime of a process, in seconds (/proc/PID/stat)."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def pct(values, p):
    v = sorted(values)
    return v[min(len(v) - 1, int(len(v) * p / 100))] if v else float("nan")


def main():
    host, port = sys.argv[1].rsplit(":", 1)
    n = int(sys.argv[2])
    typing = int(sys.argv[sys.argv.index("--typing") + 1]) if "--typing" in sys.argv else 0
    seconds = int(sys.argv[sys.argv.index("--seconds") + 1]) if "--seconds" in sys.argv else 0
    sel = selectors.DefaultSelector()
    sessions = []
    for i in range(n):
        s = Session(i, host, int(port))
        sel.register(s.sock, selectors.EVENT_READ, s)
        sessions.append(s)
        if i % 50 == 49:                    # let the server keep up
            pump(sel, lambda: False, time.monotonic() + 0.01)
    t0 = time.monotonic()
    ok = pump(sel, lambda: all(s.screen_ok for s in sessions), t0 + 120)
    connected = sum(s.screen_ok for s in sessions)
    print("load3270: %d of %d sessions got their first screen in %.1f s" %
          (connected, n, time.monotonic() - t0))
    if not ok:
        return 1
    for s in sessions:
        s.enter("S%04d" % s.i)
    ok = pump(sel, lambda: all(s.expect is None for s in sessions), time.monotonic() + 120)
    served = sum(1 for s in sessions if s.expect is None)
    rtts = [s.rtts[0] for s in sessions if s.rtts]
    print("load3270: %d of %d sessions served an Enter (p50 %.1f ms, p99 %.1f ms)" %
          (served, n, pct(rtts, 50) * 1000, pct(rtts, 99) * 1000))
    if not ok:
        return 1
    if "--idle" in sys.argv:
        idle = int(sys.argv[sys.argv.index("--idle") + 1])
        pid = int(sys.argv[sys.argv.index("--pid") + 1])
        c0, t0 = cpu_seconds(pid), time.monotonic()
        pump(sel, lambda: False, t0 + idle)
        c1, t1 = cpu_seconds(pid), time.monotonic()
        print("load3270: %d sessions idle for %.0f s: the simulator used %.2f s of CPU (%.1f%%)" %
              (n, t1 - t0, c1 - c0, 100 * (c1 - c0) / (t1 - t0)))
    if typing:
        typists = sessions[:typing]
        for s in typists:
            s.rtts = []
        end = time.monotonic() + seconds
        k = 0
        while time.monotonic() < end:
            t_round = time.monotonic()
            for j, s in enumerate(typists):     # spread over the second
                target = t_round + j / len(typists)
                pump(sel, lambda: False, target)
                if s.expect is None:
                    k += 1
                    s.enter("T%06d" % k)
            pump(sel, lambda: False, t_round + 1)
        pump(sel, lambda: all(s.expect is None for s in typists), time.monotonic() + 10)
        rtts = [r for s in typists for r in s.rtts]
        lost = sum(1 for s in typists if s.expect is not None)
        print("load3270: %d typing: %d round trips, p50 %.2f ms, p99 %.2f ms, max %.2f ms, %d unanswered" %
              (typing, len(rtts), pct(rtts, 50) * 1000, pct(rtts, 99) * 1000,
               max(rtts) * 1000 if rtts else float("nan"), lost))
        if lost:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
