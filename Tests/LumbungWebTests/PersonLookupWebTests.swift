import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LumbungDomain
import LumbungStore
import LumbungWeb
import Testing

/// Looking people up by NIK: full or masked by role, nothing outside the scope (IDOR), every lookup audited.
@Suite struct PersonLookupWebTests {
    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
    static let siti = "5203014508920001"

    static func lookUp(_ client: some TestClientProtocol, _ token: String?, nik: String = siti) async throws -> TestResponse {
        var headers = Self.form
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await client.execute(uri: "/api/v1/people/lookup", method: .post, headers: headers, body: ByteBuffer(string: "nik=\(nik)"))
    }

    @Test func a_family_is_shown_full_or_masked_by_role_and_never_outside_the_scope() async throws {
        try await withWebAppRoles(scope: "52") { client, tokens, services, _ in
            let admin = SignedInClient(base: client, token: try #require(tokens[.admin]))
            for (name, content) in [("keluarga.csv", ImportWebTests.families), ("anggota.csv", ImportWebTests.people)] {
                let id = try await admin.execute(uri: "/api/v1/imports", method: .post, headers: ImportWebTests.headers,
                                                 body: ImportWebTests.multipart(file: name, content: content, fields: ["as_of": "2025-06-30"])) {
                    try #require(try $0.json()["id"] as? String)
                }
                _ = try await ImportWebTests.waitFor(id, client: admin)
            }
            let full = try await Self.lookUp(client, tokens[.admin])
            #expect(full.status == .ok)
            let family = try full.json()
            #expect(family["kkNumber"] as? String == "5203011106180101" && family["villageCode"] as? String == "52.03.01.2001")
            let members = try #require(family["members"] as? [[String: Any]])
            #expect(members.contains { $0["nik"] as? String == Self.siti && $0["isSubject"] as? Bool == true && $0["name"] as? String == "Baiq Siti" })

            let maskedResponse = try await Self.lookUp(client, tokens[.analyst])
            let masked = try maskedResponse.json()
            #expect(masked["kkNumber"] as? String == "5203************")
            let maskedMembers = try #require(masked["members"] as? [[String: Any]])
            #expect(maskedMembers.contains { $0["nik"] as? String == "5203************" && $0["birthYear"] as? Int == 1992 })
            #expect(!String(describing: masked).contains(Self.siti))

            #expect(try await Self.lookUp(client, tokens[.viewer]).status == .forbidden)
            #expect(try await Self.lookUp(client, tokens[.partner]).status == .forbidden)
            #expect(members.contains { $0["birthDate"] as? String == "1992-08-05" }, "admins see the date")
            // The page writes it as Indonesians do.
            try await client.execute(uri: "/orang", method: .post, headers: Self.form.merging([.authorization: "Bearer \(try #require(tokens[.admin]))"]),
                                     body: ByteBuffer(string: "nik=\(Self.siti)")) { response in
                #expect(response.text.contains("<td>5 Agustus 1992</td>"))
            }
            let bad = try await Self.lookUp(client, tokens[.admin], nik: "5203")
            #expect(bad.status == .badRequest && bad.text.contains("invalid_nik") && !bad.text.contains("5203\""))

            // An operator of Lombok Barat: the Lombok Timur person does not exist for them, by any route.
            let actor = AuditActor(name: "test", address: nil)
            _ = try await UserStore(database: services.database).add(username: "op-lobar", displayName: "Operator Lobar", role: .operator,
                                                                     scope: "52.01", organisation: nil, password: "kata-sandi-uji-2026", by: actor)
            let lobar = try await SessionStore(database: services.database).issueToken(for: "op-lobar", name: "t", days: 1, by: actor).token
            let hidden = try await Self.lookUp(client, lobar)
            #expect(hidden.status == .notFound && hidden.text.contains("person_not_found") && !hidden.text.contains("Siti"))
            try await client.execute(uri: "/orang", method: .post, headers: Self.form.merging([.authorization: "Bearer \(lobar)"]),
                                     body: ByteBuffer(string: "nik=\(Self.siti)")) { response in
                #expect(response.status == .notFound && response.text.contains("Tidak ada orang dengan NIK ini di wilayah kerja Anda."))
            }
            try await client.execute(uri: "/orang", method: .post, headers: Self.form.merging([.authorization: "Bearer \(try #require(tokens[.operator]))"]),
                                     body: ByteBuffer(string: "nik=5203 0145 0892 0001")) { response in
                #expect(response.status == .ok && response.text.contains("<tr class=\"subject\"><td class=\"code\">\(Self.siti)</td><td>Baiq Siti</td>"))
                // Where the family's data came from: the family file gave the family, the members' file its one valid member.
                #expect(response.text.contains("<h3>Asal data</h3>"))
                #expect(response.text.contains("<td>keluarga.csv <span class=\"note\">(dtsen-keluarga)</span></td><td>30 Juni 2025</td><td>keluarga</td>"), "\(response.text)")
                #expect(response.text.contains("<td>anggota.csv <span class=\"note\">(dtsen-individu)</span></td><td>30 Juni 2025</td><td>1 anggota</td>"))
            }

            let lookups = try await services.audit.search(.init(action: "personal_data.viewed"))
            #expect(lookups.contains { $0.actor == "op-lobar" && $0.outcome == "not_found" && $0.region == "52.01" })
            #expect(lookups.contains { $0.actor == "r-analyst" && $0.outcome == "ok" && $0.region == "52.03.01.2001" && $0.recordCount == maskedMembers.count })
            #expect(!lookups.contains { $0.target?.contains(Self.siti) == true }, "no NIK in the audit log")
        }
    }
}

extension PersonLookupWebTests {
    static func importSiti(_ client: some TestClientProtocol, admin: String) async throws {
        let admin = SignedInClient(base: client, token: admin)
        for (name, content) in [("keluarga.csv", ImportWebTests.families), ("anggota.csv", ImportWebTests.people)] {
            let id = try await admin.execute(uri: "/api/v1/imports", method: .post, headers: ImportWebTests.headers,
                                             body: ImportWebTests.multipart(file: name, content: content, fields: ["as_of": "2025-06-30"])) {
                try #require(try $0.json()["id"] as? String)
            }
            _ = try await ImportWebTests.waitFor(id, client: admin)
        }
    }

    /// Finding 7 of issue 12: birth date, sex, desa and the last 4 digits rebuilt 148 of 149 masked NIKs.
    @Test func an_analyst_lookup_shows_no_birth_date_and_no_trailing_digits() async throws {
        try await withWebAppRoles(scope: "52") { client, tokens, _, _ in
            try await Self.importSiti(client, admin: try #require(tokens[.admin]))
            let json = try await Self.lookUp(client, tokens[.analyst])
            #expect(json.status == .ok)
            for leaked in ["1992-08-05", "05-08-1992", "0001", "0101", "450892", "\"birthDate\""] {
                #expect(!json.text.contains(leaked), "the JSON shows \(leaked)")
            }
            try await client.execute(uri: "/orang", method: .post, headers: Self.form.merging([.authorization: "Bearer \(try #require(tokens[.analyst]))"]),
                                     body: ByteBuffer(string: "nik=\(Self.siti)")) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("<td class=\"code\">5203************</td><td>Baiq Siti</td>") && html.contains("<td>1992</td>"))
                #expect(html.contains("<th>Tahun lahir</th>") && html.contains("hanya 4 digit pertama"))
                for leaked in ["1992-08-05", "0001", "0101", "450892"] { #expect(!html.contains(leaked), "the page shows \(leaked)") }
            }
        }
    }

    /// Finding 7 of issue 12: the lookup confirmed guesses (200 against 404) without limit.
    @Test func twenty_one_misses_answer_429_in_indonesian_and_are_audited() async throws {
        try await withWebAppRoles(scope: "52") { client, tokens, services, _ in
            try await Self.importSiti(client, admin: try #require(tokens[.admin]))
            let analyst = try #require(tokens[.analyst])
            // A find does not count; twenty guesses that miss do.
            #expect(try await Self.lookUp(client, analyst).status == .ok)
            for guess in 0..<LookupMissesLimit.value {
                let nik = "520301450892" + String(format: "%04d", 100 + guess)
                #expect(try await Self.lookUp(client, analyst, nik: nik).status == .notFound)
            }
            let refused = try await Self.lookUp(client, analyst, nik: "5203014508920099")
            #expect(refused.status == .tooManyRequests && refused.text.contains("too_many_lookups"))
            #expect(try await Self.lookUp(client, analyst).status == .tooManyRequests, "a right guess is refused too: no confirmation")
            try await client.execute(uri: "/orang", method: .post, headers: Self.form.merging([.authorization: "Bearer \(analyst)"]),
                                     body: ByteBuffer(string: "nik=5203014508920098")) { response in
                #expect(response.status == .tooManyRequests)
                #expect(response.text.contains("Terlalu banyak pencarian NIK yang tidak ditemukan (20 dalam 15 menit)."))
            }
            // Another user is not held back.
            #expect(try await Self.lookUp(client, tokens[.operator]).status == .ok)
            let audit = try await services.audit.search(.init(action: "personal_data.viewed"))
            #expect(audit.filter { $0.actor == "r-analyst" && $0.outcome == "not_found" }.count == 20)
            #expect(audit.filter { $0.actor == "r-analyst" && $0.outcome == "throttled" }.count == 3)
        }
    }
}

/// The limit the tests count up to (20 misses per 15 minutes).
enum LookupMissesLimit {
    static let value = 20
}

extension HTTPFields {
    func merging(_ other: HTTPFields) -> HTTPFields {
        var merged = self
        for field in other { merged[field.name] = field.value }
        return merged
    }
}
