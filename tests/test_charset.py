#!/usr/bin/env python3
"""A terminal that reads another encoding than UTF-8 gets that encoding.

Builds de_DE.ISO-8859-1 (and de_DE.UTF-8) with localedef into a directory
of its own (LOCPATH), then runs `timeline show` and `timeline check` with
standard output and standard error on pseudo-terminals:

- in ISO-8859-1, the text comes in ISO-8859-1 ('é' is E9, 'Û' is DB), and
  no byte of 80-9F (the 8-bit C1 controls such a terminal may act on:
  'Û' in UTF-8 is C3 9B, and 9B is CSI) reaches either terminal; the
  marks of done and cancelled read 'v' and 'x'; a JSON line longer than
  the stream's buffer comes whole, converted, also through
  `-o /dev/stdout`; with only standard error a terminal, only it is
  converted;
- in UTF-8, and in the C locale, the bytes are UTF-8, as they are;
- into a pipe, the bytes are UTF-8 whatever the locale.

usage: test_charset.py PATH-TO-timeline
Exits 77 (skipped) where localedef or the locale sources are missing.
"""
import os
import pty
import select
import subprocess
import sys
import tempfile

SKIP = 77

# In ISO-8859-1 with 8-bit controls, the title's UTF-8 would read as CSI
# 2J (clear the screen), then OSC 52 (set the clipboard to "pwned").
# The description, longer than a stream's buffer, has characters cut
# between its writes.
DATA = """timeline: charset
milestones:
  - id: cafe
    title: "Café Û2JÝ52;c;cHduZWQ=Ü — ✓"
    date: 2026-05-01
    description: "%s"
  - id: shipped
    title: Shipped
    date: 2025-05-01
    status: done
  - id: dropped
    title: Dropped
    date: 2026-06-01
    status: cancelled
""" % ("é—😀Û" * 3000)

BAD = """timeline: bad
milestones:
  - id: bad
    title: Bad
    date: 2026-05-02
    "Ûkey": x
"""


def drain(fd, chunks):
    """Reads what is ready on fd into chunks; False at its end."""
    try:
        data = os.read(fd, 65536)
    except OSError:
        return False
    if not data:
        return False
    chunks.append(data)
    return True


def on_terminals(argv, env):
    """Runs argv with standard output and standard error on two
    pseudo-terminals; returns (status, out bytes, err bytes)."""
    out_master, out_slave = pty.openpty()
    err_master, err_slave = pty.openpty()
    proc = subprocess.Popen(argv, stdout=out_slave, stderr=err_slave,
                            stdin=subprocess.DEVNULL, env=env)
    os.close(out_slave)
    os.close(err_slave)
    chunks = {out_master: [], err_master: []}
    open_fds = [out_master, err_master]
    while open_fds:
        ready, _, _ = select.select(open_fds, [], [], 20)
        if not ready:
            proc.kill()
            raise SystemExit("FAIL: %s did not finish" % argv)
        for fd in ready:
            if not drain(fd, chunks[fd]):
                open_fds.remove(fd)
    status = proc.wait(20)
    out = b"".join(chunks[out_master]).replace(b"\r\n", b"\n")
    err = b"".join(chunks[err_master]).replace(b"\r\n", b"\n")
    os.close(out_master)
    os.close(err_master)
    return status, out, err


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    binary = os.path.abspath(sys.argv[1])
    failures = []

    def check(cond, what):
        if not cond:
            failures.append(what)

    with tempfile.TemporaryDirectory() as tmp:
        for charmap in ("ISO-8859-1", "UTF-8"):
            name = os.path.join(tmp, "de_DE." + charmap)
            made = subprocess.run(["localedef", "-i", "de_DE", "-f", charmap,
                                   name], capture_output=True, text=True)
            if made.returncode not in (0, 1) or not os.path.isdir(name):
                print("skipped: cannot build de_DE.%s: %s" %
                      (charmap, (made.stderr or "").strip()[:200]))
                return SKIP
        path = os.path.join(tmp, "charset.yaml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(DATA)
        bad = os.path.join(tmp, "bad.yaml")
        with open(bad, "w", encoding="utf-8") as f:
            f.write(BAD)
        show = [binary, "show", "--color", "never", "--today", "2026-01-01",
                path]
        check_cmd = [binary, "check", "--today", "2026-01-01", bad]
        base = {k: v for k, v in os.environ.items()
                if not k.startswith("LC_") and k not in ("LANG", "LANGUAGE")}
        base["LOCPATH"] = tmp
        base["TERM"] = "xterm"

        latin = dict(base, LC_ALL="de_DE.ISO-8859-1")
        status, out, err = on_terminals(show, latin)
        check(status == 0, "show in ISO-8859-1: exit status %d" % status)
        check(b"v Shipped" in out and b"x Dropped" in out,
              "show in ISO-8859-1: no v and x for done and cancelled: %r" %
              out)
        check("Café Û2JÝ52".encode("latin-1") in out,
              "show in ISO-8859-1: the title is not in ISO-8859-1: %r" % out)
        check("Caf\u00e9".encode("utf-8") not in out,
              "show in ISO-8859-1: UTF-8 reached the terminal: %r" % out)
        status, out2, err2 = on_terminals(check_cmd, latin)
        check("'\u00dbkey'".encode("latin-1") in err2,
              "check in ISO-8859-1: the key is not in ISO-8859-1: %r" % err2)
        for what, data in (("show's output", out), ("show's errors", err),
                           ("check's errors", err2)):
            c1 = [b for b in data if 0x80 <= b <= 0x9f]
            check(not c1, "in ISO-8859-1, %s hold C1 bytes %s: %r" %
                  (what, sorted(set(c1)), data))
            try:
                data.decode("ascii")
                ascii_only = True
            except UnicodeDecodeError:
                ascii_only = False
            check(not ascii_only or not data,
                  "in ISO-8859-1, %s hold no letter beyond ASCII" % what)

        for locale in ("de_DE.UTF-8", "C"):
            env = dict(base, LC_ALL=locale)
            status, out, err = on_terminals(show, env)
            check("Café Û2JÝ52;c;cHduZWQ=Ü — ✓".encode("utf-8") in out,
                  "show in %s: not UTF-8: %r" % (locale, out))
            status, out, err = on_terminals(check_cmd, env)
            check("'Ûkey'".encode("utf-8") in err,
                  "check in %s: not UTF-8: %r" % (locale, err))

        # A line longer than the stream's buffer, whole, as the pipe
        # gets it, converted; also through -o /dev/stdout.
        export = [binary, "export", "--format", "json", "--today",
                  "2026-01-01", path]
        piped_json = subprocess.run(export, env=latin, capture_output=True)
        want = piped_json.stdout.decode("utf-8").replace(
            "\u2014", "--").replace("\u2713", "v")
        want = want.encode("latin-1", errors="replace")
        for extra in ([], ["-o", "/dev/stdout"]):
            status, out, err = on_terminals(export + extra, latin)
            check(out == want, "export %s in ISO-8859-1: not the JSON "
                  "converted (%d bytes, %d wanted)" %
                  (" ".join(extra), len(out), len(want)))

        # One stream a terminal, the other a pipe: only the terminal's
        # bytes are converted.
        err_master, err_slave = pty.openpty()
        proc = subprocess.Popen(check_cmd, env=latin, stdout=subprocess.PIPE,
                                stderr=err_slave, stdin=subprocess.DEVNULL)
        os.close(err_slave)
        chunks = []
        while drain(err_master, chunks):
            pass
        out_bytes = proc.communicate(timeout=20)[0]
        os.close(err_master)
        err_bytes = b"".join(chunks)
        check("'\u00dbkey'".encode("latin-1") in err_bytes,
              "check with only standard error a terminal: %r" % err_bytes)
        check("'\u00dbkey'".encode("utf-8") not in err_bytes and
              not out_bytes, "check with only standard error a terminal: "
              "UTF-8 reached it, or output went to standard output")

        piped = subprocess.run(show, env=latin, capture_output=True)
        piped_check = subprocess.run(check_cmd, env=latin,
                                     capture_output=True)
        check("Café Û2JÝ52;c;cHduZWQ=Ü — ✓".encode("utf-8") in piped.stdout,
              "show into a pipe in ISO-8859-1: not UTF-8: %r" % piped.stdout)
        check("'Ûkey'".encode("utf-8") in piped_check.stderr,
              "check into a pipe in ISO-8859-1: not UTF-8: %r" %
              piped_check.stderr)

    for f in failures:
        print("FAIL:", f)
    print("%d failed" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
