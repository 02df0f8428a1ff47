import ArgumentParser
import Logging
import LumbungDomain
import LumbungStore

/// `lumbung regions [CODE] [--search NAME] [--depth N]`: prints the region tree, a subtree, or name matches.
struct RegionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regions",
        abstract: "Print the NTB region tree, a subtree, or the regions matching a name.",
        discussion: """
            Examples:
              lumbung regions                      the whole tree, province to desa
              lumbung regions 52.03 --depth 1      Lombok Timur and its kecamatan
              lumbung regions --search "lombok timur"
            """
    )

    @OptionGroup var databaseOptions: DatabaseOptions
    @OptionGroup var loggingOptions: LoggingOptions

    @Argument(help: "A region code, dotted or not (52.03, 5203, 52.03.01.2001). Default: the province.")
    var code: String?

    @Option(help: "Find regions by name, ignoring case, accents and prefixes such as Kab./Kota.")
    var search: String?

    @Option(help: "How many levels below the region to print (default: all).")
    var depth: Int?

    func validate() throws {
        if let depth, depth < 0 { throw ValidationError("--depth must be 0 or more.") }
        if code != nil && search != nil { throw ValidationError("Give either a region code or --search, not both.") }
    }

    func run() async throws {
        let logger = try loggingOptions.logger(label: "lumbung.regions", default: .warning)
        let parsedCode: RegionCode?
        do {
            parsedCode = try code.map { try RegionCode($0) }
        } catch {
            throw CLIFailure.usage("\(error)")
        }
        let database = try await databaseOptions.openMigrated(logger: logger)
        let tree: RegionTree
        do {
            tree = try await RegionStore(database: database).fetchTree()
            await database.close()
        } catch {
            await database.close()
            throw error
        }
        if let search {
            let found = tree.search(search)
            guard !found.isEmpty else { throw CLIFailure.failure("No region matches '\(search)'.") }
            print(RegionListing.matches(found, in: tree), terminator: "")
            return
        }
        guard let root = parsedCode ?? tree.roots.first?.code else { throw CLIFailure.failure("The region table is empty.") }
        guard tree[root] != nil else { throw CLIFailure.failure(RegionLookupError.unknown(root).description) }
        print(RegionListing.tree(from: root, in: tree, depth: depth), terminator: "")
    }
}
