import Foundation
import LumbungStore
import LumbungTestSupport
import Testing

/// `lumbung uploads purge` through the real binary (issue 12, finding 12).
@Suite struct UploadsCommandTests {
    @Test func purge_removes_failed_imports_and_dry_runs_and_keeps_real_imports() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("uploads-cli-\(UUID())")
        defer { try? FileManager.default.removeItem(at: root) }
        for (name, marker) in [("gagal", "failed"), ("coba", "dry-run"), ("selesai", "done")] {
            let folder = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("no_kk\n".utf8).write(to: folder.appendingPathComponent("berkas.csv"))
            try Data(marker.utf8).write(to: folder.appendingPathComponent(".status"))
        }
        let database = ["--database", root.appendingPathComponent("lumbung.sqlite").path]
        // Within the retention time nothing goes.
        let early = try await LumbungProcess.run(["uploads", "purge"] + database, environment: ["LUMBUNG_UPLOADS": root.path])
        #expect(early.status == 0 && early.stdout == "removed 0 uploads from \(root.path)\n", "\(early.stderr)")
        let purged = try await LumbungProcess.run(["uploads", "purge", "--older-than", "0"] + database, environment: ["LUMBUNG_UPLOADS": root.path])
        #expect(purged.status == 0 && purged.stdout == "removed 2 uploads from \(root.path)\n", "\(purged.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == ["selesai"])
        let bad = try await LumbungProcess.run(["uploads", "purge", "--older-than", "-3"] + database)
        #expect(bad.status == 2)
    }
}
