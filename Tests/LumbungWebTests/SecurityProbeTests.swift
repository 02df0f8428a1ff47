import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LumbungDomain
import LumbungStore
import LumbungWeb
import SQLKit
import Testing

/// The outside probe's findings 5, 8, 9, 10 and 12 (issue 12), each reproduced the way the probe did it.
@Suite struct SecurityProbeTests {
    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    /// The sign-in form's token and its cookie, for posting to `/masuk`.
    static func signInForm(_ client: some TestClientProtocol) async throws -> (token: String, cookie: String) {
        try await client.execute(uri: "/masuk", method: .get) { response in
            (try #require(SignInWebTests.formToken(response.text)), try #require(SignInWebTests.cookie(named: "lumbung_masuk", in: response)))
        }
    }

    static func postSignIn(_ client: some TestClientProtocol, _ form: (token: String, cookie: String), body: String,
                           extraCookie: String? = nil) async throws -> TestResponse {
        let cookie = ["lumbung_masuk=\(form.cookie)", extraCookie].compactMap { $0 }.joined(separator: "; ")
        return try await client.execute(uri: "/masuk?csrf=\(form.token)", method: .post,
                                        headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: body))
    }

    // MARK: 5. Throttling bypassed by concurrency

    @Test func sixty_parallel_guesses_reach_the_password_check_at_most_five_times_and_the_right_password_is_then_refused() async throws {
        try await withWebAppRoles(scope: "52") { client, _, services, _ in
            let form = try await Self.signInForm(client)
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for guess in 0..<60 {
                    group.addTask {
                        try await Self.postSignIn(client, form, body: "username=r-viewer&password=tebakan-\(guess)").status.code
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.count == 60 && statuses.allSatisfy { [401, 429, 503].contains($0) }, "\(statuses)")
            #expect(statuses.filter { $0 == 401 }.count <= SignIn.accountLimit, "only \(SignIn.accountLimit) guesses are checked")
            let checked = try await services.database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM login_attempt WHERE username = 'r-viewer'").first()!.decode(column: "n", as: Int.self)
            }
            #expect(checked <= SignIn.accountLimit, "\(checked) guesses reached bcrypt")
            let right = try await Self.postSignIn(client, form, body: "username=r-viewer&password=kata-sandi-uji-2026")
            #expect(right.status == .tooManyRequests && SignInWebTests.cookie(named: "lumbung_sesi", in: right) == nil)
        }
    }

    @Test func the_password_pool_runs_at_most_its_limit_and_refuses_beyond_its_queue() async throws {
        let pool = PasswordChecks(running: 1, waiting: 1)
        let hash = Passwords.hash("kopi-manis-2026")
        let results = await withTaskGroup(of: Bool?.self) { group in
            for _ in 0..<6 { group.addTask { await pool.verify("kopi-manis-2026", hash: hash) } }
            return await group.reduce(into: [Bool?]()) { $0.append($1) }
        }
        #expect(results.contains(nil), "a full pool refuses at once")
        #expect(results.compactMap { $0 }.allSatisfy { $0 } && results.compactMap { $0 }.count >= 2)
        #expect(await pool.started == results.compactMap { $0 }.count)
    }

    // MARK: 8. Open redirect after sign-in

    @Test(arguments: ["%2F%09%2Fevil.example", "//evil", "/\\evil", "/%09/evil", "https://evil", "/%2F/evil", "%2F%0A%2Fevil", "/%20/evil", "evil"])
    func a_sign_in_never_sends_the_browser_to_another_host(payload: String) async throws {
        try await withWebAppRoles(scope: "52") { client, tokens, _, _ in
            let form = try await Self.signInForm(client)
            let response = try await Self.postSignIn(client, form, body: "username=r-viewer&password=kata-sandi-uji-2026&lanjut=\(payload)")
            #expect(response.status == .seeOther && response.headers[.location] == "/", "\(payload) → \(response.headers[.location] ?? "")")
            // Signed in already, the form sends on at once: the same rule.
            try await client.execute(uri: "/masuk?lanjut=\(payload.replacingOccurrences(of: "\\", with: "%5C"))", method: .get,
                                     headers: bearer(tokens[.viewer])) { response in
                #expect(response.headers[.location] == "/", "\(payload)")
            }
        }
    }

    @Test func a_path_on_this_site_is_still_followed_after_sign_in() {
        #expect(signInRedirectTarget("/wilayah/52.01?x=1") == "/wilayah/52.01?x=1")
        #expect(signInRedirectTarget("/\t/evil.example") == "/" && signInRedirectTarget("/\\evil") == "/" && signInRedirectTarget("/ok\\x") == "/")
        #expect(signInRedirectTarget("/a\u{0}b") == "/" && signInRedirectTarget("/a b") == "/" && signInRedirectTarget(nil) == "/")
    }

    // MARK: 9. Unauthenticated audit flooding

    @Test func sixty_bad_tokens_from_one_address_write_at_most_ten_events_a_minute() async throws {
        try await withWebAppRoles(scope: "52") { client, _, services, _ in
            let start = Date()
            for guess in 0..<60 {
                try await client.execute(uri: "/api/v1/regions/52", method: .get, headers: bearer("lmb_tebakan\(guess)")) { #expect($0.status == .unauthorized) }
                try await client.execute(uri: "/wilayah/52", method: .get, headers: [.cookie: "lumbung_sesi=palsu\(guess)"]) { #expect($0.status == .seeOther) }
            }
            let written = try await services.audit.search(.init(limit: 5_000)).filter { [.tokenRejected, .sessionRejected].contains($0.action) }
            // Ten per started minute (on a loaded machine the 120 requests may take longer than one).
            let minutes = Int(Date().timeIntervalSince(start) / 60) + 1
            #expect(written.count <= services.audit.floodGate.perMinute * minutes, "\(written.count) events written in \(minutes) minute(s)")
            #expect(!written.isEmpty)
        }
    }

    @Test func a_sixty_kilobyte_username_is_cut_in_the_audit_log() async throws {
        try await withWebAppRoles(scope: "52") { client, _, services, _ in
            let form = try await Self.signInForm(client)
            let huge = String(repeating: "a", count: 60_000)
            let response = try await Self.postSignIn(client, form, body: "username=\(huge)&password=salah-sekali")
            #expect(response.status == .unauthorized)
            let events = try await services.audit.search(.init(action: "login.failed"))
            #expect(events.count == 1 && events[0].actor.count <= AuditLog.maxActorLength, "\(events.first?.actor.count ?? 0)")
            let stored = try await services.database.read { db in
                try await db.raw("SELECT MAX(LENGTH(username)) AS n FROM login_attempt").first()!.decode(column: "n", as: Int.self)
            }
            #expect(stored <= 64)
        }
    }

    @Test func events_over_the_limit_are_counted_and_written_as_one_when_the_minute_is_over() async {
        let gate = AuditFloodGate(perMinute: 3)
        var written = 0
        for _ in 0..<50 {
            if await gate.admit(address: "10.0.0.9", now: 1_000).write { written += 1 }
        }
        #expect(written == 3)
        let next = await gate.admit(address: "10.0.0.1", now: 1_061)
        #expect(next.write && next.summaries.count == 1 && next.summaries[0].address == "10.0.0.9" && next.summaries[0].count == 47)
    }

    // MARK: 10. An outsider blocks a region's import

    @Test func an_operator_of_another_region_cannot_make_a_file_already_imported() async throws {
        try await withWebAppRoles(scope: "52.01") { client, tokens, services, _ in
            let outsider = SignedInClient(base: client, token: try #require(tokens[.operator]))
            let owner = SignedInClient(base: client, token: try await addUser(services, "op-lotim", role: .operator, scope: "52.03"))
            // The families live in Lombok Timur (52.03): the Lombok Barat operator's upload refuses them all.
            for (client, inserted) in [(outsider, 0), (owner, 2)] {
                let id = try await client.execute(uri: "/api/v1/imports", method: .post, headers: ImportWebTests.headers,
                                                  body: ImportWebTests.multipart(file: "keluarga.csv", content: ImportWebTests.families,
                                                                                 fields: ["as_of": "2025-06-30"])) {
                    try #require(try $0.json()["id"] as? String)
                }
                let report = try #require(try await ImportWebTests.waitFor(id, client: client)["report"] as? [String: Any])
                #expect(report["inserted"] as? Int == inserted && report["alreadyImportedInBatch"] == nil, "\(report)")
            }
            // Once really imported, the same file is a no-op for its region.
            let again = try await owner.execute(uri: "/api/v1/imports", method: .post, headers: ImportWebTests.headers,
                                                body: ImportWebTests.multipart(file: "keluarga.csv", content: ImportWebTests.families,
                                                                               fields: ["as_of": "2025-06-30"])) {
                try #require(try $0.json()["id"] as? String)
            }
            let report = try #require(try await ImportWebTests.waitFor(again, client: owner)["report"] as? [String: Any])
            #expect(report["alreadyImportedInBatch"] as? Int != nil)
        }
    }

    // MARK: 12. Lower findings

    @Test func admins_need_a_strong_password_and_the_page_says_the_rule_in_bahasa_indonesia() async throws {
        try await withWebAppRoles(scope: "52") { client, tokens, services, _ in
            let admin = SignedInClient(base: client, token: try #require(tokens[.admin]))
            for (password, weakness) in [("password12", PasswordPolicy.Weakness.tooShort(minimum: 12)), ("1234567890123", .onlyDigits),
                                         ("Password2024!", .common), ("kepala-dinas-01", .containsUsername)] {
                try await admin.execute(uri: "/pengguna", method: .post, headers: Self.form,
                                        body: ByteBuffer(string: "username=kepala-dinas&name=K&role=admin&scope=52&password=\(password)")) { response in
                    #expect(response.status == .badRequest, "\(password)")
                    #expect(response.text.contains("Kata sandi terlalu lemah: \(weakness.indonesian). Aturannya: minimal 10 karakter (admin 12)"),
                            "\(password)")
                }
            }
            #expect(try await UserStore(database: services.database).user(named: "kepala-dinas") == nil)
            // A viewer's 10 characters are still enough; an admin's strong one is accepted.
            #expect(PasswordPolicy.weakness(of: "kopi-manis", username: "budi", role: .viewer) == nil)
            #expect(PasswordPolicy.weakness(of: "1234567890", username: "budi", role: .viewer) == .onlyDigits)
            try await admin.execute(uri: "/pengguna", method: .post, headers: Self.form,
                                    body: ByteBuffer(string: "username=kepala-dinas&name=K&role=admin&scope=52&password=gunung-rinjani-3726")) {
                #expect($0.status == .seeOther)
            }
        }
    }

    @Test func a_password_reset_or_change_revokes_the_users_api_tokens() async throws {
        try await withWebAppRoles(scope: "52") { client, tokens, services, _ in
            let users = UserStore(database: services.database)
            let viewer = try #require(tokens[.viewer]), analyst = try #require(tokens[.analyst])
            try await users.resetPassword("r-viewer", to: "kopi-manis-2027", by: AuditActor(name: "test", address: nil))
            try await client.execute(uri: "/api/v1/regions/52", method: .get, headers: bearer(viewer)) { #expect($0.status == .unauthorized) }
            try await users.changePassword("r-analyst", current: "kata-sandi-uji-2026", new: "kopi-manis-2027", by: AuditActor(name: "r-analyst", address: nil))
            try await client.execute(uri: "/api/v1/regions/52", method: .get, headers: bearer(analyst)) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/api/v1/regions/52", method: .get, headers: bearer(tokens[.partner])) { #expect($0.status == .ok) }
        }
    }

    @Test func personal_data_responses_are_never_cached() async throws {
        try await withWebAppRoles(scope: "52") { client, tokens, _, _ in
            let admin = SignedInClient(base: client, token: try #require(tokens[.admin]))
            let id = try await admin.execute(uri: "/api/v1/imports", method: .post, headers: ImportWebTests.headers,
                                             body: ImportWebTests.multipart(file: "anggota.csv", content: ImportWebTests.people, fields: ["as_of": "2025-06-30"])) {
                try #require(try $0.json()["id"] as? String)
            }
            _ = try await ImportWebTests.waitFor(id, client: admin)
            for uri in ["/api/v1/imports/\(id)", "/impor/proses/\(id)", "/impor/proses/\(id)/ditolak.csv", "/pengguna", "/audit", "/impor", "/orang",
                        "/api/v1/regions/52/indicators"] {
                try await admin.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok && response.headers[.cacheControl] == "no-store", "\(uri): \(response.status)")
                }
            }
            try await admin.execute(uri: "/orang", method: .post, headers: Self.form, body: ByteBuffer(string: "nik=5203014508920001")) {
                #expect($0.headers[.cacheControl] == "no-store")
            }
        }
    }

    @Test func the_api_shows_no_server_paths_and_operators_see_only_their_own_batches() async throws {
        try await withWebAppRoles(scope: "52.03") { client, tokens, services, _ in
            let first = SignedInClient(base: client, token: try #require(tokens[.operator]))
            let second = SignedInClient(base: client, token: try await addUser(services, "op-kedua", role: .operator, scope: "52.03"))
            // Members whose families are not in the registry yet: rejected, so the report names a rejects file.
            let id = try await first.execute(uri: "/api/v1/imports", method: .post, headers: ImportWebTests.headers,
                                             body: ImportWebTests.multipart(file: "keluarga-pertama.csv", content: ImportWebTests.people,
                                                                            fields: ["as_of": "2025-06-30"])) {
                try #require(try $0.json()["id"] as? String)
            }
            _ = try await ImportWebTests.waitFor(id, client: first)
            try await first.execute(uri: "/api/v1/imports/\(id)", method: .get) { response in
                #expect(!response.text.contains(FileManager.default.temporaryDirectory.path) && !response.text.contains("uploads-"), "\(response.text)")
                let report = try #require(try response.json()["report"] as? [String: Any])
                #expect(report["rejectsFile"] as? String == "/impor/proses/\(id)/ditolak.csv")
            }
            try await first.execute(uri: "/impor", method: .get) { #expect($0.text.contains("<td>keluarga-pertama.csv</td>")) }
            try await second.execute(uri: "/impor", method: .get) { #expect(!$0.text.contains("keluarga-pertama.csv")) }
            // The admin of the region sees it; one of another region does not.
            try await client.execute(uri: "/impor", method: .get, headers: bearer(tokens[.admin])) { #expect($0.text.contains("keluarga-pertama.csv")) }
            let other = try await addUser(services, "admin-lobar", role: .admin, scope: "52.01")
            try await client.execute(uri: "/impor", method: .get, headers: bearer(other)) { #expect(!$0.text.contains("keluarga-pertama.csv")) }
        }
    }

    @Test func a_sign_in_that_carries_a_stale_cookie_keeps_its_new_session() async throws {
        try await withWebAppRoles(scope: "52") { client, _, _, _ in
            let form = try await Self.signInForm(client)
            let response = try await Self.postSignIn(client, form, body: "username=r-viewer&password=kata-sandi-uji-2026",
                                                     extraCookie: "lumbung_sesi=sesi-lama-yang-sudah-berakhir")
            #expect(response.status == .seeOther)
            let sessions = response.headers[values: .setCookie].filter { $0.hasPrefix("lumbung_sesi=") }
            #expect(sessions.count == 1 && !sessions[0].hasPrefix("lumbung_sesi=;"), "\(sessions)")
            let cookie = try #require(SignInWebTests.cookie(named: "lumbung_sesi", in: response))
            try await client.execute(uri: "/akun", method: .get, headers: [.cookie: "lumbung_sesi=\(cookie)"]) { #expect($0.status == .ok) }
        }
    }

    @Test func a_user_keeps_at_most_ten_uploads_and_old_dry_runs_are_purged() async throws {
        try await withWebApp { client in
            var ids: [String] = []
            for index in 0..<UploadPolicy().maxStored {
                let id = try await client.execute(uri: "/api/v1/imports", method: .post, headers: ImportWebTests.headers,
                                                  body: ImportWebTests.multipart(file: "coba-\(index).csv", content: ImportWebTests.families,
                                                                                 fields: ["as_of": "2025-06-30", "dry_run": "1"])) {
                    try #require(try $0.json()["id"] as? String)
                }
                _ = try await ImportWebTests.waitFor(id, client: client)
                ids.append(id)
            }
            try await client.execute(uri: "/api/v1/imports", method: .post, headers: ImportWebTests.headers,
                                     body: ImportWebTests.multipart(file: "satu-lagi.csv", content: ImportWebTests.families,
                                                                    fields: ["as_of": "2025-06-30", "dry_run": "1"])) { response in
                #expect(response.status == .tooManyRequests)
                let error = try response.json()["error"] as? [String: Any]
                #expect(error?["code"] as? String == "bad_upload")
            }
        }
    }

    @Test func purging_removes_failed_imports_and_dry_runs_past_their_time_and_keeps_the_rest() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("purge-\(UUID())")
        defer { try? FileManager.default.removeItem(at: root) }
        let old = Date().addingTimeInterval(-25 * 3600)
        for (name, marker, date) in [("lama-gagal", "failed", old), ("lama-coba", "dry-run", old), ("baru-coba", "dry-run", Date()),
                                     ("lama-selesai", "done", old), ("lama-berjalan", nil, old), ("baru-berjalan", nil, Date())] as [(String, String?, Date)] {
            let folder = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("x".utf8).write(to: folder.appendingPathComponent("berkas.csv"))
            if let marker {
                let url = folder.appendingPathComponent(".status")
                try Data(marker.utf8).write(to: url)
                try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: url.path)
            }
            try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: folder.path)
        }
        let removed = UploadRetention.purge(root, olderThanHours: 24)
        #expect(removed == ["lama-berjalan", "lama-coba", "lama-gagal"])
        let left = try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
        #expect(left == ["baru-berjalan", "baru-coba", "lama-selesai"])
    }
}
