import Foundation
import LumbungDomain

extension ImportJob {
    /// What `parseOnly` found in a file.
    public struct ParseCount: Sendable {
        public let rows: Int
        public let rejected: Int
        public let issues: Int
    }

    /// Reads and checks every row of `file` as an import does — the same table detection, date pre-pass, row
    /// parser and per-row checks — but writes nothing: no database, and the rejects file goes to a temporary folder
    /// that is removed. For `lumbung parse-rows`, which `bench/run.sh` runs under callgrind to count the
    /// instructions per row of the parser and validator.
    public static func parseOnly(_ file: URL, asOf: CalendarDate, references: ImportReferences) throws -> ParseCount {
        let readers = try TableScan.readers(for: file)
        let found = try TableScan.find(in: readers, choice: "auto", mapping: [:], ignoring: [], only: nil)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lumbung-parse-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let parts = try found.tables.map { table in
            let reader = readers[table.sheet]
            let parser = RowParser(table: table, asOf: asOf, references: references, dateOrder: try dateOrder(of: table, in: reader))
            return FileScan.Part(reader: reader, parser: parser,
                                 rejects: RejectsWriter(url: folder.appendingPathComponent("\(table.sheet)-ditolak.csv"), header: table.columns.header))
        }
        let scan = FileScan(parts: parts, progress: { _ in }, fileName: file.lastPathComponent)
        try scan.readDiscarding()
        _ = try scan.finishRejects()
        return ParseCount(rows: scan.rowsRead, rejected: scan.rejectedRows, issues: scan.issues.count)
    }
}
