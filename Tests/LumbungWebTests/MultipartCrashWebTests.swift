import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LumbungDomain
import LumbungStore
import LumbungTestSupport
import Testing

/// schemathesis found that one multipart body whose part header name holds a byte ≥ 0x80 stopped the whole server
/// (MultipartKit indexes a 128-entry table with it). Each upload route gets such bodies over real HTTP and answers 400;
/// the server still answers afterwards. An empty POST to an upload route is a 400 too (it was a 500).
@Suite struct MultipartCrashWebTests {
    static let boundary = "b9d0ffba8e4475c0b8f418e766557a28"

    /// Bodies written by hand: a non-ASCII header name right after the delimiter, one after a good header, and a
    /// non-ASCII byte at the start of a second part's header line.
    static var bodies: [[UInt8]] {
        let open = Array("--\(boundary)\r\n".utf8), close = Array("--\(boundary)--\r\n".utf8)
        return [
            open + Array("Ç\u{F3}\u{A6}: x\r\n\r\nabc\r\n".utf8) + close,
            open + Array("Content-Disposition: form-data; name=\"dry_run\"\r\nX\u{E9}: 1\r\n\r\n1\r\n".utf8) + close,
            open + Array("Content-Disposition: form-data; name=\"dry_run\"\r\n\r\n1\r\n".utf8) + open + [0xC7, 0xF3] + Array(": y\r\n\r\nz\r\n".utf8) + close,
        ]
    }

    @Test(arguments: TestDatabase.engines)
    func a_header_name_with_a_high_byte_is_refused_and_the_server_keeps_running(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52", engine: engine, testing: .live) { base, tokens, services, _ in
            try await ProgrammeAPITests.setUp(services)
            let client = SignedInClient(base: base, token: try #require(tokens[.admin]))
            for uri in ["/api/v1/imports", "/api/v1/programmes/PKH/enrolments", "/api/v1/external-indicators"] {
                for body in Self.bodies {
                    let response = try await client.executeRequest(uri: uri, method: .post,
                                                                   headers: [.contentType: "multipart/form-data; boundary=\(Self.boundary)"],
                                                                   body: ByteBuffer(bytes: body))
                    #expect(response.status == .badRequest, "\(uri): \(response.status) \(String(buffer: response.body).prefix(300))")
                }
                let empty = try await client.executeRequest(uri: uri, method: .post, headers: [:], body: nil)
                #expect(empty.status == .badRequest, "\(uri) without a body: \(empty.status) \(String(buffer: empty.body).prefix(300))")
            }
            let alive = try await client.executeRequest(uri: "/healthz", method: .get, headers: [:], body: nil)
            #expect(alive.status == .ok)
        }
    }
}
