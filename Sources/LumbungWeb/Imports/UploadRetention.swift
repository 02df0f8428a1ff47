import Foundation

/// Removes uploads that are no longer needed: failed imports and dry runs once they are older than the
/// retention time, and uploads whose import never ended (the server stopped) once they are that old.
/// Real imports keep only their rejects file, for the report's download.
///
/// Each upload folder holds a marker, `.status`, written when its import ends: `done`, `dry-run` or `failed`.
public enum UploadRetention {
    static let marker = ".status"

    /// How an upload's import ended, as its marker says.
    enum Ending: String {
        case done
        case dryRun = "dry-run"
        case failed
    }

    /// How the import of an upload folder ended, or `nil` while it runs (or when it never ended).
    static func ending(of folder: URL) -> Ending? {
        (try? String(contentsOf: folder.appendingPathComponent(marker), encoding: .utf8)).flatMap { Ending(rawValue: $0) }
    }

    /// Writes the marker of an upload folder.
    static func mark(_ folder: URL, _ ending: Ending) {
        try? Data(ending.rawValue.utf8).write(to: folder.appendingPathComponent(marker))
    }

    /// Removes, under `root`, the upload folders of failed imports and dry runs that ended more than `hours` ago
    /// (and unmarked folders untouched for that long, except those in `running`); returns the folders removed.
    @discardableResult
    public static func purge(_ root: URL, olderThanHours hours: Int, now: Date = Date(), running: Set<String> = []) -> [String] {
        let fileManager = FileManager.default
        guard let folders = try? fileManager.contentsOfDirectory(at: root, includingPropertiesForKeys: [.contentModificationDateKey],
                                                                 options: [.skipsHiddenFiles]) else { return [] }
        let limit = now.addingTimeInterval(-Double(max(0, hours)) * 3600)
        var removed: [String] = []
        for folder in folders where (try? folder.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true {
            let name = folder.lastPathComponent
            guard !running.contains(name) else { continue }
            let markerURL = folder.appendingPathComponent(marker)
            let end = ending(of: folder)
            if end == .done { continue }
            let stamp = end == nil ? folder : markerURL
            guard let modified = try? stamp.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate, modified < limit else {
                continue
            }
            if (try? fileManager.removeItem(at: folder)) != nil { removed.append(name) }
        }
        return removed.sorted()
    }
}
