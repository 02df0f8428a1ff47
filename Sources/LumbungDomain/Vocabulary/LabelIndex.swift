import Foundation

/// The labels of one vocabulary by their ``LabelKey``: the official labels and every variant seen in
/// real files. Built once per vocabulary (a `static let`), then read for every cell.
public struct LabelIndex<Value: Sendable & Equatable>: Sendable {
    private var byKey: [String: Value] = [:]
    /// Keys given twice with different values while building (the first stays). A vocabulary's tests
    /// check this is empty: a variant must never mean two things in one list.
    public private(set) var conflicts: [String] = []
    private let memo = Memo<String, Value?>()
    /// Whole readings of cells by system (see ``CodeText/match(_:labels:system:code:)``).
    let readings = Memo<MatchKey, CodeMatch<Value>>()

    /// An index of `labels`, each normalised with ``LabelKey/normalize(_:)``.
    public init(_ labels: [(String, Value)]) {
        for (label, value) in labels { insert(label, value) }
    }

    /// Adds `label` as a way to write `value`.
    public mutating func insert(_ label: String, _ value: Value) {
        memo.clear()
        readings.clear()
        let key = LabelKey.normalize(label)
        guard !key.isEmpty else { return }
        if let existing = byKey[key] {
            if existing != value { conflicts.append(label) }
            return
        }
        byKey[key] = value
    }

    /// The value `text` names: by its whole key, else by its key outside brackets
    /// (`Kepala Keluarga (KK)`, `Desil 1 (Sangat Miskin)`).
    /// Answers are remembered per text (a column repeats a few distinct values over many rows).
    public func value(forLabel text: String) -> Value? {
        if let remembered = memo.answer(text) { return remembered }
        let value = byKey[LabelKey.normalize(text)] ?? LabelKey.normalizeOutsideBrackets(text).flatMap { byKey[$0] }
        memo.remember(value, for: text)
        return value
    }

    /// Every key and its value (for tests and for showing a vocabulary).
    public var entries: [String: Value] { byKey }
}

/// Answers remembered by key, shared by every reader (guarded by a lock); forgets everything when it
/// holds more than `limit` keys, so a column of free text cannot grow it without bound.
final class Memo<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var answers: [Key: Value] = [:]
    private let limit = 20_000

    func answer(_ key: Key) -> Value? {
        lock.lock()
        defer { lock.unlock() }
        return answers[key]
    }

    func remember(_ value: Value, for key: Key) {
        lock.lock()
        defer { lock.unlock() }
        if answers.count >= limit { answers.removeAll(keepingCapacity: true) }
        answers[key] = value
    }

    func clear() {
        lock.lock()
        defer { lock.unlock() }
        answers.removeAll()
    }
}

/// A cell read in a code system: the key of remembered readings.
struct MatchKey: Hashable, Sendable {
    let system: CodeSystem
    let text: String
}

/// Reading one cell against a vocabulary: the parts every vocabulary shares.
public enum CodeText {
    /// The text of a cell without surrounding spaces (also non-breaking and zero-width ones) and quotes.
    public static func trimmed(_ text: String) -> String {
        // Fast path: nothing to trim when both ends are printable ASCII other than space and quotes.
        if let first = text.utf8.first, let last = text.utf8.last, isPlainEnd(first), isPlainEnd(last) { return text }
        return text.trimmingCharacters(in: trimmable)
    }

    private static func isPlainEnd(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "'") && byte != UInt8(ascii: "`")
    }

    /// Whether `text` (already trimmed) says nothing: empty, symbols only, or a placeholder.
    public static func isBlank(_ text: String) -> Bool {
        if text.isEmpty { return true }
        if !text.contains(where: { $0.isLetter || $0.isNumber }) { return true }
        return placeholders.contains(text.lowercased())
    }

    /// The whole-number code `text` is: `3`, `03`, `3.0` (a number cell written as text), `3.`.
    /// At most 9 digits, so it always fits an `Int`.
    public static func integer(_ text: String) -> Int? {
        var digits = Substring(text)
        if let dot = digits.firstIndex(where: { $0 == "." || $0 == "," }) {
            let fraction = digits[digits.index(after: dot)...]
            guard fraction.allSatisfy({ $0 == "0" }) else { return nil }
            digits = digits[..<dot]
        }
        guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(digits)
    }

    /// A code written before its label, `1. Kepala Keluarga`, `01 - Tamat SD`, `(2) Perempuan`,
    /// `3) Anak`, `1 Islam`: the code (at most 3 digits), the label, and whether a punctuation mark
    /// (not only a space) separates them. `nil` when the text does not start that way or nothing with a
    /// letter follows.
    public static func codeAndLabel(_ text: String) -> (code: Int, label: String, punctuated: Bool)? {
        var rest = Substring(text)
        if let first = rest.first, first == "(" || first == "[" { rest = rest.dropFirst() }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 3, let code = Int(digits) else { return nil }
        rest = rest.dropFirst(digits.count)
        guard let separator = rest.first, separator == " " || ".)]:-–—=".contains(separator) else { return nil }
        let separators = rest.prefix { $0 == " " || ".)]:-–—=".contains($0) }
        let label = rest.dropFirst(separators.count)
        guard label.contains(where: { $0.isLetter }) else { return nil }
        return (code, String(label), separators.contains { $0 != " " })
    }

    /// The common reading of a cell: a bare code read with `code`; a label from `labels` (also a symbol a
    /// list gives a meaning, such as `-`); blank; a
    /// code with its label (`1. Kepala Keluarga`), where the label decides when it is known (labels mean
    /// the same in every system) and otherwise the code, read in the file's system — but only when a
    /// punctuation mark separates them (`5 - Sumur`, not `12 kg`, where the number is part of the label);
    /// else unknown.
    ///
    /// With a `system`, the reading is remembered per text and system (`code` must then depend on nothing
    /// else); without one (a reading that also depends on another column, such as the sex) it is not.
    public static func match<Value>(_ text: String, labels: LabelIndex<Value>, system: CodeSystem?,
                                    code: (Int) -> Value?) -> CodeMatch<Value> {
        guard let system else { return read(text, labels: labels, code: code) }
        let key = MatchKey(system: system, text: text)
        if let remembered = labels.readings.answer(key) { return remembered }
        let reading = read(text, labels: labels, code: code)
        labels.readings.remember(reading, for: key)
        return reading
    }

    private static func read<Value>(_ text: String, labels: LabelIndex<Value>, code: (Int) -> Value?) -> CodeMatch<Value> {
        let trimmed = trimmed(text)
        if let number = integer(trimmed) { return code(number).map(CodeMatch.found) ?? .unknown(trimmed) }
        if let value = labels.value(forLabel: trimmed) { return .found(value) }
        if isBlank(trimmed) { return .blank }
        if let (number, label, punctuated) = codeAndLabel(trimmed) {
            if let value = labels.value(forLabel: label) { return .found(value) }
            if punctuated, let value = code(number) { return .found(value) }
        }
        return .unknown(trimmed)
    }

    private static let trimmable = CharacterSet.whitespacesAndNewlines
        .union(CharacterSet(charactersIn: "\u{00A0}\u{200B}\u{FEFF}\"'`"))
    private static let placeholders: Set<String> = ["null", "nil", "#n/a", "n/a", "#null!", "none", "nan"]
}
