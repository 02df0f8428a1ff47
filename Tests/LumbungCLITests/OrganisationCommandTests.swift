import Foundation
import LumbungDomain
import LumbungStore
import LumbungTestSupport
import Testing

/// `lumbung organisation edit|close` and `lumbung programme edit` on both engines.
@Suite struct OrganisationCommandTests {
    @Test(arguments: TestDatabase.engines)
    func organisations_and_programmes_are_changed_and_closed_from_the_command_line(engine: Database.Engine) async throws {
        let created = try await TestDatabase.create(engine)
        let db = ["--database", created.location.urlString]
        #expect(try await LumbungProcess.run(["migrate"] + db).status == 0)
        let database = try await TestDatabase.open(created.location)
        try await ProgrammeFixtures.registry(database)
        await database.close()

        #expect(try await LumbungProcess.run(["organisation", "add", "LSM Mitra", "--kind", "lsm", "--region", "52.03"] + db).status == 0)
        #expect(try await LumbungProcess.run(["organisation", "add", "Dinas Sosial NTB", "--kind", "dinsos", "--region", "52"] + db).status == 0)
        let add = try await LumbungProcess.run(["programme", "add", "LANSIA-NTB", "--name", "Bantuan Lansia", "--organisation", "LSM Mitra", "--sector", "lansia",
                                          "--unit", "individu", "--start", "2025-01-01", "--region", "52.03", "--budget", "90000000"] + db)
        #expect(add.status == 0, "\(add.stderr)")

        // programme edit: the options given change, the others stay.
        let edited = try await LumbungProcess.run(["programme", "edit", "lansia-ntb", "--name", "Bantuan Lansia Terlantar", "--end", "2026-06-30",
                                             "--budget", "120000000"] + db)
        #expect(edited.status == 0 && edited.stdout == "changed programme LANSIA-NTB (LSM Mitra)\n", "\(edited.stderr)")
        var shown = try await LumbungProcess.run(["programme", "show", "LANSIA-NTB"] + db).stdout
        #expect(shown.hasPrefix("LANSIA-NTB — Bantuan Lansia Terlantar\n"))
        #expect(shown.contains("period: 2025-01-01…2026-06-30 · budget: Rp 120000000"))
        #expect(shown.contains("sectors: lansia · unit: individu") && shown.contains("regions: 52.03\n"))
        // Bad input: each names what is wrong; nothing changes.
        let backwards = try await LumbungProcess.run(["programme", "edit", "LANSIA-NTB", "--end", "2024-12-31"] + db)
        #expect(backwards.status == 1 && backwards.stderr == "error: the programme ends (2024-12-31) before it starts (2025-01-01).\n")
        let unnamed = try await LumbungProcess.run(["programme", "edit", "LANSIA-NTB", "--name", " "] + db)
        #expect(unnamed.status == 1 && unnamed.stderr == "error: the programme needs a name.\n")
        let unknown = try await LumbungProcess.run(["programme", "edit", "TIDAK-ADA", "--name", "X"] + db)
        #expect(unknown.status == 1 && unknown.stderr == "error: no programme TIDAK-ADA is registered.\n")
        let badDate = try await LumbungProcess.run(["programme", "edit", "LANSIA-NTB", "--end", "30/06/2026"] + db)
        #expect(badDate.status == 2 && badDate.stderr.contains("--end '30/06/2026' is not a date"))
        let nowhere = try await LumbungProcess.run(["programme", "edit", "LANSIA-NTB", "--region", "52.03", "52.99"] + db)
        #expect(nowhere.status == 1 && nowhere.stderr == "error: '52.99' is no region of the NTB tree.\n", "\(nowhere.stderr)")
        let badBudget = try await LumbungProcess.run(["programme", "edit", "LANSIA-NTB", "--budget", "banyak"] + db)
        #expect(badBudget.status == 2 && badBudget.stderr.contains("the budget 'banyak' is not a whole number of rupiah"))
        shown = try await LumbungProcess.run(["programme", "show", "LANSIA-NTB"] + db).stdout
        #expect(shown.contains("Bantuan Lansia Terlantar") && shown.contains("2025-01-01…2026-06-30 · budget: Rp 120000000"))
        // --end none: open-ended again.
        #expect(try await LumbungProcess.run(["programme", "edit", "LANSIA-NTB", "--end", "none"] + db).status == 0)
        #expect(try await LumbungProcess.run(["programme", "show", "LANSIA-NTB"] + db).stdout.contains("period: 2025-01-01… · budget"))

        // organisation edit and close.
        let noChange = try await LumbungProcess.run(["organisation", "edit", "LSM Mitra"] + db)
        #expect(noChange.status == 2 && noChange.stderr.contains("Nothing to change"))
        let renamed = try await LumbungProcess.run(["organisation", "edit", "lsm mitra", "--name", "LSM Mitra Sejahtera", "--kind", "yayasan"] + db)
        #expect(renamed.status == 0 && renamed.stdout == "changed organisation LSM Mitra Sejahtera (lsm)\n", "\(renamed.stderr)")
        let badKind = try await LumbungProcess.run(["organisation", "edit", "LSM Mitra Sejahtera", "--kind", "bank"] + db)
        #expect(badKind.status == 2 && badKind.stderr.contains("Unknown kind 'bank'"), "\(badKind.stderr)")
        let blank = try await LumbungProcess.run(["organisation", "edit", "LSM Mitra Sejahtera", "--name", "  "] + db)
        #expect(blank.status == 1 && blank.stderr == "error: the organisation needs a name.\n", "\(blank.stderr)")
        let badDay = try await LumbungProcess.run(["organisation", "close", "LSM Mitra Sejahtera", "--on", "31-12-2025"] + db)
        #expect(badDay.status == 2 && badDay.stderr.contains("--on '31-12-2025' is not a date"), "\(badDay.stderr)")
        let taken = try await LumbungProcess.run(["organisation", "edit", "LSM Mitra Sejahtera", "--name", "dinas sosial ntb"] + db)
        #expect(taken.status == 1 && taken.stderr == "error: an organisation called 'dinas sosial ntb' is already registered.\n")
        let missing = try await LumbungProcess.run(["organisation", "close", "Tidak Ada"] + db)
        #expect(missing.status == 1 && missing.stderr.contains("no organisation 'Tidak Ada' is registered"))
        let closed = try await LumbungProcess.run(["organisation", "close", "LSM Mitra Sejahtera", "--on", "2025-12-31"] + db)
        #expect(closed.status == 0 && closed.stdout == "closed organisation LSM Mitra Sejahtera on 2025-12-31\n")
        #expect(try await LumbungProcess.run(["organisation", "close", "LSM Mitra Sejahtera"] + db).stderr == "error: the organisation 'LSM Mitra Sejahtera' is already closed.\n")
        #expect(try await LumbungProcess.run(["organisation", "list"] + db).stdout
                == "Dinas Sosial NTB\tdinsos\t52\nLSM Mitra Sejahtera\tlsm\t52.03\tclosed 2025-12-31\n")
        // A closed organisation keeps its programme (still changeable) but gets no new one.
        let refused = try await LumbungProcess.run(["programme", "add", "LANSIA-2", "--name", "Lansia 2", "--organisation", "LSM Mitra Sejahtera", "--sector", "lansia",
                                              "--start", "2026-01-01", "--region", "52.03"] + db)
        #expect(refused.status == 1 && refused.stderr == "error: the organisation 'LSM Mitra Sejahtera' is closed and gets no new programmes.\n")
        #expect(try await LumbungProcess.run(["programme", "edit", "LANSIA-NTB", "--funding", "APBD"] + db).status == 0)
        shown = try await LumbungProcess.run(["programme", "show", "LANSIA-NTB"] + db).stdout
        #expect(shown.contains("organisation: LSM Mitra Sejahtera (lsm)") && shown.contains("funding: APBD"))

        let audit = try await LumbungProcess.run(["audit", "--action", "organisation.closed"] + db)
        #expect(audit.stdout.contains("LSM Mitra Sejahtera"), "\(audit.stdout)")
        let renames = try await LumbungProcess.run(["audit", "--action", "organisation.changed"] + db)
        #expect(renames.stdout.contains("LSM Mitra → LSM Mitra Sejahtera"), "\(renames.stdout)")
        let changes = try await LumbungProcess.run(["audit", "--action", "programme.changed"] + db).stdout
        #expect(changes.components(separatedBy: "LANSIA-NTB").count - 1 == 3, "edit, --end none, --funding: \(changes)")
        try await TestDatabase.drop(created)
    }
}
