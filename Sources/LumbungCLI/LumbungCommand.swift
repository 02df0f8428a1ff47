import ArgumentParser

/// `lumbung`: the social-welfare data platform of LKKS NTB.
struct LumbungCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lumbung",
        abstract: "Lumbung — social-welfare data for LKKS Nusa Tenggara Barat.",
        discussion: """
            Runs on an SQLite file by default (lumbung.sqlite) or on PostgreSQL with --database postgres://…
            Exit codes: 0 success, 1 failure, 2 usage error.
            """,
        version: "0.1.0",
        subcommands: [DemoCommand.self, ServeCommand.self, MigrateCommand.self, RegionsCommand.self, GenerateCommand.self, ImportCommand.self, ReportCommand.self,
                      UserCommand.self, AuditCommand.self, UploadsCommand.self, OrganisationCommand.self, ProgrammeCommand.self,
                      BackupCommand.self, RestoreCommand.self, SheetRowsCommand.self, MappingCommand.self,
                      SnapshotCommand.self, TargetCommand.self, ExternalCommand.self]
    )
}
