import Foundation
import LumbungStore
import LumbungTestSupport
import Testing

@Suite struct RegionsCommandTests {
    @Test(arguments: TestDatabase.engines)
    func search_finds_lombok_timur_however_it_is_written(engine: Database.Engine) async throws {
        let created = try await TestDatabase.create(engine)
        defer { Task { try? await TestDatabase.drop(created) } }
        for query in ["lombok timur", "LOMBOK TIMUR", "Kab. Lombok Timur"] {
            let result = try await LumbungProcess.run(["regions", "--search", query, "--database", created.location.urlString])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.hasPrefix("52.03  Kabupaten Lombok Timur  (kabupaten)"))
        }
        try await TestDatabase.drop(created)
    }

    @Test func a_subtree_is_printed_indented_to_the_depth_asked() async throws {
        let created = try await TestDatabase.create(.sqlite)
        let result = try await LumbungProcess.run(["regions", "5203", "--depth", "1", "--database", created.location.urlString])
        let lines = result.stdout.split(separator: "\n")
        #expect(result.status == 0)
        #expect(lines.first == "52.03  Kabupaten Lombok Timur  (kabupaten)")
        #expect(lines.count == 1 + 21)
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("  52.03.") && $0.hasSuffix("(kecamatan)") })
        let whole = try await LumbungProcess.run(["regions", "--database", created.location.urlString])
        #expect(whole.stdout.split(separator: "\n").count == 1_294)
        #expect(whole.stdout.contains("\n      52.03.01.2001  Tanjung Luar  (desa)\n"))
        try await TestDatabase.drop(created)
    }

    @Test func bad_input_gets_one_clear_line_and_the_right_exit_code() async throws {
        let created = try await TestDatabase.create(.sqlite)
        let db = ["--database", created.location.urlString]
        let unknown = try await LumbungProcess.run(["regions", "52.99"] + db)
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "error: There is no region with code 52.99.\n")

        let malformed = try await LumbungProcess.run(["regions", "52.1"] + db)
        #expect(malformed.status == 2)
        #expect(malformed.stderr.hasPrefix("error: '52.1' is not a region code"))

        let nothing = try await LumbungProcess.run(["regions", "--search", "xyzzy"] + db)
        #expect(nothing.status == 1)
        #expect(nothing.stderr == "error: No region matches 'xyzzy'.\n")

        let usage = try await LumbungProcess.run(["regions", "--depth", "-1"] + db)
        #expect(usage.status == 2)

        let unknownOption = try await LumbungProcess.run(["regions", "--colour"])
        #expect(unknownOption.status == 2)
        #expect(unknownOption.stderr.contains("Unknown option '--colour'"))
        try await TestDatabase.drop(created)
    }

    @Test func help_documents_every_command() async throws {
        let help = try await LumbungProcess.run(["--help"])
        #expect(help.status == 0)
        for command in ["serve", "migrate", "regions"] { #expect(help.stdout.contains(command)) }
        let regionsHelp = try await LumbungProcess.run(["regions", "--help"])
        #expect(regionsHelp.status == 0)
        #expect(regionsHelp.stdout.contains("--search"))
    }
}

extension DatabaseLocation {
    /// The form `--database` accepts.
    var urlString: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let url): url
        }
    }
}
