#!/usr/bin/env python3
"""The tool under limits and signals (SPEC section 5).

Usage: test_limits.py TIMELINE DATA_DIR [GEN]

GEN is the bench generator (bench/gen), when it is built; the large data
is made here otherwise.  Each check prints 'ok: ...', 'skip: ...' or
'FAIL: ...'; the exit status is 1 when any failed.  Checks: a reader that
goes away ends show, export and diff with status 0, with SIGPIPE as the
caller left it, and git, started by diff --since, gets SIGPIPE and
SIGXFSZ with their default action; every signal that ends the process
(a CPU-time limit, an alarm set before the program started, SIGUSR1, a
crash...) while an export or an edit writes leaves the target old or new
and no temporary file, and the process ends by it; a signal the caller
ignores stays ignored; a system clock past 9999 is a usage error that
says so (with faketime); on a read-only file system the messages say
so (as root, with unshare -m); the edits work in a directory whose
absolute path is longer than PATH_MAX.
"""
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from signalled import leftovers
import signalled

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


def interrupt(args, directory, sig, ignore=False):
    """signalled.interrupt() of this test's timeline with args."""
    return signalled.interrupt([TIMELINE] + args, ENV, directory, sig,
                               ignore, timeout=300)


def interrupt_writing(args, directory, sig, reset, ignore=False):
    """signalled.interrupt_writing() of this test's timeline with args."""
    return signalled.interrupt_writing([TIMELINE] + args, ENV, directory,
                                       sig, reset, ignore, timeout=300)


def cpu_of(args, **kw):
    """Runs the command line; returns its (CPU seconds, wall seconds)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    subprocess.run([TIMELINE] + args, env=ENV, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, timeout=600, **kw)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime + after.ru_stime -
            before.ru_stime, wall)


def ending(tmp, big):
    """Every signal that ends the process removes the temporary file."""
    old = b"the previous export, which must survive\n"
    out = os.path.join(tmp, "out.json")
    sigs = [signal.SIGXCPU, signal.SIGALRM, signal.SIGVTALRM, signal.SIGPROF,
            signal.SIGUSR1, signal.SIGUSR2, signal.SIGSEGV, signal.SIGBUS,
            signal.SIGABRT, signal.SIGFPE, signal.SIGILL, signal.SIGSYS,
            signal.SIGTRAP, signal.SIGQUIT, signal.SIGRTMIN + 2]
    for sig in sigs:
        status, seen = interrupt_writing(["export", "--format", "json",
                                          "-o", out, TODAY, big], tmp, sig,
                                         lambda: write(out, old))
        name = signal.Signals(sig).name if sig < signal.SIGRTMIN else \
            "SIGRTMIN+%d" % (sig - signal.SIGRTMIN)
        check(seen and status == -sig and read(out) == old and
              not leftovers(tmp),
              "export ended by %s while writing leaves -o FILE untouched "
              "and no temporary file" % name,
              "temporary file seen %s, status %s, left %r" %
              (seen, status, leftovers(tmp)))
        for n in leftovers(tmp):
            os.unlink(os.path.join(tmp, n))
    # A signal the caller ignores stays ignored.
    status, seen = interrupt_writing(["export", "--format", "json", "-o",
                                      out, TODAY, big], tmp, signal.SIGUSR1,
                                     lambda: write(out, old), ignore=True)
    check(seen and status == 0 and read(out) != old and not leftovers(tmp),
          "export with SIGUSR1 ignored goes on through it",
          "temporary file seen %s, status %s" % (seen, status))

    # The limits themselves, no kill from outside.  How long loading and
    # writing take is measured first; the limit falls in the writing.
    ics = os.path.join(tmp, "out.ics")
    big = large(tmp, 400000, "larger.yaml")
    load_cpu, load_wall = cpu_of(["check", TODAY, big])
    all_cpu, all_wall = cpu_of(["export", "--format", "ics", "-o", ics,
                                TODAY, big])
    new = read(ics)
    limit = int(load_cpu) + 1
    if limit < load_cpu + 0.2:
        limit += 1
    if limit < all_cpu - 0.3:
        write(ics, old)

        def cpu_limit():
            resource.setrlimit(resource.RLIMIT_CPU, (limit, limit + 60))
        p = subprocess.run([TIMELINE, "export", "--format", "ics", "-o", ics,
                            TODAY, big], env=ENV, preexec_fn=cpu_limit,
                           stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=600)
        # A run faster than the one measured may finish first: what
        # must hold either way is the file, old or new, and no leftover.
        check(p.returncode in (-signal.SIGXCPU, 0) and
              read(ics) == (old if p.returncode else new) and
              not leftovers(tmp),
              "export under ulimit -t %d (loading %.1f s, all %.1f s): "
              "-o FILE old or new, no temporary file" %
              (limit, load_cpu, all_cpu),
              "status %s, left %r" % (p.returncode, leftovers(tmp)))
    else:
        skip("export under ulimit -t", "writing takes %.1f s of CPU" %
             (all_cpu - load_cpu))
    for n in leftovers(tmp):
        os.unlink(os.path.join(tmp, n))
    write(ics, old)
    delay = load_wall + 0.4 * max(all_wall - load_wall, 0.1)

    def alarm():
        signal.setitimer(signal.ITIMER_REAL, delay)
    p = subprocess.run([TIMELINE, "export", "--format", "ics", "-o", ics,
                        TODAY, big], env=ENV, preexec_fn=alarm,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=600)
    check(p.returncode in (-signal.SIGALRM, 0) and
          read(ics) == (old if p.returncode else new) and
          not leftovers(tmp),
          "export under an alarm of %.1f s set before it started: -o FILE "
          "old or new, no temporary file" % delay,
          "status %s, left %r" % (p.returncode, leftovers(tmp)))
    for n in leftovers(tmp):
        os.unlink(os.path.join(tmp, n))
    os.unlink(big)
    os.unlink(ics)

    # The edits replace their file the same way.  The temporary file
    # lives for milliseconds: each signal is tried a few times; no try
    # may leave a temporary file or a file other than the old or the new.
    edited = os.path.join(tmp, "edited.yaml")
    shutil.copyfile(os.path.join(tmp, "big.yaml"), edited)
    before = read(edited)
    ident = None
    for line in before.splitlines():
        if line.lstrip().startswith(b"- id:"):
            ident = line.split(b":", 1)[1].strip().decode()
            break
    subprocess.run([TIMELINE, "move", ident, "2099-01-01", TODAY, edited],
                   env=ENV, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=True, timeout=600)
    after = read(edited)
    write(edited, before)
    for sig in (signal.SIGUSR1, signal.SIGXCPU, signal.SIGSEGV):
        left = wrong = False
        cut = 0
        for _ in range(10):
            status, _ = interrupt(["move", ident, "2099-01-01", TODAY,
                                   edited], tmp, sig)
            left = left or bool(leftovers(tmp))
            for n in leftovers(tmp):
                os.unlink(os.path.join(tmp, n))
            now = read(edited)
            if status == -sig:
                cut += 1
                wrong = wrong or now not in (before, after)
            else:
                wrong = wrong or status != 0 or now != after
            write(edited, before)
        check(not left and not wrong,
              "move ended by %s while writing leaves the file old or new "
              "and no temporary file (%d of 10 tries ended by it)" %
              (signal.Signals(sig).name, cut),
              "temporary file left %s, file wrong %s" % (left, wrong))
    os.unlink(edited)


def clock(tmp):
    """A system clock past 9999-12-31 is a usage error that names the
    clock, not an error of the data (faketime sets it)."""
    faketime = shutil.which("faketime")
    if faketime is None:
        skip("a system clock past 9999", "no faketime")
        return
    # faketime preloads a library, which a sanitized build refuses.
    p = subprocess.run([faketime, "2026-12-05 00:00:00", TIMELINE,
                        "--version"], capture_output=True, timeout=120)
    if p.returncode != 0:
        skip("a system clock past 9999", "the tool does not run under "
             "faketime: %r" % p.stderr[:100])
        return
    data = os.path.join(tmp, "clock.yaml")
    write(data, b"timeline: clock\nmilestones:\n"
          b"  - id: plain\n    title: Plain\n    date: 2026-12\n")
    before = read(data)
    env = dict(os.environ)
    env.pop("SOURCE_DATE_EPOCH", None)
    cmds = [(["show"], b"give --today DAY"),
            (["check"], b"give --today DAY"),
            (["export", "--format", "json"], b"give --today DAY"),
            (["export", "--format", "ics"],
             b"give --today DAY and set SOURCE_DATE_EPOCH"),
            (["export", "--format", "ics", "--today", "2026-12-05"],
             b"set SOURCE_DATE_EPOCH"),
            (["move", "plain", "2027-03"], b"give --today DAY"),
            (["done", "plain"], b"give --today DAY")]
    for args, hint in cmds:
        p = subprocess.run([faketime, "10000-01-02 00:00:00", TIMELINE] +
                           args + [data], env=env, capture_output=True,
                           timeout=120)
        check(p.returncode == 2 and
              b"the system clock is outside the years 0001-9999: " + hint
              in p.stderr and b"clock.yaml:" not in p.stderr and
              read(data) == before,
              "timeline %s with the clock in the year 10000: usage error "
              "(%s)" % (" ".join(args), hint.decode()),
              "status %d, stderr %r" % (p.returncode, p.stderr[:300]))
    p = subprocess.run([faketime, "9999-12-31 12:00:00", TIMELINE, "show",
                        data], env=env, capture_output=True, timeout=120)
    check(p.returncode == 0 and b"31 Dec 9999" in p.stdout,
          "timeline show with the clock on 9999-12-31 works",
          "status %d, stderr %r" % (p.returncode, p.stderr[:300]))
    p = subprocess.run([faketime, "10000-01-02 00:00:00", TIMELINE, "show",
                        "--today", "2026-12-05", data], env=env,
                       capture_output=True, timeout=120)
    check(p.returncode == 0, "--today lets show run with the clock in the "
          "year 10000", "status %d, stderr %r" % (p.returncode,
                                                 p.stderr[:300]))


RO_SCRIPT = r"""
set -u
ro=$1 out=$2 tl=$3 data=$4
mount -t tmpfs -o size=1m tmpfs "$ro" || exit 77
cp "$data" "$ro/t.yaml" && echo OLD > "$ro/out.json" &&
    chmod 644 "$ro/t.yaml" "$ro/out.json" || exit 1
mount -o remount,ro "$ro" || exit 77
"$tl" move plain 2027-03 --today 2026-12-01 "$ro/t.yaml" 2>"$out/move"
echo $? >> "$out/move"
"$tl" export --format json --today 2026-12-01 -o "$ro/out.json" "$data" \
    2>"$out/replace"
echo $? >> "$out/replace"
"$tl" export --format json --today 2026-12-01 -o "$ro/new.json" "$data" \
    2>"$out/new"
echo $? >> "$out/new"
cmp -s "$data" "$ro/t.yaml" && echo same >> "$out/move"
[ "$(cat "$ro/out.json")" = OLD ] && echo same >> "$out/replace"
ls -a "$ro" > "$out/list"
exit 0
"""


def readonly_fs(tmp):
    """On a read-only file system the messages say so, and advise
    neither chmod nor > FILE into it.  A tmpfs remounted read-only, in a
    mount namespace of its own (unshare -m, as root)."""
    unshare = shutil.which("unshare")
    if os.geteuid() != 0 or unshare is None:
        skip("a read-only file system", "needs root and unshare")
        return
    ro = os.path.join(tmp, "ro")
    out = os.path.join(tmp, "ro-out")
    os.mkdir(ro)
    os.mkdir(out)
    data = os.path.join(tmp, "ro.yaml")
    write(data, b"timeline: ro\nmilestones:\n"
          b"  - id: plain\n    title: Plain\n    date: 2026-12\n")
    p = subprocess.run([unshare, "-m", "sh", "-c", RO_SCRIPT, "sh", ro, out,
                        TIMELINE, data], capture_output=True, timeout=120)
    if p.returncode == 77 or (p.returncode != 0 and
                              b"unshare" in p.stderr):
        skip("a read-only file system", "no mount namespace or tmpfs: %r"
             % p.stderr[:200])
        return
    listing = read(os.path.join(out, "list")).split()
    for what, name, path in (("move", "move", "t.yaml"),
                             ("export -o over a file", "replace",
                              "out.json"),
                             ("export -o to a new file", "new", "new.json")):
        lines = read(os.path.join(out, name)).splitlines()
        err = b"\n".join(lines[:-2] if name != "new" else lines[:-1])
        status = lines[-2 if name != "new" else -1]
        kept = name == "new" or lines[-1] == b"same"
        check(status == b"2" and b"read-only file system; nothing written"
              in err and b"writable" not in err and b"> " not in err and
              kept and len(listing) == 4,
              "%s on a read-only file system says so, without advice "
              "that cannot work" % what,
              "status %r, stderr %r, kept %s, files %r" %
              (status, err[:300], kept, listing))


def long_path(tmp):
    """move, done and status edit a file whose absolute path is longer
    than PATH_MAX, named relatively or through a relative link, as
    export -o writes there."""
    seg = "d" * 200
    made = (4200 - len(tmp)) // (len(seg) + 1) + 1
    # Made one level at a time, from inside: the whole name is too long
    # for the system to take at once.
    here = os.getcwd()
    os.chdir(tmp)
    try:
        for _ in range(made):
            os.mkdir(seg)
            os.chdir(seg)
        write("t.yaml", b"timeline: deep\nmilestones:\n"
              b"  - id: plain\n    title: Plain\n    date: 2026-12\n"
              b"  - id: other\n    title: Other\n    date: 2027-01\n")
        os.symlink("t.yaml", "link.yaml")
        runs = [(["export", "--format", "json", "-o", "out.json", TODAY,
                  "t.yaml"], None),
                (["move", "plain", "2027-03", TODAY, "t.yaml"], b"2027-03"),
                (["done", "other", TODAY, "link.yaml"], b"done"),
                (["status", "plain", "at-risk", TODAY, "t.yaml"],
                 b"at-risk")]
        for args, wrote in runs:
            p = subprocess.run([TIMELINE] + args, env=ENV,
                               capture_output=True, timeout=120)
            ok = p.returncode == 0 and not leftovers(".") and \
                os.path.islink("link.yaml")
            if wrote is not None:
                ok = ok and wrote in read("t.yaml")
            check(ok, "timeline %s in a directory %d bytes deep" %
                  (" ".join(a for a in args if a != TODAY), len(os.getcwd())),
                  "status %d, stderr %r" % (p.returncode, p.stderr[:300]))
        os.chdir(tmp)
        # shutil.rmtree() walks it by descriptors; leave it to main().
    finally:
        os.chdir(here)


def main():
    tmp = tempfile.mkdtemp(prefix="timeline-limits-")
    try:
        big = large(tmp, 200000, "big.yaml")
        pipes(tmp, big)
        git_signals(tmp)
        ending(tmp, big)
        clock(tmp)
        readonly_fs(tmp)
        long_path(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
