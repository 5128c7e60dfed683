#!/usr/bin/env python3
"""Score `mlsec scan` on the test cases of detect-secrets' own plugins.

What it measures: detect-secrets' plugin tests (`tests/plugins/*_test.py`)
list, in `pytest.mark.parametrize` rows, a line or file content and whether
the plugin must flag it (a row with no such value must be flagged). This
script reads those rows at run time (nothing of detect-secrets is copied
into this repo), writes each to its own file, scans them all with
`mlsec scan --per-value` and with `detect-secrets scan --all-files` (the
peer, every plugin on), and prints per plugin test file: positives flagged
as a secret, and negatives flagged, by each tool.

Left out: the keyword and high-entropy tests (they assert the heuristics'
behaviour per file type with values such as `value with quotes and spaces`,
not credentials), `ip_public_test.py` (mlsec reports IP addresses as
personal data, not secrets) and `base_test.py`.

Caveats: many positives are placeholders (`AKIAZZZZZZZZZZZZZZZZ`,
`SKxxxxxxxx...`, `abcd1234abcd1234...`, `https://username:password@...`) or
older token formats than the services issue now (six-digit Slack ids);
gitleaks' rules, which mlsec ships, reject the first on purpose (entropy,
allowlists), and a private key whose body is `super secret private key
here` is no key for mlsec (it wants 64 base64 characters, as gitleaks does).
The negatives assert a plugin's own regex (`_authToken=<uuid>` without the
registry prefix is a negative for the npm plugin): a value another rule
rightly flags counts against both tools alike.

Getting the tests: `git clone https://github.com/Yelp/detect-secrets` and
pass the work tree, or pass a bare mirror (read with `git show HEAD:...`).

    $PY bench/data/detect_secrets_vectors.py --detect-secrets-repo ~/src/detect-secrets \
        --mlsec-bin target/release/mlsec [--show]
"""

import argparse
import ast
import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile

from peer_repo import PeerRepo, mlsec_secrets

TEST_DIR = "tests/plugins/"
LEFT_OUT = ("base_test.py", "keyword_test.py", "high_entropy_strings_test.py", "ip_public_test.py")


def rows(src):
    """(text, should_flag) for each parametrize row of a test module."""
    tree = ast.parse(src)
    ns = {}
    for node in tree.body:
        if isinstance(node, ast.Assign):
            try:
                exec(compile(ast.Module([node], []), "<detect-secrets test>", "exec"), ns)
            except Exception:  # a constant built from what this script does not import
                pass
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "parametrize" and len(node.args) >= 2):
            continue
        if not (isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            continue
        names = [a.strip() for a in node.args[0].value.split(",")]
        try:
            values = eval(compile(ast.Expression(node.args[1]), "<rows>", "eval"), ns)
        except Exception:
            continue
        for r in values:
            r = r if isinstance(r, tuple) else (r,)
            d = dict(zip(names, r))
            text = next((v for v in d.values() if isinstance(v, str)), None)
            if text is None:
                continue
            flag = next((v for k, v in d.items() if k.startswith("should") and isinstance(v, bool)), True)
            yield text, flag


def run_detect_secrets(exe, root):
    out = subprocess.run([exe, "scan", "--all-files", "."], cwd=root, capture_output=True, text=True, check=True).stdout
    found = collections.defaultdict(set)
    for path, results in json.loads(out).get("results", {}).items():
        found[os.path.basename(path)].update(r["type"] for r in results)
    return found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--detect-secrets-repo", required=True, help="detect-secrets work tree or bare git mirror")
    ap.add_argument("--mlsec-bin", required=True)
    ap.add_argument("--detect-secrets", default=shutil.which("detect-secrets")
                    or os.path.join(os.path.dirname(sys.executable), "detect-secrets"))
    ap.add_argument("--show", action="store_true", help="print each row the tools disagree with")
    args = ap.parse_args()

    source = PeerRepo(args.detect_secrets_repo, TEST_DIR, "detect-secrets")
    tests = [n for n in source.names() if n.endswith("_test.py") and os.path.basename(n) not in LEFT_OUT]
    cases = [(os.path.basename(n), t, f) for n in tests for t, f in rows(source.read(n) or "")]
    work = tempfile.mkdtemp(prefix="detect-secrets-vectors-")
    try:
        root = os.path.join(work, "cases")
        os.makedirs(root)
        for i, (_, text, _) in enumerate(cases):
            with open(os.path.join(root, f"{i:05d}.txt"), "w", encoding="utf-8", newline="") as f:
                f.write(text)
        ml = mlsec_secrets(args.mlsec_bin, root)
        ds = run_detect_secrets(args.detect_secrets, root)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    per = collections.defaultdict(collections.Counter)
    for i, (test, _text, flag) in enumerate(cases):
        name = f"{i:05d}.txt"
        c = per[test]
        kind = "pos" if flag else "neg"
        c[kind] += 1
        c[f"{kind} mlsec"] += bool(ml.get(name))
        c[f"{kind} ds"] += bool(ds.get(name))
    print(f"detect-secrets commit {source.commit()}; {len(cases)} rows of {len(per)} plugin tests\n")
    print("| plugin test | positives | mlsec flags | detect-secrets flags | negatives | mlsec flags | detect-secrets flags |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    total = collections.Counter()
    for test in sorted(per):
        c = per[test]
        total.update(c)
        print(f"| {test} | {c['pos']} | {c['pos mlsec']} | {c['pos ds']} | {c['neg']} | {c['neg mlsec']} | {c['neg ds']} |")
    t = total
    print(f"| **all** | {t['pos']} | **{t['pos mlsec']}** | {t['pos ds']} | {t['neg']} | **{t['neg mlsec']}** | {t['neg ds']} |")
    if args.show:
        print()
        for i, (test, text, flag) in enumerate(cases):
            name = f"{i:05d}.txt"
            m, d = bool(ml.get(name)), bool(ds.get(name))
            if m != flag:
                what = "MISS" if flag else "FP  "
                print(f"{what} {test}: mlsec {sorted(ml.get(name, ())) or '-'}, detect-secrets {sorted(ds.get(name, ())) or '-'}: {text[:120]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
