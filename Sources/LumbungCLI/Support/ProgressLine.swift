import Foundation
import LumbungDomain

/// Progress on standard error: a redrawn bar with rows per second and time left on a terminal, plain
/// lines every ten percent otherwise (logs, CI).
final class ProgressLine: @unchecked Sendable {
    private let label: String
    private let started = Date()
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private var lastTenth = -1
    private var lastDrawn = 0.0
    private let lock = NSLock()

    init(label: String) {
        // A file's name may hold terminal escapes: shown escaped.
        self.label = ShownText.escapingControls(label)
    }

    func update(rows: Int, fraction: Double) {
        lock.withLock {
            let elapsed = max(Date().timeIntervalSince(started), 0.001)
            let rate = Double(rows) / elapsed
            if isTerminal {
                // Redraw at most five times a second (and always at the end).
                guard elapsed - lastDrawn >= 0.2 || fraction >= 1 else { return }
                lastDrawn = elapsed
                let width = 24
                let filled = min(max(Int(saturating: fraction * Double(width)), 0), width)
                let eta = fraction > 0.02 ? Self.clock(elapsed * (1 - fraction) / fraction) : "–"
                let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
                write("\r\(label) [\(bar)] \(Int(saturating: fraction * 100))%  \(rows) rows  \(Int(saturating: rate)) rows/s  ETA \(eta)   ")
            } else {
                let tenth = Int(saturating: fraction * 10)
                if tenth > lastTenth {
                    lastTenth = tenth
                    write("\(label): \(tenth * 10)% — \(rows) rows, \(Int(saturating: rate)) rows/s\n")
                }
            }
        }
    }

    func done() {
        if isTerminal { write("\n") }
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func clock(_ seconds: Double) -> String {
        let total = Int(saturating: seconds, rounding: .toNearestOrAwayFromZero)
        return total >= 3600 ? "\(total / 3600):\(pad((total % 3600) / 60)):\(pad(total % 60))" : "\(total / 60):\(pad(total % 60))"
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}
