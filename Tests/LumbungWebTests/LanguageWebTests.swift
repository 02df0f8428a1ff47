import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LumbungDomain
import LumbungStore
import LumbungTestSupport
@testable import LumbungWeb
import Testing

/// Issue 15 item 7: Bahasa Indonesia by default, English on a switch (`?lang=en`), remembered per user (stored with
/// the user) and, before signing in, in a cookie; every label from one catalogue per language.
@Suite struct LanguageWebTests {
    /// The `{name}` places of a text.
    static func places(_ text: String) -> Set<String> {
        Set(text.components(separatedBy: "{").dropFirst().compactMap { $0.components(separatedBy: "}").first })
    }

    @Test func both_catalogues_have_the_same_keys_none_empty_and_the_same_places() throws {
        let id = try Catalogue.read(.id), en = try Catalogue.read(.en)
        #expect(id.texts.count > 200, "the shipped catalogue was read")
        #expect(Set(id.texts.keys).subtracting(en.texts.keys).isEmpty, "missing in English: \(Set(id.texts.keys).subtracting(en.texts.keys).sorted())")
        #expect(Set(en.texts.keys).subtracting(id.texts.keys).isEmpty, "missing in Indonesian: \(Set(en.texts.keys).subtracting(id.texts.keys).sorted())")
        for (key, text) in id.texts {
            let english = en.texts[key] ?? ""
            #expect(!text.trimmingCharacters(in: .whitespaces).isEmpty && !english.trimmingCharacters(in: .whitespaces).isEmpty, "\(key) is empty")
            #expect(Self.places(text) == Self.places(english), "\(key): the places differ")
        }
    }

    @Test func every_label_a_template_asks_for_is_in_the_catalogue() throws {
        let id = try Catalogue.read(.id)
        let folder = URL(fileURLWithPath: PageRenderer.templateFolder)
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".mustache") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for piece in text.components(separatedBy: "{{t.").dropFirst() {
                let key = piece.components(separatedBy: "}}").first ?? ""
                #expect(id.texts[key] != nil, "\(file) asks for \(key)")
            }
        }
    }

    /// The Indonesian texts an English page must not contain: every catalogue text that English words differently —
    /// a short one (a single word or two) as a whole element's text, a longer one by each stretch of 16 characters
    /// or more between its `{places}`.
    static func indonesianLeftovers(in html: String) throws -> [String] {
        let id = try Catalogue.read(.id), en = try Catalogue.read(.en)
        var found: [String] = []
        for (key, text) in id.texts where en.texts[key] != text {
            if text.count <= 16 && !text.contains("{") {
                if html.contains(">\(HTML.escape(text))<") { found.append("\(key): \(text)") }
                continue
            }
            var pieces: [String] = []
            var rest = Substring(text)
            while let open = rest.firstIndex(of: "{") {
                pieces.append(String(rest[..<open]))
                rest = rest[rest.index(after: open)...].drop { $0 != "}" }.dropFirst()
            }
            pieces.append(String(rest))
            for piece in pieces where piece.trimmingCharacters(in: .whitespaces).count >= 16 {
                if html.contains(HTML.escape(piece)) || html.contains(piece) { found.append("\(key): \(piece)") }
            }
        }
        return found
    }

    @Test(arguments: TestDatabase.engines)
    func pages_in_english_carry_no_indonesian_label_and_write_numbers_and_dates_the_english_way(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52", engine: engine) { client, tokens, services, _ in
            try await DisclosureAttackTests.store(try DashboardWebTests.keruak(), in: services.database)
            let admin = tokens[.admin]
            for uri in ["/?wilayah=52.03.01&lang=en", "/wilayah/52.03.01?lang=en", "/peringkat?within=52.03.01&lang=en", "/impor?lang=en",
                        "/koordinasi?within=52.03.01&lang=en", "/pemantauan?wilayah=52.03.01&lang=en", "/pemantauan/laporan?wilayah=52.03.01&lang=en",
                        "/pemantauan/target?wilayah=52.03.01&lang=en"] {
                let html = try await DisclosureAttackTests.get(client, uri, admin).text
                #expect(html.contains("<html lang=\"en\">"), "\(uri)")
                let leftovers = try Self.indonesianLeftovers(in: html)
                #expect(leftovers.isEmpty, "\(uri): \(leftovers)")
                // The switch leads back to Bahasa Indonesia on the same page.
                #expect(html.contains("lang=id\" lang=\"id\" hreflang=\"id\">Bahasa Indonesia</a>"), "\(uri)")
            }
            // The same pages in Indonesian by default do carry their labels (the check above can fail).
            let indonesian = try await DisclosureAttackTests.get(client, "/?wilayah=52.03.01&lang=id", admin).text
            let found = try Self.indonesianLeftovers(in: indonesian)
            #expect(found.count > 10 && indonesian.contains("<html lang=\"id\">"))
            // Beranda in English: 113 families, 38 in desil 1 = 33.6 %; the reference date 30 June 2025.
            let home = try await DisclosureAttackTests.get(client, "/?wilayah=52.03.01&lang=en", admin).text
            #expect(home.contains("<span class=\"label\">Families in desil 1</span> <strong>33.6%</strong><small>38 families</small>"))
            #expect(home.contains("Data as of 30 June 2025 (the imports&#39; reference date), from 5 villages."))
            #expect(home.contains("<span class=\"kicker\">Home</span> Kecamatan Keruak</h1>"))
            // The region page's Summary is the English one.
            let region = try await DisclosureAttackTests.get(client, "/wilayah/52.03.01?lang=en", admin).text
            #expect(region.contains("<h2>Summary</h2><p>Kecamatan Keruak has 113 people in 113 families on record."))
        }
    }

    @Test(arguments: TestDatabase.engines)
    func a_users_choice_is_remembered_with_the_user_and_a_visitors_in_a_cookie(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52", engine: engine) { client, tokens, services, _ in
            let analyst = tokens[.analyst]
            // Indonesian until asked.
            #expect(try await DisclosureAttackTests.get(client, "/", analyst).text.contains("<span class=\"kicker\">Beranda</span>"))
            _ = try await DisclosureAttackTests.get(client, "/wilayah/52.03?lang=en", analyst)
            #expect(try await UserStore(database: services.database).user(named: "r-analyst")?.language == "en")
            // Any later page, without `lang`, in English; the menu too.
            let later = try await DisclosureAttackTests.get(client, "/", analyst).text
            #expect(later.contains("<span class=\"kicker\">Home</span>") && later.contains("<a href=\"/peringkat\">Ranking</a>"))
            // Another user is untouched.
            #expect(try await DisclosureAttackTests.get(client, "/", tokens[.viewer]).text.contains("<span class=\"kicker\">Beranda</span>"))
            // Back to Indonesian.
            _ = try await DisclosureAttackTests.get(client, "/?lang=id", analyst)
            #expect(try await DisclosureAttackTests.get(client, "/", analyst).text.contains("<span class=\"kicker\">Beranda</span>"))

            // A visitor: the sign-in page in English sets a cookie that keeps it English.
            let english = try await client.executeRequest(uri: "/masuk?lang=en", method: .get, headers: [:], body: nil)
            #expect(english.text.contains("<h1>Sign in</h1>") && english.text.contains("<label for=\"password\">Password</label>"))
            let cookie = try #require(english.headers[values: .setCookie].first { $0.hasPrefix("lumbung_bahasa=en") })
            #expect(cookie.contains("HttpOnly"))
            let again = try await client.executeRequest(uri: "/masuk", method: .get, headers: [.cookie: "lumbung_bahasa=en"], body: nil)
            #expect(again.text.contains("<h1>Sign in</h1>"))
            let plain = try await client.executeRequest(uri: "/masuk", method: .get, headers: [:], body: nil)
            #expect(plain.text.contains("<h1>Masuk</h1>"))
            // Anything else than id or en is ignored, not an error.
            let odd = try await client.executeRequest(uri: "/masuk?lang=fr", method: .get, headers: [:], body: nil)
            #expect(odd.status == .ok && odd.text.contains("<h1>Masuk</h1>"))
            // An error page in English for an English reader.
            let missing = try await client.executeRequest(uri: "/wilayah/52.99?lang=en", method: .get, headers: bearer(tokens[.admin]), body: nil)
            #expect(missing.status == .notFound && missing.text.contains("<p class=\"status\">Status code 404</p>"))
        }
    }

    // MARK: The remaining pages and the downloads (issue 15, English everywhere)

    /// The text a reader sees: the page without its tags (attribute values, links and form names are not read).
    static func visibleText(_ html: String) -> String {
        var text = ""
        var inTag = false
        for character in html {
            if character == "<" { inTag = true; text.append(" "); continue }
            if character == ">" { inTag = false; continue }
            if !inTag { text.append(character) }
        }
        return text.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The words of `words` that `html` shows as whole words (case-sensitive).
    static func shown(_ words: [String], in html: String) -> [String] {
        let text = visibleText(html)
        return words.filter { word in
            var searchFrom = text.startIndex
            while let found = text.range(of: word, range: searchFrom..<text.endIndex) {
                let before = found.lowerBound == text.startIndex ? nil : text[text.index(before: found.lowerBound)]
                let after = found.upperBound == text.endIndex ? nil : text[found.upperBound]
                if !(before?.isLetter ?? false) && !(after?.isLetter ?? false) { return true }
                searchFrom = found.upperBound
            }
            return false
        }
    }

    /// Each page in English shows none of its Indonesian words, and in Indonesian shows every one of them (so the check
    /// can fail). The words are the labels these pages had, written out by hand; none of them is in the fixtures' data.
    static func check(_ client: some TestClientProtocol, _ uri: String, method: HTTPRequest.Method = .get, headers: HTTPFields = [:],
                      body: String? = nil, status: HTTPResponse.Status = .ok, words: [String], data: Set<String> = []) async throws {
        for language in ["en", "id"] {
            let separator = uri.contains("?") ? "&" : "?"
            let response = try await client.executeRequest(uri: uri + separator + "lang=" + language, method: method, headers: headers,
                                                           body: body.map { ByteBuffer(string: $0) })
            #expect(response.status == status, "\(uri) \(language): \(response.status)")
            let html = response.text
            #expect(html.contains("<html lang=\"\(language)\">"), "\(uri) \(language)")
            let found = Self.shown(words, in: html)
            if language == "en" {
                #expect(found.isEmpty, "\(uri) in English shows \(found)")
                // Catalogue texts that are also the fixtures' data (users named "Operator", a file's column "Alamat") are not labels.
                let leftovers = try Self.indonesianLeftovers(in: html).filter { found in
                    let key = String(found.prefix { $0 != ":" })
                    return !key.hasPrefix("role_") && !data.contains(key)
                }
                #expect(leftovers.isEmpty, "\(uri): \(leftovers)")
            } else {
                #expect(found == words, "\(uri) in Indonesian lacks \(Set(words).subtracting(found).sorted())")
            }
        }
    }

    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    @Test(arguments: TestDatabase.engines)
    func indicator_ranking_error_users_audit_account_and_sign_in_pages_follow_the_switch(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52", engine: engine) { client, tokens, services, _ in
            try await DisclosureAttackTests.store(try DashboardWebTests.keruak(), in: services.database)
            let admin = SignedInClient(base: client, token: try #require(tokens[.admin]))
            try await Self.check(admin, "/wilayah/52.03.01/indikator", words: [
                "Profil wilayah", "Lihat peringkat prioritas", "Unduh tabel", "Grafik", "Angka utama", "Menurut jenis kelamin", "Piramida penduduk",
                "Penduduk", "Keluarga", "Laki-laki", "Perempuan", "Nama", "Kelompok umur",
            ])
            try await Self.check(admin, "/peringkat?within=52.03.01&w_desil1_families=-2", status: .badRequest,
                                 words: ["Peringkat tidak dapat dibuat", "Bobot", "Keluarga desil 1", "negatif", "Hitung ulang"])
            try await Self.check(admin, "/pengguna", words: ["Nama pengguna", "Peran", "Wilayah", "Tambah pengguna", "Nonaktifkan", "Kata sandi"])
            try await Self.check(admin, "/audit", words: ["Log audit", "Pengguna", "Tindakan", "Sampai", "Cari", "Waktu", "Hasil", "Masuk berhasil", "Rantai"])
            try await Self.check(admin, "/akun", words: ["Akun saya", "Nama pengguna", "Peran", "Wilayah kerja", "Ganti kata sandi", "Ulangi", "Ganti"])
            // The sign-in page's errors: a form without its token, then (with a token) a wrong password.
            try await Self.check(client, "/masuk?csrf=abc", method: .post, headers: Self.form, body: "username=x&password=y", status: .forbidden,
                                 words: ["Token keamanan formulir", "Muat ulang", "Masuk", "Nama pengguna", "Kata sandi"])
            for language in ["en", "id"] {
                let page = try await client.executeRequest(uri: "/masuk?lang=\(language)", method: .get, headers: [:], body: nil)
                let token = try #require(page.text.components(separatedBy: "/masuk?csrf=").dropFirst().first?.components(separatedBy: "\"").first)
                let cookie = try #require(page.headers[values: .setCookie].first { $0.hasPrefix("lumbung_masuk=") }?.components(separatedBy: ";").first)
                let wrong = try await client.executeRequest(uri: "/masuk?csrf=\(token)&lang=\(language)", method: .post,
                                                            headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                                                            body: ByteBuffer(string: "username=r-admin&password=salah-sekali-12"))
                #expect(wrong.status == .unauthorized)
                #expect(wrong.text.contains(language == "en" ? "Wrong username or password." : "Nama pengguna atau kata sandi salah."), "\(language)")
                #expect(Self.shown(["sandi", "salah"], in: wrong.text).isEmpty == (language == "en"), "\(language)")
            }
        }
    }

    @Test(arguments: TestDatabase.engines)
    func programme_pages_and_the_nik_lookup_follow_the_switch(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52.03", engine: engine) { client, tokens, services, _ in
            try await ProgrammeAPITests.setUp(services)
            let op = SignedInClient(base: client, token: try #require(tokens[.operator]))
            let admin = SignedInClient(base: client, token: try #require(tokens[.admin]))
            try await Self.check(op, "/program", words: [
                "Daftarkan program baru", "Kode", "Lembaga", "Sektor", "Sasaran", "Periode", "Anggaran", "Peserta", "Belum cocok", "Organisasi",
                "Tambah organisasi", "Jenis", "Tambah", "Bantuan tunai", "Kementerian/lembaga pusat", "Januari",
            ])
            try await Self.check(op, "/program/baru", words: [
                "Daftarkan program baru", "Nama program", "Lembaga pelaksana", "Sektor", "Sumber dana", "Tanggal mulai", "Kriteria penerima", "Simpan",
                "Pangan", "Kesehatan", "Individu",
            ])
            try await Self.check(op, "/program/PKH", words: [
                "Lembaga", "Sektor", "Sumber dana", "Periode", "Wilayah sasaran", "Kriteria", "Peserta di wilayah Anda", "Peserta tercatat",
                "Menurut cara pencocokan", "Daftar peserta", "Bantuan tunai", "berjalan", "registri",
            ])
            try await Self.check(op, "/program/PKH/peserta", words: ["Peserta", "Cara pencocokan", "Tampilkan", "Semua", "Tanggal terima", "Pencocokan",
                                                                    "Kembali ke program", "registri"])
            try await Self.check(op, "/program/PANGAN-MITRA/unggah", method: .post, headers: ImportWebTests.headers,
                                 body: String(buffer: ImportWebTests.multipart(file: "pangan.csv", content: ListUploadWebTests.list)),
                                 words: ["Daftar penerima", "Berkas", "Baris dibaca", "Yang langsung terlihat di wilayah Anda", "Kembali ke program"])
            try await Self.check(admin, "/orang", words: ["Cari orang berdasarkan NIK", "Cari", "Pencarian"])
            try await Self.check(admin, "/orang", method: .post, headers: Self.form, body: "nik=5203014101800001",
                                 words: ["Keluarga di", "Kepala keluarga", "Alamat", "Hubungan", "Jenis kelamin", "Tanggal lahir", "Program yang diterima",
                                         "Bantuan tunai", "Januari"])
        }
    }

    @Test(arguments: TestDatabase.engines)
    func the_mapping_page_and_an_imports_report_follow_the_switch(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52.03", engine: engine) { client, tokens, _, _ in
            let op = SignedInClient(base: client, token: try #require(tokens[.operator]))
            let location = try await MappingBadInputWebTests.upload("bantuan.csv", MappingBadInputWebTests.header + "\n5203011106180101;5203011207850001;Baiq;P;12/07/1985;Kepala Keluarga;x\n", client: op)
            try await Self.check(op, location, words: [
                "Petakan kolom", "Judul kolom di berkas", "Dikenali Lumbung", "Contoh isi", "Dibaca sebagai", "Nilai untuk seluruh berkas",
                "Pratinjau", "Simpan sebagai templat", "Impor data",
            ], data: ["audit_col_address", "person_address", "person_kk", "unreached_address", "unreached_csv_address", "unreached_csv_kk"])
            // A file imported from the Impor page: its report.
            let job = try await op.executeRequest(uri: "/impor", method: .post, headers: ImportWebTests.headers,
                                                  body: ImportWebTests.multipart(file: "keluarga.csv", content: ImportWebTests.families, fields: ["as_of": "2025-06-30"]))
            let report = try #require(job.headers[.location])
            for _ in 0..<200 {
                if !(try await op.executeRequest(uri: report, method: .get, headers: [:], body: nil).text.contains("<progress")) { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            try await Self.check(op, report, words: ["Impor data", "Selesai", "Baris dibaca", "Data baru", "Diperbarui", "Tidak berubah", "Kolom yang dipahami"],
                                 data: ["audit_col_address", "person_address", "person_kk", "unreached_address", "unreached_csv_address", "unreached_csv_kk"])
        }
    }

    /// The printable brief (`/wilayah/{code}/ringkas`): its labels, the Ringkasan, the charts, numbers and the time it was
    /// made follow the switch. (Its printed page numbers, "Page 1 of 4", are checked in headless Chromium, `BrowserTests`.)
    @Test(arguments: TestDatabase.engines)
    func figures_from_other_sources_follow_the_switch(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52.03", engine: engine) { client, tokens, _, _ in
            let imported = try await ExternalIndicatorWebTests.upload(client, token: tokens[.analyst])
            #expect(imported.status == .created, "\(imported.text)")
            let analyst = SignedInClient(base: client, token: try #require(tokens[.analyst]))
            try await Self.check(analyst, "/sumber-lain", words: [
                "Data dari sumber lain", "Indikator", "Satuan", "Arah", "Terbaru", "Impor tabel", "Berkas", "Tanggal data", "makin rendah makin baik", "persen",
                "Satu baris salah menolak seluruh berkas",
            ])
            try await Self.check(analyst, "/sumber-lain/stunting_dinkes?wilayah=52.03", words: [
                "Data dari sumber lain", "satuan", "Semua indikator sumber lain", "Kode", "Sumber (terbaru)", "bukan nol",
            ])
        }
    }

    @Test(arguments: TestDatabase.engines)
    func the_printable_brief_follows_the_switch(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52", engine: engine) { client, tokens, services, _ in
            try await DisclosureAttackTests.store(try DashboardWebTests.keruak(), in: services.database)
            let admin = SignedInClient(base: client, token: try #require(tokens[.admin]))
            try await Self.check(admin, "/wilayah/52.03.01/ringkas", words: [
                "Ringkasan wilayah", "Ringkasan", "Profil wilayah", "Ringkasan untuk dicetak", "Cetak halaman ini", "bagian dari", "Disusun",
                "Jumlah keluarga", "Keluarga", "Penduduk", "Sumber", "Data per", "Kelompok paling terdampak", "desa/kelurahan prioritas", "skor",
                "keluarga", "tertinggi lebih dulu", "Nama", "Grafik", "Angka", "Piramida penduduk", "Laki-laki", "Perempuan", "Desil 1 adalah",
                "indikatif",
            ])
            let english = try await admin.executeRequest(uri: "/wilayah/52.03.01/ringkas?lang=en", method: .get, headers: [:], body: nil).text
            #expect(english.contains("<title>Brief on Kecamatan Keruak — Lumbung</title>"))
            #expect(english.contains("<h1><span class=\"kicker\">Region brief</span> Kecamatan Keruak</h1>"))
            #expect(english.contains("<span class=\"code\">52.03.01</span> · District (kecamatan) · part of Kabupaten Lombok Timur · 15 villages (desa/kelurahan)"))
            // 113 families, 38 in desil 1 = 33.6 %; the Ringkasan in English; the data date and the time made the English way.
            #expect(english.contains("<span class=\"label\">Families in desil 1</span> <strong>33.6%</strong><small>38 families</small>"))
            #expect(english.contains("<section class=\"summary\"><h2>Summary</h2><p>Kecamatan Keruak has 113 people in 113 families on record."))
            #expect(english.contains("Data as of 30 June 2025 (the imports&#39; reference date)"))
            #expect(english.range(of: #"Compiled \d{1,2} [A-Z][a-z]+ \d{4} \d{2}:\d{2} WITA from Lumbung\."#, options: .regularExpression) != nil)
            // The desa of Keruak, worst first: Pulau Maringkik has 3 families, 2 of them in desil 1 (66.7 %).
            let table = try #require(english.components(separatedBy: "<section class=\"brief-children\">").last?.components(separatedBy: "</table>").first)
            #expect(table.contains("<th class=\"num\">Families in desil 1</th>"))
            #expect(table.contains("<tr><th scope=\"row\">Pulau Maringkik</th><td class=\"num\">3</td><td class=\"num\">66.7%</td>"))
            #expect(!english.contains("66,7"))
            // A viewer's brief in English explains its withheld figures in English.
            let viewer = try await DisclosureAttackTests.get(client, "/wilayah/52.03.01/ringkas?lang=en", tokens[.viewer]).text
            #expect(viewer.contains("“&lt;5”: a count of 1–4 is withheld") && !viewer.contains("disembunyikan"))
        }
    }

    @Test(arguments: TestDatabase.engines)
    func downloads_have_english_headings_for_an_english_reader_and_the_indonesian_ones_are_unchanged(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52", engine: engine) { client, tokens, services, _ in
            try await DisclosureAttackTests.store(try DashboardWebTests.keruak(), in: services.database)
            let admin = try #require(tokens[.admin])
            func firstLine(_ uri: String) async throws -> String {
                let text = try await DisclosureAttackTests.get(client, uri, admin).text
                return String(text.drop { $0 == "\u{FEFF}" }.prefix { $0 != "\n" && $0 != "\r" })
            }
            // Written out by hand: the first columns, and the first indicator's two.
            let english = try await firstLine("/wilayah/52.03.01/indikator.csv?lang=en")
            #expect(english.hasPrefix("Code,Name,Level,People,Families,"), "\(english.prefix(120))")
            #expect(!english.contains("jumlah") && !english.contains("Keluarga"))
            #expect(english.contains(",Families in desil 1 (%),Families in desil 1 (count),"))
            let indonesian = try await firstLine("/wilayah/52.03.01/indikator.csv?lang=id")
            #expect(indonesian.hasPrefix("Kode,Nama,Tingkat,Jumlah penduduk,Jumlah keluarga,"), "\(indonesian.prefix(120))")
            #expect(indonesian.contains(",Keluarga desil 1 (%),Keluarga desil 1 (jumlah),"))
            let ranking = try await firstLine("/peringkat.csv?within=52.03.01&lang=en")
            #expect(ranking.hasPrefix("Rank,Code,Name,Score,Best rank,Worst rank,Families,People,"), "\(ranking.prefix(120))")
            #expect(try await firstLine("/peringkat.csv?within=52.03.01&lang=id").hasPrefix("Peringkat,Kode,Nama,Skor,Peringkat terbaik,Peringkat terburuk,Keluarga,Jiwa,"))
            // The GeoJSON's property keys are an interface: the same in both languages.
            let geoEN = try await DisclosureAttackTests.get(client, "/wilayah/52.03.01/peta.geojson?lang=en", admin).text
            let geoID = try await DisclosureAttackTests.get(client, "/wilayah/52.03.01/peta.geojson?lang=id", admin).text
            func keys(_ text: String) throws -> Set<String> {
                let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
                let features = json["features"] as? [[String: Any]] ?? []
                return Set(features.flatMap { ($0["properties"] as? [String: Any] ?? [:]).keys })
            }
            #expect(try keys(geoEN) == keys(geoID) && !(try keys(geoID)).isEmpty)
        }
    }
}
