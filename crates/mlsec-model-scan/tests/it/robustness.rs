//! Hostile input: random and mutated bytes never panic, and always produce a report.

use mlsec_model_scan::{Options, Scanner};

fn xorshift(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

#[test]
fn mutated_corpus_files_never_panic() {
    let root = super::shared().join("corpus/picklescan");
    let files = mlsec_model_scan::collect_files(&[root]).0;
    let scanner = Scanner::new(Options {
        max_member_bytes: 64 << 20,
        ..Options::default()
    });
    let mut rng = 0x9E37_79B9_7F4A_7C15u64;
    for f in files
        .iter()
        .filter(|f| f.metadata().map(|m| m.len() < 200_000).unwrap_or(false))
    {
        let base = std::fs::read(f).unwrap();
        if base.is_empty() {
            continue;
        }
        for _ in 0..20 {
            let mut d = base.clone();
            for _ in 0..(1 + xorshift(&mut rng) % 8) {
                let i = (xorshift(&mut rng) as usize) % d.len();
                d[i] = xorshift(&mut rng) as u8;
            }
            if xorshift(&mut rng) % 4 == 0 {
                let cut = (xorshift(&mut rng) as usize) % d.len();
                d.truncate(cut);
            }
            let r = scanner.scan_bytes("mutated", &d);
            assert!(!r.format.is_empty());
        }
    }
}

#[test]
fn random_bytes_never_panic() {
    let scanner = Scanner::new(Options::default());
    let mut rng = 42u64;
    let starts: [&[u8]; 8] = [
        b"\x80\x04",
        b"PK\x03\x04",
        b"\x93NUMPY\x01\x00",
        b"7z\xBC\xAF\x27\x1C",
        b"\x1f\x8b",
        b"BZh9",
        b"(",
        b"\x80\x02\x8a\x0a\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19",
    ];
    for i in 0..3000 {
        let len = (xorshift(&mut rng) % 600) as usize;
        let mut d: Vec<u8> = starts[i % starts.len()].to_vec();
        d.extend((0..len).map(|_| xorshift(&mut rng) as u8));
        let _ = scanner.scan_bytes("random", &d);
    }
}

#[test]
fn zip_bomb_is_reported_not_expanded() {
    use std::io::Write as _;
    // 64 MiB of zeros deflates to ~64 KiB: over a 1 MiB member limit it must be a bomb finding.
    let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(&vec![0u8; 64 << 20]).unwrap();
    let comp = e.finish().unwrap();
    let z = one_member_zip(b"big.pkl", 8, 0, &comp, 64 << 20);
    let scanner = Scanner::new(Options {
        max_member_bytes: 1 << 20,
        ..Options::default()
    });
    let r = scanner.scan_bytes("bomb.zip", &z);
    assert!(
        r.findings.iter().any(|f| f.rule.code == "MLS-ARC-003"),
        "{:?}",
        r.findings
    );
    assert_eq!(r.verdict, mlsec_diagnostics::Verdict::Suspicious);
}

/// A zip archive of one member `name`: `data` as compressed with `method`
/// (0 stored, 8 deflate), `size` bytes once expanded, with CRC `crc`.
fn one_member_zip(name: &[u8], method: u16, crc: u32, data: &[u8], size: u32) -> Vec<u8> {
    let fixed = |z: &mut Vec<u8>| {
        z.extend_from_slice(&method.to_le_bytes());
        z.extend_from_slice(&[0; 4]);
        z.extend_from_slice(&crc.to_le_bytes());
        z.extend_from_slice(&(data.len() as u32).to_le_bytes());
        z.extend_from_slice(&size.to_le_bytes());
        z.extend_from_slice(&(name.len() as u16).to_le_bytes());
    };
    let mut z = b"PK\x03\x04\x14\x00\x00\x00".to_vec();
    fixed(&mut z);
    z.extend_from_slice(&0u16.to_le_bytes());
    z.extend_from_slice(name);
    z.extend_from_slice(data);
    let cd_start = z.len();
    z.extend_from_slice(b"PK\x01\x02\x14\x03\x14\x00\x00\x00");
    fixed(&mut z);
    z.extend_from_slice(&[0; 8]);
    z.extend_from_slice(&0u32.to_le_bytes());
    z.extend_from_slice(&0u32.to_le_bytes());
    z.extend_from_slice(name);
    let cd_len = z.len() - cd_start;
    z.extend_from_slice(b"PK\x05\x06\x00\x00\x00\x00\x01\x00\x01\x00");
    z.extend_from_slice(&(cd_len as u32).to_le_bytes());
    z.extend_from_slice(&(cd_start as u32).to_le_bytes());
    z.extend_from_slice(&0u16.to_le_bytes());
    z
}

#[test]
fn a_long_compressed_text_is_read_through_but_a_zip_at_its_end_is_scanned() {
    use std::io::Write as _;
    // Over a MiB of text: a compressed dataset, decoded without being held.
    let text = "id,comment\n".to_owned() + &"1,plain text row\n".repeat(100_000);
    let pickle = b"cos\nsystem\n(S'echo pwned'\ntR.";
    let mut crc = flate2::Crc::new();
    crc.update(pickle);
    let evil = one_member_zip(b"evil.pkl", 0, crc.sum(), pickle, pickle.len() as u32);
    let scanner = Scanner::new(Options::default());
    for (tail, malicious) in [(&b""[..], false), (&evil[..], true)] {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(text.as_bytes()).unwrap();
        e.write_all(tail).unwrap();
        let gz = e.finish().unwrap();
        let r = scanner.scan_bytes("data.csv.gz", &gz);
        assert_eq!(
            r.verdict == mlsec_diagnostics::Verdict::Malicious,
            malicious,
            "{:?} {:?}",
            r.verdict,
            r.findings
        );
    }
}
