import ArgumentParser
import Foundation
import LumbungImport
import LumbungSheets

/// `lumbung parse-rows FILE…` (hidden, for `bench/run.sh`): reads and checks every row of each file as an import
/// does — table detection, date pre-pass, parser and validator — without a database, and prints the rows, the
/// rejected rows, the issues and the time taken. Run under callgrind it counts the parser's instructions per row.
struct ParseRowsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse-rows",
        abstract: "Read and check every row of each file as an import does, writing nothing; print rows, rejected rows, issues and time.",
        shouldDisplay: false
    )

    @Option(name: .customLong("as-of"), help: "Date ages are counted on (yyyy-mm-dd; default today).")
    var asOf: String?

    @Argument(help: "Files to read.")
    var files: [String]

    func run() throws {
        let date = try ImportCommand.date(asOf)
        let references = try ImportReferences.load()
        for path in files {
            let url = URL(fileURLWithPath: path)
            let start = Date()
            do {
                let count = try ImportJob.parseOnly(url, asOf: date, references: references)
                let seconds = Date().timeIntervalSince(start)
                print("\(url.lastPathComponent)\trows \(count.rows)\trejected \(count.rejected)\tissues \(count.issues)\t" + String(format: "%.3f s", seconds))
            } catch let error as SheetReadError {
                throw CLIFailure.failure(error.description)
            } catch let error as ImportError {
                throw CLIFailure.failure(error.description)
            }
        }
    }
}
