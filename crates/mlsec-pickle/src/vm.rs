//! The opcode interpreter: a faithful simulation of `_pickle.c`'s `load()` loop.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use crate::decode;

/// Resource limits for one simulation. Each opcode consumes at least one input
/// byte, so the opcode limit also bounds time; memory is bounded by opcodes.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Maximum opcodes to execute before giving up with [`End::Limit`].
    pub max_ops: u64,
    /// Maximum size of a nested payload that is decoded and handed back for scanning.
    pub max_nested_bytes: usize,
    /// Simulate `joblib.load` (joblib's unpickler reads NumPy array data inline after
    /// each `NumpyArrayWrapper` BUILD) instead of plain `pickle.load`. Scanners run both
    /// views on files that use the wrapper, because the two loaders read different opcodes.
    pub joblib: bool,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_ops: 200_000_000,
            max_nested_bytes: 64 << 20,
            joblib: false,
        }
    }
}

/// An operand of a global import: a string constant, or something computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportOperand {
    /// A string literal (possibly reached through the memo).
    Literal(String),
    /// A value the pickle computed (result of a call, an imported object, ...), described.
    NonLiteral(String),
}

impl ImportOperand {
    /// The literal text, or a placeholder for computed operands.
    #[must_use]
    pub fn text(&self) -> &str {
        match self {
            ImportOperand::Literal(s) => s,
            ImportOperand::NonLiteral(_) => "<computed>",
        }
    }
}

/// One `find_class` request, as the real unpickler would make it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    /// Module operand.
    pub module: ImportOperand,
    /// Qualified name operand (may contain dots).
    pub name: ImportOperand,
    /// The opcode that requested it (`GLOBAL`, `STACK_GLOBAL`, `INST`, `EXT1`, ...).
    pub opcode: &'static str,
    /// Byte offset of that opcode in the input.
    pub offset: usize,
    /// Index of that opcode in the stream.
    pub op_index: u64,
    /// For EXT opcodes: the extension code.
    pub ext_code: Option<u32>,
}

impl ImportOperand {
    /// True when the operand could name a real module or attribute: up to any NUL
    /// (which the importer may cut at), a non-empty dotted identifier. Text that
    /// merely starts with an opcode letter (`chat_template: ...` read as GLOBAL)
    /// gives names no importer accepts. Computed operands count as plausible.
    #[must_use]
    pub fn is_plausible_name(&self) -> bool {
        match self {
            ImportOperand::Literal(s) => {
                let s = s.split('\0').next().unwrap_or("");
                !s.is_empty() && !s.starts_with('.') && s.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '.')
            }
            ImportOperand::NonLiteral(_) => true,
        }
    }
}

/// How something was called.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallKind {
    /// `REDUCE`: `callable(*args)`.
    Reduce,
    /// `INST`: import plus instantiation.
    Inst,
    /// `OBJ`: instantiation of a class from the stack.
    Obj,
    /// `NEWOBJ`: `cls.__new__(cls, *args)`.
    NewObj,
    /// `NEWOBJ_EX`: `cls.__new__(cls, *args, **kwargs)`.
    NewObjEx,
    /// `BUILD` on an object with state: may call `__setstate__`.
    Build,
    /// `APPEND`/`APPENDS` on an object that is not a list: calls `extend`/`append`.
    Append,
    /// `SETITEM`/`SETITEMS` on an object that is not a dict: calls `__setitem__`.
    SetItem,
    /// `ADDITEMS` on an object that is not a set: calls `add`.
    AddItems,
    /// Passed as an argument (possibly inside a container) to a call of a callable
    /// that is not a known invoker: the callee may call it.
    Argument,
    /// Held in the state handed to BUILD (`__setstate__` may keep or call it).
    State,
}

impl CallKind {
    /// Opcode name.
    #[must_use]
    pub fn opcode(self) -> &'static str {
        match self {
            CallKind::Reduce => "REDUCE",
            CallKind::Inst => "INST",
            CallKind::Obj => "OBJ",
            CallKind::NewObj => "NEWOBJ",
            CallKind::NewObjEx => "NEWOBJ_EX",
            CallKind::Build => "BUILD",
            CallKind::Append => "APPEND",
            CallKind::SetItem => "SETITEM",
            CallKind::AddItems => "ADDITEMS",
            CallKind::Argument => "an argument of a call",
            CallKind::State => "BUILD state",
        }
    }
}

/// What was called.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Callee {
    /// An imported global, by index into [`Trace::imports`].
    Global(usize),
    /// An object derived from an imported global (e.g. the result of calling it,
    /// or of `getattr` on it): index of the global it came from.
    Derived(usize),
    /// Something that is not derived from any import (a constant, a persistent id).
    Other(&'static str),
}

/// One call the unpickler would make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallEvent {
    /// What is called.
    pub callee: Callee,
    /// Which opcode calls it.
    pub kind: CallKind,
    /// Byte offset of the opcode.
    pub offset: usize,
    /// Opcode index.
    pub op_index: u64,
    /// A short, escaped preview of the first string argument, if any.
    pub arg_preview: Option<String>,
    /// The first positional argument, when it is an imported global (index into
    /// [`Trace::imports`]): what wrappers such as `functools.partial` wrap.
    pub first_arg_global: Option<usize>,
    /// For `getattr(GLOBAL, "literal")`: the synthetic import (opcode `getattr`)
    /// standing for the attribute it returns.
    pub result_global: Option<usize>,
    /// Number of positional arguments when they are a tuple.
    pub arg_count: Option<usize>,
}

/// Bytes handed to a deserializer inside the pickle (`pickle.loads(b"...")`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NestedPayload {
    /// The loader called, by index into [`Trace::imports`].
    pub loader: usize,
    /// The decoded bytes (after base64/hex/zlib folding).
    pub data: Vec<u8>,
    /// The decoders applied, outermost last (e.g. `["base64.b64decode"]`).
    pub decoders: Vec<String>,
    /// Byte offset of the call.
    pub offset: usize,
}

/// How a simulation ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum End {
    /// STOP executed at `offset`; `next` is the first byte after the pickle.
    Stop {
        /// Offset of the STOP opcode.
        offset: usize,
        /// Offset just after STOP.
        next: usize,
    },
    /// The unpickler would raise here.
    Error {
        /// Offset of the failing opcode.
        offset: usize,
        /// CPython-style message.
        message: String,
    },
    /// The opcode limit was reached at `offset`.
    Limit {
        /// Offset where simulation stopped.
        offset: usize,
    },
}

/// Everything the simulation observed.
#[derive(Debug, Clone, Default)]
pub struct Trace {
    /// Every global resolved, in order.
    pub imports: Vec<Import>,
    /// Every call, in order.
    pub calls: Vec<CallEvent>,
    /// BUILD applied directly to an imported object: (import index, offset, op index).
    pub builds_on_imports: Vec<(usize, usize, u64)>,
    /// Payloads handed to deserializers.
    pub nested: Vec<NestedPayload>,
    /// Highest PROTO seen.
    pub protocol: Option<u8>,
    /// Opcodes executed.
    pub ops: u64,
    /// Persistent ids loaded (PyTorch storages).
    pub persistent_ids: u64,
    /// Offset of the first FRAME that declares more bytes than remain. CPython's C
    /// unpickler stops there; the pure-Python `pickle._Unpickler` (which joblib
    /// uses) does not check and runs what follows, so the VM goes on.
    pub frame_overrun: Option<usize>,
    /// Byte strings that are themselves complete pickles (PROTO 2-5 ... STOP), as
    /// (offset, length): dormant payloads nothing here loads, a second stage for
    /// whatever code unpickles them later. At most 64.
    pub embedded: Vec<(usize, usize)>,
    /// How it ended (`None` only while running).
    pub end: Option<End>,
}

impl Trace {
    /// The end, as a reference.
    #[must_use]
    pub fn end(&self) -> &End {
        self.end.as_ref().unwrap_or(&End::Limit { offset: 0 })
    }
}

#[derive(Clone, Debug)]
enum Str<'a> {
    Borrowed(&'a str),
    Owned(Rc<str>),
}

impl Str<'_> {
    fn as_str(&self) -> &str {
        match self {
            Str::Borrowed(s) => s,
            Str::Owned(s) => s,
        }
    }
}

#[derive(Clone, Debug)]
enum Value<'a> {
    Scalar,
    Int(i64),
    Str(Str<'a>),
    Bytes(&'a [u8]),
    ByteArray,
    Global(usize),
    Object(Rc<Obj<'a>>),
    Tuple(Rc<[Value<'a>]>),
    List(Rc<RefCell<Vec<Value<'a>>>>),
    Dict(Rc<RefCell<Vec<Value<'a>>>>),
    Set(Rc<RefCell<Vec<Value<'a>>>>),
    Persistent,
}

#[derive(Debug)]
struct Obj<'a> {
    /// The import this object derives from, if any.
    origin: Option<usize>,
    /// The callable's import index when it was a direct call of a global.
    callee: Option<usize>,
    args: Value<'a>,
    /// State applied by BUILD, kept for the few objects whose state matters (dtypes).
    state: RefCell<Option<Value<'a>>>,
}

impl<'a> Value<'a> {
    fn origin(&self) -> Option<usize> {
        match self {
            Value::Global(i) => Some(*i),
            Value::Object(o) => o.origin,
            _ => None,
        }
    }

    fn describe(&self) -> &'static str {
        match self {
            Value::Scalar | Value::Int(_) => "a number or constant",
            Value::Str(_) => "a string",
            Value::Bytes(_) => "bytes",
            Value::ByteArray => "a bytearray",
            Value::Global(_) => "an imported object",
            Value::Object(_) => "the result of a call",
            Value::Tuple(_) => "a tuple",
            Value::List(_) => "a list",
            Value::Dict(_) => "a dict",
            Value::Set(_) => "a set",
            Value::Persistent => "a persistent object",
        }
    }

    /// Keep only values that matter for analysis inside containers.
    fn worth_keeping(&self) -> bool {
        !matches!(self, Value::Scalar | Value::Int(_))
    }
}

struct Vm<'a, 'l> {
    data: &'a [u8],
    pos: usize,
    stack: Vec<Value<'a>>,
    marks: Vec<usize>,
    memo: HashMap<u64, Value<'a>>,
    trace: Trace,
    limits: &'l Limits,
    /// Every mutable container and object created, so that reference cycles a
    /// pickle builds (a list appended to itself) are broken when the VM ends.
    containers: Vec<Rc<RefCell<Vec<Value<'a>>>>>,
    objects: Vec<Rc<Obj<'a>>>,
}

impl Drop for Vm<'_, '_> {
    fn drop(&mut self) {
        for c in &self.containers {
            if let Ok(mut v) = c.try_borrow_mut() {
                v.clear();
            }
        }
        for o in &self.objects {
            if let Ok(mut st) = o.state.try_borrow_mut() {
                *st = None;
            }
        }
    }
}

type Res<T> = Result<T, String>;

#[derive(Clone, Copy)]
enum Fill {
    Append,
    SetItems,
    AddItems,
}

/// `hash(v)` succeeds for every value except mutable containers (and tuples holding them).
fn hashable(v: &Value<'_>) -> Res<()> {
    match v {
        Value::List(_) => Err("unhashable type: 'list'".into()),
        Value::Dict(_) => Err("unhashable type: 'dict'".into()),
        Value::Set(_) => Err("unhashable type: 'set'".into()),
        Value::ByteArray => Err("unhashable type: 'bytearray'".into()),
        Value::Tuple(t) => t.iter().try_for_each(hashable),
        _ => Ok(()),
    }
}

/// Simulate the unpickling of the pickle that starts at `data[0]`.
#[must_use]
pub fn simulate(data: &[u8], limits: &Limits) -> Trace {
    let mut vm = Vm {
        data,
        pos: 0,
        stack: Vec::new(),
        marks: Vec::new(),
        memo: HashMap::new(),
        trace: Trace::default(),
        limits,
        containers: Vec::new(),
        objects: Vec::new(),
    };
    let end = vm.run();
    vm.trace.end = Some(end);
    std::mem::take(&mut vm.trace)
}

/// What a call on `v` calls: the import itself, something derived from an import
/// (a method of it, the result of calling it), or neither. `method` marks calls the
/// unpickler makes on the object (`__setstate__`, `append`, ...), which call a method
/// of an imported object rather than the object itself.
fn callee_of(v: &Value<'_>, method: bool) -> Callee {
    match v {
        Value::Global(i) if !method => Callee::Global(*i),
        other => match other.origin() {
            Some(i) => Callee::Derived(i),
            None => Callee::Other(other.describe()),
        },
    }
}

/// Dict items as flat key/value pairs, dropping pairs where both sides are plain numbers.
fn keep_pairs(items: Vec<Value<'_>>) -> Vec<Value<'_>> {
    let mut out = Vec::with_capacity(items.len());
    let mut it = items.into_iter();
    while let (Some(k), Some(v)) = (it.next(), it.next()) {
        if k.worth_keeping() || v.worth_keeping() {
            out.push(k);
            out.push(v);
        }
    }
    out
}

/// Little-endian two's-complement integer of up to 8 bytes (LONG1).
fn le_signed(b: &[u8]) -> i64 {
    if b.is_empty() {
        return 0;
    }
    let mut v: u64 = 0;
    for (i, x) in b.iter().enumerate() {
        v |= u64::from(*x) << (8 * i);
    }
    let bits = 8 * b.len() as u32;
    if bits < 64 && b[b.len() - 1] & 0x80 != 0 {
        v |= u64::MAX << bits;
    }
    v as i64
}

fn preview(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().take(80) {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    if s.chars().count() > 80 {
        out.push('…');
    }
    out
}

impl<'a> Vm<'a, '_> {
    fn run(&mut self) -> End {
        loop {
            let offset = self.pos;
            if self.trace.ops >= self.limits.max_ops {
                return End::Limit { offset };
            }
            let Some(&op) = self.data.get(self.pos) else {
                let message = if self.pos == 0 {
                    "ran out of input"
                } else {
                    "pickle data was truncated"
                };
                return End::Error {
                    offset,
                    message: message.into(),
                };
            };
            self.pos += 1;
            let idx = self.trace.ops;
            self.trace.ops += 1;
            // Fast path for the opcodes that dominate large numeric pickles.
            let d = self.data;
            let fast = match op {
                b'J' => d.get(self.pos..self.pos + 4).map(|b| {
                    self.pos += 4;
                    Value::Int(i64::from(i32::from_le_bytes([b[0], b[1], b[2], b[3]])))
                }),
                b'K' => d.get(self.pos).map(|&b| {
                    self.pos += 1;
                    Value::Int(i64::from(b))
                }),
                b'M' => d.get(self.pos..self.pos + 2).map(|b| {
                    self.pos += 2;
                    Value::Int(i64::from(u16::from_le_bytes([b[0], b[1]])))
                }),
                b'G' => d.get(self.pos..self.pos + 8).map(|_| {
                    self.pos += 8;
                    Value::Scalar
                }),
                _ => None,
            };
            if let Some(v) = fast {
                self.stack.push(v);
                continue;
            }
            match self.step(op, offset, idx) {
                Ok(true) => {
                    // STOP: value = Pdata_pop(stack)
                    if self.stack.len() <= self.fence() {
                        return End::Error {
                            offset,
                            message: "unpickling stack underflow".into(),
                        };
                    }
                    return End::Stop { offset, next: self.pos };
                }
                Ok(false) => {}
                Err(message) => return End::Error { offset, message },
            }
        }
    }

    fn fence(&self) -> usize {
        self.marks.last().copied().unwrap_or(0)
    }

    fn read(&mut self, n: usize) -> Res<&'a [u8]> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.data.len())
            .ok_or("pickle data was truncated")?;
        let s = &self.data[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    fn read_u8(&mut self) -> Res<u8> {
        Ok(self.read(1)?[0])
    }

    #[inline(always)]
    fn read_array<const N: usize>(&mut self) -> Res<[u8; N]> {
        match self.data.get(self.pos..self.pos + N) {
            Some(b) => {
                self.pos += N;
                Ok(b.try_into().expect("N bytes"))
            }
            None => Err("pickle data was truncated".into()),
        }
    }

    #[inline(always)]
    fn read_le(&mut self, n: usize) -> Res<u64> {
        Ok(match n {
            1 => u64::from(self.read_array::<1>()?[0]),
            2 => u64::from(u16::from_le_bytes(self.read_array()?)),
            4 => u64::from(u32::from_le_bytes(self.read_array()?)),
            8 => u64::from_le_bytes(self.read_array()?),
            _ => {
                let b = self.read(n)?;
                let mut v: u64 = 0;
                for (i, x) in b.iter().enumerate() {
                    v |= u64::from(*x) << (8 * i);
                }
                v
            }
        })
    }

    fn read_size(&mut self, n: usize, what: &str) -> Res<usize> {
        let v = self.read_le(n)?;
        if v > i64::MAX as u64 {
            return Err(format!("{what} exceeds system's maximum size of {} bytes", i64::MAX));
        }
        usize::try_from(v).map_err(|_| format!("{what} exceeds system's maximum size"))
    }

    /// A line without its trailing newline (`_Unpickler_Readline`).
    fn readline(&mut self) -> Res<&'a [u8]> {
        let rest = &self.data[self.pos..];
        match rest.iter().position(|&b| b == b'\n') {
            Some(i) => {
                self.pos += i + 1;
                Ok(&rest[..i])
            }
            None => Err("pickle data was truncated".into()),
        }
    }

    fn container(&mut self, items: Vec<Value<'a>>) -> Rc<RefCell<Vec<Value<'a>>>> {
        let c = Rc::new(RefCell::new(items));
        self.containers.push(Rc::clone(&c));
        c
    }

    #[inline(always)]
    fn push(&mut self, v: Value<'a>) {
        self.stack.push(v);
    }

    fn pop(&mut self) -> Res<Value<'a>> {
        if self.stack.len() <= self.fence() {
            return Err("unpickling stack underflow".into());
        }
        Ok(self.stack.pop().expect("checked above"))
    }

    fn marker(&mut self) -> Res<usize> {
        self.marks.pop().ok_or_else(|| "could not find MARK".to_string())
    }

    fn pop_from(&mut self, start: usize) -> Res<Vec<Value<'a>>> {
        if start < self.fence() || start > self.stack.len() {
            return Err("unpickling stack underflow".into());
        }
        Ok(self.stack.split_off(start))
    }

    fn top(&self) -> Res<&Value<'a>> {
        if self.stack.len() <= self.fence() {
            return Err("unpickling stack underflow".into());
        }
        Ok(self.stack.last().expect("checked above"))
    }

    fn add_import(
        &mut self,
        module: ImportOperand,
        name: ImportOperand,
        opcode: &'static str,
        offset: usize,
        op_index: u64,
        ext: Option<u32>,
    ) -> usize {
        self.trace.imports.push(Import {
            module,
            name,
            opcode,
            offset,
            op_index,
            ext_code: ext,
        });
        self.trace.imports.len() - 1
    }

    fn import_lines(&mut self, opcode: &'static str, offset: usize, idx: u64) -> Res<usize> {
        let module = self.readline()?;
        let name = self.readline()?;
        // GLOBAL decodes its lines as UTF-8, INST as ASCII (load_global / load_inst).
        let codec = if opcode == "INST" { "ascii" } else { "utf-8" };
        let decode = |b: &'a [u8]| -> Res<&'a str> {
            std::str::from_utf8(b)
                .ok()
                .filter(|s| codec == "utf-8" || s.is_ascii())
                .ok_or_else(|| format!("'{codec}' codec can't decode bytes in {opcode} argument"))
        };
        if module.is_empty() || name.is_empty() {
            return Err("pickle data was truncated".into());
        }
        let module = decode(module)?;
        let name = decode(name)?;
        Ok(self.add_import(
            ImportOperand::Literal(module.to_string()),
            ImportOperand::Literal(name.to_string()),
            opcode,
            offset,
            idx,
            None,
        ))
    }

    fn first_str_preview(v: &Value<'_>) -> Option<String> {
        match v {
            Value::Str(s) => Some(preview(s.as_str())),
            Value::Tuple(t) => t.iter().find_map(|x| match x {
                Value::Str(s) => Some(preview(s.as_str())),
                _ => None,
            }),
            _ => None,
        }
    }

    /// Record a method call on `target` made by the unpickler itself
    /// (`__setstate__`, `extend`/`append`, `__setitem__`, `add`).
    fn record_event(&mut self, target: &Value<'a>, args: &Value<'a>, kind: CallKind, offset: usize, op_index: u64) {
        let callee = callee_of(target, true);
        self.trace.calls.push(CallEvent {
            callee,
            kind,
            offset,
            op_index,
            arg_preview: Self::first_str_preview(args),
            first_arg_global: None,
            result_global: None,
            arg_count: None,
        });
    }

    fn record_call(
        &mut self,
        callable: &Value<'a>,
        args: &Value<'a>,
        kind: CallKind,
        offset: usize,
        op_index: u64,
    ) -> Value<'a> {
        let callee = callee_of(callable, false);
        let first_arg_global = match args {
            Value::Tuple(t) => match t.first() {
                Some(Value::Global(j)) => Some(*j),
                _ => None,
            },
            _ => None,
        };
        let result_global = match callable {
            Value::Global(g) => self.getattr_of_global(*g, args, offset, op_index),
            _ => None,
        };
        self.trace.calls.push(CallEvent {
            callee,
            kind,
            offset,
            op_index,
            arg_preview: Self::first_str_preview(args),
            first_arg_global,
            result_global,
            arg_count: match args {
                Value::Tuple(t) => Some(t.len()),
                _ => None,
            },
        });
        if let Some(j) = result_global {
            return Value::Global(j);
        }
        let handled = match callable {
            Value::Global(g) => {
                self.check_nested(*g, args, offset);
                self.invoked_args(*g, args, kind, offset, op_index)
            }
            _ => false,
        };
        if !handled {
            // Any callee may call what it is given.
            self.record_nested_globals(args, CallKind::Argument, offset, op_index);
        }
        let obj = Rc::new(Obj {
            origin: callable.origin(),
            callee: match callable {
                Value::Global(g) => Some(*g),
                _ => None,
            },
            args: args.clone(),
            state: RefCell::new(None),
        });
        self.objects.push(Rc::clone(&obj));
        Value::Object(obj)
    }

    /// `getattr(GLOBAL, "name")` with a literal name, as `pickle` writes bound
    /// class methods (e.g. `getattr(zoneinfo.ZoneInfo, "_unpickle")`): record the
    /// attribute as a synthetic import `module.Class.name` (opcode `getattr`) so that
    /// it is judged, and called, like any other global.
    fn getattr_of_global(&mut self, g: usize, args: &Value<'a>, offset: usize, op_index: u64) -> Option<usize> {
        let (m, n) = self.global_pair(g)?;
        if !matches!((canonical_module(m), n), ("builtins", "getattr")) {
            return None;
        }
        let Value::Tuple(t) = args else { return None };
        let [Value::Global(j), Value::Str(attr)] = &t[..] else {
            return None;
        };
        let (tm, tn) = self.global_pair(*j)?;
        let imp = Import {
            module: ImportOperand::Literal(tm.to_string()),
            name: ImportOperand::Literal(format!("{tn}.{}", attr.as_str())),
            opcode: "getattr",
            offset,
            op_index,
            ext_code: None,
        };
        self.trace.imports.push(imp);
        Some(self.trace.imports.len() - 1)
    }

    /// Library functions that call or instantiate globals handed to them as
    /// arguments ("invokers"): `copyreg._reconstructor(cls, base, state)`,
    /// `torch._tensor._rebuild_from_type_v2(func, ...)` (calls `func(*args)`),
    /// NumPy's random-state constructors (call their `ctor` arguments),
    /// `collections.defaultdict(factory)`, Cython's `__pyx_unpickle_X(cls, ...)`.
    /// Globals in those positions are recorded as called, so an allowlisted invoker
    /// never launders a callable that would not be allowed to be called itself.
    fn invoked_args(&mut self, g: usize, args: &Value<'a>, kind: CallKind, offset: usize, op_index: u64) -> bool {
        /// Which argument positions are invoked, and how.
        enum Spec {
            /// The first argument is called (`func(*args)`).
            CallFirst,
            /// The first argument is instantiated by `cls.__new__(cls)`.
            NewFirst,
            /// Every argument that is a global is called.
            CallAll,
            /// `_reconstructor(cls, base, state)`.
            Reconstructor,
        }
        let Some((m, n)) = self.global_pair(g) else {
            return false;
        };
        let spec = match (canonical_module(m), n) {
            ("copyreg", "_reconstructor") => Spec::Reconstructor,
            ("copyreg", "__newobj__" | "__newobj_ex__")
            | ("numpy.core.multiarray" | "numpy._core.multiarray", "_reconstruct")
            | ("dateutil.tz._tzfile", "_unpickle") => Spec::NewFirst,
            ("torch._tensor", "_rebuild_from_type_v2")
            | ("torch._utils", "_rebuild_wrapper_subclass")
            | ("collections", "defaultdict")
            | ("functools", "partial" | "partialmethod")
            | ("numpy", "vectorize")
            | ("pandas.core.indexes.base", "_new_Index") => Spec::CallFirst,
            (m, n) if m.starts_with("pandas.core.indexes.") && n.starts_with("_new_") => Spec::CallFirst,
            ("numpy.random._pickle", _) => Spec::CallAll,
            (_, n) if n.starts_with("__pyx_unpickle_") || n == "newObj" => Spec::NewFirst,
            _ => return false,
        };
        let Value::Tuple(t) = args else { return true };
        // `_reconstructor(cls, object, None)` is `object.__new__(cls)`; any other base
        // gets `base.__init__(obj, state)` called.
        let base_is_object = match t.get(1) {
            Some(Value::Global(b)) => {
                matches!(self.global_pair(*b), Some((bm, "object")) if canonical_module(bm) == "builtins")
            }
            _ => false,
        };
        let mut events = Vec::new();
        let mut rest = Vec::new();
        for (k, a) in t.iter().enumerate() {
            let Value::Global(j) = a else {
                // Globals inside other arguments may be called by the invoker's callee.
                rest.push(a.clone());
                continue;
            };
            let how = match (&spec, k) {
                (Spec::Reconstructor, 0) if base_is_object => CallKind::NewObj,
                (Spec::Reconstructor, 0 | 1) | (Spec::CallFirst, 0) | (Spec::CallAll, _) => kind,
                (Spec::NewFirst, 0) => CallKind::NewObj,
                _ => CallKind::Argument,
            };
            events.push((*j, how));
        }
        for (j, how) in events {
            self.use_global(j, how, offset, op_index);
        }
        for a in &rest {
            self.record_nested_globals(a, CallKind::Argument, offset, op_index);
        }
        true
    }

    /// Record that the unpickler uses global `j` in the way `kind` says, on behalf
    /// of the opcode at `offset`.
    fn use_global(&mut self, j: usize, kind: CallKind, offset: usize, op_index: u64) {
        self.trace.calls.push(CallEvent {
            callee: Callee::Global(j),
            kind,
            offset,
            op_index,
            arg_preview: None,
            first_arg_global: None,
            result_global: None,
            arg_count: None,
        });
    }

    /// Record every global found in `v` (through tuples, lists, dicts and sets, to a
    /// small depth) as used with `kind` (`Argument` or `State`).
    fn record_nested_globals(&mut self, v: &Value<'a>, kind: CallKind, offset: usize, op_index: u64) {
        fn walk(v: &Value<'_>, depth: u32, out: &mut Vec<usize>) {
            if depth > 4 || out.len() > 256 {
                return;
            }
            match v {
                Value::Global(j) => out.push(*j),
                Value::Tuple(t) => t.iter().for_each(|x| walk(x, depth + 1, out)),
                Value::List(c) | Value::Dict(c) | Value::Set(c) => {
                    if let Ok(items) = c.try_borrow() {
                        items.iter().take(4096).for_each(|x| walk(x, depth + 1, out));
                    }
                }
                _ => {}
            }
        }
        let mut found = Vec::new();
        walk(v, 0, &mut found);
        found.sort_unstable();
        found.dedup();
        for j in found {
            self.use_global(j, kind, offset, op_index);
        }
    }

    fn global_pair(&self, g: usize) -> Option<(&str, &str)> {
        let imp = self.trace.imports.get(g)?;
        match (&imp.module, &imp.name) {
            (ImportOperand::Literal(m), ImportOperand::Literal(n)) => Some((m.as_str(), n.as_str())),
            _ => None,
        }
    }

    /// Statically evaluate a value to bytes through known decoders (depth-limited).
    fn eval_bytes(&self, v: &Value<'a>, depth: u32, chain: &mut Vec<String>) -> Option<Vec<u8>> {
        if depth > 8 {
            return None;
        }
        match v {
            // A bytearray can be rewritten after it is built (SETITEM on it, or through a
            // writable view such as `numpy.frombuffer`): its literal bytes prove nothing.
            Value::ByteArray => None,
            Value::Bytes(b) => Some(b.to_vec()),
            Value::Str(s) => Some(
                s.as_str()
                    .chars()
                    .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
                    .collect(),
            ),
            Value::Object(o) => {
                let (m, n) = self.global_pair(o.callee?)?;
                let (m, n) = (canonical_module(m), n);
                let (first, extra) = match &o.args {
                    Value::Tuple(t) => (
                        t.first()?.clone(),
                        t.get(1).and_then(|x| match x {
                            Value::Str(s) => Some(s.as_str().to_string()),
                            _ => None,
                        }),
                    ),
                    _ => return None,
                };
                let inner = self.eval_bytes(&first, depth + 1, chain)?;
                let out = decode::apply_decoder(m, n, &inner, extra.as_deref())?;
                chain.push(format!("{m}.{n}"));
                (out.len() <= self.limits.max_nested_bytes).then_some(out)
            }
            _ => None,
        }
    }

    fn check_nested(&mut self, g: usize, args: &Value<'a>, offset: usize) {
        let Some((m, n)) = self.global_pair(g) else {
            return;
        };
        if !is_loader(canonical_module(m), n) {
            return;
        }
        let Value::Tuple(t) = args else { return };
        let Some(first) = t.first() else { return };
        let mut chain = Vec::new();
        if let Some(data) = self.eval_bytes(first, 0, &mut chain) {
            if data.len() <= self.limits.max_nested_bytes {
                self.trace.nested.push(NestedPayload {
                    loader: g,
                    data,
                    decoders: chain,
                    offset,
                });
            }
        }
    }

    /// joblib tests `isinstance(obj, NumpyArrayWrapper)` after BUILD, so the object
    /// counts whether the class was called directly (NEWOBJ, REDUCE) or handed to a
    /// constructor helper (`copyreg._reconstructor(NumpyArrayWrapper, object, None)`).
    fn is_joblib_wrapper(&self, o: &Obj<'a>) -> bool {
        let is_wrapper = |g: usize| {
            self.global_pair(g).is_some_and(|(m, n)| {
                n == "NumpyArrayWrapper" && matches!(m, "joblib.numpy_pickle" | "sklearn.externals.joblib.numpy_pickle")
            })
        };
        let Some(g) = o.callee else { return false };
        if is_wrapper(g) {
            return true;
        }
        let helper = self.global_pair(g).is_some_and(|(m, n)| {
            matches!(
                (canonical_module(m), n),
                ("copyreg", "_reconstructor" | "__newobj__" | "__newobj_ex__")
            )
        });
        helper && matches!(&o.args, Value::Tuple(t) if matches!(t.first(), Some(Value::Global(c)) if is_wrapper(*c)))
    }

    /// joblib writes NumPy array data inline, right after the BUILD of a
    /// `NumpyArrayWrapper` (`NumpyArrayWrapper.read_array`): an optional alignment
    /// padding (one length byte, then that many bytes), then `count * itemsize`
    /// raw bytes, or for object arrays a complete pickle read by `pickle.load`.
    fn joblib_inline_array(&mut self, o: &Obj<'a>, offset: usize, idx: u64) -> Res<()> {
        let state = o.state.borrow().clone();
        let Some(Value::Dict(d)) = state else {
            return Err("joblib array wrapper state is not a dict".into());
        };
        let items = d.borrow().clone();
        let get = |key: &str| {
            items.chunks(2).find_map(|kv| match kv {
                [Value::Str(k), v] if k.as_str() == key => Some(v.clone()),
                _ => None,
            })
        };
        let count: i128 = match get("shape") {
            Some(Value::Tuple(t)) => t.iter().try_fold(1i128, |acc, v| match v {
                Value::Int(n) if *n >= 0 => Some(acc.saturating_mul(i128::from(*n))),
                _ => None,
            }),
            _ => None,
        }
        .ok_or("joblib array wrapper has no integer shape")?;
        let (itemsize, object) = get("dtype")
            .and_then(|v| self.dtype_itemsize(&v))
            .ok_or("joblib array wrapper has an unknown dtype")?;
        if object {
            // The array is a complete pickle of its own, read by `pickle.load(file)`.
            let mut sub = Vm {
                data: self.data,
                pos: self.pos,
                stack: Vec::new(),
                marks: Vec::new(),
                memo: HashMap::new(),
                trace: std::mem::take(&mut self.trace),
                limits: self.limits,
                containers: Vec::new(),
                objects: Vec::new(),
            };
            let end = sub.run();
            self.trace = std::mem::take(&mut sub.trace);
            return match end {
                End::Stop { next, .. } => {
                    self.pos = next;
                    Ok(())
                }
                End::Error { message, .. } => Err(format!(
                    "inline object array of joblib wrapper at {offset} (op {idx}): {message}"
                )),
                End::Limit { .. } => Err("opcode limit reached in inline object array".into()),
            };
        }
        if get("numpy_array_alignment_bytes").is_some() {
            let pad = self.read_u8()? as usize;
            self.read(pad)?;
        }
        let bytes = usize::try_from(count.saturating_mul(i128::from(itemsize)))
            .map_err(|_| "joblib array size overflows".to_string())?;
        self.read(bytes)
            .map(|_| ())
            .map_err(|_| "joblib array data is truncated".to_string())
    }

    /// Item size of a `numpy.dtype(...)` object, and whether it holds Python objects.
    fn dtype_itemsize(&self, v: &Value<'a>) -> Option<(u64, bool)> {
        let Value::Object(o) = v else { return None };
        let (m, n) = self.global_pair(o.callee?)?;
        if !(n == "dtype" && m.starts_with("numpy")) {
            return None;
        }
        let Value::Tuple(args) = &o.args else { return None };
        let Some(Value::Str(code)) = args.first() else {
            return None;
        };
        let code = code.as_str().trim_start_matches(['<', '>', '=', '|']);
        let kind = code.chars().next()?;
        if kind == 'O' {
            return Some((8, true));
        }
        // Flexible types record their element size in the state tuple (index 5).
        if let Some(Value::Tuple(st)) = o.state.borrow().as_ref() {
            if let Some(Value::Int(el)) = st.get(5) {
                if *el > 0 {
                    return Some((*el as u64, false));
                }
            }
        }
        let digits: String = code.chars().skip(1).take_while(char::is_ascii_digit).collect();
        match (kind, digits.parse::<u64>().ok()) {
            ('b' | '?', None) => Some((1, false)),
            (_, Some(n)) if kind == 'U' => Some((n * 4, false)),
            (_, Some(n)) => Some((n, false)),
            _ => None,
        }
    }

    fn memo_get(&self, key: u64) -> Res<Value<'a>> {
        self.memo
            .get(&key)
            .cloned()
            .ok_or_else(|| format!("Memo value not found at index {key}"))
    }

    fn memo_put(&mut self, key: u64) -> Res<()> {
        let v = self.top()?.clone();
        self.memo.insert(key, v);
        Ok(())
    }

    fn str_value(&self, s: &'a [u8], what: &str) -> Res<Value<'a>> {
        match decode::utf8_surrogatepass(s) {
            Ok(std::borrow::Cow::Borrowed(b)) => Ok(Value::Str(Str::Borrowed(b))),
            Ok(std::borrow::Cow::Owned(o)) => Ok(Value::Str(Str::Owned(o.into()))),
            Err(()) => Err(format!("'utf-8' codec can't decode bytes in {what}")),
        }
    }

    fn latin1(s: &[u8]) -> Value<'a> {
        if let Ok(a) = std::str::from_utf8(s) {
            if a.is_ascii() {
                return Value::Str(Str::Owned(a.into()));
            }
        }
        Value::Str(Str::Owned(s.iter().map(|&b| char::from(b)).collect::<String>().into()))
    }

    /// APPEND(S), SETITEM(S) and ADDITEMS on a target whose type may be known.
    fn add_to(&mut self, target: &Value<'a>, items: Vec<Value<'a>>, op: Fill, offset: usize, idx: u64) -> Res<()> {
        let known_type_error = |t: &Value<'_>| format!("'{}' cannot be filled by this opcode", t.describe());
        match (op, target) {
            (_, Value::Object(_) | Value::Global(_) | Value::Persistent) => {
                // `target.extend(items)`, `target[k] = v` or `target.add(x)` on an imported
                // or computed object: a method call chosen by the pickle.
                let kind = match op {
                    Fill::Append => CallKind::Append,
                    Fill::SetItems => CallKind::SetItem,
                    Fill::AddItems => CallKind::AddItems,
                };
                let args = Value::Tuple(items.into());
                self.record_event(target, &args, kind, offset, idx);
            }
            (Fill::Append | Fill::SetItems, Value::ByteArray) => {}
            (Fill::Append, Value::List(l)) => l.borrow_mut().extend(items.into_iter().filter(Value::worth_keeping)),
            (Fill::SetItems, Value::Dict(d)) => {
                for k in items.iter().step_by(2) {
                    hashable(k)?;
                }
                d.borrow_mut().extend(keep_pairs(items));
            }
            (Fill::SetItems, Value::List(_)) => {}
            (Fill::AddItems, Value::Set(l)) => {
                for k in &items {
                    hashable(k)?;
                }
                l.borrow_mut().extend(items.into_iter().filter(Value::worth_keeping));
            }
            (_, t) => return Err(known_type_error(t)),
        }
        Ok(())
    }

    #[allow(clippy::too_many_lines)]
    fn step(&mut self, op: u8, offset: usize, idx: u64) -> Res<bool> {
        match op {
            b'(' => self.marks.push(self.stack.len()),
            b'.' => return Ok(true),
            b'0' => {
                // load_pop: pop a mark if it sits at the top, else an object.
                let len = self.stack.len();
                if self.marks.last() == Some(&len) {
                    self.marks.pop();
                } else if len <= self.fence() {
                    return Err("unpickling stack underflow".into());
                } else {
                    self.stack.pop();
                }
            }
            b'1' => {
                let i = self.marker()?;
                self.stack.truncate(i);
            }
            b'2' => {
                let v = self.top()?.clone();
                self.push(v);
            }
            b'F' => {
                let l = self.readline()?;
                decode::parse_float(l).ok_or("could not convert string to float")?;
                self.push(Value::Scalar);
            }
            b'G' => {
                self.read(8)?;
                self.push(Value::Scalar);
            }
            b'I' => {
                let l = self.readline()?;
                if l.len() == 2 && l[0] == b'0' && (l[1] == b'0' || l[1] == b'1') {
                    self.push(Value::Scalar);
                } else {
                    let v = decode::parse_int_base0(l).ok_or("could not convert string to int")?;
                    self.push(i64::try_from(v).map_or(Value::Scalar, Value::Int));
                }
            }
            b'J' => {
                let v = self.read_le(4)? as u32 as i32;
                self.push(Value::Int(i64::from(v)));
            }
            b'K' => {
                let v = self.read_le(1)?;
                self.push(Value::Int(v as i64));
            }
            b'M' => {
                let v = self.read_le(2)?;
                self.push(Value::Int(v as i64));
            }
            b'L' => {
                let l = self.readline()?;
                let l = l.strip_suffix(b"L").unwrap_or(l);
                decode::parse_int_base0(l).ok_or("invalid literal for int() with base 0")?;
                self.push(Value::Scalar);
            }
            0x8a => {
                let n = self.read_u8()? as usize;
                let b = self.read(n)?;
                self.push(if n <= 8 {
                    Value::Int(le_signed(b))
                } else {
                    Value::Scalar
                });
            }
            0x8b => {
                let n = self.read_le(4)? as u32 as i32;
                if n < 0 {
                    return Err("LONG pickle has negative byte count".into());
                }
                self.read(n as usize)?;
                self.push(Value::Scalar);
            }
            b'N' | 0x88 | 0x89 => self.push(Value::Scalar),
            b'S' => {
                let l = self.readline()?;
                if l.len() >= 2 && l[0] == l[l.len() - 1] && (l[0] == b'\'' || l[0] == b'"') {
                    let raw = decode::bytes_escape(&l[1..l.len() - 1]).map_err(str::to_string)?;
                    self.push(Self::latin1(&raw));
                } else {
                    return Err("the STRING opcode argument must be quoted".into());
                }
            }
            b'T' => {
                let n = self.read_size(4, "BINSTRING")?;
                let s = self.read(n)?;
                self.push(Self::latin1(s));
            }
            b'U' => {
                let n = self.read_u8()? as usize;
                let s = self.read(n)?;
                self.push(Self::latin1(s));
            }
            b'V' => {
                let l = self.readline()?;
                let s = decode::raw_unicode_escape(l)
                    .map_err(|e| format!("'rawunicodeescape' codec can't decode bytes: {e}"))?;
                self.push(Value::Str(Str::Owned(s.into())));
            }
            b'X' | 0x8c | 0x8d => {
                let n = match op {
                    b'X' => self.read_size(4, "BINUNICODE")?,
                    0x8c => self.read_u8()? as usize,
                    _ => self.read_size(8, "BINUNICODE8")?,
                };
                let s = self.read(n)?;
                let v = self.str_value(s, "position 0")?;
                self.push(v);
            }
            b'B' | b'C' | 0x8e | 0x96 => {
                let n = match op {
                    b'B' => self.read_size(4, "BINBYTES")?,
                    b'C' => self.read_u8()? as usize,
                    0x8e => self.read_size(8, "BINBYTES8")?,
                    _ => self.read_size(8, "BYTEARRAY8")?,
                };
                let s = self.read(n)?;
                if s.len() >= 8
                    && s[0] == 0x80
                    && (2..=5).contains(&s[1])
                    && s.last() == Some(&b'.')
                    && self.trace.embedded.len() < 64
                {
                    self.trace.embedded.push((self.pos - s.len(), s.len()));
                }
                self.push(if op == 0x96 { Value::ByteArray } else { Value::Bytes(s) });
            }
            0x97 => return Err("pickle stream refers to out-of-band data but no *buffers* argument was given".into()),
            0x98 => match self.top()? {
                Value::Bytes(_) | Value::ByteArray | Value::Object(_) | Value::Global(_) | Value::Persistent => {}
                _ => return Err("a bytes-like object is required".into()),
            },
            b')' => self.push(Value::Tuple(Rc::from(Vec::new()))),
            b'}' => {
                let c = self.container(Vec::new());
                self.push(Value::Dict(c));
            }
            b']' => {
                let c = self.container(Vec::new());
                self.push(Value::List(c));
            }
            0x8f => {
                let c = self.container(Vec::new());
                self.push(Value::Set(c));
            }
            b't' => {
                let i = self.marker()?;
                let items = self.pop_from(i)?;
                self.push(Value::Tuple(items.into()));
            }
            0x85..=0x87 => {
                let n = (op - 0x84) as usize;
                let start = self.stack.len().checked_sub(n).ok_or("unpickling stack underflow")?;
                let items = self.pop_from(start)?;
                self.push(Value::Tuple(items.into()));
            }
            b'l' | b'd' | 0x91 => {
                let i = self.marker()?;
                let items = self.pop_from(i)?;
                match op {
                    b'd' => {
                        if items.len() % 2 != 0 {
                            return Err("odd number of items for DICT".into());
                        }
                        for k in items.iter().step_by(2) {
                            hashable(k)?;
                        }
                        let c = self.container(keep_pairs(items));
                        self.push(Value::Dict(c));
                    }
                    b'l' => {
                        let kept: Vec<_> = items.into_iter().filter(Value::worth_keeping).collect();
                        let c = self.container(kept);
                        self.push(Value::List(c));
                    }
                    _ => {
                        for k in &items {
                            hashable(k)?;
                        }
                        // A frozenset is immutable and hashable, like a tuple.
                        self.push(Value::Tuple(items.into()));
                    }
                }
            }
            b'a' => {
                let len = self.stack.len();
                let x = len - 1.min(len);
                if len == 0 || x <= self.fence() {
                    return Err("unpickling stack underflow".into());
                }
                let item = self.stack.pop().expect("len > 0");
                let target = self.stack[x - 1].clone();
                self.add_to(&target, vec![item], Fill::Append, offset, idx)?;
            }
            b'e' | b'u' | 0x90 => {
                let x = self.marker()?;
                let len = self.stack.len();
                if x > len || x <= self.fence() {
                    return Err("unpickling stack underflow".into());
                }
                if len == x {
                    return Ok(false);
                }
                if op == b'u' && (len - x) % 2 != 0 {
                    return Err("odd number of items for SETITEMS".into());
                }
                let target = self.stack[x - 1].clone();
                if let (b'e', Value::List(l)) = (op, &target) {
                    // Fast path for the common case (lists of numbers): no copy of the items.
                    l.borrow_mut()
                        .extend(self.stack.drain(x..).filter(Value::worth_keeping));
                    return Ok(false);
                }
                let items = self.stack.split_off(x);
                let fill = match op {
                    b'e' => Fill::Append,
                    b'u' => Fill::SetItems,
                    _ => Fill::AddItems,
                };
                self.add_to(&target, items, fill, offset, idx)?;
            }
            b's' => {
                let len = self.stack.len();
                if len < 3 || len - 2 <= self.fence() {
                    return Err("unpickling stack underflow".into());
                }
                let items = self.stack.split_off(len - 2);
                let target = self.stack[len - 3].clone();
                self.add_to(&target, items, Fill::SetItems, offset, idx)?;
            }
            b'b' => {
                if self.stack.len() < 2 || self.stack.len() - 2 < self.fence() {
                    return Err("unpickling stack underflow".into());
                }
                let state = self.pop()?;
                let inst = self.top()?.clone();
                match &inst {
                    Value::Global(g) => self.trace.builds_on_imports.push((*g, offset, idx)),
                    Value::Object(o) if o.origin.is_some() && o.callee.is_none() => {
                        // BUILD on an object reached through attributes of an import.
                        self.trace
                            .builds_on_imports
                            .push((o.origin.expect("checked"), offset, idx));
                    }
                    _ => {}
                }
                // BUILD calls `inst.__setstate__(state)` when the class has one.
                if matches!(inst, Value::Object(_) | Value::Global(_) | Value::Persistent) {
                    self.record_event(&inst, &state, CallKind::Build, offset, idx);
                    self.record_nested_globals(&state, CallKind::State, offset, idx);
                }
                if let Value::Object(o) = &inst {
                    *o.state.borrow_mut() = Some(state);
                    if self.limits.joblib && self.is_joblib_wrapper(o) {
                        self.joblib_inline_array(o, offset, idx)?;
                    }
                }
            }
            b'c' => {
                let g = self.import_lines("GLOBAL", offset, idx)?;
                self.push(Value::Global(g));
            }
            0x93 => {
                let name = self.pop()?;
                let module = self.pop()?;
                let operand = |v: &Value<'_>| -> Result<ImportOperand, String> {
                    match v {
                        Value::Str(s) => Ok(ImportOperand::Literal(s.as_str().to_string())),
                        // What `persistent_load` returns is up to the loader: PyTorch's legacy
                        // loader returns `pid[1]` for typename 'module', a str if the file says so.
                        Value::Global(_) | Value::Object(_) | Value::Persistent => {
                            Ok(ImportOperand::NonLiteral(v.describe().to_string()))
                        }
                        _ => Err("STACK_GLOBAL requires str".to_string()),
                    }
                };
                let (m, n) = (operand(&module)?, operand(&name)?);
                let g = self.add_import(m, n, "STACK_GLOBAL", offset, idx, None);
                self.push(Value::Global(g));
            }
            0x82..=0x84 => {
                let code = match op {
                    0x82 => self.read_le(1)?,
                    0x83 => self.read_le(2)?,
                    _ => {
                        let v = self.read_le(4)? as u32 as i32;
                        if v <= 0 {
                            return Err("EXT specifies code <= 0".into());
                        }
                        v as u64
                    }
                } as u32;
                if code == 0 {
                    return Err("EXT specifies code <= 0".into());
                }
                let g = self.add_import(
                    ImportOperand::NonLiteral(format!("extension code {code}")),
                    ImportOperand::NonLiteral(format!("extension code {code}")),
                    match op {
                        0x82 => "EXT1",
                        0x83 => "EXT2",
                        _ => "EXT4",
                    },
                    offset,
                    idx,
                    Some(code),
                );
                self.push(Value::Global(g));
            }
            b'R' => {
                let args = self.pop()?;
                let callable = self.pop()?;
                let r = self.record_call(&callable, &args, CallKind::Reduce, offset, idx);
                self.push(r);
            }
            b'i' => {
                let i = self.marker()?;
                let g = self.import_lines("INST", offset, idx)?;
                let items = self.pop_from(i)?;
                let r = self.record_call(
                    &Value::Global(g),
                    &Value::Tuple(items.into()),
                    CallKind::Inst,
                    offset,
                    idx,
                );
                self.push(r);
            }
            b'o' => {
                let i = self.marker()?;
                if self.stack.len() < i + 1 {
                    return Err("unpickling stack underflow".into());
                }
                let args = self.pop_from(i + 1)?;
                let cls = self.pop()?;
                let r = self.record_call(&cls, &Value::Tuple(args.into()), CallKind::Obj, offset, idx);
                self.push(r);
            }
            0x81 => {
                let args = self.pop()?;
                let cls = self.pop()?;
                // Unknown objects may be a type / a tuple subclass: only known values are rejected.
                if !matches!(cls, Value::Global(_) | Value::Object(_) | Value::Persistent) {
                    return Err(format!("NEWOBJ class argument must be a type, not {}", cls.describe()));
                }
                if !matches!(
                    args,
                    Value::Tuple(_) | Value::Object(_) | Value::Global(_) | Value::Persistent
                ) {
                    return Err(format!("NEWOBJ args argument must be a tuple, not {}", args.describe()));
                }
                let r = self.record_call(&cls, &args, CallKind::NewObj, offset, idx);
                self.push(r);
            }
            0x92 => {
                let kwargs = self.pop()?;
                let args = self.pop()?;
                let cls = self.pop()?;
                if !matches!(cls, Value::Global(_) | Value::Object(_) | Value::Persistent) {
                    return Err(format!(
                        "NEWOBJ_EX class argument must be a type, not {}",
                        cls.describe()
                    ));
                }
                if !matches!(
                    args,
                    Value::Tuple(_) | Value::Object(_) | Value::Global(_) | Value::Persistent
                ) {
                    return Err(format!(
                        "NEWOBJ_EX args argument must be a tuple, not {}",
                        args.describe()
                    ));
                }
                if !matches!(
                    kwargs,
                    Value::Dict(_) | Value::Object(_) | Value::Global(_) | Value::Persistent
                ) {
                    return Err(format!(
                        "NEWOBJ_EX kwargs argument must be a dict, not {}",
                        kwargs.describe()
                    ));
                }
                let r = self.record_call(&cls, &args, CallKind::NewObjEx, offset, idx);
                self.push(r);
            }
            b'P' => {
                let l = self.readline()?;
                if !l.is_ascii() {
                    return Err("persistent IDs in protocol 0 must be ASCII strings".into());
                }
                self.trace.persistent_ids += 1;
                self.push(Value::Persistent);
            }
            b'Q' => {
                self.pop()?;
                self.trace.persistent_ids += 1;
                self.push(Value::Persistent);
            }
            b'g' => {
                let l = self.readline()?;
                let k = decode::parse_int_base10(l).ok_or("invalid literal for int() with base 10")?;
                let k = u64::try_from(k).map_err(|_| format!("Memo value not found at index {k}"))?;
                let v = self.memo_get(k)?;
                self.push(v);
            }
            b'h' => {
                let k = self.read_le(1)?;
                let v = self.memo_get(k)?;
                self.push(v);
            }
            b'j' => {
                let k = self.read_le(4)?;
                let v = self.memo_get(k)?;
                self.push(v);
            }
            b'p' => {
                let l = self.readline()?;
                let k = decode::parse_int_base10(l).ok_or("invalid literal for int() with base 10")?;
                if k < 0 {
                    return Err("negative PUT argument".into());
                }
                self.memo_put(u64::try_from(k).unwrap_or(u64::MAX))?;
            }
            b'q' => {
                let k = self.read_le(1)?;
                self.memo_put(k)?;
            }
            b'r' => {
                let k = self.read_le(4)?;
                self.memo_put(k)?;
            }
            0x94 => {
                let k = self.memo.len() as u64;
                self.memo_put(k)?;
            }
            0x80 => {
                let p = self.read_u8()?;
                if p > 5 {
                    return Err(format!("unsupported pickle protocol: {p}"));
                }
                self.trace.protocol = Some(self.trace.protocol.map_or(p, |q| q.max(p)));
            }
            0x95 => {
                let n = self.read_le(8)?;
                let n = usize::try_from(n).map_err(|_| "FRAME length exceeds system's maximum".to_string())?;
                if self.pos.checked_add(n).is_none_or(|e| e > self.data.len()) && self.trace.frame_overrun.is_none() {
                    self.trace.frame_overrun = Some(offset);
                }
            }
            _ => {
                let c = op;
                return Err(if (0x20..=0x7e).contains(&c) && c != b'\'' && c != b'\\' {
                    format!("invalid load key, '{}'.", c as char)
                } else {
                    format!("invalid load key, '\\x{c:02x}'.")
                });
            }
        }
        Ok(false)
    }
}

/// Python 2 module names that CPython maps to Python 3 ones (`_compat_pickle`),
/// plus platform aliases of `os`.
#[must_use]
pub fn canonical_module(m: &str) -> &str {
    match m {
        "__builtin__" | "exceptions" => "builtins",
        "copy_reg" => "copyreg",
        "cPickle" => "pickle",
        "commands" => "subprocess",
        "httplib" => "http.client",
        "urllib2" => "urllib.request",
        "posix" | "nt" => "os",
        "_io" => "io",
        "_operator" => "operator",
        "_pickle" => "pickle",
        "_codecs" => "codecs",
        "Queue" => "queue",
        "cStringIO" | "StringIO" => "io",
        "thread" => "_thread",
        "dummy_thread" => "_dummy_thread",
        "SocketServer" => "socketserver",
        "BaseHTTPServer" | "SimpleHTTPServer" | "CGIHTTPServer" => "http.server",
        "xmlrpclib" => "xmlrpc.client",
        "SimpleXMLRPCServer" | "DocXMLRPCServer" => "xmlrpc.server",
        "urlparse" => "urllib.parse",
        "robotparser" => "urllib.robotparser",
        "Cookie" => "http.cookies",
        "cookielib" => "http.cookiejar",
        "_winreg" => "winreg",
        "dbm" => "dbm.ndbm",
        "gdbm" => "dbm.gnu",
        "dumbdbm" => "dbm.dumb",
        "dbhash" => "dbm.bsd",
        "anydbm" | "whichdb" => "dbm",
        "ConfigParser" => "configparser",
        "repr" => "reprlib",
        "test.test_support" => "test.support",
        "Tkinter" | "Tix" | "ttk" | "tkFileDialog" | "tkSimpleDialog" | "tkColorChooser" | "tkCommonDialog"
        | "Dialog" | "Tkdnd" | "tkFont" | "tkMessageBox" | "ScrolledText" | "Tkconstants" | "FileDialog"
        | "SimpleDialog" => "tkinter",
        "markupbase" => "_markupbase",
        "htmlentitydefs" => "html.entities",
        "HTMLParser" => "html.parser",
        "_abcoll" => "collections.abc",
        "_elementtree" => "xml.etree.ElementTree",
        "UserDict" | "UserList" | "UserString" => "collections",
        _ => m,
    }
}

/// Callables that deserialize their first argument.
fn is_loader(module: &str, name: &str) -> bool {
    matches!(
        (module, name),
        ("pickle", "loads" | "load" | "_loads" | "_load" | "Unpickler")
            | ("torch", "load")
            | ("torch.storage", "_load_from_bytes")
            | ("torch.serialization", "load" | "_load" | "_legacy_load")
            | ("joblib", "load")
            | ("joblib.numpy_pickle", "load")
            | ("numpy", "load" | "loads")
            | ("numpy.core.multiarray" | "numpy._core.multiarray", "loads")
            | (
                "dill"
                    | "dill._dill"
                    | "cloudpickle"
                    | "cloudpickle.cloudpickle"
                    | "marshal"
                    | "_pickle"
                    | "pandas"
                    | "pandas.io.pickle",
                "loads" | "load" | "read_pickle"
            )
            | ("shelve", "open")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(d: &[u8]) -> Trace {
        simulate(d, &Limits::default())
    }

    fn names(t: &Trace) -> Vec<String> {
        t.imports
            .iter()
            .map(|i| format!("{}.{}", i.module.text(), i.name.text()))
            .collect()
    }

    #[test]
    fn protocol0_reduce() {
        let t = run(b"cos\nsystem\n(S'ls'\ntR.");
        assert_eq!(names(&t), ["os.system"]);
        assert_eq!(t.calls.len(), 1);
        assert_eq!(t.calls[0].callee, Callee::Global(0));
        assert_eq!(t.calls[0].arg_preview.as_deref(), Some("ls"));
        assert!(matches!(t.end(), End::Stop { .. }));
    }

    #[test]
    fn memoize_counts_entries_not_indexes() {
        // PUT 5 'a'; MEMOIZE stores at len(memo) == 1, so GET 1 is 'os' and STACK_GLOBAL sees os.system.
        let d = b"\x80\x04\x8c\x01a\x94\x8c\x02os\x94\x8c\x06system\x94h\x01h\x02\x93.";
        let t = run(d);
        assert_eq!(names(&t), ["os.system"]);
    }

    #[test]
    fn memo_miss_is_an_error_after_earlier_calls() {
        let d = b"\x80\x04cos\nsystem\nVx\n\x85R0h\x03.";
        let t = run(d);
        assert_eq!(t.calls.len(), 1);
        assert!(matches!(t.end(), End::Error { message, .. } if message.contains("Memo value not found")));
    }

    #[test]
    fn frame_only_checks_availability() {
        // FRAME of 3 bytes, but the opcodes after it span 20 bytes: CPython accepts.
        let mut d = b"\x80\x04\x95\x03\x00\x00\x00\x00\x00\x00\x00".to_vec();
        d.extend_from_slice(b"cos\nsystem\n)R.");
        let t = run(&d);
        assert_eq!(t.calls.len(), 1);
        // FRAME longer than the rest: the C unpickler refuses, pickle._Unpickler
        // (joblib) goes on; the VM goes on and records where.
        let t = run(b"\x80\x04\x95\xff\x00\x00\x00\x00\x00\x00\x00cos\nsystem\n)R.");
        assert!(matches!(t.end(), End::Stop { .. }));
        assert_eq!((t.frame_overrun, t.calls.len()), (Some(2), 1));
    }

    #[test]
    fn stack_global_non_literal() {
        // module operand computed by a call
        let d = b"\x80\x04cbuiltins\nstr\n\x8c\x02os\x85R\x8c\x06system\x93.";
        let t = run(d);
        assert_eq!(t.imports.len(), 2);
        assert!(matches!(t.imports[1].module, ImportOperand::NonLiteral(_)));
        // STACK_GLOBAL on an int is an error, like CPython
        let t = run(b"\x80\x04K\x01K\x02\x93.");
        assert!(matches!(t.end(), End::Error { message, .. } if message == "STACK_GLOBAL requires str"));
    }

    #[test]
    fn fence_blocks_pops_below_mark() {
        let t = run(b"N(0.");
        // POP removes the mark, STOP pops N
        assert!(matches!(t.end(), End::Stop { .. }));
        let t = run(b"N(2.");
        assert!(matches!(t.end(), End::Error { message, .. } if message == "unpickling stack underflow"));
    }

    #[test]
    fn build_on_import_is_recorded() {
        let t = run(b"\x80\x04ctorch\n_utils\n}b.");
        assert_eq!(t.builds_on_imports.len(), 1);
    }

    #[test]
    fn nested_base64_payload_is_decoded() {
        // pickle.loads(base64.b64decode('<b64 of inner>'))
        use base64::Engine as _;
        let inner = b"cos\nsystem\n(S'x'\ntR.";
        let b64 = base64::engine::general_purpose::STANDARD.encode(inner);
        let mut d = b"cpickle\nloads\n(cbase64\nb64decode\n(V".to_vec();
        d.extend_from_slice(b64.as_bytes());
        d.extend_from_slice(b"\ntRtR.");
        let t = run(&d);
        assert_eq!(t.nested.len(), 1);
        assert_eq!(t.nested[0].data, inner);
        assert_eq!(t.nested[0].decoders, ["base64.b64decode"]);
    }

    #[test]
    fn ops_limit_bounds_work() {
        let d = vec![b'N'; 1000];
        let t = simulate(
            &d,
            &Limits {
                max_ops: 10,
                ..Limits::default()
            },
        );
        assert!(matches!(t.end(), End::Limit { .. }));
    }

    #[test]
    fn truncated_and_empty() {
        assert!(matches!(run(b"").end(), End::Error { message, .. } if message == "ran out of input"));
        assert!(matches!(run(b"\x80").end(), End::Error { .. }));
        assert!(matches!(run(b"X\xff\xff\xff\xff").end(), End::Error { .. }));
    }
}
