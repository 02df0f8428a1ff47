import Foundation
import HTTPTypes
import Hummingbird
import LumbungDomain
import LumbungImport
import LumbungSheets
import LumbungStore

/// Imports started from the web, running in the background: their progress while they run, their
/// report (or the reason they failed) when they end. Finished batches are also in the database.
actor ImportJobs {
    struct Status: Sendable, Encodable {
        enum State: String, Sendable, Encodable { case running, done, failed }
        let id: String
        var state: State
        var rows = 0
        var fraction = 0.0
        var report: ImportReport?
        /// Why the file could not be imported, in English (API) and Bahasa Indonesia (pages).
        var error: String?
        var errorIndonesian: String?
        let fileName: String
    }

    private var jobs: [String: Status] = [:]
    /// Who started each job: only they (and admins) see its report and rejected rows.
    private var owners: [String: String] = [:]
    /// Rejects files by job id, to download.
    private var rejects: [String: URL] = [:]
    private let job: ImportJob
    private let folder: URL

    init(job: ImportJob, folder: URL) {
        self.job = job
        self.folder = folder
    }

    /// Where uploads of a new job go.
    func newUploadFolder() -> (id: String, folder: URL) {
        let id = UUID().uuidString.lowercased()
        return (id, folder.appendingPathComponent(id))
    }

    /// Starts importing an uploaded file.
    func start(id: String, upload: MultipartUpload, layout: String, dryRun: Bool, asOf: CalendarDate, by user: UserRecord) {
        jobs[id] = Status(id: id, state: .running, fileName: upload.fileName)
        owners[id] = user.username
        var options = ImportOptions(asOf: asOf)
        options.scope = user.scope.region
        options.layout = layout
        options.dryRun = dryRun
        options.rejectsFolder = upload.file.deletingLastPathComponent()
        let job = job
        Task {
            do {
                let report = try await job.run(upload.file, options: options) { progress in
                    Task { await self.progress(id, progress) }
                }
                self.finish(id, report: report)
            } catch {
                self.fail(id, error)
            }
        }
    }

    /// The job's status, for its owner or an admin.
    func status(_ id: String, for user: UserRecord) -> Status? { mayView(id, user) ? jobs[id] : nil }

    /// The job's rejects file, for its owner or an admin.
    func rejectsFile(_ id: String, for user: UserRecord) -> URL? { mayView(id, user) ? rejects[id] : nil }

    private func mayView(_ id: String, _ user: UserRecord) -> Bool { user.role == .admin || owners[id] == user.username }

    private func progress(_ id: String, _ progress: ImportProgress) {
        guard jobs[id]?.state == .running else { return }
        jobs[id]?.rows = progress.rows
        jobs[id]?.fraction = progress.fraction
    }

    private func finish(_ id: String, report: ImportReport) {
        jobs[id]?.state = .done
        jobs[id]?.report = report
        jobs[id]?.rows = report.rowsRead
        jobs[id]?.fraction = 1
        if let path = report.rejectsFile { rejects[id] = URL(fileURLWithPath: path) }
    }

    private func fail(_ id: String, _ error: any Error) {
        jobs[id]?.state = .failed
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
