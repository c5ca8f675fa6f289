"""Runs of the tool ended by a signal while it writes: shared by the
tests of exports and edits (test_output.py, test_limits.py)."""
import os
import signal
import subprocess


def leftovers(directory):
    """The temporary files (NAME.tmp.XXXXXX) in directory."""
    return [n for n in os.listdir(directory) if ".tmp." in n]


def unnamed(pid, directory):
    """Whether process pid holds a temporary file in directory that has
    no name yet (open(2)'s O_TMPFILE: its link in /proc reads
    DIRECTORY/#INODE (deleted))."""
    fds = '/proc/%d/fd' % pid
    prefix = os.path.realpath(directory) + '/#'
    try:
        names = os.listdir(fds)
    except OSError:
        return False
    for n in names:
        try:
            target = os.readlink(os.path.join(fds, n))
        except OSError:
            continue
        if target.startswith(prefix) and target.endswith(' (deleted)'):
            return True
    return False


def interrupt(command, env, directory, sig, ignore=False, timeout=120):
    """Runs command and sends it sig as soon as a temporary file appears
    in directory, named or not yet (with ignore, sig is ignored in the
    process, as a caller may leave it); returns (status, whether one
    appeared)."""
    def setup():
        if ignore:
            signal.signal(sig, signal.SIG_IGN)
    p = subprocess.Popen(command, env=env, preexec_fn=setup,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seen = False
    while p.poll() is None:
        if leftovers(directory) or unnamed(p.pid, directory):
            seen = True
            p.send_signal(sig)
            break
    return p.wait(timeout=timeout), seen


def interrupt_writing(command, env, directory, sig, reset, ignore=False,
                      timeout=120, tries=5):
    """interrupt() until the signal is sent while the temporary file
    exists: on a busy machine the writing may be over before this
    process looks, so a run that saw no temporary file is tried again,
    after reset() (which puts the output back as it was), up to tries
    runs.  Returns the last run's (status, whether one appeared)."""
    for _ in range(tries):
        reset()
        status, seen = interrupt(command, env, directory, sig, ignore,
                                 timeout)
        if seen:
            break
    return status, seen
