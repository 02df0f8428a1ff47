import Foundation
import LumbungDomain
import LumbungStore
import LumbungTestSupport
import Testing

/// The printable M&E report of a kabupaten printed by Chromium to PDF (as the region brief's test prints it): the demo
/// province with two snapshots and targets for Lombok Timur and its kecamatan, at most 4 A4 pages with page numbers,
/// the data date and source. The PDF is kept in `.ci-artifacts/screenshots/`.
@Suite(.serialized, .enabled(if: chromium != nil)) struct MonitoringPrintTests {
    @Test func the_report_of_a_kabupaten_prints_on_at_most_four_a4_pages() async throws {
        await browserTurns.enter()
        defer { Task { await browserTurns.leave() } }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("me-print-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (server, base, tokens) = try await BrowserTests.startDemo(in: folder)
        defer { server.terminate(); server.waitUntilExit() }
        // Two snapshots of the demo's figures and targets for Lombok Timur and every one of its kecamatan.
        let database = try await TestDatabase.open(.sqlite(path: folder.appendingPathComponent("demo.sqlite").path))
        let snapshots = SnapshotStore(database: database)
        _ = try await snapshots.create(name: SnapshotName("rilis-2024")!, date: CalendarDate(year: 2024, month: 6, day: 30), by: "uji")
        _ = try await snapshots.create(name: SnapshotName("rilis-2025")!, date: CalendarDate(year: 2025, month: 6, day: 30), by: "uji")
        let tree = try await RegionStore(database: database).fetchTree()
        let lombokTimur = try RegionCode("52.03")
        var plans = [TargetPlan(indicator: "desil1_families", region: lombokTimur, baseline: Baseline(value: 30, year: 2023, source: "DTKS 2023"),
                                targets: [2024: 27, 2025: 24]),
                     TargetPlan(indicator: "unfit_housing", region: lombokTimur, targets: [2025: 10]),
                     TargetPlan(indicator: "no_sanitation", region: lombokTimur, targets: [2025: 10])]
        for (index, kecamatan) in tree.children(of: lombokTimur).enumerated() {
            plans.append(TargetPlan(indicator: "desil1_families", region: kecamatan.code, targets: [2025: Double(10 + index % 20)]))
        }
        try await TargetStore(database: database).save(plans, by: "uji")
        await database.close()

        let browser = try HeadlessChromium(executable: chromium!)
        defer { browser.close() }
        try browser.authorize(try #require(tokens["demo-admin"]))
        try browser.emulate(width: 718, height: 1000, mobile: false, print: true)
        try browser.open(base + "/pemantauan/laporan?wilayah=52.03")
        let layout = try browser.evaluate("""
            (() => [document.documentElement.scrollWidth <= window.innerWidth, document.querySelectorAll('section.me-headlines tbody tr').length,
                    document.querySelectorAll('section.me-indicator svg').length, document.querySelectorAll('section.me-indicator tbody tr').length,
                    document.querySelector('p.brief-print-hint').offsetHeight === 0].join(','))()
            """)
        let kecamatan = tree.children(of: lombokTimur).count
        #expect(layout == "true,3,3,\(3 * kecamatan),true", "report print layout: \(layout)")
        let pdf = try browser.printToPDF()
        let screenshots = try BrowserTests.screenshotFolder()
        try pdf.write(to: screenshots.appendingPathComponent("cetak-pemantauan-52.03.pdf"))
        let pages = BrowserTests.pageCount(pdf)
        #expect(pages >= 1 && pages <= 4, "the M&E report of a kabupaten prints on \(pages) A4 pages")
        let text = try BrowserTests.poppler("pdftotext", pdf)
        #expect(text.contains("Laporan pemantauan dan evaluasi") && text.contains("Lombok Timur"))
        #expect(text.contains("Data per 30 Juni 2025") && text.contains("Sumber:") && text.contains("DTKS 2023"))
        #expect(text.contains("Capaian utama") && text.contains("Keluarga desil 1"))
        #expect(text.contains("Halaman 1 dari \(pages)") && text.contains("Halaman \(pages) dari \(pages)"), "page numbers")
        print("browser: the M&E report of Kabupaten Lombok Timur prints on \(pages) A4 pages")
    }

    /// The programme report (`/program/PKH/laporan`) of the demo's PKH with output targets for 2024 and 2025 in every
    /// kecamatan of Lombok Timur: at most 3 A4 pages with page numbers, in Indonesian and (`?lang=en`) in English.
    @Test func the_report_of_a_programme_prints_with_page_numbers_in_both_languages() async throws {
        await browserTurns.enter()
        defer { Task { await browserTurns.leave() } }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("programme-print-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (server, base, tokens) = try await BrowserTests.startDemo(in: folder)
        defer { server.terminate(); server.waitUntilExit() }
        let database = try await Database.open(.sqlite(path: folder.appendingPathComponent("demo.sqlite").path), logger: TestDatabase.logger)
        let tree = try await RegionStore(database: database).fetchTree()
        let kecamatan = tree.children(of: try RegionCode("52.03"))
        var targets: [ProgrammeTarget] = []
        for (index, region) in kecamatan.enumerated() {
            targets.append(ProgrammeTarget(programme: "PKH", region: region.code, year: 2024, target: 50 + index))
            targets.append(ProgrammeTarget(programme: "PKH", region: region.code, year: 2025, target: 40 + index, entered: index % 3 == 0 ? 30 : nil))
        }
        try await ProgrammeTargetStore(database: database).save(targets, by: "uji")
        await database.close()

        let browser = try HeadlessChromium(executable: chromium!)
        defer { browser.close() }
        try browser.authorize(try #require(tokens["demo-admin"]))
        try browser.emulate(width: 718, height: 1000, mobile: false, print: true)
        for (language, first, pageWord, of) in [("id", "Laporan pemantauan dan evaluasi program", "Halaman", "dari"),
                                                ("en", "Programme monitoring and evaluation report", "Page", "of")] {
            try browser.open(base + "/program/PKH/laporan?wilayah=52.03&lang=\(language)")
            let layout = try browser.evaluate("""
                (() => [document.documentElement.scrollWidth <= window.innerWidth, document.querySelectorAll('section.programme-year tbody tr').length,
                        document.querySelector('p.brief-print-hint').offsetHeight === 0].join(','))()
                """)
            #expect(layout == "true,\(2 * kecamatan.count),true", "programme report print layout (\(language)): \(layout)")
            let pdf = try browser.printToPDF()
            try pdf.write(to: try BrowserTests.screenshotFolder().appendingPathComponent("cetak-program-PKH-52.03-\(language).pdf"))
            let pages = BrowserTests.pageCount(pdf)
            #expect(pages >= 1 && pages <= 3, "the PKH report of a kabupaten prints on \(pages) A4 pages (\(language))")
            let text = try BrowserTests.poppler("pdftotext", pdf)
            #expect(text.contains(first) && text.contains("Lombok Timur") && text.contains("PKH"), "\(language)")
            #expect(text.contains("\(pageWord) 1 \(of) \(pages)") && text.contains("\(pageWord) \(pages) \(of) \(pages)"), "page numbers (\(language))")
            print("browser: the PKH report of Kabupaten Lombok Timur prints on \(pages) A4 pages (\(language))")
        }
    }
}
