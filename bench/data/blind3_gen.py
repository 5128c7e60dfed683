#!/usr/bin/env python3
"""Independent labelled evaluation set for a dataset PII / secret scanner.

Usage: blind3_gen.py --seed N --out DIR
Writes ~30 data files in real-world shapes plus DIR/labels.jsonl (one object per planted value).
Oracles: python-stdnum for identifiers, phonenumbers for phones, Luhn for cards.
Every positive is asserted valid by its oracle; identifier/phone negatives are asserted INVALID.
"""
import argparse, base64, bz2, datetime as dt, decimal, gzip, hashlib, hmac, importlib, io, json, lzma
import os, re, string, struct, random, uuid
from itertools import product

import phonenumbers as pn
from phonenumbers import PhoneNumberType as PT
from faker import Faker
import pyarrow as pa, pyarrow.parquet as pq
from stdnum import luhn, ean, isbn
from stdnum import iban as stdiban

R = random.Random(0)
DIG = string.digits
UP = string.ascii_uppercase
AL = string.ascii_letters + string.digits
HEX = '0123456789abcdef'


def rs(alpha, n):
    return ''.join(R.choice(alpha) for _ in range(n))


def d(n):
    return rs(DIG, n)


def mod(m):
    return importlib.import_module('stdnum.' + m)


def brute(m, base, alpha=DIG, n=1):
    M = mod(m)
    for tail in product(alpha, repeat=n):
        c = base + ''.join(tail)
        if M.is_valid(c):
            return c
    return None


def retry(fn):
    for _ in range(2000):
        v = fn()
        if v:
            return v
    raise RuntimeError('generator failed')


def bdate(lo=1955, hi=2003):
    return dt.date(lo, 1, 1) + dt.timedelta(days=R.randrange(0, 365 * (hi - lo)))


# ---------------------------------------------------------------- identifiers (valid per stdnum)
def tckn():
    return retry(lambda: brute('tr.tckimlik', R.choice('123456789') + d(8), n=2))


def cnp():
    b = bdate()
    s = R.choice('12') if b.year < 2000 else R.choice('56')
    return retry(lambda: brute('ro.cnp', s + b.strftime('%y%m%d') + '%02d' % R.randint(1, 40) + '%03d' % R.randint(1, 999)))


def pesel():
    b = bdate()
    mm = b.month + (20 if b.year >= 2000 else 0)
    return retry(lambda: brute('pl.pesel', b.strftime('%y') + '%02d' % mm + b.strftime('%d') + d(4)))


def cz_rc():
    def one():
        b = bdate(1960, 2003)
        mm = b.month + (50 if R.random() < .5 else 0)
        c = brute('cz.rc', b.strftime('%y') + '%02d' % mm + b.strftime('%d') + d(3))
        return c and c[:6] + '/' + c[6:]
    return retry(one)


def amka():
    return retry(lambda: brute('gr.amka', bdate().strftime('%d%m%y') + d(4)))


def gr_afm():
    return retry(lambda: brute('gr.vat', R.choice('1') + d(7)))


def il_id():
    return retry(lambda: brute('il.idnr', d(8)))


def th_pin():
    return retry(lambda: brute('th.pin', R.choice('12345678') + d(11)))


def cn_ric():
    area = R.choice(['110101', '310104', '440305', '510107', '330106', '420102'])
    return retry(lambda: brute('cn.ric', area + bdate().strftime('%Y%m%d') + d(3), alpha=DIG + 'X'))


def aadhaar():
    return retry(lambda: brute('in_.aadhaar', R.choice('23456789') + d(10)))


def pan():
    return rs(UP, 3) + 'P' + rs(UP, 1) + d(4) + rs(UP, 1)


def curp():
    def one():
        b = bdate()
        c = rs('BCDFGHJKLMNPRSTVZ', 1) + rs('AEIOU', 1) + rs(UP, 2) + b.strftime('%y%m%d') + R.choice('HM') + \
            R.choice(['DF', 'JC', 'NL', 'PL', 'VZ']) + rs('BCDFGHJKLMNPRSTVZ', 3) + ('0' if b.year < 2000 else 'A')
        return brute('mx.curp', c)
    return retry(one)


def rfc():
    return retry(lambda: brute('mx.rfc', rs('BCDFGHJKLMNPRSTVZ', 1) + rs('AEIOU', 1) + rs(UP, 2) + bdate().strftime('%y%m%d') + rs(UP + DIG, 2), alpha=DIG + 'A'))


def cuit():
    c = retry(lambda: brute('ar.cuit', R.choice(['20', '27', '23']) + R.choice('123') + d(7)))
    return c[:2] + '-' + c[2:10] + '-' + c[10:]


def za_id():
    return retry(lambda: brute('za.idnr', bdate().strftime('%y%m%d') + d(4) + '08'))


def cpf():
    c = retry(lambda: brute('br.cpf', R.choice('123456789') + d(8), n=2))
    return c


def fmt_cpf(c):
    return '%s.%s.%s-%s' % (c[:3], c[3:6], c[6:9], c[9:])


def pt_nif():
    return retry(lambda: brute('pt.nif', R.choice('12') + d(7)))


def kr_rrn():
    def one():
        b = bdate()
        g = R.choice('12') if b.year < 2000 else R.choice('34')
        c = brute('kr.rrn', b.strftime('%y%m%d') + g + '%02d' % R.randint(0, 90) + d(3))
        return c and c[:6] + '-' + c[6:]
    return retry(one)


def jp_mynumber():
    return retry(lambda: brute('jp.in_', R.choice('123456789') + d(10)))


def id_nik():
    def one():
        b = bdate()
        dd = b.day + (40 if R.random() < .5 else 0)
        c = '3174' + '0' + R.choice('123456789') + '%02d' % dd + b.strftime('%m%y') + '%04d' % R.randint(1, 999)
        return c if mod('id.nik').is_valid(c) else None
    return retry(one)


def ua_rntrc():
    return retry(lambda: brute('ua.rntrc', R.choice('123') + d(8)))


def ru_inn():
    return retry(lambda: brute('ru.inn', R.choice(['77', '78', '50', '66']) + d(8), n=2))


def vn_mst():
    return retry(lambda: brute('vn.mst', R.choice(['01', '03', '79']) + d(7)))


def us_ssn():
    def one():
        s = '%03d-%02d-%04d' % (R.choice([R.randint(1, 665), R.randint(667, 899)]), R.randint(1, 99), R.randint(1, 9999))
        return s if mod('us.ssn').is_valid(s) else None
    return retry(one)


def pl_nip():
    return retry(lambda: brute('pl.nip', R.choice('123456789') + d(8)))


ID_MODULES = ['tr.tckimlik', 'ro.cnp', 'pl.pesel', 'pl.nip', 'cz.rc', 'gr.amka', 'gr.vat', 'il.idnr', 'th.pin', 'cn.ric', 'in_.aadhaar',
              'za.idnr', 'br.cpf', 'pt.nif', 'kr.rrn', 'jp.in_', 'ua.rntrc', 'ru.inn', 'vn.mst', 'us.ssn', 'es.dni', 'nl.bsn', 'de.idnr',
              'fr.nir', 'dk.cpr', 'no.fodselsnummer', 'se.personnummer', 'fi.hetu', 'be.nn', 'at.vnr', 'ca.sin', 'lt.asmens', 'gb.nhs',
              'it.codicefiscale', 'bg.egn', 'hr.oib', 'si.emso', 'ee.ik', 'lv.pk', 'ch.ssn', 'mx.curp', 'ar.cuit', 'id.nik', 'cl.rut', 'co.nit']


def _idmods():
    out = []
    for m in ID_MODULES:
        try:
            out.append(mod(m))
        except ImportError:
            pass
    return out


def valid_any_id(v):
    """True when some stdnum national-id / tax-id module accepts v (used to keep negatives clean)."""
    for M in _idmods():
        try:
            if M.is_valid(v):
                return True
        except Exception:
            pass
    return False


def clean(fn):
    """Draw a negative that no national-id oracle accepts."""
    for _ in range(1000):
        v = fn()
        if not valid_any_id(v):
            return v
    raise RuntimeError


def invalid(m, v):
    """Same shape, last digit changed so that the oracle rejects it (and no other id oracle accepts it)."""
    M = mod(m)
    idx = max(i for i, ch in enumerate(v) if ch.isdigit())
    for ch in R.sample(DIG, 10):
        c = v[:idx] + ch + v[idx + 1:]
        if c != v and not M.is_valid(c) and not valid_any_id(c) and not mod('pk.cnic').is_valid(c):
            return c
    return None


# ---------------------------------------------------------------- IBAN, cards
IBAN_BBAN = {
    'TR': lambda: d(5) + '0' + d(16), 'RO': lambda: rs(UP, 4) + d(16), 'PL': lambda: d(24), 'CZ': lambda: d(20),
    'HU': lambda: d(24), 'GR': lambda: d(23), 'UA': lambda: d(6) + d(19), 'IL': lambda: d(19), 'SA': lambda: d(2) + d(18),
    'PT': lambda: d(21), 'BR': lambda: d(23) + 'C' + '1',
}


def gen_iban(cc):
    for _ in range(500):
        bban = IBAN_BBAN[cc]()
        for k in range(2, 99):
            c = '%s%02d%s' % (cc, k, bban)
            if stdiban.is_valid(c):
                return c
    raise RuntimeError(cc)


def iban_spaced(c):
    return ' '.join(c[i:i + 4] for i in range(0, len(c), 4))


def gen_card(prefix, length=16):
    base = prefix + d(length - len(prefix) - 1)
    return base + luhn.calc_check_digit(base)


def card_grouped(c, sep=' '):
    if len(c) == 15:
        return c[:4] + sep + c[4:10] + sep + c[10:]
    return sep.join(c[i:i + 4] for i in range(0, len(c), 4))


# ---------------------------------------------------------------- phones (valid per phonenumbers)
MOBILE_PREFIX = {
    'TR': ['50', '53', '54', '55'], 'KR': ['10'], 'CN': ['13', '15', '18', '17'], 'GR': ['69'], 'JP': ['90', '80', '70'],
    'UA': ['50', '67', '63', '93', '97'], 'RU': ['91', '92', '98', '90'], 'IL': ['50', '52', '54', '58'], 'SA': ['50', '53', '55', '54'],
    'TH': ['8', '9', '6'], 'VN': ['9', '3', '8'], 'TW': ['9'], 'IN': ['9', '8', '7'], 'ID': ['81', '85', '87'], 'PT': ['91', '92', '93', '96'],
    'BR': ['119', '219', '319', '419', '619'], 'MX': ['55', '33', '81'], 'AR': ['911', '9351', '9341'], 'ZA': ['82', '83', '72', '73', '61'],
    'NG': ['80', '81', '70', '90'], 'RO': ['72', '74', '75', '76'], 'PL': ['5', '6', '7'], 'CZ': ['60', '72', '73', '77'], 'HU': ['20', '30', '70'],
}
NSN_LEN = {'ID': [10, 11]}


def gen_num(region, ptype=PT.MOBILE):
    ex = pn.example_number_for_type(region, ptype)
    nsn = str(ex.national_number)
    want = (ptype, PT.FIXED_LINE_OR_MOBILE)
    prefixes = MOBILE_PREFIX.get(region, [nsn[:1]]) if ptype == PT.MOBILE else [nsn[:1]]
    lens = NSN_LEN.get(region, [len(nsn)]) if ptype == PT.MOBILE else [len(nsn)]
    for _ in range(20000):
        pre = R.choice(prefixes)
        cand = pre + d(R.choice(lens) - len(pre))
        num = pn.parse('+%d%s' % (ex.country_code, cand))
        if pn.is_valid_number(num) and pn.region_code_for_number(num) == region and pn.number_type(num) in want:
            return num
    raise RuntimeError(region)


def ph(region, style='nat', ptype=PT.MOBILE):
    num = gen_num(region, ptype)
    F = pn.PhoneNumberFormat
    nat = pn.format_number(num, F.NATIONAL)
    intl = pn.format_number(num, F.INTERNATIONAL)
    e164 = pn.format_number(num, F.E164)
    s = {'nat': nat, 'intl': intl, 'e164': e164, 'digits_nat': re.sub(r'\D', '', nat),
         'nsn': str(num.national_number), 'cc_digits': e164[1:], 'intl_00': '00' + intl[1:],
         'dash_nat': re.sub(r'[ ]', '-', nat), 'intl_dash': re.sub(r'[ ]', '-', intl)}[style]
    chk = '+' + s if style == 'cc_digits' else s
    assert pn.is_valid_number(pn.parse(chk, region)), (region, style, s)
    return s


# ---------------------------------------------------------------- secrets
def b64u(b):
    return base64.urlsafe_b64encode(b).rstrip(b'=').decode()


def jwt(sub, email):
    h = b64u(json.dumps({'alg': 'HS256', 'typ': 'JWT'}, separators=(',', ':')).encode())
    now = 1710230000 + R.randint(0, 100000)
    p = b64u(json.dumps({'sub': sub, 'email': email, 'iat': now, 'exp': now + 3600, 'scope': 'read write'}, separators=(',', ':')).encode())
    sig = b64u(hmac.new(R.randbytes(32), (h + '.' + p).encode(), hashlib.sha256).digest())
    return h + '.' + p + '.' + sig


def password():
    return rs(UP, 2) + rs(string.ascii_lowercase, 4) + rs(DIG, 3) + R.choice('!#%*') + rs(AL, 5)


SECRETS = {
    'aws_akid': lambda: 'AKIA' + rs('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16),
    'aws_secret': lambda: rs(AL + '/+', 40),
    'github_pat': lambda: 'ghp_' + rs(AL, 36),
    'github_finegrained': lambda: 'github_pat_11' + rs(UP + DIG, 20) + '_' + rs(AL, 59),
    'gitlab_pat': lambda: 'glpat-' + rs(AL + '_-', 20),
    'slack_bot': lambda: 'xoxb-' + d(12) + '-' + d(13) + '-' + rs(AL, 24),
    'slack_webhook': lambda: 'https://hooks.slack.com/services/T' + rs(UP + DIG, 10) + '/B' + rs(UP + DIG, 10) + '/' + rs(AL, 24),
    'stripe_live': lambda: 'sk_live_51' + rs(AL, 96),
    'twilio_api_key': lambda: 'SK' + rs(HEX, 32),
    'twilio_auth_token': lambda: rs(HEX, 32),
    'sendgrid': lambda: 'SG.' + rs(AL + '-_', 22) + '.' + rs(AL + '-_', 43),
    'openai_proj': lambda: 'sk-proj-' + rs(AL + '-_', 74) + 'T3BlbkFJ' + rs(AL + '-_', 74),
    'openai_legacy': lambda: 'sk-' + rs(AL, 20) + 'T3BlbkFJ' + rs(AL, 20),
    'anthropic': lambda: 'sk-ant-api03-' + rs(AL + '-_', 93) + 'AA',
    'huggingface': lambda: 'hf_' + rs(string.ascii_letters, 34),
    'npm': lambda: 'npm_' + rs(AL, 36),
    'pypi': lambda: 'pypi-AgEIcHlwaS5vcmc' + rs(AL + '-_', 150),
    'google_api': lambda: 'AIza' + rs(AL + '-_', 35),
    'azure_account_key': lambda: base64.b64encode(R.randbytes(64)).decode(),
}


def sec(kind):
    return SECRETS[kind]()


def gen_prime(bits):
    small = [p for p in range(3, 2000) if all(p % q for q in range(2, int(p ** .5) + 1))]
    while True:
        n = R.getrandbits(bits) | (1 << (bits - 1)) | (1 << (bits - 2)) | 1
        if any(n % p == 0 for p in small):
            continue
        ok = True
        dd, s = n - 1, 0
        while dd % 2 == 0:
            dd //= 2; s += 1
        for _ in range(20):
            a = R.randrange(2, n - 2)
            x = pow(a, dd, n)
            if x in (1, n - 1):
                continue
            for _ in range(s - 1):
                x = pow(x, 2, n)
                if x == n - 1:
                    break
            else:
                ok = False; break
        if ok:
            return n


def rsa_pem_pkcs8():
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives import serialization as S
    e = 65537
    while True:
        p, q = gen_prime(1024), gen_prime(1024)
        phi = (p - 1) * (q - 1)
        if p != q and phi % e:
            break
    dd = pow(e, -1, phi)
    nums = rsa.RSAPrivateNumbers(p, q, dd, dd % (p - 1), dd % (q - 1), pow(q, -1, p), rsa.RSAPublicNumbers(e, p * q))
    key = nums.private_key()
    return key.private_bytes(S.Encoding.PEM, S.PrivateFormat.PKCS8, S.NoEncryption()).decode()


def ec_pem():
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives import serialization as S
    k = ec.derive_private_key(R.getrandbits(250) + 1, ec.SECP256R1())
    return k.private_bytes(S.Encoding.PEM, S.PrivateFormat.TraditionalOpenSSL, S.NoEncryption()).decode()


def openssh_ed25519(comment=b'deploy@ci-runner'):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives import serialization as S
    seed = R.randbytes(32)
    k = Ed25519PrivateKey.from_private_bytes(seed)
    pub = k.public_key().public_bytes(S.Encoding.Raw, S.PublicFormat.Raw)

    def s(b):
        return struct.pack('>I', len(b)) + b
    pubblob = s(b'ssh-ed25519') + s(pub)
    ci = R.getrandbits(32)
    priv = struct.pack('>II', ci, ci) + s(b'ssh-ed25519') + s(pub) + s(seed + pub) + s(comment)
    i = 1
    while len(priv) % 8:
        priv += bytes([i]); i += 1
    blob = b'openssh-key-v1\0' + s(b'none') + s(b'none') + s(b'') + struct.pack('>I', 1) + s(pubblob) + s(priv)
    b = base64.b64encode(blob).decode()
    body = '\n'.join(b[i:i + 70] for i in range(0, len(b), 70))
    publine = 'ssh-ed25519 ' + base64.b64encode(pubblob).decode() + ' ' + comment.decode()
    return '-----BEGIN OPENSSH PRIVATE KEY-----\n' + body + '\n-----END OPENSSH PRIVATE KEY-----\n', publine


def ed25519_cert_pem():
    from cryptography import x509
    from cryptography.x509.oid import NameOID
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives import serialization as S
    k = Ed25519PrivateKey.from_private_bytes(R.randbytes(32))
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, 'api.acme.internal')])
    c = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(k.public_key())
         .serial_number(R.getrandbits(64)).not_valid_before(dt.datetime(2024, 1, 1)).not_valid_after(dt.datetime(2026, 1, 1))
         .sign(k, None))
    return c.public_bytes(S.Encoding.PEM).decode()


def png_b64():
    import zlib
    w = h = 16
    raw = b''.join(b'\0' + R.randbytes(w * 3) for _ in range(h))

    def chunk(t, b):
        return struct.pack('>I', len(b)) + t + b + struct.pack('>I', zlib.crc32(t + b) & 0xffffffff)
    png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b'')
    return base64.b64encode(png).decode()


def md5():
    return hashlib.md5(R.randbytes(16)).hexdigest()


def sha1():
    return hashlib.sha1(R.randbytes(16)).hexdigest()


def sha256():
    return hashlib.sha256(R.randbytes(16)).hexdigest()


def uid():
    return str(uuid.UUID(int=R.getrandbits(128), version=4))


def public_ipv4():
    while True:
        a = R.choice([31, 37, 46, 62, 78, 85, 88, 91, 94, 95, 176, 178, 185, 188, 195, 212, 217])
        ip = '%d.%d.%d.%d' % (a, R.randint(0, 255), R.randint(0, 255), R.randint(1, 254))
        return ip


def ipv6():
    return '2a02:%x:%x:%x:%x:%x:%x:%x' % tuple(R.randint(1, 0xffff) for _ in range(7))


def mac(sep=':', upper=False):
    b = [0x3c, 0x22, 0xfb] if R.random() < .5 else [0xa4, 0x83, 0xe7]
    b += [R.randint(0, 255) for _ in range(3)]
    s = sep.join('%02x' % x for x in b)
    return s.upper() if upper else s


# ---------------------------------------------------------------- people
FK = {}


def fk(loc):
    if loc not in FK:
        FK[loc] = Faker(loc)
    return FK[loc]


FAMILY_FIRST = {'hu_HU', 'ja_JP', 'ko_KR', 'zh_CN', 'zh_TW'}


def name(loc):
    f = fk(loc)
    if loc == 'vi_VN':
        return R.choice(['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ']) + ' ' + \
            R.choice(['Văn', 'Thị', 'Hữu', 'Minh', 'Ngọc', 'Đức', 'Thanh', 'Quốc']) + ' ' + \
            R.choice(['An', 'Bình', 'Cường', 'Dũng', 'Hà', 'Hạnh', 'Hương', 'Lan', 'Linh', 'Minh', 'Nam', 'Phương', 'Quân', 'Thảo', 'Trang', 'Tuấn', 'Vy'])
    first, last = f.first_name(), f.last_name()
    if loc in ('ko_KR', 'zh_CN', 'zh_TW'):
        return last + first
    if loc in ('hu_HU', 'ja_JP'):
        return last + ' ' + first
    return first + ' ' + last


def email_for(domain):
    u = fk('en_US').user_name()
    return u + R.choice(['', '.' + d(2), d(4)]) + '@' + domain


def addr(loc):
    f = fk(loc) if loc in ('cs_CZ', 'hu_HU', 'el_GR', 'uk_UA', 'ru_RU', 'he_IL', 'th_TH', 'vi_VN', 'ja_JP', 'ko_KR', 'zh_CN',
                           'zh_TW', 'hi_IN', 'id_ID', 'pt_PT', 'pt_BR', 'es_AR', 'zu_ZA', 'pl_PL') else None
    n = R.randint(1, 180)
    if loc == 'tr_TR':
        il = R.choice([('Kadıköy', 'İstanbul'), ('Çankaya', 'Ankara'), ('Bornova', 'İzmir'), ('Nilüfer', 'Bursa')])
        return '%s Mah. %d. Sok. No:%d D:%d %s/%s' % (R.choice(['Atatürk', 'Cumhuriyet', 'Fatih', 'Yıldız', 'Bahçelievler', 'Çamlık']), R.randint(1, 250), n, R.randint(1, 20), il[0], il[1])
    if loc == 'ro_RO':
        return 'Str. %s nr. %d, bl. %s%d, ap. %d, %s' % (R.choice(['Mihai Eminescu', 'Florilor', 'Unirii', 'Victoriei', 'Avram Iancu']), n, R.choice('ABCDM'), R.randint(1, 9), R.randint(1, 60), R.choice(['București', 'Cluj-Napoca', 'Iași', 'Timișoara']))
    if loc == 'pl_PL':
        return 'ul. %s %d/%d' % (R.choice(['Miłosza', 'Słowackiego', 'Marszałkowska', 'Długa', 'Kościuszki']), n, R.randint(1, 40))
    if loc == 'cs_CZ':
        return '%s, %s %s' % (f.street_address(), f.postcode(), f.city())
    if loc == 'hu_HU':
        return '%s %s, %s' % (f.postcode().replace('H-', ''), f.city(), f.street_address())
    if loc == 'el_GR':
        return '%s, %s %s' % (f.street_address(), '%03d %02d' % (R.randint(100, 851), R.randint(0, 99)), f.city())
    if loc in ('uk_UA', 'ru_RU', 'th_TH', 'ja_JP', 'ko_KR', 'zh_CN', 'zh_TW', 'hi_IN', 'zu_ZA'):
        return f.address().replace('\n', ', ')
    if loc == 'he_IL':
        return '%s, %s %s' % (f.street_address(), f.city(), f.postcode())
    if loc == 'ar_SA':
        return '%d %s، حي %s، %s %s' % (n, R.choice(['شارع الملك فهد', 'طريق الملك عبدالعزيز', 'شارع التحلية', 'شارع العليا']), R.choice(['العليا', 'النخيل', 'الملز', 'الروضة']), R.choice(['الرياض', 'جدة', 'الدمام']), d(5))
    if loc == 'vi_VN':
        return '%s, %s' % (f.street_address(), f.city())
    if loc == 'en_IN':
        return 'Flat %d, %s, %s %s' % (n, R.choice(['MG Road', 'Link Road', 'Station Road', 'Nehru Nagar']), R.choice(['Pune', 'Bengaluru', 'Chennai', 'Hyderabad']), R.choice('1234567') + d(5))
    if loc == 'id_ID':
        return '%s, %s %s' % (f.street_address(), f.city(), f.postcode())
    if loc == 'pt_PT':
        return '%s, %s %s' % (f.street_address(), f.postcode(), f.city())
    if loc == 'pt_BR':
        return '%s, %s' % (f.street_address(), f.city())
    if loc == 'es_MX':
        return 'Calle %s %d, Col. %s, %s %s' % (R.choice(['Hidalgo', 'Juárez', 'Morelos', 'Reforma']), n, R.choice(['Centro', 'Roma Norte', 'Del Valle', 'Polanco']), d(5), R.choice(['Ciudad de México', 'Guadalajara', 'Monterrey', 'Puebla']))
    if loc == 'es_AR':
        return '%s, %s' % (f.street_address(), f.city())
    if loc == 'en_NG':
        return '%d %s, %s' % (n, R.choice(['Adeola Odeku Street', 'Allen Avenue', 'Awolowo Road', 'Ahmadu Bello Way']), R.choice(['Victoria Island, Lagos', 'Ikeja, Lagos', 'Ikoyi, Lagos', 'Garki, Abuja']))
    raise KeyError(loc)


# ---------------------------------------------------------------- labels / files
class Doc:
    def __init__(self, rel, fmt, fold=False):
        self.rel, self.fmt, self.fold = rel, fmt, fold
        self.items = []

    def p(self, value, cat, form, cue='none', pos=True, needle=None, **kw):
        it = dict(value=value, category=cat, form=form, cue=cue, positive=pos, needle=needle if needle is not None else value)
        it.update(kw)
        self.items.append(it)
        return value

    def w(self, value, cat, form, cue='none', pos=True, needle=None, **kw):
        self.p(value, cat, form, cue, pos, needle, **kw)
        return needle

    def n(self, value, cat, form, cue='none', **kw):
        return self.p(value, cat, form, cue, pos=False, **kw)


def locate(data, items, fold=False):
    cur = 0
    for it in items:
        nb = it['needle'].encode()
        if fold:
            pat = b'(?:\r\n[ \t])?'.join(re.escape(bytes([c])) for c in nb)
            m = re.compile(pat).search(data, cur)
            if not m:
                raise RuntimeError('not found: %r' % it)
            s, e = m.start(), m.end()
        else:
            s = data.find(nb, cur)
            if s < 0:
                raise RuntimeError('not found: %r' % it)
            e = s + len(nb)
        it['span'] = [s, e]
        it['line'] = data.count(b'\n', 0, s) + 1
        cur = e


def esc(v, ascii=False):
    return json.dumps(v, ensure_ascii=ascii)[1:-1]


def csvf(v, delim=','):
    v = str(v)
    if any(c in v for c in (delim, '"', '\n', '\r')):
        return '"' + v.replace('"', '""') + '"'
    return v


# ================================================================= FILES
def f_tr_csv():
    D = Doc('tr/musteri_listesi.csv', 'csv')
    cols = ['sira', 'ad_soyad', 'kimlik_no', 'telefon', 'cep_tel', 'email_adresi', 'adres', 'dogum_tarihi', 'iban', 'bakiye', 'siparis_no', 'kayit_tarihi']
    lines = [';'.join(cols)]
    for i in range(6):
        nm = D.p(name('tr_TR'), 'name', 'tr_name_col_ad_soyad', 'ad_soyad')
        if i < 4:
            t = D.p(tckn(), 'national_id', 'tr_tckn_col_kimlik_no', 'kimlik_no', stdnum='tr.tckimlik')
        else:
            t = D.n(retry(lambda: invalid('tr.tckimlik', tckn())), 'national_id', 'tr_tckn_bad_checksum_col_kimlik_no', 'kimlik_no', stdnum='tr.tckimlik')
        p1 = D.p(ph('TR', 'nat'), 'phone', 'tr_phone_national_05xx_col_telefon', 'telefon')
        p2 = D.p(ph('TR', 'nsn'), 'phone', 'tr_phone_10digits_no_trunk_col_cep_tel', 'cep_tel')
        em = D.p(email_for(R.choice(['gmail.com', 'hotmail.com', 'yandex.com.tr', 'firma.com.tr'])), 'email', 'email_col_email_adresi', 'email_adresi')
        ad = D.p(addr('tr_TR'), 'address', 'tr_address_col_adres', 'adres')
        b = bdate()
        db = D.p(b.strftime('%d.%m.%Y'), 'dob', 'dob_ddmmyyyy_dots_col_dogum_tarihi', 'dogum_tarihi')
        ib = D.p(iban_spaced(gen_iban('TR')), 'iban', 'tr_iban_spaced_col_iban', 'iban')
        bak = '{:,.2f}'.format(R.randint(100, 9999999) / 100).replace(',', 'X').replace('.', ',').replace('X', '.')
        if i % 2 == 0:
            so = D.n(clean(lambda: gen_card('1' + R.choice('0123'), 16)), 'card', 'order_no_16d_luhn_valid_col_siparis_no', 'siparis_no')
        else:
            so = D.n(clean(lambda: '1' + d(15)), 'card', 'order_no_16d_col_siparis_no', 'siparis_no')
        kt = D.n(dt.datetime(2023, 1, 1) .replace(month=R.randint(1, 12), day=R.randint(1, 28)).strftime('%d.%m.%Y') + ' %02d:%02d' % (R.randint(0, 23), R.randint(0, 59)), 'dob', 'registration_datetime_col_kayit_tarihi', 'kayit_tarihi')
        lines.append(';'.join(csvf(x, ';') for x in [i + 1, nm, t, p1, p2, em, ad, db, ib, bak, so, kt]))
    return D, ('\n'.join(lines) + '\n')


def f_ro_csv():
    D = Doc('ro/export_clienti.csv', 'csv')
    out = ['Raport clienti - export CRM', 'Generat la: %02d.03.2024 09:15' % R.randint(1, 28), '',
           'Nume,Prenume,CNP,Telefon,Email,Adresa,Data nasterii,Cod postal']
    for i in range(5):
        f = fk('ro_RO')
        ln = D.p(f.last_name(), 'name', 'ro_surname_alone_col_nume', 'Nume')
        fn = D.p(f.first_name(), 'name', 'ro_given_name_alone_col_prenume', 'Prenume')
        if i < 4:
            c = D.p(cnp(), 'national_id', 'ro_cnp_col_CNP', 'CNP', stdnum='ro.cnp')
        else:
            c = D.n(retry(lambda: invalid('ro.cnp', cnp())), 'national_id', 'ro_cnp_bad_checksum_col_CNP', 'CNP', stdnum='ro.cnp')
        t = D.p(ph('RO', 'nat' if i % 2 else 'intl'), 'phone', 'ro_phone_%s_col_Telefon' % ('national' if i % 2 else 'intl'), 'Telefon')
        e = D.p(email_for(R.choice(['yahoo.com', 'gmail.com', 'yahoo.ro'])), 'email', 'email_col_Email', 'Email')
        a = D.p(addr('ro_RO'), 'address', 'ro_address_quoted_col_Adresa', 'Adresa')
        b = D.p(bdate().strftime('%d/%m/%Y'), 'dob', 'dob_ddmmyyyy_slash_col_Data_nasterii', 'Data nasterii')
        pc = D.p(d(6), 'address', 'ro_postcode_alone_col_Cod_postal', 'Cod postal')
        out.append(','.join(csvf(x) for x in [ln, fn, c, t, e, a, b, pc]))
    return D, '\n'.join(out) + '\n'


def f_pl_psv():
    D = Doc('pl/klienci.psv', 'csv')
    out = ['id|imie_nazwisko|pesel|numer_telefonu|nip|adres_email|ulica|miasto|kod_pocztowy|nr_zamowienia']
    for i in range(5):
        nm = D.p(name('pl_PL'), 'name', 'pl_name_col_imie_nazwisko', 'imie_nazwisko')
        if i < 4:
            pe = D.p(pesel(), 'national_id', 'pl_pesel_col_pesel', 'pesel', stdnum='pl.pesel')
        else:
            pe = D.n(retry(lambda: invalid('pl.pesel', pesel())), 'national_id', 'pl_pesel_bad_checksum_col_pesel', 'pesel', stdnum='pl.pesel')
        t = D.p(ph('PL', 'nat' if i % 2 == 0 else 'e164'), 'phone', 'pl_phone_%s_col_numer_telefonu' % ('national_9d_spaced' if i % 2 == 0 else 'e164'), 'numer_telefonu')
        nip = D.p(pl_nip(), 'national_id', 'pl_nip_col_nip', 'nip', stdnum='pl.nip')
        e = D.p(email_for(R.choice(['wp.pl', 'onet.pl', 'o2.pl', 'interia.pl'])), 'email', 'email_col_adres_email', 'adres_email')
        ul = D.p(addr('pl_PL'), 'address', 'pl_street_line_col_ulica', 'ulica')
        mi = D.n(fk('pl_PL').city(), 'address', 'city_alone_col_miasto', 'miasto')
        kp = D.p('%02d-%03d' % (R.randint(0, 99), R.randint(0, 999)), 'address', 'pl_postcode_col_kod_pocztowy', 'kod_pocztowy')
        zo = 'ZAM/2024/%02d/%05d' % (R.randint(1, 12), R.randint(1, 99999))
        out.append('|'.join([str(1000 + i), nm, pe, t, nip, e, ul, mi, kp, zo]))
    return D, '\n'.join(out) + '\n'


def f_cz_hu_tsv():
    D = Doc('cz_hu/kontakty.tsv', 'csv')
    out = []
    for i in range(3):
        nm = D.p(name('cs_CZ'), 'name', 'cz_name_headerless_tsv')
        if i < 2:
            rc = D.p(cz_rc(), 'national_id', 'cz_rodne_cislo_slash_headerless_tsv', stdnum='cz.rc')
        else:
            rc = D.n(retry(lambda: invalid('cz.rc', cz_rc())), 'national_id', 'cz_rodne_cislo_bad_checksum_headerless_tsv', stdnum='cz.rc')
        t = D.p(ph('CZ', 'intl'), 'phone', 'cz_phone_intl_headerless_tsv')
        e = D.p(email_for(R.choice(['seznam.cz', 'email.cz', 'centrum.cz'])), 'email', 'email_headerless_tsv')
        ib = D.p(gen_iban('CZ'), 'iban', 'cz_iban_compact_headerless_tsv')
        a = D.p(addr('cs_CZ'), 'address', 'cz_address_headerless_tsv')
        out.append('\t'.join([nm, rc, t, e, ib, a]))
    for i in range(3):
        nm = D.p(name('hu_HU'), 'name', 'hu_name_family_first_headerless_tsv')
        t = D.p(ph('HU', 'nat'), 'phone', 'hu_phone_national_06_headerless_tsv')
        e = D.p(email_for(R.choice(['freemail.hu', 'gmail.com', 'citromail.hu'])), 'email', 'email_headerless_tsv')
        ib = D.p(gen_iban('HU'), 'iban', 'hu_iban_compact_headerless_tsv')
        a = D.p(addr('hu_HU'), 'address', 'hu_address_headerless_tsv')
        out.append('\t'.join([nm, '', t, e, ib, a]))
    return D, '\n'.join(out) + '\n'


def f_fixed_width():
    D = Doc('ru_ua_gr/reestr.txt', 'text')
    L = []
    L.append('РЕЕСТР КЛИЕНТОВ (выгрузка %s)' % dt.date(2024, 3, R.randint(1, 28)).isoformat())
    L.append('ФИО'.ljust(38) + 'ИНН'.ljust(14) + 'Телефон'.ljust(22) + 'Дата рождения')
    L.append('-' * 37 + ' ' + '-' * 13 + ' ' + '-' * 21 + ' ' + '-' * 13)
    for i in range(3):
        f = fk('ru_RU')
        nm = D.p(f.last_name_male() + ' ' + f.first_name_male() + ' ' + f.middle_name_male(), 'name', 'ru_fio_fixed_width', 'ФИО')
        inn = D.p(ru_inn(), 'national_id', 'ru_inn12_fixed_width', 'ИНН', stdnum='ru.inn')
        t = D.p(ph('RU', 'nat'), 'phone', 'ru_phone_8_paren_fixed_width', 'Телефон')
        b = D.p(bdate().strftime('%d.%m.%Y'), 'dob', 'dob_ddmmyyyy_fixed_width', 'Дата рождения')
        L.append(nm.ljust(38) + inn.ljust(14) + t.ljust(22) + b)
    L.append('')
    L.append('ПІБ'.ljust(38) + 'РНОКПП'.ljust(14) + 'Телефон'.ljust(22) + 'IBAN')
    L.append('-' * 37 + ' ' + '-' * 13 + ' ' + '-' * 21 + ' ' + '-' * 29)
    for i in range(3):
        nm = D.p(name('uk_UA'), 'name', 'ua_name_fixed_width', 'ПІБ')
        r = D.p(ua_rntrc(), 'national_id', 'ua_rnokpp_fixed_width', 'РНОКПП', stdnum='ua.rntrc')
        t = D.p(ph('UA', 'nat'), 'phone', 'ua_phone_national_0xx_fixed_width', 'Телефон')
        ib = D.p(gen_iban('UA'), 'iban', 'ua_iban_fixed_width', 'IBAN')
        L.append(nm.ljust(38) + r.ljust(14) + t.ljust(22) + ib)
    L.append('')
    L.append('Ονοματεπώνυμο'.ljust(38) + 'ΑΜΚΑ'.ljust(14) + 'Τηλέφωνο'.ljust(22) + 'ΑΦΜ')
    L.append('-' * 37 + ' ' + '-' * 13 + ' ' + '-' * 21 + ' ' + '-' * 9)
    for i in range(3):
        nm = D.p(name('el_GR'), 'name', 'gr_name_fixed_width', 'Ονοματεπώνυμο')
        if i < 2:
            am = D.p(amka(), 'national_id', 'gr_amka_fixed_width', 'ΑΜΚΑ', stdnum='gr.amka')
        else:
            am = D.n(retry(lambda: invalid('gr.amka', amka())), 'national_id', 'gr_amka_bad_checksum_fixed_width', 'ΑΜΚΑ', stdnum='gr.amka')
        t = D.p(ph('GR', 'nat'), 'phone', 'gr_phone_national_69x_fixed_width', 'Τηλέφωνο')
        af = D.p(gr_afm(), 'national_id', 'gr_afm_fixed_width', 'ΑΦΜ', stdnum='gr.vat')
        L.append(nm.ljust(38) + am.ljust(14) + t.ljust(22) + af)
    return D, '\n'.join(L) + '\n'


def f_markdown():
    D = Doc('il_sa/contacts.md', 'text')
    L = ['# רשימת אנשי קשר / قائمة جهات الاتصال', '', '| שם מלא | תעודת זהות | טלפון | כתובת |', '|---|---|---|---|']
    for i in range(3):
        nm = D.p(name('he_IL'), 'name', 'he_name_markdown_table', 'שם מלא')
        if i < 2:
            t = D.p(il_id(), 'national_id', 'il_teudat_zehut_markdown_table', 'תעודת זהות', stdnum='il.idnr')
        else:
            t = D.n(retry(lambda: invalid('il.idnr', il_id())), 'national_id', 'il_teudat_zehut_bad_checksum_markdown', 'תעודת זהות', stdnum='il.idnr')
        p = D.p(ph('IL', 'nat'), 'phone', 'il_phone_05x_dashes_markdown_table', 'טלפון')
        a = D.p(addr('he_IL'), 'address', 'he_address_markdown_table', 'כתובת')
        L.append('| %s | %s | %s | %s |' % (nm, t, p, a))
    L += ['', '| الاسم | رقم الجوال | البريد الإلكتروني | الآيبان | العنوان |', '|---|---|---|---|---|']
    for i in range(3):
        f = fk('ar_SA')
        nm = D.p(f.first_name_male() + ' ' + f.last_name(), 'name', 'ar_name_markdown_table', 'الاسم')
        p = D.p(ph('SA', 'nat'), 'phone', 'sa_phone_05x_markdown_table', 'رقم الجوال')
        e = D.p(email_for(R.choice(['gmail.com', 'hotmail.com', 'outlook.sa'])), 'email', 'email_markdown_table', 'البريد الإلكتروني')
        ib = D.p(gen_iban('SA'), 'iban', 'sa_iban_markdown_table', 'الآيبان')
        a = D.p(addr('ar_SA'), 'address', 'ar_address_markdown_table', 'العنوان')
        L.append('| %s | %s | %s | %s | %s |' % (nm, p, e, ib, a))
    L += ['', '## Testing payments', '', 'Use the documented test card']
    tc = D.n('4242 4242 4242 4242', 'card', 'stripe_test_card_in_docs', 'test card')
    L[-1] += ' `%s` with any future expiry date and any CVC.' % tc
    ph_ = D.n('YOUR_API_KEY', 'secret', 'placeholder_YOUR_API_KEY', 'STRIPE_KEY')
    L += ['', 'Then run:', '', '```bash', 'export STRIPE_KEY=%s' % ph_]
    ph2 = D.n('sk_live_xxxxxxxxxxxxxxxxxxxxxxxx', 'secret', 'placeholder_sk_live_xxxx', 'STRIPE_SECRET')
    L += ['export STRIPE_SECRET=%s   # replace with your key' % ph2, '```', '']
    return D, '\n'.join(L) + '\n'


def f_html():
    D = Doc('th_vi/customers.html', 'text')
    H = ['<!DOCTYPE html>', '<html lang="th"><head><meta charset="utf-8"><title>รายชื่อลูกค้า</title></head><body>',
         '<table class="customers">', '<thead><tr><th>ชื่อ-นามสกุล</th><th>เลขประจำตัวประชาชน</th><th>เบอร์โทร</th><th>อีเมล</th><th>ที่อยู่</th></tr></thead>', '<tbody>']
    for i in range(3):
        f = fk('th_TH')
        nm = D.p(f.first_name() + ' ' + f.last_name(), 'name', 'th_name_html_td', 'ชื่อ-นามสกุล')
        if i < 2:
            pin = D.p(mod('th.pin').format(th_pin()), 'national_id', 'th_pin_dashed_html_td', 'เลขประจำตัวประชาชน', stdnum='th.pin')
        else:
            pin = D.n(mod('th.pin').format(retry(lambda: invalid('th.pin', th_pin()))), 'national_id', 'th_pin_bad_checksum_html_td', 'เลขประจำตัวประชาชน', stdnum='th.pin')
        num = ph('TH', 'dash_nat')
        e164 = '+66' + re.sub(r'\D', '', num)[1:]
        assert pn.is_valid_number(pn.parse(e164))
        href = D.p(e164, 'phone', 'th_phone_e164_in_tel_href', 'tel:')
        shown = D.p(num, 'phone', 'th_phone_dashed_html_link_text', 'เบอร์โทร')
        em = email_for(R.choice(['gmail.com', 'hotmail.co.th']))
        D.p(em, 'email', 'email_in_mailto_href', 'mailto:')
        D.p(em, 'email', 'email_html_link_text', 'อีเมล')
        a = D.p(addr('th_TH'), 'address', 'th_address_html_td', 'ที่อยู่')
        H.append('<tr><td>%s</td><td>%s</td><td><a href="tel:%s">%s</a></td><td><a href="mailto:%s">%s</a></td><td>%s</td></tr>' % (nm, pin, href, shown, em, em, a))
    H += ['</tbody></table>', '<h2>Danh sách khách hàng</h2>', '<table>',
          '<tr><th>Họ và tên</th><th>Số điện thoại</th><th>Mã số thuế</th><th>Địa chỉ</th><th>Ngày sinh</th></tr>']
    for i in range(3):
        nm = D.p(name('vi_VN'), 'name', 'vi_name_html_td', 'Họ và tên')
        p = D.p(ph('VN', 'nat'), 'phone', 'vn_phone_national_html_td', 'Số điện thoại')
        m = D.p(vn_mst(), 'national_id', 'vn_mst_tax_code_html_td', 'Mã số thuế', stdnum='vn.mst')
        a = D.p(addr('vi_VN'), 'address', 'vi_address_html_td', 'Địa chỉ')
        b = D.p(bdate().strftime('%d/%m/%Y'), 'dob', 'dob_ddmmyyyy_html_td_ngay_sinh', 'Ngày sinh')
        H.append('<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>' % (nm, p, m, a, b))
    H += ['</table>', '<footer>Generated by CRM %s &middot; build %s</footer>' % (D.n('4.2.1.%d' % R.randint(1, 99), 'ip', 'ip_like_version_html_footer', 'CRM'), sha1()[:12]), '</body></html>']
    return D, '\n'.join(H) + '\n'


def f_sql():
    D = Doc('jp_kr/dump.sql', 'text')
    S = ['-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)', '--', '-- Host: db-prod-01    Database: shop', '-- ------------------------------------------------------',
         'SET NAMES utf8mb4;', '', 'DROP TABLE IF EXISTS `顧客`;',
         'CREATE TABLE `顧客` (\n  `id` int NOT NULL,\n  `氏名` varchar(64),\n  `フリガナ` varchar(64),\n  `電話番号` varchar(20),\n  `メールアドレス` varchar(255),\n  `住所` varchar(255),\n  `生年月日` date,\n  `マイナンバー` char(12),\n  `password_hash` char(60),\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;',
         'LOCK TABLES `顧客` WRITE;']
    rows = []
    for i in range(4):
        f = fk('ja_JP')
        nm = D.p(f.last_name() + ' ' + f.first_name(), 'name', 'ja_name_kanji_sql_insert', '氏名')
        kn = D.p(f.last_kana_name() + ' ' + f.first_kana_name(), 'name', 'ja_name_katakana_sql_insert', 'フリガナ')
        t = D.p(ph('JP', 'nat'), 'phone', 'jp_phone_090_dashes_sql_insert', '電話番号')
        e = D.p(email_for(R.choice(['docomo.ne.jp', 'yahoo.co.jp', 'gmail.com', 'ezweb.ne.jp'])), 'email', 'email_sql_insert', 'メールアドレス')
        a = D.p(addr('ja_JP'), 'address', 'ja_address_sql_insert', '住所')
        b = D.p(bdate().isoformat(), 'dob', 'dob_iso_sql_insert_date_col', '生年月日')
        if i < 3:
            mn = D.p(jp_mynumber(), 'national_id', 'jp_my_number_sql_insert', 'マイナンバー', stdnum='jp.in_')
        else:
            mn = D.n(retry(lambda: invalid('jp.in_', jp_mynumber())), 'national_id', 'jp_my_number_bad_checksum_sql', 'マイナンバー', stdnum='jp.in_')
        bc = D.n('$2b$12$' + rs(AL + './', 53), 'secret', 'bcrypt_hash_col_password_hash', 'password_hash')
        rows.append("(%d,'%s','%s','%s','%s','%s','%s','%s','%s')" % (i + 1, nm, kn, t, e, a, b, mn, bc))
    S.append('INSERT INTO `顧客` VALUES ' + ','.join(rows) + ';')
    S += ['UNLOCK TABLES;', '', 'DROP TABLE IF EXISTS `회원`;',
          'CREATE TABLE `회원` (`id` int, `이름` varchar(32), `주민등록번호` char(14), `휴대폰` varchar(16), `이메일` varchar(255), `주소` varchar(255), `가입일` datetime);']
    for i in range(4):
        nm = D.p(name('ko_KR'), 'name', 'ko_name_hangul_sql_insert', '이름')
        if i < 3:
            rr = D.p(kr_rrn(), 'national_id', 'kr_rrn_dashed_sql_insert', '주민등록번호', stdnum='kr.rrn')
        else:
            rr = D.n(retry(lambda: invalid('kr.rrn', kr_rrn())), 'national_id', 'kr_rrn_bad_checksum_sql', '주민등록번호', stdnum='kr.rrn')
        t = D.p(ph('KR', 'nat'), 'phone', 'kr_phone_010_dashes_sql_insert', '휴대폰')
        e = D.p(email_for(R.choice(['naver.com', 'daum.net', 'kakao.com'])), 'email', 'email_sql_insert', '이메일')
        a = D.p(addr('ko_KR'), 'address', 'ko_address_sql_insert', '주소')
        j = '2023-%02d-%02d %02d:%02d:%02d' % (R.randint(1, 12), R.randint(1, 28), R.randint(0, 23), R.randint(0, 59), R.randint(0, 59))
        S.append("INSERT INTO `회원` (`id`, `이름`, `주민등록번호`, `휴대폰`, `이메일`, `주소`, `가입일`) VALUES (%d, '%s', '%s', '%s', '%s', '%s', '%s');" % (i + 1, nm, rr, t, e, a, j))
    S.append('-- Dump completed on 2024-03-12 10:15:32')
    return D, '\n'.join(S) + '\n'


def f_json_pretty():
    D = Doc('cn_tw/users.json', 'json')
    recs = []
    for i in range(4):
        r = {'用户ID': 10000 + R.randint(0, 9999)}
        r['姓名'] = D.p(name('zh_CN'), 'name', 'zh_cn_name_json_key_xingming', '姓名')
        if i < 3:
            r['身份证号'] = D.p(cn_ric(), 'national_id', 'cn_ric_json_key_shenfenzheng', '身份证号', stdnum='cn.ric')
        else:
            r['身份证号'] = D.n(retry(lambda: invalid('cn.ric', cn_ric())), 'national_id', 'cn_ric_bad_checksum_json', '身份证号', stdnum='cn.ric')
        st = 'nat' if i % 2 == 0 else 'digits_nat'
        r['手机号'] = D.p(ph('CN', st), 'phone', 'cn_phone_%s_json' % ('spaced' if st == 'nat' else '11digits'), '手机号')
        r['邮箱'] = D.p(email_for(R.choice(['qq.com', '163.com', '126.com', 'sina.com'])), 'email', 'email_json_pretty', '邮箱')
        r['地址'] = D.p(addr('zh_CN'), 'address', 'zh_cn_address_json', '地址', needle=None)
        b = bdate()
        r['出生日期'] = D.p('%d年%02d月%02d日' % (b.year, b.month, b.day), 'dob', 'dob_cjk_nian_yue_ri_json', '出生日期')
        on = clean(lambda: d(18))
        r['订单号'] = D.n(on, 'national_id', 'order_no_18d_json_dingdanhao', '订单号')
        r['设备ID'] = D.n(uid(), 'secret', 'uuid_device_id_json', '设备ID')
        recs.append(r)
    for i in range(3):
        r = {'用戶ID': 20000 + R.randint(0, 9999)}
        r['姓名'] = D.p(name('zh_TW'), 'name', 'zh_tw_name_json', '姓名')
        r['手機'] = D.p(ph('TW', 'dash_nat'), 'phone', 'tw_phone_09xx_dashes_json', '手機')
        r['電子郵件'] = D.p(email_for(R.choice(['gmail.com', 'yahoo.com.tw', 'hotmail.com'])), 'email', 'email_json_pretty', '電子郵件')
        r['地址'] = D.p(addr('zh_TW'), 'address', 'zh_tw_address_json', '地址')
        b = bdate()
        r['生日'] = D.p('民國%d年%d月%d日' % (b.year - 1911, b.month, b.day), 'dob', 'dob_roc_minguo_calendar_json', '生日')
        recs.append(r)
    txt = json.dumps(recs, ensure_ascii=False, indent=2)
    for it in D.items:
        it['needle'] = esc(it['value'])
    return D, txt + '\n'


def f_jsonl_nested():
    D = Doc('in/kyc_events.jsonl', 'jsonl')
    L = []
    for i in range(3):
        loc = 'hi_IN' if i == 0 else 'en_IN'
        f = fk(loc)
        inner = {}
        inner['name'] = D.p(f.first_name() + ' ' + f.last_name(), 'name', '%s_name_in_json_string_payload' % ('hi_devanagari' if loc == 'hi_IN' else 'en_in'), 'name')
        inner['aadhaar'] = D.p(mod('in_.aadhaar').format(aadhaar()) if i != 1 else aadhaar(), 'national_id', 'in_aadhaar_%s_in_json_string_payload' % ('spaced' if i != 1 else 'compact'), 'aadhaar', stdnum='in_.aadhaar')
        inner['pan'] = D.p(pan(), 'national_id', 'in_pan_in_json_string_payload', 'pan', stdnum='in_.pan')
        inner['mobile'] = D.p(ph('IN', 'intl' if i != 2 else 'nsn'), 'phone', 'in_phone_%s_in_json_string_payload' % ('intl' if i != 2 else '10digits'), 'mobile')
        inner['email'] = D.p(email_for(R.choice(['gmail.com', 'rediffmail.com', 'yahoo.co.in'])), 'email', 'email_in_json_string_payload', 'email')
        inner['address'] = D.p(addr('hi_IN' if loc == 'hi_IN' else 'en_IN'), 'address', 'in_address_in_json_string_payload', 'address')
        for it in D.items[-6:]:
            it['needle'] = esc(esc(it['value']))
        rec = {'event_id': uid(), 'ts': 1710230000000 + R.randint(0, 10 ** 8), 'type': 'kyc.submitted', 'payload': json.dumps(inner, ensure_ascii=False)}
        L.append(json.dumps(rec, ensure_ascii=False))
    for i in range(2):
        f = fk('hi_IN')
        n0 = len(D.items)
        rec = {'event_id': uid(), 'type': 'kyc.verified'}
        rec['customer_name'] = D.p(f.first_name() + ' ' + f.last_name(), 'name', 'hi_name_json_unicode_escaped_ensure_ascii', 'customer_name')
        full = aadhaar()
        rec['aadhaar_masked'] = D.n('XXXX XXXX ' + full[-4:], 'national_id', 'aadhaar_masked_xxxx_last4', 'aadhaar_masked')
        rec['dob'] = D.p(bdate().strftime('%d-%m-%Y'), 'dob', 'dob_ddmmyyyy_dash_jsonl', 'dob')
        rec['ifsc'] = rs(UP, 4) + '0' + d(6)
        for it in D.items[n0:]:
            it['needle'] = esc(it['value'], ascii=True)
        L.append(json.dumps(rec))
    return D, '\n'.join(L) + '\n'


def f_parquet():
    D = Doc('br_pt/clientes.parquet', 'parquet')
    rows = []
    for i in range(6):
        br = i < 4
        loc = 'pt_BR' if br else 'pt_PT'
        r = {'id': 500 + i}
        row = i + 1

        def P(v, cat, form, col, pos=True, **kw):
            return D.p(v, cat, form, col, pos=pos, row=row, column=col, **kw)
        r['nome'] = P(name(loc), 'name', '%s_name_parquet_string' % loc[-2:].lower(), 'nome')
        if br:
            c = cpf()
            r['cpf'] = int(P(c, 'national_id', 'br_cpf_parquet_int64', 'cpf', stdnum='br.cpf'))
            r['documentos'] = {'cpf_formatado': P(fmt_cpf(cpf()), 'national_id', 'br_cpf_formatted_parquet_nested_struct', 'documentos.cpf_formatado', stdnum='br.cpf'), 'nif': None}
        else:
            r['cpf'] = None
            r['documentos'] = {'cpf_formatado': None, 'nif': int(P(pt_nif(), 'national_id', 'pt_nif_parquet_int64_in_struct', 'documentos.nif', stdnum='pt.nif'))}
        r['contato'] = {
            'email': P(email_for(R.choice(['uol.com.br', 'bol.com.br', 'gmail.com'] if br else ['sapo.pt', 'gmail.com'])), 'email', 'email_parquet_nested_struct', 'contato.email'),
            'telefone': P(ph('BR' if br else 'PT', 'nat'), 'phone', '%s_phone_national_parquet_nested_struct' % ('br' if br else 'pt'), 'contato.telefone'),
            'endereco': {'logradouro': P(fk(loc).street_address(), 'address', '%s_street_parquet_struct_in_struct' % loc[-2:].lower(), 'contato.endereco.logradouro'),
                         'cidade': fk(loc).city(),
                         'cep': P(fk(loc).postcode(), 'address', '%s_postcode_parquet_struct_in_struct' % loc[-2:].lower(), 'contato.endereco.cep')}}
        r['telefones'] = [P(ph('BR' if br else 'PT', 'intl'), 'phone', 'phone_intl_parquet_list_element', 'telefones'),
                          P(ph('BR' if br else 'PT', 'digits_nat'), 'phone', 'phone_digits_parquet_list_element', 'telefones')]
        if br:
            r['atributos'] = [('canal', 'app'), ('pix', P(email_for('gmail.com'), 'email', 'email_pix_key_parquet_map_value', 'atributos'))]
        else:
            r['atributos'] = [('canal', 'loja'), ('nif', P(pt_nif(), 'national_id', 'pt_nif_parquet_map_value', 'atributos', stdnum='pt.nif'))]
        card = gen_card(R.choice(['4', '51', '55', '2221']), 16)
        r['cartao'] = decimal.Decimal(P(card, 'card', 'card_parquet_decimal19', 'cartao'))
        r['saldo'] = decimal.Decimal('%d.%02d' % (R.randint(0, 99999), R.randint(0, 99)))
        r['pedido_id'] = int(P(clean(lambda: gen_card('4', 16)), 'card', 'order_id_16d_luhn_visa_prefix_parquet_int64', 'pedido_id', pos=False))
        r['versao'] = P('%d.%d.%d.%d' % (R.randint(1, 9), R.randint(0, 20), R.randint(0, 9), R.randint(1, 200)), 'ip', 'ip_like_version_parquet_col_versao', 'versao', pos=False)
        b = bdate()
        P(b.isoformat(), 'dob', 'dob_parquet_date32', 'nascimento')
        r['nascimento'] = b
        r['criado_em'] = dt.datetime(2023, R.randint(1, 12), R.randint(1, 28), R.randint(0, 23))
        rows.append(r)
    schema = pa.schema([
        ('id', pa.int64()), ('nome', pa.string()), ('cpf', pa.int64()),
        ('documentos', pa.struct([('cpf_formatado', pa.string()), ('nif', pa.int64())])),
        ('contato', pa.struct([('email', pa.string()), ('telefone', pa.string()),
                               ('endereco', pa.struct([('logradouro', pa.string()), ('cidade', pa.string()), ('cep', pa.string())]))])),
        ('telefones', pa.list_(pa.string())), ('atributos', pa.map_(pa.string(), pa.string())),
        ('cartao', pa.decimal128(19, 0)), ('saldo', pa.decimal128(12, 2)), ('pedido_id', pa.int64()), ('versao', pa.string()),
        ('nascimento', pa.date32()), ('criado_em', pa.timestamp('ms'))])
    t = pa.Table.from_pylist(rows, schema=schema)
    return D, t


def f_xml():
    D = Doc('mx_ar/export.xml', 'text')
    ver = D.n('%d.%d.%d.%d' % (R.randint(2, 9), R.randint(0, 9), R.randint(0, 9), R.randint(0, 9)), 'ip', 'ip_like_version_xml_attribute', 'sistema')
    X = ['<?xml version="1.0" encoding="UTF-8"?>', '<exportacion fecha="2024-03-12" sistema="CRM v%s">' % ver]
    for i in range(3):
        X.append('  <cliente id="MX-%04d">' % (i + 1))
        X.append('    <nombreCompleto>%s</nombreCompleto>' % D.p(name('es_MX'), 'name', 'es_mx_name_xml_element', 'nombreCompleto'))
        X.append('    <curp>%s</curp>' % D.p(curp(), 'national_id', 'mx_curp_xml_element', 'curp', stdnum='mx.curp'))
        X.append('    <rfc>%s</rfc>' % D.p(rfc(), 'national_id', 'mx_rfc_persona_fisica_xml_element', 'rfc', stdnum='mx.rfc'))
        X.append('    <telefono tipo="movil">%s</telefono>' % D.p(ph('MX', 'nat'), 'phone', 'mx_phone_national_xml_element', 'telefono'))
        X.append('    <correo>%s</correo>' % D.p(email_for(R.choice(['hotmail.com', 'gmail.com', 'prodigy.net.mx'])), 'email', 'email_xml_element', 'correo'))
        X.append('    <domicilio>%s</domicilio>' % D.p(addr('es_MX'), 'address', 'es_mx_address_xml_element', 'domicilio'))
        X.append('    <fechaNacimiento>%s</fechaNacimiento>' % D.p(bdate().isoformat(), 'dob', 'dob_iso_xml_element_fechaNacimiento', 'fechaNacimiento'))
        X.append('    <numeroFactura>%s</numeroFactura>' % D.n('A' + d(3) + '-' + d(8), 'national_id', 'invoice_number_xml', 'numeroFactura'))
        X.append('  </cliente>')
    for i in range(3):
        X.append('  <cliente id="AR-%04d">' % (i + 1))
        X.append('    <nombreCompleto>%s</nombreCompleto>' % D.p(name('es_AR'), 'name', 'es_ar_name_xml_element', 'nombreCompleto'))
        c = cuit()
        X.append('    <cuit>%s</cuit>' % D.p(c, 'national_id', 'ar_cuit_dashed_xml_element', 'cuit', stdnum='ar.cuit'))
        dn = c[3:11]
        X.append('    <dni>%s</dni>' % D.p('%s.%s.%s' % (dn[:2], dn[2:5], dn[5:]), 'national_id', 'ar_dni_dotted_xml_element', 'dni', stdnum='ar.dni'))
        X.append('    <celular>%s</celular>' % D.p(ph('AR', 'intl' if i % 2 == 0 else 'nat'), 'phone', 'ar_phone_%s_xml_element' % ('intl_549' if i % 2 == 0 else 'national_15'), 'celular'))
        X.append('    <contacto tipo="email" valor="%s"/>' % D.p(email_for(R.choice(['gmail.com', 'fibertel.com.ar', 'yahoo.com.ar'])), 'email', 'email_xml_attribute_valor', 'valor'))
        X.append('    <domicilio>%s</domicilio>' % D.p(addr('es_AR'), 'address', 'es_ar_address_xml_element', 'domicilio'))
        X.append('  </cliente>')
    X.append('</exportacion>')
    return D, '\n'.join(X) + '\n'


ZA_FIRST = ['Thabo', 'Sipho', 'Lerato', 'Nomvula', 'Pieter', 'Annelie', 'Bongani', 'Zanele']
ZA_LAST = ['Nkosi', 'Dlamini', 'van der Merwe', 'Botha', 'Mokoena', 'Naidoo', 'Khumalo', 'Pretorius']


def f_yaml():
    D = Doc('za_ng/staff.yaml', 'text')
    Y = ['# HR export – generated 2024-03-12', 'company: Acme Africa (Pty) Ltd', 'employees:']
    for i in range(3):
        Y.append('  - name: %s' % D.p(R.choice(ZA_FIRST) + ' ' + R.choice(ZA_LAST), 'name', 'za_name_yaml_key_name', 'name'))
        Y.append('    employee_no: %d' % R.randint(10000, 99999))
        if i < 2:
            Y.append('    id_number: "%s"' % D.p(za_id(), 'national_id', 'za_id_number_yaml_quoted', 'id_number', stdnum='za.idnr'))
        else:
            Y.append('    id_number: "%s"' % D.n(retry(lambda: invalid('za.idnr', za_id())), 'national_id', 'za_id_bad_checksum_yaml', 'id_number', stdnum='za.idnr'))
        Y.append('    cell: %s' % D.p(ph('ZA', 'nat'), 'phone', 'za_phone_national_0xx_yaml_key_cell', 'cell'))
        Y.append('    email: %s' % D.p(email_for('acme.co.za'), 'email', 'email_yaml', 'email'))
        Y.append('    dob: %s' % D.p(bdate().isoformat(), 'dob', 'dob_iso_yaml_unquoted_date', 'dob'))
        a1 = '%d %s' % (R.randint(1, 200), R.choice(['Long Street', 'Jan Smuts Avenue', 'Florida Road', 'Main Road']))
        a2 = R.choice(['Cape Town', 'Johannesburg', 'Durban', 'Pretoria'])
        a3 = d(4)
        blk = a1 + '\n      ' + a2 + '\n      ' + a3
        D.p(a1 + '\n' + a2 + '\n' + a3, 'address', 'za_address_yaml_block_scalar_multiline', 'address', needle=blk)
        Y.append('    address: |\n      ' + blk)
    for i in range(3):
        f = fk('en_NG')
        Y.append('  - name: %s' % D.p(f.first_name() + ' ' + f.last_name(), 'name', 'ng_name_yaml', 'name'))
        Y.append('    phone: "%s"' % D.p(ph('NG', 'intl'), 'phone', 'ng_phone_intl_yaml_quoted', 'phone'))
        Y.append('    alt_phone: %s' % D.p(ph('NG', 'digits_nat'), 'phone', 'ng_phone_11digits_yaml_key_alt_phone', 'alt_phone'))
        Y.append('    email: %s' % D.p(email_for(R.choice(['yahoo.com', 'gmail.com'])), 'email', 'email_yaml', 'email'))
        Y.append('    address: "%s"' % D.p(addr('en_NG'), 'address', 'ng_address_yaml_quoted', 'address'))
        Y.append('    app_version: %s' % D.n('%d.%d.%d.%d' % (R.randint(1, 5), R.randint(0, 9), R.randint(0, 9), R.randint(0, 99)), 'ip', 'ip_like_version_yaml_key_app_version', 'app_version'))
    return D, '\n'.join(Y) + '\n'


def f_properties():
    D = Doc('id_config/application.properties', 'text')
    P = ['# Application config (generated by config-server)', 'app.name=toko-online']
    P.append('app.version=%s' % D.n('3.%d.%d.%d' % (R.randint(0, 9), R.randint(0, 9), R.randint(1, 99)), 'ip', 'ip_like_version_properties_app_version', 'app.version'))
    pw = password()
    P.append('spring.datasource.url=jdbc:postgresql://db.toko.internal:5432/toko?user=toko_app&password=%s&sslmode=require' % D.p(pw, 'secret', 'password_in_jdbc_url_query_param', 'password='))
    P.append('spring.datasource.password=%s' % D.p(password(), 'secret', 'password_properties_key_datasource_password', 'spring.datasource.password'))
    P.append('spring.mail.username=%s' % D.p(email_for('toko.co.id'), 'email', 'email_properties_value', 'spring.mail.username'))
    P.append('support.phone=%s' % D.p(ph('ID', 'intl_dash'), 'phone', 'id_phone_intl_dashes_properties', 'support.phone'))
    P.append('owner.nik=%s' % D.p(id_nik(), 'national_id', 'id_nik_properties_key_nik', 'owner.nik', stdnum='id.nik'))
    P.append('aws.accessKeyId=%s' % D.p(sec('aws_akid'), 'secret', 'aws_access_key_id_properties', 'aws.accessKeyId'))
    P.append('aws.secretAccessKey=%s' % D.p(sec('aws_secret'), 'secret', 'aws_secret_key_properties', 'aws.secretAccessKey'))
    P.append('api.key=%s' % D.n('${API_KEY}', 'secret', 'placeholder_env_interpolation', 'api.key'))
    P.append('payment.secret=%s' % D.n('changeme', 'secret', 'placeholder_changeme', 'payment.secret'))
    P.append('build.commit=%s' % D.n(sha1(), 'secret', 'git_sha_properties_build_commit', 'build.commit'))
    txt = '\n'.join(P) + '\n'
    D2 = Doc('id_config/settings.ini', 'text')
    I = ['[database]', 'host = db.internal', 'user = admin']
    I.append('password = %s' % D2.p(password(), 'secret', 'password_ini_key_password', 'password'))
    I += ['', '[owner]']
    f = fk('id_ID')
    I.append('nama = %s' % D2.p(f.first_name() + ' ' + f.last_name(), 'name', 'id_name_ini_key_nama', 'nama'))
    I.append('nik = %s' % D2.p(id_nik(), 'national_id', 'id_nik_ini_key_nik', 'nik', stdnum='id.nik'))
    I.append('telepon = %s' % D2.p(ph('ID', 'nat'), 'phone', 'id_phone_national_ini_key_telepon', 'telepon'))
    I.append('alamat = %s' % D2.p(addr('id_ID'), 'address', 'id_address_ini_key_alamat', 'alamat'))
    I += ['', '[smtp]', 'host = smtp.toko.co.id']
    I.append('password = %s' % D2.n('xxxxxxxx', 'secret', 'placeholder_xxxx', 'password'))
    return [(D, txt), (D2, '\n'.join(I) + '\n')]


UA_CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/%s Safari/537.36'


def f_access_log():
    D = Doc('logs/access.log', 'text')
    L = []

    def ts():
        return '12/Mar/2024:%02d:%02d:%02d +0300' % (R.randint(8, 22), R.randint(0, 59), R.randint(0, 59))
    for i in range(9):
        ip = D.p(public_ipv4() if i != 4 else ipv6(), 'ip', 'ipv4_client_nginx_combined' if i != 4 else 'ipv6_client_nginx_combined')
        if i in (0, 5):
            em = email_for(R.choice(['gmail.com', 'yandex.ru']))
            eme = em.replace('@', '%40')
            phv = ph('TR', 'e164')
            req = 'GET /api/v1/customers?email=%s&phone=%s HTTP/1.1' % (eme, phv.replace('+', '%2B'))
            D.p(em, 'email', 'email_urlencoded_at_in_query', 'email=', needle=eme)
            D.p(phv, 'phone', 'phone_urlencoded_plus_in_query', 'phone=', needle=phv.replace('+', '%2B'))
        elif i == 1:
            req = 'GET /password/reset?token=%s HTTP/1.1' % D.p(jwt(str(R.randint(1, 9999)), email_for('gmail.com')), 'secret', 'jwt_in_query_param_token', 'token=')
        elif i == 2:
            req = 'POST /webhooks/charge?api_key=%s HTTP/1.1' % D.p(sec('stripe_live'), 'secret', 'stripe_live_key_in_query_param', 'api_key=')
        elif i == 3:
            req = 'GET /static/js/app.%s.js?v=%s HTTP/1.1' % (md5()[:8], D.n('2.%d.%d.%d' % (R.randint(0, 9), R.randint(0, 9), R.randint(0, 99)), 'ip', 'ip_like_version_query_param_v', 'v='))
        elif i == 6:
            req = 'GET /api/v1/orders/%s?request_id=%s HTTP/1.1' % (d(10), D.n(uid(), 'secret', 'uuid_request_id_query', 'request_id='))
        elif i == 7:
            req = 'GET /login?user=%s&next=%%2Faccount HTTP/1.1' % D.p(email_for('mail.ru'), 'email', 'email_plain_in_query', 'user=')
        else:
            req = 'GET /health HTTP/1.1'
        chrome = '%d.0.0.0' % R.randint(110, 125)
        L.append('%s - - [%s] "%s" %d %d "https://shop.example.com/account" "%s"' % (ip, ts(), req, R.choice([200, 200, 302, 404]), R.randint(100, 99999), UA_CHROME % chrome))
        D.n(chrome, 'ip', 'chrome_reduced_ua_version_x_0_0_0')
    return D, '\n'.join(L) + '\n'


def f_syslog():
    D = Doc('logs/syslog', 'text')
    L = []
    aylin = 'Aylin'
    m1 = mac()
    L.append('Mar 12 10:15:32 gw01 dhcpd[812]: DHCPACK on 192.168.1.%d to %s (%s-iPhone) via eth0' % (R.randint(2, 250), D.p(m1, 'mac', 'mac_colon_dhcpd_log'), D.p(aylin, 'name', 'first_name_in_device_hostname')))
    ipa = public_ipv4()
    L.append('Mar 12 10:16:01 web01 sshd[2231]: Accepted password for mkaya from %s port %d ssh2' % (D.p(ipa, 'ip', 'ipv4_sshd_log'), R.randint(30000, 65000)))
    L.append('Mar 12 10:16:09 web01 sshd[2240]: Failed password for invalid user admin from %s port %d ssh2' % (D.p(public_ipv4(), 'ip', 'ipv4_sshd_log'), R.randint(30000, 65000)))
    em = email_for('firma.com.tr')
    L.append('Mar 12 10:17:44 mail01 postfix/smtp[9921]: %s: to=<%s>, relay=mx.firma.com.tr[%s]:25, delay=0.52, status=sent (250 2.0.0 OK)' % (rs('0123456789ABCDEF', 10), D.p(em, 'email', 'email_postfix_log_angle_brackets'), public_ipv4()))
    L.append('Mar 12 10:18:02 web01 kernel: [    0.000000] Linux version 6.1.0-18-amd64 (%s) (gcc-12 (Debian 12.2.0-14) 12.2.0) #1 SMP PREEMPT_DYNAMIC' % D.p('debian-kernel@lists.debian.org', 'email', 'email_kernel_banner'))
    L.append('Mar 12 10:18:03 web01 kernel: e1000e 0000:00:1f.6 eth0: (PCI Express:2.5GT/s:Width x1) %s' % D.p(mac(), 'mac', 'mac_colon_kernel_nic'))
    L.append('Mar 12 10:19:00 vpn01 openvpn[1200]: client/%s:1194 peer info: IV_HWADDR=%s' % (D.p(public_ipv4(), 'ip', 'ipv4_openvpn_log'), D.p(mac('-', True), 'mac', 'mac_dash_upper_openvpn')))
    L.append('Mar 12 10:19:20 sw01 %%SW_MATM-4-MACFLAP_NOTIF: Host %s in vlan 10 is flapping between port Gi1/0/3 and port Gi1/0/7' % D.p('%s.%s.%s' % tuple(''.join('%02x' % R.randint(0, 255) for _ in range(2)) for _ in range(3)), 'mac', 'mac_cisco_dotted'))
    fp = ':'.join('%02X' % R.randint(0, 255) for _ in range(20))
    L.append('Mar 12 10:20:00 web01 nginx[880]: ssl certificate loaded, SHA1 Fingerprint=%s' % D.n(fp, 'mac', 'sha1_fingerprint_colon_hex'))
    L.append('Mar 12 10:20:30 web01 containerd[770]: pulled image sha256:%s' % D.n(sha256(), 'secret', 'sha256_image_digest_syslog'))
    L.append('Mar 12 10:21:00 app01 app[4411]: payment failed for user %s phone=%s' % (D.p(email_for('gmail.com'), 'email', 'email_app_log'), D.p(ph('RU', 'intl'), 'phone', 'ru_phone_intl_app_log', 'phone=')))
    L.append('Mar 12 10:22:00 app01 CRON[5012]: (root) CMD (/usr/local/bin/backup.sh --since %s)' % D.n(str(1710200000 + R.randint(0, 99999)), 'phone', 'epoch_seconds_in_cron'))
    return D, '\n'.join(L) + '\n'


def f_k8s():
    D = Doc('logs/k8s_pods.jsonl', 'jsonl')
    L = []

    def wrap(app_rec, pod):
        inner = json.dumps(app_rec, separators=(',', ':'), ensure_ascii=False) + '\n'
        rec = {'log': inner, 'stream': 'stdout', 'time': '2024-03-12T10:%02d:%02d.%09dZ' % (R.randint(0, 59), R.randint(0, 59), R.randint(0, 999999999)),
               'kubernetes': {'pod_name': pod + '-7d9f8b6c5-' + rs(string.ascii_lowercase + DIG, 5), 'namespace_name': 'prod', 'pod_ip': '10.244.%d.%d' % (R.randint(0, 9), R.randint(2, 250)),
                              'container_image': 'registry.acme.io/%s@sha256:%s' % (pod, D.n(sha256(), 'secret', 'sha256_container_digest_k8s', 'container_image')), 'labels': {'app': pod}}}
        return json.dumps(rec, separators=(',', ':'), ensure_ascii=False)
    for i in range(6):
        n0 = len(D.items)
        if i == 0:
            a = {'level': 'info', 'msg': 'user signed in', 'email': D.p(email_for('gmail.com'), 'email', 'email_k8s_log_nested_json_string', 'email'),
                 'client_ip': D.p(public_ipv4(), 'ip', 'ipv4_k8s_log_nested_json_string', 'client_ip'), 'trace_id': D.n(rs(HEX, 32), 'secret', 'trace_id_hex32_k8s', 'trace_id')}
        elif i == 1:
            pw = password()
            a = {'level': 'error', 'msg': 'failed to connect to postgres://auth:%s@pg-primary.prod.svc:5432/auth?sslmode=require: timeout' % D.p(pw, 'secret', 'password_in_postgres_dsn_k8s_log', 'postgres://'),
                 'trace_id': D.n(rs(HEX, 32), 'secret', 'trace_id_hex32_k8s', 'trace_id')}
        elif i == 2:
            a = {'level': 'debug', 'msg': 'outgoing request', 'headers': {'authorization': 'Bearer ' + D.p(jwt(uid(), email_for('acme.io')), 'secret', 'jwt_bearer_k8s_log_headers', 'authorization')},
                 'span_id': D.n(rs(HEX, 16), 'secret', 'span_id_hex16_k8s', 'span_id')}
        elif i == 3:
            a = {'level': 'warn', 'msg': 'env at startup', 'env': 'STRIPE_SECRET_KEY=%s SENDGRID_API_KEY=%s LOG_LEVEL=debug' % (D.p(sec('stripe_live'), 'secret', 'stripe_live_key_env_dump_k8s', 'STRIPE_SECRET_KEY'), D.p(sec('sendgrid'), 'secret', 'sendgrid_key_env_dump_k8s', 'SENDGRID_API_KEY'))}
        elif i == 4:
            a = {'level': 'info', 'msg': 'profile updated', 'user': {'name': D.p(name('ru_RU'), 'name', 'ru_name_k8s_log_nested', 'name'), 'phone': D.p(ph('RU', 'e164'), 'phone', 'ru_phone_e164_k8s_log', 'phone')},
                 'request_id': D.n(uid(), 'secret', 'uuid_request_id_k8s', 'request_id')}
        else:
            a = {'level': 'info', 'msg': 'healthcheck ok', 'version': D.n('1.%d.%d.%d' % (R.randint(0, 9), R.randint(0, 9), R.randint(0, 99)), 'ip', 'ip_like_version_k8s_log', 'version'), 'uptime_s': R.randint(10, 99999)}
        app_items = D.items[n0:]
        # app record serialised first (inside 'log'), then the digest in kubernetes block
        D.items = D.items[:n0]
        line = wrap(a, ['auth', 'db', 'api', 'billing', 'profile', 'api'][i])
        digest_item = D.items.pop()
        for it in app_items:
            it['needle'] = esc(esc(it['value']))
        D.items += app_items + [digest_item]
        L.append(line)
    return D, '\n'.join(L) + '\n'


def f_http():
    D = Doc('http/captured_requests.txt', 'text')
    H = []
    em = email_for('gmail.com')
    card = gen_card('4543', 16)
    ph_ = ph('TR', 'intl')
    H += ['POST /v1/charges HTTP/1.1', 'Host: api.payments.acme.io', 'User-Agent: okhttp/4.12.0',
          'Authorization: Bearer ' + D.p(jwt(d(6), em), 'secret', 'jwt_authorization_bearer_header', 'Authorization'),
          'X-Api-Key: ' + D.p(rs(AL, 40), 'secret', 'generic_key_x_api_key_header', 'X-Api-Key'),
          'Cookie: sessionid=%s; csrftoken=%s; _ga=GA1.2.%d.%d' % (D.p(rs(string.ascii_lowercase + DIG, 32), 'secret', 'session_cookie_value', 'sessionid'), rs(AL, 64), R.randint(10 ** 9, 10 ** 10), 1700000000 + R.randint(0, 10 ** 7)),
          'Content-Type: application/x-www-form-urlencoded', '']
    body = 'amount=1999&currency=TRY&card_number=%s&exp_month=12&exp_year=2027&cvc=%s&email=%s&phone=%s' % (
        D.p(card, 'card', 'card_formencoded_plus_as_space', 'card_number', needle=card_grouped(card, '+')), d(3),
        D.p(em, 'email', 'email_urlencoded_form_body', 'email=', needle=em.replace('@', '%40')),
        D.p(ph_, 'phone', 'phone_formencoded_plus_space', 'phone=', needle=ph_.replace('+', '%2B').replace(' ', '+')))
    H += [body.replace(card, card_grouped(card, '+')).replace(em, em.replace('@', '%40')).replace(ph_, ph_.replace('+', '%2B').replace(' ', '+')), '', '']
    user = fk('en_US').user_name()
    pw = password()
    basic = base64.b64encode(('%s:%s' % (user, pw)).encode()).decode()
    H += ['GET /api/me HTTP/1.1', 'Host: api.acme.io', 'Authorization: Basic ' + D.p(basic, 'secret', 'http_basic_auth_header_b64', 'Authorization'), 'Accept: application/json', '', '']
    n = name('tr_TR')
    resp = {'id': R.randint(1000, 9999), 'name': D.p(n, 'name', 'tr_name_http_json_response', 'name'), 'email': D.p(email_for('gmail.com'), 'email', 'email_http_json_response', 'email'),
            'phone': D.p(ph('TR', 'intl'), 'phone', 'tr_phone_intl_http_json_response', 'phone'), 'tckn': D.p(tckn(), 'national_id', 'tr_tckn_http_json_response', 'tckn', stdnum='tr.tckimlik'),
            'etag': D.n(md5(), 'secret', 'md5_etag_http_response', 'etag')}
    H += ['HTTP/1.1 200 OK', 'Content-Type: application/json; charset=utf-8', 'Set-Cookie: session=%s; Path=/; HttpOnly; Secure' % D.p(rs(AL, 48), 'secret', 'session_set_cookie_value', 'Set-Cookie'),
          'ETag: "%s"' % resp['etag'], '', json.dumps({k: v for k, v in resp.items() if k != 'etag'}, ensure_ascii=False)]
    # reorder items: etag appears before json body in text
    it = D.items
    et = [x for x in it if x['form'] == 'md5_etag_http_response'][0]
    sc = [x for x in it if x['form'] == 'session_set_cookie_value'][0]
    rest = [x for x in it if x not in (et, sc)]
    resp_items = [x for x in rest if x['form'] in ('tr_name_http_json_response', 'email_http_json_response', 'tr_phone_intl_http_json_response', 'tr_tckn_http_json_response')]
    others = [x for x in rest if x not in resp_items]
    D.items = others + [sc, et] + resp_items
    return D, '\n'.join(H) + '\n'


def f_whatsapp():
    D = Doc('chat/whatsapp_chat.txt', 'text')
    L = ['12.03.24, 10:14 - Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.']
    a = name('tr_TR')
    m = name('tr_TR')

    clock = [15]

    def line_tr(sender, msg_fn, sender_form='name_whatsapp_android_sender'):
        clock[0] += R.randint(0, 4)
        t = '12.03.24, 10:%02d - ' % clock[0]
        s = D.p(sender, 'name' if sender_form.startswith('name') else 'phone', sender_form)
        L.append(t + s + ': ' + msg_fn())
    line_tr(a, lambda: 'Merhaba, numaram %s kaydeder misin' % D.p(ph('TR', 'nat'), 'phone', 'tr_phone_national_in_chat', 'numaram'))
    unk = ph('TR', 'intl')
    line_tr(unk, lambda: 'TC kimlik numaram %s, formu doldurur musun' % D.p(tckn(), 'national_id', 'tr_tckn_in_chat_cue_tc_kimlik', 'TC kimlik', stdnum='tr.tckimlik'), sender_form='phone_as_whatsapp_sender_unsaved_contact')
    line_tr(a, lambda: 'kartım %s son kullanma 12/26' % D.p(card_grouped(gen_card('4' + R.choice('0123456789'), 16)), 'card', 'card_grouped_in_chat_cue_kart', 'kartım'))
    line_tr(m, lambda: "IBAN'ım %s" % D.p(iban_spaced(gen_iban('TR')), 'iban', 'tr_iban_spaced_in_chat', 'IBAN'))
    line_tr(m, lambda: 'adres: %s' % D.p(addr('tr_TR'), 'address', 'tr_address_in_chat_cue_adres', 'adres'))
    line_tr(m, lambda: '<Media omitted>')
    line_tr(m, lambda: 'sipariş no %s geldi mi?' % D.n(clean(lambda: gen_card('4' + R.choice('0123456789'), 16)), 'card', 'order_no_luhn_visa_prefix_in_chat_cue_siparis', 'sipariş no'))
    p = name('en_IN')
    r = name('en_IN')

    def line_ios(sender, msg):
        clock[0] += R.randint(1, 50)
        L.append('[12/03/2024, %02d:%02d:%02d] %s: %s' % (11 + clock[0] // 60, clock[0] % 60, R.randint(0, 59), sender, msg))
    s = D.p(p, 'name', 'name_whatsapp_ios_sender')
    line_ios(s, 'my aadhaar is %s and PAN %s' % (D.p(mod('in_.aadhaar').format(aadhaar()), 'national_id', 'in_aadhaar_spaced_in_chat', 'aadhaar', stdnum='in_.aadhaar'), D.p(pan(), 'national_id', 'in_pan_in_chat', 'PAN', stdnum='in_.pan')))
    s = D.p(p, 'name', 'name_whatsapp_ios_sender')
    line_ios(s, 'call me on %s after 6' % D.p(ph('IN', 'nsn'), 'phone', 'in_phone_10digits_in_chat', 'call me on'))
    s = D.p(r, 'name', 'name_whatsapp_ios_sender')
    line_ios(s, 'order id %s shipped, tracking %s' % (D.n(clean(lambda: gen_card('5', 16)), 'card', 'order_id_luhn_mc_prefix_in_chat', 'order id'), D.n('1Z' + rs(UP + DIG, 6) + d(10), 'card', 'ups_tracking_in_chat', 'tracking')))
    s = D.p(r, 'name', 'name_whatsapp_ios_sender')
    line_ios(s, 'lol I was born %s so basically ancient' % D.p(bdate().strftime('%d/%m/%Y'), 'dob', 'dob_in_chat_cue_born', 'born'))
    s = D.p(r, 'name', 'name_whatsapp_ios_sender')
    u = fk('en_US').user_name()
    line_ios(s, 'mail me at %s' % D.p(u + '@gmail.com', 'email', 'email_obfuscated_at_dot_in_chat', 'mail me', needle='%s [at] gmail [dot] com' % u))
    s = D.p(p, 'name', 'name_whatsapp_ios_sender')
    line_ios(s, 'ok see you at version %s release party' % D.n('2.%d.%d.%d' % (R.randint(0, 9), R.randint(0, 9), R.randint(1, 99)), 'ip', 'ip_like_version_in_chat'))
    txt = '\n'.join(L) + '\n'
    # obfuscated email: write the obfuscated form
    for it in D.items:
        if it['form'] == 'email_obfuscated_at_dot_in_chat':
            txt = txt.replace(it['value'], it['needle'])
    return D, txt


def f_slack():
    D = Doc('chat/slack_export/2024-03-12.json', 'json')
    msgs = []
    pn_ = name('en_IN')
    first = pn_.split()[0]

    def prof(real):
        return {'avatar_hash': D.n(rs(HEX, 12), 'secret', 'slack_avatar_hash', 'avatar_hash'), 'image_72': 'https://avatars.slack-edge.com/2023-01-01/%s_72.png' % d(13),
                'first_name': D.p(real.split()[0], 'name', 'given_name_alone_slack_first_name', 'first_name'), 'real_name': D.p(real, 'name', 'name_slack_real_name', 'real_name'),
                'display_name': real.split()[0].lower(), 'team': 'T01ABCDEF', 'is_restricted': False}

    def msg(text_fn, real):
        m = {'client_msg_id': D.n(uid(), 'secret', 'uuid_client_msg_id', 'client_msg_id'), 'type': 'message'}
        m['text'] = text_fn()
        m['user'] = 'U0' + rs(UP + DIG, 9)
        m['ts'] = '%d.%06d' % (1710230000 + R.randint(0, 99999), R.randint(0, 999999))
        m['team'] = 'T01ABCDEF'
        m['user_profile'] = prof(real)
        msgs.append(m)
    msg(lambda: 'prod db creds for the migration: `postgresql://admin:%s@db.acme.internal:5432/prod`' % D.p(password(), 'secret', 'password_in_postgresql_url_slack', 'postgresql://'), pn_)
    phv = ph('TR', 'e164')
    phd = pn.format_number(pn.parse(phv), pn.PhoneNumberFormat.INTERNATIONAL)
    em = email_for('gmail.com')
    msg(lambda: '<@U04ABCDEF12> customer called from <tel:%s|%s>, email <mailto:%s|%s>' % (
        D.p(phv, 'phone', 'phone_slack_tel_link_target', 'tel:'), D.p(phd, 'phone', 'phone_slack_tel_link_label'),
        D.p(em, 'email', 'email_slack_mailto_link_target', 'mailto:'), D.p(em, 'email', 'email_slack_mailto_link_label')), pn_)
    msg(lambda: 'here is the token for CI, rotate after use ```%s```' % D.p(sec('github_pat'), 'secret', 'github_pat_in_slack_code_block', 'token'), name('en_IN'))
    msg(lambda: 'bot token: %s' % D.p(sec('slack_bot'), 'secret', 'slack_bot_token_in_slack', 'bot token'), name('en_IN'))
    msg(lambda: 'HF token for the eval box %s (read only)' % D.p(sec('huggingface'), 'secret', 'huggingface_token_in_slack', 'HF token'), name('en_IN'))
    msg(lambda: 'W-9 form: SSN %s, backup is on the drive' % D.p(us_ssn(), 'us_ssn', 'us_ssn_dashed_in_slack_cue_SSN', 'SSN', stdnum='us.ssn'), name('en_IN'))
    msg(lambda: 'for the demo use the sample SSN %s from the IRS docs' % D.n('078-05-1120', 'us_ssn', 'us_ssn_known_invalid_woolworth', 'SSN', stdnum='us.ssn'), name('en_IN'))
    txt = json.dumps(msgs, ensure_ascii=False, indent=4)
    # JSON order: client_msg_id, text items, user_profile items -> items were registered client_msg_id after text? fix order
    for it in D.items:
        it['needle'] = esc(it['value'])
    return D, txt + '\n'


def _slack_reorder(D, txt):
    # generic: relocate by sorting items on first occurrence after previous in *document order* is hard; use per-message search
    return D


def f_eml_8bit():
    D = Doc('mail/thread_8bit.eml', 'text')
    jan = name('cs_CZ')
    anna = name('pl_PL')
    je = email_for('firma.cz')
    ae = email_for('example.pl')
    E = ['Return-Path: <%s>' % D.p(je, 'email', 'email_return_path_header'),
         'Received: from mail-ed1-f54.google.com (mail-ed1-f54.google.com [209.85.208.54])', '\tby mx.firma.cz with ESMTPS id 4TvQ2k0B1Fz3xQ; Tue, 12 Mar 2024 10:15:32 +0100',
         'From: %s <%s>' % (D.p(jan, 'name', 'name_email_from_header_display', 'From'), D.p(je, 'email', 'email_from_header_angle', 'From')),
         'To: "%s" <%s>' % (D.p(anna.split()[1] + ', ' + anna.split()[0], 'name', 'name_surname_comma_given_to_header', 'To'), D.p(ae, 'email', 'email_to_header_angle', 'To')),
         'Date: Tue, 12 Mar 2024 10:15:32 +0100',
         'Message-ID: <%s>' % D.n('CAH+w=7Z%s@mail.gmail.com' % rs(AL, 20), 'email', 'message_id_header_local_at_domain', 'Message-ID'),
         'Subject: Re: Smlouva / umowa', 'MIME-Version: 1.0', 'Content-Type: text/plain; charset="UTF-8"', 'Content-Transfer-Encoding: 8bit', '',
         'Dobrý den paní %s,' % D.p(anna.split()[1], 'name', 'surname_alone_in_salutation'), '',
         'posílám údaje: rodné číslo %s, účet %s.' % (D.p(cz_rc(), 'national_id', 'cz_rodne_cislo_in_email_prose', 'rodné číslo', stdnum='cz.rc'), D.p(iban_spaced(gen_iban('CZ')), 'iban', 'cz_iban_spaced_in_email_prose', 'účet')),
         'Heslo do portálu je %s (změňte ho prosím).' % D.p(password(), 'secret', 'password_in_prose_cue_heslo', 'Heslo'), '',
         'S pozdravem', D.p(jan, 'name', 'name_email_signature'),
         'Obchodní oddělení | %s' % D.p(ph('CZ', 'intl'), 'phone', 'cz_phone_intl_email_signature'),
         D.p(addr('cs_CZ'), 'address', 'cz_address_email_signature'), '',
         '> W dniu wt., 12 mar 2024 o 09:02 %s <%s> napisał(a):' % (D.p(anna, 'name', 'name_quoted_reply_attribution'), D.p(ae, 'email', 'email_quoted_reply_attribution')),
         '> Dzień dobry, proszę o numer telefonu. Mój PESEL to %s.' % D.p(pesel(), 'national_id', 'pl_pesel_in_quoted_reply', 'PESEL', stdnum='pl.pesel'),
         '> Tel. %s' % D.p(ph('PL', 'nat'), 'phone', 'pl_phone_national_in_quoted_reply', 'Tel.'),
         '> ',
         '>> On Mon, 11 Mar 2024 at 17:40, Support <%s> wrote:' % D.p('support@firma.cz', 'email', 'email_double_quoted_reply'),
         '>> Your temporary password: %s' % D.p(password(), 'secret', 'password_in_double_quoted_reply_cue_password', 'temporary password'),
         '>> Ticket #%s' % d(7), '']
    return D, '\r\n'.join(E)


def qp_encode(s):
    out = []
    for ch in s:
        b = ch.encode()
        if ch == '=' or len(b) > 1:
            out.append(''.join('=%02X' % x for x in b))
        else:
            out.append(ch)
    return ''.join(out)


def f_eml_qp():
    D = Doc('mail/thread_qp.eml', 'text')
    jan = name('cs_CZ')
    je = email_for('firma.cz')
    ae = email_for('example.pl')
    enc_from = '=?UTF-8?Q?' + qp_encode(jan).replace(' ', '_') + '?='
    E = ['From: %s <%s>' % (D.w(jan, 'name', 'name_rfc2047_q_encoded_from_header', 'From', needle=enc_from), D.p(je, 'email', 'email_from_header_angle', 'From')),
         'To: %s' % D.p(ae, 'email', 'email_to_header_bare'), 'Date: Tue, 12 Mar 2024 11:02:10 +0100', 'Subject: =?UTF-8?Q?Odpov=C4=9B=C4=8F?=',
         'MIME-Version: 1.0', 'Content-Type: text/plain; charset="UTF-8"', 'Content-Transfer-Encoding: quoted-printable', '']
    an = name('pl_PL')
    E.append('Dobr=C3=BD den pan=C3=AD %s,' % D.w(an.split()[1], 'name', 'surname_qp_encoded_in_body', needle=qp_encode(an.split()[1])))
    E.append('')
    E.append('rodn=C3=A9 =C4=8D=C3=ADslo %s, tel. %s' % (D.p(cz_rc(), 'national_id', 'cz_rodne_cislo_in_qp_body', 'rodné číslo', stdnum='cz.rc'), D.p(ph('CZ', 'nat'), 'phone', 'cz_phone_national_in_qp_body', 'tel.')))
    p2 = ph('PL', 'intl')
    cut = len(p2) - 3
    E.append('Pani numer: ' + 'x' * 44 + ' %s=' % p2[:cut])
    D.p(p2, 'phone', 'pl_phone_split_by_qp_soft_line_break', 'numer', needle=p2[:cut] + '=\r\n' + p2[cut:])
    E.append(p2[cut:] + '.')
    a = addr('cs_CZ')
    E.append('Adresa: %s' % D.w(a, 'address', 'cz_address_qp_encoded_body', 'Adresa', needle=qp_encode(a)))
    E.append('')
    return D, '\r\n'.join(E)


def fold_line(line):
    b = line.encode()
    out = []
    lim = 75
    while len(b) > lim:
        cut = lim
        while cut > 0 and (b[cut] & 0xC0) == 0x80:
            cut -= 1
        out.append(b[:cut])
        b = b[cut:]
        lim = 74
    out.append(b)
    return b'\r\n '.join(out).decode()


def f_vcf():
    D = Doc('contacts/contacts.vcf', 'text', fold=True)
    V = []
    for i, (loc, reg, v) in enumerate([('tr_TR', 'TR', '3.0'), ('ko_KR', 'KR', '4.0'), ('ru_RU', 'RU', '3.0'), ('pt_BR', 'BR', '3.0')]):
        f = fk(loc)
        first, last = f.first_name(), f.last_name()
        fn = (last + first) if loc == 'ko_KR' else first + ' ' + last
        V += ['BEGIN:VCARD', 'VERSION:' + v]
        V.append('N:%s;;;' % D.p(last + ';' + first, 'name', 'name_vcard_N_structured_semicolon', 'N'))
        V.append('FN:%s' % D.p(fn, 'name', 'name_vcard_FN', 'FN'))
        if v == '4.0':
            V.append('TEL;VALUE=uri;TYPE=cell:tel:%s' % D.p(ph(reg, 'intl_dash'), 'phone', 'phone_vcard4_tel_uri', 'TEL'))
        else:
            V.append('TEL;TYPE=CELL:%s' % D.p(ph(reg, 'intl'), 'phone', 'phone_vcard_TEL_intl', 'TEL'))
            V.append('TEL;TYPE=HOME:%s' % D.p(ph(reg, 'nat', PT.FIXED_LINE), 'phone', 'phone_vcard_TEL_national_landline', 'TEL'))
        V.append('EMAIL;TYPE=INTERNET:%s' % D.p(email_for(R.choice(['gmail.com', 'mail.ru', 'naver.com'])), 'email', 'email_vcard_EMAIL', 'EMAIL'))
        a = addr(loc if loc != 'tr_TR' else 'tr_TR')
        adr = ';;' + a.replace(',', '\\,') + ';;;;'
        V.append(fold_line('ADR;TYPE=HOME:%s' % adr))
        D.p(a, 'address', 'address_vcard_ADR_escaped_commas_folded', 'ADR', needle=a.replace(',', '\\,'))
        b = bdate()
        V.append('BDAY:%s' % D.p(b.strftime('%Y%m%d') if v == '3.0' else b.isoformat(), 'dob', 'dob_vcard_BDAY_%s' % ('basic' if v == '3.0' else 'iso'), 'BDAY'))
        if loc == 'tr_TR':
            V.append('NOTE:TCKN %s' % D.p(tckn(), 'national_id', 'tr_tckn_vcard_NOTE', 'TCKN', stdnum='tr.tckimlik'))
        V.append('UID:urn:uuid:%s' % D.n(uid(), 'secret', 'uuid_vcard_UID', 'UID'))
        V.append('END:VCARD')
    return D, '\r\n'.join(V) + '\r\n'


def f_ics():
    D = Doc('calendar/meetings.ics', 'text', fold=True)
    C = ['BEGIN:VCALENDAR', 'PRODID:-//Google Inc//Google Calendar 70.9054//EN', 'VERSION:2.0', 'CALSCALE:GREGORIAN', 'METHOD:REQUEST']
    for i in range(2):
        org = name('vi_VN')
        C += ['BEGIN:VEVENT', 'DTSTART:202403%02dT0%d0000Z' % (R.randint(12, 28), R.randint(1, 9)), 'DTEND:20240312T100000Z', 'DTSTAMP:20240311T120000Z']
        oe = email_for('congty.vn')
        C.append(fold_line('ORGANIZER;CN=%s:mailto:%s' % (D.p(org, 'name', 'name_ics_ORGANIZER_CN', 'CN'), D.p(oe, 'email', 'email_ics_ORGANIZER_mailto', 'mailto:'))))
        C.append('UID:%s' % D.n(rs(string.ascii_lowercase + DIG, 26) + '@google.com', 'email', 'ics_UID_localpart_at_google_com', 'UID'))
        att = name('vi_VN')
        ae = email_for('gmail.com')
        C.append(fold_line('ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=%s;X-NUM-GUESTS=0:mailto:%s' % (D.p(att, 'name', 'name_ics_ATTENDEE_CN_folded', 'CN'), D.p(ae, 'email', 'email_ics_ATTENDEE_mailto_folded', 'mailto:'))))
        dial = ph('VN', 'intl', PT.FIXED_LINE)
        kh = name('vi_VN')
        desc = 'DESCRIPTION:Dial-in: %s PIN: %s#\\nJoin Zoom: https://us02web.zoom.us/j/%s?pwd=%s\\nKhách hàng: %s\\, SĐT %s' % (
            D.p(dial, 'phone', 'vn_phone_intl_landline_ics_description_dialin', 'Dial-in'), d(6), d(11), rs(AL, 32),
            D.p(kh, 'name', 'name_ics_description_prose', 'Khách hàng'), D.p(ph('VN', 'nat'), 'phone', 'vn_phone_national_ics_description_cue_SDT', 'SĐT'))
        C.append(fold_line(desc))
        a = addr('vi_VN')
        C.append(fold_line('LOCATION:Tầng %d\\, %s' % (R.randint(1, 20), D.w(a, 'address', 'vi_address_ics_LOCATION_escaped_commas', 'LOCATION', needle=a.replace(',', '\\,')))))
        C += ['SUMMARY:Họp với khách hàng', 'END:VEVENT']
    C.append('END:VCALENDAR')
    return D, '\r\n'.join(C) + '\r\n'


def f_env():
    D = Doc('secrets/.env', 'text')
    E = ['# --- production ---', 'NODE_ENV=production']
    E.append('DATABASE_URL=postgres://app_user:%s@prod-db.c9akciq32.eu-central-1.rds.amazonaws.com:5432/app' % D.p(password(), 'secret', 'password_in_postgres_url_dotenv', 'DATABASE_URL'))
    E.append('REDIS_URL=redis://:%s@redis.internal:6379/0' % D.p(password(), 'secret', 'password_in_redis_url_empty_user', 'REDIS_URL'))
    for k, kind, form in [('OPENAI_API_KEY', 'openai_proj', 'openai_project_key_dotenv'), ('ANTHROPIC_API_KEY', 'anthropic', 'anthropic_key_dotenv'),
                          ('HF_TOKEN', 'huggingface', 'huggingface_token_dotenv'), ('STRIPE_SECRET_KEY', 'stripe_live', 'stripe_live_key_dotenv'),
                          ('SENDGRID_API_KEY', 'sendgrid', 'sendgrid_key_dotenv'), ('TWILIO_API_KEY', 'twilio_api_key', 'twilio_api_key_SK_dotenv'),
                          ('TWILIO_AUTH_TOKEN', 'twilio_auth_token', 'twilio_auth_token_hex32_dotenv'), ('SLACK_WEBHOOK_URL', 'slack_webhook', 'slack_webhook_url_dotenv'),
                          ('GOOGLE_MAPS_API_KEY', 'google_api', 'google_api_key_dotenv'), ('GITHUB_TOKEN', 'github_finegrained', 'github_fine_grained_pat_dotenv')]:
        E.append('%s=%s' % (k, D.p(sec(kind), 'secret', form, k)))
    E += ['', '# placeholders for local dev']
    E.append('MAILGUN_API_KEY=%s' % D.n('your-mailgun-api-key-here', 'secret', 'placeholder_your_key_here', 'MAILGUN_API_KEY'))
    E.append('JWT_SECRET=%s' % D.n('${JWT_SECRET}', 'secret', 'placeholder_env_interpolation', 'JWT_SECRET'))
    E.append('ADMIN_PASSWORD=%s' % D.n('changeme', 'secret', 'placeholder_changeme', 'ADMIN_PASSWORD'))
    E.append('GITHUB_TOKEN_EXAMPLE=%s' % D.n('ghp_' + 'x' * 36, 'secret', 'placeholder_ghp_xxxx', 'GITHUB_TOKEN_EXAMPLE'))
    E.append('GIT_COMMIT=%s' % D.n(sha1(), 'secret', 'git_sha_dotenv', 'GIT_COMMIT'))
    E.append('BUILD_ID=%s' % D.n(uid(), 'secret', 'uuid_dotenv_build_id', 'BUILD_ID'))
    E.append('ASSET_HASH=%s' % D.n(sha256(), 'secret', 'sha256_dotenv_asset_hash', 'ASSET_HASH'))
    return D, '\n'.join(E) + '\n'


def f_compose():
    D = Doc('secrets/docker-compose.yml', 'text')
    Y = ['services:', '  db:', '    image: postgres:16.2@sha256:%s' % D.n(sha256(), 'secret', 'sha256_image_digest_compose', 'image'), '    environment:', '      POSTGRES_USER: app',
         '      POSTGRES_PASSWORD: %s' % D.p(password(), 'secret', 'password_compose_map_POSTGRES_PASSWORD', 'POSTGRES_PASSWORD'),
         '  api:', '    image: ghcr.io/acme/api:1.4.2', '    environment:',
         '      - DATABASE_URL=mysql://root:%s@db:3306/app' % D.p(password(), 'secret', 'password_in_mysql_url_compose_list', 'DATABASE_URL'),
         '      - AWS_ACCESS_KEY_ID=%s' % D.p(sec('aws_akid'), 'secret', 'aws_access_key_id_compose', 'AWS_ACCESS_KEY_ID'),
         '      - AWS_SECRET_ACCESS_KEY=%s' % D.p(sec('aws_secret'), 'secret', 'aws_secret_key_compose', 'AWS_SECRET_ACCESS_KEY'),
         '      - GITLAB_TOKEN=%s' % D.p(sec('gitlab_pat'), 'secret', 'gitlab_pat_compose', 'GITLAB_TOKEN'),
         '      - NPM_TOKEN=%s' % D.p(sec('npm'), 'secret', 'npm_token_compose', 'NPM_TOKEN'),
         '      - LOG_LEVEL=info', '    healthcheck:', '      test: ["CMD", "curl", "-f", "http://localhost:8080/health"]']
    return D, '\n'.join(Y) + '\n'


def f_tfvars():
    D = Doc('secrets/prod.auto.tfvars', 'text')
    T = ['location = "westeurope"', 'image_tag = "1.4.2"']
    ak = sec('azure_account_key')
    T.append('storage_connection_string = "DefaultEndpointsProtocol=https;AccountName=acmeprodsa;AccountKey=%s;EndpointSuffix=core.windows.net"' % D.p(ak, 'secret', 'azure_storage_connection_string_accountkey', 'AccountKey'))
    T.append('sql_admin_password = "%s"' % D.p(password(), 'secret', 'password_tfvars_sql_admin_password', 'sql_admin_password'))
    T.append('example_password = "%s"' % D.n('<your-password>', 'secret', 'placeholder_angle_your_password', 'example_password'))
    pem = ec_pem()
    T.append('tls_private_key = <<EOT\n%sEOT' % D.p(pem.strip(), 'secret', 'ec_private_key_pem_tfvars_heredoc', 'tls_private_key'))
    T.append('tls_certificate = <<EOT\n%sEOT' % D.n(ed25519_cert_pem().strip(), 'secret', 'x509_certificate_pem_public', 'tls_certificate'))
    return D, '\n'.join(T) + '\n'


def f_bash_history():
    D = Doc('secrets/.bash_history', 'text')
    B = ['ls -la', 'cd ~/projects/api']
    B.append('export GITHUB_TOKEN=%s' % D.p(sec('github_pat'), 'secret', 'github_pat_shell_export', 'GITHUB_TOKEN'))
    B.append('curl -H "PRIVATE-TOKEN: %s" https://gitlab.com/api/v4/projects' % D.p(sec('gitlab_pat'), 'secret', 'gitlab_pat_curl_header', 'PRIVATE-TOKEN'))
    B.append("mysql -u root -p'%s' -h 10.0.0.12 shop" % D.p(password(), 'secret', 'password_mysql_cli_p_flag', '-p'))
    B.append('aws configure set aws_secret_access_key %s' % D.p(sec('aws_secret'), 'secret', 'aws_secret_key_aws_configure_cli', 'aws_secret_access_key'))
    B.append('npm config set //registry.npmjs.org/:_authToken=%s' % D.p(sec('npm'), 'secret', 'npm_token_npm_config', '_authToken'))
    B.append('twine upload -u __token__ -p %s dist/*' % D.p(sec('pypi'), 'secret', 'pypi_token_twine_cli', '-p'))
    B.append('git checkout %s' % D.n(sha1(), 'secret', 'git_sha_git_checkout', 'git checkout'))
    B.append('echo "%s  model.safetensors" | sha256sum -c' % D.n(sha256(), 'secret', 'sha256_sha256sum_check', 'sha256sum'))
    B.append('docker login -u acme -p %s registry.acme.io' % D.p(password(), 'secret', 'password_docker_login_p_flag', '-p'))
    B.append('psql "postgresql://analyst:%s@10.0.0.15/warehouse"' % D.p(password(), 'secret', 'password_in_postgresql_url_shell', 'postgresql://'))
    B.append('export OPENAI_API_KEY=%s' % D.p(sec('openai_legacy'), 'secret', 'openai_legacy_key_shell_export', 'OPENAI_API_KEY'))
    B.append('history | grep token')
    return D, '\n'.join(B) + '\n'


def f_ipynb():
    D = Doc('secrets/analysis.ipynb', 'json')
    key = sec('openai_legacy')
    rows = [(name('tr_TR'), email_for('gmail.com'), ph('TR', 'intl')) for _ in range(3)]
    ph_tok = 'hf_' + 'X' * 34
    txt_table = '            name                 email            phone\n' + '\n'.join('%d  %s  %s  %s' % (i, r[0], r[1], r[2]) for i, r in enumerate(rows))
    html = '<table border="1" class="dataframe">\n<thead><tr><th></th><th>name</th><th>email</th><th>phone</th></tr></thead>\n<tbody>\n' + \
        '\n'.join('<tr><th>%d</th><td>%s</td><td>%s</td><td>%s</td></tr>' % (i, r[0], r[1], r[2]) for i, r in enumerate(rows)) + '\n</tbody>\n</table>'
    png = png_b64()
    nb = {'cells': [
        {'cell_type': 'markdown', 'metadata': {}, 'source': ['# Churn analysis\n', 'Set `HF_TOKEN` to your token (e.g. `%s`).' % ph_tok]},
        {'cell_type': 'code', 'execution_count': 1, 'metadata': {}, 'outputs': [], 'source': ['import openai\n', 'openai.api_key = "%s"\n' % key]},
        {'cell_type': 'code', 'execution_count': 2, 'metadata': {}, 'outputs': [
            {'data': {'text/html': [l + '\n' for l in html.split('\n')], 'text/plain': [l + '\n' for l in txt_table.split('\n')]}, 'execution_count': 2, 'metadata': {}, 'output_type': 'execute_result'}],
         'source': ["df = pd.read_csv('customers.csv')\n", 'df.head(3)']},
        {'cell_type': 'code', 'execution_count': 3, 'metadata': {}, 'outputs': [{'data': {'image/png': png, 'text/plain': ['<Figure size 640x480 with 1 Axes>']}, 'metadata': {}, 'output_type': 'display_data'}],
         'source': ['df.churn.hist()']}],
        'metadata': {'kernelspec': {'display_name': 'Python 3', 'language': 'python', 'name': 'python3'}}, 'nbformat': 4, 'nbformat_minor': 5}
    D.n(ph_tok, 'secret', 'placeholder_hf_XXXX_in_markdown', 'HF_TOKEN')
    D.p(key, 'secret', 'openai_legacy_key_in_notebook_source', 'openai.api_key')
    for r in rows:
        D.p(r[0], 'name', 'name_notebook_html_output_td')
        D.p(r[1], 'email', 'email_notebook_html_output_td')
        D.p(r[2], 'phone', 'phone_notebook_html_output_td')
    for r in rows:
        D.p(r[0], 'name', 'name_notebook_text_plain_output')
        D.p(r[1], 'email', 'email_notebook_text_plain_output')
        D.p(r[2], 'phone', 'phone_notebook_text_plain_output')
    D.n(png[:200], 'secret', 'base64_png_notebook_output')
    for it in D.items:
        it['needle'] = esc(it['value'])
    return D, json.dumps(nb, indent=1, ensure_ascii=False) + '\n'


def f_gcp_sa():
    D = Doc('secrets/gcp-service-account.json', 'json')
    pem = rsa_pem_pkcs8()
    sa = {'type': 'service_account', 'project_id': 'acme-ml-prod-%d' % R.randint(100, 999), 'private_key_id': sha1(), 'private_key': pem,
          'client_email': 'ml-pipeline@acme-ml-prod.iam.gserviceaccount.com', 'client_id': d(21),
          'auth_uri': 'https://accounts.google.com/o/oauth2/auth', 'token_uri': 'https://oauth2.googleapis.com/token',
          'auth_provider_x509_cert_url': 'https://www.googleapis.com/oauth2/v1/certs',
          'client_x509_cert_url': 'https://www.googleapis.com/robot/v1/metadata/x509/ml-pipeline%40acme-ml-prod.iam.gserviceaccount.com', 'universe_domain': 'googleapis.com'}
    D.p(pem.strip(), 'secret', 'rsa_private_key_pkcs8_in_gcp_service_account_json', 'private_key', needle=esc(pem.strip()))
    D.p(sa['client_email'], 'email', 'email_gcp_service_account_client_email', 'client_email')
    return D, json.dumps(sa, indent=2) + '\n'


def f_deploy_keys():
    D = Doc('secrets/deploy_keys.jsonl', 'jsonl')
    k, publine = openssh_ed25519()
    em = email_for('acme.io')
    L = [json.dumps({'host': 'ci-runner-01', 'user': 'deploy', 'ssh_private_key': k, 'added_by': em})]
    D.p(k.strip(), 'secret', 'openssh_ed25519_private_key_in_jsonl_string', 'ssh_private_key', needle=esc(k.strip()))
    D.p(em, 'email', 'email_jsonl')
    L.append(json.dumps({'host': 'ci-runner-01', 'authorized_key': publine}))
    D.n(publine, 'secret', 'ssh_public_key_line', 'authorized_key')
    e = ec_pem()
    L.append(json.dumps({'host': 'edge-lb', 'tls_key': e}))
    D.p(e.strip(), 'secret', 'ec_private_key_pem_in_jsonl_string', 'tls_key', needle=esc(e.strip()))
    return D, '\n'.join(L) + '\n'


PRODUCTS = ["Jack Daniel's Tennessee Honey", 'Earl Grey Supreme', 'Tom Ford Oud Wood', 'Billy Bookcase', 'Hugo Boss Bottled', 'Calvin Klein Eternity',
            'Ralph Lauren Polo Blue', 'Victoria Sponge Mix', 'Ben & Jerry\'s Cookie Dough', 'Marie Biscuits', 'Dom Pérignon Vintage']
CITIES = ['Springfield', 'İstanbul', 'Kraków', 'São Paulo', 'Guadalajara', 'Chiang Mai', 'Durban', 'Lagos']
STREETS = ['Baker Street', 'Atatürk Caddesi', 'ulica Długa', 'Avenida Paulista', 'Orchard Road', 'Nevsky Prospekt']


def f_products():
    D = Doc('catalog/products.csv', 'csv')
    cols = ['sku', 'product_name', 'ean13', 'isbn13', 'version', 'firmware_md5', 'build_sha1', 'artifact_sha256', 'asset_uuid', 'released_epoch', 'released_epoch_ms', 'tracking_no', 'order_id', 'warehouse_city', 'street_name', 'price']
    out = [','.join(cols)]
    prods = R.sample(PRODUCTS, 6)
    for i in range(6):
        sku = 'SKU-%s-%d' % (rs(UP, 3), R.randint(100, 999))
        pn_ = D.n(prods[i], 'name', 'product_name_with_person_brand', 'product_name')
        e = clean(lambda: (lambda x: x + ean.calc_check_digit(x))(('4' if i % 2 == 0 else '8') + d(11)))
        ev = D.n(e, 'card', 'ean13_col_ean13' + ('_luhn_valid' if luhn.is_valid(e) else ''), 'ean13')
        ib = '978' + d(9)
        ib = ib + ean.calc_check_digit(ib)
        ibv = D.n(isbn.format(ib) if i % 2 else ib, 'card', 'isbn13_col_isbn13', 'isbn13')
        v = D.n('%d.%d.%d.%d' % (R.randint(1, 20), R.randint(0, 9), R.randint(0, 9), R.randint(0, 254)), 'ip', 'ip_like_version_col_version', 'version')
        m5 = D.n(md5(), 'secret', 'md5_col_firmware_md5', 'firmware_md5')
        s1 = D.n(sha1(), 'secret', 'sha1_col_build_sha1', 'build_sha1')
        s2 = D.n(sha256(), 'secret', 'sha256_col_artifact_sha256', 'artifact_sha256')
        u = D.n(uid(), 'secret', 'uuid_col_asset_uuid', 'asset_uuid')
        ep = D.n(clean(lambda: str(1600000000 + R.randint(0, 10 ** 8))), 'phone', 'epoch_seconds_col_released_epoch', 'released_epoch')
        epm = D.n(clean(lambda: str(1600000000000 + R.randint(0, 10 ** 11))), 'phone', 'epoch_ms_col_released_epoch_ms', 'released_epoch_ms')
        tr = D.n(R.choice(['1Z' + rs(UP + DIG, 6) + d(10), '94001' + d(17), d(12)]), 'card', 'tracking_number_col_tracking_no', 'tracking_no')
        oid = D.n(clean(lambda: gen_card(R.choice(['4', '5', '37']), 16 if i % 3 else 15)), 'card', 'order_id_luhn_valid_card_prefix_col_order_id', 'order_id')
        c = D.n(R.choice(CITIES), 'address', 'city_alone_col_warehouse_city', 'warehouse_city')
        st = D.n(R.choice(STREETS), 'address', 'street_name_alone_col_street_name', 'street_name')
        out.append(','.join(csvf(x) for x in [sku, pn_, ev, ibv, v, m5, s1, s2, u, ep, epm, tr, oid, c, st, '%d.%02d' % (R.randint(1, 999), R.randint(0, 99))]))
    return D, '\n'.join(out) + '\n'


def f_crm_abbrev():
    D = Doc('misc/crm_extract.csv', 'csv')
    out = ['cust_nm,custPhoneNo,ctc_email,DOB_dt,addr_ln1,pan_no,natId,mob_no,acct_ref']
    for i, (loc, reg) in enumerate([('en_IN', 'IN'), ('en_IN', 'IN'), ('en_NG', 'NG'), ('en_NG', 'NG'), ('id_ID', 'ID'), ('id_ID', 'ID')]):
        f = fk(loc)
        nm = D.p(f.first_name() + ' ' + f.last_name(), 'name', 'name_col_cust_nm_abbrev', 'cust_nm')
        cp = D.p(ph(reg, 'digits_nat'), 'phone', 'phone_digits_trunk0_col_custPhoneNo_camel', 'custPhoneNo')
        em = D.p(email_for(R.choice(['gmail.com', 'yahoo.com'])), 'email', 'email_col_ctc_email_abbrev', 'ctc_email')
        db = D.p(bdate().strftime('%Y%m%d'), 'dob', 'dob_yyyymmdd_col_DOB_dt', 'DOB_dt')
        ad = D.p(addr(loc if loc != 'en_NG' else 'en_NG'), 'address', 'address_col_addr_ln1_abbrev', 'addr_ln1')
        pnv = D.p(pan(), 'national_id', 'in_pan_col_pan_no', 'pan_no', stdnum='in_.pan') if reg == 'IN' else ''
        if reg == 'IN':
            ni = D.p(aadhaar(), 'national_id', 'in_aadhaar_compact_col_natId_camel', 'natId', stdnum='in_.aadhaar')
        elif reg == 'ID':
            ni = D.p(id_nik(), 'national_id', 'id_nik_col_natId_camel', 'natId', stdnum='id.nik')
        else:
            ni = ''
        mb = D.p(ph(reg, 'cc_digits'), 'phone', 'phone_cc_digits_no_plus_col_mob_no', 'mob_no')
        ar = 'INV-2024-%06d' % R.randint(1, 999999)
        out.append(','.join(csvf(x) for x in [nm, cp, em, db, ad, pnv, ni, mb, ar]))
    return D, '\n'.join(out) + '\n'


# ================================================================= main
def main():
    global R
    ap = argparse.ArgumentParser()
    ap.add_argument('--seed', type=int, required=True)
    ap.add_argument('--out', required=True)
    a = ap.parse_args()
    R = random.Random(a.seed)
    Faker.seed(a.seed)
    os.makedirs(a.out, exist_ok=True)
    labels = []
    text_docs = []
    builders = [f_tr_csv, f_ro_csv, f_pl_psv, f_cz_hu_tsv, f_fixed_width, f_markdown, f_html, f_sql, f_json_pretty, f_jsonl_nested,
                f_xml, f_yaml, f_properties, f_access_log, f_syslog, f_k8s, f_http, f_whatsapp, f_slack, f_eml_8bit, f_eml_qp,
                f_vcf, f_ics, f_env, f_compose, f_tfvars, f_bash_history, f_ipynb, f_gcp_sa, f_deploy_keys, f_products, f_crm_abbrev]
    for b in builders:
        res = b()
        if not isinstance(res, list):
            res = [res]
        for D, txt in res:
            data = txt.encode()
            locate(data, D.items, D.fold)
            validate(D.items)
            path = os.path.join(a.out, D.rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, 'wb') as fh:
                fh.write(data)
            text_docs.append((D, data))
    D, table = f_parquet()
    path = os.path.join(a.out, D.rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    pq.write_table(table, path)
    text_docs.append((D, None))
    # compressed copies
    comp = {'tr/musteri_listesi.csv': ('.gz', 'gzip', lambda b: gzip.compress(b, mtime=0)), 'logs/access.log': ('.bz2', 'bzip2', bz2.compress),
            'chat/whatsapp_chat.txt': ('.xz', 'xz', lambda b: lzma.compress(b, format=lzma.FORMAT_XZ)),
            'jp_kr/dump.sql': ('.zst', 'zstd', lambda b: pa.compress(b, codec='zstd', asbytes=True))}
    extra = []
    for D, data in text_docs:
        if D.rel in comp:
            ext, cname, fn = comp[D.rel]
            with open(os.path.join(a.out, D.rel + ext), 'wb') as fh:
                fh.write(fn(data))
            D2 = Doc(D.rel + ext, D.fmt + '+' + cname)
            D2.items = [dict(it) for it in D.items]
            D2.compressed_from = D.rel
            extra.append((D2, data))
    text_docs += extra
    for D, data in text_docs:
        for it in D.items:
            rec = {'file': D.rel, 'format': D.fmt}
            rec.update({k: v for k, v in it.items() if k != 'needle'})
            if it['needle'] != it['value']:
                rec['written'] = it['needle']
            labels.append(rec)
    with open(os.path.join(a.out, 'labels.jsonl'), 'w') as fh:
        for l in labels:
            fh.write(json.dumps(l, ensure_ascii=False) + '\n')
    npos = sum(l['positive'] for l in labels)
    print('%d files, %d labels (%d positive, %d negative)' % (len(text_docs), len(labels), npos, len(labels) - npos))


def validate(items):
    for it in items:
        v = it['value']
        if it.get('stdnum'):
            ok = mod(it['stdnum']).is_valid(v)
            assert ok == it['positive'], ('oracle disagrees', it)
        if it['category'] == 'national_id' and not it['positive'] and it['form'] != 'aadhaar_masked_xxxx_last4':
            assert not valid_any_id(v), ('negative accepted by some id oracle', it)
        if it['category'] == 'card' and it['positive']:
            assert luhn.is_valid(re.sub(r'\D', '', v)), it
        if it['category'] == 'phone' and it['positive']:
            vv = v if not re.fullmatch(r'\d{11,13}', v) or it['form'].startswith(('tr_', 'cn_', 'ng_', 'phone_digits')) else '+' + v
            reg = None
            ok = False
            for r in ['TR', 'RO', 'PL', 'CZ', 'HU', 'GR', 'UA', 'RU', 'IL', 'SA', 'TH', 'VN', 'JP', 'KR', 'CN', 'TW', 'IN', 'ID', 'PT', 'BR', 'MX', 'AR', 'ZA', 'NG']:
                try:
                    if pn.is_valid_number(pn.parse(vv, r)) or pn.is_valid_number(pn.parse('+' + v, r)):
                        ok = True; break
                except Exception:
                    pass
            assert ok, ('phone oracle', it)


def locate_unordered(data, items):
    """For JSON documents whose key order differs from registration order: locate each needle at its
    first occurrence not already claimed (same value registered twice -> successive occurrences)."""
    claimed = []
    for it in items:
        nb = it['needle'].encode()
        s = 0
        while True:
            s = data.find(nb, s)
            if s < 0:
                raise RuntimeError('not found: %r' % it)
            if not any(a <= s < b for a, b in claimed):
                break
            s += 1
        it['span'] = [s, s + len(nb)]
        it['line'] = data.count(b'\n', 0, s) + 1
        claimed.append((s, s + len(nb)))


if __name__ == '__main__':
    main()
