import Foundation
import LumbungDomain
import LumbungSheets

/// DTSEN/Regsosek-style files: every family (`dtsen-keluarga`) and every person (`dtsen-individu`),
/// Kemendagri village codes, Regsosek 2022 codes for housing and Dukcapil codes for people, dates dd-mm-yyyy. Like
/// real DTSEN exports, the family rows carry the programme flags `kd_pkh`, `kd_bss_bnpt` (Sembako/BPNT) and
/// `kd_blt_dana_desa`, and the person rows `kd_pbi` (PBI-JK), each 1 ya / 2 tidak, from the family's enrolments;
/// `truth.json` counts the flagged families (persons for PBI-JK) per region (`Truth.Layout.programmeFlags`).
final class DTSENLayout: LayoutWriter {
    static let familyColumns = [
        "no_kk", "kode_desa", "nama_provinsi", "nama_kabupaten", "nama_kecamatan", "nama_desa", "alamat", "rt", "rw",
        "kepala_keluarga", "jumlah_anggota", "desil_nasional", "status_kepemilikan_rumah", "luas_lantai", "jenis_lantai",
        "jenis_dinding", "jenis_atap", "sumber_air_minum", "sumber_penerangan", "bahan_bakar_memasak", "fasilitas_bab",
        "jenis_kloset", "pembuangan_akhir_tinja", "kd_pkh", "kd_bss_bnpt", "kd_blt_dana_desa",
    ]
    static let personColumns = [
        "no_kk", "nik", "nama", "jenis_kelamin", "tempat_lahir", "tanggal_lahir", "shdk", "status_kawin", "pendidikan",
        "pekerjaan", "disabilitas", "status_hamil", "penyakit_kronis", "partisipasi_sekolah", "jaminan_kesehatan", "ibu_kandung", "kd_pbi",
    ]

    private let format: SynthFormat
    private let families: TableFile
    private let people: TableFile
    private let rows: PersonRows
    private var recorder: LayoutRecorder

    init(folder: URL, regency: String, format: SynthFormat, options: GeneratorOptions) throws {
        self.format = format
        families = try TableFile(folder: folder, baseName: "dtsen-keluarga-\(regency)", layout: .dtsen, table: "keluarga",
                                 format: format, columns: Self.familyColumns, columnWidths: [18, 14], partner: options.partnerColumns)
        people = try TableFile(folder: folder, baseName: "dtsen-individu-\(regency)", layout: .dtsen, table: "individu",
                               format: format, columns: Self.personColumns, columnWidths: [18, 18, 28], partner: options.partnerColumns)
        rows = PersonRows(rates: options.faultRates, columns: FaultColumns(
            nik: "nik", name: "nama", sex: "jenis_kelamin", birthDate: "tanggal_lahir", village: nil))
        recorder = LayoutRecorder(asOf: options.asOf)
    }

    func write(_ family: SynthFamily, village: VillageContext, random: inout SynthRandom) throws {
        let household = family.household
        let housing = household.housing
        let kk = household.kkNumber ?? ""
        let codes = Set(family.enrollments.map(\.program.code))
        try families.write([
            .text(kk), .text(village.code.compact), .text(village.province.name), .text(village.regency.name),
            .text(village.plan.kecamatan.name), .text(village.plan.region.name), .text(household.address ?? ""),
            .text(household.rt ?? ""), .text(household.rw ?? ""), .text(family.head.name), .number(family.members.count),
            household.desil.map { .number($0) } ?? .empty, .code(housing.buildingOwnership),
            housing.floorArea.map { .number($0) } ?? .empty, .code(housing.floor), .code(housing.wall), .code(housing.roof),
            .code(housing.drinkingWater), .code(housing.lighting), .code(housing.cookingFuel), .code(housing.defecationFacility),
            .code(housing.toiletType), .code(housing.sewageDisposal),
            Self.flag(codes.contains("PKH")), Self.flag(codes.contains("BPNT")), Self.flag(codes.contains("BLT-DD")),
        ])
        for code in ["PKH", "BPNT", "BLT-DD"] where codes.contains(code) { recorder.addProgrammeFlag(code, village: village) }
        let pbi = codes.contains("PBI-JK")
        let format = format
        let kept = try rows.write(family.members, to: people, recorder: &recorder, random: &random) { plan in
            let person = plan.person
            let date = plan.impossibleDate
                ? "31-02-\(person.birthDate?.year ?? 1990)"
                : person.birthDate.map { DateText.dayFirst($0, separator: "-") } ?? ""
            return [
                .text(kk), plan.nikCell(format: format), .text(person.name), .code(person.sex),
                .text(person.birthPlace ?? ""), .text(date), .code(person.relationship), .code(person.maritalStatus),
                .code(person.education), .text(person.occupation ?? ""), .number(person.disability?.code ?? 0),
                .number(person.pregnant ? 1 : 2), person.chronicIllness.map { .number($0) } ?? .empty,
                .code(person.schoolParticipation), .number(person.healthInsurance?.rawValue ?? 0), .text(person.motherName ?? ""),
                Self.flag(pbi),
            ]
        }
        if pbi { recorder.addProgrammeFlag("PBI-JK", count: kept.count, village: village) }
        recorder.add(household: household, keptMembers: kept, village: village)
    }

    /// A programme flag cell: 1 ya, 2 tidak.
    static func flag(_ received: Bool) -> Cell { .number(received ? 1 : 2) }

    func finish() throws -> (files: [Truth.File], recorder: LayoutRecorder) {
        try families.finish()
        try people.finish()
        return ([families.truth, people.truth], recorder)
    }
}
