import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LumbungTestSupport
import LumbungWeb
import Testing

/// `/api/v1/openapi.json` describes exactly the JSON routes the router has, and is a valid OpenAPI 3.1 document.
@Suite struct APIDocumentTests {
    /// `/api/v1/regions/:code` and `/api/v1/regions/{code}` both → `/api/v1/regions/{}`.
    static func shape(_ path: String) -> String {
        "/" + path.split(separator: "/").map { part in
            part.hasPrefix(":") || part.hasPrefix("{") ? "{}" : String(part)
        }.joined(separator: "/")
    }

    @Test func the_document_names_every_api_route_and_no_other() async throws {
        try await withWebAppRoles(scope: "52") { client, _, _, routes in
            let document = try await client.execute(uri: "/api/v1/openapi.json", method: .get) { response in
                #expect(response.status == .ok)
                return try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
            }
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            var documented = Set<String>()
            for (path, operations) in paths {
                for method in operations.keys { documented.insert("\(method.uppercased()) \(Self.shape(path))") }
            }
            let registered = Set(routes.compactMap { route -> String? in
                let parts = route.split(separator: " ", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { return nil }
                let path = Self.shape(parts[1])
                return path.hasPrefix("/api/v1/") ? "\(parts[0]) \(path)" : nil
            })
            #expect(!registered.isEmpty)
            #expect(registered.subtracting(documented).sorted() == [], "routes the document lacks")
            #expect(documented.subtracting(registered).sorted() == [], "documented routes that do not exist")
        }
    }

    /// Checked by openapi-spec-validator (PyPI) where it is installed (CI installs it).
    @Test func the_document_is_valid_openapi() throws {
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["python3", "-c", "import openapi_spec_validator"]
        check.standardError = FileHandle.nullDevice
        try ProcessLaunch.run(check)
        check.waitUntilExit()
        guard check.terminationStatus == 0 else { return }  // not installed here: `pip install openapi-spec-validator`
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/LumbungWeb/Resources/static/openapi.json")
        let validate = Process()
        validate.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        validate.arguments = ["python3", "-c", "import json, sys; from openapi_spec_validator import validate; validate(json.load(open(sys.argv[1]))); print('ok')", file.path]
        let output = Pipe()
        validate.standardOutput = output
        validate.standardError = output
        try ProcessLaunch.run(validate)
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        validate.waitUntilExit()
        #expect(validate.terminationStatus == 0, "\(text)")
    }
}
