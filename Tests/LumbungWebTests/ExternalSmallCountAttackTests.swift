import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LumbungDomain
import LumbungStore
import LumbungTestSupport
import LumbungWeb
import Testing

/// Attack: a partner or viewer of Lombok Timur reads a count another body published — 3 stunted toddlers in one desa — by
/// every route that shows figures from other sources (the API, the Sumber lain table, the desa's page, Pemantauan's
/// capaian against a known target), to recover a count under 5 that Lumbung hides for its own figures. Each answers
/// "<5" (or `null`), never the number nor a capaian that gives it back; a rate is shown to all; an analyst sees the count.
/// Values written here by hand.
@Suite struct ExternalSmallCountAttackTests {
    static let desa = "52.03.01"

    static func publish(_ services: AppServices) async throws {
        let store = ExternalIndicatorStore(database: services.database)
        let period = try #require(ExternalPeriod("2024"))
        _ = try await store.save(ExternalIndicator(id: "balita_stunting", name: "Balita stunting", unit: .people, direction: .higherIsWorse,
                                                   source: "Puskesmas"),
                                 values: [ExternalValue(region: try RegionCode(desa), period: period, value: 3),
                                          ExternalValue(region: try RegionCode("52.03.02"), period: period, value: 12)],
                                 source: "Puskesmas", by: "uji")
        _ = try await store.save(ExternalIndicator(id: "stunting_persen", name: "Prevalensi stunting", unit: .percent, direction: .higherIsWorse,
                                                   source: "Puskesmas"),
                                 values: [ExternalValue(region: try RegionCode(desa), period: period, value: 2.5)], source: "Puskesmas", by: "uji")
        // A target the reader can see: capaian = f(value, target) would give the value back.
        try await TargetStore(database: services.database).save([TargetPlan(indicator: "balita_stunting", region: try RegionCode(desa),
                                                                            targets: [2024: 6])], by: "uji")
    }

    @Test(arguments: TestDatabase.engines)
    func a_partner_or_viewer_never_reads_a_published_count_under_five(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52.03", engine: engine) { client, tokens, services, _ in
            try await Self.publish(services)
            for role in [Role.partner, .viewer, .analyst] {
                let restricted = !role.permissions.contains(.exactSmallCounts)
                let token = tokens[role]
                // The API: the desa's 3 is null and withheld; 12 and the rate are given.
                let api = try await DisclosureAttackTests.get(client, "/api/v1/external-indicators/balita_stunting?within=52.03", token).json()
                let values = api["values"] as? [[String: Any]] ?? []
                let desa = try #require(values.first { $0["region"] as? String == Self.desa })
                let other = try #require(values.first { $0["region"] as? String == "52.03.02" })
                #expect((desa["value"] as? Double) == (restricted ? nil : 3), "\(role): \(desa)")
                #expect((desa["withheld"] as? Bool) == restricted, "\(role): \(desa)")
                #expect((other["value"] as? Double) == 12 && (other["withheld"] as? Bool) == false, "\(role): \(other)")
                let rate = try await DisclosureAttackTests.get(client, "/api/v1/external-indicators/stunting_persen?within=52.03", token).json()
                #expect(((rate["values"] as? [[String: Any]])?.first?["value"] as? Double) == 2.5, "\(role): a rate is never withheld")

                // The Sumber lain table and the desa's own page.
                for uri in ["/sumber-lain/balita_stunting?wilayah=52.03", "/wilayah/\(Self.desa)"] {
                    let page = try await DisclosureAttackTests.get(client, uri, token).text
                    #expect(page.contains("num\">3 jiwa<") == !restricted, "\(role) \(uri)")
                    #expect(page.contains("num\">&lt;5 jiwa<") == restricted, "\(role) \(uri)")
                }
                let table = try await DisclosureAttackTests.get(client, "/sumber-lain/balita_stunting?wilayah=52.03", token).text
                #expect(table.contains("num\">12 jiwa<"), "\(role)")

                // Pemantauan: the desa's value and capaian against the target 6 are withheld, in the JSON and on the page.
                let progress = try await DisclosureAttackTests.get(client, "/api/v1/regions/52.03/progress?indicator=balita_stunting", token).json()
                let child = try #require((progress["children"] as? [[String: Any]])?.first { $0["code"] as? String == Self.desa })
                #expect((child["value"] as? Double) == (restricted ? nil : 3), "\(role): \(child)")
                #expect((child["capaian"] as? Double == nil) == restricted, "\(role): \(child)")
                #expect((child["valueText"] as? String)?.hasPrefix(restricted ? "<5" : "3 jiwa") == true, "\(role): \(child)")
                let own = try await DisclosureAttackTests.get(client, "/api/v1/regions/\(Self.desa)/progress?indicator=balita_stunting", token).json()
                let trend = own["trend"] as? [[String: Any]] ?? []
                #expect(trend.count == 1 && (trend.first?["value"] as? Double) == (restricted ? nil : 3), "\(role): \(trend)")
                #expect((trend.first?["text"] as? String) == (restricted ? "<5 jiwa" : "3 jiwa"), "\(role): \(trend)")
                let monitoring = try await DisclosureAttackTests.get(client, "/pemantauan?wilayah=52.03&indikator=balita_stunting", token).text
                #expect(monitoring.contains("num\">3 jiwa (2024)<") == !restricted, "\(role)")
                #expect(monitoring.contains("num\">&lt;5 jiwa (2024)<") == restricted, "\(role)")
            }
        }
    }
}
