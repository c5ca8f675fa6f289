#!/usr/bin/env python3
"""timeline diff --since REV: the old version read from git.

Makes a repository in a temporary directory with three commits of the
data (in a directory whose name has a space), and checks diff --since
HEAD~2 and HEAD~1 against expected JSON, then paths added and removed
since REV, a subdirectory, a file named twice, absolute paths (through a
link too), errors at REV, an unknown REV (in a shallow clone too), paths
outside the work tree and a directory outside any work tree; then, in
repositories of their own, files stored through a filter of
.gitattributes, paths inside a submodule, git's warnings, no
./timeline/ and a timeline/ emptied; a git killed by a signal or
failing, and tree objects missing at REV, which are errors and never
read as "not there"; a .git that is no repository, thousands of files
removed, a PATH inside .git, and a date in braces without a reflog.
Exit 77 when git is missing.

usage: test_diff_git.py TIMELINE DIFF_DIR
"""
import hashlib
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile

failures = 0


def fail(what):
    global failures
    failures += 1
    print("FAIL: " + what)


def window(start, end, precision, approximate=False):
    return {"start": start, "end": end, "precision": precision,
            "approximate": approximate}


# What changed from the second commit to the third: docs.yaml and the new
# extra.yaml (kernel.yaml is already as it is now).
SINCE_HEAD_1 = {"changes": [
    {"milestone": "docs/guide", "kind": None,
     "old": window("2026-07-01", "2026-09-30", "quarter"),
     "new": window("2026-07-01", "2026-09-30", "quarter"),
     "status": None, "fields": ["links", "location", "description"]},
    {"milestone": "extra/launch", "kind": "added", "old": None,
     "new": window("2026-07-01", "2026-12-31", "half", True),
     "status": None, "fields": []},
    {"milestone": "docs/faq", "kind": "added", "old": None,
     "new": window("2026-10-01", "2026-10-31", "month"),
     "status": None, "fields": []},
]}


def git_in(env, cwd, *args):
    """Runs git in cwd; returns its standard output, as text."""
    p = subprocess.run(["git", *args], cwd=cwd, env=env, check=True,
                       capture_output=True)
    return p.stdout.decode()


def diff_in(tl, env, cwd, *args):
    """Runs timeline diff in cwd: (status, output, standard error)."""
    p = subprocess.run([tl, "diff", *args], cwd=cwd, env=env,
                       capture_output=True)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def new_repo(env, path, d, files):
    """A repository at path whose one commit holds timeline/NAME for each
    (fixture, NAME) of files, after the configuration of the caller."""
    os.makedirs(os.path.join(path, "timeline"))
    git_in(env, path, "init", "-q")
    for src, name in files:
        shutil.copyfile(os.path.join(d, src, name),
                    os.path.join(path, "timeline", name))


def filters(tl, d, env, tmp):
    """Files stored through a clean filter are read as checkout gives
    them (the smudge filter of .gitattributes), named REV:PATH."""
    repo = os.path.join(tmp, "filtered")
    new_repo(env, repo, d, [("old", "kernel.yaml")])
    git_in(env, repo, "config", "filter.gz.clean", "gzip -n -c")
    git_in(env, repo, "config", "filter.gz.smudge", "gunzip -c")
    with open(os.path.join(repo, ".gitattributes"), "w") as f:
        f.write("*.yaml filter=gz\n")
    git_in(env, repo, "add", "-A")
    git_in(env, repo, "commit", "-q", "-m", "first")
    rc, out, err = diff_in(tl, env, repo, "--since", "HEAD")
    if rc != 0 or out or err:
        fail(f"a filtered file: exit {rc}, {out!r}, {err!r}")
    rc, out, err = diff_in(tl, env, repo, "--since", "HEAD",
                           "timeline/kernel.yaml")
    if rc != 0 or out or err:
        fail(f"a filtered file named: exit {rc}, {out!r}, {err!r}")
    with open(os.path.join(repo, "timeline", "bad.yaml"), "w") as f:
        f.write("timeline: bad\nmilestones:\n"
                "  - {id: b, title: B, date: 2026-02-30}\n")
    git_in(env, repo, "add", "-A")
    git_in(env, repo, "commit", "-q", "-m", "second")
    os.remove(os.path.join(repo, "timeline", "bad.yaml"))
    rc, out, err = diff_in(tl, env, repo, "--since", "HEAD")
    want = "HEAD:timeline/bad.yaml:3:29: error: invalid date"
    if rc != 1 or out or not err.startswith(want):
        fail(f"errors in a filtered file at REV: exit {rc}, {err!r}")


def submodule(tl, d, env, tmp):
    """A PATH inside a submodule, asked from the superproject, is a usage
    error that says to run diff --since in the submodule; there it
    works."""
    mod, sup = os.path.join(tmp, "mod"), os.path.join(tmp, "super")
    new_repo(env, mod, d, [("old", "kernel.yaml")])
    git_in(env, mod, "add", "-A")
    git_in(env, mod, "commit", "-q", "-m", "first")
    os.makedirs(sup)
    git_in(env, sup, "init", "-q")
    git_in(env, sup, "-c", "protocol.file.allow=always", "submodule", "add",
           "-q", mod, "mod")
    git_in(env, sup, "commit", "-q", "-m", "first")
    for path in ("mod/timeline", "mod/timeline/kernel.yaml",
                 os.path.join(sup, "mod", "timeline"), "mod/timeline/gone"):
        rc, out, err = diff_in(tl, env, sup, "--since", "HEAD", path)
        if (rc != 2 or out or "in the submodule" not in err or
                "is inside 'mod', a submodule at that revision" not in err):
            fail(f"{path} inside a submodule: exit {rc}, {out!r}, {err!r}")
    rc, out, err = diff_in(tl, env, sup, "--since", "HEAD", "mod")
    if rc != 2 or out or "a submodule" not in err:
        fail(f"a submodule: exit {rc}, {out!r}, {err!r}")
    rc, out, err = diff_in(tl, env, os.path.join(sup, "mod"), "--since",
                           "HEAD")
    if rc != 0 or out or err:
        fail(f"in the submodule: exit {rc}, {out!r}, {err!r}")


def warnings(tl, d, env, tmp):
    """git's warnings about REV reach standard error, escaped: a reflog
    that does not go back as far as asked (as in a fresh clone), a name
    both a branch and a tag."""
    repo = os.path.join(tmp, "warned")
    new_repo(env, repo, d, [("old", "kernel.yaml")])
    git_in(env, repo, "add", "-A")
    git_in(env, repo, "commit", "-q", "-m", "first")
    branch = git_in(env, repo, "rev-parse", "--abbrev-ref", "HEAD").strip()
    rc, out, err = diff_in(tl, env, repo, "--since",
                           branch + "@{1.month.ago}")
    want = f"timeline: warning: git: log for '{branch}' only goes back to "
    if rc != 0 or out or not err.startswith(want) or err.count("\n") != 1:
        fail(f"a reflog too short: exit {rc}, {out!r}, {err!r}")
    name = "x\u202ey"
    git_in(env, repo, "branch", name)
    git_in(env, repo, "tag", name)
    rc, out, err = diff_in(tl, env, repo, "--since", name)
    want = "timeline: warning: git: refname 'x\\u{202e}y' is ambiguous."
    if rc != 0 or out or want not in err or "\u202e" in err:
        fail(f"an ambiguous REV: exit {rc}, {out!r}, {err!r}")
    rc, out, err = diff_in(tl, env, repo, "--since", "HEAD")
    if rc != 0 or out or err:
        fail(f"no warning: exit {rc}, {out!r}, {err!r}")


def translated(tl, d, env, tmp):
    """git's words do not depend on the user's language: with git's
    messages in German (LANGUAGE=de, which git's translations follow in
    any locale but C), a directory outside any work tree is still said as
    such, and git's warnings still reach standard error."""
    de = dict(env, LC_ALL="C.UTF-8", LANGUAGE="de")
    outside = os.path.join(tmp, "outside-de")
    os.makedirs(os.path.join(outside, "timeline"))
    shutil.copyfile(os.path.join(d, "old", "kernel.yaml"),
                    os.path.join(outside, "timeline", "kernel.yaml"))
    p = subprocess.run(["git", "status"], cwd=outside, env=de,
                       capture_output=True)
    if b"not a git repository" in p.stderr:
        print("note: git has no German messages here; the test of "
              "translated messages proves nothing on this machine")
    rc, out, err = diff_in(tl, de, outside, "--since", "HEAD")
    if rc != 2 or out or "not in one" not in err:
        fail(f"outside a work tree, in German: exit {rc}, {out!r}, {err!r}")
    repo = os.path.join(tmp, "warned-de")
    new_repo(env, repo, d, [("old", "kernel.yaml")])
    git_in(env, repo, "add", "-A")
    git_in(env, repo, "commit", "-q", "-m", "first")
    git_in(env, repo, "branch", "twin")
    git_in(env, repo, "tag", "twin")
    rc, out, err = diff_in(tl, de, repo, "--since", "twin")
    if rc != 0 or out or "refname 'twin' is ambiguous" not in err:
        fail(f"an ambiguous REV, in German: exit {rc}, {out!r}, {err!r}")


def defaults(tl, d, env, tmp):
    """Without PATH, where there is no ./timeline/ now nor at REV, the
    message says so; timeline/ emptied of its files (the directory kept)
    has all its milestones removed."""
    repo = os.path.join(tmp, "emptied")
    new_repo(env, repo, d, [("old", "kernel.yaml")])
    with open(os.path.join(repo, "timeline", "README"), "w") as f:
        f.write("The roadmap.\n")
    os.makedirs(os.path.join(repo, "sub"))
    with open(os.path.join(repo, "sub", "notes.txt"), "w") as f:
        f.write("Notes.\n")
    git_in(env, repo, "add", "-A")
    git_in(env, repo, "commit", "-q", "-m", "first")
    rc, out, err = diff_in(tl, env, os.path.join(repo, "sub"), "--since",
                           "HEAD")
    want = ("timeline: error: no ./timeline/ directory here; name a file "
            "or a directory\n")
    if rc != 2 or out or err != want:
        fail(f"no ./timeline/: exit {rc}, {out!r}, {err!r}")
    git_in(env, repo, "rm", "-q", "timeline/kernel.yaml")
    git_in(env, repo, "commit", "-q", "-m", "second")
    for args in ((), ("timeline",), ("timeline/",)):
        rc, out, err = diff_in(tl, env, repo, "--since", "HEAD~1", *args)
        if (rc != 0 or err or len(out.splitlines()) != 15 or
                not all(b"  removed  " in x for x in out.splitlines())):
            fail(f"timeline/ emptied {args}: exit {rc}, {out!r}, {err!r}")
    rc, out, err = diff_in(tl, env, repo, "--since", "HEAD", "timeline")
    if rc != 2 or out or "timeline: error: no timeline files" not in err:
        fail(f"timeline/ empty now and at REV: exit {rc}, {out!r}, {err!r}")


def no_commits(tl, d, env, tmp):
    """In a repository without a commit yet, any REV is unknown, and the
    message says why; once there is one, it does not."""
    repo = os.path.join(tmp, "unborn")
    new_repo(env, repo, d, [("old", "kernel.yaml")])
    why = "(the current branch has no commit yet)"
    for rev in ("HEAD", "main", "HEAD~1"):
        rc, out, err = diff_in(tl, env, repo, "--since", rev)
        if (rc != 2 or out or f"unknown revision '{rev}'" not in err or
                why not in err):
            fail(f"--since {rev} before the first commit: exit {rc}, "
                 f"{out!r}, {err!r}")
    git_in(env, repo, "add", "-A")
    git_in(env, repo, "commit", "-q", "-m", "first")
    # One commit: HEAD~1 goes back past it, and the message says so
    # (a first CI run); a name that is nowhere gets no such word.
    back = "('HEAD' is there, but has no such ancestor: its history is " \
        "shorter)"
    for rev in ("HEAD~1", "HEAD^", "HEAD~1^2"):
        rc, out, err = diff_in(tl, env, repo, "--since", rev)
        if (rc != 2 or f"unknown revision '{rev}'" not in err or
                why in err or back not in err):
            fail(f"--since {rev} after the first commit: exit {rc}, "
                 f"{err!r}")
    rc, out, err = diff_in(tl, env, repo, "--since", "nosuch~1")
    if rc != 2 or "no such ancestor" in err:
        fail(f"--since nosuch~1: exit {rc}, {err!r}")
    # Quoted as values are: an invisible character in REV shows.
    rc, out, err = diff_in(tl, env, repo, "--since", "HEAD\u200b")
    if rc != 2 or "unknown revision 'HEAD\\u{200b}'" not in err:
        fail(f"--since HEAD+U+200B: exit {rc}, {err!r}")


def closed_standard(tl, d, env, tmp):
    """With standard input, output or error closed when it starts, diff
    --since still reads git's answers: a closed output is reported as
    one, not as a directory outside any work tree."""
    repo = os.path.join(tmp, "closed")
    new_repo(env, repo, d, [("old", "kernel.yaml")])
    git_in(env, repo, "add", "-A")
    git_in(env, repo, "commit", "-q", "-m", "first")
    shutil.copyfile(os.path.join(d, "new", "kernel.yaml"),
                os.path.join(repo, "timeline", "kernel.yaml"))
    rc, want, err = diff_in(tl, env, repo, "--since", "HEAD")
    if rc != 0 or not want or err:
        fail(f"diff --since HEAD: exit {rc}, {want!r}, {err!r}")
    for closed in ("<&-", "2>&-"):
        p = subprocess.run(["sh", "-c", f'"$0" diff --since HEAD {closed}',
                            tl], cwd=repo, env=env, capture_output=True)
        if p.returncode != 0 or p.stdout != want:
            fail(f"diff --since HEAD {closed}: exit {p.returncode}, "
                 f"{p.stdout!r}, {p.stderr!r}")
    p = subprocess.run(["sh", "-c", '"$0" diff --since HEAD >&-', tl],
                       cwd=repo, env=env, capture_output=True)
    err = p.stderr.decode("utf-8", "replace")
    if (p.returncode != 2 or "cannot write standard output" not in err or
            "work tree" in err):
        fail(f"diff --since HEAD >&-: exit {p.returncode}, {err!r}")


def links(tl, d, env, tmp):
    """A symbolic link is read at REV as in the work tree: as the file it
    names (through a link to a link too), so that a tree where nothing
    changed has no difference and a slip through a link is a slip; a
    link out of the work tree, or to nothing at REV, is a usage error."""
    repo = os.path.join(tmp, "links")
    os.makedirs(os.path.join(repo, "timeline"))
    os.makedirs(os.path.join(repo, "shared"))
    git_in(env, repo, "init", "-q")
    with open(os.path.join(repo, "shared", "b.yaml"), "w") as f:
        f.write("timeline: b\nmilestones:\n  - id: b1\n    title: B1\n"
                "    date: 2026-07\n")
    with open(os.path.join(repo, "shared", "c.yaml"), "w") as f:
        f.write("timeline: c\nmilestones:\n  - id: c1\n    title: C1\n"
                "    date: 2026-08\n")
    os.symlink("../shared/b.yaml", os.path.join(repo, "timeline", "b.yaml"))
    os.symlink("c-link.yaml", os.path.join(repo, "shared", "c2.yaml"))
    os.symlink("./c.yaml", os.path.join(repo, "shared", "c-link.yaml"))
    os.symlink("../shared/c2.yaml", os.path.join(repo, "timeline", "c.yaml"))
    git_in(env, repo, "add", "-A")
    git_in(env, repo, "commit", "-q", "-m", "first")
    for args in ((), ("timeline/b.yaml",), ("timeline/c.yaml",)):
        rc, out, err = diff_in(tl, env, repo, "--since", "HEAD",
                               "--exit-code", *args)
        if rc != 0 or out or err:
            fail(f"links, nothing changed {args}: exit {rc}, {out!r}, "
                 f"{err!r}")
    for name, date in (("b.yaml", "2026-09"), ("c.yaml", "2026-10")):
        path = os.path.join(repo, "shared", name)
        with open(path) as f:
            text = f.read()
        with open(path, "w") as f:
            f.write(text.rsplit("date:", 1)[0] + f"date: {date}\n")
    git_in(env, repo, "commit", "-q", "-a", "-m", "second")
    rc, out, err = diff_in(tl, env, repo, "--since", "HEAD~1")
    lines = out.decode().splitlines()
    if (rc != 0 or err or len(lines) != 2 or
            not lines[0].startswith("b/b1  later  Jul 2026 -> Sep 2026") or
            not lines[1].startswith("c/c1  later  Aug 2026 -> Oct 2026")):
        fail(f"links, a slip through them: exit {rc}, {out!r}, {err!r}")
    # An absolute link into the work tree is followed from its top.
    link = os.path.join(repo, "timeline", "absolute.yaml")
    os.symlink(os.path.join(repo, "shared", "b.yaml"), link)
    commit_all(env, repo, "absolute")
    path = os.path.join(repo, "shared", "b.yaml")
    with open(path) as f:
        text = f.read()
    with open(path, "w") as f:
        f.write(text.replace("date: 2026-09", "date: 2026-11"))
    rc, out, err = diff_in(tl, env, repo, "--since", "HEAD",
                           "timeline/absolute.yaml")
    if rc != 0 or err or not out.startswith(b"b/b1  later  Sep 2026 -> "
                                            b"Nov 2026"):
        fail(f"an absolute link into the work tree: exit {rc}, {out!r}, "
             f"{err!r}")
    with open(path, "w") as f:
        f.write(text)
    os.remove(link)
    # Out of the work tree (relative or absolute), to nothing at REV:
    # usage errors.
    for target, name, says in (
            ("../../outside.yaml", "out.yaml", "leads out of the work tree"),
            ("gone.yaml", "dangling.yaml",
             "to 'timeline/gone.yaml', which is not there"),
            (os.path.join(os.path.dirname(repo), "elsewhere.yaml"),
             "absolute.yaml", "leads out of the work tree")):
        link = os.path.join(repo, "timeline", name)
        os.symlink(target, link)
        git_in(env, repo, "add", "-A")
        git_in(env, repo, "commit", "-q", "-m", name)
        rc, out, err = diff_in(tl, env, repo, "--since", "HEAD",
                               "timeline/" + name)
        if rc != 2 or out or says not in err:
            fail(f"a link {target!r}: exit {rc}, {out!r}, {err!r}")
        os.remove(link)


def commit_all(env, repo, msg):
    git_in(env, repo, "add", "-A")
    git_in(env, repo, "commit", "-q", "-m", msg)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def one(name, mid, date):
    """A timeline file's text: one milestone."""
    return (f"timeline: {name}\nmilestones:\n  - id: {mid}\n"
            f"    title: {mid}\n    date: {date}\n")


def dir_links(tl, env, tmp):
    """A PATH through a link to a directory is read at REV through the
    link, as in the work tree: nothing changed is no difference, a slip
    is a slip; a link round in a loop, or to nothing at REV, is a usage
    error."""
    repo = os.path.join(tmp, "dirlinks")
    os.makedirs(repo)
    git_in(env, repo, "init", "-q")
    write(os.path.join(repo, "plans", "2026", "p.yaml"),
          one("p", "a", "2026-05"))
    os.symlink("plans/2026", os.path.join(repo, "timeline"))
    os.symlink("plans", os.path.join(repo, "cur"))
    os.symlink("cur", os.path.join(repo, "cur2"))
    commit_all(env, repo, "first")
    for args in ((), ("timeline/p.yaml",), ("cur/2026",),
                 ("cur/2026/p.yaml",), ("cur2/2026/",),
                 (os.path.join(repo, "cur", "2026", "p.yaml"),)):
        rc, out, err = diff_in(tl, env, repo, "--since", "HEAD",
                               "--exit-code", *args)
        if rc != 0 or out or err:
            fail(f"through a link to a directory, nothing changed {args}: "
                 f"exit {rc}, {out!r}, {err!r}")
    write(os.path.join(repo, "plans", "2026", "p.yaml"),
          one("p", "a", "2026-07"))
    rc, out, err = diff_in(tl, env, repo, "--since", "HEAD", "cur/2026")
    if rc != 0 or err or not out.startswith(b"p/a  later  May 2026"):
        fail(f"through a link to a directory, a slip: exit {rc}, {out!r}, "
             f"{err!r}")
    os.symlink("loop", os.path.join(repo, "loop"))
    os.symlink("nowhere", os.path.join(repo, "gone"))
    commit_all(env, repo, "links")
    for path, says in (("loop/p.yaml", "too many levels of symbolic links"),
                       ("gone/p.yaml", "to 'nowhere', which is not there")):
        rc, out, err = diff_in(tl, env, repo, "--since", "HEAD", path)
        if rc != 2 or out or says not in err:
            fail(f"{path}: exit {rc}, {out!r}, {err!r}")


def dots_after_links(tl, env, tmp):
    """A '..' after a link to a directory leads, as the system reads it,
    to the parent of what the link names: the file at REV is that one
    too, never the one the text names without the link.  A relative
    PATH whose '..' climb out of the work tree is outside it.  A link
    to an ancestor directory is no repository of its own."""
    repo = os.path.join(tmp, "dots")
    os.makedirs(os.path.join(repo, "releases", "2026"))
    git_in(env, repo, "init", "-q")
    write(os.path.join(repo, "timeline", "a.yaml"), one("alpha", "one",
                                                       "2026-05"))
    write(os.path.join(repo, "releases", "timeline", "r.yaml"),
          one("rel", "r1", "2026-03"))
    write(os.path.join(repo, "releases", "2026", ".keep"), "")
    os.symlink("releases/2026", os.path.join(repo, "current"))
    os.makedirs(os.path.join(repo, "docs"))
    os.symlink("..", os.path.join(repo, "docs", "root"))
    commit_all(env, repo, "first")
    write(os.path.join(repo, "releases", "timeline", "r.yaml"),
          one("rel", "r1", "2026-04"))
    current = os.path.join(repo, "current")
    for cwd, path in ((current, "../timeline"),
                      (current, current + "/../timeline"),
                      (repo, "current/../timeline"),
                      (repo, "current/../timeline/r.yaml")):
        rc, out, err = diff_in(tl, env, cwd, "--since", "HEAD", path)
        if rc != 0 or err or out != (b"rel/r1  later  Mar 2026 -> "
                                     b"Apr 2026 (+31 days)\n"):
            fail(f"'..' after a link, {path}: exit {rc}, {out!r}, {err!r}")
    up = "../" * (repo.count("/")) + repo.lstrip("/") + "/timeline"
    for path in (".." + repo + "/timeline", up + "/../../../x"):
        rc, out, err = diff_in(tl, env, repo, "--since", "HEAD", path)
        if rc != 2 or out or "outside the git work tree" not in err:
            fail(f"'..' out of the work tree, {path}: exit {rc}, {out!r}, "
                 f"{err!r}")
    write(os.path.join(repo, "timeline", "a.yaml"), one("alpha", "one",
                                                       "2026-06"))
    rc, out, err = diff_in(tl, env, repo, "--since", "HEAD",
                           "docs/root/timeline")
    if rc != 0 or err or not out.startswith(b"alpha/one  later  May 2026"):
        fail(f"through a link to the top: exit {rc}, {out!r}, {err!r}")
    # An absolute PATH through a link to the work tree, gone since with
    # its directory: what it held is removed.
    write(os.path.join(repo, "old", "plans", "x.yaml"), one("xi", "x1",
                                                           "2026-01"))
    commit_all(env, repo, "old plans")
    shutil.rmtree(os.path.join(repo, "old"))
    os.symlink(repo, os.path.join(tmp, "dots-link"))
    for path in ("old/plans", os.path.join(tmp, "dots-link", "old", "plans"),
                 os.path.join(tmp, "dots-link", "old", "plans", "x.yaml")):
        rc, out, err = diff_in(tl, env, repo, "--since", "HEAD", path)
        if rc != 0 or err or out != b"xi/x1  removed  Jan 2026\n":
            fail(f"gone through a link, {path}: exit {rc}, {out!r}, "
                 f"{err!r}")


def link_out_of_tree(tl, env, tmp):
    """A committed link that leads out of the work tree, to a file that
    is there, is read as it is now for both versions, with a warning:
    the other files of its directory are still compared."""
    repo = os.path.join(tmp, "outlink")
    os.makedirs(os.path.join(repo, "timeline"))
    write(os.path.join(tmp, "outlink-shared.yaml"), one("shared", "s1",
                                                        "2026-01"))
    git_in(env, repo, "init", "-q")
    write(os.path.join(repo, "timeline", "a.yaml"), one("alpha", "one",
                                                       "2026-05"))
    os.symlink("../../outlink-shared.yaml",
               os.path.join(repo, "timeline", "shared.yaml"))
    commit_all(env, repo, "first")
    write(os.path.join(repo, "timeline", "a.yaml"), one("alpha", "one",
                                                       "2026-06"))
    write(os.path.join(tmp, "outlink-shared.yaml"), one("shared", "s1",
                                                        "2026-02"))
    warning = ("timeline: warning: HEAD:timeline/shared.yaml is a symbolic "
               "link out of the work tree, where git keeps no history")
    for args, want in (((), b"alpha/one  later  May 2026 -> Jun 2026"),
                       (("timeline/shared.yaml",), b"")):
        rc, out, err = diff_in(tl, env, repo, "--since", "HEAD", *args)
        if rc != 0 or warning not in err or not out.startswith(want) or \
                b"shared" in out or err.count("\n") != 1:
            fail(f"a link out of the work tree {args}: exit {rc}, {out!r}, "
                 f"{err!r}")
    # At the revision, the link is read as it was: retargeted since,
    # or gone, what it named then is what changed.
    link = os.path.join(repo, "timeline", "shared.yaml")
    write(os.path.join(tmp, "outlink-other.yaml"), one("other", "o1",
                                                       "2026-03"))
    os.remove(link)
    os.symlink("../../outlink-other.yaml", link)
    rc, out, err = diff_in(tl, env, repo, "--since", "HEAD", "timeline/"
                           "shared.yaml")
    if rc != 0 or warning not in err or \
            out != b"shared/s1  removed  Feb 2026\nother/o1   added    Mar 2026\n":
        fail(f"a link out of the work tree, retargeted: exit {rc}, {out!r}, "
             f"{err!r}")
    os.remove(link)
    rc, out, err = diff_in(tl, env, repo, "--since", "HEAD")
    if rc != 0 or warning not in err or b"shared/s1  removed" not in out:
        fail(f"a link out of the work tree, gone: exit {rc}, {out!r}, "
             f"{err!r}")


def partial_clone(tl, env, tmp):
    """In a clone that fetches blobs when they are read (--filter=
    blob:none), diff --since fetches the file it reads, not every file
    of its directory (a listing with sizes made git fetch them all, one
    at a time)."""
    src = os.path.join(tmp, "promisor")
    os.makedirs(src)
    git_in(env, src, "init", "-q")
    git_in(env, src, "config", "uploadpack.allowFilter", "true")
    for version, date in ((1, "2026-05"), (2, "2026-06")):
        for i in range(40):
            write(os.path.join(src, f"notes{i}.txt"), f"v{version} {i}\n")
        write(os.path.join(src, "plan.yaml"), one("p", "a", date))
        commit_all(env, src, f"v{version}")
    clone = os.path.join(tmp, "partial")
    git_in(env, tmp, "clone", "-q", "--filter=blob:none", "file://" + src,
           clone)
    trace = os.path.join(tmp, "partial.trace")
    traced = dict(env, GIT_TRACE2_EVENT=trace)
    rc, out, err = diff_in(tl, traced, clone, "--since", "HEAD~1",
                           "plan.yaml")
    with open(trace, encoding="utf-8", errors="replace") as f:
        fetches = sum('"event":"start"' in line and '"fetch"' in line
                      for line in f)
    if rc != 0 or err or not out.startswith(b"p/a  later  May 2026") or \
            fetches > 1:
        fail(f"partial clone: exit {rc}, {out!r}, {err!r}, {fetches} "
             f"fetches")


def nested(tl, env, tmp):
    """A PATH inside another repository in the work tree (a linked
    worktree, a clone) is a usage error that says to run diff there; in
    it, diff works with its own history."""
    repo = os.path.join(tmp, "outer")
    os.makedirs(repo)
    git_in(env, repo, "init", "-q")
    write(os.path.join(repo, "timeline", "p.yaml"), one("p", "a", "2026-05"))
    write(os.path.join(repo, ".gitignore"), ".worktrees/\nvendor/\n")
    commit_all(env, repo, "first")
    git_in(env, repo, "worktree", "add", "-q", ".worktrees/feat", "-b",
           "feat")
    git_in(env, repo, "clone", "-q", ".", "vendor/other")
    # Through a link (not at REV) too: 'in' names the clone.
    os.symlink(os.path.join("vendor", "other"), os.path.join(repo, "in"))
    for path in (".worktrees/feat/timeline", ".worktrees/feat",
                 "vendor/other/timeline/p.yaml", "in/timeline/p.yaml",
                 os.path.join(repo, "vendor", "other", "timeline")):
        rc, out, err = diff_in(tl, env, repo, "--since", "HEAD", path)
        if (rc != 2 or out or "has a history of its own" not in err or
                "run timeline diff --since in it" not in err):
            fail(f"{path} in a nested repository: exit {rc}, {out!r}, "
                 f"{err!r}")
    rc, out, err = diff_in(tl, env, os.path.join(repo, ".worktrees", "feat"),
                           "--since", "HEAD", "--exit-code")
    if rc != 0 or out or err:
        fail(f"in the linked worktree: exit {rc}, {out!r}, {err!r}")


def sparse(tl, env, tmp):
    """Files outside a sparse checkout are not in the work tree to
    compare: a usage error that names one, never "removed"."""
    repo = os.path.join(tmp, "sparse")
    os.makedirs(repo)
    git_in(env, repo, "init", "-q")
    write(os.path.join(repo, "timeline", "p.yaml"), one("p", "a", "2026-05"))
    write(os.path.join(repo, "timeline", "q.yaml"), one("q", "b", "2026-05"))
    write(os.path.join(repo, "src", "x"), "x\n")
    commit_all(env, repo, "first")
    for how, name in ((("--no-cone", "/src/", "/timeline/p.yaml"),
                       "timeline/q.yaml"),
                      (("--cone", "src"), "timeline/p.yaml")):
        git_in(env, repo, "sparse-checkout", "set", *how)
        rc, out, err = diff_in(tl, env, repo, "--since", "HEAD")
        if (rc != 2 or out or f"'{name}' is outside the sparse checkout"
                not in err):
            fail(f"sparse checkout {how}: exit {rc}, {out!r}, {err!r}")
    # The user's pathspec settings do not change what is asked of git.
    for var in ("GIT_LITERAL_PATHSPECS", "GIT_GLOB_PATHSPECS",
                "GIT_ICASE_PATHSPECS"):
        rc, out, err = diff_in(tl, dict(env, **{var: "1"}), repo,
                               "--since", "HEAD")
        if rc != 2 or out or "outside the sparse checkout" not in err:
            fail(f"sparse checkout, {var}=1: exit {rc}, {out!r}, {err!r}")
    git_in(env, repo, "sparse-checkout", "disable")
    rc, out, err = diff_in(tl, env, repo, "--since", "HEAD", "--exit-code")
    if rc != 0 or out or err:
        fail(f"sparse checkout disabled: exit {rc}, {out!r}, {err!r}")


def was_file(tl, env, tmp):
    """A directory PATH that was a file at REV did not exist as a
    directory there, nor a file PATH that was a directory as a file:
    all its milestones are added."""
    repo = os.path.join(tmp, "wasfile")
    os.makedirs(repo)
    git_in(env, repo, "init", "-q")
    write(os.path.join(repo, "timeline"), "Project timeline: the wiki.\n")
    commit_all(env, repo, "notes")
    os.remove(os.path.join(repo, "timeline"))
    write(os.path.join(repo, "timeline", "p.yaml"), one("p", "a", "2026-05"))
    commit_all(env, repo, "real")
    for args in ((), ("timeline",), ("timeline/",), ("timeline/p.yaml",)):
        rc, out, err = diff_in(tl, env, repo, "--since", "HEAD~1", *args)
        if rc != 0 or err or out != b"p/a  added  May 2026\n":
            fail(f"a file at REV, a directory now {args}: exit {rc}, "
                 f"{out!r}, {err!r}")
    # The mirror: a file PATH that was a directory at REV did not exist
    # as a file there, and has all its milestones added too.
    write(os.path.join(repo, "road.yaml", "p.yaml"), one("p", "b", "2026-03"))
    commit_all(env, repo, "road.yaml/ is a directory")
    shutil.rmtree(os.path.join(repo, "road.yaml"))
    write(os.path.join(repo, "road.yaml"), one("road", "a", "2026-05"))
    commit_all(env, repo, "road.yaml is a file")
    for path in ("road.yaml", os.path.join(repo, "road.yaml")):
        rc, out, err = diff_in(tl, env, repo, "--since", "HEAD~1", path)
        if rc != 0 or err or out != b"road/a  added  May 2026\n":
            fail(f"a directory at REV, a file now ({path}): exit {rc}, "
                 f"{out!r}, {err!r}")


def renamed(tl, env, tmp):
    """A file named on the command line that git sees renamed since REV
    (git mv, committed or only staged) is compared with what it was
    renamed from, and a note says so; a file that is new, or was renamed
    from a file that is no timeline file, is all added."""
    repo = os.path.join(tmp, "renamed")
    os.makedirs(repo)
    git_in(env, repo, "init", "-q")
    text = one("p", "a", "2026-03-01") + (
        "  - id: b\n    title: B\n    date: 2026-06\n"
        "  - id: c\n    title: C\n    date: 2026-07-01\n")
    write(os.path.join(repo, "plan", "old.yaml"), text)
    write(os.path.join(repo, "notes.txt"), one("n", "a", "2026-03-01"))
    commit_all(env, repo, "first")
    git_in(env, repo, "mv", "plan/old.yaml", "plan/new.yaml")
    with open(os.path.join(repo, "plan", "new.yaml"), "w") as f:
        f.write(text.replace("2026-03-01", "2026-04-01"))
    git_in(env, repo, "mv", "notes.txt", "notes.yaml")
    write(os.path.join(repo, "fresh.yaml"), one("f", "a", "2026-03-01"))
    moved = b"p/a  later  1 Mar 2026 -> 1 Apr 2026 (+31 days)\n"
    for stage in ("staged", "committed"):
        if stage == "committed":
            commit_all(env, repo, "renamed")
        rev = "HEAD" if stage == "staged" else "HEAD~1"
        for path, cwd, name in (
                ("plan/new.yaml", repo, f"{rev}:plan/old.yaml"),
                ("new.yaml", os.path.join(repo, "plan"),
                 f"{rev}:plan/old.yaml"),
                (os.path.join(repo, "plan", "new.yaml"), repo,
                 f"{rev}:plan/old.yaml")):
            rc, out, err = diff_in(tl, env, cwd, "--since", rev, path)
            note = (f"timeline: note: {path} is compared with {name}, "
                    f"which git sees renamed to it\n")
            if rc != 0 or out != moved or err != note:
                fail(f"renamed since {rev} ({stage}), {path}: exit {rc}, "
                     f"{out!r}, {err!r}")
            shown = subprocess.run(["git", "show", name], cwd=cwd, env=env,
                                   capture_output=True)
            if shown.returncode != 0 or b"2026-03-01" not in shown.stdout:
                fail(f"git show {name}: {shown.stderr!r}")
        # Not followed: a new file, one renamed from a text file.
        for path, want in (("fresh.yaml", b"f/a  added  1 Mar 2026\n"),
                           ("notes.yaml", b"n/a  added  1 Mar 2026\n")):
            rc, out, err = diff_in(tl, env, repo, "--since", rev, path)
            if rc != 0 or out != want or err:
                fail(f"{path} since {rev} ({stage}): exit {rc}, {out!r}, "
                     f"{err!r}")
    # A configuration of git diff's output (an order file that is not
    # there) changes nothing; a rename from a hidden directory is one.
    write(os.path.join(repo, ".plans", "q.yaml"), one("q", "a", "2026-03-01"))
    commit_all(env, repo, "hidden")
    os.makedirs(os.path.join(repo, "plans2"))
    git_in(env, repo, "mv", ".plans/q.yaml", "plans2/q.yaml")
    git_in(env, repo, "config", "diff.orderFile", ".no-such-order")
    write(os.path.join(repo, "brand-new.yaml"), one("b", "a", "2026-03-01"))
    for path, want, note in (
            ("brand-new.yaml", b"b/a  added  1 Mar 2026\n", ""),
            ("plans2/q.yaml", b"", "timeline: note: plans2/q.yaml is "
             "compared with HEAD:.plans/q.yaml, which git sees renamed to "
             "it\n")):
        rc, out, err = diff_in(tl, env, repo, "--since", "HEAD", path)
        if rc != 0 or out != want or err != note:
            fail(f"{path} with diff.orderFile, from .plans: exit {rc}, "
                 f"{out!r}, {err!r}")
    git_in(env, repo, "config", "--unset", "diff.orderFile")
    os.remove(os.path.join(repo, "brand-new.yaml"))
    git_in(env, repo, "commit", "-q", "-m", "from hidden")
    # Errors in what it was are named as git show reads them.
    with open(os.path.join(repo, "plan", "new.yaml"), "w") as f:
        f.write(text.replace("2026-06", "2026-13"))
    commit_all(env, repo, "bad")
    git_in(env, repo, "mv", "plan/new.yaml", "plan/newer.yaml")
    rc, out, err = diff_in(tl, env, repo, "--since", "HEAD",
                           "plan/newer.yaml")
    if rc != 1 or out or "\nHEAD:plan/new.yaml:8:11: error:" not in err:
        fail(f"errors in the file renamed from: exit {rc}, {out!r}, "
             f"{err!r}")


def renamed_among_many(tl, env, tmp):
    """A rename is found where more YAML files moved than git's rename
    limit (its default, 1000, or the user's diff.renameLimit), and each
    file named that git sees renamed gets its note."""
    repo = os.path.join(tmp, "renamed-many")
    os.makedirs(os.path.join(repo, "deploy"))
    git_in(env, repo, "init", "-q")
    for i in range(1001):
        write(os.path.join(repo, "deploy", f"cm{i}.yaml"),
              f"kind: ConfigMap\nname: cm{i}\n")
    write(os.path.join(repo, "timeline", "k.yaml"),
          one("k", "a", "2026-03-01"))
    write(os.path.join(repo, "timeline", "q.yaml"),
          one("q", "a", "2026-05-01"))
    commit_all(env, repo, "base")
    git_in(env, repo, "rm", "-rq", "deploy")
    for i in range(1001):
        write(os.path.join(repo, "manifests", f"configmap-{i}.yaml"),
              f"kind: ConfigMap\nname: cm{i}\nextra: 1\n")
    git_in(env, repo, "mv", "timeline/k.yaml", "timeline/kernel.yaml")
    git_in(env, repo, "mv", "timeline/q.yaml", "timeline/queue.yaml")
    with open(os.path.join(repo, "timeline", "kernel.yaml"), "w") as f:
        f.write(one("k", "a", "2026-04-01"))
    commit_all(env, repo, "restructure")
    want = b"k/a  later  1 Mar 2026 -> 1 Apr 2026 (+31 days)\n"
    notes = "".join(
        f"timeline: note: timeline/{new}.yaml is compared with "
        f"HEAD~1:timeline/{old}.yaml, which git sees renamed to it\n"
        for old, new in (("k", "kernel"), ("q", "queue")))
    for limit in (None, "1"):
        run_env = dict(env)
        if limit is not None:
            run_env["GIT_CONFIG_COUNT"] = "1"
            run_env["GIT_CONFIG_KEY_0"] = "diff.renameLimit"
            run_env["GIT_CONFIG_VALUE_0"] = limit
        rc, out, err = diff_in(tl, run_env, repo, "--since", "HEAD~1",
                               "timeline/kernel.yaml",
                               "timeline/queue.yaml")
        if rc != 0 or out != want or err != notes:
            fail(f"renamed among 1001 moved files (renameLimit {limit}): "
                 f"exit {rc}, {out!r}, {err!r}")
    # A file named twice is compared, and said, once.
    rc, out, err = diff_in(tl, env, repo, "--since", "HEAD~1",
                           "timeline/kernel.yaml", "./timeline/kernel.yaml")
    if rc != 0 or out != want or err.count("timeline: note:") != 1:
        fail(f"a renamed file named twice: exit {rc}, {out!r}, {err!r}")


def refused(tl, env, tmp):
    """When git refuses the repository, its own message (and fix) is
    passed on, escaped, instead of "not in a work tree"."""
    repo = os.path.join(tmp, "refused")
    os.makedirs(repo)
    git_in(env, repo, "init", "-q")
    write(os.path.join(repo, "timeline", "p.yaml"), one("p", "a", "2026-05"))
    commit_all(env, repo, "first")
    git_in(env, repo, "config", "core.repositoryformatversion", "1")
    git_in(env, repo, "config", "extensions.nosuch", "1")
    rc, out, err = diff_in(tl, env, repo, "--since", "HEAD")
    if (rc != 2 or out or "not in one" in err or
            "timeline: git: fatal: unknown repository extension" not in err
            or "timeline: git: nosuch\n" not in err):
        fail(f"git refusing the repository: exit {rc}, {out!r}, {err!r}")
    git_in(env, repo, "config", "-f", ".git/config", "--unset",
           "extensions.nosuch")
    # A linked work tree whose repository moved: git finds its .git file
    # and cannot use it ("not a git repository: PATH"), which is not
    # the directory being outside any repository.
    git_in(env, repo, "worktree", "add", "-q", os.path.join(tmp, "linked"))
    moved = os.path.join(tmp, "refused-moved")
    os.rename(repo, moved)
    rc, out, err = diff_in(tl, env, os.path.join(tmp, "linked"), "--since",
                           "HEAD")
    if (rc != 2 or out or "not in one" in err or
            "timeline: git: fatal: not a git repository: " not in err):
        fail(f"a work tree whose repository moved: exit {rc}, {out!r}, "
             f"{err!r}")
    os.rename(moved, repo)
    if os.geteuid() != 0:
        return
    subprocess.run(["chown", "-R", "12345:12345", repo], check=True)
    rc, out, err = diff_in(tl, env, repo, "--since", "HEAD")
    if (rc != 2 or out or "detected dubious ownership" not in err or
            f"git config --global --add safe.directory {repo}" not in err):
        fail(f"dubious ownership: exit {rc}, {out!r}, {err!r}")


def named_from_below(tl, env, tmp):
    """Run from below the top of the work tree, the old files are named
    as git reads them from there: REV:./PATH (REV:PATH would be read
    from the top), REV:../PATH as given."""
    repo = os.path.join(tmp, "below")
    os.makedirs(os.path.join(repo, "plans"))
    git_in(env, repo, "init", "-q")
    bad = "timeline: b\nmilestones:\n  - {id: b, title: B, date: 2026-02-30}\n"
    write(os.path.join(repo, "plans", "timeline", "x.yaml"), bad)
    write(os.path.join(repo, "other", "y.yaml"), bad)
    commit_all(env, repo, "first")
    good = one("b", "b", "2026-02")
    write(os.path.join(repo, "plans", "timeline", "x.yaml"), good)
    write(os.path.join(repo, "other", "y.yaml"), good)
    below = os.path.join(repo, "plans")
    for args, name in ((("--since", "HEAD"), "HEAD:./timeline/x.yaml"),
                       (("--since", "HEAD", "../other"),
                        "HEAD:../other/y.yaml")):
        rc, out, err = diff_in(tl, env, below, *args)
        if rc != 1 or out or not err.startswith(name + ":3:29: error: "):
            fail(f"named from below the top ({args}): exit {rc}, {err!r}")
        p = subprocess.run(["git", "show", name], cwd=below, env=env,
                           capture_output=True)
        if p.returncode != 0 or p.stdout.decode() != bad:
            fail(f"git show {name} from below the top: {p.stderr!r}")


def require_filter(env, repo, name, smudge):
    """Makes repo's filter NAME, which checkout needs, smudge with the
    command smudge."""
    git_in(env, repo, "config", f"filter.{name}.smudge", smudge)
    git_in(env, repo, "config", f"filter.{name}.required", "true")


def many_files(tl, env, tmp):
    """The files of a directory are read at REV as checkout would write
    them, each whole, whatever they hold and however they are named:
    CR LF line ends from .gitattributes (more bytes than git stores), a
    description that holds what git writes after an object it does not
    have, names that start with a blank or hold a CR; one file that a
    filter fails on fails the run with git's reason."""
    repo = os.path.join(tmp, "many")
    os.makedirs(repo)
    git_in(env, repo, "init", "-q")
    write(os.path.join(repo, ".gitattributes"), "*.yaml text eol=crlf\n")
    names = ["f%03d.yaml" % i for i in range(40)] + [
        " lead.yaml", "cr\r.yaml", "tab\tin.yaml"]
    tricky = ("timeline: x{0}\nmilestones:\n  - id: a\n    title: a\n"
              "    date: 2026-05\n    description: |\n"
              "      timeline-end-0123 missing\n"
              "      0000000000000000000000000000000000000000 missing\n"
              "      e69de29bb2d1d6434b8b29ae775ad8c2e48c5391 blob 0\n"
              "    status: done\n")
    for i, n in enumerate(names):
        write(os.path.join(repo, "timeline", n),
              tricky.format(i) if i % 3 == 0 else one("x%d" % i, "a",
                                                          "2026-05"))
    commit_all(env, repo, "first")
    rc, out, err = diff_in(tl, env, repo, "--since", "HEAD",
                           "--exit-code")
    if rc != 0 or out or err:
        fail(f"{len(names)} files unchanged: exit {rc}, {out!r}, {err!r}")
    want = []
    for i in (1, 40, 41):
        write(os.path.join(repo, "timeline", names[i]),
              one("x%d" % i, "a", "2026-07"))
        want.append(b"x%d/a later May 2026 -> Jul 2026 (+2 months)" % i)
    rc, out, err = diff_in(tl, env, repo, "--since", "HEAD")
    if rc != 0 or err or sorted(b" ".join(line.split())
                                for line in out.splitlines()) != want:
        fail(f"three of {len(names)} files moved: exit {rc}, {out!r}, "
             f"{err!r}")
    # The same, with one file through a smudge filter that fails.
    write(os.path.join(repo, ".gitattributes"),
          "*.yaml text eol=crlf\nf020.yaml filter=broken\n")
    commit_all(env, repo, "second")
    require_filter(env, repo, "broken", "false")
    rc, out, err = diff_in(tl, env, repo, "--since", "HEAD")
    if (rc != 2 or out or "cannot read HEAD:timeline/f020.yaml" not in err
            or "smudge filter broken failed" not in err):
        fail(f"a filter that fails on one file of many: exit {rc}, "
             f"{out!r}, {err!r}")
    # A filter that fails and leaves a process behind: the run ends when
    # git does, not when what the filter started does.
    write(os.path.join(repo, ".gitattributes"),
          "*.yaml text eol=crlf\nf020.yaml filter=lingers\n")
    commit_all(env, repo, "third")
    require_filter(env, repo, "lingers",
                   "sleep 60 >/dev/null 2>&1 </dev/null & exit 1")
    try:
        p = subprocess.run([tl, "diff", "--since", "HEAD"], cwd=repo,
                           env=env, capture_output=True, timeout=30)
        if p.returncode != 2 or b"smudge filter lingers failed" not in \
                p.stderr:
            fail(f"a filter that leaves a process: exit {p.returncode}, "
                 f"{p.stderr!r}")
    except subprocess.TimeoutExpired:
        fail("a filter that leaves a process behind: the run waited for it")


def filter_fails(tl, env, tmp):
    """A smudge filter that fails: git's reason is said."""
    repo = os.path.join(tmp, "nolfs")
    os.makedirs(repo)
    git_in(env, repo, "init", "-q")
    write(os.path.join(repo, "timeline", "p.yaml"), one("p", "a", "2026-05"))
    write(os.path.join(repo, ".gitattributes"),
          "timeline/*.yaml filter=lfs -text\n")
    commit_all(env, repo, "first")
    require_filter(env, repo, "lfs", "git-lfs-missing %f")
    rc, out, err = diff_in(tl, env, repo, "--since", "HEAD")
    if (rc != 2 or out or "git cat-file failed" not in err or
            "smudge filter lfs failed" not in err or err.count("\n") != 1):
        fail(f"a failing smudge filter: exit {rc}, {out!r}, {err!r}")


def shallow_empty(tl, env, tmp, repo):
    """An empty --since (a rev-list that found nothing) in a shallow
    clone says that the clone is shallow; in a full one it does not."""
    shallow = os.path.join(tmp, "shallow2")
    subprocess.run(["git", "clone", "-q", "--depth", "1", "file://" + repo,
                    shallow], env=env, check=True, capture_output=True)
    for cwd, hint in ((shallow, True), (repo, False)):
        rc, out, err = diff_in(tl, env, cwd, "--since", "")
        if (rc != 2 or out or "--since is empty" not in err or
                ("git fetch --unshallow" in err) != hint):
            fail(f"an empty --since in {cwd}: exit {rc}, {out!r}, {err!r}")


def merge_base(tl, env, tmp):
    """--since A...B is the merge base of A and B, as for git diff; a
    range A..B is refused with a hint; :/TEXT names a commit."""
    repo = os.path.join(tmp, "forked")
    os.makedirs(repo)
    git_in(env, repo, "init", "-q", "-b", "main")
    path = os.path.join(repo, "timeline", "p.yaml")
    write(path, one("p", "a", "2026-05"))
    commit_all(env, repo, "roadmap baseline")
    git_in(env, repo, "checkout", "-q", "-b", "feat")
    write(path, one("p", "a", "2026-08"))
    commit_all(env, repo, "feat")
    git_in(env, repo, "checkout", "-q", "main")
    write(path, one("p", "a", "2026-09"))
    commit_all(env, repo, "main moves")
    git_in(env, repo, "checkout", "-q", "feat")
    want = b"p/a  later  May 2026 -> Aug 2026 (+3 months)\n"
    for rev in ("main...HEAD", "main...", ":/roadmap baseline"):
        rc, out, err = diff_in(tl, env, repo, "--since", rev)
        if rc != 0 or err or out != want:
            fail(f"--since {rev}: exit {rc}, {out!r}, {err!r}")
    for rev, says in (("main..HEAD", "a range"),
                      ("HEAD^2", "'HEAD' is there, but has no such "
                       "ancestor: ^N names the Nth parent of a merge"),
                      ("main...nosuch", "unknown revision 'nosuch'"),
                      ("^HEAD", "'^HEAD' names no commit (^REV leaves "
                       "commits out)"),
                      ("HEAD^{tree}", "'HEAD^{tree}' names no commit (a "
                       "tree or a file)"),
                      ("main...HEAD:timeline", "'HEAD:timeline' names no "
                       "commit"),
                      ("@{u}", "git says: no upstream configured for "
                       "branch 'feat'")):
        rc, out, err = diff_in(tl, env, repo, "--since", rev)
        if rc != 2 or out or says not in err or err.count("\n") != 1:
            fail(f"--since {rev}: exit {rc}, {out!r}, {err!r}")
    # A shallow clone may not hold the commit the two have in common.
    clone = os.path.join(tmp, "forked-shallow")
    git_in(env, tmp, "clone", "-q", "--depth", "1", "--no-single-branch",
           "file://" + repo, clone)
    rc, out, err = diff_in(tl, env, clone, "--since", "origin/main...HEAD")
    if rc != 2 or out or "no commit in common" not in err or \
            "git fetch --unshallow" not in err:
        fail(f"A...B in a shallow clone: exit {rc}, {out!r}, {err!r}")
    # On a branch with no commit yet, the others still have theirs.
    git_in(env, repo, "checkout", "-q", "--orphan", "pages")
    for rev in ("HEAD~1", "HEAD", "@~2", "@{1}", "pages", "pages~1"):
        rc, out, err = diff_in(tl, env, repo, "--since", rev)
        if rc != 2 or "(the current branch has no commit yet)" not in err:
            fail(f"{rev} on an orphan branch: exit {rc}, {out!r}, {err!r}")
    # Other branches have commits: a name unknown is only that.
    for rev in ("nosuch", "pagesx"):
        rc, out, err = diff_in(tl, env, repo, "--since", rev)
        if (rc != 2 or f"unknown revision '{rev}'" not in err or
                "no commit yet" in err):
            fail(f"{rev} on an orphan branch: exit {rc}, {out!r}, {err!r}")


def odd_paths(tl, env, tmp):
    """A relative PATH that climbs above the work tree and comes back
    into it is read, as its absolute spelling is; a work tree whose name
    ends in CR or LF takes absolute PATHs too."""
    for name in ("climb", "cr\r", "lf\n"):
        repo = os.path.join(tmp, name)
        os.makedirs(os.path.join(repo, "sub"))
        git_in(env, repo, "init", "-q")
        write(os.path.join(repo, "sub", "timeline", "p.yaml"),
              one("p", "a", "2026-05"))
        commit_all(env, repo, "first")
        sub = os.path.join(repo, "sub")
        for args in (("../../" + name + "/sub/timeline",),
                     (os.path.join(sub, "timeline"),),
                     (os.path.join(sub, "timeline", "p.yaml"),)):
            rc, out, err = diff_in(tl, env, sub, "--since", "HEAD",
                                   "--exit-code", *args)
            if rc != 0 or out or err:
                fail(f"{name!r}: {args}: exit {rc}, {out!r}, {err!r}")
    rc, out, err = diff_in(tl, env, os.path.join(tmp, "climb"), "--since",
                           "HEAD", "../elsewhere")
    if rc != 2 or "is outside the git work tree" not in err:
        fail(f"a PATH outside: exit {rc}, {out!r}, {err!r}")


def stray_dot_git(tl, env, tmp):
    """A .git that git does not take for a repository (an empty
    directory, a file that names none) makes no repository of its
    directory: git keeps the files there in this one, and diff --since
    reads them from its history."""
    repo = os.path.join(tmp, "stray")
    os.makedirs(repo)
    git_in(env, repo, "init", "-q")
    write(os.path.join(repo, "timeline", "p.yaml"), one("p", "a", "2026-05"))
    write(os.path.join(repo, "sub", "keep"), "")
    commit_all(env, repo, "first")
    write(os.path.join(repo, "timeline", "p.yaml"), one("p", "a", "2026-07"))
    want = b"p/a  later  May 2026 -> Jul 2026 (+2 months)\n"
    dotgit = os.path.join(repo, "timeline", ".git")
    for kind in ("an empty directory", "a file"):
        if kind == "a file":
            write(dotgit, "gitdir: nowhere\n")
        else:
            os.mkdir(dotgit)
        for cwd, args in ((repo, ()), (repo, ("timeline/p.yaml",)),
                          (os.path.join(repo, "sub"), ("../timeline",))):
            rc, out, err = diff_in(tl, env, cwd, "--since", "HEAD", *args)
            if rc != 0 or err or out != want:
                fail(f"timeline/.git {kind} {args}: exit {rc}, {out!r}, "
                     f"{err!r}")
        if kind == "a file":
            os.remove(dotgit)
        else:
            os.rmdir(dotgit)


def many_removed(tl, env, tmp):
    """Thousands of files removed since REV, whose names together are
    longer than a command line may be (2 MiB with the usual 8 MiB
    stack), all have their milestones removed: git ls-files is asked
    about them in parts.  (REV is made by git fast-import, which is
    quicker than writing the files and adding them.)"""
    repo = os.path.join(tmp, "archive")
    os.makedirs(os.path.join(repo, "timeline"))
    git_in(env, repo, "init", "-q", "-b", "main")
    n, stem = 12000, "x" * 200
    stream, names = [], []
    for i in range(n):
        data = (f"timeline: t{i}\nmilestones:\n"
                "  - {id: m, title: M, date: 2027}\n").encode()
        stream.append(b"blob\nmark :%d\ndata %d\n%s\n" % (i + 1, len(data),
                                                          data))
        names.append(b"M 100644 :%d timeline/%s%d.yaml\n" %
                     (i + 1, stem.encode(), i))
    stream.append(b"commit refs/heads/main\ncommitter t <t@example.org> 1767225600 "
                  b"+0000\ndata 8\narchive\n")
    subprocess.run(["git", "fast-import", "--quiet"], cwd=repo, env=env,
                   input=b"".join(stream + names), check=True)
    write(os.path.join(repo, "timeline", "keep.yaml"),
          "timeline: keep\nmilestones: []\n")

    def usual_stack():
        hard = resource.getrlimit(resource.RLIMIT_STACK)[1]
        soft = 8 << 20
        if hard != resource.RLIM_INFINITY and hard < soft:
            soft = hard
        resource.setrlimit(resource.RLIMIT_STACK, (soft, hard))

    p = subprocess.run([tl, "diff", "--since", "HEAD"], cwd=repo, env=env,
                       capture_output=True, preexec_fn=usual_stack)
    lines = p.stdout.splitlines()
    if (p.returncode != 0 or p.stderr or len(lines) != n or
            not all(b"  removed  2027" in x for x in lines)):
        fail(f"{n} files removed: exit {p.returncode}, {len(lines)} lines, "
             f"{p.stderr[:300]!r}")


def in_dot_git(tl, env, tmp):
    """A PATH inside .git, git's own directory, is outside the work tree:
    a usage error, never milestones added."""
    repo = os.path.join(tmp, "dotgit")
    os.makedirs(os.path.join(repo, "sub"))
    git_in(env, repo, "init", "-q")
    write(os.path.join(repo, "timeline", "p.yaml"), one("p", "a", "2026-05"))
    commit_all(env, repo, "first")
    write(os.path.join(repo, ".git", "scratch.yaml"), one("s", "q", "2026"))
    for cwd, path in ((repo, ".git/scratch.yaml"), (repo, ".git"),
                      (repo, "./.git/"),
                      (repo, os.path.join(repo, ".git", "scratch.yaml")),
                      (os.path.join(repo, "sub"), "../.git/scratch.yaml")):
        rc, out, err = diff_in(tl, env, cwd, "--since", "HEAD", path)
        if (rc != 2 or out or "is outside the git work tree" not in err or
                err.count("\n") != 1):
            fail(f"{path} in .git: exit {rc}, {out!r}, {err!r}")


def no_reflog(tl, env, tmp):
    """A date in braces that git cannot look up (the reflog kept off, as
    on servers and some CI set-ups) says where such a date is looked up,
    and how to name the commit by its date instead; @{N} says the first
    part; @{upstream} neither."""
    repo = os.path.join(tmp, "noreflog")
    os.makedirs(repo)
    git_in(env, repo, "init", "-q", "-b", "main")
    git_in(env, repo, "config", "core.logAllRefUpdates", "false")
    write(os.path.join(repo, "timeline", "p.yaml"), one("p", "a", "2026-05"))
    commit_all(env, repo, "first")
    where = "looked up in the local reflog"
    for rev, hint in (
            ("main@{2.weeks.ago}",
             "name it with $(git rev-list -1 --before=2.weeks.ago main))"),
            ("@{1.day.ago}",
             "name it with $(git rev-list -1 --before=1.day.ago HEAD))"),
            ("main@{2 weeks ago}",
             "$(git rev-list -1 --before='2 weeks ago' main))"),
            ("main@{3}", where), ("main@{-1}", where),
            ("main@{u}", "no upstream configured")):
        rc, out, err = diff_in(tl, env, repo, "--since", rev)
        if (rc != 2 or out or f"unknown revision '{rev}'" not in err or
                hint not in err or (where in err) != (hint != "no upstream "
                                                      "configured") or
                ("rev-list" in err) != ("rev-list" in hint) or
                err.count("\n") != 1):
            fail(f"--since {rev} without a reflog: exit {rc}, {out!r}, "
                 f"{err!r}")
    # The hint is copied: a branch or a date with a character that may
    # not show is named by its placeholder.
    for rev, hint in (
            ("main\u200b@{2.weeks.ago}",
             "--before=2.weeks.ago BRANCH))"),
            ("main@{2.weeks\u200b.ago}", "--before=DATE main))")):
        rc, out, err = diff_in(tl, env, repo, "--since", rev)
        if rc != 2 or hint not in err or "\u200b" in err:
            fail(f"--since {rev!r} without a reflog: exit {rc}, {err!r}")


def fake_git(tmp, name, real, script):
    """A directory holding a git that runs the shell text script with
    $REAL the real git (by its absolute path), for PATH."""
    d = os.path.join(tmp, "fake-" + name)
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, "git")
    with open(path, "w") as f:
        f.write(f"#!/bin/sh\nREAL='{real}'\n{script}\n")
    os.chmod(path, 0o755)
    return d


def git_signals(tl, env, tmp):
    """git starts with the signals the tool ignores for itself (a broken
    pipe, a file too large) back to their defaults, as from a shell."""
    real = shutil.which("git", path=env.get("PATH"))
    repo = os.path.join(tmp, "signals")
    os.makedirs(repo)
    git_in(env, repo, "init", "-q")
    write(os.path.join(repo, "timeline", "p.yaml"), one("p", "a", "2026-05"))
    commit_all(env, repo, "first")
    seen = os.path.join(tmp, "sigign")
    fake = fake_git(tmp, "signals", real,
                    f'grep SigIgn /proc/$$/status >> "{seen}"\n'
                    'exec "$REAL" "$@"')
    e = dict(env, PATH=fake + os.pathsep + env["PATH"])
    rc, out, err = diff_in(tl, e, repo, "--since", "HEAD")
    if rc != 0 or err:
        fail(f"signals: exit {rc}, {out!r}, {err!r}")
    with open(seen) as f:
        masks = [int(line.split()[1], 16) for line in f]
    for sig in (signal.SIGPIPE, signal.SIGXFSZ):
        if not masks or any(m & (1 << (sig - 1)) for m in masks):
            fail(f"git started with {sig.name} ignored: {masks}")


def child_ignored(tl, env, tmp):
    """A caller that leaves SIGCHLD ignored (some supervisors do) would
    let the kernel take git's exit status: the tool waits for git all
    the same."""
    repo = os.path.join(tmp, "sigchld")
    os.makedirs(repo)
    git_in(env, repo, "init", "-q")
    write(os.path.join(repo, "timeline", "p.yaml"), one("p", "a", "2026-05"))
    commit_all(env, repo, "first")
    write(os.path.join(repo, "timeline", "p.yaml"), one("p", "a", "2026-07"))
    p = subprocess.run([tl, "diff", "--since", "HEAD"], cwd=repo, env=env,
                       capture_output=True, preexec_fn=lambda:
                       signal.signal(signal.SIGCHLD, signal.SIG_IGN))
    if (p.returncode != 0 or p.stderr or
            not p.stdout.startswith(b"p/a  later  May 2026")):
        fail(f"SIGCHLD ignored: exit {p.returncode}, {p.stdout!r}, "
             f"{p.stderr!r}")


def git_dies(tl, env, tmp):
    """A git that is killed by a signal (as by the OOM killer) or fails
    is an error that says so, exit 2, never an answer: not "everything
    added", nor "not in a work tree", nor "unknown revision"."""
    real = shutil.which("git", path=env.get("PATH"))
    repo = os.path.join(tmp, "dies")
    os.makedirs(repo)
    git_in(env, repo, "init", "-q", "-b", "main")
    write(os.path.join(repo, "timeline", "p.yaml"), one("p", "a", "2026-05"))
    os.symlink("p.yaml", os.path.join(repo, "timeline", "q.yaml"))
    commit_all(env, repo, "first")
    write(os.path.join(repo, "timeline", "p.yaml"), one("p", "a", "2026-07"))
    commit_all(env, repo, "second")
    want = b"p/a  later  May 2026 -> Jul 2026 (+2 months)\n"
    rc, out, err = diff_in(tl, env, repo, "--since", "HEAD~1")
    if rc != 0 or err or out != want:
        fail(f"before git dies: exit {rc}, {out!r}, {err!r}")
    # No git at all: said so, with what to install.
    rc, out, err = diff_in(tl, dict(env, PATH="/nonexistent"), repo,
                           "--since", "HEAD~1")
    if rc != 2 or out or err != ("timeline: error: --since needs git, which "
                                 "is not on PATH: install git\n"):
        fail(f"no git on PATH: exit {rc}, {out!r}, {err!r}")
    # A git on PATH that cannot be run (its interpreter is missing) is
    # not said to be missing.
    broken = os.path.join(tmp, "broken-git")
    os.makedirs(broken)
    with open(os.path.join(broken, "git"), "w") as f:
        f.write("#!/nonexistent/interpreter\n")
    os.chmod(os.path.join(broken, "git"), 0o755)
    rc, out, err = diff_in(tl, dict(env, PATH=broken), repo, "--since",
                           "HEAD~1")
    if rc != 2 or out or "which cannot be run: No such file" not in err:
        fail(f"a git that cannot be run: exit {rc}, {out!r}, {err!r}")

    def run(name, script, args, says, cwd=repo):
        fake = fake_git(tmp, name, real, script)
        e = dict(env, PATH=fake + os.pathsep + env["PATH"])
        rc, out, err = diff_in(tl, e, cwd, *args)
        if (rc != 2 or out or says not in err or err.count("\n") != 1 or
                "not in one" in err or "unknown revision" in err or
                "in common" in err):
            fail(f"{name}: {args}: exit {rc}, {out!r}, {err!r}")

    def kill_when(test, sig):
        return (f'{test} && kill -{sig} $$\n'
                'exec "$REAL" "$@"')

    # git ls-tree killed: of the top directory, of timeline/.
    for name, test, sig, n in (
            ("ls-tree-kill", '[ "$1" = ls-tree ]', "KILL", 9),
            ("ls-tree-segv", '[ "$1" = ls-tree ]', "SEGV", 11),
            ("ls-tree-sub", 'case "$*" in ls-tree*:timeline) true;; '
             '*) false;; esac', "KILL", 9)):
        for args in (("--since", "HEAD~1"),
                     ("--since", "HEAD~1", "--exit-code"),
                     ("--since", "HEAD~1", "timeline/p.yaml"),
                     ("--since", "HEAD~1", "timeline/q.yaml")):
            run(name, kill_when(test, sig), args,
                f"git ls-tree was killed by signal {n}")
    # git ls-tree failing without a word; a link's text too long.
    run("ls-tree-exit", '[ "$1" = ls-tree ] && exit 3\nexec "$REAL" "$@"',
        ("--since", "HEAD~1"), "git ls-tree failed with exit status 3")
    run("link-long", '[ "$2" = blob ] && { yes | head -c 70000; exit 0; }\n'
        'exec "$REAL" "$@"', ("--since", "HEAD~1", "timeline/q.yaml"),
        "git cat-file wrote more than 65536 bytes")
    # git cat-file killed: reading a file, or what a link names.
    for name, test in (("cat-file", '[ "$1" = cat-file ]'),
                       ("cat-file-blob", '[ "$2" = blob ]')):
        run(name, kill_when(test, "KILL"), ("--since", "HEAD~1"),
            "git cat-file was killed by signal 9")
    run("cat-file-link", kill_when('[ "$2" = blob ]', "KILL"),
        ("--since", "HEAD~1", "timeline/q.yaml"),
        "git cat-file was killed by signal 9")
    # git rev-parse: checking the work tree, the prefix, the revision,
    # the top (for an absolute PATH); git merge-base.
    for name, test, says in (
            ("in-tree", '[ "$2" = --is-inside-work-tree ]',
             "git rev-parse --is-inside-work-tree was killed by signal 11"),
            ("prefix", '[ "$2" = --show-prefix ]',
             "git rev-parse --show-prefix was killed by signal 11"),
            ("verify", '[ "$2" = --verify ]',
             "git rev-parse was killed by signal 11"),
            ("peel", '[ "$3" = --verify ]',
             "git rev-parse was killed by signal 11"),
            ("toplevel", '[ "$2" = --show-toplevel ]',
             "git rev-parse --show-toplevel was killed by signal 11"),
            ("merge-base", '[ "$1" = merge-base ]',
             "git merge-base was killed by signal 11")):
        run(name, kill_when(test, "SEGV"),
            ("--since", "main...HEAD", os.path.join(repo, "timeline")),
            says)
    run("all", "kill -SEGV $$", ("--since", "HEAD"),
        "git rev-parse --is-inside-work-tree was killed by signal 11")
    # An answer that is neither true nor false.
    for name, script, says in (
            ("silent", "exit 0", "printed nothing"),
            ("garbage", "printf 'tr\\033ue\\n'; exit 0",
             "answered 'tr\\x1bue'")):
        run(name, f'[ "$2" = --is-inside-work-tree ] && {{ {script}; }}\n'
            'exec "$REAL" "$@"', ("--since", "HEAD"),
            "git rev-parse --is-inside-work-tree " + says)
    # git ls-files killed while asking about a file gone from the work
    # tree: not "removed".
    os.rename(os.path.join(repo, "timeline", "p.yaml"),
              os.path.join(tmp, "dies-p.yaml"))
    run("ls-files", kill_when('[ "$1" = ls-files ]', "KILL"),
        ("--since", "HEAD", "timeline/p.yaml"),
        "git ls-files was killed by signal 9")
    os.rename(os.path.join(tmp, "dies-p.yaml"),
              os.path.join(repo, "timeline", "p.yaml"))


def objects_missing(tl, env, tmp):
    """A tree object missing at REV (git ls-tree exits 128) is an error
    that gives what git said, never "not there"; paths really not there
    at REV, in a directory not there either, are still added."""
    repo = os.path.join(tmp, "missing")
    os.makedirs(repo)
    git_in(env, repo, "init", "-q")
    git_in(env, repo, "config", "gc.auto", "0")
    write(os.path.join(repo, "timeline", "p.yaml"), one("p", "a", "2026-05"))
    write(os.path.join(repo, "other", "x"), "x\n")
    commit_all(env, repo, "first")
    write(os.path.join(repo, "timeline", "p.yaml"), one("p", "a", "2026-07"))
    write(os.path.join(repo, "new", "deep", "n.yaml"),
          one("n", "b", "2026-06"))
    os.symlink("../nodir/n.yaml", os.path.join(repo, "timeline", "l.yaml"))
    commit_all(env, repo, "second")
    added = b"n/b  added  Jun 2026\n"
    for args in (("new/deep",), ("new/deep/n.yaml",), ("new/deep/",)):
        rc, out, err = diff_in(tl, env, repo, "--since", "HEAD~1", *args)
        if rc != 0 or err or out != added:
            fail(f"a directory not there at REV {args}: exit {rc}, "
                 f"{out!r}, {err!r}")
    rc, out, err = diff_in(tl, env, repo, "--since", "HEAD",
                           "timeline/l.yaml")
    if rc != 2 or out or "to 'nodir/n.yaml', which is not there" not in err:
        fail(f"a link into a directory not there: exit {rc}, {out!r}, "
             f"{err!r}")
    os.remove(os.path.join(repo, "timeline", "l.yaml"))

    def drop(spec):
        h = git_in(env, repo, "rev-parse", spec).strip()
        os.remove(os.path.join(repo, ".git", "objects", h[:2], h[2:]))

    drop("HEAD~1:timeline")
    for args in ((), ("timeline",), ("timeline/p.yaml",),
                 ("timeline/p.yaml", "--exit-code")):
        rc, out, err = diff_in(tl, env, repo, "--since", "HEAD~1", *args)
        if (rc != 2 or out or "git ls-tree failed: fatal: " not in err or
                "cannot list HEAD~1:timeline" not in err or
                err.count("\n") != 1):
            fail(f"the tree of timeline/ missing {args}: exit {rc}, "
                 f"{out!r}, {err!r}")
    drop("HEAD~1^{tree}")
    for args in ((), ("timeline",), ("timeline/p.yaml",), ("new/deep",),
                 ("--exit-code",)):
        rc, out, err = diff_in(tl, env, repo, "--since", "HEAD~1", *args)
        if (rc != 2 or out or "git ls-tree failed: fatal: " not in err or
                "cannot list the top directory at HEAD~1" not in err or
                err.count("\n") != 1):
            fail(f"the top tree missing {args}: exit {rc}, {out!r}, "
                 f"{err!r}")


def main():
    tl, d = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    if shutil.which("git") is None:
        print("git is not installed")
        return 77
    with open(os.path.join(d, "expected.json")) as f:
        since_head_2 = json.load(f)

    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, GIT_CONFIG_GLOBAL="/dev/null",
                   GIT_CONFIG_NOSYSTEM="1", GIT_CEILING_DIRECTORIES=tmp,
                   GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
                   GIT_COMMITTER_NAME="t",
                   GIT_COMMITTER_EMAIL="t@example.org")
        env.pop("NO_COLOR", None)
        for k in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
            env.pop(k, None)
        repo = os.path.join(tmp, "repo")
        data = os.path.join(repo, "road map")
        os.makedirs(data)

        def git(*args):
            subprocess.run(["git", *args], cwd=repo, env=env, check=True,
                           capture_output=True)

        def put(src, name):
            shutil.copyfile(os.path.join(d, src, name),
                            os.path.join(data, name))

        def diff(*args, cwd=repo):
            p = subprocess.run([tl, "diff", *args], cwd=cwd, env=env,
                               capture_output=True)
            return (p.returncode, p.stdout,
                    p.stderr.decode("utf-8", "replace"))

        def expect_json(args, want, what, cwd=repo):
            rc, out, err = diff("--format", "json", *args, cwd=cwd)
            if rc != 0 or err:
                fail(f"{what}: exit {rc}, {err!r}")
                return
            if json.loads(out) != want:
                fail(f"{what}: {out.decode()}")

        git("init", "-q")
        put("old", "kernel.yaml")
        put("old", "docs.yaml")
        git("add", "-A")
        git("commit", "-q", "-m", "first")
        put("new", "kernel.yaml")
        git("commit", "-q", "-a", "-m", "second")
        put("new", "docs.yaml")
        put("new", "extra.yaml")
        git("add", "-A")
        git("commit", "-q", "-m", "third")

        expect_json(("--since", "HEAD~2", "road map"), since_head_2,
                    "--since HEAD~2")
        expect_json(("--since", "HEAD~1", "road map/"), SINCE_HEAD_1,
                    "--since HEAD~1")
        expect_json(("--since", "HEAD", "road map"), {"changes": []},
                    "--since HEAD")
        # From the directory itself, and with a file named twice.
        expect_json(("--since", "HEAD~2", "."), since_head_2,
                    "--since HEAD~2 in the subdirectory", cwd=data)
        expect_json(("--since", "HEAD~2", "../road map/kernel.yaml",
                     "kernel.yaml", "docs.yaml", "extra.yaml"),
                    since_head_2, "--since HEAD~2 file by file", cwd=data)
        # Absolute paths in the work tree, as given or through a link to
        # it, from the top or from the subdirectory.
        expect_json(("--since", "HEAD~2", data), since_head_2,
                    "--since HEAD~2 with an absolute path")
        expect_json(("--since", "HEAD~2", os.path.join(data, "kernel.yaml"),
                     os.path.join(repo, ".", "road map", "..", "road map",
                                  "docs.yaml"), "extra.yaml"),
                    since_head_2, "--since HEAD~2 with absolute file paths",
                    cwd=data)
        os.symlink(repo, os.path.join(tmp, "link"))
        expect_json(("--since", "HEAD~2",
                     os.path.join(tmp, "link", "road map")), since_head_2,
                    "--since HEAD~2 with an absolute path through a link")
        # The text, as for files.
        rc, out, err = diff("--since", "HEAD~2", "road map")
        with open(os.path.join(d, "expected.txt"), "rb") as f:
            if rc != 0 or out != f.read():
                fail(f"--since HEAD~2 as text: exit {rc}, {err!r}")
        # A file added since REV: all of it added.
        rc, out, err = diff("--since", "HEAD~1", "road map/extra.yaml")
        if rc != 0 or out != b"extra/launch  added  ~H2 2026\n":
            fail(f"a file added since REV: exit {rc}, {out!r}, {err!r}")
        # A file removed since REV: all of it removed.
        os.rename(os.path.join(data, "extra.yaml"),
                  os.path.join(tmp, "extra.yaml"))
        rc, out, err = diff("--since", "HEAD", "road map/extra.yaml")
        if rc != 0 or out != b"extra/launch  removed  ~H2 2026\n":
            fail(f"a file removed since REV: exit {rc}, {out!r}, {err!r}")
        rc, out, err = diff("--since", "HEAD", os.path.join(
            tmp, "link", "road map", "extra.yaml"))
        if rc != 0 or out != b"extra/launch  removed  ~H2 2026\n":
            fail(f"a file removed since REV, named through a link: exit "
                 f"{rc}, {out!r}, {err!r}")
        os.rename(os.path.join(tmp, "extra.yaml"),
                  os.path.join(data, "extra.yaml"))

        # --exit-code.
        rc, out, err = diff("--exit-code", "--since", "HEAD~1", "road map")
        if rc != 1 or not out:
            fail(f"--exit-code with changes: exit {rc}")
        rc, out, err = diff("--exit-code", "--since", "HEAD", "road map")
        if rc != 0 or out or err:
            fail(f"--exit-code without changes: exit {rc}, {err!r}")

        # Errors in the old version, named REV:PATH; then in the new.
        with open(os.path.join(data, "bad.yaml"), "w") as f:
            f.write("timeline: bad\nmilestones:\n"
                    "  - {id: b, title: B, date: 2026-02-30}\n")
        git("add", "-A")
        git("commit", "-q", "-m", "fourth")
        os.remove(os.path.join(data, "bad.yaml"))
        rc, out, err = diff("--since", "HEAD", "road map")
        want = "HEAD:road map/bad.yaml:3:29: error: invalid date"
        if rc != 1 or out or want not in err:
            fail(f"errors at REV: exit {rc}, {out!r}, {err!r}")
        # The name is one git show reads, however PATH was written.
        head12 = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"],
                                cwd=repo, env=env, check=True,
                                capture_output=True, text=True).stdout.strip()
        for args, name, cwd in (
                ((data,), "HEAD:road map/bad.yaml", repo),
                ((os.path.join(data, "bad.yaml"),), "HEAD:road map/bad.yaml",
                 data),
                (("road map/../road map/./bad.yaml",),
                 "HEAD:road map/bad.yaml", repo),
                (("road map",), "HEAD:road map/bad.yaml", repo),
                ((".",), "HEAD:./bad.yaml", data),
                (("--since", "HEAD...HEAD", "road map"),
                 f"{head12}:road map/bad.yaml", repo)):
            if args[0] != "--since":
                args = ("--since", "HEAD", *args)
            rc, out, err = diff(*args, cwd=cwd)
            if rc != 1 or not err.startswith(name + ":3:29: error:"):
                fail(f"{args} in {cwd}: exit {rc}, {out!r}, {err!r}")
            shown = subprocess.run(["git", "show", name], cwd=cwd, env=env,
                                   capture_output=True)
            if shown.returncode != 0 or b"2026-02-30" not in shown.stdout:
                fail(f"git show {name} in {cwd}: {shown.stderr!r}")
        git("checkout", "-q", "--", ".")
        rc, out, err = diff("--since", "HEAD~1", "road map")
        want = "road map/bad.yaml:3:29: error: invalid date"
        if rc != 1 or out or not err.startswith(want):
            fail(f"errors in the work tree: exit {rc}, {out!r}, {err!r}")

        # Usage errors: exit 2, a clear message, no output.
        for args, what, cwd in (
                (("--since", "no-such-rev", "road map"),
                 "unknown revision 'no-such-rev'", repo),
                (("--since", "HEAD~9", "road map"),
                 "unknown revision 'HEAD~9'", repo),
                (("--since", "HEAD", "../.."), "outside the git work tree",
                 data),
                (("--since", "HEAD", tmp), "outside the git work tree",
                 repo),
                (("--since", "HEAD", "/"), "outside the git work tree",
                 repo),
                (("--since", "HEAD", "-"), "standard input", repo),
                (("--since", "HEAD", "no such"), "no such: error: cannot",
                 repo),
                (("--since", "HEAD", "road map"), "not in one", tmp),
                (("--since", "HEAD", os.path.join(repo, "road map")),
                 f"not in one; {repo}/road map is in the work tree at "
                 f"{os.path.realpath(repo)}: run the command there, with "
                 f"road map for it", tmp),
                (("--since", "HEAD", os.path.join(data, "kernel.yaml")),
                 f"in the work tree at {os.path.realpath(repo)}: run the "
                 f"command there, with road map/kernel.yaml for it", tmp)):
            rc, out, err = diff(*args, cwd=cwd)
            if rc != 2 or out or what not in err:
                fail(f"{args} in {cwd}: exit {rc}, {out!r}, {err!r}")

        # In a shallow clone (what CI checkouts often are) an unknown REV
        # says so, and how to fetch the history; a full clone does not.
        shallow = os.path.join(tmp, "shallow")
        subprocess.run(["git", "clone", "-q", "--depth", "1",
                        "file://" + repo, shallow], env=env, check=True,
                       capture_output=True)
        rc, out, err = diff("--since", "HEAD~1", "road map", cwd=shallow)
        if (rc != 2 or out or "unknown revision 'HEAD~1'" not in err or
                "shallow" not in err or "git fetch --unshallow" not in err):
            fail(f"an unknown REV in a shallow clone: exit {rc}, {err!r}")
        rc, out, err = diff("--since", "no-such-rev", "road map")
        if rc != 2 or "shallow" in err:
            fail(f"an unknown REV in a full clone: exit {rc}, {err!r}")
        # There a branch it was not cloned with is fetched by name (its
        # history would not bring it), and a range is a range.
        for rev, hint in (
                ("origin/side", "may hold only the branch it was cloned "
                 "with: fetch this one with git fetch origin "
                 "side:refs/remotes/origin/side)"),
                ("feature/x", "fetch a branch of that name with git fetch "
                 "origin feature/x:refs/remotes/origin/feature/x and name "
                 "it origin/feature/x, or a tag with git fetch origin tag "
                 "feature/x)"),
                ("origin/main..HEAD", "(A..B is a range, not a revision"),
                ("deadbeef", "fetch its history with git fetch "
                 "--unshallow)")):
            rc, out, err = diff("--since", rev, "road map", cwd=shallow)
            if rc != 2 or out or hint not in err:
                fail(f"{rev} in a shallow clone: exit {rc}, {err!r}")
        # A full hash of a commit the clone has not fetched (a pull
        # request's base) is unknown there, not "no commit".
        old = subprocess.run(["git", "rev-parse", "HEAD~1"], cwd=repo,
                             env=env, check=True, capture_output=True,
                             text=True).stdout.strip()
        rc, out, err = diff("--since", old, "road map", cwd=shallow)
        if (rc != 2 or out or f"unknown revision '{old}'" not in err or
                "git fetch --unshallow" not in err):
            fail(f"an unfetched hash in a shallow clone: exit {rc}, {err!r}")
        rc, out, err = diff("--since", "0" * 40, "road map")
        if rc != 2 or out or "unknown revision" not in err:
            fail(f"a hash of no object: exit {rc}, {err!r}")
        # A short hash that two objects start with: git's word passed on.
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo,
                              env=env, check=True, capture_output=True,
                              text=True).stdout.strip()
        i = 0
        while True:
            body = b"x%d\n" % i
            blob = hashlib.sha1(b"blob %d\0" % len(body) + body).hexdigest()
            if blob[:4] == head[:4]:
                break
            i += 1
        subprocess.run(["git", "hash-object", "-w", "--stdin"], cwd=repo,
                       env=env, input=body, check=True, capture_output=True)
        rc, out, err = diff("--since", head[:4], "road map")
        if (rc != 2 or out or f"ambiguous revision '{head[:4]}'" not in err
                or "is ambiguous" not in err):
            fail(f"an ambiguous short hash: exit {rc}, {err!r}")

        filters(tl, d, env, tmp)
        submodule(tl, d, env, tmp)
        warnings(tl, d, env, tmp)
        translated(tl, d, env, tmp)
        defaults(tl, d, env, tmp)
        no_commits(tl, d, env, tmp)
        links(tl, d, env, tmp)
        closed_standard(tl, d, env, tmp)
        dir_links(tl, env, tmp)
        dots_after_links(tl, env, tmp)
        partial_clone(tl, env, tmp)
        link_out_of_tree(tl, env, tmp)
        nested(tl, env, tmp)
        sparse(tl, env, tmp)
        was_file(tl, env, tmp)
        renamed(tl, env, tmp)
        renamed_among_many(tl, env, tmp)
        refused(tl, env, tmp)
        named_from_below(tl, env, tmp)
        filter_fails(tl, env, tmp)
        many_files(tl, env, tmp)
        shallow_empty(tl, env, tmp, repo)
        merge_base(tl, env, tmp)
        odd_paths(tl, env, tmp)
        git_dies(tl, env, tmp)
        git_signals(tl, env, tmp)
        child_ignored(tl, env, tmp)
        objects_missing(tl, env, tmp)
        stray_dot_git(tl, env, tmp)
        many_removed(tl, env, tmp)
        in_dot_git(tl, env, tmp)
        no_reflog(tl, env, tmp)

    print(f"{failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
