import Foundation
import LumbungAnalytics
import LumbungDomain
import LumbungImport
import LumbungReference
import LumbungStore
import LumbungTestSupport
import SQLKit
import Testing

/// Snapshots freeze the figures of every region and the release diff between two counts who changed, on a registry
/// written here by hand: release A (2024-06-30) and release B (2025-06-30) of five families in Lombok Timur and
/// Lombok Barat. Expected figures are worked out from the table `people` by plain loops.
@Suite struct SnapshotTests {
    static let header = "NO.KK;NIK;Nama Penduduk;SHDK;Jenis Kelamin;Tgl Lahir;Kode Desa;Desil;Status"

    /// Tanjung Luar and Pijot (kecamatan Keruak 52.03.01), Suwangi (Sakra 52.03.02), Kebon Ayu (Gerung, Lombok Barat 52.01).
    static let tanjungLuar = "52.03.01.2001", pijot = "52.03.01.2002", suwangi = "52.03.02.2001", kebonAyu = "52.01.01.2002"

    static let releaseA = """
        \(header)
        5203011106180101;5203011207850001;Lalu Ahmad;Kepala Keluarga;L;12-07-1985;\(tanjungLuar);1;Hidup
        5203011106180101;5203014508920001;Baiq Siti;Istri;P;05-08-1992;\(tanjungLuar);1;Hidup
        5203011106180101;5203010302150001;Lalu Budi;Anak;L;03-02-2015;\(tanjungLuar);1;Hidup
        5203011106180102;5203010101700001;Amaq Sahnan;Kepala Keluarga;L;01-01-1970;\(tanjungLuar);3;Hidup
        5203011106180102;5203015010100001;Inaq Sari;Anak;P;10-10-2010;\(tanjungLuar);3;Hidup
        5203012201190103;5203012005800001;Muhammad Ali;Kepala Keluarga;L;20-05-1980;\(pijot);5;Hidup
        5203012201190103;5203015403840001;Nurul Aini;Istri;P;14-03-1984;\(pijot);5;Hidup
        5203022201190104;5203020707750001;Lalu Jaya;Kepala Keluarga;L;07-07-1975;\(suwangi);2;Hidup
        5203022201190104;5203024101400001;Inaq Rumi;Orang Tua;P;01-01-1940;\(suwangi);2;Hidup
        5201012201190105;5201010202880001;Made Arta;Kepala Keluarga;L;02-02-1988;\(kebonAyu);1;Hidup
        """

    /// A year later: family 1 rose to desil 2 and had a daughter, family 2 fell to desil 1, family 3 to desil 4;
    /// Nurul Aini moved from Pijot (Keruak) to family 4 in Suwangi (Sakra); Inaq Rumi died; a relative joined family 5.
    static let releaseB = """
        \(header)
        5203011106180101;5203011207850001;Lalu Ahmad;Kepala Keluarga;L;12-07-1985;\(tanjungLuar);2;Hidup
        5203011106180101;5203014508920001;Baiq Siti;Istri;P;05-08-1992;\(tanjungLuar);2;Hidup
        5203011106180101;5203010302150001;Lalu Budi;Anak;L;03-02-2015;\(tanjungLuar);2;Hidup
        5203011106180101;5203015501250001;Baiq Nia;Anak;P;15-01-2025;\(tanjungLuar);2;Hidup
        5203011106180102;5203010101700001;Amaq Sahnan;Kepala Keluarga;L;01-01-1970;\(tanjungLuar);1;Hidup
        5203011106180102;5203015010100001;Inaq Sari;Anak;P;10-10-2010;\(tanjungLuar);1;Hidup
        5203012201190103;5203012005800001;Muhammad Ali;Kepala Keluarga;L;20-05-1980;\(pijot);4;Hidup
        5203022201190104;5203020707750001;Lalu Jaya;Kepala Keluarga;L;07-07-1975;\(suwangi);2;Hidup
        5203022201190104;5203024101400001;Inaq Rumi;Orang Tua;P;01-01-1940;\(suwangi);2;Meninggal
        5203022201190104;5203015403840001;Nurul Aini;Famili Lain;P;14-03-1984;\(suwangi);2;Hidup
        5201012201190105;5201010202880001;Made Arta;Kepala Keluarga;L;02-02-1988;\(kebonAyu);1;Hidup
        5201012201190105;5201010303900001;Ketut Sana;Famili Lain;L;03-03-1990;\(kebonAyu);1;Hidup
        """

    static let dateA = CalendarDate(year: 2024, month: 6, day: 30)!
    static let dateB = CalendarDate(year: 2025, month: 6, day: 30)!

    /// What each release says of a person: desa, the family's desil, alive or not.
    struct State { let desa: String; let desil: Int; let alive: Bool }
    struct Someone { let nik: String; let born: CalendarDate; let a: State?; let b: State? }

    /// The same people as the two files, written out again.
    static let people: [Someone] = [
        Someone(nik: "5203011207850001", born: date(1985, 7, 12), a: State(desa: tanjungLuar, desil: 1, alive: true), b: State(desa: tanjungLuar, desil: 2, alive: true)),
        Someone(nik: "5203014508920001", born: date(1992, 8, 5), a: State(desa: tanjungLuar, desil: 1, alive: true), b: State(desa: tanjungLuar, desil: 2, alive: true)),
        Someone(nik: "5203010302150001", born: date(2015, 2, 3), a: State(desa: tanjungLuar, desil: 1, alive: true), b: State(desa: tanjungLuar, desil: 2, alive: true)),
        Someone(nik: "5203015501250001", born: date(2025, 1, 15), a: nil, b: State(desa: tanjungLuar, desil: 2, alive: true)),
        Someone(nik: "5203010101700001", born: date(1970, 1, 1), a: State(desa: tanjungLuar, desil: 3, alive: true), b: State(desa: tanjungLuar, desil: 1, alive: true)),
        Someone(nik: "5203015010100001", born: date(2010, 10, 10), a: State(desa: tanjungLuar, desil: 3, alive: true), b: State(desa: tanjungLuar, desil: 1, alive: true)),
        Someone(nik: "5203012005800001", born: date(1980, 5, 20), a: State(desa: pijot, desil: 5, alive: true), b: State(desa: pijot, desil: 4, alive: true)),
        Someone(nik: "5203015403840001", born: date(1984, 3, 14), a: State(desa: pijot, desil: 5, alive: true), b: State(desa: suwangi, desil: 2, alive: true)),
        Someone(nik: "5203020707750001", born: date(1975, 7, 7), a: State(desa: suwangi, desil: 2, alive: true), b: State(desa: suwangi, desil: 2, alive: true)),
        Someone(nik: "5203024101400001", born: date(1940, 1, 1), a: State(desa: suwangi, desil: 2, alive: true), b: State(desa: suwangi, desil: 2, alive: false)),
        Someone(nik: "5201010202880001", born: date(1988, 2, 2), a: State(desa: kebonAyu, desil: 1, alive: true), b: State(desa: kebonAyu, desil: 1, alive: true)),
        Someone(nik: "5201010303900001", born: date(1990, 3, 3), a: nil, b: State(desa: kebonAyu, desil: 1, alive: true)),
    ]

    static func date(_ year: Int, _ month: Int, _ day: Int) -> CalendarDate { CalendarDate(year: year, month: month, day: day)! }

    /// The families of a release with a living member, No. KK → (desa, desil), read from the file's text by plain splitting.
    static func families(_ text: String) -> [String: (desa: String, desil: Int)] {
        var families: [String: (desa: String, desil: Int)] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            if cells[8] == "Hidup", let desil = Int(cells[7]) { families[cells[0]] = (cells[6], desil) }
        }
        return families
    }

    /// The expected diff at a level, by plain loops over `people` and the files' families (definitions: README, Pemantauan).
    static func expected(level length: Int) -> [String: [String: Int]] {
        var counts: [String: [String: Int]] = [:]
        func add(_ region: String, _ key: String) { counts[String(region.prefix(length)), default: [:]][key, default: 0] += 1 }
        let before = families(releaseA)
        for (kk, b) in families(releaseB) {
            guard let a = before[kk] else { continue }
            if b.desil == 1 && a.desil != 1 { add(b.desa, "enteredDesil1") }
            if a.desil == 1 && b.desil != 1 { add(b.desa, "leftDesil1") }
            if b.desil <= 4 && a.desil > 4 { add(b.desa, "enteredDesil1to4") }
            if a.desil <= 4 && b.desil > 4 { add(b.desa, "leftDesil1to4") }
        }
        for person in people {
            let residentA = person.a?.alive == true ? person.a : nil
            let residentB = person.b?.alive == true ? person.b : nil
            if let a = residentA, let b = residentB, a.desa.prefix(length) != b.desa.prefix(length) { add(b.desa, "movedIn"); add(a.desa, "movedOut") }
            if person.a == nil, let b = residentB, person.born > dateA { add(b.desa, "births") }
            if let a = residentA, person.b == nil || person.b?.alive == false { add(a.desa, "deaths") }
        }
        return counts
    }

    static func figures(_ change: RegionChange) -> [String: Int] {
        let all = ["enteredDesil1": change.enteredDesil1, "leftDesil1": change.leftDesil1, "enteredDesil1to4": change.enteredDesil1to4,
                   "leftDesil1to4": change.leftDesil1to4, "births": change.births, "deaths": change.deaths, "movedIn": change.movedIn,
                   "movedOut": change.movedOut]
        return all.filter { $0.value != 0 }
    }

    static func write(_ text: String, name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("snap-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    static func importRelease(_ text: String, name: String, asOf: CalendarDate, into database: Database) async throws {
        let url = try write(text, name: name)
        var options = ImportOptions(asOf: asOf)
        options.rejectsFolder = url.deletingLastPathComponent()
        let report = try await ImportJob(database: database, references: try ImportReferences.load()).run(url, options: options)
        #expect(report.rejected == 0, "\(report.problems.map(\.code))")
    }

    static func indicators(_ code: String, villages: [RegionCode: RegionTally]) throws -> String {
        let tree = RegionTree(try ReferenceData.regions())
        let region = try #require(tree[try RegionCode(code)])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(RegionIndicators.compute(for: region, totals: RegionTotals(villages: villages, tree: tree))), as: UTF8.self)
    }

    static func value(_ id: String, in region: String, villages: [RegionCode: RegionTally]) throws -> Int {
        let tree = RegionTree(try ReferenceData.regions())
        let totals = RegionTotals(villages: villages, tree: tree)
        return try #require(IndicatorCatalogue.indicator(id)).value(in: totals[try RegionCode(region)]).count
    }

    @Test(arguments: TestDatabase.engines)
    func a_snapshot_keeps_its_figures_while_later_imports_change_the_registry(engine: Database.Engine) async throws {
        try await TestDatabase.with(engine) { database in
            let store = SnapshotStore(database: database)
            let live = VillageAggregateStore(database: database)
            await #expect(throws: MonitoringProblem.registryEmpty) { try await store.create(name: SnapshotName("kosong")!, by: "uji") }

            try await Self.importRelease(Self.releaseA, name: "rilis-a.csv", asOf: Self.dateA, into: database)
            let todayA = try Self.indicators("52.03", villages: try await live.fetchTallies(within: try RegionCode("52")))
            let a = try await store.create(name: SnapshotName("rilis-2024")!, by: "uji")
            #expect(a.date == "2024-06-30", "the date the data describe")
            #expect(a.villages == 4 && a.families == 5 && a.people == 10)
            await #expect(throws: MonitoringProblem.snapshotNameTaken("rilis-2024")) { try await store.create(name: SnapshotName("rilis-2024")!, by: "uji") }

            try await Self.importRelease(Self.releaseB, name: "rilis-b.csv", asOf: Self.dateB, into: database)
            let b = try await store.create(name: SnapshotName("rilis-2025")!, date: Self.dateB, by: "uji")
            // Residents in B: 12 listed, Inaq Rumi dead — 11; families 5.
            #expect(b.people == 11 && b.families == 5)

            let frozenA = try await store.tallies(of: try await store.snapshot(named: "rilis-2024"), within: try RegionCode("52"))
            #expect(try Self.indicators("52.03", villages: frozenA) == todayA, "snapshot A answers what the registry answered before B")
            // People of desil-1 families in Keruak: A — family 1 (3 people); B — family 2 (2 people). Lombok Timur adds nobody else.
            #expect(try Self.value("desil1_people", in: "52.03.01", villages: frozenA) == 3)
            let frozenB = try await store.tallies(of: b, within: try RegionCode("52"))
            #expect(try Self.value("desil1_people", in: "52.03.01", villages: frozenB) == 2)
            let liveNow = try await live.fetchTallies(within: try RegionCode("52"))
            #expect(try Self.value("desil1_people", in: "52.03.01", villages: liveNow) == 2)
            #expect(try Self.value("people", in: "52.03", villages: frozenA) == 9)
            #expect(try Self.value("people", in: "52.03", villages: frozenB) == 9)

            #expect(try await store.list().map(\.name) == ["rilis-2024", "rilis-2025"])
            await #expect(throws: MonitoringProblem.snapshotUnknown("tidak-ada")) { try await store.snapshot(named: "tidak-ada") }

            for level in DiffLevel.allCases {
                let diff = try await store.diff(from: a, to: b, level: level)
                let got = Dictionary(uniqueKeysWithValues: diff.regions.map { ($0.code, Self.figures($0)) }).filter { !$0.value.isEmpty }
                #expect(got == Self.expected(level: level.codeLength), "\(level)")
            }
            // Worked out by hand for Lombok Timur (52.03), desil in families: entered desil 1 family 2; left it family 1;
            // entered desil 1–4 family 3 (Nurul Aini left it, Muhammad Ali stayed); one birth (Baiq Nia), one death
            // (Inaq Rumi); Nurul Aini's move stays inside.
            let kabupaten = try await store.diff(from: a, to: b, level: .kabupaten)
            let timur = try #require(kabupaten.regions.first { $0.code == "52.03" })
            #expect(Self.figures(timur) == ["enteredDesil1": 1, "leftDesil1": 1, "enteredDesil1to4": 1, "births": 1, "deaths": 1])
            let kecamatan = try await store.diff(from: a, to: b, level: .kecamatan, within: try RegionCode("52.03"))
            #expect(kecamatan.regions.map(\.code) == ["52.03.01", "52.03.02"])
            #expect(kecamatan.regions[0].movedOut == 1 && kecamatan.regions[1].movedIn == 1)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func no_snapshot_is_taken_while_an_import_writes(engine: Database.Engine) async throws {
        try await TestDatabase.with(engine) { database in
            try await Self.importRelease(Self.releaseA, name: "rilis-a.csv", asOf: Self.dateA, into: database)
            // Another connection (another process on SQLite) in the middle of an import's transaction.
            let other = try await TestDatabase.open(database.location)
            let (started, signal) = AsyncStream<Void>.makeStream()
            let (release, releaseSignal) = AsyncStream<Void>.makeStream()
            let holding = Task {
                try await other.transaction { db in
                    try await ImportLock.holdShared(db, engine: engine)
                    try await db.raw("UPDATE aggregate_state SET generation = generation WHERE id = 1").run()
                    signal.yield()
                    // Held until the snapshot has been refused: no timing involved.
                    for await _ in release { break }
                }
            }
            for await _ in started { break }
            await #expect(throws: MonitoringProblem.importRunning) {
                try await SnapshotStore(database: database).create(name: SnapshotName("tengah-impor")!, by: "uji")
            }
            releaseSignal.yield()
            releaseSignal.finish()
            try await holding.value
            await other.close()
            #expect(try await SnapshotStore(database: database).list().isEmpty, "nothing half-written")
        }
    }
}
