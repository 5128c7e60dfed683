//! A pickle virtual machine that follows CPython's `_pickle.c` unpickler.
//!
//! [`simulate`] runs one pickle from a byte slice and returns a [`Trace`]: every
//! global the real unpickler would import (in order, with offsets), every call it
//! would make, BUILDs applied to imported objects, extension codes, nested payloads
//! handed to deserializers, and how the stream ended (STOP, or the error CPython
//! would raise). Nothing is imported or executed: call results are opaque values.
//!
//! Deliberately missing: any decision about what is dangerous (that is policy, in
//! `mlsec-model-scan`) and any I/O.
//!
//! Semantics copied from CPython (3.8 to 3.13): FRAME only checks that the framed
//! bytes exist (opcodes may straddle frames), MEMOIZE stores at the number of memo
//! entries, PROTO accepts any protocol up to 5 and is not required, the mark stack
//! sets a fence below which nothing can be popped, STOP returns the top of the
//! stack and ignores the rest. Memory is bounded by the number of opcodes: byte
//! payloads are borrowed from the input, never copied, and scalars are not kept
//! inside containers.

#![deny(missing_docs)]

mod decode;
mod vm;

pub use vm::{
    canonical_module, simulate, CallEvent, CallKind, Callee, End, Import, ImportOperand, Limits, NestedPayload, Trace,
};

/// True when the first byte is an opcode a real pickle can start with (any
/// opcode that does not pop from the empty stack, as CPython accepts them).
///
/// This is a cheap pre-filter for content sniffing; callers confirm by running
/// [`simulate`] and looking at how far it got.
#[must_use]
pub fn looks_like_pickle(head: &[u8]) -> bool {
    match head {
        [0x80, p, ..] => *p <= 5,
        [b, ..] => matches!(
            b,
            b'(' | b'c'
                | b']'
                | b'}'
                | b')'
                | b'N'
                | b'I'
                | b'V'
                | b'S'
                | b'l'
                | b'd'
                | b'X'
                | b'U'
                | b'T'
                | b'K'
                | b'J'
                | b'M'
                | b'F'
                | b'G'
                | b'L'
                | b'C'
                | b'B'
                | b'\x82'
                | b'\x83'
                | b'\x84'
                | b'\x88'
                | b'\x89'
                | b'\x8a'
                | b'\x8b'
                | b'\x8c'
                | b'\x8d'
                | b'\x8e'
                | b'\x8f'
                | b'\x95'
                | b'\x96'
                | b'\x97'
                | b'g'
                | b'h'
                | b'i'
                | b'P'
        ),
        [] => false,
    }
}
