import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LumbungDomain
import LumbungStore
import LumbungWeb
import Testing

/// The charts of the indicator page attacked the way a probe reads a picture: every bar's length, position and label,
/// the scale worked out from the shown bars, the stacks' offsets and the pyramid's axis. A withheld figure must not
/// come back from any of them: its bar is a stub of fixed length, every position follows from the shown bars alone,
/// and the scale is set by the shown bars only.
@Suite struct ChartDisclosureWebTests {
    struct Bar {
        let withheld: Bool
        let x: Double, y: Double, width: Double, height: Double
        let name: String
        let text: String
    }

    struct Chart {
        let id: String
        let kind: String
        let bars: [Bar]
    }

    static func charts(_ html: String) throws -> [Chart] {
        let chartPattern = try NSRegularExpression(pattern: #"<svg class="chart" id="grafik-([a-z-]+)" data-jenis="([a-z-]+)".*?</svg>"#,
                                                   options: [.dotMatchesLineSeparators])
        let barPattern = try NSRegularExpression(pattern: #"<rect class="(bar(?: withheld)?)" x="([-\d.]+)" y="([-\d.]+)" width="([-\d.]+)" height="([-\d.]+)" fill="[^"]*"><title>(.*?): ([^:<]*)</title></rect>"#)
        func string(_ text: String, _ range: NSRange) -> String { Range(range, in: text).map { String(text[$0]) } ?? "" }
        return chartPattern.matches(in: html, range: NSRange(html.startIndex..., in: html)).map { match in
            let svg = string(html, match.range)
            let bars = barPattern.matches(in: svg, range: NSRange(svg.startIndex..., in: svg)).map { bar in
                Bar(withheld: string(svg, bar.range(at: 1)) == "bar withheld",
                    x: Double(string(svg, bar.range(at: 2))) ?? .nan, y: Double(string(svg, bar.range(at: 3))) ?? .nan,
                    width: Double(string(svg, bar.range(at: 4))) ?? .nan, height: Double(string(svg, bar.range(at: 5))) ?? .nan,
                    name: string(svg, bar.range(at: 6)), text: string(svg, bar.range(at: 7)))
            }
            return Chart(id: string(html, match.range(at: 1)), kind: string(html, match.range(at: 2)), bars: bars)
        }
    }

    /// `1.234` → 1234, `12,3%` → 12.3, anything else (`–`) → nil.
    static func number(_ text: String) -> Double? {
        Double(text.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".").replacingOccurrences(of: "%", with: ""))
    }

    /// A bar's length along its chart's axis.
    static func length(_ bar: Bar, _ kind: String) -> Double { kind == "kolom" ? bar.height : bar.width }

    @Test(arguments: [Role.viewer, .partner])
    func no_withheld_count_can_be_read_from_a_bar_its_position_or_the_scale(role: Role) async throws {
        try await withWebAppRoles(scope: "52") { client, tokens, services, _ in
            let tree = services.regions
            let kecamatan = try DisclosureAttackTests.kecamatan.map { try RegionCode($0) }
            let villages = kecamatan.flatMap { tree.children(of: $0).map(\.code) }
            try await DisclosureAttackTests.store(DisclosureAttackTests.population(villages: villages, seed: 2026), in: services.database)
            let regions = ["52.03"] + DisclosureAttackTests.kecamatan + villages.map(\.dotted)
            var withheld = 0, smallWithheld = 0, checkedCharts = 0, regionsWithData = 0
            for region in regions {
                let shown = try Self.charts(try await DisclosureAttackTests.get(client, "/wilayah/\(region)/indikator", tokens[role]).text)
                let truth = try Self.charts(try await DisclosureAttackTests.get(client, "/wilayah/\(region)/indikator", tokens[.admin]).text)
                // A desa without families has no charts, for anyone.
                #expect(shown.isEmpty == truth.isEmpty, "\(region)")
                if truth.isEmpty { continue }
                regionsWithData += 1
                #expect(Set(shown.map(\.kind)) == ["batang", "batang-bertumpuk", "batang-berkelompok", "piramida", "kolom"], "\(region)")
                for chart in shown {
                    let where_ = "\(region) \(chart.id)"
                    let full = try #require(truth.first { $0.id == chart.id })
                    #expect(full.bars.allSatisfy { !$0.withheld }, "an admin sees every bar")
                    // 1. A withheld bar is the stub, says only "<5" or "×", and the admin's bar under that name holds a number.
                    for bar in chart.bars where bar.withheld {
                        withheld += 1
                        #expect(Self.length(bar, chart.kind) == 12, "\(where_) \(bar.name)")
                        #expect(bar.text == "&lt;5" || bar.text == "×", "\(where_) \(bar.name): \(bar.text)")
                        let real = try #require(full.bars.first { $0.name == bar.name }, "\(where_) \(bar.name)")
                        if let count = Self.number(real.text), (1...4).contains(count) { smallWithheld += 1 }
                    }
                    // 2. One scale for the shown bars, set by the largest shown number: its bar has the full length.
                    let shownBars = chart.bars.filter { !$0.withheld && Self.number($0.text) != nil }
                    let fullLength: Double = switch chart.kind { case "kolom": 150; case "piramida": 150; default: 220 }
                    var largest = 0.0
                    if chart.kind == "batang-bertumpuk" {
                        for row in Set(shownBars.map(\.y)) {
                            largest = max(largest, shownBars.filter { $0.y == row }.compactMap { Self.number($0.text) }.reduce(0, +))
                        }
                    } else {
                        largest = shownBars.compactMap { Self.number($0.text) }.max() ?? 0
                    }
                    if largest > 0 {
                        let scale = fullLength / largest
                        // Rates are printed to 0,1 %: each bar's own text and the largest one (which sets the scale) are off by up to 0,05.
                        let tolerance = ["batang", "batang-berkelompok"].contains(chart.kind) ? 0.05 * scale + 0.05 * fullLength / largest + 0.06 : 0.06
                        for bar in shownBars {
                            let expected = (Self.number(bar.text) ?? 0) * scale
                            #expect(abs(Self.length(bar, chart.kind) - expected) <= tolerance, "\(where_) \(bar.name): \(Self.length(bar, chart.kind)) vs \(expected)")
                        }
                    }
                    // 3. Positions follow from the lengths alone: bars start at the labels, stacks are contiguous,
                    //    the pyramid's bars meet the axis, columns stand on the baseline.
                    switch chart.kind {
                    case "batang", "batang-berkelompok":
                        #expect(chart.bars.allSatisfy { $0.x == 200 }, "\(where_)")
                    case "batang-bertumpuk":
                        for row in Set(chart.bars.map(\.y)) {
                            let segments = chart.bars.filter { $0.y == row }
                            var x = 200.0
                            for segment in segments {
                                #expect(abs(segment.x - x) < 0.06, "\(where_) \(segment.name) starts where the one before ends")
                                x += segment.width
                            }
                        }
                    case "piramida":
                        for bar in chart.bars {
                            if bar.name.hasPrefix("Laki-laki") { #expect(abs(bar.x + bar.width - 230) < 0.06, "\(where_) \(bar.name)") }
                            else { #expect(bar.x == 290, "\(where_) \(bar.name)") }
                        }
                    default:
                        #expect(chart.bars.allSatisfy { abs($0.y + $0.height - 178) < 0.06 }, "\(where_)")
                    }
                    checkedCharts += 1
                }
            }
            // The probe reads a withheld bar as its length ÷ the scale: every withheld bar has the stub's length, so all
            // of them read alike whatever they hide; the dataset hides many small counts this way.
            #expect(regionsWithData > 20 && checkedCharts == regionsWithData * 6)
            #expect(withheld > 100, "withheld bars: \(withheld)")
            #expect(smallWithheld > 50, "withheld bars hiding 1–4: \(smallWithheld)")
        }
    }

    @Test func a_region_without_data_has_no_empty_charts() async throws {
        try await withWebApp { client in
            try await client.execute(uri: "/wilayah/52.03/indikator", method: .get) { response in
                #expect(response.status == .ok)
                #expect(!response.text.contains("<svg class=\"chart\""))
            }
        }
    }

    @Test func the_pyramid_and_the_desil_columns_draw_hand_counted_figures() async throws {
        try await withWebAppRoles(scope: "52") { client, tokens, services, _ in
            // Tanjung Luar: 6 families. Heads: 4 men aged 40 (desil 1, 1, 2 — he has a disability —, 5), 2 women aged 65
            // (desil 1, none). The first man's family also has a girl of 3 and a boy of 10.
            typealias F = DashboardFixtures.Family
            let tally = try DashboardFixtures.tally([
                F(desil: 1, members: [(.female, 3), (.male, 10)]), F(desil: 1), F(desil: 2, disability: .physical), F(desil: 5),
                F(desil: 1, sex: .female, age: 65), F(desil: nil, sex: .female, age: 65),
            ])
            try await DisclosureAttackTests.store([try RegionCode("52.03.01.2001"): tally], in: services.database)
            let html = try await DisclosureAttackTests.get(client, "/wilayah/52.03.01.2001/indikator", tokens[.admin]).text
            let charts = try Self.charts(html)
            let pyramid = try #require(charts.first { $0.kind == "piramida" })
            func bar(_ chart: Chart, _ name: String) -> Bar? { chart.bars.first { $0.name == name } }
            // Men 18–59: 4, the largest bar (150 long); women 60+: 2 → 75; girls 0–4: 1 → 37,5; boys 5–17: 1.
            #expect(bar(pyramid, "Laki-laki Dewasa (18–59)")?.text == "4" && bar(pyramid, "Laki-laki Dewasa (18–59)")?.width == 150)
            #expect(bar(pyramid, "Perempuan Lansia (60+)")?.text == "2" && bar(pyramid, "Perempuan Lansia (60+)")?.width == 75)
            #expect(bar(pyramid, "Perempuan Balita (0–4)")?.width == 37.5)
            #expect(bar(pyramid, "Laki-laki Anak (5–17)")?.text == "1")
            #expect(bar(pyramid, "Laki-laki Lansia (60+)")?.width == 0)
            // Desil: 3 families in desil 1 (150 high), 1 in desil 2 and in desil 5 (50), one without a desil.
            let desil = try #require(charts.first { $0.kind == "kolom" })
            #expect(bar(desil, "1")?.text == "3" && bar(desil, "1")?.height == 150)
            #expect(bar(desil, "2")?.height == 50 && bar(desil, "5")?.height == 50 && bar(desil, "10")?.height == 0)
            #expect(html.contains("1 keluarga belum memiliki desil."))
            // People in desil 1 by age band: the girl (1 of 1 aged 0–4, 100 %, the longest bar: 220), the boy (1 of 1), 2 of
            // the 4 men (50 %: 110), 1 of the 2 women of 65 (50 %); by disability: 0 of the 1 man with one, 5 of the 7 others.
            let ages = try #require(charts.first { $0.id == "kelompok-umur" })
            #expect(bar(ages, "Penduduk desil 1, 0–4")?.text == "100,0%" && bar(ages, "Penduduk desil 1, 0–4")?.width == 220)
            #expect(bar(ages, "Penduduk desil 1, 5–17")?.text == "100,0%")
            #expect(bar(ages, "Penduduk desil 1, 18–59")?.text == "50,0%" && bar(ages, "Penduduk desil 1, 18–59")?.width == 110)
            #expect(bar(ages, "Penduduk desil 1, 60+")?.text == "50,0%")
            let disability = try #require(charts.first { $0.id == "disabilitas" })
            #expect(bar(disability, "Penduduk desil 1, disabilitas")?.text == "0,0%" && bar(disability, "Penduduk desil 1, disabilitas")?.width == 0)
            #expect(bar(disability, "Penduduk desil 1, non-disabilitas")?.text == "71,4%")
            #expect(html.contains("<tr><th scope=\"row\">Penduduk desil 1</th><td class=\"num\">0,0%</td><td class=\"num\">71,4%</td></tr>"))
            // The numbers beside the chart.
            #expect(html.contains("<tr><th scope=\"row\">Desil 1</th><td class=\"num\">3</td></tr>"))
            #expect(html.contains("<tr><th scope=\"row\">Lansia (60+)</th><td class=\"num\">0</td><td class=\"num\">2</td></tr>"))
            // Every chart is well-formed XML with a title.
            for match in html.components(separatedBy: "<svg class=\"chart\"").dropFirst() {
                let svg = "<svg class=\"chart\"" + (match.components(separatedBy: "</svg>").first ?? "") + "</svg>"
                #expect(XMLParser(data: Data(svg.utf8)).parse(), "\(svg.prefix(80))")
                #expect(svg.contains("<title id=\"judul-"))
            }
        }
    }
}
