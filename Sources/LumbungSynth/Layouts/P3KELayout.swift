import Foundation
import LumbungDomain
import LumbungSheets

/// P3KE files: families in desil 1–4 (`p3ke-keluarga`) and their members (`p3ke-individu`), with
/// the human headers of the downloaded workbooks, a title block above the header, labels instead of
/// codes, `YA`/`TIDAK` flags, P3KE's own family ids and no KK number. Dates are text with a time, day first as the
/// real exports (`27/06/1980 0:00:00`); about one kabupaten/kota in four has its two files month first
/// (`6/27/1980 0:00`), each file all one way, which its days above 12 show (`Truth.File.dateOrder`).
final class P3KELayout: LayoutWriter {
    static let familyColumns = [
        "ID Keluarga P3KE", "Provinsi", "Kabupaten/Kota", "Kecamatan", "Desa/Kelurahan", "Kode Kemendagri",
        "Desil Kesejahteraan", "Alamat", "Kepala Keluarga", "NIK", "Padan Dukcapil", "Jenis Kelamin", "Tanggal Lahir",
        "Pekerjaan", "Pendidikan", "Kepemilikan Rumah", "Memiliki Simpanan Uang/Perhiasan/Ternak/Lainnya", "Jenis Atap",
        "Jenis Dinding", "Jenis Lantai", "Sumber Penerangan", "Bahan Bakar Memasak", "Sumber Air Minum",
        "Memiliki Fasilitas Buang Air Besar", "Penerima BPNT", "Penerima BPUM", "Penerima BST", "Penerima PKH",
        "Penerima Sembako", "Resiko Stunting",
    ]
    static let personColumns = [
        "ID Individu", "ID Keluarga P3KE", "Provinsi", "Kabupaten/Kota", "Kecamatan", "Desa/Kelurahan", "Kode Kemendagri",
        "Desil Kesejahteraan", "Alamat", "Nama", "NIK", "Padan Dukcapil", "Jenis Kelamin", "Hubungan dengan Kepala Keluarga",
        "Tanggal Lahir", "Status Kawin", "Pekerjaan", "Pendidikan", "Usia Dibawah 7 Tahun", "Usia 7 sd 12 Tahun",
        "Usia 13 sd 15 Tahun", "Usia 16 sd 18 Tahun", "Usia 19 sd 21 Tahun", "Usia 22 sd 59 Tahun", "Usia 60 Tahun Keatas",
    ]

    /// P3KE's four relationship values.
    static func relationshipLabel(_ relationship: FamilyRelationship?) -> String {
        switch relationship {
        case .head: "Kepala Keluarga"
        case .wife, .husband: "Istri"
        case .child: "Anak"
        default: "Lainnya"
        }
    }

    static func relationship(fromLabel label: String) -> FamilyRelationship {
        switch label {
        case "Kepala Keluarga": .head
        case "Istri": .wife
        case "Anak": .child
        default: .other
        }
    }

    private let format: SynthFormat
    private let asOf: CalendarDate
    /// Whether this kabupaten/kota's files write dates month first.
    private let monthFirst: Bool
    private let families: TableFile
    private let people: TableFile
    private let rows: PersonRows
    private var recorder: LayoutRecorder

    init(folder: URL, regency: Region, format: SynthFormat, options: GeneratorOptions) throws {
        self.format = format
        asOf = options.asOf
        var order = SynthRandom(seed: options.seed, stream: "p3ke-date-order/\(regency.code.dotted)")
        monthFirst = order.chance(0.25)
        let title = [
            "DATA PENSASARAN PERCEPATAN PENGHAPUSAN KEMISKINAN EKSTREM (P3KE)",
            "Provinsi: NUSA TENGGARA BARAT",
            "Kabupaten/Kota: \(regency.name.uppercased())",
            "Data sintetis Lumbung untuk uji coba — bukan data penduduk sebenarnya",
            "",
        ]
        let compact = regency.code.compact
        families = try TableFile(folder: folder, baseName: "p3ke-keluarga-\(compact)", layout: .p3ke, table: "keluarga",
                                 format: format, columns: Self.familyColumns, title: title, columnWidths: [16, 20, 20, 20, 22, 14])
        people = try TableFile(folder: folder, baseName: "p3ke-individu-\(compact)", layout: .p3ke, table: "individu",
                               format: format, columns: Self.personColumns, title: title, columnWidths: [18, 16, 20, 20, 20, 22, 14])
        rows = PersonRows(rates: options.faultRates, columns: FaultColumns(
            nik: "NIK", name: "Nama", sex: "Jenis Kelamin", birthDate: "Tanggal Lahir", village: nil))
        recorder = LayoutRecorder(asOf: options.asOf)
        for file in [families, people] { file.setDateOrder(monthFirst ? "month-first" : "day-first") }
    }

    func write(_ family: SynthFamily, village: VillageContext, random: inout SynthRandom) throws {
        guard family.desil <= 4 else { return }
        let asOf = asOf
        let familyID = village.code.compact + Self.pad(family.ordinal, 5)
        let place: [Cell] = [
            .text(village.province.name.uppercased()), .text(village.regencyBareName),
            .text(village.plan.kecamatan.name.uppercased()), .text(village.plan.region.name.uppercased()),
            .text(village.code.compact), .number(family.desil), .text(family.household.address ?? ""),
        ]
        let housing = family.household.housing
        let head = family.head
        let programs = Set(family.enrollments.map(\.program.code))
        let hasToddler = family.members.contains { ($0.age(on: asOf) ?? 9) < 5 }
        try families.write([.text(familyID)] + place + [
            .text(head.name), .text(head.nik ?? ""), .yesNo(random.chance(0.97)), .text(head.sex?.label ?? ""),
            dateCell(head.birthDate, impossible: false), .text(head.occupation ?? ""), .text(head.education?.label ?? ""),
            .text(housing.buildingOwnership?.label ?? ""), .yesNo(random.chance(0.6 * (1 - family.poverty) + 0.1)),
            .text(housing.roof?.label ?? ""), .text(housing.wall?.label ?? ""), .text(housing.floor?.label ?? ""),
            .text(housing.lighting?.label ?? ""), .text(housing.cookingFuel?.label ?? ""), .text(housing.drinkingWater?.label ?? ""),
            .text(housing.defecationFacility?.label ?? ""), .yesNo(programs.contains("BPNT")), .yesNo(false), .yesNo(false),
            .yesNo(programs.contains("PKH")), .yesNo(programs.contains("BPNT")), .yesNo(hasToddler && random.chance(0.35)),
        ])
        var memberIndex = 0
        let kept = try rows.write(family.members, to: people, recorder: &recorder, random: &random) { plan in
            memberIndex += 1
            let person = plan.person
            let age = person.age(on: asOf) ?? -1
            let bands = [(0...6), (7...12), (13...15), (16...18), (19...21), (22...59), (60...200)].map { Cell.yesNo($0.contains(age)) }
            return [.text(familyID + Self.pad(memberIndex, 2)), .text(familyID)] + place + [
                .text(person.name), plan.nikCell(format: self.format), .yesNo(true), .text(person.sex?.label ?? ""),
                .text(Self.relationshipLabel(person.relationship)), self.dateCell(person.birthDate, impossible: plan.impossibleDate),
                .text(person.maritalStatus?.label ?? ""), .text(person.occupation ?? ""), .text(person.education?.label ?? ""),
            ] + bands
        }
        // What a P3KE import can know: no KK number, housing without floor area or toilet, people
        // with only P3KE's four relationships and no disability, schooling or insurance.
        let household = Household(
            kkNumber: nil, sourceFamilyID: familyID, villageCode: village.code, headName: head.name,
            address: family.household.address, desil: family.desil,
            housing: Housing(buildingOwnership: housing.buildingOwnership, floor: housing.floor, wall: housing.wall,
                             roof: housing.roof, drinkingWater: housing.drinkingWater, lighting: housing.lighting,
                             cookingFuel: housing.cookingFuel, defecationFacility: housing.defecationFacility))
        let visible = kept.map { person in
            Person(nik: person.nik, name: person.name, sex: person.sex, birthDate: person.birthDate,
                   relationship: Self.relationship(fromLabel: Self.relationshipLabel(person.relationship)),
                   maritalStatus: person.maritalStatus, education: person.education, occupation: person.occupation)
        }
        recorder.add(household: household, keptMembers: visible, village: village)
    }

    /// A date as the exports hold it: text with a time, in XLSX too.
    private func dateCell(_ date: CalendarDate?, impossible: Bool) -> Cell {
        guard let date else { return .empty }
        if impossible { return .text(monthFirst ? "2/31/\(date.year) 0:00" : "31/02/\(date.year) 0:00:00") }
        return .text(monthFirst ? DateText.usWithTime(date) : DateText.dayFirstWithTime(date))
    }

    func finish() throws -> (files: [Truth.File], recorder: LayoutRecorder) {
        try families.finish()
        try people.finish()
        return ([families.truth, people.truth], recorder)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
