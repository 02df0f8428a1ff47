import Foundation
import HTTPTypes
import Hummingbird
import LumbungDomain
import LumbungImport
import LumbungSheets
import LumbungStore

/// Imports started from the web, running in the background: their progress while they run, their
/// report (or the reason they failed) when they end. Finished batches are also in the database.
///
/// A job is seen by the one who started it and by admins whose scope covers the uploader's (`Oversight`).
/// Each user may have `UploadPolicy.maxRunning` imports running and `maxStored` uploads kept; a real import's
/// file is removed once written, failed imports and dry runs after `retentionHours` (`UploadRetention`).
actor ImportJobs {
    struct Status: Sendable, Encodable {
        enum State: String, Sendable, Encodable { case running, done, failed, cancelled }
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

    private var jobs: [String: Status] = [:]
    /// Who started each job: only they (and the admins overseeing their scope) see its report and rejected rows.
    private var owners: [String: Owner] = [:]
    /// Rejects files by job id (one per sheet of a workbook of several tables), to download.
    private var rejects: [String: [URL]] = [:]
    /// Uploads waiting on the mapping page (`/impor/petakan/{id}`): received, not yet imported.
    private var awaitingMapping: [String: MultipartUpload] = [:]
    /// What stops each running job (`cancel(_:for:)`).
    private var cancellations: [String: ImportCancellation] = [:]
    /// Called after each chunk of a job's rows is written, before it commits (tests cancel at a known point with it).
    private var afterChunk: (@Sendable (String, Int, @escaping @Sendable () async -> Void) async -> Void)?
    let job: ImportJob
    private let folder: URL
    private let batches: ImportBatchStore?
    let policy: UploadPolicy
    private var lastPurge = Date.distantPast

    init(job: ImportJob, folder: URL, policy: UploadPolicy = UploadPolicy(), batches: ImportBatchStore? = nil) {
        self.job = job
        self.folder = folder
        self.policy = policy
        self.batches = batches
    }

    /// Where the upload of a new job of `user` goes, once their quota allows one more: throws `tooManyRunning`
    /// or `tooManyStored` otherwise. The slot is taken until `start` or `abandon`.
    func newUploadFolder(for user: UserRecord) throws -> (id: String, folder: URL) {
        purgeIfDue()
        let mine = owners.filter { $0.value.username == user.username }
        let running = mine.filter { (jobs[$0.key] == nil && awaitingMapping[$0.key] == nil) || jobs[$0.key]?.state == .running }.count
        guard running < policy.maxRunning else { throw MultipartUpload.Failure.tooManyRunning(policy.maxRunning) }
        guard mine.keys.filter({ isKept($0) }).count < policy.maxStored else { throw MultipartUpload.Failure.tooManyStored(policy.maxStored) }
        let id = UUID().uuidString.lowercased()
        owners[id] = Owner(userID: user.id, username: user.username, scope: user.scope.region)
        return (id, folder.appendingPathComponent(id))
    }

    /// Whether a job's upload is still on the server and counts against its owner's quota: running, failed or a
    /// dry run not yet removed (a real import's file is removed once written; `lumbung uploads purge` removes the rest).
    private func isKept(_ id: String) -> Bool {
        let upload = folder.appendingPathComponent(id)
        guard FileManager.default.fileExists(atPath: upload.path) else { return jobs[id] == nil }
        return UploadRetention.ending(of: upload) != .done
    }

    /// Gives the slot of an upload that never arrived back, and removes what of it was written.
    func abandon(_ id: String) {
        owners[id] = nil
        try? FileManager.default.removeItem(at: folder.appendingPathComponent(id))
    }

    /// Keeps an upload for the mapping page instead of importing it now.
    func awaitMapping(id: String, upload: MultipartUpload) {
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
               mapping: ColumnMapping? = nil, template: ColumnTemplate? = nil, sheet: Int? = nil, by user: UserRecord) {
        awaitingMapping[id] = nil
        jobs[id] = Status(id: id, state: .running, fileName: upload.fileName)
        if owners[id] == nil { owners[id] = Owner(userID: user.id, username: user.username, scope: user.scope.region) }
        var options = ImportOptions(asOf: asOf)
        options.scope = user.scope.region
        options.layout = layout
        options.dryRun = dryRun
        options.village = village
        if let template { options.use(template) } else if let mapping { options.use(mapping) } else { options.offeredTemplates = .organisation(user.organisation) }
        options.rejectsFolder = upload.file.deletingLastPathComponent()
        options.sheet = sheet
        let cancellation = ImportCancellation.made(for: id, hook: afterChunk)
        cancellations[id] = cancellation
        options.cancellation = cancellation
        let job = job
        ServerMetrics.importStarted()
        Task {
            do {
                let report = try await job.run(upload.file, options: options) { progress in
                    Task { await self.progress(id, progress) }
                }
                await self.finish(id, report: report, upload: upload.file)
            } catch {
                self.fail(id, error)
            }
        }
    }

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
        let running = Set(jobs.filter { $0.value.state == .running }.keys).union(owners.keys.filter { jobs[$0] == nil })
        for id in UploadRetention.purge(folder, olderThanHours: policy.retentionHours, now: now, running: running) {
            rejects[id] = nil
            awaitingMapping[id] = nil
        }
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

    /// The job's status, for its owner or an admin.
    func status(_ id: String, for user: UserRecord) -> Status? { mayView(id, user) ? jobs[id] : nil }

    /// The job's `number`th rejects file (1 = the first), for its owner or an admin.
    func rejectsFile(_ id: String, number: Int = 1, for user: UserRecord) -> URL? {
        guard mayView(id, user), let files = rejects[id], files.indices.contains(number - 1) else { return nil }
        return files[number - 1]
    }

    /// Where the `number`th rejects file of a job is downloaded: the first keeps its old address.
    static func rejectsAddress(_ id: String, number: Int) -> String {
        number == 1 ? "/impor/proses/\(id)/ditolak.csv" : "/impor/proses/\(id)/ditolak/\(number)"
    }

    private func mayView(_ id: String, _ user: UserRecord) -> Bool {
        guard let owner = owners[id], jobs[id] != nil else { return false }
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
                try? await batches?.recordUploader(batchID: batchID, userID: owner.userID)
            }
        }
        cancellations[id] = nil
        jobs[id]?.state = .done
        ServerMetrics.importEnded(report.dryRun ? .dryRun : .done, kept: report.rowsRead - report.rejected - report.skipped, rejected: report.rejected)
        jobs[id]?.report = shown
        jobs[id]?.rows = report.rowsRead
        jobs[id]?.fraction = 1
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
