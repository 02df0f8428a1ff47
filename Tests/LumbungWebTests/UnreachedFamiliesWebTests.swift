import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LumbungDomain
import LumbungSheets
import LumbungStore
import LumbungTestSupport
import LumbungWeb
import Testing

/// Issue 14: the poor families nobody reaches, listed for the responsible operator to verify — on the page, as CSV and
/// through the API; the same families the coverage counts; personal data only for its readers within their scope,
/// masked for analysts, and every view and download audited.
@Suite struct UnreachedFamiliesWebTests {
    // The fixture (ProgrammeFixtures.registry + ProgrammeAPITests.setUp), by hand:
    //   family 1 desa 2001 desil 1 — PKH and PANGAN-MITRA (food)
    //   family 2 desa 2001 desil 1 — nothing; 2 people (Baiq Nur, Lalu Adi)      KK 5203010101200002
    //   family 3 desa 2001 desil 7 — PKH
    //   family 4 desa 2002 desil 3 — PKH (cash) only                             KK 5203010101200004
    //   family 5 desa 2002 desil 2 — nothing; 1 person (Nengah)                 KK 5203010101200005
    static let family2 = "5203010101200002", family4 = "5203010101200004", family5 = "5203010101200005"

    static func kkNumbers(_ json: [String: Any]) -> [String] {
        ((json["families"] as? [[String: Any]]) ?? []).compactMap { $0["kkNumber"] as? String }
    }

    @Test(arguments: TestDatabase.engines)
    func the_list_holds_exactly_the_families_the_coverage_misses(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52.03", engine: engine) { client, tokens, services, _ in
            try await ProgrammeAPITests.setUp(services)
            let op = SignedInClient(base: client, token: try #require(tokens[.operator]))
            func json(_ uri: String) async throws -> [String: Any] {
                try await op.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok, "\(uri): \(response.text.prefix(300))")
                    return try response.json()
                }
            }
            let desil1 = try await json("/api/v1/coverage/unreached?within=52.03")
            #expect(Self.kkNumbers(desil1) == [Self.family2] && desil1["total"] as? Int == 1)
            let first = try #require((desil1["families"] as? [[String: Any]])?.first)
            #expect(first["members"] as? Int == 2 && first["desil"] as? Int == 1 && first["village"] as? String == "52.03.01.2001")
            let eligible = try await json("/api/v1/coverage/unreached?within=52.03&desil=1-4")
            #expect(Self.kkNumbers(eligible) == [Self.family2, Self.family5] && eligible["total"] as? Int == 2)
            // Only food programmes count: family 4 (PKH, cash) is then unreached too; family 1 has PANGAN-MITRA. By desa, then desil.
            let food = try await json("/api/v1/coverage/unreached?within=52.03&desil=1-4&sector=pangan")
            #expect(Self.kkNumbers(food) == [Self.family2, Self.family5, Self.family4])
            #expect(Self.kkNumbers(try await json("/api/v1/coverage/unreached?within=52.03.01.2002&desil=1-4")) == [Self.family5])

            // The coverage of the same region counts the same families.
            let coverage = try await json("/api/v1/coverage?within=52.03&level=kecamatan")
            let region = try #require(coverage["region"] as? [String: Any])
            #expect(region["desil1UnreachedFamilies"] as? Int == 1 && region["eligibleUnreachedFamilies"] as? Int == 2)

            // The page and the CSV: the operator sees the No. KK in full.
            let page = try await op.execute(uri: "/koordinasi/belum-terjangkau?within=52.03&desil=1-4", method: .get) { $0.text }
            #expect(page.contains(Self.family2) && page.contains(Self.family5) && !page.contains(Self.family4))
            #expect(page.contains("2 keluarga desil 1–4 tidak dijangkau program apa pun"))
            let csv = try await op.execute(uri: "/koordinasi/belum-terjangkau.csv?within=52.03&desil=1-4", method: .get) { response in
                #expect(response.headers[.contentType] == "text/csv; charset=utf-8" && response.headers[.cacheControl] == "no-store")
                #expect(response.headers[.contentDisposition]?.contains("belum-terjangkau-5203-desil1-4.csv") == true)
                return response.text
            }
            let lines = csv.replacingOccurrences(of: "\u{FEFF}", with: "").split(separator: "\r\n").map(String.init)
            #expect(lines.count == 3, "\(lines)")
            #expect(lines.first?.hasPrefix("No. KK;Kepala keluarga;Kode desa;Desa/kelurahan;Alamat;RT;RW;Desil;Jumlah jiwa;Hasil verifikasi") == true)
            #expect(lines.dropFirst().first?.hasPrefix(Self.family2 + ";") == true && lines.last?.hasPrefix(Self.family5 + ";") == true)
            #expect(lines.dropFirst().first?.hasSuffix(";1;2;") == true, "desil 1, 2 people, an empty finding: \(lines)")

            // The XLSX keeps the No. KK as text (Excel would turn 16 digits into 5.20301E+15).
            let workbook = try await op.execute(uri: "/koordinasi/belum-terjangkau.xlsx?within=52.03&desil=1-4", method: .get) { response in
                #expect(response.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                return Data(response.body.readableBytesView)
            }
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("belum-terjangkau-\(UUID()).xlsx")
            defer { try? FileManager.default.removeItem(at: file) }
            try workbook.write(to: file)
            var sheet: [[SheetValue]] = []
            try XLSXSheetReader(url: file).forEachRow { sheet.append($0.values) }
            #expect(sheet.count == 3 && sheet.first?.first?.text == "No. KK")
            #expect(sheet.dropFirst().first?.first == .text(Self.family2) && sheet.last?.first == .text(Self.family5), "\(sheet)")

            // The coordination page links the list for readers of personal data only.
            #expect(try await op.execute(uri: "/koordinasi?within=52.03", method: .get) { $0.text }.contains("/koordinasi/belum-terjangkau?within=52.03&amp;desil=1"))
            let viewerPage = try await client.execute(uri: "/koordinasi?within=52.03", method: .get, headers: bearer(tokens[.viewer])) { $0.text }
            #expect(!viewerPage.contains("belum-terjangkau"))

            // Every view and the download are audited with the families shown.
            let viewed = try await services.audit.search(.init(actor: "r-operator", action: "personal_data.viewed", limit: 100))
            #expect(viewed.contains { $0.target == "unreached families of 52.03 (desil 1)" && $0.recordCount == 1 })
            #expect(viewed.contains { $0.target == "unreached families of 52.03 (desil 1-4, pangan)" && $0.recordCount == 3 })
            let exported = try await services.audit.search(.init(actor: "r-operator", action: "personal_data.exported", limit: 100))
            #expect(exported.filter { $0.target == "unreached families of 52.03 (desil 1-4)" && $0.recordCount == 2 }.count == 2, "the CSV and the XLSX")
        }
    }

    @Test(arguments: TestDatabase.engines)
    func no_one_reads_the_list_beyond_their_role_or_scope(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52.03", engine: engine) { client, tokens, services, _ in
            try await ProgrammeAPITests.setUp(services)
            // Viewers and partners read aggregates only: refused on every route, and the refusal audited.
            for role in [Role.viewer, .partner] {
                for uri in ["/koordinasi/belum-terjangkau?within=52.03", "/koordinasi/belum-terjangkau.csv?within=52.03", "/api/v1/coverage/unreached?within=52.03",
                            "/koordinasi/belum-terjangkau", "/api/v1/coverage/unreached"] {
                    let response = try await client.execute(uri: uri, method: .get, headers: bearer(tokens[role])) { $0 }
                    #expect(response.status == .forbidden, "\(role) \(uri)")
                    #expect(!response.text.contains(Self.family2), "\(role) \(uri)")
                }
            }
            #expect(try await services.audit.search(.init(actor: "r-viewer", action: "access.denied", limit: 100)).count >= 5)
            // An operator of Lombok Timur asks for Lombok Barat, a desa of it, or the province: refused, nothing listed.
            let op = SignedInClient(base: client, token: try #require(tokens[.operator]))
            for within in ["52.01", "52.01.01.1001", "52"] {
                for uri in ["/koordinasi/belum-terjangkau?within=\(within)", "/koordinasi/belum-terjangkau.csv?within=\(within)", "/koordinasi/belum-terjangkau.xlsx?within=\(within)",
                            "/api/v1/coverage/unreached?within=\(within)&desil=1-4"] {
                    #expect(try await op.execute(uri: uri, method: .get) { $0.status } == .forbidden, "\(uri)")
                }
            }
            // Without a region the list is of the user's own scope.
            let own = try await op.execute(uri: "/api/v1/coverage/unreached?desil=1-4", method: .get) { try $0.json() }
            #expect(own["within"] as? String == "52.03" && Self.kkNumbers(own) == [Self.family2, Self.family5])
            // An analyst reads the list with the No. KK masked, on the page, in the CSV and in the API.
            let analyst = SignedInClient(base: client, token: try #require(tokens[.analyst]))
            let masked = try await analyst.execute(uri: "/api/v1/coverage/unreached?within=52.03&desil=1-4", method: .get) { try $0.json() }
            #expect(Self.kkNumbers(masked) == [IdentityMask.masked(Self.family2), IdentityMask.masked(Self.family5)])
            for uri in ["/koordinasi/belum-terjangkau?within=52.03&desil=1-4", "/koordinasi/belum-terjangkau.csv?within=52.03&desil=1-4"] {
                let text = try await analyst.execute(uri: uri, method: .get) { $0.text }
                #expect(!text.contains(Self.family2) && !text.contains(Self.family5) && text.contains(IdentityMask.masked(Self.family2)), "\(uri)")
            }
            // Bad choices are told in Indonesian, naming the value.
            for (uri, expected) in [("/koordinasi/belum-terjangkau?within=52.03&desil=5", "tidak dapat dipilih untuk daftar keluarga yang belum terjangkau"),
                                    ("/koordinasi/belum-terjangkau?within=52.03&sektor=emas", "emas"),
                                    ("/koordinasi/belum-terjangkau?within=52.03.x", "52.03.x")] {
                let response = try await op.execute(uri: uri, method: .get) { $0 }
                #expect(response.status == .badRequest && response.text.contains(expected), "\(uri): \(response.status) \(response.text.prefix(400))")
            }
            for extreme in ["1e308", "NaN", String(repeating: "1", count: 10_000)] {
                let refused = try await op.execute(uri: "/api/v1/coverage/unreached?within=52.03&desil=\(extreme)", method: .get) { $0 }
                #expect(refused.status == .badRequest, "desil=\(extreme.prefix(20))")
                // A page number beyond any page answers an empty page, never a crash.
                let page = try await op.execute(uri: "/api/v1/coverage/unreached?within=52.03&desil=1-4&page=\(extreme)", method: .get) { try $0.json() }
                #expect(page["total"] as? Int == 2, "page=\(extreme.prefix(20))")
            }
            let api = try await op.execute(uri: "/api/v1/coverage/unreached?within=52.03&desil=1-10", method: .get) { $0 }
            let apiError = try api.json()["error"] as? [String: Any]
            #expect(api.status == .badRequest && apiError?["code"] as? String == "invalid_desil")
        }
    }
}
