import ArgumentParser
import Foundation
import Logging
import LumbungDomain
import LumbungImport
import LumbungStore
import LumbungSynth
import LumbungWeb

/// `lumbung demo`: a synthetic province in its own database, imported and served — the first thing to run.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Generate a synthetic NTB province, import it into a demo database and serve it.",
        discussion: """
            The first run generates and imports (about half a minute at the default scale); later runs reuse
            the demo database and start at once. Every person in it is invented. Each start gives the demo
            users (one per role) new random passwords and prints them.
            """
    )

    @Option(help: "Share of the province to generate (1 = ≈ 5.75 million people).")
    var scale: Double = 0.01

    @Option(help: "The demo database file.")
    var database: String = "lumbung-demo.sqlite"

    @Option(help: "Address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "Port to listen on; 0 picks a free one.")
    var port: Int = 8080

    @Flag(help: "Throw the existing demo database away and build a new one.")
    var fresh = false

    @OptionGroup var loggingOptions: LoggingOptions

    func run() async throws {
        let logger = try loggingOptions.logger(label: "lumbung.demo", default: .warning)
        guard (0...65_535).contains(port) else { throw CLIFailure.usage("Port \(port) is out of range: use 1–65535 (or 0 for any free port).") }
        let location = DatabaseLocation.sqlite(path: database)
        if fresh {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
        }
        var db = try await Database.open(location, logger: logger)
        do {
            try await Migrator(logger: logger).migrate(db)
            if try await RegistryStore.isEmpty(db) {
                await db.close()
                try await build(logger: logger)
                db = try await Database.open(location, logger: logger)
            }
            try await Self.printDemoLogins(db)
            try await ServeCommand.serve(database: db, configuration: .init(host: host, port: port), logger: logger)
            await db.close()
        } catch {
            await db.close()
            throw error
        }
    }

    /// One demo user per role: LKKS NTB staff for the province, an operator and a partner for Lombok Timur.
    static let demoUsers: [(username: String, name: String, role: Role, scope: String, organisation: String?)] = [
        ("demo-admin", "Admin LKKS NTB", .admin, "52", nil),
        ("demo-analis", "Analis LKKS NTB", .analyst, "52", nil),
        ("demo-operator", "Operator Lombok Timur", .operator, "52.03", nil),
        ("demo-mitra", "Mitra Lombok Timur", .partner, "52.03", "LSM Demo"),
        ("demo-pembaca", "Pengurus LKKS", .viewer, "52", nil),
    ]

    /// Gives every demo user a fresh random password (adding the user on the first run) and prints the logins.
    static func printDemoLogins(_ database: Database) async throws {
        let users = UserStore(database: database)
        var lines = ["Masuk ke demo dengan salah satu akun ini (kata sandi baru setiap kali demo dimulai):"]
        for demo in demoUsers {
            let password = String(Passwords.randomSecret().prefix(16))
            if try await users.user(named: demo.username) == nil {
                _ = try await users.add(username: demo.username, displayName: demo.name, role: demo.role, scope: demo.scope,
                                        organisation: demo.organisation, password: password, by: .commandLine)
            } else {
                try await users.setDisabled(demo.username, false, by: .commandLine)
                try await users.resetPassword(demo.username, to: password, by: .commandLine)
            }
            lines.append("  \(demo.role.label.padding(toLength: 9, withPad: " ", startingAt: 0)) \(demo.username.padding(toLength: 14, withPad: " ", startingAt: 0)) \(password)   (wilayah \(demo.scope))")
        }
        FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }

    /// Generates DTSEN-style files into a temporary folder and imports them, families first.
    private func build(logger: Logger) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lumbung-demo-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: folder) }
        FileHandle.standardError.write(Data("Membuat data sintetis NTB (skala \(scale))…\n".utf8))
        let options = GeneratorOptions(scale: scale, seed: 1, format: .csv, layouts: [.dtsen])
        do {
            try options.validate()
        } catch {
            throw CLIFailure.usage(error.description)
        }
        let summary = try await PopulationGenerator(options: options).generate(into: folder)
        let database = try await Database.open(.sqlite(path: self.database), logger: logger)
        do {
            let job = ImportJob(database: database, references: try ImportReferences.load())
            var importOptions = ImportOptions(asOf: options.asOf)
            importOptions.rejectsFolder = folder
            let files = summary.files.filter { $0.hasPrefix("dtsen-keluarga") } + summary.files.filter { $0.hasPrefix("dtsen-individu") }
            for (index, name) in files.enumerated() {
                let report = try await job.run(folder.appendingPathComponent(name), options: importOptions)
                FileHandle.standardError.write(Data("  [\(index + 1)/\(files.count)] \(name): \(report.inserted) baru, \(report.rejected) ditolak\n".utf8))
            }
            await database.close()
        } catch {
            await database.close()
            throw error
        }
        FileHandle.standardError.write(Data("Data demo siap: \(summary.families) keluarga, \(summary.people) jiwa.\n".utf8))
    }
}
