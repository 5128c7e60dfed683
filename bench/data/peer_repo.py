"""A peer project's source files, read in place from a git work tree or a
bare mirror (`git clone --mirror`; files then come from `git show HEAD:...`).
The `*_vectors.py` scripts read the peers' own test cases through it, so
nothing of a peer is copied into this repo."""

import os
import subprocess
import sys


class PeerRepo:
    """`path`: a work tree holding `directory`, or a bare git mirror."""

    def __init__(self, path, directory, what):
        self.path = path
        self.directory = directory
        self.tree = os.path.isdir(os.path.join(path, directory))
        if not self.tree and not os.path.isfile(os.path.join(path, "HEAD")):
            sys.exit(f"{path}: neither a {what} work tree (with {directory}) nor a git mirror")

    def git(self, *args):
        flag = ["-C", self.path] if self.tree else ["--git-dir", self.path]
        r = subprocess.run(["git", *flag, *args], capture_output=True, text=True)
        return r.stdout if r.returncode == 0 else None

    def commit(self):
        """The commit read, and whether a work tree changed its directory."""
        c = (self.git("rev-parse", "HEAD") or "").strip() or "unknown (not a git checkout)"
        if self.tree and self.git("status", "--porcelain", "--", self.directory):
            c += f" (work tree has changes under {self.directory})"
        return c

    def names(self):
        """The paths of the files directly in the directory, sorted."""
        if self.tree:
            names = [self.directory + n for n in os.listdir(os.path.join(self.path, self.directory))]
        else:
            names = (self.git("ls-tree", "--name-only", "HEAD", self.directory) or "").splitlines()
        return sorted(names)

    def read(self, name):
        if self.tree:
            with open(os.path.join(self.path, name), encoding="utf-8") as f:
                return f.read()
        return self.git("show", f"HEAD:{name}")
