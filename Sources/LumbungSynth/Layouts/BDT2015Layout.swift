import Foundation
import LumbungDomain
import LumbungSheets

/// A BDT-2015-style ART sheet (`bdt2015-<kab>`): one row per person with the household (ruta) columns repeated,
/// the region as BPS codes split over `KDPROP` (52), `KDKAB` (06), `KDKEC` (020) and `KDDESA` (007) — taken from
/// the shipped BPS↔Kemendagri crosswalk, so a desa the crosswalk does not know is left out — and a row of column
/// numbers (1, 2, 3 …) under the header. `Hub_KRT` in Regsosek's 8 codes, `JnsKel` 1/2, `Sta_kawin` 1–4,
/// `Jenis_cacat` in the PBDT 2015 list (0 tidak cacat … 12), `percentile` 1–100 for welfare (desil =
/// ⌈percentile/10⌉). About one family in five has `Umur` (completed years on the data date) and no `TglLahir`;
/// the others have both, dd/mm/yyyy.
final class BDT2015Layout: LayoutWriter {
    static let columns = [
        "IDBDT", "IDARTBDT", "KDPROP", "KDKAB", "KDKEC", "KDDESA", "NoKK", "NIK", "Nama", "JnsKel", "TmpLahir", "TglLahir",
        "Umur", "Hub_KRT", "Sta_kawin", "Jenis_cacat", "percentile",
    ]

    /// PBDT 2015 `Jenis_cacat` codes a kind is written as (a correct import maps each back to it): 1 tuna daksa/cacat
    /// tubuh; 2 tuna netra, 3 tuna rungu, 4 tuna wicara, 5 tuna rungu & wicara; 6 tuna netra & cacat tubuh and 12 cacat
    /// fisik & mental (ganda); 10 cacat mental retardasi (intelektual); 11 mantan penderita gangguan jiwa (mental). The
    /// list has no code for a disability of no stated kind: the generator never draws one.
    static let disabilityCodes: [DisabilityType: [Int]] = [
        .physical: [1], .sensory: [2, 3, 4, 5], .multiple: [6, 12], .intellectual: [10], .mental: [11],
    ]

    private let format: SynthFormat
    private let asOf: CalendarDate
    private let file: TableFile
    private let rows: PersonRows
    private var recorder: LayoutRecorder
    private let bpsCodes: [RegionCode: String]

    init(folder: URL, regency: String, format: SynthFormat, options: GeneratorOptions) throws {
        self.format = format
        asOf = options.asOf
        bpsCodes = try FieldSpelling.bpsVillageCodes()
        file = try TableFile(folder: folder, baseName: "bdt2015-\(regency)", layout: .bdt2015, table: "art",
                             format: format, columns: Self.columns, columnWidths: [16, 18, 7, 7, 7, 7, 18, 18, 28])
        try file.writeBelowHeader(Self.columns.indices.map { .number($0 + 1) })
        rows = PersonRows(rates: options.faultRates, columns: FaultColumns(
            nik: "NIK", name: "Nama", sex: "JnsKel", birthDate: "TglLahir", village: nil, kk: "NoKK"))
        recorder = LayoutRecorder(asOf: options.asOf)
    }

    func write(_ family: SynthFamily, village: VillageContext, random: inout SynthRandom) throws {
        guard let bps = bpsCodes[village.code], bps.count == 10 else { return }
        let digits = Array(bps)
        let place: [Cell] = [String(digits[0..<2]), String(digits[2..<4]), String(digits[4..<7]), String(digits[7..<10])].map { .text($0) }
        let idBDT = bps + String(format: "%05d", family.ordinal)
        let household = family.household
        let kk = household.kkNumber ?? ""
        let desil = family.desil
        let percentile = (desil - 1) * 10 + random.int(1...10)
        let ageOnly = random.chance(0.2)
        let asOf = asOf
        var member = 0
        let kept = try rows.write(family.members, to: file, recorder: &recorder, random: &random, styled: { plan, style in
            let person = plan.person
            member += 1
            let writeDate = !ageOnly || plan.impossibleDate || plan.fault == .birthDateMismatch
            let date = plan.impossibleDate ? "31/02/\(person.birthDate?.year ?? 1990)"
                : writeDate ? person.birthDate.map { DateText.dayFirst($0, separator: "/") } ?? "" : ""
            let cacat = person.disability.map { style.pick(Self.disabilityCodes[$0] ?? [0]) } ?? 0
            return [.text(idBDT), .text(idBDT + String(format: "%02d", member))] + place + [
                .text(kk), plan.nikCell(format: self.format), .text(person.name.uppercased()), .code(person.sex),
                .text((person.birthPlace ?? "").uppercased()), .text(date), person.age(on: asOf).map { .number($0) } ?? .empty,
                FieldSpelling.regsosekRelationship(person.relationship).map { .number($0) } ?? .empty, .code(person.maritalStatus),
                .number(cacat), .number(percentile),
            ]
        })
        // What a correct import gets: relationship through Regsosek's 8 codes, no housing, desil from the percentile;
        // people known only by their age count in the band of that age on the data date (their birth date stands for it).
        let visible = kept.map { person in
            Person(nik: person.nik, name: person.name.uppercased(), sex: person.sex, birthDate: person.birthDate,
                   birthPlace: person.birthPlace,
                   relationship: FieldSpelling.relationship(regsosek: FieldSpelling.regsosekRelationship(person.relationship), sex: person.sex),
                   maritalStatus: person.maritalStatus, disability: person.disability)
        }
        recorder.addFromPersonRows(household: Household(kkNumber: kk, sourceFamilyID: idBDT, villageCode: village.code,
                                                        headName: family.head.name, desil: (percentile + 9) / 10, housing: Housing()),
                                   keptMembers: visible, village: village)
    }

    func finish() throws -> (files: [Truth.File], recorder: LayoutRecorder) {
        try file.finish()
        return ([file.truth], recorder)
    }
}
