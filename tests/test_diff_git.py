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
./timeline/ and a timeline/ emptied.  Exit 77 when git is missing.

usage: test_diff_git.py TIMELINE DIFF_DIR
"""
import json
import os
import shutil
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
        shutil.copy(os.path.join(d, src, name),
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
        if (rc != 2 or out or "inside the submodule 'mod'" not in err or
                "in the submodule" not in err):
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
    why = "(the repository has no commit yet)"
    for rev in ("HEAD", "main", "HEAD~1"):
        rc, out, err = diff_in(tl, env, repo, "--since", rev)
        if (rc != 2 or out or f"unknown revision '{rev}'" not in err or
                why not in err):
            fail(f"--since {rev} before the first commit: exit {rc}, "
                 f"{out!r}, {err!r}")
    git_in(env, repo, "add", "-A")
    git_in(env, repo, "commit", "-q", "-m", "first")
    rc, out, err = diff_in(tl, env, repo, "--since", "HEAD~1")
    if rc != 2 or "unknown revision 'HEAD~1'" not in err or why in err:
        fail(f"--since HEAD~1 after the first commit: exit {rc}, {err!r}")


def closed_standard(tl, d, env, tmp):
    """With standard input, output or error closed when it starts, diff
    --since still reads git's answers: a closed output is reported as
    one, not as a directory outside any work tree."""
    repo = os.path.join(tmp, "closed")
    new_repo(env, repo, d, [("old", "kernel.yaml")])
    git_in(env, repo, "add", "-A")
    git_in(env, repo, "commit", "-q", "-m", "first")
    shutil.copy(os.path.join(d, "new", "kernel.yaml"),
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
    # Out of the work tree, to nothing at REV, absolute: usage errors.
    for target, name, says in (
            ("../../outside.yaml", "out.yaml", "leads out of the work tree"),
            ("gone.yaml", "dangling.yaml",
             "to 'timeline/gone.yaml', which is not there"),
            (os.path.join(repo, "shared", "b.yaml"), "absolute.yaml",
             "a symbolic link to an absolute path")):
        link = os.path.join(repo, "timeline", name)
        os.symlink(target, link)
        git_in(env, repo, "add", "-A")
        git_in(env, repo, "commit", "-q", "-m", name)
        rc, out, err = diff_in(tl, env, repo, "--since", "HEAD",
                               "timeline/" + name)
        if rc != 2 or out or says not in err:
            fail(f"a link {target!r}: exit {rc}, {out!r}, {err!r}")
        os.remove(link)


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
            shutil.copy(os.path.join(d, src, name), os.path.join(data, name))

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
                (("--since", "HEAD", "road map"), "not in one", tmp)):
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

        filters(tl, d, env, tmp)
        submodule(tl, d, env, tmp)
        warnings(tl, d, env, tmp)
        defaults(tl, d, env, tmp)
        no_commits(tl, d, env, tmp)
        links(tl, d, env, tmp)
        closed_standard(tl, d, env, tmp)

    print(f"{failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
