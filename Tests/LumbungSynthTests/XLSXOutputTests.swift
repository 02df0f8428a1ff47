import Foundation
import LumbungSynth
import Testing

/// Generated workbooks open in a real office suite: LibreOffice converts them back to the same rows.
@Suite struct XLSXOutputTests {
    static let libreOffice: String? = ["/usr/bin/soffice", "/usr/bin/libreoffice"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: libreOffice != nil))
    func libreoffice_reads_the_generated_p3ke_workbook_row_for_row() async throws {
        let xlsx = try await GeneratedFolders.shared.folder(scale: 0.001, seed: 3, format: .xlsx)
        let csv = try await GeneratedFolders.shared.folder(scale: 0.001, seed: 3, format: .csv)
        let name = "p3ke-individu-5203"
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("lo-\(UUID())")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: out) }
        let converted = try Self.libreOfficeCSV(of: xlsx.0.appendingPathComponent("\(name).xlsx"), into: out)
        let original = try CSVFile(csv.0.appendingPathComponent("\(name).csv")).rows
        #expect(converted.count == original.count)
        let header = try #require(xlsx.1.layouts["p3ke"]?.files.first { $0.name == "\(name).xlsx" }?.headerRow)
        #expect(converted[header - 1] == original[header - 1])
        let nik = original[header - 1].firstIndex(of: "NIK")!, date = original[header - 1].firstIndex(of: "Tanggal Lahir")!
        for (row, fields) in original.enumerated().dropFirst(header) {
            // Same text in every cell but dates (a real date cell shows in the locale's format) and
            // the Excel-damaged NIKs (real number cells).
            var expected = fields, got = converted[row]
            expected[date] = ""; got[date] = ""
            if expected[nik].contains("E+") || expected[nik].count == 15 { expected[nik] = ""; got[nik] = "" }
            #expect(got == expected, "row \(row + 1)")
        }
    }
}
