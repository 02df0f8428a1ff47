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
}
