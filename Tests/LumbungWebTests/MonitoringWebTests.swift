import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LumbungDomain
import LumbungStore
import LumbungTestSupport
import LumbungWeb
import SQLKit
import Testing

/// Pemantauan over two snapshots of Keruak (52.03.01) written by hand, with targets set here; the capaian are worked
/// out by hand in the comments.
@Suite struct MonitoringWebTests {
    /// Release 1 (2024-06-30): desil-1 families Tanjung Luar 1 of 10, Pijot 2 of 10, Selebung Ketangga 25 of 50, Sepit 8 of 40
    /// (36 of 110). Release 2 (2025-06-30): 1 of 10, 1 of 10, 20 of 50, 4 of 40 (26 of 110).
    static func releases(_ database: Database) async throws {
        try await DisclosureAttackTests.store(try DashboardFixtures.keruak(), in: database)
        _ = try await SnapshotStore(database: database).create(name: SnapshotName("rilis-1")!, date: CalendarDate(year: 2024, month: 6, day: 30), by: "uji")
        try await database.transaction { db in try await db.raw("DELETE FROM village_aggregate").run() }
        try await DisclosureAttackTests.store([
            try RegionCode("52.03.01.2001"): try DashboardFixtures.village(families: 10, desil1: 1),
            try RegionCode("52.03.01.2002"): try DashboardFixtures.village(families: 10, desil1: 1),
            try RegionCode("52.03.01.2003"): try DashboardFixtures.village(families: 50, desil1: 20),
            try RegionCode("52.03.01.2004"): try DashboardFixtures.village(families: 40, desil1: 4),
        ], in: database)
        _ = try await SnapshotStore(database: database).create(name: SnapshotName("rilis-2")!, date: CalendarDate(year: 2025, month: 6, day: 30), by: "uji")
        // Keruak: baseline 35 % (2023), target 2025 25 %; Tanjung Luar target 8 %; Selebung Ketangga target 25 %.
        try await TargetStore(database: database).save([
            TargetPlan(indicator: "desil1_families", region: try RegionCode("52.03.01"), baseline: Baseline(value: 35, year: 2023, source: "DTKS"),
                       targets: [2024: 30, 2025: 25]),
            TargetPlan(indicator: "desil1_families", region: try RegionCode("52.03.01.2001"), targets: [2025: 8]),
            TargetPlan(indicator: "desil1_families", region: try RegionCode("52.03.01.2003"), targets: [2025: 25]),
        ], by: "uji")
    }

    static func desil1(_ json: [String: Any]) -> (count: Int?, percent: Double?) {
        let values = (json["region"] as? [String: Any])?["values"] as? [[String: Any]] ?? []
        let value = values.first { $0["indicator"] as? String == "desil1_families" }
        return (value?["count"] as? Int, value?["percent"] as? Double)
    }

    @Test(arguments: TestDatabase.engines)
    func the_indicators_of_a_snapshot_are_its_frozen_values_in_todays_shape(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52", engine: engine) { client, tokens, services, _ in
            try await Self.releases(services.database)
            let analyst = SignedInClient(base: client, token: try #require(tokens[.analyst]))
            let first = try await analyst.execute(uri: "/api/v1/regions/52.03.01/indicators?snapshot=rilis-1", method: .get) { try $0.json() }
            #expect(Self.desil1(first).count == 36)
            let second = try await analyst.execute(uri: "/api/v1/regions/52.03.01/indicators?snapshot=rilis-2", method: .get) { try $0.json() }
            #expect(Self.desil1(second).count == 26)
            let today = try await analyst.execute(uri: "/api/v1/regions/52.03.01/indicators", method: .get) { try $0.json() }
            #expect(Self.desil1(today).count == 26)
            #expect(Set(first.keys) == Set(today.keys) && (first["children"] as? [Any])?.count == (today["children"] as? [Any])?.count)
            try await analyst.execute(uri: "/api/v1/regions/52.03.01/indicators?snapshot=tidak-ada", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.text.contains("unknown_snapshot"))
            }
            // A viewer gets the snapshot with small counts withheld, like today's figures.
            let viewer = SignedInClient(base: client, token: try #require(tokens[.viewer]))
            let withheld = try await viewer.execute(uri: "/api/v1/regions/52.03.01/indicators?snapshot=rilis-1", method: .get) { try $0.json() }
            let tanjungLuar = (withheld["children"] as? [[String: Any]])?.first { $0["code"] as? String == "52.03.01.2001" }
            let value = (tanjungLuar?["values"] as? [[String: Any]])?.first { $0["indicator"] as? String == "desil1_families" }
            #expect(value?["suppressed"] as? Bool == true && value?["count"] is NSNull)

            let list = try await analyst.execute(uri: "/api/v1/snapshots", method: .get) { try $0.json() }
            #expect((list["snapshots"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["rilis-1", "rilis-2"])
        }
    }

    @Test(arguments: TestDatabase.engines)
    func pemantauan_shows_the_trend_and_the_regions_by_capaian(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52", engine: engine) { client, tokens, services, _ in
            try await Self.releases(services.database)
            let analyst = SignedInClient(base: client, token: try #require(tokens[.analyst]))
            // Keruak 2025: realisasi 26/110 = 23,64 %; lower is better: (2 × 25 − 23,636…) ÷ 25 × 100 = 105,45 % — sangat tinggi.
            // Selebung Ketangga: 40 %, target 25: (50 − 40) ÷ 25 = 40 % — sangat rendah. Tanjung Luar: 10 %, target 8: (16 − 10) ÷ 8 = 75 % — sedang.
            let progress = try await analyst.execute(uri: "/api/v1/regions/52.03.01/progress?indicator=desil1_families", method: .get) { try $0.json() }
            #expect(progress["year"] as? Int == 2025)
            let region = try #require(progress["region"] as? [String: Any])
            #expect(abs((region["capaian"] as? Double ?? 0) - (2 * 25 - 2600.0 / 110) / 25 * 100) < 1e-9)
            let children = try #require(progress["children"] as? [[String: Any]])
            #expect(children.prefix(2).compactMap { $0["code"] as? String } == ["52.03.01.2003", "52.03.01.2001"])
            #expect(abs((children[0]["capaian"] as? Double ?? 0) - 40) < 1e-9 && abs((children[1]["capaian"] as? Double ?? 0) - 75) < 1e-9)
            #expect((children[0]["band"] as? [String: Any])?["light"] as? String == "merah")
            #expect((progress["trend"] as? [[String: Any]])?.compactMap { $0["value"] as? Double }.map { ($0 * 100).rounded() / 100 } == [32.73, 23.64])

            try await analyst.execute(uri: "/pemantauan?wilayah=52.03.01&indikator=desil1_families", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("<h1>Pemantauan: Keluarga desil 1, Keruak</h1>"))
                #expect(html.contains("<span class=\"lampu lampu-hijau\">105,45% — Sangat tinggi</span>"))
                #expect(html.contains("<tr class=\"lampu-merah\"><td class=\"code\"><a href=\"/pemantauan?wilayah=52.03.01.2003&amp;indikator=desil1_families\">52.03.01.2003</a></td><td>Selebung Ketangga</td><td class=\"num\">40,0%</td>"), "\(html)")
                #expect(html.contains("id=\"grafik-tren\"") && html.contains("<polyline"))
                #expect(html.contains("35% (2023, DTKS)"))
            }
            try await analyst.execute(uri: "/pemantauan/unduh?wilayah=52.03.01&indikator=desil1_families", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            }
            try await analyst.execute(uri: "/pemantauan?wilayah=52.03.01&indikator=tidak-ada", method: .get) { #expect($0.status == .notFound) }

            let targets = try await analyst.execute(uri: "/api/v1/targets?indicator=desil1_families&within=52.03.01", method: .get) { try $0.json() }
            #expect((targets["plans"] as? [[String: Any]])?.compactMap { $0["region"] as? String } == ["52.03.01", "52.03.01.2001", "52.03.01.2003"])
        }
    }

    @Test func small_counts_stay_withheld_and_so_do_their_capaian() async throws {
        try await withWebAppRoles(scope: "52") { client, tokens, services, _ in
            try await Self.releases(services.database)
            let viewer = SignedInClient(base: client, token: try #require(tokens[.viewer]))
            // Tanjung Luar has 1 desil-1 family: a viewer sees "<5" and no capaian, in the page and the API.
            let progress = try await viewer.execute(uri: "/api/v1/regions/52.03.01/progress", method: .get) { try $0.json() }
            let tanjungLuar = try #require((progress["children"] as? [[String: Any]])?.first { $0["code"] as? String == "52.03.01.2001" })
            #expect(tanjungLuar["value"] == nil || tanjungLuar["value"] is NSNull)
            #expect(tanjungLuar["capaian"] == nil || tanjungLuar["capaian"] is NSNull)
            #expect(["<5", "×"].contains(tanjungLuar["valueText"] as? String ?? ""))
            // The release diff counts single people: only roles that may see small counts get it.
            try await viewer.execute(uri: "/api/v1/snapshots/diff?from=rilis-1&to=rilis-2", method: .get) { #expect($0.status == .forbidden) }
            let analyst = SignedInClient(base: client, token: try #require(tokens[.analyst]))
            try await analyst.execute(uri: "/api/v1/snapshots/diff?from=rilis-1&to=rilis-2&level=kecamatan", method: .get) { response in
                #expect(response.status == .ok)
                let json = try response.json()
                #expect(json["regions"] is [Any])
            }
            try await analyst.execute(uri: "/api/v1/snapshots/diff?from=rilis-1&to=rilis-2&level=provinsi", method: .get) { #expect($0.status == .badRequest) }
        }
    }

    @Test func beranda_shows_the_change_since_the_latest_snapshot() async throws {
        try await withWebAppRoles(scope: "52") { client, tokens, services, _ in
            try await Self.releases(services.database)
            // After rilis-2 (26 of 110 desil-1 families, 23,64 %) Sepit reports 10 desil-1 families instead of 4: 32 of 110 = 29,09 %,
            // +5,45 points — "+5,5 poin"; the number of families is the same — "tetap".
            try await services.database.transaction { db in try await db.raw("DELETE FROM village_aggregate WHERE village_code = '52.03.01.2004'").run() }
            try await DisclosureAttackTests.store([try RegionCode("52.03.01.2004"): try DashboardFixtures.village(families: 40, desil1: 10)], in: services.database)
            let analyst = SignedInClient(base: client, token: try #require(tokens[.analyst]))
            try await analyst.execute(uri: "/?wilayah=52.03.01", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("<small class=\"change\">+5,5 poin sejak rilis-2</small>"), "\(response.text)")
                #expect(response.text.contains("<small class=\"change\">tetap sejak rilis-2</small>"))
            }
        }
    }
}
