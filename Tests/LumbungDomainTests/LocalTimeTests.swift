import LumbungDomain
import Testing

@Suite struct LocalTimeTests {
    @Test(arguments: [
        // UTC as the audit log writes it; NTB is 8 hours ahead.
        ("2026-12-07T08:30:11.123Z", "7 Desember 2026 16.30 WITA"),
        // As SQLite's CURRENT_TIMESTAMP and PostgreSQL's text cut to 19 characters write it.
        ("2026-12-07 08:30:11", "7 Desember 2026 16.30 WITA"),
        // Late in the UTC day is the next morning in NTB, across a month and a year.
        ("2025-12-31T20:05:00Z", "1 Januari 2026 04.05 WITA"),
        ("2024-02-28 23:59:00", "29 Februari 2024 07.59 WITA"),
        // A written offset is honoured: 09:00 in Jakarta (UTC+7) is 10:00 in Mataram.
        ("2026-06-01 09:00:00+07", "1 Juni 2026 10.00 WITA"),
        ("2026-06-01 09:00:00.5+07:00", "1 Juni 2026 10.00 WITA"),
    ])
    func utc_is_shown_in_wita(stored: String, shown: String) {
        #expect(LocalTime.text(utc: stored) == shown)
    }

    @Test func other_zones_and_unreadable_text() throws {
        #expect(LocalTime.text(utc: "2026-12-07T23:00:00Z", in: .wib) == "8 Desember 2026 06.00 WIB")
        #expect(LocalTime.text(utc: "2026-12-07T23:00:00Z", in: .wit) == "8 Desember 2026 08.00 WIT")
        #expect(LocalTime(utc: "kemarin") == nil)
        #expect(LocalTime.text(utc: "kemarin") == "kemarin")
        #expect(LocalTime(utc: "2026-13-07 08:30") == nil)
        #expect(LocalTime(utc: "2026-12-07 25:30") == nil)
    }

    @Test func a_region_keeps_its_provinces_clock() throws {
        #expect(IndonesianTimeZone(region: try RegionCode("52.03")) == .wita) // NTB
        #expect(IndonesianTimeZone(region: try RegionCode("51")) == .wita) // Bali
        #expect(IndonesianTimeZone(region: try RegionCode("31")) == .wib) // Jakarta
        #expect(IndonesianTimeZone(region: try RegionCode("94")) == .wit) // Papua
    }

    @Test func dates_are_written_as_indonesians_write_them() throws {
        #expect(try #require(CalendarDate(iso: "1963-12-12")).indonesianText == "12 Desember 1963")
    }

    @Test func audit_actions_read_as_words() {
        #expect(AuditEvent.Action.loginSucceeded.indonesianText == "Masuk berhasil")
        #expect(AuditEvent.Action.userDisabled.indonesianText == "Pengguna dinonaktifkan")
        // Every action has its own words, none is the stored code.
        let texts = AuditEvent.Action.allCases.map(\.indonesianText)
        #expect(Set(texts).count == texts.count)
        #expect(AuditEvent.Action.allCases.allSatisfy { $0.indonesianText != $0.rawValue })
    }
}
