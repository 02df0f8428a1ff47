import Foundation
import HTTPTypes
import Hummingbird
import LumbungDomain
import LumbungStore

/// JSON responses with stable key order, so API output diffs cleanly and tests can compare it.
enum JSONBody {
    static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? encode(value)) ?? Data(#"{"error":{"code":"internal_error","message":"unencodable"}}"#.utf8)
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}
