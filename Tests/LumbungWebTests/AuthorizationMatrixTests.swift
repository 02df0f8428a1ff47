import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LumbungDomain
import LumbungStore
import LumbungWeb
import Testing

/// Every route of the router × every role (and no one) × a region inside and outside the user's scope.
/// The routes come from the router itself, so a route registered without an access rule fails here.
@Suite struct AuthorizationMatrixTests {
    static let inside = "52.01.01", outside = "52.03.01", someJob = "00000000-0000-0000-0000-000000000000"

    /// The route's path with its parameters filled, for a region inside or outside the scope.
    static func uri(_ path: String, _ rule: AccessRule, region: String) -> String {
        var uri = path.replacingOccurrences(of: "{code}", with: region).replacingOccurrences(of: "{id}", with: someJob)
        if case .permitted(_, .query(let name)) = rule { uri += "?\(name)=\(region)" }
        return uri
    }

    @Test func every_route_refuses_whom_its_rule_refuses_and_lets_the_others_through() async throws {
        try await withWebAppRoles(scope: "52.01") { client, tokens, services, routes in
            #expect(routes.count >= 20)
            var checked = 0
            for route in routes {
                let rule = try #require(services.rules.rule(for: route), "route \(route) has no access rule")
                let parts = route.split(separator: " ", maxSplits: 1)
                let method = HTTPRequest.Method(String(parts[0]))!, path = String(parts[1])
                let scoped: Bool = if case .permitted(_, let source) = rule, case .none = source { false } else if case .permitted = rule { true } else { false }
                for region in scoped ? [Self.inside, Self.outside] : [Self.inside] {
                    let uri = Self.uri(path, rule, region: region)
                    for role in [nil] + Role.allCases {
                        let status = try await client.execute(uri: uri, method: method, headers: bearer(role.flatMap { tokens[$0] })) { $0.status.code }
                        checked += 1
                        let who = "\(role?.rawValue ?? "anonymous") \(method) \(uri)"
                        switch rule {
                        case .open:
                            #expect(status != 401, "\(who)")
                        case .signedIn:
                            if role == nil { #expect(status == 401 || status == 303, "\(who): \(status)") } else { #expect(![401, 403].contains(status), "\(who): \(status)") }
                        case .permitted(let permission, _):
                            if role == nil {
                                #expect(status == (path.hasPrefix("/api/") ? 401 : 303), "\(who): \(status)")
                            } else if !role!.may(permission) || (scoped && region == Self.outside) {
                                #expect(status == 403, "\(who): \(status)")
                            } else {
                                #expect(![401, 403].contains(status), "\(who): \(status)")
                            }
                        }
                    }
                }
            }
            #expect(checked >= routes.count * (Role.allCases.count + 1))
            // Every refusal of a signed-in user left a trace.
            let denied = try await services.audit.search(.init(action: "access.denied", limit: 5_000))
            #expect(denied.contains { $0.actor == "r-operator" && $0.region == Self.outside })
            #expect(denied.contains { $0.actor == "r-viewer" && $0.target?.hasPrefix("GET /impor") == true })
        }
    }

    @Test func an_operator_of_lombok_barat_gets_nothing_of_lombok_timur_by_any_route() async throws {
        try await withWebAppRoles(scope: "52.01") { client, tokens, _, _ in
            let operatorToken = bearer(tokens[.operator])
            for uri in ["/wilayah/52.03", "/wilayah/52.03.01.2001/indikator", "/wilayah/52.03/ringkas", "/wilayah/52.03.01.2001/ringkas?indikator=no_jkn",
                        "/peringkat?within=52.03", "/api/v1/regions/52.03",
                        "/api/v1/regions/52.03/indicators", "/api/v1/regions/52.03.01.2001/summary", "/api/v1/rankings?within=52.03&level=desa",
                        "/pemantauan?wilayah=52.03", "/pemantauan/unduh?wilayah=52.03.01", "/api/v1/regions/52.03/progress",
                        "/api/v1/regions/52.03/indicators?snapshot=x", "/api/v1/targets?within=52.03", "/api/v1/snapshots/diff?from=a&to=b&within=52.03"] {
                try await client.execute(uri: uri, method: .get, headers: operatorToken) { response in
                    #expect(response.status == .forbidden, "\(uri)")
                    #expect(!response.text.contains("Lombok Timur") || response.text.contains("di luar wilayah"), "\(uri) leaks nothing")
                }
            }
            // Search finds only regions inside the scope.
            try await client.execute(uri: "/api/v1/regions?q=lombok", method: .get, headers: operatorToken) { response in
                let results = try #require(try response.json()["results"] as? [[String: Any]])
                #expect(!results.isEmpty && results.allSatisfy { ($0["code"] as? String)?.hasPrefix("52.01") == true })
            }
            // The start page (Beranda) is the user's own region.
            try await client.execute(uri: "/", method: .get, headers: operatorToken) {
                #expect($0.status == .ok && $0.text.contains("Beranda</span> Kabupaten Lombok Barat</h1>"))
            }
        }
    }
}

/// A user added beside those of `withWebAppRoles`, with a bearer token.
func addUser(_ services: AppServices, _ username: String, role: Role, scope: String) async throws -> String {
    let actor = AuditActor(name: "test", address: nil)
    _ = try await UserStore(database: services.database).add(username: username, displayName: username, role: role, scope: scope,
                                                             organisation: role == .partner ? "Mitra Uji" : nil, password: "kata-sandi-uji-2026", by: actor)
    return try await SessionStore(database: services.database).issueToken(for: username, name: "test", days: 1, by: actor).token
}

/// Regional admins: an admin of 52.01 (Lombok Barat) against users, imports and audit events in 52.01, in 52.03
/// (Lombok Timur) and of the province. Only what lies inside 52.01 is theirs (`Oversight`).
@Suite struct RegionalAdminMatrixTests {
    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    @Test func a_regional_admin_manages_sees_and_reads_only_inside_its_scope() async throws {
        try await withWebAppRoles(scope: "52.01") { client, tokens, services, _ in
            let admin = SignedInClient(base: client, token: try #require(tokens[.admin]))
            // One target user and one upload in each region.
            var uploads: [String: String] = [:]
            for (scope, name) in [("52.01", "op-5201"), ("52.03", "op-5203"), ("52", "op-52")] {
                let token = try await addUser(services, name, role: .operator, scope: scope)
                let uploader = SignedInClient(base: client, token: token)
                let id = try await uploader.execute(uri: "/api/v1/imports", method: .post, headers: ImportWebTests.headers,
                                                    body: ImportWebTests.multipart(file: "anggota-\(name).csv", content: ImportWebTests.people,
                                                                                   fields: ["as_of": "2025-06-30"])) {
                    try #require(try $0.json()["id"] as? String)
                }
                _ = try await ImportWebTests.waitFor(id, client: uploader)
                uploads[scope] = id
            }
            for (scope, name, inside) in [("52.01", "op-5201", true), ("52.03", "op-5203", false), ("52", "op-52", false)] {
                let who = "admin of 52.01 → \(name) (\(scope))"
                // The list of users.
                try await admin.execute(uri: "/pengguna", method: .get) { response in
                    #expect(response.text.contains("<td class=\"code\">\(name)</td>") == inside, "\(who): listed")
                }
                // Disable and enable.
                for aktif in ["0", "1"] {
                    try await admin.execute(uri: "/pengguna/\(name)/status", method: .post, headers: Self.form, body: ByteBuffer(string: "aktif=\(aktif)")) {
                        #expect($0.status == (inside ? .seeOther : .forbidden), "\(who): aktif=\(aktif)")
                    }
                }
                // Create a user of each role there.
                for role in Role.allCases {
                    let username = "baru-\(role.rawValue)-\(scope.replacingOccurrences(of: ".", with: ""))"
                    let body = "username=\(username)&name=Baru&role=\(role.rawValue)&scope=\(scope)&organisation=LSM&password=kopi-manis-2026-x"
                    try await admin.execute(uri: "/pengguna", method: .post, headers: Self.form, body: ByteBuffer(string: body)) {
                        #expect($0.status == (inside ? .seeOther : .forbidden), "\(who): create \(role)")
                    }
                    #expect((try await UserStore(database: services.database).user(named: username) != nil) == inside, "\(who): \(role) created")
                }
                // The import's report and rejected rows.
                let id = try #require(uploads[scope])
                try await admin.execute(uri: "/api/v1/imports/\(id)", method: .get) { #expect($0.status == (inside ? .ok : .notFound), "\(who): report") }
                try await admin.execute(uri: "/impor/proses/\(id)", method: .get) { #expect($0.status == (inside ? .ok : .notFound), "\(who): page") }
                try await admin.execute(uri: "/impor/proses/\(id)/ditolak.csv", method: .get) {
                    #expect($0.status == (inside ? .ok : .notFound), "\(who): rejects")
                }
                // The audit log: the upload's import.started event is in the uploader's region.
                try await admin.execute(uri: "/audit?tindakan=import.started", method: .get) { response in
                    #expect(response.text.contains("<td>\(name)</td><td>Impor dimulai</td>") == inside, "\(who): audit")
                }
            }
            // The province admin still sees everything.
            let province = SignedInClient(base: client, token: try await addUser(services, "prov-admin", role: .admin, scope: "52"))
            try await province.execute(uri: "/audit?tindakan=import.started", method: .get) { response in
                #expect(["op-5201", "op-5203", "op-52"].allSatisfy { response.text.contains("<td>\($0)</td><td>Impor dimulai</td>") })
            }
            for id in uploads.values {
                try await province.execute(uri: "/api/v1/imports/\(id)", method: .get) { #expect($0.status == .ok) }
            }
        }
    }

    /// The probe's steps, one by one, as the admin of 52.01 took them.
    @Test func a_regional_admin_cannot_take_over_the_province() async throws {
        try await withWebAppRoles(scope: "52.01") { client, tokens, services, _ in
            let provinceToken = try await addUser(services, "admin-ntb", role: .admin, scope: "52")
            let operatorToken = try await addUser(services, "op-lotim", role: .operator, scope: "52.03")
            let regional = SignedInClient(base: client, token: try #require(tokens[.admin]))
            // 1. Create an admin for the province: refused, nothing created, the refusal audited.
            try await regional.execute(uri: "/pengguna", method: .post, headers: Self.form,
                                       body: ByteBuffer(string: "username=kuda-troya&name=X&role=admin&scope=52&password=kopi-manis-2026-x")) { response in
                #expect(response.status == .forbidden)
                #expect(response.text.contains("Wilayah 52 berada di luar wilayah kerja Anda (52.01)."))
            }
            #expect(try await UserStore(database: services.database).user(named: "kuda-troya") == nil)
            // 2. Disable the province admin: refused; its token still works.
            try await regional.execute(uri: "/pengguna/admin-ntb/status", method: .post, headers: Self.form, body: ByteBuffer(string: "aktif=0")) {
                #expect($0.status == .forbidden)
            }
            #expect(try await UserStore(database: services.database).user(named: "admin-ntb")?.disabled == false)
            try await client.execute(uri: "/pengguna", method: .get, headers: bearer(provinceToken)) { #expect($0.status == .ok) }
            // 3. Read Lombok Timur's import report and rejected rows (names and NIKs): not found for them.
            let lotim = SignedInClient(base: client, token: operatorToken)
            let id = try await lotim.execute(uri: "/api/v1/imports", method: .post, headers: ImportWebTests.headers,
                                             body: ImportWebTests.multipart(file: "anggota.csv", content: ImportWebTests.people, fields: ["as_of": "2025-06-30"])) {
                try #require(try $0.json()["id"] as? String)
            }
            _ = try await ImportWebTests.waitFor(id, client: lotim)
            try await regional.execute(uri: "/api/v1/imports/\(id)", method: .get) { #expect($0.status == .notFound) }
            try await regional.execute(uri: "/impor/proses/\(id)/ditolak.csv", method: .get) { response in
                #expect(response.status == .notFound && !response.text.contains("5.20301E+15"))
            }
            // 4. The whole audit log: only events of 52.01 and below, none without a region.
            try await regional.execute(uri: "/audit", method: .get) { response in
                #expect(response.status == .ok)
                #expect(!response.text.contains("<td>op-lotim</td>") && !response.text.contains("<td>admin-ntb</td>"))
                #expect(!response.text.contains("<td>52.03</td>") && !response.text.contains("<td>52</td>"))
            }
            let visible = try await services.audit.search(.init(limit: 5_000, visibleTo: Oversight(role: .admin, scope: AccessScope(region: try RegionCode("52.01")))))
            #expect(!visible.isEmpty && visible.allSatisfy { ($0.region ?? "").hasPrefix("52.01") })
            // 5. Every user: only those of 52.01.
            try await regional.execute(uri: "/pengguna", method: .get) { response in
                #expect(response.text.contains("<td class=\"code\">r-viewer</td>"))
                #expect(!response.text.contains("admin-ntb") && !response.text.contains("op-lotim"))
            }
            // The refusals are in the log, in the region they were about.
            let denied = try await services.audit.search(.init(actor: "r-admin", action: "access.denied"))
            #expect(denied.contains { $0.region == "52" && $0.target?.contains("admin-ntb") == true })
        }
    }
}
