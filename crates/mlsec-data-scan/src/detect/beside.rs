//! Names found beside the values they own: a person's name written right
//! before an e-mail address, a phone number or a postal address found in
//! the same line (`Carla Smith · carla@example.com`, `Referee: Sam Diego,
//! 0612 345 678`, `die Unterlagen an Nina Bauer, Hauptstraße 5, Köln`), or
//! right before the birth date a bio gives (`Xander Moody, born 23 March
//! 1969`, `Ingrid Hoffmann (geb. 15.07.1961)`), or right before an
//! identifier, a card or an account number and its label (`Brian Lopez, SSN
//! 321-54-9876`); or the payee written right after an account or a card
//! (`Transfer 200 EUR to FR21 2004 ... for Alphonse Boyer`, `NL71 TRIO
//! 9150 1400 01 t.n.v. Abel van den Velden`).
//!
//! The value is what says the words before it are a person's: the name is
//! read backwards from it, over a separator and (for a birth date) the
//! word that says it is one, as two to four capitalised words; one word is
//! enough after a request to be called or written to (`Call Alice at
//! +33 6 12 34 56 78`). Words of organisations, places and headings
//! (`Customer Service`, `Acme Labs GmbH`, `Central Station`) make no name.

use mlsec_diagnostics::codes::{PII_NATIONAL_ID, PII_PERSON};

use super::Hit;

/// Bytes looked back from a value for its name.
const LOOK_BACK: usize = 96;

/// What a birth date is written after in a bio, after its name and a
/// comma or a bracket (lowercase).
const BIRTH_CUES: [&str; 28] = [
    "born on ",
    "born in ",
    "born ",
    "b. ",
    "geboren am ",
    "geboren ",
    "geb. am ",
    "geb. ",
    "née le ",
    "né le ",
    "née ",
    "né ",
    "nacida el ",
    "nacido el ",
    "nacida ",
    "nacido ",
    "nata il ",
    "nato il ",
    "nata ",
    "nato ",
    "ur. ",
    "* ",
    "dob ",
    "dob: ",
    "d.o.b. ",
    "d.o.b.: ",
    "date of birth ",
    "date of birth: ",
];

/// The labels an identifier, a card or an account number is written after,
/// after its owner's name and a comma or a bracket (`Brian Lopez, SSN
/// 321-54-9876`, `Ana Lima (NIF 123456789)`; lowercase).
const ID_LABELS: [&str; 30] = [
    "ssn ",
    "ssn: ",
    "ssn# ",
    "sin ",
    "nin ",
    "nino ",
    "ni number ",
    "dni ",
    "nie ",
    "nif ",
    "tin ",
    "id ",
    "id: ",
    "id no. ",
    "mrn ",
    "mrn: ",
    "passport ",
    "passport no. ",
    "iban ",
    "iban: ",
    "card ",
    "pesel ",
    "bsn ",
    "cpf ",
    "aadhaar ",
    "personnummer ",
    "hetu ",
    "codice fiscale ",
    "steuer-id ",
    "nir ",
];

/// What a payment names its payee with, right after the account or the
/// card it goes to (lowercase, with the spaces around).
const PAYEE_CUES: [&str; 15] = [
    " for ",
    " to ",
    " t.n.v. ",
    " ten name van ",
    " in favour of ",
    " in favor of ",
    " payable to ",
    " zugunsten von ",
    " zugunsten ",
    " au nom de ",
    " au profit de ",
    " a favor de ",
    " a nombre de ",
    " intestato a ",
    " a nome di ",
];

/// Words of a payment on the line before an e-mail address that money goes
/// to (PayPal, Interac, Zelle): the payee may follow it.
const PAYMENT_WORDS: [&str; 10] = [
    "transfer",
    "send ",
    "pay ",
    "paypal",
    "zelle",
    "interac",
    "\u{fc}berweis",
    "virement",
    "transferencia",
    "bonifico",
];

/// Bytes read after a value for its payee.
const LOOK_AHEAD: usize = 80;

/// What separates a name from its contact details.
/// Not a dash: an address's parts are set apart by dashes (`58 - Boa
/// Viagem - 02471-901`).
const SEPARATORS: [&str; 8] = [", ", " \u{b7} ", " | ", " (", " <", " / ", " at ", " on "];

/// The words a phone number or an e-mail address is written after, after
/// its owner's name and a separator (lowercase, with the space after).
const CONTACT_WORDS: [&str; 28] = [
    "\u{442}\u{435}\u{43b}. ",
    "\u{442}\u{435}\u{43b}.: ",
    "\u{442}\u{435}\u{43b}\u{435}\u{444}\u{43e}\u{43d} ",
    "\u{442}\u{435}\u{43b}\u{435}\u{444}\u{43e}\u{43d}: ",
    "tel. ",
    "tel.: ",
    "tel: ",
    "tel ",
    "t\u{e9}l. ",
    "t\u{e9}l ",
    "phone: ",
    "phone ",
    "mobile: ",
    "mobile ",
    "mob. ",
    "cell ",
    "telefon ",
    "telefon: ",
    "telefone ",
    "tel\u{e9}fono ",
    "handy ",
    "email: ",
    "email ",
    "e-mail: ",
    "e-mail ",
    "mail ",
    "tlf. ",
    "puh. ",
];

/// Requests to be called or written to, before a name of one word
/// (`Call Alice at ...`; lowercase).
const CONTACT_VERBS: [&str; 14] = [
    "call", "text", "email", "e-mail", "mail", "ring", "phone", "ping", "contact", "message", "reach", "ask", "write",
    "whatsapp",
];

/// Capitalised words a name does not start with: they start a sentence or
/// a label, and the name (if any) follows them (lowercase).
pub(super) const STOP_WORDS: [&str; 31] = [
    "the", "a", "an", "our", "my", "your", "his", "her", "their", "this", "that", "these", "please", "contact", "call",
    "email", "e-mail", "mail", "phone", "tel", "telefon", "fax", "mobile", "handy", "from", "to", "by", "for", "with",
    "and", "or",
];

/// A company's legal form (lowercase, without its dot): a name that holds
/// one, or that one follows (`Acme Properties Ltd`), is a company's.
pub(super) const LEGAL_FORMS: [&str; 12] = [
    "inc", "ltd", "llc", "gmbh", "ag", "corp", "co", "plc", "srl", "bv", "nv", "pty",
];

/// Whether `w` (a word, its trailing dot aside) is one no person's name
/// holds: of [`NOT_NAME_WORDS`] or [`LEGAL_FORMS`].
pub(super) fn not_name_word(w: &str) -> bool {
    legal_form(w) || {
        let w = w.trim_end_matches('.');
        NOT_NAME_WORDS.iter().any(|x| w.eq_ignore_ascii_case(x))
    }
}

/// Whether `w` (a word, its trailing dot aside) is one of [`LEGAL_FORMS`].
pub(crate) fn legal_form(w: &str) -> bool {
    let w = w.trim_end_matches('.');
    LEGAL_FORMS.iter().any(|x| w.eq_ignore_ascii_case(x))
}

/// Words no person's name holds: organisations, places and headings
/// (lowercase; legal forms are [`LEGAL_FORMS`]).
pub(super) const NOT_NAME_WORDS: [&str; 55] = [
    "office",
    "home",
    "work",
    "address",
    "customer",
    "service",
    "services",
    "support",
    "team",
    "department",
    "sales",
    "billing",
    "help",
    "desk",
    "admin",
    "info",
    "company",
    "group",
    "labs",
    "bank",
    "university",
    "school",
    "hospital",
    "clinic",
    "center",
    "centre",
    "hotel",
    "restaurant",
    "cafe",
    "park",
    "station",
    "airport",
    "street",
    "road",
    "avenue",
    "church",
    "museum",
    "library",
    "store",
    "shop",
    "club",
    "new",
    "north",
    "south",
    "hotline",
    "zentrale",
    "kundenservice",
    "filiale",
    "praxis",
    "kanzlei",
    "firma",
    "büro",
    "unterlagen",
    "hauptsitz",
    "reception",
];

/// Values of one entity found from what was found before them (names
/// beside values and heading a letter, names in lowercase speech, birth
/// dates answering their question): each reported once, none over a value
/// found before.
pub(super) struct NewHits {
    taken: Vec<(usize, usize)>,
    added: foldhash::HashSet<usize>,
    entity: &'static str,
    confidence: u8,
    out: Vec<Hit>,
}

impl NewHits {
    /// Values of `entity` with `confidence`, around `hits`.
    pub(super) fn new(hits: &[Hit], entity: &'static str, confidence: u8) -> Self {
        Self {
            taken: crate::name_echoes::union(hits.iter().map(|h| (h.start, h.end)).collect()),
            added: foldhash::HashSet::default(),
            entity,
            confidence,
            out: Vec::new(),
        }
    }

    /// Names found from what was found before them.
    pub(super) fn names(hits: &[Hit]) -> Self {
        Self::new(hits, "PERSON_NAME", 70)
    }

    /// The value at `start..end`, unless it touches a value found before
    /// or one added here starts there already.
    pub(super) fn add(&mut self, start: usize, end: usize) {
        if crate::name_echoes::untouched(&self.taken, start, end) && self.added.insert(start) {
            self.out.push(Hit {
                start,
                end,
                entity: self.entity,
                rule: &PII_PERSON,
                confidence: self.confidence,
                detail: None,
            });
        }
    }

    /// The spans of the values added so far.
    pub(super) fn spans(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.out.iter().map(|h| (h.start, h.end))
    }

    /// Where the last value added ends (0 for none).
    pub(super) fn last_end(&self) -> usize {
        self.out.last().map_or(0, |h| h.end)
    }

    pub(super) fn into_hits(self) -> Vec<Hit> {
        self.out
    }
}

/// The names right before the values of `hits` that own them (see the
/// module doc), none overlapping a value already found.
pub(super) fn names_beside_values(buf: &[u8], hits: &[Hit]) -> Vec<Hit> {
    let mut names = NewHits::names(hits);
    for h in hits {
        let labels: Option<&[&str]> = match h.entity {
            "EMAIL" | "PHONE" | "POSTAL_ADDRESS" => None,
            "DATE_OF_BIRTH" => Some(&BIRTH_CUES),
            "IBAN" | "CREDIT_CARD" => Some(&ID_LABELS),
            _ if h.rule.code == PII_NATIONAL_ID.code => Some(&ID_LABELS),
            _ => continue,
        };
        let from = h.start.saturating_sub(LOOK_BACK);
        // The same line, and whole characters.
        let from = memchr::memrchr(b'\n', &buf[from..h.start]).map_or(from, |i| from + i + 1);
        let Some(before) = (from..h.start)
            .find(|&i| buf[i] & 0xC0 != 0x80)
            .and_then(|i| std::str::from_utf8(&buf[i..h.start]).ok().map(|t| (i, t)))
        else {
            continue;
        };
        let (base, text) = before;
        if let Some((s, e)) = name_before(text, labels) {
            names.add(base + s, base + e);
        }
        // A mobile-money receipt's other party, in capitals beside the
        // number (`sent to PETER NJOROGE 0789984446`, `kutoka kwa
        // 255600748128 - HASSAN SHIRIMA`).
        if h.entity == "PHONE" {
            if let Some((s, e)) = capitals_before(text) {
                names.add(base + s, base + e);
            }
            // Or in lowercase speech (`call sandra green on 074 ...`).
            if let Some((s, e)) = super::lowercase_names::lowercase_callee(text) {
                names.add(base + s, base + e);
            }
            let to = buf.len().min(h.end + LOOK_AHEAD);
            let after = &buf[h.end..to];
            let text = match std::str::from_utf8(after) {
                Ok(t) => t,
                Err(e) => std::str::from_utf8(&after[..e.valid_up_to()]).unwrap_or_default(),
            };
            if let Some((s, e)) = text
                .strip_prefix(" - ")
                .and_then(|t| capitals_from(t).map(|e| (3, 3 + e)))
            {
                names.add(h.end + s, h.end + e);
            }
        }
        if matches!(h.entity, "IBAN" | "CREDIT_CARD" | "EMAIL") {
            let to = buf.len().min(h.end + LOOK_AHEAD);
            let to = memchr::memchr(b'\n', &buf[h.end..to]).map_or(to, |i| h.end + i);
            // Whole characters: the valid start of what follows.
            let after = &buf[h.end..to];
            let text = match std::str::from_utf8(after) {
                Ok(t) => t,
                Err(e) => std::str::from_utf8(&after[..e.valid_up_to()]).unwrap_or_default(),
            };
            let after = if h.entity == "EMAIL" {
                // Or the payee of a transfer to the address (`Transfer 200
                // EUR to kato55@docomo.ne.jp for 青木 直樹`).
                name_in_brackets_after(text).or_else(|| {
                    let line = String::from_utf8_lossy(super::line_before(buf, h.start, LOOK_BACK)).to_lowercase();
                    PAYMENT_WORDS
                        .iter()
                        .any(|w| line.contains(w))
                        .then(|| payee_after(text))
                        .flatten()
                })
            } else {
                payee_after(text)
            };
            if let Some((s, e)) = after {
                names.add(h.end + s, h.end + e);
            }
        }
    }
    names.into_hits()
}

/// What a mobile-money receipt writes before its other party (lowercase):
/// English and Swahili, as M-Pesa's and its peers' messages do.
/// (Not `paid to`: a merchant's till, `paid to KPLC PREPAID`.)
const TRANSFER_CUES: [&str; 7] = [
    "sent to ",
    "received from ",
    "from ",
    "kwa ",
    "kutoka kwa ",
    "kwenda ",
    "transferred to ",
];

/// Whether a transfer's cue ([`TRANSFER_CUES`], any case) ends `buf`
/// right before `at`: the other party's number follows
/// (`kutoka kwa 255600748128`).
pub(super) fn transfer_cue_right_before(buf: &[u8], at: usize) -> bool {
    let before = &buf[..at];
    TRANSFER_CUES.iter().any(|c| {
        let Some(k) = before.len().checked_sub(c.len()) else {
            return false;
        };
        before[k..].eq_ignore_ascii_case(c.as_bytes()) && (k == 0 || !before[k - 1].is_ascii_alphanumeric())
    })
}

/// A word in capitals of a name: two to twenty letters, no digit
/// (`NJOROGE`, `O'NEIL`, `WANJIKU-KAMAU`).
fn capital_word(w: &str) -> bool {
    let n = w.chars().count();
    (2..=20).contains(&n)
        && w.chars().all(|c| c.is_uppercase() || matches!(c, '\'' | '-'))
        && w.chars().filter(|c| c.is_alphabetic()).count() >= 2
}

/// Where two to four words in capitals from the start of `text` end,
/// then a space and a word in lower case, a full stop, a comma or the end
/// (`HASSAN SHIRIMA tarehe`); none of [`NOT_NAME_WORDS`].
fn capitals_from(text: &str) -> Option<usize> {
    let mut end = 0;
    let mut words = 0;
    for w in text.split(' ') {
        let core = w.trim_end_matches(['.', ',']);
        if words < 4 && capital_word(core) && !not_name_word(core) {
            words += 1;
            end += usize::from(words > 1) + core.len();
            if core.len() != w.len() {
                break;
            }
        } else {
            let next_lower = w.chars().next().is_none_or(char::is_lowercase);
            if !next_lower {
                return None;
            }
            break;
        }
    }
    (2..=4).contains(&words).then_some(end)
}

/// The span in `text` (which ends where a phone number starts) of the
/// name in capitals that ends it after a transfer's cue ([`TRANSFER_CUES`]).
fn capitals_before(text: &str) -> Option<(usize, usize)> {
    let rest = text.strip_suffix(' ')?;
    let words: Vec<&str> = rest.rsplit(' ').take_while(|w| capital_word(w)).take(5).collect();
    if !(2..=4).contains(&words.len()) || words.iter().any(|w| not_name_word(w)) {
        return None;
    }
    let len: usize = words.iter().map(|w| w.len()).sum::<usize>() + words.len() - 1;
    let start = rest.len() - len;
    let before = &rest[..start];
    transfer_cue_right_before(before.as_bytes(), before.len()).then_some((start, rest.len()))
}

/// The span in `text` (which starts where an account or a card ends) of
/// the payee a cue of [`PAYEE_CUES`] names right after it: two to four
/// capitalised words, particles between them (`Abel van den Velden`),
/// ended by the line's, the sentence's or the string's end, or a comma.
fn payee_after(text: &str) -> Option<(usize, usize)> {
    let cue = PAYEE_CUES
        .iter()
        .find(|c| text.get(..c.len()).is_some_and(|t| t.eq_ignore_ascii_case(c)))?;
    let start = cue.len();
    let end = name_from(text, start)?;
    // What ends it: a sentence's end, a comma, a quote, a bracket, or the
    // text's end (not another word: `for Jane Doe Enterprises`).
    let tail = text[end..].trim_start_matches(' ');
    let ended = tail.is_empty() || tail.starts_with([',', '.', ';', '!', '?', '"', '\'', ')', ']', '\\', '<']);
    ended.then_some((start, end))
}

/// The span in `text` (which starts where an e-mail address ends) of the
/// name in brackets after it, as RFC 822 wrote a mailbox's owner and logs
/// still do (`georgiou21@otenet.gr (Θησεύς Λιούτας)`): two to four
/// capitalised words, and the closing bracket.
fn name_in_brackets_after(text: &str) -> Option<(usize, usize)> {
    let start = text.strip_prefix(" (").map(|_| 2)?;
    let end = name_from(text, start)?;
    text[end..].starts_with(')').then_some((start, end))
}

/// Where two to four capitalised words from `start` in `text` end,
/// particles between them (`Abel van den Velden`); none of
/// [`NOT_NAME_WORDS`], and not first one of [`STOP_WORDS`].
pub(super) fn name_from(text: &str, start: usize) -> Option<usize> {
    let mut end = start;
    let mut words = 0;
    // Chinese, Japanese and Korean names: one or more words of one to
    // four characters (`青木 直樹`, `王秀英`).
    let mut cjk = 0;
    let mut particles = 0;
    let mut at = start;
    loop {
        let rest = &text[at..];
        let len = rest
            .find(|c: char| !(c.is_alphabetic() || matches!(c, '\'' | '\u{2019}' | '-')))
            .unwrap_or(rest.len());
        let w = &rest[..len];
        let cjk_word = (1..=4).contains(&w.chars().count())
            && w.chars()
                .all(|c| matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{ac00}'..='\u{d7a3}'));
        if cjk_word && words == cjk {
            cjk += 1;
            words += 1;
            end = at + len;
        } else if name_word(w) {
            let first = words == 0;
            if first && STOP_WORDS.iter().any(|x| w.eq_ignore_ascii_case(x)) {
                return None;
            }
            if not_name_word(w) {
                return None;
            }
            words += 1;
            particles = 0;
            end = at + len;
        } else if words > 0 && particles < 2 && PARTICLES.contains(&w) {
            particles += 1;
        } else {
            break;
        }
        // One space before the next word.
        match text[at + len..].strip_prefix(' ') {
            Some(_) if words < 4 => at += len + 1,
            _ => break,
        }
    }
    ((2..=4).contains(&words) || (words == 1 && cjk == 1 && text[start..end].chars().count() >= 2)).then_some(end)
}

/// The span in `text` (which ends where a value starts) of the name that
/// owns the value, if one ends it: over one of `labels` (a birth's, an
/// identifier's) and a comma or a bracket, or over a contact separator
/// (`None`), two to four capitalised words, or one after a request to be
/// called.
fn name_before(text: &str, labels: Option<&[&str]>) -> Option<(usize, usize)> {
    let lower = text.to_lowercase();
    // Lowercasing may change lengths beyond ASCII: only a cue of the same
    // length is cut.
    if lower.len() != text.len() {
        return None;
    }
    let rest = if let Some(labels) = labels {
        // The longest cue that ends it (`geb. ` before `b. `).
        let cue = labels.iter().filter(|c| lower.ends_with(*c)).max_by_key(|c| c.len())?;
        let rest = &text[..text.len() - cue.len()];
        // After a comma or an opening bracket (`Name, born`, `Name (geb.`,
        // `Name, * 1961`).
        rest.strip_suffix(", ").or_else(|| rest.strip_suffix(" ("))?
    } else {
        // A contact's word may come between (`Pressekontakt: Fadime
        // Rudolph, Tel. 015071 ...`, `Adrien Langlois, tél. 06...`).
        let worded = CONTACT_WORDS
            .iter()
            .filter(|w| lower.ends_with(*w))
            .max_by_key(|w| w.len())
            .map_or(text, |w| &text[..text.len() - w.len()]);
        let sep = SEPARATORS.iter().find(|s| worded.ends_with(*s))?;
        &worded[..worded.len() - sep.len()]
    };
    let end = rest.len();
    let words = name_words(rest);
    let start = words.first()?.0;
    let n = words.len();
    let before = rest[..start].trim_end();
    // A request to be called lets one word be a name (`Call Alice at`).
    let asked = {
        let verb = before
            .rsplit(|c: char| !c.is_alphabetic() && c != '-')
            .next()
            .unwrap_or("");
        CONTACT_VERBS.iter().any(|v| verb.eq_ignore_ascii_case(v))
    };
    if !((2..=4).contains(&n) || n == 1 && asked && labels.is_none()) {
        return None;
    }
    // The word before the name is not a capitalised one the name stopped
    // at (part of a longer title or a heading).
    if before
        .rsplit(' ')
        .next()
        .and_then(|w| w.chars().next())
        .is_some_and(char::is_uppercase)
        && !asked
        && !before.ends_with(':')
    {
        return None;
    }
    Some((start, end))
}

/// The capitalised words that end `text`, as `(start, end)` spans, in
/// order: at most four, each a name's word, separated by single spaces,
/// after a word of [`STOP_WORDS`], an opening quote or bracket, or a line
/// break escaped in a JSON string; a word of [`NOT_NAME_WORDS`] makes none.
pub(super) fn name_words(text: &str) -> Vec<(usize, usize)> {
    let mut words = Vec::new();
    let mut end = text.len();
    while words.len() < 5 {
        let mut start = text[..end].rfind(' ').map_or(0, |i| i + 1);
        // What opens the name: a quote, a bracket, an escaped line break.
        let w = &text[start..end];
        let opened = w.trim_start_matches(['"', '\'', '(', '[', '<', '>', '{', '*']);
        let opened = ["\\n", "\\t", "\\r"]
            .iter()
            .find_map(|e| opened.strip_prefix(e))
            .unwrap_or(opened);
        let opens = opened.len() != w.len();
        start = end - opened.len();
        let w = opened;
        if !name_word(w) {
            break;
        }
        let plain = w.trim_end_matches('.');
        if STOP_WORDS.iter().any(|x| plain.eq_ignore_ascii_case(x)) {
            break;
        }
        if not_name_word(plain) {
            return Vec::new();
        }
        words.push((start, end));
        if opens || start < 2 || text.as_bytes()[start - 1] != b' ' {
            break;
        }
        end = start - 1;
        // Two spaces: the name starts here.
        if text[..end].ends_with(' ') {
            break;
        }
    }
    if words.len() > 4 {
        return Vec::new();
    }
    words.reverse();
    words
}

/// The particles before a last name (`de`, `van den`), as the name
/// patterns know them (a test checks they are the same).
pub(super) const PARTICLES: [&str; 23] = [
    "de", "du", "da", "di", "del", "della", "des", "van", "von", "der", "den", "la", "le", "dos", "das", "ten", "ter",
    "bin", "binti", "bint", "ibn", "al", "el",
];

/// Whether `w` is a capitalised word of a name: an uppercase letter, then
/// 1 to 20 lowercase letters, apostrophes (straight or typographic) or
/// hyphens (`O'Neil`, `D’Alia`, `Anne-Marie`, `McDonald`).
pub(super) fn name_word(w: &str) -> bool {
    let mut cs = w.chars();
    let Some(first) = cs.next() else { return false };
    let rest: Vec<char> = cs.collect();
    first.is_uppercase()
        && (1..=20).contains(&rest.len())
        && rest
            .iter()
            .all(|&c| c.is_alphabetic() || matches!(c, '\'' | '\u{2019}' | '-'))
        && rest.iter().filter(|c| c.is_uppercase()).count() <= 1
        && rest.last().is_some_and(|c| c.is_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(text: &str, birth: bool) -> Option<&str> {
        name_before(text, birth.then_some(&BIRTH_CUES[..])).map(|(s, e)| &text[s..e])
    }

    #[test]
    fn names_before_their_contact_details() {
        assert_eq!(name("Carla Smith \u{b7} ", false), Some("Carla Smith"));
        assert_eq!(name("Referee: Sam Diego, ", false), Some("Sam Diego"));
        assert_eq!(name("Bitte die Unterlagen an Nina Bauer, ", false), Some("Nina Bauer"));
        // A contact's word between (`Pressekontakt: Fadime Rudolph, Tel.
        // 015071 ...`, `Контакт: Светлана Шарапова, тел. +7 ...`).
        assert_eq!(
            name("Pressekontakt: Fadime Rudolph, Tel. ", false),
            Some("Fadime Rudolph")
        );
        assert_eq!(
            name("Contact presse : Adrien Langlois, t\u{e9}l. ", false),
            Some("Adrien Langlois")
        );
        assert_eq!(
            name("\u{41a}\u{43e}\u{43d}\u{442}\u{430}\u{43a}\u{442}: \u{421}\u{432}\u{435}\u{442}\u{43b}\u{430}\u{43d}\u{430} \u{428}\u{430}\u{440}\u{430}\u{43f}\u{43e}\u{432}\u{430}, \u{442}\u{435}\u{43b}. ", false),
            Some("\u{421}\u{432}\u{435}\u{442}\u{43b}\u{430}\u{43d}\u{430} \u{428}\u{430}\u{440}\u{430}\u{43f}\u{43e}\u{432}\u{430}")
        );
        assert_eq!(name("Order Tel. ", false), None);
        assert_eq!(name("\"input\": \"Call Alice at ", false), Some("Alice"));
        assert_eq!(name("Contact Jean-Luc O'Neil (", false), Some("Jean-Luc O'Neil"));
        // Organisations, headings and one word with no request: none.
        assert_eq!(name("Customer Service, ", false), None);
        assert_eq!(name("Acme Labs, ", false), None);
        assert_eq!(name("The Support Team | ", false), None);
        assert_eq!(name("Alice, ", false), None);
        assert_eq!(name("Meet at ", false), None);
        assert_eq!(name("Central Station, ", false), None);
        // Part of a longer capitalised run: none.
        assert_eq!(name("Annual Report Of Jane Doe, ", false), None);
        // No separator right before the value.
        assert_eq!(name("Jane Doe ", false), None);
    }

    #[test]
    fn a_transfers_party_in_capitals_beside_its_number() {
        let before = |t: &'static str| capitals_before(t).map(|(s, e)| &t[s..e]);
        assert_eq!(before("Ksh10,930.00 sent to PETER NJOROGE "), Some("PETER NJOROGE"));
        assert_eq!(
            before("Umepokea Tsh5,000 kutoka kwa MARY ANNE WANJIKU "),
            Some("MARY ANNE WANJIKU")
        );
        assert_eq!(before("sent to PETER "), None);
        assert_eq!(before("CALL US FROM HEAD OFFICE "), None);
        assert_eq!(before("paid to KPLC PREPAID "), None);
        let after = |t: &'static str| capitals_from(t).map(|e| &t[..e]);
        assert_eq!(after("HASSAN SHIRIMA tarehe 14/1/24"), Some("HASSAN SHIRIMA"));
        assert_eq!(after("HASSAN SHIRIMA. Salio"), Some("HASSAN SHIRIMA"));
        assert_eq!(after("HASSAN Shirima"), None);
        assert_eq!(after("OK"), None);
        let cue = |t: &str| transfer_cue_right_before(t.as_bytes(), t.len());
        assert!(cue("Umepokea Tsh163,000 kutoka kwa "));
        assert!(cue("Sent To "));
        assert!(cue("kwa "));
        assert!(!cue("Tuma kwa"));
        assert!(!cue("hokwa "));
        assert!(!cue("Ref "));
    }

    #[test]
    fn names_before_a_birth() {
        assert_eq!(name("Xander Moody, born ", true), Some("Xander Moody"));
        assert_eq!(name("Notes: Ingrid Hoffmann (geb. ", true), Some("Ingrid Hoffmann"));
        assert_eq!(
            name("registration: Eliška Nováková, born ", true),
            Some("Eliška Nováková")
        );
        assert_eq!(name("Xander Moody born ", true), None);
        assert_eq!(name("Xander, born ", true), None);
        assert_eq!(name("The Company, founded ", true), None);
        assert_eq!(name("Patient: Karen Miller, DOB: ", true), Some("Karen Miller"));
    }

    #[test]
    fn names_before_their_identifiers() {
        let id = |t: &'static str| name_before(t, Some(&ID_LABELS)).map(|(s, e)| &t[s..e]);
        assert_eq!(id("REGISTRATION: Brian Lopez, SSN "), Some("Brian Lopez"));
        assert_eq!(id("Ana Lima (NIF "), Some("Ana Lima"));
        assert_eq!(id("Brian Lopez SSN "), None);
        assert_eq!(id("Customer Service, ID "), None);
    }

    #[test]
    fn payees_after_their_accounts() {
        let payee = |t: &'static str| payee_after(t).map(|(s, e)| &t[s..e]);
        assert_eq!(payee(" for Alphonse Boyer \""), Some("Alphonse Boyer"));
        assert_eq!(payee(" for Maria Luiza Borges\""), Some("Maria Luiza Borges"));
        assert_eq!(payee(" for  Maria Luiza Borges \""), None);
        assert_eq!(
            payee(" t.n.v. Abel van den Velden. Vragen?"),
            Some("Abel van den Velden")
        );
        assert_eq!(payee(" zugunsten von Jürgen Müller, danke"), Some("Jürgen Müller"));
        assert_eq!(payee(" to Jane Doe"), Some("Jane Doe"));
        // One word, an organisation, more capitalised words, no cue: none.
        assert_eq!(payee(" for Alice."), None);
        assert_eq!(payee(" for Acme Labs."), None);
        assert_eq!(payee(" for Jane Doe Enterprises Holding Group"), None);
        assert_eq!(payee(" for The Rent."), None);
        assert_eq!(payee(" Alphonse Boyer"), None);
        assert_eq!(payee(" for rent, thanks"), None);
        assert_eq!(
            payee(" for \u{9752}\u{6728} \u{76f4}\u{6a39}\\\""),
            Some("\u{9752}\u{6728} \u{76f4}\u{6a39}")
        );
        assert_eq!(
            payee(" for \u{738b}\u{79c0}\u{82f1}."),
            Some("\u{738b}\u{79c0}\u{82f1}")
        );
        assert_eq!(payee(" for \u{738b}."), None);
    }

    #[test]
    fn names_in_brackets_after_their_mailbox() {
        let named = |t: &'static str| name_in_brackets_after(t).map(|(s, e)| &t[s..e]);
        assert_eq!(
            named(" (\u{398}\u{3b7}\u{3c3}\u{3b5}\u{3cd}\u{3c2} \u{39b}\u{3b9}\u{3bf}\u{3cd}\u{3c4}\u{3b1}\u{3c2})\n"),
            Some("\u{398}\u{3b7}\u{3c3}\u{3b5}\u{3cd}\u{3c2} \u{39b}\u{3b9}\u{3bf}\u{3cd}\u{3c4}\u{3b1}\u{3c2}")
        );
        assert_eq!(named(" (Luiza Ababei)"), Some("Luiza Ababei"));
        assert_eq!(named(" (Ronith D\u{2019}Alia)"), Some("Ronith D\u{2019}Alia"));
        assert_eq!(named(" (Customer Service)"), None);
        assert_eq!(named(" (Luiza Ababei and more)"), None);
        assert_eq!(named(" (work)"), None);
        assert_eq!(named(" Luiza Ababei)"), None);
    }

    proptest::proptest! {
        /// Any text after a value gives a span of whole words inside it,
        /// or none, and never panics.
        #[test]
        fn payee_spans_are_whole_words(text in "\\PC{0,80}") {
            if let Some((s, e)) = name_in_brackets_after(&text) {
                proptest::prop_assert!(s <= e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e));
            }
            if let Some((s, e)) = payee_after(&text) {
                proptest::prop_assert!(s < e && e <= text.len());
                proptest::prop_assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
            }
        }
    }

    proptest::proptest! {
        /// Any text before a value gives a span of whole words inside it,
        /// or none, and never panics.
        #[test]
        fn spans_are_whole_words(text in "\\PC{0,80}", birth: bool) {
            if let Some((s, e)) = name_before(&text, birth.then_some(&BIRTH_CUES[..])) {
                proptest::prop_assert!(s < e && e <= text.len());
                proptest::prop_assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
            }
        }
    }
}
