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
            By default Lombok Timur (52.03) is generated at 30 % of its people — its desa hold hundreds of
            families, as real ones do — and every other kabupaten/kota at 2 % of its people. The first run generates and
            imports (see bench/README.md for how long that takes); the database is built under a temporary name
            and kept only when complete, so later runs reuse it and start at once. Every person in it is
            invented. Each start gives the demo users (one per role) new random passwords and prints them.

            Examples:
              lumbung demo                                          Lombok Timur at 30 %, the rest at 2 %
              lumbung demo --region-scale 52.03=1                   Lombok Timur at full size (a slower first start)
              lumbung demo --scale 0.3                              the whole province at 30 %
              lumbung demo --fresh                                  throw the demo database away and build it again
            """
    )

    @Option(help: "Share of the people of every kabupaten/kota without a --region-scale (1 = all ≈ 5.75 million of NTB; default 0.02). Given without --region-scale, it applies to Lombok Timur too.")
    var scale: Double?

    @Option(name: .customLong("region-scale"), help: ArgumentHelp(
        "A kabupaten/kota at a scale of its own (code=scale); repeatable. Giving any replaces the default (52.03=0.3).",
        valueName: "code=scale"))
    var regionScales: [String] = []

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
        if fresh { Self.remove(database) }
        var generator = GeneratorOptions.demo
        // The default demo (Lombok Timur at 30 %) unless a scale is asked for.
        generator.scale = scale ?? Self.defaultScale
        if scale != nil || !regionScales.isEmpty { generator.regionScales = try GenerateCommand.regionScales(regionScales) }
        do {
            try generator.validate()
        } catch {
            throw CLIFailure.usage(error.description)
        }
        if !FileManager.default.fileExists(atPath: database) {
            try await build(generator, logger: logger)
        }
        var db = try await Database.open(location, logger: logger)
        do {
            try await Migrator(logger: logger).migrate(db)
            if try await RegistryStore.isEmpty(db) {
                // A demo database from before the demo kept only complete builds: build it again.
                await db.close()
                Self.remove(database)
                try await build(generator, logger: logger)
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

    /// The demo's default (`GeneratorOptions.demo`): Lombok Timur at 30 %, the rest of the province at 2 %.
    static let defaultScale = GeneratorOptions.demo.scale

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

    /// Removes an SQLite database file with its journal files.
    static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// Generates DTSEN-style files into a temporary folder and imports them, families first, into a database built
    /// under a temporary name (`….dibuat`) that takes the demo database's name only when complete: a start that is
    /// interrupted leaves no half-filled demo behind.
    private func build(_ options: GeneratorOptions, logger: Logger) async throws {
        let started = Date()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lumbung-demo-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: folder) }
        let partial = database + ".dibuat"
        Self.remove(partial)
        let scales = options.regionScales.sorted { $0.key < $1.key }.map { "\($0.key.dotted) skala \($0.value)" }
        FileHandle.standardError.write(Data("Membuat data sintetis NTB (skala \(options.scale)\(scales.isEmpty ? "" : "; " + scales.joined(separator: ", ")))…\n".utf8))
        let summary = try await PopulationGenerator(options: options).generate(into: folder)
        let generated = Date()
        let database = try await Database.open(.sqlite(path: partial), logger: logger)
        do {
            try await Migrator(logger: logger).migrate(database)
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
            Self.remove(partial)
            throw error
        }
        try FileManager.default.moveItem(atPath: partial, toPath: self.database)
        for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: partial + suffix) {
            try FileManager.default.moveItem(atPath: partial + suffix, toPath: self.database + suffix)
        }
        let seconds = { (from: Date, to: Date) in String(format: "%.0f", to.timeIntervalSince(from)) }
        FileHandle.standardError.write(Data(("Data demo siap: \(summary.families) keluarga, \(summary.people) jiwa "
            + "(dibuat \(seconds(started, generated)) detik, diimpor \(seconds(generated, Date())) detik).\n").utf8))
    }
}
