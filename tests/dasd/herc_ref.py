#!/usr/bin/env python3
"""herc_ref.py - an independent reading of Hercules CKD/CCKD images and
cpcms volume files, for tests/dasd/import_test.sh.  It shares no code with
dasd/herc_ckd.c: it follows Hercules' documented layout (cckddasd.html,
cckd.h) with Python's own zlib and bz2, and reads volume files with
Python's sqlite3.

    herc_ref.py image FILE     Hercules CKD or CCKD image
    herc_ref.py volume FILE    cpcms volume file

Both print the same listing, so that an import or export is checked by
comparing two listings:

    heads H
    cyls C
    volser V            (VOL1/CMS1/CMS= label in R3 of track 0, or -)
    T NREC LEN SHA1     one line per track: records after R0, image
                        length, first 12 hex digits of the image's SHA-1
"""
import bz2
import hashlib
import sqlite3
import struct
import sys
import zlib

EOT = b"\xff" * 8


def null_track(fmt, cyl, head):
    cchh = struct.pack(">HH", cyl, head)
    t = b"\x00" + cchh + cchh + b"\x00\x00\x00\x08" + b"\x00" * 8
    if fmt == 0:
        t += cchh + b"\x01\x00\x00\x00"
    return t + EOT


def image_end(img):
    """Length of the image up to and including its end marker."""
    off = 5
    while img[off:off + 8] != EOT:
        if off + 8 > len(img):
            raise ValueError("no end marker")
        kl = img[off + 5]
        dl = struct.unpack(">H", img[off + 6:off + 8])[0]
        off += 8 + kl + dl
    return off + 8


def ckd_tracks(d):
    heads, trksize = struct.unpack("<II", d[8:16])
    if d[:8] == b"CKD_P370":
        ntrk = (len(d) - 512) // trksize
        for t in range(ntrk):
            slot = d[512 + t * trksize:512 + (t + 1) * trksize]
            yield slot[:image_end(slot)]
        return
    assert d[:8] == b"CKD_C370", "not a Hercules image"
    c = d[512:1024]
    big = c[3] & 2
    e = ">" if big else "<"
    numl1 = struct.unpack(e + "i", c[4:8])[0]
    cyls = struct.unpack(e + "I", c[40:44])[0]
    nullfmt = c[44]
    l1 = struct.unpack(e + "%dI" % numl1, d[1024:1024 + 4 * numl1])
    for t in range(cyls * heads):
        cyl, head = divmod(t, heads)
        l2 = l1[t // 256]
        if l2 in (0, 0xFFFFFFFF):
            yield null_track(nullfmt, cyl, head)
            continue
        p = l2 + 8 * (t % 256)
        pos, ln, _ = struct.unpack(e + "IHH", d[p:p + 8])
        if pos in (0, 0xFFFFFFFF):
            yield null_track(ln, cyl, head)
            continue
        hdr, body = d[pos:pos + 5], d[pos + 5:pos + ln]
        comp = hdr[0] & 3
        if comp == 1:
            body = zlib.decompress(body)
        elif comp == 2:
            body = bz2.decompress(body)
        img = b"\x00" + hdr[1:5] + body
        yield img[:image_end(img)]


def image_geometry(d):
    heads, trksize = struct.unpack("<II", d[8:16])
    if d[:8] == b"CKD_P370":
        return heads, (len(d) - 512) // trksize // heads
    c = d[512:1024]
    return heads, struct.unpack(">I" if c[3] & 2 else "<I", c[40:44])[0]


def records(img):
    off, out = 5, []
    while img[off:off + 8] != EOT:
        r, kl = img[off + 4], img[off + 5]
        dl = struct.unpack(">H", img[off + 6:off + 8])[0]
        out.append((r, img[off + 8 + kl:off + 8 + kl + dl]))
        off += 8 + kl + dl
    return out


def volser(img):
    for r, data in records(img):
        if r == 3 and len(data) >= 10:
            text = data[:10].decode("cp037")
            if text[:4] in ("VOL1", "CMS1", "CMS="):
                return text[4:10].rstrip() or "-"
    return "-"


def listing(heads, cyls, tracks):
    out = ["heads %d" % heads, "cyls %d" % cyls]
    lines = []
    vs = "-"
    for t, img in enumerate(tracks):
        if t == 0:
            vs = volser(img)
        lines.append("%d %d %d %s" % (t, len(records(img)) - 1, len(img),
                                      hashlib.sha1(img).hexdigest()[:12]))
    return "\n".join(out + ["volser " + vs] + lines)


def main():
    kind, path = sys.argv[1], sys.argv[2]
    if kind == "image":
        d = open(path, "rb").read()
        heads, cyls = image_geometry(d)
        print(listing(heads, cyls, ckd_tracks(d)))
    else:
        db = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
        cyls, heads = db.execute("SELECT cylinders, heads FROM volume").fetchone()
        rows = db.execute("SELECT image FROM tracks ORDER BY track")
        print(listing(heads, cyls, (bytes(r[0]) for r in rows)))


main()
