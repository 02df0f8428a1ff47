import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LumbungSheets
import NIOCore
import Testing

/// A workbook of several tables writes a rejects file per sheet: the report page and the API offer each one.
@Suite struct ImportRejectsWebTests {
    static func multipart(file name: String, bytes: Data, fields: [String: String]) -> ByteBuffer {
        var body = Data()
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) {
            body += Data("--\(ImportWebTests.boundary)\r\nContent-Disposition: form-data; name=\"\(key)\"\r\n\r\n\(value)\r\n".utf8)
        }
        body += Data("--\(ImportWebTests.boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
        body += bytes
        body += Data("\r\n--\(ImportWebTests.boundary)--\r\n".utf8)
        return ByteBuffer(bytes: body)
    }

    /// Four people of families nobody imported, written two to a sheet: every row is refused, on both sheets.
    static func workbook() throws -> Data {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("anggota-\(UUID()).xlsx")
        let header: [Cell] = [.text("no_kk"), .text("nik"), .text("nama"), .text("jenis_kelamin"), .text("tanggal_lahir")]
        let writer = try XLSXTableWriter(url: url, sheetName: "Data", header: header, rowsPerSheet: 3)
        try writer.write(header)
        let people = [("5203011106180301", "5203011207800001", "Amaq Satu"), ("5203011106180301", "5203015208820002", "Inaq Satu"),
                      ("5203011106180302", "5203011207800003", "Amaq Dua"), ("5203011106180302", "5203015208820004", "Inaq Dua")]
        for (kk, nik, name) in people {
            try writer.write([.text(kk), .text(nik), .text(name), .text(name.hasPrefix("Amaq") ? "1" : "2"), .text("12-07-1980")])
        }
        try writer.finish()
        return try Data(contentsOf: url)
    }

    @Test func each_sheets_rejects_file_can_be_downloaded() async throws {
        let bytes = try Self.workbook()
        try await withWebApp { client in
            let id = try await client.execute(uri: "/api/v1/imports", method: .post, headers: ImportWebTests.headers,
                                              body: Self.multipart(file: "anggota.xlsx", bytes: bytes, fields: ["as_of": "2025-06-30"])) {
                try #require(try $0.json()["id"] as? String)
            }
            let report = try #require(try await ImportWebTests.waitFor(id, client: client)["report"] as? [String: Any])
            #expect(report["rejected"] as? Int == 4)
            let files = try #require(report["rejectsFiles"] as? [String])
            #expect(files == ["/impor/proses/\(id)/ditolak.csv", "/impor/proses/\(id)/ditolak/2"])
            // Each file holds the refused rows of its own sheet, and only those.
            for (uri, mine, theirs) in [(files[0], ["5203011207800001", "5203015208820002"], ["5203011207800003"]),
                                        (files[1], ["5203011207800003", "5203015208820004"], ["5203011207800001"])] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok, "\(uri)")
                    #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
                    #expect(mine.allSatisfy { response.text.contains($0) }, "\(uri): \(response.text)")
                    #expect(!theirs.contains { response.text.contains($0) }, "\(uri)")
                }
            }
            try await client.execute(uri: "/impor/proses/\(id)", method: .get) { response in
                #expect(response.text.contains("href=\"/impor/proses/\(id)/ditolak/2\""))
                #expect(response.text.contains("-Data-ditolak.csv") && response.text.contains("-Data-2-ditolak.csv"), "\(response.text)")
            }
            for number in ["3", "0", "-1", "abc", "99999999999999999999999", "1e3"] {
                try await client.execute(uri: "/impor/proses/\(id)/ditolak/\(number)", method: .get) { #expect($0.status == .notFound, "\(number)") }
            }
        }
    }
}
