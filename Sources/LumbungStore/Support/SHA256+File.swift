import Foundation
import LumbungDomain

extension SHA256 {
    /// The digest of a whole file, read in 1 MiB chunks.
    public static func of(file url: URL) throws -> String {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hash = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hash.update(chunk) }
        return hash.hexDigest()
    }
}
