#!/usr/bin/python3
"""Edits that are refused: each writes nothing, says why, and exits with
the status of SPEC section 8.

Usage: test_refusals.py PATH-TO-timeline [PATH-TO-touch_on_fsync.so]
"""
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time

from preload import preloadable

GOOD = """timeline: rust
milestones:
  - id: drm
    title: DRM requires Rust
    date: 2026-12
  - id: ga
    title: GA
    date: {after: drm, offset: 1y}
"""

# GOOD between other milestones: the edit reads the lines around drm's,
# and copies the others.
OTHERS = ''.join('  - id: other-%d\n    title: O\n    date: 2027-%02d\n'
                 % (i, i + 1) for i in range(8))
LONG = ('timeline: rust\nmilestones:\n' + OTHERS +
        GOOD.split('milestones:\n', 1)[1] + OTHERS.replace('other', 'more'))
OTHER = """timeline: debian
milestones:
  - id: drm
    title: Debian's DRM
    date: 2027
"""
BAD = """timeline: rust
milestones:
  - id: drm
    title: DRM requires Rust
    date: 2026-12
  - id: broken
    title: Broken
    date: 2026-02-30
"""

passed = failed = 0


def run(tool, args, cwd, stdin=None, env_extra=None, timeout=None):
    env = dict(os.environ, TZ='UTC', LC_ALL='C.UTF-8')
    env.update(env_extra or {})
    p = subprocess.run([tool] + args + ['--today', '2026-11-24'], cwd=cwd,
                       env=env, input=stdin, capture_output=True,
                       timeout=timeout)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def as_nobody(tool, args, cwd):
    """Runs the tool as the user nobody (65534), without groups."""
    env = dict(os.environ, TZ='UTC', LC_ALL='C.UTF-8')
    return subprocess.run(['setpriv', '--reuid=65534', '--regid=65534',
                           '--clear-groups', tool] + args +
                          ['--today', '2026-11-24'], cwd=cwd, env=env,
                          capture_output=True)


def check(name, cond, detail=''):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print('FAIL %s %s' % (name, detail))


def files(d):
    out = {}
    for n in sorted(os.listdir(d)):
        p = os.path.join(d, n)
        if os.path.isfile(p):
            with open(p, 'rb') as f:
                out[n] = (f.read(), os.stat(p).st_mtime_ns)
    return out


def refused(name, tool, setup, args, status, says, stdin=None,
            env_extra=None):
    with tempfile.TemporaryDirectory() as tmp:
        for n, text in setup.items():
            os.makedirs(os.path.dirname(os.path.join(tmp, n)) or tmp,
                        exist_ok=True)
            with open(os.path.join(tmp, n), 'w') as f:
                f.write(text)
        before = files(tmp)
        env = dict(env_extra or {})
        if 'TL_TOUCH_FILE' in env:
            env['TL_TOUCH_FILE'] = os.path.join(tmp, env['TL_TOUCH_FILE'])
        if 'TL_TOUCH_IN_PLACE' in env:
            # A change of the inode a clock tick after the file was made.
            time.sleep(0.05)
        rc, out, err = run(tool, args, tmp, stdin, env)
        after = files(tmp)
        if 'TL_TOUCH_FILE' in env:
            # The shim's change is the only one: the edit is not there.
            n = os.path.basename(env['TL_TOUCH_FILE'])
            text = after[n][0]
            if 'TL_TOUCH_IN_PLACE' in env:
                want = before[n][0].upper()
            else:
                want = before[n][0] + b'# written by someone else meanwhile\n'
            check(name + ': kept the other writer\'s text', text == want,
                  repr(text))
            after[n] = before[n]
        check(name + ': exit status', rc == status, '%d: %s' % (rc, err))
        check(name + ': nothing written', after == before,
              sorted(after))
        check(name + ': says why', says in err, repr(err))
        check(name + ': nothing on standard output', out == '', repr(out))


def two_edits_at_once(tool, shim):
    """Two edits of one file, the second made while the first has checked
    that the file is still the one it read and is about to rename its
    new text into place: the first is written, the second refused as
    changed on disk (not both written, the first over the second)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 't.yaml')
        mark = os.path.join(tmp, 'paused')
        with open(path, 'w') as f:
            f.write(GOOD)
        env = dict(os.environ, TZ='UTC', LC_ALL='C.UTF-8',
                   LD_PRELOAD=shim, TL_PAUSE_ON_RENAME=mark)
        first = subprocess.Popen([tool, 'move', 'drm', '2027-03', 't.yaml',
                                  '--today', '2026-11-24'], cwd=tmp, env=env,
                                 stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE)
        for _ in range(1000):
            if os.path.exists(mark) or first.poll() is not None:
                break
            time.sleep(0.01)
        check('two edits at once: the first paused', os.path.exists(mark))
        # Let the first go on a moment after the second has started.
        timer = subprocess.Popen(['sh', '-c', 'sleep 0.5; rm -f "$0"',
                                  mark])
        rc, out, err = run(tool, ['move', 'ga', '2028-06', 't.yaml'], tmp,
                           timeout=30)
        timer.wait()
        first_out, first_err = first.communicate(timeout=30)
        with open(path) as f:
            text = f.read()
        check('two edits at once: the first written',
              first.returncode == 0 and 'date: 2027-03' in text,
              '%d: %r %r' % (first.returncode, first_err, text))
        check('two edits at once: the second refused', rc == 2 and
              't.yaml changed on disk since it was read; nothing written'
              in err and 'date: 2028-06' not in text,
              '%d: %r %r' % (rc, err, text))
        check('two edits at once: no file left', sorted(os.listdir(tmp)) ==
              ['t.yaml'], sorted(os.listdir(tmp)))


def touched_at_read(tool, shim, n):
    """Whether a dry run reads the file at least n times (pread())."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 't.yaml')
        with open(path, 'w') as f:
            f.write(LONG)
        run(tool, ['move', 'drm', '2027', 't.yaml', '--dry-run'], tmp,
            None, {'LD_PRELOAD': shim, 'TL_TOUCH_FILE': path,
                   'TL_TOUCH_ON_PREAD': str(n)})
        with open(path) as f:
            return f.read() != LONG


def permissions(tool):
    """A file without write permission is not replaced, though its
    directory would let it be; a replaced file keeps its owner and group
    (when root runs the edit) and a hard link is warned about."""
    with tempfile.TemporaryDirectory() as tmp:
        p = os.path.join(tmp, 't.yaml')
        with open(p, 'w') as f:
            f.write(GOOD)
        os.chmod(p, 0o444)
        rc, out, err = run(tool, ['move', 'drm', '2027', 't.yaml'], tmp)
        with open(p) as f:
            kept = f.read()
        check('read-only file', rc == 2 and out == '' and kept == GOOD and
              't.yaml is read-only; nothing written' in err and
              os.listdir(tmp) == ['t.yaml'], '%d %r' % (rc, err))
    if os.geteuid() == 0:
        with tempfile.TemporaryDirectory() as tmp:
            p = os.path.join(tmp, 't.yaml')
            with open(p, 'w') as f:
                f.write(GOOD)
            os.chown(p, 65534, 65534)
            os.chmod(p, 0o640)
            rc, out, err = run(tool, ['move', 'drm', '2027', 't.yaml'], tmp)
            st = os.stat(p)
            check('owner and group kept', rc == 0 and st.st_uid == 65534 and
                  st.st_gid == 65534 and st.st_mode & 0o777 == 0o640,
                  '%d %r %d:%d' % (rc, err, st.st_uid, st.st_gid))
        # Another user, in a directory anyone may write: root's file is
        # not theirs to replace.
        if subprocess.run(['sh', '-c', 'command -v setpriv'],
                          capture_output=True).returncode == 0:
            with tempfile.TemporaryDirectory() as tmp:
                os.chmod(tmp, 0o777)
                p = os.path.join(tmp, 't.yaml')
                with open(p, 'w') as f:
                    f.write(GOOD)
                os.chmod(p, 0o644)
                r = as_nobody(tool, ['move', 'drm', '2027', 't.yaml'], tmp)
                with open(p) as f:
                    kept = f.read()
                check('another user\'s file', r.returncode == 2 and
                      kept == GOOD and os.stat(p).st_uid == 0 and
                      b'is read-only' in r.stderr, repr(r.stderr))
            # A file anyone may write, in a directory the user may not
            # write: the directory is said to be the cause, not the file.
            with tempfile.TemporaryDirectory() as tmp:
                os.chmod(tmp, 0o755)
                os.mkdir(os.path.join(tmp, 'd'), 0o755)
                p = os.path.join(tmp, 'd', 't.yaml')
                with open(p, 'w') as f:
                    f.write(GOOD)
                os.chmod(p, 0o666)
                r = as_nobody(tool, ['move', 'drm', '2027', 'd/t.yaml'],
                              tmp)
                with open(p) as f:
                    kept = f.read()
                check('a directory the user may not write',
                      r.returncode == 2 and kept == GOOD and
                      os.listdir(os.path.join(tmp, 'd')) == ['t.yaml'] and
                      b'cannot write d/t.yaml: cannot make the new file '
                      b'beside it, in d/: Permission denied' in r.stderr,
                      repr(r.stderr))
    with tempfile.TemporaryDirectory() as tmp:
        p = os.path.join(tmp, 't.yaml')
        with open(p, 'w') as f:
            f.write(GOOD)
        os.link(p, os.path.join(tmp, 'other.yaml'))
        rc, out, err = run(tool, ['move', 'drm', '2027', 't.yaml'], tmp)
        with open(os.path.join(tmp, 'other.yaml')) as f:
            other = f.read()
        check('hard link', rc == 0 and other == GOOD and
              't.yaml had other names (hard links); they keep the old '
              'text' in err, repr(err))
    # Another name among the files read (the directory's, or named too)
    # would keep the old text, a second copy of the timeline: refused,
    # and the loading had read the file once.
    with tempfile.TemporaryDirectory() as tmp:
        d = os.path.join(tmp, 'd')
        os.mkdir(d)
        p = os.path.join(d, 't.yaml')
        with open(p, 'w') as f:
            f.write(GOOD)
        os.link(p, os.path.join(d, 'u.yaml'))
        for paths, other in ((['d'], 'd/u.yaml'), (['d/'], 'd/u.yaml'),
                             (['d/t.yaml', 'd/u.yaml'], 'd/u.yaml'),
                             (['d/u.yaml', './d/t.yaml'], './d/t.yaml')):
            rc, out, err = run(tool, ['move', 'drm', '2027'] + paths, tmp)
            texts = []
            for name in ('t.yaml', 'u.yaml'):
                with open(os.path.join(d, name)) as f:
                    texts.append(f.read())
            check('hard link among the files read: %s' % paths,
                  rc == 2 and not out and texts == [GOOD, GOOD] and
                  ('is also read as %s (a hard link to the same file)'
                   % other) in err and 'nothing edited' in err and
                  sorted(os.listdir(d)) == ['t.yaml', 'u.yaml'],
                  '%d %r %r' % (rc, out, err))
    # Symbolic links: one to the file edited is the same name (edited
    # through it); one to another hard link of it is another name.
    with tempfile.TemporaryDirectory() as tmp:
        linked_names(tmp, 'b.yaml')
        rc, out, err = run(tool, ['move', 'drm', '2027', 'd'], tmp)
        check('a symbolic link to the file edited is no other name',
              rc == 0 and 'had other names (hard links)' in err and
              'is also read as' not in err, '%d %r' % (rc, err))
    with tempfile.TemporaryDirectory() as tmp:
        p = linked_names(tmp, '../o/keep.yaml')
        rc, out, err = run(tool, ['move', 'drm', '2028', 'd'], tmp)
        with open(p) as f:
            kept = f.read() == GOOD
        check('a symbolic link to another hard link is another name',
              rc == 2 and kept and 'd/a.yaml is also read as d/b.yaml (a '
              'hard link to the same file)' in err, '%d %r' % (rc, err))


def linked_names(tmp, target):
    """In tmp: d/b.yaml (GOOD), its hard link o/keep.yaml, and d/a.yaml
    a symbolic link to target.  Returns the path of d/b.yaml."""
    d, out_dir = os.path.join(tmp, 'd'), os.path.join(tmp, 'o')
    os.mkdir(d)
    os.mkdir(out_dir)
    p = os.path.join(d, 'b.yaml')
    with open(p, 'w') as f:
        f.write(GOOD)
    os.link(p, os.path.join(out_dir, 'keep.yaml'))
    os.symlink(target, os.path.join(d, 'a.yaml'))
    return p


def not_a_file(tool):
    """A pipe under a name of its own (a FIFO, /dev/stdin) is refused
    before anything is read from it, as '-' is: no wait for a writer."""
    with tempfile.TemporaryDirectory() as tmp:
        fifo = os.path.join(tmp, 'p.fifo')
        os.mkfifo(fifo)
        for args in (['status', 'drm', 'done', '--dry-run', 'p.fifo'],
                     ['move', 'drm', '2027', 'p.fifo']):
            try:
                rc, out, err = run(tool, args, tmp, timeout=10)
            except subprocess.TimeoutExpired:
                rc, out, err = None, '', 'no end after 10 s'
            check('a FIFO (%s)' % args[0], rc == 2 and out == '' and
                  'p.fifo is not a regular file' in err and
                  'cannot be edited' in err, '%r: %s' % (rc, err))
        rc, out, err = run(tool, ['move', 'drm', '2027', '/dev/stdin'], tmp,
                           stdin=GOOD.encode())
        check('a pipe as /dev/stdin', rc == 2 and out == '' and
              '/dev/stdin is a descriptor this process was given '
              '(standard input, /dev/fd/N) and cannot be edited' in err,
              '%r: %s' % (rc, err))
        # A regular file open as a descriptor of the process, named by
        # the descriptor: it is standard input (or another descriptor),
        # and is not edited through it, with or without --dry-run.
        path = os.path.join(tmp, 't.yaml')
        with open(path, 'w') as f:
            f.write(GOOD)
        env = dict(os.environ, TZ='UTC', LC_ALL='C.UTF-8')
        for name, dry in (('/dev/stdin', []), ('/dev/fd/0', ['--dry-run']),
                          ('/proc/self/fd/0', []), ('/dev/fd/%d', [])):
            fd = os.open(path, os.O_RDONLY)
            if '%d' in name:
                name = name % fd
            with open(path, 'rb') as fin:
                p = subprocess.run([tool, 'move', 'drm', '2027', name] + dry +
                                   ['--today', '2026-11-24'], cwd=tmp,
                                   env=env, stdin=fin, capture_output=True,
                                   pass_fds=(fd,))
            os.close(fd)
            with open(path) as f:
                text = f.read()
            err = p.stderr.decode()
            check('a file as %s' % name, p.returncode == 2 and
                  p.stdout == b'' and text == GOOD and
                  'cannot be edited' in err, '%r: %s' % (p.returncode, err))


def dry_run_writes_no_file(tool):
    """A dry run shows the edit without room for a file of its size
    anywhere (a file size limit below it, as a full disk would be)."""
    def limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, 't.yaml'), 'w') as f:
            f.write(LONG + '# ' + 'x' * 8192 + '\n')
        env = dict(os.environ, TZ='UTC', LC_ALL='C.UTF-8')
        p = subprocess.run([tool, 'move', 'drm', '2027', '--dry-run',
                            '--today', '2026-11-24', 't.yaml'], cwd=tmp,
                           env=env, capture_output=True, preexec_fn=limit)
        check('a dry run needs no room for a file',
              p.returncode == 0 and b'+    date: 2027\n' in p.stdout and
              os.listdir(tmp) == ['t.yaml'],
              '%d: %r' % (p.returncode, p.stderr))


def unnamed_files_work(d):
    """Whether the file system of d makes unnamed files (O_TMPFILE) and
    /proc names them, as an edit needs to leave d untouched until its
    rename."""
    if not hasattr(os, 'O_TMPFILE') or not os.path.isdir('/proc/self/fd'):
        return False
    try:
        fd = os.open(d, os.O_TMPFILE | os.O_WRONLY, 0o600)
    except OSError:
        return False
    os.close(fd)
    return True


def directory_untouched(tool, shim):
    """An edit refused (under --strict), one that changes nothing, and
    one killed before it is written (SIGKILL, at its fsync()) leave the
    directory as it was: no file made in it, its time kept."""
    cases = [('refused under --strict', ['move', 'drm', '2027-05',
              '--strict'], {}),
             ('nothing to change', ['status', 'drm', 'planned'], {})]
    if shim is not None:
        cases.append(('killed before the rename', ['move', 'drm', '2027'],
                      {'LD_PRELOAD': shim, 'TL_KILL_ON_FSYNC': '1'}))
    for name, args, env in cases:
        with tempfile.TemporaryDirectory() as tmp:
            d = os.path.join(tmp, 'd')
            os.mkdir(d)
            if not unnamed_files_work(d):
                # The edit falls back to a temporary file named from
                # the start (timeline(1)): the directory changes.
                print('skip: directory untouched: %s: no O_TMPFILE or '
                      '/proc here' % name)
                continue
            with open(os.path.join(d, 't.yaml'), 'w') as f:
                # A milestone past due: a warning, which --strict
                # refuses.
                f.write(GOOD + '  - id: late\n    title: L\n'
                        '    date: 2020-01\n')
            os.utime(d, (1577836800, 1577836800))
            rc, out, err = run(tool, args + ['t.yaml'], d, None, env)
            check('directory untouched: %s' % name,
                  os.listdir(d) == ['t.yaml'] and
                  os.stat(d).st_mtime == 1577836800,
                  '%d %r %s' % (rc, os.listdir(d), err))


def main(argv):
    tool = os.path.abspath(argv[1])
    shim = preloadable(argv[2]) if len(argv) > 2 else None
    refused('errors before', tool, {'t.yaml': BAD},
            ['move', 'drm', '2027', 't.yaml'], 1, "invalid date '2026-02-30'")
    refused('errors before (message)', tool, {'t.yaml': BAD},
            ['move', 'drm', '2027', 't.yaml'], 1, 'nothing edited')
    refused('a PATH that cannot be read', tool, {'t.yaml': GOOD},
            ['status', 'drm', 'done', 'extra', 't.yaml'], 2,
            "extra: error: cannot read: No such file or directory\n"
            "timeline: error: a PATH could not be read; nothing edited\n")
    refused('standard input', tool, {}, ['move', 'drm', '2027', '-'], 2,
            'standard input cannot be edited', stdin=GOOD.encode())
    refused('unknown id', tool, {'t.yaml': GOOD},
            ['move', 'dmr', '2027', 't.yaml'], 2,
            "no milestone 'dmr'")
    refused('unknown id suggestion', tool, {'t.yaml': GOOD},
            ['move', 'dmr', '2027', 't.yaml'], 2,
            "no milestone 'dmr' (did you mean 'drm'?)")
    refused('start of an id', tool, {'t.yaml': GOOD.replace(
            'id: ga', 'id: ga-release-of-everything')},
            ['move', 'ga-rel', '2027', 't.yaml'], 2,
            "did you mean 'ga-release-of-everything'?")
    refused('unknown timeline', tool, {'t.yaml': GOOD},
            ['move', 'rusty/drm', '2027', 't.yaml'], 2,
            "did you mean 'rust/drm'?")
    refused('ambiguous id', tool, {'d/a.yaml': GOOD, 'd/b.yaml': OTHER},
            ['move', 'drm', '2027', 'd'], 2,
            "'drm' is ambiguous: rust/drm, debian/drm")
    # Too many to name: whole names, then '...'.
    many = {'d/%02d.yaml' % k: 'timeline: %s-%02d\nmilestones:\n'
            '  - {id: drm, title: D, date: 2027}\n' % ('t' * 40, k)
            for k in range(40)}
    refused('ambiguous id, a long list', tool, many,
            ['move', 'drm', '2028', 'd'], 2, '/drm, ...\n')
    with tempfile.TemporaryDirectory() as tmp:
        for n, text in many.items():
            os.makedirs(os.path.join(tmp, 'd'), exist_ok=True)
            with open(os.path.join(tmp, n), 'w') as f:
                f.write(text)
        rc, out, err = run(tool, ['move', 'drm', '2028', 'd'], tmp)
        listed = err.split("is ambiguous: ", 1)[-1].split('\n')[0]
        names = listed.split(', ')
        check('ambiguous id, whole names', names[-1] == '...' and
              all(n == '%s-%02d/drm' % ('t' * 40, k)
                  for k, n in enumerate(names[:-1])) and len(names) > 3,
              repr(listed))
    refused('dependent out of range', tool, {'t.yaml': GOOD},
            ['move', 'drm', '9999-06', 't.yaml'], 1,
            "falls after 9999-12-31")
    refused('same date', tool, {'t.yaml': GOOD},
            ['move', 'drm', '2026-12', 't.yaml'], 2, 'already there')
    refused('done after today', tool, {'t.yaml': GOOD},
            ['done', 'drm', '2026-11-25', 't.yaml'], 2, 'after today')
    # TIMELINE/ID picks one of the two.
    with tempfile.TemporaryDirectory() as tmp:
        os.mkdir(os.path.join(tmp, 'd'))
        for n, t in (('a.yaml', GOOD), ('b.yaml', OTHER)):
            with open(os.path.join(tmp, 'd', n), 'w') as f:
                f.write(t)
        rc, out, err = run(tool, ['move', 'debian/drm', '2028', 'd'], tmp)
        with open(os.path.join(tmp, 'd', 'b.yaml')) as f:
            moved = f.read()
        with open(os.path.join(tmp, 'd', 'a.yaml')) as f:
            kept = f.read()
        check('TIMELINE/ID', rc == 0 and 'date: 2028' in moved and
              kept == GOOD and out == 'debian/drm: 2027 -> 2028 '
              '(later, slipped)\n', out + err)
    # A dependent in another file moves too, and its file is untouched.
    with tempfile.TemporaryDirectory() as tmp:
        os.mkdir(os.path.join(tmp, 'd'))
        dep = ('timeline: debian\nmilestones:\n  - id: follow\n'
               '    title: Follows\n'
               '    date: {after: rust/drm, offset: 1m}  # a month later\n')
        for n, t in (('a.yaml', GOOD), ('b.yaml', dep)):
            with open(os.path.join(tmp, 'd', n), 'w') as f:
                f.write(t)
        rc, out, err = run(tool, ['move', 'rust/drm', '2027-02', 'd'], tmp)
        with open(os.path.join(tmp, 'd', 'b.yaml')) as f:
            kept = f.read()
        check('dependent in another file', rc == 0 and kept == dep and
              out == 'rust/drm: Dec 2026 -> Feb 2027 (later, slipped)\n'
              'debian/follow: Jan 2027 -> Mar 2027 (later)\n'
              'rust/ga: Dec 2027 -> Feb 2028 (later)\n', out + err)
    # --strict: a warning refuses the edit as an error would.
    refused('warning under --strict', tool, {'t.yaml': GOOD},
            ['move', 'drm', '2026-01', '--strict', 't.yaml'], 1,
            'overdue')
    # A symbolic link: the file it points to is replaced, mode kept.
    with tempfile.TemporaryDirectory() as tmp:
        real = os.path.join(tmp, 'real.yaml')
        with open(real, 'w') as f:
            f.write(GOOD)
        os.chmod(real, 0o600)
        os.symlink('real.yaml', os.path.join(tmp, 'link.yaml'))
        rc, out, err = run(tool, ['move', 'drm', '2027', 'link.yaml'], tmp)
        with open(real) as f:
            text = f.read()
        check('symbolic link', rc == 0 and
              os.path.islink(os.path.join(tmp, 'link.yaml')) and
              'date: 2027' in text and
              os.stat(real).st_mode & 0o777 == 0o600 and
              sorted(os.listdir(tmp)) == ['link.yaml', 'real.yaml'],
              err + repr(os.listdir(tmp)))
    permissions(tool)
    not_a_file(tool)
    dry_run_writes_no_file(tool)
    directory_untouched(tool, shim)
    if shim is not None:
        two_edits_at_once(tool, shim)
        refused('changed on disk', tool, {'t.yaml': GOOD},
                ['move', 'drm', '2027', 't.yaml'], 2,
                't.yaml changed on disk since it was read; nothing written',
                env_extra={'LD_PRELOAD': shim, 'TL_TOUCH_FILE': 't.yaml'})
        refused('changed in place, its size and times kept', tool,
                {'t.yaml': GOOD}, ['move', 'drm', '2027', 't.yaml'], 2,
                't.yaml changed on disk since it was read; nothing written',
                env_extra={'LD_PRELOAD': shim, 'TL_TOUCH_FILE': 't.yaml',
                           'TL_TOUCH_IN_PLACE': '1'})
        # The file changes while the edit reads it, copying the bytes
        # it keeps: the edit is of no one text, and is not written (nor
        # shown).
        for extra in ({}, {'TL_TOUCH_IN_PLACE': '1'}):
            env = dict(extra, LD_PRELOAD=shim, TL_TOUCH_FILE='t.yaml',
                       TL_TOUCH_ON_COPY='1')
            refused('changed while read%s' % (
                        ' in place' if extra else ''),
                    tool, {'t.yaml': LONG},
                    ['move', 'drm', '2027', 't.yaml'], 2,
                    't.yaml changed on disk while it was read; '
                    'nothing written', env_extra=env)
            # A dry run copies nothing: the file changes before each of
            # the reads of it in turn, to edit it and to load it again.
            for n in range(1, 100):
                if not touched_at_read(tool, shim, n):
                    break
                env = dict(extra, LD_PRELOAD=shim, TL_TOUCH_FILE='t.yaml',
                           TL_TOUCH_ON_PREAD=str(n))
                refused('changed at read %d%s, dry run' % (
                            n, ' in place' if extra else ''),
                        tool, {'t.yaml': LONG},
                        ['move', 'drm', '2027', 't.yaml', '--dry-run'], 2,
                        't.yaml changed on disk while it was read; '
                        'nothing written', env_extra=env)
            check('a dry run reads the file more than twice', n > 2)
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
