import Foundation
import LumbungTestSupport

/// Headless Chromium driven over the DevTools protocol through `--remote-debugging-pipe` (file descriptors 3 and 4,
/// messages as JSON ended by a NUL byte): open a page at a phone's width with a bearer token, run a measuring
/// expression in it, print it to PDF. Every call has a deadline; the browser is killed when the test ends.
final class HeadlessChromium {
    private let process = Process()
    private let toBrowser: FileHandle
    private let fromBrowser: FileHandle
    private let profile: URL
    private var buffer = Data()
    private var nextID = 1
    private var events: [[String: Any]] = []
    private var session = ""

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    init(executable: String) throws {
        profile = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID())")
        let input = Pipe(), output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // fd 3 reads what we write, fd 4 writes what we read; the browser's own stdin/stdout/stderr go nowhere.
        process.arguments = ["-c", "exec \"$0\" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run "
                             + "--user-data-dir=\"$1\" --remote-debugging-pipe 3<&0 4>&1 </dev/null >/dev/null 2>/dev/null",
                             executable, profile.path]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try ProcessLaunch.run(process)
        toBrowser = input.fileHandleForWriting
        fromBrowser = output.fileHandleForReading
        let target = try call("Target.createTarget", ["url": "about:blank"], inSession: false)
        guard let targetID = target["targetId"] as? String else { throw Failure(description: "no target: \(target)") }
        let attached = try call("Target.attachToTarget", ["targetId": targetID, "flatten": true], inSession: false)
        guard let session = attached["sessionId"] as? String else { throw Failure(description: "no session: \(attached)") }
        self.session = session
        _ = try call("Page.enable")
        _ = try call("Network.enable")
    }

    deinit { close() }

    func close() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: profile)
    }

    /// The viewport (CSS pixels) and whether the page is laid out for print.
    func emulate(width: Int, height: Int, mobile: Bool, print: Bool = false) throws {
        _ = try call("Emulation.setDeviceMetricsOverride", ["width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile])
        _ = try call("Emulation.setEmulatedMedia", ["media": print ? "print" : "screen"])
    }

    /// Sends `Authorization: Bearer TOKEN` with every request from now on.
    func authorize(_ token: String) throws {
        _ = try call("Network.setExtraHTTPHeaders", ["headers": ["Authorization": "Bearer \(token)"]])
    }

    /// Opens `url` and waits for its load event.
    func open(_ url: String) throws {
        events.removeAll()
        _ = try call("Page.navigate", ["url": url])
        try waitFor("Page.loadEventFired")
    }

    /// Runs a JavaScript expression that submits a form (or follows a link) and waits for the next page's load event.
    func submit(_ expression: String) throws {
        events.removeAll()
        _ = try call("Runtime.evaluate", ["expression": expression])
        try waitFor("Page.loadEventFired")
    }

    /// The value of a JavaScript expression that returns a string.
    func evaluate(_ expression: String) throws -> String {
        let result = try call("Runtime.evaluate", ["expression": expression, "returnByValue": true])
        guard let value = (result["result"] as? [String: Any])?["value"] as? String else { throw Failure(description: "evaluate: \(result)") }
        return value
    }

    /// The page printed to PDF (A4, the page's own @page sizes).
    func printToPDF() throws -> Data {
        let result = try call("Page.printToPDF", ["preferCSSPageSize": true, "printBackground": false])
        guard let text = result["data"] as? String, let data = Data(base64Encoded: text) else { throw Failure(description: "no PDF") }
        return data
    }

    /// A PNG of the page: the whole page (`fullPage`), or what the viewport shows.
    func screenshot(fullPage: Bool = true) throws -> Data {
        let result = try call("Page.captureScreenshot", ["format": "png", "captureBeyondViewport": fullPage])
        guard let text = result["data"] as? String, let data = Data(base64Encoded: text) else { throw Failure(description: "no screenshot") }
        return data
    }

    /// Lets downloads through into `folder` (under the name the server gives) and reports their progress as events.
    func allowDownloads(into folder: URL) throws {
        _ = try call("Browser.setDownloadBehavior", ["behavior": "allowAndName", "downloadPath": folder.path, "eventsEnabled": true],
                     inSession: false)
    }

    /// Runs a JavaScript expression that starts a download (e.g. clicks a link) and waits until it is complete; returns
    /// the file the browser saved (named by its download id) and the name the server suggested.
    func download(_ expression: String, into folder: URL) throws -> (file: URL, suggested: String) {
        events.removeAll()
        _ = try call("Runtime.evaluate", ["expression": expression])
        try waitFor("Browser.downloadWillBegin")
        let began = events.first { $0["method"] as? String == "Browser.downloadWillBegin" }?["params"] as? [String: Any] ?? [:]
        let guid = began["guid"] as? String ?? ""
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            for event in events where event["method"] as? String == "Browser.downloadProgress" {
                let params = event["params"] as? [String: Any] ?? [:]
                guard params["guid"] as? String == guid else { continue }
                if params["state"] as? String == "completed" {
                    return (folder.appendingPathComponent(guid), began["suggestedFilename"] as? String ?? "")
                }
                if params["state"] as? String == "canceled" { throw Failure(description: "download canceled") }
            }
            events.append(try nextMessage())
        }
        throw Failure(description: "the download did not complete")
    }

    // MARK: Protocol

    private func call(_ method: String, _ params: [String: Any] = [:], inSession: Bool = true) throws -> [String: Any] {
        let id = nextID
        nextID += 1
        var message: [String: Any] = ["id": id, "method": method, "params": params]
        if inSession { message["sessionId"] = session }
        var data = try JSONSerialization.data(withJSONObject: message)
        data.append(0)
        try toBrowser.write(contentsOf: data)
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let reply = try nextMessage()
            if reply["id"] as? Int == id {
                if let error = reply["error"] { throw Failure(description: "\(method): \(error)") }
                return reply["result"] as? [String: Any] ?? [:]
            }
            events.append(reply)
        }
        throw Failure(description: "\(method): no answer")
    }

    private func waitFor(_ event: String) throws {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if events.contains(where: { $0["method"] as? String == event }) { return }
            events.append(try nextMessage())
        }
        throw Failure(description: "no \(event)")
    }

    private func nextMessage() throws -> [String: Any] {
        while true {
            if let end = buffer.firstIndex(of: 0) {
                let message = buffer[buffer.startIndex..<end]
                buffer.removeSubrange(buffer.startIndex...end)
                return (try JSONSerialization.jsonObject(with: Data(message))) as? [String: Any] ?? [:]
            }
            let chunk = fromBrowser.availableData
            guard !chunk.isEmpty else { throw Failure(description: "the browser closed its pipe") }
            buffer.append(chunk)
        }
    }
}
