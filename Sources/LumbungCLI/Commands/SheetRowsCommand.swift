import ArgumentParser
import Foundation
import LumbungSheets

/// `lumbung sheet-rows FILE…` (hidden, for `bench/formats.sh`): reads every row of every sheet of each file and
/// prints the format found, the rows and cells read and the time taken — the readers alone, no import.
struct SheetRowsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sheet-rows",
        abstract: "Read every row of each file (no import) and print its format, rows, cells and reading time.",
        shouldDisplay: false
    )

    @Argument(help: "Files to read (.xlsx, .xls, .ods, .csv, .txt, .htm, .html, whatever their name).")
    var files: [String]

    func run() throws {
        for path in files {
            let url = URL(fileURLWithPath: path)
            let start = Date()
            do {
                let format = try SheetFormat.detect(url)
                let readers = try SheetFormat.readers(for: url)
                var rows = 0, cells = 0
                for reader in readers {
                    try reader.forEachRow { row in
                        rows += 1
                        cells += row.values.count
                    }
                }
                let seconds = Date().timeIntervalSince(start)
                print("\(url.lastPathComponent)\t\(format.rawValue)\tsheets \(readers.count)\trows \(rows)\tcells \(cells)\t"
                      + String(format: "%.3f s", seconds))
            } catch let error as SheetReadError {
                throw CLIFailure.failure(error.description)
            }
        }
    }
}
