import Foundation
import LumbungDomain
import LumbungSheets
import LumbungStore

/// Imports one table of an external indicator: reads and checks every row (`ExternalIndicatorSheet`), settles what the
/// figures are from the given options and the sheet's header block, and only when nothing is wrong saves them in one
/// transaction (`ExternalIndicatorStore.save`). Used by `lumbung external import` and `POST /api/v1/external-indicators`.
public struct ExternalIndicatorImportJob: Sendable {
    /// The file was refused: every problem, with where it is; nothing was written.
    public struct Refused: Error, Sendable, CustomStringConvertible {
        public let problems: [ExternalIndicatorSheet.Problem]
        public var description: String {
            "Berkas ditolak, tidak ada yang disimpan:\n" + problems.prefix(200).map { "  " + $0.description }.joined(separator: "\n")
                + (problems.count > 200 ? "\n  … dan \(problems.count - 200) masalah lain" : "")
        }
    }

    /// What was imported.
    public struct Result: Sendable, Encodable {
        public let indicator: ExternalIndicator
        public let period: ExternalPeriod
        public let outcome: ExternalIndicatorStore.Outcome
    }

    private let database: Database
    private let resolver: RegionResolver

    public init(database: Database, references: ImportReferences) {
        self.database = database
        self.resolver = references.resolver
    }

    /// - Parameters:
    ///   - given: what the command line or form says the figures are (wins over the sheet's header block).
    ///   - scope: the importing user's region (web imports); a row of a region outside it refuses the file. `nil`: any region (the CLI).
    ///   - actor: the person to audit the import for (web imports), in the store's transaction.
    public func run(_ url: URL, given: ExternalIndicatorSheet.Header, by author: String, within scope: RegionCode? = nil,
                    actor: AuditActor? = nil) async throws -> Result {
        let givenUnit = given.unit.flatMap(ExternalIndicator.Unit.parse)
        let sheet = try ExternalIndicatorSheet.read(url, resolver: resolver, unit: givenUnit)
        let header = sheet.header.overridden(by: given)
        var problems: [ExternalIndicatorSheet.Problem] = []
        func problem(_ what: ExternalIndicatorProblem) {
            problems.append(.init(sheet: nil, row: nil, column: nil, message: what.description))
        }
        var id: String?
        do { id = try ExternalIndicator.checkID(header.id ?? "") } catch { problem(error) }
        let name = header.name?.trimmingCharacters(in: .whitespaces) ?? ""
        if name.isEmpty { problem(.nameMissing) } else if name.count > ExternalIndicator.maximumTextLength { problem(.textTooLong("Nama indikator")) }
        let unit = header.unit.flatMap(ExternalIndicator.Unit.parse)
        if unit == nil { problem(.unitUnknown(header.unit ?? "")) }
        let direction = header.direction.flatMap(ExternalIndicator.direction)
        if direction == nil { problem(.directionUnknown(header.direction ?? "")) }
        let source = header.source?.trimmingCharacters(in: .whitespaces) ?? ""
        if source.isEmpty { problem(.sourceMissing) } else if source.count > ExternalIndicator.maximumTextLength { problem(.textTooLong("Sumber data")) }
        let period = header.date.flatMap(ExternalPeriod.init)
        if period == nil { problem(.periodUnreadable(header.date ?? "")) }
        problems += sheet.problems
        if let scope {
            for entry in sheet.entries where !scope.contains(entry.region) {
                problems.append(.init(sheet: entry.sheet, row: entry.row, column: nil,
                                      message: ExternalIndicatorProblem.outsideScope(region: entry.region.dotted, scope: scope.dotted).description))
            }
        }
        if sheet.entries.isEmpty && sheet.problems.isEmpty {
            problems.append(.init(sheet: nil, row: nil, column: nil, message: "Tabel tidak berisi satu baris nilai pun."))
        }
        guard problems.isEmpty, let id, let unit, let direction, let period else { throw Refused(problems: problems) }
        let indicator = ExternalIndicator(id: id, name: name, unit: unit, direction: direction, source: source)
        let values = sheet.entries.map { ExternalValue(region: $0.region, period: period, value: $0.value) }
        let outcome = try await ExternalIndicatorStore(database: database).save(
            indicator, values: values, source: source, by: author, mayRename: ExternalIndicator.mayRedefine(importerScope: scope),
            audit: actor.map { ($0, scope?.dotted) })
        return Result(indicator: indicator, period: period, outcome: outcome)
    }
}
