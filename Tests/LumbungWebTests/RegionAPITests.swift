import Foundation
import HTTPTypes
import HummingbirdTesting
import LumbungStore
import LumbungTestSupport
import Testing

@Suite struct RegionAPITests {
    @Test(arguments: TestDatabase.engines)
    func a_kecamatan_comes_with_its_path_and_desa(engine: Database.Engine) async throws {
        try await withWebApp(engine) { client in
            try await client.execute(uri: "/api/v1/regions/5203010", method: .get) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/api/v1/regions/520301", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                let json = try response.json()
                #expect(json["code"] as? String == "52.03.01")
                #expect(json["name"] as? String == "Keruak")
                #expect(json["level"] as? String == "kecamatan")
                #expect(json["parent"] as? String == "52.03")
                let path = (json["path"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
                #expect(path == ["52", "52.03"])
                let children = json["children"] as? [[String: Any]] ?? []
                #expect(children.first?["code"] as? String == "52.03.01.2001")
                #expect(children.first?["name"] as? String == "Tanjung Luar")
                #expect(children.allSatisfy { ($0["level"] as? String).map { ["desa", "kelurahan"].contains($0) } ?? false })
            }
        }
    }

    @Test func the_province_lists_all_ten_kabupaten_and_kota() async throws {
        try await withWebApp { client in
            try await client.execute(uri: "/api/v1/regions/52", method: .get) { response in
                let json = try response.json()
                #expect((json["children"] as? [Any])?.count == 10)
                #expect(json["parent"] is NSNull || json["parent"] == nil)
            }
        }
    }

    @Test func bad_and_unknown_codes_get_400_and_404_with_a_code() async throws {
        try await withWebApp { client in
            try await client.execute(uri: "/api/v1/regions/52.x", method: .get) { response in
                #expect(response.status == .badRequest)
                let error = try response.json()["error"] as? [String: Any]
                #expect(error?["code"] as? String == "invalid_region_code")
                #expect((error?["message"] as? String)?.contains("'52.x' is not a region code") == true)
            }
            try await client.execute(uri: "/api/v1/regions/52.99", method: .get) { response in
                #expect(response.status == .notFound)
                let error = try response.json()["error"] as? [String: Any]
                #expect(error?["code"] as? String == "unknown_region")
                #expect(error?["message"] as? String == "There is no region with code 52.99.")
            }
            try await client.execute(uri: "/api/v1/nothing-here", method: .get) { response in
                #expect(response.status == .notFound)
                let error = try response.json()["error"] as? [String: Any]
                #expect(error?["code"] as? String == "not_found")
            }
        }
    }

    @Test(arguments: TestDatabase.engines)
    func search_knows_abbreviations_and_forgives_a_typo(engine: Database.Engine) async throws {
        try await withWebApp(engine) { client in
            for (query, code) in [("Lotim", "52.03"), ("KSB", "52.07"), ("KLU", "52.08"), ("Kobi", "52.72"), ("Kab.%20Bima", "52.06"), ("lombok%20timor", "52.03")] {
                try await client.execute(uri: "/api/v1/regions?q=\(query)", method: .get) { response in
                    let results = try response.json()["results"] as? [[String: Any]] ?? []
                    #expect(results.first?["code"] as? String == code, "\(query)")
                }
            }
        }
    }

    @Test func search_by_name_finds_lombok_timur_first() async throws {
        try await withWebApp { client in
            try await client.execute(uri: "/api/v1/regions?q=LOMBOK%20TIMUR", method: .get) { response in
                let results = try response.json()["results"] as? [[String: Any]] ?? []
                #expect(results.first?["code"] as? String == "52.03")
            }
        }
    }

    @Test func the_indicator_catalogue_lists_every_indicator_with_its_definition() async throws {
        try await withWebApp { client in
            try await client.execute(uri: "/api/v1/indicators", method: .get) { response in
                let list = try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [[String: Any]] ?? []
                #expect(list.count == 26)
                let desil1 = try #require(list.first { $0["id"] as? String == "desil1_families" })
                #expect(desil1["name_id"] as? String == "Keluarga desil 1" && desil1["unit"] as? String == "percent")
                #expect(desil1["direction"] as? String == "higher_is_worse")
                let people = try #require(list.first { $0["id"] as? String == "people" })
                #expect(people["disaggregations"] as? [String] == ["sex", "age_band", "disability"])
                let elderly = try #require(list.first { $0["id"] as? String == "elderly" })
                #expect(elderly["disaggregations"] as? [String] == ["sex", "disability"])
                let housing = try #require(list.first { $0["id"] as? String == "unfit_housing" })
                #expect(housing["disaggregations"] as? [String] == ["head_sex", "member_with_disability", "elderly_member", "child_member"])
            }
        }
    }

    @Test(arguments: TestDatabase.engines)
    func health_reports_the_engine(engine: Database.Engine) async throws {
        try await withWebApp(engine) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                let json = try response.json()
                #expect(json["status"] as? String == "ok")
                #expect(json["database"] as? String == engine.rawValue)
            }
        }
    }
}
