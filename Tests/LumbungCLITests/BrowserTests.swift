import Foundation
import LumbungStore
import LumbungTestSupport
import Testing

/// The installed Chromium, if any.
let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

/// The pages as a real browser sees them: headless Chromium asks a running `lumbung serve` for a region page
/// without being signed in, follows the redirect to the sign-in form, and the DOM it builds must hold that
/// form, remembering the page asked for. (Signed-in pages are checked over real HTTP in the web tests:
/// headless Chromium cannot submit a form from the command line.)
/// Skipped only where Chromium is not installed (CI installs it).
@Suite(.serialized, .enabled(if: chromium != nil)) struct BrowserTests {

    @Test func chromium_is_sent_to_the_sign_in_form_for_a_kabupaten_page() async throws {
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

        #expect(html.contains("<h1>Masuk</h1>"))
        #expect(html.contains("<input type=\"hidden\" name=\"lanjut\" value=\"/wilayah/52.03\">"))
        #expect(html.contains("<input id=\"password\" name=\"password\" type=\"password\""))
        #expect(html.range(of: #"action="/masuk\?csrf=[0-9a-f]{64}""#, options: .regularExpression) != nil)
        #expect(!html.contains("Kabupaten Lombok Timur</h1>"))
        try await TestDatabase.drop(created)
    }
}
