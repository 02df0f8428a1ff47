import Foundation
import LumbungDomain
import LumbungImport
import LumbungStore
import LumbungSynth
import LumbungTestSupport
import Testing

/// Files from `lumbung generate`, in every layout and both formats, import with the counts truth.json
/// states, and every injected fault is reported at its row with the right reason.
@Suite struct GeneratedFilesImportTests {
    /// The issue codes an import must give for each injected fault.
    static let expectedCodes: [FaultKind: Set<String>] = [
        .invalidNIK: ["nik_wrong_length", "nik_invalid_birth_date"],
        .excelScientificNIK: ["nik_excel_scientific", "nik_numeric_cell"],
        .excelFifteenDigitNIK: ["nik_excel_15_digits"],
        .missingNIK: ["nik_missing"],
        .sexMismatch: ["sex_nik_mismatch"],
        .birthDateMismatch: ["birth_date_nik_mismatch"],
        .impossibleDate: ["birth_date_invalid"],
        .blankName: ["name_blank"],
        .unknownRegion: ["region_name_unknown"],
    ]

    static let cases: [(Database.Engine, SynthFormat, SynthLayout)] = TestDatabase.engines.flatMap { engine in
        [SynthFormat.csv, .xlsx].flatMap { format in [SynthLayout.dtsen, .p3ke, .siksng].map { (engine, format, $0) } }
    }

    @Test(arguments: cases)
    func a_layout_imports_with_the_truths_counts_and_every_fault_reported(engine: Database.Engine, format: SynthFormat, layout: SynthLayout) async throws {
        let (folder, truth) = try await Populations.shared.folder(format)
        let files = try #require(truth.layouts[layout.rawValue]?.files)
        let faults = Dictionary(grouping: truth.faults, by: \.file)
        let duplicates = Dictionary(grouping: truth.duplicates, by: \.file)
        // Two kabupaten keep the test quick: Lombok Timur (Lombok) and Bima (Sumbawa).
        let chosen = files.filter { $0.name.contains("5203") || $0.name.contains("5206") }
            .sorted { ($0.name.contains("5203") ? 0 : 1, $0.table == "keluarga" ? 0 : 1) < ($1.name.contains("5203") ? 0 : 1, $1.table == "keluarga" ? 0 : 1) }
        try await TestDatabase.with(engine) { database in
            let job = ImportJob(database: database, references: ImportFixtures.references)
            for file in chosen {
                let report = try await job.run(folder.appendingPathComponent(file.name), options: ImportFixtures.options())
                #expect(report.rowsRead == file.dataRows, "\(file.name)")
                #expect(report.rejected == file.errorRows, "\(file.name)")
                #expect(report.warned == file.warningRows, "\(file.name)")
                #expect(report.merged == file.duplicateRows, "\(file.name)")
                #expect(report.inserted + report.updated == file.dataRows - file.errorRows - file.duplicateRows, "\(file.name)")
                #expect(report.headerRow == file.headerRow)
                #expect((report.rejectsFile != nil) == (file.errorRows > 0))
                let stored = try await ImportFixtures.storedIssues(batch: try #require(report.batchID), in: database)
                for fault in faults[file.name] ?? [] {
                    let codes = Set((stored[fault.row] ?? []).map(\.code))
                    #expect(!codes.isDisjoint(with: Self.expectedCodes[fault.kind]!), "\(file.name) row \(fault.row): \(fault.kind) gave \(codes)")
                    let severity = fault.severity == .error ? "error" : "warning"
                    #expect((stored[fault.row] ?? []).contains { $0.severity == severity }, "\(file.name) row \(fault.row)")
                }
                for pair in duplicates[file.name] ?? [] {
                    #expect((stored[pair.firstRow] ?? []).contains { $0.code == "duplicate_in_file" }, "\(file.name) row \(pair.firstRow)")
                }
                // Nothing beyond the injected faults is flagged.
                let flagged = Set(stored.keys)
                let injected = Set((faults[file.name] ?? []).map(\.row) + (duplicates[file.name] ?? []).map(\.firstRow))
                #expect(flagged == injected, "\(file.name): \(flagged.subtracting(injected).sorted().prefix(5)) flagged without a fault")
            }
            // The registry holds what the truth says of these kabupaten.
            for regency in ["52.03", "52.06"] {
                let expected = try #require(truth.layouts[layout.rawValue]?.regions[regency])
                let families = try await ImportFixtures.count("SELECT COUNT(*) AS n FROM household WHERE regency_code = '\(regency)'", in: database)
                let people = try await ImportFixtures.count("SELECT COUNT(*) AS n FROM person WHERE regency_code = '\(regency)'", in: database)
                #expect(families == expected.families, "\(regency)")
                #expect(people == expected.people, "\(regency)")
            }
        }
    }
}

/// A workbook saved by a real office suite (shared strings, its own styles) imports like the CSV it came from.
@Suite struct LibreOfficeWorkbookImportTests {
    static let libreOffice: String? = ["/usr/bin/soffice", "/usr/bin/libreoffice"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Issue 13: the generator's CSV saved by LibreOffice as .xls (Excel 97–2003) and .ods imports with the truth's counts.
    @Test(.enabled(if: libreOffice != nil), arguments: ["xls", "ods"])
    func a_libreoffice_saved_xls_or_ods_imports_with_the_truths_counts(format: String) async throws {
        let (folder, truth) = try await Populations.shared.folder(.csv)
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("lo-\(format)-\(UUID())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        var converted: [URL] = []
        for name in ["dtsen-keluarga-5208", "dtsen-individu-5208"] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.libreOffice!)
            let columns = (1...30).map { "\($0)/2" }.joined(separator: "/")
            process.arguments = ["-env:UserInstallation=file://\(work.path)/profile", "--headless",
                                 "--infilter=CSV:44,34,76,1,\(columns)", "--convert-to", format, "--outdir", work.path,
                                 folder.appendingPathComponent("\(name).csv").path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try ProcessLaunch.run(process)
            process.waitUntilExit()
            converted.append(work.appendingPathComponent("\(name).\(format)"))
        }
        try await TestDatabase.withEach { database in
            let job = ImportJob(database: database, references: ImportFixtures.references)
            for url in converted {
                let file = try #require(truth.layouts["dtsen"]?.files.first { $0.name == url.deletingPathExtension().lastPathComponent + ".csv" })
                let report = try await job.run(url, options: ImportFixtures.options())
                #expect(report.rowsRead == file.dataRows && report.rejected == file.errorRows, "\(url.lastPathComponent)")
                #expect(report.warned == file.warningRows && report.merged == file.duplicateRows, "\(url.lastPathComponent)")
            }
            let people = try await ImportFixtures.count("SELECT COUNT(*) AS n FROM person", in: database)
            #expect(people == truth.layouts["dtsen"]?.regions["52.08"]?.people)
        }
    }

    @Test(.enabled(if: libreOffice != nil))
    func a_libreoffice_saved_xlsx_imports_with_the_truths_counts() async throws {
        let (folder, truth) = try await Populations.shared.folder(.csv)
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("lo-import-\(UUID())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        var converted: [URL] = []
        for name in ["dtsen-keluarga-5208", "dtsen-individu-5208"] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.libreOffice!)
            // Text import with every column as text (format 2), so NIKs stay 16 digits, as a careful user saves them.
            let columns = (1...30).map { "\($0)/2" }.joined(separator: "/")
            process.arguments = ["-env:UserInstallation=file://\(work.path)/profile", "--headless",
                                 "--infilter=CSV:44,34,76,1,\(columns)", "--convert-to", "xlsx", "--outdir", work.path,
                                 folder.appendingPathComponent("\(name).csv").path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try ProcessLaunch.run(process)
            process.waitUntilExit()
            converted.append(work.appendingPathComponent("\(name).xlsx"))
        }
        try await TestDatabase.withEach { database in
            let job = ImportJob(database: database, references: ImportFixtures.references)
            for url in converted {
                let file = try #require(truth.layouts["dtsen"]?.files.first { $0.name == url.deletingPathExtension().lastPathComponent + ".csv" })
                let report = try await job.run(url, options: ImportFixtures.options())
                #expect(report.rowsRead == file.dataRows && report.rejected == file.errorRows, "\(url.lastPathComponent)")
                #expect(report.warned == file.warningRows && report.merged == file.duplicateRows, "\(url.lastPathComponent)")
            }
            let people = try await ImportFixtures.count("SELECT COUNT(*) AS n FROM person", in: database)
            #expect(people == truth.layouts["dtsen"]?.regions["52.08"]?.people)
        }
    }
}
