#!/usr/bin/env python3
"""The tool under limits and signals (SPEC section 5).

Usage: test_limits.py TIMELINE DATA_DIR [GEN]

GEN is the bench generator (bench/gen), when it is built; the large data
is made here otherwise.  Each check prints 'ok: ...', 'skip: ...' or
'FAIL: ...'; the exit status is 1 when any failed.  Checks: a reader that
goes away ends show, export and diff with status 0, with SIGPIPE as the
caller left it, and git, started by diff --since, gets SIGPIPE and
SIGXFSZ with their default action.
"""
import os
import shutil
import signal
import subprocess
import sys
import tempfile

TIMELINE = os.path.abspath(sys.argv[1])
DATA = os.path.abspath(sys.argv[2])
GEN = os.path.abspath(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[3] \
    else None
TODAY = "--today=2026-12-05"
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1795392000")
failures = []


def check(ok, what, detail=""):
    if ok:
        print("ok: " + what)
    else:
        failures.append(what)
        print("FAIL: " + what + (("\n    " + detail) if detail else ""))


def skip(what, why):
    print("skip: %s (%s)" % (what, why))


def read(path):
    with open(path, "rb") as f:
        return f.read()


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def leftovers(directory):
    return [n for n in os.listdir(directory) if ".tmp." in n]


def large(directory, n, name):
    """A file of n milestones: the bench generator's, or one made here."""
    path = os.path.join(directory, name)
    if GEN is not None:
        subprocess.run([GEN, "-o", path, str(n)], check=True,
                       stdout=subprocess.DEVNULL)
        return path
    lines = ["timeline: big", "milestones:"]
    for i in range(n):
        lines += ["  - id: m%d" % i,
                  "    title: Milestone %d with a title long enough" % i,
                  "    date: %04d-%02d-%02d" % (2030 + i % 50, 1 + i % 12,
                                                1 + i % 28)]
    write(path, ("\n".join(lines) + "\n").encode())
    return path


def pipes(tmp, big):
    """A reader that goes away: status 0, quietly, for each command."""
    other = os.path.join(tmp, "other.yaml")
    shutil.copyfile(big, other)
    with open(other, "ab") as f:
        f.write(b"  - id: zz-added\n    title: Added\n    date: 2027-01-01\n")
    cmds = [["show", "--width", "100", TODAY, big],
            ["export", "--format", "json", TODAY, big],
            ["export", "--format", "ics", TODAY, big],
            ["export", "--format", "text", TODAY, big],
            ["export", "--format", "json", "-o", "/dev/stdout", TODAY, big],
            ["diff", DATA, big]]
    for args in cmds:
        for ignore in (False, True):
            def setup(ignore=ignore):
                signal.signal(signal.SIGPIPE, signal.SIG_IGN if ignore else
                              signal.SIG_DFL)
            with tempfile.TemporaryFile() as errf:
                p = subprocess.Popen([TIMELINE] + args,
                                     stdout=subprocess.PIPE, stderr=errf,
                                     env=ENV, preexec_fn=setup)
                head = p.stdout.read(10)
                p.stdout.close()
                status = p.wait(timeout=300)
                errf.seek(0)
                err = [l for l in errf.read().splitlines()
                       if b"warning:" not in l]
            check(status == 0 and len(head) == 10 and not err,
                  "timeline %s | head -c 10: status 0, quietly (SIGPIPE %s)"
                  % (" ".join(a for a in args if a not in (big, DATA, TODAY)),
                     "ignored" if ignore else "default"),
                  "status %d, stderr %r" % (status, err[:3]))
    # What a script with pipefail sees.
    p = subprocess.run(["bash", "-c", 'set -o pipefail; "$0" show %s "$1" | '
                        'head -1 >/dev/null' % TODAY, TIMELINE, big],
                       env=ENV, stderr=subprocess.DEVNULL, timeout=300)
    check(p.returncode == 0, "set -o pipefail; timeline show | head -1: 0",
          "status %d" % p.returncode)


def git_signals(tmp):
    """git, started by diff --since, gets SIGPIPE and SIGXFSZ at their
    default action, whatever the tool was given."""
    git = shutil.which("git")
    if git is None:
        skip("git started with SIGPIPE at its default", "no git")
        return
    bindir = os.path.join(tmp, "bin")
    os.mkdir(bindir)
    report = os.path.join(tmp, "git-signals")
    fake = os.path.join(bindir, "git")
    write(fake, ('#!/bin/sh\ngrep "^SigIgn:" /proc/$$/status >> "%s"\n'
                 'exec "%s" "$@"\n' % (report, git)).encode())
    os.chmod(fake, 0o755)
    repo = os.path.join(tmp, "repo")
    os.makedirs(os.path.join(repo, "timeline"))
    shutil.copy(os.path.join(DATA, os.listdir(DATA)[0]),
                os.path.join(repo, "timeline"))
    env = dict(ENV, PATH=bindir + os.pathsep + os.environ["PATH"],
               GIT_CONFIG_NOSYSTEM="1", HOME=tmp,
               GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org")
    for args in (["init", "-q"], ["add", "-A"],
                 ["commit", "-q", "-m", "first"]):
        subprocess.run([git] + args, cwd=repo, env=env, check=True)
    pipe_bit = 1 << (signal.SIGPIPE - 1)
    fsz_bit = 1 << (signal.SIGXFSZ - 1)
    for ignore in (False, True):
        if os.path.exists(report):
            os.unlink(report)

        def setup(ignore=ignore):
            signal.signal(signal.SIGPIPE, signal.SIG_IGN if ignore else
                          signal.SIG_DFL)
        p = subprocess.run([TIMELINE, "diff", "--since", "HEAD"], cwd=repo,
                           env=env, capture_output=True, preexec_fn=setup,
                           timeout=120)
        masks = [int(l.split()[1], 16) for l in
                 read(report).decode().splitlines()] \
            if os.path.exists(report) else []
        ok = masks and all(not m & (pipe_bit | fsz_bit) for m in masks)
        check(p.returncode == 0 and ok,
              "git started by diff --since gets SIGPIPE and SIGXFSZ at "
              "their default action (SIGPIPE %s for the tool)" %
              ("ignored" if ignore else "default"),
              "status %d, SigIgn %r, stderr %r" %
              (p.returncode, [hex(m) for m in masks], p.stderr[:200]))


def main():
    tmp = tempfile.mkdtemp(prefix="timeline-limits-")
    try:
        big = large(tmp, 200000, "big.yaml")
        pipes(tmp, big)
        git_signals(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
