#!/usr/bin/env python3
"""s3270drive.py - drive one s3270 session from a script of steps, waiting
for text on the screen instead of for fixed times (CP's tests).

  s3270drive.py [LU@]HOST:PORT < steps

LU names the terminal (the TN3270E device name, e.g. 0C1).  With
$S3270_DARK set the session does not wait for an input field after
connecting (a disabled terminal shows none).

Steps, one per line:
  type TEXT        type TEXT into the input field
  enter | clear | pa1 | pa2 | pfN
  wait TEXT        until TEXT is on the screen (at most 30 s), else exit 1;
                   after an Enter, only below the line entered, where CP
                   echoed it (if it is on the screen): not an older answer
  gone TEXT        until TEXT is no longer on the screen
  screen           print the screen (lines prefixed 'screen: ')
  stamp NAME       print 'stamp: NAME SECONDS' (the host's clock)
  sleep SECONDS    pause (after a line the guest answers with nothing: CP
                   holds one line typed ahead, and refuses the next with
                   NOT ACCEPTED until the guest has read it)
Every screen seen is also appended to the file named by $S3270_LOG.
"""
import os
import select
import subprocess
import sys
import time


class Session:
    def __init__(self, host):
        self.p = subprocess.Popen(["s3270", "-script"], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, text=True, bufsize=1)
        self.buf = b""
        self.log = open(os.environ["S3270_LOG"], "a") if os.environ.get("S3270_LOG") else None
        self.typed = ""         # what `type` put in the input field
        self.entered = ""       # and the last Enter sent
        self.cmd("Connect(%s)" % host)
        if not os.environ.get("S3270_DARK"):
            self.cmd("Wait(20,InputField)")

    def readline(self, c):
        """A line s3270 answered, without waiting forever."""
        while b"\n" not in self.buf:
            if not select.select([self.p.stdout], [], [], 60)[0]:
                raise SystemExit("s3270: no answer in 60 s to " + c)
            more = os.read(self.p.stdout.fileno(), 65536)
            if not more:
                raise SystemExit("s3270 ended during " + c)
            self.buf += more
        line, _, self.buf = self.buf.partition(b"\n")
        return line.decode("utf-8", "replace")

    def cmd(self, c):
        self.p.stdin.write(c + "\n")
        self.p.stdin.flush()
        data = []
        while True:
            line = self.readline(c)
            if line == "ok":
                return data
            if line == "error":
                raise SystemExit("s3270: %s failed: %s" % (c, data))
            if line.startswith("data: "):
                data.append(line[6:])

    def screen(self):
        s = self.cmd("Ascii()")
        if self.log:
            self.log.write("\n".join(s) + "\n----\n")
        return s

    def newer(self, rows):
        """The rows below the last echo of the line entered last (CP
        echoes what the user enters), or every row if it is not on the
        screen (a password, a full screen, a new page)."""
        if self.entered:
            for i in range(len(rows) - 1, -1, -1):
                r = rows[i].strip()
                if r and (r == self.entered or (len(self.entered) > 78 and self.entered.startswith(r))):
                    return rows[i + 1:]
        return rows

    def until(self, text, secs, present):
        end = time.time() + secs
        while time.time() < end:
            rows = self.screen()
            if any(text in l for l in (self.newer(rows) if present else rows)) == present:
                return True
            time.sleep(0.05)
        return False


def main():
    s = Session(sys.argv[1])
    for raw in sys.stdin:
        step = raw.rstrip("\n")
        if not step.strip():
            continue
        verb, _, arg = step.partition(" ")
        if verb == "type":
            s.cmd("Wait(20,Unlock)")
            s.cmd('String("%s")' % arg.replace('"', '\\"'))
            s.typed += arg
        elif verb in ("enter", "clear", "pa1", "pa2"):
            s.cmd({"enter": "Enter()", "clear": "Clear()", "pa1": "PA(1)", "pa2": "PA(2)"}[verb])
            s.entered, s.typed = (s.typed.strip() if verb == "enter" else ""), ""
        elif verb.startswith("pf") and verb[2:].isdigit():
            s.cmd("Wait(20,Unlock)")
            s.cmd("PF(%d)" % int(verb[2:]))
            s.entered = s.typed = ""
        elif verb in ("wait", "gone"):
            if not s.until(arg, 30, verb == "wait"):
                print("screen: " + "\nscreen: ".join(s.screen()))
                sys.exit("s3270drive: %s '%s' timed out" % (verb, arg))
        elif verb == "stamp":
            print("stamp: %s %.3f" % (arg, time.time()))
        elif verb == "sleep":
            time.sleep(float(arg))
        elif verb == "screen":
            print("screen: " + "\nscreen: ".join(s.screen()))
        else:
            sys.exit("s3270drive: unknown step " + step)
    s.cmd("Disconnect()")


if __name__ == "__main__":
    main()
