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

            let masked = try await Self.lookUp(client, tokens[.analyst]).json()
            #expect(masked["kkNumber"] as? String == "************0101")
            let maskedMembers = try #require(masked["members"] as? [[String: Any]])
            #expect(maskedMembers.contains { $0["nik"] as? String == "************0001" })
            #expect(!String(describing: masked).contains(Self.siti))

            #expect(try await Self.lookUp(client, tokens[.viewer]).status == .forbidden)
            #expect(try await Self.lookUp(client, tokens[.partner]).status == .forbidden)
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
            }

            let lookups = try await services.audit.search(.init(action: "personal_data.viewed"))
            #expect(lookups.contains { $0.actor == "op-lobar" && $0.outcome == "not_found" && $0.region == "52.01" })
            #expect(lookups.contains { $0.actor == "r-analyst" && $0.outcome == "ok" && $0.region == "52.03.01.2001" && $0.recordCount == maskedMembers.count })
            #expect(!lookups.contains { $0.target?.contains(Self.siti) == true }, "no NIK in the audit log")
        }
    }
}

extension HTTPFields {
    func merging(_ other: HTTPFields) -> HTTPFields {
        var merged = self
        for field in other { merged[field.name] = field.value }
        return merged
    }
}
