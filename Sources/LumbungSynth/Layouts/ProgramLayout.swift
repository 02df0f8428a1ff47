import Foundation
import LumbungDomain
import LumbungSheets

/// Programme enrolments (`penerima-program`): one row per family (through its head) or, for PBI-JK,
/// per person, naming the programme, the agency and the kind of aid.
final class ProgramLayout: LayoutWriter {
    static let columns = ["NIK", "NOKK", "NAMA", "KODE PROGRAM", "NAMA PROGRAM", "LEMBAGA", "JENIS BANTUAN", "TAHUN", "KODE DESA"]

    private let file: TableFile
    private let year: Int
    private let asOf: CalendarDate

    init(folder: URL, regency: String, format: SynthFormat, options: GeneratorOptions) throws {
        file = try TableFile(folder: folder, baseName: "penerima-program-\(regency)", layout: .programs, table: "program",
                             format: format, columns: Self.columns, columnWidths: [18, 18, 28, 16, 36, 30, 14, 8, 14])
        year = options.asOf.year
        asOf = options.asOf
    }

    func write(_ family: SynthFamily, village: VillageContext, random: inout SynthRandom) throws {
        for enrollment in family.enrollments {
            let person = family.members[enrollment.memberIndex]
            let program = enrollment.program
            try file.write([
                .text(person.nik ?? ""), .text(family.household.kkNumber ?? ""), .text(person.name), .text(program.code),
                .text(program.name), .text(program.agency), .text(program.kind), .number(year), .text(village.code.compact),
            ])
        }
    }

    func finish() throws -> (files: [Truth.File], recorder: LayoutRecorder) {
        try file.finish()
        return ([file.truth], LayoutRecorder(asOf: asOf))
    }
}
