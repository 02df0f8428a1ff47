import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LumbungDomain
import LumbungStore
import LumbungWeb
import Testing

/// Signing in and out in a browser: the form's own CSRF token, the session cookie, CSRF on forms,
/// throttling, refused tokens, and small cells for roles that see aggregates only.
@Suite struct SignInWebTests {
    static func cookie(named name: String, in response: TestResponse) -> String? {
        response.headers[values: .setCookie].compactMap { header -> String? in
            guard header.hasPrefix(name + "=") else { return nil }
            return String(header.dropFirst(name.count + 1).prefix { $0 != ";" })
        }.first
    }

    static func formToken(_ html: String) -> String? {
        guard let range = html.range(of: #"csrf=[0-9a-f]{64}"#, options: .regularExpression) else { return nil }
        return String(html[range].dropFirst(5))
    }

    static func signIn(_ client: some TestClientProtocol, username: String, password: String, next: String = "/") async throws -> TestResponse {
        let (token, formCookie) = try await client.execute(uri: "/masuk?lanjut=\(next)", method: .get) { response in
            (try #require(formToken(response.text)), try #require(cookie(named: "lumbung_masuk", in: response)))
        }
        let body = "username=\(username)&password=\(password)&lanjut=\(next.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
        return try await client.execute(uri: "/masuk?csrf=\(token)", method: .post,
                                        headers: [.cookie: "lumbung_masuk=\(formCookie)", .contentType: "application/x-www-form-urlencoded"],
                                        body: ByteBuffer(string: body))
    }

    @Test func a_browser_signs_in_uses_forms_with_their_token_and_signs_out() async throws {
        try await withWebAppRoles(scope: "52.01") { client, _, services, _ in
            // Not signed in: pages send to the sign-in form, remembering where the user was going.
            try await client.execute(uri: "/wilayah/52.01", method: .get) { response in
                #expect(response.status == .seeOther && response.headers[.location] == "/masuk?lanjut=%2Fwilayah%2F52%2E01")
            }
            let signedIn = try await Self.signIn(client, username: "r-operator", password: "kata-sandi-uji-2026", next: "/wilayah/52.01.01")
            #expect(signedIn.status == .seeOther && signedIn.headers[.location] == "/wilayah/52.01.01")
            let setCookie = try #require(signedIn.headers[values: .setCookie].first { $0.hasPrefix("lumbung_sesi=") })
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax") && setCookie.contains("Max-Age=28800"))
            let session = try #require(Self.cookie(named: "lumbung_sesi", in: signedIn))
            let cookie: HTTPFields = [.cookie: "lumbung_sesi=\(session)"]
            let csrf = try await client.execute(uri: "/impor", method: .get, headers: cookie) { response in
                #expect(response.status == .ok && response.text.contains("Operator · 52.01"))
                return try #require(Self.formToken(response.text))
            }
            // A form sent without the session's token, or with another, is refused and changes nothing.
            for uri in ["/impor", "/impor?csrf=\(String(repeating: "0", count: 64))", "/keluar"] {
                try await client.execute(uri: uri, method: .post, headers: cookie) { response in
                    #expect(response.status == .forbidden && response.text.contains("Token keamanan formulir"), "\(uri)")
                }
            }
            try await client.execute(uri: "/keluar?csrf=\(csrf)", method: .post, headers: cookie) { response in
                #expect(response.status == .seeOther && response.headers[.location] == "/masuk")
            }
            // The session is over: its cookie is dropped and the attempt logged.
            try await client.execute(uri: "/impor", method: .get, headers: cookie) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[values: .setCookie].contains { $0.hasPrefix("lumbung_sesi=;") && $0.contains("Max-Age=0") })
            }
            let actions = try await services.audit.search(.init(actor: "r-operator")).map(\.action)
            #expect(actions.contains(.loginSucceeded) && actions.contains(.logout))
            #expect(actions.filter { $0 == .csrfRejected }.count == 3)
            #expect(try await services.audit.search(.init(action: "session.rejected")).count == 1)
        }
    }

    @Test func a_user_changes_their_own_password_on_the_account_page() async throws {
        try await withWebAppRoles(scope: "52") { client, _, services, _ in
            let signedIn = try await Self.signIn(client, username: "r-analyst", password: "kata-sandi-uji-2026")
            let cookie: HTTPFields = [.cookie: "lumbung_sesi=\(try #require(Self.cookie(named: "lumbung_sesi", in: signedIn)))",
                                      .contentType: "application/x-www-form-urlencoded"]
            let csrf = try await client.execute(uri: "/akun", method: .get, headers: cookie) { response in
                #expect(response.status == .ok && response.text.contains("<dd class=\"code\">r-analyst</dd>"))
                return try #require(Self.formToken(response.text))
            }
            func change(_ body: String) async throws -> TestResponse {
                try await client.execute(uri: "/akun?csrf=\(csrf)", method: .post, headers: cookie, body: ByteBuffer(string: body))
            }
            let wrong = try await change("lama=salah&baru=kopi-manis-2027&ulang=kopi-manis-2027")
            #expect(wrong.status == .badRequest && wrong.text.contains("Kata sandi saat ini salah."))
            let mismatch = try await change("lama=kata-sandi-uji-2026&baru=kopi-manis-2027&ulang=kopi-manis-2028")
            #expect(mismatch.status == .badRequest && mismatch.text.contains("tidak sama"))
            let changed = try await change("lama=kata-sandi-uji-2026&baru=kopi-manis-2027&ulang=kopi-manis-2027")
            #expect(changed.status == .seeOther && changed.headers[.location] == "/masuk")
            try await client.execute(uri: "/akun", method: .get, headers: cookie) { #expect($0.status == .seeOther, "the session ended") }
            #expect(try await Self.signIn(client, username: "r-analyst", password: "kopi-manis-2027").status == .seeOther)
            #expect(try await services.audit.search(.init(actor: "r-analyst", action: "user.password_reset")).count == 1)
        }
    }

    @Test func wrong_passwords_are_refused_then_throttled_and_a_forged_form_is_refused() async throws {
        try await withWebAppRoles(scope: "52") { client, _, _, _ in
            for attempt in 1...SignIn.accountLimit {
                let response = try await Self.signIn(client, username: "r-viewer", password: "salah-\(attempt)")
                #expect(response.status == .unauthorized && response.text.contains("Nama pengguna atau kata sandi salah."))
                #expect(Self.cookie(named: "lumbung_sesi", in: response) == nil)
            }
            let locked = try await Self.signIn(client, username: "r-viewer", password: "kata-sandi-uji-2026")
            #expect(locked.status == .tooManyRequests && locked.text.contains("Tunggu 15 menit"))
            // A sign-in form posted from elsewhere has no matching cookie.
            try await client.execute(uri: "/masuk?csrf=abc", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: "username=r-admin&password=kata-sandi-uji-2026")) { response in
                #expect(response.status == .forbidden && Self.cookie(named: "lumbung_sesi", in: response) == nil)
            }
            // An open redirect is not followed.
            #expect(signInRedirectTarget("//evil.example/x") == "/" && signInRedirectTarget("https://evil.example") == "/")
            #expect(signInRedirectTarget("/wilayah/52.01?x=1") == "/wilayah/52.01?x=1")
        }
    }

    @Test func a_bad_bearer_token_is_refused_and_logged() async throws {
        try await withWebAppRoles(scope: "52") { client, _, services, _ in
            try await client.execute(uri: "/api/v1/regions/52/indicators", method: .get, headers: bearer("lmb_tebakan")) { response in
                #expect(response.status == .unauthorized)
                let error = try response.json()["error"] as? [String: Any]
                #expect(error?["code"] as? String == "invalid_token")
            }
            #expect(try await services.audit.search(.init(action: "token.rejected")).count == 1)
        }
    }

    @Test func viewers_and_partners_see_small_counts_as_less_than_five() async throws {
        try await withWebAppRoles(scope: "52") { client, tokens, _, _ in
            let admin = SignedInClient(base: client, token: try #require(tokens[.admin]))
            let id = try await admin.execute(uri: "/api/v1/imports", method: .post, headers: ImportWebTests.headers,
                                             body: ImportWebTests.multipart(file: "keluarga.csv", content: ImportWebTests.families,
                                                                            fields: ["as_of": "2025-06-30"])) {
                try #require(try $0.json()["id"] as? String)
            }
            _ = try await ImportWebTests.waitFor(id, client: admin)
            for (role, suppressed) in [(Role.viewer, true), (.partner, true), (.analyst, false)] {
                try await client.execute(uri: "/api/v1/regions/52.03.01/indicators", method: .get, headers: bearer(tokens[role])) { response in
                    let values = try #require((response.json()["region"] as? [String: Any])?["values"] as? [[String: Any]])
                    let families = try #require(values.first { $0["indicator"] as? String == "families" })
                    if suppressed {
                        #expect(families["suppressed"] as? Bool == true && families["count"] is NSNull, "\(role)")
                    } else {
                        #expect(families["count"] as? Int == 2 && families["suppressed"] == nil, "\(role)")
                    }
                }
                try await client.execute(uri: "/wilayah/52.03.01/indikator", method: .get, headers: bearer(tokens[role])) { response in
                    #expect(response.text.contains("<td class=\"num\">&lt;5</td>") == suppressed, "\(role)")
                }
            }
        }
    }
}
