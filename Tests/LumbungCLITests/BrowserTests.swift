import Foundation
import LumbungDomain
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
        await browserTurns.enter()
        defer { Task { await browserTurns.leave() } }
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
        try ProcessLaunch.run(browser)
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

    /// What the measuring expression reports of a page.
    struct Measure: Decodable {
        let scrollWidth: Int
        let width: Int
        let header: Double
        let small: [String]
        let heading: String
    }

    static let measure = """
        (() => {
          const small = [];
          for (const el of document.querySelectorAll('button, a.button, select, input[type=submit], nav.paging a')) {
            const r = el.getBoundingClientRect();
            if (r.width > 0 && r.height < 44) small.push(el.outerHTML.slice(0, 50) + ' ' + r.height);
          }
          for (const el of document.querySelectorAll('input[type=radio]')) {
            const r = (el.closest('label') || el).getBoundingClientRect();
            if (r.width > 0 && r.height < 44) small.push('radio ' + el.value + ' ' + r.height);
          }
          for (const el of document.querySelectorAll('svg.region-map path[fill]')) {
            if (getComputedStyle(el).fill !== el.getAttribute('fill') && !el.getAttribute('fill').startsWith('url(')) {
              const hex = el.getAttribute('fill'), rgb = 'rgb(' + [1, 3, 5].map(i => parseInt(hex.substr(i, 2), 16)).join(', ') + ')';
              if (getComputedStyle(el).fill !== rgb) { small.push('map colour ' + hex + ' drawn as ' + getComputedStyle(el).fill); break; }
            }
          }
          const header = document.querySelector('header.site');
          const h1 = document.querySelector('h1');
          return JSON.stringify({ scrollWidth: document.documentElement.scrollWidth, width: window.innerWidth,
            header: header ? header.getBoundingClientRect().height : 0, small, heading: h1 ? h1.textContent : '' });
        })()
        """

    /// The demo province served from a copy of `DemoTemplate`'s database in `folder`, and bearer tokens of its admin and its
    /// viewer. (`lumbung demo` serves an existing database as it is: only the first caller generates and imports.)
    static func startDemo(in folder: URL) async throws -> (Process, String, [String: String]) {
        let file = folder.appendingPathComponent("demo.sqlite").path
        try await DemoTemplate.shared.copy(to: file)
        let (server, printed, stopped) = try await DemoTemplate.start(file)
        let range = try #require(printed.range(of: #"http://127\.0\.0\.1:\d+/"#, options: .regularExpression), "\(printed)\(stopped)")
        let database = try await TestDatabase.open(.sqlite(path: file))
        var tokens: [String: String] = [:]
        for user in ["demo-admin", "demo-pembaca"] {
            tokens[user] = try await SessionStore(database: database).issueToken(for: user, name: "browser", days: 1,
                                                                                 by: AuditActor(name: "test", address: nil)).token
        }
        await database.close()
        return (server, String(printed[range].dropLast()), tokens)
    }

    /// Beranda, a kabupaten, kecamatan and desa, their indicator pages, a map choice, the ranking and the brief at 360 px as
    /// an admin and a viewer (no sideways scroll, 44 px targets, a compact header), an XLSX and a CSV downloaded from a
    /// phone, and the printed ranking, region page and brief; every page's screenshot and every PDF is written to
    /// `.ci-artifacts/screenshots/`.
    @Test func the_main_pages_fit_a_360_pixel_phone_with_44_pixel_targets_and_print_with_their_figures() async throws {
        await browserTurns.enter()
        defer { Task { await browserTurns.leave() } }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("browser-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (server, base, tokens) = try await Self.startDemo(in: folder)
        defer { server.terminate(); server.waitUntilExit() }
        let browser = try HeadlessChromium(executable: chromium!)
        defer { browser.close() }
        let pages = ["/", "/wilayah/52.03", "/wilayah/52.03/indikator", "/peringkat?within=52.03", "/peringkat?within=52.03&min_keluarga=0",
                     "/wilayah/52.03.01", "/wilayah/52.03.01.2001", "/wilayah/52.03.01.2001/indikator", "/wilayah/52.03?indikator=no_jkn&kelas=jenks",
                     "/wilayah/52.03/ringkas", "/wilayah/52.03.01.2001/ringkas"]
        let screenshots = try Self.screenshotFolder()
        var tallestHeader = 0.0
        for user in ["demo-admin", "demo-pembaca"] {
            try browser.authorize(try #require(tokens[user]))
            try browser.emulate(width: 360, height: 740, mobile: true)
            for page in pages {
                try browser.open(base + page)
                let measured = try JSONDecoder().decode(Measure.self, from: Data(try browser.evaluate(Self.measure).utf8))
                #expect(!measured.heading.isEmpty && !measured.heading.contains("Masuk"), "\(user) \(page) is the page itself")
                #expect(measured.width == 360, "\(page)")
                #expect(measured.scrollWidth <= 360, "\(user) \(page) scrolls sideways: \(measured.scrollWidth) px")
                #expect(measured.small.isEmpty, "\(user) \(page): targets under 44 px or map colours the stylesheet overrides: \(measured.small)")
                #expect(measured.header <= 0.2 * 740, "\(user) \(page): the header takes \(measured.header) px")
                tallestHeader = max(tallestHeader, measured.header)
                try browser.screenshot().write(to: screenshots.appendingPathComponent("360-\(user)-\(Self.slug(page)).png"))
            }
        }
        print("browser: the tallest header at 360 × 740 px is \(tallestHeader) px")
        // Every other page an admin opens fits 360 px too (no sideways scroll) and weighs under 150 KB before compression.
        let others = ["/program", "/program/baru", "/program/PKH", "/program/PKH/ubah", "/koordinasi?within=52.03", "/impor", "/pemantauan",
                      "/pemantauan/target", "/pengguna", "/akun", "/audit", "/sumber-lain", "/orang"]
        try browser.authorize(try #require(tokens["demo-admin"]))
        var heaviest = 0
        for page in others {
            try browser.open(base + page)
            let measured = try JSONDecoder().decode(Measure.self, from: Data(try browser.evaluate(Self.measure).utf8))
            #expect(!measured.heading.isEmpty && !measured.heading.contains("Masuk"), "\(page) is the page itself")
            #expect(measured.scrollWidth <= 360, "\(page) scrolls sideways: \(measured.scrollWidth) px")
            let bytes = Int(try browser.evaluate("String(performance.getEntriesByType('navigation')[0].decodedBodySize)")) ?? -1
            #expect(bytes > 0 && bytes <= 150_000, "\(page): \(bytes) bytes")
            heaviest = max(heaviest, bytes)
            try browser.screenshot().write(to: screenshots.appendingPathComponent("360-demo-admin-\(Self.slug(page)).png"))
        }
        print("browser: \(others.count) more pages fit 360 px; the heaviest is \(heaviest) bytes")
        // Print: the ranking on landscape A4 with the weights and the data date and no column cut off; a kabupaten on portrait A4.
        try browser.authorize(try #require(tokens["demo-admin"]))
        try browser.emulate(width: 1047, height: 740, mobile: false, print: true)
        try browser.open(base + "/peringkat?within=52.03&min_keluarga=0")
        let ranking = try browser.evaluate("""
            (() => { const t = document.querySelector('table.ranking').getBoundingClientRect();
              const w = document.querySelector('p.weights-used'), f = document.querySelector('p.freshness'), form = document.querySelector('details.weights-panel');
              return [Math.round(t.right) <= window.innerWidth, w.offsetHeight > 0, w.textContent.startsWith('Bobot yang dipakai: Keluarga desil 1 3'),
                      f.textContent.includes('Data per'), form.offsetHeight === 0].join(','); })()
            """)
        #expect(ranking == "true,true,true,true,true", "ranking print: \(ranking)")
        try browser.screenshot().write(to: screenshots.appendingPathComponent("cetak-peringkat.png"))
        let rankingPDF = try browser.printToPDF()
        try rankingPDF.write(to: screenshots.appendingPathComponent("cetak-peringkat.pdf"))
        try browser.emulate(width: 718, height: 1000, mobile: false, print: true)
        try browser.open(base + "/wilayah/52.03")
        let region = try browser.evaluate("""
            (() => [document.documentElement.scrollWidth <= window.innerWidth, document.querySelector('p.freshness').textContent.includes('Sumber:'),
                    document.querySelectorAll('table.figures td.num').length > 0, document.querySelector('ul.legend li') !== null,
                    document.querySelector('form.map-choice').offsetHeight === 0].join(','))()
            """)
        #expect(region == "true,true,true,true,true", "region print: \(region)")
        try browser.screenshot().write(to: screenshots.appendingPathComponent("cetak-wilayah-52.03.png"))
        let regionPDF = try browser.printToPDF()
        try regionPDF.write(to: screenshots.appendingPathComponent("cetak-wilayah-52.03.pdf"))
        let pagesOf = Self.pageCount
        #expect(pagesOf(regionPDF) >= 1 && pagesOf(regionPDF) <= 4, "a kabupaten prints on \(pagesOf(regionPDF)) pages")
        #expect(pagesOf(rankingPDF) >= 1, "the ranking prints")
        print("browser: kabupaten page \(pagesOf(regionPDF)) A4 pages, ranking page (50 rows) \(pagesOf(rankingPDF)) pages")

        try Self.checkDownloads(browser, base: base, folder: folder, screenshots: screenshots)
        try Self.checkBrief(browser, base: base, folder: folder, screenshots: screenshots)
        print("browser: screenshots and printed PDFs in \(screenshots.path)")
    }

    /// Where the screenshots and printed PDFs of these checks go, kept by CI: `.ci-artifacts/screenshots/` in the package
    /// (ignored by git).
    static func screenshotFolder() throws -> URL {
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = package.appendingPathComponent(".ci-artifacts/screenshots")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// `/peringkat?within=52.03` → `peringkat-within-52.03`; `/` → `beranda`.
    static func slug(_ page: String) -> String {
        let text = String(page.map { $0.isLetter || $0.isNumber || $0 == "." ? $0 : "-" })
            .split(separator: "-", omittingEmptySubsequences: true).joined(separator: "-")
        return text.isEmpty ? "beranda" : text
    }

    /// The pages of a PDF: `pdfinfo` (poppler-utils) where installed, else its `/Type /Page` objects counted.
    static func pageCount(_ pdf: Data) -> Int {
        if let info = try? poppler("pdfinfo", pdf), let line = info.split(separator: "\n").first(where: { $0.hasPrefix("Pages:") }),
           let pages = Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces)) {
            return pages
        }
        let text = String(decoding: pdf, as: UTF8.self)
        return text.components(separatedBy: "/Type /Page").count - text.components(separatedBy: "/Type /Pages").count
    }

    /// The output of a poppler-utils tool (`pdfinfo`, `pdftotext`) run on `pdf`.
    static func poppler(_ tool: String, _ pdf: Data) throws -> String {
        guard let executable = ["/usr/bin/\(tool)", "/usr/local/bin/\(tool)"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw HeadlessChromium.Failure(description: "\(tool) is not installed: apt-get install poppler-utils")
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pdf-\(UUID()).pdf")
        try pdf.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = tool == "pdftotext" ? ["-layout", file.path, "-"] : [file.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try ProcessLaunch.run(process)
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text
    }

    /// A table downloaded the way a user does it on a phone: the indicator page at 360 px, a tap on "Excel (XLSX)" and on
    /// "CSV"; the files are an XLSX (a zip) and a CSV for Excel (UTF-8 with BOM) whose header names the columns.
    static func checkDownloads(_ browser: HeadlessChromium, base: String, folder: URL, screenshots: URL) throws {
        let downloads = folder.appendingPathComponent("unduhan")
        try FileManager.default.createDirectory(at: downloads, withIntermediateDirectories: true)
        try browser.allowDownloads(into: downloads)
        try browser.emulate(width: 360, height: 740, mobile: true)
        try browser.open(base + "/wilayah/52.03/indikator")
        let scroll = try browser.evaluate("String(document.documentElement.scrollWidth)")
        #expect(scroll == "360", "the page with the download links scrolls sideways: \(scroll) px")
        let xlsx = try browser.download("document.querySelector('p.downloads a[href$=\"indikator.xlsx\"]').click()", into: downloads)
        let workbook = try Data(contentsOf: xlsx.file)
        #expect(xlsx.suggested.hasSuffix(".xlsx") && workbook.starts(with: [0x50, 0x4B, 0x03, 0x04]), "\(xlsx.suggested): \(workbook.prefix(4))")
        let csv = try browser.download("document.querySelector('p.downloads a[href$=\"indikator.csv\"]').click()", into: downloads)
        let table = try Data(contentsOf: csv.file)
        #expect(csv.suggested.hasSuffix(".csv") && table.starts(with: [0xEF, 0xBB, 0xBF]), "\(csv.suggested)")
        let header = String(decoding: table.dropFirst(3).prefix { $0 != 0x0A }, as: UTF8.self)
        #expect(header.contains("Kode") && header.contains("Keluarga desil 1"), "CSV header: \(header)")
        try browser.screenshot(fullPage: false).write(to: screenshots.appendingPathComponent("360-unduh-indikator.png"))
        print("browser: downloaded \(xlsx.suggested) (\(workbook.count) bytes) and \(csv.suggested) (\(table.count) bytes) at 360 px")
    }

    /// The brief of Lombok Timur printed to PDF: 1–4 A4 pages numbered "Halaman N dari M", holding the data date, the
    /// headline figures, the legend, the priority desa and all six charts; the region page links to it. In English the
    /// pages read "Page N of M".
    static func checkBrief(_ browser: HeadlessChromium, base: String, folder: URL, screenshots: URL) throws {
        try browser.emulate(width: 360, height: 740, mobile: true)
        try browser.open(base + "/wilayah/52.03")
        let link = try browser.evaluate("(document.querySelector('a.button[href^=\"/wilayah/52.03/ringkas\"]') || {}).textContent || ''")
        #expect(link == "Cetak ringkasan")
        try browser.emulate(width: 718, height: 1000, mobile: false, print: true)
        try browser.open(base + "/wilayah/52.03/ringkas")
        let layout = try browser.evaluate("""
            (() => [document.documentElement.scrollWidth <= window.innerWidth, document.querySelectorAll('ul.cards li').length,
                    document.querySelectorAll('ul.legend li').length > 0, document.querySelectorAll('ol.priority-list li').length,
                    document.querySelectorAll('figure.chart svg.chart').length, getComputedStyle(document.querySelector('header.site form.search')).display === 'none',
                    document.querySelector('p.brief-print-hint').offsetHeight === 0].join(','))()
            """)
        #expect(layout == "true,7,true,10,6,true,true", "brief print layout: \(layout)")
        try browser.screenshot().write(to: screenshots.appendingPathComponent("cetak-ringkasan-52.03.png"))
        let pdf = try browser.printToPDF()
        try pdf.write(to: screenshots.appendingPathComponent("cetak-ringkasan-52.03.pdf"))
        let pages = pageCount(pdf)
        #expect(pages >= 1 && pages <= 4, "the brief of a kabupaten prints on \(pages) A4 pages")
        let text = try poppler("pdftotext", pdf)
        #expect(text.contains("Data per 30 Juni 2025"), "the printed brief names the data date")
        #expect(text.contains("Ringkasan wilayah") && text.contains("Kabupaten Lombok Timur") && text.contains("Sumber:"))
        #expect(text.contains("Halaman 1 dari \(pages)") && text.contains("Halaman \(pages) dari \(pages)"), "page numbers")
        #expect(text.contains("10 desa/kelurahan prioritas") && text.contains("Piramida penduduk") && text.contains("Menurut disabilitas"))
        // In English the same brief prints its labels and its page numbers in English ("Page 1 of 4"), on as few pages.
        try browser.open(base + "/wilayah/52.03/ringkas?lang=en")
        let english = try browser.printToPDF()
        try english.write(to: screenshots.appendingPathComponent("cetak-ringkasan-52.03-en.pdf"))
        let englishPages = pageCount(english)
        #expect(englishPages >= 1 && englishPages <= 4, "the English brief of a kabupaten prints on \(englishPages) A4 pages")
        let englishText = try poppler("pdftotext", english)
        #expect(englishText.contains("Page 1 of \(englishPages)") && englishText.contains("Page \(englishPages) of \(englishPages)"), "English page numbers")
        #expect(englishText.contains("Region brief") && englishText.contains("Data as of 30 June 2025") && !englishText.contains("Halaman"))
        // Back to Indonesian for the steps after this one (the choice is remembered with the user).
        try browser.open(base + "/wilayah/52.03/ringkas?lang=id")
        print("browser: the brief of Kabupaten Lombok Timur prints on \(pages) A4 pages")
    }
}


/// The browser checks' demo database, made once per test run: Lombok Timur at 2 %, about 30 families a desa, enough desa
/// past the ranking's 30-family minimum for a full priority list on Beranda and in the brief; the rest of the province at
/// 0.1 %. Each check serves a copy of it (generating and importing it took a debug build half a minute of both cores, three
/// times over, before).
actor DemoTemplate {
    static let shared = DemoTemplate()
    private var made: Task<String, any Error>?

    /// Copies the template database (made on first use) to `file`.
    func copy(to file: String) async throws {
        let task = made ?? Task { try await Self.make() }
        made = task
        let template = try await task.value
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: template + suffix) {
            try FileManager.default.copyItem(atPath: template + suffix, toPath: file + suffix)
        }
    }

    private static func make() async throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("demo-template-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("demo.sqlite").path
        let (server, printed, stopped) = try await start(file)
        server.terminate()
        server.waitUntilExit()
        guard printed.contains("http://") else { throw DemoTemplateError.notStarted(printed + stopped) }
        return file
    }

    /// Starts `lumbung demo` on `file` and reads until it prints its address (the first start imports: minutes on a loaded
    /// machine), on a thread of its own; what it printed, and its stderr when it stopped before listening.
    static func start(_ file: String) async throws -> (Process, String, String) {
        let (server, out, err) = try LumbungProcess.start(["demo", "--scale", "0.001", "--region-scale", "52.03=0.02", "--port", "0",
                                                           "--database", file])
        let reading = out.fileHandleForReading
        let printed = try await offPool {
            var printed = ""
            while !printed.contains("http://"), case let chunk = reading.availableData, !chunk.isEmpty {
                printed += String(decoding: chunk, as: UTF8.self)
            }
            return printed
        }
        let stopped = printed.contains("http://") ? "" : "\nstderr: " + String(decoding: err.fileHandleForReading.readDataToEndOfFile().suffix(4000), as: UTF8.self)
        return (server, printed, stopped)
    }
}

enum DemoTemplateError: Error {
    case notStarted(String)
}
