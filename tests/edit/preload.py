"""The path of a library for LD_PRELOAD, which ld.so splits at spaces and
colons: the library itself, or a copy in a temporary directory when its
path (a checkout under "My Projects") holds either.  The copy is removed
when the program ends."""
import atexit
import os
import shutil
import tempfile


def preloadable(path):
    path = os.path.abspath(path)
    if ' ' not in path and ':' not in path:
        return path
    d = tempfile.mkdtemp(prefix='timeline-preload-')
    atexit.register(shutil.rmtree, d, True)
    copy = os.path.join(d, os.path.basename(path).replace(' ', '_'))
    shutil.copy2(path, copy)
    return copy
