import Foundation

/// Keeps someone who is not signed in from filling the audit log: refused tokens and cookies, failed and
/// throttled sign-ins are written one by one only up to `perMinute` per address a minute. Beyond that they are
/// counted, and the count is written as one `audit.suppressed` event once the minute is over (at the next
/// event from anyone after it).
public actor AuditFloodGate {
    /// Events written one by one per address and minute.
    public nonisolated let perMinute: Int
    private let window = 60
    private var windows: [String: (start: Int, written: Int, suppressed: Int)] = [:]

    public init(perMinute: Int = 10) {
        self.perMinute = max(1, perMinute)
    }

    /// The counts to write now (minutes that are over), and whether this event may be written itself.
    public func admit(address: String, now: Int) -> (write: Bool, summaries: [(address: String, count: Int)]) {
        var summaries: [(address: String, count: Int)] = []
        for (key, state) in windows where now - state.start >= window {
            if state.suppressed > 0 { summaries.append((key, state.suppressed)) }
            windows[key] = nil
        }
        var state = windows[address] ?? (start: now, written: 0, suppressed: 0)
        let write = state.written < perMinute
        if write { state.written += 1 } else { state.suppressed += 1 }
        windows[address] = state
        return (write, summaries.sorted { $0.address < $1.address })
    }
}
