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
        /// The import's report (`/impor/proses/{job}`), when a web upload wrote the batch.
        let reportHref: String?
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
                  inserted: texts.number($0.inserted), updated: texts.number($0.updated), rejected: texts.number($0.rejected),
                  reportHref: $0.jobID.map { "/impor/proses/\($0)" })
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
    let heading: String
    /// The sentences of the page with their figures filled in.
    let runningText: String
    let alreadyText: String?
    let resultText: String?
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
    let rejects: [(href: String, name: String, label: String)]
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
        /// "Kolom yang dipahami — …".
        let summary: String
    }

    init(_ status: ImportJobs.Status, id: String = "", csrf: String = "", texts: Catalogue = .of(.id)) {
        self.id = id
        self.csrf = csrf
        cancelled = status.state == .cancelled
        fileName = status.fileName
        heading = texts("job_heading", ["file": status.fileName])
        title = heading + " — Lumbung"
        running = status.state == .running
        percent = min(max(Int(saturating: status.fraction * 100), 0), 100)
        rows = texts.number(status.rows)
        runningText = texts("job_running", ["rows": rows, "percent": String(percent)])
        func number(_ value: Int) -> String { texts.number(value) }
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
        alreadyText = report?.alreadyImportedInBatch.map { texts("job_already", ["batch": String($0)]) }
        resultText = report.map { report in
            (report.dryRun ? texts["job_dry_run"] : texts("job_done", ["batch": report.batchID.map(String.init) ?? ""])) + " "
                + texts("job_format", ["layout": report.layout ?? "", "row": report.headerRow.map(String.init) ?? ""])
        }
        counts = report.map { report in
            [("job_count_read", report.rowsRead), ("job_count_new", report.inserted), ("job_count_updated", report.updated),
             ("job_count_unchanged", report.unchanged), ("job_count_merged", report.merged), ("job_count_rejected", report.rejected),
             ("job_count_skipped", report.skipped), ("job_count_warned", report.warned),
             ("job_count_families_new", report.familiesInserted), ("job_count_families_updated", report.familiesUpdated)]
                .map { (texts[$0.0], number($0.1)) }
        } ?? []
        tables = (report?.tables ?? []).map { table in
            let title = table.sheet.map { texts("job_sheet", ["name": $0]) } ?? texts["job_file"]
            let counts = table.rowsRead.map { texts("job_sheet_counts", ["read": number($0), "rejected": number(table.rejected ?? 0)]) }
            return Table(title: title, role: table.role, regionSource: table.regionSource,
                         headerRow: number(table.headerRow),
                         columns: table.columns.map { ($0.header, $0.fieldLabel ?? texts["job_not_used"]) },
                         counts: counts,
                         summary: texts("job_columns", ["title": title, "role": table.role, "row": number(table.headerRow), "source": table.regionSource])
                             + (counts.map { "; " + $0 } ?? ""))
        }
        notes = report?.notes ?? []
        unknownValues = (report?.unknownValues ?? []).map(\.summary)
        skippedSheets = (report?.skippedSheets ?? []).map { texts("job_sheet_skipped", ["name": $0.name, "reason": $0.reason ?? texts["job_no_known_heading"]]) }
        problems = (report?.topProblems ?? []).map { problem in
            Problem(kind: texts[problem.severity == .error ? "job_kind_rejected" : "job_kind_warning"], code: problem.code, count: number(problem.count),
                    message: problem.examples.first?.message ?? "",
                    rows: problem.examples.map { texts("job_row", ["row": String($0.row)]) }.joined(separator: ", "))
        }
        hasProblems = !problems.isEmpty
        rejects = (report?.rejectsFiles ?? []).enumerated().map { index, href in
            let name = status.rejectsNames.indices.contains(index) ? status.rejectsNames[index] : "ditolak.csv"
            return (href, name, texts("job_rejects", ["name": name]))
        }
    }
}
