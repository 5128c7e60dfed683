#!/usr/bin/env python3
"""Generate benchmark inputs for bench/scan-bench.sh (stdlib only).

    gen-inputs.py OUTDIR

Writes, unless already present and of the expected size:

  dense.pkl     a protocol-4 pickle of one list of N small ints
                (N = $MLSEC_BENCH_DENSE_N, default 5_000_000). Every int is
                its own BININT1/BININT2/BININT opcode and the list is built
                with MARK ... APPENDS batches of 1000, so the file is ~N
                opcodes (~24 MB) that a scanner has to walk one by one.

  big_torch.pt  a PyTorch-style zip checkpoint (what torch.save writes since
                1.6) of $MLSEC_BENCH_TORCH_MB MiB of float32 tensor data
                (default 1024): archive/data.pkl, archive/.format_version,
                archive/.storage_alignment, archive/byteorder,
                archive/data/0..K (one stored, uncompressed member per
                storage, 64-byte aligned like torch's writer does),
                archive/version, archive/.data/serialization_id.
                data.pkl is a protocol-2 pickle of an OrderedDict state_dict
                whose values are torch._utils._rebuild_tensor_v2(...) calls
                over persistent ids ('storage', torch.FloatStorage, key,
                'cpu', numel), exactly the shape torch emits. It is produced
                with stand-in `torch` / `torch._utils` modules registered in
                sys.modules, so torch itself is not needed. Members are
                streamed, so memory stays small whatever the size.

Files are written to a temporary name and renamed when complete, so an
interrupted run never leaves a truncated input that a later run would reuse.
"""

from __future__ import annotations

import collections
import io
import os
import pickle
import pickletools
import random
import struct
import sys
import time
import types
import zipfile
from array import array

MiB = 1 << 20
TENSOR_MB = 16  # size of one weight tensor/storage
ROW = 2048  # float32 columns of every weight matrix
ALIGN = 64  # torch's PyTorchStreamWriter aligns record data to 64 bytes


def log(msg: str) -> None:
    print(f"[gen-inputs] {msg}", file=sys.stderr, flush=True)


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    if not raw:
        return default
    try:
        v = int(raw.replace("_", ""))
    except ValueError:
        sys.exit(f"gen-inputs: {name}={raw!r} is not an integer")
    if v <= 0:
        sys.exit(f"gen-inputs: {name} must be > 0")
    return v


def count_opcodes(data: bytes) -> collections.Counter:
    c: collections.Counter = collections.Counter()
    for op, _arg, _pos in pickletools.genops(data):
        c[op.name] += 1
    return c


# --------------------------------------------------------------------------
# dense.pkl


def gen_dense(path: str, n: int) -> None:
    # Expected size: ints < 256 -> 2 bytes, < 65536 -> 3 bytes, else 5 bytes,
    # plus MARK/APPENDS per 1000 and framing; accept anything within 2 %.
    expect = (
        2 * min(n, 256)
        + 3 * max(0, min(n, 65536) - 256)
        + 5 * max(0, n - 65536)
        + 2 * ((n + 999) // 1000)
    )
    if os.path.exists(path):
        size = os.path.getsize(path)
        if abs(size - expect) <= expect * 0.02 + 64:
            log(f"{path} exists ({size} bytes), skipping")
            return
        log(f"{path} has {size} bytes, expected ~{expect}: regenerating")

    t0 = time.perf_counter()
    data = pickle.dumps(list(range(n)), protocol=4)
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)
    log(f"wrote {path}: {len(data)} bytes in {time.perf_counter() - t0:.1f}s")


def describe_dense(path: str) -> None:
    with open(path, "rb") as f:
        data = f.read()
    t0 = time.perf_counter()
    ops = count_opcodes(data)
    total = sum(ops.values())
    detail = ", ".join(f"{k}={v}" for k, v in ops.most_common())
    print(f"dense.pkl: {len(data)} bytes, {total} opcodes "
          f"(pickletools.genops, {time.perf_counter() - t0:.1f}s): {detail}")


# --------------------------------------------------------------------------
# big_torch.pt


def install_torch_stand_ins():
    """Register minimal `torch` and `torch._utils` modules so that pickle
    writes GLOBAL 'torch FloatStorage' and 'torch._utils _rebuild_tensor_v2'
    exactly as real torch.save does. Returns (FloatStorage, rebuild)."""
    torch = types.ModuleType("torch")
    utils = types.ModuleType("torch._utils")

    class FloatStorage:  # stands in for the legacy storage type torch pickles
        pass

    FloatStorage.__module__ = "torch"
    FloatStorage.__qualname__ = FloatStorage.__name__ = "FloatStorage"

    def _rebuild_tensor_v2(storage, storage_offset, size, stride,
                           requires_grad, backward_hooks, metadata=None):
        raise RuntimeError("stand-in only; never called while pickling")

    _rebuild_tensor_v2.__module__ = "torch._utils"
    _rebuild_tensor_v2.__qualname__ = "_rebuild_tensor_v2"

    torch.FloatStorage = FloatStorage
    torch._utils = utils
    utils._rebuild_tensor_v2 = _rebuild_tensor_v2
    sys.modules["torch"] = torch
    sys.modules["torch._utils"] = utils
    return FloatStorage, _rebuild_tensor_v2


class Storage:
    """An untyped storage of `numel` float32s saved as archive/data/<key>."""

    def __init__(self, key: str, numel: int):
        self.key = key
        self.numel = numel


class Tensor:
    def __init__(self, rebuild, storage: Storage, size: tuple[int, ...]):
        self.rebuild = rebuild
        self.storage = storage
        self.size = size

    def __reduce_ex__(self, protocol):
        stride = []
        acc = 1
        for dim in reversed(self.size):
            stride.append(acc)
            acc *= dim
        stride = tuple(reversed(stride))
        # Same argument list torch._tensor.Tensor._reduce_ex_internal passes.
        return (self.rebuild,
                (self.storage, 0, self.size, stride, False,
                 collections.OrderedDict()))


class TorchPickler(pickle.Pickler):
    def __init__(self, file, float_storage):
        super().__init__(file, protocol=2)  # torch's DEFAULT_PROTOCOL
        self.float_storage = float_storage

    def persistent_id(self, obj):
        if isinstance(obj, Storage):
            return ("storage", self.float_storage, obj.key, "cpu", obj.numel)
        return None


def plan_tensors(total_mb: int):
    """Return [(name, numel, shape)] adding up to ~total_mb MiB of float32:
    transformer-ish layers, each a 16 MiB [rows, 2048] weight plus a small
    bias; the last weight takes what is left."""
    plan = []
    left = total_mb
    layer = 0
    while left > 0:
        mb = min(TENSOR_MB, left)
        rows = mb * MiB // 4 // ROW
        plan.append((f"layers.{layer}.weight", rows * ROW, (rows, ROW)))
        plan.append((f"layers.{layer}.bias", rows, (rows,)))
        left -= mb
        layer += 1
    return plan


def build_data_pkl(plan) -> bytes:
    float_storage, rebuild = install_torch_stand_ins()
    sd = collections.OrderedDict()
    meta = collections.OrderedDict()
    meta[""] = {"version": 1}
    for key, (name, numel, shape) in enumerate(plan):
        sd[name] = Tensor(rebuild, Storage(str(key), numel), shape)
        meta.setdefault(name.rsplit(".", 1)[0], {"version": 1})
    sd._metadata = meta  # what nn.Module.state_dict() attaches
    buf = io.BytesIO()
    TorchPickler(buf, float_storage).dump(sd)
    return buf.getvalue()


def float_pool(nbytes: int, seed: int = 1234) -> bytes:
    """Gaussian float32 bytes (weights-like), little-endian."""
    rng = random.Random(seed)
    a = array("f", (rng.gauss(0.0, 0.02) for _ in range(nbytes // 4)))
    if sys.byteorder != "little":
        a.byteswap()
    return a.tobytes()


def aligned_zipinfo(zf: zipfile.ZipFile, name: str, size: int) -> zipfile.ZipInfo:
    zi = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    zi.compress_type = zipfile.ZIP_STORED
    zi.file_size = size
    # Pad the local header's extra field ("FB" id, as torch's writer does)
    # so that the member's data starts on a 64-byte boundary.
    offset = zf.fp.tell()
    base = offset + 30 + len(name.encode()) + 4
    pad = (-base) % ALIGN
    zi.extra = b"FB" + struct.pack("<H", pad) + b"Z" * pad
    return zi


def write_member(zf: zipfile.ZipFile, name: str, chunks, size: int) -> None:
    zi = aligned_zipinfo(zf, name, size)
    with zf.open(zi, "w") as w:
        for c in chunks:
            w.write(c)


def gen_torch(path: str, total_mb: int) -> None:
    lo = total_mb * MiB
    if os.path.exists(path):
        size = os.path.getsize(path)
        if lo <= size <= lo + lo // 50 + MiB:
            log(f"{path} exists ({size} bytes), skipping")
            return
        log(f"{path} has {size} bytes, not ~{total_mb} MiB: regenerating")

    plan = plan_tensors(total_mb)
    data_pkl = build_data_pkl(plan)
    pool = float_pool(4 * MiB)
    chunk = MiB

    def tensor_chunks(key: int, nbytes: int):
        # Different, weights-like content per tensor: the pool read from a
        # per-tensor starting offset, wrapping around.
        pos = (key * 4099 * 4) % len(pool)
        left = nbytes
        while left > 0:
            n = min(chunk, left, len(pool) - pos)
            yield pool[pos:pos + n]
            left -= n
            pos = (pos + n) % len(pool)

    t0 = time.perf_counter()
    tmp = path + ".tmp"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_STORED, allowZip64=True) as zf:
        write_member(zf, "archive/data.pkl", [data_pkl], len(data_pkl))
        write_member(zf, "archive/.format_version", [b"1"], 1)
        write_member(zf, "archive/.storage_alignment", [b"64"], 2)
        write_member(zf, "archive/byteorder", [b"little"], 6)
        for key, (_name, numel, _shape) in enumerate(plan):
            write_member(zf, f"archive/data/{key}",
                         tensor_chunks(key, numel * 4), numel * 4)
        write_member(zf, "archive/version", [b"3\n"], 2)
        sid = b"%020d" % random.Random(42).getrandbits(64)
        write_member(zf, "archive/.data/serialization_id", [sid], len(sid))
    os.replace(tmp, path)
    dt = time.perf_counter() - t0
    log(f"wrote {path}: {os.path.getsize(path)} bytes, {len(plan)} tensors "
        f"in {dt:.1f}s")


class CheckUnpickler(pickle.Unpickler):
    """Loads data.pkl without torch: resolves only the expected globals."""

    def find_class(self, module, name):
        allowed = {("collections", "OrderedDict"),
                   ("torch._utils", "_rebuild_tensor_v2"),
                   ("torch", "FloatStorage")}
        if (module, name) not in allowed:
            raise pickle.UnpicklingError(f"unexpected global {module}.{name}")
        if module == "collections":
            return collections.OrderedDict
        if name == "FloatStorage":
            return "FloatStorage"
        return lambda storage, off, size, stride, rg, hooks, meta=None: (
            storage, size)

    def persistent_load(self, pid):
        tag, stype, key, loc, numel = pid
        assert tag == "storage" and loc == "cpu", pid
        return (key, numel)


def describe_torch(path: str) -> None:
    with zipfile.ZipFile(path) as zf:
        infos = zf.infolist()
        stored = all(i.compress_type == zipfile.ZIP_STORED for i in infos)
        sd = CheckUnpickler(io.BytesIO(zf.read("archive/data.pkl"))).load()
        sizes = {i.filename: i.file_size for i in infos}
        for name, ((key, numel), shape) in sd.items():
            want = 1
            for d in shape:
                want *= d
            assert want == numel, (name, shape, numel)
            assert sizes[f"archive/data/{key}"] == numel * 4, name
        with open(path, "rb") as f:
            misaligned = 0
            for i in infos:
                f.seek(i.header_offset + 26)
                nlen, elen = struct.unpack("<HH", f.read(4))
                if (i.header_offset + 30 + nlen + elen) % ALIGN:
                    misaligned += 1
        ops = count_opcodes(zf.read("archive/data.pkl"))
    data_bytes = sum(v for k, v in sizes.items() if k.startswith("archive/data/"))
    print(f"big_torch.pt: {os.path.getsize(path)} bytes, {len(infos)} members "
          f"({'all stored' if stored else 'NOT all stored'}, "
          f"{misaligned} not 64-byte aligned), {len(sd)} tensors, "
          f"{data_bytes} bytes of tensor data, data.pkl {sizes['archive/data.pkl']} "
          f"bytes / {sum(ops.values())} opcodes")


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[1].startswith("-"):
        print(__doc__, file=sys.stderr)
        return 2
    outdir = argv[1]
    os.makedirs(outdir, exist_ok=True)
    n = env_int("MLSEC_BENCH_DENSE_N", 5_000_000)
    mb = env_int("MLSEC_BENCH_TORCH_MB", 1024)

    dense = os.path.join(outdir, "dense.pkl")
    gen_dense(dense, n)
    describe_dense(dense)

    torch_pt = os.path.join(outdir, "big_torch.pt")
    gen_torch(torch_pt, mb)
    describe_torch(torch_pt)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
