#!/usr/bin/env python3
"""Score `mlsec scan` on the set `blind_gen.py` writes: recall by entity,
format and cue, false positives on the planted negatives, and the missed
values grouped by form (forms mlsec leaves alone on purpose, such as names
with no cue, are marked as such).

usage: blind_score.py [--mlsec-bin BIN] [--data DIR] [--labels FILE] [--examples N]
"""
import argparse, collections, json, os, subprocess, sys

ap = argparse.ArgumentParser()
ap.add_argument("--mlsec-bin", default="target/release/mlsec")
ap.add_argument("--data", default="/tmp/mlsec-blind-eval/data")
ap.add_argument("--labels", default="/tmp/mlsec-blind-eval/labels.jsonl")
ap.add_argument("--json-out", default="/tmp/mlsec-blind-eval/findings.json")
ap.add_argument("--examples", type=int, default=4)
ap.add_argument("--extra-args", default="")
a = ap.parse_args()

cmd = [a.mlsec_bin, "scan", a.data, "--format", "json", "--per-value", "-q"] + a.extra_args.split()
p = subprocess.run(cmd, capture_output=True, text=True)
if p.returncode not in (0, 1):
    print("scan failed", p.returncode, p.stderr[:2000]); sys.exit(2)
open(a.json_out, "w").write(p.stdout)
rep = json.loads(p.stdout)

# ---- tool entity -> label category
def tcat(f):
    e = (f["data"].get("entity") or ""); r = f["rule"]
    if r.startswith("MLS-SEC"): return "secret"
    if e == "EMAIL": return "email"
    if e == "PHONE": return "phone"
    if e == "CREDIT_CARD": return "card"
    if e == "IBAN" or r == "MLS-PII-004": return "iban"
    if e == "US_SSN": return "us_ssn"
    if r == "MLS-PII-005": return "natid"
    if e == "MAC_ADDRESS": return "mac"
    if r == "MLS-PII-006": return "ip"
    if e == "PERSON_NAME": return "name"
    if e == "DATE_OF_BIRTH": return "dob"
    if r == "MLS-PII-007": return "address"
    return "other:" + r
def tname(f):
    d = f["data"]; return d.get("entity", "") + ("/" + d["detail"] if d.get("detail") else "")
COMPAT = {"natid_extra": {"natid"}, "us_ssn": {"us_ssn"}, "natid": {"natid"}}

labels = [json.loads(l) for l in open(a.labels)]
import re
for l in labels:  # group forms more coarsely for reporting
    if l["cat"] == "email" and any(ord(c) > 127 for c in l["value"].split("@")[-1]): l["form"] = "idn_domain(any column)"
    if l["cat"] == "iban": l["form"] = re.sub(r"_[A-Z]{2}$", "", l["form"])
files = {}
for fi in rep["files"]:
    rel = os.path.relpath(fi["path"], a.data) if not fi["path"].startswith(a.data) else fi["path"][len(a.data):].lstrip("/")
    rel = os.path.basename(fi["path"])
    files[rel] = fi
fbytes = {}
def ftext(fn):
    if fn not in fbytes:
        path = os.path.join(a.data, fn)
        if fn.endswith(".gz"):
            import gzip; fbytes[fn] = gzip.open(path).read()
        elif fn.endswith(".parquet"): fbytes[fn] = b""
        else: fbytes[fn] = open(path, "rb").read()
    return fbytes[fn]

def overlaps(l, f):
    loc = f["location"]
    if "start" not in l:
        return loc.get("row") == l.get("row") and (loc.get("column") or "").strip() == (l.get("column") or "").strip()
    if "offset" in loc:
        s, e = loc["offset"], loc["offset"] + loc.get("length", 0)
        return s < l["end"] and l["start"] < e
    if "offset" not in loc and "row" in l:
        return loc.get("row") == l["row"] and loc.get("column") == l.get("column")
    return False

used = collections.defaultdict(set)  # file -> finding indexes matched to some label
res = []
for l in labels:
    fi = files.get(l["file"])
    fnd = fi["findings"] if fi else []
    ov = [(i, f) for i, f in enumerate(fnd) if overlaps(l, f)]
    for i, _ in ov: used[l["file"]].add(i)
    want = COMPAT.get(l["cat"], {l["cat"]})
    good = [f for _, f in ov if tcat(f) in want]
    r = dict(l)
    if l["exp"] == "neg":
        r["outcome"] = "FP" if ov else "TN"
        r["got"] = sorted({tname(f) for _, f in ov})
    else:
        if good:
            r["outcome"] = "TP"
            loc = good[0]["location"]
            if "offset" in loc and "start" in l:
                s, e = min(x["location"]["offset"] for x in good), max(x["location"]["offset"] + x["location"]["length"] for x in good)
                if s > l["start"] or e < l["end"]:
                    r["partial"] = ftext(l["file"])[s:e].decode(errors="replace")
        else:
            r["outcome"] = "FN"
        r["got"] = sorted({tname(f) for _, f in ov})
        if r["outcome"] == "TP" and l["cat"] == "natid":
            r["natid_entity"] = sorted({tname(f) for f in good})
    res.append(r)

with open(os.path.join(os.path.dirname(a.json_out), "results.jsonl"), "w") as fh:
    for r in res: fh.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
FAM = {"csv": "csv", "csv.gz": "csv", "csv_semicolon": "csv", "csv_bom_crlf": "csv", "tsv": "csv", "utf16_tsv": "csv",
       "jsonl": "json", "json": "json", "jsonl_chat": "json", "jsonl_numbers": "json", "json_cfg": "json", "json_cfg2": "json",
       "parquet": "parquet", "parquet_typed": "parquet"}
def fam(fm): return FAM.get(fm, "text")
# ---------- tables
out = []
def P(*x): out.append(" ".join(str(y) for y in x))
pos = [r for r in res if r["exp"] == "pos"]
cats = sorted({r["cat"] for r in pos})
fmts = sorted({r["fmt"] for r in res})
P("== Recall by entity x file format (TP/total) ==")
P("%-12s" % "entity" + "".join("%13s" % f[:12] for f in fmts) + "%10s" % "ALL")
for c in cats:
    row = "%-12s" % c
    for fm in fmts:
        xs = [r for r in pos if r["cat"] == c and r["fmt"] == fm]
        row += "%13s" % ("%d/%d" % (sum(r["outcome"] == "TP" for r in xs), len(xs)) if xs else "-")
    xs = [r for r in pos if r["cat"] == c]
    tp = sum(r["outcome"] == "TP" for r in xs)
    row += "%10s" % ("%.0f%%" % (100 * tp / len(xs)))
    P(row)
P()
P("== Recall by entity x format family (csv=csv/tsv/semicolon/bom/gz/utf16, json=json/jsonl, text=txt/log/eml/env/yaml/code) ==")
P("%-12s" % "entity" + "".join("%12s" % f for f in ["csv", "json", "parquet", "text"]) + "%10s" % "ALL")
for c in cats:
    row = "%-12s" % c
    for fm in ["csv", "json", "parquet", "text"]:
        xs = [r for r in pos if r["cat"] == c and fam(r["fmt"]) == fm]
        row += "%12s" % ("%d/%d" % (sum(r["outcome"] == "TP" for r in xs), len(xs)) if xs else "-")
    xs = [r for r in pos if r["cat"] == c]
    row += "%10s" % ("%.0f%%" % (100 * sum(r["outcome"] == "TP" for r in xs) / len(xs)))
    P(row)
P()
P("== Recall by entity x cue (column=named column, cue=cue word in text, sibling/eav=neighbouring key says type, none=bare) ==")
cues = ["column", "cue", "sibling", "eav", "none"]
P("%-12s" % "entity" + "".join("%10s" % c for c in cues))
for c in cats:
    row = "%-12s" % c
    for cu in cues:
        xs = [r for r in pos if r["cat"] == c and r["cue"] == cu]
        row += "%10s" % ("%d/%d" % (sum(r["outcome"] == "TP" for r in xs), len(xs)) if xs else "-")
    P(row)
P()
negs = [r for r in res if r["exp"] == "neg"]
P("== False positives on planted negatives by file format (FP/total) ==")
P("  ".join("%s %d/%d" % (fm, sum(r["outcome"] == "FP" for r in negs if r["fmt"] == fm), sum(1 for r in negs if r["fmt"] == fm)) for fm in fmts if any(r["fmt"] == fm for r in negs)))
P()
unpl = collections.defaultdict(list)
for fn, fi in files.items():
    for i, f in enumerate(fi["findings"]):
        if i not in used[fn]:
            loc = f["location"]
            ctx = ""
            if "offset" in loc:
                t = ftext(fn); ctx = t[max(0, loc["offset"] - 30):loc["offset"] + loc.get("length", 0) + 20].decode(errors="replace").replace("\n", "\\n")
                val = t[loc["offset"]:loc["offset"] + loc.get("length", 0)].decode(errors="replace")
            else:
                val = "row %s col %s" % (loc.get("row"), loc.get("column"))
            unpl[(tname(f), fn.split(".")[-1])].append((fn, val, ctx))
P("== FP by planted-negative form ==")
by = collections.defaultdict(list)
for r in negs: by[r["form"]].append(r)
for form, xs in sorted(by.items(), key=lambda kv: -sum(r["outcome"] == "FP" for r in kv[1])):
    fp = [r for r in xs if r["outcome"] == "FP"]
    if fp:
        P("  %-40s %d/%d  as %s  e.g. %s" % (form, len(fp), len(xs), sorted({g for r in fp for g in r["got"]}), " | ".join("%r (%s)" % (r["value"], r["file"]) for r in fp[:a.examples])))
P("  (forms with 0 FP: %s)" % ", ".join(sorted(f for f, xs in by.items() if not any(r["outcome"] == "FP" for r in xs))))
P()
P("== Findings on unlabelled text (not overlapping any planted value) ==")
for k, xs in sorted(unpl.items(), key=lambda kv: -len(kv[1])):
    P("  %-35s %3d  e.g. %s" % ("%s [%s]" % k, len(xs), " | ".join("%r in %s ctx=%r" % (v, fn, c) for fn, v, c in xs[:a.examples])))
P()
P("== Recall by entity/form (misses first; FN list) ==")
grp = collections.defaultdict(list)
for r in pos: grp[(r["cat"], r["form"], r["cue"])].append(r)
BYDESIGN_CATS = {"name", "dob", "address", "natid", "natid_extra", "phone", "us_ssn", "ip"}
rows = []
for k, xs in grp.items():
    fn = [r for r in xs if r["outcome"] == "FN"]
    rows.append((len(fn) / len(xs), k, xs, fn))
rows.sort(key=lambda t: (-t[0], t[1]))
for frac, k, xs, fn in rows:
    if not fn: continue
    bd = " [by-design candidate]" if k[2] == "none" and k[0] in BYDESIGN_CATS else ""
    P("  MISS %s/%s cue=%s: %d/%d missed%s" % (k[0], k[1], k[2], len(fn), len(xs), bd))
    for r in fn[:a.examples]:
        where = "%s@%s" % (r["file"], r.get("column") or r.get("start"))
        P("      %r  in %s  reported=%s" % (r["value"][:120], where, r["got"] or "nothing"))
P()
P("== Partial spans (detected but span does not cover the planted value) ==")
pg = collections.defaultdict(list)
for r in pos:
    if r.get("partial") is not None: pg[(r["cat"], r["form"])].append(r)
for k, xs in sorted(pg.items(), key=lambda kv: -len(kv[1])):
    P("  %s/%s: %d  e.g. %s" % (k[0], k[1], len(xs), " | ".join("planted %r -> reported %r" % (r["value"][:80], r["partial"][:80]) for r in xs[:3])))
P()
P("== Forms with 100% recall ==")
P("  " + ", ".join("%s/%s(%d)" % (k[0], k[1], len(xs)) for frac, k, xs, fn in sorted(rows, key=lambda t: t[1]) if not fn))
P()
P("== National-ID entity naming (TP) ==")
ne = collections.Counter()
for r in pos:
    if r.get("natid_entity"): ne[(r["form"].split("/")[0], tuple(r["natid_entity"]))] += 1
P("  " + ", ".join("%s->%s:%d" % (k[0], "+".join(k[1]), v) for k, v in sorted(ne.items())))
P()
anyl = [r for r in res if r["exp"] == "any"]
if anyl:
    P("== Info: values of uncertain validity (Faker phones failing libphonenumber) detected %d/%d ==" % (sum(bool(r["got"]) for r in anyl), len(anyl)))
tp = sum(r["outcome"] == "TP" for r in pos); fp = sum(r["outcome"] == "FP" for r in negs)
P("TOTAL recall %d/%d = %.1f%%, FP on planted negatives %d/%d, unlabelled findings %d" % (tp, len(pos), 100 * tp / len(pos), fp, len(negs), sum(len(v) for v in unpl.values())))
print("\n".join(out))
