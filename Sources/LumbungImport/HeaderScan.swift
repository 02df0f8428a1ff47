import LumbungSheets

/// Finds the header row (it need not be row 1: P3KE sheets carry a title block above it) and the layout.
struct HeaderScan {
    struct Found {
        let row: Int
        let layout: ImportLayout
        let columns: ColumnMap
    }

    static let rowsSearched = 30

    private struct Stop: Error {}

    /// Reads at most the first 30 rows of `reader`.
    static func find(in reader: any SheetReader, choice: String, mapping: [String: ImportField]) throws -> Found {
        var found: Found?
        var firstCells: [String] = []
        var choiceError: ImportError?
        do {
            try reader.forEachRow { row in
                let header = row.values.map(\.text)
                if firstCells.isEmpty, !row.isBlank { firstCells = header.filter { !$0.isEmpty } }
                let columns = ColumnMap(header: header, mapping: mapping)
                if columns.fields.count >= 2 {
                    do {
                        if let layout = try ImportLayout.choose(choice, fields: columns.fields) {
                            found = Found(row: row.number, layout: layout, columns: columns)
                            throw Stop()
                        }
                    } catch let error as ImportError {
                        choiceError = error
                        throw Stop()
                    }
                }
                if row.number >= rowsSearched { throw Stop() }
            }
        } catch is Stop {}
        if let choiceError { throw choiceError }
        guard let found else {
            if firstCells.isEmpty { throw SheetReadError.empty(file: reader.fileName) }
            throw ImportError.noHeader(file: reader.fileName, seen: firstCells)
        }
        let missing = found.layout.required.filter { found.columns.columns[$0] == nil }
        guard missing.isEmpty else {
            throw ImportError.missingColumns(file: reader.fileName, layout: found.layout, missing: missing.map(\.rawValue))
        }
        return found
    }
}
