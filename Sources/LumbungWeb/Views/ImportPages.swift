import Foundation
import HTTPTypes
import Hummingbird
import LumbungDomain
import LumbungImport
import LumbungStore

/// The model of the Impor page: the upload form and the recent batches.
struct ImportFormPage {
    struct Batch {
        let id: Int
        let fileName: String
        let layout: String
        let startedAt: String
        let read: String
        let inserted: String
        let updated: String
        let rejected: String
    }

    let title: String
    let query = ""
    let batches: [Batch]
    let hasBatches: Bool
    /// The session's CSRF token, sent back in the form's action.
    let csrf: String

    init(batches: [ImportBatchStore.Summary], csrf: String, zone: IndonesianTimeZone, texts: Catalogue) {
        self.csrf = csrf
        title = texts["import_heading"] + " — Lumbung"
        self.batches = batches.map {
            Batch(id: $0.id, fileName: $0.fileName, layout: $0.layout, startedAt: texts.time(utc: $0.startedAt, in: zone), read: texts.number($0.read),
                  inserted: texts.number($0.inserted), updated: texts.number($0.updated), rejected: texts.number($0.rejected))
        }
        hasBatches = !batches.isEmpty
    }
}

/// The model of an import's page: progress while it runs, then its report or why it failed.
struct ImportJobPage {
    struct Problem {
        let kind: String
        let code: String
        let count: String
        let message: String
        let rows: String
    }

    let title: String
    let query = ""
    let fileName: String
    let running: Bool
    let percent: Int
    let rows: String
    let failed: Bool
    let cancelled: Bool
    let error: String?
    let done: Bool
    /// The server stopped while it ran (`terminputus`): the error says what was and was not written.
    let interrupted: Bool
    let id: String
    let csrf: String
    let dryRun: Bool
    let alreadyImported: Int?
    let batchID: Int?
    let layout: String?
    let headerRow: Int?
    let counts: [(label: String, value: String)]
    let problems: [Problem]
    let hasProblems: Bool
    /// One download per rejects file (a workbook of several tables has one per sheet).
    let rejects: [(href: String, name: String)]
    /// "Kolom yang dipahami": each table with its columns and the field each was read as.
    let tables: [Table]
    let notes: [String]
    let unknownValues: [String]
    let skippedSheets: [String]

    struct Table {
        let title: String
        let role: String
        let regionSource: String
        let headerRow: String
        let columns: [(header: String, field: String)]
        /// "148 baris dibaca, 0 ditolak" (nil in reports stored before sheets were counted).
        let counts: String?
    }

    init(_ status: ImportJobs.Status, id: String = "", csrf: String = "") {
        self.id = id
        self.csrf = csrf
        cancelled = status.state == .cancelled
        fileName = status.fileName
        title = "Impor \(status.fileName) — Lumbung"
        running = status.state == .running
        percent = min(max(Int(saturating: status.fraction * 100), 0), 100)
        rows = IndonesianNumber.format(status.rows)
        failed = status.state == .failed
        error = status.errorIndonesian
        done = status.state == .done
        interrupted = status.state == .interrupted
        let report = status.report
        dryRun = report?.dryRun ?? false
        alreadyImported = report?.alreadyImportedInBatch
        batchID = report?.batchID
        layout = report?.layout
        headerRow = report?.headerRow
        counts = report.map { report in
            [("Baris dibaca", report.rowsRead), ("Data baru", report.inserted), ("Diperbarui", report.updated),
             ("Tidak berubah", report.unchanged), ("Duplikat digabung", report.merged), ("Ditolak", report.rejected),
             ("Dilewati (bukan data)", report.skipped), ("Disimpan dengan peringatan", report.warned),
             ("Keluarga baru dari baris orang", report.familiesInserted), ("Keluarga diperbarui dari baris orang", report.familiesUpdated)]
                .map { ($0.0, IndonesianNumber.format($0.1)) }
        } ?? []
        tables = (report?.tables ?? []).map { table in
            Table(title: table.sheet.map { "Lembar \($0)" } ?? "Berkas", role: table.role, regionSource: table.regionSource,
                  headerRow: IndonesianNumber.format(table.headerRow),
                  columns: table.columns.map { ($0.header, $0.fieldLabel ?? "tidak dipakai") },
                  counts: table.rowsRead.map { "\(IndonesianNumber.format($0)) baris dibaca, \(IndonesianNumber.format(table.rejected ?? 0)) ditolak" })
        }
        notes = report?.notes ?? []
        unknownValues = (report?.unknownValues ?? []).map(\.summary)
        skippedSheets = (report?.skippedSheets ?? []).map { "Lembar \($0.name) dilewati: " + ($0.reason ?? "tidak ada judul kolom yang dikenal.") }
        problems = (report?.topProblems ?? []).map { problem in
            Problem(kind: problem.severity == .error ? "Ditolak" : "Peringatan", code: problem.code, count: IndonesianNumber.format(problem.count),
                    message: problem.examples.first?.message ?? "",
                    rows: problem.examples.map { "baris \($0.row)" }.joined(separator: ", "))
        }
        hasProblems = !problems.isEmpty
        rejects = (report?.rejectsFiles ?? []).enumerated().map { index, href in
            (href, status.rejectsNames.indices.contains(index) ? status.rejectsNames[index] : "ditolak.csv")
        }
    }
}
