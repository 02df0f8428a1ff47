import LumbungDomain
import Testing

@Suite struct AccessRuleTests {
    @Test func roles_grant_what_design_section_6_says() {
        #expect(Role.admin.permissions == Set(Permission.allCases))
        #expect(Role.operator.may(.importData) && Role.operator.may(.seeFullIdentity) && !Role.operator.may(.manageUsers))
        #expect(Role.analyst.may(.readPersonalData) && !Role.analyst.may(.seeFullIdentity) && !Role.analyst.may(.importData))
        for role in [Role.partner, .viewer] {
            #expect(role.permissions == [.readAggregates], "\(role) sees aggregates only, small cells suppressed")
        }
    }

    @Test func a_scope_covers_its_region_and_everything_below_only() throws {
        let lombokBarat = AccessScope(region: try RegionCode("52.01"))
        let inside = [try RegionCode("52.01"), try RegionCode("52.01.01.2002")], outside = [try RegionCode("52.03.01.2001"), try RegionCode("52")]
        #expect(inside.allSatisfy(lombokBarat.covers) && !outside.contains(where: lombokBarat.covers))
    }

    /// Finding 7 of issue 12: the last digits beside birth date, sex and desa rebuilt masked NIKs.
    @Test func a_masked_nik_or_kk_shows_only_its_first_four_digits() throws {
        #expect(IdentityMask.masked("5203014508920001") == "5203************")
        #expect(try NIK("5203014508920001", asOf: CalendarDate(year: 2025, month: 6, day: 30)!).masked == "5203************")
        #expect(IdentityMask.birthYear(CalendarDate(year: 1992, month: 8, day: 5)) == 1992)
    }

    @Test func small_cells_show_as_less_than_five() {
        #expect(CellSuppression.text(0) == "0" && CellSuppression.text(4) == "<5" && CellSuppression.text(5) == "5")
        #expect(CellSuppression.text(1234) == "1.234")
    }
}

@Suite struct AuditChainTests {
    static func chain(_ count: Int) -> [AuditEvent] {
        var events: [AuditEvent] = [], previous = AuditChain.genesis
        for id in 1...count {
            var event = AuditEvent(id: id, at: "2026-11-29T10:00:0\(id).000Z", actor: "siti", action: .loginSucceeded, region: "52.01",
                                   target: nil, recordCount: nil, outcome: "ok", address: "127.0.0.1", previousHash: previous)
            event.hash = AuditChain.hash(of: event)
            previous = event.hash
            events.append(event)
        }
        return events
    }

    @Test func an_intact_chain_holds_and_any_edit_breaks_it_where_it_was_made() {
        let events = Self.chain(5)
        #expect(AuditChain.firstBreak(in: events) == nil)
        #expect(events[0].hash.count == 64 && events[1].previousHash == events[0].hash)
        var edited = events
        edited[2].actor = "admin"
        #expect(AuditChain.firstBreak(in: edited) == 3)
        var rehashed = edited
        rehashed[2].hash = AuditChain.hash(of: rehashed[2])
        #expect(AuditChain.firstBreak(in: rehashed) == 4, "re-hashing the edited row breaks the link of the next one")
        var removed = events
        removed.remove(at: 1)
        #expect(AuditChain.firstBreak(in: removed) == 3)
    }

    @Test func a_field_holding_the_separator_cannot_forge_another_field() {
        let a = AuditEvent(id: 1, at: "t", actor: "a|b", action: .logout, region: nil, target: "c", recordCount: nil, outcome: "ok", address: nil, previousHash: "0")
        let b = AuditEvent(id: 1, at: "t", actor: "a", action: .logout, region: nil, target: "b|c", recordCount: nil, outcome: "ok", address: nil, previousHash: "0")
        #expect(AuditChain.hash(of: a) != AuditChain.hash(of: b))
    }
}
