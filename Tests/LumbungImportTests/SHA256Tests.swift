import Foundation
@testable import LumbungImport
import LumbungStore
import LumbungDomain
import Testing

/// The digest that recognises a file imported before must be real SHA-256 (FIPS 180-4 test vectors).
@Suite struct SHA256Tests {
    static func digest(_ text: String) -> String {
        var hash = SHA256()
        hash.update(Array(text.utf8))
        return hash.hexDigest()
    }

    @Test func known_vectors() {
        #expect(Self.digest("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Self.digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Self.digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func a_file_read_in_chunks_gives_the_same_digest() throws {
        let text = String(repeating: "5203014508920001;Baiq Siti;05/08/1992\r\n", count: 60_000)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sha-\(UUID()).csv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try SHA256.of(file: url) == Self.digest(text))
        // One million "a": the FIPS long-message vector.
        let million = FileManager.default.temporaryDirectory.appendingPathComponent("sha-a-\(UUID())")
        try Data(repeating: UInt8(ascii: "a"), count: 1_000_000).write(to: million)
        defer { try? FileManager.default.removeItem(at: million) }
        #expect(try SHA256.of(file: million) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
