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
}
