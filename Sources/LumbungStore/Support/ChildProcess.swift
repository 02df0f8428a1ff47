import Foundation

/// Starts child processes one at a time. Foundation's `Process.run()` on Linux is not safe to call from several threads at
/// once (two launches at the same moment crashed a process with SIGSEGV in a `memcpy` inside `Process.run()`); only the
/// launch is serialised, the children run and are waited for in parallel. Every launch in Lumbung — and in its tests —
/// goes through here.
public enum ChildProcess {
    private static let lock = NSLock()

    public static func launch(_ process: Process) throws {
        lock.lock()
        defer { lock.unlock() }
        try process.run()
    }
}
