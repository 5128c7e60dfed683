"""What the `*_vectors.py` scripts share: a peer project's source files,
read in place from a git work tree or a bare mirror (`git clone --mirror`;
files then come from `git show HEAD:...`), so that nothing of a peer is
copied into this repo; and the secrets `mlsec scan` finds in a directory of
cases."""

import collections
import json
import os
import subprocess
import sys

# mlsec entities that stand for a gitleaks rule (its own detectors).
ENTITY_RULE = {"PRIVATE_KEY": "private-key", "JWT": "jwt"}
SECRET_ENTITIES = ("SECRET", "PRIVATE_KEY", "JWT")


def mlsec_secrets(bin_, root):
    """The secrets one `mlsec scan --per-value` of `root` finds: for each
    file (its path relative to `root`), the rules that found them (mlsec's
    `PRIVATE_KEY` and `JWT` findings as gitleaks' `private-key` and `jwt`; a
    secret found in base64 as its rule)."""
    report = os.path.join(root, "..", "mlsec.json")
    subprocess.run([bin_, "scan", root, "--format", "json", "--per-value", "-o", report],
                   check=False, stdout=subprocess.DEVNULL)
    found = collections.defaultdict(set)
    with open(report, encoding="utf-8") as f:
        for file in json.load(f)["files"]:
            for x in file.get("findings", []):
                data = x.get("data") or {}
                entity = data.get("entity")
                if entity in SECRET_ENTITIES:
                    rule = data.get("detail") or ENTITY_RULE.get(entity, entity)
                    found[os.path.relpath(file["path"], root)].add(rule.removesuffix(" (base64)"))
    return found


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
