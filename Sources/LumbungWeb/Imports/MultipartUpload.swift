import Foundation
import Hummingbird
import MultipartKit
import NIOCore

/// A file uploaded with `multipart/form-data`, streamed to disk as it arrives (never held in memory),
/// and the small text fields sent with it.
struct MultipartUpload {
    let file: URL
    let fileName: String
    let fields: [String: String]

    enum Failure: Error {
        case notMultipart
        case noFile
        /// Larger than the policy's limit (as people read it: "1 GiB").
        case tooLarge(limit: String)
        case malformed
        /// The user already has this many imports running.
        case tooManyRunning(Int)
        /// The user already has this many uploads kept (running, failed, dry runs not yet removed).
        case tooManyStored(Int)

        /// A quota, not a broken upload: answered with 429.
        var isQuota: Bool {
            switch self {
            case .tooManyRunning, .tooManyStored: true
            default: false
            }
        }
    }

    /// Reads the request body, at most `maxBytes`; the file part (field `file`) goes to `folder`.
    static func receive(_ request: Request, into folder: URL, maxBytes: Int, limitText: String) async throws -> MultipartUpload {
        guard let type = request.headers[.contentType], type.lowercased().hasPrefix("multipart/form-data"),
              let boundary = type.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) })
                .first(where: { $0.lowercased().hasPrefix("boundary=") })?.dropFirst("boundary=".count)
        else { throw Failure.notMultipart }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let state = PartState(folder: folder)
        let boundaryText = String(boundary).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        guard !boundaryText.isEmpty, boundaryText.utf8.count <= 200 else { throw Failure.malformed }
        let parser = MultipartParser(boundary: boundaryText)
        var headerGuard = MultipartHeaderGuard(boundary: boundaryText)
        parser.onHeader = { name, value in state.header(name, value) }
        parser.onBody = { buffer in state.body(&buffer) }
        parser.onPartComplete = { state.complete() }
        var received = 0
        for try await chunk in request.body {
            received += chunk.readableBytes
            guard received <= maxBytes else { throw Failure.tooLarge(limit: limitText) }
            guard headerGuard.accepts(chunk.readableBytesView) else { throw Failure.malformed }
            do { try parser.execute(chunk) } catch { throw Failure.malformed }
            if let error = state.error { throw error }
        }
        state.close()
        guard let file = state.file else { throw Failure.noFile }
        return MultipartUpload(file: file, fileName: state.fileName ?? "unggahan", fields: state.fields)
    }

    /// What the parser's callbacks build up, part by part.
    private final class PartState {
        let folder: URL
        var fields: [String: String] = [:]
        var file: URL?
        var fileName: String?
        var error: (any Error)?
        private var name: String?
        private var partFileName: String?
        private var handle: FileHandle?
        private var text = Data()

        init(folder: URL) {
            self.folder = folder
        }

        func header(_ name: String, _ value: String) {
            guard name.lowercased() == "content-disposition" else { return }
            self.name = Self.parameter("name", in: value)
            partFileName = Self.parameter("filename", in: value)
            if let partFileName, self.name == "file", !partFileName.isEmpty {
                let safe = URL(fileURLWithPath: partFileName).lastPathComponent.replacingOccurrences(of: "/", with: "_")
                let url = folder.appendingPathComponent(safe)
                guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
                    error = CocoaError(.fileWriteUnknown)
                    return
                }
                handle = try? FileHandle(forWritingTo: url)
                file = url
                fileName = safe
            }
        }

        func body(_ buffer: inout ByteBuffer) {
            let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
            if let handle {
                do { try handle.write(contentsOf: bytes) } catch { self.error = error }
            } else if text.count < 4096 {
                text.append(contentsOf: bytes)
            }
        }

        func complete() {
            if let handle {
                try? handle.close()
                self.handle = nil
            } else if let name {
                fields[name] = String(decoding: text, as: UTF8.self)
            }
            name = nil
            text = Data()
        }

        func close() {
            try? handle?.close()
        }

        static func parameter(_ key: String, in value: String) -> String? {
            for part in value.split(separator: ";") {
                let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
                guard pair.count == 2, pair[0].lowercased() == key else { continue }
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
            return nil
        }
    }
}
