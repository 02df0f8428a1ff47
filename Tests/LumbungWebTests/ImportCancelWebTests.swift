import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LumbungDomain
import LumbungStore
import LumbungTestSupport
import LumbungWeb
import Testing

/// The progress page of a running import shows a progress bar and a Batalkan button (a plain form); pressing it stops
/// the import before it commits: nothing of the file is kept, and the page says so.
@Suite struct ImportCancelWebTests {
    /// 2,500 heads of family, one a row, written by a loop (three chunks of rows).
    static var file: String {
        var lines = ["no_kk;nik;nama;jenis_kelamin;tanggal_lahir;kode_desa;shdk"]
        for index in 1...2_500 {
            let serial = String(format: "%04d", index)
            lines.append("520301110618\(serial);520301120785\(serial);Orang \(index);1;12-07-1985;5203012001;1")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test(arguments: TestDatabase.engines)
    func a_running_import_is_cancelled_from_its_page_and_nothing_is_written(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52.03", engine: engine) { base, tokens, services, _ in
            let client = SignedInClient(base: base, token: try #require(tokens[.operator]))
            // The import waits after its first chunk is staged (nothing committed) until it is cancelled: no timing. (Other
            // writes go on meanwhile: `ImportBusyWebTests`.)
            let (reached, reachedSignal) = AsyncStream<Void>.makeStream()
            await services.afterImportChunk { _, chunks, untilCancelled in
                guard chunks == 1 else { return }
                reachedSignal.yield()
                await untilCancelled()
            }
            let location = try await client.execute(uri: "/impor", method: .post, headers: ImportWebTests.headers,
                                                    body: ImportWebTests.multipart(file: "besar.csv", content: Self.file, fields: ["as_of": "2025-06-30"])) { response in
                #expect(response.status == .found)
                return try #require(response.headers[.location])
            }
            let id = String(location.dropFirst("/impor/proses/".count))
            var waiting = reached.makeAsyncIterator()
            _ = await waiting.next()
            // Running, rows written into the open batch: the bar and the button.
            try await client.execute(uri: location, method: .get) { response in
                let html = response.text
                #expect(html.contains("<progress max=\"100\""))
                #expect(html.contains("action=\"/impor/proses/\(id)/batal?csrf="))
                #expect(html.contains("<button type=\"submit\">Batalkan impor</button>"))
            }
            try await client.execute(uri: location + "/batal", method: .post) { response in
                #expect(response.status == .found && response.headers[.location] == location)
            }
            let ended = try await ImportWebTests.waitFor(id, client: client)
            #expect(ended["state"] as? String == "cancelled", "\(ended)")
            for table in ["person", "household", "import_batch"] {
                #expect(try await MappingPageWebTests.count("SELECT COUNT(*) AS n FROM \(table)", services) == 0, "\(table)")
            }
            try await client.execute(uri: location, method: .get) { response in
                #expect(response.text.contains("Impor dibatalkan") && response.text.contains("Tidak ada data dari berkas ini yang disimpan."))
                #expect(!response.text.contains("Batalkan impor"))
            }
            let cancelled = try await services.audit.search(.init(action: "import.cancelled"))
            #expect(cancelled.count == 1 && cancelled.first?.actor == "r-operator")
            // A finished import cannot be cancelled any more: nothing happens.
            await services.afterImportChunk(nil)
            try await client.execute(uri: location + "/batal", method: .post) { #expect($0.status == .found) }
            #expect(try await services.audit.search(.init(action: "import.cancelled")).count == 1)
        }
    }
}
