import Foundation
import LumbungDomain
import SQLKit

/// A saved column mapping as stored: the mapping and its values as JSON (read by `LumbungImport.ColumnMapping`).
public struct ColumnTemplateRecord: Sendable, Equatable {
    public var id: Int
    public var name: String
    public var organisation: String?
    public var headersSignature: String
    public var mappingJSON: String
    public var valuesJSON: String
    public var createdBy: String
    public var createdAt: String
    public var updatedAt: String
}

/// Why a template cannot be saved.
public enum ColumnTemplateProblem: Error, Equatable, Sendable, CustomStringConvertible {
    case nameMissing
    case nameTooLong
    /// The name is another organisation's template.
    case nameTakenByAnother(String)

    public var description: String {
        switch self {
        case .nameMissing: "A template needs a name."
        case .nameTooLong: "A template name is at most 80 characters."
        case .nameTakenByAnother(let name): "The name '\(name)' is already another organisation's template: choose another."
        }
    }

    public var indonesianDescription: String {
        switch self {
        case .nameMissing: "Templat kolom perlu nama."
        case .nameTooLong: "Nama templat kolom paling panjang 80 karakter."
        case .nameTakenByAnother(let name): "Nama '\(name)' sudah dipakai templat lembaga lain: pilih nama lain."
        }
    }
}

/// Saved column mappings ("templat kolom"): save (a new name adds one, a known name changes it), list, find, delete;
/// every change is written with its audit event in the same transaction.
public struct ColumnTemplateStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    static let columns = """
        id, name, organisation, headers_signature, mapping_json, values_json, created_by, CAST(created_at AS TEXT) AS created_at,
        CAST(updated_at AS TEXT) AS updated_at
        """

    static func record(_ row: any SQLRow) throws -> ColumnTemplateRecord {
        ColumnTemplateRecord(
            id: try row.decode(column: "id", as: Int.self), name: try row.decode(column: "name", as: String.self),
            organisation: try row.decode(column: "organisation", as: String?.self),
            headersSignature: try row.decode(column: "headers_signature", as: String.self),
            mappingJSON: try row.decode(column: "mapping_json", as: String.self), valuesJSON: try row.decode(column: "values_json", as: String.self),
            createdBy: try row.decode(column: "created_by", as: String.self), createdAt: try row.decode(column: "created_at", as: String.self),
            updatedAt: try row.decode(column: "updated_at", as: String.self))
    }

    /// Saves a template under `name` (spaces around it trimmed). A template of that name (case ignored) is changed
    /// when it belongs to the same organisation (or `organisation` is nil: LKKS staff may change any); otherwise refused.
    /// Returns the stored record and whether it was new.
    @discardableResult
    public func save(name: String, organisation: String?, signature: String, mappingJSON: String, valuesJSON: String,
                     by actor: AuditActor) async throws -> (record: ColumnTemplateRecord, added: Bool) {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw ColumnTemplateProblem.nameMissing }
        guard name.count <= 80 else { throw ColumnTemplateProblem.nameTooLong }
        let engine = database.engine
        let now = SchemaDialect(engine: engine).now
        return try await database.transaction { db in
            let existing = try await db.raw("SELECT \(unsafeRaw: Self.columns) FROM column_template WHERE lower(name) = lower(\(bind: name))").first().map(Self.record)
            let added: Bool
            if let existing {
                if let organisation, existing.organisation?.lowercased() != organisation.lowercased() {
                    throw ColumnTemplateProblem.nameTakenByAnother(existing.name)
                }
                try await db.raw("""
                    UPDATE column_template SET headers_signature = \(bind: signature), mapping_json = \(bind: mappingJSON), values_json = \(bind: valuesJSON),
                      updated_at = \(unsafeRaw: now) WHERE id = \(bind: existing.id)
                    """).run()
                added = false
            } else {
                try await db.raw("""
                    INSERT INTO column_template (name, organisation, headers_signature, mapping_json, values_json, created_by)
                    VALUES (\(bind: name), \(bind: organisation), \(bind: signature), \(bind: mappingJSON), \(bind: valuesJSON), \(bind: actor.name))
                    """).run()
                added = true
            }
            try await AuditLog.append(db, engine: engine, actor: actor, action: .columnTemplateSaved, region: nil, target: existing?.name ?? name)
            guard let row = try await db.raw("SELECT \(unsafeRaw: Self.columns) FROM column_template WHERE lower(name) = lower(\(bind: name))").first() else {
                throw StoreError.queryFailed(reason: "the saved template was not found")
            }
            return (try Self.record(row), added)
        }
    }

    /// Every template, by name; with `organisation`, only that organisation's and LKKS's own (no organisation).
    public func all(organisation: String? = nil) async throws -> [ColumnTemplateRecord] {
        let records = try await database.read { db in
            try await db.raw("SELECT \(unsafeRaw: Self.columns) FROM column_template ORDER BY lower(name)").all().map(Self.record)
        }
        guard let organisation else { return records }
        return records.filter { $0.organisation == nil || $0.organisation?.lowercased() == organisation.lowercased() }
    }

    /// The template called `name` (case ignored).
    public func named(_ name: String) async throws -> ColumnTemplateRecord? {
        try await database.read { db in
            try await db.raw("""
                SELECT \(unsafeRaw: Self.columns) FROM column_template WHERE lower(name) = lower(\(bind: name.trimmingCharacters(in: .whitespacesAndNewlines)))
                """).first().map(Self.record)
        }
    }

    /// Deletes the template called `name`; false when there is none.
    @discardableResult
    public func delete(_ name: String, by actor: AuditActor) async throws -> Bool {
        let engine = database.engine
        return try await database.transaction { db in
            guard let existing = try await db.raw("SELECT \(unsafeRaw: Self.columns) FROM column_template WHERE lower(name) = lower(\(bind: name))").first()
                .map(Self.record) else { return false }
            try await db.raw("DELETE FROM column_template WHERE id = \(bind: existing.id)").run()
            try await AuditLog.append(db, engine: engine, actor: actor, action: .columnTemplateDeleted, region: nil, target: existing.name)
            return true
        }
    }
}
