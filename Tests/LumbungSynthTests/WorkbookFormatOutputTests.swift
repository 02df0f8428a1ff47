import Foundation
import LumbungTestSupport
import LumbungSynth
import Testing

extension XLSXOutputTests {
    /// A workbook saved as CSV by LibreOffice (headless, into `out`), split into rows of fields.
    static func libreOfficeCSV(of workbook: URL, into out: URL) throws -> [[String]] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(libreOffice))
        process.arguments = ["-env:UserInstallation=file://\(out.path)/profile", "--headless", "--convert-to",
                             "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", out.path, workbook.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try ProcessLaunch.run(process)
        process.waitUntilExit()
        let name = workbook.deletingPathExtension().lastPathComponent + ".csv"
        return try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { CSVFile.split($0, ",") }
    }
}

/// `lumbung generate --format ods|xls`: LibreOffice opens the .ods and .xls the generator writes and saves them as
/// CSV with the very rows of the generator's own CSV (skipped only where LibreOffice is not installed).
@Suite struct WorkbookFormatOutputTests {
    @Test(.enabled(if: XLSXOutputTests.libreOffice != nil), arguments: [SynthFormat.ods, .xls])
    func libreoffice_opens_the_generated_workbook_and_gives_back_the_csvs_rows(format: SynthFormat) async throws {
        let workbook = try await GeneratedFolders.shared.folder(scale: 0.001, seed: 3, format: format)
        let csv = try await GeneratedFolders.shared.folder(scale: 0.001, seed: 3, format: .csv)
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("lo-\(format.rawValue)-\(UUID())")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: out) }
        // Text dates and codes (dtsen-individu) and a title block above the header (p3ke-keluarga).
        for name in ["dtsen-individu-5207", "p3ke-keluarga-5207"] {
            let converted = try XLSXOutputTests.libreOfficeCSV(of: workbook.0.appendingPathComponent("\(name).\(format.rawValue)"), into: out)
            let original = try CSVFile(csv.0.appendingPathComponent("\(name).csv")).rows
            #expect(original.count > 20)
            #expect(converted.count == original.count, "\(name).\(format.rawValue)")
            let nik = original.first { $0.contains { $0.lowercased() == "nik" } }?.firstIndex { $0.lowercased() == "nik" }
            for (row, fields) in original.enumerated() where row < converted.count {
                // A title row LibreOffice writes padded with empty cells to the table's width.
                var got = converted[row], expected = fields
                while got.count > expected.count, got.last == "" { got.removeLast() }
                // An Excel-damaged NIK is a real number cell, shown in LibreOffice's own way.
                if let nik, nik < expected.count, nik < got.count, expected[nik].contains("E+") || expected[nik].count == 15 {
                    expected[nik] = ""; got[nik] = ""
                }
                #expect(got == expected, "\(name).\(format.rawValue) row \(row + 1)")
            }
        }
    }
}
