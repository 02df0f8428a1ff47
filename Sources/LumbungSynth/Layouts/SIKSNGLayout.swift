import Foundation
import LumbungDomain
import LumbungSheets

/// SIKS-NG usulan (proposal) lists: the people of families the village proposes for a programme,
/// in the columns of the SIKS-NG upload template, region *names* in capitals, dates dd/mm/yyyy,
/// `;`-separated as Excel saves CSV in an Indonesian locale.
///
/// Proposed are poor families (desil 1–4) that no national programme reaches yet, and a few better-off
/// families (proposals are not always right).
final class SIKSNGLayout: LayoutWriter {
    static let columns = [
        "NIK", "PROGRAM BANSOS", "NOKK", "NAMA", "TEMPAT LAHIR", "TANGGAL LAHIR (31/01/2000)", "IBU KANDUNG", "JENIS KELAMIN",
        "JENIS PEKERJAAN", "STATUS KAWIN", "ALAMAT", "RT", "RW", "PROVINSI", "KABUPATEN", "KECAMATAN", "KELURAHAN",
    ]

    private let format: SynthFormat
    private let file: TableFile
    private let rows: PersonRows
    private var recorder: LayoutRecorder
    private let tree: RegionTree

    init(folder: URL, regency: String, format: SynthFormat, options: GeneratorOptions, tree: RegionTree) throws {
        self.format = format
        self.tree = tree
        file = try TableFile(folder: folder, baseName: "siksng-usulan-\(regency)", layout: .siksng, table: "usulan",
                             format: format, columns: Self.columns, delimiter: ";", columnWidths: [18, 10, 18, 28])
        rows = PersonRows(rates: options.faultRates, columns: FaultColumns(
            nik: "NIK", name: "NAMA", sex: "JENIS KELAMIN", birthDate: "TANGGAL LAHIR (31/01/2000)", village: "KELURAHAN"))
        recorder = LayoutRecorder(asOf: options.asOf)
    }

    func write(_ family: SynthFamily, village: VillageContext, random: inout SynthRandom) throws {
        let programs = Set(family.enrollments.map(\.program.code))
        let reached = programs.contains("PKH") || programs.contains("BPNT")
        let proposed = family.desil <= 4 ? !reached && random.chance(0.5) : family.desil >= 6 && random.chance(0.01)
        guard proposed else { return }
        let program = family.members.count >= 3 ? "PKH" : random.chance(0.7) ? "BPNT" : "PBI"
        let kk = family.household.kkNumber ?? ""
        let household = family.household
        let villageName = village.plan.region.name.uppercased()
        let wrongVillage = unknownVillageName(for: village)
        let format = format
        let kept = try rows.write(family.members, to: file, recorder: &recorder, random: &random) { plan in
            let person = plan.person
            let date = plan.impossibleDate
                ? "31/02/\(person.birthDate?.year ?? 1990)"
                : person.birthDate.map { DateText.dayFirst($0, separator: "/") } ?? ""
            return [
                plan.nikCell(format: format), .text(program), .text(kk), .text(person.name), .text((person.birthPlace ?? "").uppercased()),
                .text(date), .text(person.motherName?.uppercased() ?? ""), .text(person.sex?.label.uppercased() ?? ""),
                .text(person.occupation?.uppercased() ?? ""), .text(person.maritalStatus?.label.uppercased() ?? ""),
                .text(household.address?.uppercased() ?? ""), .text(household.rt ?? ""), .text(household.rw ?? ""),
                .text(village.province.name.uppercased()), .text(village.regencyBareName),
                .text(village.plan.kecamatan.name.uppercased()), .text(plan.unknownVillage ? wrongVillage : villageName),
            ]
        }
        guard !kept.isEmpty else { return }
        // A usulan import knows the family only through its members: no desil, no housing, no SHDK.
        let visible = kept.map { person in
            Person(nik: person.nik, name: person.name, sex: person.sex, birthDate: person.birthDate, birthPlace: person.birthPlace,
                   relationship: nil, maritalStatus: person.maritalStatus, occupation: person.occupation, motherName: person.motherName)
        }
        recorder.add(household: Household(kkNumber: kk, villageCode: village.code, address: household.address,
                                          rt: household.rt, rw: household.rw, desil: nil, housing: Housing()),
                     keptMembers: visible, village: village)
    }

    /// A desa name that does not exist in the village's kecamatan.
    private func unknownVillageName(for village: VillageContext) -> String {
        let siblings = Set(tree.children(of: village.plan.kecamatan.code).map { RegionNameKey($0.name).core })
        var name = village.plan.region.name.uppercased() + " PERMAI"
        while siblings.contains(RegionNameKey(name).core) { name += " BARU" }
        return name
    }

    func finish() throws -> (files: [Truth.File], recorder: LayoutRecorder) {
        try file.finish()
        return ([file.truth], recorder)
    }
}
