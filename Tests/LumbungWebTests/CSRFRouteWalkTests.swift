import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LumbungDomain
import LumbungStore
import LumbungWeb
import Testing

/// Attack: a page of another site makes a signed-in admin's browser post to every form of Lumbung (the session cookie
/// goes along; the page cannot know the CSRF token). Every POST route of the router — those added later included —
/// refuses it with 403 and an audit event, whether the token is missing or wrong, and the new forms write nothing.
@Suite struct CSRFRouteWalkTests {
    @Test func every_post_route_refuses_a_session_without_its_token() async throws {
        try await withWebAppRoles(scope: "52") { client, _, services, routes in
            let signedIn = try await SignInWebTests.signIn(client, username: "r-admin", password: "kata-sandi-uji-2026")
            let session = try #require(SignInWebTests.cookie(named: "lumbung_sesi", in: signedIn))
            // The sign-in form checks its own token (SignInWebTests); every other POST route is walked here.
            let posts = routes.filter { $0.hasPrefix("POST ") }.map { String($0.dropFirst(5)) }.filter { $0 != "/masuk" }
            #expect(posts.contains("/pemantauan/target") && posts.contains("/pemantauan/target/hapus") && posts.contains("/sumber-lain")
                    && posts.contains("/api/v1/external-indicators"), "\(posts)")
            let body = "baseline=30&tahun_baseline=2024&tahun_1=2025&nilai_1=1&username=palsu&password=x&role=admin&scope=52"
            for path in posts {
                let filled = path.replacingOccurrences(of: #"\{[^}]+\}"#, with: "1", options: .regularExpression)
                for query in ["?wilayah=52.03.01", "?wilayah=52.03.01&csrf=" + String(repeating: "0", count: 64)] {
                    let uri = filled + query
                    try await client.execute(uri: uri, method: .post,
                                             headers: [.cookie: "lumbung_sesi=\(session)", .contentType: "application/x-www-form-urlencoded"],
                                             body: ByteBuffer(string: body)) { response in
                        #expect(response.status == .forbidden, "POST \(uri): \(response.status)")
                    }
                }
            }
            let rejected = try await services.audit.search(.init(action: "csrf.rejected", limit: 1_000)).compactMap(\.target)
            for path in ["/pemantauan/target", "/pemantauan/target/hapus", "/sumber-lain", "/api/v1/external-indicators"] {
                #expect(rejected.filter { $0 == "POST \(path)" }.count == 2, "\(path): \(rejected)")
            }
            let plan = try await TargetStore(database: services.database).plan(indicator: "desil1_families", region: try RegionCode("52.03.01"))
            #expect(plan.baseline == nil && plan.targets.isEmpty)
            #expect(try await ExternalIndicatorStore(database: services.database).indicators().isEmpty)
        }
    }
}
