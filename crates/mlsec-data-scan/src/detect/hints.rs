//! What one part of a file says about the rest of it ([`Hints`]): the
//! regions its phone numbers, e-mail domains, IBANs and identifiers point
//! to, the identifier kinds it holds, and the countries its script or its
//! letters point to before anything is found.

use mlsec_diagnostics::codes::PII_NATIONAL_ID;

use super::{context_confidence, Hit, NO_CHECK_DIGIT};
use crate::validate;

/// What one part of a file says about the rest of it: the regions its
/// phone numbers, e-mail domains, IBANs and national identifiers point to.
/// Phone numbers written without a country code are read in these regions
/// where a phone word (a `phone` column, "tel" just before) says they are
/// phone numbers. An explicit `phone_region` option is used instead.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hints {
    /// ISO alpha-2 regions, most evidence first (at most 3).
    pub phone_regions: Vec<String>,
    /// National identifier kinds found with context, and how often. A kind
    /// found here is also reported where no context word stands next to
    /// it, and the most frequent kinds win ties between kinds whose check
    /// digits a value satisfies alike (a 9-digit number can pass both the
    /// Dutch BSN and the Canadian SIN checks).
    pub id_kinds: Vec<(&'static str, usize)>,
    /// Regions that letters only one or two countries' languages write
    /// point to (`COUNTRY_LETTERS`, `SIMPLIFIED_ONLY`), most evidence
    /// first (at most 3), after those whose trunk and grouping three or
    /// more of the file's numbers are written in
    /// ([`validate::written_regions`]): weaker evidence than a number with
    /// its country code, an identifier or a script of the file's own, and
    /// never used for identifiers. Where
    /// `phone_regions` is empty, phone numbers are read as in a file that
    /// points nowhere, in these regions first.
    pub letter_regions: Vec<String>,
}

/// A region a text's letters point to, how many votes, and whether they
/// come from a script of its own (not from [`COUNTRY_LETTERS`]).
pub(crate) type ScriptVote = (&'static str, usize, bool);

/// [`script_regions`] as votes for [`Hints`]: one per twenty letters, none
/// for fewer.
pub(crate) fn script_votes(buf: &[u8]) -> Vec<ScriptVote> {
    script_regions(buf)
        .into_iter()
        .filter(|&(_, letters, _)| letters >= 20)
        .map(|(r, letters, script)| (r, letters / 20, script))
        .collect()
}

/// Letters of the Latin and Cyrillic alphabets that only one or two
/// countries' languages write (`ș` Romanian, `ł` Polish, `ř` Czech, `ő`
/// Hungarian, `ø` Norwegian and Danish, `ї` Ukrainian, ...), with the
/// regions they point to. Letters shared more widely (`ä`, `ñ`, `ç`, `đ`,
/// `і`) point nowhere.
const COUNTRY_LETTERS: &[(&str, &[&str])] = &[
    ("șȘțȚ", &["RO"]),
    ("őŐűŰ", &["HU"]),
    ("łŁżŻźŹśŚńŃ", &["PL"]),
    ("řŘůŮěĚ", &["CZ"]),
    ("ľĽĺĹŕŔ", &["SK"]),
    ("ğĞıİ", &["TR"]),
    ("øØæÆ", &["NO", "DK"]),
    ("ðÐþÞ", &["IS"]),
    ("ãÃõÕ", &["PT", "BR"]),
    ("ß", &["DE", "AT"]),
    ("ėĖųŲįĮ", &["LT"]),
    ("ļĻņŅķĶģĢ", &["LV"]),
    ("ơƠưƯ", &["VN"]),
    ("їЇєЄґҐ", &["UA"]),
    ("ўЎ", &["BY"]),
    ("ђЂћЋ", &["RS"]),
    ("џЏљЉњЊ", &["RS", "MK"]),
    ("ќЌѓЃѕЅ", &["MK"]),
    ("әӘғҒқҚңҢөӨұҰһҺ", &["KZ"]),
    ("ыЫэЭ", &["RU"]),
];

/// Chinese characters written only in simplified Chinese, the script of
/// mainland China (not in traditional Chinese, written in Taiwan, Hong Kong
/// and Macau, nor in Japanese, which writes `国`, `学`, `会`, `号` as
/// China does): common words and surnames. Each points to CN as one of
/// [`COUNTRY_LETTERS`] does.
const SIMPLIFIED_ONLY: &str = "们这说时发经个为样还进过动问开关话电码对见长实现题从么东车让认书买卖钱银运联网邮县应该张刘陈杨赵吴孙马罗郑谢韩冯邓许苏卢蒋贾钟陆龚";

/// [`SIMPLIFIED_ONLY`]'s code points, sorted.
static SIMPLIFIED_INDEX: std::sync::LazyLock<Vec<u32>> = std::sync::LazyLock::new(|| {
    let mut v: Vec<u32> = SIMPLIFIED_ONLY.chars().map(u32::from).collect();
    v.sort_unstable();
    v
});

/// How many letters of a whole script one of [`COUNTRY_LETTERS`] counts
/// for: such a letter is one of a few dozen in its language's text, where
/// every letter of a script of its own is one.
const COUNTRY_LETTER_WEIGHT: usize = 4;

/// For each code point below U+0800 (two UTF-8 bytes), the index in
/// [`COUNTRY_LETTERS`] of the entry that holds it, plus one (0: none).
static COUNTRY_LETTER_INDEX: std::sync::LazyLock<Vec<u8>> = std::sync::LazyLock::new(|| {
    let mut index = vec![0u8; 0x800];
    for (i, (letters, _)) in COUNTRY_LETTERS.iter().enumerate() {
        for c in letters.chars() {
            index[c as usize] = u8::try_from(i + 1).unwrap_or(0);
        }
    }
    index
});

/// Letters of scripts written in one country each (Hebrew, Greek, Thai,
/// Korean Hangul, Japanese kana, Georgian, Armenian, Devanagari and the
/// tone-marked letters of Vietnamese) in the UTF-8 text of `buf`, by that
/// country, and [`COUNTRY_LETTERS`] (each counting for
/// [`COUNTRY_LETTER_WEIGHT`]); scripts shared by many countries (Latin,
/// Cyrillic, Arabic, Chinese) point nowhere by themselves.
fn script_regions(buf: &[u8]) -> Vec<ScriptVote> {
    // Each script by the first two bytes of its letters' UTF-8 form.
    const SCRIPTS: &[(&str, u8, u8, u8)] = &[
        ("IL", 0xD6, 0x90, 0xBF),
        ("IL", 0xD7, 0x80, 0xBF),
        ("GR", 0xCE, 0x80, 0xBF),
        ("GR", 0xCF, 0x80, 0xBF),
        ("AM", 0xD5, 0x80, 0xBF),
        ("TH", 0xE0, 0xB8, 0xB9),
        ("IN", 0xE0, 0xA4, 0xA5),
        ("GE", 0xE1, 0x82, 0x83),
        ("JP", 0xE3, 0x81, 0x83),
        ("KR", 0xEA, 0xB0, 0xBF),
        ("KR", 0xEB, 0x80, 0xBF),
        ("KR", 0xEC, 0x80, 0xBF),
        ("KR", 0xED, 0x80, 0x9E),
        // U+1EA0 to U+1EFF: the Vietnamese letters with tone marks (and
        // a few Welsh ones past U+1E80, on the same first bytes).
        ("VN", 0xE1, 0xBA, 0xBB),
    ];
    let letter_index = &*COUNTRY_LETTER_INDEX;
    let simplified = &*SIMPLIFIED_INDEX;
    let mut counts = [0usize; SCRIPTS.len()];
    let mut letters = [0usize; COUNTRY_LETTERS.len()];
    let mut simplified_letters = 0;
    for (at, w) in buf.windows(2).enumerate() {
        if w[0] < 0xC0 {
            continue;
        }
        // Three bytes from U+4000 to U+9FFF: the CJK ideographs.
        if (0xE4..=0xE9).contains(&w[0]) {
            if let Some(&b3) = buf.get(at + 2) {
                let cp = (u32::from(w[0] & 0x0F) << 12) | (u32::from(w[1] & 0x3F) << 6) | u32::from(b3 & 0x3F);
                if simplified.binary_search(&cp).is_ok() {
                    simplified_letters += 1;
                }
            }
            continue;
        }
        if w[0] < 0xE0 && (0x80..0xC0).contains(&w[1]) {
            let cp = (usize::from(w[0] & 0x1F) << 6) | usize::from(w[1] & 0x3F);
            if let Some(i) = letter_index.get(cp).and_then(|&i| usize::from(i).checked_sub(1)) {
                letters[i] += 1;
                continue;
            }
        }
        if let Some(i) = SCRIPTS
            .iter()
            .position(|&(_, lead, lo, hi)| w[0] == lead && (lo..=hi).contains(&w[1]))
        {
            counts[i] += 1;
        }
    }
    let mut out: Vec<ScriptVote> = Vec::new();
    let mut add = |region: &'static str, n: usize, script: bool| match out
        .iter_mut()
        .find(|(r, _, s)| *r == region && *s == script)
    {
        Some((_, m, _)) => *m += n,
        None if n > 0 => out.push((region, n, script)),
        None => {}
    };
    for (&(region, ..), &n) in SCRIPTS.iter().zip(&counts) {
        add(region, n, true);
    }
    for ((_, regions), &n) in COUNTRY_LETTERS.iter().zip(&letters) {
        for &region in *regions {
            add(region, n * COUNTRY_LETTER_WEIGHT, false);
        }
    }
    add("CN", simplified_letters * COUNTRY_LETTER_WEIGHT, false);
    out
}

/// How many numbers with a trunk `0` a sample's hints read to see which
/// region writes them so ([`validate::written_regions`]).
const WRITTEN_SAMPLE: usize = 64;

/// Generic top-level domains that are country codes only on paper.
const GENERIC_CCTLDS: &[&str] = &[
    "io", "ai", "co", "me", "tv", "cc", "ws", "fm", "ly", "to", "gg", "sh", "so", "im", "la", "ac", "app",
];

impl Hints {
    /// What the script of a text says before anything is found
    /// in it: the country of a script written in one country only (Hebrew
    /// names point to Israel, where nine digits under `national_id` are an
    /// Israeli id before a Canadian SIN, whose Luhn check digit they pass
    /// alike), from the votes of its letters ([`script_votes`]). The
    /// sample a file's hints come from is scanned with these.
    pub(crate) fn from_script_votes(script: Vec<ScriptVote>) -> Self {
        let ranked = |whole: bool| {
            let mut votes: Vec<(&'static str, usize)> =
                script.iter().filter(|v| v.2 == whole).map(|v| (v.0, v.1)).collect();
            votes.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
            votes.into_iter().take(3).map(|(r, _)| r.to_owned()).collect()
        };
        Self {
            phone_regions: ranked(true),
            letter_regions: ranked(false),
            id_kinds: Vec::new(),
        }
    }

    /// Hints from the hits found in `buf` (a sample of the file).
    #[must_use]
    pub fn from_hits(hits: &[Hit], buf: &[u8]) -> Self {
        Self::from_hits_and_script(hits, buf, script_votes(buf))
    }

    /// [`Hints::from_hits`] with `buf`'s [`script_votes`] already counted.
    pub(crate) fn from_hits_and_script(hits: &[Hit], buf: &[u8], script: Vec<ScriptVote>) -> Self {
        let mut votes: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut kinds: std::collections::HashMap<&'static str, usize> = std::collections::HashMap::new();
        for h in hits {
            if h.rule.code == PII_NATIONAL_ID.code && h.confidence >= context_confidence(h.entity) {
                *kinds.entry(h.entity).or_default() += 1;
            }
            let text = String::from_utf8_lossy(&buf[h.start..h.end]);
            let region = match h.entity {
                "PHONE" => validate::region_of(&text).map(str::to_owned),
                "EMAIL" => text
                    .rsplit('.')
                    .next()
                    .map(str::to_ascii_lowercase)
                    .filter(|t| t.len() == 2 && !GENERIC_CCTLDS.contains(&t.as_str()))
                    .map(|t| if t == "uk" { "GB".into() } else { t.to_ascii_uppercase() }),
                "IBAN" => text.get(..2).map(str::to_ascii_uppercase),
                e if h.rule.code == PII_NATIONAL_ID.code => {
                    e.split('_')
                        .next()
                        .map(|p| if p == "UK" { "GB".into() } else { p.to_owned() })
                }
                _ => None,
            };
            // Bare digits of a kind with no check digit (nine digits
            // as a US SSN) point to no country: nearly every number of
            // their length is one, and data calls any country's number by
            // their word (`ssn`).
            let proves_nothing = NO_CHECK_DIGIT.contains(&h.entity) && text.bytes().all(|b| b.is_ascii_digit());
            if let Some(r) = region.filter(|r| validate::known_region(r) && !proves_nothing) {
                *votes.entry(r).or_default() += 1;
            }
        }
        let mut letters: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        for (region, n, whole) in script {
            let to = if whole { &mut votes } else { &mut letters };
            *to.entry(region.to_owned()).or_default() += n;
        }
        // Where nothing points anywhere, numbers written as one region
        // writes them (its trunk `0`, its grouping) point there first, as
        // letters do: three at least.
        let written: Vec<String> = if votes.is_empty() {
            validate::written_regions(buf, &super::WIDER_PHONE_GUESSES, WRITTEN_SAMPLE)
                .into_iter()
                .filter(|&(_, n)| n >= 3)
                .take(2)
                .map(|(r, _)| r.to_owned())
                .collect()
        } else {
            Vec::new()
        };
        let ranked = |votes: std::collections::HashMap<String, usize>| -> Vec<String> {
            let total: usize = votes.values().sum();
            let mut ranked: Vec<(String, usize)> = votes.into_iter().filter(|&(_, n)| n * 10 >= total).collect();
            ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            ranked.into_iter().take(3).map(|(r, _)| r).collect()
        };
        let mut id_kinds: Vec<(&'static str, usize)> = kinds.into_iter().collect();
        id_kinds.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        let mut letter_regions = written;
        for r in ranked(letters) {
            if !letter_regions.contains(&r) {
                letter_regions.push(r);
            }
        }
        letter_regions.truncate(3);
        Self {
            phone_regions: ranked(votes),
            letter_regions,
            id_kinds,
        }
    }

    /// 0: `entity` was not seen with context; 1: it was; 2: it is among the
    /// most frequent kinds (at least half as frequent as the first).
    pub(super) fn id_weight(&self, entity: &str) -> u8 {
        let top = self.id_kinds.first().map_or(0, |k| k.1);
        match self.id_kinds.iter().find(|k| k.0 == entity) {
            Some(&(_, n)) if n * 2 >= top => 2,
            Some(_) => 1,
            None => 0,
        }
    }
}
