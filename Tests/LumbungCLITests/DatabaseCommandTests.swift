import Foundation
import LumbungStore
import LumbungTestSupport
import Testing

@Suite struct DatabaseCommandTests {
    @Test(arguments: TestDatabase.engines)
    func migrate_applies_everything_once_and_reports_status(engine: Database.Engine) async throws {
        let created = try await TestDatabase.create(engine)
        let db = ["--database", created.location.urlString]
        let first = try await LumbungProcess.run(["migrate"] + db)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.split(separator: "\n").count == Migrator.all.count)
        #expect(first.stdout.hasPrefix("applied 001  create region tables"))

        let second = try await LumbungProcess.run(["migrate"] + db)
        #expect(second.status == 0)
        #expect(second.stdout.contains("is up to date (\(Migrator.all.count) migrations)"))
        #expect(!second.stdout.contains("password"))

        let status = try await LumbungProcess.run(["migrate", "--status"] + db)
        #expect(status.status == 0)
        #expect(status.stdout.split(separator: "\n").allSatisfy { $0.contains(" applied ") })
        try await TestDatabase.drop(created)
    }

    @Test func the_environment_names_the_database_when_no_flag_does() async throws {
        let created = try await TestDatabase.create(.sqlite)
        let result = try await LumbungProcess.run(["migrate"], environment: ["LUMBUNG_DATABASE_URL": created.location.urlString])
        #expect(result.status == 0)
        #expect(FileManager.default.fileExists(atPath: created.location.urlString))
        try await TestDatabase.drop(created)
    }

    @Test func a_file_that_is_not_sqlite_is_refused_and_left_alone() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID()).xlsx").path
        let content = Data("PK\u{3}\u{4} this is a spreadsheet, not a database".utf8) + Data(count: 4096)
        try content.write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try await LumbungProcess.run(["migrate", "--database", path])
        #expect(result.status == 1)
        #expect(result.stderr == "error: '\(path)' is not an SQLite database: choose another file with --database, or move this one away.\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == content)
    }

    @Test func unreachable_and_malformed_database_urls_are_explained() async throws {
        let unreachable = try await LumbungProcess.run(["migrate", "--database", "postgres://lumbung:geheim@127.0.0.1:1/lumbung"])
        #expect(unreachable.status == 1)
        #expect(unreachable.stderr.hasPrefix("error: Cannot reach PostgreSQL at postgres://lumbung:***@127.0.0.1:1/lumbung"))
        #expect(!unreachable.stderr.contains("geheim"))
        #expect(unreachable.stderr.split(separator: "\n").count == 1)

        let unknownKind = try await LumbungProcess.run(["migrate", "--database", "mysql://root@localhost/x"])
        #expect(unknownKind.status == 2)
        #expect(unknownKind.stderr.hasPrefix("error: Unknown database kind 'mysql://'"))
    }

    @Test(.enabled(if: TestDatabase.postgresAdminURL != nil))
    func a_wrong_postgres_database_name_is_refused_by_the_server() async throws {
        var components = URLComponents(string: TestDatabase.postgresAdminURL!)!
        components.path = "/no_such_lumbung_db"
        let result = try await LumbungProcess.run(["migrate", "--database", components.string!])
        #expect(result.status == 1)
        #expect(result.stderr.contains("refused the connection"))
        #expect(result.stderr.contains("does not exist"))
    }
}
