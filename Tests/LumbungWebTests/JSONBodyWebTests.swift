import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LumbungDomain
import LumbungStore
import LumbungTestSupport
import LumbungWeb
import NIOCore
import Testing

/// Every API route that takes a form body (`application/x-www-form-urlencoded`) takes the same fields as a JSON object
/// and answers alike; a JSON body it cannot read is a 400 whose Indonesian message (`pesan`) names the field. The table
/// below must name every POST/PUT/PATCH route of the API router: a new one fails the test until it is added.
@Suite struct JSONBodyWebTests {
    struct Case: Sendable {
        /// The address for the form (`form`) or JSON (`json`) variant: each makes its own record where the route makes one.
        let uri: @Sendable (String) -> String
        let fields: @Sendable (String) -> [String: String]
        let status: HTTPResponse.Status
        /// Answer fields that must be equal for both variants.
        let same: [String]
    }

    /// Run in the order of their keys: the programmes made by `POST /api/v1/programmes` are closed by the next row.
    static let cases: [String: Case] = [
        "POST /api/v1/people/lookup": Case(uri: { _ in "/api/v1/people/lookup" }, fields: { _ in ["nik": "5203014101800001"] },
                                           status: .ok, same: ["kkNumber", "villageCode", "members"]),
        "POST /api/v1/organisations": Case(uri: { _ in "/api/v1/organisations" },
                                           fields: { variant in ["nama": "Lembaga \(variant)", "jenis": "lsm", "wilayah": "52.03"] },
                                           status: .created, same: ["kind", "region"]),
        // The organisations the row above made ("Lembaga form", "Lembaga json") are renamed, then closed; the malformed
        // bodies ("bad") go to Mitra Uji and change nothing.
        "POST /api/v1/organisations/{}": Case(uri: { variant in "/api/v1/organisations/" + (variant == "bad" ? "Mitra%20Uji" : "Lembaga%20\(variant)") },
                                              fields: { variant in ["nama": "Lembaga \(variant) baru", "jenis": "csr"] },
                                              status: .ok, same: ["kind", "region"]),
        "POST /api/v1/organisations/{}/close": Case(uri: { variant in
            "/api/v1/organisations/" + (variant == "bad" ? "Mitra%20Uji" : "Lembaga%20\(variant)%20baru") + "/close"
        }, fields: { _ in ["tanggal": "2025-12-30"] }, status: .ok, same: ["kind", "closedOn"]),
        "POST /api/v1/programmes": Case(uri: { _ in "/api/v1/programmes" }, fields: { variant in
            ["kode": "UJI-\(variant.uppercased())", "nama": "Program uji", "organisasi": "Mitra Uji", "sektor": "pangan",
             "sasaran": "keluarga", "mulai": "2025-01-01", "selesai": "2025-12-31", "wilayah": "52.03"]
        }, status: .created, same: ["name", "sectors", "start", "end"]),
        // The programmes the row above made are changed before the next row closes them.
        "POST /api/v1/programmes/{}": Case(uri: { variant in "/api/v1/programmes/\(variant == "bad" ? "PKH" : "UJI-" + variant.uppercased())" },
                                           fields: { _ in ["nama": "Program uji diubah", "selesai": "2026-06-30", "anggaran": "1.500.000"] },
                                           status: .ok, same: ["name", "sectors", "start", "end", "budget"]),
        "POST /api/v1/programmes/{}/close": Case(uri: { variant in "/api/v1/programmes/\(variant == "bad" ? "PKH" : "UJI-" + variant.uppercased())/close" },
                                                 fields: { _ in ["tanggal": "2025-12-30"] }, status: .ok, same: ["closedOn", "end"]),
        // Each variant links its own indicator to PKH (201), and the next row unlinks it again (200).
        "POST /api/v1/programmes/{}/outcomes": Case(uri: { _ in "/api/v1/programmes/PKH/outcomes" },
                                                    fields: { variant in ["indicator": variant == "json" ? "unfit_housing" : "desil1_families"] },
                                                    status: .created, same: ["programme"]),
        "POST /api/v1/programmes/{}/outcomes/remove": Case(uri: { _ in "/api/v1/programmes/PKH/outcomes/remove" },
                                                           fields: { variant in ["indicator": variant == "json" ? "unfit_housing" : "desil1_families"] },
                                                           status: .ok, same: ["programme"]),
    ]

    /// Routes that take a file (multipart/form-data) and no form fields alone.
    static let multipartOnly: Set<String> = ["POST /api/v1/imports", "POST /api/v1/programmes/{}/enrolments", "POST /api/v1/external-indicators"]

    static func form(_ fields: [String: String]) -> ByteBuffer {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return ByteBuffer(string: fields.sorted { $0.key < $1.key }
            .map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&"))
    }

    static func json(_ fields: [String: String]) -> ByteBuffer {
        ByteBuffer(bytes: Array((try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data()))
    }

    /// A JSON value as sorted-key text, to compare.
    static func canonical(_ value: Any?) -> String {
        String(decoding: (try? JSONSerialization.data(withJSONObject: [value ?? NSNull()], options: [.sortedKeys])) ?? Data(), as: UTF8.self)
    }

    static let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
    static let jsonHeaders: HTTPFields = [.contentType: "application/json"]

    @Test(arguments: TestDatabase.engines)
    func every_form_route_takes_json_too_and_names_the_field_it_cannot_read(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52", engine: engine) { client, tokens, services, routes in
            try await ProgrammeAPITests.setUp(services)
            let admin = SignedInClient(base: client, token: try #require(tokens[.admin]))
            let writing = Set(routes.compactMap { route -> String? in
                let parts = route.split(separator: " ", maxSplits: 1).map(String.init)
                guard parts.count == 2, ["POST", "PUT", "PATCH"].contains(parts[0]) else { return nil }
                let path = APIDocumentTests.shape(parts[1])
                return path.hasPrefix("/api/v1/") ? "\(parts[0]) \(path)" : nil
            })
            #expect(!writing.isEmpty)
            #expect(writing.subtracting(Set(Self.cases.keys)).subtracting(Self.multipartOnly).sorted() == [], "routes missing from the table")
            #expect(Set(Self.cases.keys).union(Self.multipartOnly).subtracting(writing).sorted() == [], "table rows of routes that do not exist")

            // The document lists both media types for each, multipart alone for the file routes.
            let document = try await admin.execute(uri: "/api/v1/openapi.json", method: .get) { response in
                try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
            }
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            for (path, operations) in paths {
                for (method, operation) in operations {
                    let key = "\(method.uppercased()) \(APIDocumentTests.shape(path))"
                    guard writing.contains(key) else { continue }
                    let body = ((operation as? [String: Any])?["requestBody"] as? [String: Any])?["content"] as? [String: Any] ?? [:]
                    if Self.multipartOnly.contains(key) {
                        #expect(Set(body.keys) == ["multipart/form-data"], "\(key)")
                    } else {
                        #expect(Set(body.keys) == ["application/x-www-form-urlencoded", "application/json"], "\(key)")
                    }
                }
            }

            for (route, test) in Self.cases.sorted(by: { $0.key < $1.key }) {
                let viaForm = try await admin.execute(uri: test.uri("form"), method: .post, headers: Self.formHeaders, body: Self.form(test.fields("form"))) { response in
                    #expect(response.status == test.status, "\(route) form: \(response.text)")
                    return response.text
                }
                let viaJSON = try await admin.execute(uri: test.uri("json"), method: .post, headers: Self.jsonHeaders, body: Self.json(test.fields("json"))) { response in
                    #expect(response.status == test.status, "\(route) JSON: \(response.text)")
                    return response.text
                }
                let a = try JSONSerialization.jsonObject(with: Data(viaForm.utf8)) as? [String: Any] ?? [:]
                let b = try JSONSerialization.jsonObject(with: Data(viaJSON.utf8)) as? [String: Any] ?? [:]
                for key in test.same {
                    #expect(a[key] != nil, "\(route): \(key) missing in \(viaForm.prefix(300))")
                    #expect(Self.canonical(a[key]) == Self.canonical(b[key]), "\(route): \(key)")
                }

                // A JSON body that cannot be read: 400, naming the field.
                let first = try #require(test.fields("bad").keys.sorted().first)
                let malformed: [(body: String, mentions: String)] = [
                    ("{\"\(first)\": {\"a\": 1}}", "Isian \"\(first)\" harus berupa teks"),
                    ("{\"\(first)\": [\"x\", {\"a\": 1}]}", "Isian \"\(first)\""),
                    ("{\"\(first)\": \"x\", \"kedua\": ", "pada atau sesudah isian \"kedua\""),
                    ("{\"\(first)\": tidak}", "pada atau sesudah isian \"\(first)\""),
                    ("[1, 2]", "harus berupa objek JSON"),
                    ("", "bukan JSON yang sah"),
                ]
                for (body, mentions) in malformed {
                    try await admin.execute(uri: test.uri("bad"), method: .post, headers: Self.jsonHeaders, body: ByteBuffer(string: body)) { response in
                        #expect(response.status == .badRequest, "\(route) \(body): \(response.text)")
                        let error = try response.json()["error"] as? [String: Any]
                        #expect(error?["code"] as? String == "invalid_json", "\(route) \(body)")
                        #expect((error?["pesan"] as? String)?.contains(mentions) == true, "\(route) \(body): \(response.text)")
                    }
                }
            }
        }
    }

    /// JSON values other than text: numbers and true/false as their text, lists joined with commas, null as absent.
    @Test(arguments: TestDatabase.engines)
    func numbers_lists_and_nulls_read_as_a_form_would_send_them(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52", engine: engine) { client, tokens, services, _ in
            try await ProgrammeAPITests.setUp(services)
            let admin = SignedInClient(base: client, token: try #require(tokens[.admin]))
            let body = """
                {"code": "ANGKA", "name": "Program angka", "organisation": "Mitra Uji", "sectors": ["pangan", "tunai"], "unit": "keluarga",
                 "start": "2025-01-01", "end": null, "targetRegions": ["52.03"], "budget": 150000000, "maximumDesil": 4}
                """
            try await admin.execute(uri: "/api/v1/programmes", method: .post, headers: Self.jsonHeaders, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .created, "\(response.text)")
                let json = try response.json()
                #expect((json["sectors"] as? [String]).map(Set.init) == ["pangan", "tunai"], "\(json)")
                #expect("\(json["budget"] ?? "")" == "150000000", "\(json)")
                #expect(json["end"] == nil || json["end"] is NSNull, "\(json)")
            }
            // A NIK sent as a number is the same NIK.
            try await admin.execute(uri: "/api/v1/people/lookup", method: .post, headers: Self.jsonHeaders,
                                    body: ByteBuffer(string: "{\"nik\": 5203014101800001}")) { response in
                #expect(response.status == .ok, "\(response.text)")
            }
        }
    }
}
