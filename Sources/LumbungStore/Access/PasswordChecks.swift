import Foundation
import LumbungDomain

/// bcrypt checks on a pool of their own: at most `running` at once, on threads outside Swift's cooperative
/// pool (a check costs about a quarter of a second of CPU), and at most `waiting` more queued behind them.
/// Beyond that a check is refused at once (`nil`), so a burst of sign-ins neither eats the server's CPU nor
/// queues without end.
public actor PasswordChecks {
    /// The pool every sign-in and password change of this process shares (a bound on the CPU, like a thread pool).
    public static let shared = PasswordChecks(running: 2, waiting: 4)

    public let runningLimit: Int
    public let waitingLimit: Int
    private var running = 0
    private var queue: [CheckedContinuation<Void, Never>] = []
    /// Checks started since the pool was made (for tests and figures).
    public private(set) var started = 0

    public init(running: Int, waiting: Int) {
        runningLimit = max(1, running)
        waitingLimit = max(0, waiting)
    }

    /// Whether `password` matches `hash`, or `nil` when the pool is full and the check was not run.
    public func verify(_ password: String, hash: String) async -> Bool? {
        guard await admit() else { return nil }
        started += 1
        let result = await withCheckedContinuation { (done: CheckedContinuation<Bool, Never>) in
            DispatchQueue.global(qos: .userInitiated).async { done.resume(returning: Passwords.verify(password, hash: hash)) }
        }
        release()
        return result
    }

    /// A slot to run in, waiting behind at most `waitingLimit` others; `false` when the queue is full too.
    private func admit() async -> Bool {
        if running < runningLimit {
            running += 1
            return true
        }
        guard queue.count < waitingLimit else { return false }
        await withCheckedContinuation { queue.append($0) }
        return true
    }

    /// Hands the slot to the next in the queue, or frees it.
    private func release() {
        if queue.isEmpty {
            running -= 1
        } else {
            queue.removeFirst().resume()
        }
    }

}
