import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LumbungDomain
import LumbungStore
import LumbungTestSupport
import LumbungWeb
import Testing

/// Attack: an analyst (or admin) of Lombok Timur (52.03) uploads figures of another source with rows of Lombok Barat
/// (52.01), to add or overwrite that kabupaten's published values. The whole table is refused, each foreign row named,
/// and nothing is written. Figures written here by hand.
@Suite struct ExternalIndicatorScopeAttackTests {
    @Test(arguments: TestDatabase.engines)
    func a_user_of_52_03_cannot_write_figures_of_52_01(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52.03", engine: engine) { client, tokens, services, _ in
            let store = ExternalIndicatorStore(database: services.database)
            // Figures of its own kabupaten are accepted.
            let own = try await ExternalIndicatorWebTests.upload(client, token: tokens[.analyst], content: "kode_wilayah,nilai\n52.03.01,25\n")
            #expect(own.status == .created, "\(own.text)")
            let attack = "kode_wilayah,nilai\n52.03.01,99\n52.01,1\n52.01.01,2\n"
            for role in [Role.analyst, .admin] {
                let response = try await ExternalIndicatorWebTests.upload(client, token: tokens[role], content: attack,
                                                                          fields: ExternalIndicatorWebTests.fields.merging(["date": "2025"]) { $1 })
                #expect(response.status == .unprocessableContent, "\(role): \(response.text)")
                #expect(response.text.contains("Baris 3: wilayah 52.01 di luar cakupan Anda (52.03)"), "\(response.text)")
                #expect(response.text.contains("Baris 4: wilayah 52.01.01 di luar cakupan Anda (52.03)"), "\(response.text)")
            }
            // Nothing of the attack was written: not the foreign rows, not the own row of the same table.
            let values = try await store.values(indicator: "stunting_dinkes")
            #expect(values.map(\.region) == ["52.03.01"] && values.map(\.value) == [25] && values.map(\.period) == ["2024"])
        }
    }

    /// Attack: an analyst of 52.03 re-imports its own rows under an indicator id the province already publishes, with a
    /// new name and source, to rename it for every region. Refused, the stored name and source unchanged; the same
    /// name and source are accepted, and every accepted import leaves an `external.imported` audit row with its counts.
    @Test(arguments: TestDatabase.engines)
    func a_kabupaten_user_cannot_rename_a_shared_indicator(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52", engine: engine) { client, _, services, _ in
            let store = ExternalIndicatorStore(database: services.database)
            let actor = AuditActor(name: "uji", address: nil)
            _ = try await UserStore(database: services.database).add(username: "analis-lotim", displayName: "Analis Lotim", role: .analyst, scope: "52.03",
                                                                     organisation: nil, password: "kata-sandi-uji-2026", by: actor)
            let token = try await SessionStore(database: services.database).issueToken(for: "analis-lotim", name: "uji", days: 1, by: actor).token
            // The province publishes the indicator (the command line: no scope, no audit actor).
            _ = try await store.save(ExternalIndicator(id: "stunting_dinkes", name: "Prevalensi stunting balita", unit: .percent,
                                                       direction: .higherIsWorse, source: "Dinas Kesehatan NTB"),
                                     values: [ExternalValue(region: try RegionCode("52.01.01"), period: try #require(ExternalPeriod("2024")), value: 30)],
                                     source: "Dinas Kesehatan NTB", by: "provinsi")
            let renamed = ExternalIndicatorWebTests.fields.merging(["name": "Stunting versi Lotim", "source": "Puskesmas Lotim"]) { $1 }
            let refused = try await ExternalIndicatorWebTests.upload(client, token: token, content: "kode_wilayah,nilai\n52.03.01,25\n", fields: renamed)
            #expect(refused.status == .badRequest, "\(refused.text)")
            #expect(refused.text.contains("hanya pengguna tingkat provinsi yang boleh mengubahnya"), "\(refused.text)")
            let stored = try #require(try await store.indicator("stunting_dinkes"))
            #expect(stored.name == "Prevalensi stunting balita" && stored.source == "Dinas Kesehatan NTB")
            #expect(try await store.values(indicator: "stunting_dinkes").map(\.region) == ["52.01.01"], "nothing of the refused table written")
            #expect(try await services.audit.search(.init(action: "external.imported")).isEmpty)
            // The same name and source: its own desa's figure is added, and audited with the counts.
            let same = ExternalIndicatorWebTests.fields.merging(["name": "Prevalensi stunting balita", "source": "Dinas Kesehatan NTB"]) { $1 }
            let accepted = try await ExternalIndicatorWebTests.upload(client, token: token, content: "kode_wilayah,nilai\n52.03.01,25\n", fields: same)
            #expect(accepted.status == .created, "\(accepted.text)")
            let events = try await services.audit.search(.init(action: "external.imported"))
            #expect(events.count == 1)
            #expect(events.first?.actor == "analis-lotim" && events.first?.region == "52.03", "\(events)")
            #expect(events.first?.target == "stunting_dinkes: 1 baru, 0 dikoreksi, 0 tetap", "\(String(describing: events.first?.target))")
        }
    }
}
