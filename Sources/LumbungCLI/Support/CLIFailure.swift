/// A command-line failure with the one line the user sees.
struct CLIFailure: Error, CustomStringConvertible {
    let description: String
    /// Usage errors exit with 2, everything else with 1.
    let isUsage: Bool

    static func usage(_ message: String) -> CLIFailure { CLIFailure(description: message, isUsage: true) }
    static func failure(_ message: String) -> CLIFailure { CLIFailure(description: message, isUsage: false) }
}
