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
            for uri in ["/wilayah/52.03", "/wilayah/52.03.01.2001/indikator", "/peringkat?within=52.03", "/api/v1/regions/52.03",
                        "/api/v1/regions/52.03/indicators", "/api/v1/regions/52.03.01.2001/summary", "/api/v1/rankings?within=52.03&level=desa"] {
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
            // The start page is the user's own region.
            try await client.execute(uri: "/", method: .get, headers: operatorToken) { #expect($0.headers[.location] == "/wilayah/52.01") }
        }
    }
}
