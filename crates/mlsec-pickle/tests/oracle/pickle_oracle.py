#!/usr/bin/env python3
"""Differential-testing oracle for mlsec's pickle parser, backed by CPython.

Subcommands:

  gen OUTDIR N SEED
      Write N pickles OUTDIR/case_00000.pkl ... (deterministic for a SEED and a
      CPython minor version).  Roughly 40% are ``pickle.dumps`` output (random
      protocol 0..5) of random nested data holding references to stand-in
      globals (shared references, recursion, persistent ids, NEWOBJ/NEWOBJ_EX,
      copyreg reconstructors, dotted and non-ASCII names); the rest are
      hand-assembled opcode streams exercising MARK/POP/POP_MARK/DUP, memo
      PUT/GET/MEMOIZE reuse, GLOBAL/STACK_GLOBAL/INST/OBJ/NEWOBJ/NEWOBJ_EX/
      BUILD/REDUCE, FRAME (aligned and straddling), PROTO, every string opcode,
      sets/frozensets, plus deliberately broken streams (truncated, bad memo
      index, STACK_GLOBAL on non-str, bad opcode, stack underflow, ...).

  oracle FILE...
      For each FILE print one JSON line
          {"file": FILE, "globals": [["module", "name"], ...], "error": null | "message"}
      ``globals`` is the ordered list of (module, name) pairs that CPython's C
      unpickler (``_pickle.Unpickler``) passes to ``find_class`` while loading
      the *first* pickle of the file (exactly one ``load()`` call, with
      ``encoding='latin1'`` and the default ``fix_imports=True``).  The names are
      the raw ones from the stream: the fix_imports py2->py3 renaming happens
      inside the default find_class, which is overridden here.  ``error`` is
      ``"ExceptionType: message"`` if loading raised; the globals recorded
      before the error are still reported.

      The whole file is handed to the unpickler as one buffer (a reader whose
      peek() returns all remaining bytes), so the result is exactly what
      ``pickle.loads(file_bytes)`` would look up: FRAME boundaries never
      matter.  Beware that ``pickle.load`` on a non-peekable stream (e.g.
      ``io.BytesIO``, which torch.load uses for zip members) drops bytes when
      an opcode straddles two FRAMEs, so it can disagree on such streams.

Safety: the overridden ``find_class`` never imports anything; it records the
pair and returns ``Stub``, a harmless class whose instances accept any call,
attribute access, item assignment and ``__setstate__``.  ``persistent_load``
also returns a stub.  The only objects the unpickler can then call are stubs,
so no code from the pickle ever runs.  As a belt-and-braces check the oracle
aborts (exit status 3) if ``sys.modules`` changed while unpickling.

Resource guard: CPython sizes its memo table by the largest PUT index (and
zero-fills it) and allocates declared FRAME/BINBYTES8/... lengths up front, so
a few hostile bytes can eat all memory, or give a machine-dependent
MemoryError.  Before loading, the oracle walks the opcodes (without executing
anything) and, if a memo index exceeds 2**20 or a declared length exceeds
2**30, reports ``"OracleRefused: ..."`` with an empty globals list instead of
loading.  ``gen`` never writes such cases.
"""

import io
import json
import os
import pickle
import random
import struct
import sys
import types

import _pickle
import pickletools

# ---------------------------------------------------------------------------
# oracle
# ---------------------------------------------------------------------------


class _StubMeta(type):
    """Metaclass so that the Stub *class* (what find_class returns) also
    absorbs item assignment and attribute lookups, e.g. SETITEM on a global
    that would really be a dict such as sys.modules."""

    def __getattr__(cls, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return Stub()

    def __setitem__(cls, key, value):
        pass


class Stub(metaclass=_StubMeta):
    """Inert stand-in returned for every global and persistent id.

    The class itself is what find_class returns, so it also works where the
    unpickler needs a type (NEWOBJ / NEWOBJ_EX / INST / OBJ); calling it or
    any instance just returns another Stub instance.
    """

    def __new__(cls, *args, **kwargs):
        return object.__new__(cls)

    def __init__(self, *args, **kwargs):
        pass

    def __call__(self, *args, **kwargs):
        return Stub()

    def __getattr__(self, name):
        # Dunder lookups must fail normally (e.g. __getinitargs__, __reduce__).
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return Stub()

    def __setstate__(self, *state):
        # *state: BUILD may also find this through the class itself (unbound)
        pass

    def __setitem__(self, key, value):
        pass

    def __repr__(self):
        return "<Stub>"


assert pickle.Unpickler is _pickle.Unpickler, "need the C unpickler"


class RecordingUnpickler(pickle.Unpickler):
    """C unpickler whose find_class records the request and imports nothing."""

    def __init__(self, f):
        super().__init__(f, encoding="latin1")   # fix_imports=True by default
        self.globals = []

    def find_class(self, module, name):
        self.globals.append([module, name])
        return Stub

    def persistent_load(self, pid):
        return Stub()


MAX_MEMO_INDEX = 1 << 20
MAX_DECLARED_LEN = 1 << 30
_CODE2OP = {ord(op.code): op for op in pickletools.opcodes}
_COUNTED = {pickletools.TAKEN_FROM_ARGUMENT1: ("<B", 1), pickletools.TAKEN_FROM_ARGUMENT4: ("<i", 4),
            pickletools.TAKEN_FROM_ARGUMENT4U: ("<I", 4), pickletools.TAKEN_FROM_ARGUMENT8U: ("<Q", 8)}


def resource_violation(data):
    """Walk the opcodes of the first pickle in `data` (decoding nothing but
    lengths and memo indices) and return a reason string if loading it could
    allocate absurd amounts of memory, else None.  Stops at STOP, at an
    unknown opcode or at the end of data, like the unpickler would."""
    i, n = 0, len(data)
    while i < n:
        op = _CODE2OP.get(data[i])
        i += 1
        if op is None or op.name == "STOP":
            return None
        arg = op.arg
        if arg is None:
            continue
        if arg.n == pickletools.UP_TO_NEWLINE:
            lines = 2 if op.name in ("GLOBAL", "INST") else 1
            for _ in range(lines):
                j = data.find(b"\n", i)
                if j < 0:
                    return None
                line, i = data[i:j], j + 1
            if op.name == "PUT":
                try:
                    idx = int(line)
                except ValueError:
                    return None
                if idx > MAX_MEMO_INDEX:
                    return f"memo index {idx} > {MAX_MEMO_INDEX}"
        elif arg.n in _COUNTED:
            fmt, size = _COUNTED[arg.n]
            if i + size > n:
                return None
            length = struct.unpack_from(fmt, data, i)[0]
            if length > MAX_DECLARED_LEN:
                return f"{op.name} declares {length} bytes > {MAX_DECLARED_LEN}"
            i += size + max(length, 0)
        else:
            if i + arg.n > n:
                return None
            if op.name == "LONG_BINPUT":
                idx = struct.unpack_from("<I", data, i)[0]
                if idx > MAX_MEMO_INDEX:
                    return f"memo index {idx} > {MAX_MEMO_INDEX}"
            elif op.name == "FRAME":
                length = struct.unpack_from("<Q", data, i)[0]
                if length > MAX_DECLARED_LEN:
                    return f"FRAME declares {length} bytes > {MAX_DECLARED_LEN}"
            i += arg.n
    return None


class WholeBufferReader:
    """Minimal binary file over a bytes object whose peek() returns all the
    remaining data: the C unpickler then buffers everything on its first read
    and behaves exactly like pickle.loads()."""

    def __init__(self, data):
        self.data, self.pos = data, 0

    def read(self, n=-1):
        end = len(self.data) if n is None or n < 0 else min(len(self.data), self.pos + n)
        chunk = self.data[self.pos:end]
        self.pos = end
        return chunk

    def readinto(self, buf):
        chunk = self.read(len(buf))
        buf[:len(chunk)] = chunk
        return len(chunk)

    def readline(self):
        end = self.data.find(b"\n", self.pos)
        return self.read(-1 if end < 0 else end + 1 - self.pos)

    def peek(self, n=0):
        return self.data[self.pos:]


def oracle_one(path):
    """Load the first pickle of `path`; return the JSON-able result dict."""
    rec = None
    error = None
    try:
        with open(path, "rb") as f:
            data = f.read()
        why = resource_violation(data)
        if why is not None:
            return {"file": path, "globals": [], "error": f"OracleRefused: {why}"}
        rec = RecordingUnpickler(WholeBufferReader(data))
        rec.load()
    except Exception as e:   # noqa: BLE001 - every failure is reported
        error = f"{type(e).__name__}: {e}"
    return {"file": path, "globals": rec.globals if rec is not None else [], "error": error}


def cmd_oracle(paths):
    # Warm up everything the loop itself uses, then make sure unpickling did
    # not import anything (it cannot, but this proves it).
    json.dumps({"x": [["a", "b"]], "e": None})
    before = set(sys.modules)
    for p in paths:
        res = oracle_one(p)
        sys.stdout.write(json.dumps(res) + "\n")
    sys.stdout.flush()
    new = set(sys.modules) - before
    if new:
        sys.stderr.write(f"FATAL: modules imported during unpickling: {sorted(new)}\n")
        sys.exit(3)


# ---------------------------------------------------------------------------
# gen, part (a): pickle.dumps of random data with stand-in globals
# ---------------------------------------------------------------------------

# (module, qualname) pool.  Real objects are used for builtins/collections
# (pickling a *reference* never calls it); everything else is a stand-in
# installed in sys.modules while pickling.
GLOBAL_POOL = [
    ("os", "system"), ("posix", "system"), ("nt", "system"), ("subprocess", "Popen"),
    ("builtins", "eval"), ("builtins", "exec"), ("builtins", "getattr"),
    ("builtins", "__import__"), ("builtins", "compile"),
    ("collections", "OrderedDict"), ("collections", "Counter"),
    ("torch._utils", "_rebuild_tensor_v2"), ("torch._utils", "_rebuild_parameter"),
    ("torch", "FloatStorage"), ("numpy", "dtype"), ("numpy", "ndarray"),
    ("numpy.core.multiarray", "_reconstruct"), ("operator", "attrgetter"),
    ("a.b", "c.d"), ("a.b", "c"), ("random", "_os.system"), ("pkg", "Outer.Inner.leaf"),
    ("pkg.ünï", "Klass.méthode"), ("модуль", "функция"), ("__main__", "Model"),
    ("sklearn.linear_model._logistic", "LogisticRegression"),
]
REAL_MODULES = {"builtins", "collections"}   # never replaced, objects taken as-is


class StandinBase:
    """Base of every stand-in class: instances carry their own __new__ args."""

    def __getnewargs_ex__(self):
        return (self.__dict__.get("_a", ()), self.__dict__.get("_k", {}))

    def __getstate__(self):
        return {k: v for k, v in self.__dict__.items() if k not in ("_a", "_k")} or None


def build_standins():
    """Create {module: ModuleType} with one stand-in class per qualname.

    Dotted qualnames become nested classes (Outer.Inner.leaf), so protocols < 4
    pickle them as getattr(Outer.Inner, 'leaf') and protocols >= 4 as a dotted
    STACK_GLOBAL, exactly like real nested objects.
    """
    mods = {}
    objs = {}
    for module, qual in GLOBAL_POOL:
        if module in REAL_MODULES:
            obj = sys.modules[module]
            for part in qual.split("."):
                obj = getattr(obj, part)
            objs[(module, qual)] = obj
            continue
        mod = mods.setdefault(module, types.ModuleType(module))
        parent, path = mod, []
        for part in qual.split("."):
            path.append(part)
            cur = getattr(parent, part, None)
            if cur is None:
                cur = type(part, (StandinBase,), {})
                cur.__module__ = module
                cur.__qualname__ = ".".join(path)
                setattr(parent, part, cur)
            parent = cur
        objs[(module, qual)] = parent
    # `import a.b` also imports the top-level package `a`: provide it too
    for module in list(mods):
        top = module.split(".")[0]
        if top not in mods:
            mods[top] = types.ModuleType(top)
    return mods, objs


STANDIN_MODULES, STANDINS = build_standins()
_MISSING = object()


class installed_standins:
    """Context manager: put the stand-in modules into sys.modules, restore after."""

    def __enter__(self):
        self.saved = {m: sys.modules.get(m, _MISSING) for m in STANDIN_MODULES}
        sys.modules.update(STANDIN_MODULES)

    def __exit__(self, *exc):
        for m, old in self.saved.items():
            if old is _MISSING:
                sys.modules.pop(m, None)
            else:
                sys.modules[m] = old


class Call:
    """Pickles as target(*args) -> GLOBAL/STACK_GLOBAL + REDUCE."""

    def __init__(self, target, args):
        self.target, self.args = target, args

    def __reduce__(self):
        return (self.target, self.args)


class CallWithState:
    """5-tuple __reduce__: REDUCE, then APPENDS/SETITEMS onto the result, then BUILD."""

    def __init__(self, target, args, state, items, kv):
        self.target, self.args, self.state, self.items, self.kv = target, args, state, items, kv

    def __reduce__(self):
        return (self.target, self.args, self.state,
                iter(self.items) if self.items is not None else None,
                iter(self.kv) if self.kv is not None else None)


def standin_instance(cls, args, kwargs, state):
    """Instance of a stand-in class.  object.__reduce_ex__ pickles it with
    copyreg._reconstructor (protocol 0/1), functools.partial(cls.__new__, ...)
    or NEWOBJ (2/3) and NEWOBJ_EX (>= 4), followed by BUILD of its state."""
    obj = cls.__new__(cls)
    obj.__dict__.update(state)
    obj._a, obj._k = args, kwargs
    return obj


class PersistentRef:
    """Stored out of band by the generator's persistent_id."""

    def __init__(self, key):
        self.key = key


class GenPickler(pickle.Pickler):
    def persistent_id(self, obj):
        if isinstance(obj, PersistentRef):
            # protocol 0 requires an ASCII str persistent id (PERSID)
            return obj.key if self.proto_used == 0 else ("storage", obj.key, 3)
        return None


def random_text(rng):
    pool = ["", "a", "os", "system", "weight", "héllo", "✓", "𝔘𝔫𝔦", "line\nbreak",
            "back\\slash", "nul\x00", "quote'\"", "x" * rng.randrange(250, 300)]
    return rng.choice(pool) + (str(rng.randrange(1000)) if rng.random() < 0.3 else "")


def random_scalar(rng):
    r = rng.random()
    if r < 0.25:
        return rng.choice([0, 1, -1, 255, 256, 65535, 65536, -2 ** 31, 2 ** 31, 2 ** 64, -(2 ** 100),
                           rng.randrange(-10 ** 6, 10 ** 6)])
    if r < 0.4:
        return rng.choice([0.0, -1.5, 1e300, float("inf"), rng.random()])
    if r < 0.65:
        return random_text(rng)
    if r < 0.75:
        return bytes(rng.randrange(256) for _ in range(rng.choice([0, 3, 20, 300])))
    if r < 0.8:
        return bytearray(b"ba" * rng.randrange(4))
    return rng.choice([None, True, False])


def random_hashable(rng):
    # ints / tuples of ints only: str and None hashes vary between runs, which
    # would make set ordering (and so the bytes) non-deterministic.
    return rng.choice([rng.randrange(-1000, 1000), (rng.randrange(9), rng.randrange(9))])


def random_global_ref(rng):
    return STANDINS[rng.choice(GLOBAL_POOL)]


def random_data(rng, depth, shared):
    """Random nested structure; `shared` accumulates containers for reuse."""
    r = rng.random()
    if shared and r < 0.1:
        return rng.choice(shared)                         # shared reference -> memo GET
    if depth <= 0 or r < 0.3:
        return random_scalar(rng)
    if r < 0.4:
        return random_global_ref(rng)                     # bare class/function reference
    if r < 0.5:
        args = tuple(random_data(rng, depth - 1, shared) for _ in range(rng.randrange(3)))
        return Call(random_global_ref(rng), args)
    if r < 0.55:
        return CallWithState(random_global_ref(rng), (),
                             rng.choice([None, {"k": random_scalar(rng)}, ({"a": 1}, {"b": 2})]),
                             [random_scalar(rng) for _ in range(rng.randrange(3))] if rng.random() < 0.5 else None,
                             [(random_text(rng), random_scalar(rng))] if rng.random() < 0.5 else None)
    if r < 0.6:
        cls = random_global_ref(rng)
        if not isinstance(cls, type) or cls.__module__ in REAL_MODULES:
            cls = STANDINS[("numpy", "dtype")]
        kwargs = {"kw": random_text(rng)} if rng.random() < 0.5 else {}
        return standin_instance(cls, (rng.randrange(5),) if rng.random() < 0.5 else (), kwargs,
                                {"attr": random_data(rng, depth - 1, shared)} if rng.random() < 0.7 else {})
    if r < 0.63:
        return PersistentRef(f"key{rng.randrange(100)}")
    if r < 0.73:
        v = [random_data(rng, depth - 1, shared) for _ in range(rng.randrange(5))]
        if rng.random() < 0.1:
            v.append(v)                                   # self-reference
    elif r < 0.83:
        v = {random_text(rng) if rng.random() < 0.7 else random_hashable(rng):
             random_data(rng, depth - 1, shared) for _ in range(rng.randrange(5))}
    elif r < 0.9:
        v = tuple(random_data(rng, depth - 1, shared) for _ in range(rng.randrange(5)))
    elif r < 0.95:
        v = {random_hashable(rng) for _ in range(rng.randrange(5))}
    else:
        v = frozenset(random_hashable(rng) for _ in range(rng.randrange(5)))
    shared.append(v)
    return v


def gen_dumps_case(rng):
    """Pickle random data at a random protocol (bumped if names need UTF-8)."""
    data = random_data(rng, rng.randrange(1, 5), [])
    protocol = rng.randrange(0, 6)
    with installed_standins():
        for p in [protocol] + list(range(protocol + 1, 6)):
            buf = io.BytesIO()
            pk = GenPickler(buf, protocol=p)
            pk.proto_used = p
            try:
                pk.dump(data)
                return buf.getvalue()
            except (pickle.PicklingError, TypeError, AttributeError, ValueError):
                continue   # e.g. non-ASCII global names need protocol >= 3
    return pickle.dumps(None, protocol=protocol)


# ---------------------------------------------------------------------------
# gen, part (b): hand-assembled opcode streams
# ---------------------------------------------------------------------------
O = pickle   # opcode constants (bytes) live on the pickle module

NAME_POOL = ["os", "system", "builtins", "eval", "getattr", "collections", "OrderedDict",
             "torch._utils", "_rebuild_tensor_v2", "numpy", "dtype", "a.b", "c.d",
             "subprocess", "Popen", "_os.system", "pkg.ünï", "функция", "ä", "x\u20acy",
             "__builtin__", "copy_reg", "_reconstructor", "UserDict", "IterableUserDict"]


def enc_str_op(rng, s):
    """Push str `s` using a random string opcode; the byte-string ones (STRING,
    BINSTRING, SHORT_BINSTRING) decode as latin1, so they are used only when
    `s` is latin1-encodable."""
    ops = ["SBU", "BU", "BU8", "UNICODE"]
    try:
        s.encode("latin1")
        ops += ["STRING", "BINSTRING", "SHORT_BINSTRING"]
    except UnicodeEncodeError:
        pass
    k = rng.choice(ops)
    if k in ("SBU", "BU", "BU8"):
        b = s.encode("utf-8", "surrogatepass")
        if k == "SBU" and len(b) < 256:
            return O.SHORT_BINUNICODE + bytes([len(b)]) + b
        if k == "BU8":
            return O.BINUNICODE8 + struct.pack("<Q", len(b)) + b
        return O.BINUNICODE + struct.pack("<I", len(b)) + b
    if k == "UNICODE":
        # raw-unicode-escape, with the characters that would break the line
        # (and the backslash itself) written as \uXXXX, like the pickler does
        t = (s.replace("\\", "\\u005c").replace("\0", "\\u0000").replace("\n", "\\u000a")
             .replace("\r", "\\u000d").replace("\x1a", "\\u001a"))
        return O.UNICODE + t.encode("raw-unicode-escape") + b"\n"
    b = s.encode("latin1")
    if k == "STRING":
        quote = rng.choice([b"'", b'"'])
        esc = b"".join(bytes([c]) if 32 <= c < 127 and c not in (0x27, 0x22, 0x5C)
                       else b"\\x%02x" % c for c in b)
        return O.STRING + quote + esc + quote + b"\n"
    if k == "SHORT_BINSTRING" and len(b) < 256:
        return O.SHORT_BINSTRING + bytes([len(b)]) + b
    return O.BINSTRING + struct.pack("<i", len(b)) + b


def enc_int_op(rng, n):
    """Push int `n` with a random fitting integer opcode."""
    ops = ["INT", "LONG", "LONG1", "LONG4"]
    if 0 <= n < 256:
        ops.append("BININT1")
    if 0 <= n < 65536:
        ops.append("BININT2")
    if -2 ** 31 <= n < 2 ** 31:
        ops.append("BININT")
    k = rng.choice(ops)
    if k == "BININT1":
        return O.BININT1 + bytes([n])
    if k == "BININT2":
        return O.BININT2 + struct.pack("<H", n)
    if k == "BININT":
        return O.BININT + struct.pack("<i", n)
    if k == "INT":
        return O.INT + str(n).encode() + b"\n"
    if k == "LONG":
        return O.LONG + str(n).encode() + b"L\n"
    raw = pickle.encode_long(n)
    if k == "LONG1" and len(raw) < 256:
        return O.LONG1 + bytes([len(raw)]) + raw
    return O.LONG4 + struct.pack("<i", len(raw)) + raw


class StreamGen:
    """Random opcode stream generator that models the unpickler stack.

    The model (kinds per stack slot, marks, memo contents) steers the choice
    of opcodes so that most streams are valid and reach deep states; random
    "break" mutations then make a fraction of them invalid on purpose.
    Stack kinds: 'str', 'int', 'float', 'bytes', 'none', 'bool', 'list',
    'dict', 'tuple', 'set', 'fset', 'obj' (stub instance), 'cls' (stub class).
    """

    HASHABLE = {"str", "int", "float", "bytes", "none", "bool", "tuple", "fset", "obj", "cls"}

    def __init__(self, rng):
        self.rng = rng
        self.ops = []            # list of complete opcodes (bytes)
        self.stack = []          # model stack; 'MARK' entries are marks
        self.memo = {}           # index -> kind
        self.proto = rng.choice([0, 1, 2, 2, 3, 4, 4, 5, 5])

    # -- helpers ---------------------------------------------------------------
    def emit(self, op, push=None, pop=0):
        self.ops.append(op)
        for _ in range(pop):
            self.stack.pop()
        if push is not None:
            self.stack.append(push)

    def top_frame(self):
        """Items above the innermost mark."""
        i = len(self.stack)
        while i > 0 and self.stack[i - 1] != "MARK":
            i -= 1
        return self.stack[i:]

    def kind(self, depth=1):
        fr = self.top_frame()
        return fr[-depth] if len(fr) >= depth else None

    def push_str(self, s=None):
        s = self.rng.choice(NAME_POOL) if s is None else s
        self.emit(enc_str_op(self.rng, s), "str")

    # -- actions ------------------------------------------------------------------
    def act_scalar(self):
        rng = self.rng
        r = rng.random()
        if r < 0.35:
            self.push_str()
        elif r < 0.6:
            self.emit(enc_int_op(rng, rng.choice([0, 1, 7, 255, 256, 70000, -5, 2 ** 40, -(2 ** 70)])), "int")
        elif r < 0.7:
            v = rng.choice([0.5, -2.25, 1e100])
            self.emit(rng.choice([O.BINFLOAT + struct.pack(">d", v), O.FLOAT + repr(v).encode() + b"\n"]), "float")
        elif r < 0.8:
            b = bytes(rng.randrange(256) for _ in range(rng.randrange(6)))
            self.emit(rng.choice([O.SHORT_BINBYTES + bytes([len(b)]) + b,
                                  O.BINBYTES + struct.pack("<I", len(b)) + b,
                                  O.BINBYTES8 + struct.pack("<Q", len(b)) + b,
                                  O.BYTEARRAY8 + struct.pack("<Q", len(b)) + b]), "bytes")
            if rng.random() < 0.2:
                self.emit(O.READONLY_BUFFER)            # bytes -> read-only memoryview
        elif r < 0.87:
            self.emit(O.NONE, "none")
        else:
            self.emit(rng.choice([O.NEWTRUE, O.NEWFALSE, b"I01\n", b"I00\n"]), "bool")

    def act_empty(self):
        op, k = self.rng.choice([(O.EMPTY_LIST, "list"), (O.EMPTY_DICT, "dict"),
                                 (O.EMPTY_TUPLE, "tuple"), (O.EMPTY_SET, "set")])
        self.emit(op, k)

    def act_global(self):
        rng = self.rng
        mod, name = rng.choice(GLOBAL_POOL + [("__builtin__", "set"), ("copy_reg", "_reconstructor"),
                                              ("UserDict", "UserDict"), ("exceptions", "ValueError")])
        if rng.random() < 0.5 and self.proto >= 4 or rng.random() < 0.1:
            self.push_str(mod)
            self.memoize_maybe()
            self.push_str(name)
            self.memoize_maybe()
            self.emit(O.STACK_GLOBAL, "cls", pop=2)
        else:
            self.emit(O.GLOBAL + f"{mod}\n{name}\n".encode("utf-8"), "cls")

    def act_memo_stack_global(self):
        """STACK_GLOBAL whose operands come from (possibly overwritten) memo slots."""
        strs = [i for i, k in self.memo.items() if k == "str"]
        if self.rng.random() < 0.15 and self.memo:
            strs = list(self.memo)               # type confusion: may not be str
        elif len(strs) < 2:
            return self.act_put()
        for _ in range(2):
            self.emit_get(self.rng.choice(strs))
        self.emit(O.STACK_GLOBAL, "cls", pop=2)

    def memoize_maybe(self):
        if self.rng.random() < 0.3:
            self.act_put()

    def act_put(self):
        if not self.top_frame():
            return self.act_scalar()
        rng = self.rng
        k = self.kind()
        r = rng.random()
        if r < 0.4 and self.proto >= 4 or r < 0.1:
            idx = len(self.memo)                 # MEMOIZE writes memo[len(memo)]
            self.ops.append(O.MEMOIZE)
        else:
            idx = rng.choice([0, 1, 2, 3, 5, 8, 300] + list(self.memo))   # reuse / overwrite
            if idx < 256 and rng.random() < 0.6:
                self.ops.append(O.BINPUT + bytes([idx]))
            elif rng.random() < 0.5:
                self.ops.append(O.LONG_BINPUT + struct.pack("<I", idx))
            else:
                self.ops.append(O.PUT + str(idx).encode() + b"\n")
        self.memo[idx] = k

    def emit_get(self, idx):
        rng = self.rng
        if idx < 256 and rng.random() < 0.6:
            op = O.BINGET + bytes([idx])
        elif rng.random() < 0.5:
            op = O.LONG_BINGET + struct.pack("<I", idx)
        else:
            op = O.GET + str(idx).encode() + b"\n"
        self.emit(op, self.memo.get(idx, "obj"))

    def act_get(self):
        if not self.memo:
            return self.act_scalar()
        self.emit_get(self.rng.choice(list(self.memo)))

    def act_collection(self):
        """MARK items... then LIST / TUPLE / DICT / FROZENSET / POP_MARK."""
        rng = self.rng
        self.emit(O.MARK, "MARK")
        n = rng.randrange(0, 5)
        for _ in range(n):
            self.step(depth_limit=True)
        fr = self.top_frame()
        closers = ["LIST", "TUPLE", "POP_MARK"]
        if len(fr) % 2 == 0 and all(k in self.HASHABLE for k in fr[0::2]):
            closers.append("DICT")
        if all(k in self.HASHABLE for k in fr):
            closers.append("FROZENSET")
        c = rng.choice(closers)
        cnt = len(fr) + 1
        if c == "LIST":
            self.emit(O.LIST, "list", pop=cnt)
        elif c == "TUPLE":
            self.emit(O.TUPLE, "tuple", pop=cnt)
        elif c == "DICT":
            self.emit(O.DICT, "dict", pop=cnt)
        elif c == "FROZENSET":
            self.emit(O.FROZENSET, "fset", pop=cnt)
        else:
            self.emit(O.POP_MARK, None, pop=cnt)

    def act_small_tuple(self):
        fr = self.top_frame()
        n = self.rng.randrange(1, 4)
        if len(fr) < n:
            return self.act_scalar()
        self.emit({1: O.TUPLE1, 2: O.TUPLE2, 3: O.TUPLE3}[n], "tuple", pop=n)

    def act_fill(self):
        """APPEND(S) / SETITEM(S) / ADDITEMS onto a container already on the stack."""
        rng = self.rng
        k = self.kind()
        if k == "list" or (k == "obj" and rng.random() < 0.3):
            if rng.random() < 0.5:
                self.act_scalar()
                self.emit(O.APPEND, pop=1)
            else:
                self.emit(O.MARK, "MARK")
                for _ in range(rng.randrange(4)):
                    self.act_scalar()
                self.emit(O.APPENDS, pop=len(self.top_frame()) + 1)
        elif k == "dict" or (k == "obj" and rng.random() < 0.3):
            if rng.random() < 0.5:
                self.push_str()
                self.act_scalar()
                self.emit(O.SETITEM, pop=2)
            else:
                self.emit(O.MARK, "MARK")
                for _ in range(rng.randrange(3)):
                    self.push_str()
                    self.act_scalar()
                self.emit(O.SETITEMS, pop=len(self.top_frame()) + 1)
        elif k == "set":
            self.emit(O.MARK, "MARK")
            for _ in range(rng.randrange(4)):
                self.emit(enc_int_op(rng, rng.randrange(100)), "int")
            self.emit(O.ADDITEMS, pop=len(self.top_frame()) + 1)
        else:
            self.act_empty()

    def make_args_tuple(self):
        """Push a tuple of 0..2 simple items."""
        n = self.rng.randrange(3)
        if n == 0:
            self.emit(O.EMPTY_TUPLE, "tuple")
            return
        for _ in range(n):
            self.act_scalar() if self.rng.random() < 0.8 else self.act_get()
        self.emit({1: O.TUPLE1, 2: O.TUPLE2}[n], "tuple", pop=n)

    def act_call(self):
        """REDUCE / NEWOBJ / NEWOBJ_EX / OBJ / INST / BUILD / PERSID."""
        rng = self.rng
        r = rng.random()
        if r < 0.3:
            self.act_global()
            self.make_args_tuple()
            self.emit(O.REDUCE, "obj", pop=2)
        elif r < 0.45:
            self.act_global()
            self.make_args_tuple()
            self.emit(O.NEWOBJ, "obj", pop=2)
        elif r < 0.55:
            self.act_global()
            self.make_args_tuple()
            self.emit(O.EMPTY_DICT, "dict")
            self.push_str("kw")
            self.act_scalar()
            self.emit(O.SETITEM, pop=2)
            self.emit(O.NEWOBJ_EX, "obj", pop=3)
        elif r < 0.65:
            self.emit(O.MARK, "MARK")
            self.act_global()
            for _ in range(rng.randrange(3)):
                self.act_scalar()
            self.emit(O.OBJ, "obj", pop=len(self.top_frame()) + 1)
        elif r < 0.75:
            self.emit(O.MARK, "MARK")
            for _ in range(rng.randrange(3)):
                self.act_scalar()
            mod, name = rng.choice(GLOBAL_POOL)
            self.emit(O.INST + f"{mod}\n{name}\n".encode("utf-8"), "obj", pop=len(self.top_frame()) + 1)
        elif r < 0.9:
            if self.kind() != "obj":
                self.act_global()
                self.make_args_tuple()
                self.emit(O.REDUCE, "obj", pop=2)
            # BUILD with a dict state, a (dict, slotstate) tuple or anything
            s = rng.random()
            if s < 0.5:
                self.emit(O.EMPTY_DICT, "dict")
                self.act_fill()
            elif s < 0.7:
                self.emit(O.EMPTY_DICT, "dict")
                self.emit(O.EMPTY_DICT, "dict")
                self.emit(O.TUPLE2, "tuple", pop=2)
            else:
                self.act_scalar()
            self.emit(O.BUILD, pop=1)
        else:
            if rng.random() < 0.5:
                self.emit(O.PERSID + b"key%d\n" % rng.randrange(10), "obj")
            else:
                self.push_str("storage")
                self.emit(O.TUPLE1, "tuple", pop=1)
                self.emit(O.BINPERSID, "obj", pop=1)

    def act_stack_ops(self):
        rng = self.rng
        r = rng.random()
        fr = self.top_frame()
        if r < 0.4 and fr:
            self.emit(O.DUP, fr[-1])
        elif r < 0.8 and fr:
            self.emit(O.POP, pop=1)
        elif r < 0.9:
            # POP right after MARK pops the mark itself in CPython
            self.emit(O.MARK, "MARK")
            self.emit(O.POP, pop=1)
        else:
            p = rng.choice([0, 2, 3, 4, 5])
            self.emit(O.PROTO + bytes([p]))
            self.proto = max(self.proto, p)

    def step(self, depth_limit=False):
        rng = self.rng
        r = rng.random()
        if r < 0.2:
            self.act_scalar()
        elif r < 0.28:
            self.act_empty()
        elif r < 0.36:
            self.act_fill()
        elif r < 0.44:
            self.act_put()
        elif r < 0.52:
            self.act_get()
        elif r < 0.6 and not depth_limit:
            self.act_collection()
        elif r < 0.65:
            self.act_small_tuple()
        elif r < 0.78:
            self.act_call()
        elif r < 0.85:
            self.act_global()
        elif r < 0.9:
            self.act_memo_stack_global()
        else:
            self.act_stack_ops()

    # -- whole stream ---------------------------------------------------------------
    def finish_ops(self):
        """Close open marks, make sure something is on the stack."""
        while "MARK" in self.stack:
            cnt = len(self.top_frame()) + 1
            self.emit(O.LIST, "list", pop=cnt)
        if not self.stack:
            self.emit(O.NONE, "none")

    def build(self):
        rng = self.rng
        for _ in range(rng.randrange(1, 40)):
            self.step()
        self.finish_ops()
        body = list(self.ops)
        head = [] if (self.proto < 2 and rng.random() < 0.7) else [O.PROTO + bytes([self.proto])]
        data = b"".join(head) + self.framed(body) + O.STOP
        self.last_good = data
        return self.break_maybe(data)

    def framed(self, ops):
        """Optionally split into FRAMEs (protocol >= 4): well-formed or with
        lengths that do not end on opcode boundaries (straddling)."""
        rng = self.rng
        if self.proto < 4 or rng.random() < 0.4:
            return b"".join(ops)
        out = []
        i = 0
        straddle = rng.random() < 0.4
        while i < len(ops):
            j = min(len(ops), i + rng.randrange(1, 8))
            chunk = b"".join(ops[i:j])
            declared = len(chunk)
            if straddle and declared > 2:
                declared -= rng.randrange(1, min(declared, 5))
            out.append(O.FRAME + struct.pack("<Q", declared) + chunk)
            i = j
        return b"".join(out)

    def break_maybe(self, data):
        """~25% of streams are deliberately broken."""
        rng = self.rng
        if rng.random() >= 0.25:
            return data
        b = rng.randrange(10)
        if b == 0:                                      # truncated
            return data[:rng.randrange(1, max(2, len(data)))]
        if b == 1:                                      # GET of an unset memo index
            return data[:-1] + O.BINGET + bytes([200 + rng.randrange(50)]) + O.STOP
        if b == 2:                                      # STACK_GLOBAL on a non-str
            return data[:-1] + enc_int_op(rng, 5) + O.SHORT_BINUNICODE + b"\x01x" + O.STACK_GLOBAL + O.STOP
        if b == 3:                                      # unknown opcode byte
            pos = rng.randrange(len(data))
            return data[:pos] + rng.choice([b"\xff", b"\x9a", b"\xf0"]) + data[pos:]
        if b == 4:                                      # missing STOP
            return data[:-1]
        if b == 5:                                      # stack underflow at the start
            return O.POP + O.REDUCE + data
        if b == 6:                                      # unsupported protocol
            return O.PROTO + bytes([rng.choice([6, 9, 255])]) + data
        if b == 7:                                      # unregistered extension code
            ext = rng.choice([O.EXT1 + b"\x07", O.EXT2 + b"\x34\x12", O.EXT4 + b"\x01\x00\x01\x00"])
            return data[:-1] + ext + O.STOP
        if b == 8:                                      # out-of-band buffer, none given
            return data[:-1] + O.NEXT_BUFFER + O.STOP
        pos = rng.randrange(len(data))                  # random byte flip
        return data[:pos] + bytes([data[pos] ^ (1 << rng.randrange(8))]) + data[pos + 1:]


def has_surrogate_global(result):
    """True if an oracle result names a global containing a lone surrogate."""
    return any(0xD800 <= ord(ch) <= 0xDFFF for pair in result["globals"] for part in pair for ch in part)


def cmd_gen(outdir, n, seed):
    os.makedirs(outdir, exist_ok=True)
    rng = random.Random(seed)
    for i in range(n):
        case_rng = random.Random(rng.getrandbits(64))
        fallback = pickle.dumps(None, protocol=2)
        if case_rng.random() < 0.4:
            data = gen_dumps_case(case_rng)
        else:
            sg = StreamGen(case_rng)
            data = sg.build()
            fallback = sg.last_good
            # a random break may have produced a huge length / memo index:
            # redraw it (CPython's reaction to those is machine-dependent)
            for _ in range(20):
                if resource_violation(data) is None:
                    break
                data = sg.break_maybe(sg.last_good)
            else:
                data = sg.last_good
        assert resource_violation(data) is None
        path = os.path.join(outdir, "case_%05d.pkl" % i)
        with open(path, "wb") as f:
            f.write(data)
        # Keep the oracle's JSON parseable by strict readers: a bit flip can
        # smuggle a lone surrogate (BINUNICODE decodes with surrogatepass) into
        # a global name, which JSON can only write as an unpaired \udXXX escape.
        if has_surrogate_global(oracle_one(path)):
            with open(path, "wb") as f:
                f.write(fallback)
    print(f"wrote {n} cases to {outdir}")


def main(argv):
    if len(argv) >= 4 and argv[0] == "gen":
        cmd_gen(argv[1], int(argv[2]), int(argv[3]))
    elif len(argv) >= 1 and argv[0] == "oracle":
        cmd_oracle(argv[1:])
    else:
        sys.stderr.write(__doc__)
        sys.exit(2)


if __name__ == "__main__":
    main(sys.argv[1:])
