"""Write test keys and a three-level certificate chain (RSA root, ECDSA
intermediate, ECDSA leaf with codeSigning) into a directory, with Python's
`cryptography` (the library model-signing itself uses).

usage: make_pki.py OUTDIR
"""
import datetime
import sys
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

out = Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
now = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=1)
later = now + datetime.timedelta(days=3650)


def pem_key(key, name, password=None):
    enc = (
        serialization.BestAvailableEncryption(password)
        if password
        else serialization.NoEncryption()
    )
    (out / f"{name}.pem").write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, enc)
    )
    (out / f"{name}-pub.pem").write_bytes(
        key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )


def cert(subject, issuer, pub, signer, ca, path_len=None, leaf=False):
    b = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)]))
        .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, issuer)]))
        .public_key(pub)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(later)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=path_len), critical=True)
    )
    if leaf:
        b = b.add_extension(
            x509.KeyUsage(True, False, False, False, False, False, False, False, False), critical=True
        ).add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CODE_SIGNING]), critical=False)
    else:
        b = b.add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
        )
    return b.sign(signer, hashes.SHA256() if not isinstance(signer, ec.EllipticCurvePrivateKey) else hashes.SHA384())


for curve, name in [(ec.SECP256R1(), "p256"), (ec.SECP384R1(), "p384"), (ec.SECP521R1(), "p521")]:
    pem_key(ec.generate_private_key(curve), name)
pem_key(ec.generate_private_key(ec.SECP256R1()), "enc", password=b"s3cret pass")

root_key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
int_key = ec.generate_private_key(ec.SECP384R1())
leaf_key = ec.generate_private_key(ec.SECP256R1())
root = cert("mlsec test root", "mlsec test root", root_key.public_key(), root_key, True, 1)
inter = cert("mlsec test intermediate", "mlsec test root", int_key.public_key(), root_key, True, 0)
leaf = cert("mlsec test signer", "mlsec test intermediate", leaf_key.public_key(), int_key, False, leaf=True)
pem_key(leaf_key, "leaf")
for c, name in [(root, "root-ca"), (inter, "int-ca"), (leaf, "leaf-cert")]:
    (out / f"{name}.pem").write_bytes(c.public_bytes(serialization.Encoding.PEM))
# An unrelated root, to check that trust is not given away.
other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
other = cert("other root", "other root", other_key.public_key(), other_key, True)
(out / "other-ca.pem").write_bytes(other.public_bytes(serialization.Encoding.PEM))
