import Foundation
import HTTPTypes
import Hummingbird
import LumbungDomain
import LumbungImport
import LumbungSheets
import LumbungStore

/// Imports started from the web, running in the background: their progress while they run, their
/// report (or the reason they failed) when they end. Every job is also stored (`ImportJobStore`, `import_job`) when
/// it starts and when it ends, so its page, report and rejects files outlive the process: a job of this process is
/// read from memory, any other from the database. At start-up (`recover`) jobs a previous process left `running` are
/// marked `terminputus`; on graceful shutdown (`stopAll`) running imports are cancelled, rolled back and marked so too.
///
/// A job is seen by the one who started it and by admins whose scope covers the uploader's (`Oversight`).
/// Each user may have `UploadPolicy.maxRunning` imports running and `maxStored` uploads kept; a real import's
/// file is removed once written, failed imports and dry runs after `retentionHours` (`UploadRetention`).
actor ImportJobs {
    struct Status: Sendable, Encodable {
        /// The stored job state is the shown one (`terminputus`: the server stopped while it ran; nothing of it was
        /// written, or, if its batch was committed, only the report was lost): one vocabulary, no mapping between two.
        typealias State = ImportJobRecord.State
        let id: String
        var state: State
        var rows = 0
        var fraction = 0.0
        var report: ImportReport?
        /// Why the file could not be imported, in English (API) and Bahasa Indonesia (pages).
        var error: String?
        var errorIndonesian: String?
        let fileName: String
        /// The names of the rejects files, in the order of `report.rejectsFiles` (one per sheet of a workbook of several tables).
        var rejectsNames: [String] = []
    }

    /// Who started a job.
    private struct Owner {
        let userID: Int
        let username: String
        let scope: RegionCode
    }

    /// Jobs of this process until their end is stored (then they are read from the database).
    private var jobs: [String: Status] = [:]
    /// Who started each job of this process: only they (and the admins overseeing their scope) see its report and rejected rows.
    private var owners: [String: Owner] = [:]
    /// Slots given by `newUploadFolder` whose upload is still being received.
    private var receiving = Set<String>()
    /// Rejects files by job id (one per sheet of a workbook of several tables), to download, until stored.
    private var rejects: [String: [URL]] = [:]
    /// Uploads waiting on the mapping page (`/impor/petakan/{id}`): received, not yet imported.
    private var awaitingMapping: [String: MultipartUpload] = [:]
    /// The running imports, to cancel on shutdown.
    private var tasks: [String: Task<Void, Never>] = [:]
    /// Set once the server is shutting down: no import starts any more.
    private var stopping = false
    /// What stops each running job (`cancel(_:for:)`).
    private var cancellations: [String: ImportCancellation] = [:]
    /// Called after each chunk of a job's rows is written, before it commits (tests cancel at a known point with it).
    private var afterChunk: (@Sendable (String, Int, @escaping @Sendable () async -> Void) async -> Void)?
    let job: ImportJob
    private let folder: URL
    private let batches: ImportBatchStore
    private let store: ImportJobStore
    let policy: UploadPolicy
    private var lastPurge = Date.distantPast

    init(job: ImportJob, folder: URL, policy: UploadPolicy = UploadPolicy()) {
        self.job = job
        self.folder = folder
        self.policy = policy
        self.batches = ImportBatchStore(database: job.database)
        self.store = ImportJobStore(database: job.database)
    }

    /// At start-up: marks the jobs a previous process left running `terminputus` (see `ImportJobStore.markInterrupted`).
    @discardableResult
    func recover() async throws -> [String] {
        try await store.markInterrupted(except: Set(tasks.keys))
    }

    /// Where the upload of a new job of `user` goes, once their quota allows one more: throws `tooManyRunning`
    /// or `tooManyStored` otherwise. The slot is taken until `start` or `abandon`.
    func newUploadFolder(for user: UserRecord) throws -> (id: String, folder: URL) {
        purgeIfDue()
        let mine = owners.filter { $0.value.username == user.username }
        let running = mine.filter { receiving.contains($0.key) || jobs[$0.key]?.state == .running }.count
        guard running < policy.maxRunning else { throw MultipartUpload.Failure.tooManyRunning(policy.maxRunning) }
        guard mine.keys.filter({ isKept($0) }).count < policy.maxStored else { throw MultipartUpload.Failure.tooManyStored(policy.maxStored) }
        let id = UUID().uuidString.lowercased()
        owners[id] = Owner(userID: user.id, username: user.username, scope: user.scope.region)
        receiving.insert(id)
        return (id, folder.appendingPathComponent(id))
    }

    /// Whether a job's upload is still on the server and counts against its owner's quota: running, failed or a
    /// dry run not yet removed (a real import's file is removed once written; `lumbung uploads purge` removes the rest).
    private func isKept(_ id: String) -> Bool {
        let upload = folder.appendingPathComponent(id)
        guard FileManager.default.fileExists(atPath: upload.path) else { return receiving.contains(id) }
        return UploadRetention.ending(of: upload) != .done
    }

    /// Gives the slot of an upload that never arrived back, and removes what of it was written.
    func abandon(_ id: String) {
        owners[id] = nil
        receiving.remove(id)
        try? FileManager.default.removeItem(at: folder.appendingPathComponent(id))
    }

    /// Keeps an upload for the mapping page instead of importing it now.
    func awaitMapping(id: String, upload: MultipartUpload) {
        receiving.remove(id)
        awaitingMapping[id] = upload
    }

    /// An upload waiting on the mapping page, for the one who uploaded it only (`nil` for anyone else, as for an unknown id).
    func uploadAwaitingMapping(_ id: String, for user: UserRecord) -> MultipartUpload? {
        guard let upload = awaitingMapping[id], owners[id]?.username == user.username,
              FileManager.default.fileExists(atPath: upload.file.path) else { return nil }
        return upload
    }

    /// Starts importing an uploaded file (with a column mapping, or a saved template checked against the file first).
    func start(id: String, upload: MultipartUpload, layout: String, dryRun: Bool, asOf: CalendarDate, village: RegionCode? = nil,
               mapping: ColumnMapping? = nil, template: ColumnTemplate? = nil, sheet: Int? = nil, by user: UserRecord) async {
        awaitingMapping[id] = nil
        receiving.remove(id)
        jobs[id] = Status(id: id, state: .running, fileName: upload.fileName)
        if owners[id] == nil { owners[id] = Owner(userID: user.id, username: user.username, scope: user.scope.region) }
        var options = ImportOptions(asOf: asOf)
        options.scope = user.scope.region
        options.layout = layout
        options.dryRun = dryRun
        options.village = village
        options.jobID = id
        if let template { options.use(template) } else if let mapping { options.use(mapping) } else { options.offeredTemplates = .organisation(user.organisation) }
        options.rejectsFolder = upload.file.deletingLastPathComponent()
        options.sheet = sheet
        let record = ImportJobRecord(id: id, userID: user.id, username: user.username, regionScope: user.scope.region.dotted,
                                     fileName: upload.fileName, dryRun: dryRun)
        do {
            try await store.insert(record)
        } catch {
            // Without its row the job could not outlive the process: not started (this process still shows why).
            fail(id, error)
            return
        }
        guard !stopping else {
            await interrupt(id)
            return
        }
        let cancellation = ImportCancellation.made(for: id, hook: afterChunk)
        cancellations[id] = cancellation
        options.cancellation = cancellation
        let job = job
        ServerMetrics.importStarted()
        tasks[id] = Task {
            do {
                let report = try await job.run(upload.file, options: options) { progress in
                    Task { await self.progress(id, progress) }
                }
                await self.finish(id, report: report, upload: upload.file)
            } catch where Task.isCancelled {
                // Stored from a task that is not cancelled, so that its own writes are not cut off too.
                await Task { await self.interrupt(id) }.value
            } catch {
                self.fail(id, error)
                await self.persist(id)
            }
            await self.ended(id)
        }
    }

    private func ended(_ id: String) {
        tasks[id] = nil
    }

    /// Graceful shutdown: no import starts any more; running ones are cancelled (their transaction rolls back),
    /// and each is stored `terminputus` before this returns.
    func stopAll() async {
        stopping = true
        let running = tasks
        for task in running.values { task.cancel() }
        for task in running.values { await task.value }
    }

    /// Removes expired failed imports and dry runs now (`UploadRetention`), then at least hourly; their stored jobs are forgotten.
    /// Cancels a running job of `user` (only the one who started it): it stops before it commits and nothing is written.
    /// False when there is no such running job of theirs (or it has just committed: then it ends done, not cancelled).
    func cancel(_ id: String, for user: UserRecord) -> Bool {
        guard owners[id]?.username == user.username, jobs[id]?.state == .running, let cancellation = cancellations[id] else { return false }
        cancellation.cancel()
        return true
    }

    /// Sets the hook called after each chunk of every job's rows is written (tests only).
    func setAfterChunk(_ hook: (@Sendable (String, Int, @escaping @Sendable () async -> Void) async -> Void)?) {
        afterChunk = hook
    }

    /// Removes expired failed imports and dry runs now (`UploadRetention`), then at least hourly.
    func purgeIfDue(now: Date = Date()) {
        guard now.timeIntervalSince(lastPurge) >= 3600 else { return }
        lastPurge = now
        let running = Set(jobs.filter { $0.value.state == .running }.keys).union(receiving).union(tasks.keys)
        let removed = UploadRetention.purge(folder, olderThanHours: policy.retentionHours, now: now, running: running)
        for id in removed {
            rejects[id] = nil
            awaitingMapping[id] = nil
        }
        let store = store
        if !removed.isEmpty { Task { try? await store.remove(removed) } }
    }

    /// Checks for expired uploads now and every hour while the server runs (and this value lives).
    func startRetention() {
        purgeIfDue()
        Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(3600))
                guard let self else { return }
                await self.purgeIfDue()
            }
        }
    }

    /// The job's status, for its owner or an admin: from memory while this process has it, else from the database.
    func status(_ id: String, for user: UserRecord) async -> Status? {
        if let status = jobs[id] { return mayView(owners[id], user) ? status : nil }
        guard let stored = await storedJob(id, for: user) else { return nil }
        return Self.status(stored)
    }

    /// The job's `number`th rejects file (1 = the first), for its owner or an admin.
    func rejectsFile(_ id: String, number: Int = 1, for user: UserRecord) async -> URL? {
        if jobs[id] != nil {
            guard mayView(owners[id], user), let files = rejects[id], files.indices.contains(number - 1) else { return nil }
            return files[number - 1]
        }
        guard let stored = await storedJob(id, for: user), stored.rejects.indices.contains(number - 1) else { return nil }
        let name = stored.rejects[number - 1]
        // Only a plain file name inside the job's own folder.
        guard !name.contains("/"), !name.hasPrefix(".") else { return nil }
        return folder.appendingPathComponent(id).appendingPathComponent(name)
    }

    private func storedJob(_ id: String, for user: UserRecord) async -> ImportJobRecord? {
        guard let stored = try? await store.job(id), let scope = try? RegionCode(stored.regionScope) else { return nil }
        return mayView(Owner(userID: stored.userID, username: stored.username, scope: scope), user) ? stored : nil
    }

    /// A stored job as the pages and the API show it.
    static func status(_ stored: ImportJobRecord) -> Status {
        let state = stored.state
        var status = Status(id: stored.id, state: state, rows: stored.rowsRead, fileName: stored.fileName)
        status.fraction = state == .running ? 0 : 1
        status.report = stored.reportJSON.flatMap { try? JSONDecoder().decode(ImportReport.self, from: Data($0.utf8)) }
        status.error = stored.errorEnglish
        status.errorIndonesian = stored.errorIndonesian
        status.rejectsNames = stored.rejects
        return status
    }

    /// Where the `number`th rejects file of a job is downloaded: the first keeps its old address.
    static func rejectsAddress(_ id: String, number: Int) -> String {
        number == 1 ? "/impor/proses/\(id)/ditolak.csv" : "/impor/proses/\(id)/ditolak/\(number)"
    }

    private func mayView(_ owner: Owner?, _ user: UserRecord) -> Bool {
        guard let owner else { return false }
        return Oversight(role: user.role, scope: user.scope).maySeeImport(uploadScope: owner.scope, ownUpload: owner.username == user.username)
    }

    private func progress(_ id: String, _ progress: ImportProgress) {
        guard jobs[id]?.state == .running else { return }
        jobs[id]?.rows = progress.rows
        jobs[id]?.fraction = progress.fraction
    }

    private func finish(_ id: String, report: ImportReport, upload: URL) async {
        var shown = report
        // The API shows where to download the rejected rows, never where they lie on the server: one address per file.
        let files = report.rejectsFiles.isEmpty ? report.rejectsFile.map { [$0] } ?? [] : report.rejectsFiles
        if !files.isEmpty {
            rejects[id] = files.map { URL(fileURLWithPath: $0) }
            shown.rejectsFiles = files.indices.map { Self.rejectsAddress(id, number: $0 + 1) }
            shown.rejectsFile = shown.rejectsFiles.first
            jobs[id]?.rejectsNames = files.map { URL(fileURLWithPath: $0).lastPathComponent }
        }
        if report.dryRun {
            UploadRetention.mark(upload.deletingLastPathComponent(), .dryRun)
        } else {
            // Written into the registry: the uploaded file is no longer needed; the rejects file stays for its download.
            try? FileManager.default.removeItem(at: upload)
            UploadRetention.mark(upload.deletingLastPathComponent(), .done)
            if let batchID = report.batchID, report.alreadyImportedInBatch == nil, let owner = owners[id] {
                try? await batches.recordUploader(batchID: batchID, userID: owner.userID)
            }
        }
        cancellations[id] = nil
        jobs[id]?.state = .done
        ServerMetrics.importEnded(report.dryRun ? .dryRun : .done, kept: report.rowsRead - report.rejected - report.skipped, rejected: report.rejected)
        jobs[id]?.report = shown
        jobs[id]?.rows = report.rowsRead
        jobs[id]?.fraction = 1
        await persist(id)
    }

    /// The import was stopped (graceful shutdown) or never started because the server was stopping: nothing of it was written.
    private func interrupt(_ id: String) async {
        UploadRetention.mark(folder.appendingPathComponent(id), .failed)
        ServerMetrics.importEnded(.failed)
        let file = jobs[id]?.fileName ?? "Berkas"
        let message = ImportJobStore.interruptedMessage(file: file, rowsRead: (jobs[id]?.rows).flatMap { $0 > 0 ? $0 : nil }, batchID: nil)
        jobs[id]?.state = .interrupted
        jobs[id]?.error = message.english
        jobs[id]?.errorIndonesian = message.indonesian
        await persist(id)
    }

    /// Stores how the job ended; once stored, it is read from the database (memory holds only what is not stored).
    private func persist(_ id: String) async {
        guard let status = jobs[id], let owner = owners[id] else { return }
        let state = status.state
        let report = status.report.flatMap { try? JSONEncoder().encode($0) }.map { String(decoding: $0, as: UTF8.self) }
        let record = ImportJobRecord(id: id, userID: owner.userID, username: owner.username, regionScope: owner.scope.dotted,
                                     fileName: status.fileName, dryRun: status.report?.dryRun ?? false, state: state, rowsRead: status.rows,
                                     batchID: status.report?.alreadyImportedInBatch == nil ? status.report?.batchID : nil, reportJSON: report,
                                     rejects: status.rejectsNames, errorEnglish: status.error, errorIndonesian: status.errorIndonesian)
        do {
            try await store.finish(record)
            jobs[id] = nil
            rejects[id] = nil
        } catch {
            // Kept in memory: this process still shows it.
        }
    }

    private func fail(_ id: String, _ error: any Error) {
        UploadRetention.mark(folder.appendingPathComponent(id), .failed)
        ServerMetrics.importEnded(.failed)
        cancellations[id] = nil
        jobs[id]?.state = .failed
        if case ImportError.cancelled = error { jobs[id]?.state = .cancelled }
        // Read before writing: `jobs[id]?.error = "\(jobs[id]?.fileName …)"` reads `jobs` while modifying it, an
        // exclusivity violation that stopped the server whenever an import failed on the database or for an unforeseen reason.
        let fileName = jobs[id]?.fileName
        switch error {
        case let error as SheetReadError:
            jobs[id]?.error = error.description
            jobs[id]?.errorIndonesian = error.indonesianDescription
        case let error as ImportError:
            jobs[id]?.error = error.description
            jobs[id]?.errorIndonesian = error.indonesianDescription
        case let error as StoreError:
            jobs[id]?.error = "\(fileName ?? "The file"): \(error.description) Nothing was written."
            jobs[id]?.errorIndonesian = "\(fileName ?? "Berkas"): basis data menolak impor ini, tidak ada data yang ditulis. Rincian: \(error.description)"
        default:
            jobs[id]?.error = "\(fileName ?? "The file"): the import failed; nothing was written."
            jobs[id]?.errorIndonesian = "\(fileName ?? "Berkas"): impor gagal; tidak ada data yang ditulis."
        }
        // A file's header or name may carry terminal escapes: shown escaped, never raw.
        jobs[id]?.error = jobs[id]?.error.map(ShownText.escapingControls)
        jobs[id]?.errorIndonesian = jobs[id]?.errorIndonesian.map(ShownText.escapingControls)
    }
}

extension ImportCancellation {
    /// The cancellation of job `id`, calling `hook` (id, chunks written, a wait until the job is cancelled) after each chunk.
    static func made(for id: String, hook: (@Sendable (String, Int, @escaping @Sendable () async -> Void) async -> Void)?) -> ImportCancellation {
        guard let hook else { return ImportCancellation() }
        let box = CancellationBox()
        let cancellation = ImportCancellation { chunks in
            guard let cancellation = box.cancellation else { return }
            await hook(id, chunks) { await cancellation.untilCancelled() }
        }
        box.cancellation = cancellation
        return cancellation
    }
}

/// Lets a cancellation's hook reach the cancellation it belongs to.
private final class CancellationBox: @unchecked Sendable {
    weak var cancellation: ImportCancellation?
}
