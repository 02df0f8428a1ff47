import Foundation
import LumbungDomain
import LumbungReference
import LumbungSheets
import LumbungSynth
import Testing

/// The field shapes (`dtsen-art`, `desa-penduduk`, `bdt2015`, `regsosek`) and P3KE's date order: each file, re-read
/// with the sheet readers and counted here with plain loops from the layout descriptions (not with the generator's
/// truth code), gives the figures `truth.json` states for every desa, the dead and the moved left out.
@Suite struct FieldShapesTests {
    static let tree = RegionTree(try! ReferenceData.regions())

    /// The figures the test compares, counted per desa.
    struct Figures: Equatable, CustomStringConvertible {
        var families = 0, femaleHeaded = 0, withChild = 0, withElderly = 0, withDisabledMember = 0
        var desil = [Int](repeating: 0, count: 10)
        var people = 0, male = 0, female = 0, disabled = 0
        var bands = [Int](repeating: 0, count: 4)

        init() {}

        init(_ tally: RegionTally) {
            families = tally.families
            femaleHeaded = tally.femaleHeadedFamilies.total
            withChild = tally.allFamilies.count(dimension: 3, group: 1)
            withElderly = tally.allFamilies.count(dimension: 2, group: 1)
            withDisabledMember = tally.allFamilies.count(dimension: 1, group: 1)
            desil = tally.familiesByDesil.map(\.total)
            people = tally.people
            male = tally.population.male
            female = tally.population.female
            disabled = tally.disabled.total
            bands = AgeBand.allCases.map { tally.population.count(band: $0) }
        }

        var description: String {
            "families \(families) (female-headed \(femaleHeaded), child \(withChild), elderly \(withElderly), disabled \(withDisabledMember), desil \(desil)); people \(people) (m \(male) f \(female), disabled \(disabled), bands \(bands))"
        }
    }

    /// A person row as the test reads it.
    struct Member {
        var sex: Sex?
        var age: Int?
        var head: Bool
        var disabled: Bool
    }

    /// Adds one family (its kept members) to a desa's figures.
    static func count(_ members: [Member], desil: Int?, into figures: inout Figures) {
        figures.families += 1
        if members.contains(where: { $0.head && $0.sex == .female }) { figures.femaleHeaded += 1 }
        if members.contains(where: { ($0.age ?? 99) < 18 }) { figures.withChild += 1 }
        if members.contains(where: { ($0.age ?? 0) >= 60 }) { figures.withElderly += 1 }
        if members.contains(where: \.disabled) { figures.withDisabledMember += 1 }
        if let desil, (1...10).contains(desil) { figures.desil[desil - 1] += 1 }
        for member in members {
            figures.people += 1
            if member.sex == .male { figures.male += 1 }
            if member.sex == .female { figures.female += 1 }
            if member.disabled { figures.disabled += 1 }
            if let age = member.age { figures.bands[age < 5 ? 0 : age < 18 ? 1 : age < 60 ? 2 : 3] += 1 }
        }
    }

    /// Every desa's figures equal the truth's, and the truth has nothing in desa the files do not show.
    static func expectTruth(_ counted: [RegionCode: Figures], layout: Truth.Layout, name: String) {
        for village in tree.descendants(of: try! RegionCode("52"), depth: 4) {
            let truth = layout.regions[village.code.dotted].map(Figures.init) ?? Figures()
            let mine = counted[village.code] ?? Figures()
            #expect(mine == truth, "\(name) \(village.code.dotted): counted \(mine) — truth \(truth)")
        }
        var province = Figures()
        for figures in counted.values {
            province.families += figures.families
            province.people += figures.people
        }
        #expect(province.people == layout.regions["52"]?.people && province.families == layout.regions["52"]?.families, "\(name)")
        #expect(province.people > 1_000, "\(name): \(province.people) people")
    }

    // MARK: Reading

    /// The rows of a table file (or of one sheet of a workbook).
    static func rows(_ url: URL, sheet: String? = nil) throws -> [SheetRow] {
        var rows: [SheetRow] = []
        if url.pathExtension == "xlsx" {
            let names = try XLSXSheetReader(url: url).sheetNames
            let index = sheet.flatMap { names.firstIndex(of: $0) } ?? 0
            try XLSXSheetReader(url: url, sheet: index).forEachRow { rows.append($0) }
        } else {
            try CSVSheetReader(url: url).forEachRow { rows.append($0) }
        }
        return rows
    }

    /// The data rows of a file its truth describes, by header name (header names compared in lower case).
    static func records(_ folder: URL, _ file: Truth.File) throws -> [(row: SheetRow, value: (String) -> SheetValue)] {
        let all = try rows(folder.appendingPathComponent(file.name), sheet: file.sheet)
        let header = try #require(all.first { $0.number == file.headerRow })
        var index: [String: Int] = [:]
        for (position, value) in header.values.enumerated() { index[value.text.lowercased()] = position }
        let first = file.firstDataRow ?? file.headerRow + 1
        let data = all.filter { (first..<(first + file.dataRows)).contains($0.number) }
        #expect(data.count == file.dataRows, "\(file.name)")
        return data.map { row in (row, { column in index[column.lowercased()].map { row[$0] } ?? .empty }) }
    }

    /// Whether a NIK cell is one a correct import rejects: a number cell (Excel's damage) or text that is no NIK.
    static func rejectedNIK(_ value: SheetValue, asOf: CalendarDate) -> Bool {
        if case .number = value { return true }
        let text = value.text
        return !text.isEmpty && (try? NIK(text, asOf: asOf)) == nil
    }

    static func date(dayFirst text: String) -> CalendarDate? {
        let parts = text.split(separator: " ").first.map { $0.split(whereSeparator: { $0 == "-" || $0 == "/" }).compactMap { Int($0) } } ?? []
        guard parts.count == 3 else { return nil }
        return CalendarDate(year: parts[2], month: parts[1], day: parts[0])
    }

    static func sex(_ text: String) -> Sex? {
        switch text.lowercased() {
        case "1", "l", "lk", "laki-laki": .male
        case "2", "p", "pr", "perempuan": .female
        default: nil
        }
    }

    static func generate(_ layouts: Set<SynthLayout>, format: SynthFormat, scale: Double = 0.001, seed: UInt64 = 9,
                         parallelism: Int = 2) async throws -> (URL, Truth) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("field-\(UUID())")
        let options = GeneratorOptions(scale: scale, seed: seed, format: format, layouts: layouts,
                                       faultRates: FaultRates.standard.scaled(by: 5), parallelism: parallelism)
        _ = try await PopulationGenerator(options: options).generate(into: url)
        let truth = try JSONDecoder().decode(Truth.self, from: Data(contentsOf: url.appendingPathComponent("truth.json")))
        return (url, truth)
    }

    // MARK: dtsen-art

    @Test(arguments: [SynthFormat.csv, .xlsx])
    func dtsen_art_rows_grouped_by_kk_give_the_truth_of_every_desa(format: SynthFormat) async throws {
        let (folder, truth) = try await Self.generate([.dtsenART], format: format)
        defer { try? FileManager.default.removeItem(at: folder) }
        let asOf = truth.generator.asOf
        let layout = try #require(truth.layouts["dtsen-art"])
        #expect(layout.files.count == 10)
        var families: [String: (village: RegionCode, desil: Int?, members: [Member])] = [:]
        var dotted = 0, plain = 0, labels = 0
        for file in layout.files {
            var niks: Set<String> = []
            for (_, value) in try Self.records(folder, file) {
                let nik = value("nomor_nik")
                if Self.rejectedNIK(nik, asOf: asOf) || value("Nama Penduduk").text.isEmpty { continue }
                let age: Int?
                switch value("Tanggal Lahir") {
                case .date(let date): age = date.age(on: asOf)
                case let other:
                    guard let date = Self.date(dayFirst: other.text) else { continue }  // impossible date: rejected
                    age = date.age(on: asOf)
                }
                if !nik.text.isEmpty && !niks.insert(nik.text).inserted { continue }  // the same person again
                let code = value("Kode Desa").text
                if code.contains(".") { dotted += 1 } else { plain += 1 }
                let shdk = value("SHDK").text
                if Int(shdk) == nil { labels += 1 }
                let disability = value("Disabilitas").text
                let member = Member(sex: Self.sex(value("Jenis Kelamin").text), age: age,
                                    head: shdk == "1" || shdk.lowercased() == "kepala keluarga",
                                    disabled: !["", "-", "tidak ada", "tidak"].contains(disability.lowercased()))
                let kk = value("NO.KK").text
                let village = try RegionCode(code)
                families[kk, default: (village, Int(value("Desil").text), [])].members.append(member)
            }
        }
        var counted: [RegionCode: Figures] = [:]
        for family in families.values {
            Self.count(family.members, desil: family.desil, into: &counted[family.village, default: Figures()])
        }
        Self.expectTruth(counted, layout: layout, name: "dtsen-art")
        #expect(dotted > 100 && plain > 100 && labels > 100)
    }

    // MARK: desa-penduduk

    @Test func desa_penduduk_files_count_residents_only_in_the_desa_their_name_gives() async throws {
        let (folder, truth) = try await Self.generate([.desaPenduduk], format: .csv)
        defer { try? FileManager.default.removeItem(at: folder) }
        let asOf = truth.generator.asOf
        let layout = try #require(truth.layouts["desa-penduduk"])
        #expect(layout.files.count == 1_166)
        var counted: [RegionCode: Figures] = [:]
        var nonResidents = 0, temporaryNIKs = 0, upperCase = 0, labels = 0
        for file in layout.files {
            let code = String(file.name.dropFirst("desa-penduduk-".count).prefix(10))
            let village = try RegionCode(code)
            #expect(village.depth == 4 && Self.tree[village] != nil, "\(file.name)")
            let all = try Self.rows(folder.appendingPathComponent(file.name))
            let header = all[file.headerRow - 1].values.map { $0.text.lowercased() }
            #expect(!header.contains { ["kode_desa", "desa", "kecamatan", "kabupaten", "provinsi"].contains($0) })
            if all[file.headerRow - 1].values.first?.text == "ALAMAT" { upperCase += 1 }
            let trailer = all.suffix(file.trailingRows ?? 0)
            #expect(trailer.first?.values.first?.text == "###", "\(file.name)")
            var families: [String: [Member]] = [:]
            var niks: Set<String> = []
            var fileNonResidents = 0
            for (_, value) in try Self.records(folder, file) {
                if value("status_dasar").text != "1" { fileNonResidents += 1; continue }  // dead, moved, missing
                var nik = value("nik").text
                if nik.hasPrefix("0") && nik.count == 16 { nik = ""; temporaryNIKs += 1 }   // the system's temporary NIK
                if !nik.isEmpty && (try? NIK(nik, asOf: asOf)) == nil { continue }
                guard !value("nama").text.isEmpty, let birthDate = CalendarDate(iso: value("tanggallahir").text) else { continue }
                if !nik.isEmpty && !niks.insert(nik).inserted { continue }
                let cacat = Int(value("cacat_id").text) ?? 7
                if Int(value("kk_level").text) == nil || Int(value("sex").text) == nil { labels += 1 }
                families[value("no_kk").text, default: []].append(Member(
                    sex: Self.sex(value("sex").text), age: birthDate.age(on: asOf),
                    head: ["1", "kepala keluarga"].contains(value("kk_level").text.lowercased()),
                    disabled: (1...6).contains(cacat)))
            }
            #expect(fileNonResidents == (file.nonResidentRows ?? 0), "\(file.name)")
            nonResidents += fileNonResidents
            for members in families.values { Self.count(members, desil: nil, into: &counted[village, default: Figures()]) }
        }
        Self.expectTruth(counted, layout: layout, name: "desa-penduduk")
        #expect(nonResidents > 20 && temporaryNIKs > 0 && upperCase > 50 && labels > 50)
    }

    // MARK: bdt2015

    @Test(arguments: [SynthFormat.csv, .xlsx])
    func bdt2015_rows_placed_through_the_crosswalk_and_aged_by_umur_give_the_truth(format: SynthFormat) async throws {
        let (folder, truth) = try await Self.generate([.bdt2015], format: format)
        defer { try? FileManager.default.removeItem(at: folder) }
        let asOf = truth.generator.asOf
        let layout = try #require(truth.layouts["bdt2015"])
        let crosswalk = Dictionary(try ReferenceData.bpsCrosswalk().map { ($0.bpsCode, $0.regionCode) }, uniquingKeysWith: { a, _ in a })
        var families: [String: (village: RegionCode, desil: Int, members: [Member])] = [:]
        var ageOnly = 0
        for file in layout.files {
            let all = try Self.rows(folder.appendingPathComponent(file.name))
            #expect(file.firstDataRow == file.headerRow + 2)
            #expect(all[file.headerRow].values.map(\.text) == (1...all[file.headerRow - 1].values.count).map(String.init))
            var niks: Set<String> = []
            for (_, value) in try Self.records(folder, file) {
                let nik = value("NIK")
                if Self.rejectedNIK(nik, asOf: asOf) || value("Nama").text.isEmpty { continue }
                let dateText = value("TglLahir").text
                let age: Int
                if dateText.isEmpty {
                    age = try #require(Int(value("Umur").text))
                    ageOnly += 1
                } else {
                    guard let date = Self.date(dayFirst: dateText) else { continue }
                    age = date.age(on: asOf)
                }
                if !nik.text.isEmpty && !niks.insert(nik.text).inserted { continue }
                let bps = ["KDPROP", "KDKAB", "KDKEC", "KDDESA"].map { value($0).text }.joined()
                #expect(bps.count == 10)
                let village: RegionCode = try #require(crosswalk[bps], "BPS \(bps)")
                let percentile = try #require(Int(value("percentile").text))
                let member = Member(sex: Self.sex(value("JnsKel").text), age: age, head: value("Hub_KRT").text == "1",
                                    disabled: (Int(value("Jenis_cacat").text) ?? 0) != 0)
                families[value("NoKK").text, default: (village, (percentile + 9) / 10, [])].members.append(member)
            }
        }
        var counted: [RegionCode: Figures] = [:]
        for family in families.values {
            Self.count(family.members, desil: family.desil, into: &counted[family.village, default: Figures()])
        }
        Self.expectTruth(counted, layout: layout, name: "bdt2015")
        #expect(ageOnly > 50)
        // Desa the crosswalk does not know are not in the files, and have nothing in the truth.
        let known = Set(crosswalk.values)
        let unknown = Self.tree.descendants(of: try RegionCode("52"), depth: 4).filter { !known.contains($0.code) }
        #expect(!unknown.isEmpty && unknown.allSatisfy { (layout.regions[$0.code.dotted]?.people ?? 0) == 0 })
    }

    // MARK: regsosek

    @Test(arguments: [SynthFormat.csv, .xlsx])
    func regsosek_sheets_joined_by_family_id_give_the_truth_without_damaged_kks(format: SynthFormat) async throws {
        let (folder, truth) = try await Self.generate([.regsosek], format: format)
        defer { try? FileManager.default.removeItem(at: folder) }
        let asOf = truth.generator.asOf
        let layout = try #require(truth.layouts["regsosek"])
        let crosswalk = Dictionary(try ReferenceData.bpsCrosswalk().map { ($0.bpsCode, $0.regionCode) }, uniquingKeysWith: { a, _ in a })
        #expect(layout.files.count == 40)
        /// A No. KK Excel damaged: a number cell, or the scientific text a CSV export of one shows.
        func damaged(_ value: SheetValue) -> Bool {
            if case .number = value { return true }
            return value.text.contains("E+")
        }
        var places: [String: RegionCode] = [:]
        var members: [String: [Member]] = [:]
        var damagedRows = 0, serialDates = 0, numberCellDates = 0
        for file in layout.files where file.table == "tempat" || file.table == "anggota" {
            var niks: Set<String> = []
            for (_, value) in try Self.records(folder, file) {
                let id = value("id_keluarga").text
                if damaged(value("no_kk")) {
                    damagedRows += 1
                    if format == .xlsx, case .number(let text) = value("no_kk") { #expect(text.count == 16 && text.hasSuffix("0")) }
                    continue
                }
                if file.table == "tempat" {
                    let bps = ["kode_provinsi", "kode_kabupaten", "kode_kecamatan", "kode_desa"].map { value($0).text }.joined()
                    let village: RegionCode = try #require(crosswalk[bps], "BPS \(bps)")
                    places[id] = village
                    continue
                }
                guard ["1", "5"].contains(value("kd_ket_keberadaan_art").text) else { continue }  // not a resident
                let nik = value("nik")
                if Self.rejectedNIK(nik, asOf: asOf) || value("nama").text.isEmpty { continue }
                let birthDate: CalendarDate?
                switch value("tgl_lahir") {
                case .number(let serial):
                    serialDates += 1
                    numberCellDates += 1
                    birthDate = Int(serial).flatMap { CalendarDate(excelSerial: $0) }
                case let other where Int(other.text) != nil:
                    serialDates += 1
                    birthDate = CalendarDate(excelSerial: Int(other.text)!)
                case let other:
                    birthDate = Self.date(dayFirst: other.text)
                }
                guard let birthDate else { continue }
                if !nik.text.isEmpty && !niks.insert(nik.text).inserted { continue }
                let difficulties = ["kd_sulit_penglihatan", "kd_sulit_pendengaran", "kd_sulit_berjalan_naik_tangga", "kd_sulit_tangan_jari",
                                    "kd_sulit_belajar_intelektual", "kd_sulit_perilaku_emosi", "kd_sulit_bicara_komunikasi"]
                members[id, default: []].append(Member(
                    sex: Self.sex(value("kd_jenis_kelamin").text), age: birthDate.age(on: asOf), head: value("kd_hubungan_dg_kk").text == "1",
                    disabled: difficulties.contains { ["1", "2"].contains(value($0).text) }))
            }
        }
        var counted: [RegionCode: Figures] = [:]
        for (id, village) in places {
            Self.count(members[id] ?? [], desil: nil, into: &counted[village, default: Figures()])
        }
        Self.expectTruth(counted, layout: layout, name: "regsosek")
        let kkFaults = truth.faults.filter { $0.kind == .excelFifteenDigitKK }
        #expect(damagedRows > 0 && serialDates > 100)
        #expect(format == .csv || numberCellDates == serialDates, "a serial date in a workbook is a number cell")
        #expect(kkFaults.filter { fault in layout.files.contains { $0.name == fault.file && $0.sheet == fault.sheet && ($0.table == "tempat" || $0.table == "anggota") } }.count == damagedRows)
        if format == .xlsx { #expect(kkFaults.allSatisfy { $0.sheet != nil }) }
    }

    // MARK: P3KE dates

    @Test func p3ke_dates_are_day_first_but_in_some_files_month_first_and_each_file_says_which_by_its_days() async throws {
        let (folder, truth) = try await Self.generate([.p3ke], format: .xlsx)
        defer { try? FileManager.default.removeItem(at: folder) }
        let asOf = truth.generator.asOf
        let layout = try #require(truth.layouts["p3ke"])
        var orders: Set<String> = []
        var bands: [String: [Int]] = [:]
        for file in layout.files {
            let order = try #require(file.dateOrder)
            orders.insert(order)
            var decided = false
            var niks: Set<String> = []
            for (_, value) in try Self.records(folder, file) {
                let text = value("Tanggal Lahir").text
                guard case .text = value("Tanggal Lahir") else { Issue.record("\(file.name): a date that is not text"); continue }
                let parts = text.split(separator: " ")[0].split(separator: "/").compactMap { Int($0) }
                guard parts.count == 3 else { continue }
                if (order == "day-first" ? parts[0] : parts[1]) > 12 { decided = true }
                #expect((order == "day-first" ? parts[1] : parts[0]) <= 12, "\(file.name): \(text)")
                guard file.table == "individu" else { continue }
                let nik = value("NIK")
                if Self.rejectedNIK(nik, asOf: asOf) || value("Nama").text.isEmpty { continue }
                guard let date = order == "day-first" ? CalendarDate(year: parts[2], month: parts[1], day: parts[0])
                                                      : CalendarDate(year: parts[2], month: parts[0], day: parts[1]) else { continue }
                if !nik.text.isEmpty && !niks.insert(nik.text).inserted { continue }
                let age = date.age(on: asOf)
                let code = try RegionCode(value("Kode Kemendagri").text)
                bands[code.dotted, default: [0, 0, 0, 0]][age < 5 ? 0 : age < 18 ? 1 : age < 60 ? 2 : 3] += 1
            }
            #expect(decided, "\(file.name): no day above 12 tells its order")
        }
        #expect(orders == ["day-first", "month-first"])
        for (code, counted) in bands {
            let tally = try #require(layout.regions[code])
            #expect(counted == AgeBand.allCases.map { tally.population.count(band: $0) }, "p3ke \(code)")
        }
    }

    // MARK: Determinism

    @Test func the_field_shapes_are_byte_identical_for_the_same_seed_whatever_the_parallelism() async throws {
        let (first, _) = try await Self.generate(Set(SynthLayout.field), format: .xlsx, scale: 0.0005, seed: 4, parallelism: 1)
        let (second, _) = try await Self.generate(Set(SynthLayout.field), format: .xlsx, scale: 0.0005, seed: 4, parallelism: 3)
        defer { for url in [first, second] { try? FileManager.default.removeItem(at: url) } }
        let names = try FileManager.default.contentsOfDirectory(atPath: first.path).sorted()
        #expect(names == (try FileManager.default.contentsOfDirectory(atPath: second.path).sorted()))
        let expected = 1 + 10 + 1_166 + 10 + 10  // truth.json, dtsen-art, desa-penduduk, bdt2015, regsosek
        #expect(names.count == expected)
        #expect(!names.contains { $0.hasPrefix(".") })
        for name in names {
            #expect(try Data(contentsOf: first.appendingPathComponent(name)) == Data(contentsOf: second.appendingPathComponent(name)), "\(name)")
        }
    }
}
