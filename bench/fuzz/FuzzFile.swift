import Foundation

/// The input of one fuzz run as a file (the readers read files, as the importer gives them): one per process, in
/// /dev/shm when there is one, rewritten for every input.
enum FuzzFile {
    static let url: URL = {
        let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        return URL(fileURLWithPath: folder).appendingPathComponent("lumbung-fuzz-\(ProcessInfo.processInfo.processIdentifier).bin")
    }()

    static func write(_ data: UnsafePointer<UInt8>, _ size: Int) -> URL {
        _ = FileManager.default.createFile(atPath: url.path, contents: Data(bytes: data, count: size))
        return url
    }
}
