import Foundation
import LumbungDomain
import LumbungSheets

/// The rejects file: each rejected row with its original columns and one more column saying why, in
/// Bahasa Indonesia — to fix in Excel and import again (Lumbung ignores the extra column). The values
/// come from the uploaded file, so a cell such as `=HYPERLINK(…)` is written as `'=HYPERLINK(…)`: the
/// CSV writer neutralises every formula-leading text (`FormulaGuard`), and Excel shows it as text.
final class RejectsWriter {
    let url: URL
    private var writer: CSVTableWriter?
    private let header: [String]
    private(set) var rows = 0

    static let reasonColumn = "KETERANGAN PENOLAKAN"

    init(url: URL, header: [String]) {
        self.url = url
        self.header = header
    }

    func write(_ row: SheetRow, reasons: [ImportIssue]) throws {
        if writer == nil {
            let created = try CSVTableWriter(url: url, delimiter: ";", byteOrderMark: true)
            try created.write(header.map { Cell.text($0) } + [.text(Self.reasonColumn)])
            writer = created
        }
        var cells = row.values.map { Cell.text($0.text) }
        if cells.count < header.count { cells += Array(repeating: Cell.empty, count: header.count - cells.count) }
        let reason = reasons.map { issue in
            "Baris \(issue.row)" + (issue.column.map { ", kolom \($0)" } ?? "") + ": " + issue.message
        }.joined(separator: " | ")
        try writer?.write(Array(cells.prefix(header.count)) + [.text(reason)])
        rows += 1
    }

    /// Completes the file; returns its path, or `nil` when nothing was rejected.
    func finish() throws -> String? {
        guard let writer else { return nil }
        try writer.finish()
        return url.path
    }
}
