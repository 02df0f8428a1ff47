import Foundation
import LumbungDomain

/// Hands parsed rows from the thread that reads the file (readers push rows synchronously) to the
/// async code that writes them, a few chunks at a time: the reader waits when the writer falls behind,
/// so memory stays flat whatever the file's size.
final class RowFeed: @unchecked Sendable {
    struct Chunk: Sendable {
        var families: [ImportedFamily] = []
        var people: [ImportedPerson] = []
        var isEmpty: Bool { families.isEmpty && people.isEmpty }
    }

    let stream: AsyncThrowingStream<Chunk, any Error>
    private let continuation: AsyncThrowingStream<Chunk, any Error>.Continuation
    private let permits = DispatchSemaphore(value: 4)
    private let lock = NSLock()
    private var cancelled = false
    /// Chunks are dropped, not handed on (`ImportJob.parseOnly`: reading and checking alone).
    private let discarding: Bool

    init(discarding: Bool = false) {
        self.discarding = discarding
        (stream, continuation) = AsyncThrowingStream.makeStream()
    }

    /// Called by the reading thread; blocks while four chunks wait to be written.
    func send(_ chunk: Chunk) throws {
        if discarding { return }
        permits.wait()
        if isCancelled { throw CancellationError() }
        continuation.yield(chunk)
    }

    /// Called by the writer after each chunk.
    func written() {
        permits.signal()
    }

    func finish(throwing error: (any Error)? = nil) {
        continuation.finish(throwing: error)
    }

    /// Releases a reader that waits on a writer that gave up.
    func cancel() {
        lock.withLock { cancelled = true }
        for _ in 0..<8 { permits.signal() }
    }

    private var isCancelled: Bool { lock.withLock { cancelled } }
}
