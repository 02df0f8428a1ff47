import Foundation

/// How much a user may upload and how long uploads are kept. Read once, at start-up
/// (`LUMBUNG_UPLOAD_MAX_MB`, `LUMBUNG_UPLOAD_RETENTION_HOURS`), else the defaults.
public struct UploadPolicy: Sendable {
    /// The largest file accepted, in bytes.
    public var maxBytes: Int
    /// Imports one user may have running at once.
    public var maxRunning: Int
    /// Uploads one user may have kept on the server at once: running, failed and dry runs not yet removed.
    /// (A real import's uploaded file is removed as soon as it is written; its rejects file stays.)
    public var maxStored: Int
    /// Failed imports and dry runs are removed this long after they end.
    public var retentionHours: Int

    public init(maxBytes: Int = 1 << 30, maxRunning: Int = 3, maxStored: Int = 10, retentionHours: Int = 24) {
        self.maxBytes = maxBytes
        self.maxRunning = maxRunning
        self.maxStored = maxStored
        self.retentionHours = retentionHours
    }

    /// The defaults, with the size limit and retention from the environment where set (whole positive numbers).
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> UploadPolicy {
        var policy = UploadPolicy()
        if let text = environment["LUMBUNG_UPLOAD_MAX_MB"], let megabytes = Int(text), (1...65_536).contains(megabytes) {
            policy.maxBytes = megabytes << 20
        }
        if let text = environment["LUMBUNG_UPLOAD_RETENTION_HOURS"], let hours = Int(text), (1...24 * 365).contains(hours) {
            policy.retentionHours = hours
        }
        return policy
    }

    /// The size limit as people read it ("1 GiB").
    public var maxSizeText: String {
        maxBytes >= 1 << 30 && maxBytes % (1 << 30) == 0 ? "\(maxBytes >> 30) GiB" : "\(maxBytes >> 20) MiB"
    }
}
