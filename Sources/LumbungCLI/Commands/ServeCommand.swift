import ArgumentParser
import Foundation
import Hummingbird
import Logging
import LumbungStore
import LumbungWeb
import NIOCore

/// `lumbung serve`: migrates the database if needed and serves the web app and the API until stopped (Ctrl-C or SIGTERM).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the web app and the JSON API.",
        discussion: "Applies pending migrations first. Stops gracefully on Ctrl-C or SIGTERM."
    )

    @OptionGroup var databaseOptions: DatabaseOptions
    @OptionGroup var loggingOptions: LoggingOptions

    @Option(help: "Address to listen on (or LUMBUNG_HOST). 0.0.0.0 opens Lumbung to the network.")
    var host: String?

    @Option(help: "Port to listen on (or LUMBUNG_PORT); 0 picks a free port.")
    var port: Int?

    func run() async throws {
        let logger = try loggingOptions.logger(label: "lumbung", default: .info)
        let web = try webConfiguration()
        let database = try await databaseOptions.openMigrated(logger: logger)
        do {
            try await Self.serve(database: database, configuration: web, logger: logger)
            await database.close()
        } catch {
            await database.close()
            throw error
        }
    }

    func webConfiguration() throws -> WebConfiguration {
        let environment = ProcessInfo.processInfo.environment
        let host = host ?? environment["LUMBUNG_HOST"] ?? "127.0.0.1"
        let portValue: Int
        if let port {
            portValue = port
        } else if let text = environment["LUMBUNG_PORT"] {
            guard let parsed = Int(text) else { throw CLIFailure.usage("LUMBUNG_PORT '\(text)' is not a port number.") }
            portValue = parsed
        } else {
            portValue = 8080
        }
        guard (0...65_535).contains(portValue) else {
            throw CLIFailure.usage("Port \(portValue) is out of range: use 1–65535 (or 0 for any free port).")
        }
        return WebConfiguration(host: host, port: portValue)
    }

    /// Uploads are kept beside an SQLite file (`lumbung-unggahan/`), or in the working directory for PostgreSQL;
    /// `LUMBUNG_UPLOADS` names another folder.
    static func uploadFolder(for location: DatabaseLocation) -> URL {
        if let folder = ProcessInfo.processInfo.environment["LUMBUNG_UPLOADS"], !folder.isEmpty { return URL(fileURLWithPath: folder) }
        if case .sqlite(let path) = location {
            return URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("lumbung-unggahan")
        }
        return URL(fileURLWithPath: "lumbung-unggahan")
    }

    static func serve(database: Database, configuration: WebConfiguration, logger: Logger) async throws {
        let services = try await AppServices.load(database: database, uploadFolder: uploadFolder(for: database.location))
        let location = database.location.description
        let running: @Sendable (Int) async -> Void = { port in
            let shownHost = configuration.host == "0.0.0.0" ? "127.0.0.1" : configuration.host
            let line = "Lumbung berjalan di http://\(shownHost):\(port)/  (database: \(location)). Tekan Ctrl-C untuk berhenti.\n"
            FileHandle.standardOutput.write(Data(line.utf8))
        }
        do {
            // SIGTERM or Ctrl-C: running imports are rolled back and marked "terminputus", requests in flight finish.
            try await runApplication(configuration: configuration, services: services, logger: logger, onServerRunning: running)
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw CLIFailure.failure("Port \(configuration.port) on \(configuration.host) is already in use: stop the other program or choose another port with --port.")
        } catch let error as IOError {
            throw CLIFailure.failure("Cannot listen on \(configuration.host):\(configuration.port): \(error.description).")
        }
    }
}
