/// An official code list: each case's raw value is the code used in the source forms
/// (Dukcapil/SIAK or the Regsosek 2022 questionnaire, as named on each list), and each has an
/// Indonesian label as printed on the form.
///
/// Reading a cell of a file (a code in that file's system, a label in any spelling) is the business of
/// ``LabelledCodeList`` and the other vocabularies in `Vocabulary/`; never compare labels by hand.
public protocol CodeList: RawRepresentable<Int>, CaseIterable, Sendable, Hashable, Codable {
    /// The label in Bahasa Indonesia.
    var label: String { get }
}

extension CodeList {
    /// The official numeric code.
    public var code: Int { rawValue }
}
