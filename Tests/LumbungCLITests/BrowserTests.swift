import Foundation
import LumbungStore
import LumbungTestSupport
import Testing

/// The installed Chromium, if any.
let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

/// The pages as a real browser sees them: headless Chromium loads a region page from a running
/// `lumbung serve` and the DOM it builds must hold the map and the drill-down table.
/// Skipped only where Chromium is not installed (CI installs it).
@Suite(.serialized, .enabled(if: chromium != nil)) struct BrowserTests {

    @Test func chromium_renders_a_kabupaten_with_its_map_and_kecamatan() async throws {
        let created = try await TestDatabase.create(.sqlite)
        let (server, out, _) = try LumbungProcess.start(["serve", "--port", "0", "--database", created.location.urlString, "--log-level", "error"])
        defer { server.terminate(); server.waitUntilExit() }
        var printed = ""
        while !printed.contains("http://"), case let chunk = out.fileHandleForReading.availableData, !chunk.isEmpty {
            printed += String(decoding: chunk, as: UTF8.self)
        }
        let range = try #require(printed.range(of: #"http://127\.0\.0\.1:\d+/"#, options: .regularExpression))
        let url = String(printed[range]) + "wilayah/52.03"

        let browser = Process()
        browser.executableURL = URL(fileURLWithPath: chromium!)
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID())")
        browser.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile.path)", "--dump-dom", url]
        let dom = Pipe()
        browser.standardOutput = dom
        browser.standardError = FileHandle.nullDevice
        try browser.run()
        let html = String(decoding: dom.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        browser.waitUntilExit()
        try? FileManager.default.removeItem(at: profile)

        #expect(html.contains("<h1>Kabupaten Lombok Timur</h1>"))
        #expect(html.contains("<svg class=\"region-map\""))
        // 21 kecamatan, each an outline and a table row linking to its page.
        #expect(html.components(separatedBy: "<path class=\"child").count - 1 == 21)
        #expect(html.components(separatedBy: "<tr><td class=\"code\">52.03.").count - 1 == 21)
        try await TestDatabase.drop(created)
    }
}
