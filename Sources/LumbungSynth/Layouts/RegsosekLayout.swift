import Foundation
import LumbungDomain
import LumbungSheets

/// A Regsosek-2022-style workbook (`regsosek-<kab>`; in CSV one file per sheet, `regsosek-<kab>-<table>.csv`):
/// one family spread over four sheets joined by `id_keluarga` and `no_kk` — keterangan tempat (`tempat`, BPS codes
/// over `kode_provinsi`/`kode_kabupaten`/`kode_kecamatan`/`kode_desa` through the shipped crosswalk), perumahan
/// (`perumahan`, questions 301–310), anggota (`anggota`, questions 401–428) and keikutsertaan program (`program`,
/// 501) — with the question's column name as header and, on the perumahan and anggota sheets, a row of question
/// numbers under it. Members whose `kd_ket_keberadaan_art` is 2–4 or 6 (dead, moved, not found) are no residents;
/// 5 (new member) is. Birth dates are Excel serial numbers (a number cell) on some rows and dd-mm-yyyy on others.
/// Disability is question 428's functional difficulty (1 cannot at all … 4 none; a kind is a 1 or 2). Some
/// families' No. KK is a number cell cut to 15 significant digits on all their rows (CSV: `5.20101E+15`): a
/// correct import rejects those rows. No desil: Regsosek ranks nobody.
final class RegsosekLayout: LayoutWriter {
    static let placeColumns = [
        "id_keluarga", "kode_provinsi", "kode_kabupaten", "kode_kecamatan", "kode_desa", "kode_sls_non_sls", "nama_sls_non_sls",
        "no_urut_bangunan_tinggal", "no_urut_keluarga_verif", "kd_kk", "no_kk", "nama_kepala_keluarga", "alamat",
    ]
    static let housingColumns = [
        "id_keluarga", "no_kk", "kd_stat_bangunan_tinggal", "luas_lantai", "kd_jenis_lantai_terluas", "kd_jenis_dinding",
        "kd_jenis_atap", "kd_sumber_air_minum", "kd_sumber_penerangan_utama", "kd_bahan_bakar_memasak", "kd_fasilitas_tempat_bab",
        "kd_jenis_kloset", "kd_pembuangan_akhir_tinja",
    ]
    static let housingQuestions = ["", "", "301a", "302", "303", "304", "305", "306a", "307a", "308", "309a", "309b", "310"]
    static let memberColumns = [
        "id_keluarga", "no_kk", "no_urut", "nama", "nik", "kd_ket_keberadaan_art", "kd_jenis_kelamin", "tgl_lahir", "umur",
        "kd_stat_perkawinan", "kd_hubungan_dg_kk", "kd_partisipasi_sekolah", "kd_sulit_penglihatan", "kd_sulit_pendengaran",
        "kd_sulit_berjalan_naik_tangga", "kd_sulit_tangan_jari", "kd_sulit_belajar_intelektual", "kd_sulit_perilaku_emosi",
        "kd_sulit_bicara_komunikasi", "kd_sulit_mengurus_diri", "kd_sulit_mengingat_konsentrasi",
    ]
    static let memberQuestions = ["", "", "401", "402", "403", "404", "405", "406", "407", "408", "409", "412",
                                  "428a", "428b", "428c", "428d", "428e", "428f", "428g", "428h", "428i"]
    static let programColumns = [
        "id_keluarga", "no_kk", "kd_bss_bnpt", "kd_pkh", "kd_blt_dana_desa", "kd_subsidi_listrik", "kd_bantuan_pemda",
        "kd_subsidi_pupuk", "kd_subsidi_lpg",
    ]

    /// Question 428's domains (a … i) that show each kind with a 1 or 2: sensorik a/b/g, fisik c/d, intelektual e,
    /// mental f; ganda is a physical and a sensory domain together. h and i carry no kind (a disability of no stated kind).
    static let difficultyDomains: [DisabilityType: [[Int]]] = [
        .sensory: [[0], [1], [6]], .physical: [[2], [3]], .intellectual: [[4]], .mental: [[5]], .multiple: [[2, 0], [3, 1]],
        .unspecified: [[7], [8]],
    ]

    private let format: SynthFormat
    private let asOf: CalendarDate
    private let rates: FaultRates
    private let sheets: SheetSet
    private let rows: PersonRows
    private var recorder: LayoutRecorder
    private let bpsCodes: [RegionCode: String]
    private var nonResidents = NonResidents()
    private var place: TableFile { sheets.files[0] }
    private var housing: TableFile { sheets.files[1] }
    private var members: TableFile { sheets.files[2] }
    private var programs: TableFile { sheets.files[3] }

    init(folder: URL, regency: String, format: SynthFormat, options: GeneratorOptions) throws {
        self.format = format
        asOf = options.asOf
        rates = options.faultRates
        bpsCodes = try FieldSpelling.bpsVillageCodes()
        sheets = try SheetSet(folder: folder, baseName: "regsosek-\(regency)", layout: .regsosek, format: format, sheets: [
            .init(table: "tempat", title: "1. Keterangan Tempat", columns: Self.placeColumns, columnWidths: [14, 8, 8, 8, 8]),
            .init(table: "perumahan", title: "3. Keterangan Perumahan", columns: Self.housingColumns, columnWidths: [14, 18]),
            .init(table: "anggota", title: "4. Ket Sos-Ek Anggota", columns: Self.memberColumns, columnWidths: [14, 18, 6, 28, 18]),
            .init(table: "program", title: "5. Keikutsertaan Program", columns: Self.programColumns, columnWidths: [14, 18]),
        ])
        try sheets.files[1].writeBelowHeader(Self.housingQuestions.map { .text($0) })
        try sheets.files[2].writeBelowHeader(Self.memberQuestions.map { .text($0) })
        rows = PersonRows(rates: options.faultRates, columns: FaultColumns(
            nik: "nik", name: "nama", sex: "kd_jenis_kelamin", birthDate: "tgl_lahir", village: nil, kk: "no_kk"))
        recorder = LayoutRecorder(asOf: options.asOf)
    }

    func write(_ family: SynthFamily, village: VillageContext, random: inout SynthRandom) throws {
        guard let bps = bpsCodes[village.code], bps.count == 10 else { return }
        let digits = Array(bps)
        let household = family.household
        let kk = household.kkNumber ?? ""
        let id = bps + String(format: "%05d", family.ordinal)
        let damaged = random.chance(rates.excelFifteenDigitKK)
        let kkCell: Cell
        if damaged, let cut = Int(kk.prefix(15)) {
            kkCell = format.isWorkbook ? .number(cut * 10) : .text("\(kk.prefix(1)).\(kk.dropFirst().prefix(5))E+15")
        } else {
            kkCell = .text(kk)
        }
        var written: [(TableFile, Int)] = []
        written.append((place, try place.write([
            .text(id), .text(String(digits[0..<2])), .text(String(digits[2..<4])), .text(String(digits[4..<7])),
            .text(String(digits[7..<10])), .text(String(format: "%04d", (Int(household.rt ?? "1") ?? 1) * 100)),
            .text("RT \(household.rt ?? "") RW \(household.rw ?? "")"), .text(String(format: "%03d", family.ordinal % 1000)),
            .number(1), .number(0), kkCell, .text(family.head.name.uppercased()), .text(household.address ?? ""),
        ])))
        let home = household.housing
        written.append((housing, try housing.write([
            .text(id), kkCell, .code(home.buildingOwnership), home.floorArea.map { .number($0) } ?? .empty, .code(home.floor),
            .code(home.wall), .code(home.roof), .code(home.drinkingWater), .code(home.lighting), .code(home.cookingFuel),
            .code(home.defecationFacility), .code(home.toiletType), .code(home.sewageDisposal),
        ])))
        let codes = Set(family.enrollments.map(\.program.code))
        func yes(_ received: Bool) -> Cell { .number(received ? 1 : 2) }
        written.append((programs, try programs.write([
            .text(id), kkCell, yes(codes.contains("BPNT")), yes(codes.contains("PKH")), yes(codes.contains("BLT-DD")),
            yes(family.desil <= 4 && random.chance(0.5)), yes(codes.contains("SEMBAKO-PEMDA") || codes.contains("DESA-BERDAYA")),
            yes(random.chance(0.2)), yes(random.chance(0.7)),
        ])))
        let asOf = asOf
        let format = format
        var number = 0
        func memberRow(_ plan: PersonRowPlan, status: Int?, style: inout SynthRandom) -> [Cell] {
            let person = plan.person
            number += 1
            let date: Cell
            if plan.impossibleDate {
                date = .text("31-02-\(person.birthDate?.year ?? 1990)")
            } else if let birthDate = person.birthDate {
                date = style.chance(0.4)
                    ? (format.isWorkbook ? .number(birthDate.excelSerial) : .text(String(birthDate.excelSerial)))
                    : .text(DateText.dayFirst(birthDate, separator: "-"))
            } else {
                date = .empty
            }
            let age = person.age(on: asOf)
            var difficulty = [Int](repeating: 4, count: 9)
            if let kind = person.disability {
                for domain in style.pick(Self.difficultyDomains[kind] ?? [[7]]) { difficulty[domain] = style.int(1...2) }
            } else if (age ?? 0) >= 60 && style.chance(0.3) {
                difficulty[style.pick([0, 2, 7, 8])] = 3
            }
            let presence = status ?? ((age ?? 9) < 1 && style.chance(0.5) ? 5 : 1)
            return [
                .text(id), kkCell, .number(number), .text(person.name.uppercased()), plan.nikCell(format: format), .number(presence),
                .code(person.sex), date, age.map { .number($0) } ?? .empty, .code(person.maritalStatus),
                FieldSpelling.regsosekRelationship(person.relationship).map { .number($0) } ?? .empty, .code(person.schoolParticipation),
            ] + difficulty.map { .number($0) }
        }
        if damaged {
            // Every row of the family carries the damaged KK: a correct import rejects them all.
            for person in family.members {
                let plan = PersonRowPlan(person: person, rates: .none, allowed: [], random: &random)
                written.append((members, try members.write(memberRow(plan, status: nil, style: &random))))
            }
            for (file, row) in written { recorder.recordFault(.excelFifteenDigitKK, file: file, row: row, column: "no_kk") }
            return
        }
        let kept = try rows.write(family.members, to: members, recorder: &recorder, random: &random, styled: { plan, style in
            memberRow(plan, status: nil, style: &style)
        })
        if !kept.isEmpty, let former = nonResidents.draw(for: family, village: village, asOf: asOf, random: &random) {
            let status = switch former.status { case .dead: 2; case .movedDomestic: 3; case .movedAbroad: 4; case .missing: 6 }
            let plan = PersonRowPlan(person: former.person, rates: .none, allowed: [], random: &random)
            try members.write(memberRow(plan, status: status, style: &random))
            members.countNonResident()
        }
        // What a correct import gets: the family from its place sheet (also when none of its member rows is kept),
        // housing in full, no desil, relationship through Regsosek's 8 codes, disability from question 428, school
        // participation; residents only.
        let visible = kept.map { person in
            Person(nik: person.nik, name: person.name.uppercased(), sex: person.sex, birthDate: person.birthDate,
                   relationship: FieldSpelling.relationship(regsosek: FieldSpelling.regsosekRelationship(person.relationship), sex: person.sex),
                   maritalStatus: person.maritalStatus, disability: person.disability, schoolParticipation: person.schoolParticipation)
        }
        recorder.add(household: Household(kkNumber: kk, sourceFamilyID: id, villageCode: village.code,
                                          headName: family.head.name.uppercased(), address: household.address,
                                          desil: nil, housing: home),
                     keptMembers: visible, village: village)
    }

    func finish() throws -> (files: [Truth.File], recorder: LayoutRecorder) {
        (try sheets.finish(), recorder)
    }
}
