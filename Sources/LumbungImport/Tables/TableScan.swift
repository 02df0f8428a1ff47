import Foundation
import LumbungSheets

/// One table found in a file: a sheet (or the CSV), its header row and what each column holds.
public struct FoundTable: Sendable {
    /// The sheet's position in the workbook (0 for a CSV).
    public let sheet: Int
    /// The sheet's name, for workbooks of more than one sheet (messages name it).
    public let sheetName: String?
    public let headerRow: Int
    /// A row under the header that is no data: column numbers (1, 2, 3 …) or question codes.
    public let numberRow: Int?
    public let columns: ColumnMap
    public let layout: ImportLayout
}

/// A sheet that holds no table Lumbung can read (instructions, code lists), with what it began with.
public struct SkippedSheet: Sendable, Codable, Equatable {
    public let name: String
    public let firstCells: [String]
    /// Why, when the sheet has a header that cannot be read as families or people (a column it needs is missing).
    public var reason: String?
}

/// Finds the tables of a file: in a workbook every sheet is looked at, so a first sheet of instructions
/// does not hide the data, and a family spread over several sheets (families, members, housing) is read
/// as one import. The header need not be row 1 (P3KE sheets carry a title block above it): the row of the
/// first 30 that names the most known fields is taken.
enum TableScan {
    static let rowsSearched = 30

    private struct Stop: Error {}

    /// The sheets' readers, in workbook order (one for a CSV or a web page), the format told by the content.
    static func readers(for url: URL) throws -> [any SheetReader] {
        try SheetFormat.readers(for: url)
    }

    /// `only`: the one sheet to read (its position), when a person chose it; by default every sheet.
    static func find(in readers: [any SheetReader], choice: String, mapping: [String: ImportField], ignoring ignored: [String] = [],
                     only: Int? = nil) throws -> (tables: [FoundTable], skipped: [SkippedSheet]) {
        var tables: [FoundTable] = []
        var skipped: [SkippedSheet] = []
        var firstError: ImportError?
        let names = readers.first?.sheetNames ?? []
        if let only, !readers.indices.contains(only) {
            throw ImportError.noSuchSheet(file: readers.first?.fileName ?? "", sheet: only + 1, sheets: names)
        }
        for (index, reader) in readers.enumerated() where only == nil || only == index {
            let name = names.count > 1 ? names[index] : nil
            switch try scan(reader, sheet: index, name: name, choice: choice, mapping: mapping, ignoring: ignored) {
            case .table(let table): tables.append(table)
            case .none(let cells): if !cells.isEmpty || names.count > 1 { skipped.append(SkippedSheet(name: name ?? reader.fileName, firstCells: cells)) }
            case .failed(let error):
                firstError = firstError ?? error
                skipped.append(SkippedSheet(name: name ?? reader.fileName, firstCells: [], reason: error.indonesianDescription))
            }
        }
        if tables.isEmpty {
            if let firstError { throw firstError }
            let seen = skipped.flatMap(\.firstCells)
            if seen.isEmpty { throw SheetReadError.empty(file: readers.first?.fileName ?? "") }
            throw ImportError.noHeader(file: readers.first?.fileName ?? "", seen: seen)
        }
        return (tables, skipped)
    }

    private enum Outcome {
        case table(FoundTable)
        case none([String])
        case failed(ImportError)
    }

    private static func scan(_ reader: any SheetReader, sheet: Int, name: String?, choice: String, mapping: [String: ImportField], ignoring ignored: [String]) throws -> Outcome {
        var best: (row: Int, columns: ColumnMap, score: Int)?
        var firstCells: [String] = []
        var rows: [Int: [SheetValue]] = [:]
        do {
            try reader.forEachRow { row in
                if row.number > rowsSearched + 1 { throw Stop() }
                rows[row.number] = row.values
                if firstCells.isEmpty, !row.isBlank { firstCells = row.values.map(\.text).filter { !$0.isEmpty } }
                guard row.number <= rowsSearched else { return }
                // The row of question numbers under a header (`401`, `402` …) names fields too, but it is not the header.
                if let best, best.row == row.number - 1, isNumberRow(row.values) { return }
                let columns = ColumnMap(header: row.values.map(\.text), mapping: mapping, ignoring: ignored)
                let score = columns.fields.count
                if score >= 2, score > (best?.score ?? 0), ImportLayout.detect(columns.fields) != nil || choice.lowercased() != "auto" && score >= 3 {
                    best = (row.number, columns, score)
                }
            }
        } catch is Stop {}
        guard let best else { return .none(Array(firstCells.prefix(8))) }
        let layout: ImportLayout?
        do {
            layout = try ImportLayout.choose(choice, fields: best.columns.fields)
        } catch {
            return .failed(error)
        }
        guard let layout else { return .none(Array(firstCells.prefix(8))) }
        let missing = layout.missing(in: best.columns.fields)
        guard missing.isEmpty else {
            return .failed(.missingColumns(file: reader.fileName, layout: layout, missing: missing.map(\.rawValue)))
        }
        let next = rows[best.row + 1].map { isNumberRow($0) } ?? false
        return .table(FoundTable(sheet: sheet, sheetName: name, headerRow: best.row, numberRow: next ? best.row + 1 : nil,
                                 columns: best.columns, layout: layout))
    }

    /// The text of the first 30 rows of every sheet, for checking a saved mapping against the file before reading it.
    static func firstRows(of readers: [any SheetReader]) throws -> [[String]] {
        var rows: [[String]] = []
        for reader in readers {
            do {
                try reader.forEachRow { row in
                    if row.number > rowsSearched { throw Stop() }
                    if !row.isBlank { rows.append(row.values.map(\.text)) }
                }
            } catch is Stop {}
        }
        return rows
    }

    /// A row of column numbers (1, 2, 3 …, as BDT sheets print under the header) or of questionnaire codes
    /// (`401`, `R402`, `301a`), which is part of the header, not data.
    static func isNumberRow(_ values: [SheetValue]) -> Bool {
        let cells = values.map { $0.text.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard cells.count >= 3 else { return false }
        let numbers = cells.compactMap { Int($0.trimmingCharacters(in: CharacterSet(charactersIn: "().[]"))) }
        if numbers.count == cells.count, zip(numbers, numbers.dropFirst()).allSatisfy({ $1 == $0 + 1 }) { return true }
        return cells.allSatisfy { cell in
            var text = Substring(cell.lowercased())
            if text.first == "r" { text = text.dropFirst() }
            if text.first == "." { text = text.dropFirst() }
            let digits = text.prefix { $0.isASCIIDigit }
            let rest = text.dropFirst(digits.count)
            return digits.count == 3 && rest.count <= 2 && rest.allSatisfy { $0.isLetter || $0.isASCIIDigit }
        }
    }
}
