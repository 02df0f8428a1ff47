import Foundation
import LumbungStore

extension ColumnTemplate {
    /// A stored template, its JSON read back (a template stored by hand that no longer reads is refused by name).
    public init(_ record: ColumnTemplateRecord) throws {
        var mapping = try ColumnMapping.decode(Data(record.mappingJSON.utf8), source: "templat \(record.name)")
        let values = (try? JSONDecoder().decode([String: String].self, from: Data(record.valuesJSON.utf8))) ?? [:]
        mapping.village = mapping.village ?? values["desa"]
        mapping.dataDate = mapping.dataDate ?? values["tanggal_data"]
        self.init(name: record.name, organisation: record.organisation, signature: record.headersSignature, mapping: mapping)
    }
}

extension ColumnTemplateStore {
    /// Saves `template` (its mapping without the values as `mapping_json`, the values as `values_json`).
    @discardableResult
    public func save(_ template: ColumnTemplate, by actor: AuditActor) async throws -> (record: ColumnTemplateRecord, added: Bool) {
        var columnsOnly = template.mapping
        columnsOnly.village = nil
        columnsOnly.dataDate = nil
        return try await save(name: template.name, organisation: template.organisation, signature: template.signature,
                              mappingJSON: String(decoding: columnsOnly.encoded(), as: UTF8.self), valuesJSON: template.mapping.valuesJSON, by: actor)
    }

    /// Every template read back; those whose JSON no longer reads are left out.
    public func templates(organisation: String? = nil) async throws -> [ColumnTemplate] {
        try await all(organisation: organisation).compactMap { try? ColumnTemplate($0) }
    }
}
