//! Property tests of the pickle VM.

use mlsec_pickle::{simulate, End, Limits};
use proptest::prelude::*;

fn limits() -> Limits {
    Limits {
        max_ops: 100_000,
        max_nested_bytes: 1 << 20,
        joblib: false,
    }
}

/// Well-formed opcode fragments that are valid in sequence (each pushes or pops in balance).
fn fragment() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(b"N".to_vec()),
        any::<u8>().prop_map(|b| vec![b'K', b]),
        "[a-z_.]{1,12}".prop_map(|s| {
            let mut v = vec![0x8c, s.len() as u8];
            v.extend(s.as_bytes());
            v
        }),
        ("[a-z_]{1,8}", "[A-Za-z_.]{1,10}").prop_map(|(m, n)| format!("c{m}\n{n}\n").into_bytes()),
        Just(b"\x94".to_vec()),
        Just(b"]".to_vec()),
        Just(b"}".to_vec()),
        Just(b"(N".to_vec()),
        Just(b"t".to_vec()),
        Just(b"\x85".to_vec()),
        Just(b"R".to_vec()),
        Just(b"0".to_vec()),
        Just(b"2".to_vec()),
        Just(b"a".to_vec()),
        Just(b"b".to_vec()),
        Just(b"\x93".to_vec()),
        any::<u8>().prop_map(|b| vec![b'h', b]),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// Any bytes: no panic, opcodes bounded by input length, every import offset inside the input.
    #[test]
    fn arbitrary_bytes_are_safe(data in proptest::collection::vec(any::<u8>(), 0..512)) {
        let t = simulate(&data, &limits());
        prop_assert!(t.ops <= data.len() as u64 + 1);
        for i in &t.imports {
            prop_assert!(i.offset < data.len());
        }
        if let End::Stop { next, .. } = t.end() {
            prop_assert!(*next <= data.len());
        }
    }

    /// Truncating a stream never invents imports: the imports of a prefix are a
    /// prefix of the imports of the whole stream.
    #[test]
    fn truncation_only_removes_imports(frags in proptest::collection::vec(fragment(), 1..40), cut in any::<prop::sample::Index>()) {
        let mut data = b"\x80\x04".to_vec();
        for f in &frags { data.extend(f); }
        data.push(b'.');
        let full = simulate(&data, &limits());
        let k = cut.index(data.len() + 1);
        let part = simulate(&data[..k], &limits());
        prop_assert!(part.imports.len() <= full.imports.len());
        for (a, b) in part.imports.iter().zip(&full.imports) {
            prop_assert_eq!(a, b);
        }
    }
}
