import Foundation
import LumbungDomain
import LumbungStore
import LumbungTestSupport
import SQLKit
import Testing

/// Saved column mappings: add, change, list, find, delete, with audit events; another organisation's name is refused.
@Suite struct ColumnTemplateStoreTests {
    static let operatorActor = AuditActor(name: "operator1", address: nil)
    static let partnerActor = AuditActor(name: "mitra1", address: nil)

    @Test(arguments: TestDatabase.engines)
    func templates_are_saved_changed_listed_found_and_deleted_with_audit(engine: Database.Engine) async throws {
        try await TestDatabase.with(engine) { database in
            let store = ColumnTemplateStore(database: database)
            let first = try await store.save(name: "  BAZNAS Lotim ", organisation: "BAZNAS NTB", signature: "gender|nomorkartu",
                                             mappingJSON: #"{"columns":{"Gender":"jenis_kelamin"}}"#, valuesJSON: #"{"desa":"52.03.01.2001"}"#,
                                             by: Self.partnerActor)
            #expect(first.added && first.record.name == "BAZNAS Lotim" && first.record.createdBy == "mitra1")
            #expect(first.record.organisation == "BAZNAS NTB" && first.record.valuesJSON == #"{"desa":"52.03.01.2001"}"#)
            _ = try await store.save(name: "Dinsos KLU", organisation: nil, signature: "nik", mappingJSON: #"{"columns":{"No Induk":"nik"}}"#,
                                     valuesJSON: "{}", by: Self.operatorActor)
            // Saving under a known name (case ignored) changes it: same id, new mapping, the creator kept.
            let second = try await store.save(name: "baznas lotim", organisation: "baznas ntb", signature: "gender|nik|nomorkartu",
                                              mappingJSON: #"{"columns":{"Gender":"jenis_kelamin","NIK":"nik"}}"#, valuesJSON: "{}", by: Self.partnerActor)
            #expect(!second.added && second.record.id == first.record.id && second.record.name == "BAZNAS Lotim")
            #expect(second.record.headersSignature == "gender|nik|nomorkartu" && second.record.createdBy == "mitra1")
            // Another organisation may not take over the name; LKKS staff (no organisation) may change any.
            await #expect(throws: ColumnTemplateProblem.nameTakenByAnother("BAZNAS Lotim")) {
                _ = try await store.save(name: "BAZNAS LOTIM", organisation: "Universitas Mataram", signature: "x", mappingJSON: "{}", valuesJSON: "{}",
                                         by: Self.partnerActor)
            }
            await #expect(throws: ColumnTemplateProblem.nameMissing) {
                _ = try await store.save(name: "   ", organisation: nil, signature: "x", mappingJSON: "{}", valuesJSON: "{}", by: Self.operatorActor)
            }
            #expect(try await store.all().map(\.name) == ["BAZNAS Lotim", "Dinsos KLU"])
            // A partner sees its organisation's and LKKS's own, not another partner's.
            #expect(try await store.all(organisation: "BAZNAS NTB").map(\.name) == ["BAZNAS Lotim", "Dinsos KLU"])
            #expect(try await store.all(organisation: "Universitas Mataram").map(\.name) == ["Dinsos KLU"])
            #expect(try await store.named("dinsos klu")?.mappingJSON == #"{"columns":{"No Induk":"nik"}}"#)
            #expect(try await store.delete("Dinsos KLU", by: Self.operatorActor))
            #expect(try await !store.delete("Dinsos KLU", by: Self.operatorActor))
            #expect(try await store.named("Dinsos KLU") == nil)
            let actions = try await database.read { db in
                try await db.raw("SELECT action, actor, target FROM audit_event ORDER BY id").all().map {
                    "\(try $0.decode(column: "action", as: String.self)) \(try $0.decode(column: "actor", as: String.self)) \(try $0.decode(column: "target", as: String.self))"
                }
            }
            #expect(actions == ["column_template.saved mitra1 BAZNAS Lotim", "column_template.saved operator1 Dinsos KLU",
                                "column_template.saved mitra1 BAZNAS Lotim", "column_template.deleted operator1 Dinsos KLU"])
        }
    }
}
