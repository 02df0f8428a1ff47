import Foundation

/// The matching key of a code-list label: two spellings of the same label have the same key.
///
/// This is the single place the rule lives. ``normalize(_:)``:
/// 1. folds case, accents and full-width forms (`KATHOLIK` = `katholik`, `Él` = `el`);
/// 2. reads `&` and `+` as "dan", `>`/`≥` as "lebih dari" and `<`/`≤` as "kurang dari", so that
///    `Gas > 3 kg` and `Gas 3 kg` stay different;
/// 3. splits the text into words at every character that is not a letter or a digit (spaces, `/`,
///    `-`, `.`, `,`, brackets …), so spacing and punctuation do not matter: `Laki-laki`, `LAKI LAKI` and
///    `lakilaki` are one key;
/// 4. drops the word *sederajat* (also spelled *sedrajat*, *sederajad*, *sdrjt*): `Tamat SD/Sederajat`
///    = `Tamat SD`;
/// 5. expands abbreviations of ordinary words seen in the wild: *tdk* → tidak, *blm* → belum,
///    *tmt* → tamat, *sdh* → sudah, *yg* → yang, *dg*/*dgn* → dengan, *thd*/*thdp* → terhadap,
///    *kpd* → kepada, *lk2* → laki laki, *pr* stays (a list may give it a meaning);
/// 6. reads *lulus* as *tamat*, and drops *tamat* when it is the **first** word: `Tamat SD`, `Lulus SD`
///    and `SD` are one key (an education column holds the highest level completed, so a bare level
///    means it was completed). *Tamat* after another word is kept, because there it is part of the
///    meaning: `Belum Tamat SD`, `Tidak Tamat SD` and `Tamat SD` stay three different keys;
/// 7. writes the Roman numerals I–IV as digits after *d*, *s*, *diploma* and *strata* (and after a
///    numeral so converted): `D-III` = `D3` = `Diploma 3`, `Strata I` = `S1`... only as keys, a list
///    still decides which keys it knows;
/// 8. joins the words without separators.
///
/// A text with no letter or digit at all (`-`, `✓`, `x` is a letter) keeps its symbols, without spaces,
/// so that a list may give them a meaning (`-` = no disability, `✓` = yes).
///
/// Domain synonyms (SMP = SLTP, Katolik = Katholik) are not the key's business: each vocabulary lists
/// them as variants of its values.
public enum LabelKey {
    public static func normalize(_ text: String) -> String {
        guard let words = asciiWords(text) ?? unicodeWords(text) else {
            // no letter or digit at all: the symbols themselves
            return String(text.folding(options: [.widthInsensitive], locale: nil).filter { !$0.isWhitespace })
        }
        var out: [String] = []
        out.reserveCapacity(words.count)
        var lastWasNumeralContext = false
        for raw in words {
            if dropped.contains(raw) { continue }
            var word = abbreviations[raw] ?? raw
            if word == "lulus" { word = "tamat" }
            if let digit = romanNumerals[word], lastWasNumeralContext {
                out.append(digit)
                lastWasNumeralContext = true
                continue
            }
            lastWasNumeralContext = numeralContexts.contains(word)
            out.append(word)
        }
        if out.first == "tamat", out.count > 1 { out.removeFirst() }
        return out.joined()
    }

    /// The lower-cased words of an ASCII text, read byte by byte (most cells: fast); `nil` when the text
    /// is not ASCII or has no word (then ``unicodeWords(_:)`` or the symbol rule decides).
    private static func asciiWords(_ text: String) -> [String]? {
        var words: [String] = []
        var current: [UInt8] = []
        var sawAlphanumeric = false
        func flush() {
            if !current.isEmpty {
                words.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            }
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                current.append(byte)
                sawAlphanumeric = true
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                current.append(byte + 32)
                sawAlphanumeric = true
            case UInt8(ascii: "&"), UInt8(ascii: "+"): flush(); words.append("dan")
            case UInt8(ascii: ">"): flush(); words += ["lebih", "dari"]
            case UInt8(ascii: "<"): flush(); words += ["kurang", "dari"]
            case 0x80...: return nil
            default: flush()
            }
        }
        flush()
        return sawAlphanumeric ? words : nil
    }

    /// The words of any text after folding case, accents and width; `nil` when it has no letter or digit.
    private static func unicodeWords(_ text: String) -> [String]? {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil).lowercased()
        var words: [String] = []
        var current = ""
        var sawAlphanumeric = false
        func flush() {
            if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        for character in folded {
            switch character {
            case "&", "+": flush(); words.append("dan")
            case ">", "≥": flush(); words += ["lebih", "dari"]
            case "<", "≤": flush(); words += ["kurang", "dari"]
            default:
                if character.isLetter || character.isNumber {
                    current.append(character)
                    sawAlphanumeric = true
                } else {
                    flush()
                }
            }
        }
        flush()
        return sawAlphanumeric ? words : nil
    }

    /// The key of `text` with everything in round or square brackets left out: `Kepala Keluarga (KK)` →
    /// `kepalakeluarga`, `Desil 1 (Sangat Miskin)` → `desil1`. `nil` when the text has no brackets or
    /// nothing is left outside them.
    public static func normalizeOutsideBrackets(_ text: String) -> String? {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: "[") }) else { return nil }
        var outside = ""
        var depth = 0
        var sawBracket = false
        for character in text {
            switch character {
            case "(", "[":
                depth += 1
                sawBracket = true
            case ")", "]":
                depth = max(0, depth - 1)
                sawBracket = true
            default:
                if depth == 0 { outside.append(character) }
            }
        }
        guard sawBracket else { return nil }
        let key = normalize(outside)
        return key.isEmpty ? nil : key
    }

    private static let dropped: Set<String> = ["sederajat", "sedrajat", "sederajad", "sdrjt", "sederjat"]

    private static let abbreviations: [String: String] = [
        "tdk": "tidak", "tak": "tidak", "blm": "belum", "tmt": "tamat", "sdh": "sudah", "yg": "yang",
        "dg": "dengan", "dgn": "dengan", "thd": "terhadap", "thdp": "terhadap", "kpd": "kepada",
        "lk2": "lakilaki", "isteri": "istri", "ledeng": "leding",
    ]

    private static let romanNumerals: [String: String] = ["i": "1", "ii": "2", "iii": "3", "iv": "4"]

    private static let numeralContexts: Set<String> = ["d", "s", "diploma", "strata"]
}
