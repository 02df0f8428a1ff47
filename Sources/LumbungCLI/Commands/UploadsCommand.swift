import ArgumentParser
import Foundation
import LumbungStore
import LumbungWeb

/// `lumbung uploads purge [--older-than HOURS]`: removes failed imports and dry runs from the upload folder
/// (the server does the same on start and hourly, after `LUMBUNG_UPLOAD_RETENTION_HOURS`, default 24).
struct UploadsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uploads",
        abstract: "Manage the files uploaded through the web app.",
        subcommands: [Purge.self]
    )

    struct Purge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove failed imports and dry runs (and uploads whose import never ended) older than --older-than hours.",
            discussion: """
                The upload folder is lumbung-unggahan/ beside the SQLite file (or in the working directory for PostgreSQL),
                or LUMBUNG_UPLOADS. Real imports keep their rejects file; their uploaded file was removed when it was written.
                Example: lumbung uploads purge --older-than 0     # everything that ended, now
                """)
        @OptionGroup var databaseOptions: DatabaseOptions
        @Option(help: "Remove what ended more than this many hours ago.") var olderThan: Int = UploadPolicy().retentionHours

        func run() async throws {
            guard (0...24 * 3650).contains(olderThan) else { throw CLIFailure.usage("--older-than must be 0–87600 hours.") }
            let folder = ServeCommand.uploadFolder(for: try databaseOptions.location())
            let removed = UploadRetention.purge(folder, olderThanHours: olderThan)
            print("removed \(removed.count) upload\(removed.count == 1 ? "" : "s") from \(folder.path)")
        }
    }
}
