import Foundation
import LumbungDomain
import LumbungSheets
import LumbungStore

/// Records the programme flags of a national file (`NationalProgrammeFlags`: PKH, BPNT/Sembako, BLT Dana Desa, PBI-JK
/// columns of P3KE, Regsosek and DTSEN rows) as enrolments in the national programmes, after the file's registry rows
/// are written, in the same transaction: the registry rows and their flags are committed together or not at all. A flag `YA` enrols the family (or person) — the same flag again changes
/// nothing —, a flag `TIDAK` ends its running enrolment of that programme (a newer release taking it away).
public struct NationalFlagsImport: Sendable {
    public let database: Database
    public let references: ImportReferences

    public static let layout = "penanda-program-nasional"

    public init(database: Database, references: ImportReferences) {
        self.database = database
        self.references = references
    }

    /// What the flags did.
    public struct Result: Sendable, Equatable {
        public var batchID = 0
        /// Flag cells read (`YA` or `TIDAK`).
        public var flags = 0
        public var enrolled: [String: Int] = [:]
        public var unchanged = 0
        /// Ended enrolments flagged again, or unmatched ones now matched.
        public var resumed = 0
        public var ended = 0
        public var unmatched = 0
        public var registeredProgrammes: [String] = []

        /// The report's line, in Bahasa Indonesia.
        public var note: String {
            let new = enrolled.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            return "Penanda program nasional (batch \(batchID)): \(flags) penanda dibaca; kepesertaan baru: \(new.isEmpty ? "tidak ada" : new); "
                + "tetap \(unchanged), diperbarui (aktif lagi atau kini cocok) \(resumed), berakhir (penanda TIDAK) \(ended), tidak ditemukan di registri \(unmatched)"
                + (registeredProgrammes.isEmpty ? "." : "; program yang didaftarkan: \(registeredProgrammes.joined(separator: ", ")).")
        }
    }

    /// A sheet with flag columns: its header, its identity columns and which column flags which programme.
    struct FlagSheet {
        let reader: any SheetReader
        let columns: BeneficiaryColumns
        let flags: [(column: Int, programme: NationalProgrammeFlags.Programme)]
    }

    /// The sheets of `readers` whose header (in the first 30 rows) has a flag column beside a NIK or No. KK.
    static func sheets(_ readers: [any SheetReader]) throws -> [FlagSheet] {
        var found: [FlagSheet] = []
        struct Stop: Error {}
        for reader in readers {
            var sheet: FlagSheet?
            do {
                try reader.forEachRow { row in
                    if row.number > 30 { throw Stop() }
                    let header = row.values.map(\.text)
                    let flags = header.enumerated().compactMap { index, cell in
                        NationalProgrammeFlags.columns[HeaderName.normalize(cell)].map { (index, $0) }
                    }
                    let columns = BeneficiaryColumns(headerRow: row.number, header: header)
                    guard !flags.isEmpty, columns.columns[.nik] != nil || columns.columns[.kkNumber] != nil else { return }
                    sheet = FlagSheet(reader: reader, columns: columns, flags: flags)
                    throw Stop()
                }
            } catch is Stop {}
            if let sheet { found.append(sheet) }
        }
        return found
    }

    /// The flags of a file, read: the rows to enrol and the rows whose flag ends an enrolment.
    public struct Flags: Sendable {
        let fileName: String
        let sha256: String
        let flags: Int
        let enrol: [BeneficiaryEntry]
        let end: [BeneficiaryEntry]
        let programmes: [NationalProgrammeFlags.Programme]
    }

    /// Reads the flags of `file` and records them in a transaction of their own; `nil` when it has no flag columns.
    public func run(_ file: URL, asOf: CalendarDate, scope: RegionCode?) async throws -> Result? {
        guard let flags = try read(file, asOf: asOf) else { return nil }
        return try await ProgrammeStore(database: database).inTransaction { transaction in try await write(flags, in: transaction, asOf: asOf, scope: scope) }
    }

    /// Reads the flag columns of `file` (no database needed); `nil` when it has none or no flag is set.
    public func read(_ file: URL, asOf: CalendarDate) throws -> Flags? {
        let sheets = try Self.sheets(TableScan.readers(for: file))
        guard !sheets.isEmpty else { return nil }
        var enrol: [BeneficiaryEntry] = [], end: [BeneficiaryEntry] = []
        var count = 0
        var used: [String: NationalProgrammeFlags.Programme] = [:]
        var number = 0
        for sheet in sheets {
            let parser = BeneficiaryRowParser(columns: sheet.columns, asOf: asOf, references: references)
            var ended = false
            try sheet.reader.forEachRow { row in
                guard row.number > sheet.columns.headerRow, !row.isBlank, !ended else { return }
                if FileScan.isEndMarker(row) { ended = true; return }
                // The registry import has reported rows it could not read; their flags are left out here.
                guard let entry = parser.parse(FileScan.withoutControlCharacters(row).0).entry else { return }
                // Two columns of one programme (P3KE's Penerima BPNT and Penerima Sembako): a YA in either enrols.
                var flags: [String: Bool] = [:]
                for (column, programme) in sheet.flags {
                    guard let flag = NationalProgrammeFlags.flag(row[column].text) else { continue }
                    count += 1
                    used[programme.code] = programme
                    flags[programme.code] = (flags[programme.code] ?? false) || flag
                }
                for (code, flag) in flags.sorted(by: { $0.key < $1.key }) {
                    number += 1
                    let named = BeneficiaryEntry(row: number, programme: ProgrammeCode(code), nik: entry.nik, kkNumber: entry.kkNumber,
                                                 name: entry.name, birthDate: entry.birthDate, address: entry.address, village: entry.village)
                    if flag { enrol.append(named) } else { end.append(named) }
                }
            }
        }
        guard count > 0 else { return nil }
        return Flags(fileName: file.lastPathComponent, sha256: try SHA256.of(file: file), flags: count, enrol: enrol, end: end,
                     programmes: used.values.sorted { $0.code < $1.code })
    }

    /// Records `flags` as one enrolment batch in `db`, inside the caller's transaction (the file's registry batch):
    /// the national programmes they name are registered, and the rows matched to the registry as it stands in it.
    public func write(_ flags: Flags, in transaction: BatchTransaction, asOf: CalendarDate, scope: RegionCode?) async throws -> Result {
        var result = Result()
        result.flags = flags.flags
        let store = ProgrammeStore(database: database)
        result.registeredProgrammes = try await store.registerNationalProgrammes(in: transaction, flags.programmes,
                                                                                 start: CalendarDate(year: asOf.year, month: 1, day: 1) ?? asOf)
        var info = EnrolmentListInfo(
            batch: ImportBatchInfo(layout: Self.layout, fileName: flags.fileName, sha256: flags.sha256, dryRun: false, asOf: asOf, scope: scope),
            programme: nil)
        info.refuseWhenNobodyMatches = false
        let toEnrol = flags.enrol, toEnd = flags.end
        let outcome = try await store.importEnrolments(in: transaction, info) { writer in
            var start = 0
            while start < toEnrol.count {
                let stop = min(start + BeneficiaryScan.rowsPerChunk, toEnrol.count)
                try await writer.add(Array(toEnrol[start..<stop]))
                start = stop
            }
            _ = try await writer.end(toEnd)
            return ([], BatchCounts(read: toEnrol.count + toEnd.count, warned: 0, rejected: 0))
        }
        result.batchID = outcome.batchID
        result.enrolled = outcome.insertedByProgramme
        result.unchanged = outcome.unchanged
        result.resumed = outcome.updated
        result.ended = outcome.ended
        result.unmatched = outcome.insertedByMatch[EnrolmentMatch.unmatched] ?? 0
        return result
    }
}
