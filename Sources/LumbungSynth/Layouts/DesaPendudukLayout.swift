import Foundation
import LumbungDomain
import LumbungSheets

/// A village-system population export, one file per desa/kelurahan (`desa-penduduk-<kode desa>`, the 10-digit
/// Kemendagri code without dots): no region columns (the installation is the desa), only dusun, RW and RT; every
/// cell text; codes only (`sex` 1/2, `kk_level` SHDK, `cacat_id` the legacy list with 7 = tidak cacat, tanggal lahir
/// yyyy-mm-dd); `status_dasar` 1 hidup, 2 mati, 3 pindah, 4 hilang — the dead, moved and missing are listed with
/// their family but are not residents; a temporary NIK (`0` + kode desa + serial) where the NIK is missing; a `###`
/// row and instruction lines after the data. About one file in five comes from an older version: upper-case headers
/// (`NO_KK`, `KK_LEVEL`) and labels mixed with codes in one column (`sex` 1, 2, `L`, `LK`, `P`, `Pr`; `kk_level`
/// and `pendidikan_kk_id` also as `KEPALA KELUARGA`, `TAMAT SD/SEDERAJAT`).
final class DesaPendudukLayout: LayoutWriter {
    static let columns = [
        "alamat", "dusun", "rw", "rt", "nama", "no_kk", "nik", "sex", "tempatlahir", "tanggallahir", "agama_id",
        "pendidikan_kk_id", "pendidikan_sedang_id", "pekerjaan_id", "status_kawin", "kk_level", "warganegara_id", "ayah_nik",
        "nama_ayah", "ibu_nik", "nama_ibu", "golongan_darah_id", "cacat_id", "hamil", "status_dasar",
    ]

    /// The lines after the data.
    static let trailer = [
        "###",
        "Petunjuk: baris di bawah ### tidak diimpor.",
        "sex: 1 = laki-laki, 2 = perempuan; tanggallahir ditulis yyyy-mm-dd.",
        "kk_level: 1 kepala keluarga, 2 suami, 3 istri, 4 anak, 5 menantu, 6 cucu, 7 orang tua, 8 mertua, 9 famili lain, 10 pembantu, 11 lainnya.",
        "status_dasar: 1 hidup, 2 mati, 3 pindah, 4 hilang. cacat_id: 1 cacat fisik, 2 cacat netra/buta, 3 cacat rungu/wicara, 4 cacat mental/jiwa, 5 cacat fisik dan mental, 6 cacat lainnya, 7 tidak cacat.",
    ]

    private let folder: URL
    private let format: SynthFormat
    private let asOf: CalendarDate
    private let rates: FaultRates
    private var rows: PersonRows
    private var recorder: LayoutRecorder
    private var current: (code: RegionCode, file: TableFile)?
    /// Whether the current file comes from an older version of the system (upper-case headers, labels among codes).
    private var oldVersion = false
    private var truths: [Truth.File] = []
    private var nonResidents = NonResidents()
    private var temporarySerial = 0

    init(folder: URL, format: SynthFormat, options: GeneratorOptions) throws {
        self.folder = folder
        self.format = format
        asOf = options.asOf
        rates = options.faultRates
        rows = Self.rows(rates: options.faultRates, upper: false)
        recorder = LayoutRecorder(asOf: options.asOf)
    }

    /// The file of `village`, started at its first family (families come village by village).
    private func file(for village: VillageContext, random: inout SynthRandom) throws -> TableFile {
        if let current, current.code == village.code { return current.file }
        try close()
        let upper = random.chance(0.2)
        let file = try TableFile(folder: folder, baseName: "desa-penduduk-\(village.code.compact)", layout: .desaPenduduk,
                                 table: "penduduk", format: format, columns: upper ? Self.columns.map { $0.uppercased() } : Self.columns,
                                 columnWidths: [24, 16, 6, 6, 28, 18, 18])
        current = (village.code, file)
        oldVersion = upper
        rows = Self.rows(rates: rates, upper: upper)
        temporarySerial = 0
        return file
    }

    private static func rows(rates: FaultRates, upper: Bool) -> PersonRows {
        func name(_ column: String) -> String { upper ? column.uppercased() : column }
        return PersonRows(rates: rates, columns: FaultColumns(
            nik: name("nik"), name: name("nama"), sex: name("sex"), birthDate: name("tanggallahir"), village: nil, kk: name("no_kk")))
    }

    private func close() throws {
        guard let current else { return }
        try current.file.writeTrailer(Self.trailer.map { [.text($0)] })
        try current.file.finish()
        truths.append(current.file.truth)
        self.current = nil
    }

    func write(_ family: SynthFamily, village: VillageContext, random: inout SynthRandom) throws {
        let file = try file(for: village, random: &random)
        let household = family.household
        let kk = household.kkNumber ?? ""
        let dusun = (household.address ?? "").replacingOccurrences(of: "Dusun ", with: "")
        let religion = random.chance(0.93) ? 1 : random.pick([2, 3, 4, 5])
        let father = family.members.first { $0.relationship == .head && $0.sex == .male }
        let mother = family.members.first { $0.relationship == .wife } ?? family.members.first { $0.relationship == .head && $0.sex == .female }
        let villageCode = village.code.compact
        func row(_ person: Person, nik: String, birthDate: String, status statusCode: Int, style: inout SynthRandom) -> [Cell] {
            let child = person.relationship == .child
            let place: [String] = [household.address ?? "", dusun, household.rw ?? "", household.rt ?? ""]
            let old = self.oldVersion
            let sex: String = person.sex.map { old ? style.pick($0 == .male ? ["1", "L", "LK"] : ["2", "P", "Pr"]) : String($0.code) } ?? ""
            let who: [String] = [person.name.uppercased(), kk, nik, sex, (person.birthPlace ?? "").uppercased(), birthDate, String(religion)]
            let labelled = old && style.chance(0.5)
            let education: String = person.education.map { labelled ? $0.label.uppercased() : String($0.code) } ?? ""
            let marital: String = person.maritalStatus.map { String($0.code) } ?? ""
            let level: String = person.relationship.map { labelled ? $0.label.uppercased() : String($0.code) } ?? ""
            let status: [String] = [education, "", String(FieldSpelling.occupationCode(person.occupation)), marital, level, "1"]
            let fatherNIK: String = child ? father?.nik ?? "" : ""
            let fatherName: String = child ? father?.name.uppercased() ?? "" : ""
            let motherNIK: String = child ? mother?.nik ?? "" : ""
            let motherName: String = child ? mother?.name.uppercased() ?? "" : ""
            let blood: String = style.chance(0.8) ? "" : String(style.int(1...4))
            let cacat: String = person.disability == nil && style.chance(0.3) ? "" : String(FieldSpelling.legacyCacat(person.disability, random: &style))
            let parents: [String] = [fatherNIK, fatherName, motherNIK, motherName, blood, cacat, person.pregnant ? "1" : "0", String(statusCode)]
            return (place + who + status + parents).map { Cell.text($0) }
        }
        let kept = try rows.write(family.members, to: file, recorder: &recorder, random: &random, styled: { plan, style in
            let person = plan.person
            var nik = plan.nikText ?? person.nik ?? ""
            if person.nik == nil && plan.nikText == nil {
                // The village system's temporary NIK: 0, the kode desa, a serial.
                self.temporarySerial += 1
                let serial = String(self.temporarySerial)
                nik = "0" + villageCode + String(repeating: "0", count: max(0, 5 - serial.count)) + serial
            }
            let date = plan.impossibleDate ? "\(person.birthDate?.year ?? 1990)-02-31" : person.birthDate.map(DateText.iso) ?? ""
            return row(person, nik: nik, birthDate: date, status: 1, style: &style)
        })
        guard !kept.isEmpty else { return }
        if let former = nonResidents.draw(for: family, village: village, asOf: asOf, random: &random) {
            let status = switch former.status { case .dead: 2; case .movedDomestic, .movedAbroad: 3; case .missing: 4 }
            try file.write(row(former.person, nik: former.person.nik ?? "", birthDate: former.person.birthDate.map(DateText.iso) ?? "",
                               status: status, style: &random))
            file.countNonResident()
        }
        // A later release lists the members who died in the year, as village systems keep them.
        for person in family.deceased {
            try file.write(row(person, nik: person.nik ?? "", birthDate: person.birthDate.map(DateText.iso) ?? "", status: 2, style: &random))
            file.countNonResident()
        }
        // What a correct import keeps: residents only; no desil, no housing; disability through the legacy list.
        let visible = kept.map { person in
            Person(nik: person.nik, name: person.name.uppercased(), sex: person.sex, birthDate: person.birthDate,
                   birthPlace: person.birthPlace, relationship: person.relationship, maritalStatus: person.maritalStatus,
                   education: person.education, occupation: person.occupation,
                   disability: person.disability.map { $0 == .intellectual ? .mental : $0 }, pregnant: person.pregnant)
        }
        recorder.addFromPersonRows(household: Household(kkNumber: kk, villageCode: village.code, headName: family.head.name,
                                                        address: household.address, rt: household.rt, rw: household.rw,
                                                        desil: nil, housing: Housing()),
                                   keptMembers: visible, village: village)
    }

    func finish() throws -> (files: [Truth.File], recorder: LayoutRecorder) {
        try close()
        return (truths, recorder)
    }
}
