#!/usr/bin/env python3
"""blind9: a "templated sentences" labelled evaluation set for a PII / secrets
scanner -- built the way presidio-evaluator, ai4privacy and most published PII
benchmarks build their test data: hand-written sentence TEMPLATES with slots
("My name is {name} and my SSN is {nid}", "Please ship to {addr}", "reach me on
{phone_typed}") filled with Faker / python-stdnum / phonenumbers values, stored
as presidio-style JSONL, ai4privacy-style JSONL + Parquet, plain text, CSV/TSV,
HuggingFace-datasets Parquet, CoNLL BIO text and a few long documents.

Usage:  python blind9_gen.py --seed N --out DIR [--quiet]
        (run with the data venv, /root/.cache/mlsec/data-venv/bin/python: needs
        faker, python-stdnum, phonenumbers and pyarrow; no network)

Writes 41 files (about 600 KB) into DIR plus DIR/labels.jsonl (about 7,400
labels, ~31% negative; every category has 200+ positives).  Byte-identical output per seed (every
random choice comes from random.Random seeded with "--seed + section name";
Faker instances are seeded from --seed; gzip mtime 0; the script re-executes
itself with PYTHONHASHSEED=0).  Runs in a few seconds.  At the end it re-reads
every file, asserts each label's bytes (and each Parquet cell), re-validates
every checksum / phone / e-mail / ip / mac positive (and every one-digit
negative) and prints counts per file and per category.  Shares no code with
blind1-8.

Templates: 430 distinct hand-written templates (ids = position in
TEMPLATE_TEXT, stable per script version; two of them hold only unlabelled
known test values): English (generic and pinned en_US / en_GB / en_IN / en_CA / en_AU)
and German, French, Spanish, Italian, Dutch, Portuguese (pt_BR, pt_PT),
Polish, Swedish, Danish, Finnish, Norwegian, Czech, Turkish, Japanese,
Chinese, Korean, Hindi, Arabic, Russian, Ukrainian.  First / third person,
Q&A, imperative, chat turns, e-mail bodies, "Field: value" lines, log lines,
lowercase notes, values at start / end, in quotes / parentheses, several
values per sentence, label-less slots, and PII-free sentences with hard
negatives only.

Label schema (the one blind4_score.py reads), one JSON object per line in
DIR/labels.jsonl:
  file        path relative to DIR
  value       exactly the text at the span (UTF-8); for Parquet the PII value
              (equal to the cell for whole-value cells such as
              privacy_mask.value / tokens, a substring of the cell for free-text
              cells such as source_text / sentence)
  category    name dob address national_id phone email iban card secret ip mac
  form        positives: <category>_<shape>_<locale>_t<template id>
              (e.g. phone_intl_de_DE_t188, national_id_dashed_en_US_t001);
              negatives: <category>_neg_<shape>_<kind>
              (e.g. national_id_neg_plain_onedigit_fr.nir, email_neg_plain_example_domain)
  positive    true = should be reported; false = hard negative
  span        [start, end) byte offsets (decompressed for .gz); null for Parquet
  line        1-based line of the span start; null for Parquet
  row,column  Parquet only: 0-based row, dotted column path with list levels
              left out (privacy_mask.value, tokens); at most one label per
              (file, row, column)
  validator   checksum labels: python-stdnum module ('fr.nir', 'iban',
              'luhn', ...; UK NINO uses 'gb.nino_rules' -- stdnum has no NINO
              module, the prefix/suffix rules are checked instead); on
              negatives the validator the value FAILS
  decoded     when the written bytes differ from the plain value (JSON \\uXXXX
              or \\n escapes): the plain value
  kind        negatives: why it is a negative (onedigit_<module>, example_domain,
              placeholder, masked, fictional_555, doc_range, version, uuid, ...)
  locale, template_id, where (which JSON field / CSV column it sits in)

Labelling policy:
  * name: the person's name exactly as written, titles (Mr., Herr, Mme, 様,
    先生, ...) outside the span; placeholder persons (John Doe, Max
    Mustermann, 山田太郎, ...), brands named after people (Wells Fargo, Hugo
    Boss, ...) and person-like city names are name negatives.
  * dob: positive only where the context says birth (born, DOB, geboren, né
    le, fecha de nacimiento, 生年月日, ...); other dates in the same formats
    and log timestamps are dob negatives.
  * address: the whole address span as written (street + number [+ postcode /
    city]); a bare street name used as a place (Wall Street, Washington
    Street) and placeholder addresses are negatives.
  * phone: positives are numbers phonenumbers calls valid for the locale's
    region, written as phonenumbers formats them or as people type them;
    negatives: one digit dropped/added (invalid), fictional ranges (US
    555-01xx, Ofcom drama, ACMA fictional -- negative even where phonenumbers
    calls them valid), placeholders, epoch timestamps, prices, 10-digit order
    numbers.
  * checksum categories (national_id, iban, card): positives validate with
    python-stdnum (Luhn for cards); negatives are one-digit mutations that fail
    their own validator AND every id / luhn / iban validator used here; known
    test values that validate (4111111111111111, DE89370400440532013000,
    123-45-6789, ...) are written but left unlabelled.  Masked / placeholder
    ids, tickets, tracking numbers, ISBNs, order numbers are negatives.
    National-id validators: us.ssn, gb.nino_rules, de.idnr, fr.nir, es.dni,
    es.nie, it.codicefiscale, nl.bsn, pl.pesel, se.personnummer, fi.hetu,
    dk.cpr, no.fodselsnummer, br.cpf, in_.aadhaar, cn.ric, tr.tckimlik, plus
    gb.nhs, ca.sin, au.tfn, pt.nif, cz.rc, jp.in_, kr.rrn, ru.inn, ua.rntrc
    (Arabic templates carry no national id).
  * Parquet files hold exactly one labelled value per text row (single-slot
    templates only), so a row/column finding is unambiguous.
  * email: example.com/.org/.net, *.test, *.invalid, masked and placeholder
    addresses are negatives.
  * ip: globally routable v4/v6 positive; documentation ranges, loopback,
    unspecified, broadcast and 4-part version strings negative; private
    ranges written but unlabelled.
  * mac: unicast device MACs positive; broadcast, multicast, all-zero negative.
  * secret: live-looking provider keys with random bodies of the right
    alphabet/length (AWS key id + secret, GitHub classic (with its CRC32
    checksum) and fine-grained PATs, Slack bot, Stripe live, OpenAI, Google
    API, SendGrid, Twilio, PEM private keys, JWTs, DB URLs with passwords,
    "password: ..." values); AWS documentation keys, jwt.io sample,
    placeholders, UUIDs, git SHAs and sha256 digests are negatives.
  * presidio JSONL: values are labelled in full_text AND in spans[].entity_value;
    negatives in full_text and masked; the {{PERSON}} placeholders are not
    labelled.  ai4privacy: source_text and privacy_mask[].value (positives),
    source_text and target_text (negatives); tokenised / span_labels are
    unlabelled.  CoNLL: only single-token values are labelled (the token on
    its line); multi-token values are unlabelled there.

Files
  presidio/synth_en.jsonl, presidio/synth_eu.jsonl,
  presidio/synth_multilang.jsonl (ensure_ascii), presidio/synth_asia_mena.jsonl
  (ensure_ascii), presidio/synth_mixed.jsonl.gz           presidio-evaluator style
  ai4privacy/english_pii.jsonl, ai4privacy/multilingual_pii.jsonl
  (ensure_ascii), ai4privacy/data/train-00000-of-00001.parquet,
  ai4privacy/data/validation-00000-of-00001.parquet       ai4privacy style
  sentences/<lang>.txt for en de fr es it nl pt pl sv da fi no cs tr ja zh ko
  hi ar ru uk                                             one sentence per line
  csv/pii_sentences.csv (id,text,lang; all quoted; embedded commas/newlines),
  csv/pii_sentences.tsv, csv/span_extraction.csv (id,before,value,after,
  entity,lang), csv/pii_sentences.csv.gz
  hf/pii-ner/train.parquet (id, sentence, tokens, ner_tags, lang),
  hf/conll2003_pii.txt                                    HF / CoNLL BIO
  docs/letter_en.txt, docs/discharge_summary_en.md, docs/incident_report.md,
  docs/email_thread_de.txt, docs/courrier_fr.md           long documents
"""
import os
import sys

if os.environ.get('PYTHONHASHSEED') != '0':
    os.environ['PYTHONHASHSEED'] = '0'
    os.execv(sys.executable, [sys.executable] + sys.argv)

import argparse
import base64
import bisect
import collections
import datetime
import gzip
import importlib
import ipaddress
import json
import random
import re
import string
import time
import unicodedata
import zlib

import phonenumbers as PN
import pyarrow as pa
import pyarrow.parquet as pq
from faker import Faker
from phonenumbers import PhoneNumberFormat as PNF
from phonenumbers import PhoneNumberType as PNT
from stdnum import isbn as std_isbn

T0 = time.time()
AP = argparse.ArgumentParser(description='blind9: templated-sentence PII benchmark generator')
AP.add_argument('--seed', type=int, required=True)
AP.add_argument('--out', required=True)
AP.add_argument('--quiet', action='store_true')
ARGS = AP.parse_args()
SEED = ARGS.seed
OUT = ARGS.out


def R(section):
    return random.Random('blind9:%d:%s' % (SEED, section))


# =====================================================================
# validators
# =====================================================================
class NinoRules:
    """UK National Insurance number prefix/suffix rules (stdnum has no NINO module)."""
    BAD = {'BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'}

    @staticmethod
    def is_valid(s):
        s = re.sub(r'\s', '', s).upper()
        m = re.fullmatch(r'([A-CEGHJ-PR-TW-Z])([A-CEGHJ-NPR-TW-Z])(\d{6})([A-D])', s)
        return bool(m) and (m.group(1) + m.group(2)) not in NinoRules.BAD


_VM = {}


def V(name):
    if name not in _VM:
        _VM[name] = NinoRules if name == 'gb.nino_rules' else importlib.import_module('stdnum.' + name)
    return _VM[name]


ID_MODULES = ['us.ssn', 'gb.nino_rules', 'gb.nhs', 'in_.aadhaar', 'ca.sin', 'au.tfn', 'de.idnr', 'fr.nir',
              'es.dni', 'es.nie', 'it.codicefiscale', 'nl.bsn', 'br.cpf', 'pt.nif', 'pl.pesel',
              'se.personnummer', 'dk.cpr', 'fi.hetu', 'no.fodselsnummer', 'cz.rc', 'tr.tckimlik',
              'jp.in_', 'cn.ric', 'kr.rrn', 'ru.inn', 'ua.rntrc']
ALL_VALIDATORS = ID_MODULES + ['luhn', 'iban']


def is_ok(name, s):
    try:
        return bool(V(name).is_valid(s))
    except Exception:
        return False


def valid_any(s):
    """Name of the first validator (of all used here) that accepts s or its compact forms, else None."""
    cands = []
    for c in (s, re.sub(r'[^0-9A-Za-z]', '', s).upper(), re.sub(r'\D', '', s)):
        if c and c not in cands:
            cands.append(c)
    for c in cands:
        for n in ALL_VALIDATORS:
            if is_ok(n, c):
                return n
    return None


# =====================================================================
# locales
# =====================================================================
LOCS = {
    'en_US': dict(lang='en', region='US', nid='us.ssn', dates='en_US'),
    'en_GB': dict(lang='en', region='GB', nid='gb.nino_rules', nid2='gb.nhs', dates='en_GB'),
    'en_IN': dict(lang='en', region='IN', nid='in_.aadhaar', dates='en_GB'),
    'en_CA': dict(lang='en', region='CA', nid='ca.sin', dates='en_US'),
    'en_AU': dict(lang='en', region='AU', nid='au.tfn', dates='en_GB'),
    'de_DE': dict(lang='de', region='DE', nid='de.idnr'),
    'fr_FR': dict(lang='fr', region='FR', nid='fr.nir'),
    'es_ES': dict(lang='es', region='ES', nid='es.dni', nid2='es.nie'),
    'it_IT': dict(lang='it', region='IT', nid='it.codicefiscale'),
    'nl_NL': dict(lang='nl', region='NL', nid='nl.bsn'),
    'pt_BR': dict(lang='pt', region='BR', nid='br.cpf'),
    'pt_PT': dict(lang='pt', region='PT', nid='pt.nif'),
    'pl_PL': dict(lang='pl', region='PL', nid='pl.pesel'),
    'sv_SE': dict(lang='sv', region='SE', nid='se.personnummer'),
    'da_DK': dict(lang='da', region='DK', nid='dk.cpr'),
    'fi_FI': dict(lang='fi', region='FI', nid='fi.hetu'),
    'no_NO': dict(lang='no', region='NO', nid='no.fodselsnummer'),
    'cs_CZ': dict(lang='cs', region='CZ', nid='cz.rc'),
    'tr_TR': dict(lang='tr', region='TR', nid='tr.tckimlik'),
    'ja_JP': dict(lang='ja', region='JP', nid='jp.in_'),
    'zh_CN': dict(lang='zh', region='CN', nid='cn.ric'),
    'ko_KR': dict(lang='ko', region='KR', nid='kr.rrn'),
    'hi_IN': dict(lang='hi', region='IN', nid='in_.aadhaar'),
    'ar_SA': dict(lang='ar', region='SA', nid=None),
    'ru_RU': dict(lang='ru', region='RU', nid='ru.inn'),
    'uk_UA': dict(lang='uk', region='UA', nid='ua.rntrc'),
}
KEY_LOCALES = {'en': [('en_US', 4), ('en_GB', 2), ('en_IN', 1), ('en_CA', 1), ('en_AU', 1)],
               'pt_BR': [('pt_BR', 1)], 'pt_PT': [('pt_PT', 1)]}
for _l in LOCS:
    KEY_LOCALES.setdefault(_l, [(_l, 1)])
    KEY_LOCALES.setdefault(_l.split('_')[0], [(_l, 1)]) if _l.split('_')[0] not in ('en', 'pt') else None
LANGS = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'pl', 'sv', 'da', 'fi', 'no', 'cs', 'tr', 'ja', 'zh', 'ko', 'hi', 'ar', 'ru', 'uk']

FK = {}
for _i, _l in enumerate(sorted(LOCS)):
    FK[_l] = Faker(_l)
    FK[_l].seed_instance(SEED * 1000 + _i)

# =====================================================================
# templates
# =====================================================================
TEMPLATE_TEXT = r'''
en_US|My name is {name} and my SSN is {nid}.
en_US|SSN: {nid}
en_US|ssn {nid} dob {dob} name {name_lc}
en_US|Applicant {name}, date of birth {dob}, SSN {nid}.
en_US|Please verify: {name} / {dob} / {nid}
en_US|Social Security number {xid} failed validation, please re-enter it.
en_US|For testing use {xssn_ph} or {tssn}, never a real SSN.
en_US|Last four of SSN on file: {xmask_id}
en_US|Call our office at {xfict} (that's a movie number, don't dial it).
en_US|Is my social {nid} safe with you guys?
en_GB|National Insurance number: {nid}
en_GB|Her NI number is {nid} and her NHS number is {nid2}.
en_GB|NHS no. {nid2} - pt seen in clinic today
en_GB|The NI number {xid} isn't valid, check the letters.
en_GB|You can ring me on {phone_nat} any time before 6.
en_GB|The number on the TV show was {xfict}.
en_IN|Aadhaar: {nid}
en_IN|Please link Aadhaar {nid} with mobile {phone}.
en_IN|Aadhaar number {xid} could not be verified.
en_CA|SIN {nid} on file for {name}.
en_AU|TFN: {nid}
en_AU|My tax file number is {nid}, can you update it?
en|Please ship the package to {addr}.
en|Call me at {phone} after 5pm.
en|{name} here, just confirming my appointment on {xdate}.
en|reach me on {phone_typed}
en|The patient, {name}, born {dob}, was admitted with chest pain.
en|Q: What is your date of birth? A: {dob}
en|Can you update my email to {email}? The old one was {xemail}.
en|Full name: {name}
en|Date of birth: {dob}
en|Email: {email} | Phone: {phone_intl}
en|my card number is {card} exp 09/27
en|Please refund to IBAN {iban}, account holder {name}.
en|Customer: hi my order {xorder} never arrived, my address is {addr}
en|Agent: Thanks {first}, could you confirm the phone number on file?\nCustomer: sure, it's {phone}
en|Customer: I need to change my email\nAgent: No problem, what's the new address?\nCustomer: {email}
en|[{xts}] INFO login ok user={email} ip={ip}
en|[{xts}] WARN failed login for {email} from {ip}
en|i live at {addr} pls send the form there
en|Send the contract to {name} ({email}).
en|"{name}" is the name on the account.
en|The account belongs to {name_lf}.
en|Dear {name}, your appointment is confirmed for {xdate}.
en|Wire {xprice} to {iban} by Friday.
en|Your verification code was sent to {phone_intl}.
en|Billing address: {addr}
en|Traffic on {xstreet} was terrible this morning.
en|I moved my savings from {xbrand} to a credit union.
en|Test user {xname} ({xemail}) was created by the seed script.
en|Example values only: SSN {xssn_ph}, phone {xph_phone}, email {xph_email}.
en|Card on file: {xmask_card}
en|AWS_ACCESS_KEY_ID={aws_id}
en|aws_secret_access_key = {aws_secret}
en|AWS creds for the backup job: {aws_id} / {aws_secret}
en|export GITHUB_TOKEN={ghp}
en|token: {ghfg}
en|SLACK_BOT_TOKEN="{slack}"
en|stripe.api_key = '{stripe}'
en|OPENAI_API_KEY={openai}
en|const apiKey = "{gapi}";
en|SENDGRID_API_KEY={sendgrid}
en|twilio api key {twilio} (rotate monthly)
en|Authorization: Bearer {jwt}
en|DATABASE_URL={dburl}
en|password: {pw}
en|the wifi password is {pw} btw
en|Use {xaws_ex} in the docs, never a real key.
en|API_KEY={xph_secret}
en|The jwt.io sample token {xjwt_ex} is fine for unit tests.
en|Request id {xuuid} completed in 42 ms.
en|Fixed in commit {xsha}.
en|sha256: {xsha256}
en|Upgraded the agent from {xver} to the latest build.
en|Server {ip} responded with 503.
en|Device MAC {mac} joined the network.
en|IPv6 address {ip6} was blocked by the firewall.
en|Traffic from {xip} is expected during the test.
en|Broadcast frames to {xmac} were dropped.
en|Tracking number: {xtrack}
en|Ticket {xticket} was escalated to tier 2.
en|The book (ISBN {xisbn}) costs {xprice}.
en|Invoice date {xdate}, total {xprice}.
en|DOB {dob}
en|pt born {dob} presents w/ cough x3 days
en|{name}, DOB {dob}, phone {phone}, address {addr}.
en|Is {phone} still the best number to reach you?
en|Why was my card {card} declined??
en|Could you confirm that your IBAN is {iban_c}?
en|{email} - please add to the mailing list
en|Contact {name} at {email} or {phone_intl}.
en|Emergency contact: {name} ({phone})
en|Mr. {last} will call back from {phone_nat}.
en|Dr. {name} signed the discharge summary on {xdate}.
en|Ms. {name} moved to {addr} last year.
en|Cardholder: {name_uc}
en|ACCOUNT HOLDER {name_uc} IBAN {iban}
en|user {email} changed password from ip {ip} at {xts}
en|New laptop {mac} assigned to {name}.
en|Here is the deploy key, keep it safe:\n{pem}
en|config: db_url: {dburl}
en|Please never share your full card number; we only show {xmask_card}.
en|Hi, it's {first}. Text me at {phone_typed} when you arrive.
en|{first} from accounting says the shared password is {pw}
en|My DOB is {dob}, not {xdate} as your letter says.
en|Date of birth ({dob}) and address ({addr}) must match your ID.
en|Sorry, wrong number, it's {phone} not {xphone}.
en|The {xcity} office is closed on Monday.
en|{xbrand} reported strong earnings; {name} will present the results.
en|Did {name} really move to {addr}?
en|The IBAN {xiban} is invalid, please check the digits.
en|card {xcard} was rejected (invalid number)
en|Your ID {xid} did not pass validation.
en|send it to {email}!!!
en|email me @ {email} thx
en|{phone_intl} is my whatsapp
en|Please call {name} on {phone} regarding order {xorder}.
en|Your package {xtrack} will be delivered on {xdate}.
en|A refund of {xprice} was issued to card {xmask_card}.
en|log: src={ip} dst={pip} mac={mac}
en|GET /api/v1/users?email={email} 200 31ms
en|Connecting to {dburl} ... done
en|curl -H "Authorization: token {ghp}" https://api.github.com/user
en|her name is {name_lc} and she lives at {addr}
en|patient {name_lc} dob {dob} allergic to penicillin
en|the number is {card_plain}
en|IBAN: {iban} (BIC on request)
en|Reminder: quarterly review on {xdate} with the {xbrand} team.
en|Born on {dob}, {name} grew up near {xcity}.
en|Do you have {name}'s number? I think it's {phone}.
en|Version {xver} fixes the login bug.
en|No personal data here: order {xorder}, ticket {xticket}, build {xver}.
en|Customer {name} asked to be called at {phone} or emailed at {email}.
en|Transfer {xprice} from {iban} to {iban_c} today.
en|Address on the letter:\n{addr_ml}
en|{street}
en|Deliver to {street} - leave it at the back door
en|Name: {name}\nDOB: {dob}\nPhone: {phone}\nEmail: {email}
en|Your card ending {xmask_card} will expire soon.
en|He was born {dob} and married on {xdate}.
en|What's the postcode for {addr}?
en|Who is {name}?
en|Last login: {xts} from {ip6}
en|mac={mac} vendor=unknown state=up
en|Sample card for the sandbox: {tcard}
en|Test IBAN {tiban} only works in the demo environment.
en|Our support line {xph_phone} is shown in the docs.
en|Placeholder address {xph_addr} must be replaced.
en|The form shows {xmask_email} as the masked address.
en|Masked IBAN: {xmask_iban}
en|Timestamp {xepoch} (unix epoch) was logged.
en|Order {xorder} total {xprice}
en|Watched a documentary about {xstreet} last night.
en|{xname} is the usual placeholder in our docs.
en|ID: {xuuid}
en|checksum {xsha256}
en|ip {xip} is reserved for documentation
en|The router at {pip} forwards to {ip}.
en|Build {xver} was tagged in commit {xsha}.
en|Kindly send the statement to {name}, {addr}.
en|FWD: from {name} <{email}>
en|{name} (born {dob}) is listed as the beneficiary.
en|what is {first}s email again? {email} i think
en|Pay with card {card} or transfer to {iban_c}, whichever is easier.
en|sk key leaked in slack: {stripe}
en|Shipping label for {name_uc}, {addr}
en|Please remove {email} from all lists.
en|Our {xbrand} rep, {name}, will follow up.
en|born in {xcity} on {dob}
en|Login from new device {mac} at {ip6}
en|{xname} and {xname} are sample names, not customers.
en|arp: {ip} is-at {mac}
en|Blocked device {mac} (owner: {name}).
en|STP frames to {xmac} ignored; host {mac} is fine.
en|Please use {xemail} in screenshots, not {email}.
en|Returned mail: {xemail} does not exist
en|The sample address {xph_addr} appears in every tutorial.
en|Meet me at the corner of {xstreet} and 5th.
en|IBAN {xmask_iban} (masked) belongs to {name}.
en|Checksum failed for IBAN {xiban}; card {xcard} also failed.
en|Gift card {xorder} has a balance of {xprice}.
en|pay to {iban} or card {card}
en|card: {card_plain} cvv: ***
en|Visa {card} / exp 11/29 / name {name_uc}
en|wlan0 HWaddr {mac} inet {pip}
en|multicast group {xmac} joined by {mac}
en|DHCP lease for {mac} renewed
en|Allowed origin {ip} added to the firewall allow-list.
en|nginx: {ip} - - [{xts}] "GET /account HTTP/1.1" 200
en|Geo lookup for {ip6}: no match
de|Mein Name ist {name} und ich wohne in {addr}.
de|Geboren am {dob} in Hamburg.
de|Bitte überweisen Sie den Betrag auf das Konto {iban} (Kontoinhaber: {name}).
de|Rufen Sie mich unter {phone} an.
de|Steuer-ID: {nid}
de|Herr {last} ist unter {email} erreichbar.
de|Frau {name}, geb. {dob}, wohnhaft {addr}
de|Ihre Bestellung {xorder} wurde am {xdate} versandt.
de|Die Steuer-ID {xid} ist leider ungültig.
de|Kreditkarte: {card}, gültig bis 12/28
de|Beispielkunde: {xname}, bitte nicht löschen.
de|meine handynummer ist {phone_typed}
de|Geburtsdatum: {dob}
de|Kunde: Hallo, ich heiße {name} und brauche eine neue Rechnung.\nAgent: Gern, an welche E-Mail-Adresse?\nKunde: {email}
de|IBAN {iban_c} (bitte prüfen)
de|Ihr Termin am {xdate} wurde bestätigt.
de|Telefon: {phone_intl}
de|Wohnort: {addr}
de|Die IBAN {xiban} enthält einen Tippfehler.
de|Lieferadresse:\n{addr_ml}
fr|Je m'appelle {name}, né le {dob} à Lyon.
fr|Mon numéro de sécurité sociale est le {nid}.
fr|Veuillez contacter Mme {last} au {phone}.
fr|Adresse : {addr}
fr|Merci de virer le montant sur l'IBAN {iban}.
fr|Le client {name} ({email}) a demandé un remboursement.
fr|Votre rendez-vous est fixé au {xdate} à 14h.
fr|Numéro de sécu invalide : {xid}
fr|Date de naissance : {dob}
fr|appelez moi au {phone_typed} svp
fr|Carte bancaire n° {card}
fr|« {name} » est le titulaire du compte.
fr|Exemple : {xname} n'est pas un vrai client.
fr|Courriel : {email}
es|Me llamo {name} y mi DNI es {nid}.
es|Fecha de nacimiento: {dob}
es|Puede llamarme al {phone} por la tarde.
es|Dirección de envío: {addr}
es|Mi NIE es {nid2}.
es|El pago se hará a la cuenta {iban}.
es|Escríbeme a {email}, por favor.
es|Su pedido {xorder} llegará el {xdate}.
es|El DNI {xid} no es válido.
es|¿Es {phone_intl} su número de móvil?
es|Nació el {dob} en Sevilla.
es|Titular: {name_uc}
it|Mi chiamo {name}, nato il {dob}.
it|Codice fiscale: {nid}
it|Chiamami al {phone} dopo le 18.
it|Indirizzo di residenza: {addr}
it|Data di nascita {dob}, luogo di nascita Roma.
it|IBAN per il rimborso: {iban}
it|Il sig. {last} ha scritto da {email}.
it|Codice fiscale errato: {xid}
it|La fattura del {xdate} è stata pagata.
it|cell {phone_typed}
nl|Mijn naam is {name} en mijn BSN is {nid}.
nl|Geboortedatum: {dob}
nl|Bel me op {phone}.
nl|Woonadres: {addr}
nl|Graag overmaken naar {iban} t.n.v. {name}.
nl|Mail naar {email} voor vragen.
nl|Uw bestelling {xorder} wordt op {xdate} bezorgd.
nl|BSN {xid} is ongeldig.
nl|geboren op {dob} te Utrecht
nl|Contactpersoon: dhr. {name}
pt_BR|Meu nome é {name} e meu CPF é {nid}.
pt_BR|Data de nascimento: {dob}
pt_BR|Me liga no {phone}!
pt_BR|Endereço: {addr}
pt_BR|CPF inválido: {xid}
pt_BR|Pode mandar pro meu e-mail {email}?
pt_BR|Nasceu em {dob}, segundo o cadastro.
pt_BR|O cartão {card} foi recusado?
pt_BR|Pedido {xorder} entregue em {xdate}.
pt_PT|Chamo-me {name} e nasci a {dob}.
pt_PT|NIF: {nid}
pt_PT|Ligue para o {phone}, por favor.
pt_PT|Morada: {addr}
pt_PT|IBAN {iban}
pt_PT|O NIF {xid} não é válido.
pt_PT|Email: {email}
pl|Nazywam się {name}, mój PESEL to {nid}.
pl|Data urodzenia: {dob}
pl|Proszę dzwonić pod numer {phone}.
pl|Adres zamieszkania: {addr}
pl|Przelew na konto {iban}
pl|Pan {last} napisał z adresu {email}.
pl|PESEL {xid} jest nieprawidłowy.
pl|Zamówienie {xorder} zostanie dostarczone {xdate}.
pl|urodzony {dob} w Krakowie
sv|Jag heter {name} och mitt personnummer är {nid}.
sv|Född {dob}
sv|Ring mig på {phone}.
sv|Adress: {addr}
sv|Betala till {iban}
sv|Mejla {email} om du har frågor.
sv|Personnumret {xid} är ogiltigt.
sv|Mötet är den {xdate}.
da|Mit navn er {name}, CPR-nr. {nid}.
da|Født den {dob}
da|Ring til mig på {phone}.
da|Adresse: {addr}
da|Overfør beløbet til {iban}.
da|Skriv til {email}
da|CPR-nummeret {xid} er ugyldigt.
fi|Nimeni on {name} ja henkilötunnukseni on {nid}.
fi|Syntynyt {dob}
fi|Soita minulle numeroon {phone}.
fi|Osoite: {addr}
fi|Tilinumero {iban}
fi|Sähköposti: {email}
fi|Henkilötunnus {xid} on virheellinen.
no|Jeg heter {name}, fødselsnummer {nid}.
no|Født {dob}
no|Ring meg på {phone}.
no|Bostedsadresse: {addr}
no|Kontonummer (IBAN): {iban}
no|E-post: {email}
no|Fødselsnummeret {xid} er ugyldig.
cs|Jmenuji se {name}, rodné číslo {nid}.
cs|Datum narození: {dob}
cs|Zavolejte mi na {phone}.
cs|Adresa: {addr}
cs|Platbu pošlete na {iban}.
cs|Pište na {email}
cs|Rodné číslo {xid} není platné.
tr|Adım {name}, T.C. kimlik numaram {nid}.
tr|Doğum tarihi: {dob}
tr|Beni {phone} numarasından arayabilirsiniz.
tr|Adres: {addr}
tr|IBAN: {iban}
tr|E-posta adresim {email}
tr|Kimlik numarası {xid} geçersiz.
tr|Siparişiniz {xorder} {xdate} tarihinde kargoya verildi.
ja|私の名前は{name}です。生年月日は{dob}です。
ja|マイナンバー：{nid}
ja|電話番号は{phone}です。
ja|住所：{addr}
ja|{name}様、ご注文{xorder}を発送しました。
ja|メールアドレス：{email}
ja|カード番号 {card} は使用できません。
ja|次回の予約は{xdate}です。
zh|我叫{name}，身份证号是{nid}。
zh|出生日期：{dob}
zh|请拨打{phone}联系我。
zh|收货地址：{addr}
zh|邮箱：{email}
zh|{name}先生的银行卡号是{card}。
zh|身份证号{xid}校验失败。
zh|订单{xorder}已于{xdate}发货。
ko|제 이름은 {name}이고 주민등록번호는 {nid}입니다.
ko|생년월일: {dob}
ko|{phone}로 연락 주세요.
ko|주소: {addr}
ko|이메일: {email}
ko|{name}님, 주문 {xorder}이 발송되었습니다.
ko|주민등록번호 {xid}는 유효하지 않습니다.
hi|मेरा नाम {name} है और मेरा आधार नंबर {nid} है।
hi|जन्म तिथि: {dob}
hi|मुझे {phone} पर कॉल करें।
hi|पता: {addr}
hi|ईमेल: {email}
hi|{name} का जन्म {dob} को हुआ था।
hi|आधार संख्या {xid} अमान्य है।
ar|اسمي {name} ورقم هاتفي {phone}.
ar|تاريخ الميلاد: {dob}
ar|العنوان: {addr}
ar|البريد الإلكتروني: {email}
ar|رقم الآيبان: {iban}
ar|ولد {name} في {dob}.
ar|موعدك القادم في {xdate}.
ru|Меня зовут {name}, мой ИНН {nid}.
ru|Дата рождения: {dob}
ru|Позвоните мне по номеру {phone}.
ru|Адрес: {addr}
ru|Электронная почта: {email}
ru|Родился {dob} в Москве.
ru|ИНН {xid} не прошёл проверку.
ru|Заказ {xorder} будет доставлен {xdate}.
uk|Мене звати {name}, мій РНОКПП {nid}.
uk|Дата народження: {dob}
uk|Зателефонуйте мені за номером {phone}.
uk|Адреса: {addr}
uk|Електронна пошта: {email}
uk|Народилася {dob} у Києві.
uk|РНОКПП {xid} недійсний.
de|Bitte verwenden Sie in Beispielen {xemail} statt echter Adressen.
de|Musteradresse: {xph_addr}
de|Karte {xmask_card} wurde belastet.
de|Passwort: {pw}
de|Gerät {mac} hat sich im WLAN angemeldet.
fr|Exemple d'adresse : {xemail}
fr|Carte {xmask_card} débitée de {xprice}.
fr|L'IBAN {xiban} est erroné.
fr|mot de passe : {pw}
es|Correo de prueba: {xemail}
es|La tarjeta {xcard} no es válida.
es|IBAN incorrecto: {xiban}
es|Tarjeta: {card}
es|contraseña: {pw}
it|Email di esempio: {xemail}
it|IBAN {xiban} non valido
it|Carta di credito {card}
nl|Voorbeeld-e-mail: {xemail}
nl|IBAN {xiban} klopt niet.
nl|Creditcard: {card}
pt_BR|E-mail de teste: {xemail}
pt_BR|Senha do wi-fi: {pw}
pt_PT|Exemplo: {xname}, {xemail}
pl|Przykładowy e-mail: {xemail}
pl|Numer konta {xiban} jest błędny.
pl|Karta {card}
sv|Exempel: {xname}, {xemail}
da|Eksempel: {xname}, {xemail}
fi|Esimerkki: {xname}, {xemail}
no|Eksempel på testdata: {xname}, {xemail}
cs|Příklad: {xname}, {xemail}
tr|Örnek: {xname}, {xemail}
tr|Kart numarası: {card}
ja|例：{xname}（{xemail}）
ja|MACアドレス：{mac}
ja|パスワード：{pw}
zh|示例：{xname}，{xemail}
zh|设备MAC地址{mac}已上线。
ko|예시: {xname}, {xph_phone}
ko|카드번호: {card}
hi|उदाहरण: {xname}, {xemail}
hi|कार्ड नंबर: {card}
ar|مثال: {xemail}
ar|رقم البطاقة: {card}
ru|Пример: {xname}, {xemail}
ru|Номер карты: {card}
ru|MAC-адрес устройства: {mac}
ru|Пароль: {pw}
uk|Приклад: {xname}, {xemail}
uk|Номер картки: {card}
de|Zugriff von IP {ip} blockiert.
ru|Вход с IP-адреса {ip}.
ja|接続元IPアドレス：{ip}
'''

SLOT_RE = re.compile(r'\{([a-z0-9_]+)\}')
UNLABELLED_SLOTS = {'tcard', 'tiban', 'tssn', 'pip'}
ML_SLOTS = {'addr_ml', 'pem'}


class Tpl:
    def __init__(self, tid, key, text):
        self.tid, self.key, self.text = tid, key, text
        self.lang = key.split('_')[0]
        self.slots = SLOT_RE.findall(text)
        self.nl = '\n' in text
        self.ml = bool(set(self.slots) & ML_SLOTS)
        self.test = bool(set(self.slots) & UNLABELLED_SLOTS)
        self.nlab = sum(1 for s in self.slots if s not in UNLABELLED_SLOTS)


TEMPLATES = []
for _line in TEMPLATE_TEXT.strip('\n').split('\n'):
    _k, _t = _line.split('|', 1)
    TEMPLATES.append(Tpl(len(TEMPLATES) + 1, _k, _t.replace('\\n', '\n')))
assert len({t.text for t in TEMPLATES}) == len(TEMPLATES) >= 250, len(TEMPLATES)
BY_LANG = collections.defaultdict(list)
for _t in TEMPLATES:
    BY_LANG[_t.lang].append(_t)


# =====================================================================
# value model
# =====================================================================
class Val:
    __slots__ = ('text', 'cat', 'pos', 'shape', 'kind', 'validator', 'ent', 'tag', 'loc', 'tid')

    def __init__(self, text, cat, pos, shape, kind=None, validator=None, ent=None, tag=None):
        assert '"' not in text and '\\' not in text and '\t' not in text and '\r' not in text, text
        self.text, self.cat, self.pos, self.shape, self.kind = text, cat, pos, shape, kind
        self.validator, self.ent, self.tag = validator, ent, tag
        self.loc = self.tid = None

    def form(self):
        if self.pos:
            return '%s_%s_%s_t%03d' % (self.cat, self.shape, self.loc, self.tid)
        return '%s_neg_%s_%s' % (self.cat, self.shape, self.kind)


def rdig(rng, n):
    return ''.join(rng.choice('0123456789') for _ in range(n))


def rstr(rng, alphabet, n):
    return ''.join(rng.choice(alphabet) for _ in range(n))


ALNUM = string.ascii_letters + string.digits
B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
B64 = string.ascii_letters + string.digits + '+/'
B64U = string.ascii_letters + string.digits + '-_'
HEX = '0123456789abcdef'


def rand_date(rng, y0, y1):
    a = datetime.date(y0, 1, 1).toordinal()
    b = datetime.date(y1, 12, 31).toordinal()
    return datetime.date.fromordinal(rng.randint(a, b))


# ---------------------------------------------------------------- dates
MONTHS = {
    'en': 'January February March April May June July August September October November December',
    'de': 'Januar Februar März April Mai Juni Juli August September Oktober November Dezember',
    'fr': 'janvier février mars avril mai juin juillet août septembre octobre novembre décembre',
    'es': 'enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre',
    'it': 'gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre',
    'nl': 'januari februari maart april mei juni juli augustus september oktober november december',
    'pt': 'janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro',
    'pl': 'stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia',
    'sv': 'januari februari mars april maj juni juli augusti september oktober november december',
    'da': 'januar februar marts april maj juni juli august september oktober november december',
    'fi': 'tammikuuta helmikuuta maaliskuuta huhtikuuta toukokuuta kesäkuuta heinäkuuta elokuuta syyskuuta lokakuuta marraskuuta joulukuuta',
    'no': 'januar februar mars april mai juni juli august september oktober november desember',
    'cs': 'ledna února března dubna května června července srpna září října listopadu prosince',
    'tr': 'Ocak Şubat Mart Nisan Mayıs Haziran Temmuz Ağustos Eylül Ekim Kasım Aralık',
    'hi': 'जनवरी फ़रवरी मार्च अप्रैल मई जून जुलाई अगस्त सितंबर अक्टूबर नवंबर दिसंबर',
    'ar': 'يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر',
    'ru': 'января февраля марта апреля мая июня июля августа сентября октября ноября декабря',
    'uk': 'січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня',
}
MONTHS = {k: v.split() for k, v in MONTHS.items()}


def ordsuf(d):
    return 'th' if 11 <= d % 100 <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(d % 10, 'th')


def date_forms(loc, dt):
    y, m, d = dt.year, dt.month, dt.day
    key = LOCS[loc].get('dates') or LOCS[loc]['lang']
    M = MONTHS.get(key.split('_')[0], MONTHS['en'])
    Mn = M[m - 1]
    iso = ('iso', '%04d-%02d-%02d' % (y, m, d))
    dmy_slash = ('dmy_slash', '%02d/%02d/%d' % (d, m, y))
    dmy_dot = ('dmy_dot', '%02d.%02d.%d' % (d, m, y))
    dmy_dash = ('dmy_dash', '%02d-%02d-%d' % (d, m, y))
    dmn = ('d_month_y', '%d %s %d' % (d, Mn, y))
    dpmn = ('d_month_y', '%d. %s %d' % (d, Mn, y))
    F = {
        'en_US': [('mdy_slash', '%02d/%02d/%d' % (m, d, y)), ('mdy_short', '%d/%d/%d' % (m, d, y)),
                  ('month_d_y', '%s %d, %d' % (Mn, d, y)), ('mon_d_y', '%s %d %d' % (Mn[:3], d, y)), iso],
        'en_GB': [dmy_slash, dmn, ('dth_month_y', '%d%s %s %d' % (d, ordsuf(d), Mn, y)),
                  ('d_mon_y', '%02d-%s-%d' % (d, Mn[:3], y)), iso],
        'de': [dmy_dot, ('dmy_dot_short', '%d.%d.%d' % (d, m, y)), dpmn, iso],
        'fr': [dmy_slash, ('d_month_y', '%s %s %d' % ('1er' if d == 1 else str(d), Mn, y))],
        'es': [dmy_slash, ('d_de_month_de_y', '%d de %s de %d' % (d, Mn, y)), dmy_dash],
        'it': [dmy_slash, dmn],
        'nl': [dmy_dash, dmn],
        'pt': [dmy_slash, ('d_de_month_de_y', '%d de %s de %d' % (d, Mn, y))],
        'pl': [dmy_dot, ('d_month_y_r', '%d %s %d r.' % (d, Mn, y)), iso],
        'sv': [iso, dmn],
        'da': [dmy_dash, dpmn, dmy_dot],
        'fi': [('dmy_dot_short', '%d.%d.%d' % (d, m, y)), dpmn],
        'no': [dmy_dot, dpmn],
        'cs': [('dmy_dot_sp', '%d. %d. %d' % (d, m, y)), dpmn, dmy_dot],
        'tr': [dmy_dot, dmn],
        'ja': [('kanji', '%d年%d月%d日' % (y, m, d)), ('ymd_slash', '%d/%02d/%02d' % (y, m, d))],
        'zh': [('kanji', '%d年%d月%d日' % (y, m, d)), iso],
        'ko': [('hangul', '%d년 %d월 %d일' % (y, m, d)), ('ymd_dot', '%d.%02d.%02d' % (y, m, d))],
        'hi': [dmn, dmy_slash, dmy_dash],
        'ar': [dmn, dmy_slash],
        'ru': [dmy_dot, ('d_month_y_g', '%d %s %d г.' % (d, Mn, y))],
        'uk': [dmy_dot, ('d_month_y_r', '%d %s %d р.' % (d, Mn, y))],
    }
    return F[key]


# ---------------------------------------------------------------- names
PLACEHOLDER_NAMES = {
    'en': ['John Doe', 'Jane Doe', 'Joe Bloggs', 'Richard Roe', 'John Q. Public', 'Jane Roe'],
    'de': ['Max Mustermann', 'Erika Mustermann'], 'fr': ['Jean Dupont', 'Marie Dupont'],
    'es': ['Fulano de Tal', 'Juan Pérez'], 'it': ['Mario Rossi'], 'nl': ['Jan Jansen'],
    'pt': ['Fulano de Tal', 'Beltrano de Tal'], 'pl': ['Jan Kowalski'], 'sv': ['Sven Svensson'],
    'da': ['Jens Hansen'], 'fi': ['Matti Meikäläinen'], 'no': ['Ola Nordmann', 'Kari Nordmann'],
    'cs': ['Jan Novák'], 'tr': ['Ali Veli'], 'ja': ['山田太郎', '山田花子'], 'zh': ['张三', '李四'],
    'ko': ['홍길동'], 'hi': ['राम लाल'], 'ar': ['فلان الفلاني'], 'ru': ['Иван Иванов', 'Иванов Иван Иванович'],
    'uk': ['Іван Іваненко'],
}
ALL_PLACEHOLDER_NAMES = {n for v in PLACEHOLDER_NAMES.values() for n in v}
BRANDS = ['Wells Fargo', 'Ford', 'Morgan Stanley', 'Johnson & Johnson', 'Ralph Lauren', 'Calvin Klein',
          'Hugo Boss', 'Tommy Hilfiger', 'Louis Vuitton', 'Charles Schwab', 'Merrill Lynch', 'Paul Smith',
          'Ted Baker', 'Marks & Spencer', 'Ernst & Young', 'Tim Hortons', 'Dr. Martens', 'Giorgio Armani',
          'Christian Dior', 'Robert Bosch', 'Carl Zeiss', 'Goldman Sachs', 'Jack Daniel\'s', 'Ben & Jerry\'s']
CITIES = ['Florence', 'Austin', 'Jackson', 'Charlotte', 'Victoria', 'Lincoln', 'Madison', 'Denver', 'Chelsea', 'Sydney']
STREETS = ['Washington Street', 'Wall Street', 'Main Street', 'Baker Street', 'Sesame Street', 'Abbey Road',
           'Penny Lane', 'Fleet Street', 'Downing Street', 'Bourbon Street', 'Coronation Street']
PLACEHOLDER_ADDRS = ['123 Main St, Anytown, USA', '1234 Elm Street, Springfield', '123 Fake Street',
                     'Musterstraße 1, 12345 Musterstadt', '1 Example Road, Sampletown', '742 Evergreen Terrace, Springfield']


def fold(s):
    return ''.join(c for c in unicodedata.normalize('NFKD', s) if not unicodedata.combining(c)).encode('ascii', 'ignore').decode()


def persona(ctx):
    if 'persona' in ctx:
        return ctx['persona']
    rng, fk, loc = ctx['rng'], ctx['fk'], ctx['loc']
    lang = LOCS[loc]['lang']
    for _ in range(50):
        g = ctx.get('gender') or rng.choice(['male', 'female'])
        first = getattr(fk, 'first_name_' + g)()
        last = getattr(fk, 'last_name_' + g)() if hasattr(fk, 'last_name_' + g) else fk.last_name()
        if lang == 'ja':
            full = last + rng.choice(['', ' ', '\u3000'][:2]) + first
        elif lang in ('zh', 'ko'):
            full = last + first
        elif lang in ('ru', 'uk') and rng.random() < 0.4 and hasattr(fk, 'middle_name_' + g):
            full = '%s %s %s' % (last, first, getattr(fk, 'middle_name_' + g)())
        else:
            full = first + ' ' + last
        if full in ALL_PLACEHOLDER_NAMES or '"' in full or (len(first) < 2 and lang not in ('zh', 'ja', 'ko')):
            continue
        ctx['persona'] = dict(first=first, last=last, full=full)
        return ctx['persona']
    raise RuntimeError('persona')


# ---------------------------------------------------------------- addresses
TR_MAH = ['Atatürk', 'Cumhuriyet', 'Yenimahalle', 'Fatih', 'Bahçelievler', 'Kültür', 'Esentepe', 'Gazi', 'Barbaros', 'İnönü']
TR_CITY = [('İstanbul', 'Kadıköy'), ('Ankara', 'Çankaya'), ('İzmir', 'Karşıyaka'), ('Bursa', 'Nilüfer'),
           ('Antalya', 'Muratpaşa'), ('Konya', 'Selçuklu'), ('Adana', 'Seyhan'), ('Eskişehir', 'Tepebaşı')]
AR_STREET = ['الملك فهد', 'الأمير سلطان', 'العليا', 'التحلية', 'الملك عبدالعزيز', 'الأمير محمد بن عبدالعزيز', 'الستين', 'المدينة المنورة']
AR_DIST = ['النخيل', 'الملز', 'السليمانية', 'الروضة', 'العزيزية', 'الشاطئ', 'الحمراء', 'الربوة']
AR_CITY = ['الرياض', 'جدة', 'الدمام', 'مكة المكرمة', 'المدينة المنورة', 'الخبر', 'الطائف']
MILITARY = re.compile(r'\b(PSC|APO|FPO|DPO|USNS|USNV|USS|USCGC|Unit \d)')


def address_parts(ctx, street_only):
    rng, fk, loc = ctx['rng'], ctx['fk'], ctx['loc']
    if loc == 'tr_TR':
        st = '%s Mah. %s Sok. No:%d' % (rng.choice(TR_MAH), fk.last_name(), rng.randint(1, 180))
        if rng.random() < 0.5:
            st += ' D:%d' % rng.randint(1, 24)
        il, ilce = rng.choice(TR_CITY)
        return [st] if street_only else [st, '%05d %s/%s' % (rng.randint(1000, 81999), ilce, il)]
    if loc == 'ar_SA':
        st = '%d شارع %s' % (rng.randint(1, 9999), rng.choice(AR_STREET))
        return [st] if street_only else [st, 'حي ' + rng.choice(AR_DIST), '%s %05d' % (rng.choice(AR_CITY), rng.randint(11000, 34999))]
    for _ in range(50):
        if street_only and LOCS[loc]['lang'] not in ('ja', 'zh'):
            a = fk.street_address()
        else:
            a = fk.address()
        if MILITARY.search(a) or '"' in a:
            continue
        if street_only and not re.search(r'\d', a):
            continue
        return a.split('\n')
    raise RuntimeError('address')


def gen_address(ctx, mode):
    parts = address_parts(ctx, mode == 'street')
    lang = LOCS[ctx['loc']]['lang']
    if mode == 'ml' and len(parts) > 1:
        return Val('\n'.join(parts), 'address', True, 'multiline', ent='ADDRESS', tag='ADDRESS')
    sep = '، ' if lang == 'ar' else ('' if lang in ('ja', 'zh') else ', ')
    return Val(sep.join(parts), 'address', True, 'street' if mode == 'street' else 'line', ent='ADDRESS',
               tag='STREETADDRESS' if mode == 'street' else 'ADDRESS')


# ---------------------------------------------------------------- phones
def gen_phone_number(rng, region):
    for _ in range(400):
        t = rng.choice([PNT.MOBILE, PNT.FIXED_LINE])
        ex = PN.example_number_for_type(region, t)
        if ex is None:
            continue
        nsn = PN.national_significant_number(ex)
        keep = rng.choice([1, 2, 3]) if len(nsn) > 7 else 2
        cand = nsn[:keep] + rdig(rng, len(nsn) - keep)
        if cand == nsn:
            continue
        try:
            num = PN.parse('+%d%s' % (ex.country_code, cand))
        except PN.NumberParseException:
            continue
        if not PN.is_valid_number_for_region(num, region):
            continue
        if region in ('US', 'CA') and cand[3:6] == '555':
            continue
        return num
    raise RuntimeError('phone ' + region)


def phone_variants(num, region):
    intl = PN.format_number(num, PNF.INTERNATIONAL)
    nat = PN.format_number(num, PNF.NATIONAL)
    e164 = PN.format_number(num, PNF.E164)
    cc = num.country_code
    out = [('intl', intl), ('nat', nat), ('e164', e164),
           ('nat_compact', re.sub(r'[^\d+]', '', nat)),
           ('intl_dash', re.sub(r'[\s]+', '-', intl)),
           ('nat_dash', re.sub(r'[\s.]+', '-', nat.replace('(', '').replace(')', '')).strip('-')),
           ('nat_dot', re.sub(r'[\s-]+', '.', nat.replace('(', '').replace(')', '')).strip('.'))]
    if cc != 1:
        out.append(('intl_00', '00' + intl[1:]))
        out.append(('intl_paren0', intl.replace(' ', ' (0)', 1)) if region in ('GB', 'DE', 'AU', 'NL', 'CH') else ('intl_nospace_cc', '+%d %s' % (cc, PN.national_significant_number(num))))
    else:
        out.append(('intl_1dash', '1-' + re.sub(r'[\s.]+', '-', nat.replace('(', '').replace(')', ''))))
    good = []
    seen = set()
    for shape, s in out:
        if s in seen:
            continue
        try:
            n2 = PN.parse(s, region)
        except PN.NumberParseException:
            continue
        if PN.is_valid_number_for_region(n2, region) and n2.national_number == num.national_number and n2.country_code == cc:
            good.append((shape, s))
            seen.add(s)
    return good


PHONE_GROUPS = {'phone': None, 'phone_intl': ('intl', 'e164', 'intl_dash', 'intl_00', 'intl_paren0', 'intl_nospace_cc', 'intl_1dash'),
                'phone_nat': ('nat', 'nat_compact'), 'phone_typed': ('nat_compact', 'intl_dash', 'nat_dash', 'nat_dot', 'intl_00', 'intl_paren0', 'e164', 'intl_1dash')}


def gen_phone(ctx, slot):
    rng, region = ctx['rng'], LOCS[ctx['loc']]['region']
    num = gen_phone_number(rng, region)
    vs = phone_variants(num, region)
    grp = PHONE_GROUPS[slot]
    cands = [v for v in vs if grp is None or v[0] in grp] or vs
    shape, s = rng.choice(cands)
    return Val(s, 'phone', True, shape, ent='PHONE_NUMBER', tag='PHONENUMBER')


def phone_valid_in(s, region):
    try:
        return PN.is_valid_number_for_region(PN.parse(s, region), region)
    except PN.NumberParseException:
        return False


def gen_xphone(ctx):
    rng, region = ctx['rng'], LOCS[ctx['loc']]['region']
    for _ in range(200):
        num = gen_phone_number(rng, region)
        shape, s = rng.choice(phone_variants(num, region))
        digits = [i for i, c in enumerate(s) if c.isdigit()]
        i = rng.choice(digits[2:])
        if rng.random() < 0.5:
            s2, kind = s[:i] + s[i + 1:], 'onedigit_short'
        else:
            s2, kind = s[:i] + rng.choice('0123456789') + s[i:], 'onedigit_long'
        if not phone_valid_in(s2, region) and not phone_valid_in(s2, 'US') and valid_any(s2) is None:
            return Val(s2, 'phone', False, shape, kind=kind)
    raise RuntimeError('xphone')


US_AREAS = ['212', '213', '312', '415', '617', '702', '305', '404', '206', '512', '646', '720']


def gen_xfict(ctx):
    rng, loc = ctx['rng'], ctx['loc']
    if loc == 'en_GB':
        s = rng.choice(['07700 900%03d' % rng.randint(0, 999), '020 7946 0%03d' % rng.randint(0, 999),
                        '0117 496 0%03d' % rng.randint(0, 999), '0161 496 0%03d' % rng.randint(0, 999)])
        return Val(s, 'phone', False, 'nat', kind='fictional_ofcom')
    if loc == 'en_AU':
        return Val('0491 570 %s' % rng.choice(['156', '157', '158', '159', '110', '313', '737']), 'phone', False, 'nat', kind='fictional_acma')
    a, x = rng.choice(US_AREAS), rng.randint(0, 99)
    s = rng.choice(['(%s) 555-01%02d' % (a, x), '%s-555-01%02d' % (a, x), '+1 %s 555 01%02d' % (a, x), '555-01%02d' % x])
    return Val(s, 'phone', False, 'nanp', kind='fictional_555')


PH_PHONES = ['<PHONE>', '(XXX) XXX-XXXX', '000-000-0000', '+1 (000) 000-0000', '[PHONE_NUMBER]', '+XX XXX XXX XXXX', '123-456-7890', '555-555-5555']


def gen_xph_phone(ctx):
    rng, region = ctx['rng'], LOCS[ctx['loc']]['region']
    for _ in range(50):
        s = rng.choice(PH_PHONES)
        if not phone_valid_in(s, region) and not phone_valid_in(s, 'US'):
            return Val(s, 'phone', False, 'placeholder', kind='placeholder')
    return Val('<PHONE>', 'phone', False, 'placeholder', kind='placeholder')


def gen_xepoch(ctx):
    rng, region = ctx['rng'], LOCS[ctx['loc']]['region']
    for _ in range(100):
        s = str(rng.randint(1500000000, 1790000000)) + (rdig(rng, 3) if rng.random() < 0.3 else '')
        if not any(phone_valid_in(s, r) for r in (region, 'US', 'GB')) and valid_any(s) is None:
            return Val(s, 'phone', False, 'digits%d' % len(s), kind='epoch')
    raise RuntimeError('epoch')


def gen_xprice(ctx):
    rng = ctx['rng']
    a = rng.randint(10, 999999)
    c = rng.randint(0, 99)
    f = rng.choice([('usd', '$%s.%02d' % ('{:,}'.format(a), c)), ('eur', '€ %s,%02d' % ('{:,}'.format(a).replace(',', '.'), c)),
                    ('rub', '%s ₽' % '{:,}'.format(a * 10).replace(',', ' ')), ('jpy', '¥%s' % '{:,}'.format(a * 100)),
                    ('pln', '%s,%02d zł' % ('{:,}'.format(a).replace(',', ' '), c)), ('brl', 'R$ %s,%02d' % ('{:,}'.format(a).replace(',', '.'), c)),
                    ('gbp', '£%d.%02d' % (a, c))])
    return Val(f[1], 'phone', False, 'price_' + f[0], kind='price')


# ---------------------------------------------------------------- email
BAD_EMAIL_DOMAIN = re.compile(r'(^|\.)(example\.(com|org|net)|test|invalid|example|localhost)$')


def gen_email(ctx):
    rng, fk, loc = ctx['rng'], ctx['fk'], ctx['loc']
    for _ in range(50):
        p = persona(ctx) if rng.random() < 0.5 else None
        if p and fold(p['first']).isalpha() and fold(p['last']).replace(' ', '').replace('-', '').isalpha() and fold(p['first']):
            f_, l_ = fold(p['first']).lower(), re.sub(r'[^a-z]', '', fold(p['last']).lower())
            local = rng.choice(['%s.%s' % (f_, l_), '%s%s' % (f_[0], l_), '%s_%s%d' % (f_, l_, rng.randint(1, 99)), '%s%d' % (f_, rng.randint(70, 2005))])
        else:
            local = fk.user_name()
        dom = fk.free_email_domain() if rng.random() < 0.6 else fk.domain_name()
        if not dom.isascii():
            dom = fk.free_email_domain()
        e = '%s@%s' % (local, dom)
        if not e.isascii() or BAD_EMAIL_DOMAIN.search(dom) or not re.fullmatch(r'[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}', e):
            continue
        shape = 'plain'
        if rng.random() < 0.08:
            e = e[0].upper() + e[1:]
            shape = 'capitalised'
        return Val(e, 'email', True, shape, ent='EMAIL_ADDRESS', tag='EMAIL')
    raise RuntimeError('email')


def gen_xemail(ctx):
    rng, fk = ctx['rng'], ctx['fk']
    local = fold(fk.user_name()) or 'user'
    c = rng.random()
    if c < 0.6:
        return Val('%s@%s' % (local, rng.choice(['example.com', 'example.org', 'example.net', 'mail.example.com'])), 'email', False, 'plain', kind='example_domain')
    if c < 0.85:
        return Val('%s@%s' % (local, rng.choice(['foo.test', 'corp.test', 'mail.invalid', 'nowhere.invalid'])), 'email', False, 'plain', kind='test_tld')
    return Val(rng.choice(['john.doe@example.com', 'jane.doe@example.org', 'user@example.com', 'someone@example.net']), 'email', False, 'plain', kind='placeholder')


def gen_xph_email(ctx):
    return Val(ctx['rng'].choice(['<EMAIL>', '[EMAIL_ADDRESS]', 'your.name@company.tld', '[email protected]', 'name@domain', 'user@host']),
               'email', False, 'placeholder', kind='placeholder')


def gen_xmask_email(ctx):
    rng = ctx['rng']
    e = gen_email(ctx).text
    local, dom = e.split('@')
    return Val('%s%s%s@%s' % (local[0], '*' * rng.randint(3, 6), local[-1] if len(local) > 2 else '', dom), 'email', False, 'masked', kind='masked')


# ---------------------------------------------------------------- national ids
def brute(rng, body_fn, k, mod):
    for _ in range(2000):
        body = body_fn()
        off = rng.randrange(10 ** k)
        for i in range(10 ** k):
            s = body + str((off + i) % 10 ** k).zfill(k)
            if is_ok(mod, s):
                return s
    raise RuntimeError(mod)


def birth(rng):
    return rand_date(rng, 1940, 2006)


def gen_id_compact(ctx, mod):
    rng, fk = ctx['rng'], ctx['fk']
    if mod == 'us.ssn':
        while True:
            a = rng.randint(1, 899)
            s = '%03d%02d%04d' % (a, rng.randint(1, 99), rng.randint(1, 9999))
            if a != 666 and s != '123456789' and is_ok(mod, s):
                return s
    if mod == 'gb.nino_rules':
        while True:
            s = rng.choice('ABCEGHJKLMNOPRSTWXYZ') + rng.choice('ABCEGHJKLMNPRSTWXYZ') + rdig(rng, 6) + rng.choice('ABCD')
            if is_ok(mod, s) and not s.startswith('QQ'):
                return s
    if mod == 'gb.nhs':
        return brute(rng, lambda: rng.choice('456') + rdig(rng, 8), 1, mod)
    if mod == 'in_.aadhaar':
        return brute(rng, lambda: rng.choice('23456789') + rdig(rng, 10), 1, mod)
    if mod == 'ca.sin':
        return brute(rng, lambda: rng.choice('1234567') + rdig(rng, 7), 1, mod)
    if mod == 'au.tfn':
        return brute(rng, lambda: rng.choice('123456789') + rdig(rng, 7), 1, mod)
    if mod == 'de.idnr':
        def body():
            while True:
                pool = rng.sample('0123456789', 9)
                lst = pool + [rng.choice(pool)]
                rng.shuffle(lst)
                if lst[0] != '0':
                    return ''.join(lst)
        return brute(rng, body, 1, mod)
    if mod == 'fr.nir':
        while True:
            dt = birth(rng)
            dept = rng.choice([x for x in range(1, 96) if x != 20])
            b = '%s%02d%02d%02d%03d%03d' % (rng.choice('12'), dt.year % 100, dt.month, dept, rng.randint(1, 990), rng.randint(1, 999))
            s = b + '%02d' % (97 - int(b) % 97)
            if is_ok(mod, s):
                return s
    if mod == 'es.dni':
        n = rng.randint(1000000, 99999999)
        return '%08d%s' % (n, 'TRWAGMYFPDXBNJZSQVHLCKE'[n % 23])
    if mod == 'es.nie':
        p = rng.choice('XYZ')
        n = rdig(rng, 7)
        return p + n + 'TRWAGMYFPDXBNJZSQVHLCKE'[int(str('XYZ'.index(p)) + n) % 23]
    if mod == 'it.codicefiscale':
        for _ in range(100):
            s = FK['it_IT'].ssn()
            if is_ok(mod, s):
                return s
        raise RuntimeError(mod)
    if mod == 'nl.bsn':
        return brute(rng, lambda: rng.choice('123456789') + rdig(rng, 7), 1, mod)
    if mod == 'br.cpf':
        return brute(rng, lambda: rdig(rng, 9), 2, mod)
    if mod == 'pt.nif':
        return brute(rng, lambda: rng.choice('123') + rdig(rng, 7), 1, mod)
    if mod == 'pl.pesel':
        def body():
            dt = birth(rng)
            return '%02d%02d%02d%s' % (dt.year % 100, dt.month + (20 if dt.year >= 2000 else 0), dt.day, rdig(rng, 4))
        return brute(rng, body, 1, mod)
    if mod == 'se.personnummer':
        def body():
            dt = birth(rng)
            return '%02d%02d%02d-%s' % (dt.year % 100, dt.month, dt.day, rdig(rng, 3))
        return brute(rng, body, 1, mod)
    if mod == 'dk.cpr':
        for _ in range(1000):
            dt = birth(rng)
            if dt.year < 1937 or dt.year > 2005:
                continue
            c7 = rng.choice('0123') if dt.year < 2000 else rng.choice('4')
            s = '%02d%02d%02d%s%s' % (dt.day, dt.month, dt.year % 100, c7, rdig(rng, 3))
            if is_ok(mod, s):
                return s
        raise RuntimeError(mod)
    if mod == 'fi.hetu':
        dt = birth(rng)
        z = '%03d' % rng.randint(2, 899)
        dd = '%02d%02d%02d' % (dt.day, dt.month, dt.year % 100)
        s = dd + ('-' if dt.year < 2000 else 'A') + z + '0123456789ABCDEFHJKLMNPRSTUVWXY'[int(dd + z) % 31]
        assert is_ok(mod, s), s
        return s
    if mod == 'no.fodselsnummer':
        def body():
            dt = birth(rng)
            ind = rng.randint(0, 499) if dt.year < 2000 else rng.randint(500, 999)
            return '%02d%02d%02d%03d' % (dt.day, dt.month, dt.year % 100, ind)
        return brute(rng, body, 2, mod)
    if mod == 'cz.rc':
        def body():
            dt = rand_date(rng, 1954, 2006)
            return '%02d%02d%02d%s' % (dt.year % 100, dt.month + rng.choice([0, 50]), dt.day, rdig(rng, 3))
        return brute(rng, body, 1, mod)
    if mod == 'tr.tckimlik':
        return brute(rng, lambda: rng.choice('123456789') + rdig(rng, 8), 2, mod)
    if mod == 'jp.in_':
        return brute(rng, lambda: rng.choice('123456789') + rdig(rng, 10), 1, mod)
    if mod in ('cn.ric', 'kr.rrn'):
        f = FK['zh_CN' if mod == 'cn.ric' else 'ko_KR']
        for _ in range(200):
            s = f.ssn().replace('-', '')
            if is_ok(mod, s):
                return s
        raise RuntimeError(mod)
    if mod == 'ru.inn':
        return brute(rng, lambda: '%02d' % rng.randint(1, 92) + rdig(rng, 8), 2, mod)
    if mod == 'ua.rntrc':
        return brute(rng, lambda: rng.choice('123') + rdig(rng, 8), 1, mod)
    raise KeyError(mod)


def id_forms(mod, c):
    """Printed forms of a compact id: list of (shape, text)."""
    g = lambda *parts: [c[a:b] for a, b in parts]
    F = {
        'us.ssn': [('dashed', '-'.join(g((0, 3), (3, 5), (5, 9)))), ('plain', c), ('spaced', ' '.join(g((0, 3), (3, 5), (5, 9))))],
        'gb.nino_rules': [('spaced', ' '.join(g((0, 2), (2, 4), (4, 6), (6, 8), (8, 9)))), ('plain', c)],
        'gb.nhs': [('spaced', ' '.join(g((0, 3), (3, 6), (6, 10)))), ('plain', c), ('dashed', '-'.join(g((0, 3), (3, 6), (6, 10))))],
        'in_.aadhaar': [('spaced', ' '.join(g((0, 4), (4, 8), (8, 12)))), ('plain', c), ('dashed', '-'.join(g((0, 4), (4, 8), (8, 12))))],
        'ca.sin': [('spaced', ' '.join(g((0, 3), (3, 6), (6, 9)))), ('dashed', '-'.join(g((0, 3), (3, 6), (6, 9)))), ('plain', c)],
        'au.tfn': [('spaced', ' '.join(g((0, 3), (3, 6), (6, 9)))), ('plain', c)],
        'de.idnr': [('spaced', ' '.join(g((0, 2), (2, 5), (5, 8), (8, 11)))), ('plain', c)],
        'fr.nir': [('spaced', ' '.join(g((0, 1), (1, 3), (3, 5), (5, 7), (7, 10), (10, 13), (13, 15)))), ('plain', c)],
        'es.dni': [('plain', c), ('dashed', c[:8] + '-' + c[8:])],
        'es.nie': [('plain', c), ('dashed', c[0] + '-' + c[1:8] + '-' + c[8:])],
        'it.codicefiscale': [('plain', c)],
        'nl.bsn': [('plain', c), ('dotted', '.'.join(g((0, 4), (4, 6), (6, 9))))],
        'br.cpf': [('dotted', '%s.%s.%s-%s' % tuple(g((0, 3), (3, 6), (6, 9), (9, 11)))), ('plain', c)],
        'pt.nif': [('plain', c), ('spaced', ' '.join(g((0, 3), (3, 6), (6, 9))))],
        'pl.pesel': [('plain', c)],
        'se.personnummer': [('dashed', c), ('plain', c.replace('-', '')), ('century_dashed', ('19' if c[7] == '-' else '20') + c)],
        'dk.cpr': [('dashed', c[:6] + '-' + c[6:]), ('plain', c)],
        'fi.hetu': [('plain', c)],
        'no.fodselsnummer': [('plain', c), ('spaced', c[:6] + ' ' + c[6:])],
        'cz.rc': [('slashed', c[:6] + '/' + c[6:]), ('plain', c)],
        'tr.tckimlik': [('plain', c)],
        'jp.in_': [('spaced', ' '.join(g((0, 4), (4, 8), (8, 12)))), ('plain', c)],
        'cn.ric': [('plain', c)],
        'kr.rrn': [('dashed', c[:6] + '-' + c[6:]), ('plain', c)],
        'ru.inn': [('plain', c)],
        'ua.rntrc': [('plain', c)],
    }[mod]
    return [(sh, s) for sh, s in F if is_ok(mod, s)]


ID_ENT = {'us.ssn': ('US_SSN', 'SOCIALNUM'), 'gb.nino_rules': ('UK_NINO', 'SOCIALNUM'), 'gb.nhs': ('UK_NHS', 'HEALTHNUM'),
          'in_.aadhaar': ('IN_AADHAAR', 'IDCARDNUM'), 'ca.sin': ('CA_SIN', 'SOCIALNUM'), 'au.tfn': ('AU_TFN', 'TAXNUM'),
          'de.idnr': ('DE_TAX_ID', 'TAXNUM'), 'fr.nir': ('FR_NIR', 'SOCIALNUM'), 'es.dni': ('ES_NIF', 'IDCARDNUM'),
          'es.nie': ('ES_NIE', 'IDCARDNUM'), 'it.codicefiscale': ('IT_FISCAL_CODE', 'TAXNUM'), 'pl.pesel': ('PL_PESEL', 'IDCARDNUM'),
          'pt.nif': ('PT_NIF', 'TAXNUM'), 'ru.inn': ('RU_INN', 'TAXNUM')}
KNOWN_TEST_IDS = {'123456789', '078051120', '219099999'}


def gen_nid(ctx, which):
    L = LOCS[ctx['loc']]
    mod = L.get('nid2') if which == 'nid2' else L['nid']
    mod = mod or L['nid']
    assert mod, ctx['loc']
    c = gen_id_compact(ctx, mod)
    shape, s = ctx['rng'].choice(id_forms(mod, c))
    ent, tag = ID_ENT.get(mod, ('NATIONAL_ID', 'IDCARDNUM'))
    return Val(s, 'national_id', True, shape, validator=mod, ent=ent, tag=tag)


def mutate_one(rng, s, alphabet='0123456789', positions=None):
    idx = positions if positions is not None else [i for i, ch in enumerate(s) if ch in alphabet]
    i = rng.choice(idx)
    return s[:i] + rng.choice([x for x in alphabet if x != s[i]]) + s[i + 1:]


def gen_xid(ctx):
    rng = ctx['rng']
    mod = LOCS[ctx['loc']]['nid'] or rng.choice(ID_MODULES)
    for _ in range(500):
        c = gen_id_compact(ctx, mod)
        shape, s = rng.choice(id_forms(mod, c))
        if mod == 'gb.nino_rules':
            cands = [rng.choice('DFIQUV') + s[1:]]
            kind = 'badprefix_' + mod
        else:
            cands = [mutate_one(rng, s) for _ in range(8)]
            if mod in ('us.ssn', 'dk.cpr'):  # no check digit: only some single-digit changes invalidate
                cands = [s[:i] + x + s[i + 1:] for i, ch in enumerate(s) if ch.isdigit() for x in '0123456789' if x != ch]
                rng.shuffle(cands)
            kind = 'onedigit_' + mod
        for s2 in cands:
            if not is_ok(mod, s2) and valid_any(s2) is None:
                return Val(s2, 'national_id', False, shape, kind=kind, validator=mod)
    raise RuntimeError('xid ' + mod)


def gen_xssn_ph(ctx):
    s = ctx['rng'].choice(['XXX-XX-XXXX', '000-00-0000', '999-99-9999', '123-45-XXXX', '078-05-1120', 'NNN-NN-NNNN', '###-##-####'])
    return Val(s, 'national_id', False, 'placeholder', kind='placeholder', validator='us.ssn' if valid_any(s) is None and re.search(r'\d{3}-\d\d-\d{4}', s) else None)


def gen_xmask_id(ctx):
    rng = ctx['rng']
    d4 = rdig(rng, 4)
    s = rng.choice(['***-**-' + d4, 'XXX-XX-' + d4, '*****' + d4, 'xxx-xx-' + d4, '••• •• ' + d4])
    return Val(s, 'national_id', False, 'masked', kind='masked')


def gen_xticket(ctx):
    rng = ctx['rng']
    s = rng.choice(['INC%07d' % rng.randint(1, 9999999), 'JIRA-%d' % rng.randint(100, 99999), 'CASE-%08d' % rng.randint(1, 99999999),
                    'SR-%d-%d' % (rng.randint(1, 9), rng.randint(10 ** 6, 10 ** 7 - 1)), 'TKT%06d' % rng.randint(1, 999999)])
    if valid_any(s):
        s = 'REQ-%d' % rng.randint(100, 999)
    return Val(s, 'national_id', False, 'alnum', kind='ticket')


def gen_xtrack(ctx):
    rng = ctx['rng']
    for _ in range(200):
        c = rng.random()
        if c < 0.4:
            s, sh = '1Z' + rstr(rng, string.ascii_uppercase + string.digits, 6) + rdig(rng, 10), 'ups'
        elif c < 0.7:
            d = '94' + rdig(rng, 20)
            s, sh = ' '.join(d[i:i + 4] for i in range(0, 22, 4)), 'usps'
        else:
            s, sh = rstr(rng, string.ascii_uppercase, 2) + rdig(rng, 9) + rng.choice(['DE', 'GB', 'FR', 'CN', 'NL']), 'upu'
        if valid_any(s) is None:
            return Val(s, 'national_id', False, sh, kind='tracking')
    raise RuntimeError('track')


def gen_xisbn(ctx):
    rng = ctx['rng']
    for _ in range(200):
        b = '978' + rng.choice('0123') + rdig(rng, 8)
        for ck in '0123456789':
            if std_isbn.is_valid(b + ck):
                s = std_isbn.format(b + ck)
                if valid_any(s) is None:
                    return Val(s, 'national_id', False, 'isbn13', kind='isbn')
    raise RuntimeError('isbn')


def gen_xorder(ctx):
    rng, region = ctx['rng'], LOCS[ctx['loc']]['region']
    for _ in range(200):
        c = rng.random()
        if c < 0.35:
            d = rng.choice('123456789') + rdig(rng, 15)
            s = '-'.join(d[i:i + 4] for i in range(0, 16, 4))
            if valid_any(s) is None:
                return Val(s, 'card', False, 'dashed16', kind='order_number')
        elif c < 0.7:
            s = rng.choice('123456789') + rdig(rng, 9)
            if valid_any(s) is None and not phone_valid_in(s, region) and not phone_valid_in(s, 'US'):
                return Val(s, 'phone', False, 'digits10', kind='order_number')
        else:
            s = rng.choice(['ORD-%d-%06d' % (rng.randint(2019, 2026), rng.randint(1, 999999)), '#%d' % rng.randint(10000, 9999999),
                            'PO%08d' % rng.randint(1, 99999999), 'A%s-%s' % (rdig(rng, 3), rdig(rng, 7))])
            if valid_any(s) is None:
                return Val(s, 'national_id', False, 'alnum', kind='order_number')
    raise RuntimeError('order')


# ---------------------------------------------------------------- cards
def _brands():
    return [('visa', ['4'], [16, 16, 16, 19]), ('mastercard', ['51', '52', '53', '54', '55'] + [str(x) for x in range(2221, 2721, 37)], [16]),
            ('amex', ['34', '37'], [15]), ('discover', ['6011', '644', '645', '649', '65'], [16]), ('jcb', [str(x) for x in range(3528, 3590, 3)], [16]),
            ('diners', ['36', '300', '305', '38'], [14]), ('unionpay', ['62'], [16, 19]), ('maestro', ['5018', '5020', '5038', '6304'], [16, 19]),
            ('mir', ['2200', '2201', '2202', '2204'], [16])]


BRANDS_CARD = _brands()
TEST_CARDS = ['4111111111111111', '4242424242424242', '5555555555554444', '378282246310005', '6011111111111117', '4000056655665556', '5105105105105100']


def card_groups(n):
    return {15: [4, 6, 5], 14: [4, 6, 4], 16: [4, 4, 4, 4], 19: [4, 4, 4, 4, 3]}[n]


def fmt_card(d, sep):
    if not sep:
        return d
    out, i = [], 0
    for k in card_groups(len(d)):
        out.append(d[i:i + k])
        i += k
    return sep.join(out)


def gen_card_digits(rng, loc):
    luhn = V('luhn')
    w = {'ja_JP': 'jcb', 'zh_CN': 'unionpay', 'ru_RU': 'mir'}.get(loc)
    while True:
        b = next(x for x in BRANDS_CARD if x[0] == w) if (w and rng.random() < 0.5) else rng.choice(BRANDS_CARD)
        n = rng.choice(b[2])
        body = rng.choice(b[1])
        body += rdig(rng, n - 1 - len(body))
        d = body + luhn.calc_check_digit(body)
        if d not in TEST_CARDS and len(set(d)) > 3:
            return b[0], d


def gen_card(ctx, slot):
    rng = ctx['rng']
    brand, d = gen_card_digits(rng, ctx['loc'])
    sep = '' if slot == 'card_plain' else rng.choice([' ', ' ', '-', ''])
    s = fmt_card(d, sep)
    assert is_ok('luhn', d)
    return Val(s, 'card', True, '%s_%s' % (brand, {' ': 'spaces', '-': 'dashes', '': 'plain'}[sep]), validator='luhn', ent='CREDIT_CARD', tag='CREDITCARDNUMBER')


def gen_xcard(ctx):
    rng = ctx['rng']
    for _ in range(200):
        brand, d = gen_card_digits(rng, ctx['loc'])
        sep = rng.choice([' ', '-', ''])
        s = mutate_one(rng, fmt_card(d, sep))
        if not is_ok('luhn', re.sub(r'\D', '', s)) and valid_any(s) is None:
            return Val(s, 'card', False, '%s_%s' % (brand, {' ': 'spaces', '-': 'dashes', '': 'plain'}[sep]), kind='onedigit_luhn', validator='luhn')
    raise RuntimeError('xcard')


def gen_xmask_card(ctx):
    rng = ctx['rng']
    l4 = rdig(rng, 4)
    s = rng.choice(['4111 **** **** 1111', '**** **** **** ' + l4, 'XXXX-XXXX-XXXX-' + l4, '5555 55** **** 4444', '************' + l4,
                    '**** ' + l4, 'ending in ' + l4][:6])
    return Val(s, 'card', False, 'masked', kind='masked')


# ---------------------------------------------------------------- iban
IBAN_FAKER = ['de_DE', 'fr_FR', 'es_ES', 'it_IT', 'nl_NL', 'pl_PL', 'pt_PT', 'da_DK', 'fi_FI', 'no_NO', 'cs_CZ', 'tr_TR', 'pt_BR', 'ru_RU', 'uk_UA', 'en_GB']
IBAN_OWN = {'SA': 20, 'SE': 20, 'AE': 19, 'CH': 17, 'AT': 16}  # BBAN lengths
TEST_IBANS = ['DE89370400440532013000', 'GB82WEST12345698765432', 'GB29NWBK60161331926819', 'FR1420041010050500013M02606', 'NL91ABNA0417164300',
              'DE89 3704 0044 0532 0130 00', 'GB82 WEST 1234 5698 7654 32']


def iban_compact(ctx):
    rng, loc = ctx['rng'], ctx['loc']
    own = {'ar_SA': 'SA', 'sv_SE': 'SE'}.get(loc)
    for _ in range(200):
        if own or (loc not in IBAN_FAKER and rng.random() < 0.25):
            cc = own or rng.choice(sorted(IBAN_OWN))
            bban = rdig(rng, IBAN_OWN[cc])
            cand = cc + V('iban').calc_check_digits(cc + '00' + bban) + bban
        else:
            fl = loc if loc in IBAN_FAKER else rng.choice(IBAN_FAKER)
            cand = FK[fl].iban()
        if is_ok('iban', cand) and cand not in TEST_IBANS:
            return cand
    raise RuntimeError('iban')


def gen_iban(ctx, slot):
    c = iban_compact(ctx)
    if slot == 'iban_c' or ctx['rng'].random() < 0.3:
        return Val(c, 'iban', True, 'compact', validator='iban', ent='IBAN_CODE', tag='IBAN')
    return Val(V('iban').format(c), 'iban', True, 'printed', validator='iban', ent='IBAN_CODE', tag='IBAN')


def gen_xiban(ctx):
    rng = ctx['rng']
    for _ in range(200):
        c = iban_compact(ctx)
        printed = rng.random() < 0.6
        s = V('iban').format(c) if printed else c
        s2 = mutate_one(rng, s, positions=[i for i, ch in enumerate(s) if ch.isdigit() and i >= 4])
        if valid_any(s2) is None:
            return Val(s2, 'iban', False, 'printed' if printed else 'compact', kind='onedigit_iban', validator='iban')
    raise RuntimeError('xiban')


def gen_xmask_iban(ctx):
    rng = ctx['rng']
    c = iban_compact(ctx)
    m = c[:4] + '*' * (len(c) - 8) + c[-4:]
    s = ' '.join(m[i:i + 4] for i in range(0, len(m), 4)) if rng.random() < 0.6 else c[:2] + '** **** **** **** ' + c[-4:]
    return Val(s, 'iban', False, 'masked', kind='masked')


# ---------------------------------------------------------------- network
def gen_ip(ctx):
    rng = ctx['rng']
    while True:
        a = ipaddress.IPv4Address(rng.getrandbits(32))
        if a.is_global and not a.is_multicast and 1 <= a.packed[0] < 224:
            return Val(str(a), 'ip', True, 'ipv4', ent='IP_ADDRESS', tag='IPV4')


def gen_ip6(ctx):
    rng = ctx['rng']
    while True:
        hi = rng.choice([0x2001, 0x2400, 0x2404, 0x2600, 0x2607, 0x2620, 0x2800, 0x2a00, 0x2a02, 0x2a03, 0x2c0f])
        groups = [hi] + [rng.getrandbits(16) for _ in range(7)]
        if hi == 0x2001:
            groups[1] = rng.choice([0x4860, 0x0470, 0x067c, 0x41d0, 0x1af8])
        if rng.random() < 0.6:
            z = rng.randint(3, 5)
            for i in range(z, min(8, z + rng.randint(2, 3))):
                groups[i] = 0
        a = ipaddress.IPv6Address(sum(g << (16 * (7 - i)) for i, g in enumerate(groups)))
        if a.is_global:
            return Val(a.compressed if rng.random() < 0.85 else a.exploded, 'ip', True, 'ipv6', ent='IP_ADDRESS', tag='IPV6')


def gen_xip(ctx):
    rng = ctx['rng']
    c = rng.random()
    if c < 0.55:
        s, k = '%s.%d' % (rng.choice(['192.0.2', '198.51.100', '203.0.113']), rng.randint(1, 254)), 'doc_range'
    elif c < 0.7:
        s, k = rng.choice(['127.0.0.1', '127.0.1.1', '127.%d.%d.%d' % (rng.randint(0, 255), rng.randint(0, 255), rng.randint(1, 254))]), 'loopback'
    elif c < 0.8:
        s, k = rng.choice(['0.0.0.0', '255.255.255.255']), 'unspecified_broadcast'
    else:
        s, k = rng.choice(['2001:db8::%x' % rng.randint(1, 0xffff), '2001:db8:%x::1' % rng.randint(1, 0xfff), '::1']), 'doc_range_v6'
    return Val(s, 'ip', False, 'ipv6' if ':' in s else 'ipv4', kind=k)


def gen_xver(ctx):
    rng = ctx['rng']
    s = rng.choice(['%d.%d.%d.%d' % (rng.randint(1, 12), rng.randint(0, 20), rng.randint(0, 30), rng.randint(0, 200)),
                    'v%d.%d.%d.%d' % (rng.randint(1, 9), rng.randint(0, 9), rng.randint(0, 9), rng.randint(0, 99)),
                    '10.0.%d.%d' % (rng.randint(10000, 26000), rng.randint(1, 4000))])
    return Val(s, 'ip', False, 'dotted4', kind='version')


def fmt_mac(rng, b):
    st = rng.choice(['colon_lower', 'colon_upper', 'dash_upper', 'cisco'])
    h = ['%02x' % x for x in b]
    if st == 'colon_lower':
        return st, ':'.join(h)
    if st == 'colon_upper':
        return st, ':'.join(h).upper()
    if st == 'dash_upper':
        return st, '-'.join(h).upper()
    j = ''.join(h)
    return st, '.'.join([j[0:4], j[4:8], j[8:12]])


def gen_mac(ctx):
    rng = ctx['rng']
    b = [rng.randrange(256) for _ in range(6)]
    b[0] &= 0xFC if rng.random() < 0.8 else 0xFE
    if b[0] == 0:
        b[0] = 0x3c
    st, s = fmt_mac(rng, b)
    return Val(s, 'mac', True, st, ent='MAC_ADDRESS', tag='MAC')


def gen_xmac(ctx):
    rng = ctx['rng']
    c = rng.random()
    if c < 0.3:
        b, k = [0xff] * 6, 'broadcast'
    elif c < 0.45:
        b, k = [0] * 6, 'all_zero'
    elif c < 0.75:
        b, k = [0x01, 0x00, 0x5e, rng.randrange(128), rng.randrange(256), rng.randrange(256)], 'multicast'
    elif c < 0.9:
        b, k = [0x33, 0x33] + [rng.randrange(256) for _ in range(4)], 'multicast'
    else:
        b, k = [0x01, 0x80, 0xc2, 0, 0, rng.choice([0, 1, 2, 3, 0xe])], 'multicast'
    st, s = fmt_mac(rng, b)
    return Val(s, 'mac', False, st, kind=k)


# ---------------------------------------------------------------- secrets
def b62(n, width):
    s = ''
    while n:
        n, r = divmod(n, 62)
        s = B62[r] + s
    return s.rjust(width, '0')


def b64url(b):
    return base64.urlsafe_b64encode(b).decode().rstrip('=')


def sec(text, shape, ent='API_KEY', tag='APIKEY'):
    return Val(text, 'secret', True, shape, ent=ent, tag=tag)


def gen_secret(ctx, slot):
    rng, fk = ctx['rng'], ctx['fk']
    if slot == 'aws_id':
        while True:
            s = rng.choice(['AKIA', 'AKIA', 'AKIA', 'ASIA']) + rstr(rng, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)
            if 'EXAMPLE' not in s:
                return sec(s, 'aws_access_key_id')
    if slot == 'aws_secret':
        return sec(rstr(rng, B64, 40), 'aws_secret_access_key')
    if slot == 'ghp':
        body = rstr(rng, B62, 30)
        return sec('ghp_' + body + b62(zlib.crc32(body.encode()), 6), 'github_pat_classic')
    if slot == 'ghfg':
        return sec('github_pat_' + rstr(rng, B62, 22) + '_' + rstr(rng, B62, 59), 'github_pat_fine_grained')
    if slot == 'slack':
        return sec('xoxb-%s-%s-%s' % (rdig(rng, rng.choice([10, 11, 12])), rdig(rng, 13), rstr(rng, ALNUM, 24)), 'slack_bot_token')
    if slot == 'stripe':
        if rng.random() < 0.5:
            return sec(rng.choice(['sk_live_', 'rk_live_']) + rstr(rng, ALNUM, 24), 'stripe_live_key')
        return sec('sk_live_51' + rstr(rng, ALNUM, 97), 'stripe_live_key_long')
    if slot == 'openai':
        if rng.random() < 0.4:
            return sec('sk-' + rstr(rng, ALNUM, 20) + 'T3BlbkFJ' + rstr(rng, ALNUM, 20), 'openai_legacy')
        return sec('sk-proj-' + rstr(rng, B64U, 74) + 'T3BlbkFJ' + rstr(rng, B64U, 74), 'openai_project')
    if slot == 'gapi':
        return sec('AIza' + rstr(rng, B64U, 35), 'google_api_key')
    if slot == 'sendgrid':
        return sec('SG.' + rstr(rng, B64U, 22) + '.' + rstr(rng, B64U, 43), 'sendgrid_api_key')
    if slot == 'twilio':
        return sec('SK' + rstr(rng, HEX, 32), 'twilio_api_key')
    if slot == 'jwt':
        alg = rng.choice(['HS256', 'HS256', 'RS256'])
        h = b64url(json.dumps({'alg': alg, 'typ': 'JWT'}, separators=(',', ':')).encode())
        iat = rng.randint(1600000000, 1780000000)
        p = b64url(json.dumps({'sub': str(rng.randint(10 ** 5, 10 ** 9)), 'iat': iat, 'exp': iat + 3600, 'scope': rng.choice(['read', 'read write', 'admin'])},
                              separators=(',', ':')).encode())
        return sec('%s.%s.%s' % (h, p, rstr(rng, B64U, 43 if alg == 'HS256' else 342)), 'jwt_' + alg.lower(), ent='JWT', tag='APIKEY')
    if slot == 'dburl':
        scheme, port = rng.choice([('postgresql', 5432), ('postgres', 5432), ('mysql', 3306), ('mongodb+srv', None), ('redis', 6379), ('amqp', 5672), ('mssql', 1433)])
        user = re.sub(r'[^a-z0-9_]', '', fold(fk.user_name()).lower()) or 'app'
        pw = rstr(rng, ALNUM + '-_.~!*', rng.randint(12, 24))
        word = rng.choice(['orders', 'billing', 'crm', 'prod', 'users', 'analytics', 'payments'])
        if scheme == 'mongodb+srv':
            host = 'cluster0.%s.mongodb.net' % rstr(rng, string.ascii_lowercase + string.digits, 5)
        else:
            host = rng.choice(['%s-db-%d.%s' % (word, rng.randint(1, 9), fold(fk.domain_name())), '%s.%s.%s.rds.amazonaws.com' % (word, rstr(rng, string.ascii_lowercase + string.digits, 12), rng.choice(['eu-west-1', 'us-east-1', 'ap-northeast-1']))])
        s = '%s://%s:%s@%s%s/%s' % (scheme, user if scheme != 'redis' else '', pw, host, ':%d' % port if port else '', word if scheme != 'redis' else str(rng.randint(0, 15)))
        return sec(s, 'db_url_' + re.sub(r'\W', '', scheme), ent='CONNECTION_STRING', tag='PASSWORD')
    if slot == 'pw':
        while True:
            s = rstr(rng, ALNUM + '!#$%&*+-=?@^_~', rng.randint(10, 20))
            if re.search(r'\d', s) and re.search(r'[A-Za-z]', s) and s[-1] not in '.?!':
                return sec(s, 'password', ent='PASSWORD', tag='PASSWORD')
    if slot == 'pem':
        kind = rng.choice(['RSA', 'EC', 'OPENSSH', 'PKCS8'])
        if kind == 'RSA':
            label, pre, n, w = 'RSA PRIVATE KEY', 'MIIEpAIBAAKCAQEA', 64 * rng.randint(12, 24) + rng.randint(4, 60), 64
        elif kind == 'EC':
            label, pre, n, w = 'EC PRIVATE KEY', 'MHcCAQEEI', 226, 64
        elif kind == 'OPENSSH':
            label, pre, n, w = 'OPENSSH PRIVATE KEY', 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZWQyNTUxOQAAACB', 70 * 5 + rng.randint(10, 60), 70
        else:
            label, pre, n, w = 'PRIVATE KEY', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC', 64 * rng.randint(12, 24) + rng.randint(4, 60), 64
        body = pre + rstr(rng, B64, n - len(pre))
        if rng.random() < 0.5:
            body = body[:-1] + '='
        lines = [body[i:i + w] for i in range(0, len(body), w)]
        return sec('-----BEGIN %s-----\n%s\n-----END %s-----' % (label, '\n'.join(lines), label), 'pem_' + kind.lower(), ent='PRIVATE_KEY', tag='PASSWORD')
    raise KeyError(slot)


JWT_IO = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'
PH_SECRETS = ['YOUR_API_KEY', '<your-api-key>', 'sk_live_xxxxxxxxxxxxxxxxxxxxxxxx', 'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'xoxb-your-bot-token',
              '${OPENAI_API_KEY}', '<REDACTED>', '********', 'REPLACE_ME', '{{ secrets.STRIPE_KEY }}', 'postgres://user:password@localhost:5432/mydb',
              'AIzaSy...', 'changeme', '%API_KEY%']


def gen_neg_secret(ctx, slot):
    rng = ctx['rng']
    if slot == 'xaws_ex':
        s = rng.choice(['AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'AKIAXXXXXXXXXXXXXXXX', 'AKIAI44QH8DHBEXAMPLE'])
        return Val(s, 'secret', False, 'aws', kind='aws_doc_example')
    if slot == 'xph_secret':
        return Val(rng.choice(PH_SECRETS), 'secret', False, 'placeholder', kind='placeholder')
    if slot == 'xjwt_ex':
        return Val(JWT_IO, 'secret', False, 'jwt', kind='jwtio_example')
    if slot == 'xuuid':
        u = '%032x' % rng.getrandbits(128)
        u = u[:12] + '4' + u[13:16] + rng.choice('89ab') + u[17:]
        s = '%s-%s-%s-%s-%s' % (u[:8], u[8:12], u[12:16], u[16:20], u[20:])
        return Val(s.upper() if rng.random() < 0.15 else s, 'secret', False, 'uuid4', kind='uuid')
    if slot == 'xsha':
        s = rstr(rng, HEX, 40)
        return Val(s if rng.random() < 0.7 else s[:rng.choice([7, 8, 12])], 'secret', False, 'hex', kind='git_sha')
    if slot == 'xsha256':
        return Val(rstr(rng, HEX, 64), 'secret', False, 'hex64', kind='sha256')
    raise KeyError(slot)


# ---------------------------------------------------------------- misc negatives
def gen_dob(ctx, pos):
    rng = ctx['rng']
    dt = birth(rng) if pos else rand_date(rng, 1990, 2026)
    shape, s = rng.choice(date_forms(ctx['loc'], dt))
    if pos:
        return Val(s, 'dob', True, shape, ent='DATE_OF_BIRTH', tag='DOB')
    return Val(s, 'dob', False, shape, kind='event_date')


def gen_xts(ctx):
    rng = ctx['rng']
    dt = rand_date(rng, 2019, 2026)
    hh, mm, ss = rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59)
    shape, s = rng.choice([('iso8601', '%sT%02d:%02d:%02dZ' % (dt.isoformat(), hh, mm, ss)),
                           ('iso8601_ms', '%sT%02d:%02d:%02d.%03d+00:00' % (dt.isoformat(), hh, mm, ss, rng.randint(0, 999))),
                           ('sql', '%s %02d:%02d:%02d' % (dt.isoformat(), hh, mm, ss)),
                           ('clf', '%02d/%s/%d:%02d:%02d:%02d +0000' % (dt.day, MONTHS['en'][dt.month - 1][:3], dt.year, hh, mm, ss))])
    return Val(s, 'dob', False, shape, kind='timestamp')


def gen_name(ctx, slot):
    p = persona(ctx)
    t = {'name': ('full', p['full']), 'name_lc': ('lower', p['full'].lower()), 'name_uc': ('upper', p['full'].upper()),
         'name_lf': ('last_first', '%s, %s' % (p['last'], p['first'])), 'first': ('first', p['first']), 'last': ('last', p['last'])}[slot]
    tag = {'first': 'FIRSTNAME', 'last': 'LASTNAME'}.get(slot, 'FULLNAME')
    return Val(t[1], 'name', True, t[0], ent='PERSON', tag=tag)


def gen_xname(ctx):
    rng = ctx['rng']
    lang = LOCS[ctx['loc']]['lang']
    return Val(rng.choice(PLACEHOLDER_NAMES.get(lang, PLACEHOLDER_NAMES['en'])), 'name', False, 'full', kind='placeholder')


def unlabelled(ctx, slot):
    rng = ctx['rng']
    if slot == 'tcard':
        return fmt_card(rng.choice(TEST_CARDS), rng.choice(['', ' ']))
    if slot == 'tiban':
        return rng.choice(TEST_IBANS)
    if slot == 'tssn':
        return '123-45-6789'
    if slot == 'pip':
        return rng.choice(['10.%d.%d.%d' % (rng.randint(0, 255), rng.randint(0, 255), rng.randint(1, 254)),
                           '192.168.%d.%d' % (rng.randint(0, 255), rng.randint(1, 254)), '172.%d.%d.%d' % (rng.randint(16, 31), rng.randint(0, 255), rng.randint(1, 254))])
    raise KeyError(slot)


GEN = {
    'name': gen_name, 'name_lc': gen_name, 'name_uc': gen_name, 'name_lf': gen_name, 'first': gen_name, 'last': gen_name,
    'dob': lambda c, s: gen_dob(c, True), 'xdate': lambda c, s: gen_dob(c, False), 'xts': lambda c, s: gen_xts(c),
    'addr': lambda c, s: gen_address(c, 'line'), 'addr_ml': lambda c, s: gen_address(c, 'ml' if c['ml_ok'] else 'line'),
    'street': lambda c, s: gen_address(c, 'street'),
    'phone': gen_phone, 'phone_intl': gen_phone, 'phone_nat': gen_phone, 'phone_typed': gen_phone,
    'email': lambda c, s: gen_email(c), 'iban': gen_iban, 'iban_c': gen_iban, 'card': gen_card, 'card_plain': gen_card,
    'nid': gen_nid, 'nid2': gen_nid, 'ip': lambda c, s: gen_ip(c), 'ip6': lambda c, s: gen_ip6(c), 'mac': lambda c, s: gen_mac(c),
    'xid': lambda c, s: gen_xid(c), 'xcard': lambda c, s: gen_xcard(c), 'xiban': lambda c, s: gen_xiban(c),
    'xphone': lambda c, s: gen_xphone(c), 'xfict': lambda c, s: gen_xfict(c), 'xemail': lambda c, s: gen_xemail(c),
    'xip': lambda c, s: gen_xip(c), 'xver': lambda c, s: gen_xver(c), 'xmac': lambda c, s: gen_xmac(c),
    'xorder': lambda c, s: gen_xorder(c), 'xticket': lambda c, s: gen_xticket(c), 'xtrack': lambda c, s: gen_xtrack(c),
    'xepoch': lambda c, s: gen_xepoch(c), 'xprice': lambda c, s: gen_xprice(c), 'xisbn': lambda c, s: gen_xisbn(c),
    'xname': lambda c, s: gen_xname(c),
    'xbrand': lambda c, s: Val(c['rng'].choice(BRANDS), 'name', False, 'brand', kind='brand'),
    'xcity': lambda c, s: Val(c['rng'].choice(CITIES), 'name', False, 'city', kind='city'),
    'xstreet': lambda c, s: Val(c['rng'].choice(STREETS), 'address', False, 'street_name', kind='street_only'),
    'xph_addr': lambda c, s: Val(c['rng'].choice(PLACEHOLDER_ADDRS), 'address', False, 'line', kind='placeholder'),
    'xssn_ph': lambda c, s: gen_xssn_ph(c), 'xmask_id': lambda c, s: gen_xmask_id(c), 'xmask_card': lambda c, s: gen_xmask_card(c),
    'xmask_email': lambda c, s: gen_xmask_email(c), 'xmask_iban': lambda c, s: gen_xmask_iban(c), 'xph_phone': lambda c, s: gen_xph_phone(c),
    'xph_email': lambda c, s: gen_xph_email(c),
    'xaws_ex': gen_neg_secret, 'xph_secret': gen_neg_secret, 'xjwt_ex': gen_neg_secret, 'xuuid': gen_neg_secret,
    'xsha': gen_neg_secret, 'xsha256': gen_neg_secret,
}
for _s in ('aws_id', 'aws_secret', 'ghp', 'ghfg', 'slack', 'stripe', 'openai', 'gapi', 'sendgrid', 'twilio', 'jwt', 'dburl', 'pw', 'pem'):
    GEN[_s] = gen_secret
for _t in TEMPLATES:
    for _s in _t.slots:
        assert _s in GEN or _s in UNLABELLED_SLOTS, (_t.tid, _s)


def pick_locale(rng, key):
    opts = KEY_LOCALES[key]
    tot = sum(w for _, w in opts)
    x = rng.uniform(0, tot)
    for l, w in opts:
        x -= w
        if x <= 0:
            return l
    return opts[-1][0]


FEMALE_CUES = re.compile(r'(Frau |Mme |Ms\. |Mrs\. |Pani |Sra\. |Народилася|\b[Hh]er |\bshe |Madame|女士)')
MALE_CUES = re.compile(r'(Herr |Mr\. |Pan |sig\. |dhr\. |Родился|先生|né le|nato il|urodzony|\bHe |Nasceu|Nació)')


def render(tpl, rng, ml_ok=True):
    """Fill a template: list of segments (str literal or Val)."""
    loc = pick_locale(rng, tpl.key)
    ctx = {'rng': rng, 'loc': loc, 'fk': FK[loc], 'ml_ok': ml_ok}
    if FEMALE_CUES.search(tpl.text):
        ctx['gender'] = 'female'
    elif MALE_CUES.search(tpl.text):
        ctx['gender'] = 'male'
    segs, pos = [], 0
    for m in SLOT_RE.finditer(tpl.text):
        if m.start() > pos:
            segs.append(tpl.text[pos:m.start()])
        slot = m.group(1)
        if slot in UNLABELLED_SLOTS:
            segs.append(unlabelled(ctx, slot))
        else:
            v = GEN[slot](ctx, slot)
            for _ in range(30):  # digit-bearing negatives must not validate under any checksum used here
                if v.pos or v.cat not in ('national_id', 'card', 'iban', 'phone') or valid_any(v.text) is None:
                    break
                v = GEN[slot](ctx, slot)
            v.loc, v.tid = loc, tpl.tid
            segs.append(v)
        pos = m.end()
    if pos < len(tpl.text):
        segs.append(tpl.text[pos:])
    merged = []
    for s in segs:
        if isinstance(s, str) and merged and isinstance(merged[-1], str):
            merged[-1] += s
        else:
            merged.append(s)
    return loc, merged


def plain(segs):
    return ''.join(s.text if isinstance(s, Val) else s for s in segs)


# =====================================================================
# output machinery
# =====================================================================
LABELS = []
FILES = {}


def base_label(rel, v, value, where):
    d = {'file': rel, 'value': value, 'category': v.cat, 'form': v.form(), 'positive': v.pos}
    return d, {'validator': v.validator, 'kind': None if v.pos else v.kind, 'locale': v.loc, 'template_id': v.tid, 'where': where}


class TextOut:
    def __init__(self, rel):
        self.rel, self.parts, self.pos, self.labs = rel, [], 0, []

    def w(self, s):
        b = s.encode('utf-8')
        self.parts.append(b)
        self.pos += len(b)

    def val(self, v, written=None, where=None):
        written = v.text if written is None else written
        s = self.pos
        self.w(written)
        d, extra = base_label(self.rel, v, written, where)
        d['span'] = [s, self.pos]
        d['line'] = None
        if extra['validator']:
            d['validator'] = extra['validator']
        if written != v.text:
            d['decoded'] = v.text
        for k in ('kind', 'locale', 'template_id', 'where'):
            if extra[k] is not None:
                d[k] = extra[k]
        self.labs.append(d)

    def segs(self, segs, esc=None, where=None):
        for s in segs:
            if isinstance(s, Val):
                self.val(s, esc(s.text) if esc else s.text, where)
            else:
                self.w(esc(s) if esc else s)

    def finish(self, gz=False):
        data = b''.join(self.parts)
        nl = [i for i, c in enumerate(data) if c == 10]
        for d in self.labs:
            d['line'] = bisect.bisect_left(nl, d['span'][0]) + 1
        path = os.path.join(OUT, self.rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'wb') as fh:
            fh.write(gzip.compress(data, compresslevel=9, mtime=0) if gz else data)
        FILES[self.rel] = 'gz' if gz else 'text'
        LABELS.extend(self.labs)


def pq_label(rel, v, row, column, where):
    d, extra = base_label(rel, v, v.text, where)
    d.update({'span': None, 'line': None, 'row': row, 'column': column})
    if extra['validator']:
        d['validator'] = extra['validator']
    for k in ('kind', 'locale', 'template_id'):
        if extra[k] is not None:
            d[k] = extra[k]
    return d


def jesc(ea):
    return lambda s: json.dumps(s, ensure_ascii=ea)[1:-1]


def pick_templates(rng, langs, n, pool_filter, cover=True):
    pool = [t for t in TEMPLATES if t.lang in langs and pool_filter(t)]
    by = collections.defaultdict(list)
    for t in pool:
        by[t.lang].append(t)
    out = []
    if cover:
        out = list(pool)
        rng.shuffle(out)
        out = out[:n]
    while len(out) < n:
        lang = rng.choice(sorted(by))
        out.append(rng.choice(by[lang]))
    rng.shuffle(out)
    return out


ALLOK = lambda t: True
NO_NL = lambda t: not t.nl and not t.ml
SINGLE = lambda t: t.nlab == 1 and not t.test and not t.ml and not t.nl


# ---------------------------------------------------------------- presidio
def write_presidio(rel, langs, n, ea, gz=False):
    rng = R(rel)
    out = TextOut(rel)
    esc = jesc(ea)
    for tpl in pick_templates(rng, langs, n, ALLOK):
        loc, segs = render(tpl, rng)
        out.w('{"full_text": "')
        cpos, spans = 0, []
        for s in segs:
            if isinstance(s, Val):
                if s.pos:
                    spans.append((s, cpos, cpos + len(s.text)))
                out.val(s, esc(s.text), 'full_text')
                cpos += len(s.text)
            else:
                out.w(esc(s))
                cpos += len(s)
        out.w('", "masked": "')
        for s in segs:
            if isinstance(s, Val) and s.pos:
                out.w(esc('{{%s}}' % s.ent))
            elif isinstance(s, Val):
                out.val(s, esc(s.text), 'masked')
            else:
                out.w(esc(s))
        out.w('", "spans": [')
        for i, (v, a, b) in enumerate(spans):
            out.w('%s{"entity_type": %s, "entity_value": "' % (', ' if i else '', json.dumps(v.ent)))
            out.val(v, esc(v.text), 'spans.entity_value')
            out.w('", "start_position": %d, "end_position": %d}' % (a, b))
        out.w('], "template_id": %d, "locale": "%s"}\n' % (tpl.tid, loc))
    out.finish(gz)


# ---------------------------------------------------------------- ai4privacy
def mbert_tokens(text):
    out = []
    for w in re.findall(r'\w+|[^\w\s]', text):
        if len(w) <= 6:
            out.append(w)
        else:
            out.append(w[:4])
            r = w[4:]
            while r:
                out.append('##' + r[:3])
                r = r[3:]
    return out


def ai4_record(segs):
    cpos, mask, spl, tgt = 0, [], [], []
    counters = collections.Counter()
    for s in segs:
        t = s.text if isinstance(s, Val) else s
        if isinstance(s, Val) and s.pos:
            counters[s.tag] += 1
            lab = '%s_%d' % (s.tag, counters[s.tag])
            mask.append((s, cpos, cpos + len(t), s.tag))
            spl.append([cpos, cpos + len(t), lab])
            tgt.append('[%s]' % lab)
        else:
            spl.append([cpos, cpos + len(t), 'O'])
            tgt.append(s)
        cpos += len(t)
    return mask, str(spl), tgt


def write_ai4_jsonl(rel, langs, n, ea):
    rng = R(rel)
    out = TextOut(rel)
    esc = jesc(ea)
    for i, tpl in enumerate(pick_templates(rng, langs, n, ALLOK)):
        loc, segs = render(tpl, rng)
        mask, spl, tgt = ai4_record(segs)
        out.w('{"source_text": "')
        out.segs(segs, esc, 'source_text')
        out.w('", "target_text": "')
        for s in tgt:
            if isinstance(s, Val):
                out.val(s, esc(s.text), 'target_text')
            else:
                out.w(esc(s))
        out.w('", "privacy_mask": [')
        for j, (v, a, b, tag) in enumerate(mask):
            out.w('%s{"value": "' % (', ' if j else ''))
            out.val(v, esc(v.text), 'privacy_mask.value')
            out.w('", "start": %d, "end": %d, "label": "%s"}' % (a, b, tag))
        out.w('], "span_labels": %s, "tokenised": %s, "language": "%s", "set": "%s", "id": %d}\n'
              % (json.dumps(spl, ensure_ascii=ea), json.dumps(mbert_tokens(plain(segs)), ensure_ascii=ea), LOCS[loc]['lang'],
                 'train' if 'english' in rel else 'validation', 40000 + i))
    out.finish()


def write_parquet(rel, table, labs):
    path = os.path.join(OUT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    pq.write_table(table, path, compression='zstd', use_dictionary=False, write_statistics=False)
    FILES[rel] = 'parquet'
    seen = set()
    for d in labs:
        k = (d['row'], d['column'])
        assert k not in seen, (rel, k)
        seen.add(k)
    LABELS.extend(labs)


def write_ai4_parquet(rel, n):
    rng = R(rel)
    rows, labs = [], []
    for i, tpl in enumerate(pick_templates(rng, LANGS, n, SINGLE)):
        loc, segs = render(tpl, rng)
        mask, spl, tgt = ai4_record(segs)
        v = next(s for s in segs if isinstance(s, Val))
        src = plain(segs)
        target = ''.join(s.text if isinstance(s, Val) else s for s in tgt)
        rows.append({'source_text': src, 'target_text': target,
                     'privacy_mask': [{'value': m[0].text, 'start': m[1], 'end': m[2], 'label': m[3]} for m in mask],
                     'span_labels': spl, 'tokenised': mbert_tokens(src), 'language': LOCS[loc]['lang'], 'id': 70000 + i})
        labs.append(pq_label(rel, v, i, 'source_text', 'source_text'))
        if v.pos:
            labs.append(pq_label(rel, v, i, 'privacy_mask.value', 'privacy_mask.value'))
        else:
            labs.append(pq_label(rel, v, i, 'target_text', 'target_text'))
    schema = pa.schema([('source_text', pa.string()), ('target_text', pa.string()),
                        ('privacy_mask', pa.list_(pa.struct([('value', pa.string()), ('start', pa.int64()), ('end', pa.int64()), ('label', pa.string())]))),
                        ('span_labels', pa.string()), ('tokenised', pa.list_(pa.string())), ('language', pa.string()), ('id', pa.int64())])
    write_parquet(rel, pa.Table.from_pylist(rows, schema=schema), labs)


# ---------------------------------------------------------------- text / csv
def write_txt(lang):
    rel = 'sentences/%s.txt' % lang
    rng = R(rel)
    pool = [t for t in BY_LANG[lang] if NO_NL(t)]
    n = 300 if lang == 'en' else 3 * len(pool) + 20
    out = TextOut(rel)
    for tpl in pick_templates(rng, [lang], n, NO_NL):
        loc, segs = render(tpl, rng, ml_ok=False)
        out.segs(segs)
        out.w('\n')
    out.finish()


def csv_field(out, segs, delim, force, where):
    text = plain(segs)
    need = force or any(c in text for c in (delim, '"', '\n', '\r'))
    if need:
        out.w('"')
    for s in segs:
        if isinstance(s, Val):
            out.val(s, s.text, where)
        else:
            out.w(s.replace('"', '""') if need else s)
    if need:
        out.w('"')


def write_csv(rel, n, delim=',', force=True, gz=False):
    rng = R(rel)
    out = TextOut(rel)
    out.w(delim.join(['id', 'text', 'lang']) + '\n')
    for i, tpl in enumerate(pick_templates(rng, LANGS, n, ALLOK)):
        loc, segs = render(tpl, rng)
        out.w('%d%s' % (i + 1, delim))
        csv_field(out, segs, delim, force, 'text')
        out.w('%s%s\n' % (delim, LOCS[loc]['lang']))
    out.finish(gz)


def write_span_csv(rel, n):
    rng = R(rel)
    out = TextOut(rel)
    out.w('id,before,value,after,entity,lang\n')
    for i, tpl in enumerate(pick_templates(rng, LANGS, n, ALLOK)):
        loc, segs = render(tpl, rng)
        idx = [j for j, s in enumerate(segs) if isinstance(s, Val) and s.pos]
        out.w('%d,' % (i + 1))
        if idx:
            j = rng.choice(idx)
            csv_field(out, segs[:j] or [''], ',', False, 'before')
            out.w(',')
            csv_field(out, [segs[j]], ',', False, 'value')
            out.w(',')
            csv_field(out, segs[j + 1:] or [''], ',', False, 'after')
            out.w(',%s,%s\n' % (segs[j].ent, LOCS[loc]['lang']))
        else:
            csv_field(out, segs, ',', False, 'before')
            out.w(',,,O,%s\n' % LOCS[loc]['lang'])
    out.finish()


# ---------------------------------------------------------------- HF / CoNLL
NER_NAMES = ['O']
for _c in ['PER', 'DOB', 'ADDR', 'PHONE', 'EMAIL', 'IBAN', 'CARD', 'NATID', 'SECRET', 'IP', 'MAC']:
    NER_NAMES += ['B-' + _c, 'I-' + _c]
CAT_NER = {'name': 'PER', 'dob': 'DOB', 'address': 'ADDR', 'phone': 'PHONE', 'email': 'EMAIL', 'iban': 'IBAN', 'card': 'CARD',
           'national_id': 'NATID', 'secret': 'SECRET', 'ip': 'IP', 'mac': 'MAC'}


def tokenise(segs):
    """[(token, Val or None, tag)]"""
    out = []
    for s in segs:
        if isinstance(s, Val):
            toks = s.text.split()
            for k, t in enumerate(toks):
                tag = ('B-' if k == 0 else 'I-') + CAT_NER[s.cat] if s.pos else 'O'
                out.append((t, s if len(toks) == 1 else None, tag))
        else:
            for t in re.findall(r'\w+|[^\w\s]', s):
                out.append((t, None, 'O'))
    return out


def write_hf_parquet(rel, n):
    rng = R(rel)
    rows, labs = [], []
    for i, tpl in enumerate(pick_templates(rng, LANGS, n, SINGLE)):
        loc, segs = render(tpl, rng, ml_ok=False)
        toks = tokenise(segs)
        v = next(s for s in segs if isinstance(s, Val))
        rows.append({'id': i, 'sentence': plain(segs), 'tokens': [t[0] for t in toks], 'ner_tags': [NER_NAMES.index(t[2]) for t in toks], 'lang': LOCS[loc]['lang']})
        labs.append(pq_label(rel, v, i, 'sentence', 'sentence'))
        if any(t[1] is v for t in toks):
            labs.append(pq_label(rel, v, i, 'tokens', 'tokens'))
    schema = pa.schema([('id', pa.int64()), ('sentence', pa.string()), ('tokens', pa.list_(pa.string())), ('ner_tags', pa.list_(pa.int64())), ('lang', pa.string())])
    table = pa.Table.from_pylist(rows, schema=schema)
    table = table.replace_schema_metadata({'huggingface': json.dumps({'info': {'features': {'ner_tags': {'feature': {'names': NER_NAMES, '_type': 'ClassLabel'}, '_type': 'Sequence'}}}})})
    write_parquet(rel, table, labs)


def write_conll(rel, n):
    rng = R(rel)
    out = TextOut(rel)
    out.w('-DOCSTART- -X- -X- O\n\n')
    for tpl in pick_templates(rng, LANGS, n, NO_NL):
        loc, segs = render(tpl, rng, ml_ok=False)
        for tok, v, tag in tokenise(segs):
            if v is not None:
                out.val(v, tok, 'token')
            else:
                out.w(tok)
            out.w(' _ _ %s\n' % tag)
        out.w('\n')
    out.finish()


# ---------------------------------------------------------------- long documents
SECRET_SLOTS = {'aws_id', 'aws_secret', 'ghp', 'ghfg', 'slack', 'stripe', 'openai', 'gapi', 'sendgrid', 'twilio', 'jwt', 'dburl', 'pw', 'pem',
                'xaws_ex', 'xph_secret', 'xjwt_ex', 'xuuid', 'xsha', 'xsha256', 'ip', 'ip6', 'mac', 'xip', 'xmac', 'xver', 'xts'}


def prose_pool(lang, tech):
    return [t for t in BY_LANG[lang] if not t.nl and not t.test and (bool(set(t.slots) & SECRET_SLOTS) == tech)]


def words_of(parts):
    return sum(len(plain(p).split()) if isinstance(p, list) else len(p.split()) for p in parts)


class Doc:
    def __init__(self, rel, rng, lang):
        self.rel, self.rng, self.lang = rel, rng, lang
        self.parts = []  # list of segs lists / str
        self.loc = pick_locale(rng, lang)
        self.ctx = {'rng': rng, 'loc': self.loc, 'fk': FK[self.loc], 'ml_ok': True}

    def v(self, slot, tid=0):
        v = GEN[slot](self.ctx, slot)
        v.loc, v.tid = self.loc, tid
        return v

    def add(self, *segs):
        self.parts.append(list(segs))

    def para(self, pool, k, sep=' '):
        sents = []
        for _ in range(k):
            tpl = self.rng.choice(pool)
            _, segs = render(tpl, self.rng)
            sents.extend(segs)
            end = tpl.text.rstrip()[-1:]
            sents.append('\n' if tpl.nl or end not in '.!?。！？।' else sep)
        sents[-1] = '\n\n'
        self.parts.append(sents)

    def fill(self, pool, target, k=(3, 6), sep=' '):
        while words_of(self.parts) < target:
            self.para(pool, self.rng.randint(*k), sep)

    def write(self):
        out = TextOut(self.rel)
        for p in self.parts:
            out.segs(p)
        out.finish()
        return words_of(self.parts)


def write_docs():
    rng = R('docs/letter_en.txt')
    d = Doc('docs/letter_en.txt', rng, 'en')
    d.add(d.v('name'), '\n', d.v('addr_ml'), '\n', 'Tel. ', d.v('phone'), '\n', d.v('email'), '\n\n', d.v('xdate'), '\n\n')
    d.ctx.pop('persona', None)
    d.add(d.v('name'), '\n', d.v('addr_ml'), '\n\n', 'Re: account ', d.v('xorder'), '\n\n', 'Dear Sir or Madam,\n\n')
    d.fill(prose_pool('en', False), rng.randint(350, 600))
    d.ctx.pop('persona', None)
    d.add('Yours sincerely,\n\n', d.v('name'), '\n', 'Direct line: ', d.v('phone_intl'), '\n')
    d.write()

    rng = R('docs/discharge_summary_en.md')
    d = Doc('docs/discharge_summary_en.md', rng, 'en_US')
    d.add('# Discharge summary\n\n', '**Patient:** ', d.v('name'), '  \n', '**DOB:** ', d.v('dob'), '  \n', '**SSN:** ', d.v('nid'), '  \n',
          '**Address:** ', d.v('addr'), '  \n', '**Phone:** ', d.v('phone'), '  \n', '**Admitted:** ', d.v('xdate'), '  \n', '**Discharged:** ', d.v('xdate'), '\n\n',
          '## History of present illness\n\n')
    pool = [t for t in prose_pool('en', False) if set(t.slots) & {'dob', 'name', 'xdate', 'phone', 'addr', 'name_lc'}]
    d.fill(pool, rng.randint(250, 400))
    d.add('## Plan\n\n', 'Follow-up with Dr. ', d.v('last'), ' on ', d.v('xdate'), '. Next of kin: ', d.v('name'), ' (', d.v('phone_intl'), ').\n\n')
    d.fill(pool, words_of(d.parts) + 120)
    d.write()

    rng = R('docs/incident_report.md')
    d = Doc('docs/incident_report.md', rng, 'en')
    d.add('# Incident report: leaked credentials in build logs\n\n', 'Reported by ', d.v('name'), ' (', d.v('email'), ') on ', d.v('xts'), '.\n\n',
          '## Timeline\n\n')
    d.fill(prose_pool('en', True), 200, (2, 4), '\n')
    d.add('## Leaked configuration\n\n```env\n', 'AWS_ACCESS_KEY_ID=', d.v('aws_id'), '\nAWS_SECRET_ACCESS_KEY=', d.v('aws_secret'), '\nSTRIPE_SECRET_KEY=', d.v('stripe'),
          '\nDATABASE_URL=', d.v('dburl'), '\nSENTRY_RELEASE=', d.v('xsha'), '\nEXAMPLE_KEY=', d.v('xaws_ex'), '\n```\n\n', 'Private key found in the artifact:\n\n```\n',
          d.v('pem'), '\n```\n\n')
    d.fill(prose_pool('en', True), rng.randint(450, 650), (2, 4), '\n')
    d.write()

    rng = R('docs/email_thread_de.txt')
    d = Doc('docs/email_thread_de.txt', rng, 'de')
    for k in range(3):
        d.ctx.pop('persona', None)
        d.add('Von: ', d.v('name'), ' <', d.v('email'), '>\n', 'Datum: ', d.v('xdate'), '\n', 'Betreff: ', 'AW: ' * k, 'Ihre Anfrage ', d.v('xorder'), '\n\n',
              'Sehr geehrte Damen und Herren,\n\n')
        d.fill([t for t in BY_LANG['de'] if not t.test], words_of(d.parts) + rng.randint(90, 160), (2, 4))
        d.ctx.pop('persona', None)
        d.add('Mit freundlichen Grüßen\n', d.v('name'), '\n', 'Tel.: ', d.v('phone'), '\n\n-----\n\n')
    d.write()

    rng = R('docs/courrier_fr.md')
    d = Doc('docs/courrier_fr.md', rng, 'fr')
    d.add('## Courrier\n\n', d.v('name'), '  \n', d.v('addr'), '  \n', d.v('phone'), '\n\n', 'Paris, le ', d.v('xdate'), '\n\n', 'Objet : dossier ', d.v('xticket'), '\n\n',
          'Madame, Monsieur,\n\n')
    d.fill([t for t in BY_LANG['fr'] if not t.test], rng.randint(250, 400))
    d.ctx.pop('persona', None)
    d.add('Veuillez agréer, Madame, Monsieur, mes salutations distinguées.\n\n', d.v('name'), '\n')
    d.write()


# =====================================================================
# main
# =====================================================================
EU = ['de', 'fr', 'es', 'it', 'nl', 'pt', 'pl', 'sv', 'da', 'fi', 'no', 'cs']
ASIA_MENA = ['ja', 'zh', 'ko', 'hi', 'ar', 'tr', 'ru', 'uk']
os.makedirs(OUT, exist_ok=True)
write_presidio('presidio/synth_en.jsonl', ['en'], 200, False)
write_presidio('presidio/synth_eu.jsonl', EU, 150, False)
write_presidio('presidio/synth_multilang.jsonl', LANGS, 170, True)
write_presidio('presidio/synth_asia_mena.jsonl', ASIA_MENA, 150, True)
write_presidio('presidio/synth_mixed.jsonl.gz', LANGS, 130, False, gz=True)
write_ai4_jsonl('ai4privacy/english_pii.jsonl', ['en'], 130, False)
write_ai4_jsonl('ai4privacy/multilingual_pii.jsonl', [l for l in LANGS if l != 'en'], 130, True)
write_ai4_parquet('ai4privacy/data/train-00000-of-00001.parquet', 220)
write_ai4_parquet('ai4privacy/data/validation-00000-of-00001.parquet', 140)
for _lang in LANGS:
    write_txt(_lang)
write_csv('csv/pii_sentences.csv', 220)
write_csv('csv/pii_sentences.tsv', 160, delim='\t', force=False)
write_span_csv('csv/span_extraction.csv', 220)
write_csv('csv/pii_sentences.csv.gz', 130, gz=True)
write_hf_parquet('hf/pii-ner/train.parquet', 220)
write_conll('hf/conll2003_pii.txt', 220)
write_docs()

KEYS = ['file', 'value', 'category', 'form', 'positive', 'span', 'line', 'row', 'column', 'validator', 'decoded', 'kind', 'locale', 'template_id', 'where']
with open(os.path.join(OUT, 'labels.jsonl'), 'w', encoding='utf-8') as fh:
    for d in LABELS:
        fh.write(json.dumps({k: d[k] for k in KEYS if k in d}, ensure_ascii=False) + '\n')

# =====================================================================
# verification
# =====================================================================
CATS = ['name', 'dob', 'address', 'national_id', 'phone', 'email', 'iban', 'card', 'secret', 'ip', 'mac']
labels = [json.loads(l) for l in open(os.path.join(OUT, 'labels.jsonl'), encoding='utf-8')]
byfile = collections.defaultdict(list)
for d in labels:
    byfile[d['file']].append(d)
    assert d['category'] in CATS, d
for rel, ls in byfile.items():
    path = os.path.join(OUT, rel)
    if FILES[rel] == 'parquet':
        rows = pq.read_table(path).to_pylist()
        for d in ls:
            cell = rows[d['row']]
            for part in d['column'].split('.'):
                cell = [c[part] for c in cell] if isinstance(cell, list) else cell[part]
            if isinstance(cell, list):
                assert d['value'] in cell, d
            elif d['column'] in ('source_text', 'target_text', 'sentence'):
                assert d['value'] in cell, d
            else:
                assert cell == d['value'], d
        continue
    data = open(path, 'rb').read()
    if rel.endswith('.gz'):
        data = gzip.decompress(data)
    last = -1
    for d in sorted(ls, key=lambda x: x['span'][0]):
        s, e = d['span']
        assert data[s:e].decode('utf-8') == d['value'], (d, data[s:e])
        assert s >= last, ('overlap', d)
        last = e
        assert d['line'] == data[:s].count(b'\n') + 1
        if 'decoded' in d:
            assert json.loads('"%s"' % d['value']) == d['decoded'], d
for d in labels:
    v = d.get('decoded', d['value'])
    if d.get('validator') and d['kind' if 'kind' in d else 'category'] != 'masked':
        mod = d['validator']
        x = re.sub(r'\D', '', v) if mod == 'luhn' else v
        assert is_ok(mod, x) == d['positive'], d
    if not d['positive'] and (d.get('kind') or '').startswith('onedigit_') and d['category'] in ('national_id', 'iban', 'card'):
        assert valid_any(v) is None, d
    if d['positive'] and d['category'] == 'email':
        assert not BAD_EMAIL_DOMAIN.search(v.split('@')[1]), d
    if d['positive'] and d['category'] == 'ip':
        assert ipaddress.ip_address(v).is_global, d
    if d['positive'] and d['category'] == 'phone':
        assert phone_valid_in(v, LOCS[d['locale']]['region']), d
    if d['positive'] and d['category'] == 'mac':
        assert int(re.sub(r'[^0-9a-fA-F]', '', v)[:2], 16) & 1 == 0, d

# =====================================================================
# report
# =====================================================================
tot = collections.Counter()
total_bytes = sum(os.path.getsize(os.path.join(OUT, r)) for r in FILES)
if not ARGS.quiet:
    print('%-52s %6s %6s' % ('file', 'pos', 'neg'))
    for rel in sorted(FILES):
        ls = byfile.get(rel, [])
        print('%-52s %6d %6d' % (rel, sum(d['positive'] for d in ls), sum(not d['positive'] for d in ls)))
    print()
    print('%-12s %6s %6s' % ('category', 'pos', 'neg'))
for c in CATS:
    p = sum(1 for d in labels if d['category'] == c and d['positive'])
    n = sum(1 for d in labels if d['category'] == c and not d['positive'])
    tot['pos'] += p
    tot['neg'] += n
    if not ARGS.quiet:
        print('%-12s %6d %6d' % (c, p, n))
print('blind9 seed=%d: %d files (%d bytes), %d labels (%d positive, %d negative, %.1f%% negative), %d templates, %.1fs'
      % (SEED, len(FILES), total_bytes, len(labels), tot['pos'], tot['neg'], 100.0 * tot['neg'] / max(1, len(labels)), len(TEMPLATES), time.time() - T0))
