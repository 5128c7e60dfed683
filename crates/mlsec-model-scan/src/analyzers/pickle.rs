//! Pickle streams: raw pickles (protocols 0-5), stacked pickles, legacy PyTorch
//! files, and the findings drawn from a simulation [`Trace`].

use std::collections::HashSet;

use mlsec_diagnostics::codes::{
    ARC_POLYGLOT, FMT_LEGACY_TORCH, LIM_EXCEEDED, PKL_DANGEROUS_IMPORT, PKL_DOTTED_NAME, PKL_EXT_CODE, PKL_MALFORMED,
    PKL_NESTED, PKL_NON_LITERAL_GLOBAL, PKL_STACKED, PKL_STATE_INJECTION, PKL_TRAILING, PKL_UNKNOWN_CALL,
    PKL_UNKNOWN_IMPORT,
};
use mlsec_diagnostics::{Finding, Rule, Severity};
use mlsec_pickle::{simulate, CallKind, Callee, End, ImportOperand, Limits, Trace};

use super::Cx;
use crate::policy::Class;

/// The legacy PyTorch magic number 0x1950a86a20f9469cfc6c as a LONG1 operand.
const TORCH_MAGIC: &[u8] = b"\x8a\x0a\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19";

pub(crate) fn limits(cx: &Cx<'_>) -> Limits {
    Limits {
        max_ops: cx.opts.max_ops,
        max_nested_bytes: usize::try_from(cx.opts.max_member_bytes.min(1 << 30)).unwrap_or(1 << 30),
        joblib: false,
    }
}

/// Simulate `data` as the loaders that may read it would. `pickle.load` and
/// `joblib.load` read different bytes once a `NumpyArrayWrapper` appears (joblib
/// reads array data inline), so such pickles get both views: the first trace is the
/// one whose end decides where the next pickle starts, the second (if any) only adds
/// findings.
fn simulate_views(data: &[u8], lim: &Limits) -> (Trace, Option<Trace>) {
    let plain = simulate(data, lim);
    let uses_wrapper = plain.imports.iter().any(|i| i.name.text() == "NumpyArrayWrapper");
    if !uses_wrapper {
        return (plain, None);
    }
    let jl = simulate(data, &Limits { joblib: true, ..*lim });
    if matches!(jl.end(), End::Stop { .. }) {
        (jl, Some(plain))
    } else {
        (plain, Some(jl))
    }
}

/// True when a simulation shows the bytes really are a pickle, not text or binary
/// data that happens to start with an opcode byte.
fn is_real_pickle(t: &Trace) -> bool {
    matches!(t.end(), End::Stop { .. })
        || t.imports.iter().any(|i| i.module.is_plausible_name())
        || !t.calls.is_empty()
        || (t.ops >= 8 && t.protocol.is_some())
}

/// Scan a file (or member) that starts with a pickle. `None` when it is not one.
pub(crate) fn scan_pickle_file(cx: &mut Cx<'_>, data: &[u8], chain: &[String], depth: u32) -> Option<&'static str> {
    let lim = limits(cx);
    let (first, other_view) = simulate_views(data, &lim);
    if !is_real_pickle(&first) {
        return None;
    }
    let legacy = matches!(first.end(), End::Stop { next, .. } if first.imports.is_empty() && *next <= 64
        && data[..*next].windows(TORCH_MAGIC.len()).any(|w| w == TORCH_MAGIC));
    if legacy {
        cx.add(
            &FMT_LEGACY_TORCH,
            chain,
            Some(0),
            "legacy PyTorch checkpoint (stacked pickles)".into(),
            "magic 0x1950a86a20f9469cfc6c".into(),
        );
    }
    let mut next = report_trace(cx, &first, data, chain, depth, 0, true);
    if let Some(t) = &other_view {
        report_other_view(cx, t, data, chain, depth, 0);
    }
    let mut count = 1;
    // Stacked pickles: legacy PyTorch has five; anything else may hide a payload in a later one.
    while let Some(pos) = next {
        if pos >= data.len() || (legacy && count >= 5) {
            break;
        }
        let rest = &data[pos..];
        if rest.starts_with(b"PK\x03\x04")
            || mlsec_archive::zip::find_eocd(rest).is_some_and(|_| rest.starts_with(b"PK"))
        {
            polyglot(cx, rest, chain, depth, pos);
            return Some(if legacy { "pytorch-legacy" } else { "pickle" });
        }
        if !mlsec_pickle::looks_like_pickle(rest) {
            break;
        }
        let (t, other_view) = simulate_views(rest, &lim);
        if !is_real_pickle(&t) {
            break;
        }
        if let Some(o) = &other_view {
            report_other_view(cx, o, rest, chain, depth, pos as u64);
        }
        if count == 1 && !legacy {
            cx.add(
                &PKL_STACKED,
                chain,
                Some(pos as u64),
                "file holds more than one pickle; every one was scanned".into(),
                format!("second pickle at {pos}"),
            );
        }
        count += 1;
        next = report_trace(cx, &t, rest, chain, depth, pos as u64, !legacy).map(|n| n + pos);
    }
    if let Some(pos) = next.filter(|&p| p < data.len()) {
        let rest = &data[pos..];
        if mlsec_archive::zip::find_eocd(rest).is_some() {
            polyglot(cx, rest, chain, depth, pos);
        } else if !legacy {
            cx.add(
                &PKL_TRAILING,
                chain,
                Some(pos as u64),
                format!("{} bytes follow the last pickle", rest.len()),
                format!("{} bytes", rest.len()),
            );
            hidden_pickles(cx, rest, chain, depth, pos);
        }
    }
    Some(if legacy { "pytorch-legacy" } else { "pickle" })
}

/// Look for complete pickles hidden after junk: a custom loader can seek to them.
/// Only candidates that reach STOP and import something are reported.
fn hidden_pickles(cx: &mut Cx<'_>, rest: &[u8], chain: &[String], depth: u32, base: usize) {
    let lim = Limits {
        max_ops: 1_000_000,
        ..limits(cx)
    };
    let window = &rest[..rest.len().min(64 << 20)];
    let mut i = 1;
    // A total opcode budget keeps crafted junk (e.g. repeated PROTO bytes) linear.
    let mut budget: u64 = 50_000_000;
    while i + 2 < window.len() {
        if budget == 0 {
            cx.add(
                &LIM_EXCEEDED,
                chain,
                Some((base + i) as u64),
                "stopped searching trailing data for hidden pickles (opcode budget spent)".into(),
                "hidden-pickle budget".into(),
            );
            return;
        }
        let b = window[i];
        let next = window[i + 1];
        // Where a pickle that imports something can start: PROTO, GLOBAL, a MARK or
        // an empty container before one, or the string operands of STACK_GLOBAL.
        let candidate = (b == 0x80 && next <= 5)
            || (b == b'c' && next.is_ascii_alphabetic())
            || (matches!(b, b'(' | b']' | b'}' | b')' | 0x8f) && matches!(next, b'c' | 0x8c | b'X' | b'V' | b'('))
            || (b == 0x8c && next > 0 && next < 128)
            || (b == 0x95 && window.get(i + 9) == Some(&0x8c));
        if candidate {
            let t = simulate(
                &window[i..],
                &Limits {
                    max_ops: lim.max_ops.min(budget),
                    ..lim
                },
            );
            budget = budget.saturating_sub(t.ops);
            if let End::Stop { next, .. } = t.end() {
                if !t.imports.is_empty() {
                    let off = base + i;
                    cx.add(
                        &PKL_STACKED,
                        chain,
                        Some(off as u64),
                        format!("a pickle is hidden after junk data at offset {off}; it was scanned"),
                        format!("hidden pickle at {off}"),
                    );
                    report_trace(cx, &t, &window[i..], chain, depth, off as u64, false);
                    i += next;
                    continue;
                }
            }
        }
        i += 1;
    }
}

fn polyglot(cx: &mut Cx<'_>, rest: &[u8], chain: &[String], depth: u32, pos: usize) {
    cx.add(
        &ARC_POLYGLOT,
        chain,
        Some(pos as u64),
        "a zip archive follows the pickle: loaders that look for the zip directory see different content".into(),
        format!("zip data after offset {pos}"),
    );
    let mut c = chain.to_vec();
    c.push(format!("<zip@{pos}>"));
    super::archive::scan_zip(cx, rest, &c, depth + 1);
}

/// Scan a single pickle embedded in another format (NumPy object arrays, nested payloads).
pub(crate) fn scan_pickle_stream(cx: &mut Cx<'_>, data: &[u8], chain: &[String], depth: u32, base: u64) {
    let (t, other_view) = simulate_views(data, &limits(cx));
    report_trace(cx, &t, data, chain, depth, base, true);
    if let Some(o) = &other_view {
        report_other_view(cx, o, data, chain, depth, base);
    }
}

/// Findings of the second loader view. Past the first `NumpyArrayWrapper`, one of
/// the two views reads raw array bytes as opcodes, so only what cannot come from
/// random data is kept: critical findings (literal dangerous globals, BUILD on
/// imported modules).
fn report_other_view(cx: &mut Cx<'_>, t: &Trace, data: &[u8], chain: &[String], depth: u32, base: u64) {
    let before = cx.findings.len();
    report_trace(cx, t, data, chain, depth, base, false);
    let mut i = before;
    while i < cx.findings.len() {
        if cx.findings[i].severity < Severity::Critical {
            cx.findings.swap_remove(i);
        } else {
            i += 1;
        }
    }
}

fn finding(cx: &Cx<'_>, rule: &'static Rule, chain: &[String], off: u64, op: u64, msg: String, ev: String) -> Finding {
    Finding::new(rule, cx.loc(chain, Some(off), Some(op)), msg, ev)
}

/// Turn one simulation into findings. Returns the offset after STOP (relative to
/// `data`), if the pickle ended normally.
fn report_trace(
    cx: &mut Cx<'_>,
    t: &Trace,
    data: &[u8],
    chain: &[String],
    depth: u32,
    base: u64,
    report_errors: bool,
) -> Option<usize> {
    let _ = data;
    let mut seen: HashSet<(String, String, &'static str)> = HashSet::new();
    let mut out = Vec::new();
    for (i, imp) in t.imports.iter().enumerate() {
        let calls: Vec<_> = uses_of(t, i).collect();
        // Held in BUILD state is a use, not a call.
        let called = calls.iter().any(|c| c.kind != CallKind::State);
        let arg = calls.iter().find_map(|c| c.arg_preview.clone());
        let how = calls
            .iter()
            .find(|c| c.kind != CallKind::State)
            .or(calls.first())
            .map(|c| match c.kind {
                CallKind::Argument => "passed to a call that may invoke it".to_string(),
                CallKind::State => "held in BUILD state".to_string(),
                k => format!("called by {}", k.opcode()),
            });
        let off = base + imp.offset as u64;
        let with_call = |m: String| match (&how, &arg) {
            (Some(k), Some(a)) => format!("{m}, {k} with `{a}`"),
            (Some(k), None) => format!("{m}, {k}"),
            _ => m,
        };
        match (&imp.module, &imp.name) {
            (_, _) if imp.ext_code.is_some() => {
                let code = imp.ext_code.unwrap_or(0);
                out.push(finding(
                    cx,
                    &PKL_EXT_CODE,
                    chain,
                    off,
                    imp.op_index,
                    with_call(format!("pickle resolves a global through extension code {code}")),
                    format!("EXT {code}"),
                ));
            }
            (ImportOperand::Literal(m), ImportOperand::Literal(n)) => {
                let class = match cx.policy.classify(m, n) {
                    Class::Wrapper if wraps_only_allowed(cx, t, i) => Class::Allowed("wrapper"),
                    Class::NewOnly if only_newobj(t, i) => Class::Allowed("new-only"),
                    Class::Wrapper | Class::NewOnly => Class::Unknown,
                    Class::Dangerous(_) if getattr_only_of_allowed(cx, t, i, m, n) => Class::Allowed("getattr"),
                    Class::Dangerous(_) if type_of_only(t, i, m, n) => Class::Allowed("type"),
                    c => c,
                };
                let key = (m.clone(), n.clone(), "");
                let (m, n) = (&m.escape_debug().to_string(), &n.escape_debug().to_string());
                let ev = format!("{m}.{n}");
                match class {
                    Class::Allowed(_) => {}
                    Class::StorageLoader if storage_bytes_scanned(t, i) => {}
                    c @ (Class::StorageLoader | Class::Dangerous(_)) => {
                        let reason = match c {
                            Class::Dangerous(r) => r,
                            _ => "it runs `torch.load(weights_only=False)` on its argument, and here that \
                                  argument is not literal bytes that could be scanned"
                                .to_string(),
                        };
                        if seen.insert((key.0, key.1, "d")) {
                            out.push(finding(
                                cx,
                                &PKL_DANGEROUS_IMPORT,
                                chain,
                                off,
                                imp.op_index,
                                with_call(format!("pickle imports `{m}.{n}` ({reason})")),
                                ev,
                            ));
                        }
                    }
                    Class::Unknown | Class::Wrapper | Class::NewOnly => {
                        let (rule, sev): (&'static Rule, Severity) = if n.contains('.') {
                            (&PKL_DOTTED_NAME, Severity::High)
                        } else if called {
                            (&PKL_UNKNOWN_CALL, Severity::High)
                        } else {
                            (&PKL_UNKNOWN_IMPORT, Severity::Medium)
                        };
                        if seen.insert((key.0, key.1, rule.code)) {
                            let msg = if imp.opcode == "getattr" {
                                format!("pickle reaches `{m}.{n}` through `builtins.getattr`, which no loader profile allows")
                            } else if called {
                                format!("pickle calls `{m}.{n}`, which no loader profile allows")
                            } else {
                                format!("pickle imports `{m}.{n}`, which no loader profile allows")
                            };
                            out.push(
                                finding(cx, rule, chain, off, imp.op_index, with_call(msg), ev).with_severity(sev),
                            );
                        }
                    }
                }
            }
            (m, n) => {
                out.push(finding(
                    cx,
                    &PKL_NON_LITERAL_GLOBAL,
                    chain,
                    off,
                    imp.op_index,
                    with_call(format!(
                        "STACK_GLOBAL operands are computed (module: {}, name: {})",
                        describe(m),
                        describe(n)
                    )),
                    format!("{}.{}", m.text(), n.text()),
                ));
            }
        }
    }
    if let Some(at) = t.frame_overrun {
        out.push(finding(
            cx,
            &PKL_MALFORMED,
            chain,
            base + at as u64,
            0,
            "a FRAME declares more bytes than the file holds: CPython's C unpickler refuses it, but \
             pickle._Unpickler (which joblib uses) runs the opcodes that follow, so they were analysed"
                .into(),
            "FRAME past end of data".into(),
        ));
    }
    for &(g, off, op) in &t.builds_on_imports {
        let target = t
            .imports
            .get(g)
            .map_or_else(|| "?".to_string(), |i| format!("{}.{}", i.module.text(), i.name.text()));
        out.push(finding(
            cx,
            &PKL_STATE_INJECTION,
            chain,
            base + off as u64,
            op,
            format!("BUILD overwrites attributes of the imported object `{target}`"),
            target,
        ));
    }
    cx.findings.extend(out);
    for n in &t.nested {
        let loader = t
            .imports
            .get(n.loader)
            .map_or_else(|| "?".to_string(), |i| format!("{}.{}", i.module.text(), i.name.text()));
        let via = if n.decoders.is_empty() {
            String::new()
        } else {
            format!(" after {}", n.decoders.join(", "))
        };
        let off = base + n.offset as u64;
        let storage = t.imports.get(n.loader).is_some_and(|i| match (&i.module, &i.name) {
            (ImportOperand::Literal(m), ImportOperand::Literal(nm)) => {
                cx.policy.classify(m, nm) == Class::StorageLoader
            }
            _ => false,
        });
        if storage && n.decoders.is_empty() {
            // How PyTorch pickles every storage under plain `pickle`: the bytes are a
            // legacy checkpoint, scanned below; only their own findings count.
            cx.add(
                &PKL_NESTED,
                chain,
                Some(off),
                format!(
                    "a PyTorch storage pickled with plain `pickle`: {} bytes go to `{loader}`; they were scanned",
                    n.data.len()
                ),
                loader,
            )
            .severity = Severity::Info;
        } else {
            cx.add(
                &PKL_NESTED,
                chain,
                Some(off),
                format!("pickle hands a {}-byte payload{via} to `{loader}`", n.data.len()),
                loader,
            );
        }
        let mut c = chain.to_vec();
        c.push(format!("<nested@{off}>"));
        let f = super::scan(cx, &n.data, &c, depth + 1);
        if f == "unknown" && mlsec_pickle::looks_like_pickle(&n.data) {
            scan_pickle_stream(cx, &n.data, &c, depth + 1, 0);
        }
    }
    if report_errors {
        // The second loader view (joblib vs pickle) sees the same byte strings.
        embedded_pickles(cx, t, data, chain, depth, base);
    }
    match t.end() {
        End::Stop { next, .. } => Some(*next),
        End::Error { offset, message } => {
            if report_errors {
                let off = base + *offset as u64;
                cx.add(
                    &PKL_MALFORMED,
                    chain,
                    Some(off),
                    format!("unpickling stops with an error at offset {off}: {message}"),
                    message.clone(),
                );
            }
            None
        }
        End::Limit { offset } => {
            let off = base + *offset as u64;
            cx.add(
                &LIM_EXCEEDED,
                chain,
                Some(off),
                format!(
                    "stopped after {} opcodes; the rest of the pickle was not examined",
                    t.ops
                ),
                format!("max_ops {}", cx.opts.max_ops),
            );
            cx.mark_incomplete(format!("pickle opcode limit ({}) reached", cx.opts.max_ops));
            None
        }
    }
}

/// Uses of global `i` itself (calls, arguments, state).
fn calls_of(t: &Trace, i: usize) -> impl Iterator<Item = &mlsec_pickle::CallEvent> {
    t.calls.iter().filter(move |c| c.callee == Callee::Global(i))
}

/// Uses of objects derived from global `i` (results of calling it).
fn derived_uses(t: &Trace, i: usize) -> impl Iterator<Item = &mlsec_pickle::CallEvent> {
    t.calls.iter().filter(move |c| c.callee == Callee::Derived(i))
}

/// Uses of global `i` and of what derives from it.
fn uses_of(t: &Trace, i: usize) -> impl Iterator<Item = &mlsec_pickle::CallEvent> {
    calls_of(t, i).chain(derived_uses(t, i))
}

fn allowed(cx: &Cx<'_>, t: &Trace, j: usize) -> bool {
    t.imports.get(j).is_some_and(|imp| match (&imp.module, &imp.name) {
        (ImportOperand::Literal(m), ImportOperand::Literal(n)) => {
            imp.ext_code.is_none() && matches!(cx.policy.classify(m, n), Class::Allowed(_))
        }
        _ => false,
    })
}

/// `functools.partial(f, ...)`, `numpy.vectorize` and the like, in the shapes
/// pickle writes them: created by `partial(f)` with an allowed `f` or by NEWOBJ,
/// then BUILD whose state (the wrapped callable, its arguments) holds only allowed
/// globals; called afterwards at most. The wrapper itself is never handed on.
fn wraps_only_allowed(cx: &Cx<'_>, t: &Trace, i: usize) -> bool {
    let created_ok = calls_of(t, i).all(|c| match c.kind {
        CallKind::Reduce => c.first_arg_global.is_some_and(|j| allowed(cx, t, j)),
        CallKind::NewObj | CallKind::NewObjEx => true,
        _ => false,
    });
    let state_ok = |op: u64| {
        t.calls
            .iter()
            .filter(|s| s.kind == CallKind::State && s.op_index == op)
            .all(|s| matches!(s.callee, Callee::Global(j) if allowed(cx, t, j)))
    };
    let used_ok = derived_uses(t, i).all(|c| match c.kind {
        CallKind::Reduce => true,
        CallKind::Build => state_ok(c.op_index),
        _ => false,
    });
    created_ok && used_ok
}

/// The class is only ever instantiated by `NEWOBJ` (`cls.__new__`), never called.
fn only_newobj(t: &Trace, i: usize) -> bool {
    calls_of(t, i).all(|c| matches!(c.kind, CallKind::NewObj | CallKind::NewObjEx))
}

/// `builtins.getattr` used only as `getattr(ALLOWED_GLOBAL, "literal")` where the
/// attribute it yields is itself allowed (how pickle writes bound class methods).
fn getattr_only_of_allowed(cx: &Cx<'_>, t: &Trace, i: usize, m: &str, n: &str) -> bool {
    if mlsec_pickle::canonical_module(m) != "builtins" || n != "getattr" {
        return false;
    }
    let mut calls = calls_of(t, i).peekable();
    calls.peek().is_some()
        && calls.all(|c| {
            c.kind == CallKind::Reduce
                && c.first_arg_global.is_some_and(|j| allowed(cx, t, j))
                && c.result_global.is_some_and(|r| allowed(cx, t, r))
        })
        && derived_uses(t, i).next().is_none()
}

/// `builtins.type(x)` with one argument, how pickle writes `type(None)`; the
/// three-argument form creates classes and stays critical.
fn type_of_only(t: &Trace, i: usize, m: &str, n: &str) -> bool {
    mlsec_pickle::canonical_module(m) == "builtins"
        && n == "type"
        && calls_of(t, i).all(|c| c.arg_count == Some(1))
        && derived_uses(t, i).next().is_none()
}

/// True when global `i` is called only with literal bytes that were recorded as
/// nested payloads (and so are scanned like a file of their own).
fn storage_bytes_scanned(t: &Trace, i: usize) -> bool {
    let calls = uses_of(t, i).count();
    let payloads = t.nested.iter().filter(|n| n.loader == i).count();
    calls > 0 && payloads >= calls
}

/// Byte strings that are complete pickles but are not handed to a loader here:
/// scanned, with their findings capped at medium (nothing runs them at load time;
/// whatever unpickles them later would).
fn embedded_pickles(cx: &mut Cx<'_>, t: &Trace, data: &[u8], chain: &[String], depth: u32, base: u64) {
    // Embedded pickles nest: bound the depth like archives and the total per file.
    if depth >= cx.opts.max_depth {
        return;
    }
    for &(off, len) in &t.embedded {
        if cx.embedded_scans >= 256 {
            return;
        }
        cx.embedded_scans += 1;
        let Some(bytes) = data.get(off..off + len) else {
            continue;
        };
        if t.nested
            .iter()
            .any(|n| n.decoders.is_empty() && n.data.as_slice() == bytes)
        {
            continue; // handed to a loader: scanned as a nested payload already
        }
        let at = base + off as u64;
        let mut c = chain.to_vec();
        c.push(format!("<embedded@{at}>"));
        let before = cx.findings.len();
        scan_pickle_stream(cx, bytes, &c, depth + 1, 0);
        let mut worst = None;
        for f in &mut cx.findings[before..] {
            worst = worst.max(Some(f.severity));
            if f.severity > Severity::Medium {
                f.severity = Severity::Medium;
            }
        }
        if worst >= Some(Severity::Medium) {
            cx.add(
                &PKL_NESTED,
                chain,
                Some(at),
                format!(
                    "a {len}-byte string holds a pickle that nothing here loads; its findings (up to {}) are \
                     reported at medium under `<embedded@{at}>`",
                    worst.map_or("none", Severity::as_str)
                ),
                "embedded pickle".into(),
            )
            .severity = Severity::Medium;
        }
    }
}

fn describe(o: &ImportOperand) -> String {
    match o {
        ImportOperand::Literal(s) => format!("`{s}`"),
        ImportOperand::NonLiteral(d) => d.clone(),
    }
}
