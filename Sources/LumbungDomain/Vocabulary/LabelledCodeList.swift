/// A code list that can read a cell of a real file: a code in the file's ``CodeSystem``, the official
/// label, or one of the label variants real files use.
///
/// Conforming lists give their variants once (``labels``, built with ``LabelledCodeList/index(_:)`` so
/// the official labels are always included) and say what a number means in each system
/// (``value(code:system:)``). ``match(_:system:)`` does the rest, the same way for every list.
public protocol LabelledCodeList: CodeList {
    /// Every label of the list by its key: the official ``CodeList/label`` of each case and the variants.
    static var labels: LabelIndex<Self> { get }
    /// The case a bare numeric code stands for in `system`; `nil` when the code is not on that
    /// system's list (or the system writes this list as labels only).
    static func value(code: Int, system: CodeSystem) -> Self?
}

extension LabelledCodeList {
    /// Reads `text` — `3`, `03`, `Istri`, `ISTRI`, `3. Istri`, `Istri (3)` — with the codes of `system`.
    public static func match(_ text: String, system: CodeSystem) -> CodeMatch<Self> {
        CodeText.match(text, labels: labels, system: system, code: { value(code: $0, system: system) })
    }

    /// The case `text` names as a label (any system), `nil` when it is no known label.
    public static func match(label text: String) -> Self? {
        labels.value(forLabel: CodeText.trimmed(text))
    }

    /// An index of the official labels of every case followed by `variants`.
    public static func index(_ variants: [(String, Self)]) -> LabelIndex<Self> {
        LabelIndex(allCases.map { ($0.label, $0) } + variants)
    }

    /// The case whose raw value is `code`: the reading of systems whose list is the Lumbung list.
    static func raw(_ code: Int) -> Self? { Self(rawValue: code) }
}
