import Foundation
import LumbungDomain
import LumbungSynth
import Testing

/// Every fault truth.json lists is really in its file, at its row and column, and looks like its kind.
@Suite struct FaultTests {
    @Test func every_listed_fault_is_where_truth_says_and_looks_like_its_kind() async throws {
        let (folder, truth) = try await GeneratedFolders.shared.folder()
        let asOf = truth.generator.asOf
        let files = Dictionary(uniqueKeysWithValues: truth.layouts.values.flatMap(\.files).map { ($0.name, $0) })
        var kinds: Set<FaultKind> = []
        for (name, faults) in Dictionary(grouping: truth.faults, by: \.file) {
            let file = try #require(files[name])
            let csv = try CSVFile(folder.appendingPathComponent(name), delimiter: file.layout == .siksng ? ";" : ",")
            let header = csv.row(file.headerRow)
            for fault in faults {
                kinds.insert(fault.kind)
                let record = Record(header: Dictionary(uniqueKeysWithValues: header.enumerated().map { ($1, $0) }), fields: csv.row(fault.row))
                let value = record[fault.column]
                let nikColumn = header.contains("nik") ? "nik" : "NIK"
                switch fault.kind {
                case .invalidNIK:
                    #expect(throws: NIKError.self, "\(name):\(fault.row)") { try NIK(value, asOf: asOf) }
                case .excelScientificNIK:
                    #expect(throws: NIKError.excelScientific(value)) { try NIK(value, asOf: asOf) }
                case .excelFifteenDigitNIK:
                    #expect(throws: NIKError.excelFifteenDigits(value)) { try NIK(value, asOf: asOf) }
                case .missingNIK, .blankName:
                    #expect(value.isEmpty, "\(name):\(fault.row)")
                case .sexMismatch:
                    let nik = try NIK(record[nikColumn], asOf: asOf)
                    let stated: Sex? = ["1", "Laki-laki", "LAKI-LAKI"].contains(value) ? .male : .female
                    #expect(nik.sex != stated, "\(name):\(fault.row)")
                case .birthDateMismatch:
                    let nik = try NIK(record[nikColumn], asOf: asOf)
                    let stated = file.dateOrder == "month-first" ? parseMonthFirst(value) : parseDayFirst(value)
                    #expect(stated != nil && stated != nik.birthDate, "\(name):\(fault.row)")
                case .impossibleDate:
                    #expect((file.dateOrder == "month-first" ? parseMonthFirst(value) : parseDayFirst(value)) == nil, "\(name):\(fault.row)")
                case .unknownRegion:
                    #expect(!TruthMatchesFilesTests.villageExists(record), "\(name):\(fault.row)")
                case .duplicatePerson:
                    Issue.record("duplicates are listed apart from faults")
                case .excelFifteenDigitKK:
                    Issue.record("only the regsosek layout carries a KK as a number")
                }
                #expect(fault.severity == fault.kind.severity)
            }
        }
        #expect(kinds == Set(FaultKind.allCases).subtracting([.duplicatePerson, .excelFifteenDigitKK]))
    }

    @Test func duplicate_rows_repeat_the_nik_with_a_different_name() async throws {
        let (folder, truth) = try await GeneratedFolders.shared.folder()
        #expect(!truth.duplicates.isEmpty)
        let files = Dictionary(uniqueKeysWithValues: truth.layouts.values.flatMap(\.files).map { ($0.name, $0) })
        for pair in truth.duplicates.prefix(200) {
            let file = try #require(files[pair.file])
            let csv = try CSVFile(folder.appendingPathComponent(pair.file), delimiter: file.layout == .siksng ? ";" : ",")
            let header = csv.row(file.headerRow)
            let nik = header.firstIndex(of: "nik") ?? header.firstIndex(of: "NIK")!
            let name = header.firstIndex(of: "nama") ?? header.firstIndex(of: "Nama") ?? header.firstIndex(of: "NAMA")!
            #expect(csv.row(pair.firstRow)[nik] == csv.row(pair.secondRow)[nik])
            #expect(csv.row(pair.firstRow)[name] != csv.row(pair.secondRow)[name])
        }
    }

    @Test func clean_files_have_no_fault_at_all() async throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("clean-\(UUID())")
        defer { try? FileManager.default.removeItem(at: url) }
        _ = try await PopulationGenerator(options: GeneratorOptions(scale: 0.0005, faultRates: .none)).generate(into: url)
        let truth = try JSONDecoder().decode(Truth.self, from: Data(contentsOf: url.appendingPathComponent("truth.json")))
        #expect(truth.faults.isEmpty && truth.duplicates.isEmpty)
        #expect(truth.layouts["dtsen"]?.regions["52"]?.people == truth.generatedPeople)
    }
}
