import ArgumentParser
import Foundation
import Logging
import LumbungImport
import LumbungStore

/// `lumbung mapping list|show|export|import|delete`: saved column mappings ("templat kolom").
struct MappingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mapping",
        abstract: "List, show, export, import and delete saved column mappings (templat kolom).",
        discussion: """
            A saved mapping says which of a partner file's headers means which field, which headers to leave
            alone (abaikan) and values for every row (desa, tanggal_data). Import a file with it by name:
              lumbung mapping import kolom-baznas.json --name "BAZNAS Lombok Timur"
              lumbung import baznas-juni.xlsx --mapping "BAZNAS Lombok Timur"
              lumbung mapping export "BAZNAS Lombok Timur" --out kolom-baznas.json
            """,
        subcommands: [List.self, Show.self, Export.self, Import.self, Delete.self]
    )

    static func template(_ name: String, in database: Database) async throws -> ColumnTemplate {
        guard let record = try await ColumnTemplateStore(database: database).named(name) else {
            throw CLIFailure.usage("No saved mapping is called '\(name)': see lumbung mapping list.")
        }
        do {
            return try ColumnTemplate(record)
        } catch let error as ImportError {
            throw CLIFailure.failure(error.description)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the saved mappings: name, organisation, columns mapped, last saved.")
        @OptionGroup var databaseOptions: DatabaseOptions
        @OptionGroup var loggingOptions: LoggingOptions

        func run() async throws {
            let records = try await UserCommand.withDatabase(databaseOptions, loggingOptions) { database in
                try await ColumnTemplateStore(database: database).all()
            }
            if records.isEmpty { print("no saved mappings") }
            for record in records {
                let columns = (try? ColumnTemplate(record)).map { String($0.mapping.columns.count) } ?? "?"
                print([record.name, record.organisation ?? "-", "\(columns) columns", record.updatedAt, record.createdBy].joined(separator: "\t"))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a saved mapping: each header with its field.")
        @OptionGroup var databaseOptions: DatabaseOptions
        @OptionGroup var loggingOptions: LoggingOptions
        @Argument(help: "The mapping's name.") var name: String

        func run() async throws {
            let template = try await UserCommand.withDatabase(databaseOptions, loggingOptions) { database in
                try await MappingCommand.template(name, in: database)
            }
            print("\(template.name)" + (template.organisation.map { " (\($0))" } ?? "") + (template.mapping.layout.map { " — layout \($0)" } ?? ""))
            for (header, field) in template.mapping.columns.sorted(by: { $0.key < $1.key }) {
                print("  \(header) → \(field.rawValue) (\(field.label))")
            }
            for header in template.mapping.ignored { print("  \(header) → \(ColumnMapping.ignore)") }
            if let village = template.mapping.village { print("  every row: desa \(village)") }
            if let date = template.mapping.dataDate { print("  every row: data date \(date)") }
            for (field, map) in template.mapping.labels.labels.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                for (text, official) in map.sorted(by: { $0.key < $1.key }) { print("  \(field.rawValue): '\(text)' read as \(official)") }
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a saved mapping as JSON (for lumbung import --mapping FILE).")
        @OptionGroup var databaseOptions: DatabaseOptions
        @OptionGroup var loggingOptions: LoggingOptions
        @Argument(help: "The mapping's name.") var name: String
        @Option(help: "The file to write (default: standard output).") var out: String?

        func run() async throws {
            let template = try await UserCommand.withDatabase(databaseOptions, loggingOptions) { database in
                try await MappingCommand.template(name, in: database)
            }
            let data = template.mapping.encoded()
            if let out {
                do {
                    try data.write(to: URL(fileURLWithPath: out))
                } catch {
                    throw CLIFailure.failure("Cannot write \(out): \(error.localizedDescription)")
                }
                print("wrote \(out)")
            } else {
                print(String(decoding: data, as: UTF8.self))
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Save a JSON mapping file under a name (a known name is replaced).",
            discussion: """
                The file: {"layout": "dtsen-individu", "columns": {"Nomor Induk": "nik", "Catatan": "abaikan"},
                           "values": {"desa": "52.03.01.2001"}}
                Example: lumbung mapping import kolom-baznas.json --name "BAZNAS Lombok Timur" --organisation "BAZNAS NTB"
                """)
        @OptionGroup var databaseOptions: DatabaseOptions
        @OptionGroup var loggingOptions: LoggingOptions
        @Argument(help: "The JSON mapping file.") var file: String
        @Option(help: "The name to save it under.") var name: String
        @Option(help: "The organisation that owns it (default: none, LKKS's own).") var organisation: String?

        func run() async throws {
            let mapping: ColumnMapping
            do {
                mapping = try ColumnMappingFile.load(URL(fileURLWithPath: file))
            } catch let error as ImportError {
                throw CLIFailure.usage(error.description)
            }
            guard !mapping.columns.isEmpty else { throw CLIFailure.usage("\(file) maps no column to a field: nothing to save.") }
            let template = ColumnTemplate(name: name, organisation: organisation, signature: ColumnTemplateFit.signature(of: mapping.headers), mapping: mapping)
            let saved = try await UserCommand.withDatabase(databaseOptions, loggingOptions) { database in
                do {
                    return try await ColumnTemplateStore(database: database).save(template, by: .commandLine)
                } catch let problem as ColumnTemplateProblem {
                    throw CLIFailure.usage(problem.description)
                }
            }
            print("\(saved.added ? "saved" : "replaced") mapping \(saved.record.name) (\(mapping.columns.count) columns)")
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a saved mapping.")
        @OptionGroup var databaseOptions: DatabaseOptions
        @OptionGroup var loggingOptions: LoggingOptions
        @Argument(help: "The mapping's name.") var name: String

        func run() async throws {
            let deleted = try await UserCommand.withDatabase(databaseOptions, loggingOptions) { database in
                try await ColumnTemplateStore(database: database).delete(name, by: .commandLine)
            }
            guard deleted else { throw CLIFailure.usage("No saved mapping is called '\(name)'.") }
            print("deleted mapping \(name)")
        }
    }
}
