import LumbungDomain

/// A count as a role may see it: the number, or the mark that withholds it ("<5", "×") for partners and viewers.
/// Encodes as a JSON number or string.
enum DisclosedCount: Encodable, Equatable, Sendable {
    case value(Int)
    case withheld(CellSuppression.Reason)

    var text: String {
        switch self {
        case .value(let count): IndonesianNumber.format(count)
        case .withheld(let reason): reason.text
        }
    }

    var number: Int? {
        if case .value(let count) = self { return count }
        return nil
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .value(let count): try container.encode(count)
        case .withheld(let reason): try container.encode(reason.text)
        }
    }

    /// Every figure of `rows` (regions of one level) with the parent's: primary and complementary suppression over
    /// parent = sum of rows, as `ComplementarySuppression` does for indicators, so no hidden cell is the parent minus the
    /// visible ones. `restricted` false shows everything.
    static func disclose(_ parent: Int, _ rows: [Int], restricted: Bool) -> (parent: DisclosedCount, rows: [DisclosedCount]) {
        guard restricted else { return (.value(parent), rows.map { .value($0) }) }
        let values = [parent] + rows
        let reasons = ComplementarySuppression.suppress(values, relations: [Array(values.indices)])
        let disclosed = zip(values, reasons).map { value, reason in reason.map { DisclosedCount.withheld($0) } ?? .value(value) }
        return (disclosed[0], Array(disclosed.dropFirst()))
    }
}
