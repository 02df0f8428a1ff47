import Foundation
import LumbungDomain
import SQLKit

/// What a beneficiary list is for and who brings it.
public struct EnrolmentListInfo: Sendable {
    public let batch: ImportBatchInfo
    /// The programme of rows that name none (a list of one programme).
    public let programme: ProgrammeCode?
    /// The importing partner's organisation: rows of other organisations' programmes are refused. `nil`: anyone's.
    public let owner: String?
    /// Registers programmes (and their organisations) that a list of several programmes names and that are not
    /// registered yet, from the list's own columns — the command line's convenience for the generator's files.
    public let registerListedProgrammes: Bool
    /// The programme a participant workbook describes: registered, or changed if `programme` is registered already,
    /// in the list's transaction — run by `owner`, else by the organisation the description names.
    public let described: ProgrammeDescription?
    /// Who imports, for the audit events of a programme the list registers or changes.
    public let actor: AuditActor
    /// Refuse the whole list when none of its rows matches the registry (`EnrolmentListError.matchesNobody`). A
    /// registry file's own flags are kept as unmatched enrolments instead: refusing them would refuse the file's rows too.
    public var refuseWhenNobodyMatches = true

    public init(batch: ImportBatchInfo, programme: ProgrammeCode?, owner: String? = nil, registerListedProgrammes: Bool = false,
                described: ProgrammeDescription? = nil, actor: AuditActor = .commandLine) {
        self.batch = batch
        self.programme = programme
        self.owner = owner
        self.registerListedProgrammes = registerListedProgrammes
        self.described = described
        self.actor = actor
    }
}

/// Why a whole beneficiary list is refused; nothing of it is kept.
public enum EnrolmentListError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not one row matched a family or person of the registry: the wrong file, or the registry not imported yet.
    case matchesNobody(file: String, rows: Int)
    /// The list's programme is not registered.
    case programmeUnknown(String)
    /// The partner's organisation does not run the list's programme.
    case notYourProgramme(code: String, organisation: String)
    /// The list's programme is closed.
    case programmeClosed(String)
    /// A workbook's programme names no organisation and no organisation imports it.
    case organisationMissing(code: String)
    /// The organisation a workbook's programme names is not registered.
    case organisationUnknown(String)
    /// The programme a workbook describes cannot be saved.
    case programmeInvalid(code: String, problems: [ProgrammeProblem])

    public var description: String {
        switch self {
        case .matchesNobody(let file, let rows):
            "\(file): none of its \(rows) rows matches a person or family of the registry (by NIK, No. KK or name and birth date in the desa): is it the right file, and is the registry of its region imported? Nothing was kept."
        case .programmeUnknown(let code): "no programme \(code) is registered: add it with `lumbung programme add` first. Nothing was kept."
        case .notYourProgramme(let code, let organisation): "the programme \(code) is not run by \(organisation). Nothing was kept."
        case .programmeClosed(let code): "the programme \(code) is closed and takes no more lists. Nothing was kept."
        case .organisationMissing(let code):
            "the programme \(code) names no organisation (Lembaga): add that row to its sheet, or import with --organisation NAME. Nothing was kept."
        case .organisationUnknown(let name): "no organisation '\(name)' is registered: add it with `lumbung organisation add` first. Nothing was kept."
        case .programmeInvalid(let code, let problems):
            "the programme \(code) cannot be saved: " + problems.map(\.description).joined(separator: " ") + " Nothing was kept."
        }
    }

    public var indonesianDescription: String {
        switch self {
        case .matchesNobody(let file, let rows):
            "\(file): tidak satu pun dari \(rows) barisnya cocok dengan orang atau keluarga di registri (lewat NIK, No. KK, atau nama dan tanggal lahir di desanya). Periksa apakah berkasnya benar dan registri wilayahnya sudah diimpor. Tidak ada yang disimpan."
        case .programmeUnknown(let code): "Program \(code) belum terdaftar: daftarkan dulu di halaman Program. Tidak ada yang disimpan."
        case .notYourProgramme(let code, let organisation): "Program \(code) bukan program \(organisation); daftar penerimanya hanya dapat diunggah oleh organisasinya. Tidak ada yang disimpan."
        case .programmeClosed(let code): "Program \(code) sudah ditutup dan tidak menerima daftar penerima baru. Tidak ada yang disimpan."
        case .organisationMissing(let code):
            "Program \(code) tidak menyebut lembaga pelaksananya: tambahkan baris Lembaga di lembar programnya. Tidak ada yang disimpan."
        case .organisationUnknown(let name): "Organisasi '\(name)' belum terdaftar: daftarkan dulu di halaman Program. Tidak ada yang disimpan."
        case .programmeInvalid(let code, let problems):
            "Program \(code) tidak dapat disimpan: " + problems.map(\.indonesianDescription).joined(separator: " ") + " Tidak ada yang disimpan."
        }
    }
}

extension ProgrammeStore {
    /// Writes one beneficiary list as one batch in one transaction: `body` feeds its rows in chunks and returns the
    /// reader's issues and counts. Every row is matched to the registry (NIK, then No. KK, then name + birth date in
    /// the desa), kept as an enrolment (unmatched ones too), and a row whose enrolment is stored already changes
    /// nothing. A list that matches nobody is refused whole (`EnrolmentListError.matchesNobody`).
    public func importEnrolments(
        _ info: EnrolmentListInfo, _ body: @escaping @Sendable (EnrolmentWriter) async throws -> (issues: [StoredIssue], counts: BatchCounts)
    ) async throws -> EnrolmentOutcome {
        do {
            return try await database.transaction { db in
                let outcome = try await importEnrolments(in: db, info, body)
                if info.batch.dryRun { throw DryRunDone(outcome: outcome) }
                return outcome
            }
        } catch let done as DryRunDone {
            return done.outcome
        }
    }

    /// As `importEnrolments(_:_:)`, inside a transaction the caller runs (a registry file's batch and its programme
    /// flags, committed together): the batch is written to `db` and nothing is committed or rolled back here.
    public func importEnrolments(
        in transaction: BatchTransaction, _ info: EnrolmentListInfo,
        _ body: @escaping @Sendable (EnrolmentWriter) async throws -> (issues: [StoredIssue], counts: BatchCounts)
    ) async throws -> EnrolmentOutcome {
        try await importEnrolments(in: transaction.db, info, body)
    }

    func importEnrolments(
        in db: any SQLDatabase, _ info: EnrolmentListInfo,
        _ body: @escaping @Sendable (EnrolmentWriter) async throws -> (issues: [StoredIssue], counts: BatchCounts)
    ) async throws -> EnrolmentOutcome {
        let writer = try await EnrolmentWriter(db: db, dialect: dialect, info: info, store: self)
        let (issues, counts) = try await body(writer)
        return try await writer.finish(issues: issues, counts: counts)
    }

    private struct DryRunDone: Error {
        let outcome: EnrolmentOutcome
    }
}

/// Matches and writes the rows of one beneficiary list inside its batch's transaction.
public final class EnrolmentWriter: @unchecked Sendable {
    let db: any SQLDatabase
    let dialect: SchemaDialect
    let info: EnrolmentListInfo
    let store: ProgrammeStore
    public let batchID: Int
    private var programmes: [String: ProgrammeRecord] = [:]
    private var seen: [String: Int] = [:]
    /// Rows of this list by `programme id|family or person|period`: two keys of one family in one list are one enrolment.
    private var seenUnits: [String: Int] = [:]
    private(set) var outcome = EnrolmentOutcome()
    /// Refused rows by row number, for the rejects file.
    public private(set) var refusedRows: [Int: ImportIssue] = [:]
    private var rows = 0
    /// Rows of this list matched to the registry (new, updated or unchanged enrolments).
    private var rowsMatched = 0
    /// The desa of the families this list enrolled: their stored coverage is counted again when it ends.
    private var touchedVillages = Set<String>()

    init(db: any SQLDatabase, dialect: SchemaDialect, info: EnrolmentListInfo, store: ProgrammeStore) async throws {
        self.db = db
        self.dialect = dialect
        self.info = info
        self.store = store
        var registered: (code: String, new: Bool)?
        if let described = info.described {
            registered = try await Self.register(described, db: db, dialect: dialect, info: info, store: store)
        }
        for record in try await store.fetchProgrammes(db) { programmes[record.programme.code.value] = record }
        if let code = info.programme {
            guard let record = programmes[code.value] else { throw EnrolmentListError.programmeUnknown(code.value) }
            if let owner = info.owner, record.organisation.name.lowercased() != owner.lowercased() {
                throw EnrolmentListError.notYourProgramme(code: code.value, organisation: owner)
            }
            if record.programme.closedOn != nil { throw EnrolmentListError.programmeClosed(code.value) }
        }
        let batch = info.batch
        guard let row = try await db.raw("""
            INSERT INTO import_batch (layout, file_name, sha256, dry_run, status, as_of, region_scope)
            VALUES (\(bind: batch.layout), \(bind: batch.fileName), \(bind: batch.sha256), \(bind: batch.dryRun), 'running', \(bind: batch.asOf.description),
                    \(bind: batch.scope?.dotted))
            RETURNING id
            """).first() else { throw StoreError.queryFailed(reason: "the new import batch has no id") }
        batchID = try row.decode(column: "id", as: Int.self)
        if let (code, new) = registered {
            if new { outcome.registeredProgrammes.append(code) } else { outcome.changedProgrammes.append(code) }
        }
    }

    /// Registers the programme a workbook describes, or changes the registered one of its code: run by the importing
    /// partner's organisation (else the one the sheet names), never another organisation's programme.
    /// The programme's code and whether it is new; `nil` when the registered programme is as described.
    private static func register(_ described: ProgrammeDescription, db: any SQLDatabase, dialect: SchemaDialect, info: EnrolmentListInfo,
                                 store: ProgrammeStore) async throws -> (code: String, new: Bool)? {
        let code = described.code.value
        if let owner = info.owner, let named = described.organisation, named.lowercased() != owner.lowercased() {
            throw EnrolmentListError.notYourProgramme(code: code, organisation: owner)
        }
        guard let name = info.owner ?? described.organisation else { throw EnrolmentListError.organisationMissing(code: code) }
        var organisation: Organisation
        if let row = try await db.raw("SELECT \(unsafeRaw: ProgrammeStore.organisationColumns) FROM organisation o WHERE lower(o.name) = lower(\(bind: name))").first() {
            organisation = try ProgrammeStore.organisation(row)
        } else if info.owner == nil, info.registerListedProgrammes {
            organisation = try await ProgrammeStore.insertOrganisation(db, name: name, kind: .guess(fromName: name), region: nil, engine: dialect.engine, actor: info.actor)
        } else {
            throw EnrolmentListError.organisationUnknown(name)
        }
        let existing = try await store.fetchProgrammes(db, code: described.code).first
        if let existing, existing.organisation.id != organisation.id {
            throw EnrolmentListError.notYourProgramme(code: code, organisation: organisation.name)
        }
        let region = try info.batch.scope ?? organisation.region ?? RegionCode("52")
        let programme = described.programme(organisationID: organisation.id ?? 0, existing: existing?.programme, defaultRegion: region)
        let problems = programme.problems()
        guard problems.isEmpty else { throw EnrolmentListError.programmeInvalid(code: code, problems: problems) }
        do {
            if let existing {
                guard programme != existing.programme else { return nil }
                try await ProgrammeStore.change(db, programme, dialect: dialect, actor: info.actor)
                return (code, false)
            } else {
                _ = try await ProgrammeStore.insert(db, programme, dialect: dialect, actor: info.actor)
                return (code, true)
            }
        } catch let problem as ProgrammeProblem {
            throw EnrolmentListError.programmeInvalid(code: code, problems: [problem])
        }
    }

    /// A registry person or family a row was matched to.
    struct Found {
        let regency: String
        let household: Int
        let person: Int?
        let village: String
    }

    private func refuse(_ entry: BeneficiaryEntry, code: String, message: String, column: String? = nil) {
        let issue = ImportIssue(row: entry.row, column: column, value: nil, severity: .error, code: code, message: message)
        outcome.refused.append(issue)
        refusedRows[entry.row] = issue
    }

    private func warn(_ entry: BeneficiaryEntry, code: String, message: String) {
        outcome.warnings.append(ImportIssue(row: entry.row, column: nil, value: nil, severity: .warning, code: code, message: message))
    }

    /// The programme of a row: its own, else the list's; registered from the list's columns when allowed.
    private func programme(of entry: BeneficiaryEntry) async throws -> ProgrammeRecord? {
        guard let code = entry.programme ?? info.programme else {
            refuse(entry, code: "programme_missing", message: "Baris ini tidak menyebut program, dan impor tidak diberi program.")
            return nil
        }
        if let record = programmes[code.value] { return check(record, entry) }
        guard info.registerListedProgrammes, let listed = entry.listed, let sector = listed.sector,
              !listed.name.isEmpty, !listed.organisation.isEmpty, let region = info.batch.scope ?? entry.village?.province ?? (try? RegionCode("52")) else {
            refuse(entry, code: "programme_unknown", message: "Program \(code.value) belum terdaftar: daftarkan dulu di halaman Program, lalu impor lagi.")
            return nil
        }
        let organisationID: Int
        if let row = try await db.raw("SELECT id FROM organisation WHERE lower(name) = lower(\(bind: listed.organisation))").first() {
            organisationID = try row.decode(column: "id", as: Int.self)
        } else {
            organisationID = try await ProgrammeStore.insertOrganisation(db, name: listed.organisation, kind: .guess(fromName: listed.organisation),
                                                                         region: nil, engine: dialect.engine, actor: .commandLine).id ?? 0
        }
        let year = Int(entry.period.prefix(4)).flatMap { (1900...2200).contains($0) ? $0 : nil } ?? info.batch.asOf.year
        let programme = Programme(
            code: code, name: listed.name, organisationID: organisationID, sectors: [sector], unit: sector == .health ? .person : .family,
            start: CalendarDate(year: year, month: 1, day: 1) ?? info.batch.asOf, targetRegions: [region],
            eligibility: "Didaftarkan dari daftar penerima \(info.batch.fileName).")
        _ = try await ProgrammeStore.insert(db, programme, dialect: dialect, actor: .commandLine)
        guard let record = try await store.fetchProgrammes(db, code: code).first else { return nil }
        programmes[code.value] = record
        outcome.registeredProgrammes.append(code.value)
        return check(record, entry)
    }

    private func check(_ record: ProgrammeRecord, _ entry: BeneficiaryEntry) -> ProgrammeRecord? {
        if let owner = info.owner, record.organisation.name.lowercased() != owner.lowercased() {
            refuse(entry, code: "programme_not_yours", message: "Program \(record.programme.code.value) bukan program \(owner); baris ini tidak dapat diimpor oleh organisasi Anda.")
            return nil
        }
        if let closed = record.programme.closedOn, (entry.receivedOn.map { $0 > closed } ?? true) {
            refuse(entry, code: "programme_closed", message: "Program \(record.programme.code.value) ditutup pada \(closed); baris ini tidak diterima.")
            return nil
        }
        return record
    }

    /// Matches and writes a chunk of rows.
    public func add(_ entries: [BeneficiaryEntry]) async throws {
        rows += entries.count
        var pending: [(BeneficiaryEntry, ProgrammeRecord)] = []
        for entry in entries {
            if let record = try await programme(of: entry) { pending.append((entry, record)) }
        }
        let found = try await match(pending.map(\.0))
        // Keys of the chunk, and which of them are stored already.
        var keyed: [(entry: BeneficiaryEntry, record: ProgrammeRecord, key: String, found: (Found, EnrolmentMatch)?)] = []
        for (entry, record) in pending {
            guard let key = entry.enrolmentKey(unit: record.programme.unit) else {
                refuse(entry, code: "nobody_named", message: "Baris ini tidak menyebut NIK, No. KK, maupun nama: tidak ada yang dapat didaftarkan.")
                continue
            }
            keyed.append((entry, record, key, found[entry.row]))
        }
        var stored: [String: (id: Int, matched: Bool, ended: Bool, participant: String?)] = [:]
        // The same enrolments by programme and key, any period: a row without a period continues one with a period.
        var storedByKey: [String: [StoredEnrolment]] = [:]
        let keysByProgramme = Dictionary(grouping: keyed, by: { $0.record.programme.id ?? 0 }).mapValues { Array(Set($0.map(\.key))) }
        for (programmeID, keys) in keysByProgramme {
            for slice in keys.chunked(400) {
                for row in try await db.raw("""
                    SELECT id, programme_id, enrolment_key, period, match_kind, amount, CAST(received_on AS TEXT) AS received_on,
                      CAST(ended_on AS TEXT) AS ended_on, participant_number FROM enrolment
                    WHERE programme_id = \(bind: programmeID) AND enrolment_key IN (\(binds: Array(slice))) ORDER BY id
                    """).all() {
                    let id = try row.decode(column: "programme_id", as: Int.self)
                    let key = "\(id)|\(try row.decode(column: "enrolment_key", as: String.self))"
                    let enrolment = try StoredEnrolment(row)
                    stored[key + "|" + enrolment.period] = (enrolment.id, try row.decode(column: "match_kind", as: String.self) != EnrolmentMatch.unmatched.rawValue,
                                                            enrolment.ended, enrolment.participantNumber)
                    storedByKey[key, default: []].append(enrolment)
                }
            }
        }
        let byUnit = try await storedByUnit(keyed.map { ($0.record.programme, $0.found?.0) })
        var inserts: [[any Encodable & Sendable]] = []
        for item in keyed {
            let entry = item.entry, programme = item.record.programme
            let name = "\(programme.id ?? 0)|\(item.key)|\(entry.period)"
            if let first = seen[name] {
                outcome.merged += 1
                outcome.warnings.append(.duplicateInFile(row: entry.row, keptRow: first))
                continue
            }
            seen[name] = entry.row
            if let (found, how) = item.found {
                if let scope = info.batch.scope, let village = try? RegionCode(found.village), !scope.contains(village) {
                    refuse(entry, code: "out_of_scope", message: "Orang/keluarga ini tinggal di desa \(found.village), di luar wilayah kerja Anda (\(scope.dotted)).")
                    seen[name] = nil
                    continue
                }
                if let unit = Self.unit(found, of: programme) {
                    let unitName = "\(programme.id ?? 0)|\(unit)|\(entry.period)"
                    if let first = seenUnits[unitName] {
                        // Another row of this list named the same family (person) by another key.
                        rowsMatched += 1
                        outcome.merged += 1
                        outcome.warnings.append(.duplicateInFile(row: entry.row, keptRow: first))
                        continue
                    }
                    seenUnits[unitName] = entry.row
                }
                rowsMatched += 1
                if how == .nameAndBirthDate {
                    warn(entry, code: "weak_match", message: "Dicocokkan dengan registri hanya lewat nama dan tanggal lahir di desa \(found.village) (kecocokan lemah): periksa NIK-nya.")
                }
                if let village = try? RegionCode(found.village), !programme.targets(village) {
                    warn(entry, code: "outside_programme_regions",
                         message: "Keluarga ini tinggal di desa \(found.village), di luar wilayah sasaran program \(programme.code.value) (\(programme.targetRegions.map(\.dotted).joined(separator: ", "))).")
                }
            } else {
                warn(entry, code: "not_in_registry", message: "Tidak ditemukan di registri (NIK, No. KK, atau nama dan tanggal lahir di desa): disimpan sebagai peserta yang belum cocok.")
            }
            if let received = entry.receivedOn, received < programme.start || (programme.end.map { received > $0 } ?? false) {
                warn(entry, code: "outside_programme_period",
                     message: "Tanggal terima \(received) di luar periode program \(programme.code.value) (\(programme.start) s.d. \(programme.end?.description ?? "—")).")
            }
            if let existing = stored[name] {
                if existing.ended {
                    // Flagged again after it ended: it runs again.
                    try await db.raw("UPDATE enrolment SET ended_on = NULL, batch_id = \(bind: batchID) WHERE id = \(bind: existing.id)").run()
                    outcome.updated += 1
                    if let village = item.found?.0.village { touchedVillages.insert(village) }
                } else if !existing.matched, let (found, how) = item.found {
                    try await db.raw("""
                        UPDATE enrolment SET match_kind = \(bind: how.rawValue), regency_code = \(bind: found.regency), village_code = \(bind: found.village),
                          household_id = \(bind: found.household), person_id = \(bind: found.person), batch_id = \(bind: batchID)
                        WHERE id = \(bind: existing.id)
                        """).run()
                    outcome.updated += 1
                    touchedVillages.insert(found.village)
                } else if let participant = entry.participantNumber, existing.participant == nil {
                    // A list that gives the participant number an earlier one did not.
                    try await db.raw("UPDATE enrolment SET participant_number = \(bind: participant), batch_id = \(bind: batchID) WHERE id = \(bind: existing.id)").run()
                    outcome.updated += 1
                } else {
                    outcome.unchanged += 1
                }
                continue
            }
            // The same key for another period, where one of them names none (a flag, then a list of 2025).
            if let existing = storedByKey["\(programme.id ?? 0)|\(item.key)"]?.first(where: {
                EnrolmentContinuation.continues(stored: $0.period, listed: entry.period)
            }) {
                try await continueEnrolment(existing, with: entry)
                if let village = item.found?.0.village { touchedVillages.insert(village) }
                continue
            }
            // The same family (person) enrolled already under another key (the head's NIK of a P3KE flag, the No. KK
            // of a PKH list): this row updates that enrolment instead of adding a second one.
            if let found = item.found?.0, let unit = Self.unit(found, of: programme), let candidates = byUnit["\(programme.id ?? 0)|\(unit)"],
               let existing = candidates.first(where: { $0.period == entry.period })
                ?? candidates.first(where: { EnrolmentContinuation.continues(stored: $0.period, listed: entry.period) }) {
                try await continueEnrolment(existing, with: entry)
                touchedVillages.insert(found.village)
                continue
            }
            let how = item.found?.1 ?? .unmatched
            outcome.insertedByMatch[how, default: 0] += 1
            outcome.insertedByProgramme[programme.code.value, default: 0] += 1
            if let village = item.found?.0.village { touchedVillages.insert(village) }
            inserts.append([programme.id ?? 0, item.key, entry.period, batchID, entry.row, entry.nik, entry.kkNumber, entry.name,
                            entry.birthDate?.description, entry.address, entry.village?.dotted, entry.receivedOn?.description, entry.amount,
                            how.rawValue, item.found?.0.regency, item.found?.0.village, item.found?.0.household, item.found?.0.person,
                            entry.participantNumber])
        }
        try await BulkInsert.rows(db, into: "enrolment", columns: [
            "programme_id", "enrolment_key", "period", "batch_id", "row_number", "nik", "kk_number", "full_name", "birth_date", "address",
            "listed_village_code", "received_on", "amount", "match_kind", "regency_code", "village_code", "household_id", "person_id",
            "participant_number",
        ], inserts, perStatement: 100, casts: dialect.engine == .postgres ? ["birth_date": "DATE", "received_on": "DATE"] : [:])
    }

    /// An enrolment stored already for a programme's family (or person), whatever key its source gave.
    struct StoredEnrolment {
        let id: Int
        let period: String
        let amount: Int?
        let receivedOn: String?
        let ended: Bool
        let participantNumber: String?

        /// From a row with `id`, `period`, `amount`, `received_on` and `ended_on` (as text) and `participant_number`.
        init(_ row: any SQLRow) throws {
            id = try row.decode(column: "id", as: Int.self)
            period = try row.decode(column: "period", as: String.self)
            amount = try row.decode(column: "amount", as: Int?.self)
            receivedOn = try row.decode(column: "received_on", as: String?.self)
            ended = try row.decode(column: "ended_on", as: String?.self) != nil
            participantNumber = try row.decode(column: "participant_number", as: String?.self)
        }
    }

    /// What an enrolment of `programme` is one per: the matched family for a family programme, the matched person for
    /// a person programme (`nil` when the row was matched to a family only).
    static func unit(_ found: Found, of programme: Programme) -> String? {
        switch programme.unit {
        case .family: "h:\(found.regency):\(found.household)"
        case .person: found.person.map { "p:\(found.regency):\($0)" }
        }
    }

    /// The stored enrolments of these programmes' matched families (persons), by `programme id|unit`.
    private func storedByUnit(_ items: [(Programme, Found?)]) async throws -> [String: [StoredEnrolment]] {
        var wanted: [Int: (unit: ProgrammeUnit, ids: Set<Int>)] = [:]
        for (programme, found) in items {
            guard let found, let id = programme.id else { continue }
            let unitID = programme.unit == .family ? found.household : found.person
            guard let unitID else { continue }
            wanted[id, default: (programme.unit, [])].ids.insert(unitID)
        }
        var result: [String: [StoredEnrolment]] = [:]
        for (programmeID, want) in wanted {
            let column = want.unit == .family ? "household_id" : "person_id"
            for slice in want.ids.sorted().chunked(400) {
                for row in try await db.raw("""
                    SELECT id, period, amount, CAST(received_on AS TEXT) AS received_on, CAST(ended_on AS TEXT) AS ended_on, regency_code,
                      household_id, person_id, participant_number
                    FROM enrolment WHERE programme_id = \(bind: programmeID) AND \(unsafeRaw: column) IN (\(binds: Array(slice))) ORDER BY id
                    """).all() {
                    let regency = try row.decode(column: "regency_code", as: String?.self) ?? ""
                    guard let unitID = try row.decode(column: column, as: Int?.self) else { continue }
                    let unit = want.unit == .family ? "h:\(regency):\(unitID)" : "p:\(regency):\(unitID)"
                    result["\(programmeID)|\(unit)", default: []].append(try StoredEnrolment(row))
                }
            }
        }
        return result
    }

    /// A later source's row for a stored enrolment of the same family: it takes the row's period (when it had none),
    /// amount, date received and participant number, runs again if it had ended, and names this batch as its source; a row that adds
    /// nothing leaves it unchanged.
    private func continueEnrolment(_ existing: StoredEnrolment, with entry: BeneficiaryEntry) async throws {
        let period = EnrolmentContinuation.period(stored: existing.period, listed: entry.period)
        let amountChanges = entry.amount.map { $0 != existing.amount } ?? false
        let receivedChanges = entry.receivedOn.map { $0.description != existing.receivedOn.map { String($0.prefix(10)) } } ?? false
        let participantChanges = entry.participantNumber.map { $0 != existing.participantNumber } ?? false
        guard period != existing.period || amountChanges || receivedChanges || participantChanges || existing.ended else {
            outcome.unchanged += 1
            return
        }
        try await db.raw("""
            UPDATE enrolment SET period = \(bind: period), amount = COALESCE(\(bind: entry.amount), amount),
              received_on = COALESCE(\(ProgrammeStore.date(entry.receivedOn, dialect)), received_on), ended_on = NULL,
              nik = COALESCE(nik, \(bind: entry.nik)), kk_number = COALESCE(kk_number, \(bind: entry.kkNumber)),
              participant_number = COALESCE(\(bind: entry.participantNumber), participant_number), batch_id = \(bind: batchID)
            WHERE id = \(bind: existing.id)
            """).run()
        outcome.updated += 1
    }

    /// Ends the running enrolments these rows name (a national file's flag turned off): each row's programme and
    /// enrolment key, any period. Returns how many ended.
    public func end(_ entries: [BeneficiaryEntry]) async throws -> Int {
        var ended = 0
        let found = try await match(entries)
        for entry in entries {
            guard let code = entry.programme ?? info.programme, let record = programmes[code.value], let id = record.programme.id,
                  let key = entry.enrolmentKey(unit: record.programme.unit) else { continue }
            // The enrolment of its key, and that of the family (person) it names, whatever key another source gave it: two
            // lookups, each on its own index (one query with OR made SQLite scan every enrolment of the programme per row).
            let running = "SELECT id, village_code FROM enrolment WHERE programme_id = \(id) AND ended_on IS NULL AND "
            var queries = [SQLQueryString("\(unsafeRaw: running)enrolment_key = \(bind: key)")]
            if let (family, _) = found[entry.row], Self.unit(family, of: record.programme) != nil {
                if record.programme.unit == .family {
                    queries.append("\(unsafeRaw: running)regency_code = \(bind: family.regency) AND household_id = \(bind: family.household)")
                } else if let person = family.person {
                    queries.append("\(unsafeRaw: running)regency_code = \(bind: family.regency) AND person_id = \(bind: person)")
                }
            }
            var rows: [any SQLRow] = []
            var seen = Set<Int>()
            for query in queries {
                for row in try await db.raw(query).all() {
                    if seen.insert(try row.decode(column: "id", as: Int.self)).inserted { rows.append(row) }
                }
            }
            for row in rows {
                try await db.raw("""
                    UPDATE enrolment SET ended_on = \(ProgrammeStore.date(info.batch.asOf, dialect)), batch_id = \(bind: batchID)
                    WHERE id = \(bind: try row.decode(column: "id", as: Int.self))
                    """).run()
                if let village = try row.decode(column: "village_code", as: String?.self) { touchedVillages.insert(village) }
                ended += 1
            }
        }
        outcome.ended += ended
        return ended
    }

    /// Each row's registry match: by NIK, then No. KK, then name and birth date within the desa the list names.
    private func match(_ entries: [BeneficiaryEntry]) async throws -> [Int: (Found, EnrolmentMatch)] {
        var result: [Int: (Found, EnrolmentMatch)] = [:]
        var byNIK: [String: [Found]] = [:]
        let niks = Array(Set(entries.compactMap(\.nik)))
        for slice in niks.chunked(400) {
            for row in try await db.raw("""
                SELECT id, regency_code, household_id, village_code, nik FROM person WHERE nik IN (\(binds: Array(slice))) AND nik_status = 'valid' ORDER BY regency_code, id
                """).all() {
                byNIK[try row.decode(column: "nik", as: String.self), default: []].append(Found(
                    regency: try row.decode(column: "regency_code", as: String.self), household: try row.decode(column: "household_id", as: Int.self),
                    person: try row.decode(column: "id", as: Int.self), village: try row.decode(column: "village_code", as: String.self)))
            }
        }
        func best(_ candidates: [Found], for entry: BeneficiaryEntry) -> Found? {
            guard let village = entry.village else { return candidates.first }
            return candidates.first { $0.village == village.dotted } ?? candidates.first { village.dotted.hasPrefix($0.regency + ".") } ?? candidates.first
        }
        var rest: [BeneficiaryEntry] = []
        for entry in entries {
            if let nik = entry.nik, let found = best(byNIK[nik] ?? [], for: entry) { result[entry.row] = (found, .nik) } else { rest.append(entry) }
        }
        var byKK: [String: [Found]] = [:]
        let kks = Array(Set(rest.compactMap(\.kkNumber)))
        for slice in kks.chunked(400) {
            for row in try await db.raw("SELECT id, regency_code, village_code, kk_number FROM household WHERE kk_number IN (\(binds: Array(slice))) ORDER BY regency_code, id").all() {
                byKK[try row.decode(column: "kk_number", as: String.self), default: []].append(Found(
                    regency: try row.decode(column: "regency_code", as: String.self), household: try row.decode(column: "id", as: Int.self),
                    person: nil, village: try row.decode(column: "village_code", as: String.self)))
            }
        }
        for entry in rest {
            if let kk = entry.kkNumber, let found = best(byKK[kk] ?? [], for: entry) {
                result[entry.row] = (found, .kk)
                continue
            }
            guard let village = entry.village, village.depth == 4, let birth = entry.birthDate, let name = entry.name else { continue }
            let wanted = BeneficiaryEntry.comparableName(name)
            guard !wanted.isEmpty else { continue }
            let rows = try await db.raw("""
                SELECT id, regency_code, household_id, village_code, full_name FROM person
                WHERE village_code = \(bind: village.dotted) AND birth_date = \(ProgrammeStore.date(birth, dialect))
                """).all()
            let same = try rows.filter { BeneficiaryEntry.comparableName(try $0.decode(column: "full_name", as: String.self)) == wanted }
            guard same.count == 1, let row = same.first else {
                if same.count > 1 {
                    warn(entry, code: "ambiguous_match", message: "Ada \(same.count) orang dengan nama dan tanggal lahir ini di desa \(village.dotted): tidak dicocokkan. Lengkapi NIK-nya.")
                }
                continue
            }
            result[entry.row] = (Found(regency: try row.decode(column: "regency_code", as: String.self), household: try row.decode(column: "household_id", as: Int.self),
                                       person: try row.decode(column: "id", as: Int.self), village: try row.decode(column: "village_code", as: String.self)),
                                 .nameAndBirthDate)
        }
        return result
    }

    /// Records the issues and counts, refuses a list that matched nobody, and closes the batch.
    func finish(issues: [StoredIssue], counts: BatchCounts) async throws -> EnrolmentOutcome {
        outcome.batchID = batchID
        let written = outcome.inserted + outcome.updated + outcome.unchanged
        if info.refuseWhenNobodyMatches, written > 0, rowsMatched == 0, outcome.ended == 0 {
            throw EnrolmentListError.matchesNobody(file: info.batch.fileName, rows: counts.read)
        }
        _ = try await ProgrammeStore.refreshStored(db, engine: dialect.engine, villages: touchedVillages.sorted())
        var all = issues
        all += outcome.refused.map { StoredIssue($0, rawRow: nil) }
        all += outcome.warnings.map { StoredIssue($0, rawRow: nil) }
        try await BulkInsert.rows(db, into: "import_issue",
                                  columns: ["batch_id", "row_number", "column_name", "raw_value", "severity", "code", "message", "raw_row"],
                                  all.map { [batchID, $0.issue.row, $0.issue.column, $0.issue.value, $0.issue.severity.rawValue, $0.issue.code, $0.issue.message, $0.rawRow] },
                                  perStatement: 200, casts: dialect.engine == .postgres ? ["raw_row": "jsonb"] : [:])
        try await db.raw("""
            UPDATE import_batch SET status = 'done', rows_read = \(bind: counts.read), rows_imported = \(bind: outcome.inserted),
              rows_updated = \(bind: outcome.updated), rows_warned = \(bind: counts.warned),
              rows_rejected = \(bind: counts.rejected + outcome.refused.count), rows_unchanged = \(bind: outcome.unchanged),
              rows_merged = \(bind: outcome.merged), rows_skipped = \(bind: counts.skipped), finished_at = \(unsafeRaw: dialect.now)
            WHERE id = \(bind: batchID)
            """).run()
        return outcome
    }
}

extension ProgrammeStore {
    /// Registers the national programmes a file's flags name that are not registered yet (with their organisations),
    /// working in all of NTB from `start`; returns the codes registered.
    public func registerNationalProgrammes(_ wanted: [NationalProgrammeFlags.Programme], start: CalendarDate) async throws -> [String] {
        try await database.transaction { db in try await registerNationalProgrammes(in: db, wanted, start: start) }
    }

    /// Runs `body` in a transaction of its own, for writes that otherwise join a registry batch's (`BatchTransaction`).
    public func inTransaction<T: Sendable>(_ body: @escaping @Sendable (BatchTransaction) async throws -> T) async throws -> T {
        try await database.transaction { db in try await body(BatchTransaction(db: db)) }
    }

    /// As `registerNationalProgrammes(_:start:)`, inside the caller's transaction.
    public func registerNationalProgrammes(in transaction: BatchTransaction, _ wanted: [NationalProgrammeFlags.Programme], start: CalendarDate) async throws -> [String] {
        try await registerNationalProgrammes(in: transaction.db, wanted, start: start)
    }

    func registerNationalProgrammes(in db: any SQLDatabase, _ wanted: [NationalProgrammeFlags.Programme], start: CalendarDate) async throws -> [String] {
        var registered: [String] = []
        for national in wanted {
            guard let code = ProgrammeCode(national.code),
                  try await db.raw("SELECT id FROM programme WHERE code = \(bind: code.value)").first() == nil else { continue }
            let organisationID: Int
            if let row = try await db.raw("SELECT id FROM organisation WHERE lower(name) = lower(\(bind: national.organisation))").first() {
                organisationID = try row.decode(column: "id", as: Int.self)
            } else {
                organisationID = try await Self.insertOrganisation(db, name: national.organisation, kind: national.kind, region: nil,
                                                                   engine: dialect.engine, actor: .commandLine).id ?? 0
            }
            let programme = Programme(code: code, name: national.name, organisationID: organisationID, sectors: [national.sector],
                                      unit: national.unit, fundingSource: "APBN", start: start, targetRegions: [try RegionCode("52")],
                                      eligibility: "Dicatat dari kolom penanda program pada berkas data nasional (DTSEN, P3KE, Regsosek).")
            _ = try await Self.insert(db, programme, dialect: dialect, actor: .commandLine)
            registered.append(code.value)
        }
        return registered
    }

    /// An earlier, completed, real import of the same beneficiary list (same SHA-256 and the same programme, in a
    /// `layout` such as `penerima-program:PKH`) by someone whose scope covers `scope`: importing it again changes nothing.
    public func previousList(sha256: String, layout: String, scope: RegionCode?) async throws -> Int? {
        let covering = scope.map { [$0.dotted] + $0.ancestors.map(\.dotted) } ?? []
        return try await database.read { db in
            var query = SQLQueryString("""
                SELECT id FROM import_batch
                WHERE sha256 = \(bind: sha256) AND layout = \(bind: layout) AND status = 'done' AND dry_run = \(bind: false)
                  AND rows_imported + rows_updated + rows_unchanged > 0 AND (region_scope IS NULL OR region_scope NOT LIKE '%.%'
                """)
            for code in covering {
                query.appendInterpolation(unsafeRaw: " OR region_scope = ")
                query.appendInterpolation(bind: code)
            }
            query.appendInterpolation(unsafeRaw: ") ORDER BY id LIMIT 1")
            return try await db.raw(query).first()?.decode(column: "id", as: Int.self)
        }
    }
}
