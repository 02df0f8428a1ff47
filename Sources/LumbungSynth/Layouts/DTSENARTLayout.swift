import Foundation
import LumbungDomain
import LumbungSheets

/// A DTKS/DTSEN "ART" extract (`dtsen-art-<kab>`): one row per person, the family's columns (No. KK, kode desa,
/// address, desil, housing) repeated on every member's row, and no family file. The header spellings of real
/// extracts (`NO.KK`, `nomor_nik`, `Nama Penduduk`, `Desa/Kel`); the Kemendagri village code with dots on some
/// rows and without on others; SHDK, status kawin, pendidikan and housing as Dukcapil/Regsosek codes or as labels
/// in mixed case ('Famili Lain', 'DIPLOMA IV/STRATA I', 'Kayu/papan'); disability as a UU 8/2016 kind in its usual
/// spellings; dates dd-mm-yyyy (a date cell in XLSX).
final class DTSENARTLayout: LayoutWriter {
    static let columns = [
        "No", "NO.KK", "nomor_nik", "Nama Penduduk", "Jenis Kelamin", "Tempat Lahir", "Tanggal Lahir", "SHDK", "Status Kawin",
        "Pendidikan", "Pekerjaan", "Disabilitas", "Kode Desa", "Kecamatan", "Desa/Kel", "Alamat", "RT", "RW", "Desil",
        "Status Kepemilikan Rumah", "Luas Lantai", "Jenis Lantai", "Jenis Dinding", "Jenis Atap", "Sumber Air Minum",
        "Sumber Penerangan", "Bahan Bakar Memasak", "Fasilitas BAB",
    ]

    private let format: SynthFormat
    private let file: TableFile
    private let rows: PersonRows
    private var recorder: LayoutRecorder
    private var number = 0

    init(folder: URL, regency: String, format: SynthFormat, options: GeneratorOptions) throws {
        self.format = format
        file = try TableFile(folder: folder, baseName: "dtsen-art-\(regency)", layout: .dtsenART, table: "art",
                             format: format, columns: Self.columns, columnWidths: [6, 18, 18, 28])
        rows = PersonRows(rates: options.faultRates, columns: FaultColumns(
            nik: "nomor_nik", name: "Nama Penduduk", sex: "Jenis Kelamin", birthDate: "Tanggal Lahir", village: nil, kk: "NO.KK"))
        recorder = LayoutRecorder(asOf: options.asOf)
    }

    func write(_ family: SynthFamily, village: VillageContext, random: inout SynthRandom) throws {
        let household = family.household
        let housing = household.housing
        let kk = household.kkNumber ?? ""
        let format = format
        let kecamatan = village.plan.kecamatan.name.uppercased()
        let desa = village.plan.region.name.uppercased()
        let kept = try rows.write(family.members, to: file, recorder: &recorder, random: &random, styled: { plan, style in
            let person = plan.person
            self.number += 1
            let date: Cell
            if plan.impossibleDate {
                date = .text("31-02-\(person.birthDate?.year ?? 1990)")
            } else if let birthDate = person.birthDate {
                let text = DateText.dayFirst(birthDate, separator: "-")
                date = format.isWorkbook ? .date(birthDate, text: text) : .text(text)
            } else {
                date = .empty
            }
            let code = style.chance(0.5) ? village.code.compact : village.code.dotted
            return [
                .number(self.number), .text(kk), plan.nikCell(format: format), .text(person.name.uppercased()),
                FieldSpelling.sex(person.sex, random: &style), .text((person.birthPlace ?? "").uppercased()), date,
                FieldSpelling.codeOrLabel(person.relationship, random: &style),
                FieldSpelling.codeOrLabel(person.maritalStatus, random: &style),
                FieldSpelling.codeOrLabel(person.education, codeShare: 0.2, random: &style),
                .text((person.occupation ?? "").uppercased()), .text(FieldSpelling.disability(person.disability, random: &style)),
                .text(code), .text(kecamatan), .text(desa), .text(household.address ?? ""), .text(household.rt ?? ""),
                .text(household.rw ?? ""), household.desil.map { .number($0) } ?? .empty,
                FieldSpelling.codeOrLabel(housing.buildingOwnership, codeShare: 0.25, random: &style),
                housing.floorArea.map { .number($0) } ?? .empty,
                FieldSpelling.codeOrLabel(housing.floor, codeShare: 0.25, random: &style),
                FieldSpelling.codeOrLabel(housing.wall, codeShare: 0.25, random: &style),
                FieldSpelling.codeOrLabel(housing.roof, codeShare: 0.25, random: &style),
                FieldSpelling.codeOrLabel(housing.drinkingWater, codeShare: 0.25, random: &style),
                FieldSpelling.codeOrLabel(housing.lighting, codeShare: 0.25, random: &style),
                FieldSpelling.codeOrLabel(housing.cookingFuel, codeShare: 0.25, random: &style),
                FieldSpelling.codeOrLabel(housing.defecationFacility, codeShare: 0.25, random: &style),
            ]
        })
        // What a correct import builds from the rows: the family from its members' rows (none kept, no family),
        // people without pregnancy, illness, schooling or insurance (the extract has none of them).
        let visible = kept.map { person in
            Person(nik: person.nik, name: person.name, sex: person.sex, birthDate: person.birthDate, birthPlace: person.birthPlace,
                   relationship: person.relationship, maritalStatus: person.maritalStatus, education: person.education,
                   occupation: person.occupation, disability: person.disability)
        }
        let seen = Household(
            kkNumber: kk, villageCode: village.code, headName: family.head.name, address: household.address, rt: household.rt,
            rw: household.rw, desil: household.desil,
            housing: Housing(buildingOwnership: housing.buildingOwnership, floorArea: housing.floorArea, floor: housing.floor,
                             wall: housing.wall, roof: housing.roof, drinkingWater: housing.drinkingWater, lighting: housing.lighting,
                             cookingFuel: housing.cookingFuel, defecationFacility: housing.defecationFacility))
        recorder.addFromPersonRows(household: seen, keptMembers: visible, village: village)
    }

    func finish() throws -> (files: [Truth.File], recorder: LayoutRecorder) {
        try file.finish()
        return ([file.truth], recorder)
    }
}
