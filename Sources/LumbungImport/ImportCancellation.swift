import Foundation

/// Stops an import that is running, all or nothing: the reading thread stops at its next row, the writer before its
/// next chunk and before the transaction commits, and the import ends with `ImportError.cancelled` — the batch's
/// transaction rolled back, so nothing of the file is kept. A cancel that comes after the commit changes nothing.
public final class ImportCancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false
    private var waiting: [CheckedContinuation<Void, Never>] = []
    /// Called after each chunk of rows (`FileScan.rowsPerChunk`) is written into the uncommitted batch, with the number of
    /// chunks written so far: tests use it
    /// to cancel at a known point of a running import, without timing.
    public let afterChunk: (@Sendable (Int) async -> Void)?

    public init(afterChunk: (@Sendable (Int) async -> Void)? = nil) {
        self.afterChunk = afterChunk
    }

    public func cancel() {
        let waiters = lock.withLock {
            cancelled = true
            defer { waiting = [] }
            return waiting
        }
        for waiter in waiters { waiter.resume() }
    }

    public var isCancelled: Bool { lock.withLock { cancelled } }

    /// Returns once the import is cancelled (at once when it already is): a test's `afterChunk` hook waits here so the
    /// import is running, with rows written, when the cancel comes.
    public func untilCancelled() async {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let already = lock.withLock {
                if !cancelled { waiting.append(waiter) }
                return cancelled
            }
            if already { waiter.resume() }
        }
    }
}
